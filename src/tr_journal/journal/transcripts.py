"""Transcripts and translations of attachments as revisions in the chain (docs/record-format.md,
"Transcripts"): adding one or editing it adds a salted revision and a ``transcript.created`` /
``transcript.revised`` event, and puts its text in the entry's search index. All functions run
inside the caller's transaction; the SQL is in :mod:`tr_journal.store.transcripts`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

import sqlcipher3

from tr_journal.canonical import canonical_json, sha256_hex
from tr_journal.domain import EventKind
from tr_journal.domain.enums import TranscriptMethod
from tr_journal.domain.transcript import (
    TRANSCRIPT_FIELDS,
    Transcript,
    TranscriptFields,
    TranscriptRevision,
)
from tr_journal.errors import N_, InvalidInput
from tr_journal.journal import search
from tr_journal.journal.chain import append_event
from tr_journal.journal.entries import new_salt
from tr_journal.store import attachments as attachment_store
from tr_journal.store import entries as entry_store
from tr_journal.store import transcripts as store
from tr_journal.timeutil import now_utc_text
from tr_journal.vault import Vault

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


def _normalise(
    raw: Mapping[str, Any], attachment_id: str, own_id: str | None, conn: sqlcipher3.Connection
) -> TranscriptFields:
    unknown = sorted(set(raw) - set(TRANSCRIPT_FIELDS))
    if unknown:
        raise InvalidInput(
            detail=N_("Unknown field: {names}. Fields: {valid}."),
            names=", ".join(unknown),
            valid=", ".join(TRANSCRIPT_FIELDS),
        )
    values = {k: str(v).strip() for k, v in raw.items() if v not in (None, "")}
    if not _LANGUAGE.match(values.get("language", "")):
        raise InvalidInput(
            detail=N_("A transcript needs its language as a code such as ug, zh-CN or fr.")
        )
    if not values.get("text"):
        raise InvalidInput(detail=N_("A transcript needs its text."))
    method = values.get("method", TranscriptMethod.SELF.value)
    if method not in {m.value for m in TranscriptMethod}:
        raise InvalidInput(
            detail=N_("{value} is not a valid {name} (one of: {allowed})."),
            value=method,
            name="method",
            allowed=", ".join(m.value for m in TranscriptMethod),
        )
    values["method"] = method
    try:
        values["date"] = datetime.date.fromisoformat(
            values.get("date") or now_utc_text()[:10]
        ).isoformat()
    except ValueError as exc:
        raise InvalidInput(detail=N_("The date of a transcript is written 2026-03-02.")) from exc
    target = values.get("translates")
    if target:
        values["translates"] = target = target.upper()
        _row, source = store.find(conn, target)
        if source.attachment_id != attachment_id or target == own_id:
            raise InvalidInput(
                detail=N_("A translation translates another transcript of the same file.")
            )
        if source.fields.language == values["language"]:
            raise InvalidInput(
                detail=N_("A translation is in another language than the transcript it translates.")
            )
    return TranscriptFields.from_dict(values)


def _save(
    conn: sqlcipher3.Connection,
    rowid: int,
    public_id: str,
    rev: int,
    fields: TranscriptFields,
    attachment_rowid: int,
) -> None:
    saved_at = now_utc_text()
    body = canonical_json(TranscriptRevision(rev, saved_at, new_salt(), fields).to_json())
    digest = sha256_hex(body)
    store.insert_revision(conn, rowid, rev, body, digest)
    kind = EventKind.TRANSCRIPT_CREATED if rev == 1 else EventKind.TRANSCRIPT_REVISED
    append_event(conn, kind, public_id, digest, saved_at)
    entry_rowid = store.entry_of_attachment(conn, attachment_rowid)
    search.index_entry(conn, entry_rowid, entry_store.current_fields(conn, entry_rowid))


def add_transcript(
    conn: sqlcipher3.Connection, attachment_id: str, raw: Mapping[str, Any]
) -> Transcript:
    """A new transcript (or translation) of a live attachment; return it."""
    attachment_rowid, attachment = attachment_store.find(conn, attachment_id)
    fields = _normalise(raw, attachment.id, None, conn)
    public_id = f"{attachment.id}-T{store.count_for_attachment(conn, attachment_rowid) + 1}"
    rowid = store.insert(conn, public_id, attachment_rowid)
    _save(conn, rowid, public_id, 1, fields, attachment_rowid)
    return store.find(conn, public_id)[1]


def revise_transcript(
    conn: sqlcipher3.Connection, transcript_id: str, raw: Mapping[str, Any]
) -> Transcript:
    """A new revision of a transcript: ``raw`` replaces the given fields, the others stay."""
    rowid, current = store.find(conn, transcript_id)
    merged = {**current.fields.to_dict(), **{k: v for k, v in raw.items() if v is not None}}
    fields = _normalise(merged, current.attachment_id, current.id, conn)
    attachment_rowid, _attachment = attachment_store.find(conn, current.attachment_id)
    _save(conn, rowid, current.id, current.revision + 1, fields, attachment_rowid)
    return store.find(conn, current.id)[1]


def transcripts_of(conn: sqlcipher3.Connection, attachment_id: str) -> list[Transcript]:
    return store.of_attachment(conn, attachment_id)


def read_transcripts(vault: Vault, attachment_id: str) -> list[Transcript]:
    """The transcripts of an attachment, read under the vault's lock (the app's reader)."""
    with vault.reading() as conn:
        return store.of_attachment(conn, attachment_id)


def revisions(conn: sqlcipher3.Connection, transcript_id: str) -> list[TranscriptRevision]:
    """Every revision of a transcript, oldest first, exactly as hashed."""
    return store.revisions(conn, store.find(conn, transcript_id)[0])
