"""A vault and a bundle written by the release before record format 2 (tests/data/, made by
tests/data/make_record_v1.py) still open, check and verify (docs/record-format.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import REPO, run_cli

DATA = REPO / "tests" / "data"
INFO: dict[str, Any] = json.loads((DATA / "record-v1.json").read_text(encoding="utf-8"))


def v1_vault(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the format-1 vault and a passphrase file for it."""
    folder = tmp_path / "vault"
    shutil.copytree(DATA / "record-v1-vault", folder)
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(INFO["passphrase"] + "\n", encoding="utf-8")
    return folder, pass_file


def cli(folder: Path, pass_file: Path, *args: str) -> Any:
    done = run_cli(
        "--vault",
        str(folder),
        *args,
        "--passphrase-file",
        str(pass_file),
        "--json",
        env={"TR_JOURNAL_LANG": "en"},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_v1_bundle_still_verifies() -> None:
    done = run_cli(
        "verify",
        str(DATA / "record-v1-bundle.zip"),
        "--fingerprint",
        INFO["fingerprint"],
        "--json",
        env={"TR_JOURNAL_LANG": "en"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["valid"] is True


def test_v1_vault_opens_and_its_chain_checks(tmp_path: Path) -> None:
    folder, pass_file = v1_vault(tmp_path)
    report = cli(folder, pass_file, "check")
    assert report["ok"] is True, report
    assert [e["id"] for e in cli(folder, pass_file, "list")] == ["E0004", "E0002", "E0001"]


def test_v1_vault_migrates_reads_old_revisions_in_todays_terms_and_keeps_them(
    tmp_path: Path,
) -> None:
    from tr_journal.canonical import canonical_sha256
    from tr_journal.domain.event import EVENT_VERSION
    from tr_journal.journal import entries
    from tr_journal.journal.chain import all_events, verify_events
    from tr_journal.maintenance import check
    from tr_journal.store.schema import SCHEMA_VERSION
    from tr_journal.vault import Vault

    folder, _ = v1_vault(tmp_path)
    vault = Vault.open(folder, INFO["passphrase"])
    try:
        assert vault.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        before = all_events(vault.conn)
        assert {e.version for e in before} == {1}
        seed = entries.get_entry(vault.conn, "E0001")
        assert seed.record_format == 1
        assert (seed.fields.channel, seed.fields.intermediary_relation) == (
            "other",
            "other_relative",
        )
        assert seed.fields.offers_text == "video calls with my family if I cooperate"
        history = entries.revisions(vault.conn, "E0001")
        assert seed.fields.recorded_at == history[0].saved_at
        # the stored objects are untouched: their hashes are still those of the chain
        logged = [
            e.content_sha256
            for e in before
            if e.subject_id == "E0001" and e.kind in ("entry.created", "entry.revised")
        ]
        assert [canonical_sha256(r.to_json()) for r in history] == logged
        assert history[0].to_json()["fields"]["channel"] == "relative"
        # the channel column and the patterns' facts read it as today too
        assert [e.id for e in entries.list_entries(vault.conn, channel="other")] == ["E0001"]
        assert (
            vault.conn.execute("SELECT channel FROM entry_facts WHERE entry_id = 1").fetchone()[0]
            == "other"
        )
        police = entries.get_entry(vault.conn, "E0002").fields
        assert police.source_time == "2026-03-10T09:00:00Z"
        assert police.recorded_at == entries.revisions(vault.conn, "E0002")[0].saved_at
        with vault.transaction() as conn:
            entries.revise_entry(
                conn,
                "E0001",
                {
                    **seed.fields.to_dict(),
                    "channel": "phone",
                    "intermediary": "my mother",
                    "intermediary_relation": "parent",
                },
            )
        after = all_events(vault.conn)
        assert after[: len(before)] == before and after[-1].version == EVENT_VERSION == 3
        assert verify_events(after) == []
        assert entries.revisions(vault.conn, "E0001")[-1].to_json()["format"] == 2
        assert check(vault)["ok"] is True
    finally:
        vault.close()


def test_v1_vault_after_an_edit_exports_a_bundle_that_verifies(tmp_path: Path) -> None:
    folder, pass_file = v1_vault(tmp_path)
    cli(
        folder,
        pass_file,
        "edit",
        "E0001",
        "--channel",
        "phone",
        "--intermediary",
        "my mother",
        "--relation",
        "parent",
        "--offer",
        "family_contact",
    )
    bundle = tmp_path / "b.zip"
    cli(folder, pass_file, "export", "--out", str(bundle), "--entry", "E0001", "--entry", "E0002")
    done = run_cli(
        "verify",
        str(bundle),
        "--fingerprint",
        INFO["fingerprint"],
        "--json",
        env={"TR_JOURNAL_LANG": "en"},
    )
    assert done.returncode == 0, done.stdout
    import zipfile

    with zipfile.ZipFile(bundle) as new, zipfile.ZipFile(DATA / "record-v1-bundle.zip") as old:
        new_entries = json.loads(new.read("TRJ-2026-0002/data/journal/entries.json"))
        old_entries = json.loads(old.read("TRJ-2026-0001/data/journal/entries.json"))
    revisions = new_entries["entries"][0]["revisions"]
    assert revisions[:2] == old_entries["entries"][0]["revisions"]  # format 1, byte for byte
    assert revisions[2]["format"] == 2 and len(revisions[2]["salt"]) == 32
