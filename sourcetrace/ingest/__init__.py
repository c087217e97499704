"""Ingest: files, strings and streams -> :class:`sourcetrace.model.Article`.

Everything here does I/O or decoding; :func:`sourcetrace.analyze` does none.
"""

from .errors import IngestError
from .text import article_from_text
from .html import article_from_html, looks_like_html


def article_from_string(s: str, id: str = "article", path: str | None = None):
    """A string of plain text or HTML -> Article (no I/O)."""
    if looks_like_html(s):
        return article_from_html(s, id=id, path=path)
    return article_from_text(s, id=id, path=path)


__all__ = ["IngestError", "article_from_string", "article_from_text", "article_from_html", "looks_like_html"]
