"""The audit chain: every change is an event linked to the previous one by hash (design §4).

``hash = SHA-256(canonical JSON of seq, at_utc, kind, subject_id, content_sha256, prev_hash)``.
Events carry no content, only opaque ids and content hashes, so the whole chain can travel in
an evidence bundle without disclosing undisclosed entries. :func:`verify_events` is pure so the
bundle verifier checks a chain with the very same code the vault uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from tr_journal.canonical import canonical_sha256
from tr_journal.errors import N_

if TYPE_CHECKING:  # the bundle verifier imports this module and needs no database
    import sqlcipher3

GENESIS_HASH = "0" * 64
EVENT_KINDS = ("vault.created", "entry.created", "entry.revised", "entry.deleted",
               "attachment.added", "attachment.removed", "export.created",
               "passphrase.changed", "key.rotated", "recovery.changed",
               "stamp.imported", "caller.merged", "caller.unmerged", "entry.imported")
EVENT_FIELDS = ("seq", "at_utc", "kind", "subject_id", "content_sha256", "prev_hash", "hash")


class Sentence(str):
    """An English sentence that keeps its ``N_()`` template and values.

    Why a ``str``: the vault's ``check`` (its ``--json`` included) and scripts keep reading plain
    English, while the bundle verifier, which must speak the reader's language, renders
    ``template`` with ``params`` through gettext. Values are ids, numbers and file names: never
    words that would need translating themselves.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Sentence:
        sentence = super().__new__(cls, template.format(**params))
        sentence.template, sentence.params = template, params
        return sentence

    def render(self, translate: Callable[[str], str]) -> str:
        """The sentence in the language of ``translate`` (``tr_journal.i18n._`` at the edges)."""
        return translate(self.template).format(**self.params)


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


def verify_events(events: Iterable[dict[str, Any]],
                  max_problems: int | None = None) -> list[Sentence]:
    """Problems found in a chain, each a precise sentence (empty list = intact).

    With ``max_problems``, stop reading once that many are found: the bundle verifier streams
    a chain that may be hostile, and each bad line could add three sentences.
    """
    problems: list[Sentence] = []
    prev_hash, expected_seq = GENESIS_HASH, 1
    for event in events:
        if max_problems is not None and len(problems) >= max_problems:
            return problems[:max_problems]
        # seq is a number and the rest text; anything else (a forged "3") counts as missing
        missing = [k for k in EVENT_FIELDS
                   if not isinstance(event.get(k), int if k == "seq" else str)]
        if missing:
            problems.append(Sentence(N_("event {seq} lacks {fields}"), seq=expected_seq,
                                     fields=", ".join(missing)))
            return problems
        seq = event["seq"]
        if seq != expected_seq:
            problems.append(Sentence(N_("event {seq} stands where event {expected} was "
                                        "expected"), seq=seq, expected=expected_seq))
        if event["prev_hash"] != prev_hash:
            problems.append(Sentence(N_("event {seq} does not link to the event before it"),
                                     seq=seq))
        if event_hash(event) != event["hash"]:
            problems.append(Sentence(N_("event {seq} ({kind} {subject}) was altered"), seq=seq,
                                     kind=event["kind"], subject=event["subject_id"]))
        prev_hash, expected_seq = event["hash"], seq + 1
    if expected_seq == 1:
        problems.append(Sentence(N_("the chain is empty")))
    return problems
