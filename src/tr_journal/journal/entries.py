"""Entries as revisions: an edit adds a revision, a deletion leaves a tombstone event.

A revision object ``{"rev", "saved_at", "fields"}`` is stored as its canonical JSON, and its
SHA-256 is the ``content_sha256`` of the ``entry.created``/``entry.revised`` event, exactly as it
will appear in a bundle's ``entries.json``. All functions run inside the caller's transaction.
"""

from __future__ import annotations

import json
from typing import Any

import sqlcipher3

from tr_journal.canonical import canonical_json, canonical_sha256, sha256_hex
from tr_journal.errors import NotFound
from tr_journal.journal import search
from tr_journal.journal.chain import append_event
from tr_journal.journal.fields import normalise_fields
from tr_journal.timeutil import now_utc_text


def entry_public_id(rowid: int) -> str:
    return f"E{rowid:04d}"

def _row_id(conn: sqlcipher3.Connection, public_id: str, *, allow_deleted: bool = False) -> int:
    row = conn.execute("SELECT id, deleted FROM entries WHERE public_id = ?",
                       (public_id.strip().upper(),)).fetchone()
    if row is None or (row[1] and not allow_deleted):
        raise NotFound(id=public_id)
    return int(row[0])

def _store_revision(conn: sqlcipher3.Connection, entry_id: int, rev: int,
                    fields: dict[str, Any], saved_at: str) -> str:
    revision = {"rev": rev, "saved_at": saved_at, "fields": fields}
    body = canonical_json(revision)
    digest = sha256_hex(body)
    conn.execute("INSERT INTO revisions (entry_id, rev, body, content_sha256) VALUES (?,?,?,?)",
                 (entry_id, rev, body.decode("utf-8"), digest))
    search.index_entry(conn, entry_id, fields)
    return digest

def add_entry(conn: sqlcipher3.Connection, raw: dict[str, Any]) -> str:
    """Insert a new entry; return its public id (``E0001``)."""
    saved_at = now_utc_text()
    raw = {**raw, "recorded_at": raw.get("recorded_at") or saved_at}
    fields, occurred_utc = normalise_fields(raw)
    cur = conn.execute(
        "INSERT INTO entries (public_id, occurred_utc, channel, current_rev) VALUES (?,?,?,1)",
        ("pending", occurred_utc, fields.get("channel")))
    entry_id = int(cur.lastrowid)
    public_id = entry_public_id(entry_id)
    conn.execute("UPDATE entries SET public_id = ? WHERE id = ?", (public_id, entry_id))
    digest = _store_revision(conn, entry_id, 1, fields, saved_at)
    append_event(conn, "entry.created", public_id, digest, saved_at)
    return public_id

def revise_entry(conn: sqlcipher3.Connection, public_id: str, raw: dict[str, Any]) -> int:
    """Add a revision replacing the entry's fields; return the new revision number."""
    entry_id = _row_id(conn, public_id)
    current = current_fields(conn, entry_id)
    fields, occurred_utc = normalise_fields(raw, previous=current)
    rev = int(conn.execute("SELECT current_rev FROM entries WHERE id = ?",
                           (entry_id,)).fetchone()[0]) + 1
    saved_at = now_utc_text()
    digest = _store_revision(conn, entry_id, rev, fields, saved_at)
    conn.execute("UPDATE entries SET current_rev = ?, occurred_utc = ?, channel = ? WHERE id = ?",
                 (rev, occurred_utc, fields.get("channel"), entry_id))
    append_event(conn, "entry.revised", entry_public_id(entry_id), digest, saved_at)
    return rev

def delete_entry(conn: sqlcipher3.Connection, public_id: str) -> None:
    """Tombstone: the content is erased, the event keeps only the hash of what was there."""
    entry_id = _row_id(conn, public_id)
    digests = [r[0] for r in conn.execute(
        "SELECT content_sha256 FROM revisions WHERE entry_id = ? ORDER BY rev", (entry_id,))]
    conn.execute("DELETE FROM revisions WHERE entry_id = ?", (entry_id,))
    search.unindex_entry(conn, entry_id)
    conn.execute("UPDATE entries SET deleted = 1 WHERE id = ?", (entry_id,))
    append_event(conn, "entry.deleted", entry_public_id(entry_id),
                 canonical_sha256(digests), now_utc_text())

def current_fields(conn: sqlcipher3.Connection, entry_id: int) -> dict[str, Any]:
    row = conn.execute(
        "SELECT r.body FROM revisions r JOIN entries e ON e.id = r.entry_id "
        "AND r.rev = e.current_rev WHERE e.id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFound(id=entry_public_id(entry_id))
    fields: dict[str, Any] = json.loads(row[0])["fields"]
    return fields

def revisions(conn: sqlcipher3.Connection, public_id: str) -> list[dict[str, Any]]:
    """Every revision object of an entry, oldest first, exactly as hashed."""
    entry_id = _row_id(conn, public_id)
    rows = conn.execute("SELECT body FROM revisions WHERE entry_id = ? ORDER BY rev",
                        (entry_id,)).fetchall()
    return [json.loads(r[0]) for r in rows]

def entry_view(conn: sqlcipher3.Connection, entry_id: int, public_id: str, rev: int
               ) -> dict[str, Any]:
    """The entry as ``show --json`` prints it: id, revision and the current fields."""
    row = conn.execute("SELECT body FROM revisions WHERE entry_id = ? AND rev = ?",
                       (entry_id, rev)).fetchone()
    revision = json.loads(row[0])
    return {"id": public_id, "revision": rev, "saved_at": revision["saved_at"],
            **revision["fields"]}

def get_entry(conn: sqlcipher3.Connection, public_id: str) -> dict[str, Any]:
    entry_id = _row_id(conn, public_id)
    rev = int(conn.execute("SELECT current_rev FROM entries WHERE id = ?",
                           (entry_id,)).fetchone()[0])
    return entry_view(conn, entry_id, entry_public_id(entry_id), rev)

def list_entries(conn: sqlcipher3.Connection, limit: int = 50, offset: int = 0,
                 since_utc: str | None = None, until_utc: str | None = None,
                 channel: str | None = None, ids: list[int] | None = None
                 ) -> list[dict[str, Any]]:
    """Current entries, newest incident first.

    With ``ids`` (a search's or a figure's entries), the rows are fetched by id: "+" keeps
    SQLite from walking the time index over every entry to find them (docs/integrity.md).
    """
    clauses, params = ["+e.deleted = 0" if ids is not None else "e.deleted = 0"], []
    if since_utc:
        clauses.append("e.occurred_utc >= ?")
        params.append(since_utc)
    if until_utc:
        clauses.append("e.occurred_utc <= ?")
        params.append(until_utc)
    if channel:
        clauses.append("e.channel = ?")
        params.append(channel)
    if ids is not None:
        clauses.append(f"e.id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    sql = (f"SELECT e.id, e.public_id, e.current_rev, r.body FROM entries e "
           f"JOIN revisions r ON r.entry_id = e.id AND r.rev = e.current_rev "
           f"WHERE {' AND '.join(clauses)} ORDER BY e.occurred_utc DESC, e.id DESC "
           f"LIMIT ? OFFSET ?")
    rows = conn.execute(sql, (*params, limit, offset)).fetchall()
    result = []
    for _rowid, public_id, rev, body in rows:
        revision = json.loads(body)
        result.append({"id": public_id, "revision": rev, "saved_at": revision["saved_at"],
                       **revision["fields"]})
    return result

def count_entries(conn: sqlcipher3.Connection) -> int:
    """Current entries, from the maintained tallies: the timeline asks at every refresh, and
    counting the rows took 20-100 ms on 100,000 entries (docs/integrity.md)."""
    from tr_journal.store.stats import entry_count

    return entry_count(conn)
