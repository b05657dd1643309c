"""What the entry form keeps while a person types: drafts in the vault's ``drafts`` table.

A draft is encrypted like everything in the vault, never a plain file. There is one per form
("entry:new" for a new entry, "entry:E0003" while editing E0003); saving the entry deletes it in
the same transaction (:func:`tr_journal.journal.actions.save_entry`). Each function here is one
user action and opens its own transaction; the SQL is in :mod:`tr_journal.store.drafts`.
"""

from __future__ import annotations

from tr_journal.domain import Draft, draft_name
from tr_journal.store import drafts as store
from tr_journal.timeutil import now_utc_text
from tr_journal.vault import Vault


def save_draft(vault: Vault, draft: Draft) -> None:
    """Keep (or replace) the form's draft."""
    with vault.transaction() as tx:
        store.put(tx, draft, now_utc_text())


def discard_draft(vault: Vault, public_id: str | None) -> None:
    """Throw away the draft of the form for ``public_id`` (None: the new-entry form)."""
    with vault.transaction() as tx:
        store.delete(tx, draft_name(public_id))


def newest_draft(vault: Vault) -> Draft | None:
    """The most recently saved draft (offered back after unlocking), or None."""
    with vault.reading() as conn:
        return store.newest(conn)
