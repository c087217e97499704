"""`sourcetrace analyze PATH... [-]`: analyse articles, report for people or programs."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("analyze", help="analyse news articles (.txt, .html, .htm, .gz, or - for stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files to analyse; - reads stdin")
    p.add_argument("--format", choices=["terminal", "json", "jsonl"], default="terminal",
                   help="terminal report (default), one JSON document (one input), or JSON Lines (one line per input, in input order)")
    p.add_argument("--date", help="article date YYYY-MM-DD, used when the input has none")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report (with several inputs: FILE is a folder)")
    p.set_defaults(func=run)


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise SystemExit(f"sourcetrace: --date {value!r}: expected YYYY-MM-DD")


def run(args) -> int:
    from ..core import analyze
    from ..ingest import IngestError, read_bytes, read_input

    date = _check_date(args.date)
    fmt = args.format
    if fmt == "json" and len(args.paths) > 1:
        fmt = "jsonl"
        print("sourcetrace: several inputs: writing JSON Lines (one analysis per line)", file=sys.stderr)
    failures: list[tuple[str, str]] = []
    console = None
    if fmt == "terminal":
        from rich.console import Console

        console = Console()
    html_dir = None
    if args.html and len(args.paths) > 1:
        html_dir = Path(args.html)
        html_dir.mkdir(parents=True, exist_ok=True)

    for path in args.paths:
        try:
            if path == "-":
                article = read_bytes(sys.stdin.buffer.read(), name="stdin", date=date)
            else:
                article = read_input(path, date=date)
            analysis = analyze(article, date=date)
        except IngestError as e:
            failures.append((path, e.problem))
            print(f"sourcetrace: {path}: {e.problem}", file=sys.stderr)
            continue
        except Exception as e:  # noqa: BLE001 - one bad article must not stop a batch
            failures.append((path, f"analysis failed: {type(e).__name__}: {e}"))
            print(f"sourcetrace: {path}: analysis failed: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        if fmt == "terminal":
            from ..report.terminal import print_report

            print_report(analysis, console)
        elif fmt == "json":
            sys.stdout.write(analysis.to_json(indent=2) + "\n")
        else:
            sys.stdout.write(analysis.to_json() + "\n")
        sys.stdout.flush()
        if args.html:
            from ..report.html import render_html

            target = (html_dir / f"{analysis.id}.html") if html_dir else Path(args.html)
            target.write_text(render_html(analysis), encoding="utf-8")
            print(f"sourcetrace: HTML report written to {target}", file=sys.stderr)

    if failures:
        if len(args.paths) > 1:
            print(f"sourcetrace: {len(args.paths) - len(failures)} of {len(args.paths)} inputs analysed; {len(failures)} failed:", file=sys.stderr)
            for path, problem in failures:
                print(f"  {path}: {problem}", file=sys.stderr)
        return 1
    return 0
