"""An inline SVG plot of an analysis's timeline, for the HTML report.

``timeline_svg(analysis) -> str`` draws a horizontal time axis (years, ticks
chosen to fit), one row per timeline entry with its mark at its date (the
start of the interval the TIMEX value names), coloured by modality, shaped by
kind (event: circle, figure: square, date: diamond), and its label beside it.
Each mark has a ``<title>`` with the value and the sources, so a browser shows
them on hover. Self-contained: no scripts, fonts, styles or images from
elsewhere; returns ``""`` when nothing on the timeline can be placed.
"""

from __future__ import annotations

import math
from typing import Optional
from xml.sax.saxutils import escape

from ..extract.timeline import display_value, fractional_year
from ..model import Analysis

MODALITY_COLOURS = {
    "asserted": "#2b6cb0",
    "alleged": "#dd6b20",
    "denied": "#c53030",
    "hypothetical": "#805ad5",
    "future": "#2f855a",
    "negated": "#4a5568",
    None: "#a0aec0",
}
WIDTH = 960
ROW = 22
LEFT, RIGHT = 40, 40
TOP = 46
MAX_LABEL = 70
CHAR_W = 6.6  # average width of a 12 px system-ui character, for fitting labels


def _attr(s: str) -> str:
    return escape(s, {'"': "&quot;"})


def _ticks(lo: float, hi: float, target: int = 8) -> list[int]:
    span = max(hi - lo, 1.0)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if span / step <= target:
            break
    first = int(math.ceil(lo / step) * step)
    return list(range(first, int(math.floor(hi)) + 1, step))


def _mark(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "figure":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    if kind == "date":
        return (f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}" '
                f'fill="{colour}"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{colour}"/>'


def _short(text: str, n: int = MAX_LABEL) -> str:
    n = min(n, 140)
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def timeline_svg(analysis: Analysis, width: int = WIDTH) -> str:
    article_date: Optional[str] = analysis.article.date if analysis.article else None
    placed = []
    for e in analysis.timeline:
        x = fractional_year(e.value, article_date)
        if x is not None:
            placed.append((x, e))
    if not placed:
        return ""
    lo = min(x for x, _ in placed)
    hi = max(x for x, _ in placed)
    pad = max((hi - lo) * 0.04, 0.5)
    lo, hi = math.floor(lo - pad), math.ceil(hi + pad)
    inner = width - LEFT - RIGHT

    def xpos(v: float) -> float:
        return LEFT + (v - lo) / (hi - lo) * inner

    rows_h = ROW * len(placed)
    axis_y = TOP + rows_h + 8
    legend_y = axis_y + 40
    height = legend_y + 24
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="st-timeline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Timeline of {len(placed)} dated items" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title>Timeline: {len(placed)} dated events, figures and dates</title>',
    ]
    # axis and ticks
    out.append(f'<line x1="{LEFT}" y1="{axis_y}" x2="{width - RIGHT}" y2="{axis_y}" stroke="#2d3748" stroke-width="1.5"/>')
    for year in _ticks(lo, hi):
        x = xpos(year)
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 10}" x2="{x:.1f}" y2="{axis_y + 5}" stroke="#edf2f7"/>')
        out.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}" stroke="#2d3748"/>')
        out.append(f'<text x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle" fill="#2d3748">{year}</text>')
    # entries, one row each, in timeline order
    for i, (x_val, e) in enumerate(placed):
        y = TOP + i * ROW
        x = xpos(x_val)
        colour = MODALITY_COLOURS.get(e.modality, MODALITY_COLOURS[None])
        srcs = "; ".join(e.sources)
        tip = f"{e.value} · {e.kind}" + (f" · {e.modality}" if e.modality else "") + f": {e.label}" + (f" — source: {srcs}" if srcs else "") + (f" — denied by: {'; '.join(e.denied_by)}" if e.denied_by else "")
        full = f"{display_value(e.value, article_date)}  {e.label}"
        room_right = width - 8 - (x + 10)
        room_left = x - 10 - 8
        right_side = room_right >= min(len(full) * CHAR_W, room_left) or room_right >= room_left
        room = room_right if right_side else room_left
        label = _short(full, max(8, int(room / CHAR_W)))
        anchor, lx = ("start", x + 10) if right_side else ("end", x - 10)
        out.append(f'<g class="st-tl-entry st-tl-{e.kind}" data-modality="{_attr(e.modality or "")}">')
        out.append(f"<title>{escape(tip)}</title>")
        out.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{axis_y}" stroke="{colour}" stroke-opacity="0.25" stroke-dasharray="2,3"/>')
        out.append(_mark(e.kind, x, y, colour))
        out.append(f'<text x="{lx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" fill="#1a202c">{escape(label)}</text>')
        out.append("</g>")
    # legend: the modalities present, and the three shapes
    lx = LEFT
    used = []
    for _, e in placed:
        if e.modality not in used:
            used.append(e.modality)
    for m in used:
        colour = MODALITY_COLOURS.get(m, MODALITY_COLOURS[None])
        name = m or "date (no modality)"
        out.append(f'<circle cx="{lx + 5}" cy="{legend_y}" r="5" fill="{colour}"/>')
        out.append(f'<text x="{lx + 14}" y="{legend_y + 4}" fill="#2d3748">{escape(name)}</text>')
        lx += 24 + 7 * len(name)
    lx += 16
    for kind in ("event", "figure", "date"):
        out.append(_mark(kind, lx + 5, legend_y, "#4a5568"))
        out.append(f'<text x="{lx + 14}" y="{legend_y + 4}" fill="#2d3748">{kind}</text>')
        lx += 24 + 7 * len(kind)
    out.append("</svg>")
    return "\n".join(out)
