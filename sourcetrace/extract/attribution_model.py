"""The trained attribution model: a linear-chain CRF over the spaCy parse, then linking.

PolNeAR gives every token at most one role (source, cue or content) in at
most one attribution, so extraction is sequence labelling (BIO tags
``B-SRC I-SRC B-CUE I-CUE B-CON I-CON O``) plus linking each source and
content span to a cue. The tagger is a CRF (python-crfsuite) on features
read off ``en_core_web_sm``'s parse: words, lemmas, tags, dependencies, the
path to the nearest verb of saying (a cue lexicon learned from PolNeAR
train), quote-mark state, sentence and paragraph position, entities. A
second CRF, stacked on the first (:func:`stack_features`: the first pass's
labels around each token in the sequence and in the parse), relabels the
tokens; it was trained on jackknifed first-pass labels of train. Its cost on
top of the parse is a few per cent (see docs/attribution-model.md). Where the
model directory has one (``nn_file`` in its meta.json), a BiLSTM over the same
features votes with the CRF's tags (:mod:`.attribution_nn`).

Linking has no library: it is a handful of rules over the tagged spans and
the parse (syntactic attachment first, then proximity within the sentence,
then the paragraph), written here because no package does PolNeAR-style
linking.

Use: :func:`predict_attributions(doc)` -> ``list[RawAttribution]`` (char
offsets into ``doc.text``), or add the spaCy component
``"sourcetrace_attribution_model"`` which stores the list in
``doc._.st_raw_attributions``.
"""

from __future__ import annotations

import gc
import json
import os
import threading
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .raw import RawAttribution
from ..nlp.doc import doc_text
from .rules import straight_mark_role

if not Doc.has_extension("st_raw_attributions"):
    Doc.set_extension("st_raw_attributions", default=None)

MODEL_RESOURCE = ("sourcetrace", "data/models/attribution")  # package data
# proximity links (no syntactic path) allowed up to: 1000 per sentence boundary, 100000 per paragraph
MAX_COST_SRC = 2000
MAX_COST_CON = 100000
# quotation marks that open / close a quoted chunk (straight ones count as both)
_OPENING_MARKS = frozenset({'"', "“", "‘", "'", "``", "‘‘", "''"})
_CLOSING_MARKS = frozenset({'"', "”", "’", "'", "''", "’’"})
# the feature every token carries (the CRF's per-label bias); `train attribution --stack-o-bias`
# shifts the second pass's weight of it for the label O
BIAS_ATTR = "b"
ROLE_OF = {"SRC": "source", "CUE": "cue", "CON": "content"}
OPEN_Q = {"“", "‘‘", "``", "«"}
CLOSE_Q = {"”", "’’", "»"}
# marks that open or close by where they stand: the straight quote, and two apostrophes, which some archives
# (the New York Times' among them) print for both marks ('' ... '')
STRAIGHT_Q = {'"', "''"}


# ------------------------------------------------------------------ features


@dataclass
class FeatureConfig:
    """What the feature extractor uses; saved with the model."""

    cue_lex: dict[str, float] = field(default_factory=dict)  # lemma -> P(cue | lemma) on train
    strong: float = 0.25  # P(cue|lemma) above which a lemma counts as a verb of saying
    window: int = 2
    syntax: bool = True
    unit: str = "sentence"  # sequence = "sentence" or "paragraph"
    dense: bool = False  # en_core_web_sm's tok2vec output (doc.tensor) as real-valued features
    clusters: list[int] = field(default_factory=list)  # k-means cluster ids of doc.tensor (k per entry)
    ndeps: bool = False  # dependency label and cue-path relation of the +-1 neighbours
    # further feature groups (see Featurizer._extra): "children" (the token's own dependents:
    # argument structure, subject type, quote in subtree), "qdist" (distance to the nearest
    # quote mark, paragraph index), "lbigram" (lemma bigrams with both neighbours)
    extra: list[str] = field(default_factory=list)

    _KEYS = ("cue_lex", "strong", "window", "syntax", "unit", "dense", "clusters", "ndeps", "extra")

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in self._KEYS}

    @classmethod
    def from_json(cls, d: dict) -> "FeatureConfig":
        return cls(**{k: d[k] for k in cls._KEYS if k in d})


def _bucket(p: float) -> str:
    if p >= 0.5:
        return "hi"
    if p >= 0.2:
        return "mid"
    if p >= 0.05:
        return "lo"
    return "0"


def _dist(d: int) -> str:
    a = abs(d)
    b = "0" if a == 0 else "1" if a == 1 else "2" if a == 2 else "3-5" if a <= 5 else "6-10" if a <= 10 else "far"
    return ("-" if d < 0 else "+") + b


def quote_state(doc: Doc, carried: Optional[list[bool]] = None) -> list[int]:
    """Per token: 1 inside quote marks, 0 outside; reset at each paragraph (line break).
    ``carried`` (if given) gets, per token, whether the previous paragraph ended inside an
    unclosed quote (news style for a quote that runs on into the next paragraph)."""
    return _quote_state([t.text for t in doc], [t.is_space for t in doc], carried, [bool(t.whitespace_) for t in doc])


def _quote_state(texts: list[str], space: list[bool], carried: Optional[list[bool]] = None,
                 trail: Optional[list[bool]] = None) -> list[int]:
    """``trail`` (per token: whitespace follows it) lets a straight mark say which way it faces (see
    :func:`.rules.straight_mark_role`): an opening mark met inside a quotation starts a new one
    (a quotation that ran on over a lost paragraph break: 'goals. "We were ...'), and a closing mark
    met outside one closes nothing."""
    state = [0] * len(texts)
    inside = False
    prev_open = False
    n = len(texts)
    for i, txt in enumerate(texts):
        if carried is not None:
            carried[i] = prev_open
        if space[i] and "\n" in txt:
            prev_open = inside
            inside = False
            continue
        if txt in OPEN_Q:
            state[i] = 2  # the mark itself
            inside = True
            continue
        if txt in CLOSE_Q:
            state[i] = 3
            inside = False
            continue
        if txt in STRAIGHT_Q:
            role = ""
            if trail is not None:
                # the characters around the mark, as the rules' quote finder sees them in the text
                before_ws = i == 0 or trail[i - 1] or space[i - 1] or texts[i - 1] in "([{—–-"
                after_ws = trail[i] or i + 1 >= n or space[i + 1]
                role = straight_mark_role(("x", " ")[before_ws] + '"' + (" " if after_ws else texts[i + 1][0]), 1)
            if inside and role != "open" or (not inside and role == "close"):
                state[i] = 3
                inside = False
            else:
                state[i] = 2
                inside = True
            continue
        state[i] = 1 if inside else 0
    return state


def units(doc: Doc, unit: str, toks: Optional[list[Token]] = None) -> list[list[Token]]:
    """Sequences the CRF labels: sentences or paragraphs, without whitespace tokens."""
    out: list[list[Token]] = []
    if toks is None:
        toks = list(doc)
    if unit == "paragraph":
        cur: list[Token] = []
        for t in toks:
            if t.is_space:
                if "\n" in t.text and cur:
                    out.append(cur)
                    cur = []
                continue
            cur.append(t)
        if cur:
            out.append(cur)
        return out
    for s in doc.sents:
        st = [t for t in toks[s.start:s.end] if not t.is_space]
        if st:
            out.append(st)
    return out


_blas_ctl = None


def _single_thread_blas():
    """A small matrix product per document: OpenBLAS's thread pool costs far more than it
    saves there (it spins on a busy CPU), so limit it to one thread (threadpoolctl, which
    scikit-learn brings) while the clusters are assigned."""
    global _blas_ctl
    from contextlib import nullcontext

    try:
        if _blas_ctl is None:
            from threadpoolctl import ThreadpoolController

            _blas_ctl = ThreadpoolController()
        return _blas_ctl.limit(limits=1, user_api="blas")
    except Exception:  # noqa: BLE001  (no threadpoolctl: run as is)
        _blas_ctl = False if _blas_ctl is None else _blas_ctl
        return nullcontext()


class Featurizer:
    def __init__(self, cfg: FeatureConfig, centroids: Optional[dict] = None):
        self.cfg = cfg
        self.lex = cfg.cue_lex
        self.strong = {k for k, v in cfg.cue_lex.items() if v >= cfg.strong}
        # k -> (k, 96) array of k-means centroids of doc.tensor rows (learned on train)
        self.centroids = centroids or {}
        self._cl_names: dict = {}
        self._cl_norm: dict = {}

    def cluster_ids(self, doc: Doc) -> list[list[str]]:
        import numpy as np

        out: list[list[str]] = [[] for _ in range(len(doc))]
        if not self.centroids or doc.tensor is None or len(doc.tensor) != len(doc):
            return out
        x = np.asarray(doc.tensor, dtype="float32")
        with _single_thread_blas():
            return self._assign(x, out)

    def _assign(self, x, out: list[list[str]]) -> list[list[str]]:
        for k, c in self.centroids.items():
            names = self._cl_names.get(k)
            if names is None:
                names = self._cl_names[k] = [f"k{k}={j}" for j in range(len(c))]
                self._cl_norm[k] = (c * c).sum(1)[None, :]
            ids = (self._cl_norm[k] - 2 * x @ c.T).argmin(1).tolist()  # |x|^2 is the same for all
            for o, j in zip(out, ids):
                o.append(names[j])
        return out

    def doc_features(self, doc: Doc, parse: Optional[dict] = None) -> tuple[list[list[Token]], list[list[list[str]]]]:
        """Sequences and per-token feature lists; ``parse`` (if given) receives the
        ``heads`` and ``deps`` arrays read off the Doc, for :func:`stack_features`."""
        cfg = self.cfg
        lex = self.lex
        strong = self.strong
        n = len(doc)
        # one pass over the Doc: Token objects are costly to create, so read each once
        toks = list(doc)
        texts = [t.text for t in toks]
        lower = [t.lower_ for t in toks]
        lemmas = [t.lemma_.lower() for t in toks]
        tags = [t.tag_ for t in toks]
        poss = [t.pos_ for t in toks]
        shapes = [t.shape_[:4] for t in toks]
        deps = [t.dep_ for t in toks]
        heads = [t.head.i for t in toks]
        ents = [(t.ent_iob_ + t.ent_type_) if t.ent_type_ else "" for t in toks]
        space = [t.is_space for t in toks]
        carried = [False] * n
        qs = _quote_state(texts, space, carried, [bool(t.whitespace_) for t in toks])
        if parse is not None:
            parse.update(heads=heads, deps=deps, carried=carried, texts=texts, space=space)
        base: list[list[str]] = [None] * n  # type: ignore[list-item]
        is_strong = [lm in strong for lm in lemmas]
        bucket = [_bucket(lex.get(lm, 0.0)) if lm in lex else "0" for lm in lemmas]
        # sentence-level facts
        sent_info: list = [None] * n
        sent_pos = [0] * n
        k_in_para = 0
        prev_end = 0
        sents = [(sp.start, sp.end) for sp in doc.sents]
        if parse is not None:
            parse["sents"] = sents
        for si, (s0, s1) in enumerate(sents):
            if si and any(space[j] and "\n" in texts[j] for j in range(max(prev_end - 1, 0), s0 + 1)):
                k_in_para = 0
            elif si:
                k_in_para += 1
            cues = [j for j in range(s0, s1) if is_strong[j]]
            hasq = any(qs[j] >= 2 for j in range(s0, s1))
            info = (s0, s1, cues, hasq)
            for j in range(s0, s1):
                sent_pos[j] = k_in_para
                sent_info[j] = info
            prev_end = s1
        cl = self.cluster_ids(doc) if self.centroids else None
        # a verb of saying hanging from a clause it is not the head of ("According to X, ...",
        # "..., X said" parsed as parataxis): the rest of that clause is its likely content
        sib: dict[int, str] = {}
        if cfg.syntax:
            for ci in range(n):
                if is_strong[ci] and heads[ci] != ci and not is_strong[heads[ci]]:
                    c = toks[ci]
                    lo, hi = c.left_edge.i, c.right_edge.i
                    for u in c.head.subtree:
                        ui = u.i
                        if not (lo <= ui <= hi) and ui not in sib:
                            sib[ui] = deps[ci] + ("L" if ui < ci else "R")
            sa, top, top2, wa = _ancestry(doc, heads, deps, is_strong, bucket)
        for i in range(n):
            if space[i]:
                continue
            lm = lemmas[i]
            f = [
                BIAS_ATTR,
                "w=" + lower[i],
                "l=" + lm,
                "t=" + tags[i],
                "p=" + poss[i],
                "sh=" + shapes[i],
                "q=" + str(qs[i]),
                "cp=" + bucket[i],
            ]
            if ents[i]:
                f.append("e=" + ents[i])
            if cl:
                f.extend(cl[i])
            if i in sib:
                f.append("cs=" + sib[i])
            if carried[i]:
                f.append("pq=open")
            s0, s1, cues, hasq = sent_info[i]
            f.append("sp=" + str(min(sent_pos[i], 2)))
            if i == s0:
                f.append("sstart")
            if i == s1 - 1 or (i + 1 < n and space[i + 1] and i + 2 >= s1):
                f.append("send")
            f.append("shq=" + str(hasq))
            if cues:
                d = min((c - i for c in cues), key=abs)
                f.append("cd=" + _dist(d))
            else:
                f.append("cd=none")
            if cfg.syntax:
                h = heads[i]
                f.append("d=" + deps[i])
                f.append("hl=" + lemmas[h])
                f.append("hd=" + deps[h] + "|" + deps[i])
                f.append("hcp=" + bucket[h])
                # path up to the nearest verb of saying: the relation by which we hang from it
                if is_strong[i]:
                    f.append("ca=self")
                else:
                    rel, depth, anc = sa[i]
                    f.append("ca=" + rel)
                    f.append("ca2=" + rel + "|" + ("1" if depth <= 1 else "2+"))
                    if anc >= 0:
                        f.append("cal=" + lemmas[anc])
                # the dependency path's top: how the token's clause hangs from the root
                tc = top[i]
                tdep = deps[tc] if tc != i or heads[i] != i else "ROOT"
                f.append("top=" + tdep)
                f.append("top2=" + tdep + ">" + (deps[top2[i]] if top2[i] >= 0 else "-"))
                root = heads[tc] if heads[tc] != tc else tc
                f.append("rl=" + bucket[root] + "|" + tdep)
                f.append("rside=" + ("L" if i < root else "R" if i > root else "0"))
                if wa[i]:
                    f.append("wa=" + wa[i])
            base[i] = f
        if cfg.extra:
            for i, ex in enumerate(self._extra(toks, texts, lemmas, tags, deps, heads, ents, space, qs, is_strong)):
                if ex and base[i] is not None:
                    base[i].extend(ex)
        if parse is not None:  # how many of each token's features describe the token itself (attribution_nn)
            parse["base_len"] = [len(f) if f is not None else 0 for f in base]
        seqs = units(doc, cfg.unit, toks)
        feats: list[list[list[str]]] = []
        w = cfg.window
        pres = {o: f"{o}:" for o in range(-w, w + 1)}
        ndeps = cfg.ndeps and cfg.syntax
        # each token's features as a neighbour at each offset, built once (a token is the
        # neighbour of up to 2w others); order: -1, +1, -2, +2, ...
        offs = [sign * o for o in range(1, w + 1) for sign in (-1, 1)]
        nbf: dict[int, list] = {}
        for off in offs:
            pre = pres[off]
            pw, pt, pq = pre + "w=", pre + "t=", pre + "q="
            arr: list = [None] * n
            if abs(off) == 1:
                pl, pc, pd, pa = pre + "l=", pre + "cp=", pre + "d=", pre + "ca="
                for u in range(n):
                    if space[u]:
                        continue
                    x = [pw + lower[u], pt + tags[u], pq + str(qs[u]), pl + lemmas[u], pc + bucket[u]]
                    if cl:
                        x.extend(pre + c for c in cl[u])
                    if ndeps:
                        x.append(pd + deps[u])
                        x.append(pa + ("self" if is_strong[u] else sa[u][0]))
                    arr[u] = x
            else:
                for u in range(n):
                    if not space[u]:
                        arr[u] = (pw + lower[u], pt + tags[u], pq + str(qs[u]))
            nbf[off] = arr
        edge = {-1: "-1:BOS", 1: "+1:EOS"}
        for seq in seqs:
            idx = [t.i for t in seq]
            m = len(idx)
            sf = []
            for k, i in enumerate(idx):
                f = base[i]  # each token is in one sequence: extended in place
                for off in offs:
                    kk = k + off
                    if 0 <= kk < m:
                        f.extend(nbf[off][idx[kk]])
                    elif off in edge:
                        f.append(edge[off])
                if k > 0:
                    f.append("bi=" + lower[idx[k - 1]] + "_" + lower[i])
                sf.append(f)
            feats.append(sf)
        if cfg.dense and doc.tensor is not None and len(doc.tensor) == len(doc):
            vec = doc.tensor
            feats = [[_with_dense(f, vec[t.i]) for f, t in zip(sf, seq)] for sf, seq in zip(feats, seqs)]
        return seqs, feats


    def _extra(self, toks, texts, lemmas, tags, deps, heads, ents, space, qs, is_strong) -> list[list[str]]:
        extra = self.cfg.extra
        n = len(toks)
        out: list[list[str]] = [[] for _ in range(n)]
        if "children" in extra:
            kids: list[list[int]] = [[] for _ in range(n)]
            for j in range(n):
                if heads[j] != j and not space[j]:
                    kids[heads[j]].append(j)
            # quote marks per token (prefix sums) to ask whether a subtree holds one
            qpre = [0] * (n + 1)
            for j in range(n):
                qpre[j + 1] = qpre[j] + (1 if qs[j] >= 2 else 0)
            ledge, redge = _edges(heads)
            has_comp = [any(deps[j] in _COMP_DEPS for j in ks) for ks in kids]
            for i in range(n):
                if space[i]:
                    continue
                f = out[i]
                ks = kids[i]
                if ks:
                    cd = {deps[j] for j in ks} & _ARG_DEPS
                    for d in cd:
                        f.append("ch=" + d)
                    comp = has_comp[i]
                    subj = next((j for j in ks if deps[j] in ("nsubj", "nsubjpass")), -1)
                    f.append("chs=" + ("S" if subj >= 0 else "-") + ("C" if comp else "-")
                             + ("A" if "agent" in cd else "-"))
                    if comp:
                        f.append("lch=" + lemmas[i])
                    if subj >= 0:
                        st = tags[subj]
                        f.append("subj=" + ("PRP" if st == "PRP" else ents[subj][1:] if ents[subj] else st))
                    if tags[i].startswith("VB") and qpre[redge[i] + 1] - qpre[ledge[i]] > 0:
                        f.append("subq")
                else:  # a leaf (a quote mark is never a verb: no "subq")
                    f.append("chs=---")
                h = heads[i]
                if h != i and has_comp[h]:
                    f.append("hcomp")
        if "qdist" in extra:
            # distance to the nearest quote mark before / after, within the paragraph
            last = -1
            prev = [-1] * n
            for j in range(n):
                if space[j] and "\n" in texts[j]:
                    last = -1
                prev[j] = last
                if qs[j] >= 2:
                    last = j
            nxt = [-1] * n
            last = -1
            for j in range(n - 1, -1, -1):
                if space[j] and "\n" in texts[j]:
                    last = -1
                nxt[j] = last
                if qs[j] >= 2:
                    last = j
            para = 0
            for j in range(n):
                if space[j]:
                    if "\n" in texts[j]:
                        para += 1
                    continue
                f = out[j]
                f.append("qp=" + (_dist(j - prev[j]) if prev[j] >= 0 else "none"))
                f.append("qn=" + (_dist(nxt[j] - j) if nxt[j] >= 0 else "none"))
                f.append("pi=" + str(min(para, 3)))
        if "lbigram" in extra:
            prev_i = -1
            for j in range(n):
                if space[j]:
                    continue
                if prev_i >= 0:
                    out[j].append("lb-=" + lemmas[prev_i] + "|" + lemmas[j])
                    out[prev_i].append("lb+=" + lemmas[prev_i] + "|" + lemmas[j])
                prev_i = j
        return out


def _edges(heads: list[int]) -> tuple[list[int], list[int]]:
    """Each token's subtree bounds (spaCy's ``left_edge``/``right_edge``) from the head array,
    without creating Token objects: each token walks up until an ancestor already reaches as
    far, so every ancestor is updated once per side (linear time)."""
    n = len(heads)
    lo = list(range(n))
    hi = list(range(n))
    for j in range(n):
        h, c = heads[j], j
        while h != c and lo[h] > j:
            lo[h] = j
            c, h = h, heads[h]
    for j in range(n - 1, -1, -1):
        h, c = heads[j], j
        while h != c and hi[h] < j:
            hi[h] = j
            c, h = h, heads[h]
    return lo, hi


_COMP_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "agent", "advcl", "parataxis", "prep",
                       "mark", "aux", "auxpass", "neg", "dative", "acomp", "attr", "advmod", "npadvmod"})


def _with_dense(f: list[str], v) -> dict:
    d = dict.fromkeys(f, 1.0)
    for k, x in enumerate(v.tolist()):
        d[f"v{k}"] = x
    return d


def _unsolved_chain(heads: list[int], memo: list, i: int, limit: int = 200) -> list[int]:
    """Token ``i`` and its heads up to the first whose ``memo`` entry is known (or the root), topmost first:
    the order in which a value memoised along head chains can be filled in."""
    chain = []
    j = i
    while memo[j] is None:
        chain.append(j)
        h = heads[j]
        if h == j or len(chain) > limit:
            break
        j = h
    return chain[::-1]


def _ancestry(doc: Doc, heads: list[int], deps: list[str], is_strong: list[bool], bucket: list[str]):
    """Per token, memoised over the head chain (linear time):
    sa: (relation by which its path hangs from the nearest strong cue ancestor, depth, that ancestor);
    top: its ancestor that is a child of the root (itself for the root);
    top2: the next one down (-1 if none); wa: "dep|bucket" of the nearest weak-cue ancestor."""
    n = len(heads)
    sa: list = [None] * n
    top = [-1] * n
    top2 = [-1] * n
    wa: list = [None] * n

    def solve(i: int) -> None:
        for j in _unsolved_chain(heads, sa, i):
            h = heads[j]
            if h == j:
                sa[j] = ("none", 0, -1)
                top[j] = j
                top2[j] = -1
                wa[j] = ""
                continue
            if is_strong[h]:
                sa[j] = (deps[j], 1, h)
            else:
                r, d, a = sa[h] if sa[h] is not None else ("none", 0, -1)
                sa[j] = (r, d + 1, a) if a >= 0 else ("none", 0, -1)
            if heads[h] == h:
                top[j] = j
                top2[j] = -1
            else:
                top[j] = top[h]
                top2[j] = j if top[h] == h else top2[h]
            wa[j] = deps[j] + "|" + bucket[h] if bucket[h] != "0" else (wa[h] or "")

    for i in range(n):
        if sa[i] is None:
            solve(i)
    return sa, top, top2, wa


# ------------------------------------------------------------------ stacking


def stack_features(doc: Doc, seqs: list[list[Token]], feats: list[list[list[str]]],
                   y1: list[list[str]], parse: Optional[dict] = None, copy: bool = True,
                   todo: Optional[list[bool]] = None) -> list[list[list[str]]]:
    """Features for a second-pass CRF: the first pass's features plus its labels around
    each token, in the sequence (+-2) and in the parse (the head's label, the relation
    by which the token hangs from the nearest first-pass cue, its children's roles),
    and the distance to the nearest first-pass cue. Cheap: one more pass over the Doc.
    ``parse``: the heads/deps :meth:`Featurizer.doc_features` read (else read again);
    ``copy=False`` extends the first pass's feature lists in place; ``todo`` (per
    sequence) leaves out the sequences not to relabel (their features: ``[]``)."""
    n = len(doc)
    lab = ["O"] * n
    for seq, ys in zip(seqs, y1):
        for t, y in zip(seq, ys):
            lab[t.i] = y
    role = [y[2:] if y != "O" else "O" for y in lab]
    if parse is not None:
        heads, deps = parse["heads"], parse["deps"]
    else:
        heads = [t.head.i for t in doc]
        deps = [t.dep_ for t in doc]
    is_cue = [r == "CUE" for r in role]
    # relation of the path from the nearest first-pass-cue ancestor, memoised on the head chain
    ca: list = [None] * n
    for i in range(n):
        if ca[i] is not None:
            continue
        for j in _unsolved_chain(heads, ca, i):
            h = heads[j]
            if h == j:
                ca[j] = ("none", 0)
            elif is_cue[h]:
                ca[j] = (deps[j], 1)
            else:
                r, d = ca[h] if ca[h] is not None else ("none", 0)
                ca[j] = (r, d + 1) if r != "none" else ("none", 0)
    kid_roles: list[set] = [set() for _ in range(n)]
    for j in range(n):
        if heads[j] != j and role[j] != "O":
            kid_roles[heads[j]].add(role[j] + "|" + deps[j])
    out: list[list[list[str]]] = []
    for si, (seq, sf) in enumerate(zip(seqs, feats)):
        if todo is not None and not todo[si]:
            out.append([])
            continue
        idx = [t.i for t in seq]
        m = len(idx)
        cue_pos = [k for k, i in enumerate(idx) if is_cue[i]]
        roles_here = "".join(sorted({role[i] for i in idx} - {"O"})) or "none"
        pad = ["BOS", "BOS"] + [lab[i] for i in idx] + ["EOS", "EOS"]
        nf = []
        ci = 0
        for k, i in enumerate(idx):
            f = list(sf[k]) if copy else sf[k]
            y, ym1, yp1 = pad[k + 2], pad[k + 1], pad[k + 3]
            f.extend(("y=" + y, "y-2=" + pad[k], "y-1=" + ym1, "y+1=" + yp1, "y+2=" + pad[k + 4],
                      "y-1y=" + ym1 + ">" + y, "y+1y=" + y + ">" + yp1))
            h = heads[i]
            f.append("yh=" + (role[h] if h != i else "ROOT") + "|" + deps[i])
            r, d = ca[i]
            if is_cue[i]:
                f.append("yca=self")
            else:
                f.append("yca=" + r + "|" + ("1" if d <= 1 else "2+" if r != "none" else ""))
            for kr in kid_roles[i]:
                f.append("yk=" + kr)
            if cue_pos:
                while ci + 1 < len(cue_pos) and abs(cue_pos[ci + 1] - k) <= abs(cue_pos[ci] - k):
                    ci += 1
                f.append("ycd=" + _dist(cue_pos[ci] - k))
            else:
                f.append("ycd=none")
            f.append("yr=" + roles_here)
            nf.append(f)
        out.append(nf)
    return out


# ------------------------------------------------------------------ decoding and linking


@dataclass
class _Chunk:
    role: str
    toks: list[Token]
    sent: int
    para: int

    @property
    def start(self) -> int:
        return self.toks[0].i

    @property
    def end(self) -> int:
        return self.toks[-1].i + 1


def chunks_from_tags(seqs: list[list[Token]], tags: list[list[str]],
                     carried: Optional[list[bool]] = None) -> list[_Chunk]:
    """BIO tags -> chunks. An ``I-`` tag that opens a sequence continues the previous
    chunk of that role when only whitespace/punctuation lies between them (a quote
    running over a sentence or paragraph break). So does a ``B-CON`` that opens a
    paragraph when the previous paragraph ended inside an unclosed quote (``carried``,
    from :func:`quote_state`): news style for a quote that runs on."""
    out: list[_Chunk] = []
    cur: Optional[_Chunk] = None
    for seq, tg in zip(seqs, tags):
        for k, (t, lab) in enumerate(zip(seq, tg)):
            if lab == "O":
                cur = None
                continue
            bio, role = lab.split("-", 1)
            if bio == "B" and k == 0 and role == "CON" and carried is not None and carried[t.i]:
                bio = "I"
            if bio == "I":
                if cur is not None and cur.role == role:
                    cur.toks.append(t)
                    continue
                last = out[-1] if out else None
                if last is not None and last.role == role and t.i > last.end - 1:
                    gap = t.doc[last.end:t.i]
                    if all(u.is_space or u.is_punct for u in gap):
                        last.toks.extend(gap)
                        last.toks.append(t)
                        cur = last
                        continue
            cur = _Chunk(role, [t], 0, 0)
            out.append(cur)
        cur = None
    return out


def _para_of(doc: Doc, texts: Optional[list[str]] = None, space: Optional[list[bool]] = None) -> list[int]:
    if texts is None or space is None:
        texts = [t.text for t in doc]
        space = [t.is_space for t in doc]
    para = [0] * len(texts)
    p = 0
    for i, (txt, sp) in enumerate(zip(texts, space)):
        if sp and "\n" in txt:
            p += 1
        para[i] = p
    return para


def link(doc: Doc, chunks: list[_Chunk], scores: Optional[dict] = None,
         parse: Optional[dict] = None) -> list[RawAttribution]:
    """Cue <-> source <-> content by parse and proximity (see module doc). ``parse``: the
    arrays :meth:`Featurizer.doc_features` read off the Doc (else read again)."""
    if not chunks:
        return []
    sent_of = [0] * len(doc)
    for si, (s0, s1) in enumerate(parse["sents"] if parse and "sents" in parse else
                                  ((s.start, s.end) for s in doc.sents)):
        sent_of[s0:s1] = [si] * (s1 - s0)
    para = _para_of(doc, *((parse["texts"], parse["space"]) if parse else ()))
    chunks.sort(key=lambda c: c.start)
    cues = [c for c in chunks if c.role == "CUE"]
    if not cues:
        return []
    cue_of_tok = {}
    for ci, c in enumerate(cues):
        for t in c.toks:
            cue_of_tok[t.i] = ci

    def syntactic(c: _Chunk) -> Optional[int]:
        # the chunk's root hangs (within 3 steps) from a cue token
        inside = {t.i for t in c.toks}
        roots = [t for t in c.toks if (t.head.i not in inside or t.head.i == t.i) and not t.is_punct]
        for root in roots:
            cur = root
            for _ in range(3):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                if cur.i in cue_of_tok:
                    return cue_of_tok[cur.i]
                if cur.i in inside:
                    break
        # or a cue token hangs from the chunk (e.g. "according to" -> its object); where
        # several do ("Emphasizing the urgency, Trump said, “If we …”": the parser hangs both
        # "Emphasizing" and "said" from the quotation's verb), the nearest one
        hang = {cue_of_tok[ch.i] for t in c.toks for ch in t.children if ch.i in cue_of_tok}
        if len(hang) > 1:
            return min(hang, key=lambda ci: (cost(c, cues[ci]), ci))
        return next(iter(hang), None)

    def cost(c: _Chunk, q: _Chunk) -> float:
        # quote marks at a chunk's edges are often parsed into the neighbouring sentence
        words = [t for t in c.toks if not t.is_punct] or c.toks
        first, last = words[0].i, words[-1].i
        if q.start >= c.end:
            d = q.start - c.end
            s0, s1 = sent_of[last], sent_of[q.start]
            p0, p1 = para[last], para[q.start]
        else:
            d = c.start - q.end
            s0, s1 = sent_of[q.end - 1], sent_of[first]
            p0, p1 = para[q.end - 1], para[first]
        # tagged chunks of other cues in between make the link unlikely
        return d + 1000 * (s1 - s0) + 100000 * (p1 - p0)

    def nearest(c: _Chunk, exclude=()) -> Optional[int]:
        best = None
        for ci, q in enumerate(cues):
            if ci in exclude:
                continue
            k = cost(c, q)
            if k >= (MAX_COST_SRC if c.role == "SRC" else MAX_COST_CON):
                continue
            if best is None or (k, ci) < best:
                best = (k, ci)
        return best[1] if best else None

    def governing_quote_cue(c: _Chunk, ci: int) -> int:
        # '“Q1,” Clinton said, recalling a bill that failed. “Q2.”' and '“Q1,” said Pardo, who said he
        # would not vote. “Q2.”': the quotation after the sentence continues what was said (PolNeAR: one
        # statement, Q1 + Q2), not the content of the participle or relative clause nearest it
        first = next((t for t in c.toks if not t.is_space), None)
        if first is None or first.text not in _OPENING_MARKS:
            return ci
        if cues[ci].start >= c.end:
            return previous_speaker(c, ci)
        root = min(cues[ci].toks, key=_depth)
        if root.tag_ == "VBG" and root.dep_ in ("advcl", "xcomp", "conj", "dep"):
            head = root.head
        elif root.dep_ == "relcl":
            head = root.head.head
        else:
            return ci
        cj = cue_of_tok.get(head.i)
        if cj is None or cj == ci:
            return ci
        return cj if quoted_before(cj) else ci

    def quoted_before(cj: int) -> bool:
        # the cue already has quoted content before it ("“Q1,” X said")
        start, text = cues[cj].toks[0].idx, doc_text(doc)
        return any(e <= start and any(m in text[s:e] for m in ('"', "“", "”", "''")) for s, e in attrs[cj].contents)

    def previous_speaker(c: _Chunk, ci: int) -> int:
        # '“Q1,” said X, a retiree. “Q2.” Perhaps, he said, …': a quotation of whole sentences after a
        # quoted report, in its paragraph, continues that report, not the next sentence's cue
        words = [t for t in c.toks if not t.is_space]
        if len(words) < 3 or words[-1].text not in _CLOSING_MARKS or words[-2].text not in (".", "!", "?"):
            return ci
        if sent_of[cues[ci].start] == sent_of[words[-1].i] or para[cues[ci].start] != para[words[0].i]:
            return ci
        before = [cj for cj, q in enumerate(cues) if q.end <= c.start and para[q.start] == para[words[0].i]]
        if not before:
            return ci
        cj = before[-1]
        if sent_of[cues[cj].start] != sent_of[words[0].i] - 1 and sent_of[cues[cj].end - 1] != sent_of[words[0].i] - 1:
            return ci
        return cj if quoted_before(cj) else ci

    def cue_score(c: _Chunk) -> float:
        if not scores:
            return 1.0
        vals = [scores.get(t.i, 1.0) for t in c.toks]
        return round(max(0.0, min(1.0, sum(vals) / len(vals))), 3)

    attrs = [RawAttribution(cue=(c.toks[0].idx, c.toks[-1].idx + len(c.toks[-1])), score=cue_score(c),
                            extractor="model") for c in cues]
    src_of: dict[int, tuple[float, tuple[int, int]]] = {}
    def inverted_cue(c: _Chunk) -> Optional[int]:
        # '“…,” said [X], asked about …': a source right after a verb of saying is its source, whatever
        # the parser hung it from (here the subject of "asked"; or "The party, …, “…,” said [X]" where
        # the parser made another source chunk the subject of the quotation's verb)
        j = c.toks[0].i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        ci = cue_of_tok.get(j) if j >= 0 else None
        if ci is None or min(cues[ci].toks, key=_depth).lemma_.lower() not in _REPORT_LEMMAS:
            return None
        return ci

    for c in chunks:
        if c.role == "CUE":
            continue
        ci = inverted_cue(c) if c.role == "SRC" else None
        if ci is not None:
            src_of[ci] = (-1.0, (c.toks[0].idx, c.toks[-1].idx + len(c.toks[-1])))
            continue
        ci = syntactic(c)
        k = 0.0
        if ci is None:
            ci = nearest(c)
            if ci is None:
                continue
            k = cost(c, cues[ci])
            if c.role == "CON":
                ci = governing_quote_cue(c, ci)
        span = (c.toks[0].idx, c.toks[-1].idx + len(c.toks[-1]))
        if c.role == "SRC":
            if ci in src_of and src_of[ci][0] <= k:
                continue
            src_of[ci] = (k, span)
        else:
            attrs[ci].contents.append(span)
    for ci, (_k, span) in src_of.items():
        attrs[ci].sources.append(span)
    # PolNeAR shares a source between attributions ("Mexicans often say ..., lamenting ...",
    # "she called X and called for Y"): a cue left without one takes the source chunk that is
    # the subject of a verb on its head chain, or the source of a cue it hangs from.
    src_chunk_of_tok = {}
    for c in chunks:
        if c.role == "SRC":
            for t in c.toks:
                src_chunk_of_tok[t.i] = (c.toks[0].idx, c.toks[-1].idx + len(c.toks[-1]))
    if src_chunk_of_tok:
        for ci, q in enumerate(cues):
            if attrs[ci].sources:
                continue
            inside = {t.i for t in q.toks}
            cur = min(q.toks, key=lambda t: _depth(t))
            found = None
            for _ in range(4):
                for ch in cur.children:
                    if ch.dep_ in ("nsubj", "nsubjpass") and ch.i in src_chunk_of_tok and ch.i not in inside:
                        found = src_chunk_of_tok[ch.i]
                        break
                if found or cur.head.i == cur.i:
                    break
                cur = cur.head
                if cur.i in cue_of_tok and cue_of_tok[cur.i] != ci and attrs[cue_of_tok[cur.i]].sources:
                    found = attrs[cue_of_tok[cur.i]].sources[0]
                    break
            if found:
                attrs[ci].sources.append(found)
    for ci, a in enumerate(attrs):
        if a.sources and not a.contents:
            span = _complement_span(cues[ci], a.sources[0])
            if span:
                a.contents.append(span)
    out = [a for a in attrs if a.contents]
    for a in out:
        a.contents.sort()
    return out


def _complement_span(cue: _Chunk, source: tuple[int, int]) -> Optional[tuple[int, int]]:
    """The clause a cue with a source, but no content tagged, reports: its clausal complement
    ("He said [Obama hopes that ...]", where the tagger read "hopes" as the cue of the content) or,
    for a trailing "..., sources said.", the clause the parser hung it from. Within the sentence,
    leaving out the cue and source; None where there is no such clause."""
    root = min(cue.toks, key=_depth)
    if root.lemma_.lower() not in _REPORT_LEMMAS:
        return None
    cue_toks = {t.i for t in cue.toks}
    comp = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.i not in cue_toks]
    if not comp and root.dep_ in ("parataxis", "ccomp") and root.head.i < root.i:
        comp = [root.head]  # "…, sources said": "said" hung from the clause it reports
        skip = {t.i for t in root.subtree}
    else:
        skip = set()
    sent = root.sent
    if not comp:
        return _before_trailing_report(cue, source)
    if len(comp) != 1:
        return None
    toks = [t for t in comp[0].subtree if t.i not in skip and t.i not in cue_toks and sent.start <= t.i < sent.end
            and not (source[0] <= t.idx < source[1])]
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ == "that" and toks[0].dep_ == "mark"):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if len(toks) < 3:
        return None
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _before_trailing_report(cue: _Chunk, source: tuple[int, int]) -> Optional[tuple[int, int]]:
    """"…, a girl was pepper-sprayed by a bystander, police said.": a source and cue closing their sentence after
    a comma report all of the sentence before them, however the parser hung that from the cue (an adverbial
    clause, a loose dependent)."""
    doc = cue.toks[0].doc
    sent = cue.toks[0].sent
    after = [t for t in doc[cue.toks[-1].i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if after or source[1] > cue.toks[0].idx or any(t.pos_ not in ("VERB", "AUX", "PART", "ADV") for t in cue.toks):
        return None  # not "their smiles said a lot"
    j = cue.toks[0].i - 1
    while j >= sent.start and (doc[j].is_space or source[0] <= doc[j].idx < source[1]):
        j -= 1
    if j < sent.start or doc[j].text != ",":
        return None  # the source right before the cue, a comma right before the source
    toks = [t for t in doc[sent.start : j] if not t.is_space]
    while toks and toks[0].is_punct and toks[0].text not in _OPENING_MARKS:
        toks.pop(0)
    if len(toks) < 3:
        return None
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text))


# verbs whose complement is what was said, for a cue left without content (narrower than rules.SPEECH_VERBS,
# which also holds verbs of belief and judgement whose complement the tagger's reading is better left alone)
_REPORT_LEMMAS = frozenset("say tell add note explain argue insist claim report write state warn suggest contend "
                           "acknowledge confirm deny assert recall predict".split())


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 50:
        t = t.head
        d += 1
    return d


# ------------------------------------------------------------------ the model


class AttributionModel:
    def __init__(self, model_path: Path | str, meta: dict, centroids_file=None, stack_path=None, nn_file=None):
        import pycrfsuite

        self.meta = meta
        self.cfg = FeatureConfig.from_json(meta["features"])
        centroids = None
        if self.cfg.clusters and centroids_file is not None:
            import numpy as np

            with centroids_file.open("rb") as fh:
                z = np.load(fh)
                centroids = {int(k[1:]): z[k].astype("float32") for k in z.files}
        self.featurizer = Featurizer(self.cfg, centroids)
        self._lock = threading.Lock()
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path))
        self.tagger2 = None
        if stack_path is not None:  # second pass on the first pass's labels (stack_features)
            self.tagger2 = pycrfsuite.Tagger()
            self.tagger2.open(str(stack_path))
        self.nn = None  # the BiLSTM that votes with the CRF (attribution_nn), where the model has one
        if nn_file is not None:
            from .attribution_nn import BiLSTMTagger

            with nn_file.open("rb") as fh:
                self.nn = BiLSTMTagger(fh)
            self.nn_weight = float(meta.get("nn_crf_weight", 0.3))

    @classmethod
    def load(cls, directory: Path | str | None = None) -> "AttributionModel":
        if directory is not None:
            d = Path(directory)
            meta = json.loads((d / "meta.json").read_text())
            return cls(d / meta.get("file", "crf.bin"), meta, d / meta.get("centroids", "centroids.npz"),
                       d / meta["stack_file"] if meta.get("stack_file") else None,
                       d / meta["nn_file"] if meta.get("nn_file") else None)
        root = resources.files(MODEL_RESOURCE[0]).joinpath(MODEL_RESOURCE[1])
        meta = json.loads(root.joinpath("meta.json").read_text())
        stack = ExitStack()
        path = stack.enter_context(resources.as_file(root.joinpath(meta.get("file", "crf.bin"))))
        spath = None
        if meta.get("stack_file"):
            spath = stack.enter_context(resources.as_file(root.joinpath(meta["stack_file"])))
        model = cls(path, meta, root.joinpath(meta.get("centroids", "centroids.npz")), spath,
                    root.joinpath(meta["nn_file"]) if meta.get("nn_file") else None)
        model._stack = stack  # keep a temporary copy alive (zip installs)
        return model

    def tag(self, doc: Doc, scores: Optional[dict] = None,
            parse: Optional[dict] = None) -> tuple[list[list[Token]], list[list[str]]]:
        """BIO tags per sequence; ``scores`` (if given) gets token index -> marginal
        probability of its tag, for cue tokens; ``parse`` (if given) the arrays read off the Doc."""
        if parse is None:
            parse = {}
        seqs, feats = self.featurizer.doc_features(doc, parse)
        with self._lock:  # a crfsuite Tagger holds per-call state: one thread at a time
            if self.tagger2 is None:
                tags = self._tag(seqs, feats, scores)
                todo = [True] * len(seqs)
                return seqs, (self._vote(doc, seqs, feats, tags, parse, todo) if self.nn is not None else tags)
            y1 = self._tag(seqs, feats, None)
            # a paragraph where the first pass found nothing is left as it is: the second pass
            # changed nothing there on PolNeAR dev (same figures), and it halves its cost
            todo = [any(y != "O" for y in ys) for ys in y1]
            feats2 = stack_features(doc, seqs, feats, y1, parse, copy=False, todo=todo)
            y2 = self._tag(seqs, feats2, scores, self.tagger2)
            tags = [y if t else ys for ys, y, t in zip(y1, y2, todo)]
        if self.nn is not None:
            # only where the first pass tagged something, like the second pass (93% of BBC tokens; on PolNeAR dev
            # the same figures as everywhere)
            tags = self._vote(doc, seqs, feats, tags, parse, todo)
        return seqs, tags

    def _vote(self, doc: Doc, seqs, feats, tags, parse, todo):
        """The CRF's tags mixed with the BiLSTM's (:mod:`.attribution_nn`), on the paragraphs in ``todo``."""
        import numpy as np

        pick = [k for k, (seq, t) in enumerate(zip(seqs, todo)) if t and seq]
        if not pick:
            return tags
        ten = doc.tensor if doc.tensor is not None and len(doc.tensor) == len(doc) else np.zeros((len(doc), 96), "float32")
        from .attribution_nn import network_features

        base = parse["base_len"]
        fs = [network_features(feats[k], [base[t.i] for t in seqs[k]]) for k in pick]
        with _single_thread_blas():
            probs = self.nn.probabilities(fs, [ten[[t.i for t in seqs[k]]] for k in pick])
        voted = self.nn.vote(probs, [tags[k] for k in pick], self.nn_weight)
        tags = list(tags)
        for k, y in zip(pick, voted):
            tags[k] = y
        return tags

    def _tag(self, seqs, feats, scores, tagger=None):
        tagger = tagger or self.tagger
        tags = []
        for seq, f in zip(seqs, feats):
            if not f:
                tags.append([])
                continue
            y = tagger.tag(f)
            tags.append(y)
            if scores is not None:
                for k, lab in enumerate(y):
                    if lab.endswith("CUE"):
                        scores[seq[k].i] = tagger.marginal(lab, k)
        return tags

    def predict(self, doc: Doc) -> list[RawAttribution]:
        # The features are tens of thousands of small lists of strings, which hold no reference
        # cycles: the cyclic garbage collector's passes over them (and over everything else
        # alive) cost about 5% of the model's time, so it is paused while they exist.
        was_on = gc.isenabled()
        gc.disable()
        try:
            scores: dict[int, float] = {}
            parse: dict = {}
            seqs, tags = self.tag(doc, scores, parse)
            passive_agents(seqs, tags)
            return link(doc, chunks_from_tags(seqs, tags, parse["carried"]), scores=scores, parse=parse)
        finally:
            if was_on:
                gc.enable()


def passive_agents(seqs: list[list[Token]], tags: list[list[str]]) -> None:
    """The agent of a passive cue is its source ("The plan was criticized by [environmental
    groups] as ..."): where the tagger labelled the agent's noun phrase content or nothing,
    it becomes the source (in place). Passive cues are rare in PolNeAR train, and the
    tagger often reads the agent as part of the content."""
    pos = {t.i: (si, k) for si, seq in enumerate(seqs) for k, t in enumerate(seq)}
    for si, (seq, tg) in enumerate(zip(seqs, tags)):
        for t, lab in zip(seq, tg):
            if not lab.endswith("CUE") or not any(c.dep_ == "auxpass" for c in t.children):
                continue
            for by in t.children:
                if by.dep_ != "agent":
                    continue
                for obj in by.children:
                    if obj.dep_ != "pobj":
                        continue
                    span = [u for u in obj.subtree if u.i in pos]
                    labs = [tags[pos[u.i][0]][pos[u.i][1]] for u in span]
                    if not span or any(x.endswith("SRC") or x.endswith("CUE") for x in labs):
                        continue
                    if span[-1].i - span[0].i + 1 != len(span):
                        continue  # not one run of tokens
                    for k, u in enumerate(span):
                        a, b = pos[u.i]
                        tags[a][b] = ("B-SRC" if k == 0 else "I-SRC")
                    # a content chunk cut by the new source restarts after it
                    nxt = pos.get(span[-1].i + 1)
                    if nxt is not None and tags[nxt[0]][nxt[1]] == "I-CON":
                        tags[nxt[0]][nxt[1]] = "B-CON"


_model: Optional[AttributionModel] = None
_lock = threading.Lock()


def get_model() -> AttributionModel:
    global _model
    with _lock:
        if _model is None:
            # $SOURCETRACE_ATTRIBUTION_MODEL: a directory with meta.json + crf.bin (else package data)
            _model = AttributionModel.load(os.environ.get("SOURCETRACE_ATTRIBUTION_MODEL") or None)
        return _model


def predict_attributions(doc: Doc) -> list[RawAttribution]:
    """Attributions found by the trained model (char offsets into ``doc.text``)."""
    if not len(doc):
        return []
    return get_model().predict(doc)


@Language.component("sourcetrace_attribution_model")
def attribution_model_component(doc: Doc) -> Doc:
    doc._.st_raw_attributions = predict_attributions(doc)
    return doc
