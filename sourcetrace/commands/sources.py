"""`sourcetrace sources --db F [--name NAME]`: canonical sources across a corpus."""

from __future__ import annotations

import json

from .ingest import DEFAULT_DB


from ._db import open_or_report

def register(sub) -> None:
    p = sub.add_parser("sources", help="canonical sources in a corpus, with the names they appear under")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--name", help="only sources whose name or alias contains this")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--format", choices=["terminal", "json"], default="terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..corpus.query import sources

    con = open_or_report(args.db)
    if con is None:
        return 1
    rows = sources(con, name=args.name, limit=args.limit)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table("source", "type", "articles", "statements", "seen as")
    for s in rows:
        t.add_row(s["name"], s["type"] or "", str(s["n_articles"]), str(s["n_statements"]), "; ".join(s["aliases"][:5]))
    Console().print(t)
    return 0
