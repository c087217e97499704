"""Corpus benchmark: ingest throughput with 1 and 2 jobs, peak memory, database size per 1,000 articles,
p95 latency of `claims --about` and `show`, all printed in one run.

    nice python bench/bench_corpus.py [../shared/data/corpora/bbc] [--jobs 1,2] [--limit N] [--workdir DIR]

Each ingest runs `sourcetrace ingest` as a child process into a fresh database; peak memory is the
largest total resident memory of that process and its workers (sampled from /proc every 0.1 s).
Query latencies are measured in-process on the 1-job database (the library functions the commands
call, no interpreter start-up), plus the whole command line for a few runs.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _rss_tree(root: int) -> int:
    """Total resident memory (bytes) of a process and its descendants."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(d))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status") as f:
                m = re.search(r"VmRSS:\s+(\d+) kB", f.read())
                total += int(m.group(1)) * 1024 if m else 0
        except OSError:
            pass
        stack.extend(children.get(pid, []))
    return total


def ingest(corpus: str, db: str, jobs: int, limit_dir: str | None, timeout: float) -> dict:
    cmd = [sys.executable, "-m", "sourcetrace", "ingest", limit_dir or corpus, "--db", db, "--jobs", str(jobs),
           "--no-progress", "-q", "--timeout", str(timeout)]
    t0 = time.perf_counter()
    # output to files, not pipes: a pipe nobody reads while we poll would fill and block the ingest
    with open(db + ".out", "w") as fo, open(db + ".err", "w") as fe:
        p = subprocess.Popen(cmd, stdout=fo, stderr=fe, text=True)
        peak = 0
        while p.poll() is None:
            peak = max(peak, _rss_tree(p.pid))
            time.sleep(0.1)
    dt = time.perf_counter() - t0
    out, err = Path(db + ".out").read_text(), Path(db + ".err").read_text()[-3000:]
    m = re.search(r"ingested (\d+), skipped as already present (\d+), failed (\d+)", out)
    if not m:
        raise SystemExit(f"ingest failed:\n{out}\n{err}")
    return {"jobs": jobs, "seconds": dt, "ingested": int(m.group(1)), "failed": int(m.group(3)), "peak": peak,
            "summary": out.strip().splitlines()}


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "data" / "corpora" / "bbc"))
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--limit", type=int, help="only N articles, every k-th of the sorted paths")
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--timeout", type=float, default=10.0, help="per-article analysis limit passed to ingest")
    ap.add_argument("--workdir", help="where the databases go (default: a temporary directory)")
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        print(f"bench_corpus: {args.corpus}: no such directory", file=sys.stderr)
        return 2
    work = Path(args.workdir or tempfile.mkdtemp(prefix="st-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    limit_dir = None
    files = sorted(p for p in Path(args.corpus).rglob("*.txt") if p.name not in ("README.TXT", "SOURCE.txt"))
    if args.limit and args.limit < len(files):
        step = len(files) / args.limit   # every k-th file: all five folders represented
        files = [files[int(i * step)] for i in range(args.limit)]
    sub = work / "input"
    if sub.exists():
        shutil.rmtree(sub)
    for f in files:  # symlinks: the same inputs for every run, without README/SOURCE files
        dst = sub / f.parent.name / f.name
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.symlink_to(f.resolve())
    limit_dir = str(sub)
    print(f"corpus: {args.corpus} ({len(files)} articles); cpu count {os.cpu_count()}; python {sys.version.split()[0]}")
    runs = []
    for jobs in [int(j) for j in args.jobs.split(",")]:
        db = work / f"bench-j{jobs}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        r = ingest(args.corpus, str(db), jobs, limit_dir, args.timeout)
        con = sqlite3.connect(db)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "statements", "sources", "claims", "contradictions", "dup_groups")}
        con.close()
        size = db.stat().st_size
        r.update(db=str(db), size=size, counts=counts)
        runs.append(r)
        print(f"ingest --jobs {jobs}: {r['ingested']} articles ({r['failed']} failed) in {r['seconds']:.1f}s = "
              f"{r['ingested'] / r['seconds']:.2f} articles/s; peak memory {r['peak'] / 2**20:.0f} MiB; "
              f"DB {size / 2**20:.1f} MiB = {size / 2**20 / max(1, r['ingested']) * 1000:.1f} MiB per 1,000 articles")
        print(f"   {counts}")
        for line in r["summary"][1:]:
            print(f"   {line}")
    # query latency on the first database
    sys.path.insert(0, str(REPO))
    from sourcetrace.corpus.query import claims, open_db, trail

    db = runs[0]["db"]
    con = open_db(db)
    rng = random.Random(1)
    titles = [r[0] for r in con.execute("SELECT title FROM articles WHERE title IS NOT NULL ORDER BY id")]
    words = [w for t in titles for w in re.findall(r"[A-Za-z]{5,}", t)]
    abouts = [" ".join(rng.sample(words, 1)) for _ in range(args.queries)]
    ids = [r[0] for r in con.execute("SELECT id FROM claims ORDER BY n_statements DESC, id LIMIT 500")]
    shows = [rng.choice(ids) for _ in range(args.queries)] if ids else []
    lat_about, lat_show = [], []
    for a in abouts:
        t0 = time.perf_counter()
        claims(con, about=a, limit=50)
        lat_about.append(time.perf_counter() - t0)
    for c in shows:
        t0 = time.perf_counter()
        trail(con, c)
        lat_show.append(time.perf_counter() - t0)
    print(f"claims --about (in-process, {len(lat_about)} queries): p50 {statistics.median(lat_about) * 1000:.1f} ms, "
          f"p95 {p95(lat_about) * 1000:.1f} ms")
    if lat_show:
        print(f"show CLAIM (in-process, {len(lat_show)} claims): p50 {statistics.median(lat_show) * 1000:.1f} ms, "
              f"p95 {p95(lat_show) * 1000:.1f} ms")
    cli_about, cli_show = [], []
    for a, c in list(zip(abouts, shows or [None] * len(abouts)))[:10]:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sourcetrace", "claims", "--db", db, "--about", a, "--format", "json"],
                       capture_output=True, check=True)
        cli_about.append(time.perf_counter() - t0)
        if c:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "sourcetrace", "show", c, "--db", db, "--format", "json"],
                           capture_output=True, check=True)
            cli_show.append(time.perf_counter() - t0)
    print(f"command line, with interpreter start-up ({len(cli_about)} runs): claims --about p95 "
          f"{p95(cli_about) * 1000:.0f} ms" + (f"; show p95 {p95(cli_show) * 1000:.0f} ms" if cli_show else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
