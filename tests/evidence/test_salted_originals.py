"""Salted originals (docs/record-format.md, "Salted originals"; docs/bundle-format.md, "Event
versions"): the chain that travels in every bundle must not let anyone holding a file confirm
that an undisclosed entry holds it, while disclosed originals, old vaults and old bundles keep
verifying."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.evidence.conftest import EPOCH, Bundle
from tests.evidence.test_record_versions import _failed, _forge
from tests.helpers import FIXTURE_SHA256, FIXTURES, PASSPHRASE, REPO, export_time_fixed, run_cli
from tr_journal.domain import ExportSelection
from tr_journal.domain.attachment import original_commitment
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.verify import verify_bundle
from tr_journal.journal.entries import add_entry
from tr_journal.journal.transcripts import add_transcript
from tr_journal.media.ingest import add_attachment
from tr_journal.media.removal import remove_attachment
from tr_journal.vault import Vault

DATA = REPO / "tests" / "data"
V2: dict[str, Any] = json.loads((DATA / "record-v2.json").read_text(encoding="utf-8"))
ENTRIES, EVENTS = "data/journal/entries.json", "data/journal/events.jsonl"
#: attached only to entries that are not disclosed (one of them removed again)
HIDDEN = ("wechat-police-demand.png", "letter-summons.pdf")


@pytest.fixture(scope="module")
def mixed_bundle(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Bundle]:
    """E0001 disclosed with its recording; E0002 (a screenshot, attached twice: stored once)
    and E0003 (a letter, removed again) not disclosed."""
    base = tmp_path_factory.mktemp("salted")
    folder = base / "vault"
    shutil.copytree(template_vault[0], folder)
    with export_time_fixed(EPOCH), Vault.open(folder, PASSPHRASE) as vault:
        with vault.transaction() as tx:
            shown = add_entry(tx, {"occurred_at": "2026-03-01T10:00:00+01:00"})
            recording = add_attachment(tx, shown, FIXTURES / "call-fr.m4a")
            add_transcript(tx, recording.id, {"language": "fr", "text": "Allô ?"})
            hidden = add_entry(tx, {"occurred_at": "2026-03-02T10:00:00+01:00"})
            screenshot = add_attachment(tx, hidden, FIXTURES / HIDDEN[0])
            add_transcript(tx, screenshot.id, {"language": "zh-CN", "text": "护照"})
            add_attachment(tx, hidden, FIXTURES / HIDDEN[0])  # linked to the stored bytes
            removed = add_entry(tx, {"occurred_at": "2026-03-03T10:00:00+01:00"})
            letter = add_attachment(tx, removed, FIXTURES / HIDDEN[1])
        with vault.transaction() as tx:
            remove_attachment(tx, letter.id)
        selection = ExportSelection(entry_ids=(shown,))
        result = export_bundle(vault, base / "bundle.zip", selection, lang="en")
        seed = vault.signing_seed()
    yield Bundle(result.path, result, seed, folder)


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is in tools/setup.sh")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def _members(bundle_zip: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle_zip) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _entries(bundle_zip: Path) -> dict[str, Any]:
    (data,) = [d for n, d in _members(bundle_zip).items() if n.endswith(ENTRIES)]
    found: dict[str, Any] = json.loads(data)
    return found


def _events(bundle_zip: Path) -> list[dict[str, Any]]:
    (data,) = [d for n, d in _members(bundle_zip).items() if n.endswith(EVENTS)]
    return [json.loads(line) for line in data.decode().splitlines()]


def test_an_undisclosed_file_s_hash_is_nowhere_in_the_bundle(
    mixed_bundle: Bundle, tmp_path: Path
) -> None:
    members = _members(mixed_bundle.zip)
    texts = {name: re.sub(rb"\s", b"", data).decode("latin-1") for name, data in members.items()}
    texts["report.pdf as text"] = re.sub(
        r"\s", "", _pdf_text(next(d for n, d in members.items() if n.endswith(".pdf")), tmp_path)
    )
    texts["the zip itself"] = mixed_bundle.zip.read_bytes().decode("latin-1")
    for name in HIDDEN:
        digest = FIXTURE_SHA256[name]
        for where, text in texts.items():
            # the whole hash, and the 16 digits the dossier's custody trail would print
            assert digest not in text and digest[:16] not in text, (name, where)
    # the chain still names the hidden files' events (salted), and the bundle verifies
    kinds = [(e["kind"], e["subject_id"]) for e in _events(mixed_bundle.zip)]
    assert ("attachment.added", "E0002-A2") in kinds and ("attachment.removed", "E0003-A1") in kinds
    assert verify_bundle(mixed_bundle.zip, fingerprint=mixed_bundle.result.fingerprint).valid


def test_the_custody_trail_names_disclosed_transcripts_and_hides_the_rest(
    mixed_bundle: Bundle,
) -> None:
    (page,) = [d for n, d in _members(mixed_bundle.zip).items() if n.endswith("report.html")]
    trail = page.decode()[page.decode().index("Custody trail") :]
    assert "E0001-A1-T1" in trail and "E0001-A1" in trail
    assert "E0002" not in trail and "E0003" not in trail


def test_the_same_bytes_attached_twice_get_two_commitments(mixed_bundle: Bundle) -> None:
    added = {
        e["subject_id"]: e["content_sha256"]
        for e in _events(mixed_bundle.zip)
        if e["kind"] == "attachment.added"
    }
    assert added["E0002-A1"] != added["E0002-A2"]


def test_a_disclosed_original_carries_its_salt_and_its_v3_event_the_commitment(
    bundle: Bundle,
) -> None:
    attachments = [a for e in _entries(bundle.zip)["entries"] for a in e["attachments"]]
    events = {e["subject_id"]: e for e in _events(bundle.zip) if e["kind"] == "attachment.added"}
    assert len(attachments) == 4
    for attachment in attachments:
        assert re.fullmatch("[0-9a-f]{32}", attachment["salt"])
        event = events[attachment["id"]]
        assert event["v"] == 3
        assert event["content_sha256"] == original_commitment(
            attachment["sha256"], attachment["salt"]
        )
        assert event["content_sha256"] != attachment["sha256"]
    assert verify_bundle(bundle.zip, fingerprint=bundle.result.fingerprint).valid


def _first_attachment(doc: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = doc["entries"][0]["attachments"][0]
    return found


def test_a_tampered_salt_fails_originals_match_chain(bundle: Bundle, tmp_path: Path) -> None:
    """Re-signed with the genuine key and every manifest and the export record rehashed (an
    insider): only the recomputed commitment can tell."""

    def flip_salt(doc: dict[str, Any], events: list[dict[str, Any]]) -> None:
        attachment = _first_attachment(doc)
        salt = attachment["salt"]
        attachment["salt"] = ("1" if salt[0] == "0" else "0") + salt[1:]

    failed = _failed(_forge(bundle, tmp_path, flip_salt), bundle.result.fingerprint)
    assert list(failed) == ["originals-match-chain"]
    assert "does not match its hash in the chain" in failed["originals-match-chain"]


@pytest.mark.parametrize("salt", [None, "", "AB" * 16, "ab" * 15, 12345, ["ab" * 16]])
def test_a_v3_original_without_a_valid_salt_fails_with_its_own_sentence(
    bundle: Bundle, tmp_path: Path, salt: object
) -> None:
    def spoil(doc: dict[str, Any], events: list[dict[str, Any]]) -> None:
        attachment = _first_attachment(doc)
        if salt is None:
            del attachment["salt"]
        else:
            attachment["salt"] = salt

    failed = _failed(_forge(bundle, tmp_path, spoil), bundle.result.fingerprint)
    assert list(failed) == ["originals-match-chain"]
    assert "lacks the salt its event's version requires" in failed["originals-match-chain"]


def test_a_v3_event_cannot_be_passed_off_with_the_plain_hash(
    bundle: Bundle, tmp_path: Path
) -> None:
    """A forger who drops the salt and writes the file's own hash into a version-3 event (the
    rest of the chain rebuilt and re-signed) is refused: version 3 requires the commitment."""

    def unsalt(doc: dict[str, Any], events: list[dict[str, Any]]) -> None:
        attachment = _first_attachment(doc)
        del attachment["salt"]
        event = next(e for e in events if e["subject_id"] == attachment["id"])
        event["content_sha256"] = attachment["sha256"]

    failed = _failed(_forge(bundle, tmp_path, unsalt), bundle.result.fingerprint)
    assert list(failed) == ["originals-match-chain"]


def test_the_cli_says_one_sentence_for_a_malformed_salt(bundle: Bundle, tmp_path: Path) -> None:
    def spoil(doc: dict[str, Any], events: list[dict[str, Any]]) -> None:
        _first_attachment(doc)["salt"] = "not hex at all, and far too short"

    bag = _forge(bundle, tmp_path, spoil)
    for lang, expected in (
        ("en", "lacks the salt its event's version requires"),
        ("fr", "n'a pas le sel"),
    ):
        done = run_cli("verify", str(bag), env={"TR_JOURNAL_LANG": lang})
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        (line,) = [x for x in done.stdout.splitlines() if expected in x]
        assert "E0001-A1" in line and line.rstrip().endswith(")"), line


# -- vaults and bundles written before salted originals (tests/data/make_record_v2.py) -------


def test_a_bundle_of_version_2_still_verifies() -> None:
    bundle = DATA / "record-v2-bundle.zip"
    verdict = verify_bundle(bundle, fingerprint=V2["fingerprint"])
    assert verdict.valid, verdict.to_json()
    added = [e for e in _events(bundle) if e["kind"] == "attachment.added"]
    assert {e["v"] for e in added} == {2}
    # the leak this change closes, still in a bundle made before it (and left as it was)
    assert FIXTURE_SHA256[V2["undisclosed_file"]] in {e["content_sha256"] for e in added}


def _v2_vault(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "vault"
    shutil.copytree(DATA / "record-v2-vault", folder)
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(V2["passphrase"] + "\n", encoding="utf-8")
    return folder, pass_file


def _cli(folder: Path, pass_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "--vault",
        str(folder),
        *args,
        "--passphrase-file",
        str(pass_file),
        env={"TR_JOURNAL_LANG": "en"},
    )


def test_an_upgraded_vault_checks_old_and_new_originals_and_exports_both_versions(
    tmp_path: Path,
) -> None:
    folder, pass_file = _v2_vault(tmp_path)
    attached = _cli(folder, pass_file, "attach", "E0001", str(FIXTURES / "call-ug.flac"))
    assert attached.returncode == 0, attached.stderr
    done = _cli(folder, pass_file, "check")
    assert done.returncode == 0 and "The vault checks out." in done.stdout, done.stdout
    out = tmp_path / "b.zip"
    exported = _cli(folder, pass_file, "export", "--out", str(out), "--entry", "E0001", "--json")
    assert exported.returncode == 0, exported.stderr
    verdict = verify_bundle(out, fingerprint=V2["fingerprint"])
    assert verdict.valid, verdict.to_json()
    events = _events(out)
    with zipfile.ZipFile(DATA / "record-v2-bundle.zip") as old:
        (name,) = [n for n in old.namelist() if n.endswith(EVENTS)]
        before = [json.loads(x) for x in old.read(name).decode().splitlines()]
    assert events[: len(before) - 1] == before[:-1]  # untouched, up to the old export
    versions = {(e["subject_id"], e["kind"]): e.get("v") for e in events}
    assert versions[("E0001-A1", "attachment.added")] == 2
    assert versions[("E0001-A2", "attachment.added")] == 3
    (entry,) = _entries(out)["entries"]
    old_file, new_file = entry["attachments"]
    assert "salt" not in old_file and re.fullmatch("[0-9a-f]{32}", new_file["salt"])
    # the old event of the undisclosed screenshot keeps its plain hash in events.jsonl (the chain
    # needs it), but the dossier's custody trail does not print it
    hidden = FIXTURE_SHA256[V2["undisclosed_file"]]
    (page,) = [d for n, d in _members(out).items() if n.endswith("report/report.html")]
    assert hidden[:16] not in re.sub(r"\s|<[^>]*>", "", page.decode())


def test_check_fails_when_a_stored_salt_is_altered(tmp_path: Path) -> None:
    folder, pass_file = _v2_vault(tmp_path)
    attached = _cli(folder, pass_file, "attach", "E0002", str(FIXTURES / "call-en.mp3"))
    assert attached.returncode == 0, attached.stderr
    with Vault.open(folder, V2["passphrase"]) as vault, vault.transaction() as tx:
        tx.execute("UPDATE attachments SET salt = ? WHERE public_id = 'E0002-A2'", ("0" * 32,))
    done = _cli(folder, pass_file, "check")
    assert done.returncode != 0, done.stdout
    assert "E0002-A2 does not match its event" in done.stdout
    assert "E0001-A1" not in done.stdout and "E0002-A1" not in done.stdout  # old ones still fine
