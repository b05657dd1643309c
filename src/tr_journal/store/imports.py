"""The provenance of imported entries: which export file, which row (docs/imports.md).

One row per imported entry. ``(source_sha256, row_key)`` is unique, which is what makes
importing the same file again add nothing; the ``entry.imported`` event of the chain carries the
SHA-256 of the canonical provenance record kept here.
"""

from __future__ import annotations

import sqlcipher3

IMPORTS_STEP = """
CREATE TABLE import_provenance (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries (id),
    format TEXT NOT NULL,
    source_name TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    row_key TEXT NOT NULL,
    record TEXT NOT NULL,
    imported_utc TEXT NOT NULL,
    UNIQUE (source_sha256, row_key)
);
CREATE INDEX import_provenance_by_key ON import_provenance (format, row_key);
CREATE INDEX import_provenance_by_entry ON import_provenance (entry_id);
"""


def already_imported(
    conn: sqlcipher3.Connection, source_sha256: str, row_key: str, kind: str | None = None
) -> bool:
    """Whether this row of this file (or, with ``kind``, this content) is already an entry."""
    if kind is not None:
        row = conn.execute(
            "SELECT 1 FROM import_provenance WHERE format = ? AND row_key = ?", (kind, row_key)
        ).fetchone()
    else:
        row = conn.execute(
            "SELECT 1 FROM import_provenance WHERE source_sha256 = ? AND row_key = ?",
            (source_sha256, row_key),
        ).fetchone()
    return row is not None


def record_provenance(
    conn: sqlcipher3.Connection,
    entry_public_id: str,
    kind: str,
    source_name: str,
    source_sha256: str,
    row_key: str,
    record: str,
    at_utc: str,
) -> None:
    conn.execute(
        "INSERT INTO import_provenance (entry_id, format, source_name, source_sha256, row_key, "
        "record, imported_utc) SELECT id, ?, ?, ?, ?, ?, ? FROM entries WHERE public_id = ?",
        (kind, source_name, source_sha256, row_key, record, at_utc, entry_public_id),
    )


def provenance_of(conn: sqlcipher3.Connection, entry_public_id: str) -> list[str]:
    """The canonical provenance records of an entry (JSON text, as hashed into the chain)."""
    rows = conn.execute(
        "SELECT p.record FROM import_provenance p JOIN entries e ON e.id = p.entry_id "
        "WHERE e.public_id = ? ORDER BY p.id",
        (entry_public_id,),
    ).fetchall()
    return [str(r[0]) for r in rows]


def all_records(conn: sqlcipher3.Connection) -> list[tuple[str, str]]:
    """(entry public id, canonical record) of every provenance record, for the vault's full
    check: each must hash to an ``entry.imported`` event of its entry."""
    rows = conn.execute(
        "SELECT e.public_id, p.record FROM import_provenance p JOIN entries e ON e.id = p.entry_id "
        "ORDER BY p.id"
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def current_entries_from(conn: sqlcipher3.Connection, source_sha256: str) -> list[tuple[str, str]]:
    """(export file name, entry public id) of every current entry imported from the export
    whose SHA-256 is ``source_sha256``, in import order; deleted entries are left out."""
    rows = conn.execute(
        "SELECT p.source_name, e.public_id FROM import_provenance p "
        "JOIN entries e ON e.id = p.entry_id "
        "WHERE p.source_sha256 = ? AND e.deleted = 0 ORDER BY p.id",
        (source_sha256,),
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]
