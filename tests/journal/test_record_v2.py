"""Record format 2 (docs/record-format.md): salted revisions, version-2 events, "Logged at" set
by the app only, the new fields and vocabularies, imports in today's terms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import PASSPHRASE, run_cli
from tr_journal.canonical import canonical_sha256
from tr_journal.domain.entry import revision_format
from tr_journal.errors import InvalidInput
from tr_journal.journal import entries, importer
from tr_journal.journal.chain import all_events, event_hash, verify_events
from tr_journal.vault import Vault


def _add(vault: Vault, **fields: Any) -> str:
    with vault.transaction() as conn:
        return entries.add_entry(conn, {"occurred_at": "2026-03-02", **fields})


def test_every_revision_has_its_own_128_bit_salt_inside_the_hash(vault: Vault) -> None:
    entry_id = _add(vault, caller_number="+33 6 12 34 56 78")
    with vault.transaction() as conn:
        entries.revise_entry(
            conn, entry_id, {"occurred_at": "2026-03-02", "caller_number": "+33 6 12 34 56 78"}
        )
    first, second = (r.to_json() for r in entries.revisions(vault.conn, entry_id))
    assert first["format"] == second["format"] == 2
    assert len(first["salt"]) == 32 and int(first["salt"], 16) >= 0
    assert first["salt"] != second["salt"]
    # the same fields, so only the salt tells the two hashes apart: a guess cannot be tested
    assert first["fields"] == second["fields"]
    created, revised = all_events(vault.conn)[-2:]
    assert created.content_sha256 == canonical_sha256(first)
    assert revised.content_sha256 == canonical_sha256(second)
    unsalted = {"rev": 1, "saved_at": first["saved_at"], "fields": first["fields"]}
    assert created.content_sha256 != canonical_sha256(unsalted)


def test_new_events_are_version_3_with_v_inside_their_hash(vault: Vault) -> None:
    _add(vault)
    event = all_events(vault.conn)[-1]
    doc = event.to_json()
    assert event.version == 3 and doc["v"] == 3
    assert event_hash(doc) == doc["hash"]
    assert event_hash({**doc, "v": 2}) != doc["hash"]


def test_a_chain_may_not_go_back_to_version_1_nor_claim_an_unknown_version(vault: Vault) -> None:
    _add(vault)
    _add(vault)
    events = [e.to_json() for e in all_events(vault.conn)]
    assert verify_events(events) == []
    for bad in ({"v": 1}, {"v": 4}, {"v": "3"}, {"v": "2"}):
        forged = [dict(e) for e in events]
        forged[-1].update(bad)
        forged[-1]["hash"] = event_hash(forged[-1])
        assert verify_events(forged), bad
    for older in (None, 2):  # back to version 1, or from 3 back to 2
        downgraded = [dict(e) for e in events]
        del downgraded[-1]["v"]
        if older is not None:
            downgraded[-1]["v"] = older
        downgraded[-1]["hash"] = event_hash(downgraded[-1])
        assert any("older format" in p for p in verify_events(downgraded)), older


@pytest.mark.parametrize(
    ("revision", "expected"),
    [
        ({"rev": 1, "saved_at": "x", "fields": {}}, 1),
        ({"format": 2, "rev": 1, "saved_at": "x", "salt": "ab" * 16, "fields": {}}, 2),
        ({"format": 2, "rev": 1, "saved_at": "x", "salt": "ab" * 15, "fields": {}}, None),
        ({"format": 2, "rev": 1, "saved_at": "x", "fields": {}}, None),
        ({"format": 2, "rev": 1, "saved_at": "x", "salt": "AB" * 16, "fields": {}}, None),
        ({"rev": 1, "saved_at": "x", "salt": "ab" * 16, "fields": {}}, None),
        ({"format": 3, "rev": 1, "saved_at": "x", "salt": "ab" * 16, "fields": {}}, None),
    ],
)
def test_revision_format_as_the_verifier_reads_it(
    revision: dict[str, Any], expected: int | None
) -> None:
    assert revision_format(revision) == expected


def test_logged_at_is_set_by_the_app_and_cannot_be_given(vault: Vault) -> None:
    with pytest.raises(InvalidInput, match="set by the app"), vault.transaction() as conn:
        entries.add_entry(
            conn, {"occurred_at": "2026-03-02", "recorded_at": "2020-01-01T00:00:00Z"}
        )
    entry_id = _add(vault)
    logged = entries.get_entry(vault.conn, entry_id).fields.recorded_at
    assert logged == entries.revisions(vault.conn, entry_id)[0].saved_at
    with pytest.raises(InvalidInput, match="set by the app"), vault.transaction() as conn:
        entries.revise_entry(
            conn, entry_id, {"occurred_at": "2026-03-02", "recorded_at": "2020-01-01T00:00:00Z"}
        )
    with vault.transaction() as conn:  # an edit that says nothing of it keeps it
        entries.revise_entry(conn, entry_id, {"occurred_at": "2026-03-03"})
    assert entries.get_entry(vault.conn, entry_id).fields.recorded_at == logged


def test_new_fields_and_vocabulary(vault: Vault) -> None:
    entry_id = _add(
        vault,
        channel="video_call",
        intermediary="my mother",
        intermediary_relation="parent",
        attempts="10",
        demands=["propaganda", "surveillance_app"],
        threats=["mobility"],
        offers=["family_contact", "return_safely"],
        offers_text="see her again",
        duration_seconds="1h02m",
    )
    fields = entries.get_entry(vault.conn, entry_id).fields
    assert fields.attempts == 10 and fields.attempt_count == 10
    assert fields.duration_seconds == 3720
    assert [str(o) for o in fields.offers] == ["family_contact", "return_safely"]
    assert fields.intermediary_relation == "parent"
    assert _add_count_default(vault) == 1
    for bad in (
        {"attempts": "0"},
        {"attempts": "two"},
        {"offers": ["visa"]},
        {"intermediary_relation": "cousin"},
        {"channel": "relative"},
    ):
        with pytest.raises(InvalidInput), vault.transaction() as conn:
            entries.add_entry(conn, {"occurred_at": "2026-03-02", **bad})


def _add_count_default(vault: Vault) -> int:
    return entries.get_entry(vault.conn, _add(vault)).fields.attempt_count


def test_an_import_keeps_the_source_time_apart_and_reads_old_values(
    vault: Vault, tmp_path: Path
) -> None:
    source = tmp_path / "old.jsonl"
    source.write_text(
        json.dumps(
            {
                "occurred_at": "2026-01-05T10:00+01:00",
                "recorded_at": "2026-01-05T09:00:00Z",
                "channel": "relative",
                "offers": "a visa for my sister",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    with vault.transaction() as conn:
        [entry_id] = importer.import_file(conn, source)
    fields = entries.get_entry(vault.conn, entry_id).fields
    assert fields.source_time == "2026-01-05T09:00:00Z"
    assert fields.recorded_at == entries.revisions(vault.conn, entry_id)[0].saved_at
    assert (fields.channel, fields.intermediary_relation) == ("other", "other_relative")
    assert fields.offers_text == "a visa for my sister" and fields.offers == ()
    with vault.transaction() as conn:  # an edit from the form, which has no such field
        entries.revise_entry(
            conn, entry_id, {"occurred_at": "2026-01-05T10:00+01:00", "narrative": "edited"}
        )
    assert entries.get_entry(vault.conn, entry_id).fields.source_time == "2026-01-05T09:00:00Z"


def _cli(vault_dir: Path, tmp_path: Path, *args: str) -> Any:
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return run_cli(
        "--vault",
        str(vault_dir),
        *args,
        "--passphrase-file",
        str(pass_file),
        env={"TR_JOURNAL_LANG": "en"},
    )


def test_cli_has_an_option_for_every_field_and_lists_valid_names(
    vault_dir: Path, tmp_path: Path
) -> None:
    done = _cli(
        vault_dir,
        tmp_path,
        "add",
        "--occurred",
        "2026-03-02",
        "--channel",
        "embassy",
        "--offer",
        "documents",
        "--offers-text",
        "a new passport",
        "--response",
        "refused",
        "--witness",
        "Ayse",
        "--witness",
        "Omer",
        "--people",
        "my brother",
        "--reported-to",
        "commissariat du 11e",
        "--reported-on",
        "2026-03-03",
        "--report-reference",
        "PV 2026/123",
        "--report-officer",
        "Dupont",
        "--recording-method",
        "speakerphone",
        "--intermediary",
        "my mother",
        "--relation",
        "parent",
        "--attempts",
        "3",
        "--duration",
        "9:00",
        "--demands-text",
        "come to the consulate",
        "--threats-text",
        "no passport",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    entry_id = json.loads(done.stdout)["id"]
    shown = json.loads(_cli(vault_dir, tmp_path, "show", entry_id, "--json").stdout)
    assert shown["witnesses"] == "Ayse; Omer" and shown["duration_seconds"] == 540
    assert shown["report_reference"] == "PV 2026/123" and shown["attempts"] == 3
    assert shown["offers"] == ["documents"] and shown["intermediary_relation"] == "parent"
    unknown = _cli(vault_dir, tmp_path, "add", "--occurred", "2026-03-02", "--field", "offer=x")
    assert unknown.returncode != 0
    assert "offers_text" in unknown.stderr and "report_reference" in unknown.stderr
    logged = _cli(
        vault_dir, tmp_path, "edit", entry_id, "--field", "recorded_at=2020-01-01T00:00:00Z"
    )
    assert logged.returncode != 0 and "set by the app" in logged.stderr


def test_stats_count_attempts(vault_dir: Path, tmp_path: Path) -> None:
    for args in (("--attempts", "10"), ()):
        done = _cli(
            vault_dir,
            tmp_path,
            "add",
            "--occurred",
            "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
            "--channel",
            "phone",
            "--number",
            "+86 991 555 0142",
            *args,
        )
        assert done.returncode == 0, done.stderr
    stats = json.loads(_cli(vault_dir, tmp_path, "stats", "--json").stdout)
    assert (stats["totals"]["entries"], stats["totals"]["attempts"]) == (2, 11)
