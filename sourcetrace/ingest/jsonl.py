"""JSON Lines -> Articles: one object per line, ``{text or html, title, url, date, outlet}``.

Optional keys: ``id``, ``author``.  A line that is not a JSON object, or has
neither ``text`` nor ``html``, gives an :class:`IngestError` naming the file
and line; the other lines are kept.
"""

from __future__ import annotations

import json
import re
from typing import Iterator, Union

from ..model import Article
from .errors import IngestError

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_jsonl_path(path: str) -> bool:
    return path.lower().endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"))


def _open(path: str):
    if path.lower().endswith(".gz"):
        import gzip

        return gzip.open(path, "rb")
    return open(path, "rb")


def record_to_article(rec: dict, rid: str, default_id: str) -> Article:
    """One JSONL record -> Article; raises :class:`IngestError` for a bad one."""
    from . import article_from_html
    from .text import article_from_text

    text, html = rec.get("text"), rec.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        raise IngestError(rid, "record has neither 'text' nor 'html'")
    aid = str(rec.get("id") or default_id)
    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    if isinstance(text, str) and text.strip():
        if title and not text.lstrip().startswith(title.strip()):
            text = f"{title.strip()}\n\n{text}"
        art = article_from_text(text, id=aid, path=rid)
    else:
        art = article_from_html(html, id=aid, path=rid)
        if not art.text.strip():
            raise IngestError(rid, "no article text found in 'html'")
    m = art.meta
    m.input_format = "jsonl"
    if title:
        m.title = title.strip()
    for key in ("url", "outlet", "author"):
        if isinstance(rec.get(key), str) and rec[key].strip():
            setattr(m, key, rec[key].strip())
    date = rec.get("date")
    if isinstance(date, str) and date.strip():
        if _DATE_RE.match(date.strip()):
            m.date, m.date_source = date.strip()[:10], "metadata"
        else:
            import dateparser

            dt = dateparser.parse(date, settings={"DATE_ORDER": "YMD"})
            if dt:
                m.date, m.date_source = dt.strftime("%Y-%m-%d"), "metadata"
            else:
                m.notes.append(f"unparseable date {date!r} ignored")
    return art


def iter_jsonl(path: str) -> Iterator[Union[Article, IngestError]]:
    stem = path.rstrip("/").rsplit("/", 1)[-1].split(".", 1)[0]
    try:
        fh = _open(path)
    except OSError as e:
        yield IngestError(path, f"cannot open: {e.strerror or e}")
        return
    n = 0
    with fh:
        lineno = 0
        while True:
            try:
                raw = fh.readline()
            except (OSError, EOFError) as e:
                yield IngestError(path, f"unreadable after line {lineno}: {e}")
                return
            if not raw:
                break
            lineno += 1
            if not raw.strip():
                continue
            rid = f"{path}:{lineno}"
            try:
                rec = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield IngestError(rid, "line is not UTF-8")
                continue
            except json.JSONDecodeError as e:
                yield IngestError(rid, f"not valid JSON: {e.msg} (column {e.colno})")
                continue
            if not isinstance(rec, dict):
                yield IngestError(rid, f"expected a JSON object, got {type(rec).__name__}")
                continue
            try:
                yield record_to_article(rec, rid, f"{stem}-{lineno}")
                n += 1
            except IngestError as e:
                yield e
    if lineno == 0:
        yield IngestError(path, "empty JSONL file")
