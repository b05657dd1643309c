"""SQL of the time-stamp tables (schema step 2; docs/timestamps.md).

``stamp_requests`` keeps every request the vault wrote, so a reply carried back days later can
be checked against the very nonce and imprint that were sent. ``stamps`` keeps each accepted
reply's bytes and what was verified about it. Functions run inside the caller's transaction
or read lock; they take and return typed rows, never dicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlcipher3

from tr_journal.canonical import sha256_hex
from tr_journal.errors import N_, Sentence


@dataclass(frozen=True)
class RequestRow:
    id: int
    created_utc: str
    head_seq: int
    head_hash: str
    nonce: int
    tsq: bytes


@dataclass(frozen=True)
class StampRow:
    public_id: str
    request_id: int
    head_seq: int
    head_hash: str
    gen_time: str
    tsa_name: str
    serial: str
    root: str
    tsr: bytes
    chain_pem: str
    imported_utc: str


_REQUEST_COLUMNS = "id, created_utc, head_seq, head_hash, nonce, tsq"
_STAMP_COLUMNS = (
    "public_id, request_id, head_seq, head_hash, gen_time, tsa_name, serial, root, "
    "tsr, chain_pem, imported_utc"
)


def _request(row: Any) -> RequestRow:
    rid, created, seq, head, nonce, tsq = row
    return RequestRow(int(rid), str(created), int(seq), str(head), int(nonce), bytes(tsq))


def _stamp(row: Any) -> StampRow:
    public_id, request_id, seq, head, gen_time, tsa, serial, root, tsr, chain, imported = row
    return StampRow(
        str(public_id),
        int(request_id),
        int(seq),
        str(head),
        str(gen_time),
        str(tsa),
        str(serial),
        str(root),
        bytes(tsr),
        str(chain),
        str(imported),
    )


def insert_request(
    conn: sqlcipher3.Connection,
    created_utc: str,
    head_seq: int,
    head_hash: str,
    nonce: int,
    tsq: bytes,
) -> int:
    """Keep a request; the nonce is stored as text (it may exceed SQLite's 64-bit integers)."""
    cursor = conn.execute(
        "INSERT INTO stamp_requests (created_utc, head_seq, head_hash, nonce, tsq) "
        "VALUES (?, ?, ?, ?, ?)",
        (created_utc, head_seq, head_hash, str(nonce), tsq),
    )
    return int(cursor.lastrowid or 0)


def request_by_nonce(conn: sqlcipher3.Connection, nonce: int) -> RequestRow | None:
    row = conn.execute(
        f"SELECT {_REQUEST_COLUMNS} FROM stamp_requests WHERE nonce = ?", (str(nonce),)
    ).fetchone()
    return None if row is None else _request(row)


def pending_count(conn: sqlcipher3.Connection) -> int:
    """Requests with no stamp recorded yet."""
    return int(
        conn.execute(
            "SELECT count(*) FROM stamp_requests WHERE id NOT IN (SELECT request_id FROM stamps)"
        ).fetchone()[0]
    )


def stamp_with_reply(conn: sqlcipher3.Connection, tsr: bytes) -> StampRow | None:
    """The stamp already recorded from these very reply bytes, if any."""
    row = conn.execute(f"SELECT {_STAMP_COLUMNS} FROM stamps WHERE tsr = ?", (tsr,)).fetchone()
    return None if row is None else _stamp(row)


def next_stamp_id(conn: sqlcipher3.Connection) -> str:
    """``S0001``, ``S0002``…: the subject id of the ``stamp.imported`` event."""
    last = conn.execute("SELECT max(id) FROM stamps").fetchone()[0]
    return f"S{int(last or 0) + 1:04d}"


def insert_stamp(conn: sqlcipher3.Connection, stamp: StampRow) -> None:
    conn.execute(
        f"INSERT INTO stamps ({_STAMP_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            stamp.public_id,
            stamp.request_id,
            stamp.head_seq,
            stamp.head_hash,
            stamp.gen_time,
            stamp.tsa_name,
            stamp.serial,
            stamp.root,
            stamp.tsr,
            stamp.chain_pem,
            stamp.imported_utc,
        ),
    )


def all_stamps(conn: sqlcipher3.Connection) -> list[StampRow]:
    rows = conn.execute(f"SELECT {_STAMP_COLUMNS} FROM stamps ORDER BY id").fetchall()
    return [_stamp(r) for r in rows]


def covered_seq(conn: sqlcipher3.Connection) -> int:
    """The highest chain position a recorded stamp covers (0: none)."""
    return int(conn.execute("SELECT coalesce(max(head_seq), 0) FROM stamps").fetchone()[0])


def uncovered_entries(conn: sqlcipher3.Connection, after_seq: int) -> int:
    """Current entries with a revision or an attachment recorded after ``after_seq``.

    Such an entry's latest state is not yet inside any stamped chain head. Entry events name
    the entry; attachment events name the attachment, so those go through ``attachments``.
    """
    return int(
        conn.execute(
            "SELECT count(*) FROM entries e WHERE e.deleted = 0 AND ("
            " EXISTS (SELECT 1 FROM events v WHERE v.subject_id = e.public_id AND v.seq > ?"
            "         AND v.kind IN ('entry.created', 'entry.revised'))"
            " OR EXISTS (SELECT 1 FROM attachments a JOIN events v ON v.subject_id = a.public_id"
            "            WHERE a.entry_id = e.id AND a.removed = 0 AND v.seq > ?"
            "            AND v.kind = 'attachment.added'))",
            (after_seq, after_seq),
        ).fetchone()[0]
    )


def current_entries(conn: sqlcipher3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM entries WHERE deleted = 0").fetchone()[0])


def request_der(conn: sqlcipher3.Connection, request_id: int) -> bytes:
    """The DER bytes of a kept request (they travel in a bundle beside their reply)."""
    return bytes(
        conn.execute("SELECT tsq FROM stamp_requests WHERE id = ?", (request_id,)).fetchone()[0]
    )


def stamp_problems(conn: sqlcipher3.Connection, events: list[dict[str, Any]]) -> list[Sentence]:
    """For ``tr-journal check``: each kept reply must be the one its ``stamp.imported`` event
    recorded (the event holds the SHA-256 of the reply's bytes)."""
    recorded = {
        (e["subject_id"], e["content_sha256"]) for e in events if e["kind"] == "stamp.imported"
    }
    return [
        Sentence(N_("time stamp {stamp} does not match its event"), stamp=row.public_id)
        for row in all_stamps(conn)
        if (row.public_id, sha256_hex(row.tsr)) not in recorded
    ]
