"""Ingest many inputs into a corpus database: parallel, streaming, resumable.

Inputs are expanded lazily (directories walked in sorted order); single
``.txt``/``.html``/``.gz`` files are read *in the worker* with
:func:`sourcetrace.ingest.read_input`; WARC/ARC, feeds and JSONL are split
into records in the main process by their readers.  Each worker process
loads the spaCy pipeline once (Pool initializer), checks the content hash
against the database (read-only, WAL) so stored articles are not analysed
again, runs :func:`sourcetrace.analyze` and returns prepared rows; the main
process writes each article in one transaction, in input order.  At most
``jobs * 4`` tasks are in flight, so memory stays flat however large the
input.  At the end the cross-article tables are recomputed
(:func:`sourcetrace.corpus.derive.rederive`).
"""

from __future__ import annotations

import os
import sqlite3
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional

from ..ingest.errors import IngestError
from ..model import Article

FILE_EXTS = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".txt.gz", ".html.gz", ".htm.gz", ".gz")


@dataclass
class Summary:
    ingested: int = 0
    present: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    derived: Optional[dict] = None

    def reasons(self) -> list[tuple[str, int]]:
        from collections import Counter

        c = Counter(_reason_kind(p) for _, p in self.failed)
        return c.most_common()


def _reason_kind(problem: str) -> str:
    """A failure's reason without the specifics (for the grouped summary)."""
    import re

    head = re.sub(r"\s*\([^)]*\)", "", problem).split(":", 1)[0]
    return re.sub(r"\d+(?:\.\d+)?", "N", head)[:70]


def _kind(path: str) -> str | None:
    from ..ingest.feeds import is_feed_path, is_json_feed
    from ..ingest.jsonl import is_jsonl_path
    from ..ingest.warc import is_warc_path

    if is_warc_path(path):
        return "warc"
    if is_jsonl_path(path):
        return "jsonl"
    if is_feed_path(path) or is_json_feed(path):
        return "feed"
    if path.lower().endswith(FILE_EXTS):
        return "file"
    return None


def expand(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(kind, path) for each input; directories walked recursively in sorted order;
    files in them of no known type (README, LICENSE, images) are passed over."""
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = os.path.join(root, name)
                    k = _kind(full)
                    if k:
                        yield k, full
        else:
            yield _kind(p) or "file", p


def tasks(paths: list[str], date: str | None = None) -> Iterator[tuple]:
    """Work items: ("path", path, date) | ("article", Article) | ("error", path, problem) | ("done",) per file."""
    from ..ingest.feeds import iter_feed
    from ..ingest.jsonl import iter_jsonl
    from ..ingest.warc import iter_warc

    readers = {"warc": iter_warc, "feed": iter_feed, "jsonl": iter_jsonl}
    for kind, path in expand(paths):
        if kind == "file":
            yield ("path", path, date)
            continue
        try:
            for item in readers[kind](path):
                if isinstance(item, IngestError):
                    yield ("error", item.path, item.problem)
                else:
                    if date and not item.meta.date:
                        item.meta.date, item.meta.date_source = date, "option"
                    yield ("article", item)
        except Exception as e:  # noqa: BLE001 - a reader bug must not stop the batch
            yield ("error", path, f"unreadable: {type(e).__name__}: {e}")
        yield ("done",)


# -- worker side ------------------------------------------------------------------------------
_W: dict = {}


class AnalysisTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise AnalysisTimeout()


def _init_worker(db: str, timeout: float | None = None) -> None:
    from ..nlp import get_nlp

    _W["nlp"] = get_nlp()
    _W["db"] = db
    _W["con"] = None
    _W["timeout"] = timeout


def _analyze_with_timeout(article: Article):
    """analyze() with a time limit (SIGALRM; tasks run in the worker's main thread), so one
    article that makes a component loop is reported and skipped instead of stalling the batch."""
    import signal

    from ..core import analyze

    timeout = _W.get("timeout")
    if not timeout or not hasattr(signal, "setitimer"):
        return analyze(article, nlp=_W.get("nlp"))
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return analyze(article, nlp=_W.get("nlp"))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _present(chash: str) -> bool:
    if _W.get("con") is None:
        from ..store.schema import connect

        _W["con"] = connect(_W["db"], readonly=True)
    return _W["con"].execute("SELECT 1 FROM articles WHERE content_hash = ?", (chash,)).fetchone() is not None


def work(task: tuple) -> tuple:
    """One task -> ("ok", rows) | ("present", path) | ("failed", path, problem) | ("done",)."""
    from ..store.writer import content_hash, prepare

    kind = task[0]
    if kind == "done":
        return ("done",)
    if kind == "error":
        return ("failed", task[1], task[2])
    try:
        if kind == "path":
            from ..ingest import read_input

            article: Article = read_input(task[1], date=task[2])
        else:
            article = task[1]
        label = article.path or article.id
        chash = content_hash(article)
        if _present(chash):
            return ("present", label)
        analysis = _analyze_with_timeout(article)
        return ("ok", prepare(article, analysis, chash))
    except IngestError as e:
        return ("failed", e.path, e.problem)
    except AnalysisTimeout:
        where = task[1] if kind == "path" else (task[1].path or task[1].id)
        return ("failed", where, f"analysis timed out after {_W.get('timeout')}s (skipped; a component may loop)")
    except Exception as e:  # noqa: BLE001 - one bad article never stops the batch
        where = task[1] if kind == "path" else (task[1].path or task[1].id)
        return ("failed", where, f"analysis failed: {type(e).__name__}: {e}")


# -- main side --------------------------------------------------------------------------------
DEFAULT_TIMEOUT = 120.0


def ingest(paths: list[str], db: str, *, jobs: int = 1, date: str | None = None,
           on_result: Callable[[tuple], None] | None = None, derive: bool = True,
           limit: int | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> Summary:
    """Ingest ``paths`` into ``db``; ``on_result`` sees every worker result (progress, messages)."""
    from ..store.schema import connect
    from ..store.writer import write
    from .derive import rederive

    con = connect(db)
    summary = Summary()

    def handle(res: tuple) -> None:
        if res[0] == "ok":
            if write(con, res[1]):
                summary.ingested += 1
            else:
                summary.present += 1
                res = ("present", res[1]["article"]["path"])
        elif res[0] == "present":
            summary.present += 1
        elif res[0] == "failed":
            summary.failed.append((res[1], res[2]))
        if on_result:
            on_result(res)

    it = tasks(paths, date)
    if limit is not None:
        import itertools

        it = itertools.islice(it, limit)
    try:
        if jobs <= 1:
            _init_worker(db, timeout)
            for t in it:
                handle(work(t))
        else:
            import multiprocessing as mp

            ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
            with ctx.Pool(jobs, initializer=_init_worker, initargs=(db, timeout)) as pool:
                window: deque = deque()
                cap = jobs * 4
                for t in it:
                    window.append(pool.apply_async(work, (t,)))
                    while len(window) >= cap:
                        handle(window.popleft().get())
                while window:
                    handle(window.popleft().get())
    finally:
        if _W.get("con") is not None:
            _W["con"].close()
            _W["con"] = None
    stale = con.execute("SELECT value FROM corpus_meta WHERE key = 'derived_stale'").fetchone()
    if derive and (stale is None or stale[0] != "0"):
        summary.derived = rederive(con)
    con.close()
    return summary


def db_counts(db: str) -> dict[str, int]:
    con = sqlite3.connect(db)
    out = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
           for t in ("articles", "statements", "sources", "claims", "contradictions")}
    con.close()
    return out
