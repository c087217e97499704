"""HTML -> Article through trafilatura (body plus title, date, author, site name)."""

from __future__ import annotations

import re

from ..model import Article
from .text import article_from_text

_HTML_RE = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)


def looks_like_html(s: str) -> bool:
    return bool(_HTML_RE.match(s[:1000])) or s.lstrip()[:1].startswith("<") and "</p>" in s[:200000].lower()


def article_from_html(html: str, id: str = "article", path: str | None = None, date: str | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    if doc is None:
        body, meta = "", {}
    else:
        meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        body = meta.get("text") or ""
    title = meta.get("title")
    text = f"{title}\n{body}" if title and body and not body.startswith(title) else body
    art = article_from_text(text, id=id, path=path, date=date)
    m = art.meta
    m.input_format = "html"
    if title:
        m.title = title
    if meta.get("date") and not date:
        m.date, m.date_source = str(meta["date"])[:10], "metadata"
    m.author = meta.get("author") or m.author
    m.outlet = meta.get("sitename") or meta.get("hostname") or m.outlet
    m.url = meta.get("url") or m.url
    return art
