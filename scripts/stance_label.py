#!/usr/bin/env python
"""Helper for hand-labelling stance on PolNeAR gold attributions.

Not part of the package. Three steps (the human annotator reads and decides;
the script only samples, shows and converts):

  python scripts/stance_label.py sample  [--polnear ../shared/data/polnear] [--out CAND]
      draw candidates (ids and offsets only), over-sampling rarer cue verbs
      (the second, "fresh" held-out batch: --seed 7 --scale 0.4 --exclude LABELS --part fresh)
  python scripts/stance_label.py show    CAND [--from N --to M]
      print each candidate's sentence with [S:source] <C:cue> {content} marked
  python scripts/stance_label.py build   CAND DECISIONS --out sourcetrace/data/stance/labels.jsonl
      DECISIONS has one line per labelled candidate: ``N label [hedge phrase | hedge phrase#2 ...]``
      (``#k`` picks the k-th occurrence); hedge phrases are located in the
      statement's region (cue, contents, sources and the sentence around them) and
      stored as character offsets.

Candidates and the labelled file hold no article text: ids, offsets, labels.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sourcetrace.eval.stance import load_split  # noqa: E402

GROUPS = [
    ("deny", r"\b(den(y|ies|ied|ial)|dismiss|reject|refut|rebut|disput|contest)", 40),
    ("confirm", r"\b(confirm|acknowledg|admit|conced|verif|corroborat)", 34),
    ("question", r"\b(ask|question|doubt|wonder|quer)", 36),
    ("speculate", r"\b(suggest|specul|guess|predict|seem|appear|expect|suspect|believ|think|thought)", 40),
    ("other", r"\b(want|hope|plan|urge|promis|endors|support|criticiz|prais|call(ed|s|ing)? for|declin|refus|vow|oppos)", 34),
]
N_RANDOM = 90


def region(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    s = min(a for a, _ in spans)
    e = max(b for _, b in spans)
    ls = max(text.rfind("\n", 0, s) + 1, 0)
    # back to the sentence start within the paragraph
    m = None
    for m in re.finditer(r"[.!?][\"”’]?\s+", text[ls:s]):
        pass
    if m is not None:
        ls = ls + m.end()
    le = text.find("\n", e)
    le = len(text) if le < 0 else le
    m = re.search(r"[.!?][\"”’]?(\s|$)", text[e:le])
    if m is not None:
        le = e + m.end()
    return ls, le


def part_of(doc: str) -> str:
    h = int(hashlib.sha1(doc.encode()).hexdigest(), 16)
    return "heldout" if h % 5 in (0, 1) else "dev"


def cmd_sample(args):
    rng = random.Random(args.seed)
    scale = args.scale
    exclude = set()
    if args.exclude:
        exclude = {json.loads(l)["doc"] for l in open(args.exclude) if l.strip()}
    pool = []
    for split in ("train", "dev"):
        for stem, (text, atts) in load_split(Path(args.polnear) / split).items():
            if stem in exclude:
                continue
            for a in atts:
                if a.cue is None:
                    continue
                pool.append((split, stem, text, a))
    rng.shuffle(pool)
    chosen, seen = [], set()
    for name, pat, n in GROUPS:
        n = round(n * scale)
        rx = re.compile(pat, re.I)
        k = 0
        for split, stem, text, a in pool:
            key = (stem, a.id)
            if key in seen:
                continue
            if rx.search(text[a.cue[0]:a.cue[1]]):
                chosen.append((name, split, stem, text, a)); seen.add(key); k += 1
                if k >= n:
                    break
    k = 0
    for split, stem, text, a in pool:
        if (stem, a.id) in seen:
            continue
        chosen.append(("random", split, stem, text, a)); seen.add((stem, a.id)); k += 1
        if k >= round(N_RANDOM * scale):
            break
    rng.shuffle(chosen)
    with open(args.out, "w") as f:
        for i, (group, split, stem, text, a) in enumerate(chosen):
            f.write(json.dumps({"n": i, "group": group, "corpus": "polnear", "split": split, "doc": stem,
                                "ann": a.ann, "attribution": a.id, "cue": list(a.cue),
                                "sources": [list(x) for x in a.sources],
                                "contents": [list(x) for x in a.contents],
                                "part": args.part or part_of(stem)}) + "\n")
    print(f"{len(chosen)} candidates -> {args.out}")


def _texts(polnear):
    cache = {}

    def get(split, doc):
        if (split, doc) not in cache:
            cache[(split, doc)] = (Path(polnear) / split / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        return cache[(split, doc)]
    return get


def cmd_show(args):
    get = _texts(args.polnear)
    for line in open(args.cand):
        c = json.loads(line)
        if not (args.start <= c["n"] < args.to):
            continue
        text = get(c["split"], c["doc"])
        marks = [(tuple(c["cue"]), "<C:", ">")]
        marks += [(tuple(x), "[S:", "]") for x in c["sources"]]
        marks += [(tuple(x), "{", "}") for x in c["contents"]]
        rs, re_ = region(text, [m[0] for m in marks])
        if re_ - rs > 900:
            rs = max(rs, min(m[0][0] for m in marks) - 200)
            re_ = min(re_, max(m[0][1] for m in marks) + 200)
        ins = []
        for (s, e), o, cl in marks:
            ins.append((s, 1, o)); ins.append((e, 0, cl))
        out, pos = [], rs
        for p, _, tag in sorted(ins):
            if p < rs or p > re_:
                continue
            out.append(text[pos:p]); out.append(tag); pos = p
        out.append(text[pos:re_])
        print(f"#{c['n']} [{c['part']}]", "".join(out).replace("\n", " / "))
        print()


def locate(text, rs, re_, phrase, prefer):
    k = 1
    if "#" in phrase:
        phrase, ks = phrase.rsplit("#", 1)
        k = int(ks)
    rx = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.I)
    hits = [m.span() for m in rx.finditer(text, rs, re_)]
    if not hits:
        raise ValueError(f"hedge {phrase!r} not found")
    return list(hits[k - 1])


def cmd_build(args):
    get = _texts(args.polnear)
    cands = {json.loads(l)["n"]: json.loads(l) for l in open(args.cand)}
    out = []
    labels = {"asserts", "confirms", "denies", "speculates", "questions", "other"}
    for raw in open(args.decisions):
        raw = raw.split("//")[0].strip()
        if not raw:
            continue
        n, _, rest = raw.partition(" ")
        label, _, hedges = rest.strip().partition(" ")
        if label == "skip":
            continue
        assert label in labels, raw
        c = cands[int(n)]
        text = get(c["split"], c["doc"])
        spans = [tuple(c["cue"])] + [tuple(x) for x in c["sources"] + c["contents"]]
        rs, re_ = region(text, spans)
        hs = [locate(text, rs, re_, h.strip(), spans) for h in hedges.split("|") if h.strip()]
        out.append({"corpus": "polnear", "split": c["split"], "doc": c["doc"], "ann": c["ann"],
                    "attribution": c["attribution"], "cue": c["cue"], "sources": c["sources"],
                    "contents": c["contents"], "label": label, "hedges": sorted(hs), "part": c["part"]})
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w") as f:
        for r in out:
            f.write(json.dumps(r) + "\n")
    print(f"{len(out)} labels -> {args.out}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", default=str(ROOT.parent / "shared/data/polnear"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("sample"); p.add_argument("--out", default="stance-candidates.jsonl")
    p.add_argument("--seed", type=int, default=20261126)
    p.add_argument("--scale", type=float, default=1.0, help="multiply every quota")
    p.add_argument("--exclude", help="labels.jsonl whose documents are left out")
    p.add_argument("--part", help="put every candidate in this part (default: by document hash)")
    p.set_defaults(func=cmd_sample)
    p = sub.add_parser("show"); p.add_argument("cand"); p.add_argument("--from", dest="start", type=int, default=0)
    p.add_argument("--to", type=int, default=10**9); p.set_defaults(func=cmd_show)
    p = sub.add_parser("build"); p.add_argument("cand"); p.add_argument("decisions"); p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_build)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
