"""Datasette metadata for a corpus database: titles, descriptions, label columns, search.

``sourcetrace export --datasette-metadata meta.json`` writes it; ``datasette news.db -m meta.json``
then shows labelled tables (Datasette finds ``name``/``title`` label columns itself, not ``label``)
and the full-text search boxes on ``articles`` and ``statements``.
"""

from __future__ import annotations

TABLES = {
    "articles": ("Articles", "One row per stored article (id = content hash).", "title", {
        "relays": "outlet this article only relays (\"according to Reuters\" in its lead)",
        "derivative": "1 when the article only relays another outlet's report",
        "wire": "news agency named in the dateline",
        "dup_group": "near-duplicate group: syndicated copies share it (one report)",
        "analysis": "the full sourcetrace Analysis JSON, less its text"}),
    "outlets": ("Outlets", "Publications the articles come from.", "name", {}),
    "statements": ("Statements", "Who says what: one row per attributed (or unattributed) statement.", "content", {
        "source_id": "canonical source across articles", "stance": "asserts, confirms, denies, speculates, questions, other",
        "relays": "outlet the statement is relayed from"}),
    "sources": ("Sources", "Canonical sources across articles, with the surface forms seen.", "name", {}),
    "events": ("Events", "PLOVER-typed events reported in the articles.", "trigger", {
        "confidence": "low: the verb read alone as an unspecified act (mostly no event); such events join no claim"}),
    "figures": ("Figures", "Numbers given in the articles, with their measure and source.", "text", {}),
    "places": ("Places", "Places named in the articles.", "name", {}),
    "dup_groups": ("Reports", "Near-duplicate groups: one report and its syndicated copies.", "id", {}),
    "claims": ("Claims", "Propositions clustered across articles, with support, denial and independent sources.",
               "label", {"independent_for": "distinct origins (sources, or outlets for unattributed reports) asserting it",
                         "independent_against": "distinct origins denying it",
                         "n_reports": "near-duplicate groups reporting it",
                         "contested": "1 when it is both asserted and denied"}),
    "claim_statements": ("Claim statements", "Statements in each claim, their side and independence key.", "statement_id", {}),
    "claim_events": ("Claim events", "Events in each claim.", "event_id", {}),
    "contradictions": ("Contradictions", "Who asserts and who denies each contested claim, and when.", "claim_id", {}),
}


def metadata(db_name: str = "news") -> dict:
    tables = {}
    for t, (title, desc, label, cols) in TABLES.items():
        tables[t] = {"title": title, "description": desc, "label_column": label}
        if cols:
            tables[t]["columns"] = cols
    tables["articles"]["fts_table"] = "articles_fts"
    tables["articles"]["fts_pk"] = "rowid"
    tables["statements"]["fts_table"] = "statements_fts"
    tables["statements"]["fts_pk"] = "rowid"
    tables["articles"]["sort_desc"] = "date"
    tables["claims"]["sort_desc"] = "n_reports"
    return {"title": "sourcetrace corpus", "description": "Articles, statements, sources and claims across articles.",
            "databases": {db_name: {"tables": tables}}}
