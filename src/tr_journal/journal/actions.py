"""The journal's user actions, each one transaction: what the command line and the app call.

The functions of :mod:`tr_journal.journal.entries` run inside a transaction someone else opened;
these open it, so the boundary of an action (what commits together, what rolls back together)
is decided here once, for the command line and the desktop app alike. Reads take the vault's
lock (:meth:`Vault.reading`) for their duration only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tr_journal.domain import Attachment, Entry, Revision, draft_name
from tr_journal.domain.transcript import Transcript
from tr_journal.journal import entries, importer, search, transcripts
from tr_journal.media import records
from tr_journal.store import drafts as draft_store
from tr_journal.vault import Vault


def save_entry(vault: Vault, public_id: str | None, raw: Mapping[str, Any]) -> str:
    """Add the entry (``public_id`` None) or a revision of it, and drop the form's draft,
    together; return the entry's id."""
    with vault.transaction() as tx:
        if public_id:
            entries.revise_entry(tx, public_id, raw)
            saved = public_id.strip().upper()
        else:
            saved = entries.add_entry(tx, raw)
        draft_store.delete(tx, draft_name(public_id))
    return saved


def add_entry(vault: Vault, raw: Mapping[str, Any]) -> str:
    """A new entry from raw fields; return its id."""
    with vault.transaction() as tx:
        return entries.add_entry(tx, raw)


def revise_entry(vault: Vault, public_id: str, raw: Mapping[str, Any]) -> int:
    """A new revision replacing the entry's fields; return its number."""
    with vault.transaction() as tx:
        return entries.revise_entry(tx, public_id, raw)


def delete_entry(vault: Vault, public_id: str) -> None:
    """Erase the entry's content; the chain keeps a tombstone with its hash."""
    with vault.transaction() as tx:
        entries.delete_entry(tx, public_id)


def import_entries(vault: Vault, path: Path) -> list[str]:
    """Every row of a CSV or JSON-lines file, all or none; return the new ids."""
    with vault.transaction() as tx:
        return importer.import_file(tx, path)


def read_entry(vault: Vault, public_id: str) -> Entry:
    with vault.reading() as conn:
        return entries.get_entry(conn, public_id)


def read_history(vault: Vault, public_id: str) -> tuple[list[Revision], list[Attachment]]:
    """Every revision of an entry (oldest first) and its live files, read together."""
    with vault.reading() as conn:
        return entries.revisions(conn, public_id), records.list_attachments(conn, public_id)


def read_in_full(vault: Vault, public_id: str) -> tuple[Entry, list[Revision], list[Attachment]]:
    """The entry, every revision (oldest first) and its live files, read together."""
    with vault.reading() as conn:
        entry = entries.get_entry(conn, public_id)
        return (entry, entries.revisions(conn, entry.id), records.list_attachments(conn, entry.id))


def list_entries(
    vault: Vault,
    limit: int = 50,
    since_utc: str | None = None,
    until_utc: str | None = None,
    channel: str | None = None,
) -> list[Entry]:
    """Current entries, newest incident first."""
    with vault.reading() as conn:
        return entries.list_entries(
            conn, limit=limit, since_utc=since_utc, until_utc=until_utc, channel=channel
        )


def search_entries(vault: Vault, query: str, limit: int = 50) -> list[Entry]:
    """Current entries matching every term of ``query`` (or its phone number's digits)."""
    with vault.reading() as conn:
        ids = search.matching_ids(conn, query)
        return entries.list_entries(conn, limit=limit, ids=ids) if ids else []


def add_transcript(vault: Vault, attachment_id: str, raw: Mapping[str, Any]) -> Transcript:
    """A new transcript or translation of a file (docs/record-format.md, "Transcripts")."""
    with vault.transaction() as tx:
        return transcripts.add_transcript(tx, attachment_id, raw)


def revise_transcript(vault: Vault, transcript_id: str, raw: Mapping[str, Any]) -> Transcript:
    """A new revision of a transcript; the earlier ones stay in the chain."""
    with vault.transaction() as tx:
        return transcripts.revise_transcript(tx, transcript_id, raw)


def read_transcripts(vault: Vault, attachment_ids: Iterable[str]) -> dict[str, list[Transcript]]:
    """The transcripts of several files read in one snapshot, keyed by file id (oldest first)."""
    with vault.reading() as conn:
        return {a: transcripts.transcripts_of(conn, a) for a in attachment_ids}
