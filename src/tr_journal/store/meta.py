"""SQL of the vault's own settings: the ``meta`` table (signing seed, vault id, header format,
the last clean check (:mod:`tr_journal.store.integrity_log`)).

These are the vault's settings, kept encrypted inside it; the desktop app's preferences
(language, auto-lock) are a small JSON file outside it (:mod:`tr_journal.settings`).
"""

from __future__ import annotations

import sqlcipher3

SIGNING_SEED = "signing_seed"
VAULT_ID = "vault_id"
HEADER_FORMAT = "header_format"


def put(conn: sqlcipher3.Connection, key: str, value: bytes | str) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))


def get_bytes(conn: sqlcipher3.Connection, key: str) -> bytes:
    return bytes(conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0])


def replace(conn: sqlcipher3.Connection, key: str, value: bytes | str) -> None:
    """Set ``key`` whether or not it was there."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def get_text(conn: sqlcipher3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])
