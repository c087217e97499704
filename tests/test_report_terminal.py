"""The terminal report writes dates as a reader does."""

from rich.console import Console

from sourcetrace.model import Analysis, ArticleMeta, TimelineEntry
from sourcetrace.report.terminal import render


def _text(analysis: Analysis) -> str:
    console = Console(width=120, record=True, file=open("/dev/null", "w"))
    console.print(render(analysis))
    return console.export_text()


def test_timeline_writes_decades_and_now():
    a = Analysis(id="t", text="In the 1980s the valley was held by militias. Today it is calm.",
                 article=ArticleMeta(date="2019-05-04"),
                 timeline=[TimelineEntry(value="198", kind="date", label="the valley was held by militias"),
                           TimelineEntry(value="PRESENT_REF", kind="date", label="it is calm")])
    out = _text(a)
    assert "1980s" in out
    assert "now (2019-05-04)" in out
    assert "198 " not in out.replace("1980s", "")


def test_a_direct_quote_is_marked_once():
    from sourcetrace.model import Span, Statement
    from sourcetrace.report.terminal import statement_line

    text = 'She said: "We will not move. "The port stays open."'
    bare = Statement(id="s1", kind="direct", cue=Span.of(text, 4, 9), content=[Span.of(text, 11, 28)])
    kept = Statement(id="s2", kind="direct", cue=Span.of(text, 4, 9), content=[Span.of(text, 10, len(text))])
    assert "“We will not move.”" in statement_line(bare).plain
    line = statement_line(kept).plain
    assert '“"' not in line and '"We will not move. "The port stays open."' in line


def test_an_event_and_its_timeline_entry_say_who_denies_it():
    """A denial is not shown as one more source of what it denies."""
    from sourcetrace.model import Event, Span

    text = "Rebels said the convoy was shelled in May. The army denied it."
    ev = Event(id="e1", type="ASSAULT", trigger=Span.of(text, 27, 34), modality="alleged",
               statements=["s1", "s2"], denied_by=["s2"])
    a = Analysis(id="t", text=text, article=ArticleMeta(date="2019-06-01"), events=[ev],
                 timeline=[TimelineEntry(value="2019-05", kind="event", ref="e1", label="ASSAULT (shelled)",
                                         modality="alleged", sources=["Rebels"], denied_by=["The army"])])
    out = _text(a)
    assert "per s1 · denied by s2" in out
    assert "Rebels; denied by The army" in out


def test_event_and_figure_times_read_as_a_reader_writes_them():
    """No bare TIMEX codes in a report line: a duration keeps its words, "now" its date."""
    from sourcetrace.model import DateExpr, Event, Figure, Span

    text = "Talks held over many years ended. Turnout is now 70%."
    ev = Event(id="e1", type="CONSULT", trigger=Span.of(text, 0, 5),
               time=DateExpr(**Span.of(text, 16, 26).model_dump(), value="PXY", type="DURATION"))
    fig = Figure(**Span.of(text, 49, 52).model_dump(), value=70.0, unit="percent", measure="Turnout",
                 date=DateExpr(**Span.of(text, 45, 48).model_dump(), value="PRESENT_REF", type="DATE"))
    out = _text(Analysis(id="t", text=text, article=ArticleMeta(date="2019-06-01"), events=[ev], figures=[fig]))
    assert "@“many years” (PXY)" in out
    assert "@now (2019-06-01)" in out and "PRESENT_REF" not in out
