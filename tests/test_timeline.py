"""Timeline: chronological order across TIMEX granularities, entries from events/figures/dates, SVG plot."""

import xml.etree.ElementTree as ET

import pytest

from sourcetrace.extract.timeline import display_value, fractional_year, sort_key, timeline_for
from sourcetrace.model import (
    Actor, Analysis, ArticleMeta, DateExpr, Event, Figure, Source, Span, Statement, TimelineEntry,
)
from sourcetrace.report.timeline_svg import MODALITY_COLOURS, timeline_svg


def test_sort_key_orders_mixed_granularity():
    values = ["2018", "2017-09", "198", "2016-09", "2007", "2015-09"]
    assert sorted(values, key=sort_key) == ["198", "2007", "2015-09", "2016-09", "2017-09", "2018"]


def test_sort_key_interval_starts():
    assert sort_key("198")[:3] == (1980, 1, 1)
    assert sort_key("19")[:3] == (1900, 1, 1)
    assert sort_key("2015-Q3")[:3] == (2015, 7, 1)
    assert sort_key("2015-W38")[:3] == (2015, 9, 14)  # Monday of ISO week 38
    assert sort_key("2015-SU")[:3] == (2015, 6, 1)
    assert sort_key("2016") < sort_key("2016-01") < sort_key("2016-01-01")  # coarser first on a tie
    assert sort_key("PRESENT_REF", "2018-02-06")[:3] == (2018, 2, 6)


@pytest.mark.parametrize("value", ["P17Y", "XXXX-09", "PAST_REF", "FUTURE_REF", "", None, "PRESENT_REF"])
def test_values_without_a_place(value):
    assert sort_key(value) is None  # PRESENT_REF needs the article date


def test_display_and_axis_position():
    assert display_value("198") == "1980s"
    assert display_value("PRESENT_REF", "2018-02-06") == "now (2018-02-06)"
    assert fractional_year("2016-07") == pytest.approx(2016.5)


TEXT = (
    "The talks began in 2007. Officials say a meeting took place in September 2015, which Moscow denies. "
    "Poverty fell to 40% in 2016, the bank said. The war began in the 1980s. Today the roads are open."
)


def _span(phrase):
    i = TEXT.index(phrase)
    return i, i + len(phrase)


def _date(phrase, value, type_="DATE"):
    s, e = _span(phrase)
    return DateExpr(start=s, end=e, text=phrase, value=value, type=type_)


@pytest.fixture(scope="module")
def doc(nlp):
    d = nlp.make_doc(TEXT)
    for name, proc in nlp.pipeline:
        if name.startswith("sourcetrace_") and name not in ("sourcetrace_boilerplate", "sourcetrace_paragraphs"):
            continue
        d = proc(d)
    d._.st_article = ArticleMeta(date="2018-02-06")
    src_officials = Source(start=_span("Officials")[0], end=_span("Officials")[1], text="Officials", named=False)
    src_moscow = Source(start=_span("Moscow")[0], end=_span("Moscow")[1], text="Moscow", named=True)
    src_bank = Source(start=_span("the bank")[0], end=_span("the bank")[1], text="the bank", named=False)
    d._.st_statements = [
        Statement(id="s1", kind="indirect", source=src_officials, content=[Span.of(TEXT, *_span("a meeting took place in September 2015"))]),
        Statement(id="s2", kind="indirect", source=src_moscow, stance="denies", content=[Span.of(TEXT, *_span("which"))]),
        Statement(id="s3", kind="indirect", source=src_bank, content=[Span.of(TEXT, *_span("Poverty fell to 40% in 2016"))]),
    ]
    d._.st_dates = [
        _date("2007", "2007"), _date("September 2015", "2015-09"), _date("2016", "2016"),
        _date("the 1980s", "198"), _date("Today", "PRESENT_REF"),
    ]
    d._.st_events = [
        Event(id="e1", type="CONSULT", trigger=Span.of(TEXT, *_span("meeting")), modality="denied",
              actor=Actor(start=_span("Moscow")[0], end=_span("Moscow")[1], text="Moscow", code="RUS", sector="GOV"),
              time=_date("September 2015", "2015-09"), statements=["s1", "s2"], denied_by=["s2"]),
        Event(id="e2", type="AID", trigger=Span.of(TEXT, *_span("talks")), time=None),  # undated: not on the line
    ]
    d._.st_figures = [
        Figure(start=_span("40%")[0], end=_span("40%")[1], text="40%", value=40.0, unit="percent",
               measure="Poverty", date=_date("2016", "2016"), statement="s3", source="the bank"),
    ]
    return d


def test_timeline_entries_in_order(doc):
    tl = timeline_for(doc)
    assert [e.value for e in tl] == ["198", "2007", "2015-09", "2016"]
    kinds = {e.value: e.kind for e in tl}
    assert kinds == {"198": "date", "2007": "date", "2015-09": "event", "2016": "figure"}
    ev = next(e for e in tl if e.kind == "event")
    # who reports the meeting and who denies it, apart: Moscow's denial is no source of it
    assert ev.ref == "e1" and ev.modality == "denied" and ev.sources == ["Officials"] and ev.denied_by == ["Moscow"]
    fig = next(e for e in tl if e.kind == "figure")
    assert fig.ref == "0" and fig.sources == ["the bank"] and fig.label.startswith("40 percent")
    # "Today" (PRESENT_REF) is not an entry of its own; "2007" gets its clause as label
    assert "talks began" in next(e for e in tl if e.value == "2007").label


def test_timeline_tolerates_missing_inputs(nlp):
    d = nlp.make_doc("Nothing happened.")
    assert timeline_for(d) == []  # every st_* is None


def _analysis(entries, date="2018-02-06"):
    return Analysis(id="a", text="x", article=ArticleMeta(date=date), timeline=entries)


def test_svg_plots_entries_by_modality():
    entries = [
        TimelineEntry(value="198", kind="date", label="the <Soviet> war"),
        TimelineEntry(value="2015-09", kind="event", ref="e1", label="CONSULT: Putin → Mansour (meeting)",
                      modality="alleged", sources=["a senior Taliban commander"]),
        TimelineEntry(value="2017-09", kind="figure", ref="0", label="60 percent", modality="asserted", sources=["NATO"]),
        TimelineEntry(value="PRESENT_REF", kind="figure", ref="1", label="70 percent", modality="asserted"),
    ]
    svg = timeline_svg(_analysis(entries))
    root = ET.fromstring(svg)  # well-formed: labels are escaped
    ns = {"s": "http://www.w3.org/2000/svg"}
    groups = root.findall(".//s:g", ns)
    assert len(groups) == 4
    assert root.findall(".//s:circle", ns)[0].get("fill") == MODALITY_COLOURS["alleged"]
    assert "1980s" in svg and "&lt;Soviet&gt;" in svg
    assert "now (2018-02-06)" in svg
    # marks left to right in time order
    xs = []
    for g in groups:
        mark = next(m for m in (g.find(f"s:{t}", ns) for t in ("circle", "rect", "polygon")) if m is not None)
        xs.append(float(mark.get("cx") or mark.get("x") or mark.get("points").split(",")[0]))
    assert xs == sorted(xs)
    # self-contained: no external references
    assert "href" not in svg and "<script" not in svg


def test_svg_empty_without_placeable_entries():
    assert timeline_svg(_analysis([])) == ""
    assert timeline_svg(_analysis([TimelineEntry(value="PRESENT_REF", kind="date", label="now")], date=None)) == ""
