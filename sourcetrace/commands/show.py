"""`sourcetrace show CLAIM --db F`: a claim's trail, every report in time order."""

from __future__ import annotations

import json
import sys

from .ingest import DEFAULT_DB


from ._db import open_or_report

def register(sub) -> None:
    p = sub.add_parser("show", help="a claim's trail: every report in time order with outlet, source, stance")
    p.add_argument("claim", metavar="CLAIM", help="claim id (or a unique prefix)")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--format", choices=["terminal", "json"], default="terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from rich.markup import escape

    from ..corpus.query import trail

    con = open_or_report(args.db)
    if con is None:
        return 1
    c = trail(con, args.claim)
    if c is None:
        print(f"sourcetrace: no claim {args.claim!r} in {args.db}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(c, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console

    out = Console(highlight=False)
    out.print(f"[bold]{c['id']}[/]  {escape(c['label'])}")
    out.print(f"first seen {c['first_seen'] or 'undated'}; {c['n_reports']} report(s), {_outlets(c['n_outlets'])}; "
              f"supported by {c['independent_for']} independent source(s), denied by {c['independent_against']}")
    for r in c["reports"]:
        colour = {"supports": "green", "denies": "red"}.get(r["side"], "yellow")
        relay = f" [dim](relays {escape(r['article_relays'])})[/]" if r["article_relays"] else ""
        copy = " [dim](copy)[/]" if r["dup_group"] != r["article_id"] else ""
        where = r["outlet"] or (f"“{r['title'][:60]}”" if r.get("title") else f"article {r['article_id']}")
        out.print(f"  {r['date'] or 'undated'}  [bold]{escape(where)}[/]{relay}{copy}: "
                  f"{escape(r['source'] or '(unattributed)')} — {escape(r['cue'] or '')} → "
                  f"[{colour}]{escape(r['content'][:160])}[/] " + escape("[" + r["stance"] + "; " + r["side"] + "]"))
    if c.get("events"):
        out.print("[bold]events[/]")
        for e in c["events"]:
            colour = {"supports": "green", "denies": "red"}.get(e["side"], "yellow")
            out.print(f"  {e['date'] or '????-??-??'}  [bold]{escape(e['outlet'] or '?')}[/]: [{colour}]{escape(e['type'])}[/] "
                      f"{escape(e['actor'] or '?')} → {escape(e['target'] or '?')} “{escape(e['trigger'])}” "
                      + escape("[" + str(e["modality"]) + "]"))
    if c["contradictions"]:
        out.print("[bold red]contradictions[/]")
        for x in c["contradictions"]:
            out.print(f"  {escape(x['asserted_by'] or '?')} ({x['asserted_on'] or '?'}) asserts, "
                      f"{escape(x['denied_by'] or '?')} ({x['denied_on'] or '?'}) denies")
    return 0


def _outlets(n: int) -> str:
    return f"{n} outlet(s)" if n else "outlet unknown"
