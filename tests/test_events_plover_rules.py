"""PLOVER typing and actor coding rules added for issue 4 (event-type and country-code
accuracy). Every sentence is news-like and written for these tests; each test names the
PLOVER manual / CAMEO convention it checks."""

from __future__ import annotations

import pytest

from sourcetrace.extract.actors import code_tokens
from sourcetrace.extract.events import build_events
from sourcetrace.model import Place
from sourcetrace.eval.plover import main_event


@pytest.fixture(scope="module")
def nlp():
    from sourcetrace.nlp import load_base

    return load_base()


def main(nlp, text, places=None):
    doc = nlp(text)
    doc._.st_statements = None
    doc._.st_dates = None
    if places is not None:
        found = []
        for name, country in places:
            i = text.index(name)
            found.append(Place(start=i, end=i + len(name), text=name, name=name, country=country))
        doc._.st_places = found
    evs = build_events(doc)
    ev = main_event(doc, evs)
    assert ev is not None, f"no event in {text!r}"
    for sp in (ev.trigger, ev.actor, ev.target):
        if sp is not None:
            assert text[sp.start:sp.end] == sp.text
    return ev


def codes(ev):
    return (ev.type, ev.actor.code if ev.actor else None, ev.target.code if ev.target else None)


# ------------------------------------------------------------- types


@pytest.mark.parametrize("text,expected", [
    # CAMEO files "send peacekeepers/food" under intent (033x): a transfer already made is AID
    ("Brazil sent 800 peacekeeping troops to Haiti on Friday.", ("AID", "BRA", "HTI")),
    ("Italy has sent 500 tons of flour to Ethiopia.", ("AID", "ITA", "ETH")),
    # ... while the promise is still AGREE (PLOVER: intentions to cooperate)
    ("Brazil will send 800 peacekeeping troops to Haiti.", ("AGREE", "BRA", "HTI")),
    # lifting sanctions already done: CAMEO 085 (PLOVER RETREAT 'ease'), not intent 0351
    ("The European Union lifted its sanctions on Belarus on Monday.", ("RETREAT", "EU", "BLR")),
    # releasing a person is RETREAT 'release', not a verbal concession
    ("Egypt has freed a prominent human rights lawyer.", ("RETREAT", "EGY", None)),
    # military retreat from territory (PLOVER RETREAT)
    ("Ethiopian troops pulled out of the Somali town of Baidoa on Sunday.", ("RETREAT", "ETH", "SOM")),
    ("Georgian forces withdrew from South Ossetia on Tuesday.", ("RETREAT", "GEO", "GEO")),
    # "turn down" = reject (CAMEO 12)
    ("Ukraine turned down Russia's offer of a gas discount.", ("REJECT", "UKR", "RUS")),
    # a work stoppage and a walkout are strikes (PLOVER PROTEST 'strike')
    ("Chilean copper miners stopped work on Wednesday.", ("PROTEST", "CHL", "CHL")),
    ("Greek dock workers walked out on Monday.", ("PROTEST", "GRC", "GRC")),
    ("Students staged a sit-in outside the Kenyan parliament.", ("PROTEST", None, None)),
    # parties boycotting an election: PROTEST 'boycott', not an international sanction
    ("Zambian opposition parties boycotted the presidential election.", ("PROTEST", "ZMB", "ZMB")),
    # moving troops to a frontier (CAMEO 154, MOBILIZE)
    ("Armenia moved tanks to its border with Azerbaijan.", ("MOBILIZE", "ARM", "AZE")),
    # troops or police surrounding a place show force (CAMEO 150), not yield (the dictionary's "house" pattern, 080)
    ("Israeli troops surrounded the house of a Hamas commander in Jenin.", ("MOBILIZE", "ISR", None)),
    # a government shutting a newspaper: COERCE
    ("Sudanese authorities closed an opposition newspaper in Khartoum.", ("COERCE", "SDN", "SDN")),
    # hijacking is ASSAULT 'abduct' (PLOVER manual ASSAULT modes), also when rebels do it
    ("Somali pirates hijacked a Greek tanker on Saturday.", ("ASSAULT", "SOM", "GRC")),
    # executions: ASSAULT 'targeted' (PLOVER manual)
    ("Iran executed four convicted drug traffickers on Sunday.", ("ASSAULT", "IRN", "IRN")),
    # invading is the use of military force (like the noun "invasion")
    ("Ethiopia invaded Eritrea in May.", ("ASSAULT", "ETH", "ERI")),
    # defending a policy verbally (CAMEO 052, SUPPORT), not military protection
    ("Spain defended Morocco's handling of the migrant crisis.", ("SUPPORT", "ESP", "MAR")),
    # allowing observers in: RETREAT 'access' (CAMEO 086)
    ("Belarus allowed OSCE observers to monitor the vote.", ("RETREAT", "BLR", "OSCE")),
    # readiness to talk is an intention to cooperate (AGREE)
    ("Cyprus said it was ready to hold talks with Turkey on the gas fields.", ("AGREE", "CYP", "TUR")),
    # returning property; handing over relief goods
    ("Britain returned a looted bronze sculpture to Nigeria.", ("RETREAT", "GBR", "NGA")),
    ("China handed over 30 tons of medical supplies to Pakistan.", ("AID", "CHN", "PAK")),
    ("Norway paid $50 million in aid to Malawi.", ("AID", "NOR", "MWI")),
    # a state of emergency imposed on people, not one over a flood
    ("Ecuador declared a state of emergency in Quito after the riots.", ("COERCE", "ECU", "ECU")),
])
def test_types(nlp, text, expected):
    ev = main(nlp, text)
    got = codes(ev)
    want_type, want_actor, want_target = expected
    assert got[0] == want_type, (text, got)
    if want_actor:
        assert got[1] == want_actor or (want_actor in ("EU", "OSCE") and ev.actor.sector == "IGO"), (text, got)
    if want_target:
        assert got[2] == want_target or (want_target in ("EU", "OSCE") and ev.target.sector == "IGO"), (text, got)


def test_flood_emergency_is_no_repression(nlp):
    doc = nlp("Mozambique declared a state of emergency over the floods.")
    doc._.st_statements = doc._.st_dates = None
    assert not [e for e in build_events(doc) if e.type == "COERCE"]


def test_halting_talks_by_pulling_out(nlp):
    ev = main(nlp, "Serbia pulled out of the negotiations with Kosovo on Friday.")
    assert ev.type == "SANCTION"


def test_joint_exercise_of_two_states(nlp):
    # PLOVER: joint military manoeuvres of two states are COOPERATE, the second state the recipient
    ev = main(nlp, "Egypt and Greece held joint naval exercises off Crete.")
    assert codes(ev) == ("COOPERATE", "EGY", "GRC")
    ev = main(nlp, "Spanish and Portuguese warships held joint exercises in the Atlantic.")
    assert codes(ev) == ("COOPERATE", "ESP", "PRT")


def test_traveller_holds_the_talks(nlp):
    ev = main(nlp, "The Indian foreign minister flew to Kabul on Sunday for talks with Afghan leaders.")
    assert codes(ev) == ("CONSULT", "IND", "AFG")


# ------------------------------------------------------------- actors and targets


@pytest.mark.parametrize("text,code,sector", [
    # former states → their ISO successor; Phoenix legacy codes → ISO 3166
    ("Yugoslavia", "SRB", None),
    ("Yugoslav troops", "SRB", "MIL"),
    ("Czechoslovakia", "CZE", None),
    ("the East Timorese", "TLS", None),
    ("East Timor", "TLS", None),
    ("UNITA", "AGO", "REB"),
    # territories and partially recognised entities: the sovereign state (PLOVER manual)
    ("Northern Ireland", "GBR", None),
    ("Nagorno-Karabakh", "AZE", None),
    ("South Ossetia", "GEO", None),
    # armed groups the dictionaries code only by region
    ("the Kosovo Liberation Army", "KOS", "REB"),
    ("the Revolutionary United Front", "SLE", "REB"),
    ("the Lord's Resistance Army", "UGA", "REB"),
    ("the Islamic Salvation Front", "DZA", "OPP"),
    # the title the text gives beats the person's later role in the dictionary
    ("Egyptian Foreign Minister Amr Moussa", "EGY", "GOV"),
    # ... while an IGO title still beats the holder's nationality
    ("U.N. mediator Diego Cordovez", "UN", "IGO"),
])
def test_actor_codes(nlp, text, code, sector):
    c = code_tokens(list(nlp(text)))
    assert (c.code, c.sector) == (code, sector)


def test_insurgents_take_the_country_they_fight(nlp):
    # rebels of unknown nationality attacking a state's forces are that state's rebels
    ev = main(nlp, "Maoist rebels ambushed a Nepalese army patrol on Friday.")
    assert codes(ev) == ("ASSAULT", "NPL", "NPL")
    # ... but an agent attacking foreign civilians keeps no borrowed country
    ev = main(nlp, "Gunmen attacked a bus carrying French tourists.")
    assert ev.type == "ASSAULT" and (ev.actor is None or ev.actor.code != "FRA")


def test_region_coded_group_as_target_is_domestic(nlp):
    # "Armee Islamique du Salut" is coded by region only: in a domestic event it is the actor's country
    ev = main(nlp, "Algeria lifted its ban on the Armee Islamique du Salut.")
    assert ev.target is not None and ev.target.code == "DZA"


def test_direction_of_a_place_locates_the_event(nlp):
    text = "Armed men killed 12 villagers 40 km south of Blida on Sunday."
    ev = main(nlp, text, places=[("Blida", "DZA")])
    assert codes(ev) == ("ASSAULT", "DZA", "DZA")


def test_sentence_initial_name_parsed_as_adverbial(nlp):
    ev = main(nlp, "Turkey massed troops along its border with Syria.")
    assert codes(ev) == ("MOBILIZE", "TUR", "SYR")


@pytest.mark.parametrize("text,expected", [
    # a state's formal protest is ACCUSE 'disapprove' ("written and institutionalized protests") ...
    ("China protested to Japan over the visit to the war shrine.", ("ACCUSE", "CHN", "JPN")),
    # ... people protesting in the street stay PROTEST
    ("Thousands of Peruvians protested in Lima against the mining law.", ("PROTEST", "PER", None)),
    # an indictment is a formal charge (CAMEO 115, ACCUSE), not an arrest
    ("The Hague tribunal indicted two Croatian generals for war crimes.", ("ACCUSE", "IGO", "HRV")),
    # "placed X under house arrest": the placer arrests
    ("Burmese authorities placed the opposition leader under house arrest.", ("COERCE", "MMR", "MMR")),
    # a signed declaration's partner is the other signatory, not the topic of the text
    ("Greek Prime Minister Costas Simitis and Turkish Prime Minister Bulent Ecevit signed a joint "
     "declaration on Cyprus.", ("SUPPORT", "GRC", "TUR")),
    # refugees are coded by the country they flee
    ("Sweden gave shelter to refugees fleeing the fighting in Kosovo.", ("AID", "SWE", "KOS")),
])
def test_types_and_participants(nlp, text, expected):
    ev = main(nlp, text)
    got = codes(ev)
    assert got[0] == expected[0], (text, got)
    assert got[1] == expected[1] or (expected[1] == "IGO" and ev.actor.sector == "IGO"), (text, got)
    if expected[2]:
        assert got[2] == expected[2], (text, got)


def test_pope_is_the_holy_see(nlp):
    c = code_tokens(list(nlp("Pope John Paul")))
    assert c.code == "VAT"


def test_clause_of_another_time_is_not_the_target(nlp):
    # "before allowing U.N. convoys …" is a later act: the demand is aimed at the truce partner
    text = "Croatian Serbs demanded a ceasefire with Croatian forces in Slavonia before allowing U.N. convoys through."
    ev = main(nlp, text)
    assert ev.type == "REQUEST"
    assert ev.target is None or ev.target.sector != "IGO"


def test_riot_located_by_its_place(nlp):
    text = "Inmates rioted at a prison in Kigali on Monday."
    ev = main(nlp, text, places=[("Kigali", "RWA")])
    assert codes(ev)[:2] == ("PROTEST", "RWA")


def test_possessive_pronoun_actor_is_the_speaker(nlp):
    ev = main(nlp, "Syria said its artillery shelled Israeli positions on Sunday.")
    assert codes(ev) == ("ASSAULT", "SYR", "ISR")


def test_armed_group_seizing_a_town_is_no_protest(nlp):
    ev = main(nlp, "Tuareg rebels in Mali captured the northern town of Kidal on Friday.")
    assert ev.type == "COERCE" and ev.actor.code == "MLI"
    # ... while blocking roads still is (PLOVER PROTEST 'obstruct')
    ev = main(nlp, "Rebels in Chad blocked the road into N'Djamena on Monday.")
    assert ev.type == "PROTEST"


def test_ratifying_a_treaty_is_support(nlp):
    ev = main(nlp, "The Russian parliament ratified the nuclear arms treaty on Friday.")
    assert ev.type == "SUPPORT" and ev.actor.code == "RUS"


@pytest.mark.parametrize("text,mode", [
    # PLOVER RETREAT 'withdraw' ("retreat from territory or withdraw forces from an area"), though CAMEO codes the
    # verbs 0874 "retreat or surrender militarily", which CAMEO2PLOVER maps to 'disarm' whole
    ("The last foreign battalions withdrew from the province in 2019.", "withdraw"),
    ("Government troops retreated from the port on Saturday.", "withdraw"),
    # giving up: 'disarm' ("disarm militarily or give up weapons")
    ("The rebel garrison surrendered to the army on Thursday.", "disarm"),
])
def test_retreat_mode_follows_the_verb(nlp, text, mode):
    ev = main(nlp, text)
    assert (ev.type, ev.mode) == ("RETREAT", mode)
