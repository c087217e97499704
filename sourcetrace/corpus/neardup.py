"""Near-duplicate articles (syndicated copies of one wire story) by MinHash over word shingles.

datasketch's MinHash and MinHashLSH do the work; the signature of each
article is computed once when it is ingested (stored in ``articles.minhash``)
and the grouping is redone over the whole corpus at the end of an ingest.
"""

from __future__ import annotations

import re

import numpy as np

NUM_PERM = 64
SHINGLE = 5
SCHEME = "affine32"   # datasketch 2 default; fixed so stored signatures stay comparable
THRESHOLD = 0.7          # estimated Jaccard of 5-word shingles above which two articles are copies
_WORD = re.compile(r"\w+", re.U)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def signature(text: str) -> bytes:
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return m.hashvalues.astype("<u8").tobytes()


def _minhash(blob: bytes):
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(blob, dtype="<u8"))


def group(items: list[tuple[str, bytes]], threshold: float = THRESHOLD) -> dict[str, str]:
    """``(article_id, signature)`` -> {article_id: group root}; root = smallest id in a group
    (callers pick the group's display id)."""
    from datasketch import MinHashLSH

    items = sorted(items)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = {}
    parent = {aid: aid for aid, _ in items}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for aid, blob in items:
        if not blob:
            continue
        mh = _minhash(blob)
        for other in lsh.query(mh):
            if mh.jaccard(hashes[other]) >= threshold:
                ra, rb = find(aid), find(other)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        lsh.insert(aid, mh)
        hashes[aid] = mh
    return {aid: find(aid) for aid, _ in items}
