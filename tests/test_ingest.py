"""Ingest: read_input / read_bytes on text, HTML, gzip and stdin; bad input; encodings; headline/dateline."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcetrace.ingest import IngestError, read_bytes, read_input
from sourcetrace.ingest import files as ingest_files
from sourcetrace.ingest.text import article_from_text, find_dateline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

STORY = (
    "Port authority halts night shipments after crane collapse\n"
    "ROTTERDAM (Harbour Wire) — The port authority suspended night-time container handling on Tuesday "
    "after a crane toppled onto a berth, officials said.\n"
    "\n"
    "\"We will not resume until every crane has been inspected,\" said Anneke Vos, the authority's safety director.\n"
    "Union leaders said the workers had warned managers about the crane for months, and they called for an "
    "independent inquiry into the accident.\n"
)

HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Council approves river bridge budget | Valley Courier</title>
<meta property="og:title" content="Council approves river bridge budget">
<meta property="og:site_name" content="Valley Courier">
<meta name="author" content="Dana Whitfield">
<meta property="article:published_time" content="2023-04-18T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Council approves river bridge budget</h1>
<p>The town council voted seven to two on Monday night to fund a new footbridge over the Alder River, ending a
dispute that had stalled the project for almost three years.</p>
<p>Mayor Linda Okafor said the bridge would connect the east bank estates to the railway station and cut the
walk for commuters by twenty minutes. "This is the most requested project in the town," she said.</p>
<p>Opponents on the council argued that the cost, estimated at 4.2 million pounds, should have been put to a
public vote, and one councillor said the estimate was likely to rise once construction began.</p>
<p>Sign up for our newsletter to get the day's top stories delivered to your inbox.</p>
<p>Work on the foundations is expected to start in the autumn, with the bridge due to open in the spring of
the following year, according to the council's planning department.</p>
</article>
<footer><p>Contact us</p></footer>
</body></html>
"""

GERMAN = (
    "Die Stadtverwaltung hat am Dienstag beschlossen, die Brücke über den Fluss im kommenden Jahr zu erneuern. "
    "Der Bürgermeister sagte, die Kosten würden sich auf mehrere Millionen Euro belaufen, und die Opposition "
    "kritisierte, dass die Bürger nicht vorher gefragt worden seien.\n"
)
FRENCH = (
    "Le conseil municipal a voté mardi soir le financement d'une nouvelle passerelle sur la rivière. "
    "Selon le maire, les travaux commenceront à l'automne et la passerelle ouvrira au printemps prochain, "
    "mais l'opposition estime que le coût aurait dû être soumis à un vote public.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


# ------------------------------------------------------------------ plain text
def test_plain_text_exact_headline_dateline(tmp_path):
    data = STORY.encode("utf-8")
    path = write(tmp_path, "port-crane.txt", data)
    a = read_input(path)
    assert a.id == "port-crane" and a.path == path
    assert a.text == data.decode("utf-8")
    m = a.meta
    assert m.input_format == "text" and m.language == "en" and m.notes == []
    assert m.title == "Port authority halts night shipments after crane collapse"
    assert a.text[m.title_span.start : m.title_span.end] == m.title
    assert m.dateline.text == "ROTTERDAM (Harbour Wire) —"
    assert a.text[m.dateline.start : m.dateline.end] == m.dateline.text
    assert m.dateline_place == "Rotterdam" and m.outlet == "Harbour Wire"


def test_crlf_and_trailing_spaces_are_kept(tmp_path):
    data = STORY.replace("\n", "\r\n").encode("utf-8") + b"   \r\n"
    a = read_input(write(tmp_path, "crlf.txt", data))
    assert a.text == data.decode("utf-8")
    assert "\r\n" in a.text
    assert a.meta.title == "Port authority halts night shipments after crane collapse"


@pytest.mark.parametrize(
    "opening, dateline, place",
    [
        ("ISLAMABAD—Officials met on Sunday.", "ISLAMABAD—", "Islamabad"),
        ("WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON (Reuters) -", "Washington"),
        ("KABUL, Afghanistan (AP) — Gunmen attacked a checkpoint.", "KABUL, Afghanistan (AP) —", "Kabul"),
        ("LONDON, March 3 (AP) — Prices rose.", "LONDON, March 3 (AP) —", "London"),
        ("NEW YORK — Stocks fell sharply.", "NEW YORK —", "New York"),
        ("Washington (CNN) — The president spoke.", "Washington (CNN) —", "Washington"),
        ("BEIRUT, Lebanon -- Protesters gathered.", "BEIRUT, Lebanon --", "Beirut"),
    ],
)
def test_datelines(opening, dateline, place):
    text = "Headline about something that happened\n" + opening + " More text follows here.\n"
    a = article_from_text(text)
    assert a.meta.dateline is not None and a.meta.dateline.text == dateline
    assert a.meta.dateline_place == place


@pytest.mark.parametrize(
    "opening",
    [
        "NATO figures show the number of troops rose.",
        "The president said — again — that he would veto it.",
        "EXCLUSIVE – Documents show the plan was changed.",
        "US officials — speaking privately — disagreed.",
        "Officials said (AP) - nothing.",
        "FBI agents searched the house.",
    ],
)
def test_not_datelines(opening):
    assert find_dateline(opening, 0) is None


@pytest.mark.parametrize(
    "text, title",
    [
        ("Bridge Vote Delayed Again After Heated Council Session.\n\nThe council met for six hours.\n", "Bridge Vote Delayed Again After Heated Council Session."),
        ("Mayor defends budget; \nOpposition calls it reckless\n\nThe mayor said the budget was sound.\n", "Mayor defends budget;"),
        ("Will the dam hold?\nEngineers inspected the dam on Friday and found two cracks in the spillway.\n", "Will the dam hold?"),
        ("Storm closes schools. Again.\n\nSchools across the county closed for the second time this month after heavy snow.\n", "Storm closes schools. Again."),
    ],
)
def test_headlines(text, title):
    assert article_from_text(text).meta.title == title


@pytest.mark.parametrize(
    "text",
    [
        "The council met on Monday to discuss the bridge, which has been delayed for years, and voted to fund it.\nThe mayor welcomed the result.\n",
        "Officials said the plan would go ahead,\nbut gave no date.\n",
        "Only one line of text here without anything after it",
    ],
)
def test_no_headline(text):
    assert article_from_text(text).meta.title is None


def test_byline_becomes_author():
    text = "Rail strike ends after pay deal\nBy Tom Hargreaves, Transport Correspondent\nLONDON — Train drivers accepted a pay offer on Friday.\n"
    m = article_from_text(text).meta
    assert m.author == "Tom Hargreaves"
    assert m.dateline.text == "LONDON —"


def test_date_option_only_when_missing(tmp_path):
    a = read_input(write(tmp_path, "a.txt", STORY.encode()), date="2024-02-01")
    assert (a.meta.date, a.meta.date_source) == ("2024-02-01", "option")
    h = read_input(write(tmp_path, "council.html", HTML.encode()), date="2024-02-01")
    assert (h.meta.date, h.meta.date_source) == ("2023-04-18", "metadata")


# ------------------------------------------------------------------ gzip, HTML, stdin
def test_gzip_text(tmp_path):
    data = STORY.encode("utf-8")
    a = read_input(write(tmp_path, "crane.txt.gz", gzip.compress(data)))
    assert a.id == "crane" and a.text == data.decode("utf-8")


def test_html_and_html_gz(tmp_path):
    for name, data in (("council.html", HTML.encode()), ("council.htm.gz", gzip.compress(HTML.encode()))):
        a = read_input(write(tmp_path, name, data))
        assert a.id == "council"
        m = a.meta
        assert m.input_format == "html"
        assert m.title == "Council approves river bridge budget"
        assert a.text.startswith(m.title + "\n") and m.title_span.text == m.title
        assert m.author == "Dana Whitfield" and m.outlet == "Valley Courier" and m.date == "2023-04-18"
        assert "voted seven to two" in a.text and "Work on the foundations" in a.text
        assert "Contact us" not in a.text and "Sport" not in a.text


def test_stdin_text_and_html(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    a = read_input("-")
    assert (a.id, a.path, a.text) == ("stdin", "-", STORY)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML.encode())))
    h = read_input("-")
    assert h.meta.input_format == "html" and h.meta.title == "Council approves river bridge budget"


# ------------------------------------------------------------------ encodings
def test_cp1252_fallback_recorded(tmp_path):
    s = STORY.replace("safety director", "safety director, who earns £80,000 — “a fair wage”")
    data = s.encode("cp1252")
    a = read_input(write(tmp_path, "cp.txt", data))
    assert a.text == s
    assert any("cp1252" in n and "not valid UTF-8" in n for n in a.meta.notes)


def test_utf8_bom_and_utf16(tmp_path):
    a = read_input(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + STORY.encode()))
    assert a.text == STORY and any("byte-order mark" in n for n in a.meta.notes)
    b = read_input(write(tmp_path, "u16.txt", STORY.encode("utf-16")))
    assert b.text == STORY and any("UTF-16" in n for n in b.meta.notes)


def test_html_declared_charset(tmp_path):
    html = HTML.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("4.2 million pounds", "£4.2 million")
    a = read_input(write(tmp_path, "latin.html", html.encode("latin-1")))
    assert "£4.2 million" in a.text
    assert any("iso8859-1" in n or "latin" in n for n in a.meta.notes)


# ------------------------------------------------------------------ bad input
def _err(path, **kw) -> IngestError:
    with pytest.raises(IngestError) as ei:
        read_input(path, **kw)
    e = ei.value
    assert str(e).startswith(f"{e.path}: ") and "\n" not in str(e)
    return e


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t \n", "empty file"),
        ("nul.txt", b"Some text\x00\x00\x01 more", "binary"),
        ("ctrl.txt", bytes(range(1, 9)) * 400, "binary"),
        ("report.pdf", b"%PDF-1.7 not really", "unsupported file type .pdf"),
        ("memo.docx", b"PK\x03\x04whatever", "unsupported file type .docx"),
        ("disguised.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256)) * 4, "unsupported file type: application/pdf"),
        ("notgz.txt.gz", b"plain text, not compressed", "broken gzip"),
        ("cut.txt.gz", gzip.compress(STORY.encode() * 20)[:60], "broken gzip"),
        ("de.txt", GERMAN.encode(), "not English (looks like de)"),
        ("fr.txt", FRENCH.encode(), "not English (looks like fr)"),
        ("zh.txt", "政府周二宣布明年将提高部分商品的进口关税，官方人士说，反对派随即提出批评，认为此举将推高物价。\n".encode(), "not English (looks like zh)"),
        ("nobody.html", b"<html><head><title>x</title></head><body><div></div><script>var x = 1;</script></body></html>", "no article text"),
    ],
)
def test_bad_input_messages(tmp_path, name, data, problem):
    path = write(tmp_path, name, data)
    e = _err(path)
    assert e.path == path and path in str(e)
    assert problem in e.problem


def test_missing_directory_permission(tmp_path, monkeypatch):
    assert "no such file" in _err(str(tmp_path / "nope.txt")).problem
    d = tmp_path / "folder.txt"
    d.mkdir()
    assert "directory" in _err(str(d)).problem
    p = write(tmp_path, "locked.txt", STORY.encode())

    def deny(self, *a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    assert "permission denied" in _err(p).problem


def test_over_large(tmp_path):
    para = STORY.encode() * (ingest_files.MAX_TEXT_BYTES // len(STORY.encode()) + 2)
    assert "too large" in _err(write(tmp_path, "big.txt", para)).problem
    # the same bytes compressed are small on disk: the limit applies once decompressed
    assert "too large" in _err(write(tmp_path, "big.txt.gz", gzip.compress(para))).problem


def test_stdin_error_names_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    e = _err("-")
    assert e.path == "<stdin>" and "empty" in e.problem


def test_language_check_can_be_skipped():
    a = read_bytes(GERMAN.encode(), "de.txt", check_language=False)
    assert a.text == GERMAN


def test_short_text_is_not_refused_for_language():
    # too little text to identify a language: analysed, not refused
    a = read_bytes("Kabul: talks resume.\n".encode(), "short.txt")
    assert a.text == "Kabul: talks resume.\n"


# ------------------------------------------------------------------ property: text is the file as decoded
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff") | st.sampled_from("\n\r\t "),
    min_size=0,
    max_size=400,
)
LEAD = "The minister said on Tuesday that the talks would continue and that both sides had agreed to meet again.\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_TEXT)
def test_text_is_file_exactly_as_decoded(body):
    data = (LEAD + body).encode("utf-8")
    a = read_bytes(data, "prop.txt")
    assert a.text == data.decode("utf-8")
    for span in (a.meta.title_span, a.meta.dateline):
        if span is not None:
            assert a.text[span.start : span.end] == span.text


@settings(max_examples=100, deadline=None)
@given(body=_TEXT.filter(lambda s: s.strip()))
def test_any_text_decodes_exactly_without_language_check(body):
    data = body.encode("utf-8")
    a = read_bytes(data, "prop.txt", check_language=False)
    assert a.text == data.decode("utf-8")


# ------------------------------------------------------------------ shared data (skipped when absent)
@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "corpora" / "bbc").exists(), reason="needs ../shared/data/corpora/bbc")
def test_bbc_non_utf8_file_decodes():
    def not_utf8(p: Path) -> bool:
        try:
            p.read_bytes().decode("utf-8")
            return False
        except UnicodeDecodeError:
            return True

    bad = [p for p in sorted((SHARED / "corpora" / "bbc").rglob("*.txt")) if not_utf8(p)]
    if not bad:
        pytest.skip("no non-UTF-8 BBC file found")
    a = read_input(str(bad[0]))
    assert a.text == bad[0].read_bytes().decode("cp1252")
    assert any("cp1252" in n for n in a.meta.notes)


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "samples" / "medialine-russia-taliban.txt").exists(), reason="needs ../shared/data/samples")
def test_medialine_sample():
    p = SHARED / "samples" / "medialine-russia-taliban.txt"
    a = read_input(str(p))
    assert a.text == p.read_bytes().decode("utf-8")
    assert a.meta.title.startswith("As Taliban gains in strength")
    assert a.meta.dateline.text == "ISLAMABAD—" and a.meta.dateline_place == "Islamabad"
