"""A bidirectional LSTM tagger over the CRF's own token features, run in NumPy, and its vote with the CRF.

The stacked CRF (:mod:`.attribution_model`) sees each token through its features and a window of two
neighbours; an LSTM reads the whole paragraph in both directions, so it can carry "inside a content that
started ten words back" along. Its inputs are the CRF's per-token features (word, lemma, tag, dependency,
path to the nearest verb of saying, quote state, cluster ids ...; not the neighbour-window copies, which the
LSTM does not need), summed as learnt embeddings, and the parser's own ``doc.tensor`` (en_core_web_sm's
tok2vec output) through one dense layer. It was trained with PyTorch (``sourcetrace train attribution-nn``,
:mod:`sourcetrace.train.attribution_nn`); inference needs only NumPy: the forward pass is written out below
(an embedding-bag sum, a dense layer, one LSTM layer in each direction, a linear output), because shipping
PyTorch or ONNX Runtime for a 2.5-million-weight network would multiply the install for nothing.

The tags the pipeline uses come from both taggers: per token, ``(1 - w)`` times the LSTM's probabilities plus
``w`` times the CRF's tag (one-hot, lightly smoothed), decoded with the only BIO constraint (an ``I-`` tag
continues a span of its own role). On PolNeAR dev the mix beats each tagger alone; the weight and the
figures are in docs/attribution-model.md and the model's ``meta.json``.
"""

from __future__ import annotations

import re
from itertools import chain, repeat

import numpy as np
from scipy.sparse import csr_matrix

LABELS = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"]  # (viterbi relies on this order)
_WINDOW_FEATURE = re.compile(r"^-?\d+:")


def base_features(f: list[str]) -> list[str]:
    """The CRF features of a token that describe the token itself (not its neighbours, not the bigram): the
    network's vocabulary is made of these."""
    return [x for x in f if not _WINDOW_FEATURE.match(x) and not x.startswith("bi=")]


_EDGE_END = "+1:EOS"  # the featurizer's mark on a sequence's last token; base_features keeps it (no "-" before the 1)


def network_features(feats: list[list[str]], base_lens: list[int]) -> list[list[str]]:
    """:func:`base_features` of one sequence, read off the featurizer's lists without a filter: each token's first
    ``base_lens[k]`` features (the ones about the token itself), and the end-of-sequence mark on the last token, which
    the filter keeps and the network was trained with."""
    out = [f[:n] for f, n in zip(feats, base_lens)]
    if out and _EDGE_END in feats[-1]:
        out[-1] = out[-1] + [_EDGE_END]
    return out


def _forbidden() -> np.ndarray:
    """(previous tag, tag) pairs the BIO scheme forbids: I-X after anything but B-X or I-X."""
    n = len(LABELS)
    bad = np.zeros((n, n), dtype=bool)
    for j, b in enumerate(LABELS):
        if b.startswith("I-"):
            for i, a in enumerate(LABELS):
                bad[i, j] = a[2:] != b[2:]
    return bad


_FORBIDDEN = _forbidden()
_LABEL_ID = {lab: i for i, lab in enumerate(LABELS)}


def viterbi(logp: np.ndarray) -> list[int]:
    """Best label sequence under the BIO constraint, for per-token log-probabilities ``logp`` (n x labels).

    The constraint's only forbidden moves are into I-X from anything but B-X or I-X, so each step is a handful
    of comparisons; written over Python floats, it runs several times faster than the same step in NumPy."""
    lp = logp.tolist()
    neg = -1e18
    sc = [v if not LABELS[k].startswith("I-") else neg for k, v in enumerate(lp[0])]
    back = []
    for row in lp[1:]:
        m = max(sc)
        am = sc.index(m)
        b2 = 1 if sc[1] >= sc[2] else 2
        b4 = 3 if sc[3] >= sc[4] else 4
        b6 = 5 if sc[5] >= sc[6] else 6
        back.append((am, am, b2, am, b4, am, b6))
        sc = [m + row[0], m + row[1], sc[b2] + row[2], m + row[3], sc[b4] + row[4], m + row[5], sc[b6] + row[6]]
    y = [sc.index(max(sc))]
    for bp in reversed(back):
        y.append(bp[y[-1]])
    return y[::-1]


class BiLSTMTagger:
    """Weights from ``nn.npz`` (written by ``sourcetrace train attribution-nn``)."""

    def __init__(self, path, core: int = 32, margin: int = 16, max_tokens: int = 8000):
        with np.load(path, allow_pickle=False) as z:
            vocab = z["vocab"]
            w = {k: z[k].astype("float32") for k in z.files if k != "vocab"}
        self.index = {s: i + 1 for i, s in enumerate(vocab.tolist())}  # 0: padding, a zero vector
        self.emb = w["emb"]
        self.ten_w, self.ten_b = w["ten_w"], w["ten_b"]
        # the input part of both directions' gates as one (in, 8H) matrix and one bias: one product for every token
        self.w_ih_cat = np.ascontiguousarray(np.concatenate([w["w_ih"].T, w["w_ih_r"].T], axis=1))
        self.b_cat = np.concatenate([w["b_ih"] + w["b_hh"], w["b_ih_r"] + w["b_hh_r"]])  # (8H)
        # both directions' recurrent weights stacked, so one matrix product per time step serves both
        self.w_hh_t = np.stack([w["w_hh"].T, w["w_hh_r"].T])  # (2, H, 4H)
        self.out_w, self.out_b = w["out_w"], w["out_b"]
        self.hidden = H = self.w_hh_t.shape[1]
        self.core, self.margin = core, margin
        self.max_tokens = max_tokens
        # Weights rescaled at load so that each step needs one tanh over all four gates and few operations after
        # it (see probabilities): sigmoid(x) = (tanh(x / 2) + 1) / 2, so the input, forget and output gates'
        # pre-activations are halved (PyTorch's gate order: input, forget, cell, output); and the state kept is
        # h2 = 2h, so the weights that read it (recurrent and output) are halved as well.
        half = np.ones(4 * H, "float32")
        half[:2 * H] = half[3 * H:] = 0.5
        self.w_ih_cat *= np.concatenate([half, half])
        self.b_cat *= np.concatenate([half, half])
        self.w_hh_t *= half * 0.5
        self.out_w = self.out_w * 0.5

    def probabilities(self, feats: list[list[list[str]]], tensors: list[np.ndarray]) -> list[np.ndarray]:
        """Per sequence (a list of per-token feature lists: :func:`base_features`, or the CRF's lists cut to
        their base length; and the tokens' ``doc.tensor`` rows): an (n, labels) array of tag probabilities."""
        lens = [len(f) for f in feats]
        if not lens or max(lens) == 0:
            return [np.zeros((n, len(LABELS)), "float32") for n in lens]
        if sum(lens) > self.max_tokens and len(lens) > 1:
            # a very long article goes through in parts of whole sequences, so that memory stays bounded
            # (the arrays below are about 5 kB a token)
            parts, cur, size = [], [], 0
            for j, n in enumerate(lens):
                if cur and size + n > self.max_tokens:
                    parts.append(cur)
                    cur, size = [], 0
                cur.append(j)
                size += n
            parts.append(cur)
            return [p for part in parts for p in self.probabilities([feats[j] for j in part], [tensors[j] for j in part])]
        get = self.index.get
        # features the vocabulary lacks map to the padding id 0 (a zero vector)
        sizes = [len(f) for fs in feats for f in fs]
        if min(sizes) == 0:  # (the CRF's lists always hold its bias feature; a bare list would need the padding)
            feats = [[["", *f] for f in fs] for fs in feats]
            sizes = [len(f) for fs in feats for f in fs]
        flat = chain.from_iterable(chain.from_iterable(feats))
        ids = np.fromiter(map(get, flat, repeat(0)), dtype=np.int32, count=sum(sizes))   # (map: no Python frame a feature)
        indptr = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(sizes, out=indptr[1:])
        # the sum of each token's feature embeddings, as a sparse (tokens x features) count matrix times the table
        bags = csr_matrix((np.ones(len(ids), "float32"), ids, indptr), shape=(len(sizes), len(self.emb))) @ self.emb
        ten = np.concatenate(tensors).astype("float32")
        x = np.concatenate([bags, np.tanh(ten @ self.ten_w.T + self.ten_b)], axis=1)
        H = self.hidden
        gx = x @ self.w_ih_cat  # (tokens, 8H): the input part of every gate, forward then backward
        gx += self.b_cat
        # the recurrence is a Python loop over time steps, as long as the longest sequence: a long paragraph is
        # read in windows of at most ``core + 2 * margin`` tokens, each token's output taken from the window
        # where it has ``margin`` tokens of context on both sides (or its sequence's edge)
        rows = []  # (first token of the sequence in gx, window start, window end, core start, core end)
        k = 0
        for n in lens:
            if n <= self.core + 2 * self.margin:
                rows.append((k, 0, n, 0, n))
            else:
                for cs in range(0, n, self.core):
                    ce = min(n, cs + self.core)
                    rows.append((k, max(0, cs - self.margin), min(n, ce + self.margin), cs, ce))
            k += n
        # each direction reads only the context it can use: the forward pass a window's core and the margin before
        # it, the backward pass the core and the margin after it (the forward states past the core, and the
        # backward ones before it, were never read): core + margin steps instead of core + 2 x margin
        span = [max(ce - ws, we - cs) for _, ws, we, cs, ce in rows]
        order = sorted(range(len(rows)), key=lambda b: -span[b])  # longest first: at step t the first active[t] run
        rows = [rows[b] for b in order]
        B, T = len(rows), span[order[0]]
        active = np.searchsorted(-np.array([span[b] for b in order]), -np.arange(T), side="left")
        # forward windows left-aligned; backward ones reversed, also left-aligned; zeros where a direction's window
        # is shorter than its row's (those steps' states are never read)
        gates_in = np.zeros((2, T, B, 4 * H), "float32")
        for b, (k, ws, we, cs, ce) in enumerate(rows):
            gates_in[0, :ce - ws, b] = gx[k + ws:k + ce, :4 * H]
            gates_in[1, :we - cs, b] = gx[k + cs:k + we, 4 * H:][::-1]
        h = np.zeros((2, B, H), "float32")
        c = np.zeros((2, B, H), "float32")
        out = np.empty((2, T, B, H), "float32")
        for t in range(T):
            a = active[t]
            # one tanh for all four gates (the weights were rescaled at load): gate = (tanh + 1) / 2 for the input,
            # forget and output gates, tanh itself for the cell input; h holds 2 x the LSTM's hidden state
            g = np.matmul(h[:, :a], self.w_hh_t)
            g += gates_in[:, t, :a]
            np.tanh(g, out=g)
            gi, gf, gc, go = g[..., :H], g[..., H:2 * H], g[..., 2 * H:3 * H], g[..., 3 * H:]
            ca = c[:, :a]
            c[:, :a] = ((gf + 1) * ca + (gi + 1) * gc) * 0.5
            h[:, :a] = (go + 1) * np.tanh(c[:, :a])
            out[:, t, :a] = h[:, :a]
        pieces = sorted((k + cs, b) for b, (k, _, _, cs, _) in enumerate(rows))  # back in token order
        hcat = np.concatenate(
            [np.concatenate([out[0, cs - ws:ce - ws, b], out[1, we - ce:we - cs, b][::-1]], axis=1)
             for b, (_, ws, we, cs, ce) in (( b, rows[b]) for _, b in pieces)], axis=0)
        logits = hcat @ self.out_w.T + self.out_b
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(1, keepdims=True)
        return np.split(p, np.cumsum(lens)[:-1])

    def vote(self, probs: list[np.ndarray], crf_tags: list[list[str]], crf_weight: float,
             smoothing: float = 0.02) -> list[list[str]]:
        """The mixed tags: ``(1 - crf_weight)`` x the LSTM's probabilities + ``crf_weight`` x the CRF's tags (one-hot,
        smoothed); a sequence where no token's choice differs from the CRF's keeps the CRF's tags."""
        lens = [len(ys) for ys in crf_tags]
        if not sum(lens):
            return [list(ys) for ys in crf_tags]
        crf = np.fromiter((_LABEL_ID[y] for ys in crf_tags for y in ys), dtype=np.int64, count=sum(lens))
        mixed = (1 - crf_weight) * np.concatenate(probs) + crf_weight * smoothing
        mixed[np.arange(len(crf)), crf] += crf_weight * (1 - smoothing * len(LABELS))
        best = mixed.argmax(1)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        changed = (best != crf).astype(np.int64)
        nonempty = np.array(lens) > 0
        any_change = np.zeros(len(lens), dtype=bool)
        any_change[nonempty] = np.add.reduceat(changed, starts[nonempty]) > 0
        out = list(crf_tags)
        for j in np.flatnonzero(any_change):
            k, n = starts[j], lens[j]
            b = best[k:k + n]
            # the argmax keeps the BIO constraint almost everywhere: decode only where it does not
            prev = np.concatenate([[0], b[:-1]])
            bad = _FORBIDDEN[prev, b]
            if np.any(bad):
                b = viterbi(np.log(mixed[k:k + n] + 1e-9))
            out[j] = [LABELS[i] for i in b]
        return out
