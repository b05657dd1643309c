"""The domain objects give back exactly what was stored and hashed."""

from __future__ import annotations

import dataclasses

import pytest

from tr_journal import model
from tr_journal.canonical import canonical_json
from tr_journal.domain import (
    Attachment,
    Channel,
    Demand,
    EntryFields,
    Event,
    EventKind,
    Revision,
    attachment_kind,
)
from tr_journal.journal.chain import event_hash, next_event, verify_events
from tr_journal.journal.fields import normalise_fields


def test_entry_fields_are_the_model_fields_in_order() -> None:
    assert tuple(f.name for f in dataclasses.fields(EntryFields)) == model.FIELDS
    assert tuple(Channel) == model.CHANNELS and "wechat" in model.CHANNELS


def test_fields_round_trip_to_the_same_canonical_bytes() -> None:
    stored, _utc = normalise_fields(
        {
            "occurred_at": "2026-01-29T15:03",
            "timezone": "Europe/Paris",
            "channel": "wechat",
            "duration_seconds": "0",
            "demands": "inform;documents",
            "tags": ["b", "a"],
            "caller_number": "+86 991 555 0142",
            "narrative": "ئۇ ماڭا تېلېفون قىلدى",
        }
    )
    fields = EntryFields.from_dict(stored)
    assert fields.channel is Channel.WECHAT and fields.demands == (Demand.DOCUMENTS, Demand.INFORM)
    assert fields.duration_seconds == 0
    revision = {"rev": 1, "saved_at": "2026-01-29T14:03:00Z", "fields": stored}
    assert canonical_json(Revision.from_json(revision).to_json()) == canonical_json(revision)


def test_unknown_field_or_identifier_is_refused() -> None:
    with pytest.raises(ValueError):
        EntryFields.from_dict({"occurred_at": "2026-01-01T00:00:00Z", "colour": "red"})
    with pytest.raises(ValueError):
        EntryFields.from_dict({"occurred_at": "2026-01-01T00:00:00Z", "channel": "fax"})


def test_domain_objects_are_immutable() -> None:
    fields = EntryFields.from_dict({"occurred_at": "2026-01-01T00:00:00Z", "narrative": "x"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        fields.narrative = "changed"  # type: ignore[misc]
    assert fields == EntryFields("2026-01-01T00:00:00Z", narrative="x")
    assert fields.channel is None and fields.tags == ()  # defaults from the class
    event = next_event(None, EventKind.VAULT_CREATED, "V", "0" * 64, "2026-01-01T00:00:00Z")
    for value in (event, Attachment("E0001-A1", "a", 1, "0" * 64, "image/png")):
        assert not hasattr(value, "__dict__")  # slots


def test_event_json_is_what_the_chain_hashes() -> None:
    first = next_event(None, EventKind.VAULT_CREATED, "V", "0" * 64, "2026-01-01T00:00:00Z")
    second = next_event(
        (first.seq, first.hash), EventKind.ENTRY_CREATED, "E0001", "a" * 64, "2026-01-01T00:00:01Z"
    )
    assert second.prev_hash == first.hash and event_hash(second.to_json()) == second.hash
    assert type(second.to_json()["kind"]) is str
    assert verify_events([first, second]) == []
    tampered = Event(**{**dataclasses.asdict(second), "subject_id": "E0002"})
    assert verify_events([first, tampered])


def test_attachment_kind_comes_from_the_content_type_first() -> None:
    assert attachment_kind("audio/mp4", "x.pdf") == "audio"
    assert attachment_kind("application/octet-stream", "call.M4A") == "audio"
    assert Attachment("E0001-A1", "scan.bin", 1, "0" * 64, "image/png").kind == "image"
    assert attachment_kind("application/pdf", "letter.pdf") == "document"
