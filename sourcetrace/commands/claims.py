"""`sourcetrace claims --db F [--about TEXT] [--source NAME] [--since DATE] [--contested]`."""

from __future__ import annotations

import json

from .ingest import DEFAULT_DB


from ._db import open_or_report

def register(sub) -> None:
    p = sub.add_parser("claims", help="claims in a corpus: who asserts, who denies, independent sources")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--about", metavar="TEXT", help="claims whose statements contain these words")
    p.add_argument("--source", metavar="NAME", help="claims with a statement by this source")
    p.add_argument("--since", metavar="DATE", help="claims reported on or after DATE (YYYY-MM-DD)")
    p.add_argument("--contested", action="store_true", help="only claims both asserted and denied")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", choices=["terminal", "json"], default="terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..corpus.query import claims

    con = open_or_report(args.db)
    if con is None:
        return 1
    rows = claims(con, about=args.about, source=args.source, since=args.since, contested=args.contested,
                  limit=args.limit)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console

    out = Console(highlight=False)
    if not rows:
        out.print("no claims match")
        return 0
    for c in rows:
        flag = "[bold red]CONTESTED[/] " if c["contested"] else ""
        out.print(f"{flag}[bold]{c['id']}[/]  {_esc(c['label'])[:200]}")
        out.print(f"   first seen {c['first_seen'] or 'undated'}; {c['n_reports']} report(s){' in ' if c['n_outlets'] else ', '}{_outlets(c['n_outlets'])}; "
                  f"{c['n_statements']} statement(s)")
        for line in _side_lines(c):
            out.print(line)
    return 0


def _side_lines(c: dict) -> list[str]:
    """Who asserts and who denies a claim; a claim whose statements only question it or take another stance says
    so (it had printed "asserted by — — 0 independent source(s)")."""
    lines = []
    if c.get("n_supporting", 1):
        lines.append(f"   [green]asserted[/] by {_who(c['asserted_by'])} — {c['independent_for']} independent source(s)")
    if c["n_denying"]:
        lines.append(f"   [red]denied[/] by {_who(c['denied_by'])} — {c['independent_against']} independent source(s)")
    if not lines:
        lines.append("   [dim]no statement asserts or denies it (they question it or take another stance)[/]")
    return lines


_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "who", "which", "that"}


def _who(names: list[str]) -> str:
    """Names as a list; a pronoun the analysis could not resolve says so ("He" alone reads like a name)."""
    shown = [f"“{n}” (unresolved)" if (n or "").strip().lower() in _PRONOUNS else _clip(n) for n in names[:6]]
    return _esc(", ".join(shown) + (f" and {len(names) - 6} more" if len(names) > 6 else "")) or "—"


def _clip(name: str, n: int = 60) -> str:
    """A source name as a list item: a mis-extracted source can run to a paragraph."""
    name = " ".join((name or "").split())
    return name if len(name) <= n else name[: n - 1].rstrip() + "…"


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(s or "")


def _outlets(n: int) -> str:
    return f"{n} outlet(s)" if n else "outlet unknown"
