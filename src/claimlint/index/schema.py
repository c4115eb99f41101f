"""The claims index: an SQLite database an editor can query (see docs/index.md).

Bump SCHEMA_VERSION when a table changes; an index of another version is rebuilt.
"""

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- One row per article file under the archive root.
CREATE TABLE IF NOT EXISTS documents (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL UNIQUE,  -- as claimlint prints it
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    digest       TEXT NOT NULL,         -- sha256 of the decoded text
    cache_key    TEXT NOT NULL,         -- claimlint version, rule packs and settings
    format       TEXT NOT NULL,         -- markdown | html | text
    title        TEXT NOT NULL,
    metadata     TEXT NOT NULL,         -- JSON [[name, value], ...]
    suppressions TEXT NOT NULL,         -- JSON, claimlint-disable comments
    notices      TEXT NOT NULL,         -- JSON list of warnings from reading
    error        TEXT,                  -- why the article could not be read (NULL when read)
    indexed_at   TEXT NOT NULL
);
-- Every numeric claim. identity is what CL102 compares (NULL: not comparable).
CREATE TABLE IF NOT EXISTS claims (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    "column"    INTEGER NOT NULL,
    end_line    INTEGER NOT NULL,
    end_column  INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    low         REAL,
    high        REAL,
    unit        TEXT NOT NULL,
    qualifiers  TEXT NOT NULL,          -- words joined by U+001F, e.g. "about"
    comparison  INTEGER NOT NULL,
    approximate INTEGER NOT NULL,
    treatment   TEXT,
    country     TEXT,
    variant     TEXT,
    measure     TEXT,
    sources     TEXT NOT NULL,          -- joined by U+001F, e.g. "country:row"
    context     TEXT NOT NULL,
    block_index INTEGER NOT NULL,
    identity    TEXT
);
CREATE INDEX IF NOT EXISTS claims_by_document ON claims(document_id);
CREATE INDEX IF NOT EXISTS claims_by_identity ON claims(identity) WHERE identity IS NOT NULL;
-- Findings of the single-document rules, before suppression comments are applied.
CREATE TABLE IF NOT EXISTS findings (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    finding     TEXT NOT NULL           -- JSON, as `claimlint check --format json`
);
CREATE INDEX IF NOT EXISTS findings_by_document ON findings(document_id);
-- Each completed audit and everything it reported (after suppression).
CREATE TABLE IF NOT EXISTS audits (
    id          INTEGER PRIMARY KEY,
    root        TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    cache_key   TEXT NOT NULL,
    documents   INTEGER NOT NULL,
    claims      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_findings (
    audit_id    INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    line        INTEGER NOT NULL,
    rule        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    message     TEXT NOT NULL,
    finding     TEXT NOT NULL           -- JSON, as `claimlint check --format json`
);
CREATE INDEX IF NOT EXISTS audit_findings_by_audit ON audit_findings(audit_id);
"""
