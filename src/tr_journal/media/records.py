"""Attachment rows as the CLI, GUI and bundle see them (``show --json`` shape, design §4)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlcipher3

COLUMNS = "a.public_id, a.name, a.size, a.sha256, a.media_type, a.metadata, a.imported_at"


def _row_to_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    public_id, name, size, sha256, media_type, metadata, imported_at = row
    return {"id": public_id, "name": name, "size": size, "sha256": sha256,
            "media_type": media_type, "metadata": json.loads(metadata),
            "imported_at": imported_at}


def list_attachments(conn: sqlcipher3.Connection, entry_public_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM attachments a JOIN entries e ON e.id = a.entry_id "
        "WHERE e.public_id = ? AND a.removed = 0 ORDER BY a.id", (entry_public_id,)).fetchall()
    return [_row_to_dict(r) for r in rows]


def attachment_counts(conn: sqlcipher3.Connection, entry_ids: list[str]) -> dict[str, list[str]]:
    """Media types of the live attachments of each entry (for timeline icons)."""
    if not entry_ids:
        return {}
    marks = ",".join("?" * len(entry_ids))
    rows = conn.execute(
        f"SELECT e.public_id, a.media_type FROM attachments a JOIN entries e "
        f"ON e.id = a.entry_id WHERE a.removed = 0 AND e.public_id IN ({marks}) ORDER BY a.id",
        entry_ids).fetchall()
    result: dict[str, list[str]] = {}
    for public_id, media_type in rows:
        result.setdefault(public_id, []).append(media_type)
    return result


def attachment_row(conn: sqlcipher3.Connection, attachment_public_id: str) -> dict[str, Any]:
    """One live attachment by its id (``E0001-A1``); raise :class:`NotFound` otherwise."""
    from tr_journal.errors import NotFound

    row = conn.execute(f"SELECT {COLUMNS}, a.id FROM attachments a "
                       "WHERE a.public_id = ? AND a.removed = 0",
                       (attachment_public_id.strip().upper(),)).fetchone()
    if row is None:
        raise NotFound(id=attachment_public_id)
    result = _row_to_dict(row[:-1])
    result["rowid"] = row[-1]
    return result


def iter_chunks(conn: sqlcipher3.Connection, attachment_public_id: str) -> Iterator[bytes]:
    """The original bytes, chunk by chunk, in order (never the whole file in memory)."""
    rowid = attachment_row(conn, attachment_public_id)["rowid"]
    count = conn.execute("SELECT count(*) FROM attachment_chunks WHERE attachment_id = ?",
                         (rowid,)).fetchone()[0]
    for idx in range(count):
        row = conn.execute("SELECT data FROM attachment_chunks WHERE attachment_id = ? AND idx = ?",
                           (rowid, idx)).fetchone()
        yield bytes(row[0])
