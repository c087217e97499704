"""Event confidence: a verb read from the CAMEO dictionary's default as an unspecified act ("was founded",
"plans to", "handled") is `low`; the reports, the timeline and corpus claims leave such events out, the JSON keeps
them. Sentences written for these tests."""

from __future__ import annotations

import json
import sqlite3

import pytest

import sourcetrace


def _events(text):
    return [(e.type, e.trigger.text, e.confidence) for e in sourcetrace.analyze(text).events]


@pytest.mark.parametrize("text, trigger", [
    ("Jet Airways was founded by a former travel agent in 1993.", "founded"),
    ("The shop owner plans to open a second branch in May.", "plans"),
    ("Harbour officials said the ferry company handled the crowds well.", "handled"),
    ("Local traders pushed for a new car park near the station.", "pushed"),  # a dictionary default, 100
])
def test_a_verb_read_alone_as_an_unspecified_act_is_low(text, trigger):
    evs = [e for e in _events(text) if e[1] == trigger]
    assert evs and all(c == "low" for _, _, c in evs), _events(text)


@pytest.mark.parametrize("text, trigger", [
    ("Moscow is supporting the rebels in the east.", "supporting"),          # a state acts (metonym)
    ("Protesters demanded the minister's resignation.", "demanded"),         # the project's table: bare
    ("Fishermen urged the council to repair the harbour wall.", "urged"),    # so "urge" names the act
    ("The Kremlin rejected the proposal on Tuesday.", "rejected"),           # so does a rejection
    ("Police arrested three men in Leeds on Monday.", "arrested"),           # a specific act (CAMEO 173)
    ("Rebels in the north have sworn to fight until the army leaves.", "sworn"),  # a rule read a threat
    ("The embassy was attacked in Kabul on Monday.", "attacked"),            # force has its own checks
])
def test_a_named_act_or_a_state_actor_is_high(text, trigger):
    evs = [e for e in _events(text) if e[1] == trigger]
    assert evs and all(c == "high" for _, _, c in evs), _events(text)


def test_reports_and_timeline_leave_low_events_out_and_the_json_keeps_them():
    from rich.console import Console

    from sourcetrace.report.html import render_html
    from sourcetrace.report.terminal import render

    text = ("Jet Airways was founded by a former travel agent in 1993.\n\n"
            "Police arrested two dock workers in Vigo on 3 March 2021.\n")
    a = sourcetrace.analyze(text)
    founded = next(e for e in a.events if e.trigger.text == "founded")
    arrested = next(e for e in a.events if e.trigger.text == "arrested")
    assert founded.confidence == "low" and arrested.confidence == "high"
    assert founded.time is not None and founded.time.value == "1993"
    assert "confidence" in a.model_dump(mode="json")["events"][0]
    refs = {t.ref for t in a.timeline if t.kind == "event"}
    assert arrested.id in refs and founded.id not in refs
    console = Console(width=200, record=True, file=open("/dev/null", "w"))
    console.print(render(a))
    shown = console.export_text()
    assert "—arrested→" in shown and "—founded→" not in shown
    assert "low confidence, not shown above (1): " + founded.id in shown
    html = render_html(a)
    assert "1 low-confidence readings" in html and f"<td>{founded.id}</td>" not in html


def test_v5_database_gains_the_confidence_column_and_low_events_join_no_claim(tmp_path):
    from sourcetrace.corpus.derive import rederive
    from sourcetrace.model import Actor, Analysis, Article, ArticleMeta, Event, Span
    from sourcetrace.store import schema
    from sourcetrace.store.writer import content_hash, prepare, write

    db = str(tmp_path / "v5.db")
    con = sqlite3.connect(db)
    for m in schema.MIGRATIONS[:5]:
        for stmt in schema._split(m):
            con.execute(stmt)
    con.execute("PRAGMA user_version = 5")
    con.commit()
    con.close()
    con = schema.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION >= 6
    texts = ["Lisbon handled the Spanish bid and sanctioned Madrid.",
             "Portugal handled the Spanish bid, then sanctioned Madrid again."]
    for k, text in enumerate(texts):
        i, j = text.index("handled"), text.index("sanctioned")
        act = Actor(**Span.of(text, 0, text.index(" ")).model_dump(), code="PRT")
        tgt = Actor(**Span.of(text, text.index("Madrid"), text.index("Madrid") + 6).model_dump(), code="ESP")
        evs = [Event(id="e1", type="COOPERATE", trigger=Span.of(text, i, i + 7), actor=act, target=tgt,
                     confidence="low"),
               Event(id="e2", type="SANCTION", trigger=Span.of(text, j, j + 10), actor=act, target=tgt)]
        art = Article(id=f"a{k}", text=text)
        write(con, prepare(art, Analysis(id=f"a{k}", text=text, article=ArticleMeta(), events=evs),
                           content_hash(art)))
    assert sorted(r[0] for r in con.execute("SELECT confidence FROM events")) == ["high", "high", "low", "low"]
    rederive(con)
    joined = {r[0] for r in con.execute(
        "SELECT e.type FROM claim_events ce JOIN events e ON e.id = ce.event_id")}
    assert joined == {"SANCTION"}
    assert con.execute("SELECT COUNT(*) FROM claims WHERE kind = 'event'").fetchone()[0] == 1


SPORT_REPORT = """Barcelona snatched a late win at Albacete on Saturday.

The visitors pressed from the first whistle and forced three early corners. Their coach blamed the wet pitch for a slow
start. The striker was cleared to play after a knee scan on Friday.

Fans gathered outside the ground long after the final whistle.
"""


def test_an_article_whose_events_name_no_political_actor_has_only_low_events():
    # a match report: the dictionaries read "snatched" as seizing (CAMEO 171), but no government, police, party, armed
    # group or organisation of states takes part anywhere in it
    snatched = [e for e in sourcetrace.analyze(SPORT_REPORT).events if e.trigger.text == "snatched"]
    assert snatched and snatched[0].confidence == "low"
    # the same report with a minister acting in it: the article is about politics too, each event read on its own
    with_minister = SPORT_REPORT + "\nThe sports minister condemned the violence outside the ground and ordered an inquiry.\n"
    evs = {e.trigger.text: e.confidence for e in sourcetrace.analyze(with_minister).events}
    assert evs.get("snatched") == "high" and evs.get("condemned") == "high"
    # one sentence is too little context to say that no political actor takes part
    one = [e for e in sourcetrace.analyze("Barcelona snatched a late win at Albacete on Saturday.").events
           if e.trigger.text == "snatched"]
    assert one and one[0].confidence == "high"
