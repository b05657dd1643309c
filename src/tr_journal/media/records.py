"""Attachment rows as the CLI, GUI and bundle see them (``show --json`` shape, design §4)."""

from __future__ import annotations

import json
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
