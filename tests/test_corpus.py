"""Corpus layer: readers (JSONL, feeds, WARC), near-duplicates, relays, sources, claims, independence,
contradictions, and the query commands, on the Valmora fixture (tests/fixtures/corpus).

The Valmora story (four articles, written for these tests):
  * Harbour Wire, 2 March: Lena Okafor (port authority spokeswoman) says 40 tonnes of acid leaked;
    minister Tomas Reyes says the leak came from a Calder Shipping tanker; "He" (Reyes) says inspectors boarded.
  * Coastal Times, 2 March: the same wire story under another headline (a syndicated copy).
  * Daily Meridian, 3 March: relays the 40-tonne figure "according to the Harbour Wire"; boat owners
    (anonymous) lost a week of work; "Okafor" says the port stays closed until Friday.
  * Northern Post, 5 March: Calder Shipping denies the leak came from its tanker; union leader Marco Silva
    says it did; "the port authority spokeswoman" (Okafor) says divers found no damage.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from corpus_helpers import ARTICLES, gold_analyze, ingest_records

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture()
def gold(monkeypatch):
    import sourcetrace.core

    monkeypatch.setattr(sourcetrace.core, "analyze", gold_analyze)


@pytest.fixture()
def valmora_db(tmp_path, gold):
    from sourcetrace.corpus.ingest import ingest

    db = str(tmp_path / "v.db")
    s = ingest([str(ARTICLES)], db)
    assert (s.ingested, s.present, s.failed) == (4, 0, [])
    return db


def q(db, sql, *params):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = [dict(r) for r in con.execute(sql, params)]
    con.close()
    return rows


def claim_with(db, words):
    rows = q(db, "SELECT * FROM claims WHERE label LIKE ?", f"%{words}%")
    assert len(rows) == 1, rows
    return rows[0]


# -- readers -------------------------------------------------------------------------------------
def test_jsonl_reader_fixture_fields():
    from sourcetrace.ingest.jsonl import iter_jsonl

    arts = list(iter_jsonl(str(ARTICLES)))
    assert [a.id for a in arts] == ["harbourwire-0302", "coastaltimes-0302", "meridian-0303", "northernpost-0305"]
    a = arts[0]
    assert (a.meta.title, a.meta.outlet, a.meta.date, a.meta.input_format) == (
        "Acid leak closes Valmora harbour", "Harbour Wire", "2026-03-02", "jsonl")
    assert a.meta.url == "https://harbourwire.example/valmora-acid"
    assert a.meta.dateline is not None and "(Harbour Wire)" in a.meta.dateline.text


def test_jsonl_bad_lines_reported_good_kept(tmp_path):
    from sourcetrace.ingest.errors import IngestError
    from sourcetrace.ingest.jsonl import iter_jsonl

    p = tmp_path / "mixed.jsonl"
    p.write_text('{"text": "Officials said the bridge would reopen in May.", "outlet": "Town Crier"}\n'
                 "{not json\n"
                 '["a", "list"]\n'
                 '{"title": "no body"}\n'
                 "\n"
                 '{"html": "<html><body><article><p>The council said it would publish the audit on Tuesday, '
                 'a week later than planned, after questions from two members.</p></article></body></html>", '
                 '"date": "2026-01-05"}\n', encoding="utf-8")
    out = list(iter_jsonl(str(p)))
    errs = [o for o in out if isinstance(o, IngestError)]
    arts = [o for o in out if not isinstance(o, IngestError)]
    assert [e.path for e in errs] == [f"{p}:2", f"{p}:3", f"{p}:4"]
    assert "not valid JSON" in errs[0].problem and "JSON object" in errs[1].problem
    assert "neither 'text' nor 'html'" in errs[2].problem
    assert len(arts) == 2 and arts[0].meta.outlet == "Town Crier" and arts[1].meta.date == "2026-01-05"
    assert "audit" in arts[1].text


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Valley Gazette</title>
<item><title>Dam repairs to start</title><link>https://valley.example/dam</link>
<pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate>
<description>&lt;p&gt;The water board said repairs to the Ashford dam would start next week.&lt;/p&gt;&lt;p&gt;Engineers expect the work to take a month.&lt;/p&gt;</description></item>
<item><title>Only a title</title><link>https://valley.example/empty</link></item>
</channel></rss>"""


def test_feed_reader_entries_and_errors(tmp_path):
    from sourcetrace.ingest.errors import IngestError
    from sourcetrace.ingest.feeds import iter_feed

    good = tmp_path / "valley.rss"
    good.write_text(RSS, encoding="utf-8")
    out = list(iter_feed(str(good)))
    assert isinstance(out[1], IngestError) and "no content or summary" in out[1].problem
    a = out[0]
    assert (a.meta.title, a.meta.outlet, a.meta.date, a.meta.url) == (
        "Dam repairs to start", "Valley Gazette", "2026-03-03", "https://valley.example/dam")
    assert a.text == ("Dam repairs to start\n\nThe water board said repairs to the Ashford dam would start next week."
                      "\n\nEngineers expect the work to take a month.\n")
    bad = tmp_path / "broken.xml"
    bad.write_text("<rss><channel><title>x</title><item><title>cut off", encoding="utf-8")
    errs = list(iter_feed(str(bad)))
    assert len(errs) == 1 and isinstance(errs[0], IngestError) and errs[0].path == str(bad)


def _warc_bytes(html: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://news.example/a", "response", payload=io.BytesIO(html),
                                       http_headers=headers))
    img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://news.example/x.png", "response", payload=io.BytesIO(b"\x89PNG"),
                                       http_headers=img))
    return buf.getvalue()


PAGE = (b"<html><head><title>Bridge to reopen</title></head><body><article><h1>Bridge to reopen</h1>"
        b"<p>The county engineer said the Millford bridge would reopen to traffic on Thursday after three weeks "
        b"of repairs to its supports.</p><p>Residents said the detour had added forty minutes to their commute "
        b"and asked for the work to be finished sooner.</p></article></body></html>")


def test_warc_reader_html_records_and_malformed_tail(tmp_path):
    from sourcetrace.ingest.errors import IngestError
    from sourcetrace.ingest.warc import iter_warc

    good = tmp_path / "one.warc.gz"
    good.write_bytes(_warc_bytes(PAGE))
    out = list(iter_warc(str(good)))
    assert len(out) == 1 and not isinstance(out[0], IngestError)
    assert out[0].meta.url == "https://news.example/a" and out[0].meta.input_format == "warc"
    assert "Millford bridge" in out[0].text
    # a good record followed by garbage: the record is kept, the file reports one clear error
    bad = tmp_path / "tail.warc.gz"
    bad.write_bytes(_warc_bytes(PAGE) + b"<!doctype html><p>pasted-page</p>")
    out = list(iter_warc(str(bad)))
    assert not isinstance(out[0], IngestError) and "Millford" in out[0].text
    assert isinstance(out[-1], IngestError) and out[-1].path == str(bad) and "malformed" in out[-1].problem


# -- corpus linking on the fixture ---------------------------------------------------------------
def test_articles_copies_and_relays(valmora_db):
    arts = {a["outlet_id"]: a for a in q(valmora_db, "SELECT * FROM articles")}
    assert set(arts) == {"harbour-wire", "coastal-times", "daily-meridian", "northern-post"}
    # the syndicated copy and the original are one report
    assert arts["harbour-wire"]["dup_group"] == arts["coastal-times"]["dup_group"]
    assert len({a["dup_group"] for a in arts.values()}) == 3
    assert arts["coastal-times"]["wire"] == "Harbour Wire" and arts["harbour-wire"]["wire"] is None
    # the Meridian only relays the wire in its lead
    assert (arts["daily-meridian"]["derivative"], arts["daily-meridian"]["relays"]) == (1, "Harbour Wire")
    assert sum(a["derivative"] for a in arts.values()) == 1


def test_sources_canonicalised_across_articles(valmora_db):
    src = {s["id"]: s for s in q(valmora_db, "SELECT * FROM sources")}
    # "Lena Okafor", "Okafor" (Meridian) and "The port authority spokeswoman" (Post) are one source
    assert set(json.loads(src["lena-okafor"]["aliases"])) == {"Lena Okafor", "Okafor", "The port authority spokeswoman"}
    assert src["lena-okafor"]["n_articles"] == 4
    assert set(json.loads(src["tomas-reyes"]["aliases"])) == {"Environment minister Tomas Reyes", "He"}
    assert set(json.loads(src["calder-shipping"]["aliases"])) == {"Calder Shipping", "The company"}
    # anonymous sources are never merged across articles
    anon = [s for s in src.values() if s["type"] == "anonymous"]
    assert len(anon) == 1 and anon[0]["id"].endswith(":boat-owners-on-the-north-quay")
    assert len(src) == 5


def test_claims_independence_and_contradictions(valmora_db):
    assert len(q(valmora_db, "SELECT * FROM claims")) == 7
    acid = claim_with(valmora_db, "40 tonnes")
    # Okafor in the wire story, its copy, and the Meridian relaying the wire: one independent source
    assert (acid["n_statements"], acid["n_reports"], acid["n_outlets"]) == (3, 2, 3)
    assert (acid["independent_for"], acid["independent_against"], acid["contested"]) == (1, 0, 0)
    assert acid["first_seen"] == "2026-03-02"
    tanker = claim_with(valmora_db, "tanker owned by Calder")
    assert (tanker["n_statements"], tanker["n_reports"], tanker["n_outlets"]) == (4, 2, 3)
    assert (tanker["n_supporting"], tanker["n_denying"]) == (3, 1)
    # Reyes (wire + copy count once) and Silva assert; Calder Shipping denies
    assert (tanker["independent_for"], tanker["independent_against"], tanker["contested"]) == (2, 1, 1)
    contra = q(valmora_db, "SELECT asserted_by, denied_by, asserted_on, denied_on FROM contradictions "
                           "ORDER BY asserted_by")
    assert contra == [
        {"asserted_by": "marco-silva", "denied_by": "calder-shipping", "asserted_on": "2026-03-05", "denied_on": "2026-03-05"},
        {"asserted_by": "tomas-reyes", "denied_by": "calder-shipping", "asserted_on": "2026-03-02", "denied_on": "2026-03-05"},
    ]
    # every other claim is a single origin, uncontested; the negative "no damage" is its own proposition
    others = q(valmora_db, "SELECT * FROM claims WHERE id NOT IN (?, ?)", acid["id"], tanker["id"])
    assert all(c["independent_for"] == 1 and c["contested"] == 0 and c["n_denying"] == 0 for c in others)


def test_reingest_adds_nothing(valmora_db, gold):
    from sourcetrace.corpus.ingest import ingest

    before = q(valmora_db, "SELECT id FROM claims ORDER BY id")
    s = ingest([str(ARTICLES)], valmora_db)
    assert (s.ingested, s.present, s.failed, s.derived) == (0, 4, [], None)
    assert q(valmora_db, "SELECT id FROM claims ORDER BY id") == before
    assert q(valmora_db, "SELECT COUNT(*) AS n FROM statements") == [{"n": 13}]


def test_query_commands(valmora_db, capsys):
    from sourcetrace.cli import main

    assert main(["claims", "--db", valmora_db, "--contested", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    assert rows[0]["asserted_by"] == ["Tomas Reyes", "Marco Silva"] and rows[0]["denied_by"] == ["Calder Shipping"]
    assert main(["claims", "--db", valmora_db, "--about", "sulphuric acid", "--format", "json"]) == 0
    assert [r["label"][:17] for r in json.loads(capsys.readouterr().out)] == ["about 40 tonnes o"]
    assert main(["claims", "--db", valmora_db, "--source", "Okafor", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert main(["claims", "--db", valmora_db, "--since", "2026-03-04", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3   # tanker, moored, divers
    tanker = claim_with(valmora_db, "tanker owned by Calder")
    assert main(["show", tanker["id"], "--db", valmora_db, "--format", "json"]) == 0
    trail = json.loads(capsys.readouterr().out)
    assert [r["date"] for r in trail["reports"]] == ["2026-03-02", "2026-03-02", "2026-03-05", "2026-03-05"]
    assert [r["side"] for r in trail["reports"]].count("denies") == 1
    assert main(["show", tanker["id"], "--db", valmora_db]) == 0
    text = capsys.readouterr().out
    assert "Calder Shipping" in text and "denies" in text and "Northern Post" in text
    # each report line ends with its stance and side (rich had read "[asserts; supports]" as a markup tag)
    lines = [ln for ln in text.splitlines() if "→" in ln or "; supports]" in ln or "; denies]" in ln]
    assert sum("; supports]" in ln for ln in lines) == 3 and sum("; denies]" in ln for ln in lines) == 1
    assert main(["claims", "--db", valmora_db, "--contested"]) == 0
    text = capsys.readouterr().out
    assert "CONTESTED" in text and "2 independent source(s)" in text and "1 independent source(s)" in text
    assert main(["sources", "--db", valmora_db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["name"] == "Lena Okafor"


def test_claims_listing_of_a_claim_nobody_asserts():
    from sourcetrace.commands.claims import _side_lines

    only_questions = {"n_supporting": 0, "n_denying": 0, "asserted_by": [], "denied_by": [], "independent_for": 0,
                      "independent_against": 0}
    lines = _side_lines(only_questions)
    assert len(lines) == 1 and "no statement asserts or denies it" in lines[0]
    both = dict(only_questions, n_supporting=2, n_denying=1, asserted_by=["Lena Okafor"], denied_by=["Calder Shipping"],
                independent_for=1, independent_against=1)
    assert [("asserted" in x, "denied" in x) for x in _side_lines(both)] == [(True, False), (False, True)]
    # a pronoun the analysis could not resolve is not shown as if it were someone's name
    unresolved = dict(both, denied_by=["He"])
    assert "denied[/] by “He” (unresolved)" in _side_lines(unresolved)[1]
    assert "asserted[/] by Lena Okafor —" in _side_lines(unresolved)[0]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(valmora_db, tmp_path, fmt, capsys):
    from sourcetrace.cli import main

    out = tmp_path / "exp"
    assert main(["export", "--db", valmora_db, "--format", fmt, "--out", str(out)]) == 0
    f = out / f"claims.{fmt}"
    if fmt == "jsonl":
        assert len(f.read_text().splitlines()) == 7
    elif fmt == "csv":
        assert len(f.read_text().splitlines()) == 8
    else:
        import pyarrow.parquet as pq

        t = pq.read_table(f)
        assert t.num_rows == 7 and "independent_for" in t.column_names


def test_claim_sides_polarity():
    from sourcetrace.corpus.derive import sides

    m = [{"stance": "asserts", "content": "Russia supplied weapons to the Taliban"},
         {"stance": "asserts", "content": "Russia had not supplied weapons to the Taliban"},
         {"stance": "denies", "content": "Russia supplied weapons"},
         {"stance": "questions", "content": "whether Russia supplied weapons"}]
    assert sides(m) == ["supports", "denies", "denies", "other"]
    assert sides([{"stance": "asserts", "content": "divers found no damage"}]) == ["supports"]


def test_claim_sides_read_the_stored_main_clause_negation():
    from sourcetrace.corpus.derive import sides

    # rows analysed since schema v3 carry the parse's reading (Statement.negated): a "not" outside the main clause
    # is no denial, and a denial read from the content itself ("said no such ...") is not negated twice
    m = [{"stance": "asserts", "content": "the port authority approved the sale", "negated": 0, "cue": "said"},
         {"stance": "asserts", "content": "the port authority approved the sale without a tender, but not the lease",
          "negated": 0, "cue": "said"},
         {"stance": "denies", "content": "no such sale had been approved", "negated": 1, "cue": "said"},
         {"stance": "denies", "content": "the port authority approved the sale", "negated": 0, "cue": "denied"},
         {"stance": "denies", "content": "the port authority had not approved the sale", "negated": 1,
          "cue": "denied"},
         {"stance": "asserts", "content": "the port authority has not approved the sale", "negated": 1,
          "cue": "said"}]
    assert sides(m) == ["supports", "supports", "denies", "denies", "supports", "denies"]
    # a report nested in another report of the same claim takes no side of its own: "I don't think [the threat is
    # overplayed]" is one report, its source's doubt, not a second source asserting the threat is overplayed
    nested = [{"id": "a:s1", "stance": "speculates", "content": "I don't think the toll is too high", "negated": 1,
               "cue": "said", "nested_in": None},
              {"id": "a:s2", "stance": "speculates", "content": "the toll is too high", "negated": 0, "cue": "think",
               "nested_in": "a:s1"},
              {"id": "b:s4", "stance": "asserts", "content": "the toll is too high", "negated": 0, "cue": "said",
               "nested_in": None}]
    assert sides(nested) == ["denies", "other", "supports"]
    # the same contents stored before the flag (NULL): any negative word decides, as before
    old = [dict(x, negated=None) for x in m]
    assert sides(old) == ["supports", "denies", "supports", "denies", "supports", "denies"]


def test_relay_detection():
    from sourcetrace.corpus.relay import find_relays

    t = ("Troops crossed the border, according to Reuters. The Washington Post has learned that talks stalled. "
         "The minister told The Media Line that aid would follow.")
    assert [o for _, _, o in find_relays(t, "The Media Line")] == ["Reuters", "The Washington Post"]
    assert [o for _, _, o in find_relays("It was first reported by the BBC and Harbour Wire said so.")] == ["BBC"]
    assert find_relays("The Post has learned that the deal collapsed.", "The Washington Post") == []


# -- shared data (skipped when ../shared/data is absent) -----------------------------------------
@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "ingest" / "warc").exists(), reason="../shared/data/ingest/warc absent")
def test_shared_warc_files():
    from sourcetrace.corpus.ingest import tasks

    ts = list(tasks([str(SHARED / "ingest" / "warc")]))
    arts = [t[1] for t in ts if t[0] == "article"]
    errs = {Path(t[1].split("#")[0]).name: t[2] for t in ts if t[0] == "error"}
    # every HTML response record in a readable archive is kept
    assert {Path(a.path.split("#")[0]).name for a in arts} >= {
        "example.warc", "example.warc.gz", "example.arc", "example.arc.gz", "example-iana.org-chunked.warc",
        "example-resource.warc.gz", "example-wget-bad-target-uri.warc.gz", "example-trunc.warc"}
    # the malformed archives each give one clear per-file error
    for bad in ("example-bad-non-chunked.warc.gz", "example-bad.warc.gz.bad", "example-wrong-chunks.warc.gz"):
        if bad.endswith(".bad"):
            continue  # not a WARC name: not picked up by a directory walk
        assert "malformed WARC/ARC" in errs[bad]


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "ingest" / "feeds").exists(), reason="../shared/data/ingest/feeds absent")
def test_shared_feeds():
    from sourcetrace.ingest.errors import IngestError
    from sourcetrace.ingest.feeds import iter_feed

    base = SHARED / "ingest" / "feeds"
    atom = [a for a in iter_feed(str(base / "trafilatura-resources" / "feed1.atom")) if not isinstance(a, IngestError)]
    assert len(atom) == 2 and atom[0].meta.outlet == "Example Feed" and atom[0].meta.date == "2003-12-13"
    jf = list(iter_feed(str(base / "trafilatura-resources" / "feed.json")))
    assert jf and all(not isinstance(a, IngestError) for a in jf)
    empty = list(iter_feed(str(base / "feedparser-tests" / "illformed" / "rss_empty_document.xml")))
    assert len(empty) == 1 and isinstance(empty[0], IngestError)


def test_event_claims(tmp_path, monkeypatch):
    """Events reported with a statement join its claim; the same event reported on its own in
    several articles (type, actor, target) becomes one event claim, denied events on the other side."""
    import sourcetrace.core
    from sourcetrace.corpus.ingest import ingest
    from sourcetrace.model import Actor, Event, Span

    def with_events(article, **kw):
        an = gold_analyze(article)
        t = an.text
        evs = []
        if "inspectors had boarded" in t:
            i = t.index("boarded")
            evs.append(Event(id="e1", type="SEIZE", trigger=Span.of(t, i, i + 7), statements=["s2"]))
        if "leak" in t and "Calder Shipping" in t and "Valmora" in t:
            i = t.index("Calder Shipping")
            j = t.index("leak")
            k = t.index("Valmora")
            denied = article.id == "northernpost-0305"
            evs.append(Event(id="e2", type="ACCUSE", trigger=Span.of(t, j, j + 4),
                             actor=Actor(start=i, end=i + 15, text="Calder Shipping", code=None),
                             target=Actor(start=k, end=k + 7, text="Valmora", code=None),
                             modality="denied" if denied else "asserted"))
            # the same act with no target in every article: too vague to be one event across them
            evs.append(Event(id="e3", type="ACCUSE", trigger=Span.of(t, j, j + 4),
                             actor=Actor(start=i, end=i + 15, text="Calder Shipping", code=None),
                             modality="denied" if denied else "asserted"))
            # the coding convention's own-country target: the actor again, no second participant
            evs.append(Event(id="e4", type="PROTEST", trigger=Span.of(t, j, j + 4),
                             actor=Actor(start=k, end=k + 7, text="Valmora", code=None),
                             target=Actor(start=k, end=k + 7, text="Valmora", code=None)))
        return an.model_copy(update={"events": evs})

    monkeypatch.setattr(sourcetrace.core, "analyze", with_events)
    db = str(tmp_path / "e.db")
    ingest([str(ARTICLES)], db)
    boarded = claim_with(db, "inspectors had boarded")
    assert [r["event_id"][-2:] for r in q(db, "SELECT event_id FROM claim_events WHERE claim_id = ?", boarded["id"])] \
        == ["e1", "e1"]   # wire story and its copy
    ev = q(db, "SELECT * FROM claims WHERE kind = 'event'")
    assert len(ev) == 1 and ev[0]["label"].startswith("ACCUSE: Calder Shipping → Valmora")
    # asserted by the wire (its copy is the same report and origin), denied in the Northern Post
    assert (ev[0]["n_reports"], ev[0]["n_outlets"], ev[0]["independent_for"], ev[0]["independent_against"],
            ev[0]["contested"]) == (2, 3, 1, 1, 1)


def test_datasette_metadata(valmora_db, tmp_path):
    from sourcetrace.cli import main

    out = tmp_path / "meta.json"
    assert main(["export", "--db", valmora_db, "--datasette-metadata", str(out)]) == 0
    meta = json.loads(out.read_text())
    tables = meta["databases"]["v"]["tables"]
    con = sqlite3.connect(valmora_db)
    real = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(tables) <= real and tables["claims"]["label_column"] == "label"
    for t, m in tables.items():   # every label column exists
        cols = {r[1] for r in con.execute(f"PRAGMA table_info({t})")}
        assert m["label_column"] in cols, t


def test_claim_cv_folds_stratified_and_fixed():
    """The train-only cross-validation of `eval claims --cv`: every pair in exactly one fold, the
    same-proposition pairs spread evenly over the folds, and the same folds for the same seed."""
    from sourcetrace.eval.claims import cv_folds

    pairs = [{"id": f"p{i:04d}", "label": int(i % 3 == 0)} for i in range(50)]   # 17 positives, 33 negatives
    folds = cv_folds(pairs, 5, seed=0)
    assert set(folds) == {p["id"] for p in pairs} and set(folds.values()) == set(range(5))
    for label, n in ((1, 17), (0, 33)):
        sizes = [sum(1 for p in pairs if p["label"] == label and folds[p["id"]] == f) for f in range(5)]
        assert sum(sizes) == n and max(sizes) - min(sizes) <= 1
    assert cv_folds(pairs, 5, seed=0) == folds
    assert cv_folds(pairs, 5, seed=1) != folds


def test_short_propositions_join_only_near_identical_ones():
    """A content of two or three words ("the proposal", "their proposals") shares too little to be
    matched by overlap: it groups only with a (near-)identical one, longer ones group as before."""
    from sourcetrace.corpus.claims import cluster

    texts = [
        "the proposal",                                                     # 0
        "their proposals",                                                  # 1
        "the proposals would leave the Harwick ferry route without a subsidy",   # 2
        "they would help fight crime",                                      # 3
        "they would help fight crime",                                      # 4 (same quote, another copy)
        "the Harwick ferry route would lose its subsidy under the proposals",   # 5
        "military force alone would not defeat organised crime",            # 6
    ]
    lab = cluster(texts)
    assert lab[0] != lab[1] and lab[0] != lab[2] and lab[1] != lab[2]
    assert lab[3] == lab[4] and lab[3] != lab[6]
    assert lab[2] == lab[5]


def test_canonical_source_type_is_what_most_mentions_say():
    """The first statement of a source (in id order) may be a resolved pronoun: the canonical
    source is still a person, not a 'pronoun'."""
    from sourcetrace.corpus.sources import canonicalise

    def row(i, text, resolved, typ, named):
        return {"id": f"a1:s{i}", "article_id": "a1", "source_text": text, "source_resolved": resolved,
                "source_type": typ, "source_named": named, "source_anonymous": 0}

    rows = [row(1, "He", "Tomas Reyes", "pronoun", 0), row(2, "Environment minister Tomas Reyes", None, "person", 1),
            row(3, "he", "Tomas Reyes", "pronoun", 0), row(4, "Calder Shipping", None, "organisation", 1)]
    assign, sources = canonicalise(rows, lambda aid: "")
    assert assign["a1:s1"] == assign["a1:s2"] == assign["a1:s3"]
    assert sources[assign["a1:s1"]]["type"] == "person"
    assert sources[assign["a1:s4"]]["type"] == "organisation"


def test_a_pronoun_for_nameless_people_is_never_merged_across_articles():
    from sourcetrace.corpus.sources import canonicalise

    def row(aid, i, text, resolved, typ, named):
        return {"id": f"{aid}:s{i}", "article_id": aid, "source_text": text, "source_resolved": resolved,
                "source_type": typ, "source_named": named, "source_anonymous": 0}

    rows = [row("a1", 1, "they", "people", "pronoun", 0), row("a2", 1, "who", "people", "pronoun", 0),
            row("a1", 2, "she", "Lena Okafor", "pronoun", 0), row("a2", 2, "Lena Okafor", None, "person", 1)]
    assign, _ = canonicalise(rows, lambda aid: "")
    assert assign["a1:s1"] != assign["a2:s1"]            # two articles' "people" are nobody in particular
    assert assign["a1:s2"] == assign["a2:s2"]            # a pronoun for a named person still joins her


def test_a_group_of_named_sources_is_not_its_last_member():
    from sourcetrace.corpus.sources import canonicalise

    def row(aid, i, text, resolved, typ, named):
        return {"id": f"{aid}:s{i}", "article_id": aid, "source_text": text, "source_resolved": resolved,
                "source_type": typ, "source_named": named, "source_anonymous": 0}

    rows = [row("a1", 1, "Senator Ana Ruiz and Governor Tom Hale", "Senator Ana Ruiz and Governor Tom Hale", "person", 1),
            row("a1", 2, "Governor Tom Hale", None, "person", 1), row("a2", 1, "Hale", None, "person", 1)]
    assign, sources = canonicalise(rows, lambda aid: "")
    assert assign["a1:s2"] == assign["a2:s1"] == "tom-hale"
    assert assign["a1:s1"] != "tom-hale" and sources[assign["a1:s1"]]["name"] == "Ana Ruiz and Tom Hale"


def test_a_body_resolved_to_a_fuller_description_stays_in_its_article():
    from sourcetrace.corpus.sources import canonicalise

    def row(aid, i, text, resolved, named):
        return {"id": f"{aid}:s{i}", "article_id": aid, "source_text": text, "source_resolved": resolved,
                "source_type": "organisation", "source_named": named, "source_anonymous": 0}

    rows = [row("a1", 1, "the central bank", "the Vellan central bank", 0),
            row("a1", 2, "the Vellan central bank", None, 0),
            row("a2", 1, "the central bank", "the Vellan central bank", 0),
            row("a2", 2, "the company", "Calder Shipping", 0), row("a3", 1, "Calder Shipping", None, 1)]
    assign, _ = canonicalise(rows, lambda aid: "")
    assert assign["a1:s1"] == assign["a1:s2"]            # one bank within the article
    assert assign["a1:s1"] != assign["a2:s1"]            # two articles' central banks are not one source
    assert assign["a2:s2"] == assign["a3:s1"]            # a description resolved to a name joins the name


def test_a_body_is_not_the_person_a_like_descriptor_names():
    # an apposition "Ada Kerr, the committee chair," teaches the descriptor "committee chair"; "the committee" and
    # an "it" resolved to it stay the committee, while "the committee chair" is Ada Kerr
    from sourcetrace.corpus.sources import canonicalise

    def row(aid, i, text, resolved, typ, named):
        return {"id": f"{aid}:s{i}", "article_id": aid, "source_text": text, "source_resolved": resolved,
                "source_type": typ, "source_named": named, "source_anonymous": 0}

    texts = {"a1": "Ada Kerr, the committee, said the inquiry would go on. Ada Kerr, the committee chair, agreed.",
             "a2": "The committee said the report was late. It said more.", "a3": "The committee chair said so."}
    rows = [row("a1", 1, "Ada Kerr", None, "person", 1), row("a2", 1, "The committee", None, "organisation", 0),
            row("a2", 2, "It", "The committee", "pronoun", 0), row("a3", 1, "The committee chair", None, "person", 0)]
    assign, sources = canonicalise(rows, texts.get)
    assert sources[assign["a3:s1"]]["name"] == "Ada Kerr"
    assert assign["a2:s1"] != assign["a1:s1"] and assign["a2:s2"] != assign["a1:s1"]


def test_articles_without_outlet_count_no_outlet(tmp_path):
    """Two plain-text files with no outlet: the claim has two reports and no known outlet (an
    unknown outlet is not counted as a distinct one per article)."""
    from sourcetrace.corpus.ingest import ingest

    a = ("Bridge closure extended\n\nThe council said the Tarrow bridge would stay closed to lorries "
         "until the end of March because of cracks found in its deck.\n")
    b = ("Tarrow bridge to stay shut\n\nEngineers found more cracks and the council said the Tarrow bridge "
         "would stay closed to lorries until the end of March.\n\nHauliers said the detour added an hour.\n")
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    db = str(tmp_path / "n.db")
    ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], db)
    c = claim_with(db, "Tarrow bridge would stay closed")
    assert c["n_reports"] == 2 and c["n_outlets"] == 0


def test_origin_label_names_outletless_article_by_title():
    import sqlite3

    from sourcetrace.corpus.query import _origin_label

    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT)")
    con.execute("INSERT INTO articles VALUES ('a1', 'Harbour strike enters third week')")
    con.execute("INSERT INTO articles VALUES ('a2', 'Harbour strike enters its third week as talks stall again')")
    assert _origin_label("outlet:Valmora Herald", con) == "Valmora Herald"
    assert _origin_label("outlet:article a1", con) == "the article “Harbour strike enters third week”"
    long = _origin_label("outlet:article a2", con)  # long titles are clipped
    assert long.startswith("the article “Harbour strike") and long.endswith("…”") and len(long) < 70
    assert _origin_label("anon:article a1:a-port-official", con).startswith("an unnamed source in “Harbour strike")
    assert _origin_label("outlet:article missing", con) == "article missing"  # no such article: the raw origin


def test_a_denial_in_the_content_and_an_aside_negation_end_to_end(tmp_path):
    """Real analyses: an official who "said no meeting … had taken place" denies the meeting a commander asserts
    (one negation, not a double one: before the parse's reading was stored, this denial read from the content
    counted as support), and a third report of the meeting whose "not" sits in a later clause still supports it
    (it had counted as a denial)."""
    from sourcetrace.corpus.ingest import ingest

    a = ("Envoys met in secret, commander says\n\nA rebel commander in the northern hills said the defence minister "
         "met rebel leader Tomas Irvane in Korvath last spring.\n")
    b = ("Ministry rejects meeting report\n\nA defence ministry official said no meeting between the defence "
         "minister and rebel leader Tomas Irvane had taken place in Korvath.\n")
    c = ("Talks claim resurfaces\n\nA regional lawmaker said the defence minister met rebel leader Tomas Irvane in "
         "Korvath last spring, and that the talks were not the first.\n")
    for name, text in (("a", a), ("b", b), ("c", c)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "m.db")
    ingest([str(tmp_path / f"{n}.txt") for n in "abc"], db)
    claim = claim_with(db, "met rebel leader Tomas Irvane")
    assert claim["contested"]
    assert claim["independent_for"] == 2 and claim["independent_against"] == 1


def test_a_speaker_relayed_through_an_interview_does_not_contradict_himself(tmp_path):
    """A statement made to another outlet ("told the Harbour Gazette") has that outlet as its origin, but its
    speaker is still the mayor: her two readings of one proposition are no contradiction between two parties."""
    recs = [
        {"text": "Ferry sale ruled out\n\nMayor Ines Carvalho told the Harbour Gazette that the council would not "
                 "sell the Tarrow ferry to a private operator.\n", "title": "Ferry sale ruled out",
         "outlet": "Coastal Times", "date": "2026-03-02", "url": "https://coastal.example/ferry-1"},
        {"text": "Ferry to be sold\n\nMayor Ines Carvalho said the council would sell the Tarrow ferry to a private "
                 "operator.\n", "title": "Ferry to be sold", "outlet": "Northern Post", "date": "2026-03-09",
         "url": "https://northern.example/ferry-2"},
    ]
    db = ingest_records(tmp_path, recs, "ferry")
    claim = claim_with(db, "sell the Tarrow ferry")
    sides = sorted(r["side"] for r in q(db, "SELECT side FROM claim_statements WHERE claim_id = ?", claim["id"]))
    assert sides == ["denies", "supports"]   # the two readings are there, on opposite sides
    assert not claim["contested"]


def test_the_command_line_loads_no_nlp_model_to_query_a_corpus():
    """`sourcetrace claims` / `show` answer from SQLite: building the command line must not import spaCy (the
    training commands' modules had imported it, with the model, at start-up: about 2 s a query with PyTorch in the
    environment)."""
    import subprocess
    import sys

    code = "import sys, sourcetrace.cli as c; c.build_parser(); print(sorted(m for m in ('spacy', 'torch') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_a_partys_names_are_one_source():
    from sourcetrace.corpus.sources import canonicalise

    def row(aid, i, text, resolved, typ, named):
        return {"id": f"{aid}:s{i}", "article_id": aid, "source_text": text, "source_resolved": resolved,
                "source_type": typ, "source_named": named, "source_anonymous": 0}

    rows = [row("a1", 1, "The Tories", None, "organisation", 1), row("a2", 1, "the Conservatives", None, "organisation", 1),
            row("a3", 1, "The Conservative Party", None, "organisation", 1),
            row("a4", 1, "the Lib Dems", None, "organisation", 1), row("a5", 1, "Liberal Democrats", None, "organisation", 1),
            row("a6", 1, "it", "Labour", "pronoun", 0), row("a7", 1, "The Labour Party", None, "organisation", 1)]
    assign, sources = canonicalise(rows, lambda aid: "")
    assert assign["a1:s1"] == assign["a2:s1"] == assign["a3:s1"]
    assert sources[assign["a1:s1"]]["name"] == "Conservatives"
    assert assign["a4:s1"] == assign["a5:s1"] != assign["a1:s1"]
    assert assign["a6:s1"] == assign["a7:s1"] and sources[assign["a7:s1"]]["name"] == "Labour"
