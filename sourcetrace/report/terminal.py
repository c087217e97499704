"""Terminal report (rich): who says what, grouped by source, with stance and hedges."""

from __future__ import annotations

from collections import OrderedDict

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..extract.timeline import display_value, event_statements_text, per_text, when_text
from ..model import Analysis, Statement

STANCE_STYLE = {
    "asserts": "cyan",
    "confirms": "green",
    "denies": "bold red",
    "speculates": "yellow",
    "questions": "magenta",
    "other": "white",
}
MODALITY_STYLE = {"asserted": "cyan", "alleged": "yellow", "denied": "bold red", "hypothetical": "magenta", "future": "blue", "negated": "red"}


def _source_label(st: Statement) -> str:
    src = st.source
    if src is None:
        return "(no source given)"
    label = src.text
    if src.resolved and src.resolved != src.text:
        label = f"{src.resolved} [“{src.text}”]"
    return label


def _source_key(st: Statement) -> str:
    src = st.source
    if src is None:
        return "(no source given)"
    return (src.resolved or src.text).strip()


def _clip(s: str, n: int = 260) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


_QUOTE_MARKS = ('"', "“", "”", "‘", "'", "«", "„")


def _participant(t: Text, a) -> None:
    """An event's actor or target: its words and code; one the text leaves unnamed (supplied by a coding
    convention) as "?" with the code and the words it comes from."""
    if a is None:
        t.append("?")
        return
    code = f"{a.code}{' ' + a.sector if a.sector else ''}" if a.code else ""
    if a.implicit:
        t.append("?")
        t.append(f" [{code + ', ' if code else ''}implied by “{a.text}”]", style="dim")
        return
    t.append(a.text)
    if getattr(a, "resolved", None):
        t.append(f" (= {a.resolved})")
    if code:
        t.append(f" [{code}]", style="dim")


def statement_line(st: Statement) -> Text:
    line = Text()
    line.append(f"{st.id} ", style="dim")
    line.append(st.cue.text if st.cue else "—", style="bold")
    line.append(" → ")
    content = " … ".join(c.text for c in st.content)
    if st.kind in ("direct",) and not content.lstrip().startswith(_QUOTE_MARKS):
        content = f"“{content}”"   # (a content that keeps its own quotation marks is shown as it is)
    line.append(_clip(content))
    tags = [st.stance] + [f"hedge: {h.text}" for h in st.hedges]
    if st.kind != "indirect":
        tags.append(st.kind)
    if st.told_to:
        tags.append(f"to {st.told_to.text}")
    if st.nested_in:
        tags.append(f"inside {st.nested_in}")
    line.append("  [", style="dim")
    for i, t in enumerate(tags):
        if i:
            line.append("; ", style="dim")
        line.append(t, style=STANCE_STYLE.get(t, "dim") if i == 0 else "yellow" if t.startswith("hedge") else "dim")
    line.append("]", style="dim")
    return line


def render(analysis: Analysis) -> Group:
    a = analysis
    parts = []
    head = Text(a.article.title or a.id, style="bold")
    sub = " · ".join(x for x in [a.article.outlet, a.article.date and f"{a.article.date}" + (" (inferred)" if a.article.date_source == "inferred" else ""), a.article.author, a.article.dateline_place and f"dateline {a.article.dateline_place}"] if x)
    header = [head, Text(sub or (a.path or ""), style="dim")]
    header += [Text(f"note: {n}", style="yellow") for n in a.article.notes]
    parts.append(Panel(Group(*header), title="sourcetrace", title_align="left"))

    groups: "OrderedDict[str, list[Statement]]" = OrderedDict()
    for st in a.statements:
        groups.setdefault(_source_key(st), []).append(st)
    parts.append(Rule(f"Statements ({len(a.statements)}) by source"))
    for key, sts in groups.items():
        src = sts[0].source
        title = Text(_source_label(sts[0]), style="bold")
        if src is not None:
            info = [src.type]
            if src.anonymous and src.anonymity:
                info += [f"{k}: {v}" for k, v in src.anonymity.model_dump().items() if v]
            title.append(f"  ({', '.join(info)})", style="dim")
        parts.append(title)
        for st in sts:
            line = Text("  ")
            line.append_text(statement_line(st))
            parts.append(line)

    shown = [ev for ev in a.events if ev.confidence != "low"]
    weak = [ev for ev in a.events if ev.confidence == "low"]
    if a.events:
        parts.append(Rule(f"Events ({len(shown)})"))
        for ev in shown:
            t = Text(f"{ev.id} ", style="dim")
            t.append(f"{ev.type}", style="bold")
            if ev.mode:
                t.append(f"/{ev.mode}")
            t.append("  ")
            _participant(t, ev.actor)
            t.append(f" —{ev.trigger.text}→ ")
            _participant(t, ev.target)
            t.append(f"  {ev.modality}", style=MODALITY_STYLE.get(ev.modality, ""))
            if ev.time:
                t.append(f"  @{when_text(ev.time, a.article.date)}")
            if ev.place:
                t.append(f"  in {ev.place.name}")
            if ev.statements:
                who = event_statements_text(ev)
                t.append(f"  {'per ' if not who.startswith('denied') else ''}{who}", style="dim")
            parts.append(t)
        if weak:
            # read from the verb alone as an unspecified act: listed, not shown as events
            parts.append(Text(f"  low confidence, not shown above ({len(weak)}): " + "; ".join(
                f"{ev.id} {ev.type} “{_clip(ev.trigger.text, 30)}”" for ev in weak), style="dim"))

    if a.figures:
        parts.append(Rule(f"Figures ({len(a.figures)})"))
        for f in a.figures:
            t = Text(f"  {f.text}", style="bold")
            if f.measure:
                t.append(f"  {_clip(f.measure, 90)}")
            if f.date:
                t.append(f"  @{when_text(f.date, a.article.date)}")
            if f.source:
                t.append(f"  per {f.source}", style="dim")
            parts.append(t)

    if a.timeline:
        parts.append(Rule("Timeline"))
        tab = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        tab.add_column("when")
        tab.add_column("what")
        tab.add_column("modality")
        tab.add_column("per")
        for e in a.timeline:
            when = display_value(e.value, a.article.date)
            tab.add_row(when, _clip(e.label, 90), Text(e.modality or "", style=MODALITY_STYLE.get(e.modality or "", "")), per_text(e.sources, e.denied_by))
        parts.append(tab)

    if a.places:
        parts.append(Rule("Places"))
        seen = OrderedDict()
        for p in a.places:
            seen.setdefault(p.name, p)
        parts.append(Text("  " + "; ".join(f"{p.name} ({p.country or '?'}" + (f", {p.lat:.2f},{p.lon:.2f})" if p.lat is not None else ")") for p in seen.values())))

    if a.boilerplate:
        parts.append(Rule("Boilerplate (excluded from analysis)"))
        for b in a.boilerplate:
            parts.append(Text(f"  [{b.kind}] " + _clip(b.text, 400), style="strike dim"))
    return Group(*parts)


def print_report(analysis: Analysis, console: Console | None = None) -> None:
    (console or Console()).print(render(analysis))
