"""Database schema and forward-only migrations.

``PRAGMA user_version`` holds the schema version. A vault whose version is newer than
:data:`SCHEMA_VERSION` is refused without writing (a newer app made it).
"""

from __future__ import annotations

import sqlcipher3

from tr_journal.store.imports import IMPORTS_STEP
from tr_journal.store.stats_schema import DECLARED_STEP, FACTS_VIEW, STATS_STEP

SCHEMA_VERSION = 9

_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    occurred_utc TEXT NOT NULL,
    channel TEXT,
    current_rev INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entries_by_time ON entries (deleted, occurred_utc DESC, id DESC);
CREATE TABLE revisions (
    entry_id INTEGER NOT NULL REFERENCES entries (id),
    rev INTEGER NOT NULL,
    body TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    PRIMARY KEY (entry_id, rev)
);
CREATE TABLE search_text (
    entry_id INTEGER PRIMARY KEY REFERENCES entries (id),
    text TEXT NOT NULL,
    digits TEXT NOT NULL
);
CREATE VIRTUAL TABLE search_fts USING fts5 (
    text, digits, content = 'search_text', content_rowid = 'entry_id', tokenize = 'trigram'
);
CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN
    INSERT INTO search_fts (rowid, text, digits) VALUES (new.entry_id, new.text, new.digits);
END;
CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN
    INSERT INTO search_fts (search_fts, rowid, text, digits)
        VALUES ('delete', old.entry_id, old.text, old.digits);
END;
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    entry_id INTEGER NOT NULL REFERENCES entries (id),
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    imported_at TEXT NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_by_entry ON attachments (entry_id);
CREATE TABLE attachment_chunks (
    attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (attachment_id, idx)
);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    at_utc TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE drafts (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
"""

# RFC 3161 time stamps (docs/timestamps.md): requests waiting for a reply, and the replies
# recorded as ``stamp.imported`` events. SQL that reads and writes them: store/stamps.py.
_V2_STAMPS = """
CREATE TABLE stamp_requests (
    id INTEGER PRIMARY KEY,
    created_utc TEXT NOT NULL,
    head_seq INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    nonce TEXT NOT NULL,
    tsq BLOB NOT NULL
);
CREATE TABLE stamps (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    request_id INTEGER NOT NULL REFERENCES stamp_requests (id),
    head_seq INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    gen_time TEXT NOT NULL,
    tsa_name TEXT NOT NULL,
    serial TEXT NOT NULL,
    root TEXT NOT NULL,
    tsr BLOB NOT NULL,
    chain_pem TEXT NOT NULL,
    imported_utc TEXT NOT NULL
);
"""

# Record format 2 (docs/record-format.md, docs/bundle-format.md "Event versions"): each event
# keeps the version it was written in; the events already there are version 1 and stay so.
# The entries' channel column and the patterns' facts read a format-1 ``relative`` as ``other``
# (the revisions themselves are never rewritten).
_V5_EVENT_VERSIONS = f"""
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE entries SET channel = 'other' WHERE channel = 'relative';
DROP VIEW entry_facts_source;
{FACTS_VIEW}
DELETE FROM entry_facts WHERE channel = 'relative';
INSERT INTO entry_facts SELECT * FROM entry_facts_source
    WHERE entry_id NOT IN (SELECT entry_id FROM entry_facts);
"""

# The same bytes attached twice are stored once (docs/record-format.md, "The same file twice"):
# a row may read its chunks from another row's.
_V6_SHARED_ORIGINALS = """
ALTER TABLE attachments ADD COLUMN content_of INTEGER REFERENCES attachments (id);
CREATE INDEX attachments_by_sha256 ON attachments (sha256, size) WHERE removed = 0;
"""

# Transcripts and translations of attachments, as revisions like entries (docs/record-format.md,
# "Transcripts"); SQL: store/transcripts.py.
_V7_TRANSCRIPTS = """
CREATE TABLE transcripts (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    attachment_id INTEGER NOT NULL REFERENCES attachments (id),
    current_rev INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX transcripts_by_attachment ON transcripts (attachment_id);
CREATE TABLE transcript_revisions (
    transcript_id INTEGER NOT NULL REFERENCES transcripts (id),
    rev INTEGER NOT NULL,
    body TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    PRIMARY KEY (transcript_id, rev)
);
"""

# Salted originals (docs/record-format.md, "Salted originals"): each original stored from now on
# has 128 random bits hashed with its SHA-256 into what its event records; the originals already
# there keep NULL, and their events the file's SHA-256 (events are never rewritten).
_V9_ORIGINAL_SALTS = """
ALTER TABLE attachments ADD COLUMN salt TEXT;
"""

# Months and weeks of the patterns on the date the person declared (store/stats_schema.py).
MIGRATIONS: dict[int, str] = {
    1: _V1,
    2: _V2_STAMPS,
    3: STATS_STEP,
    4: IMPORTS_STEP,
    5: _V5_EVENT_VERSIONS,
    6: _V6_SHARED_ORIGINALS,
    7: _V7_TRANSCRIPTS,
    8: DECLARED_STEP,
    9: _V9_ORIGINAL_SALTS,
}


def migrate(conn: sqlcipher3.Connection) -> None:
    """Bring the schema to :data:`SCHEMA_VERSION`, each step in its own transaction."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(current + 1, SCHEMA_VERSION + 1):
        try:
            script = MIGRATIONS[version]
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
