"""The trained attribution model: a linear-chain CRF over the spaCy parse, then linking.

PolNeAR gives every token at most one role (source, cue or content) in at
most one attribution, so extraction is sequence labelling (BIO tags
``B-SRC I-SRC B-CUE I-CUE B-CON I-CON O``) plus linking each source and
content span to a cue. The tagger is a CRF (python-crfsuite) on features
read off ``en_core_web_sm``'s parse: words, lemmas, tags, dependencies, the
path to the nearest verb of saying (a cue lexicon learned from PolNeAR
train), quote-mark state, sentence and paragraph position, entities. Its
cost on top of the parse is a few per cent (see docs/attribution-model.md).

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

if not Doc.has_extension("st_raw_attributions"):
    Doc.set_extension("st_raw_attributions", default=None)

MODEL_RESOURCE = ("sourcetrace", "data/models/attribution")  # package data
# proximity links (no syntactic path) allowed up to: 1000 per sentence boundary, 100000 per paragraph
MAX_COST_SRC = 2000
MAX_COST_CON = 100000
ROLE_OF = {"SRC": "source", "CUE": "cue", "CON": "content"}
OPEN_Q = {"“", "‘‘", "``", "«"}
CLOSE_Q = {"”", "’’", "''", "»"}
STRAIGHT_Q = {'"'}


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

    _KEYS = ("cue_lex", "strong", "window", "syntax", "unit", "dense", "clusters", "ndeps")

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
    return _quote_state([t.text for t in doc], [t.is_space for t in doc], carried)


def _quote_state(texts: list[str], space: list[bool], carried: Optional[list[bool]] = None) -> list[int]:
    state = [0] * len(texts)
    inside = False
    prev_open = False
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
            state[i] = 3 if inside else 2
            inside = not inside
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

    def doc_features(self, doc: Doc) -> tuple[list[list[Token]], list[list[list[str]]]]:
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
        qs = _quote_state(texts, space, carried)
        base: list[list[str]] = [None] * n  # type: ignore[list-item]
        is_strong = [lm in strong for lm in lemmas]
        bucket = [_bucket(lex.get(lm, 0.0)) if lm in lex else "0" for lm in lemmas]
        # sentence-level facts
        sent_info: list = [None] * n
        sent_pos = [0] * n
        k_in_para = 0
        prev_end = 0
        for si, sp in enumerate(doc.sents):
            s0, s1 = sp.start, sp.end
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
                "b",
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
        seqs = units(doc, cfg.unit, toks)
        feats: list[list[list[str]]] = []
        w = cfg.window
        pres = {o: f"{o}:" for o in range(-w, w + 1)}
        ndeps = cfg.ndeps and cfg.syntax
        for seq in seqs:
            idx = [t.i for t in seq]
            m = len(idx)
            sf = []
            for k, i in enumerate(idx):
                f = list(base[i])
                for o in range(1, w + 1):
                    for sign in (-1, 1):
                        kk = k + sign * o
                        if 0 <= kk < m:
                            u = idx[kk]
                            pre = pres[sign * o]
                            f.append(pre + "w=" + lower[u])
                            f.append(pre + "t=" + tags[u])
                            f.append(pre + "q=" + str(qs[u]))
                            if o == 1:
                                f.append(pre + "l=" + lemmas[u])
                                f.append(pre + "cp=" + bucket[u])
                                if cl:
                                    f.extend(pre + x for x in cl[u])
                                if ndeps:
                                    f.append(pre + "d=" + deps[u])
                                    f.append(pre + "ca=" + ("self" if is_strong[u] else sa[u][0]))
                        elif o == 1:
                            f.append(f"{sign}:BOS" if sign < 0 else "+1:EOS")
                if k > 0:
                    f.append("bi=" + lower[idx[k - 1]] + "_" + lower[i])
                sf.append(f)
            feats.append(sf)
        if cfg.dense and doc.tensor is not None and len(doc.tensor) == len(doc):
            vec = doc.tensor
            feats = [[_with_dense(f, vec[t.i]) for f, t in zip(sf, seq)] for sf, seq in zip(feats, seqs)]
        return seqs, feats


def _with_dense(f: list[str], v) -> dict:
    d = dict.fromkeys(f, 1.0)
    for k, x in enumerate(v.tolist()):
        d[f"v{k}"] = x
    return d


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
        stack = []
        j = i
        while sa[j] is None:
            stack.append(j)
            h = heads[j]
            if h == j or len(stack) > 200:
                break
            j = h
        for j in reversed(stack):
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


def _para_of(doc: Doc) -> list[int]:
    para = [0] * len(doc)
    p = 0
    for t in doc:
        if t.is_space and "\n" in t.text:
            p += 1
        para[t.i] = p
    return para


def link(doc: Doc, chunks: list[_Chunk], scores: Optional[dict] = None) -> list[RawAttribution]:
    """Cue <-> source <-> content by parse and proximity (see module doc)."""
    if not chunks:
        return []
    sent_of = [0] * len(doc)
    for si, s in enumerate(doc.sents):
        for t in s:
            sent_of[t.i] = si
    para = _para_of(doc)
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
        # or a cue token hangs from the chunk (e.g. "according to" -> its object)
        for t in c.toks:
            for ch in t.children:
                if ch.i in cue_of_tok:
                    return cue_of_tok[ch.i]
        return None

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

    def cue_score(c: _Chunk) -> float:
        if not scores:
            return 1.0
        vals = [scores.get(t.i, 1.0) for t in c.toks]
        return round(max(0.0, min(1.0, sum(vals) / len(vals))), 3)

    attrs = [RawAttribution(cue=(c.toks[0].idx, c.toks[-1].idx + len(c.toks[-1])), score=cue_score(c),
                            extractor="model") for c in cues]
    src_of: dict[int, tuple[float, tuple[int, int]]] = {}
    for c in chunks:
        if c.role == "CUE":
            continue
        ci = syntactic(c)
        k = 0.0
        if ci is None:
            ci = nearest(c)
            if ci is None:
                continue
            k = cost(c, cues[ci])
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
    out = [a for a in attrs if a.contents]
    for a in out:
        a.contents.sort()
    return out


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 50:
        t = t.head
        d += 1
    return d


# ------------------------------------------------------------------ the model


class AttributionModel:
    def __init__(self, model_path: Path | str, meta: dict, centroids_file=None):
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

    @classmethod
    def load(cls, directory: Path | str | None = None) -> "AttributionModel":
        if directory is not None:
            d = Path(directory)
            meta = json.loads((d / "meta.json").read_text())
            return cls(d / meta.get("file", "crf.bin"), meta, d / meta.get("centroids", "centroids.npz"))
        root = resources.files(MODEL_RESOURCE[0]).joinpath(MODEL_RESOURCE[1])
        meta = json.loads(root.joinpath("meta.json").read_text())
        stack = ExitStack()
        path = stack.enter_context(resources.as_file(root.joinpath(meta.get("file", "crf.bin"))))
        model = cls(path, meta, root.joinpath(meta.get("centroids", "centroids.npz")))
        model._stack = stack  # keep a temporary copy alive (zip installs)
        return model

    def tag(self, doc: Doc, scores: Optional[dict] = None) -> tuple[list[list[Token]], list[list[str]]]:
        """BIO tags per sequence; ``scores`` (if given) gets token index -> marginal
        probability of its tag, for cue tokens."""
        seqs, feats = self.featurizer.doc_features(doc)
        with self._lock:  # a crfsuite Tagger holds per-call state: one thread at a time
            return seqs, self._tag(seqs, feats, scores)

    def _tag(self, seqs, feats, scores):
        tags = []
        for seq, f in zip(seqs, feats):
            if not f:
                tags.append([])
                continue
            y = self.tagger.tag(f)
            tags.append(y)
            if scores is not None:
                for k, lab in enumerate(y):
                    if lab.endswith("CUE"):
                        scores[seq[k].i] = self.tagger.marginal(lab, k)
        return tags

    def predict(self, doc: Doc) -> list[RawAttribution]:
        scores: dict[int, float] = {}
        seqs, tags = self.tag(doc, scores)
        carried = [False] * len(doc)
        quote_state(doc, carried)
        return link(doc, chunks_from_tags(seqs, tags, carried), scores=scores)


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
