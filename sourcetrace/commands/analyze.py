"""`sourcetrace analyze PATH... [-]`: analyse articles, report for people or programs."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("analyze", help="analyse news articles (.txt, .html, .htm, .gz, or - for stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files to analyse; - reads stdin")
    p.add_argument("--format", choices=["terminal", "json", "jsonl"], default="terminal")
    p.add_argument("--date", help="article date YYYY-MM-DD when the input has none")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..core import analyze
    from ..ingest import read_input  # noqa

    failures = []
    results = []
    for path in args.paths:
        try:
            article = read_input(path, date=args.date)
            results.append(analyze(article, date=args.date))
        except Exception as e:  # noqa: BLE001
            failures.append((path, e))
            print(f"sourcetrace: {e}", file=sys.stderr)
    for a in results:
        print(a.to_json(indent=2 if args.format == "json" else None))
    return 1 if failures else 0
