"""Time of each pipeline component, one document at a time, next to the base model's own components.

    python bench/bench_components.py [--corpus ../shared/data/corpora/bbc] [--n 150]

Runs the full sourcetrace pipeline component by component (after a warm-up of 5 documents) and
prints each component's seconds and its share of the base ``en_core_web_sm`` components' total,
so that a change in the ratio of ``bench_analyze.py`` can be traced to a stage.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "data" / "corpora" / "bbc"))
    ap.add_argument("--n", type=int, default=150)
    args = ap.parse_args()
    files = sorted(Path(args.corpus).rglob("*.txt"))[: args.n]
    if not files:
        print(f"bench: no .txt files under {args.corpus}", file=sys.stderr)
        return 2
    texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]

    import sourcetrace
    from sourcetrace.nlp import get_nlp

    nlp = get_nlp()
    for t in texts[:5]:
        sourcetrace.analyze(t, nlp=nlp)
    spent: dict[str, float] = defaultdict(float)
    for t in texts:
        doc = nlp.make_doc(t)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - t0
    base = sum(v for k, v in spent.items() if not k.startswith("sourcetrace"))
    print(f"bench_components: {len(texts)} articles from {args.corpus}")
    print(f"{'component':<28}{'seconds':>9}{'x base':>9}")
    for name, v in spent.items():
        print(f"{name:<28}{v:9.2f}{v / base:9.2f}")
    total = sum(spent.values())
    print(f"{'all':<28}{total:9.2f}{total / base:9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
