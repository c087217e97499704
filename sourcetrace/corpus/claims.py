"""Statements about the same proposition -> claims.

A statement's proposition is its content (the words said, less negation and
reporting words); two propositions are compared by an IDF-like weighted
overlap of their stemmed content words, where a word's weight falls with its
frequency in English (wordfreq) so that names, places and numbers count most.
Statements are grouped by average-linkage over the pairs that share a
weighted word: a statement joins a group only when it is, on average, as
close to every member as the threshold asks (no chaining through one
loosely related statement).

The threshold and the mix of the two overlap measures were tuned on the
train part of ``sourcetrace/data/claims/pairs.jsonl`` (see ``sourcetrace
eval claims``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

THRESHOLD = 0.40
ALPHA = 0.5   # weight of containment (shared / smaller side) against Jaccard (shared / union)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
NEGATIONS = {"not", "no", "never", "n't", "nothing", "none", "neither", "nor", "cannot", "without"}
# words that say how something was said, not what: a denial and an assertion of one
# proposition must look alike
_REPORTING = {
    "said", "say", "says", "saying", "told", "tell", "tells", "according", "added", "claimed", "claim", "claims",
    "denied", "deny", "denies", "denying", "reported", "report", "reports", "alleged", "allegedly", "reportedly",
    "insisted", "stated", "state", "announced", "confirmed", "confirm", "believe", "believed", "think", "thinks",
    "false", "untrue", "baseless", "nonsense", "rejected", "rejects", "also", "would", "could", "may", "might",
    "will", "shall", "should", "must", "can", "had", "has", "have", "been", "being", "was", "were", "is", "are",
    "be", "do", "does", "did", "mr", "mrs", "ms", "dr",
}


@lru_cache(maxsize=1)
def _stop() -> frozenset:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | frozenset(_REPORTING)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _weight(word: str) -> float:
    from wordfreq import zipf_frequency

    if word[0].isdigit():
        return 4.0
    z = zipf_frequency(word, "en")
    return max(0.5, 7.0 - z)


def is_negated(text: str) -> bool:
    toks = {t.lower().replace("’", "'") for t in re.findall(r"[\w'’]+", text)}
    return bool(toks & NEGATIONS) or any(t.endswith("n't") for t in toks)


def features(text: str) -> dict[str, float]:
    """Stemmed content words of a proposition with their weights."""
    stop = _stop()
    out: dict[str, float] = {}
    stem = _stemmer()
    for tok in _TOKEN.findall(text):
        low = tok.lower().replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if low in stop or low in NEGATIONS or low.endswith("n't") or len(low) < 2 and not low.isdigit():
            continue
        key = low.replace(",", "") if low[0].isdigit() else stem.stemWord(low)
        w = _weight(low)
        if w > out.get(key, 0.0):
            out[key] = w
    return out


def similarity(a: dict[str, float], b: dict[str, float], alpha: float = ALPHA) -> float:
    if not a or not b:
        return 0.0
    shared = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
    if shared == 0:
        return 0.0
    union = sum(a.values()) + sum(b.values()) - shared
    smaller = min(sum(a.values()), sum(b.values()))
    jac = shared / union
    cont = shared / smaller
    # two different numbers make two propositions ("20 killed" vs "25 killed")
    na = {k for k in a if k[0].isdigit()}
    nb = {k for k in b if k[0].isdigit()}
    penalty = 0.5 if na and nb and not (na & nb) else 1.0
    return penalty * (alpha * cont + (1 - alpha) * jac)


@dataclass
class _Cluster:
    members: list[int] = field(default_factory=list)


def cluster(texts: list[str], threshold: float = THRESHOLD, alpha: float = ALPHA,
            min_weight: float = 2.5, max_df: int = 500) -> list[int]:
    """Cluster label (index of the cluster's first member) for each text; deterministic
    for a given order of ``texts``."""
    feats = [features(t) for t in texts]
    # candidate pairs: share a word of weight >= min_weight (names, places, rare words)
    index: dict[str, list[int]] = {}
    for i, f in enumerate(feats):
        for k, w in f.items():
            if w >= min_weight:
                index.setdefault(k, []).append(i)
    sims: dict[tuple[int, int], float] = {}
    for k, ids in index.items():
        if len(ids) > max_df:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                p = (ids[x], ids[y])
                if p not in sims:
                    sims[p] = similarity(feats[p[0]], feats[p[1]], alpha)

    def sim(i: int, j: int) -> float:
        p = (i, j) if i < j else (j, i)
        if p not in sims:
            sims[p] = similarity(feats[i], feats[j], alpha)
        return sims[p]

    label = list(range(len(texts)))
    members = {i: [i] for i in range(len(texts))}
    edges = sorted(((s, p) for p, s in sims.items() if s >= threshold), key=lambda e: (-e[0], e[1]))
    for _s, (i, j) in edges:
        a, b = label[i], label[j]
        if a == b:
            continue
        ma, mb = members[a], members[b]
        avg = sum(sim(x, y) for x in ma for y in mb) / (len(ma) * len(mb))
        if avg < threshold:
            continue
        keep, drop = (a, b) if a < b else (b, a)
        for x in members[drop]:
            label[x] = keep
        members[keep] = sorted(members[keep] + members.pop(drop))
    return label
