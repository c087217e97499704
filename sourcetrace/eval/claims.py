"""`sourcetrace eval claims`: pairwise precision, recall and F1 of claim clustering.

The labelled pairs (``sourcetrace/data/claims/pairs.jsonl``, guidelines in
``docs/claim-pair-guidelines.md``) hold ids and character offsets only: each
pair names two spans, ``{"doc", "start", "end"}``, in the BBC corpus
(``../shared/data/corpora/bbc``, doc ``bbc/<folder>/<NNN>``) or in the
project's own fixture articles (doc ``fixture/<article id>``), and a label:
1 = the same proposition, 0 = not.  Each pair also keeps a short hash of both
span texts, so a changed corpus is detected instead of scored.

The spans of one split are clustered together with
:func:`sourcetrace.corpus.claims.cluster` (as the corpus does with statement
contents), and a pair is predicted "same" when both spans land in one
cluster.  ``train`` is for tuning (``--tune``), ``test`` is held apart for
reporting.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

PAIRS = Path(__file__).resolve().parent.parent / "data" / "claims" / "pairs.jsonl"
FIXTURE = Path(__file__).resolve().parent.parent.parent / "tests" / "fixtures" / "corpus" / "valmora.jsonl"
DEFAULT_BBC = "../shared/data/corpora/bbc"


def register(sub) -> None:
    p = sub.add_parser("claims", help="pairwise P/R/F1 of claim clustering on the labelled statement pairs")
    p.add_argument("bbc", nargs="?", default=DEFAULT_BBC, help=f"BBC corpus directory (default {DEFAULT_BBC})")
    p.add_argument("--pairs", default=str(PAIRS))
    p.add_argument("--split", choices=["train", "test", "all"], default="test")
    p.add_argument("--tune", action="store_true", help="grid-search threshold and alpha on the train split")
    p.add_argument("--cv", type=int, metavar="REPEATS",
                   help="cross-validate on the train split only: 5 stratified folds, REPEATS times; the grid of "
                        "--tune is searched on 4 folds and the 5th is scored (the test split is not read)")
    p.add_argument("--errors", action="store_true", help="print the pairs the clustering gets wrong")
    p.add_argument("--sample", type=int, metavar="N", help="(labelling) print N candidate sentence pairs as JSONL")
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(func=run)


def span_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


class Docs:
    """Texts by doc id: BBC files decoded as UTF-8 (cp1252 for the one that is not), fixture articles."""

    def __init__(self, bbc_dir: str):
        self.root = Path(bbc_dir)
        if (self.root / "bbc").is_dir():
            self.root = self.root / "bbc"
        self.cache: dict[str, str] = {}
        self.fixture = {}
        if FIXTURE.exists():
            for line in FIXTURE.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                self.fixture[rec["id"]] = rec["text"]

    def text(self, doc: str) -> str:
        if doc not in self.cache:
            if doc.startswith("fixture/"):
                self.cache[doc] = self.fixture[doc.split("/", 1)[1]]
            else:
                data = (self.root / (doc.split("/", 1)[1] + ".txt")).read_bytes()
                try:
                    self.cache[doc] = data.decode("utf-8")
                except UnicodeDecodeError:
                    self.cache[doc] = data.decode("cp1252")
        return self.cache[doc]

    def span(self, ref: dict) -> str:
        return self.text(ref["doc"])[ref["start"]:ref["end"]]


def load_pairs(path: str, docs: Docs) -> list[dict]:
    pairs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        p = json.loads(line)
        for side in ("a", "b"):
            t = docs.span(p[side])
            if span_hash(t) != p[side]["sha1"]:
                raise ValueError(f"pair {p['id']}: span {p[side]} does not match its hash (corpus changed?)")
            p[side]["text"] = t
        pairs.append(p)
    return pairs


_FEATS: dict = {}


def score(pairs: list[dict], threshold: float | None = None, alpha: float | None = None,
          beta: float | None = None) -> dict:
    from ..corpus import claims as cm

    keys = sorted({(r["doc"], r["start"], r["end"]) for p in pairs for r in (p["a"], p["b"])})
    idx = {k: i for i, k in enumerate(keys)}
    texts = [""] * len(keys)
    for p in pairs:
        for r in (p["a"], p["b"]):
            texts[idx[(r["doc"], r["start"], r["end"])]] = r["text"]
    key = tuple(texts)
    if key not in _FEATS:
        _FEATS.clear()
        _FEATS[key] = [cm.features(t) for t in texts]
    labels = cm.cluster(texts, threshold=cm.THRESHOLD if threshold is None else threshold,
                        alpha=cm.ALPHA if alpha is None else alpha, beta=beta, feats=_FEATS[key])
    tp = fp = fn = tn = 0
    wrong = []
    for p in pairs:
        ia = idx[(p["a"]["doc"], p["a"]["start"], p["a"]["end"])]
        ib = idx[(p["b"]["doc"], p["b"]["start"], p["b"]["end"])]
        pred = int(labels[ia] == labels[ib])
        gold = p["label"]
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += (not gold) and (not pred)
        if pred != gold:
            wrong.append((p, pred))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"pairs": len(pairs), "positive": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": prec, "recall": rec, "f1": f1, "wrong": wrong}


GRID = [(t / 100, a, b) for t in range(20, 71, 2) for a in (0.0, 0.25, 0.5, 0.75, 1.0) for b in (0.0, 0.25, 0.5, 0.75)]


def tune(pairs: list[dict]):
    """(f1, threshold, alpha, beta, result) of the best grid point on ``pairs`` (first best wins)."""
    best = None
    for t, a, b in GRID:
        r = score(pairs, t, a, b)
        if best is None or r["f1"] > best[0]:
            best = (r["f1"], t, a, b, r)
    return best


def cv_folds(pairs: list[dict], k: int, seed: int) -> dict[str, int]:
    """Fold of each pair id: positives and negatives each dealt round-robin in an order fixed by a
    hash of (seed, id), so every fold holds the same share of same-proposition pairs."""
    folds = {}
    for label in (0, 1):
        ids = sorted((p["id"] for p in pairs if p["label"] == label),
                     key=lambda i: hashlib.md5(f"{seed}:{i}".encode()).hexdigest())
        for n, i in enumerate(ids):
            folds[i] = n % k
    return folds


def cross_validate(train: list[dict], repeats: int, k: int = 5) -> int:
    """Honest train figure: the in-sample train score flatters the tuned parameters; here each fold
    is scored with the parameters tuned on the other folds, and the counts are pooled."""
    tp = fp = fn = 0
    for seed in range(repeats):
        folds = cv_folds(train, k, seed)
        for f in range(k):
            _f1, t, a, b, _r = tune([p for p in train if folds[p["id"]] != f])
            r = score([p for p in train if folds[p["id"]] == f], t, a, b)
            tp, fp, fn = tp + r["tp"], fp + r["fp"], fn + r["fn"]
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"claims train {k}-fold CV x{repeats}: P={prec:.3f} R={rec:.3f} F1={f1:.3f}  (pooled tp={tp} fp={fp} fn={fn})")
    return 0


def run(args) -> int:
    bbc = Path(args.bbc)
    if not bbc.exists():
        print(f"sourcetrace eval claims: {bbc}: no such directory (the BBC corpus, ../shared/data/corpora/bbc)",
              file=sys.stderr)
        return 2
    docs = Docs(str(bbc))
    if args.sample:
        return sample(docs, args.sample, args.seed)
    pairs = load_pairs(args.pairs, docs)
    if args.cv:
        return cross_validate([p for p in pairs if p["split"] == "train"], args.cv)
    if args.tune:
        train = [p for p in pairs if p["split"] == "train"]
        f1, t, a, b, r = tune(train)
        print(f"best on train ({r['pairs']} pairs): threshold={t:.2f} alpha={a:.2f} beta={b:.2f}  "
              f"P={r['precision']:.3f} R={r['recall']:.3f} F1={f1:.3f}")
        return 0
    splits = ["train", "test"] if args.split == "all" else [args.split]
    for sp in splits:
        sel = [p for p in pairs if p["split"] == sp]
        r = score(sel)
        print(f"claims {sp}: {r['pairs']} pairs ({r['positive']} same-proposition)  "
              f"P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}  (tp={r['tp']} fp={r['fp']} fn={r['fn']} tn={r['tn']})")
        if args.errors:
            for p, pred in r["wrong"]:
                print(f"  {p['id']} gold={p['label']} pred={pred}\n    A: {p['a']['text']}\n    B: {p['b']['text']}")
    return 0


# -- candidate sampling for labelling -------------------------------------------------------------
# a sentence ends at . ! ? (and a closing quote) before white space and a capital or an opening quote
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’]?(?=\s+[A-Z\"“‘'])|\n")


def sentences(text: str, min_words: int = 8):
    start = 0
    for m in list(_BOUNDARY.finditer(text)) + [None]:
        end = m.end() if m else len(text)
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if len(text[s:e].split()) >= min_words:
            yield s, e
        start = end


def sample(docs: Docs, n: int, seed: int) -> int:
    """Candidate pairs of sentences from different BBC articles, by TF-IDF cosine (a measure apart
    from the one under test), drawn from three bands so that easy and hard cases both appear."""
    import random

    import numpy as np

    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        print("sourcetrace eval claims --sample: needs scikit-learn (pip install scikit-learn)", file=sys.stderr)
        return 2

    refs, texts = [], []
    for folder in sorted(p.name for p in docs.root.iterdir() if p.is_dir()):
        for f in sorted((docs.root / folder).glob("*.txt")):
            doc = f"bbc/{folder}/{f.stem}"
            t = docs.text(doc)
            for s, e in sentences(t):
                refs.append({"doc": doc, "start": s, "end": e})
                texts.append(t[s:e])
    vec = TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True)
    X = vec.fit_transform(texts)
    bands = {"high": [], "mid": [], "low": []}
    seen = set()
    for start in range(0, X.shape[0], 2000):
        sims = (X[start:start + 2000] @ X.T).toarray()
        for i in range(sims.shape[0]):
            gi = start + i
            row = sims[i]
            row[gi] = 0
            for j in np.argsort(-row)[:3]:
                a, b = sorted((gi, int(j)))
                s = float(row[j])
                if refs[a]["doc"] == refs[b]["doc"] or texts[a] == texts[b] or (a, b) in seen:
                    continue
                seen.add((a, b))
                band = "high" if s >= 0.6 else "mid" if s >= 0.4 else "low" if s >= 0.25 else None
                if band:
                    bands[band].append((a, b))
    rng = random.Random(seed)
    picked = []
    for band, share in (("high", 0.4), ("mid", 0.4), ("low", 0.2)):
        pool = bands[band]
        rng.shuffle(pool)
        picked += pool[: int(n * share)]
    rng.shuffle(picked)
    for a, b in picked:
        ra = dict(refs[a], sha1=span_hash(texts[a]))
        rb = dict(refs[b], sha1=span_hash(texts[b]))
        print(json.dumps({"a": ra, "b": rb, "ta": texts[a], "tb": texts[b]}, ensure_ascii=False))
    return 0
