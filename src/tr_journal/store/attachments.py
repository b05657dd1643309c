"""SQL of the attachments aggregate: the ``attachments`` rows and their ``attachment_chunks``.

An original is stored as 1 MiB chunks (``idx`` 0, 1, ...) of an ordinary rowid table, so one
chunk is one point lookup. A removed attachment keeps its row (marked ``removed``, chunks
deleted) so its id is never reused and the chain's events still name something.

The same bytes attached twice are stored once (docs/record-format.md, "The same file twice"):
the second row's ``content_of`` names the row whose chunks hold them, and every chunk read goes
through :data:`_HOLDER`. Removing the row that holds them hands the chunks to a row that still
links to it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlcipher3

from tr_journal.domain import Attachment
from tr_journal.errors import NotFound

_COLUMNS = "a.public_id, a.name, a.size, a.sha256, a.media_type, a.metadata, a.imported_at, a.salt"


def _attachment(row: tuple[Any, ...]) -> Attachment:
    public_id, name, size, sha256, media_type, metadata, imported_at, salt = row
    return Attachment(
        str(public_id),
        str(name),
        int(size),
        str(sha256),
        str(media_type),
        json.loads(metadata),
        str(imported_at),
        salt=None if salt is None else str(salt),
    )


def metadata_json(metadata: Mapping[str, Any]) -> str:
    return json.dumps(metadata, ensure_ascii=False, sort_keys=True)


def of_entry(conn: sqlcipher3.Connection, entry_public_id: str) -> list[Attachment]:
    """The live attachments of an entry, in import order."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM attachments a JOIN entries e ON e.id = a.entry_id "
        "WHERE e.public_id = ? AND a.removed = 0 ORDER BY a.id",
        (entry_public_id,),
    ).fetchall()
    return [_attachment(r) for r in rows]


def of_entries(
    conn: sqlcipher3.Connection, entry_public_ids: list[str]
) -> dict[str, list[Attachment]]:
    """The live attachments of several entries at once (a timeline page), in import order."""
    if not entry_public_ids:
        return {}
    marks = ",".join("?" * len(entry_public_ids))
    rows = conn.execute(
        f"SELECT e.public_id, {_COLUMNS} FROM attachments a JOIN entries e "
        f"ON e.id = a.entry_id WHERE a.removed = 0 AND e.public_id IN ({marks}) ORDER BY a.id",
        entry_public_ids,
    ).fetchall()
    result: dict[str, list[Attachment]] = {}
    for row in rows:
        result.setdefault(str(row[0]), []).append(_attachment(row[1:]))
    return result


def find(conn: sqlcipher3.Connection, attachment_public_id: str) -> tuple[int, Attachment]:
    """``(row id, attachment)`` of a live attachment (``E0001-A1``); :class:`NotFound` else."""
    row = conn.execute(
        f"SELECT a.id, {_COLUMNS} FROM attachments a WHERE a.public_id = ? AND a.removed = 0",
        (attachment_public_id.strip().upper(),),
    ).fetchone()
    if row is None:
        raise NotFound(id=attachment_public_id)
    return int(row[0]), _attachment(row[1:])


def count_for_entry(conn: sqlcipher3.Connection, entry_rowid: int) -> int:
    """Attachments ever added to the entry, removed ones included (ids are never reused)."""
    return int(
        conn.execute(
            "SELECT count(*) FROM attachments WHERE entry_id = ?", (entry_rowid,)
        ).fetchone()[0]
    )


def insert_placeholder(
    conn: sqlcipher3.Connection, public_id: str, entry_rowid: int, name: str, imported_at: str
) -> int:
    """The row the chunks hang on, before the size, hash and type are known; its row id."""
    cur = conn.execute(
        "INSERT INTO attachments (public_id, entry_id, name, size, sha256, media_type, "
        "metadata, imported_at) VALUES (?, ?, ?, 0, '', 'application/octet-stream', '{}', ?)",
        (public_id, entry_rowid, name, imported_at),
    )
    return int(cur.lastrowid)


def complete(conn: sqlcipher3.Connection, rowid: int, attachment: Attachment) -> None:
    """Record what was learnt while storing and probing the chunks, and the salt its event's
    commitment was made with (docs/record-format.md, "Salted originals")."""
    conn.execute(
        "UPDATE attachments SET size = ?, sha256 = ?, media_type = ?, metadata = ?, salt = ? "
        "WHERE id = ?",
        (
            attachment.size,
            attachment.sha256,
            attachment.media_type,
            metadata_json(attachment.metadata),
            attachment.salt,
            rowid,
        ),
    )


def mark_removed(conn: sqlcipher3.Connection, rowid: int) -> None:
    """Keep a tombstone row; delete the chunks unless a live row links to them, in which case
    they pass to that row (and the other links follow)."""
    heir = conn.execute(
        "SELECT min(id) FROM attachments WHERE content_of = ? AND removed = 0", (rowid,)
    ).fetchone()[0]
    if heir is None:
        conn.execute("DELETE FROM attachment_chunks WHERE attachment_id = ?", (rowid,))
    else:
        conn.execute(
            "UPDATE attachment_chunks SET attachment_id = ? WHERE attachment_id = ?", (heir, rowid)
        )
        conn.execute("UPDATE attachments SET content_of = NULL WHERE id = ?", (heir,))
        conn.execute(
            "UPDATE attachments SET content_of = ? WHERE content_of = ? AND id != ?",
            (heir, rowid, heir),
        )
    conn.execute("UPDATE attachments SET removed = 1 WHERE id = ?", (rowid,))


def same_bytes(
    conn: sqlcipher3.Connection, sha256: str, size: int
) -> tuple[int | None, list[Attachment]]:
    """``(row id holding the bytes, live attachments with them)`` for this SHA-256 and size;
    ``(None, [])`` when the vault does not hold them."""
    rows = conn.execute(
        f"SELECT coalesce(a.content_of, a.id), {_COLUMNS} FROM attachments a "
        "WHERE a.sha256 = ? AND a.size = ? AND a.removed = 0 ORDER BY a.id",
        (sha256, size),
    ).fetchall()
    return (int(rows[0][0]) if rows else None), [_attachment(r[1:]) for r in rows]


def any_of_size(conn: sqlcipher3.Connection, size: int) -> bool:
    """Whether a live attachment has this size (else no need to hash a file before storing)."""
    return (
        conn.execute(
            "SELECT 1 FROM attachments WHERE size = ? AND removed = 0 LIMIT 1", (size,)
        ).fetchone()
        is not None
    )


def link(conn: sqlcipher3.Connection, rowid: int, holder_rowid: int) -> None:
    """Make ``rowid`` read its bytes from ``holder_rowid``'s chunks."""
    conn.execute("UPDATE attachments SET content_of = ? WHERE id = ?", (holder_rowid, rowid))


def live_hashes(conn: sqlcipher3.Connection) -> list[tuple[str, str, str | None]]:
    """``(attachment id, SHA-256, salt or None)`` of every live attachment (the vault's
    self-check recomputes what each one's event recorded)."""
    rows = conn.execute("SELECT public_id, sha256, salt FROM attachments WHERE removed = 0")
    return [(str(a), str(b), None if c is None else str(c)) for a, b, c in rows]


# -- chunks --------------------------------------------------------------------------------
#: the row whose chunks hold an attachment's bytes (itself, or the one it links to)
_HOLDER = "(SELECT coalesce(content_of, id) FROM attachments WHERE id = ?)"


def insert_chunk(conn: sqlcipher3.Connection, rowid: int, idx: int, data: bytes) -> None:
    conn.execute(
        "INSERT INTO attachment_chunks (attachment_id, idx, data) VALUES (?, ?, ?)",
        (rowid, idx, data),
    )


def chunk_count(conn: sqlcipher3.Connection, rowid: int) -> int:
    return int(
        conn.execute(
            f"SELECT count(*) FROM attachment_chunks WHERE attachment_id = {_HOLDER}", (rowid,)
        ).fetchone()[0]
    )


def chunk(conn: sqlcipher3.Connection, rowid: int, idx: int) -> bytes | None:
    """One chunk's bytes (decrypted by SQLCipher), or None if there is no such chunk."""
    row = conn.execute(
        f"SELECT data FROM attachment_chunks WHERE attachment_id = {_HOLDER} AND idx = ?",
        (rowid, idx),
    ).fetchone()
    return None if row is None else bytes(row[0])


def chunk_lengths(conn: sqlcipher3.Connection, rowid: int) -> list[int]:
    """Length of each stored chunk, in order (``length()`` does not load the blob)."""
    rows = conn.execute(
        f"SELECT length(data) FROM attachment_chunks WHERE attachment_id = {_HOLDER} ORDER BY idx",
        (rowid,),
    ).fetchall()
    return [int(r[0]) for r in rows]
