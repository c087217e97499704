"""Helpers for the corpus tests: the Valmora fixture and a stand-in analyser built from its
hand-written statements (so the corpus layer is tested apart from statement extraction)."""

from __future__ import annotations

import json
from pathlib import Path

from sourcetrace.model import Analysis, Article, Source, Span, Statement

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
ARTICLES = FIXTURE / "valmora.jsonl"
GOLD = json.loads((FIXTURE / "valmora-statements.json").read_text(encoding="utf-8"))


def _find(text: str, s: str, after: int = 0) -> Span:
    i = text.find(s, after)
    assert i >= 0, f"{s!r} not in fixture text"
    return Span.of(text, i, i + len(s))


def gold_analyze(article: Article, **_kw) -> Analysis:
    """Analysis whose statements are the fixture's hand-written ones, found in the text."""
    text = article.text
    stmts = []
    for n, g in enumerate(GOLD[article.id]):
        content = _find(text, g["content"])
        cue_from = 0
        src = None
        if g.get("source"):
            sp = _find(text, g["source"], max(0, content.start - 400))
            src = Source(start=sp.start, end=sp.end, text=sp.text, named=g.get("named", False),
                         type=g.get("type", "unknown"), resolved=g.get("resolved"), anonymous=g.get("anonymous", False))
            cue_from = sp.end
        else:
            cue_from = content.end
        cue = _find(text, g["cue"], cue_from) if g["cue"] != "according to" else _find(text.lower(), "according to")
        cue = Span.of(text, cue.start, cue.end)
        stmts.append(Statement(id=f"s{n}", kind=g.get("kind", "indirect"), source=src, cue=cue, content=[content],
                               stance=g["stance"]))
    return Analysis(id=article.id, path=article.path, text=text, article=article.meta, statements=stmts)


def ingest_records(tmp_path: Path, recs: list[dict], name: str = "records") -> str:
    """Write ``recs`` as a JSONL file under ``tmp_path``, ingest it with the real analysis; the database's path."""
    from sourcetrace.corpus.ingest import ingest

    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    db = str(tmp_path / f"{name}.db")
    ingest([str(path)], db)
    return db
