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
