"""`sourcetrace eval zyte [DIR]`: article-body extraction on the Zyte benchmark.

Each ``html/<id>.html.gz`` goes through our HTML ingest
(:func:`sourcetrace.ingest.read_bytes`); the body text (the analysed text
after the headline line) is scored against ``ground-truth.json``'s
``articleBody`` with the benchmark's own metric: ``\\w+`` tokens, 4-word
shingles per page, per-page precision and recall (counts normalised per page)
averaged over pages, F1 of the two averages.

Three rows are printed: our body with the in-text boilerplate spans
(:func:`sourcetrace.extract.boilerplate.detect_boilerplate`) left out, the same
body without leaving them out, and trafilatura's plain ``extract()`` as a
baseline.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

_REL = Path("..") / "shared" / "data" / "extraction" / "zyte"
# ../shared/data/... from the working directory (the repo root), else beside this checkout
DEFAULT_DIR = _REL if _REL.exists() else Path(__file__).resolve().parents[2] / _REL

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


# ---- the benchmark's metric (scrapinghub/article-extraction-benchmark, evaluate.py; MIT), re-implemented
def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN_RE.findall(text or "")
    out = Counter()
    for i in range(0, max(1, len(tokens) - n + 1)):
        sh = tuple(tokens[i : i + n])
        if sh:
            out[sh] += 1
    return out


def shingle_tp_fp_fn(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    t, p = _shingles(true, n), _shingles(pred, n)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(rows: list[tuple[float, float, float]]) -> dict:
    p = statistics.mean([_precision(*r) for r in rows if r[0] + r[1] > 0])
    r = statistics.mean([_recall(*r) for r in rows if r[0] + r[2] > 0])
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# ---- our side
def body_texts(html_bytes: bytes, name: str, english_only: bool = False) -> tuple[str, str, list] | None:
    """(body with boilerplate left out, body as extracted, boilerplate spans in the body);
    None for a page that ingest refuses as not English when ``english_only``."""
    from ..extract.boilerplate import detect_boilerplate
    from ..ingest import IngestError, read_bytes

    try:
        art = read_bytes(html_bytes, name, check_language=english_only)
    except IngestError as e:
        if english_only and e.problem.startswith("not English"):
            return None
        return "", "", []
    text = art.text
    start = art.meta.title_span.end if art.meta.title_span and art.meta.title_span.start == 0 else 0
    spans = [b for b in detect_boilerplate(text) if b.end > start]
    kept, pos = [], start
    for b in sorted(spans, key=lambda b: b.start):
        s = max(b.start, start)
        if s > pos:
            kept.append(text[pos:s])
        pos = max(pos, b.end)
    kept.append(text[pos:])
    return "\n".join(kept), text[start:], spans


def register(sub) -> None:
    p = sub.add_parser("zyte", help="article-body extraction F1 on the Zyte benchmark (with/without boilerplate spans)")
    p.add_argument("dir", nargs="?", default=str(DEFAULT_DIR), help="benchmark folder (html/*.html.gz, ground-truth.json)")
    p.add_argument("--show", action="store_true", help="print every boilerplate span left out, marked by whether the ground truth has its words")
    p.add_argument("--ids", help="only pages whose id starts with one of these characters (e.g. 01234567)")
    p.add_argument("--no-baseline", action="store_true", help="skip trafilatura's extract() baseline row")
    p.add_argument("--english-only", action="store_true", help="score only the pages that ingest accepts as English (the pipeline's scope)")
    p.set_defaults(func=run)


def run(args) -> int:
    root = Path(args.dir)
    gt_path, html_dir = root / "ground-truth.json", root / "html"
    if not gt_path.is_file() or not html_dir.is_dir():
        print(f"sourcetrace eval zyte: no benchmark data at {root} (need ground-truth.json and html/)", file=sys.stderr)
        return 2
    import trafilatura

    truth = json.loads(gt_path.read_text(encoding="utf-8"))
    ids = sorted(truth)
    if args.ids:
        ids = [i for i in ids if i[:1] in args.ids]
    rows = {"sourcetrace (boilerplate left out)": [], "sourcetrace (whole body)": [], "trafilatura extract()": []}
    pages_with_bp = n_spans = skipped = 0
    english_only = getattr(args, "english_only", False)
    for k in ids:
        f = html_dir / f"{k}.html.gz"
        gold = truth[k].get("articleBody", "")
        raw = f.read_bytes() if f.exists() else b""
        got = body_texts(raw, f.name, english_only) if raw else ("", "", [])
        if got is None:
            skipped += 1
            continue
        clean, whole, spans = got
        rows["sourcetrace (boilerplate left out)"].append(shingle_tp_fp_fn(gold, clean))
        rows["sourcetrace (whole body)"].append(shingle_tp_fp_fn(gold, whole))
        if not args.no_baseline:
            html = gzip.decompress(raw).decode("utf-8", "replace") if raw else ""
            rows["trafilatura extract()"].append(shingle_tp_fp_fn(gold, trafilatura.extract(html) or ""))
        if spans:
            pages_with_bp += 1
            n_spans += len(spans)
        if args.show:
            gold_tokens = " ".join(_TOKEN_RE.findall(gold))
            for b in spans:
                toks = " ".join(_TOKEN_RE.findall(b.text))
                mark = "IN-GOLD" if toks and toks in gold_tokens else "not-in-gold"
                print(f"{k[:10]} {b.kind:<13} {mark:<11} {b.text[:160]!r}")
    scored = len(ids) - skipped
    note = f" ({skipped} non-English pages left out)" if english_only else ""
    print(f"Zyte article-body benchmark: {scored} pages scored{note}; boilerplate spans found in the body on {pages_with_bp} pages ({n_spans} spans)")
    print(f"{'system':<38} {'F1':>6} {'precision':>10} {'recall':>7}")
    for name, r in rows.items():
        if not r:
            continue
        m = metrics(r)
        print(f"{name:<38} {m['f1']:6.3f} {m['precision']:10.3f} {m['recall']:7.3f}")
    return 0
