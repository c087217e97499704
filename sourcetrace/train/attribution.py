"""`sourcetrace train attribution`: train the CRF attribution model on PolNeAR.

    sourcetrace train attribution --train ../shared/data/polnear/train \\
        --dev ../shared/data/polnear/dev --out sourcetrace/data/models/attribution

Parses both splits once (cached under ~/.cache/sourcetrace/polnear or
$SOURCETRACE_CACHE), learns the cue lexicon from train, trains a
linear-chain CRF (python-crfsuite; averaged perceptron by default, L-BFGS with
L1+L2 on request), scores the result on
dev with the ``eval polnear`` metrics and writes ``crf.bin`` and
``meta.json`` (features, hyper-parameters, command, data version, dev
figures, training time) to --out.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from typing import TYPE_CHECKING

from ..eval import polnear as P

if TYPE_CHECKING:  # (spaCy and the model load on use: the CLI lists this command without importing them)
    from spacy.tokens import Doc

    from ..extract import attribution_model as M

TAG = {"source": "SRC", "cue": "CUE", "content": "CON"}


def gold_labels(doc: Doc, gold: list[P.GoldAttribution]) -> list[str]:
    """Per spaCy token: B-/I- role tag, or O (a token overlapping a role span gets it)."""
    lab = ["O"] * len(doc)
    owner = [-1] * len(doc)
    starts = [t.idx for t in doc]
    import bisect

    for ai, g in enumerate(gold):
        for role, spans in (("source", g.sources), ("cue", g.cue), ("content", g.contents)):
            for s, e in spans:
                i = max(0, bisect.bisect_right(starts, s) - 1)
                while i < len(doc) and doc[i].idx < e:
                    t = doc[i]
                    if t.idx + len(t) > s and not t.is_space and lab[i] == "O":
                        lab[i] = TAG[role]
                        owner[i] = ai * 3 + ("source", "cue", "content").index(role)
                    i += 1
    out = ["O"] * len(doc)
    prev = None
    for t in doc:
        if t.is_space:
            continue
        i = t.i
        if lab[i] == "O":
            prev = None
            continue
        out[i] = ("I-" if prev == owner[i] else "B-") + lab[i]
        prev = owner[i]
    return out


def learn_cue_lexicon(docs: list[Doc], labels: list[list[str]], min_count: int = 3) -> dict[str, float]:
    tot: Counter = Counter()
    cue: Counter = Counter()
    for doc, lab in zip(docs, labels):
        for t in doc:
            if t.is_space or t.is_punct and t.text not in (":", "―", "—"):
                continue
            lm = t.lemma_.lower()
            tot[lm] += 1
            if lab[t.i].endswith("CUE"):
                cue[lm] += 1
    return {lm: round(cue[lm] / tot[lm], 3) for lm in cue if cue[lm] >= min_count and cue[lm] / tot[lm] >= 0.02}


def sequences(fz: M.Featurizer, docs, labels):
    for doc, lab in zip(docs, labels):
        seqs, feats = fz.doc_features(doc)
        for seq, f in zip(seqs, feats):
            yield f, [lab[t.i] for t in seq]


def train_crf(xy, path: Path, c1: float, c2: float, max_iter: int, min_freq: int, verbose: bool = False,
              algorithm: str = "lbfgs") -> None:
    import pycrfsuite

    tr = pycrfsuite.Trainer(algorithm=algorithm, verbose=verbose)
    for x, y in xy:
        tr.append(x, y)
    params = {"max_iterations": max_iter, "feature.minfreq": min_freq, "feature.possible_transitions": True}
    if algorithm == "lbfgs":
        params.update({"c1": c1, "c2": c2})
    tr.set_params(params)
    tr.train(str(path))


def shift_state_weight(path: Path | str, attr: str, label: str, delta: float) -> float:
    """Add ``delta`` to the weight of one state feature (``attr`` x ``label``) of a crfsuite
    model file, in place; returns the new weight.

    Written by hand because python-crfsuite can train, read and dump a model but not edit a
    weight. The file is crfsuite's CRF1d format: a header whose eighth 32-bit field is the
    offset of the ``FEAT`` chunk (4-byte id, size, count), then one 20-byte record per
    feature: type (0 = state feature), source (attribute id), destination (label id), weight
    (little-endian double). The attribute's id is not read from the file's string store:
    the record is the one whose attribute has the same weight on every label as the tagger
    reports for ``attr`` (``Tagger.info()``), which must be exactly one; the edit is then
    checked by reloading the file."""
    import struct

    import numpy as np
    import pycrfsuite

    path = Path(path)
    tg = pycrfsuite.Tagger()
    tg.open(str(path))
    labels = tg.labels()
    want = {lab: w for (a, lab), w in tg.info().state_features.items() if a == attr}
    tg.close()
    if label not in want:
        raise ValueError(f"{path}: no state feature {attr!r} x {label!r}")
    buf = bytearray(path.read_bytes())
    if buf[:4] != b"lCRF":
        raise ValueError(f"{path}: not a crfsuite model")
    off = struct.unpack_from("<I", buf, 28)[0]
    chunk, _size, n = struct.unpack_from("<4sII", buf, off)
    if chunk != b"FEAT":
        raise ValueError(f"{path}: no feature chunk where the header says")
    rec = np.frombuffer(bytes(buf), dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
                        count=n, offset=off + 12)
    state = rec["type"] == 0
    found = []
    for aid in np.unique(rec["src"][state & (rec["dst"] == labels.index(label))
                                    & (np.abs(rec["w"] - want[label]) < 1e-5)]):
        own = state & (rec["src"] == aid)
        got = {labels[d]: w for d, w in zip(rec["dst"][own], rec["w"][own])}
        if got.keys() == want.keys() and all(abs(got[k] - want[k]) < 1e-5 for k in want):
            found.append(int(np.flatnonzero(own & (rec["dst"] == labels.index(label)))[0]))
    if len(found) != 1:
        raise ValueError(f"{path}: {len(found)} candidate records for {attr!r} x {label!r}")
    pos = off + 12 + 20 * found[0] + 12
    new = struct.unpack_from("<d", buf, pos)[0] + delta
    struct.pack_into("<d", buf, pos, new)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(bytes(buf))
    tg = pycrfsuite.Tagger()
    tg.open(str(tmp))
    after = tg.info().state_features
    tg.close()
    if abs(after[(attr, label)] - new) > 1e-5:
        tmp.unlink()
        raise ValueError(f"{path}: the edited weight did not read back")
    tmp.replace(path)
    return new


def train_stack(fz: M.Featurizer, docs, labels, out: Path, args, groups=None) -> None:
    """Second pass: jackknife the first pass over ``args.stack_folds`` folds of train (each
    fold tagged by a CRF trained on the others, so the labels it learns from are as noisy
    as at inference), then train ``crf2.bin`` on the first pass's features plus
    :func:`attribution_model.stack_features`."""
    from ..extract import attribution_model as M

    import pycrfsuite

    k = args.stack_folds
    fold_of = [g % k for g in (groups or range(len(docs)))]
    y1: list = [None] * len(docs)
    # features are recomputed rather than kept: all of train's would take gigabytes
    for fold in range(k):
        tmp = out / f"fold{fold}.bin"

        def xy(fold=fold):
            for j, (doc, lab) in enumerate(zip(docs, labels)):
                if fold_of[j] != fold:
                    seqs, fs = fz.doc_features(doc)
                    for seq, f in zip(seqs, fs):
                        yield f, [lab[t.i] for t in seq]

        train_crf(xy(), tmp, args.c1, args.c2, args.max_iter, args.min_freq, algorithm=args.algorithm)
        tg = pycrfsuite.Tagger()
        tg.open(str(tmp))
        for j, doc in enumerate(docs):
            if fold_of[j] == fold:
                seqs, fs = fz.doc_features(doc)
                y1[j] = [tg.tag(f) if f else [] for f in fs]
        tg.close()
        tmp.unlink()
        print(f"stack: fold {fold + 1}/{k} done", file=sys.stderr)

    def xy2():
        for doc, ys, lab in zip(docs, y1, labels):
            seqs, fs = fz.doc_features(doc)
            for seq, f in zip(seqs, M.stack_features(doc, seqs, fs, ys)):
                yield f, [lab[t.i] for t in seq]

    train_crf(xy2(), out / "crf2.bin", args.c1, args.c2, args.stack_iter or args.max_iter, args.min_freq,
              algorithm=args.algorithm)


def evaluate_model(model: M.AttributionModel, pdocs, docs) -> P.Scorer:
    sc = P.Scorer()
    for d, doc in zip(pdocs, docs):
        words = P.Words(d.text)
        sc.add(P.gold_attrs(d, words), P.raw_attrs(model.predict(doc), words, d.text))
    return sc


def register(sub) -> None:
    p = sub.add_parser("attribution", help="train the CRF attribution model on PolNeAR")
    p.add_argument("--train", default="../shared/data/polnear/train")
    p.add_argument("--dev", default="../shared/data/polnear/dev")
    p.add_argument("--out", default="sourcetrace/data/models/attribution")
    p.add_argument("--unit", choices=["sentence", "paragraph"], default="paragraph")
    p.add_argument("--no-syntax", action="store_true", help="drop the parse features (ablation)")
    p.add_argument("--algorithm", choices=["lbfgs", "ap", "pa", "l2sgd", "arow"], default="ap",
                   help="crfsuite training algorithm (ap = averaged perceptron: much faster)")
    p.add_argument("--c1", type=float, default=0.05)
    p.add_argument("--c2", type=float, default=0.01)
    p.add_argument("--max-iter", type=int, default=20, help="epochs (ap) or iterations (lbfgs)")
    p.add_argument("--min-freq", type=int, default=3)
    p.add_argument("--window", type=int, default=2)
    p.add_argument("--ndeps", action="store_true", help="add the +-1 neighbours' dependency features")
    p.add_argument("--dense", action="store_true", help="add doc.tensor (tok2vec output) as real-valued features")
    p.add_argument("--clusters", default="64,512", help="comma-separated k for k-means cluster features of doc.tensor ('' for none)")
    p.add_argument("--strong", type=float, default=0.25,
                   help="P(cue | lemma) above which a lemma counts as a verb of saying in the path features")
    p.add_argument("--extra", default="", help="comma-separated extra feature groups: children,qdist,lbigram")
    p.add_argument("--stack-folds", type=int, default=0,
                   help="train a second-pass CRF on the first pass's labels, jackknifed over N folds of train (0: none)")
    p.add_argument("--stack-iter", type=int, help="epochs/iterations of the second pass (default: --max-iter)")
    p.add_argument("--stack-o-bias", type=float, default=0.0,
                   help="add this to the second pass's weight of its always-present bias feature for the label O, "
                        "in the model's own weight units (a tagger that says 'no attribution here' more readily)")
    p.add_argument("--centroids", help="reuse the k-means centroids of an earlier run (its centroids.npz) "
                   "instead of fitting them again")
    p.add_argument("--all-annotations", action="store_true",
                   help="also train on the other annotations of articles annotated more than once")
    p.add_argument("--limit", type=int, help="train on the first N articles only (quick trials)")
    p.add_argument("--hold-out", metavar="A:B",
                   help="leave out the train articles A to B-1 (sorted file order), to score a model on them "
                        "as unseen text")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..extract import attribution_model as M
    for d in (args.train, args.dev):
        if not (Path(d) / "text").is_dir():
            print(f"sourcetrace train attribution: {d}: no text/ folder (PolNeAR data missing?)", file=sys.stderr)
            return 2
    t0 = time.perf_counter()
    ptrain = P.read_dir(args.train)
    pdev = P.read_dir(args.dev)
    dtrain = P.parse_docs(ptrain, split="train")
    ddev = P.parse_docs(pdev, split="dev")
    if args.limit:
        ptrain, dtrain = ptrain[: args.limit], dtrain[: args.limit]
    if args.hold_out:
        a, b = (int(x) for x in args.hold_out.split(":"))
        ptrain, dtrain = ptrain[:a] + ptrain[b:], dtrain[:a] + dtrain[b:]
    t_parse = time.perf_counter() - t0
    ltrain = [gold_labels(doc, p.gold) for doc, p in zip(dtrain, ptrain)]
    groups = list(range(len(dtrain)))  # the article of each training sequence list (stacking folds keep one together)
    if args.all_annotations:
        # the articles PolNeAR annotated more than once also train on their other annotations
        multi = P.all_anns(args.train)
        for j, (doc, p) in enumerate(list(zip(dtrain, ptrain))):
            for a in multi.get(p.id, [])[1:]:
                dtrain.append(doc)
                ltrain.append(gold_labels(doc, P.parse_ann(a.read_text(encoding="utf-8"))))
                groups.append(j)
    lex = learn_cue_lexicon(dtrain, ltrain)
    ks = [int(k) for k in args.clusters.split(",") if k.strip()]
    cfg = M.FeatureConfig(cue_lex=lex, strong=args.strong, window=args.window, syntax=not args.no_syntax, unit=args.unit,
                          dense=args.dense, clusters=ks, ndeps=args.ndeps,
                          extra=[x.strip() for x in args.extra.split(",") if x.strip()])
    if args.stack_folds and args.dense:
        print("sourcetrace train attribution: --stack-folds does not combine with --dense", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    centroids = {}
    if ks and args.centroids:
        import numpy as np

        with np.load(args.centroids) as z:
            centroids = {k: z[f"k{k}"] for k in ks}
        np.savez(out / "centroids.npz", **{f"k{k}": c.astype("float16") for k, c in centroids.items()})
        centroids = {k: c.astype("float16").astype("float32") for k, c in centroids.items()}
    elif ks:
        import numpy as np
        from sklearn.cluster import MiniBatchKMeans

        x = np.concatenate([d.tensor for d in dtrain if len(d.tensor) == len(d)]).astype("float32")
        for k in ks:
            km = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3).fit(x)
            centroids[k] = km.cluster_centers_.astype("float32")
        np.savez(out / "centroids.npz", **{f"k{k}": c.astype("float16") for k, c in centroids.items()})
        centroids = {k: c.astype("float16").astype("float32") for k, c in centroids.items()}
    fz = M.Featurizer(cfg, centroids)
    t1 = time.perf_counter()
    train_crf(sequences(fz, dtrain, ltrain), out / "crf.bin", args.c1, args.c2, args.max_iter, args.min_freq,
              algorithm=args.algorithm)
    if args.stack_folds:
        train_stack(fz, dtrain, ltrain, out, args, groups)
        if args.stack_o_bias:
            shift_state_weight(out / "crf2.bin", M.BIAS_ATTR, "O", args.stack_o_bias)
    t_train = time.perf_counter() - t1
    meta = {
        "file": "crf.bin",
        **({"centroids": "centroids.npz"} if ks else {}),
        "architecture": f"linear-chain CRF (python-crfsuite, {args.algorithm}), {args.unit} sequences, "
                        f"{'with' if cfg.syntax else 'without'} parse features; rule linking",
        **({"stack_file": "crf2.bin", "stack_folds": args.stack_folds} if args.stack_folds else {}),
        "features": cfg.to_json(),
        "hyperparameters": {"algorithm": args.algorithm, "c1": args.c1, "c2": args.c2, "max_iterations": args.max_iter,
                            "feature.minfreq": args.min_freq, "window": args.window,
                            **({"stack_iterations": args.stack_iter or args.max_iter,
                                "stack_o_bias": args.stack_o_bias} if args.stack_folds else {})},
        "command": "sourcetrace train attribution " + " ".join(sys.argv[3:] if sys.argv[1:3] == ["train", "attribution"] else sys.argv[1:]),
        "train_data": {"path": str(args.train), **P.data_version(ptrain)},
        "dev_data": {"path": str(args.dev), **P.data_version(pdev)},
        "spacy_model": "en_core_web_sm 3.8.0 (+ sourcetrace_paragraphs)",
        "seconds": {"parse": round(t_parse, 1), "train": round(t_train, 1)},
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False))
    model = M.AttributionModel.load(out)
    sc = evaluate_model(model, pdev, ddev)
    res = sc.results()
    meta["dev"] = {k: [round(x, 1) for x in v] for k, v in res.items()}
    meta["seconds"]["total"] = round(time.perf_counter() - t0, 1)
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False))
    print(f"trained in {t_train:.0f}s (parse/cache {t_parse:.0f}s); model {(out / 'crf.bin').stat().st_size / 1e6:.1f} MB")
    sc.report()
    return 0
