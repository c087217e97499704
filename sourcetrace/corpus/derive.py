"""Recompute the cross-article tables of a corpus database, deterministically.

Run at the end of every ingest that stored something (and by ``sourcetrace
ingest --rederive``): near-duplicate groups, canonical sources, claims, their
statements with side and independence key, and contradictions.  Everything
is derived from the stored articles in a fixed order, in one transaction, so
the result depends only on which articles are stored, never on the order or
the number of runs that stored them.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from typing import Optional
from collections import defaultdict

from . import claims as claimmod
from . import neardup
from .relay import same_outlet
from .sources import canonicalise

SUPPORT = {"asserts", "confirms", "speculates"}
MAX_CONTRADICTIONS_PER_CLAIM = 50


def _denial_cue(cue: str) -> bool:
    """A cue with a verb or noun of denial, read with the stance module's own lexicon ("denied", "rejected", "a
    rebuttal")."""
    from ..extract.stance import DENY, lexicon_form

    return any(lexicon_form(w) in DENY for w in re.findall(r"[a-z]+", cue.lower()))


def polarity(stance: str, content: str, negated: Optional[int] = None, cue: Optional[str] = None) -> int:
    """+1 asserts the proposition, -1 denies it, 0 neither.

    ``negated`` is the analysis' reading of the content's main clause (``Statement.negated``, stored since
    schema v3): an assertion of a negated content ("Russia had not supplied weapons") is -1; a denial is -1,
    and +1 only where a verb of denial meets a negated content ("denied that it had not paid"): a denial
    read from the content itself ("said no such meeting had taken place") is one negation, not two. A
    negation outside the main clause ("... detention without trial, but not for Britons") changes nothing.
    Rows stored before the flag existed (``negated`` NULL) fall back to any negative word in the content."""
    if negated is None:
        neg = claimmod.is_negated(content or "")
        if stance == "denies":
            return 1 if neg else -1
        if stance in SUPPORT:
            return -1 if neg else 1
        return 0
    if stance == "denies":
        return 1 if negated and cue and _denial_cue(cue) else -1
    if stance in SUPPORT:
        return -1 if negated else 1
    return 0


def _speaker(s: dict) -> str:
    """The canonical source behind a statement, whatever its origin: "Blair told the BBC" has the BBC as its origin
    (a relayed interview) and Blair as its speaker, who does not contradict himself."""
    sid = s["source_id"]
    return f"source:{sid}" if sid and ":" not in sid else s["origin"]


def sides(members: list[dict]) -> list[str]:
    """supports | denies | other for each statement of a claim. The claim's proposition is
    the positive one when any statement asserts it; when every statement is negative
    ("divers found no damage"), the negative content is itself the proposition."""
    pols = [polarity(m["stance"], m["content"], m.get("negated"), m.get("cue")) for m in members]
    # a report nested inside another report of the same claim ("I don't think [the threat is overplayed]", "We
    # thought [texting might slow down] but ...") is a piece of its container, which the article's source said:
    # the container's reading is the one that counts, the piece takes no side of its own
    ids = {m["id"] for m in members if m.get("id")}
    pols = [0 if m.get("nested_in") and m["nested_in"] in ids else p for m, p in zip(members, pols)]
    ref = 1 if 1 in pols else -1
    return ["other" if p == 0 else ("supports" if p == ref else "denies") for p in pols]


def rederive(con: sqlite3.Connection) -> dict:
    con.execute("BEGIN IMMEDIATE")
    try:
        stats = _rederive(con)
        con.execute("INSERT OR REPLACE INTO corpus_meta (key, value) VALUES ('derived_stale', '0')")
        con.execute("COMMIT")
        return stats
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _rederive(con: sqlite3.Connection) -> dict:
    for t in ("contradictions", "claim_events", "claim_statements", "claims", "dup_groups"):
        con.execute(f"DELETE FROM {t}")
    con.execute("UPDATE statements SET source_id = NULL")
    con.execute("UPDATE articles SET dup_group = NULL")
    con.execute("DELETE FROM sources")

    # 1. near-duplicate groups ------------------------------------------------
    arts = {r["id"]: dict(r) for r in con.execute(
        "SELECT a.id, a.date, a.outlet_id, o.name AS outlet, a.wire, a.relays, a.derivative, a.minhash "
        "FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.id")}
    roots = neardup.group([(aid, a["minhash"]) for aid, a in arts.items()])
    members = defaultdict(list)
    for aid, root in roots.items():
        members[root].append(aid)
    group_of = {}
    for root, ids in sorted(members.items()):
        ids.sort(key=lambda i: (arts[i]["date"] or "9999", i))
        gid = ids[0]
        outlets = sorted({arts[i]["outlet"] for i in ids if arts[i]["outlet"]})
        con.execute("INSERT INTO dup_groups (id, n_articles, first_date, outlets) VALUES (?, ?, ?, ?)",
                    (gid, len(ids), arts[gid]["date"], json.dumps(outlets, ensure_ascii=False)))
        for i in ids:
            group_of[i] = gid
    con.executemany("UPDATE articles SET dup_group = ? WHERE id = ?", [(g, a) for a, g in sorted(group_of.items())])

    def origin_outlet(aid: str, relayed: bool = True) -> str:
        """The outlet a statement of this article comes from: the outlet it relays (for its
        unattributed statements), else the wire in its dateline, else its copy group's first outlet."""
        a = arts[aid]
        first = arts[group_of[aid]]
        return ((a["relays"] if relayed else None) or a["wire"] or first["wire"] or first["outlet"] or a["outlet"]
                or f"article {group_of[aid]}")

    # 2. canonical sources -------------------------------------------------------
    rows = [dict(r) for r in con.execute(
        "SELECT id, article_id, source_text, source_resolved, source_type, source_named, source_anonymous "
        "FROM statements WHERE source_text IS NOT NULL ORDER BY id")]

    def text_of(aid: str) -> str:
        return con.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()[0]

    assign, sources = canonicalise(rows, text_of, article_ids=list(arts))
    per_source_arts = defaultdict(set)
    per_source_n = defaultdict(int)
    for st_id, sid in assign.items():
        per_source_arts[sid].add(st_id.split(":", 1)[0])
        per_source_n[sid] += 1
    con.executemany("INSERT INTO sources (id, name, type, aliases, n_articles, n_statements) VALUES (?, ?, ?, ?, ?, ?)",
                    [(sid, s["name"], s["type"], json.dumps(sorted(s["aliases"]), ensure_ascii=False),
                      len(per_source_arts[sid]), per_source_n[sid]) for sid, s in sorted(sources.items())])
    con.executemany("UPDATE statements SET source_id = ? WHERE id = ?", [(s, i) for i, s in sorted(assign.items())])

    # 3. claims ------------------------------------------------------------------
    sts = [dict(r) for r in con.execute(
        "SELECT s.id, s.article_id, s.stance, s.content, s.negated, s.cue, s.nested_in, s.source_id, s.source_text, "
        "s.source_anonymous, s.relays, a.date FROM statements s JOIN articles a ON a.id = s.article_id "
        "WHERE s.content IS NOT NULL AND s.content != '' ORDER BY s.id")]
    labels = claimmod.cluster([s["content"] for s in sts])
    clusters = defaultdict(list)
    for s, lab in zip(sts, labels):
        clusters[lab].append(s)
    n_claims = n_contested = 0
    for lab in sorted(clusters):
        mem = sorted(clusters[lab], key=lambda s: (s["date"] or "9999", s["id"]))
        cid = "c" + hashlib.sha1("|".join(sorted(s["id"] for s in mem)).encode()).hexdigest()[:10]
        for s, side in zip(mem, sides(mem)):
            s["side"] = side
        for s in mem:
            if s["relays"]:
                s["origin"] = f"outlet:{s['relays']}"
            elif s["source_id"] and ":" not in s["source_id"]:   # a canonical source (per-article ids hold ':')
                s["origin"] = f"source:{s['source_id']}"
            elif s["source_id"]:
                # anonymous or unresolved pronoun: one origin per outlet that published it
                s["origin"] = f"anon:{origin_outlet(s['article_id'], relayed=False)}:{s['source_id'].split(':', 1)[1]}"
            else:
                s["origin"] = f"outlet:{origin_outlet(s['article_id'])}"
        # a statement relayed from outlet X adds no origin when X's own report is in the claim
        own = {o.lower() for s in mem for o in (arts[s["article_id"]]["outlet"], arts[s["article_id"]]["wire"]) if o}
        for s in mem:
            if s["relays"] and any(same_outlet(s["relays"], o) for o in own):
                s["origin"] = "relay:" + s["relays"]
        sup = [s for s in mem if s["side"] == "supports"]
        den = [s for s in mem if s["side"] == "denies"]
        indep_for = {s["origin"] for s in sup if not s["origin"].startswith("relay:")}
        indep_against = {s["origin"] for s in den if not s["origin"].startswith("relay:")}
        label_st = (sup or mem)[0]
        dates = [s["date"] for s in mem if s["date"]]
        outlets = {arts[s["article_id"]]["outlet"] for s in mem} - {None, ""}   # known outlets only
        reports = {group_of[s["article_id"]] for s in mem}
        # one contradiction per (asserting origin, denying origin): its earliest statements. A
        # source that both asserts and denies (a negated aside, a retraction) contradicts no one
        # else: the claim is contested only when two different origins take opposite sides.
        seen, pairs = set(), []
        for a in sup:
            for d in den:
                key = (a["origin"], d["origin"])
                if (a["origin"] != d["origin"] and _speaker(a) != _speaker(d) and key not in seen
                        and claimmod.opposed(a["content"], d["content"], by_content=d["stance"] in SUPPORT)):
                    seen.add(key)
                    pairs.append((a, d))
        pairs = pairs[:MAX_CONTRADICTIONS_PER_CLAIM]
        contested = int(bool(pairs))
        con.execute(
            "INSERT INTO claims (id, label, first_seen, last_seen, n_statements, n_reports, n_outlets, n_supporting, "
            "n_denying, independent_for, independent_against, contested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (cid, label_st["content"], min(dates) if dates else None, max(dates) if dates else None, len(mem),
             len(reports), len(outlets), len(sup), len(den), len(indep_for), len(indep_against), contested))
        con.executemany(
            "INSERT INTO claim_statements (claim_id, statement_id, article_id, side, origin) VALUES (?,?,?,?,?)",
            [(cid, s["id"], s["article_id"], s["side"], s["origin"]) for s in mem])
        if contested:
            n_contested += 1
            con.executemany(
                "INSERT INTO contradictions (claim_id, asserting_statement, denying_statement, asserted_by, denied_by, "
                "asserted_on, denied_on) VALUES (?,?,?,?,?,?,?)",
                [(cid, a["id"], d["id"], _who(a), _who(d), a["date"], d["date"]) for a, d in pairs])
        n_claims += 1
    n_event_claims = _event_claims(con, arts, group_of, origin_outlet)
    return {"groups": len(members), "sources": len(sources), "claims": n_claims + n_event_claims,
            "contested": n_contested}


EVENT_SIDE = {"asserted": "supports", "alleged": "supports", "denied": "denies", "negated": "denies"}


def _event_claims(con, arts, group_of, origin_outlet) -> int:
    """Link events to the claims of the statements that report them; group the events reported
    without a statement by (type, actor, target, time) across articles into event claims."""
    claim_of_stmt = dict(con.execute("SELECT statement_id, claim_id FROM claim_statements"))
    loose = defaultdict(list)
    linked = []
    for ev in con.execute("SELECT e.*, a.date FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.id"):
        ev = dict(ev)
        if ev.get("confidence") == "low":
            continue  # the verb's default reading as an unspecified act: mostly no event at all
        side = EVENT_SIDE.get(ev["modality"] or "asserted", "other")
        origin = f"outlet:{origin_outlet(ev['article_id'])}"
        claims = sorted({claim_of_stmt[s] for s in json.loads(ev["statement_ids"] or "[]") if s in claim_of_stmt})
        if claims:
            linked += [(c, ev["id"], ev["article_id"], side, origin) for c in claims]
            continue
        actor = ev["actor_code"] or (ev["actor"] or "").lower()
        target = ev["target_code"] or (ev["target"] or "").lower()
        if not (actor and target):
            # "talks were held", "Tony Blair sought …": too vague to be one event across articles
            continue
        if ev["actor"] and (ev["actor"] or "").lower() == (ev["target"] or "").lower():
            # the coding convention's own-country target ("people in England voted" → England):
            # no second participant the text names, so as vague as an event without a target
            continue
        # the same kind of act too ("attacked"/"attacks", not "attacked"/"shelled")
        trigger = claimmod.stem((ev["trigger"] or "").split()[-1].lower()) if (ev["trigger"] or "").split() else ""
        loose[(ev["type"], actor, target, ev["time_value"] or "", trigger)].append(dict(ev, side=side, origin=origin))
    con.executemany("INSERT OR IGNORE INTO claim_events (claim_id, event_id, article_id, side, origin) VALUES (?,?,?,?,?)",
                    linked)
    n = 0
    for key in sorted(loose):
        evs = sorted(loose[key], key=lambda e: (e["date"] or "9999", e["id"]))
        cid = "e" + hashlib.sha1("|".join(sorted(e["id"] for e in evs)).encode()).hexdigest()[:10]
        etype, actor, target, when, _trigger = key
        first = evs[0]
        label = f"{etype}: {first['actor'] or '?'} → {first['target'] or '?'}" + (f" ({when})" if when else "") + \
            f" — “{first['trigger']}”"
        sup = [e for e in evs if e["side"] == "supports"]
        den = [e for e in evs if e["side"] == "denies"]
        dates = [e["date"] for e in evs if e["date"]]
        outlets = {arts[e["article_id"]]["outlet"] for e in evs} - {None, ""}
        con.execute(
            "INSERT INTO claims (id, label, first_seen, last_seen, n_statements, n_reports, n_outlets, n_supporting, "
            "n_denying, independent_for, independent_against, contested, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'event')",
            (cid, label, min(dates) if dates else None, max(dates) if dates else None, 0,
             len({group_of[e["article_id"]] for e in evs}), len(outlets), len(sup), len(den),
             len({e["origin"] for e in sup}), len({e["origin"] for e in den}),
             int(any(_same_participants(a, d) for a in sup for d in den))))
        con.executemany("INSERT INTO claim_events (claim_id, event_id, article_id, side, origin) VALUES (?,?,?,?,?)",
                        [(cid, e["id"], e["article_id"], e["side"], e["origin"]) for e in evs])
        n += 1
    return n


def _named_alike(a: Optional[str], b: Optional[str]) -> bool:
    """Two participants of one country code that a reader would take for the same: they share a word ("the Russian
    government" / "the government"), or both are names ("Moscow" / "Russia" / "the Kremlin"). "Berlin" and "the
    group's Opel workers", both coded DEU, are not."""
    wa = set(re.findall(r"[a-z]+", (a or "").lower())) - claimmod._stop()
    wb = set(re.findall(r"[a-z]+", (b or "").lower())) - claimmod._stop()
    if wa & wb:
        return True

    def name(t: Optional[str]) -> bool:
        words = re.findall(r"[\w'’]+", re.sub(r"^the\s+", "", (t or "").strip(), flags=re.I))
        return bool(words) and all(w[0].isupper() for w in words)
    return name(a) and name(b)


def _same_participants(a: dict, d: dict) -> bool:
    """An event claim is contested only when an asserted and a denied report name their participants alike: the
    claim groups events by country code, too coarse to say that one report contradicts another."""
    return _named_alike(a["actor"], d["actor"]) and _named_alike(a["target"], d["target"])


def _who(s: dict) -> str:
    kind, _, rest = s["origin"].partition(":")
    return rest.split(":")[-1] if kind == "anon" else rest
