"""The audit chain: every change is an event linked to the previous one by hash.

``hash = SHA-256(canonical JSON of seq, at_utc, kind, subject_id, content_sha256, prev_hash)``.
Events carry no content, only opaque ids and content hashes, so the whole chain can travel in
an evidence bundle without disclosing undisclosed entries. :func:`verify_events` is pure so the
bundle verifier checks a chain with the very same code the vault uses; it reads plain JSON
objects (a bundle's ``events.jsonl``, or :meth:`Event.to_json` of the vault's own events).
See docs/architecture.md ("The audit chain") and docs/bundle-format.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from tr_journal.canonical import canonical_sha256
from tr_journal.domain import Event, EventKind
from tr_journal.domain.event import EVENT_FIELDS, EVENT_VERSION, EVENT_VERSIONS
from tr_journal.errors import N_, Sentence

if TYPE_CHECKING:  # the bundle verifier imports this module and needs no database
    import sqlcipher3

GENESIS_HASH = "0" * 64


def event_hash(event: Mapping[str, Any]) -> str:
    """SHA-256 of the event without its hash; the ``v`` of a version-2 or -3 event is inside."""
    hashed = {k: event[k] for k in EVENT_FIELDS if k != "hash"}
    if "v" in event:
        hashed["v"] = event["v"]
    return canonical_sha256(hashed)


def event_version(event: Mapping[str, Any]) -> int | None:
    """1 for an event without ``v`` (written before versions), 2 or 3 for ``"v": 2`` or
    ``"v": 3``; None for anything else (no writer writes ``"v": 1`` or an unknown version)."""
    if "v" not in event:
        return 1
    version = event["v"]
    return version if type(version) is int and version in EVENT_VERSIONS[1:] else None


def next_event(
    head: tuple[int, str] | None, kind: EventKind, subject_id: str, content_sha256: str, at_utc: str
) -> Event:
    """The event that follows ``head`` (``(seq, hash)`` of the last event; None: the first)."""
    seq, prev = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    fields = {
        "seq": seq,
        "at_utc": at_utc,
        "kind": kind.value,
        "subject_id": subject_id,
        "content_sha256": content_sha256,
        "prev_hash": prev,
        "v": EVENT_VERSION,
    }
    return Event(
        seq, at_utc, kind, subject_id, content_sha256, prev, event_hash(fields), EVENT_VERSION
    )


def append_event(
    conn: sqlcipher3.Connection, kind: EventKind, subject_id: str, content_sha256: str, at_utc: str
) -> Event:
    """Append one event inside the caller's transaction and return it."""
    from tr_journal.store import events  # lazy: the bundle verifier needs no sqlcipher3

    event = next_event(events.head(conn), EventKind(kind), subject_id, content_sha256, at_utc)
    events.insert(conn, event)
    return event


def all_events(conn: sqlcipher3.Connection) -> list[Event]:
    from tr_journal.store import events  # lazy: the bundle verifier needs no sqlcipher3

    return events.all_events(conn)


def verify_events(
    events: Iterable[Mapping[str, Any] | Event], max_problems: int | None = None
) -> list[Sentence]:
    """Problems found in a chain, each a precise sentence (empty list = intact).

    A bundle's events arrive as parsed JSON (anything may be missing or mistyped); the vault's
    own as :class:`Event`, checked through the same JSON form. With ``max_problems``, stop
    reading once that many are found: the bundle verifier streams a chain that may be hostile,
    and each bad line could add three sentences.
    """
    problems: list[Sentence] = []
    prev_hash, expected_seq, prev_version = GENESIS_HASH, 1, 1
    for item in events:
        if max_problems is not None and len(problems) >= max_problems:
            return problems[:max_problems]
        event = item.to_json() if isinstance(item, Event) else item
        # seq is a number and the rest text; anything else (a forged "3") counts as missing
        missing = [
            k for k in EVENT_FIELDS if not isinstance(event.get(k), int if k == "seq" else str)
        ]
        if missing:
            problems.append(
                Sentence(
                    N_("event {seq} lacks {fields}"), seq=expected_seq, fields=", ".join(missing)
                )
            )
            return problems
        seq = event["seq"]
        if seq != expected_seq:
            problems.append(
                Sentence(
                    N_("event {seq} stands where event {expected} was expected"),
                    seq=seq,
                    expected=expected_seq,
                )
            )
        if event["prev_hash"] != prev_hash:
            problems.append(
                Sentence(N_("event {seq} does not link to the event before it"), seq=seq)
            )
        if event_hash(event) != event["hash"]:
            problems.append(
                Sentence(
                    N_("event {seq} ({kind} {subject}) was altered"),
                    seq=seq,
                    kind=event["kind"],
                    subject=event["subject_id"],
                )
            )
        version = event_version(event)
        if version is None:
            problems.append(
                Sentence(N_("event {seq} is of a format this verifier does not know"), seq=seq)
            )
        elif version < prev_version:
            problems.append(
                Sentence(N_("event {seq} is of an older format than the event before it"), seq=seq)
            )
        prev_version = version or prev_version
        prev_hash, expected_seq = event["hash"], seq + 1
    if expected_seq == 1:
        problems.append(Sentence(N_("the chain is empty")))
    return problems
