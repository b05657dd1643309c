"""A disclosed imported entry carries its provenance record, salt included, so a lawyer can
check "this entry came from row X of file Y, whose SHA-256 is Z" against the chain; the records
of undisclosed imports stay in the vault (docs/imports.md, "Provenance"; docs/bundle-format.md,
"Event versions")."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.evidence.conftest import EPOCH, Bundle
from tests.evidence.test_record_versions import _failed, _forge
from tests.helpers import PASSPHRASE, REPO, export_time_fixed, sha256_file
from tests.imports import samples
from tests.imports.test_salted_provenance import _chat, _import
from tr_journal.canonical import canonical_sha256
from tr_journal.domain import ExportSelection
from tr_journal.domain.provenance import ImportProvenance
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.verify import verify_bundle
from tr_journal.imports import service
from tr_journal.journal import chain
from tr_journal.maintenance import check_connection
from tr_journal.store.imports import provenance_of
from tr_journal.vault import Vault

DATA = REPO / "tests" / "data"
V2: dict[str, Any] = json.loads((DATA / "record-v2.json").read_text(encoding="utf-8"))
ENTRIES, EVENTS = "data/journal/entries.json", "data/journal/events.jsonl"
SENTENCE = "its import record does not match the chain"


def _export(
    folder: Path, out: Path, shown: tuple[str, ...], passphrase: str = PASSPHRASE
) -> Bundle:
    with export_time_fixed(EPOCH), Vault.open(folder, passphrase) as vault:
        result = export_bundle(vault, out, ExportSelection(entry_ids=shown), lang="en")
        seed = vault.signing_seed()
    return Bundle(result.path, result, seed, folder)


@pytest.fixture(scope="module")
def chat(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Bundle, Path, list[str]]]:
    """Every row of a WhatsApp export imported; only the first imported entry disclosed."""
    base = tmp_path_factory.mktemp("disclosed-imports")
    folder = base / "vault"
    shutil.copytree(template_vault[0], folder)
    export = _chat(base)
    with Vault.open(folder, PASSPHRASE) as vault:
        created, _, _ = _import(vault, export)
    yield _export(folder, base / "bundle.zip", (created[0],)), export, created


def _member(bundle_zip: Path, suffix: str) -> bytes:
    with zipfile.ZipFile(bundle_zip) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(suffix)]
        return archive.read(name)


def test_a_disclosed_import_lists_its_salted_record_and_verifies(
    chat: tuple[Bundle, Path, list[str]],
) -> None:
    bundle, export, created = chat
    (entry,) = json.loads(_member(bundle.zip, ENTRIES))["entries"]
    with Vault.open(bundle.vault_dir, PASSPHRASE) as vault:
        stored = [json.loads(r) for r in provenance_of(vault.conn, created[0])]
    assert entry["imported"] == stored
    (record,) = stored
    assert record["file"] == export.name and record["sha256"] == sha256_file(export)
    events = [json.loads(line) for line in _member(bundle.zip, EVENTS).splitlines()]
    (event,) = [
        e for e in events if e["kind"] == "entry.imported" and e["subject_id"] == entry["id"]
    ]
    assert event["v"] == 3 and event["content_sha256"] == canonical_sha256(record)
    assert verify_bundle(bundle.zip, fingerprint=bundle.result.fingerprint).valid
    # the other rows' records (and salts) stay in the vault
    text = _member(bundle.zip, ENTRIES).decode()
    with Vault.open(bundle.vault_dir, PASSPHRASE) as vault:
        for other in created[1:]:
            (hidden,) = provenance_of(vault.conn, other)
            assert json.loads(hidden)["salt"] not in text


def test_the_dossier_says_where_the_entry_came_from(
    chat: tuple[Bundle, Path, list[str]],
) -> None:
    bundle, export, _ = chat
    page = _member(bundle.zip, "report.html").decode()
    (entry,) = json.loads(_member(bundle.zip, ENTRIES))["entries"]
    digest = sha256_file(export)
    assert "Imported from a phone export" in page and export.name in page
    assert entry["imported"][0]["row"] in page
    assert " ".join(digest[i : i + 8] for i in range(0, 64, 8)) in page


def _record(doc: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = doc["entries"][0]["imported"][0]
    return found


@pytest.mark.parametrize(
    "spoil",
    [
        lambda r: r.update(row="msg99"),  # another message of the same chat
        lambda r: r.update(salt=("1" if r["salt"][0] == "0" else "0") + r["salt"][1:]),
        lambda r: r.update(salt="AB" * 16),
        lambda r: r.update(extra="x"),
        lambda r: r.pop("salt"),
    ],
    ids=["row", "salt", "upper-case-salt", "extra-member", "no-salt"],
)
def test_an_altered_record_fails_entries_match_chain(
    chat: tuple[Bundle, Path, list[str]], tmp_path: Path, spoil: Any
) -> None:
    """Re-signed with the genuine key, every manifest rehashed: only the record's hash
    recomputed against its event can tell."""
    bundle = chat[0]
    failed = _failed(
        _forge(bundle, tmp_path, lambda doc, events: spoil(_record(doc))),
        bundle.result.fingerprint,
    )
    assert list(failed) == ["entries-match-chain"] and SENTENCE in failed["entries-match-chain"]


def test_a_v3_event_cannot_be_passed_off_with_an_unsalted_record(
    chat: tuple[Bundle, Path, list[str]], tmp_path: Path
) -> None:
    """A forger who drops the salt and writes the unsalted record's hash into the version-3
    event (chain rebuilt and re-signed) is refused: version 3 requires a salted record."""

    def unsalt(doc: dict[str, Any], events: list[dict[str, Any]]) -> None:
        record = _record(doc)
        del record["salt"]
        event = next(
            e
            for e in events
            if e["kind"] == "entry.imported" and e["subject_id"] == doc["entries"][0]["id"]
        )
        event["content_sha256"] = canonical_sha256(record)

    bundle = chat[0]
    failed = _failed(_forge(bundle, tmp_path, unsalt), bundle.result.fingerprint)
    assert list(failed) == ["entries-match-chain"] and SENTENCE in failed["entries-match-chain"]


def test_a_bundle_that_lists_no_record_claims_nothing_and_verifies(
    chat: tuple[Bundle, Path, list[str]], tmp_path: Path
) -> None:
    """As a bundle written before records were disclosed: nothing to check, nothing claimed."""
    bundle = chat[0]
    bag = _forge(bundle, tmp_path, lambda doc, events: doc["entries"][0].pop("imported"))
    assert _failed(bag, bundle.result.fingerprint) == {}


def test_an_import_recorded_before_salts_keeps_verifying_and_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version-2 vault of tests/data, with an import written as the release before wrote
    it (an unsalted record under a version-2 event; that release's writer is stood in for by
    event version 2 and the record without salt), then upgraded and a second file imported:
    the old record is disclosed without salt and verifies beside the salted one, and the
    vault's check passes."""
    folder = tmp_path / "vault"
    shutil.copytree(DATA / "record-v2-vault", folder)
    salted = service.provenance_record

    def unsalted(preview: Any, row: Any) -> ImportProvenance:
        record = salted(preview, row)
        return ImportProvenance(record.format, record.file, record.sha256, record.row)

    with Vault.open(folder, V2["passphrase"]) as vault:
        with monkeypatch.context() as old:
            old.setattr(chain, "EVENT_VERSION", 2)
            old.setattr(service, "provenance_record", unsalted)
            before, _, _ = _import(vault, _chat(tmp_path))
        later = samples.whatsapp_zip(tmp_path / "Polis.zip", samples.IOS_12H_DMY, "_chat.txt", {})
        after, _, _ = _import(vault, later)
        assert before and after
        report = check_connection(vault.conn)
        assert report["ok"], report
    bundle = _export(folder, tmp_path / "bundle.zip", (before[0], after[0]), V2["passphrase"])
    listed = {e["id"]: e["imported"] for e in json.loads(_member(bundle.zip, ENTRIES))["entries"]}
    events = {
        e["subject_id"]: e
        for line in _member(bundle.zip, EVENTS).splitlines()
        if (e := json.loads(line))["kind"] == "entry.imported"
    }
    assert "salt" not in listed[before[0]][0] and events[before[0]]["v"] == 2
    assert events[before[0]]["content_sha256"] == canonical_sha256(listed[before[0]][0])
    assert "salt" in listed[after[0]][0] and events[after[0]]["v"] == 3
    verdict = verify_bundle(bundle.zip, fingerprint=V2["fingerprint"])
    assert verdict.valid, verdict.to_json()
