"""Removing an attachment: the bytes go, a tombstone stays (issue 3).

The ``attachments`` row is kept, marked removed, so its id is never reused and the chain's
``attachment.added`` event still names something; the ``attachment.removed`` event carries what
the ``attachment.added`` event recorded (never content): the salted commitment, or the file's
SHA-256 for an original stored before salts, so removing a file reveals no more of it than adding
it did (docs/record-format.md, "Salted originals"). The chunk rows are deleted in the same
transaction; their pages are only reclaimed (and overwritten in the file) by :func:`vacuum`,
which the user asks for.
"""

from __future__ import annotations

import sqlcipher3

from tr_journal.domain import EventKind, RemovedAttachment
from tr_journal.errors import DiskFull
from tr_journal.fsutil import is_disk_full
from tr_journal.journal.chain import append_event
from tr_journal.store import attachments as store
from tr_journal.store import connection
from tr_journal.timeutil import now_utc_text
from tr_journal.vault import Vault


def remove_attachment(conn: sqlcipher3.Connection, attachment_public_id: str) -> RemovedAttachment:
    """Inside the caller's transaction; raise ``NotFound`` for an unknown or removed id."""
    rowid, attachment = store.find(conn, attachment_public_id)
    store.mark_removed(conn, rowid)
    event = append_event(
        conn, EventKind.ATTACHMENT_REMOVED, attachment.id, attachment.event_content, now_utc_text()
    )
    return RemovedAttachment(attachment.id, attachment.sha256, event.hash)


def detach(vault: Vault, attachment_public_id: str) -> RemovedAttachment:
    """Remove an attachment as one user action (its own transaction)."""
    with vault.transaction() as tx:
        return remove_attachment(tx, attachment_public_id)


def vacuum(vault: Vault) -> None:
    """Rewrite the database so freed pages (removed originals) leave the file.

    ``VACUUM`` cannot run inside a transaction; the vault's lock keeps other statements out.
    A WAL checkpoint afterwards truncates the log, which could still hold old pages.
    """
    with vault.reading() as conn:
        try:
            connection.vacuum(conn)
        except sqlcipher3.Error as exc:
            if is_disk_full(exc):
                raise DiskFull() from exc
            raise
