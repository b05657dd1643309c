"""``tr-journal export`` and ``verify`` as real processes (docs/cli.md): output, JSON, exits."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers import FIXTURES, run_cli


def _export(vault_dir: Path, passphrase_file: Path, out: Path, *extra: str) -> dict[str, object]:
    common = ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file)]
    added = run_cli(
        "add",
        *common,
        "--json",
        "--occurred",
        "2026-01-29T15:03+01:00",
        "--channel",
        "phone",
        "--text",
        "ئۇ ماڭا تېلېفون قىلدى",
        "--attach",
        str(FIXTURES / "call-ug.flac"),
    )
    assert added.returncode == 0, added.stderr
    done = run_cli(
        "export",
        *common,
        "--out",
        str(out),
        "--lang",
        "fr",
        "--json",
        *extra,
        env={"SOURCE_DATE_EPOCH": "1780000000"},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_export_then_verify_json(vault_dir: Path, passphrase_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    info = _export(vault_dir, passphrase_file, out, "--entry", "E0001")
    assert info["path"] == str(out) and info["entries"] == 1 and info["files"] == 1
    assert str(info["fingerprint"]).startswith("SHA256:")
    assert "tr-journal verify" in str(info["verify_command"])
    verified = run_cli("verify", str(out), "--fingerprint", str(info["fingerprint"]), "--json")
    assert verified.returncode == 0, verified.stdout
    verdict = json.loads(verified.stdout)
    assert verdict["valid"] is True and verdict["fingerprint"] == info["fingerprint"]
    assert [c["check"] for c in verdict["checks"]] == [
        "zip-safety",
        "signature",
        "fingerprint-pin",
        "tag-manifest",
        "payload-manifest",
        "unlisted-files",
        "payload-oxum",
        "chain",
        "entries-match-chain",
        "originals-match-chain",
    ]
    assert all(set(c) == {"check", "ok", "detail"} for c in verdict["checks"])


def test_verify_text_and_failures(vault_dir: Path, passphrase_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    fingerprint = str(_export(vault_dir, passphrase_file, out)["fingerprint"])
    good = run_cli("verify", str(out))
    assert good.returncode == 0 and good.stdout.startswith("INTACT, AUTHOR UNPROVEN")
    assert "key card" in good.stdout and "[not done]" in good.stdout
    assert "expected" not in good.stdout
    pinned_good = run_cli("verify", str(out), "--fingerprint", fingerprint)
    assert pinned_good.returncode == 0 and pinned_good.stdout.startswith("VALID")
    pinned = run_cli("verify", str(out), "--fingerprint", "SHA256:" + "A" * 43)
    assert pinned.returncode == 1 and pinned.stdout.startswith("NOT VALID")
    assert "[FAILED]" in pinned.stdout and "not by the expected" in pinned.stdout
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".flac"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            dst.writestr(info, data)
    bad = run_cli("verify", str(tampered), "--json")
    assert bad.returncode == 1
    failed = {c["check"] for c in json.loads(bad.stdout)["checks"] if c["ok"] is False}
    assert "payload-manifest" in failed and "originals-match-chain" in failed
    assert "Traceback" not in bad.stderr


def test_export_text_output_and_errors(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    common = ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file)]
    nothing = run_cli("export", *common, "--out", str(tmp_path / "x.zip"))
    assert nothing.returncode != 0 and "No entry matches" in nothing.stderr
    assert not (tmp_path / "x.zip").exists()
    out = tmp_path / "b.zip"
    _export(vault_dir, passphrase_file, out)
    again = run_cli(
        "export",
        *common,
        "--out",
        str(out),
        "--since",
        "2026-01-01",
        env={"SOURCE_DATE_EPOCH": "1780000000"},
    )
    assert again.returncode == 0, again.stderr
    assert "TRJ-2026-0002" in again.stdout and "ssh-keygen -Y verify" in again.stdout
    missing = run_cli("export", *common, "--out", str(tmp_path / "y.zip"), "--entry", "E0999")
    assert missing.returncode == 1 and "E0999" in missing.stderr


def test_evidence_commands_do_not_load_qt_for_verify() -> None:
    """``verify`` and the export module load no Qt; only rendering the report does."""
    code = (
        "import sys; import tr_journal.cli.evidence_cmds, tr_journal.evidence.verify, "
        "tr_journal.evidence.export; assert 'PySide6' not in sys.modules, 'Qt loaded'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_key_card_from_the_command_line(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    card = tmp_path / "card.pdf"
    done = run_cli(
        "key",
        "--vault",
        str(vault_dir),
        "--passphrase-file",
        str(passphrase_file),
        "--card",
        str(card),
        "--json",
        env={"QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    fingerprint = json.loads(done.stdout)["fingerprint"]
    assert card.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(card), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert fingerprint in text
