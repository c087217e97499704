"""Figures: value, unit, measure, date and source (fixtures written for these tests)."""

import pytest

from sourcetrace.extract.figures import figures_for, parse_value
from sourcetrace.model import DateExpr, Source, Span, Statement


@pytest.mark.parametrize(
    "text,value",
    [
        ("70 percent", 70.0),
        ("60%", 60.0),
        ("12.5 per cent", 12.5),
        ("$1.5 billion", 1.5e9),
        ("3,000", 3000.0),
        ("two million", 2e6),
        ("seventy-five", 75.0),
        ("a dozen", 12.0),
        ("€40m", 40e6),
        ("dozens", None),
        ("thousands", None),
    ],
)
def test_parse_value(text, value):
    assert parse_value(text) == value


def _doc(nlp, text, dates=(), statements=()):
    """Run the pipeline up to (not including) figures, then set dates/statements by hand."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in ("sourcetrace_figures", "sourcetrace_timeline", "sourcetrace_events", "sourcetrace_dates"):
            continue
        doc = proc(doc)
    ds = []
    for phrase, value in dates:
        i = text.index(phrase)
        ds.append(DateExpr(start=i, end=i + len(phrase), text=phrase, value=value))
    doc._.st_dates = ds
    doc._.st_statements = list(statements)
    return doc


TWO = (
    "According to UN figures, the share of children out of school in the province rose from "
    "12 percent in March 2019 to 15% one year later."
)


def test_two_figures_two_dates_one_source(nlp):
    doc = _doc(nlp, TWO, dates=[("March 2019", "2019-03"), ("one year later", "2020-03")])
    figs = figures_for(doc)
    assert [(f.value, f.unit) for f in figs] == [(12.0, "percent"), (15.0, "percent")]
    assert [f.date.value for f in figs] == ["2019-03", "2020-03"]
    for f in figs:
        assert f.source == "UN figures"
        assert f.measure and f.measure.startswith("the share of children out of school")
        assert TWO[f.start:f.end] == f.text
        assert TWO[f.measure_span.start:f.measure_span.end] == f.measure


def test_statement_gives_id_and_source(nlp):
    text = 'The ministry said that 240 soldiers had been wounded since January.'
    c0 = text.index("240")
    st = Statement(
        id="s1",
        kind="indirect",
        source=Source(start=0, end=12, text="The ministry", named=False, type="government"),
        cue=Span.of(text, 13, 17),
        content=[Span.of(text, c0, len(text) - 1)],
    )
    doc = _doc(nlp, text, dates=[("January", "2021-01")], statements=[st])
    (f,) = figures_for(doc)
    assert (f.value, f.unit, f.statement, f.source) == (240.0, "soldiers", "s1", "The ministry")


def test_years_and_dates_are_not_figures(nlp):
    text = "In 2015, about 300 troops arrived, and on 4 May a second unit of 150 followed."
    doc = _doc(nlp, text)  # no dates component: spaCy's DATE entities and the year rule still apply
    values = sorted(f.value for f in figures_for(doc))
    assert 2015.0 not in values and 4.0 not in values
    assert 300.0 in values


def test_money_in_usd(nlp):
    text = "The donors pledged $2.5 billion for reconstruction, and Britain added £300 million."
    figs = {f.unit: f.value for f in figures_for(_doc(nlp, text))}
    assert figs["USD"] == 2.5e9
    assert figs["GBP"] == 3e8


def test_small_word_numbers_without_a_counted_noun_are_skipped(nlp):
    text = "The two sides met again, and one of them left early."
    assert figures_for(_doc(nlp, text)) == []


def test_date_from_another_clause_is_not_taken(nlp):
    text = (
        "A survey released in March found that rebels now control 35% of the valley, "
        "far more than when the peacekeepers left in 2012."
    )
    doc = _doc(nlp, text, dates=[("March", "2021-03"), ("2012", "2012")])
    (f,) = figures_for(doc)
    assert f.value == 35.0
    assert f.date is not None and f.date.value == "2021-03"


def test_boilerplate_numbers_skipped(nlp):
    from sourcetrace.model import Boilerplate

    text = "Prices rose 8% in June. Give $5 a month to keep us going."
    doc = _doc(nlp, text)
    cut = text.index("Give")
    doc._.st_boilerplate = [Boilerplate(start=cut, end=len(text), text=text[cut:], kind="appeal")]
    assert [f.value for f in figures_for(doc)] == [8.0]


def test_date_search_ends_at_the_root(nlp):
    # the only date sits in a clause the figure's clause does not reach: no date, and no endless walk up the tree
    text = "When the war ended in 2001, officials said that 300 troops remained in the north."
    doc = _doc(nlp, text, dates=[("2001", "2001")])
    (f,) = figures_for(doc)
    assert (f.value, f.unit) == (300.0, "troops")
    assert f.date is None


def test_press_money_with_symbol_and_scale_written_onto_it(nlp):
    # the small English model tags only the digits of "£75m" and "$725m." as the entity
    text = ("The harbour board said it saved £75m in 2004. On Tuesday a court awarded the ferry firm $725m. "
            "Profit rose to 2.9bn euros. She won the 1500m final in Vigo.")
    figs = figures_for(_doc(nlp, text))
    got = {f.text: (f.value, f.unit) for f in figs}
    assert got["£75m"] == (75e6, "GBP")
    assert got["$725m"] == (725e6, "USD")
    assert got["2.9bn euros"] == (2.9e9, "EUR")
    assert all(text[f.start:f.end] == f.text for f in figs)
    # a bare "m" is million only for money: the 1500m is a race
    assert not any(f.value == 1.5e9 for f in figs)
