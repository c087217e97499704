"""`sourcetrace eval polnear DIR`: attribution extraction scored against PolNeAR.

DIR holds ``text/*.txt`` and ``attributions/*.ann`` (BRAT standoff; roles
``Source``, ``Cue``, ``Content`` linked by ``E`` lines; discontinuous spans
``s e;s e``). Where an article was annotated several times, the first
``.ann`` by sorted name whose name starts with the text's stem is used.

Metrics (defined in docs/attribution-model.md): every span is turned into a
set of *word tokens* (``\\w+`` runs of the text), so punctuation and
whitespace at the edges never matter.

* end-to-end exact: a predicted attribution matches a gold one when its cue
  overlaps the gold cue and its source and its content cover exactly the
  gold words (a gold attribution with no source needs a prediction with no
  source); lenient: cue, source and content each overlap (both sources empty
  also counts). Predictions and gold are matched one to one.
* per role (source, cue, content), exact span: each attribution's role words
  split into maximal runs of consecutive word tokens; a run is one span;
  P/R/F1 over spans that are identical. Token level: P/R/F1 over the set of
  (word token, role) pairs.
* a predicted statement with ``nested_in`` set whose words all lie inside a
  gold attribution's content is ignored (PolNeAR annotates only the outer
  one).

``--extractor pipeline`` (default) runs :func:`sourcetrace.analyze`;
``--extractor model`` scores :func:`sourcetrace.extract.attribution_model.predict_attributions`
alone on cached parses (fast); ``--extractor MODULE:FUNC`` scores any
``FUNC(doc) -> list[RawAttribution]``. ``SOURCETRACE_POLNEAR_EXTRACTOR`` sets
the default.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

# parsed-corpus caches; SOURCETRACE_CACHE moves them
CACHE_ROOT = Path(os.environ.get("SOURCETRACE_CACHE", Path.home() / ".cache" / "sourcetrace"))
CACHE_DIR = CACHE_ROOT / "polnear"
_WORD = re.compile(r"\w+")
ROLES = ("source", "cue", "content")


# --------------------------------------------------------------------- reading


@dataclass
class GoldAttribution:
    cue: list[tuple[int, int]]
    sources: list[tuple[int, int]] = field(default_factory=list)
    contents: list[tuple[int, int]] = field(default_factory=list)
    id: str = ""  # the BRAT E line, e.g. "E12"


@dataclass
class PolnearDoc:
    id: str
    path: Path
    text: str
    ann_path: Optional[Path]
    gold: list[GoldAttribution]


def _spans(s: str) -> list[tuple[int, int]]:
    out = []
    for frag in s.split(";"):
        a, b = frag.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(text: str) -> list[GoldAttribution]:
    """BRAT standoff -> attributions (one per ``E`` line that has a cue)."""
    tspans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offs = parts[1].partition(" ")
            tspans[parts[0]] = (label, _spans(offs))
        elif line.startswith("E") and len(parts) >= 2:
            args = []
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                args.append((re.sub(r"\d+$", "", role), ref))
            events.append((parts[0], args))
    gold = []
    for eid, args in events:
        cue: list[tuple[int, int]] = []
        src: list[tuple[int, int]] = []
        con: list[tuple[int, int]] = []
        for role, ref in args:
            if ref not in tspans:
                continue
            spans = tspans[ref][1]
            if role == "Cue":
                cue += spans
            elif role == "Source":
                src += spans
            elif role == "Content":
                con += spans
        if cue:
            gold.append(GoldAttribution(sorted(cue), sorted(src), sorted(con), id=eid))
    return gold


def first_ann(stem: str, anns: list[Path]) -> Optional[Path]:
    """The article's annotation: the first .ann by sorted name (several where it was annotated more than once)."""
    return next((a for a in sorted(anns) if a.name.startswith(stem + "_") or a.stem == stem), None)


def read_dir(d: Path | str) -> list[PolnearDoc]:
    d = Path(d)
    texts = sorted((d / "text").glob("*.txt"))
    anns = sorted((d / "attributions").glob("*.ann")) if (d / "attributions").is_dir() else []
    docs = []
    for tp in texts:
        stem = tp.stem
        ann = first_ann(stem, anns)
        text = tp.read_text(encoding="utf-8")
        gold = parse_ann(ann.read_text(encoding="utf-8")) if ann else []
        docs.append(PolnearDoc(stem, tp, text, ann, gold))
    return docs


def data_version(docs: list[PolnearDoc]) -> dict:
    """File count and a hash of the sorted file list (text + chosen .ann names)."""
    names = sorted([p.path.name for p in docs] + [p.ann_path.name for p in docs if p.ann_path])
    return {"files": len(docs), "ann_files": sum(1 for p in docs if p.ann_path),
            "file_list_sha1": hashlib.sha1("\n".join(names).encode()).hexdigest()}


# --------------------------------------------------------------------- parsing cache


def _load_tensors(docs, tpath: Path) -> None:
    import numpy as np

    z = np.load(tpath)
    vecs, lens = z["vecs"].astype("float32"), z["lens"]
    i = 0
    for d, n in zip(docs, lens):
        d.tensor = vecs[i:i + n]
        i += n


def parse_docs(docs: list[PolnearDoc], split: str = "docs", n_process: int = 1, tensors: bool = True):
    """spaCy Docs (base model + the paragraph sentence splitter), cached as a DocBin;
    the tok2vec output (``doc.tensor``, which DocBin does not keep) is cached beside it."""
    import spacy
    from spacy.tokens import DocBin

    from ..nlp import get_nlp

    nlp = get_nlp(components=("sourcetrace_paragraphs",))
    ver = data_version(docs)["file_list_sha1"][:12]
    from ..nlp.pipeline import TOKENIZER_VERSION

    key = f"{split}-{nlp.meta['name']}-{nlp.meta['version']}-{spacy.__version__}-{TOKENIZER_VERSION}-{ver}.spacy"
    path = CACHE_DIR / key
    tpath = path.with_suffix(".tensors.npz")
    if path.exists() and (tpath.exists() or not tensors):
        out = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if tensors:
            _load_tensors(out, tpath)
        return out
    out = list(nlp.pipe((p.text for p in docs), batch_size=16, n_process=n_process))
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        db = DocBin(store_user_data=False)
        for doc in out:
            db.add(doc)
        tmp = path.with_suffix(".tmp")
        db.to_disk(tmp)
        tmp.replace(path)
        import numpy as np

        np.savez(str(tpath) + ".tmp.npz", vecs=np.concatenate([d.tensor for d in out]).astype("float16"),
                 lens=np.array([len(d) for d in out]))
        Path(str(tpath) + ".tmp.npz").replace(tpath)
    except OSError as e:  # a read-only cache is not an error
        print(f"polnear: could not cache parses: {e}", file=sys.stderr)
    return out


# --------------------------------------------------------------------- scoring


class Words:
    """Word tokens (``\\w+``) of one text, to turn char spans into token sets."""

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def of(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        out: set[int] = set()
        for s, e in spans:
            i = bisect.bisect_right(self.ends, s)  # first token ending after s
            while i < len(self.starts) and self.starts[i] < e:
                out.add(i)
                i += 1
        return frozenset(out)


def runs(tokens: frozenset[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive token indices: [(first, last), ...]."""
    out: list[tuple[int, int]] = []
    for t in sorted(tokens):
        if out and out[-1][1] == t - 1:
            out[-1] = (out[-1][0], t)
        else:
            out.append((t, t))
    return out


@dataclass
class Attr:
    """One attribution as word-token sets (gold or predicted)."""

    cue: frozenset[int]
    source: frozenset[int]
    content: frozenset[int]
    kind: str = "?"
    nested: bool = False
    cats: tuple = ()
    cue_chars: tuple = ()  # the cue's character spans: a cue with no word ("X: ...") is matched by these

    def cue_matches(self, other: "Attr") -> bool:
        """Cues overlap: a shared word, or, where either cue has no word (a colon), a shared character."""
        if self.cue and other.cue:
            return bool(self.cue & other.cue)
        return any(s < e2 and s2 < e for s, e in self.cue_chars for s2, e2 in other.cue_chars)


_SENT_BREAK = re.compile(r"[.!?][\"”'’]*\s+[\"“‘']*[A-Z]")
_PASSIVE = re.compile(r"\b(is|are|was|were|been|being|be)\b(\s+\w+ly)?\s+\w+(ed|en|wn|ught)\b", re.I)


def hard_cases(text: str, g: GoldAttribution) -> tuple:
    """The issue's hard cases, recognised in a gold attribution by its text (heuristics)."""
    cats = []
    con = " ".join(text[s:e] for s, e in g.contents)
    cue = " ".join(text[s:e] for s, e in g.cue)
    if _SENT_BREAK.search(con.strip()):
        cats.append("multi-sentence content")
    if len(g.contents) >= 2:
        cats.append("discontinuous content")
    if ":" in cue:
        cats.append("colon cue")
    if "according" in cue.lower():
        cats.append("according to")
    if not g.sources:
        cats.append("sourceless")
    elif g.cue and g.sources[0][0] > g.cue[0][0] and g.contents and g.contents[0][0] < g.cue[0][0]:
        cats.append("inverted (content, cue, source)")
    if _PASSIVE.search(cue):
        cats.append("passive cue")
    return tuple(cats)


def gold_kind(text: str, g: GoldAttribution) -> str:
    if not g.sources:
        return "unattributed"
    con = " ".join(text[s:e] for s, e in g.contents).replace("''", '"').strip(" \n,.;:")  # '' : some archives' marks
    quotes = sum(con.count(q) for q in '"“”')
    if quotes >= 2 and con[:1] in '"“' and con[-1:] in '"”':
        return "direct" if quotes <= 2 or con.count("“") <= 1 else "mixed"
    return "mixed" if quotes else "indirect"


class Scorer:
    def __init__(self) -> None:
        self.c: Counter = Counter()
        self.kind_gold: Counter = Counter()
        self.kind_gold_hit: Counter = Counter()
        self.kind_pred: Counter = Counter()
        self.kind_pred_hit: Counter = Counter()
        self.ignored_nested = 0
        self.cat_gold: Counter = Counter()
        self.cat_hit: dict = {"exact": Counter(), "lenient": Counter()}

    def add(self, gold: list[Attr], pred: list[Attr]) -> None:
        c = self.c
        kept = []
        for p in pred:
            allw = p.cue | p.source | p.content
            if p.nested and allw and any(allw <= g.content for g in gold):
                self.ignored_nested += 1
                continue
            kept.append(p)
        pred = kept
        # end-to-end, greedy one-to-one matching
        for mode in ("exact", "lenient"):
            used: set[int] = set()
            hits = 0
            for g in gold:
                for j, p in enumerate(pred):
                    if j in used or not p.cue_matches(g):
                        continue
                    if mode == "exact":
                        ok = p.source == g.source and p.content == g.content
                    else:
                        ok = (bool(p.source & g.source) or (not p.source and not g.source)) and bool(p.content & g.content)
                    if ok:
                        used.add(j)
                        hits += 1
                        for cat in g.cats:
                            self.cat_hit[mode][cat] += 1
                        if mode == "exact":
                            self.kind_gold_hit[g.kind] += 1
                            self.kind_pred_hit[p.kind] += 1
                        break
            c[f"e2e_{mode}_tp"] += hits
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        for g in gold:
            self.kind_gold[g.kind] += 1
            for cat in g.cats:
                self.cat_gold[cat] += 1
        for p in pred:
            self.kind_pred[p.kind] += 1
        # per role
        for role in ROLES:
            gspans = Counter(r for g in gold for r in runs(getattr(g, role)))
            pspans = Counter(r for p in pred for r in runs(getattr(p, role)))
            c[f"{role}_span_tp"] += sum((gspans & pspans).values())
            c[f"{role}_span_gold"] += sum(gspans.values())
            c[f"{role}_span_pred"] += sum(pspans.values())
            gt = frozenset().union(*[getattr(g, role) for g in gold]) if gold else frozenset()
            pt = frozenset().union(*[getattr(p, role) for p in pred]) if pred else frozenset()
            c[f"{role}_tok_tp"] += len(gt & pt)
            c[f"{role}_tok_gold"] += len(gt)
            c[f"{role}_tok_pred"] += len(pt)

    @staticmethod
    def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f

    def results(self) -> dict:
        c = self.c
        out = {}
        for mode in ("exact", "lenient"):
            out[f"e2e_{mode}"] = self.prf(c[f"e2e_{mode}_tp"], c["pred"], c["gold"])
        for role in ROLES:
            out[f"{role}_span"] = self.prf(c[f"{role}_span_tp"], c[f"{role}_span_pred"], c[f"{role}_span_gold"])
            out[f"{role}_token"] = self.prf(c[f"{role}_tok_tp"], c[f"{role}_tok_pred"], c[f"{role}_tok_gold"])
        return out

    def report(self, out=sys.stdout) -> None:
        r = self.results()
        c = self.c
        w = lambda s: print(s, file=out)  # noqa: E731
        w(f"gold attributions {c['gold']}, predicted {c['pred']} (nested ignored: {self.ignored_nested})")
        w(f"{'metric':<22}{'P':>7}{'R':>7}{'F1':>7}")
        for k, label in (("e2e_exact", "end-to-end exact"), ("e2e_lenient", "end-to-end lenient")):
            w(f"{label:<22}" + "".join(f"{x:7.1f}" for x in r[k]))
        for role in ROLES:
            w(f"{role + ' span exact':<22}" + "".join(f"{x:7.1f}" for x in r[f'{role}_span']))
        for role in ROLES:
            w(f"{role + ' token':<22}" + "".join(f"{x:7.1f}" for x in r[f'{role}_token']))
        w("end-to-end exact by kind (recall over gold kind by quote marks; precision over predicted kind):")
        for k in sorted(set(self.kind_gold) | set(self.kind_pred)):
            rg = 100 * self.kind_gold_hit[k] / self.kind_gold[k] if self.kind_gold[k] else float("nan")
            pp = 100 * self.kind_pred_hit[k] / self.kind_pred[k] if self.kind_pred[k] else float("nan")
            w(f"  {k:<14} gold {self.kind_gold[k]:5d} R {rg:5.1f}   pred {self.kind_pred[k]:5d} P {pp:5.1f}")
        if self.cat_gold:
            w("hard cases (recall over gold attributions of each kind; heuristics, see docs):")
            for cat, n in sorted(self.cat_gold.items()):
                w(f"  {cat:<34} gold {n:5d}  exact R {100 * self.cat_hit['exact'][cat] / n:5.1f}  "
                  f"lenient R {100 * self.cat_hit['lenient'][cat] / n:5.1f}")


def gold_attrs(doc: PolnearDoc, words: Words) -> list[Attr]:
    return [Attr(words.of(g.cue), words.of(g.sources), words.of(g.contents), gold_kind(doc.text, g),
                 cats=hard_cases(doc.text, g), cue_chars=tuple(g.cue)) for g in doc.gold]


def statement_attrs(statements, words: Words) -> list[Attr]:
    out = []
    for st in statements:
        out.append(Attr(
            words.of([(st.cue.start, st.cue.end)] if st.cue else []),
            words.of([(st.source.start, st.source.end)] if st.source else []),
            words.of([(s.start, s.end) for s in st.content]),
            st.kind,
            st.nested_in is not None,
            cue_chars=((st.cue.start, st.cue.end),) if st.cue else (),
        ))
    return out


def raw_kind(text: str, r) -> str:
    if not r.sources:
        return "unattributed"
    g = GoldAttribution(r.cue and [r.cue] or [], r.sources, r.contents)
    return gold_kind(text, g)


def raw_attrs(raws, words: Words, text: str) -> list[Attr]:
    return [Attr(words.of([r.cue] if r.cue else []), words.of(r.sources), words.of(r.contents), raw_kind(text, r),
                 cue_chars=(tuple(r.cue),) if r.cue else ()) for r in raws]


def resolve_extractor(name: str) -> Optional[Callable]:
    if name == "pipeline":
        return None
    if name == "model":
        from ..extract.attribution_model import predict_attributions

        return predict_attributions
    mod, _, fn = name.partition(":")
    return getattr(importlib.import_module(mod), fn or "predict_attributions")


def evaluate(docs: list[PolnearDoc], extractor: str = "pipeline", limit: Optional[int] = None,
             split: str = "dev", progress: bool = False) -> Scorer:
    scorer = Scorer()
    docs = docs[:limit] if limit else docs
    fn = resolve_extractor(extractor)
    if fn is None:
        from ..core import analyze
        from ..model import Article

        for i, d in enumerate(docs):
            a = analyze(_article(d, Article))
            assert a.text == d.text
            words = Words(d.text)
            scorer.add(gold_attrs(d, words), statement_attrs(a.statements, words))
            if progress:
                print(f"\r{i + 1}/{len(docs)}", end="", file=sys.stderr)
    else:
        parsed = parse_docs(docs, split=split)
        for d, doc in zip(docs, parsed):
            words = Words(d.text)
            scorer.add(gold_attrs(d, words), raw_attrs(fn(doc), words, d.text))
    if progress:
        print(file=sys.stderr)
    return scorer


def all_anns(d: Path | str) -> dict[str, list[Path]]:
    """Articles annotated more than once: stem -> its .ann files, sorted (the first is the one scored)."""
    d = Path(d)
    anns = sorted((d / "attributions").glob("*.ann")) if (d / "attributions").is_dir() else []
    out: dict[str, list[Path]] = {}
    for tp in sorted((d / "text").glob("*.txt")):
        mine = [a for a in anns if a.name.startswith(tp.stem + "_") or a.stem == tp.stem]
        if len(mine) > 1:
            out[tp.stem] = mine
    return out


def agreement(d: Path | str, with_pipeline: bool = True) -> tuple[int, int, Scorer, Optional[Scorer]]:
    """Inter-annotator agreement on the articles PolNeAR annotated more than once: every other
    annotation scored, with the same scorer, against the first (the one ``eval`` scores against);
    and, for comparison on the same articles, the pipeline scored against every annotation.
    Returns (articles, annotations, annotators' scorer, pipeline's scorer)."""
    d = Path(d)
    multi = all_anns(d)
    humans = Scorer()
    machine = Scorer() if with_pipeline else None
    n_ann = 0
    for stem, anns in multi.items():
        tp = d / "text" / f"{stem}.txt"
        text = tp.read_text(encoding="utf-8")
        words = Words(text)
        versions = [gold_attrs(PolnearDoc(stem, tp, text, a, parse_ann(a.read_text(encoding="utf-8"))), words)
                    for a in anns]
        n_ann += len(anns)
        for other in versions[1:]:
            humans.add(versions[0], other)
        if machine is not None:
            from ..core import analyze
            from ..model import Article

            pred = statement_attrs(analyze(_article(PolnearDoc(stem, tp, text, None, []), Article)).statements, words)
            for v in versions:
                machine.add(v, pred)
    return len(multi), n_ann, humans, machine


def _article(d: PolnearDoc, Article):
    try:
        from ..ingest import read_input

        art = read_input(str(d.path))
        if art.text == d.text:
            return art
    except Exception:  # noqa: BLE001  (fall back to the raw text: offsets must match the .ann)
        pass
    return Article(id=d.id, path=str(d.path), text=d.text)


# --------------------------------------------------------------------- CLI


def register(sub) -> None:
    p = sub.add_parser("polnear", help="attribution extraction on PolNeAR (BRAT .ann)")
    p.add_argument("dir", help="e.g. ../shared/data/polnear/dev (text/*.txt, attributions/*.ann)")
    p.add_argument("--extractor", default=os.environ.get("SOURCETRACE_POLNEAR_EXTRACTOR", "pipeline"),
                   help="pipeline (full analyze, default), model (the trained attribution model alone), "
                        "or MODULE:FUNC taking a spaCy Doc and returning RawAttributions")
    p.add_argument("--limit", type=int, help="only the first N articles")
    p.add_argument("--agreement", action="store_true",
                   help="instead of scoring the split: inter-annotator agreement on its articles annotated more "
                        "than once (other annotations vs the first), and the pipeline vs every annotation of them")
    p.add_argument("--bench", type=int, metavar="N", help="instead of scoring: time N articles through bare "
                   "en_core_web_sm and through it plus the attribution model component, in one run")
    p.set_defaults(func=run)


def bench(docs: list[PolnearDoc], repeat: int = 3) -> dict:
    """Seconds to parse the texts with the bare model, and with the attribution model added."""
    from ..nlp import load_base
    from ..extract import attribution_model as am
    from ..nlp import paragraphs  # noqa: F401  (registers sourcetrace_paragraphs)

    texts = [d.text for d in docs]
    bare = load_base()
    full = load_base()
    full.add_pipe("sourcetrace_paragraphs", before="parser")
    full.add_pipe("sourcetrace_attribution_model")
    am.get_model()  # load weights outside the timing
    list(bare.pipe(texts[:2]))
    list(full.pipe(texts[:2]))
    best = {"bare": float("inf"), "model": float("inf")}
    for _ in range(repeat):  # interleaved, best of N: the machine is shared
        for name, nlp in (("bare", bare), ("model", full)):
            t = time.process_time()
            for tx in texts:
                nlp(tx)
            best[name] = min(best[name], time.process_time() - t)
    words = sum(len(_WORD.findall(tx)) for tx in texts)
    return {"articles": len(texts), "words": words, **best, "ratio": best["model"] / best["bare"]}


def run(args) -> int:
    d = Path(args.dir)
    if not (d / "text").is_dir():
        print(f"sourcetrace eval polnear: {d}: no text/ folder here (PolNeAR data missing?)", file=sys.stderr)
        return 2
    docs = read_dir(d)
    if not docs:
        print(f"sourcetrace eval polnear: {d}: no .txt files", file=sys.stderr)
        return 2
    if args.agreement:
        n, n_ann, humans, machine = agreement(d)
        if not n:
            print(f"sourcetrace eval polnear: {d}: no article has more than one .ann", file=sys.stderr)
            return 2
        print(f"PolNeAR {d}: {n} articles annotated more than once ({n_ann} annotations)")
        print("annotators: each later annotation scored against the first")
        humans.report()
        print("pipeline: scored against every annotation of the same articles")
        machine.report()
        return 0
    if args.bench:
        r = bench(docs[: args.bench])
        print(f"{r['articles']} articles, {r['words']} words (CPU seconds, best of 3): bare en_core_web_sm "
              f"{r['bare']:.2f}s ({r['words'] / r['bare']:.0f} words/s); + attribution model {r['model']:.2f}s "
              f"({r['words'] / r['model']:.0f} words/s); ratio {r['ratio']:.3f}")
        return 0
    t0 = time.perf_counter()
    split = d.name or "docs"
    scorer = evaluate(docs, args.extractor, args.limit, split=split, progress=sys.stderr.isatty())
    v = data_version(docs)
    print(f"PolNeAR {d} ({v['files']} articles, {v['ann_files']} with .ann), extractor: {args.extractor}, "
          f"{time.perf_counter() - t0:.1f}s")
    scorer.report()
    return 0
