"""SQL of the entry form's drafts: the ``drafts`` table (one row per form, encrypted)."""

from __future__ import annotations

import json

import sqlcipher3

from tr_journal.domain import Draft


def put(conn: sqlcipher3.Connection, draft: Draft, saved_at: str) -> None:
    body = json.dumps(
        {"public_id": draft.public_id, "fields": dict(draft.fields)},
        ensure_ascii=False,
        sort_keys=True,
    )
    conn.execute(
        "INSERT OR REPLACE INTO drafts (name, body, saved_at) VALUES (?, ?, ?)",
        (draft.name, body, saved_at),
    )


def delete(conn: sqlcipher3.Connection, name: str) -> None:
    conn.execute("DELETE FROM drafts WHERE name = ?", (name,))


def newest(conn: sqlcipher3.Connection) -> Draft | None:
    """The most recently saved draft, or None."""
    row = conn.execute("SELECT body FROM drafts ORDER BY saved_at DESC, name LIMIT 1").fetchone()
    if row is None:
        return None
    stored = json.loads(row[0])
    return Draft(stored.get("public_id"), dict(stored.get("fields") or {}))
