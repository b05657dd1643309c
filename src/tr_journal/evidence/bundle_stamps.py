"""Which recorded time stamps travel in a bundle, and the files and custody lines they make.

A stamp travels when it covers an event of a disclosed entry (its creation, a revision, one of
its attachments): its stamped position is at or after that event. Every event stays in
``events.jsonl``, opaque, so the chain from a disclosed entry up to the stamped head is in the
bundle whatever the selection. Layout and checks: :mod:`tr_journal.evidence.verify_stamps`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tr_journal.canonical import sha256_hex
from tr_journal.evidence.tsp_request import stamped_message
from tr_journal.evidence.verify_stamps import stamp_files
from tr_journal.store import stamps as store

STAMPED_NOTE = (
    "times are declared by the device clock; each time stamp listed under "
    '"stamps" certifies that the event chain up to its covers_seq existed no '
    "later than its gen_time (RFC 3161, data/stamps/)"
)


@dataclass(frozen=True)
class TravellingStamp:
    row: store.StampRow
    tsq: bytes


def covering(
    conn: Any, events: list[dict[str, Any]], disclosed: list[dict[str, Any]]
) -> list[TravellingStamp]:
    """The stamps that cover at least one event of a disclosed entry, oldest first."""
    subjects = {e["id"] for e in disclosed} | {a["id"] for e in disclosed for a in e["attachments"]}
    seqs = [
        e["seq"]
        for e in events
        if e["subject_id"] in subjects
        and e["kind"] in ("entry.created", "entry.revised", "attachment.added")
    ]
    if not seqs:
        return []
    first = min(seqs)
    return [
        TravellingStamp(row, store.request_der(conn, row.request_id))
        for row in store.all_stamps(conn)
        if row.head_seq >= first
    ]


def files(stamps: list[TravellingStamp]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for stamp in stamps:
        paths = stamp_files(stamp.row.public_id)
        out[paths.tsq] = stamp.tsq
        out[paths.tsr] = stamp.row.tsr
        out[paths.head] = stamped_message(stamp.row.head_hash)
        out[paths.chain] = stamp.row.chain_pem.encode("ascii")
    return out


def custody(stamps: list[TravellingStamp]) -> list[dict[str, Any]]:
    """The ``"stamps"`` list of export.json (docs/timestamps.md)."""
    return [
        {
            "id": s.row.public_id,
            "covers_seq": s.row.head_seq,
            "head_hash": s.row.head_hash,
            "gen_time": s.row.gen_time,
            "tsa": s.row.tsa_name,
            "tsr_sha256": sha256_hex(s.row.tsr),
            "root": s.row.root,
        }
        for s in stamps
    ]
