"""Entries: revisions instead of edits, tombstones, time zones, normalised numbers."""

from __future__ import annotations

import pytest

from tr_journal.canonical import canonical_sha256
from tr_journal.errors import InvalidInput, NotFound
from tr_journal.journal import entries
from tr_journal.journal.chain import all_events, verify_events
from tr_journal.maintenance import check
from tr_journal.vault import Vault


def test_add_stores_every_field(vault: Vault) -> None:
    raw = {
        "occurred_at": "2026-01-29T15:03",
        "timezone": "Europe/Paris",
        "duration_seconds": 340,
        "channel": "wechat",
        "direction": "incoming",
        "caller_number": "+86 991 555 0142",
        "caller_account": "wxid_abc",
        "caller_name": "Li",
        "claimed_identity": "public security bureau, Urumqi",
        "caller_language": "Mandarin",
        "demands": ["documents", "inform"],
        "demands_text": "passport scan",
        "threats": ["relatives"],
        "threats_text": "your mother",
        "offers": ["family_contact"],
        "offers_text": "speak to family",
        "attempts": 3,
        "intermediary": "my mother",
        "intermediary_relation": "parent",
        "people_mentioned": "mother",
        "witnesses": "none",
        "response": "hung up",
        "reported_to": "police",
        "reported_on": "2026-01-30",
        "report_reference": "PV 123",
        "report_officer": "Dupont",
        "recording_method": "own phone, speakerphone",
        "narrative": "ئۇ ماڭا تېلېفون قىلدى",
        "tags": ["urgent"],
    }
    with vault.transaction() as conn:
        entry_id = entries.add_entry(conn, raw)
    entry = entries.get_entry(vault.conn, entry_id).to_json()
    assert entry_id == "E0001"
    assert entry["occurred_at"] == "2026-01-29T15:03+01:00"
    assert entry["timezone"] == "Europe/Paris"
    assert entry["caller_number_e164"] == "+869915550142"
    assert entry["demands"] == ["documents", "inform"]
    assert entry["record_format"] == 2
    for key, value in raw.items():
        if key not in ("occurred_at", "demands"):
            assert entry[key] == value, key
    assert entry["recorded_at"].endswith("Z")


def test_summer_time_offset_comes_from_the_zone(vault: Vault) -> None:
    with vault.transaction() as conn:
        entry_id = entries.add_entry(
            conn, {"occurred_at": "2026-07-01T09:00", "timezone": "Europe/Paris"}
        )
    assert entries.get_entry(vault.conn, entry_id).fields.occurred_at.endswith("+02:00")


def test_list_is_sorted_by_instant_not_by_text(vault: Vault) -> None:
    with vault.transaction() as conn:
        early = entries.add_entry(conn, {"occurred_at": "2026-03-01T10:00+09:00"})  # 01:00Z
        late = entries.add_entry(conn, {"occurred_at": "2026-03-01T08:00+01:00"})  # 07:00Z
    assert [e.id for e in entries.list_entries(vault.conn)] == [late, early]


def test_edit_adds_a_revision_and_keeps_history(vault: Vault) -> None:
    with vault.transaction() as conn:
        entry_id = entries.add_entry(
            conn, {"occurred_at": "2026-01-29T15:03+01:00", "narrative": "first version"}
        )
    with vault.transaction() as conn:
        rev = entries.revise_entry(
            conn, entry_id, {"occurred_at": "2026-01-29T15:03+01:00", "narrative": "second version"}
        )
    assert rev == 2
    history = entries.revisions(vault.conn, entry_id)
    assert [r.fields.narrative for r in history] == ["first version", "second version"]
    assert history[1].fields.recorded_at == history[0].fields.recorded_at
    events = all_events(vault.conn)
    assert [e.kind for e in events[-2:]] == ["entry.created", "entry.revised"]
    assert events[-1].content_sha256 == canonical_sha256(history[1].to_json())
    assert verify_events(e.to_json() for e in events) == []


def test_delete_leaves_a_tombstone(vault: Vault) -> None:
    with vault.transaction() as conn:
        entry_id = entries.add_entry(
            conn, {"occurred_at": "2026-01-29T15:03+01:00", "narrative": "to be deleted"}
        )
    with vault.transaction() as conn:
        entries.delete_entry(conn, entry_id)
    with pytest.raises(NotFound):
        entries.get_entry(vault.conn, entry_id)
    assert vault.conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0
    event = all_events(vault.conn)[-1]
    assert (event.kind, event.subject_id) == ("entry.deleted", entry_id)
    assert check(vault)["ok"]


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"occurred_at": "yesterday evening"},
        {"occurred_at": "2026-01-01", "channel": "fax"},
        {"occurred_at": "2026-01-01", "demands": ["nothing"]},
        {"occurred_at": "2026-01-01", "colour": "red"},
        {"occurred_at": "2026-01-01", "duration_seconds": "-3"},
        {"occurred_at": "2026-01-01", "timezone": "Mars/Olympus"},
    ],
)
def test_invalid_fields_are_refused_and_nothing_is_saved(vault: Vault, raw: dict) -> None:
    with pytest.raises(InvalidInput), vault.transaction() as conn:
        entries.add_entry(conn, raw)
    assert entries.count_entries(vault.conn) == 0
    assert [e.kind for e in all_events(vault.conn)] == ["vault.created"]


def test_tampered_revision_is_found_by_check(vault: Vault) -> None:
    with vault.transaction() as conn:
        entries.add_entry(conn, {"occurred_at": "2026-01-29T15:03+01:00", "narrative": "true"})
    vault.conn.execute("UPDATE revisions SET body = replace(body, 'true', 'fake')")
    report = check(vault)
    assert not report["ok"] and "E0001 revision 1" in report["content"][0]


def test_tampered_event_is_found_by_check(vault: Vault) -> None:
    with vault.transaction() as conn:
        entries.add_entry(conn, {"occurred_at": "2026-01-29T15:03+01:00"})
        entries.add_entry(conn, {"occurred_at": "2026-01-30T15:03+01:00"})
    vault.conn.execute("UPDATE events SET at_utc = '2020-01-01T00:00:00Z' WHERE seq = 2")
    report = check(vault)
    assert any("event 2" in p and "altered" in p for p in report["chain"])
    assert any("event 3 does not link" in p for p in report["chain"]) is False
    vault.conn.execute("DELETE FROM events WHERE seq = 2")
    assert any("event 3 stands where event 2" in p for p in check(vault)["chain"])
