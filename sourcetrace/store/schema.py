"""SQLite schema of a sourcetrace corpus, as versioned migrations (``PRAGMA user_version``).

Tables (see docs/corpus.md):

* per article, written once in one transaction by :mod:`sourcetrace.store.writer`:
  ``articles``, ``outlets``, ``statements``, ``events``, ``figures``, ``places``,
  and the FTS5 indexes ``articles_fts`` (title, text) and ``statements_fts``
  (source, content);
* derived across articles, recomputed deterministically at the end of every
  ingest that added something (:mod:`sourcetrace.corpus.derive`):
  ``sources`` (canonical), ``dup_groups``, ``claims``, ``claim_statements``,
  ``claim_events``, ``contradictions``; and the derived columns ``statements.source_id``,
  ``articles.dup_group``.

Every id is derived from content (article id = first 16 hex digits of the
article's content hash), never from insertion order, so an interrupted and
resumed ingest ends with the same database as an uninterrupted one.
"""

from __future__ import annotations

import sqlite3

V1 = """
CREATE TABLE outlets (
    id TEXT PRIMARY KEY,              -- slug of the name
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,              -- first 16 hex digits of content_hash
    content_hash TEXT NOT NULL UNIQUE,-- sha256 of text + title + outlet + url + date
    input_id TEXT,                    -- the id ingest gave it (file stem, record)
    path TEXT,                        -- file, or file#record
    title TEXT,
    date TEXT,                        -- ISO date, when known
    outlet_id TEXT REFERENCES outlets(id),
    author TEXT,
    url TEXT,
    input_format TEXT,
    dateline TEXT,
    wire TEXT,                        -- agency named in the dateline ("(Reuters)")
    relays TEXT,                      -- outlet this article relays ("according to Reuters" in its lead)
    derivative INTEGER NOT NULL DEFAULT 0,  -- 1: only relays another outlet's report
    dup_group TEXT,                   -- derived: id of its near-duplicate group (dup_groups.id)
    n_statements INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    minhash BLOB,                     -- datasketch MinHash values (near-duplicate grouping)
    analysis TEXT NOT NULL            -- the full Analysis JSON, less its text
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet_id);
CREATE INDEX articles_dup_group ON articles(dup_group);

CREATE TABLE statements (
    id TEXT PRIMARY KEY,              -- article id + ':' + statement id
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    stance TEXT NOT NULL,
    source_text TEXT,
    source_resolved TEXT,
    source_type TEXT,
    source_named INTEGER,
    source_anonymous INTEGER,
    source_id TEXT REFERENCES sources(id),   -- derived: canonical source
    cue TEXT,
    content TEXT,                     -- content spans joined by ' … '
    content_start INTEGER,
    content_end INTEGER,
    hedges TEXT,                      -- JSON list of hedge words
    confidence REAL,
    nested_in TEXT,
    told_to TEXT,
    relays TEXT                       -- outlet the statement is relayed from, when it is
);
CREATE INDEX statements_article ON statements(article_id);
CREATE INDEX statements_source ON statements(source_id);
CREATE INDEX statements_stance ON statements(stance);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type TEXT, mode TEXT, modality TEXT,
    trigger TEXT, trigger_start INTEGER, trigger_end INTEGER,
    actor TEXT, actor_code TEXT, target TEXT, target_code TEXT,
    time_value TEXT, place TEXT,
    statement_ids TEXT                -- JSON list of statements.id
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type);

CREATE TABLE figures (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    statement_id TEXT REFERENCES statements(id),
    text TEXT, value REAL, unit TEXT, measure TEXT, date_value TEXT, source TEXT,
    start INTEGER, "end" INTEGER
);
CREATE INDEX figures_article ON figures(article_id);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT, country TEXT, lat REAL, lon REAL, geonameid INTEGER, dateline INTEGER,
    start INTEGER, "end" INTEGER
);
CREATE INDEX places_article ON places(article_id);
CREATE INDEX places_name ON places(name);

-- derived tables ---------------------------------------------------------
CREATE TABLE sources (
    id TEXT PRIMARY KEY,              -- slug of the canonical name (anonymous: per article)
    name TEXT NOT NULL,
    type TEXT,
    aliases TEXT,                     -- JSON list of the surface forms seen
    n_articles INTEGER, n_statements INTEGER
);

CREATE TABLE dup_groups (
    id TEXT PRIMARY KEY,              -- id of its earliest article
    n_articles INTEGER, first_date TEXT,
    outlets TEXT                      -- JSON list
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,              -- 'c' + 10 hex digits of the hash of its statement ids
    label TEXT NOT NULL,              -- the content of its earliest supporting statement
    first_seen TEXT, last_seen TEXT,
    n_statements INTEGER, n_reports INTEGER, n_outlets INTEGER,
    n_supporting INTEGER, n_denying INTEGER,
    independent_for INTEGER, independent_against INTEGER,
    contested INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claims_first_seen ON claims(first_seen);
CREATE INDEX claims_contested ON claims(contested);

CREATE TABLE claim_statements (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id),
    side TEXT NOT NULL,               -- supports | denies | other
    origin TEXT NOT NULL,             -- independence key: canonical source, or relayed/own outlet
    PRIMARY KEY (claim_id, statement_id)
);
CREATE INDEX claim_statements_statement ON claim_statements(statement_id);

CREATE TABLE contradictions (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    asserting_statement TEXT NOT NULL REFERENCES statements(id),
    denying_statement TEXT NOT NULL REFERENCES statements(id),
    asserted_by TEXT, denied_by TEXT, asserted_on TEXT, denied_on TEXT,
    PRIMARY KEY (claim_id, asserting_statement, denying_statement)
);

CREATE TABLE corpus_meta (key TEXT PRIMARY KEY, value TEXT);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE VIRTUAL TABLE statements_fts USING fts5(source_text, content, content='statements', content_rowid='rowid');
"""

# v2: events in claims. An event reported with statements joins those statements' claims; an event
# reported on its own (no statement) is grouped with the same event in other articles
# (type, actor, target, time) into a claim of kind 'event'.
V2 = """
ALTER TABLE claims ADD COLUMN kind TEXT NOT NULL DEFAULT 'statement';
CREATE TABLE claim_events (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id),
    side TEXT NOT NULL,               -- supports | denies | other (from the event's modality)
    origin TEXT NOT NULL,
    PRIMARY KEY (claim_id, event_id)
);
CREATE INDEX claim_events_event ON claim_events(event_id);
"""

# v3: the analysis' reading of whether a statement's content is negated in its main clause (Statement.negated,
# JSON schema 1.1.0), which decides the side a statement takes in its claim; NULL for rows stored before it
V3 = """
ALTER TABLE statements ADD COLUMN negated INTEGER;
"""

# v4: whether an event's actor / target is named by the text or supplied by a coding convention (Actor.implicit,
# JSON schema 1.2.0); NULL for rows stored before it
V4 = """
ALTER TABLE events ADD COLUMN actor_implicit INTEGER;
ALTER TABLE events ADD COLUMN target_implicit INTEGER;
"""

# v5: which of an event's statements deny it (Event.denied_by, JSON schema 1.3.0): a JSON list of statements.id, a
# subset of statement_ids; and the name a pronoun actor or target stands for (Actor.resolved); NULL for rows stored
# before it
V5 = """
ALTER TABLE events ADD COLUMN denied_by_ids TEXT;
ALTER TABLE events ADD COLUMN actor_resolved TEXT;
ALTER TABLE events ADD COLUMN target_resolved TEXT;
"""

# v6: an event's confidence (Event.confidence, JSON schema 1.4.0): 'low' for a verb read from the dictionary's default
# as an unspecified act; such events join no claim. NULL for rows stored before it (taken as high)
V6 = """
ALTER TABLE events ADD COLUMN confidence TEXT;
"""

MIGRATIONS: list[str] = [V1, V2, V3, V4, V5, V6]
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and on first use create and migrate) a corpus database; WAL mode."""
    if readonly:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    else:
        con = sqlite3.connect(path, timeout=60)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        migrate(con)
    return con


def migrate(con: sqlite3.Connection) -> int:
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"database schema v{version} is newer than this sourcetrace (v{SCHEMA_VERSION})")
    for i in range(version, SCHEMA_VERSION):
        con.execute("BEGIN IMMEDIATE")
        try:
            if con.execute("PRAGMA user_version").fetchone()[0] != i:  # another process migrated it
                con.execute("ROLLBACK")
                continue
            for stmt in _split(MIGRATIONS[i]):
                con.execute(stmt)
            con.execute(f"PRAGMA user_version = {i + 1}")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION


def _split(script: str) -> list[str]:
    """Statements of a migration script (executescript would commit on its own)."""
    out, buf = [], []
    for line in script.splitlines():
        buf.append(line.split("--", 1)[0] if "--" in line and "'" not in line.split("--", 1)[0] else line)
        if sqlite3.complete_statement("\n".join(buf)):
            stmt = "\n".join(buf).strip()
            if stmt.strip(";").strip():
                out.append(stmt)
            buf = []
    return out
