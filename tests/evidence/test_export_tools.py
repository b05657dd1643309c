"""An exported bundle passes the lawyer's real tools, and is reproducible and anonymous."""

from __future__ import annotations

import getpass
import itertools
import json
import re
import shutil
import socket
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.evidence.bagtools import (
    bagit_ok,
    extract,
    sha256sum_ok,
    sign_with_ssh_keygen,
    ssh_keygen_ok,
)
from tests.evidence.conftest import ATTACHED, SECRET, Bundle, populate
from tests.helpers import FIXTURE_SHA256, PASSPHRASE, sha256_file
from tr_journal.crypto.signing import sshsig_sign
from tr_journal.domain import ExportSelection
from tr_journal.errors import Cancelled, VaultBusy
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.verify import verify_bundle
from tr_journal.journal.chain import all_events, verify_events
from tr_journal.journal.entries import add_entry
from tr_journal.vault import Vault


def test_ssh_keygen_says_good(bundle: Bundle, tmp_path: Path) -> None:
    ok, output = ssh_keygen_ok(extract(bundle.zip, tmp_path))
    assert ok, output
    assert 'Good "tr-journal-evidence-v1" signature for evidence@tr-journal' in output
    assert bundle.result.fingerprint in output


@pytest.mark.parametrize("manifest", ["tagmanifest-sha256.txt", "manifest-sha256.txt"])
def test_sha256sum_checks_both_manifests(bundle: Bundle, tmp_path: Path, manifest: str) -> None:
    ok, output = sha256sum_ok(extract(bundle.zip, tmp_path), manifest)
    assert ok, output


def test_bagit_validates(bundle: Bundle, tmp_path: Path) -> None:
    ok, output = bagit_ok(extract(bundle.zip, tmp_path))
    assert ok, output


def test_our_verifier_says_valid_on_zip_and_folder(bundle: Bundle, tmp_path: Path) -> None:
    for path in (bundle.zip, extract(bundle.zip, tmp_path)):
        verdict = verify_bundle(path, fingerprint=bundle.result.fingerprint)
        assert verdict.valid, verdict.to_json()
        assert verdict.fingerprint == bundle.result.fingerprint


def test_signature_is_byte_identical_to_ssh_keygen(bundle: Bundle, tmp_path: Path) -> None:
    bag = extract(bundle.zip, tmp_path / "x")
    ours = (bag / "signatures/tagmanifest-sha256.txt.sig").read_bytes()
    assert ours == sshsig_sign(bundle.seed, (bag / "tagmanifest-sha256.txt").read_bytes())
    sign_with_ssh_keygen(bag, bundle.seed)
    assert (bag / "signatures/tagmanifest-sha256.txt.sig").read_bytes() == ours


def test_originals_are_byte_identical(bundle: Bundle, tmp_path: Path) -> None:
    bag = extract(bundle.zip, tmp_path)
    found = {sha256_file(p) for p in (bag / "data/originals").rglob("*") if p.is_file()}
    assert found == {FIXTURE_SHA256[name] for name in ATTACHED}
    names = [p.name for p in (bag / "data").rglob("*")]
    assert all(n.isascii() and " " not in n for n in names)


def test_zip_layout(bundle: Bundle) -> None:
    with zipfile.ZipFile(bundle.zip) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {n.split("/")[0] for n in names} == {bundle.result.export_id}
    assert bundle.result.export_id.startswith("TRJ-2026-")
    assert len({i.date_time for i in infos}) == 1
    assert all((i.external_attr >> 16) == 0o100644 for i in infos)
    media = [i for i in infos if "/data/originals/" in i.filename]
    assert media and all(i.compress_type == zipfile.ZIP_STORED for i in media)


def test_undisclosed_entry_appears_only_through_its_events(bundle: Bundle) -> None:
    with zipfile.ZipFile(bundle.zip) as archive:
        for name in archive.namelist():
            assert SECRET.encode() not in archive.read(name), name
        events = [
            json.loads(line)
            for line in archive.read(
                f"{bundle.result.export_id}/data/journal/events.jsonl"
            ).splitlines()
        ]
    assert "E0003" in {e["subject_id"] for e in events}
    assert events[-1]["kind"] == "export.created"
    assert verify_events(events) == []


def test_export_is_an_event_of_the_vault(bundle: Bundle) -> None:
    with Vault.open(bundle.vault_dir, PASSPHRASE) as vault, vault.reading() as conn:
        events = all_events(conn)
    assert events[-1].kind == "export.created"
    assert events[-1].subject_id == bundle.result.export_id
    assert verify_events(events) == []


def test_two_copies_give_identical_bytes(
    populated_template: tuple[Path, list[str]], tmp_path: Path, source_date_epoch: str
) -> None:
    digests = []
    for n in (1, 2):
        folder = tmp_path / f"copy{n}"
        shutil.copytree(populated_template[0], folder)
        with Vault.open(folder, PASSPHRASE) as vault:
            result = export_bundle(vault, tmp_path / f"out{n}.zip", ExportSelection(), lang="fr")
        digests.append(result.sha256)
        assert sha256_file(result.path) == result.sha256
    assert digests[0] == digests[1]
    assert (tmp_path / "out1.zip").read_bytes() == (tmp_path / "out2.zip").read_bytes()


def _texts(path: Path) -> str:
    if path.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    return path.read_text(encoding="utf-8")


def test_no_user_host_or_local_path_in_any_file(bundle: Bundle, tmp_path: Path) -> None:
    """Raw bytes for long needles; for short ones (a host called ``vm`` would match compressed
    PDF bytes by chance) whole words of each file's text, the PDF's as pdftotext reads it."""
    bag = extract(bundle.zip, tmp_path)
    needles = {
        getpass.getuser(),
        socket.gethostname(),
        str(bundle.vault_dir),
        str(bundle.zip.parent),
        tempfile.gettempdir() + "/",
        str(Path.home()),
    }
    needles = {n for n in needles if n and n not in ("/", "root/")}
    files = [p for p in bag.rglob("*") if p.is_file() and "/data/originals/" not in p.as_posix()]
    assert len(files) == 13  # the originals are the user's own bytes, checked bit-exact elsewhere
    for path in files:
        data, words = path.read_bytes(), set(re.split(r"[^\w.-]+", _texts(path)))
        for needle in needles:
            if len(needle) >= 6:
                assert needle.encode() not in data, f"{needle!r} found in {path.name}"
            assert needle not in words, f"{needle!r} found in {path.name}"


def test_cancel_leaves_nothing(vault: Vault, tmp_path: Path) -> None:
    populate(vault)
    with vault.reading() as conn:
        before = all_events(conn)
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    with pytest.raises(Cancelled):
        export_bundle(vault, out, ExportSelection(), cancelled=lambda: True)
    assert list(out.parent.iterdir()) == []
    with vault.reading() as conn:
        assert all_events(conn) == before


def test_progress_reaches_total(vault: Vault, tmp_path: Path) -> None:
    populate(vault)
    seen: list[tuple[int, int]] = []
    export_bundle(
        vault,
        tmp_path / "b.zip",
        ExportSelection(since="2026-02-01"),
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen and seen[-1][0] == seen[-1][1]
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(seen))


def test_selection_by_date_discloses_only_those(vault: Vault, tmp_path: Path) -> None:
    populate(vault)
    result = export_bundle(vault, tmp_path / "b.zip", ExportSelection(until="2026-01-31"))
    assert result.entries == 1 and result.files == 2
    assert verify_bundle(result.path).valid
    with zipfile.ZipFile(result.path) as archive:
        doc = json.loads(archive.read(f"{result.export_id}/data/journal/entries.json"))
    assert [e["id"] for e in doc["entries"]] == ["E0001"]


def test_ids_count_up(vault: Vault, tmp_path: Path) -> None:
    populate(vault)
    first = export_bundle(vault, tmp_path / "1.zip", ExportSelection(entry_ids=("E0001",)))
    second = export_bundle(vault, tmp_path / "2.zip", ExportSelection(entry_ids=("e0002",)))
    assert first.export_id[-4:] == "0001" and second.export_id[-4:] == "0002"
    assert verify_bundle(second.path).valid
    assert subprocess.run(["unzip", "-tq", str(second.path)], capture_output=True).returncode == 0


def test_unlisted_file_under_signatures_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    """signatures/ is outside every manifest, but only the signature may be there unlisted
    (bag.OUTSIDE_MANIFESTS, docs/bundle-format.md): a planted file there is refused."""
    bag = extract(bundle.zip, tmp_path)
    (bag / "signatures/tagmanifest-sha256.txt.sig.tsr").write_bytes(b"\x30\x82 reply")
    verdict = verify_bundle(bag, fingerprint=bundle.result.fingerprint)
    assert not verdict.valid
    assert {c.check for c in verdict.checks if c.failed} == {"unlisted-files"}
    assert bagit_ok(bag)[0] and ssh_keygen_ok(bag)[0]  # the standard tools cannot see it


def test_journal_changed_during_export_aborts_cleanly(vault: Vault, tmp_path: Path) -> None:
    """A write between two chunks (the GUI's main thread) makes the planned event stale."""
    populate(vault)
    meddled: list[str] = []

    def meddle(done: int, total: int) -> None:
        if not meddled and done > 100_000:
            with vault.transaction() as tx:
                meddled.append(add_entry(tx, {"occurred_at": "2026-03-01T10:00:00+01:00"}))

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(VaultBusy):
        export_bundle(vault, out / "b.zip", ExportSelection(), progress=meddle)
    assert meddled and list(out.iterdir()) == []
    with vault.reading() as conn:
        events = all_events(conn)
    assert events[-1].kind == "entry.created" and verify_events(events) == []
    assert verify_bundle(export_bundle(vault, out / "c.zip", ExportSelection()).path).valid
