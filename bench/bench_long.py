"""Wall time and peak memory of ``sourcetrace.analyze`` on one very long text (issue 2 follow-up).

    nice -n 10 python bench/bench_long.py [--sizes 1000000 5000000] [--corpus ../shared/data/corpora/bbc]
                                          [--threshold N] [--chunk-size N] [--timeout S]

The text is built from the BBC corpus: the articles in sorted path order, joined
by blank lines, repeated if the corpus is too short, cut at the last paragraph
break before the size asked for (so it is one long plain text of news paragraphs).

Each size runs in a fresh child process, so the peak RSS reported (ru_maxrss)
is that run's own; it includes the loaded model (about 170 MB on its own).
The time is ``analyze`` alone (the model is loaded and warmed on a short text
first). ``--threshold 0`` turns chunking off (the whole text is one spaCy Doc, as
before chunked analysis existed); ``--timeout`` kills a run that takes too long.
The child also checks that every span of the result matches the text.
"""

from __future__ import annotations

import argparse
import inspect
import multiprocessing as mp
import platform
import queue
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_text(corpus: Path, size: int) -> str:
    files = sorted(corpus.rglob("*.txt"))
    files = [f for f in files if f.name != "SOURCE.txt"]
    if not files:
        raise SystemExit(f"bench_long: no .txt articles under {corpus}")
    parts: list[str] = []
    n = 0
    while n < size + 2:
        for f in files:
            t = f.read_bytes().decode("utf-8", errors="replace").strip()
            parts.append(t)
            n += len(t) + 2
            if n >= size + 2:
                break
    text = "\n\n".join(parts)[:size]
    cut = text.rfind("\n\n")
    return text[:cut] + "\n" if cut > size // 2 else text


def _child(size: int, corpus: str, threshold, chunk_size, q) -> None:
    from sourcetrace import core as sourcetrace
    from sourcetrace.nlp import get_nlp

    text = build_text(Path(corpus), size)
    nlp = get_nlp()
    sourcetrace.analyze("Police said on Monday that two men were arrested in Leeds.", nlp=nlp)
    kw = {}
    if threshold is not None:
        kw["chunk_threshold"] = threshold if threshold > 0 else len(text) + 1  # 0: never chunk
    if chunk_size is not None:
        kw["chunk_size"] = chunk_size
    if "chunk_threshold" not in inspect.signature(sourcetrace.analyze).parameters:
        kw = {}  # code from before chunked analysis: always one Doc
    t0 = time.perf_counter()
    a = sourcetrace.analyze(text, nlp=nlp, **kw)
    elapsed = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bad = 0
    d = a.to_dict()
    stack = [d]
    while stack:
        o = stack.pop()
        if isinstance(o, dict):
            if {"start", "end", "text"} <= o.keys() and a.text[o["start"]:o["end"]] != o["text"]:
                bad += 1
            stack.extend(v for k, v in o.items() if k != "text")
        elif isinstance(o, list):
            stack.extend(o)
    counts = {k: len(getattr(a, k)) for k in ("statements", "events", "dates", "places", "figures", "timeline", "boilerplate")}
    q.put((len(a.text), elapsed, rss, bad, counts, [n for n in a.article.notes if "chunk" in n]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "data" / "corpora" / "bbc"))
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 5_000_000])
    ap.add_argument("--threshold", type=int, default=None, help="chunk_threshold for analyze (0: never chunk)")
    ap.add_argument("--chunk-size", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per size before the run is killed")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"bench_long: corpus not found: {corpus}", file=sys.stderr)
        return 2
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    print(f"bench_long: commit {rev}; {platform.processor() or platform.machine()}, {mp.cpu_count()} cores; "
          f"threshold={args.threshold if args.threshold is not None else 'default'} chunk_size={args.chunk_size or 'default'}")
    print(f"{'chars':>10}{'seconds':>10}{'chars/s':>10}{'peak MB':>9}{'bad spans':>10}  counts / notes")
    ctx = mp.get_context("spawn")
    for size in args.sizes:
        q = ctx.Queue()
        p = ctx.Process(target=_child, args=(size, str(corpus), args.threshold, args.chunk_size, q))
        t0 = time.perf_counter()
        p.start()
        try:
            n, el, rss, bad, counts, notes = q.get(timeout=args.timeout)
        except queue.Empty:
            p.kill()
            p.join()
            print(f"{size:>10}  killed after {time.perf_counter() - t0:.0f} s (timeout)", flush=True)
            continue
        p.join()
        print(f"{n:>10}{el:>10.1f}{n / el:>10.0f}{rss:>9.0f}{bad:>10}  {counts} {notes}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
