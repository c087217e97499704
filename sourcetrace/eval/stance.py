"""`sourcetrace eval stance [--polnear DIR]`: stance and hedges against the hand-labelled set.

The labelled set (``sourcetrace/data/stance/labels.jsonl``, guidelines in
``docs/stance-guidelines.md``) holds ids, offsets and labels of PolNeAR gold
attributions; the texts are read from DIR (``../shared/data/polnear`` by
default: ``train/`` and ``dev/``, each with ``text/`` and ``attributions/``).
Parts (by article; one article sits in one part only):

* ``dev`` (167): used to write the rules and fit the classifier;
* ``heldout`` (107): labelled with ``dev`` and never used to tune, but read by the
  annotator (who also wrote the rules) while labelling, so not fully blind;
* ``dev2`` (110): labelled after rule version 1 froze, scored blind once
  (accuracy 0.836), then used to improve the rules, so development data now;
* ``blind``: labelled after rule version 2 froze; only measured.

``heldout+blind`` is the figure to quote; ``blind`` alone is the strictest.

Printed per part: accuracy, macro-F1, per-class P/R/F1, confusion matrix, and
hedge spans P/R/F1 (exact character span, and overlap). For comparison, a
logistic regression on lexical features is fitted on the dev part and scored
on the held-out part (and by 5-fold cross-validation on the dev part).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

PARTS = ("dev", "dev2", "heldout", "blind")
STANCES = ("asserts", "confirms", "denies", "speculates", "questions", "other")
LABELS_PATH = Path(__file__).resolve().parent.parent / "data" / "stance" / "labels.jsonl"
from .polnear import CACHE_ROOT, first_ann, parse_ann

CACHE_DIR = CACHE_ROOT / "stance"


@dataclass
class GoldAttribution:
    doc: str
    ann: str
    id: str  # the E line id, e.g. "E12"
    cue: tuple[int, int] | None
    sources: list[tuple[int, int]] = field(default_factory=list)
    contents: list[tuple[int, int]] = field(default_factory=list)


def ann_files(split_dir: Path) -> dict[str, Path]:
    """stem -> the article's .ann (see :func:`sourcetrace.eval.polnear.first_ann`)."""
    split_dir = Path(split_dir)
    anns = sorted((split_dir / "attributions").glob("*.ann"))
    out = {}
    for txt in sorted((split_dir / "text").glob("*.txt")):
        ann = first_ann(txt.stem, anns)
        if ann is not None:
            out[txt.stem] = ann
    return out


def read_ann(path: Path, doc: str) -> list[GoldAttribution]:
    return [
        GoldAttribution(doc=doc, ann=Path(path).name, id=g.id, cue=(g.cue[0][0], g.cue[-1][1]),
                        sources=g.sources, contents=g.contents)
        for g in parse_ann(Path(path).read_text(encoding="utf-8"))
    ]


def load_split(split_dir: Path) -> dict[str, tuple[str, list[GoldAttribution]]]:
    """stem -> (text, attributions)."""
    split_dir = Path(split_dir)
    out = {}
    for stem, ann in sorted(ann_files(split_dir).items()):
        text = (split_dir / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        out[stem] = (text, read_ann(ann, stem))
    return out


# --------------------------------------------------------------------- labelled set


def load_labels(path: Path = LABELS_PATH) -> list[dict]:
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]


def parse_labelled_docs(labels: list[dict], polnear: Path) -> dict[tuple[str, str], object]:
    """(split, doc) -> parsed spaCy Doc, with the pipeline's sentence splitter; cached as a DocBin."""
    import hashlib

    import spacy
    from spacy.tokens import DocBin

    from ..nlp import get_nlp

    keys = sorted({(r["split"], r["doc"]) for r in labels})
    nlp = get_nlp(components=("sourcetrace_paragraphs",))
    texts = [(polnear / split / "text" / f"{doc}.txt").read_text(encoding="utf-8") for split, doc in keys]
    h = hashlib.sha1(("\n".join(f"{a}/{b}" for a, b in keys) + "".join(texts)).encode()).hexdigest()[:12]
    from ..nlp.pipeline import TOKENIZER_VERSION

    path = CACHE_DIR / f"docs-{nlp.meta['name']}-{nlp.meta['version']}-{spacy.__version__}-{TOKENIZER_VERSION}-{h}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts, batch_size=16))
        try:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            db = DocBin(store_user_data=False)
            for d in docs:
                db.add(d)
            db.to_disk(path)
        except OSError as e:  # a read-only cache is not an error
            print(f"stance: could not cache parses: {e}", file=sys.stderr)
    return dict(zip(keys, docs))


def _t(x):
    return [tuple(s) for s in x]


def predict_rules(labels, docs):
    from ..extract.stance import classify_statement

    out = []
    for r in labels:
        doc = docs[(r["split"], r["doc"])]
        out.append(classify_statement(doc, tuple(r["cue"]), _t(r["sources"]), _t(r["contents"])))
    return out


# --------------------------------------------------------------------- classifier for comparison


def features(doc, r, with_rule: bool = True) -> dict[str, float]:
    """Lexical features of one statement: cue lemmas, content's first word and
    modals/negation/question mark, plus the rule's decision."""
    from ..extract.stance import _DENIAL_RX, classify_statement

    f: dict[str, float] = {}
    cs, ce = r["cue"]
    cue = doc.char_span(cs, ce, alignment_mode="expand")
    for t in cue or []:
        f["cue=" + t.lemma_.lower()] = 1.0
    ctoks = []
    for s, e in r["contents"]:
        sp = doc.char_span(s, e, alignment_mode="expand")
        ctoks.extend(sp or [])
    words = [t for t in ctoks if not t.is_punct]
    if words:
        f["c0=" + words[0].lower_] = 1.0
    for t in ctoks:
        if t.tag_ == "MD":
            f["c_md=" + t.lower_] = 1.0
        if t.dep_ == "neg":
            f["c_neg"] = 1.0
        if t.lower_ in ("perhaps", "maybe", "possibly", "probably", "likely"):
            f["c_adv=" + t.lower_] = 1.0
    text = " ".join(doc.text[s:e] for s, e in r["contents"])
    if text.strip().strip("\"“”'’").endswith("?"):
        f["c_q"] = 1.0
    if _DENIAL_RX.search(text):
        f["c_false"] = 1.0
    if not r["sources"]:
        f["nosource"] = 1.0
    if with_rule:
        res = classify_statement(doc, tuple(r["cue"]), _t(r["sources"]), _t(r["contents"]))
        f["rule=" + res.stance] = 1.0
    return f


def _lr():
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(DictVectorizer(), LogisticRegression(C=2.0, max_iter=2000, class_weight="balanced"))


def compare_lr(dev, held, docs, with_rule: bool = True):
    """Logistic regression: 5-fold CV on the dev part, fit on dev and score held-out."""
    try:
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
    except ImportError:
        return None
    Xd = [features(docs[(r["split"], r["doc"])], r, with_rule) for r in dev]
    yd = [r["label"] for r in dev]
    cv = cross_val_predict(_lr(), Xd, yd, cv=StratifiedKFold(5, shuffle=True, random_state=0))
    model = _lr().fit(Xd, yd)
    Xh = [features(docs[(r["split"], r["doc"])], r, with_rule) for r in held]
    return list(cv), list(model.predict(Xh)) if held else []


# --------------------------------------------------------------------- scoring


def class_scores(gold: list[str], pred: list[str]) -> dict:
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0
    per = {}
    for c in STANCES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / (tp + fn) if tp + fn else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        per[c] = {"p": P, "r": R, "f1": F, "support": tp + fn}
    present = [c for c in STANCES if per[c]["support"] > 0]
    macro = sum(per[c]["f1"] for c in present) / len(present) if present else 0.0
    conf = {g: Counter() for g in STANCES}
    for g, p in zip(gold, pred):
        conf[g][p] += 1
    return {"n": n, "accuracy": acc, "macro_f1": macro, "per_class": per, "confusion": conf}


def hedge_scores(gold: list[list], pred: list[list]) -> dict:
    """Exact: identical (start, end); overlap: a span overlapping one on the other side counts."""
    g_n = sum(len(x) for x in gold)
    p_n = sum(len(x) for x in pred)
    ex = sum(len({tuple(s) for s in g} & {tuple(s) for s in p}) for g, p in zip(gold, pred))

    def ov(a, b):
        return a[0] < b[1] and b[0] < a[1]
    tp_p = sum(sum(any(ov(s, t) for t in g) for s in p) for g, p in zip(gold, pred))
    tp_g = sum(sum(any(ov(s, t) for t in p) for s in g) for g, p in zip(gold, pred))

    def prf(tpp, tpg):
        P = tpp / p_n if p_n else 0.0
        R = tpg / g_n if g_n else 0.0
        return {"p": P, "r": R, "f1": 2 * P * R / (P + R) if P + R else 0.0}
    return {"gold": g_n, "pred": p_n, "exact": prf(ex, ex), "overlap": prf(tp_p, tp_g)}


def print_scores(title: str, s: dict) -> None:
    print(f"\n== {title}: n={s['n']}  accuracy={s['accuracy']:.3f}  macro-F1={s['macro_f1']:.3f}")
    print(f"  {'class':<11}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}")
    for c in STANCES:
        x = s["per_class"][c]
        print(f"  {c:<11}{x['p']:7.3f}{x['r']:7.3f}{x['f1']:7.3f}{x['support']:5d}")
    print("  confusion (rows gold, columns predicted):")
    ab = [c[:4] for c in STANCES]
    print("  " + " " * 11 + "".join(f"{a:>6}" for a in ab))
    for g in STANCES:
        print(f"  {g:<11}" + "".join(f"{s['confusion'][g][p]:6d}" for p in STANCES))


def print_hedges(title: str, h: dict) -> None:
    e, o = h["exact"], h["overlap"]
    print(f"  hedges ({title}): gold {h['gold']}, predicted {h['pred']}; "
          f"exact P/R/F1 {e['p']:.3f}/{e['r']:.3f}/{e['f1']:.3f}; "
          f"overlap P/R/F1 {o['p']:.3f}/{o['r']:.3f}/{o['f1']:.3f}")


def register(sub) -> None:
    p = sub.add_parser("stance", help="stance and hedges against the hand-labelled PolNeAR statements")
    p.add_argument("--polnear", default="../shared/data/polnear",
                   help="PolNeAR root holding train/ and dev/ (default ../shared/data/polnear)")
    p.add_argument("--labels", default=str(LABELS_PATH))
    p.add_argument("--no-lr", action="store_true", help="skip the logistic-regression comparison")
    p.add_argument("--errors", choices=["none", "dev", "dev2", "heldout", "blind"], default="none",
                   help="list the rules' errors on one part")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    polnear = Path(args.polnear)
    if not (polnear / "train" / "text").is_dir() or not (polnear / "dev" / "text").is_dir():
        print(f"sourcetrace eval stance: PolNeAR not found at {polnear} "
              f"(need train/text and dev/text; pass --polnear DIR)", file=sys.stderr)
        return 2
    labels = load_labels(Path(args.labels))
    docs = parse_labelled_docs(labels, polnear)
    preds = predict_rules(labels, docs)
    out = {"labels": args.labels, "n": len(labels),
           "distribution": {p: dict(Counter(r["label"] for r in labels if r["part"] == p))
                            for p in PARTS}}
    print(f"stance labels: {len(labels)} statements ({args.labels})")
    for p in PARTS:
        d = out["distribution"][p]
        print(f"  {p}: {sum(d.values())}  " + ", ".join(f"{c} {d.get(c, 0)}" for c in STANCES))
    parts = {p: [i for i, r in enumerate(labels) if r["part"] == p] for p in PARTS}
    parts["heldout+blind"] = parts["heldout"] + parts["blind"]
    parts["dev+dev2"] = parts["dev"] + parts["dev2"]
    for p in ("heldout+blind", "heldout", "blind", "dev+dev2", "dev", "dev2"):
        if not parts[p]:
            continue
        idx = parts[p]
        s = class_scores([labels[i]["label"] for i in idx], [preds[i].stance for i in idx])
        h = hedge_scores([labels[i]["hedges"] for i in idx], [preds[i].hedges for i in idx])
        print_scores(f"rules, {p} part", s)
        print_hedges(p, h)
        out[f"rules_{p}"] = {"accuracy": s["accuracy"], "macro_f1": s["macro_f1"], "hedges": h,
                             "per_class": s["per_class"]}
    if not args.no_lr:
        dev = [labels[i] for i in parts["dev+dev2"]]
        held = [labels[i] for i in parts["heldout+blind"]]
        for with_rule, name in ((False, "lexical features only"), (True, "lexical features + rule output")):
            res = compare_lr(dev, held, docs, with_rule)
            if res is None:
                print("\n(logistic regression comparison skipped: scikit-learn not installed)")
                break
            cv, hp = res
            s_cv = class_scores([r["label"] for r in dev], cv)
            s_h = class_scores([r["label"] for r in held], hp)
            nb = len(parts["blind"])
            s_b = class_scores([r["label"] for r in held[-nb:]], hp[-nb:]) if nb else None
            print(f"\n== logistic regression ({name}), for comparison")
            print(f"  dev+dev2 parts, 5-fold CV: accuracy={s_cv['accuracy']:.3f} macro-F1={s_cv['macro_f1']:.3f}")
            print(f"  heldout+blind parts (fit on dev+dev2): accuracy={s_h['accuracy']:.3f} macro-F1={s_h['macro_f1']:.3f}")
            if s_b:
                print(f"  blind part (fit on dev+dev2): accuracy={s_b['accuracy']:.3f} macro-F1={s_b['macro_f1']:.3f}")
            key = "lr_rule" if with_rule else "lr_lex"
            out[key + "_dev_cv"] = {"accuracy": s_cv["accuracy"], "macro_f1": s_cv["macro_f1"]}
            out[key + "_heldout_blind"] = {"accuracy": s_h["accuracy"], "macro_f1": s_h["macro_f1"]}
    if args.errors != "none":
        print(f"\n== rule errors, {args.errors} part")
        for i in parts[args.errors]:
            r, pr = labels[i], preds[i]
            text = docs[(r["split"], r["doc"])].text
            if pr.stance != r["label"] or sorted(map(tuple, r["hedges"])) != sorted(pr.hedges):
                cue = text[r["cue"][0]:r["cue"][1]]
                con = " | ".join(text[s:e] for s, e in r["contents"])[:160]
                gh = [text[s:e] for s, e in r["hedges"]]
                ph = [text[s:e] for s, e in pr.hedges]
                print(f"  {r['doc'][:30]} {r['attribution']}: gold {r['label']} {gh} / rules {pr.stance} {ph} "
                      f"({pr.reason})\n     cue «{cue}» content «{con}»")
    if args.json:
        print(json.dumps(out, default=float))
    return 0
