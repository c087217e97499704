"""Corpus store: schema and migrations, one transaction per article, idempotent re-ingest,
WAL, and an interrupted ingest (kill -9) that resumes to exactly the same database."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_helpers import ARTICLES, gold_analyze

REPO = Path(__file__).resolve().parent.parent

FTS_SHADOW = ("_data", "_idx", "_docsize", "_config", "_content")


def dump(db: str) -> dict:
    """Every row of every table (with its rowid), and FTS answers: the database's content."""
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
              if not r[0].startswith("sqlite_") and not r[0].endswith(FTS_SHADOW)]
    out = {}
    for t in tables:
        if t.endswith("_fts"):
            out[t] = sorted(r[0] for r in con.execute(f"SELECT rowid FROM {t} WHERE {t} MATCH 'said OR harbour OR leak'"))
        else:
            out[t] = sorted(tuple(r) for r in con.execute(f"SELECT rowid, * FROM {t}"))
    out["user_version"] = con.execute("PRAGMA user_version").fetchone()[0]
    con.close()
    return out


def test_schema_tables_migrations_wal(tmp_path):
    from sourcetrace.store.schema import SCHEMA_VERSION, connect, migrate

    db = str(tmp_path / "s.db")
    con = connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "outlets", "statements", "sources", "events", "figures", "places", "claims",
            "claim_statements", "contradictions", "dup_groups", "articles_fts", "statements_fts"} <= names
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert migrate(con) == SCHEMA_VERSION  # a second migrate is a no-op
    con.close()
    con = connect(db)  # reopening does not re-create anything
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    fks = {(r["table"], r["from"]) for r in con.execute("SELECT * FROM pragma_foreign_key_list('statements')")}
    assert ("articles", "article_id") in fks and ("sources", "source_id") in fks


def test_newer_schema_refused(tmp_path):
    from sourcetrace.store.schema import SCHEMA_VERSION, connect

    db = str(tmp_path / "n.db")
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(RuntimeError, match="newer"):
        connect(db)


def _prepared(article_id: str):
    from sourcetrace.ingest.jsonl import iter_jsonl
    from sourcetrace.store.writer import content_hash, prepare

    art = next(a for a in iter_jsonl(str(ARTICLES)) if a.id == article_id)
    return prepare(art, gold_analyze(art), content_hash(art))


def test_write_is_one_transaction_and_idempotent(tmp_path):
    from sourcetrace.store.schema import connect
    from sourcetrace.store.writer import write

    db = str(tmp_path / "w.db")
    con = connect(db)
    rec = _prepared("northernpost-0305")
    assert write(con, rec) is True
    assert write(con, rec) is False          # same content hash: nothing added
    assert con.execute("SELECT COUNT(*) FROM statements").fetchone()[0] == 4
    # a failure half-way through an article leaves nothing of it
    rec2 = _prepared("meridian-0303")
    rec2["statements"].append(dict(rec2["statements"][0]))   # duplicate primary key -> IntegrityError
    with pytest.raises(sqlite3.IntegrityError):
        write(con, rec2)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    assert con.execute("SELECT COUNT(*) FROM statements").fetchone()[0] == 4
    # full-text search over article text and statement content
    hits = con.execute("SELECT a.outlet_id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
                       "WHERE articles_fts MATCH 'Calder'").fetchall()
    assert [h[0] for h in hits] == ["northern-post"]
    hits = con.execute("SELECT s.source_text FROM statements_fts f JOIN statements s ON s.rowid = f.rowid "
                       "WHERE statements_fts MATCH 'divers'").fetchall()
    assert [h[0] for h in hits] == ["The port authority spokeswoman"]


def test_interrupted_ingest_resumes_to_same_db(tmp_path, monkeypatch):
    """An ingest stopped after two articles (before the cross-article tables are derived), then
    run again, ends with exactly the database of one uninterrupted run."""
    import sourcetrace.core
    from sourcetrace.corpus.ingest import ingest

    monkeypatch.setattr(sourcetrace.core, "analyze", gold_analyze)
    whole = str(tmp_path / "whole.db")
    ingest([str(ARTICLES)], whole)
    cut = str(tmp_path / "cut.db")
    seen = []

    def stop_after_two(res):
        seen.append(res[0])
        if seen.count("ok") == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([str(ARTICLES)], cut, on_result=stop_after_two)
    assert sqlite3.connect(cut).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
    s = ingest([str(ARTICLES)], cut)
    assert (s.ingested, s.present) == (2, 2)
    assert dump(cut) == dump(whole)


def _many_records(path: Path, n: int = 14) -> None:
    """n distinct articles (variants of the fixture under other outlets and dates)."""
    base = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            a = dict(base[i % len(base)])
            a["outlet"] = f"{a['outlet']} {i}"
            a["date"] = f"2026-03-{10 + i:02d}"
            a["text"] = a["text"] + f"\nThis report was updated {i + 1} times.\n"
            f.write(json.dumps(a) + "\n")


def _count(db: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        n = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        con.close()
        return n
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_equals_uninterrupted(tmp_path):
    """A real kill -9 of `sourcetrace ingest` (real analysis) in the middle of a run, then a re-run."""
    src = tmp_path / "many.jsonl"
    _many_records(src)
    cmd = [sys.executable, "-m", "sourcetrace", "ingest", str(src), "--no-progress", "-q", "--db"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    whole = str(tmp_path / "whole.db")
    subprocess.run(cmd + [whole], check=True, env=env, capture_output=True, timeout=300)
    killed = str(tmp_path / "killed.db")
    p = subprocess.Popen(cmd + [killed], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while _count(killed) < 3 and time.time() < deadline and p.poll() is None:
        time.sleep(0.05)
    assert p.poll() is None, "ingest finished before it could be killed"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    n = _count(killed)
    assert 3 <= n < 14
    r = subprocess.run(cmd + [killed], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert f"ingested {14 - n}, skipped as already present {n}, failed 0" in r.stdout
    assert dump(killed) == dump(whole)


def test_v1_database_is_migrated(tmp_path):
    """A database made by schema v1 (before events joined claims) is upgraded in place, its rows kept."""
    from sourcetrace.store import schema

    db = str(tmp_path / "old.db")
    con = sqlite3.connect(db)
    for stmt in schema._split(schema.MIGRATIONS[0]):
        con.execute(stmt)
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO claims (id, label, contested) VALUES ('c0', 'an old claim', 0)")
    con.commit()
    con.close()
    con = schema.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION >= 2
    assert dict(con.execute("SELECT id, label, kind FROM claims").fetchone()) == \
        {"id": "c0", "label": "an old claim", "kind": "statement"}
    assert con.execute("SELECT COUNT(*) FROM claim_events").fetchone()[0] == 0


def test_readers_query_while_a_write_is_open(tmp_path):
    """WAL: a reader sees the last committed state while an article is being written."""
    from sourcetrace.store.schema import connect
    from sourcetrace.store.writer import write

    db = str(tmp_path / "r.db")
    writer = connect(db)
    assert write(writer, _prepared("harbourwire-0302"))
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO outlets (id, name) VALUES ('x', 'Uncommitted Outlet')")
    reader = connect(db, readonly=True)
    assert reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    assert reader.execute("SELECT COUNT(*) FROM outlets WHERE id = 'x'").fetchone()[0] == 0
    writer.execute("COMMIT")
    assert reader.execute("SELECT COUNT(*) FROM outlets WHERE id = 'x'").fetchone()[0] == 1


def _reopened_at_version(tmp_path, version: int):
    """A database built by the first ``version`` migrations only (as an older sourcetrace left it), opened again by
    this one's :func:`connect`, which migrates it."""
    from sourcetrace.store import schema

    db = str(tmp_path / f"v{version}.db")
    con = sqlite3.connect(db)
    for m in schema.MIGRATIONS[:version]:
        for stmt in schema._split(m):
            con.execute(stmt)
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()
    return schema.connect(db)


def test_v3_database_gains_the_implicit_participant_columns(tmp_path):
    """v3 -> v4: events.actor_implicit / target_implicit added, old rows NULL, new rows written."""
    from sourcetrace.model import Actor, Analysis, Article, ArticleMeta, Event, Span
    from sourcetrace.store import schema
    from sourcetrace.store.writer import content_hash, prepare, write

    con = _reopened_at_version(tmp_path, 3)
    assert con.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION >= 4
    text = "The embassy was attacked in Kabul."
    ev = Event(id="e1", type="ASSAULT", trigger=Span.of(text, 16, 24),
               actor=Actor(**Span.of(text, 28, 33).model_dump(), code="AFG", implicit=True),
               target=Actor(**Span.of(text, 0, 11).model_dump(), code="AFG"))
    art = Article(id="a1", text=text)
    write(con, prepare(art, Analysis(id="a1", text=text, article=ArticleMeta(), events=[ev]), content_hash(art)))
    row = con.execute("SELECT actor, actor_implicit, target, target_implicit FROM events").fetchone()
    assert tuple(row) == ("Kabul", 1, "The embassy", 0)


def test_v4_database_gains_the_denied_by_column(tmp_path):
    """v4 -> v5: events.denied_by_ids added (old rows NULL); a new row keeps which of its statements deny it."""
    from sourcetrace.model import Analysis, Article, ArticleMeta, Event, Source, Span, Statement
    from sourcetrace.store import schema
    from sourcetrace.store.writer import content_hash, prepare, write

    con = _reopened_at_version(tmp_path, 4)
    assert con.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION >= 5
    text = "Rebels said the convoy was shelled. The army denied shelling it."
    st = [Statement(id="s1", kind="indirect", source=Source(**Span.of(text, 0, 6).model_dump(), named=False),
                    content=[Span.of(text, 12, 34)], stance="asserts"),
          Statement(id="s2", kind="indirect", source=Source(**Span.of(text, 36, 44).model_dump(), named=False),
                    content=[Span.of(text, 52, 63)], stance="denies")]
    ev = Event(id="e1", type="ASSAULT", trigger=Span.of(text, 27, 34), modality="denied",
               statements=["s1", "s2"], denied_by=["s2"])
    art = Article(id="a1", text=text)
    write(con, prepare(art, Analysis(id="a1", text=text, article=ArticleMeta(), statements=st, events=[ev]),
                       content_hash(art)))
    aid = con.execute("SELECT id FROM articles").fetchone()[0]
    row = con.execute("SELECT statement_ids, denied_by_ids, actor_resolved, target_resolved FROM events").fetchone()
    assert json.loads(row[0]) == [f"{aid}:s1", f"{aid}:s2"] and json.loads(row[1]) == [f"{aid}:s2"]
    assert row[2] is None and row[3] is None   # (no participants: the columns exist, empty)
