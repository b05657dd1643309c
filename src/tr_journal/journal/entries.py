"""Entries as revisions: an edit adds a revision, a deletion leaves a tombstone event.

A revision (:class:`~tr_journal.domain.Revision`) is stored as its canonical JSON, and its
SHA-256 is the ``content_sha256`` of the ``entry.created``/``entry.revised`` event, exactly as it
will appear in a bundle's ``entries.json`` (docs/bundle-format.md). The SQL is in
:mod:`tr_journal.store.entries`; these functions add the rules (validation, hashing, the search
index, the audit event) and run inside the caller's transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

import sqlcipher3

from tr_journal.canonical import canonical_json, canonical_sha256, sha256_hex
from tr_journal.domain import Entry, EntryFields, EntryQuery, EventKind, Revision
from tr_journal.domain.entry import SALT_HEX_DIGITS
from tr_journal.journal import search
from tr_journal.journal.chain import append_event
from tr_journal.journal.fields import normalise_fields
from tr_journal.store import entries as store
from tr_journal.store import transcripts as transcript_store
from tr_journal.timeutil import now_utc_text

entry_public_id = store.public_id_of


def new_salt() -> str:
    """128 random bits for a new revision, hashed with it (docs/record-format.md)."""
    return secrets.token_hex(SALT_HEX_DIGITS // 2)


def _store_revision(conn: sqlcipher3.Connection, entry_rowid: int, revision: Revision) -> str:
    body = canonical_json(revision.to_json())
    digest = sha256_hex(body)
    store.insert_revision(conn, entry_rowid, revision.rev, body, digest)
    search.index_entry(conn, entry_rowid, revision.fields)
    return digest


def add_entry(conn: sqlcipher3.Connection, raw: Mapping[str, Any]) -> str:
    """Insert a new entry from raw fields (form, command line, import); return its id."""
    saved_at = now_utc_text()
    normalised, occurred_utc = normalise_fields(dict(raw), recorded_at=saved_at)
    fields = EntryFields.from_dict(normalised)
    entry_rowid = store.insert_entry(conn, occurred_utc, fields.channel)
    public_id = entry_public_id(entry_rowid)
    digest = _store_revision(conn, entry_rowid, Revision(1, saved_at, fields, new_salt()))
    append_event(conn, EventKind.ENTRY_CREATED, public_id, digest, saved_at)
    return public_id


def revise_entry(conn: sqlcipher3.Connection, public_id: str, raw: Mapping[str, Any]) -> int:
    """Add a revision replacing the entry's fields; return the new revision number."""
    entry_rowid = store.row_id(conn, public_id)
    current = store.current_fields(conn, entry_rowid)
    normalised, occurred_utc = normalise_fields(dict(raw), previous=current.to_dict())
    fields = EntryFields.from_dict(normalised)
    rev = store.current_rev(conn, entry_rowid) + 1
    saved_at = now_utc_text()
    digest = _store_revision(conn, entry_rowid, Revision(rev, saved_at, fields, new_salt()))
    store.set_current(conn, entry_rowid, rev, occurred_utc, fields.channel)
    append_event(conn, EventKind.ENTRY_REVISED, entry_public_id(entry_rowid), digest, saved_at)
    return rev


def delete_entry(conn: sqlcipher3.Connection, public_id: str) -> None:
    """Tombstone: the content is erased, the event keeps only the hash of what was there."""
    entry_rowid = store.row_id(conn, public_id)
    search.unindex_entry(conn, entry_rowid)
    transcript_store.erase_for_entry(conn, entry_rowid)
    digests = store.erase(conn, entry_rowid)
    append_event(
        conn,
        EventKind.ENTRY_DELETED,
        entry_public_id(entry_rowid),
        canonical_sha256(digests),
        now_utc_text(),
    )


def revisions(conn: sqlcipher3.Connection, public_id: str) -> list[Revision]:
    """Every revision of an entry, oldest first, exactly as hashed."""
    return store.revisions(conn, store.row_id(conn, public_id))


def get_entry(conn: sqlcipher3.Connection, public_id: str) -> Entry:
    return store.get(conn, store.row_id(conn, public_id))


def list_entries(
    conn: sqlcipher3.Connection,
    limit: int = 50,
    offset: int = 0,
    since_utc: str | None = None,
    until_utc: str | None = None,
    channel: str | None = None,
    ids: list[int] | None = None,
) -> list[Entry]:
    """Current entries, newest incident first (see :func:`tr_journal.store.entries.list_current`
    for how a list of ids is read)."""
    return store.list_current(
        conn,
        EntryQuery(
            since_utc, until_utc, channel, None if ids is None else tuple(ids), limit, offset
        ),
    )


def count_entries(conn: sqlcipher3.Connection) -> int:
    """Current entries, from the maintained tallies: the timeline asks at every refresh, and
    counting the rows took 20-100 ms on 100,000 entries (docs/integrity.md)."""
    from tr_journal.store.stats import entry_count

    return entry_count(conn)
