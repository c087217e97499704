"""Print a random sample of a corpus database's contested claims, each with the statements on either side, for
judging by hand whether each is a genuine contradiction (the same proposition, asserted by one origin and denied
by another).

    python scripts/contested_sample.py news.db [--n 20] [--seed 11]

The project's figures in README "Claims" came from this script's samples, judged by hand."""
from __future__ import annotations

import argparse
import random
import sqlite3


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    ids = [r[0] for r in con.execute("SELECT id FROM claims WHERE contested = 1 AND kind = 'statement' ORDER BY id")]
    print(f"{len(ids)} contested claims; a sample of {min(args.n, len(ids))} (seed {args.seed})")
    random.seed(args.seed)
    for cid in random.sample(ids, min(args.n, len(ids))):
        print("==", cid)
        for stance, side, src, content in con.execute(
                "SELECT s.stance, cs.side, s.source_text, s.content FROM claim_statements cs "
                "JOIN statements s ON s.id = cs.statement_id WHERE cs.claim_id = ? AND cs.side IN ('supports', 'denies')",
                (cid,)):
            print(f"   {side:<8} {stance:<10} [{(src or '-')[:30]}] {content[:170]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
