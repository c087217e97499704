"""In-text boilerplate: appeals, newsletters, read-more lists, ads, social prompts; and what must stay article text."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import spacy

from sourcetrace.extract.boilerplate import detect_boilerplate
from sourcetrace.eval import zyte

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

APPEAL_ARTICLE = """Flood defences fail in three river towns
CARLISLE — Emergency crews evacuated more than 400 homes on Sunday after flood barriers gave way in three towns along the River Eden, the county council said.
"The water came over the wall in less than ten minutes," said Margaret Hale, who runs a bakery on the high street.
This winter, give to:
Reporting that stays
The Border Gazette's reporters are in Carlisle, Penrith, Keswick and Appleby every single day.
Others promise coverage.
We turn up.
We answer to our readers and nobody else.
The Environment Agency said the barriers had been inspected in October and were found to be in good condition.
Sixty people spent the night in a school hall.
"""

BLOCK = """This winter, give to:
Reporting that stays
The Border Gazette's reporters are in Carlisle, Penrith, Keswick and Appleby every single day.
Others promise coverage.
We turn up.
We answer to our readers and nobody else."""


def spans(text):
    out = detect_boilerplate(text)
    for b in out:
        assert text[b.start : b.end] == b.text
    return out


def test_appeal_block_exact():
    out = spans(APPEAL_ARTICLE)
    assert [(b.kind, b.text) for b in out] == [("appeal", BLOCK)]
    assert "Others promise coverage." in out[0].text
    # the article paragraphs around it are untouched
    assert "Environment Agency" not in out[0].text and "Margaret Hale" not in out[0].text


def test_appeal_block_gives_back_short_article_line():
    text = APPEAL_ARTICLE.replace(
        "We answer to our readers and nobody else.\n", "We answer to our readers and nobody else.\nThe river peaked at 5.2 metres.\n"
    )
    out = spans(text)
    assert len(out) == 1 and out[0].text == BLOCK


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Sign up for our newsletter to get the morning's top stories delivered to your inbox.", "newsletter"),
        ("Subscribe to the Evening Briefing newsletter", "newsletter"),
        ("Thanks for signing up!", "newsletter"),
        ("Subscribe now", "subscription"),
        ("Already a subscriber? Log in here.", "subscription"),
        ("Read more: Ferry operator cancels winter timetable", "read_more"),
        ("READ MORE: Council tax to rise by 5 percent", "read_more"),
        ("Related: How the port expansion was funded", "read_more"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Follow us on Twitter and Facebook for the latest updates.", "social"),
        ("Share this article", "social"),
        ("Like this story? Share it with a friend!", "social"),
        ("Please consider supporting our journalism with a donation.", "appeal"),
        ("Donate now", "appeal"),
        ("CLICK HERE TO GET THE GAZETTE APP", "promo"),
        ("If you buy something through links on this page, we may earn a commission.", "promo"),
        ("Copyright 2024 Border Gazette. All rights reserved.", "other"),
        ("(Reporting by Ana Ruiz in Madrid and Tom Berg; Editing by Sara Lind.)", "other"),
        ("Priya Natarajan contributed reporting from Chennai.", "other"),
        ("Photo: Harbour Wire/Jon Feld", "other"),
        ("Updated: 14 March 2024, 10:05", "other"),
    ],
)
def test_positive_lines(line, kind):
    text = f"Ferry strike enters third week\nUnion members voted to continue the strike on Monday, the union said.\n{line}\nTalks are due to resume on Thursday.\n"
    out = spans(text)
    assert [(b.kind, b.text) for b in out] == [(kind, line)]


@pytest.mark.parametrize(
    "line",
    [
        "The billionaire donated $2 million to the campaign last year, according to filings.",
        "Supporters of the bill said it would help readers like them, but critics disagreed.",
        "More than 200 people attended the meeting, organisers said.",
        "Related charges were filed against two other men on Friday.",
        "Also, the company said it would cut 300 jobs.",
        "Advertising revenue fell 5 percent in the quarter.",
        "Subscriptions to streaming services rose sharply during the pandemic, the report found.",
        '"Sign up for our newsletter and follow us on Twitter," the campaign caller told voters.',
        "He urged his followers to share the video, which was later removed.",
        "The newsletter, which has 40,000 subscribers, first reported the resignation.",
        "Read the full report, the minister told parliament, before judging the policy.",
        "Give the council more time, residents said at the meeting.",
        "Research by the port authority shows that traffic fell by a third.",
        "Reporting by local journalists revealed the contract had been changed.",
        "Updated figures show a sharp rise in the number of sailings cancelled.",
        "Published in 1998, the report warned of exactly this kind of failure.",
    ],
)
def test_article_lines_are_not_boilerplate(line):
    text = f"Ferry strike enters third week\nUnion members voted to continue the strike on Monday, the union said.\n{line}\nTalks are due to resume on Thursday.\n"
    assert spans(text) == []


def test_related_header_takes_the_link_list_only():
    text = (
        "Rail line reopens after landslide\n"
        "Trains ran again on Monday after engineers cleared the line, the operator said.\n"
        "You may also like:\n"
        "- Bus fares to rise in April\n"
        "- New station car park opens\n"
        "- Commuters face weekend closures\n"
        "Passengers were warned to expect delays for the rest of the week while speed limits remain in place on the repaired section.\n"
    )
    out = spans(text)
    assert len(out) == 1 and out[0].kind == "read_more"
    assert out[0].text.startswith("You may also like:") and out[0].text.endswith("- Commuters face weekend closures")


def test_read_more_with_headline_is_not_a_header():
    text = (
        "Rail line reopens after landslide\n"
        "Trains ran again on Monday after engineers cleared the line, the operator said.\n"
        "Related post: Landslide closes coastal railway\n"
        "WHAT HAPPENS NEXT\n"
        "Engineers will inspect the slope again in the spring.\n"
    )
    out = spans(text)
    assert [b.text for b in out] == ["Related post: Landslide closes coastal railway"]


def test_long_paragraph_only_plug_sentence():
    para = (
        "Jo Marsh covers transport for the Gazette and has reported on the region's railways for a decade, "
        "including the long fight over the coastal line and the closure of two branch stations in 2019. "
        "Follow her on Twitter @jomarsh."
    )
    text = "Rail line reopens after landslide\nTrains ran again on Monday.\n" + para + "\n"
    out = spans(text)
    assert [b.text for b in out] == ["Follow her on Twitter @jomarsh."]


def test_caps_plug_pasted_into_embed_keeps_the_rest():
    line = (
        "The mayor posted on Friday evening that the ferry would keep running through the winter months whatever "
        "the council decides about the subsidy. pic.example.com/Xy7Qa SIGN UP FOR OUR NEWSLETTER — Mayor Ruth Ellis "
        "(@MayorEllis) March 4, 2024."
    )
    text = "Ferry to keep running\nThe mayor made the announcement online.\n" + line + "\n"
    out = spans(text)
    assert [b.text for b in out] == ["SIGN UP FOR OUR NEWSLETTER"]


def test_first_line_is_never_boilerplate():
    text = "Advertising giant cuts jobs\nThe firm said it would cut 3,000 jobs.\n"
    assert spans(text) == []
    text2 = "Newsletter\nThe council published its newsletter on Friday, officials said.\n"
    assert spans(text2) == []


def test_blank_line_separated_block_merges():
    text = (
        "Harbour fees to rise\n\nThe harbour board approved a 4 percent rise in mooring fees on Tuesday.\n\n"
        "Advertisement\n\nSign up for our newsletter\n\nThe board said the rise would pay for dredging.\n"
    )
    out = spans(text)
    assert len(out) == 1 and out[0].text == "Advertisement\n\nSign up for our newsletter"


def test_spacy_component_sets_extension():
    from sourcetrace.nlp import doc as _doc  # noqa: F401  registers Doc extensions

    nlp = spacy.blank("en")
    nlp.add_pipe("sourcetrace_boilerplate")
    doc = nlp(APPEAL_ARTICLE)
    assert [b.text for b in doc._.st_boilerplate] == [BLOCK]
    from sourcetrace.nlp.doc import in_boilerplate

    i = APPEAL_ARTICLE.index("Others promise coverage.")
    assert in_boilerplate(doc, i, i + 5)
    j = APPEAL_ARTICLE.index("Environment Agency")
    assert not in_boilerplate(doc, j, j + 5)


def test_html_ingest_then_boilerplate(tmp_path):
    from sourcetrace.ingest import read_input

    paras = [
        "The harbour board approved a four percent rise in mooring fees on Tuesday, ending months of talks with boat owners.",
        "The chair of the board said the money would pay for dredging the inner basin, which has silted up since the storms of last winter.",
        "Read more: Fishing fleet shrinks for fifth year",
        "Boat owners' representatives said they had accepted the rise reluctantly and would watch how the money was spent.",
        "Advertisement",
        "The new fees take effect in April, and the board will review them again after two years, according to its published plan.",
    ]
    html = (
        "<html><head><title>Harbour fees to rise</title></head><body><article><h1>Harbour fees to rise</h1>"
        + "".join(f"<p>{p}</p>" for p in paras)
        + "</article></body></html>"
    )
    p = tmp_path / "harbour.html"
    p.write_text(html, encoding="utf-8")
    a = read_input(str(p))
    kinds = {b.text: b.kind for b in spans(a.text)}
    assert kinds.get("Read more: Fishing fleet shrinks for fifth year") == "read_more"
    assert kinds.get("Advertisement") == "advertisement"
    assert len(kinds) == 2


# ------------------------------------------------------------------ the zyte metric
def test_shingle_metric_by_hand():
    gold = "a b c d e"  # shingles: abcd, bcde
    assert zyte.shingle_tp_fp_fn(gold, gold) == (1.0, 0.0, 0.0)
    assert zyte.shingle_tp_fp_fn(gold, "v w x y z") == (0.0, 0.5, 0.5)
    tp, fp, fn = zyte.shingle_tp_fp_fn(gold, "a b c d")  # abcd only: tp 1, fn 1 -> /2
    assert (tp, fp, fn) == (0.5, 0.0, 0.5)
    m = zyte.metrics([(0.5, 0.0, 0.5), (1.0, 0.0, 0.0)])
    assert m["precision"] == 1.0 and m["recall"] == 0.75 and abs(m["f1"] - 2 * 0.75 / 1.75) < 1e-12


def test_zyte_missing_dir(tmp_path, capsys):
    rc = zyte.run(argparse.Namespace(dir=str(tmp_path / "none"), show=False, ids=None, no_baseline=True))
    assert rc != 0 and "no benchmark data" in capsys.readouterr().err


# ------------------------------------------------------------------ shared data (skipped when absent)
@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "samples" / "medialine-russia-taliban.txt").exists(), reason="needs ../shared/data/samples")
def test_medialine_appeal():
    text = (SHARED / "samples" / "medialine-russia-taliban.txt").read_text(encoding="utf-8")
    out = spans(text)
    assert len(out) == 1 and out[0].kind == "appeal"
    assert out[0].text.startswith("This holiday season, give to:")
    assert out[0].text.endswith("We report with just one agenda: the truth.")
    assert "They all said they cover it." in out[0].text


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "corpora" / "bbc").exists(), reason="needs ../shared/data/corpora/bbc")
def test_bbc_articles_have_no_boilerplate():
    # BBC News articles from the corpus carry no promo text (checked by reading the corpus)
    files = sorted((SHARED / "corpora" / "bbc").rglob("*.txt"))[::5]
    flagged = [p.name for p in files if detect_boilerplate(p.read_bytes().decode("utf-8", "replace"))]
    assert flagged == []
