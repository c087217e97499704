"""`sourcetrace eval timebank [DIR]`: TIMEX3 recognition and normalisation on TimeBank 1.2.

Each ``.tml`` file's ``<TEXT>`` is stripped of its TimeML tags; the text goes through
the bare spaCy model (tagger and parser only: the dates component reads tense) and
:func:`sourcetrace.extract.dates.extract_dates`, with the document creation time (the
``TIMEX3 functionInDocument="CREATION_TIME"``) as the article date.

Scores, micro-averaged over documents:

* span F1, strict (same start and end) and relaxed (overlap; one-to-one, greedy);
* value F1 (the headline figure, as in TempEval-3): a prediction counts when its span
  matches a gold TIMEX3 (strict or relaxed) AND its normalised value equals the gold
  value; precision over all predictions, recall over all gold TIMEX3s;
* per gold type (DATE, TIME, DURATION, SET): relaxed span recall and value recall, and
  type accuracy over matched spans.

Splits: the files sorted by name, the first two thirds ("dev") were used to develop the
rules; the last third ("test") was not looked at; "all" is both.
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_REL = Path("..") / "shared" / "data" / "time" / "timebank"
DEFAULT_DIR = _REL if _REL.exists() else Path(__file__).resolve().parents[2] / _REL

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TmlDoc:
    name: str
    dct: str | None
    text: str
    timexes: list[Timex] = field(default_factory=list)


def read_tml(path: Path) -> TmlDoc:
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        a = dict(_ATTR.findall(m.group(0)))
        dct = (a.get("value") or "")[:10] or None
    i = raw.find("<TEXT>")
    j = raw.find("</TEXT>", i)
    body = raw[i + len("<TEXT>"): j] if i >= 0 else ""
    out: list[str] = []
    pos = 0
    n = 0
    open_tx: list[tuple[int, dict]] = []
    timexes: list[Timex] = []
    for t in _TAG.finditer(body):
        piece = html.unescape(body[pos:t.start()])
        out.append(piece)
        n += len(piece)
        pos = t.end()
        closing, name, attrs, selfclose = t.groups()
        if name != "TIMEX3":
            continue
        if closing:
            if open_tx:
                s, a = open_tx.pop()
                timexes.append(Timex(s, n, "", a.get("type", ""), a.get("value", "")))
        elif not selfclose:
            open_tx.append((n, dict(_ATTR.findall(attrs))))
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    for tx in timexes:
        tx.text = text[tx.start:tx.end]
    timexes = [tx for tx in timexes if tx.text.strip()]
    return TmlDoc(path.stem, dct, text, sorted(timexes, key=lambda x: x.start))


def split_files(directory: Path, split: str) -> list[Path]:
    files = sorted(directory.glob("*.tml"), key=lambda p: p.name)
    cut = (2 * len(files)) // 3
    if split == "dev":
        return files[:cut]
    if split == "test":
        return files[cut:]
    return files


def _match(gold: list, pred: list, strict: bool) -> list[tuple[int, int]]:
    pairs = []
    used = set()
    for gi, g in enumerate(gold):
        best = None
        for pi, p in enumerate(pred):
            if pi in used:
                continue
            if strict:
                ok = p.start == g.start and p.end == g.end
            else:
                ok = p.start < g.end and g.start < p.end
            if ok:
                ov = min(p.end, g.end) - max(p.start, g.start)
                if best is None or ov > best[0]:
                    best = (ov, pi)
        if best is not None:
            used.add(best[1])
            pairs.append((gi, best[1]))
    return pairs


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(docs: list[TmlDoc], preds: list[list], errors=None) -> dict:
    c = Counter()
    per_type = defaultdict(Counter)
    for d, pred in zip(docs, preds):
        gold = d.timexes
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        for g in gold:
            per_type[g.type]["gold"] += 1
        for p in pred:
            per_type[p.type]["pred"] += 1
        for strict in (True, False):
            key = "strict" if strict else "relaxed"
            pairs = _match(gold, pred, strict)
            c[f"{key}_span"] += len(pairs)
            for gi, pi in pairs:
                g, p = gold[gi], pred[pi]
                if p.value == g.value:
                    c[f"{key}_value"] += 1
                if not strict:
                    per_type[g.type]["span"] += 1
                    per_type[g.type]["type_ok"] += p.type == g.type
                    if p.value == g.value:
                        per_type[g.type]["value"] += 1
                        per_type[p.type]["pred_value"] += 1
            if errors is not None and not strict:
                matched_g = {gi for gi, _ in pairs}
                matched_p = {pi for _, pi in pairs}
                for gi, pi in pairs:
                    g, p = gold[gi], pred[pi]
                    if p.value != g.value or (g.start, g.end) != (p.start, p.end):
                        tag = "VAL" if p.value != g.value else "SPAN"
                        ctx = d.text[max(0, g.start - 60):g.end + 40].replace("\n", " ")
                        errors.write(f"{tag}\t{d.name}\t{d.dct}\t{g.text!r}\t{g.value}\t{p.text!r}\t{p.value}\t{g.type}/{p.type}\t{ctx!r}\n")
                for gi, g in enumerate(gold):
                    if gi not in matched_g:
                        ctx = d.text[max(0, g.start - 40):g.end + 40].replace("\n", " ")
                        errors.write(f"FN\t{d.name}\t{d.dct}\t{g.text!r}\t{g.value}\t{g.type}\t{ctx!r}\n")
                for pi, p in enumerate(pred):
                    if pi not in matched_p:
                        ctx = d.text[max(0, p.start - 40):p.end + 40].replace("\n", " ")
                        errors.write(f"FP\t{d.name}\t{d.dct}\t{p.text!r}\t{p.value}\t{p.type}\t{ctx!r}\n")
    res = {"docs": len(docs), "gold": c["gold"], "pred": c["pred"]}
    for key in ("strict", "relaxed"):
        res[f"span_{key}"] = _prf(c[f"{key}_span"], c["pred"], c["gold"])
        res[f"value_{key}"] = _prf(c[f"{key}_value"], c["pred"], c["gold"])
    res["per_type"] = {t: dict(v) for t, v in sorted(per_type.items())}
    return res


def predict(docs: list[TmlDoc], use_parse: bool = True) -> list[list]:
    from ..extract.dates import extract_dates

    out = []
    if use_parse:
        from ..nlp.pipeline import load_base

        nlp = load_base(disable=("ner",))
        for d, doc in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16)):
            out.append(extract_dates(d.text, d.dct, doc=doc))
    else:
        for d in docs:
            out.append(extract_dates(d.text, d.dct))
    return out


def _fmt(t):
    return f"P {t[0]:.3f}  R {t[1]:.3f}  F1 {t[2]:.3f}"


def report(name: str, res: dict) -> None:
    print(f"\n== {name}: {res['docs']} documents, {res['gold']} gold TIMEX3, {res['pred']} predicted")
    print(f"  value F1 (relaxed span) {_fmt(res['value_relaxed'])}")
    print(f"  value F1 (strict span)  {_fmt(res['value_strict'])}")
    print(f"  span F1 relaxed         {_fmt(res['span_relaxed'])}")
    print(f"  span F1 strict          {_fmt(res['span_strict'])}")
    print("  per type (gold n; relaxed span recall, value recall, type accuracy on matched; predicted n, value precision):")
    for t, v in res["per_type"].items():
        g = v.get("gold", 0)
        sp = v.get("span", 0)
        print(f"    {t:9s} gold {g:4d}  span R {sp / g if g else 0:.3f}  value R {v.get('value', 0) / g if g else 0:.3f}"
              f"  type acc {v.get('type_ok', 0) / sp if sp else 0:.3f}   pred {v.get('pred', 0):4d}"
              f"  value P {v.get('pred_value', 0) / v['pred'] if v.get('pred') else 0:.3f}")


def run(args) -> int:
    directory = Path(args.dir)
    if not directory.is_dir() or not any(directory.glob("*.tml")):
        print(f"TimeBank not found at {directory} (expected TimeML .tml files); "
              "pass its folder: sourcetrace eval timebank DIR", file=sys.stderr)
        return 2
    splits = ["dev", "test", "all"] if args.split == "each" else [args.split]
    all_files = split_files(directory, "all")
    docs = {p.name: read_tml(p) for p in all_files}
    names = [p.name for p in all_files]
    preds = dict(zip(names, predict([docs[n] for n in names], use_parse=not args.no_parse)))
    errors = open(args.errors, "w", encoding="utf-8") if args.errors else None
    for split in splits:
        chosen = [p.name for p in split_files(directory, split)]
        res = evaluate([docs[n] for n in chosen], [preds[n] for n in chosen],
                       errors=errors if split == splits[0] else None)
        label = {"dev": "dev (first 2/3 by name, used for development)",
                 "test": "test (last 1/3 by name, not used for development)",
                 "all": "all"}[split]
        report(label, res)
    if errors:
        errors.close()
    return 0


def register(sub) -> None:
    p = sub.add_parser("timebank", help="TIMEX3 value F1 on TimeBank 1.2 (dates and times)")
    p.add_argument("dir", nargs="?", default=str(DEFAULT_DIR), help="folder of TimeML .tml files")
    p.add_argument("--split", choices=["dev", "test", "all", "each"], default="each")
    p.add_argument("--no-parse", action="store_true", help="no spaCy parse: tense from words only")
    p.add_argument("--errors", help="write the dev split's errors (first split) to this TSV file")
    p.set_defaults(func=run)
