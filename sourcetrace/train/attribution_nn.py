"""`sourcetrace train attribution-nn`: the bidirectional LSTM that votes with the CRF (extract/attribution_nn.py).

Needs PyTorch for training only (``pip install torch==2.13.0``, the CPU build; inference is NumPy). Inputs per
token: the CRF model's own base features (its ``meta.json`` and cue lexicon, so train it after the CRF) as
summed embeddings, and en_core_web_sm's ``doc.tensor``; one BiLSTM layer per paragraph; cross-entropy on the
gold BIO tags of PolNeAR train. Writes ``nn.npz`` (float16 weights and the feature vocabulary) into the model
directory and records it, the command and the data version in its ``meta.json``.

    sourcetrace train attribution-nn --model sourcetrace/data/models/attribution

About 35 s an epoch on this 2-core machine (12 epochs by default), after about a minute of parsing from cache.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from typing import TYPE_CHECKING

from ..eval import polnear as P
from ..extract.attribution_nn import LABELS, base_features
from .attribution import gold_labels

if TYPE_CHECKING:  # (the model, and spaCy with it, loads on use: the CLI lists this command without them)
    from ..extract import attribution_model as M


def register(sub) -> None:
    p = sub.add_parser("attribution-nn", help="train the BiLSTM tagger that votes with the CRF (needs torch)")
    p.add_argument("--train", default="../shared/data/polnear/train")
    p.add_argument("--model", default="sourcetrace/data/models/attribution",
                   help="the CRF model directory: its features are the network's inputs; nn.npz is written there")
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--emb", type=int, default=64, help="feature embedding and tensor projection width")
    p.add_argument("--hidden", type=int, default=128, help="LSTM width per direction")
    p.add_argument("--min-count", type=int, default=3, help="features seen fewer times in train are dropped")
    p.add_argument("--dropout", type=float, default=0.3, help="dropout on the LSTM's inputs and outputs")
    p.add_argument("--crf-weight", type=float, default=0.35,
                   help="the CRF's share of the vote, recorded in meta.json (0.35: chosen on PolNeAR dev and a held-out "
                        "fold of train, docs/attribution-model.md)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--average-from", type=int, default=6,
                   help="the weights saved are the mean of those after each epoch from this one on (0: the last only)")
    p.add_argument("--threads", type=int, default=1,
                   help="PyTorch threads (1 is what the shipped network was trained with)")
    p.add_argument("--hold-out", metavar="A:B", help="leave out the train articles A to B-1 (sorted file order)")
    p.set_defaults(func=run)


def _sequences(model: M.AttributionModel, pdocs, docs, skip=None):
    out = []
    for j, (p, doc) in enumerate(zip(pdocs, docs)):
        if skip and skip[0] <= j < skip[1]:
            continue
        lab = gold_labels(doc, p.gold)
        seqs, feats = model.featurizer.doc_features(doc)
        ten = np.asarray(doc.tensor, dtype="float32") if doc.tensor is not None and len(doc.tensor) == len(doc) \
            else np.zeros((len(doc), 96), "float32")
        for seq, f in zip(seqs, feats):
            if seq:
                idx = [t.i for t in seq]
                out.append(dict(feats=[base_features(x) for x in f], ten=ten[idx], y=[LABELS.index(lab[i]) for i in idx]))
    return out


def run(args) -> int:
    try:
        import torch
        import torch.nn as nn
    except ImportError:
        print("sourcetrace train attribution-nn: needs PyTorch (pip install torch==2.13.0)", file=sys.stderr)
        return 2
    if not (Path(args.train) / "text").is_dir():
        print(f"sourcetrace train attribution-nn: {args.train}: no text/ folder (PolNeAR data missing?)", file=sys.stderr)
        return 2
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    t0 = time.perf_counter()
    model_dir = Path(args.model)
    from ..extract import attribution_model as M

    crf = M.AttributionModel.load(model_dir)
    pdocs = P.read_dir(args.train)
    docs = P.parse_docs(pdocs, split="train")
    skip = tuple(int(x) for x in args.hold_out.split(":")) if args.hold_out else None
    data = _sequences(crf, pdocs, docs, skip)
    counts = Counter(x for d in data for f in d["feats"] for x in f)
    vocab = sorted(k for k, v in counts.items() if v >= args.min_count)
    index = {x: i + 1 for i, x in enumerate(vocab)}
    for d in data:
        d["fid"] = [[index[x] for x in f if x in index] for f in d.pop("feats")]
    print(f"{len(data)} paragraphs, {sum(len(d['y']) for d in data)} tokens, {len(vocab)} features "
          f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.EmbeddingBag(len(vocab) + 1, args.emb, mode="sum", padding_idx=0)
            self.ten = nn.Linear(96, args.emb)
            self.drop = nn.Dropout(args.dropout)
            self.lstm = nn.LSTM(2 * args.emb, args.hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * args.hidden, len(LABELS))

        def forward(self, fid, offs, ten, lens):
            x = torch.cat([self.emb(fid, offs), torch.tanh(self.ten(ten))], 1)
            pad = nn.utils.rnn.pad_sequence(list(torch.split(x, lens)), batch_first=True)
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(pad), torch.tensor(lens), batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=max(lens))
            return self.out(self.drop(h))

    def batch(seqs):
        fid, offs, ten, y, lens = [], [], [], [], []
        for d in seqs:
            for f in d["fid"]:
                offs.append(len(fid))
                fid.extend(f)
            ten.append(d["ten"])
            y.extend(d["y"])
            lens.append(len(d["y"]))
        return (torch.tensor(fid, dtype=torch.long), torch.tensor(offs, dtype=torch.long),
                torch.tensor(np.concatenate(ten)), torch.tensor(y), lens)

    net = Tagger()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    # the mean of the weights after each of the last epochs (stochastic weight averaging): one run's result
    # depends less on where its last batches left it (two runs of 8 epochs without it differed by 1.1 on dev,
    # three with it by 0.1; PyTorch's CPU kernels do not give the same weights twice even on one thread)
    mean, n_mean = None, 0
    for ep in range(args.epochs):
        net.train()
        t1 = time.perf_counter()
        # batches of 32 paragraphs of about the same length, in random order
        data.sort(key=lambda d: len(d["y"]) + random.random() * 8)
        batches = [data[i:i + 32] for i in range(0, len(data), 32)]
        random.shuffle(batches)
        total = 0.0
        for b in batches:
            fid, offs, ten, y, lens = batch(b)
            logits = net(fid, offs, ten, lens)
            mask = torch.zeros(logits.shape[:2], dtype=torch.bool)
            for k, n in enumerate(lens):
                mask[k, :n] = True
            loss = nn.functional.cross_entropy(logits[mask], y)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item()
        print(f"epoch {ep + 1}/{args.epochs}: loss {total / len(batches):.4f} ({time.perf_counter() - t1:.0f} s)",
              file=sys.stderr)
        if args.average_from and ep + 1 >= args.average_from:
            cur = {k: v.detach().numpy().astype("float64") for k, v in net.state_dict().items()}
            mean = cur if mean is None else {k: mean[k] + cur[k] for k in cur}
            n_mean += 1
    if mean is None:
        mean, n_mean = {k: v.detach().numpy() for k, v in net.state_dict().items()}, 1
    sd = {k: (v / n_mean).astype("float16") for k, v in mean.items()}
    np.savez_compressed(
        model_dir / "nn.npz", vocab=np.array(vocab), emb=sd["emb.weight"], ten_w=sd["ten.weight"], ten_b=sd["ten.bias"],
        w_ih=sd["lstm.weight_ih_l0"], w_hh=sd["lstm.weight_hh_l0"], b_ih=sd["lstm.bias_ih_l0"], b_hh=sd["lstm.bias_hh_l0"],
        w_ih_r=sd["lstm.weight_ih_l0_reverse"], w_hh_r=sd["lstm.weight_hh_l0_reverse"],
        b_ih_r=sd["lstm.bias_ih_l0_reverse"], b_hh_r=sd["lstm.bias_hh_l0_reverse"], out_w=sd["out.weight"], out_b=sd["out.bias"])
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta.update(nn_file="nn.npz", nn_crf_weight=args.crf_weight, nn={
        "architecture": f"BiLSTM ({args.hidden} per direction) over summed embeddings ({args.emb}) of the CRF's base "
                        f"features and a projection of doc.tensor; NumPy inference; votes with the CRF",
        "command": "sourcetrace train attribution-nn " + " ".join(sys.argv[3:]),
        "epochs": args.epochs, "hidden": args.hidden, "emb": args.emb, "dropout": args.dropout, "seed": args.seed, "average_from": args.average_from, "threads": args.threads, "features": len(vocab), "torch": torch.__version__,
        "train": P.data_version(pdocs), **({"hold_out": args.hold_out} if args.hold_out else {}),
    })
    meta_path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {model_dir / 'nn.npz'} ({(model_dir / 'nn.npz').stat().st_size / 1e6:.1f} MB) in "
          f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0
