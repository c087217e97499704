"""One self-contained HTML page per analysis: no network, no external assets."""

from __future__ import annotations

from html import escape

from ..extract.timeline import event_statements_text, per_text, when_text
from ..model import Analysis

STANCE_COLOURS = {
    "asserts": "#2b7bb9",
    "confirms": "#2e8b57",
    "denies": "#c0392b",
    "speculates": "#c98b00",
    "questions": "#8e44ad",
    "other": "#666666",
}

CSS = """
body{font:15px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1100px;margin:auto;padding:1.5em}
h1{font-size:1.5em;margin:.2em 0} .meta{color:#666}
.article{background:#fff;border:1px solid #ddd;padding:1em 1.3em;white-space:pre-wrap;border-radius:6px}
.content{background:color-mix(in srgb,var(--c) 14%,transparent)}
.src{font-weight:600;border-bottom:2px solid var(--c)} .cue{background:var(--c);color:#fff;border-radius:3px;padding:0 2px}
.hedge{text-decoration:underline wavy #c98b00}
.boiler{text-decoration:line-through;color:#999;background:#eee}
table{border-collapse:collapse;width:100%;background:#fff;margin:.5em 0 1.5em} td,th{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f0f0f0} .stance{color:#fff;border-radius:3px;padding:0 4px;font-size:.85em;white-space:nowrap}
.legend span{margin-right:1em} .dim{color:#888;font-size:.9em} svg{max-width:100%;height:auto;background:#fff;border:1px solid #ddd;border-radius:6px}
"""


def _stance_badge(stance: str) -> str:
    return f'<span class="stance" style="background:{STANCE_COLOURS.get(stance, "#666")}">{escape(stance)}</span>'


def _annotated_text(a: Analysis) -> str:
    """Article text with every source, cue, content, hedge and boilerplate span marked.

    Spans may overlap (nested statements), so classes are assigned per
    character and runs of equal marking become one <span>.
    """
    n = len(a.text)
    marks: list[tuple] = [()] * n

    def paint(start: int, end: int, mark: tuple) -> None:
        for i in range(max(0, start), min(n, end)):
            marks[i] = marks[i] + (mark,)

    for b in a.boilerplate:
        paint(b.start, b.end, ("boiler", None, None))
    for st in a.statements:
        colour = STANCE_COLOURS.get(st.stance, "#666")
        for c in st.content:
            paint(c.start, c.end, ("content", colour, st.id))
        if st.source:
            paint(st.source.start, st.source.end, ("src", colour, st.id))
        if st.cue:
            paint(st.cue.start, st.cue.end, ("cue", colour, st.id))
        for h in st.hedges:
            paint(h.start, h.end, ("hedge", None, st.id))
    out = []
    i = 0
    while i < n:
        j = i
        while j < n and marks[j] == marks[i]:
            j += 1
        chunk = escape(a.text[i:j])
        if marks[i]:
            # the innermost (last painted) statement decides the colour; cue > src > content
            prio = {"cue": 3, "src": 2, "hedge": 1, "content": 0, "boiler": 4}
            classes = sorted({m[0] for m in marks[i]}, key=lambda c: -prio[c])
            colour = next((m[1] for m in reversed(marks[i]) if m[1] and m[0] == classes[0]), None) or next((m[1] for m in reversed(marks[i]) if m[1]), None)
            ids = sorted({m[2] for m in marks[i] if m[2]})
            style = f' style="--c:{colour}"' if colour else ""
            title = f' title="{escape(", ".join(ids))}"' if ids else ""
            chunk = f'<span class="{" ".join(classes)}"{style}{title}>{chunk}</span>'
        out.append(chunk)
        i = j
    return "".join(out)


def _statements_table(a: Analysis) -> str:
    rows = []
    for st in a.statements:
        src = st.source
        who = "<i>no source</i>" if src is None else escape(src.resolved or src.text)
        if src is not None and src.resolved and src.resolved != src.text:
            who += f' <span class="dim">(“{escape(src.text)}”)</span>'
        if src is not None:
            who += f' <span class="dim">{escape(src.type)}</span>'
        content = " … ".join(escape(c.text) for c in st.content)
        hedges = ", ".join(escape(h.text) for h in st.hedges)
        rows.append(
            f"<tr><td>{st.id}{' in ' + st.nested_in if st.nested_in else ''}</td><td>{who}</td><td>{escape(st.cue.text) if st.cue else '—'}</td>"
            f"<td>{content}</td><td>{_stance_badge(st.stance)} {escape(st.kind)}</td><td>{hedges}</td><td>{st.confidence:.2f}</td></tr>"
        )
    return (
        "<table><tr><th>id</th><th>source</th><th>cue</th><th>content</th><th>stance · kind</th><th>hedges</th><th>conf.</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _events_table(a: Analysis) -> str:
    if not a.events:
        return ""
    rows, weak = [], []
    for ev in a.events:
        if ev.confidence == "low":
            weak.append(f"{ev.id} {escape(ev.type)} “{escape(ev.trigger.text)}”")
            continue

        def actor(x):
            if x is None:
                return ""
            code = " ".join(c for c in [x.code, x.sector] if c)
            if x.implicit:   # supplied by a coding convention, not named by the text
                return f'? <span class="dim">{escape(code)} implied by “{escape(x.text)}”</span>'
            res = f" (= {escape(x.resolved)})" if x.resolved else ""
            return escape(x.text) + res + (f' <span class="dim">{escape(code)}</span>' if code else "")

        rows.append(
            f"<tr><td>{ev.id}</td><td>{escape(ev.type)}{'/' + escape(ev.mode) if ev.mode else ''}</td><td>{actor(ev.actor)}</td>"
            f"<td>{escape(ev.trigger.text)}</td><td>{actor(ev.target)}</td><td>{escape(ev.modality)}</td>"
            f"<td>{escape(when_text(ev.time, a.article.date))}</td><td>{escape(ev.place.name) if ev.place else ''}</td>"
            f"<td>{escape(event_statements_text(ev))}</td></tr>"
        )
    return (
        "<h2>Events</h2><table><tr><th>id</th><th>type</th><th>actor</th><th>trigger</th><th>target</th><th>modality</th>"
        "<th>when</th><th>where</th><th>statements</th></tr>" + "".join(rows) + "</table>"
        + (f'<details><summary class="dim">{len(weak)} low-confidence readings, not shown above</summary>'
           f'<p class="dim">{"; ".join(weak)}</p></details>' if weak else "")
    )


def _figures_table(a: Analysis) -> str:
    if not a.figures:
        return ""
    rows = [
        f"<tr><td>{escape(f.text)}</td><td>{escape(f.measure or '')}</td><td>{escape(when_text(f.date, a.article.date))}</td>"
        f"<td>{escape(f.source or '')}</td></tr>"
        for f in a.figures
    ]
    return "<h2>Figures</h2><table><tr><th>figure</th><th>measures</th><th>when</th><th>per</th></tr>" + "".join(rows) + "</table>"


def _timeline(a: Analysis) -> str:
    if not a.timeline:
        return ""
    try:
        from .timeline_svg import timeline_svg

        svg = timeline_svg(a)
    except ImportError:
        svg = ""
    rows = "".join(
        f"<tr><td>{escape(e.value)}</td><td>{escape(e.label)}</td><td>{escape(e.modality or '')}</td><td>{escape(per_text(e.sources, e.denied_by))}</td></tr>"
        for e in a.timeline
    )
    return f"<h2>Timeline</h2>{svg}<table><tr><th>when</th><th>what</th><th>modality</th><th>per</th></tr>{rows}</table>"


def render_html(a: Analysis) -> str:
    meta = " · ".join(escape(x) for x in [a.article.outlet or "", a.article.date or "", a.article.author or "", a.path or ""] if x)
    legend = "".join(f'<span>{_stance_badge(s)}</span>' for s in STANCE_COLOURS)
    places = ""
    if a.places:
        uniq = {p.name: p for p in a.places}
        places = "<h2>Places</h2><p>" + "; ".join(
            escape(f"{p.name} ({p.country or '?'}" + (f", {p.lat:.2f}, {p.lon:.2f})" if p.lat is not None else ")")) for p in uniq.values()
        ) + "</p>"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(a.article.title or a.id)} — sourcetrace</title><style>{CSS}</style></head>
<body><main>
<p class="dim">sourcetrace · schema {escape(a.schema_version)}</p>
<h1>{escape(a.article.title or a.id)}</h1><p class="meta">{meta}</p>
<p class="legend">{legend} <span class="src" style="--c:#333">source</span> <span class="cue" style="--c:#333">cue</span>
<span class="content" style="--c:#2b7bb9">content</span> <span class="hedge">hedge</span> <span class="boiler">boilerplate</span></p>
<h2>Statements ({len(a.statements)})</h2>{_statements_table(a)}
{_events_table(a)}{_figures_table(a)}{_timeline(a)}{places}
<h2>Article</h2><div class="article">{_annotated_text(a)}</div>
</main></body></html>
"""
