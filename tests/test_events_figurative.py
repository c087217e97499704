"""Force verbs used in another sense (issue 4, events on general news).

The CAMEO verb dictionary codes "beat", "hit", "struck", "broke", "attacked" as force wherever they occur; on BBC
sport, business and entertainment copy most such events were results, prices and awards, and in politics most
"attacks" were made in words. Every sentence below was written for these tests; the ones that must stay ASSAULT
are there so that the filter cannot simply drop force verbs.
"""

from __future__ import annotations

import pytest

from sourcetrace.extract.events import build_events


@pytest.fixture(scope="module")
def nlp():
    from sourcetrace.nlp import load_base

    return load_base()


def events(nlp, text):
    doc = nlp(text)
    doc._.st_statements = None
    doc._.st_dates = None
    evs = build_events(doc)
    for e in evs:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
    return evs


def types(nlp, text):
    return [(e.trigger.text, e.type, e.mode) for e in events(nlp, text)]


@pytest.mark.parametrize("text", [
    "Franz Ferdinand beat Morrissey and The Libertines to the best album award on Thursday.",
    "Italy beat Scotland 23-14 in the Six Nations match in Rome.",
    "Heavy rain and rising fuel costs have hit sales at the Dutch brewer Vanderkamp.",
    "Share prices in Karachi hit a record high on Monday.",
    "The singer had a heart attack on tour last year.",
    "The Belgian broke her opponent's serve twice in the second set.",
    "The storm struck the coast of Florida late on Sunday.",
    "Retailers will adopt a charm offensive to win back shoppers.",
    "Torrential rain has lashed the city of Leeds for the past week.",
    "Lopez set up a second round clash with Andre Agassi by beating Paradorn Srichaphan.",
    "Stock markets in Jakarta and Mumbai have hit all-time highs this week.",
    "Analysts said the scandal could damage investor confidence across Europe.",
    "The former coach was at Liverpool's clash with Bayer Leverkusen at Anfield on Tuesday as a television pundit.",
    "Iraq is trying to raise its oil output to match levels last seen before the war with Iran.",
    "Portishead will play alongside Massive Attack at the Bristol Academy in aid of Oxfam.",
])
def test_no_force_in_sport_markets_and_weather(nlp, text):
    assert not [t for t in types(nlp, text) if t[1] in ("ASSAULT", "ACCUSE")], types(nlp, text)


def test_an_attack_in_words_is_an_accusation(nlp):
    got = types(nlp, "The Liberal Democrat leader attacked the Home Secretary on Sunday.")
    assert ("attacked", "ACCUSE", "disapprove") in got


def test_a_launched_attack_on_a_politician_is_an_accusation(nlp):
    got = types(nlp, "Former cabinet secretary Lord Allerton launched an attack on the prime minister.")
    assert any(ty == "ACCUSE" for _, ty, _ in got) and not any(ty == "ASSAULT" for _, ty, _ in got), got


def test_a_net_figure_does_not_make_an_attack_a_computer_one(nlp):
    got = types(nlp, "Senator Marlow attacked the president's economic record, saying a net 800,000 jobs were lost.")
    assert ("attacked", "ACCUSE", "disapprove") in got, got


def test_a_computer_attack_is_coerce_cyber(nlp):
    # PLOVER 2.0 manual, COERCE modes: "cyber: cyber attacks and crime, including hacking, security breaches,
    # website attacks"
    got = types(nlp, "Denial of service attacks on banking websites doubled last year, the security firm said.")
    assert ("attacks", "COERCE", "cyber") in got


@pytest.mark.parametrize("text, trigger", [
    ("A mob beat two journalists to death in the capital.", "beat"),
    ("Russia attacked Georgia in August.", "attacked"),
    ("India struck targets inside Pakistan early on Wednesday.", "struck"),
    ("Angry villagers attacked the local governor's residence.", "attacked"),
    ("Settlers beat a Palestinian farmer near Nablus.", "beat"),
    ("Hooligans attacked rival fans in Istanbul after the match.", "attacked"),
    ("Muslim and Christian youths fought in the streets of Kano on Friday.", "fought"),
    ("The city council's bulldozers destroyed three houses of Kosovo Albanians near Pristina.", "destroyed"),
])
def test_force_stays_force(nlp, text, trigger):
    got = types(nlp, text)
    assert any(tr == trigger and ty == "ASSAULT" for tr, ty, _ in got), got


@pytest.mark.parametrize("text", [
    "Frankfurt's exchange is in competition with Euronext to take over the London Stock Exchange.",
    "Shareholders will vote on Friday to oust the German exchange's management.",
    "Serbia's Ana Ivanovic captured her first title with a straight-sets victory in Canberra.",
    "The Spaniard ousted sixth seed Filippo Volandri of Italy 4-6 6-3 6-4.",
    "Motor show fever has taken over Geneva this week.",
])
def test_no_coercion_in_boardrooms_and_sport(nlp, text):
    assert not [t for t in types(nlp, text) if t[1] == "COERCE"], types(nlp, text)


@pytest.mark.parametrize("text, trigger", [
    ("Rebels took over the town of Bunia on Sunday.", "took"),
    ("The government has failed to remove 250,000 failed asylum seekers from the UK.", "remove"),
    ("The US Secret Service has taken over the Shadowcrew website.", "taken"),
    ("Iranian authorities forced the newspaper to close its offices in Tehran.", "forced"),
])
def test_coercion_stays_coercion(nlp, text, trigger):
    got = types(nlp, text)
    assert any(tr == trigger and ty == "COERCE" for tr, ty, _ in got), got


@pytest.mark.parametrize("text", [
    "Mr Sigarchi gave interviews to the BBC Persian Service before his arrest in Iran.",
    "Vodafone introduced a content control system to protect children in Britain from adult content.",
    "The United States and Europe are expected to add 150 million new PCs by 2010.",
])
def test_no_aid_in_interviews_and_sales(nlp, text):
    assert not [t for t in types(nlp, text) if t[1] == "AID"], types(nlp, text)


def test_a_minister_defending_a_law_is_support_not_aid(nlp):
    # CAMEO 052 "defend verbally" (PLOVER SUPPORT); a "violent" word elsewhere in the sentence does not make it armed
    got = types(nlp, "Prime Minister Tony Blair has defended the Licensing Act, saying violent drinkers are a tiny "
                     "minority in Britain.")
    assert any(tr == "defended" and ty == "SUPPORT" for tr, ty, _ in got), got


@pytest.mark.parametrize("text, trigger", [
    ("The British Government has given £50m in aid to Sri Lanka.", "given"),
    ("China lent Russia $6bn to help the Russian government buy the oil unit.", "help"),
    ("Japan helped Afghanistan rebuild its roads.", "helped"),
    ("Turkey accepted an $18bn loan from the International Monetary Fund.", "accepted"),
])
def test_aid_stays_aid(nlp, text, trigger):
    got = types(nlp, text)
    assert any(tr == trigger and ty == "AID" for tr, ty, _ in got), got


@pytest.mark.parametrize("text", [
    "Danish brewer Carlsberg suffered a fall in profits due to waning demand in Sweden.",
    "Steelmakers in Brazil have enjoyed record profits as demand for steel has risen.",
    "Voip lets people in Britain make free calls over the net.",
])
def test_no_request_in_markets_and_phone_calls(nlp, text):
    assert not [t for t in types(nlp, text) if t[1] == "REQUEST"], types(nlp, text)


@pytest.mark.parametrize("text, trigger", [
    ("The talks went ahead despite an EU demand for Turkey to recognise Cyprus.", "demand"),
])
def test_political_demands_stay_requests(nlp, text, trigger):
    got = types(nlp, text)
    assert any(tr == trigger and ty == "REQUEST" for tr, ty, _ in got), got
