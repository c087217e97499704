"""Dates and time expressions: recognition and TIMEX3 normalisation (own sentences)."""

from pathlib import Path

import pytest
import spacy

from sourcetrace.eval import timebank
from sourcetrace.extract.dates import NO_DATE, dates_component, extract_dates, infer_article_date
from sourcetrace.model import ArticleMeta, Boilerplate

REPO = Path(__file__).resolve().parents[1]
TIMEBANK = REPO.parent / "shared" / "data" / "time" / "timebank"


def vals(text, date=None, doc=None):
    out = extract_dates(text, date, doc=doc)
    for d in out:
        assert text[d.start:d.end] == d.text
    return [(d.text, d.value) for d in out]


def one(text, date=None, doc=None):
    out = extract_dates(text, date, doc=doc)
    assert len(out) == 1, out
    assert text[out[0].start:out[0].end] == out[0].text
    return out[0]


@pytest.fixture(scope="module")
def nlp():
    from sourcetrace.nlp.pipeline import load_base

    return load_base(disable=("ner",))


# --- the examples, in our own wording

def test_one_year_later_anchors_to_the_last_date():
    t = "The approval rate dropped from 64 percent in March 2011 to 52% one year later, the survey shows."
    assert vals(t, "2013-05-02") == [("March 2011", "2011-03"), ("one year later", "2012-03")]


def test_approximate_duration():
    d = one("The rebels have held the valley for some 23 years.", "2019-01-01")
    assert (d.text, d.value, d.type) == ("some 23 years", "P23Y", "DURATION")


def test_generic_today_is_present_ref_and_deictic_today_is_the_day(nlp):
    t = "The militia today controls most of the north."
    assert one(t, "2019-06-12", nlp(t)).value == "PRESENT_REF"
    t = "The minister resigned today after a week of protests."
    assert vals(t, "2019-06-12", nlp(t))[0] == ("today", "2019-06-12")


def test_years_decades_centuries():
    assert vals("The company was founded in 1998.", "2010-01-01") == [("1998", "1998")]
    assert vals("Inflation soared in the 1970s.", "2010-01-01") == [("the 1970s", "197")]
    assert vals("He grew up in the early nineties.", "2010-01-01") == [("the early nineties", "199")]
    assert vals("Ruins from the 12th century were found.", "2010-01-01") == [("the 12th century", "11")]
    assert vals("It was nineteen ninety-six.", "2010-01-01") == [("nineteen ninety-six", "1996")]


def test_month_without_year_uses_the_article_date(nlp):
    t = "Parliament passed the budget in January."
    assert vals(t, "2018-02-10", nlp(t)) == [("January", "2018-01")]
    # past tense, month after the article's month: last year's
    t = "The factory closed in November."
    assert vals(t, "2018-02-10", nlp(t)) == [("November", "2017-11")]
    # future: next year's
    t = "The new line will open in January."
    assert vals(t, "2018-11-20", nlp(t)) == [("January", "2019-01")]


def test_weekdays_follow_tense(nlp):
    # 2018-02-10 is a Saturday
    t = "The talks collapsed on Tuesday."
    assert vals(t, "2018-02-10", nlp(t)) == [("Tuesday", "2018-02-06")]
    t = "The talks will resume on Tuesday."
    assert vals(t, "2018-02-10", nlp(t)) == [("Tuesday", "2018-02-13")]
    t = "Voting ended Saturday."
    assert vals(t, "2018-02-10", nlp(t)) == [("Saturday", "2018-02-10")]


def test_relative_units():
    got = dict(vals("Sales fell last year, and prices will rise next month. This week the board met. "
                    "Exports grew over the past two weeks. The deal closed two weeks ago.", "2018-02-10"))
    assert got["last year"] == "2017"
    assert got["next month"] == "2018-03"
    assert got["This week"] == "2018-W06"
    assert got["the past two weeks"] == "P2W"
    assert got["two weeks ago"] == "2018-W04"  # 2018-01-27


def test_vague_references():
    got = dict(vals("Prices are currently high. Officials recently met. They will decide soon. "
                    "He looked back on the past and towards the future.", "2018-02-10"))
    assert got == {"currently": "PRESENT_REF", "recently": "PAST_REF", "soon": "FUTURE_REF",
                   "the past": "PAST_REF", "the future": "FUTURE_REF"}


def test_calendar_dates_and_times():
    got = {d.text: (d.value, d.type) for d in extract_dates(
        "The ceasefire began on Sept. 3, 2015 and ended 14 March 2016. "
        "The vote starts at 2 p.m. Friday.", "2016-03-15")}
    assert got["Sept. 3, 2015"] == ("2015-09-03", "DATE")
    assert got["14 March 2016"] == ("2016-03-14", "DATE")
    assert got["2 p.m. Friday"][1] == "TIME" and got["2 p.m. Friday"][0].endswith("T14:00")


def test_quarters_seasons_sets():
    got = dict(vals("Profit rose in the third quarter. Fighting resumed in the spring of 2016. "
                    "The council meets every Monday and publishes figures each year.", "2018-11-02"))
    assert got["the third quarter"] == "2018-Q3"
    assert got["the spring of 2016"] == "2016-SP"
    assert got["every Monday"] == "XXXX-WXX-1"
    assert got["each year"] == "P1Y"


def test_holidays_and_parts_of_day(nlp):
    t = "Shops reopened after Christmas, and the parade was held on Easter Sunday 2016."
    got = dict(vals(t, "2018-01-05", nlp(t)))
    assert got == {"Christmas": "2017-12-25", "Easter Sunday 2016": "2016-03-27"}
    got = dict(vals("The talks opened on Jan. 4 and ended later that afternoon.", "2018-01-10"))
    assert got["later that afternoon"] == "2018-01-04TAF"


def test_anaphora_to_the_last_date():
    got = dict(vals("The plant opened in March 2015. The following year it doubled output.", "2019-01-01"))
    assert got["The following year"] == "2016"


def test_no_article_date():
    out = {d.text: d for d in extract_dates(
        "The talks began in September 2015, stalled last year and resumed in June.", None)}
    assert out["September 2015"].value == "2015-09"
    assert out["last year"].value is None and out["last year"].reason == NO_DATE
    assert out["June"].value == "XXXX-06" and out["June"].reason == NO_DATE


def test_not_dates():
    assert vals("Officials may decide to march on the capital.", "2018-01-01") == []
    assert vals("About 2000 people marched.", "2018-01-01") == []
    assert vals("He is 37 years old.", "2018-01-01") == []
    assert vals("Tickets cost $1990 each.", "2018-01-01") == []
    assert vals("Iraq imports about three-quarters of its food.", "2018-01-01") == []
    assert vals("She is seeking a second term.", "2018-01-01") == []
    assert vals("He ran the mile in 3:49 on the new track.", "2018-01-01") == []


def test_span_extents():
    # no leading preposition, no determiner before an adjectival duration, no possessive
    assert vals("Prices rose in recent years.", "2018-01-01") == [("recent years", "PXY")]
    assert vals("It signed a 10-year lease.", "2018-01-01") == [("10-year", "P10Y")]
    assert vals("Friday's vote was close.", "2018-01-10")[0][0] == "Friday"


def test_infer_article_date():
    assert infer_article_date("Headline\nPublished: March 3, 2017\nKABUL - text")[0] == "2017-03-03"
    assert infer_article_date("HERAT, Afghanistan, Oct. 4, 2016 (AP) — Talks resumed.")[0] == "2016-10-04"
    # a date inside a sentence is not the article's date
    assert infer_article_date("Talks resumed on May 5, 2015 in Kabul, officials said after a long break.") is None
    assert infer_article_date("KABUL — Talks resumed on Tuesday.") is None


def test_component_skips_boilerplate_and_uses_article_date():
    nlp = spacy.blank("en")
    text = "Donate before December 31 to support us. The mayor resigned last week."
    doc = nlp(text)
    cut = text.index("The mayor")
    doc._.st_boilerplate = [Boilerplate(start=0, end=cut - 1, text=text[:cut - 1], kind="appeal")]
    doc._.st_article = ArticleMeta(date="2018-02-10")
    dates_component(doc)
    assert [(d.text, d.value) for d in doc._.st_dates] == [("last week", "2018-W05")]


# --- the TimeBank reader and scorer, on a document we write

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-04-10" functionInDocument="CREATION_TIME">April 10, 2001</TIMEX3></DCT>
<TEXT>
The port reopened <TIMEX3 tid="t1" type="DATE" value="2001-04-09">yesterday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3> &amp; more, traders said <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timebank_reader_and_scores(tmp_path):
    p = tmp_path / "doc1.tml"
    p.write_text(TML)
    d = timebank.read_tml(p)
    assert d.dct == "2001-04-10"
    assert [(t.text, t.value) for t in d.timexes] == [("yesterday", "2001-04-09"), ("three weeks", "P3W"), ("now", "PRESENT_REF")]
    assert "& more" in d.text
    preds = timebank.predict([d], use_parse=False)
    res = timebank.evaluate([d], preds)
    assert res["value_strict"][2] == pytest.approx(1.0)
    # a wrong value and a shifted span
    from sourcetrace.model import DateExpr

    bad = [DateExpr(start=d.timexes[0].start, end=d.timexes[0].end, text="yesterday", value="2001-04-08"),
           DateExpr(start=d.timexes[1].start, end=d.timexes[1].end - 2, text="three wee", value="P3W")]
    res = timebank.evaluate([d], [bad])
    assert res["value_relaxed"] == pytest.approx((0.5, 1 / 3, 0.4))
    assert res["value_strict"][0] == 0.0
    assert res["span_relaxed"][0] == 1.0 and res["span_strict"][0] == 0.5


@pytest.mark.skipif(not TIMEBANK.exists(), reason="shared TimeBank data not present")
def test_timebank_files_read_consistently():
    files = timebank.split_files(TIMEBANK, "all")
    assert len(files) > 100
    dev, test = timebank.split_files(TIMEBANK, "dev"), timebank.split_files(TIMEBANK, "test")
    assert not set(dev) & set(test) and len(dev) + len(test) == len(files)
    for p in files[:20]:
        d = timebank.read_tml(p)
        assert d.dct and d.timexes
        for t in d.timexes:
            assert d.text[t.start:t.end] == t.text


def test_trigger_windows_lose_nothing(monkeypatch):
    """The rules run only in windows around trigger words; a full scan finds the same."""
    from sourcetrace.extract import dates as D

    text = ("Late in the afternoon of Jan. 4, 1999 the board, which has met every other week since the "
            "mid-1980s, said profit in the year-earlier quarter was lower. Two hours later, at noon, "
            "it added that over the coming months, and possibly for the next two or three years, "
            "prices would rise annually. On Christmas Eve 2003 it reported sales for the first half.")
    windowed = [(d.start, d.end, d.value) for d in D.extract_dates(text, "2004-01-15")]
    everything = frozenset(set().union(*D.RULE_CATS.values()) | {"digit"})
    monkeypatch.setattr(D, "RULE_CATS", {k: everything for k in D.RULE_CATS})
    assert [(d.start, d.end, d.value) for d in D.extract_dates(text, "2004-01-15")] == windowed
    assert len(windowed) >= 8


def test_eval_without_data_fails_clearly(tmp_path, capsys):
    from sourcetrace.cli import main

    assert main(["eval", "timebank", str(tmp_path / "missing")]) == 2
    assert "TimeBank not found" in capsys.readouterr().err


# --- results reporting (own sentences)

def test_period_references_follow_the_reported_quarter():
    t = ("Northwind Corp. said third-quarter profit rose 9%. After a weak second quarter hurt by "
         "lower freight volumes, the company credited cost cuts at its two largest plants in Ohio "
         "and Texas, where it closed an older warehouse and consolidated shipping routes for its "
         "regional customers. The comparison was helped by charges taken in the year-earlier "
         "period. In the 1989 period, interest costs also fell.")
    assert vals(t, "1989-11-01") == [("third-quarter", "1989-Q3"), ("second quarter", "1989-Q2"),
                                     ("the year-earlier period", "1988-Q3"), ("the 1989 period", "1989-Q3")]


def test_a_quarter_just_named_still_wins():
    t = "Fourth-quarter sales should rise. Second-quarter sales fell, below the year-earlier quarter."
    assert vals(t, "1989-11-01")[-1] == ("the year-earlier quarter", "1988-Q2")


def test_last_years_quarter_is_a_comparison_not_an_anchor():
    t = ("Analysts expect 60 cents a share in the fourth quarter, against 52 cents in the fourth "
         "quarter last year. Profit in the year-earlier quarter was hurt by a strike.")
    v = vals(t, "1989-11-01")
    assert v[1] == ("the fourth quarter last year", "1988-Q4")
    assert v[2] == ("the year-earlier quarter", "1988-Q4")


def test_comparable_year_quarter():
    t = "Net rose 4% from the comparable 1988 quarter, the retailer said of its third-quarter results."
    assert vals(t, "1989-11-01")[0] == ("the comparable 1988 quarter", "1988-Q3")


def test_week_or_month_ended_a_day():
    t = "Mutual funds drew $2 billion in the week ended Oct. 27, and $5 billion in the month ended Sept. 30."
    v = vals(t, "1989-11-01")
    assert ("the week", "1989-W43") in v
    assert ("the month", "1989-09") in v


def test_time_before_a_reported_clause_takes_the_reporting_verb(nlp):
    # the parser hangs "in August" on "sell"; the month belongs to "said"
    t = "The utility said in August it would sell the pipeline."
    assert vals(t, "1989-11-01", nlp(t)) == [("August", "1989-08")]
    t = "The utility said it would sell the pipeline in January."
    assert vals(t, "1989-11-01", nlp(t)) == [("January", "1990-01")]


def test_tense_places_a_quarter_without_a_year(nlp):
    t = "The chain said profits fell sharply in the fourth quarter."
    assert vals(t, "1998-01-20", nlp(t)) == [("the fourth quarter", "1997-Q4")]
    t = "The merger is expected to close in the first quarter."
    assert vals(t, "1989-11-01", nlp(t)) == [("the first quarter", "1990-Q1")]
    # the quarter just ended is still reported in the future tense
    t = "The refiner said it expects to report a third-quarter loss."
    assert vals(t, "1989-11-01", nlp(t)) == [("third-quarter", "1989-Q3")]
    # fiscal quarters are left alone
    t = "Its fiscal fourth quarter ended Sept. 30 was weak."
    assert vals(t, "1989-08-01", nlp(t))[0][1] == "1989-Q4"


def test_until_or_through_a_month_reaches_forward(nlp):
    t = "The lenders extended the credit line through February."
    assert vals(t, "1989-11-01", nlp(t)) == [("February", "1990-02")]
    t = "By then the union had held out until February."
    assert vals(t, "1989-11-01", nlp(t))[-1] == ("February", "1989-02")


def test_was_due_to_is_past_is_due_to_is_future(nlp):
    t = "The tender offer was due to expire Thursday."
    assert vals(t, "1989-10-30", nlp(t)) == [("Thursday", "1989-10-26")]
    t = "The tender offer is due to expire Thursday."
    assert vals(t, "1989-10-30", nlp(t)) == [("Thursday", "1989-11-02")]


def test_one_day_after_a_modal_is_some_day():
    v = vals("Analysts say the port could one day rival Rotterdam.", "2001-05-05")
    assert v == [("one day", "FUTURE_REF")]
    v = vals("The strike lasted one day.", "2001-05-05")
    assert v == [("one day", "P1D")]


def test_before_and_after_are_signals_not_part_of_the_span():
    assert vals("The Fed may cut rates before the end of the year.", "1989-11-02") == [("the end of the year", "1989")]
    assert vals("Trading resumed after Oct. 16.", "1989-11-02") == [("Oct. 16", "1989-10-16")]


def test_its_fiscal_year_ended():
    v = vals("The brewer lost money in its fiscal year ended June 30.", "1989-11-02")
    assert v == [("fiscal year", "P1Y"), ("June 30", "1989-06-30")]
    assert vals("Its year was good.", "1989-11-02") == []


def test_unit_long_adjectives():
    assert vals("A decade-long war ravaged the region.", "1999-01-01") == [("decade-long", "P10Y")]
    assert vals("The week-long strike at the port ended.", "1999-01-01") == [("week-long", "P1W")]


def test_year_possessive_and_year_ago_ordinal_quarters():
    v = vals("Profit was below 1988's fourth quarter and the year-ago third quarter.", "1989-11-02")
    assert v == [("1988's fourth quarter", "1988-Q4"), ("the year-ago third quarter", "1988-Q3")]
    # a possessive pronoun stays out of the span
    assert vals("The firm lost money in its latest quarter.", "1989-11-02") == [("latest quarter", "1989-Q3")]


def test_effective_a_date_reaches_forward(nlp):
    t = "Ms. Ortiz was named chief financial officer, effective Feb. 1."
    assert vals(t, "1989-11-02", nlp(t)) == [("Feb. 1", "1990-02-01")]
    t = "The price increase was effective Oct. 1."
    assert vals(t, "1989-11-02", nlp(t)) == [("Oct. 1", "1989-10-01")]


def test_the_day_and_the_morning_refer_back_to_the_last_day():
    t = "Shares peaked on Oct. 9, the day before the report, and fell in the morning."
    assert vals(t, "1989-11-02") == [("Oct. 9", "1989-10-09"), ("the day", "1989-10-09"),
                                     ("the morning", "1989-10-09TMO")]
    # without a day mentioned before, nothing to refer to
    assert vals("Traders were busy in the morning.", "1989-11-02") == []
    # the night of an event named after it
    assert vals("On Friday, the tapes from the night the ferry sank were released.", "1989-11-02") == [
        ("Friday", "1989-10-27")]


def test_the_period_after_a_reported_quarter():
    t = "Acme posted third-quarter net of $5 million. Sales in the period rose 8%."
    assert vals(t, "1989-11-02")[-1] == ("the period", "1989-Q3")
    t = "Acme posted third-quarter net of $5 million. Over the period from 1985 to 1988, sales doubled."
    assert ("the period", "1989-Q3") not in vals(t, "1989-11-02")


def test_a_possessive_year_is_a_year_and_anchors_what_follows():
    # "1987's Robocop ... three years later" had no year, and "three years later" went to an earlier one (1948)
    t = "He played Macduff in 1948, and the chief executive in 1987's Robocop and its sequel three years later."
    assert vals(t, "2005-01-01") == [("1948", "1948"), ("1987", "1987"), ("three years later", "1990")]
    assert [v for _, v in vals("Sales peaked in the 1980s and the 1980's.", "2005-01-01")] == ["198", "198"]
