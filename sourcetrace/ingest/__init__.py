"""Ingest: files, strings and streams -> :class:`sourcetrace.model.Article`.

Everything here does I/O or decoding; :func:`sourcetrace.analyze` does none.

- :func:`read_input` (a path, or ``-`` for stdin) and :func:`read_bytes`
  read ``.txt`` / ``.html`` / ``.htm`` inputs, optionally gzip-compressed,
  and raise :class:`IngestError` (one line: the input and the problem) for
  empty, binary, over-large, unsupported, unreadable, broken or non-English input.
- :func:`decode_bytes` is the shared text decoder (BOM, UTF-8, cp1252, charset-normalizer).
"""

from .errors import IngestError
from .files import decode_bytes, check_english, read_bytes, read_input
from .html import article_from_html, looks_like_html
from .text import article_from_text


def article_from_string(s: str, id: str = "article", path: str | None = None):
    """A string of plain text or HTML -> Article (no I/O, no checks)."""
    if looks_like_html(s):
        return article_from_html(s, id=id, path=path)
    return article_from_text(s, id=id, path=path)


__all__ = [
    "IngestError",
    "read_input",
    "read_bytes",
    "decode_bytes",
    "check_english",
    "article_from_string",
    "article_from_text",
    "article_from_html",
    "looks_like_html",
]
