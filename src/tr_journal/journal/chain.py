"""The audit chain: every change is an event linked to the previous one by hash (design §4).

``hash = SHA-256(canonical JSON of seq, at_utc, kind, subject_id, content_sha256, prev_hash)``.
Events carry no content, only opaque ids and content hashes, so the whole chain can travel in
an evidence bundle without disclosing undisclosed entries. :func:`verify_events` is pure so the
bundle verifier checks a chain with the very same code the vault uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlcipher3

from tr_journal.canonical import canonical_sha256

GENESIS_HASH = "0" * 64
EVENT_KINDS = ("vault.created", "entry.created", "entry.revised", "entry.deleted",
               "attachment.added", "attachment.removed", "export.created",
               "passphrase.changed", "key.rotated", "recovery.changed")
EVENT_FIELDS = ("seq", "at_utc", "kind", "subject_id", "content_sha256", "prev_hash", "hash")


def event_hash(event: dict[str, Any]) -> str:
    return canonical_sha256({k: event[k] for k in EVENT_FIELDS if k != "hash"})


def append_event(conn: sqlcipher3.Connection, kind: str, subject_id: str,
                 content_sha256: str, at_utc: str) -> dict[str, Any]:
    """Append one event inside the caller's transaction and return it."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {kind}")
    last = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    event = {"seq": seq, "at_utc": at_utc, "kind": kind, "subject_id": subject_id,
             "content_sha256": content_sha256, "prev_hash": prev}
    event["hash"] = event_hash(event)
    conn.execute(
        "INSERT INTO events (seq, at_utc, kind, subject_id, content_sha256, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", tuple(event[k] for k in EVENT_FIELDS))
    return event


def all_events(conn: sqlcipher3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(f"SELECT {', '.join(EVENT_FIELDS)} FROM events ORDER BY seq").fetchall()
    return [dict(zip(EVENT_FIELDS, row, strict=True)) for row in rows]


def verify_events(events: Iterable[dict[str, Any]]) -> list[str]:
    """Problems found in a chain, each a precise English sentence (empty list = intact)."""
    problems: list[str] = []
    prev_hash, expected_seq = GENESIS_HASH, 1
    for event in events:
        missing = [k for k in EVENT_FIELDS if not isinstance(event.get(k), int | str)]
        if missing:
            problems.append(f"event {expected_seq} lacks {', '.join(missing)}")
            return problems
        seq = event["seq"]
        if seq != expected_seq:
            problems.append(f"event {seq} stands where event {expected_seq} was expected")
        if event["prev_hash"] != prev_hash:
            problems.append(f"event {seq} does not link to the event before it")
        if event_hash(event) != event["hash"]:
            problems.append(f"event {seq} ({event['kind']} {event['subject_id']}) was altered")
        prev_hash, expected_seq = event["hash"], seq + 1
    if expected_seq == 1:
        problems.append("the chain is empty")
    return problems
