"""`sourcetrace ingest PATH... --db FILE`: analyse many articles into a corpus database."""

from __future__ import annotations

import sys

DEFAULT_DB = "sourcetrace.db"


def register(sub) -> None:
    p = sub.add_parser("ingest", help="analyse many articles (dirs, .txt/.html/.gz, WARC/ARC, RSS/Atom, JSONL) into a corpus DB")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (walked recursively)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite database, created on first use (default {DEFAULT_DB})")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--date", help="date YYYY-MM-DD for articles that have none")
    p.add_argument("--timeout", type=float, default=120.0,
                   help="seconds one article may take to analyse before it is skipped as failed (default 120; 0 = none)")
    p.add_argument("--rederive", action="store_true", help="recompute duplicates, sources and claims even if nothing new")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--quiet", "-q", action="store_true", help="do not print each failure, only the summary")
    p.set_defaults(func=run)


def run(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from ..corpus.ingest import expand, ingest

    err = Console(stderr=True, highlight=False)
    if not args.paths and not args.rederive:
        err.print("sourcetrace ingest: give at least one PATH (or --rederive)")
        return 2
    n_files = sum(1 for _ in expand(args.paths))
    show = not args.no_progress
    progress = Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
        TextColumn("{task.fields[n]} articles, {task.fields[rate]}/s"), TimeElapsedColumn(), TextColumn("ETA"),
        TimeRemainingColumn(), console=err, disable=not show, transient=False,
    )
    state = {"articles": 0}
    import time

    t0 = time.perf_counter()
    with progress:
        task = progress.add_task("ingest", total=n_files or None, n=0, rate="0.0")

        def on_result(res):
            done_file = res[0] == "done" or (res[0] in ("ok", "present", "failed") and _is_file_result(res))
            if res[0] in ("ok", "present"):
                state["articles"] += 1
            if res[0] == "failed" and not args.quiet:
                progress.console.print(f"sourcetrace: {res[1]}: {res[2]}", markup=False)
            dt = max(time.perf_counter() - t0, 1e-6)
            progress.update(task, advance=1 if done_file else 0, n=state["articles"],
                            rate=f"{state['articles'] / dt:.1f}")

        try:
            summary = ingest(args.paths, args.db, jobs=max(1, args.jobs), date=args.date, on_result=on_result,
                             timeout=args.timeout or None)
        except KeyboardInterrupt:
            err.print("interrupted: what was written is kept; run the same command again to resume")
            return 130
    if args.rederive and summary.derived is None:
        from ..corpus.derive import rederive
        from ..store.schema import connect

        con = connect(args.db)
        summary.derived = rederive(con)
        con.close()
    dt = time.perf_counter() - t0
    out = sys.stdout
    print(f"ingested {summary.ingested}, skipped as already present {summary.present}, "
          f"failed {len(summary.failed)} ({dt:.1f}s) -> {args.db}", file=out)
    if summary.failed:
        print("failures by reason:", file=out)
        for reason, n in summary.reasons():
            print(f"  {n:6d}  {reason}", file=out)
    if summary.derived:
        d = summary.derived
        print(f"corpus: {d['groups']} report groups (near-duplicates merged), {d['sources']} sources, "
              f"{d['claims']} claims, {d['contested']} contested", file=out)
    return 1 if summary.failed else 0


def _is_file_result(res) -> bool:
    """Results of single-file tasks advance the bar; records of WARC/feed/JSONL files advance it at 'done'."""
    if res[0] == "ok":
        art = res[1]["article"]
        return art["input_format"] in ("text", "html", None)
    if res[0] == "failed":
        return "#" not in res[1] and ":" not in res[1].rsplit("/", 1)[-1] and not res[1].lower().endswith(
            (".warc", ".warc.gz", ".arc", ".arc.gz", ".jsonl", ".ndjson", ".xml", ".rss", ".atom", ".rdf", ".json", ".feed"))
    return res[0] == "present" and "#" not in res[1] and ":" not in res[1].rsplit("/", 1)[-1]
