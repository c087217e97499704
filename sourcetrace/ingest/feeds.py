"""RSS/Atom/RDF feeds (feedparser) and JSON Feed -> Articles, one per entry with text.

Each entry becomes an :class:`~sourcetrace.model.Article`: headline on the
first line, then the entry's content (or its summary when it has none),
HTML turned into plain paragraphs; ``meta`` gets title, link (url),
published/updated date, author and the feed's title as ``outlet``.

A feed that cannot be parsed and holds no entries gives one
:class:`IngestError` for the file; an ill-formed feed from which feedparser
still recovers entries keeps them (with a note).  An entry without any
text gives an :class:`IngestError` for that entry only.
"""

from __future__ import annotations

import json
import time
from typing import Iterator, Union

from ..model import Article
from .errors import IngestError

FEED_EXTS = (".rss", ".atom", ".rdf", ".xml", ".feed")
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "section", "article"}


def is_feed_path(path: str) -> bool:
    return path.lower().endswith(FEED_EXTS)


def is_json_feed(path: str) -> bool:
    if not path.lower().endswith(".json"):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(400).decode("utf-8", "replace")
    except OSError:
        return False
    return "jsonfeed.org/version" in head.replace("\\/", "/")


def html_fragment_to_text(fragment: str) -> str:
    """An HTML fragment (a feed entry's content) -> paragraphs of plain text.

    trafilatura is for whole pages and drops short fragments, so entries are
    flattened with lxml: block elements become paragraph breaks.
    """
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - unparseable markup: keep it as text
        return fragment.strip()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    text = root.text_content()
    paras = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(p for p in paras if p)


def _entry_article(path: str, idx: int, title: str | None, body_html: str | None, body_is_html: bool,
                   link: str | None, date: str | None, author: str | None, outlet: str | None, note: str | None,
                   stem: str) -> Union[Article, IngestError]:
    from .text import article_from_text

    rid = f"{path}#entry{idx}"
    body = html_fragment_to_text(body_html or "") if body_is_html else (body_html or "").strip()
    if not body:
        label = " ".join((title or link or "untitled").split())[:60]
        return IngestError(rid, f"feed entry {idx} ({label}) has no content or summary")
    title = " ".join((title or "").split()) or None
    text = f"{title}\n\n{body}\n" if title and not body.startswith(title) else body + "\n"
    art = article_from_text(text, id=f"{stem}-{idx}", path=rid)
    m = art.meta
    m.input_format = "feed"
    if title:
        m.title = title
    m.url = link or None
    if date:
        m.date, m.date_source = date, "metadata"
    m.author = author or m.author
    m.outlet = outlet or m.outlet
    if note:
        m.notes.append(note)
    return art


def _ymd(st) -> str | None:
    return time.strftime("%Y-%m-%d", st) if st else None


def iter_feed(path: str) -> Iterator[Union[Article, IngestError]]:
    if path.lower().endswith(".json"):
        yield from iter_json_feed(path)
        return
    import feedparser

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        yield IngestError(path, f"cannot open: {e.strerror or e}")
        return
    if not data.strip():
        yield IngestError(path, "empty feed file")
        return
    d = feedparser.parse(data)
    entries = d.get("entries") or []
    if not entries:
        if d.get("bozo"):
            exc = d.get("bozo_exception")
            yield IngestError(path, f"malformed feed, no entries recovered: {type(exc).__name__}: {exc}")
        else:
            yield IngestError(path, "feed has no entries")
        return
    note = None
    if d.get("bozo"):
        exc = d.get("bozo_exception")
        note = f"ill-formed feed, entries recovered by feedparser: {type(exc).__name__}: {exc}"
    outlet = (d.get("feed") or {}).get("title") or None
    stem = _stem(path)
    out = []
    for i, e in enumerate(entries):
        body, is_html = None, True
        contents = e.get("content") or []
        if contents:
            best = max(contents, key=lambda c: len(c.get("value") or ""))
            body, is_html = best.get("value"), "html" in (best.get("type") or "text/html")
        if not (body or "").strip():
            det = e.get("summary_detail") or {}
            body, is_html = e.get("summary"), "html" in (det.get("type") or "text/html")
        date = _ymd(e.get("published_parsed") or e.get("updated_parsed") or e.get("created_parsed"))
        out.append(_entry_article(path, i, e.get("title"), body, is_html, e.get("link"), date,
                                  e.get("author"), outlet, note, stem))
    if d.get("bozo") and all(isinstance(o, IngestError) for o in out):
        # an ill-formed feed from which no entry with text was recovered: one error for the file
        exc = d.get("bozo_exception")
        yield IngestError(path, f"malformed feed, no entry with text recovered: {type(exc).__name__}: {exc}")
        return
    yield from out


def iter_json_feed(path: str) -> Iterator[Union[Article, IngestError]]:
    """JSON Feed (jsonfeed.org) 1.x: items with content_html/content_text."""
    try:
        with open(path, "rb") as fh:
            d = json.loads(fh.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        yield IngestError(path, f"malformed JSON Feed: {e}")
        return
    items = d.get("items") if isinstance(d, dict) else None
    if not isinstance(items, list) or not items:
        yield IngestError(path, "JSON Feed has no items")
        return
    outlet = d.get("title")
    stem = _stem(path)
    for i, it in enumerate(items):
        if not isinstance(it, dict):
            yield IngestError(f"{path}#entry{i}", "JSON Feed item is not an object")
            continue
        if it.get("content_html"):
            body, is_html = it["content_html"], True
        elif it.get("content_text"):
            body, is_html = it["content_text"], False
        else:
            body, is_html = it.get("summary"), False
        date = (it.get("date_published") or it.get("date_modified") or "")[:10] or None
        author = (it.get("author") or {}).get("name") if isinstance(it.get("author"), dict) else None
        yield _entry_article(path, i, it.get("title"), body, is_html, it.get("url"), date, author, outlet, None, stem)


def _stem(path: str) -> str:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
