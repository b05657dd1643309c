"""What the entry form keeps while a person types: drafts in the vault's ``drafts`` table.

A draft is encrypted like everything in the vault, never a plain file. There is one per form
("entry:new" for a new entry, "entry:E0003" while editing E0003); saving the entry deletes it in
the same transaction. These functions run on the worker (or, at lock time, on the UI thread once
the worker is idle).
"""

from __future__ import annotations

import json
from typing import Any

import sqlcipher3

from tr_journal.timeutil import now_utc_text
from tr_journal.vault import Vault

NEW_DRAFT = "entry:new"


def draft_name(public_id: str | None) -> str:
    return f"entry:{public_id}" if public_id else NEW_DRAFT


def draft_body(public_id: str | None, fields: dict[str, Any]) -> str:
    return json.dumps({"public_id": public_id, "fields": fields}, ensure_ascii=False,
                      sort_keys=True)


def write_draft(vault: Vault, name: str, body: str) -> None:
    with vault.transaction() as tx:
        tx.execute("INSERT OR REPLACE INTO drafts (name, body, saved_at) VALUES (?, ?, ?)",
                   (name, body, now_utc_text()))


def delete_draft(conn: sqlcipher3.Connection, name: str) -> None:
    """Inside the caller's transaction (the entry's save, or a discard)."""
    conn.execute("DELETE FROM drafts WHERE name = ?", (name,))


def newest_draft(vault: Vault) -> dict[str, Any] | None:
    """``{"public_id", "fields"}`` of the most recent draft, or None."""
    with vault.reading() as conn:
        row = conn.execute("SELECT body FROM drafts ORDER BY saved_at DESC, name "
                           "LIMIT 1").fetchone()
    return None if row is None else dict(json.loads(row[0]))
