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


# the readings that must stay: force, coercion, aid and demands that are what their words say
KEPT = [
    ("A mob beat two journalists to death in the capital.", "beat", "ASSAULT"),
    ("Russia attacked Georgia in August.", "attacked", "ASSAULT"),
    ("India struck targets inside Pakistan early on Wednesday.", "struck", "ASSAULT"),
    ("Angry villagers attacked the local governor's residence.", "attacked", "ASSAULT"),
    ("Settlers beat a Palestinian farmer near Nablus.", "beat", "ASSAULT"),
    ("Hooligans attacked rival fans in Istanbul after the match.", "attacked", "ASSAULT"),
    ("Muslim and Christian youths fought in the streets of Kano on Friday.", "fought", "ASSAULT"),
    ("The city council's bulldozers destroyed three houses of Kosovo Albanians near Pristina.", "destroyed", "ASSAULT"),
    ("Rebels took over the town of Bunia on Sunday.", "took", "COERCE"),
    ("The government has failed to remove 250,000 failed asylum seekers from the UK.", "remove", "COERCE"),
    ("The US Secret Service has taken over the Shadowcrew website.", "taken", "COERCE"),
    ("Iranian authorities forced the newspaper to close its offices in Tehran.", "forced", "COERCE"),
    ("The British Government has given £50m in aid to Sri Lanka.", "given", "AID"),
    ("China lent Russia $6bn to help the Russian government buy the oil unit.", "help", "AID"),
    ("Japan helped Afghanistan rebuild its roads.", "helped", "AID"),
    ("Turkey accepted an $18bn loan from the International Monetary Fund.", "accepted", "AID"),
    ("The talks went ahead despite an EU demand for Turkey to recognise Cyprus.", "demand", "REQUEST"),
    ("Indonesia no longer needs the debt freeze offered by the Paris Club group of creditors.", "offered", "AGREE"),
    ("Israel allowed Palestinian workers to enter from Gaza.", "allowed", "CONCEDE"),
    # CAMEO 052 "defend verbally" (PLOVER SUPPORT); a "violent" word elsewhere in the sentence does not make it armed
    ("Prime Minister Tony Blair has defended the Licensing Act, saying violent drinkers are a tiny minority in "
     "Britain.", "defended", "SUPPORT"),
]


@pytest.mark.parametrize("text, trigger, typ", KEPT)
def test_kept(nlp, text, trigger, typ):
    got = types(nlp, text)
    assert any(tr == trigger and ty == typ for tr, ty, _ in got), got


# what is no event of that type: boardrooms, sport, interviews, sales, markets, phone calls
GONE = [
    ("Frankfurt's exchange is in competition with Euronext to take over the London Stock Exchange.", "COERCE"),
    ("Shareholders will vote on Friday to oust the German exchange's management.", "COERCE"),
    ("Serbia's Ana Ivanovic captured her first title with a straight-sets victory in Canberra.", "COERCE"),
    ("The Spaniard ousted sixth seed Filippo Volandri of Italy 4-6 6-3 6-4.", "COERCE"),
    ("Motor show fever has taken over Geneva this week.", "COERCE"),
    ("Mr Sigarchi gave interviews to the BBC Persian Service before his arrest in Iran.", "AID"),
    ("Vodafone introduced a content control system to protect children in Britain from adult content.", "AID"),
    ("The United States and Europe are expected to add 150 million new PCs by 2010.", "AID"),
    ("Prime Minister Tony Blair has defended the Licensing Act, saying violent drinkers are a tiny minority in "
     "Britain.", "AID"),
    ("Danish brewer Carlsberg suffered a fall in profits due to waning demand in Sweden.", "REQUEST"),
    ("Steelmakers in Brazil have enjoyed record profits as demand for steel has risen.", "REQUEST"),
    ("Voip lets people in Britain make free calls over the net.", "REQUEST"),
    ("US firm Vonage also offers a Voip service to customers in Britain.", "AGREE"),
    ("Photo giants such as Kodak offer website storage to customers in Europe.", "AGREE"),
    # the formula of an anonymous source is no event
    ("A senior intelligence officer in Kandahar, who spoke on condition of anonymity because he was not authorised to "
     "brief reporters, said the parts came from Pakistan.", "CONCEDE"),
]


@pytest.mark.parametrize("text, typ", GONE)
def test_gone(nlp, text, typ):
    assert not [t for t in types(nlp, text) if t[1] == typ], types(nlp, text)
