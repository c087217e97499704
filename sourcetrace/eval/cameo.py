"""`sourcetrace eval cameo [DIR]`: CAMEO quad class and source/target spans on
the ConfliBERT CAMEO data (``../shared/data/events/cameo-conflibert``).

- ``cameo_class_train.tsv``: sentence TAB class (0 statements/appeals,
  1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
  4 material conflict) → 5-fold stratified cross-validated accuracy of a
  logistic regression over word n-grams plus the rule extractor's output
  (CAMEO codes / PLOVER types of the events it finds);
- ``cameo_ner_train.txt``: one token and BIO tag (S source, T target,
  R reciprocal) a line, blank line between sentences → 5-fold CV span F1
  (exact span and label) of a CRF (python-crfsuite) over parse features and
  the rule extractor's actor/target spans.

Both models are trained inside each fold only and are not used at analyze
time (the pipeline's events come from the dictionaries alone).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

DEFAULT = Path("../shared/data/events/cameo-conflibert")
SEED = 13


def read_class(path: Path) -> list[tuple[str, int]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        out.append((text, int(label)))
    return out


def read_bio(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sents.append((words, tags))
                words, tags = [], []
            continue
        w, _, t = line.rpartition(" ")
        words.append(w or line)
        tags.append(t if t else "O")
    if words:
        sents.append((words, tags))
    return sents


# ----------------------------------------------------------------- features


def _rule_features(doc) -> dict[str, float]:
    from ..extract.events import extract, quad_class

    f: dict[str, float] = {}
    evs = extract(doc)
    best = None
    for ev in evs:
        q = quad_class(ev.code)
        d = ev.depth
        f[f"ev_type={ev.type}"] = 1.0
        f[f"ev_q={q}"] = f.get(f"ev_q={q}", 0.0) + 1.0
        f[f"ev_c2={ev.code[:2]}"] = 1.0
        if best is None or d < best[0]:
            best = (d, ev, q)
    if best:
        _, ev, q = best
        f[f"main_q={q}"] = 1.0
        f[f"main_type={ev.type}"] = 1.0
        f[f"main_code={ev.code[:3]}"] = 1.0
        f[f"main_mod={ev.modality}"] = 1.0
    else:
        f["no_event"] = 1.0
    root = next((t for t in doc if t.head.i == t.i), None)
    if root is not None:
        f[f"root={root.lemma_.lower()}"] = 1.0
        for c in root.children:
            if c.dep_ in ("dobj", "xcomp", "ccomp", "prep"):
                f[f"root_{c.dep_}={c.lemma_.lower()}"] = 1.0
    for t in doc:
        if t.pos_ == "VERB":
            f[f"verb={t.lemma_.lower()}"] = 1.0
        if t.dep_ == "neg":
            f["neg"] = 1.0
        if t.lower_ in ("will", "would", "could", "may", "might"):
            f["modal"] = 1.0
    return f


def _token_features(doc, ev_spans: dict[int, str]) -> list[dict]:
    feats = []
    n = len(doc)
    root = next((t for t in doc if t.head.i == t.i), doc[0])
    for t in doc:
        f = {
            "b": 1.0,
            "w=" + t.lower_: 1.0,
            "lem=" + t.lemma_.lower(): 1.0,
            "pos=" + t.pos_: 1.0,
            "tag=" + t.tag_: 1.0,
            "dep=" + t.dep_: 1.0,
            "hdep=" + t.head.dep_: 1.0,
            "hpos=" + t.head.pos_: 1.0,
            "hlem=" + t.head.lemma_.lower(): 1.0,
            "shape=" + t.shape_[:4]: 1.0,
            "ent=" + (t.ent_iob_ + t.ent_type_): 1.0,
            "side=" + ("L" if t.i < root.i else "R" if t.i > root.i else "0"): 1.0,
            "rule=" + ev_spans.get(t.i, "O"): 1.0,
        }
        # the dependency label of the ancestor just under the root
        a = t
        hops = 0
        while a.head.i != a.i and a.head.i != root.i and hops < 20:
            a = a.head
            hops += 1
        f["top=" + (a.dep_ if a.i != root.i else "ROOT")] = 1.0
        if a.dep_ == "prep":
            f["topprep=" + a.lower_] = 1.0
        # the preposition (if any) this token's phrase hangs from, and what that attaches to
        b = t
        hops = 0
        while b.dep_ not in ("pobj",) and b.head.i != b.i and hops < 6 and b.dep_ in ("compound", "amod", "det", "poss", "nummod", "case", "pobj", "flat", "appos", "conj", "cc"):
            b = b.head
            hops += 1
        if b.dep_ == "pobj":
            f["prep=" + b.head.lower_] = 1.0
            f["prephead=" + b.head.head.pos_ + ":" + b.head.lower_] = 1.0
        f["hh=" + t.head.head.lemma_.lower()] = 1.0
        f["npdep=" + b.dep_] = 1.0
        f["title"] = float(t.is_title)
        for k in (-2, -1, 1, 2):
            j = t.i + k
            if 0 <= j < n:
                u = doc[j]
                f[f"{k}:w=" + u.lower_] = 1.0
                f[f"{k}:pos=" + u.pos_] = 1.0
                f[f"{k}:rule=" + ev_spans.get(j, "O")] = 1.0
            else:
                f[f"{k}:edge"] = 1.0
        feats.append(f)
    return feats


def _rule_spans(doc) -> dict[int, str]:
    from ..extract.events import extract

    out: dict[int, str] = {}
    evs = sorted(extract(doc), key=lambda e: e.depth)
    for ev in evs[:2]:
        for role, toks in (("S", ev.actor), ("T", ev.target)):
            for k, t in enumerate(toks or []):
                out.setdefault(t.i, ("B-" if k == 0 else "I-") + role)
        out.setdefault(ev.trigger.i, "TRIG")
    return out


def _spans(tags: list[str], labels=("S", "T")) -> set[tuple[str, int, int]]:
    out, cur = set(), None
    for i, tg in enumerate(tags + ["O"]):
        if tg.startswith("B-") or tg == "O" or (tg.startswith("I-") and (cur is None or cur[0] != tg[2:])):
            if cur is not None and cur[0] in labels:
                out.add((cur[0], cur[1], i))
            cur = (tg[2:], i) if tg[:2] in ("B-", "I-") else None
    return out


# ----------------------------------------------------------------- evals


def eval_class(data: list[tuple[str, int]], nlp, folds: int = 5) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from scipy.sparse import hstack

    texts = [t for t, _ in data]
    y = [c for _, c in data]
    docs = list(nlp.pipe(texts, batch_size=64))
    rule = [_rule_features(d) for d in docs]
    lemmas = [" ".join(t.lemma_.lower() for t in d if not t.is_punct) for d in docs]
    # the rules alone: quad class of the main event (no training at all)
    rule_pred = []
    for f in rule:
        q = next((int(k.split("=")[1]) for k in f if k.startswith("main_q=") and k.split("=")[1] != "None"), None)
        rule_pred.append(q)
    rule_acc = sum(p == g for p, g in zip(rule_pred, y)) / len(y)
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    correct = 0
    per_fold = []
    for tr, te in skf.split(texts, y):
        tf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        dv = DictVectorizer()
        Xtr = hstack([tf.fit_transform([lemmas[i] for i in tr]), dv.fit_transform([rule[i] for i in tr])]).tocsr()
        Xte = hstack([tf.transform([lemmas[i] for i in te]), dv.transform([rule[i] for i in te])]).tocsr()
        clf = LogisticRegression(C=4.0, max_iter=3000)
        clf.fit(Xtr, [y[i] for i in tr])
        pred = clf.predict(Xte)
        ok = sum(int(p == y[i]) for p, i in zip(pred, te))
        correct += ok
        per_fold.append(ok / len(te))
    return {"n": len(y), "accuracy": correct / len(y), "per_fold": per_fold, "rules_only_accuracy": rule_acc,
            "majority": Counter(y).most_common(1)[0][1] / len(y)}


def eval_spans(data: list[tuple[list[str], list[str]]], nlp, folds: int = 5) -> dict:
    import pycrfsuite
    from sklearn.model_selection import KFold
    from spacy.tokens import Doc

    X, Y, rule_tags = [], [], []
    for words, tags in data:
        doc = Doc(nlp.vocab, words=words)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        spans = _rule_spans(doc)
        X.append(_token_features(doc, spans))
        Y.append(tags)
        rule_tags.append([spans.get(i, "O") if spans.get(i, "O") != "TRIG" else "O" for i in range(len(words))])
    kf = KFold(n_splits=folds, shuffle=True, random_state=SEED)
    tp = Counter()
    fp = Counter()
    fn = Counter()
    rtp = rfp = rfn = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k, (tr, te) in enumerate(kf.split(X)):
            trainer = pycrfsuite.Trainer(verbose=False)
            for i in tr:
                trainer.append(X[i], Y[i])
            trainer.set_params({"c1": 0.05, "c2": 0.05, "max_iterations": 150,
                                "feature.possible_transitions": True})
            model = os.path.join(tmp, f"fold{k}.crfsuite")
            trainer.train(model)
            tagger = pycrfsuite.Tagger()
            tagger.open(model)
            for i in te:
                pred = tagger.tag(X[i])
                g, p = _spans(Y[i]), _spans(list(pred))
                for lab in ("S", "T"):
                    gl = {s for s in g if s[0] == lab}
                    pl = {s for s in p if s[0] == lab}
                    tp[lab] += len(gl & pl)
                    fp[lab] += len(pl - gl)
                    fn[lab] += len(gl - pl)
                rp = _spans(rule_tags[i])
                rtp += len(g & rp)
                rfp += len(rp - g)
                rfn += len(g - rp)
            tagger.close()

    def f1(a, b, c):
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    out = {lab: f1(tp[lab], fp[lab], fn[lab]) for lab in ("S", "T")}
    out["micro"] = f1(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    out["rules_only_micro"] = f1(rtp, rfp, rfn)
    out["n"] = len(X)
    return out


def register(sub) -> None:
    p = sub.add_parser("cameo", help="CAMEO quad class accuracy + source/target span F1 (ConfliBERT data, 5-fold CV)")
    p.add_argument("dir", nargs="?", default=str(DEFAULT))
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--only", choices=("class", "spans"), help="run one of the two")
    p.set_defaults(func=run)


def run(args) -> int:
    d = Path(args.dir)
    cls, bio = d / "cameo_class_train.tsv", d / "cameo_ner_train.txt"
    if not cls.is_file() or not bio.is_file():
        print(f"error: {d} lacks cameo_class_train.tsv / cameo_ner_train.txt "
              "(the ConfliBERT CAMEO data lives in ../shared/data/events/cameo-conflibert)", file=sys.stderr)
        return 2
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("error: scikit-learn is needed: pip install scikit-learn", file=sys.stderr)
        return 2
    from ..nlp import load_base

    nlp = load_base()
    if args.only in (None, "class"):
        r = eval_class(read_class(cls), nlp, args.folds)
        print(f"quad class: n={r['n']}  {args.folds}-fold CV accuracy {r['accuracy']:.3f} "
              f"(folds {', '.join(f'{x:.3f}' for x in r['per_fold'])}); rules alone {r['rules_only_accuracy']:.3f}; "
              f"majority class {r['majority']:.3f}")
    if args.only in (None, "spans"):
        r = eval_spans(read_bio(bio), nlp, args.folds)
        print(f"spans: n={r['n']}  {args.folds}-fold CV F1 source {r['S']:.3f}  target {r['T']:.3f}  "
              f"micro {r['micro']:.3f}; rules alone (micro) {r['rules_only_micro']:.3f}")
    return 0
