"""`sourcetrace eval stance`: stance and hedge accuracy on the hand-labelled set.

(module body below the PolNeAR reader is filled in further down)
"""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GoldAttribution:
    doc: str
    ann: str
    id: str  # the E line id, e.g. "E12"
    cue: tuple[int, int] | None
    sources: list[tuple[int, int]] = field(default_factory=list)
    contents: list[tuple[int, int]] = field(default_factory=list)


def _spans(offsets: str) -> list[tuple[int, int]]:
    out = []
    for part in offsets.split(";"):
        s, e = part.split()
        out.append((int(s), int(e)))
    return out


def ann_files(split_dir: Path) -> dict[str, Path]:
    """stem -> first .ann file for every text in the split."""
    split_dir = Path(split_dir)
    stems = {p.stem for p in (split_dir / "text").glob("*.txt")}
    out: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in stems and stem not in out:
            out[stem] = ann
    return out


def read_ann(path: Path, doc: str) -> list[GoldAttribution]:
    tspans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[str, dict[str, list[str]]]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offs = cols[1].partition(" ")
            tspans[cols[0]] = (label, _spans(offs))
        elif line.startswith("E") and len(cols) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in cols[1].split():
                role, _, tid = arg.partition(":")
                role = role.rstrip("0123456789")
                roles.setdefault(role, []).append(tid)
            events.append((cols[0], roles))
    out = []
    for eid, roles in events:
        def get(role):
            spans = []
            for tid in roles.get(role, []):
                if tid in tspans:
                    spans.extend(tspans[tid][1])
            return sorted(spans)

        cues = get("Cue")
        cue = (cues[0][0], cues[-1][1]) if cues else None
        out.append(GoldAttribution(doc=doc, ann=Path(path).name, id=eid, cue=cue,
                                   sources=get("Source"), contents=get("Content")))
    return out


def load_split(split_dir: Path) -> dict[str, tuple[str, list[GoldAttribution]]]:
    """stem -> (text, attributions)."""
    split_dir = Path(split_dir)
    out = {}
    for stem, ann in sorted(ann_files(split_dir).items()):
        text = (split_dir / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        out[stem] = (text, read_ann(ann, stem))
    return out
