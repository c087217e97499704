"""Timeline component (last in the pipeline): dated events, dated figures and other dates of note, in order.

Reads ``doc._.st_events`` (``Event.time.value``), ``doc._.st_figures``
(``Figure.date.value``), ``doc._.st_dates`` and ``doc._.st_statements``;
writes ``doc._.st_timeline`` (list of :class:`~sourcetrace.model.TimelineEntry`).
Any of the inputs may be missing (None) or empty.

Ordering: TIMEX3 values of different granularity are placed at the *start* of
the interval they name ("198" = the 1980s -> 1980-01-01, "2015-09" ->
2015-09-01, "2015-Q3" -> 2015-07-01, "2015-W38" -> that ISO week's Monday);
on a tie the coarser value comes first ("2016" before "2016-01").
``PRESENT_REF`` is the article's date (dropped when the article has none);
``PAST_REF``/``FUTURE_REF``, durations, sets and values with unknown parts
(``XXXX-09``) have no place on a line and are left out.

A date expression that no event or figure uses gets an entry of its own (kind
``date``) labelled with its clause, unless it is the article's present
("today", "now") or sits in boilerplate.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..model import DateExpr, Event, Figure, Statement, TimelineEntry
from ..nlp.doc import doc_text, in_boilerplate



_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}
_TIMEX = re.compile(
    r"^(?P<y>\d{2,4})"
    r"(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?P<H>\d{2})(?::(?P<M>\d{2}))?)?)?"
    r"|W(?P<w>\d{2})|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|AU|WI)))?"
)


def sort_key(value: Optional[str], article_date: Optional[str] = None) -> Optional[tuple]:
    """A sortable key for a TIMEX3 value: (year, month, day, hour, minute, granularity); None if it has no place."""
    if not value:
        return None
    v = value.strip()
    if v == "PRESENT_REF":
        if not article_date:
            return None
        v = article_date[:10]
    if "X" in v.upper().split("T")[0][:4]:
        return None
    m = _TIMEX.match(v)
    if not m:
        return None
    y = m.group("y")
    # "19" is a century, "198" a decade: both start their interval
    year = int(y) * (100 if len(y) == 2 else 10 if len(y) == 3 else 1)
    gran = {2: 0, 3: 1}.get(len(y), 2)
    month, day, hour, minute = 1, 1, 0, 0
    if m.group("m"):
        month, gran = int(m.group("m")), 4
        if m.group("d"):
            day, gran = int(m.group("d")), 6
            if m.group("H"):
                hour, gran = int(m.group("H")), 7
                minute = int(m.group("M") or 0)
    elif m.group("w"):
        try:
            d = _dt.date.fromisocalendar(year, int(m.group("w")), 1)
        except ValueError:
            return None
        month, day, gran = d.month, d.day, 5
    elif m.group("q"):
        month, gran = 3 * int(m.group("q")) - 2, 3
    elif m.group("h"):
        month, gran = 6 * int(m.group("h")) - 5, 3
    elif m.group("s"):
        month, gran = _SEASON_MONTH[m.group("s")], 3
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (year, month, day, hour, minute, gran)


def fractional_year(value: Optional[str], article_date: Optional[str] = None) -> Optional[float]:
    """Where a value sits on a continuous axis (used by the SVG plot)."""
    k = sort_key(value, article_date)
    if k is None:
        return None
    year, month, day, hour, minute, _ = k
    return year + (month - 1) / 12 + (day - 1) / 365.25 + (hour * 60 + minute) / (365.25 * 1440)


def display_value(value: str, article_date: Optional[str] = None) -> str:
    """A value as a reader writes it: "198" -> "1980s", "19" -> "1900s", PRESENT_REF -> "now (2018-02-06)"."""
    if value == "PRESENT_REF":
        return f"now ({article_date[:10]})" if article_date else "now"
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"{value}00s"
    return value


def when_text(d, article_date: Optional[str] = None) -> str:
    """A date expression as a report line shows it: a date by its value as a reader writes it ("2015-09",
    "1980s", "now (2018-02-06)"), a duration or a set by its words and value ("“many years” (PXY)"), an
    expression that could not be normalised by its words."""
    if d is None:
        return ""
    if not d.value:
        return f"“{d.text}”"
    if d.type in ("DURATION", "SET"):
        return f"“{d.text}” ({d.value})"
    return display_value(d.value, article_date)


def _shorten(text: str, n: int = 110) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1].rstrip() + "…"


def _fmt_number(v: float) -> str:
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _sources(ids: Iterable[str], statements: dict[str, Statement]) -> list[str]:
    out = []
    for sid in ids or []:
        st = statements.get(sid)
        if st is not None and st.source is not None:
            name = st.source.resolved or st.source.text
            if name and name not in out:
                out.append(name)
    return out


def per_text(sources: Iterable[str], denied_by: Iterable[str]) -> str:
    """Who reports an entry and who denies it, in words: "NATO figures", "X; denied by Y"."""
    parts = [", ".join(sources)] if sources else []
    if denied_by:
        parts.append("denied by " + ", ".join(denied_by))
    return "; ".join(parts)


def event_statements_text(ev: Event) -> str:
    """An event's statements by role: "s1, s4 · denied by s15"."""
    reporting = [sid for sid in ev.statements if sid not in ev.denied_by]
    return per_text(reporting, ev.denied_by).replace("; denied by", " · denied by")


def event_label(ev: Event) -> str:
    actor = ev.actor.text if ev.actor else "?"
    target = ev.target.text if ev.target else None
    kind = ev.type + (f"/{ev.mode}" if ev.mode else "")
    who = f"{actor} → {target}" if target else actor
    return _shorten(f"{kind}: {who} ({ev.trigger.text})")


def figure_label(f: Figure) -> str:
    unit = f" {f.unit}" if f.unit else ""
    what = f" — {f.measure}" if f.measure else ""
    return _shorten(f"{_fmt_number(f.value)}{unit}{what}")


def _figure_modality(f: Figure, statements: dict[str, Statement]) -> str:
    st = statements.get(f.statement) if f.statement else None
    if st is not None:
        if st.stance == "denies":
            return "denied"
        if st.stance in ("speculates", "questions"):
            return "alleged"
    return "asserted"


def _date_label(doc: Doc, d: DateExpr) -> str:
    sp = doc.char_span(d.start, d.end, alignment_mode="expand")
    if sp is None:
        return d.text
    sent = sp.sent
    # the clause the date sits in: its head's subtree, cut to the sentence
    tok = sp.root
    if tok.dep_ in ("compound", "nmod", "amod", "nummod") and tok.head.pos_ in ("NOUN", "PROPN"):
        # a date that modifies a noun ("its failed 1980s military campaign"): the noun's phrase,
        # grown to the prepositional phrase it ends ("retreat from Afghanistan after its … campaign")
        head = tok.head
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head.head
        toks = [t for t in head.subtree if sent.start <= t.i < sent.end]
        return _shorten(doc_text(doc)[toks[0].idx: toks[-1].idx + len(toks[-1].text)].strip(" ,;"))
    while tok.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis") and tok.head.i != tok.i:  # Token objects are new on each access: compare indices
        tok = tok.head
    toks = [t for t in tok.subtree if sent.start <= t.i < sent.end]
    text = doc_text(doc)[toks[0].idx: toks[-1].idx + len(toks[-1].text)] if toks else sent.text
    return _shorten(text.strip(" ,;"))


def timeline_for(doc: Doc) -> list[TimelineEntry]:
    meta = doc._.st_article
    article_date = getattr(meta, "date", None) if meta is not None else None
    statements = {s.id: s for s in (doc._.st_statements or [])}
    entries: list[tuple[tuple, int, TimelineEntry]] = []
    used: set[tuple[int, int]] = set()

    def add(value: str, entry: TimelineEntry) -> bool:
        key = sort_key(value, article_date)
        if key is None:
            return False
        entries.append((key, len(entries), entry))
        return True

    for ev in doc._.st_events or []:
        t = ev.time
        if t is None or not t.value or ev.confidence == "low":
            continue
        reporting = [sid for sid in ev.statements if sid not in ev.denied_by]
        if add(t.value, TimelineEntry(value=t.value, kind="event", ref=ev.id, label=event_label(ev),
                                      modality=ev.modality, sources=_sources(reporting, statements),
                                      denied_by=_sources(ev.denied_by, statements))):
            used.add((t.start, t.end))

    for i, f in enumerate(doc._.st_figures or []):
        d = f.date
        if d is None or not d.value:
            continue
        sources = [f.source] if f.source else _sources([f.statement] if f.statement else [], statements)
        if add(d.value, TimelineEntry(value=d.value, kind="figure", ref=str(i), label=figure_label(f),
                                      modality=_figure_modality(f, statements), sources=sources)):
            used.add((d.start, d.end))

    for d in doc._.st_dates or []:
        if d.type != "DATE" or not d.value or d.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
            continue
        if (d.start, d.end) in used or in_boilerplate(doc, d.start, d.end):
            continue
        containing = [s for s in statements.values() if any(c.start <= d.start and d.end <= c.end for c in s.content)]
        add(d.value, TimelineEntry(value=d.value, kind="date", ref=None, label=_date_label(doc, d),
                                   modality=None, sources=_sources([s.id for s in containing], statements)))

    entries.sort(key=lambda x: (x[0], x[1]))
    return [e for _, _, e in entries]


@Language.component("sourcetrace_timeline")
def timeline_component(doc: Doc) -> Doc:
    doc._.st_timeline = timeline_for(doc)
    return doc
