"""When a denial contradicts an assertion of the same claim (``claims.opposed``), and when two event reports of one
claim name the same participants (``derive._named_alike``). Sentences written for these tests."""

from sourcetrace.corpus.claims import opposed
from sourcetrace.corpus.derive import _named_alike


def test_a_denial_of_what_was_asserted_contradicts_it():
    assert opposed("the ferry operator has seen attacks on its booking site involving ten gigabytes of traffic",
                   "there have been no attacks on the ferry operator's booking site involving gigabytes of traffic",
                   by_content=True)
    assert opposed("the harbour ferry was the most punctual service on the coast last winter",
                   "the harbour ferry was not the most punctual service on the coast last winter", by_content=True)


def test_a_denial_by_its_verb_needs_no_negation_in_the_content():
    assert opposed("the mayor's office paid the consultants twice for the same report",
                   "the mayor's office paid the consultants twice for the same report", by_content=False)


def test_the_same_negation_on_both_sides_is_agreement():
    # both say the calls are not canvassing; the first is read as positive by its main clause
    assert not opposed("the party can stay within the law by making sure its phone calls are not canvassing, "
                       "for instance by asking about voting plans",
                       "phone calls are not canvassing if they only ask about voting plans", by_content=True)


def test_a_negation_in_another_clause_denies_nothing_the_assertion_says():
    assert not opposed("the harbour ferry was the most punctual service on the coast last winter",
                       "Commuters never expected much of the old timetable. The harbour ferry was the most punctual "
                       "service on the coast last winter", by_content=True)


def test_two_statements_naming_different_people_do_not_contradict():
    asserted = "the club have received a bid from Albion for their young striker Tom Hale"
    assert not opposed(asserted, "the club have not received any bid for their young striker from Celtic",
                       by_content=True)
    # the same denial naming a participant of the assertion does
    assert opposed(asserted, "the club have not received any bid from Albion for their young striker",
                   by_content=True)


def test_an_assertion_that_tells_of_the_rejection_agrees_with_it():
    assert not opposed("the council was right to reject the developer's plan for a marina at Kestle Bay",
                       "the developer's plan for a marina at Kestle Bay", by_content=False)
    # a noun of the denial lexicon in another sense tells of no rejection
    assert opposed("hackers launched denial-of-service attacks on the savings bank's website",
                   "the outage at the savings bank's website was not caused by attacks from hackers", by_content=True)


def test_a_pair_below_the_clustering_threshold_is_no_contradiction():
    # average linkage can hold two statements in one claim through the others; the pair itself must be close
    assert not opposed("high fuel prices posed a threat to Portugal's recovery",
                       "the idea that Mr Varga posed a threat to the Green party", by_content=False)


def test_event_participants_named_alike():
    assert _named_alike("Moscow", "Russia")
    assert _named_alike("the Kremlin", "Russia")
    assert _named_alike("the Russian government", "the government")
    assert not _named_alike("Berlin", "the group's Opel workers")
    assert not _named_alike("finance minister Hans Eichel", "Germany")


def test_two_reports_holding_the_same_negation_are_no_contested_claim(tmp_path):
    """Through ingest and the real analysis: the party's "its phone calls were not canvassing" is read as positive by
    its main clause ("it could stay within the law"), the watchdog's as negated; both say the same thing."""
    import sqlite3

    from corpus_helpers import ingest_records

    recs = [
        {"text": "Canvass calls row\n\nThe Green party said it could stay within the law by making sure its phone "
                 "calls were not canvassing, for instance by asking about voting plans.\n",
         "title": "Canvass calls row", "outlet": "Coastal Times", "date": "2026-03-06", "url": "https://coastal.example/m3"},
        {"text": "Watchdog on calls\n\nThe watchdog said phone calls were not canvassing if they only asked about "
                 "voting plans.\n", "title": "Watchdog on calls", "outlet": "Northern Post", "date": "2026-03-07",
         "url": "https://northern.example/m4"},
    ]
    con = sqlite3.connect(ingest_records(tmp_path, recs, "calls"))
    rows = con.execute("SELECT c.contested, cs.side FROM claims c JOIN claim_statements cs ON cs.claim_id = c.id "
                       "JOIN statements s ON s.id = cs.statement_id WHERE s.content LIKE '%not canvassing%'").fetchall()
    assert len(rows) == 2 and len({r[0] for r in rows}) == 1   # one claim
    assert sorted(r[1] for r in rows) == ["denies", "supports"]   # read on two sides ...
    assert rows[0][0] == 0                                       # ... but not a contradiction
    assert con.execute("SELECT COUNT(*) FROM contradictions").fetchone()[0] == 0


def test_a_negation_that_sets_a_condition_denies_nothing():
    # "not … until May" says when, not whether: it agrees with "in May"
    assert not opposed("the ferry company will publish its full accounts for the harbour project in May",
                       "the ferry company would not publish its full accounts for the harbour project until May",
                       by_content=True)
    assert opposed("the ferry company will publish its full accounts for the harbour project in May",
                   "the ferry company will not publish its full accounts for the harbour project", by_content=True)


def test_two_common_words_are_too_thin_a_link_for_a_contradiction():
    # both about tax cuts, nothing more in common
    assert not opposed("Britain needs tax cuts", "we won't be able to achieve these tax cuts", by_content=True)
    # the same denial of a fuller proposition is one
    assert opposed("the council will cut the harbour tax for ferry operators next year",
                   "the council will not cut the harbour tax for ferry operators", by_content=True)
