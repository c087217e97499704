"""Read-only queries over a corpus database (used by the claims/sources/show/export commands)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path


def open_db(path: str) -> sqlite3.Connection:
    if not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such corpus database (create it with `sourcetrace ingest PATH --db {path}`)")
    from ..store.schema import connect

    return connect(path, readonly=True)


def fts_query(text: str) -> str:
    """User words -> an FTS5 query of quoted terms, all required."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words) or '""'


def claims(con, about=None, source=None, since=None, contested=False, limit=50) -> list[dict]:
    where, params = [], []
    if about:
        words = re.findall(r"\w+", about)
        where.append("(c.id IN (SELECT cs.claim_id FROM claim_statements cs JOIN statements s ON s.id = cs.statement_id "
                     "WHERE s.rowid IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)) OR (c.kind = 'event'"
                     + "".join(" AND c.label LIKE ?" for _ in words) + "))")
        params.append(fts_query(about))
        params += [f"%{w}%" for w in words]
    if source:
        where.append("c.id IN (SELECT cs.claim_id FROM claim_statements cs JOIN statements s ON s.id = cs.statement_id "
                     "JOIN sources so ON so.id = s.source_id WHERE so.name LIKE ? OR so.aliases LIKE ?)")
        params += [f"%{source}%", f"%{source}%"]
    if since:
        where.append("c.last_seen >= ?")
        params.append(since)
    if contested:
        where.append("c.contested = 1")
    sql = "SELECT c.* FROM claims c"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY c.contested DESC, c.n_reports DESC, c.n_statements DESC, c.first_seen, c.id LIMIT ?"
    params.append(limit)
    out = [dict(r) for r in con.execute(sql, params)]
    for c in out:
        sides = {"supports": [], "denies": []}
        for r in con.execute(
                "SELECT cs.side, cs.origin, COALESCE(so.name, s.source_text) AS who "
                "FROM claim_statements cs JOIN statements s ON s.id = cs.statement_id "
                "LEFT JOIN sources so ON so.id = s.source_id WHERE cs.claim_id = ? AND cs.side != 'other' "
                "ORDER BY cs.statement_id", (c["id"],)):
            who = r["who"] or _origin_label(r["origin"], con)
            if who not in sides[r["side"]]:
                sides[r["side"]].append(who)
        for r in con.execute("SELECT side, origin FROM claim_events WHERE claim_id = ? AND side != 'other' "
                             "ORDER BY event_id", (c["id"],)):
            who = _origin_label(r["origin"], con)
            if who not in sides[r["side"]] and c["kind"] == "event":
                sides[r["side"]].append(who)
        c["asserted_by"], c["denied_by"] = sides["supports"], sides["denies"]
    return out


def _origin_label(origin: str, con=None) -> str:
    """A reader's name for an origin: the outlet; for an article of unknown outlet
    ("outlet:article ID", "anon:article ID:…") the article, by title."""
    kind, _, rest = origin.partition(":")
    if rest.startswith("article ") and con is not None:
        # an article of unknown outlet (unattributed statements) or an anonymous source in it
        aid = rest[len("article "):].split(":", 1)[0]
        row = con.execute("SELECT title FROM articles WHERE id = ?", (aid,)).fetchone()
        if row is not None and row[0]:
            return f"{'the article' if kind == 'outlet' else 'an unnamed source in'} “{_short(row[0])}”"
    if kind == "outlet":
        return rest
    return origin


def _short(title: str, n: int = 50) -> str:
    title = " ".join(title.split())
    return title if len(title) <= n else title[: n - 1].rstrip() + "…"


def trail(con, claim_id: str) -> dict | None:
    c = con.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone()
    if c is None:
        c = con.execute("SELECT * FROM claims WHERE id LIKE ? ORDER BY id LIMIT 2", (claim_id + "%",)).fetchall()
        if len(c) != 1:
            return None
        c = c[0]
    c = dict(c)
    c["reports"] = [dict(r) for r in con.execute(
        "SELECT a.date, o.name AS outlet, a.title, a.id AS article_id, a.path, a.url, a.dup_group, a.derivative, "
        "a.relays AS article_relays, s.id AS statement_id, s.kind, s.stance, cs.side, cs.origin, "
        "COALESCE(so.name, s.source_text) AS source, s.source_text, s.cue, s.content, s.hedges "
        "FROM claim_statements cs JOIN statements s ON s.id = cs.statement_id JOIN articles a ON a.id = cs.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id LEFT JOIN sources so ON so.id = s.source_id "
        "WHERE cs.claim_id = ? ORDER BY COALESCE(a.date, '9999'), a.id, s.id", (c["id"],))]
    for r in c["reports"]:
        r["hedges"] = json.loads(r["hedges"] or "[]")
        r["derivative"] = bool(r["derivative"])
    c["events"] = [dict(r) for r in con.execute(
        "SELECT a.date, o.name AS outlet, a.title, a.id AS article_id, e.id AS event_id, e.type, e.modality, "
        "e.trigger, e.actor, e.target, e.time_value, e.place, ce.side, ce.origin "
        "FROM claim_events ce JOIN events e ON e.id = ce.event_id JOIN articles a ON a.id = ce.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id WHERE ce.claim_id = ? "
        "ORDER BY COALESCE(a.date, '9999'), a.id, e.id", (c["id"],))]
    c["contradictions"] = [dict(r) for r in con.execute(
        "SELECT x.asserting_statement, x.denying_statement, COALESCE(sa.name, a.source_text, x.asserted_by) AS asserted_by, "
        "COALESCE(sd.name, d.source_text, x.denied_by) AS denied_by, x.asserted_on, x.denied_on "
        "FROM contradictions x JOIN statements a ON a.id = x.asserting_statement "
        "JOIN statements d ON d.id = x.denying_statement LEFT JOIN sources sa ON sa.id = a.source_id "
        "LEFT JOIN sources sd ON sd.id = d.source_id WHERE x.claim_id = ? "
        "ORDER BY x.asserted_on, x.denied_on, x.asserting_statement, x.denying_statement", (c["id"],))]
    return c


def sources(con, name=None, limit=100) -> list[dict]:
    sql = "SELECT * FROM sources"
    params: list = []
    if name:
        sql += " WHERE name LIKE ? OR aliases LIKE ?"
        params += [f"%{name}%", f"%{name}%"]
    sql += " ORDER BY n_articles DESC, n_statements DESC, name LIMIT ?"
    params.append(limit)
    out = [dict(r) for r in con.execute(sql, params)]
    for s in out:
        s["aliases"] = json.loads(s["aliases"] or "[]")
    return out
