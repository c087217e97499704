"""A rough check of quotation handling on BBC-style copy (paragraph breaks lost, so a quote that runs on
over several paragraphs reopens with a mark and closes only at its end): how many top-level statements
have a content that swallows another speaker's sentence (". Name said", ". Name added").

    python scripts/bbc_swallowed_quotes.py [N] [--corpus ../shared/data/corpora/bbc]

Takes every 7th article (all five sections) up to N (default 300). A heuristic count, not an accuracy."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SWALLOWED = re.compile(r"[.!?][\"”]?\s+(?:[A-Z][\w'-]+\s+){1,4}(said|added|told)\b")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=300)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "data" / "corpora" / "bbc"))
    args = ap.parse_args()
    import sourcetrace
    from sourcetrace.nlp import get_nlp

    files = sorted(Path(args.corpus).rglob("*.txt"))[::7][: args.n]
    nlp = get_nlp()
    n_st = n_bad = 0
    for f in files:
        a = sourcetrace.analyze(f.read_text(encoding="utf-8", errors="replace"), nlp=nlp)
        for s in a.statements:
            if s.nested_in:
                continue
            n_st += 1
            n_bad += any(SWALLOWED.search(c.text) for c in s.content)
    print(f"{len(files)} articles, {n_st} top-level statements, {n_bad} whose content swallows another "
          f"speaker's sentence ('. Name said')")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
