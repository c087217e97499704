"""Stance and hedges (sourcetrace.extract.stance) on sentences written for these tests,
plus integrity of the hand-labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.extract.stance import STANCES, StanceResult, classify_statement, confidence_for

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "sourcetrace" / "data" / "stance" / "labels.jsonl"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


@pytest.fixture(scope="module")
def nlp():
    from sourcetrace.nlp import get_nlp

    return get_nlp(components=("sourcetrace_paragraphs",))


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    i = text.index(part, after)
    return (i, i + len(part))


def run(nlp, text, source, cue, contents):
    doc = nlp(text)
    src = [span(text, source)] if source else []
    after = src[0][0] if src else 0
    c = span(text, cue, after) if cue else None
    cons = [span(text, x) for x in contents]
    res = classify_statement(doc, c, src, cons)
    return res, [text[s:e] for s, e in res.hedges]


# ---------------------------------------------------------------- denials

def test_dismissed_as_gossip_is_denial(nlp):
    t = "Whereas the Finnish consulate in Tallinn dismissed the admiral's remarks as \"idle chatter,\" the ministry said nothing."
    res, hedges = run(nlp, t, "the Finnish consulate in Tallinn", "dismissed", ["the admiral's remarks as \"idle chatter,\""])
    assert res.stance == "denies"
    assert hedges == []


def test_said_that_no_such_meeting_is_denial(nlp):
    t = ("When reached by phone, a Defence Ministry spokesman stated that \"no such agreement had been signed ever,\" "
         "and that the \"claims of the rebel leader are simply nonsense.\"")
    res, _ = run(nlp, t, "a Defence Ministry spokesman", "stated",
                 ["that \"no such agreement had been signed ever,\" and that the \"claims of the rebel leader are simply nonsense.\""])
    assert res.stance == "denies"


def test_continues_to_deny_is_denial(nlp):
    t = "While the company continues to deny dumping waste into the river, residents are increasingly angry."
    res, _ = run(nlp, t, "the company", "continues to deny", ["dumping waste into the river"])
    assert res.stance == "denies"
    assert res.confidence == 1.0


def test_deny_someone_something_is_not_a_denial(nlp):
    t = "The election board denied the opposition party the victory and ordered a recount."
    res, _ = run(nlp, t, "The election board", "denied", ["the victory"])
    assert res.stance == "other"


def test_reject_a_claim_vs_reject_a_proposal(nlp):
    t = "The minister rejected the notion that the reform had failed."
    res, _ = run(nlp, t, "The minister", "rejected", ["the notion that the reform had failed"])
    assert res.stance == "denies"
    t2 = "Lawmakers rejected the governor's proposal to raise the fuel tax."
    res2, _ = run(nlp, t2, "Lawmakers", "rejected", ["the governor's proposal to raise the fuel tax"])
    assert res2.stance == "other"


def test_did_not_dispute_is_confirmation(nlp):
    t = "The treasurer did not dispute that the payments had been made."
    res, _ = run(nlp, t, "The treasurer", "did not dispute", ["that the payments had been made"])
    assert res.stance == "confirms"


# ---------------------------------------------------------------- confirmations and hedges

def test_seemingly_confirmed_is_hedged_confirmation(nlp):
    t = "The interview was aired on Sunday, in which the regional police chief seemingly confirmed the existence of the smuggling ring."
    res, hedges = run(nlp, t, "the regional police chief", "confirmed", ["the existence of the smuggling ring"])
    assert res.stance == "confirms"
    assert hedges == ["seemingly"]
    assert res.confidence == pytest.approx(0.75)


def test_admitted_is_confirmation(nlp):
    t = "The coach admitted that the team had not trained for weeks."
    res, _ = run(nlp, t, "The coach", "admitted", ["that the team had not trained for weeks"])
    assert res.stance == "confirms"


def test_confirmed_a_judge_is_not_a_confirmation(nlp):
    t = "It has been three months since senators confirmed a judge."
    res, _ = run(nlp, t, "senators", "confirmed", ["a judge"])
    assert res.stance == "other"


# ---------------------------------------------------------------- speculation

def test_perhaps_in_quote_is_speculation(nlp):
    t = ("\"Perhaps foreign cash and rifles are doing wonders for the militia,\" Omar Haddad, a Beirut-based "
         "security analyst, told The Daily Ledger.")
    res, hedges = run(nlp, t, "Omar Haddad, a Beirut-based security analyst",
                      "told", ["\"Perhaps foreign cash and rifles are doing wonders for the militia,\""])
    assert res.stance == "speculates"
    assert hedges == ["Perhaps"]
    assert res.confidence == pytest.approx(0.6 * 0.75)


def test_could_in_content_is_speculation(nlp):
    t = "Organisers say the march could turn violent."
    res, hedges = run(nlp, t, "Organisers", "say", ["the march could turn violent"])
    assert res.stance == "speculates"
    assert hedges == ["could"]


def test_suggest_as_evidence_vs_suggest_as_proposal(nlp):
    t = "Recent polls suggest the race is tightening in the south."
    res, hedges = run(nlp, t, "Recent polls", "suggest", ["the race is tightening in the south"])
    assert res.stance == "speculates"
    assert hedges == ["suggest"]
    t2 = "The senator suggested that the agency should be abolished."
    res2, _ = run(nlp, t2, "The senator", "suggested", ["that the agency should be abolished"])
    assert res2.stance == "other"


def test_is_believed_hedge(nlp):
    t = "The cabinet is believed to be drafting a new budget."
    res, hedges = run(nlp, t, "The cabinet", "is believed", ["to be drafting a new budget"])
    assert res.stance == "speculates"
    assert hedges == ["is believed"]


def test_sourceless_reportedly_asserts_with_hedge(nlp):
    t = "Former rivals Chile and Peru reportedly signed a secret fishing pact last year."
    res, hedges = run(nlp, t, None, "reportedly", ["Former rivals Chile and Peru", "signed a secret fishing pact last year"])
    assert res.stance == "asserts"
    assert hedges == ["reportedly"]


# ---------------------------------------------------------------- assertions, questions, other

def test_revealed_is_assertion(nlp):
    t = "A senior rebel commander in the northern province revealed the group was promised cash and rifles."
    res, hedges = run(nlp, t, "A senior rebel commander in the northern province", "revealed",
                      ["the group was promised cash and rifles"])
    assert res.stance == "asserts"
    assert hedges == [] and res.confidence == 1.0


def test_quoted_as_saying_purported_in_adjunct_is_not_a_hedge(nlp):
    t = ("\"We shared a common enemy,\" a senior militia official was quoted as saying after news of the "
         "purported agreement leaked.")
    res, hedges = run(nlp, t, "a senior militia official", "was quoted as saying", ["\"We shared a common enemy,\""])
    assert res.stance == "asserts"
    assert hedges == []


def test_questions(nlp):
    t = "The reporter asked whether the contract had been approved by the council."
    res, _ = run(nlp, t, "The reporter", "asked", ["whether the contract had been approved by the council"])
    assert res.stance == "questions"
    t2 = "\"Who paid for the trip?\" the councillor asked."
    res2, _ = run(nlp, t2, "the councillor", "asked", ["\"Who paid for the trip?\""])
    assert res2.stance == "questions"


def test_ask_to_is_a_request(nlp):
    t = "The pastor asked the congregation to stand for a minute of silence."
    res, _ = run(nlp, t, "The pastor", "asked", ["the congregation to stand for a minute of silence"])
    assert res.stance == "other"


def test_wants_and_expected_to_endorse_are_other(nlp):
    t = "The governor wants to raise the minimum wage."
    res, _ = run(nlp, t, "The governor", "wants", ["to raise the minimum wage"])
    assert res.stance == "other"
    t2 = "The newspaper is expected to endorse the challenger."
    res2, hedges = run(nlp, t2, "The newspaper", "is expected to endorse", ["the challenger"])
    assert res2.stance == "other"
    assert hedges == ["is expected"]


# ---------------------------------------------------------------- contract

def test_result_contract_and_offsets(nlp):
    t = "Officials say the dam may collapse and perhaps flood the valley."
    doc = nlp(t)
    res = classify_statement(doc, span(t, "say"), [span(t, "Officials")], [span(t, "the dam may collapse and perhaps flood the valley")])
    assert isinstance(res, StanceResult)
    assert res.stance in STANCES
    assert 0.0 <= res.confidence <= 1.0
    assert [t[s:e] for s, e in res.hedges] == ["may", "perhaps"]
    for s, e in res.hedges:
        assert 0 <= s < e <= len(t)


def test_missing_cue_and_content(nlp):
    doc = nlp("Nothing happened here.")
    res = classify_statement(doc, None, [], [])
    assert res.stance in STANCES and 0.0 <= res.confidence <= 1.0


def test_confidence_formula():
    assert confidence_for("asserts", 0) == 1.0
    assert confidence_for("asserts", 2) == pytest.approx(0.5625)
    assert confidence_for("speculates", 0) == pytest.approx(0.6)
    assert confidence_for("questions", 20) == 0.05


# ---------------------------------------------------------------- the labelled set

def test_labelled_set_shape():
    rows = [json.loads(l) for l in LABELS.read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(rows) >= 200
    allowed = {"corpus", "split", "doc", "ann", "attribution", "cue", "sources", "contents", "label", "hedges", "part"}
    for r in rows:
        assert set(r) == allowed  # ids, offsets and labels only: no article text
        assert r["label"] in STANCES
        assert r["part"] in ("dev", "dev2", "heldout", "blind")
        assert len(r["cue"]) == 2 and r["cue"][0] < r["cue"][1]
        for s, e in r["hedges"]:
            assert 0 <= s < e
    assert sum(r["part"] in ("heldout", "blind") for r in rows) >= 80
    # one article never sits in two parts
    part_of = {}
    for r in rows:
        assert part_of.setdefault(r["doc"], r["part"]) == r["part"]
    # each class has enough examples
    from collections import Counter
    assert min(Counter(r["label"] for r in rows).values()) >= 20


@pytest.mark.shared
@pytest.mark.skipif(not POLNEAR.exists(), reason="../shared/data/polnear not present")
def test_labelled_offsets_match_polnear():
    from sourcetrace.eval.stance import read_ann

    rows = [json.loads(l) for l in LABELS.read_text(encoding="utf-8").splitlines() if l.strip()]
    cache = {}
    for r in rows:
        key = (r["split"], r["doc"])
        if key not in cache:
            ann = POLNEAR / r["split"] / "attributions" / r["ann"]
            cache[key] = ({a.id: a for a in read_ann(ann, r["doc"])},
                          (POLNEAR / r["split"] / "text" / f"{r['doc']}.txt").read_text(encoding="utf-8"))
        atts, text = cache[key]
        a = atts[r["attribution"]]
        assert list(a.cue) == r["cue"]
        assert [list(x) for x in a.contents] == r["contents"]
        for s, e in r["hedges"]:
            assert text[s:e].strip() == text[s:e] and e <= len(text)


def test_a_falsity_word_naming_a_kind_of_thing_is_no_denial():
    import sourcetrace

    def stance(text):
        sts = [s for s in sourcetrace.analyze(text).statements if s.source]
        assert sts, text
        return sts[0].stance

    # "hoax" and "rubbish" modify the noun after them: nothing is called false
    assert stance("The security firm said that three fake charity e-mails reached its monthly hoax list.") == "asserts"
    assert stance("The council said the rubbish collection would resume on Monday.") == "asserts"
    # called false, they still deny
    assert stance("The ministry said the reports were a hoax.") == "denies"
    assert stance("The minister said these were false claims.") == "denies"


# ---------------------------------------------------------------- negated contents (Statement.negated)

@pytest.mark.parametrize("text,content,negated", [
    # a negation on the content's main predicate
    ("The harbour master said the ferry will not sail on Sunday.", "the ferry will not sail on Sunday", True),
    ("\"We have never paid a ransom,\" the insurer said.", "We have never paid a ransom", True),
    # a negative argument of the main predicate
    ("A council spokeswoman said no such contract had been signed.", "no such contract had been signed", True),
    ("Police said there had been no arrests in the town.", "there had been no arrests in the town", True),
    ("The auditors said the new levy did nothing to close the gap.", "the new levy did nothing to close the gap", True),
    ("Engineers said not one of the pumps had failed during the storm.", "not one of the pumps had failed during the "
     "storm", True),
    ("The clerk said neither candidate had filed the papers.", "neither candidate had filed the papers", True),
    # a negation outside the main clause leaves the proposition positive
    ("The tribunal said the scheme was unlawful because it allowed detention without charge for migrants, but not "
     "for citizens.", "the scheme was unlawful because it allowed detention without charge for migrants, but not "
     "for citizens", False),
    ("She said the club had lost its best players and that it was no longer a contender.",
     "the club had lost its best players and that it was no longer a contender", False),
    ("The mayor said the bridge is safe.", "the bridge is safe", False),
])
def test_content_negated_reads_the_main_clause(nlp, text, content, negated):
    from sourcetrace.extract.stance import content_negated

    doc = nlp(text)
    assert content_negated(doc, [span(text, content)]) is negated
