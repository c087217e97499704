"""`sourcetrace export --db F --format jsonl|csv|parquet [--table T] [--out PATH]`."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from .ingest import DEFAULT_DB

TABLES = ["claims", "claim_statements", "claim_events", "contradictions", "statements", "sources", "articles", "outlets", "events",
          "figures", "places", "dup_groups"]


def register(sub) -> None:
    p = sub.add_parser("export", help="export a corpus's tables as JSON Lines, CSV or Parquet")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    p.add_argument("--table", choices=TABLES + ["all"], default="all")
    p.add_argument("--out", help="file (one table; '-' = stdout for jsonl/csv) or directory (all); "
                                 "default sourcetrace-export/")
    p.add_argument("--datasette-metadata", metavar="FILE",
                   help="write Datasette metadata (titles, labels, search) for this database to FILE and stop")
    p.set_defaults(func=run)


def _rows(con, table):
    drop = {"minhash", "analysis"} if table == "articles" else set()
    cur = con.execute(f"SELECT * FROM {table} ORDER BY 1")
    cols = [d[0] for d in cur.description if d[0] not in drop]
    for r in cur:
        yield {c: r[c] for c in cols}


def export_table(con, table: str, fmt: str, out) -> int:
    n = 0
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(_rows(con, table))
        cols = [d[1] for d in con.execute(f"PRAGMA table_info({table})") if d[1] not in ("minhash", "analysis")]
        tbl = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.string()) for c in cols})
        pq.write_table(tbl, out)
        return len(rows)
    close = False
    if isinstance(out, (str, Path)):
        out = open(out, "w", encoding="utf-8", newline="")
        close = True
    try:
        writer = None
        for row in _rows(con, table):
            if fmt == "jsonl":
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
            n += 1
    finally:
        if close:
            out.close()
    return n


def run(args) -> int:
    from ..corpus.query import open_db

    if args.datasette_metadata:
        from ..store.datasette import metadata

        Path(args.datasette_metadata).write_text(json.dumps(metadata(Path(args.db).stem), indent=2), encoding="utf-8")
        print(f"Datasette metadata -> {args.datasette_metadata}  (datasette {args.db} -m {args.datasette_metadata})",
              file=sys.stderr)
        return 0

    try:
        con = open_db(args.db)
    except FileNotFoundError as e:
        print(f"sourcetrace: {e}", file=sys.stderr)
        return 1
    tables = TABLES if args.table == "all" else [args.table]
    ext = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}[args.format]
    if len(tables) == 1 and args.out:
        if args.out == "-":
            if args.format == "parquet":
                print("sourcetrace: parquet needs --out FILE", file=sys.stderr)
                return 2
            export_table(con, tables[0], args.format, sys.stdout)
            return 0
        n = export_table(con, tables[0], args.format, args.out)
        print(f"{tables[0]}: {n} rows -> {args.out}", file=sys.stderr)
        return 0
    outdir = Path(args.out or "sourcetrace-export")
    outdir.mkdir(parents=True, exist_ok=True)
    for t in tables:
        n = export_table(con, t, args.format, outdir / f"{t}{ext}")
        print(f"{t}: {n} rows -> {outdir / (t + ext)}", file=sys.stderr)
    return 0
