"""Turn one analysed article into rows, and write them in one transaction.

:func:`content_hash` is computed from the Article before analysis so an
ingest can skip what is already stored; :func:`prepare` runs in the worker
process (MinHash signature, relay detection) and returns plain rows;
:func:`write` stores them in a single transaction, so a kill at any moment
leaves either the whole article or nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3

from ..model import Analysis, Article

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(s: str) -> str:
    return _SLUG.sub("-", s.lower()).strip("-") or "x"


def content_hash(article: Article) -> str:
    m = article.meta
    key = json.dumps([article.text, m.title, m.outlet, m.url, m.date], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _content(st) -> tuple[str, int | None, int | None]:
    if not st.content:
        return "", None, None
    return " … ".join(c.text for c in st.content), min(c.start for c in st.content), max(c.end for c in st.content)


def prepare(article: Article, analysis: Analysis, chash: str) -> dict:
    from ..corpus.neardup import signature
    from ..corpus.relay import canonical_outlet, dateline_wire, find_relays, lead_end

    aid = chash[:16]
    text = analysis.text
    meta = analysis.article
    outlet = canonical_outlet(meta.outlet) if meta.outlet else None
    body_start = meta.title_span.end if meta.title_span else 0
    relays = find_relays(text, outlet)
    lead = lead_end(text, body_start)
    lead_relays = [r for r in relays if r[0] < lead]
    art_relays = lead_relays[0][2] if lead_relays else None
    wire = dateline_wire(meta.dateline.text if meta.dateline else None)
    if wire and outlet and wire.lower() == outlet.lower():
        wire = None
    statements = []
    for st in analysis.statements:
        content, cs, ce = _content(st)
        spans = [s for s in [st.source, st.cue, *st.content] if s is not None]
        lo = min((s.start for s in spans), default=0)
        hi = max((s.end for s in spans), default=0)
        st_relay = None
        if st.source is not None and st.source.type == "media":
            st_relay = canonical_outlet(st.source.resolved or st.source.text)
        else:
            for s, e, o in relays:
                if s < hi and e > lo:
                    st_relay = o
                    break
        if st.told_to is not None and outlet and st_relay is None:
            told = canonical_outlet(st.told_to.text)
            from ..corpus.relay import same_outlet

            if not same_outlet(told, outlet):
                st_relay = told
        src = st.source
        statements.append({
            "id": f"{aid}:{st.id}", "article_id": aid, "local_id": st.id, "kind": st.kind, "stance": st.stance,
            "source_text": src.text if src else None, "source_resolved": src.resolved if src else None,
            "source_type": src.type if src else None, "source_named": int(src.named) if src else None,
            "source_anonymous": int(src.anonymous) if src else None,
            "cue": st.cue.text if st.cue else None, "content": content, "content_start": cs, "content_end": ce,
            "hedges": json.dumps([h.text for h in st.hedges], ensure_ascii=False), "confidence": st.confidence,
            "negated": int(st.negated),
            "nested_in": f"{aid}:{st.nested_in}" if st.nested_in else None,
            "told_to": st.told_to.text if st.told_to else None, "relays": st_relay,
        })
    events = [{
        "id": f"{aid}:{ev.id}", "article_id": aid, "type": ev.type, "mode": ev.mode, "modality": ev.modality,
        "trigger": ev.trigger.text, "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
        "actor": ev.actor.text if ev.actor else None, "actor_code": ev.actor.code if ev.actor else None,
        "target": ev.target.text if ev.target else None, "target_code": ev.target.code if ev.target else None,
        "actor_implicit": int(ev.actor.implicit) if ev.actor else None,
        "target_implicit": int(ev.target.implicit) if ev.target else None,
        "time_value": ev.time.value if ev.time else None, "place": ev.place.name if ev.place else None,
        "statement_ids": json.dumps([f"{aid}:{s}" for s in ev.statements]),
        "denied_by_ids": json.dumps([f"{aid}:{s}" for s in ev.denied_by]),
        "actor_resolved": ev.actor.resolved if ev.actor else None,
        "target_resolved": ev.target.resolved if ev.target else None,
        "confidence": ev.confidence,
    } for ev in analysis.events]
    st_ids = {s["local_id"] for s in statements}
    figures = [{
        "id": f"{aid}:f{i}", "article_id": aid,
        "statement_id": f"{aid}:{f.statement}" if f.statement in st_ids else None,
        "text": f.text, "value": f.value, "unit": f.unit, "measure": f.measure,
        "date_value": f.date.value if f.date else None, "source": f.source, "start": f.start, "end": f.end,
    } for i, f in enumerate(analysis.figures)]
    places = [{
        "id": f"{aid}:p{i}", "article_id": aid, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
        "geonameid": p.geonameid, "dateline": int(p.dateline), "start": p.start, "end": p.end,
    } for i, p in enumerate(analysis.places)]
    adict = analysis.model_dump(mode="json", exclude={"text"})
    return {
        "article": {
            "id": aid, "content_hash": chash, "input_id": article.id, "path": analysis.path, "title": meta.title,
            "date": meta.date, "outlet_id": slug(outlet) if outlet else None, "author": meta.author,
            "url": meta.url, "input_format": meta.input_format,
            "dateline": meta.dateline.text if meta.dateline else None, "wire": wire, "relays": art_relays,
            "derivative": int(bool(art_relays)), "n_statements": len(statements), "text": text,
            "minhash": signature(text[body_start:]),
            "analysis": json.dumps(adict, ensure_ascii=False, sort_keys=True),
        },
        "outlet": (slug(outlet), outlet) if outlet else None,
        "statements": statements, "events": events, "figures": figures, "places": places,
    }


def _insert(con: sqlite3.Connection, table: str, row: dict) -> int:
    cols = ", ".join(f'"{c}"' for c in row)
    qs = ", ".join("?" for _ in row)
    cur = con.execute(f'INSERT INTO {table} ({cols}) VALUES ({qs})', list(row.values()))
    return cur.lastrowid


def write(con: sqlite3.Connection, rec: dict) -> bool:
    """Store one prepared article in one transaction; False when its hash is already there."""
    art = rec["article"]
    con.execute("BEGIN IMMEDIATE")
    try:
        if con.execute("SELECT 1 FROM articles WHERE content_hash = ?", (art["content_hash"],)).fetchone():
            con.execute("ROLLBACK")
            return False
        if rec["outlet"]:
            con.execute("INSERT OR IGNORE INTO outlets (id, name) VALUES (?, ?)", rec["outlet"])
        rowid = _insert(con, "articles", art)
        con.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                    (rowid, art["title"] or "", art["text"]))
        for st in rec["statements"]:
            r = _insert(con, "statements", st)
            con.execute("INSERT INTO statements_fts (rowid, source_text, content) VALUES (?, ?, ?)",
                        (r, st["source_text"] or "", st["content"] or ""))
        for table in ("events", "figures", "places"):
            for row in rec[table]:
                _insert(con, table, row)
        con.execute("INSERT OR REPLACE INTO corpus_meta (key, value) VALUES ('derived_stale', '1')")
        con.execute("COMMIT")
        return True
    except BaseException:
        con.execute("ROLLBACK")
        raise
