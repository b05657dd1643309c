"""SQL of the entries aggregate: the ``entries`` and ``revisions`` tables.

A revision's body is stored as the canonical JSON that was hashed, so reading it back gives the
very object its event committed to. Every function runs on the caller's connection, inside the
transaction the service opened (or under :meth:`Vault.reading`).
"""

from __future__ import annotations

import json

import sqlcipher3

from tr_journal.domain import Entry, EntryFields, EntryQuery, Revision
from tr_journal.errors import NotFound


def public_id_of(rowid: int) -> str:
    """The id people see (``E0001``), made from the row id."""
    return f"E{rowid:04d}"


def row_id(conn: sqlcipher3.Connection, public_id: str, *, allow_deleted: bool = False) -> int:
    """The row id of a current entry; :class:`NotFound` for an unknown or deleted id."""
    row = conn.execute(
        "SELECT id, deleted FROM entries WHERE public_id = ?", (public_id.strip().upper(),)
    ).fetchone()
    if row is None or (row[1] and not allow_deleted):
        raise NotFound(id=public_id)
    return int(row[0])


def insert_entry(conn: sqlcipher3.Connection, occurred_utc: str, channel: str | None) -> int:
    """A new entry row (revision 1 to follow); return its row id. The public id is set here."""
    cur = conn.execute(
        "INSERT INTO entries (public_id, occurred_utc, channel, current_rev) VALUES (?,?,?,1)",
        ("pending", occurred_utc, None if channel is None else str(channel)),
    )
    rowid = int(cur.lastrowid)
    conn.execute("UPDATE entries SET public_id = ? WHERE id = ?", (public_id_of(rowid), rowid))
    return rowid


def insert_revision(
    conn: sqlcipher3.Connection, entry_rowid: int, rev: int, body: bytes, digest: str
) -> None:
    """Store a revision's canonical JSON (``body``) with its SHA-256."""
    conn.execute(
        "INSERT INTO revisions (entry_id, rev, body, content_sha256) VALUES (?,?,?,?)",
        (entry_rowid, rev, body.decode("utf-8"), digest),
    )


def current_rev(conn: sqlcipher3.Connection, entry_rowid: int) -> int:
    return int(
        conn.execute("SELECT current_rev FROM entries WHERE id = ?", (entry_rowid,)).fetchone()[0]
    )


def set_current(
    conn: sqlcipher3.Connection, entry_rowid: int, rev: int, occurred_utc: str, channel: str | None
) -> None:
    conn.execute(
        "UPDATE entries SET current_rev = ?, occurred_utc = ?, channel = ? WHERE id = ?",
        (rev, occurred_utc, None if channel is None else str(channel), entry_rowid),
    )


def erase(conn: sqlcipher3.Connection, entry_rowid: int) -> list[str]:
    """Delete every revision and mark the entry deleted; return the erased revisions' hashes."""
    digests = [
        str(r[0])
        for r in conn.execute(
            "SELECT content_sha256 FROM revisions WHERE entry_id = ? ORDER BY rev", (entry_rowid,)
        )
    ]
    conn.execute("DELETE FROM revisions WHERE entry_id = ?", (entry_rowid,))
    conn.execute("UPDATE entries SET deleted = 1 WHERE id = ?", (entry_rowid,))
    return digests


#: revision 1's ``saved_at``: a format-1 revision's "Logged at" (docs/record-format.md)
_FIRST_SAVED = (
    "(SELECT json_extract(r1.body, '$.saved_at') FROM revisions r1 "
    "WHERE r1.entry_id = e.id AND r1.rev = 1)"
)


def current_fields(conn: sqlcipher3.Connection, entry_rowid: int) -> EntryFields:
    row = conn.execute(
        f"SELECT r.body, {_FIRST_SAVED} FROM revisions r JOIN entries e ON e.id = r.entry_id "
        "AND r.rev = e.current_rev WHERE e.id = ?",
        (entry_rowid,),
    ).fetchone()
    if row is None:
        raise NotFound(id=public_id_of(entry_rowid))
    return Revision.from_json(json.loads(row[0]), row[1]).fields


def revisions(conn: sqlcipher3.Connection, entry_rowid: int) -> list[Revision]:
    """Every revision of an entry, oldest first, exactly as hashed."""
    rows = conn.execute(
        "SELECT body FROM revisions WHERE entry_id = ? ORDER BY rev", (entry_rowid,)
    ).fetchall()
    stored = [json.loads(r[0]) for r in rows]
    first = str(stored[0]["saved_at"]) if stored else None
    return [Revision.from_json(body, first) for body in stored]


def get(conn: sqlcipher3.Connection, entry_rowid: int) -> Entry:
    row = conn.execute(
        f"SELECT e.public_id, e.current_rev, r.body, {_FIRST_SAVED} FROM entries e "
        "JOIN revisions r "
        "ON r.entry_id = e.id AND r.rev = e.current_rev WHERE e.id = ?",
        (entry_rowid,),
    ).fetchone()
    if row is None:
        raise NotFound(id=public_id_of(entry_rowid))
    return _entry(row[0], row[1], row[2], row[3])


def _entry(public_id: str, rev: int, body: str, first_saved_at: str | None) -> Entry:
    revision = Revision.from_json(json.loads(body), first_saved_at)
    return Entry(str(public_id), int(rev), revision.saved_at, revision.fields, revision.format)


def list_current(conn: sqlcipher3.Connection, query: EntryQuery) -> list[Entry]:
    """Current entries matching ``query``, newest incident first (then newest row).

    With ``ids`` (a search's or a figure's entries), the rows are fetched by id: "+" keeps
    SQLite from walking the time index over every entry to find them (docs/integrity.md).
    """
    clauses = ["+e.deleted = 0" if query.ids is not None else "e.deleted = 0"]
    params = list[object]()
    if query.since_utc:
        clauses.append("e.occurred_utc >= ?")
        params.append(query.since_utc)
    if query.until_utc:
        clauses.append("e.occurred_utc <= ?")
        params.append(query.until_utc)
    if query.channel:
        clauses.append("e.channel = ?")
        params.append(query.channel)
    if query.ids is not None:
        clauses.append(f"e.id IN ({','.join('?' * len(query.ids))})")
        params.extend(query.ids)
    sql = (
        f"SELECT e.public_id, e.current_rev, r.body, {_FIRST_SAVED} FROM entries e "
        f"JOIN revisions r ON r.entry_id = e.id AND r.rev = e.current_rev "
        f"WHERE {' AND '.join(clauses)} ORDER BY e.occurred_utc DESC, e.id DESC "
        f"LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, (*params, query.limit, query.offset)).fetchall()
    return [_entry(*row) for row in rows]


def count_current(conn: sqlcipher3.Connection) -> int:
    """Current entries, from the maintained tallies (docs/patterns.md): the timeline asks at
    every refresh, and counting the rows took 20-100 ms on 100,000 entries."""
    from tr_journal.store.stats import entry_count

    return entry_count(conn)


def selected_ids(
    conn: sqlcipher3.Connection, public_ids: list[str], since_utc: str | None, until_utc: str | None
) -> list[str]:
    """Public ids of current entries among ``public_ids`` (all when empty) within the UTC
    bounds, oldest incident first: the order of a bundle."""
    clauses, params = ["deleted = 0"], list[object]()
    if since_utc:
        clauses.append("occurred_utc >= ?")
        params.append(since_utc)
    if until_utc:
        clauses.append("occurred_utc <= ?")
        params.append(until_utc)
    if public_ids:
        clauses.append(f"public_id IN ({','.join('?' * len(public_ids))})")
        params.extend(public_ids)
    rows = conn.execute(
        f"SELECT public_id FROM entries WHERE {' AND '.join(clauses)} ORDER BY occurred_utc, id",
        params,
    ).fetchall()
    return [str(r[0]) for r in rows]


def all_revision_rows(conn: sqlcipher3.Connection) -> list[tuple[str, int, str, str]]:
    """``(entry id, rev, stored body, recorded hash)`` of every stored revision (the check)."""
    rows = conn.execute(
        "SELECT e.public_id, r.rev, r.body, r.content_sha256 FROM revisions r "
        "JOIN entries e ON e.id = r.entry_id ORDER BY e.id, r.rev"
    ).fetchall()
    return [(str(a), int(b), str(c), str(d)) for a, b, c, d in rows]
