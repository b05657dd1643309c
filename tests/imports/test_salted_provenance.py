"""Salted provenance (docs/imports.md, "Provenance"): the other side of a chat holds the same
export file, so the chain that travels in every bundle must not let them recompute the
provenance record of a row and confirm that an undisclosed entry was imported from it."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.evidence.conftest import EPOCH
from tests.helpers import FIXTURES, PASSPHRASE, export_time_fixed, sha256_file
from tests.imports import samples
from tr_journal.canonical import canonical_sha256, sha256_hex
from tr_journal.domain import ExportSelection
from tr_journal.evidence.export import ExportResult, export_bundle
from tr_journal.evidence.verify import verify_bundle
from tr_journal.imports.detect import ReadOptions, read_preview
from tr_journal.imports.service import selected_rows, write_rows
from tr_journal.journal.chain import all_events
from tr_journal.journal.entries import add_entry
from tr_journal.maintenance import check_connection
from tr_journal.store.imports import provenance_of
from tr_journal.vault import Vault

VOICE = "00000012-AUDIO-2026-12-05-21-42-30.opus"


@dataclass
class Imported:
    """A vault holding a typed entry and every row of one WhatsApp export, and a bundle that
    discloses only the typed entry."""

    zip: Path
    result: ExportResult
    vault_dir: Path
    export: Path
    created: list[str]
    keys: list[str]
    shown: str


def _chat(folder: Path) -> Path:
    return samples.whatsapp_zip(
        folder / "WhatsApp Chat - 王警官.zip",
        samples.IOS_24H_YMD,
        "_chat.txt",
        {VOICE: (FIXTURES / "voice-note-zh.opus").read_bytes()},
    )


def _import(vault: Vault, export: Path) -> tuple[list[str], list[int], list[str]]:
    preview = read_preview(export, "whatsapp", ReadOptions())
    try:
        rows = selected_rows(preview, None)
        with vault.transaction() as tx:
            result = write_rows(tx, preview, rows)
    finally:
        preview.close()
    return result.created, result.skipped, [r.key for r in rows]


@pytest.fixture(scope="module")
def imported(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Imported]:
    base = tmp_path_factory.mktemp("salted-imports")
    folder = base / "vault"
    shutil.copytree(template_vault[0], folder)
    export = _chat(base)
    with export_time_fixed(EPOCH), Vault.open(folder, PASSPHRASE) as vault:
        with vault.transaction() as tx:
            shown = add_entry(tx, {"occurred_at": "2026-03-01T10:00:00+01:00"})
        created, _, keys = _import(vault, export)
        selection = ExportSelection(entry_ids=(shown,))
        result = export_bundle(vault, base / "bundle.zip", selection, lang="en")
    yield Imported(result.path, result, folder, export, created, keys, shown)


def _unsalted(export: Path, key: str) -> str:
    """What the event of row ``key`` recorded before salts: anyone holding the export file can
    compute it."""
    return canonical_sha256(
        {"file": export.name, "format": "whatsapp", "row": key, "sha256": sha256_file(export)}
    )


def test_an_undisclosed_import_s_provenance_hash_is_nowhere_in_the_bundle(
    imported: Imported,
) -> None:
    assert len(imported.created) >= 2 and len(imported.keys) == len(imported.created)
    with zipfile.ZipFile(imported.zip) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    texts = {n: re.sub(rb"\s", b"", d).decode("latin-1") for n, d in members.items()}
    texts["the zip itself"] = imported.zip.read_bytes().decode("latin-1")
    for key in imported.keys:
        digest = _unsalted(imported.export, key)
        for where, text in texts.items():
            assert digest not in text and digest[:16] not in text, (key, where)
    # the chain still names the imports (salted) and the bundle verifies
    (events,) = [d for n, d in members.items() if n.endswith("data/journal/events.jsonl")]
    subjects = [
        json.loads(line)["subject_id"]
        for line in events.decode().splitlines()
        if json.loads(line)["kind"] == "entry.imported"
    ]
    assert subjects == imported.created
    assert verify_bundle(imported.zip, fingerprint=imported.result.fingerprint).valid


def test_nor_the_salts_of_undisclosed_records(imported: Imported) -> None:
    with Vault.open(imported.vault_dir, PASSPHRASE) as vault:
        salts = [json.loads(provenance_of(vault.conn, e)[0])["salt"] for e in imported.created]
    data = imported.zip.read_bytes()
    with zipfile.ZipFile(imported.zip) as archive:
        inside = b"".join(archive.read(n) for n in archive.namelist())
    for salt in salts:
        assert salt.encode() not in data and salt.encode() not in inside


def test_each_event_commits_to_its_salted_record_and_salts_differ(imported: Imported) -> None:
    with Vault.open(imported.vault_dir, PASSPHRASE) as vault:
        events = {
            e.subject_id: e for e in all_events(vault.conn) if e.kind.value == "entry.imported"
        }
        salts = set()
        for entry, key in zip(imported.created, imported.keys, strict=True):
            (record,) = provenance_of(vault.conn, entry)
            stored = json.loads(record)
            assert list(stored) == ["file", "format", "row", "salt", "sha256"]  # canonical
            assert stored["row"] == key and stored["sha256"] == sha256_file(imported.export)
            assert re.fullmatch("[0-9a-f]{32}", stored["salt"])
            salts.add(stored["salt"])
            event = events[entry]
            assert event.version == 3
            assert event.content_sha256 == sha256_hex(record.encode("utf-8"))
            assert event.content_sha256 != _unsalted(imported.export, key)
    assert len(salts) == len(imported.created)


def test_the_same_file_again_still_skips_every_row(imported: Imported, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    shutil.copytree(imported.vault_dir, folder)
    copy = tmp_path / "renamed.zip"
    copy.write_bytes(imported.export.read_bytes())  # same bytes, another name: same source
    with Vault.open(folder, PASSPHRASE) as vault:
        before = len(all_events(vault.conn))
        for again in (imported.export, copy):
            created, skipped, keys = _import(vault, again)
            assert created == [] and len(skipped) == len(keys) == len(imported.created)
        assert len(all_events(vault.conn)) == before


def test_the_vault_check_passes_and_catches_an_altered_record(
    imported: Imported, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    shutil.copytree(imported.vault_dir, folder)
    with Vault.open(folder, PASSPHRASE) as vault:
        report = check_connection(vault.conn)
        assert report["ok"], report
        entry = imported.created[0]
        (record,) = provenance_of(vault.conn, entry)
        stored = json.loads(record)
        stored["salt"] = ("1" if stored["salt"][0] == "0" else "0") + stored["salt"][1:]
        with vault.transaction() as tx:
            tx.execute(
                "UPDATE import_provenance SET record = ? WHERE record = ?",
                (json.dumps(stored, sort_keys=True, separators=(",", ":")), record),
            )
        report = check_connection(vault.conn)
    assert not report["ok"]
    assert any(entry in str(p) for p in report["content"]), report
