"""Time stamps travel in a bundle: files, manifests, the verifier's check and the lawyer's
``openssl ts -verify`` run exactly as the bundle's README prints it."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from pathlib import Path

from tests.evidence.bagtools import extract, rehash_all, sign_with_ssh_keygen
from tests.stamps.conftest import Authorities
from tr_journal.domain import ExportSelection
from tr_journal.evidence import stamps
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.verify import describe_verdict, verify_bundle
from tr_journal.i18n import set_language
from tr_journal.journal.entries import add_entry
from tr_journal.vault import Vault


def _entry(vault: Vault, text: str) -> str:
    with vault.transaction() as tx:
        return add_entry(tx, {"occurred_at": "2026-01-29T15:03:00+01:00", "narrative": text})


def _stamp(vault: Vault, tmp_path: Path, authorities: Authorities, name: str) -> str:
    tsq = tmp_path / f"{name}.tsq"
    stamps.write_request(vault, tsq)
    tsr = authorities.ca.reply(tsq, tmp_path / f"{name}.tsr", authorities.tsa)
    return stamps.import_reply(vault, tsr.read_bytes(), authorities.ca.root.cert).stamp_id


def _stamped_vault(vault: Vault, tmp_path: Path, authorities: Authorities) -> tuple[str, str]:
    """E0001, stamp S0001, E0002 (no stamp covers it): returns the two entry ids."""
    first = _entry(vault, "first call")
    assert _stamp(vault, tmp_path, authorities, "one") == "S0001"
    return first, _entry(vault, "second call, later")


def _check(verdict_checks: list, name: str):  # type: ignore[no-untyped-def]
    return next(c for c in verdict_checks if c.check == name)


def test_stamp_travels_and_verifies(vault: Vault, tmp_path: Path, authorities: Authorities) -> None:
    first, _second = _stamped_vault(vault, tmp_path, authorities)
    result = export_bundle(vault, tmp_path / "bundle.zip", ExportSelection((first,)))
    folder = extract(result.path, tmp_path / "out")
    stamp_dir = folder / "data" / "stamps"
    assert sorted(p.name for p in stamp_dir.iterdir()) == [
        "S0001-head.txt",
        "S0001-tsa-chain.pem",
        "S0001.tsq",
        "S0001.tsr",
    ]
    manifest = (folder / "manifest-sha256.txt").read_text()
    assert all(f"data/stamps/{p.name}" in manifest for p in stamp_dir.iterdir())
    custody = json.loads((folder / "data/custody/export.json").read_text())
    (listed,) = custody["stamps"]
    assert listed["id"] == "S0001" and listed["tsa"] == "CN=Test TSA"
    assert "certifies" in custody["time_note"]
    verdict = verify_bundle(result.path)
    assert verdict.valid, describe_verdict(verdict)
    check = _check(verdict.checks, "time-stamps")
    assert check.ok and "time stamp S0001: the chain up to event" in check.detail
    assert "existed no later than" in check.detail and "CN=Test Root" in check.detail
    assert "Time stamps (RFC 3161)" in describe_verdict(verdict)
    set_language("fr")
    try:
        french = describe_verdict(verdict)
    finally:
        set_language("en")
    assert (
        "[ok] Horodatages (RFC 3161) : horodatage S0001 : la chaîne jusqu'à l'événement"
        in french.replace("\u202f", " ")
    )


def test_openssl_verifies_the_stamp_as_the_readme_says(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    first, _second = _stamped_vault(vault, tmp_path, authorities)
    result = export_bundle(vault, tmp_path / "bundle.zip", ExportSelection((first,)))
    folder = extract(result.path, tmp_path / "out")
    readme = (folder / "README.txt").read_text()
    commands = [
        line.strip() for line in readme.splitlines() if line.strip().startswith("openssl ts ")
    ]
    assert len(commands) == 2 * 2  # verify and show, in the English and the French guide
    assert "C:\\Program Files\\Git\\usr\\bin\\openssl.exe" in readme
    verify, show = commands[:2]
    done = subprocess.run(shlex.split(verify), cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0 and "Verification: OK" in done.stdout, done.stderr
    shown = subprocess.run(shlex.split(show), cwd=folder, capture_output=True, text=True)
    assert "Time stamp:" in shown.stdout and "Nonce" in shown.stdout
    # the head file holds the hash of an event the chain has
    head = (folder / "data/stamps/S0001-head.txt").read_text().strip()
    assert f'"hash":"{head}"' in (folder / "data/journal/events.jsonl").read_text()
    # the same command fails on another chain head
    (folder / "data/stamps/S0001-head.txt").write_text("0" * 64 + "\n")
    bad = subprocess.run(shlex.split(verify), cwd=folder, capture_output=True, text=True)
    assert bad.returncode != 0 and "Verification: OK" not in bad.stdout


def test_selective_disclosure_carries_only_covering_stamps(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    _first, second = _stamped_vault(vault, tmp_path, authorities)
    later = export_bundle(vault, tmp_path / "later.zip", ExportSelection((second,)))
    folder = extract(later.path, tmp_path / "later")
    assert not (folder / "data" / "stamps").exists()
    assert "stamps" not in json.loads((folder / "data/custody/export.json").read_text())
    verdict = verify_bundle(later.path)
    assert verdict.valid and all(c.check != "time-stamps" for c in verdict.checks)
    assert "openssl ts" not in (folder / "README.txt").read_text()
    # once a stamp covers the second entry, it travels with it too, and so does the first
    assert _stamp(vault, tmp_path, authorities, "two") == "S0002"
    again = export_bundle(vault, tmp_path / "again.zip", ExportSelection((second,)))
    folder = extract(again.path, tmp_path / "again")
    custody = json.loads((folder / "data/custody/export.json").read_text())
    assert [s["id"] for s in custody["stamps"]] == ["S0002"]
    assert verify_bundle(again.path).valid


def test_verifier_refuses_a_swapped_stamp_even_when_re_signed(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    """The signer themself cannot pass off a stamp over another chain head: the manifests and
    the signature are redone, only the stamp check sees it."""
    first, _second = _stamped_vault(vault, tmp_path, authorities)
    _stamp(vault, tmp_path, authorities, "two")
    result = export_bundle(vault, tmp_path / "bundle.zip", ExportSelection((first,)))
    folder = extract(result.path, tmp_path / "out")
    stamp_dir = folder / "data" / "stamps"
    shutil.copy(stamp_dir / "S0002.tsr", stamp_dir / "S0001.tsr")
    rehash_all(folder)
    sign_with_ssh_keygen(folder, vault.signing_seed())
    verdict = verify_bundle(folder)
    assert not verdict.valid
    check = _check(verdict.checks, "time-stamps")
    assert check.ok is False and "time stamp S0001" in check.detail
    assert "not the one the chain recorded" in check.detail
    others = [c for c in verdict.checks if c.check != "time-stamps"]
    assert all(c.ok is not False for c in others), describe_verdict(verdict)
    # a stray file under data/stamps/ is named too
    shutil.copy(stamp_dir / "S0002.tsr", stamp_dir / "S0009.tsr")
    rehash_all(folder)
    sign_with_ssh_keygen(folder, vault.signing_seed())
    assert (
        "S0009.tsr is not a file of any time stamp"
        in _check(verify_bundle(folder).checks, "time-stamps").detail
    )
