"""SQL of the audit chain: the ``events`` table, append-only."""

from __future__ import annotations

import sqlcipher3

from tr_journal.domain import Event, EventKind
from tr_journal.domain.event import EVENT_FIELDS
from tr_journal.errors import N_, VaultCorrupt


def head(conn: sqlcipher3.Connection) -> tuple[int, str] | None:
    """``(seq, hash)`` of the last event, or None for an empty chain."""
    row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def hash_at(conn: sqlcipher3.Connection, seq: int) -> str | None:
    """The hash of event ``seq``, or None if there is no such event."""
    row = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else str(row[0])


def insert(conn: sqlcipher3.Connection, event: Event) -> None:
    conn.execute(
        f"INSERT INTO events ({', '.join(EVENT_FIELDS)}, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.seq,
            event.at_utc,
            event.kind.value,
            event.subject_id,
            event.content_sha256,
            event.prev_hash,
            event.hash,
            event.version,
        ),
    )


def all_events(conn: sqlcipher3.Connection) -> list[Event]:
    """The whole chain, in order."""
    rows = conn.execute(
        f"SELECT {', '.join(EVENT_FIELDS)}, version FROM events ORDER BY seq"
    ).fetchall()
    return [
        Event(
            int(seq),
            str(at),
            _kind(kind),
            str(subject),
            str(content),
            str(prev),
            str(digest),
            int(version),
        )
        for seq, at, kind, subject, content, prev, digest, version in rows
    ]


def _kind(text: str) -> EventKind:
    try:
        return EventKind(text)
    except ValueError:
        raise VaultCorrupt(detail=N_("the database failed its integrity check")) from None
