"""HTML -> Article through trafilatura (body plus title, date, author, site name).

The analysed text is the headline on its own line followed by trafilatura's
body text (one paragraph a line); every offset refers to that text.
"""

from __future__ import annotations

import re

from ..model import Article, ArticleMeta, Span
from .text import BYLINE_RE, _next_line, apply_dateline

_HTML_RE = re.compile(r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*(?:<!doctype html|<html))", re.I | re.S)


def looks_like_html(s: str) -> bool:
    if _HTML_RE.match(s[:2000]):
        return True
    head = s[:200000].lower()
    return s.lstrip()[:1] == "<" and ("</p>" in head or "</div>" in head or "<meta" in head)


def extract(html: str, url: str | None = None, favor_recall: bool = True) -> dict:
    """trafilatura's body text and metadata as a dict ({} when nothing is found)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=favor_recall
    )
    if doc is None:
        return {}
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def article_from_html(html: str, id: str = "article", path: str | None = None, date: str | None = None, url: str | None = None) -> Article:
    meta_in = extract(html, url=url)
    body = (meta_in.get("text") or "").strip("\n")
    title = (meta_in.get("title") or "").strip() or None
    meta = ArticleMeta(input_format="html")
    if title and body and not body.startswith(title):
        text = f"{title}\n{body}"
        meta.title_span = Span.of(text, 0, len(title))
        body_start = len(title) + 1
    else:
        text, body_start = body, 0
        if title and body:
            meta.title_span = Span.of(text, 0, len(title))
    meta.title = title
    if meta_in.get("date"):
        meta.date, meta.date_source = str(meta_in["date"])[:10], "metadata"
    elif date:
        meta.date, meta.date_source = date, "option"
    meta.author = meta_in.get("author") or None
    meta.outlet = meta_in.get("sitename") or meta_in.get("hostname") or None
    meta.url = meta_in.get("url") or url
    lang = meta_in.get("language")
    if lang:
        meta.language = lang
    # byline / dateline at the start of the body, as in plain text
    bstart, bend = _next_line(text, body_start)
    bm = BYLINE_RE.match(text[bstart:bend])
    if bm:
        meta.author = meta.author or bm.group("who").strip()
        bstart, _ = _next_line(text, bend)
    apply_dateline(meta, text, bstart)
    return Article(id=id, path=path, text=text, meta=meta)
