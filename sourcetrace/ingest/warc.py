"""WARC/ARC files -> Articles, one per HTML response (or resource) record, via warcio.

:func:`iter_warc` yields an :class:`~sourcetrace.model.Article` for every
HTML record and an :class:`IngestError` for a record (or the rest of a file)
that cannot be read: a malformed archive stops at the bad record, and every
good record before it is still yielded.  Non-HTML records (requests,
warcinfo, revisits, JSON, images) are not articles and are passed over.
"""

from __future__ import annotations

import re
from typing import Iterator, Union

from ..model import Article
from .errors import IngestError

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET_RE = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)


def is_warc_path(path: str) -> bool:
    p = path.lower()
    return p.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def _decode(body: bytes, content_type: str) -> tuple[str, str | None]:
    m = _CHARSET_RE.search(content_type or "")
    if m:
        try:
            return body.decode(m.group(1)), None
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace"), "not UTF-8: decoded as cp1252 with replacement"


def iter_warc(path: str) -> Iterator[Union[Article, IngestError]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from . import article_from_html

    try:
        fh = open(path, "rb")
    except OSError as e:
        yield IngestError(path, f"cannot open: {e.strerror or e}")
        return
    n_records = n_yielded = 0
    with fh:
        it = ArchiveIterator(fh, arc2warc=True)
        while True:
            try:
                rec = next(it)
            except StopIteration:
                break
            except ArchiveLoadFailed as e:
                msg = " ".join(str(e).split())[:160]
                where = f"after {n_records} record(s)" if n_records else "at the start"
                yield IngestError(path, f"malformed WARC/ARC {where}: {msg}")
                return
            except Exception as e:  # noqa: BLE001 - zlib/EOF errors inside a truncated archive
                yield IngestError(path, f"unreadable WARC/ARC after {n_records} record(s): {type(e).__name__}: {e}")
                return
            n_records += 1
            if rec.rec_type not in ("response", "resource"):
                continue
            if rec.rec_type == "response":
                ctype = rec.http_headers.get_header("Content-Type", "") if rec.http_headers else ""
            else:
                ctype = rec.rec_headers.get_header("Content-Type", "")
            if not ctype.lower().startswith(HTML_TYPES):
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
            try:
                body = rec.content_stream().read()
            except Exception as e:  # noqa: BLE001 - bad chunking / truncated gzip
                yield IngestError(f"{path}#{n_records}", f"unreadable record body ({uri}): {type(e).__name__}: {e}")
                continue
            # the offset is known only once the record was read (warcio reads to its end)
            offset = it.get_record_offset()
            rid = f"{path}#{offset}"
            if not body.strip():
                yield IngestError(rid, f"empty HTML record ({uri})")
                continue
            html, note = _decode(body, ctype)
            try:
                art = article_from_html(html, id=f"{_stem(path)}-{offset}", path=rid)
            except Exception as e:  # noqa: BLE001
                yield IngestError(rid, f"HTML extraction failed ({uri}): {e}")
                continue
            if not art.text.strip():
                yield IngestError(rid, f"no article text in HTML record ({uri})")
                continue
            n_yielded += 1
            meta = art.meta
            meta.input_format = "warc"
            meta.url = meta.url or uri or None
            wdate = rec.rec_headers.get_header("WARC-Date")
            if not meta.date and wdate:
                meta.date, meta.date_source = wdate[:10], "metadata"
            if note:
                meta.notes.append(note)
            yield art
    if n_yielded == 0 and n_records:
        yield IngestError(path, f"no HTML article among its {n_records} WARC/ARC record(s)")


def _stem(path: str) -> str:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    for ext in (".warc.gz", ".arc.gz", ".warc", ".arc"):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return name
