"""The command line as scripts drive it: real processes, exit codes, --json, one-line errors."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import PASSPHRASE, run_cli


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_cli_does_not_load_pyside6() -> None:
    code = (
        "import sys, tr_journal.cli, tr_journal.cli.entry_cmds, tr_journal.cli.vault_cmds;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_init_prints_the_recovery_key_once(tmp_path: Path) -> None:
    pw = tmp_path / "pw"
    pw.write_text(PASSPHRASE + "\n")
    vault = tmp_path / "v"
    result = run_cli(
        "init",
        "--vault",
        str(vault),
        "--kdf-memory",
        "64",
        "--kdf-iterations",
        "1",
        "--passphrase-file",
        str(pw),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["recovery_key"].split("-")) == 8
    assert doc["fingerprint"].startswith("SHA256:")
    again = run_cli("init", "--vault", str(vault), "--passphrase-file", str(pw))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert doc["recovery_key"] not in "".join(p.read_text(errors="ignore") for p in vault.iterdir())


def test_init_help_states_the_key_derivation_bounds() -> None:
    """`init --kdf-memory 8` was refused only after reading the passphrase, and the help said
    neither the unit's range nor the defaults; the help now states crypto/kdf.py's bounds."""
    from tr_journal.crypto import kdf

    shown = " ".join(run_cli("init", "--help", env={"TR_JOURNAL_LANG": "en"}).stdout.split())
    assert f"{kdf.MIN_MEMORY_KIB // 1024}–{kdf.MAX_MEMORY_KIB // 1024}" in shown
    assert f"{kdf.MIN_ITERATIONS}–{kdf.MAX_ITERATIONS}" in shown
    assert f"{kdf.MIN_PARALLELISM}–{kdf.MAX_PARALLELISM}" in shown
    french = run_cli("init", "--help", env={"TR_JOURNAL_LANG": "fr"}).stdout
    assert "dérivation de clé" in " ".join(french.split())


def test_add_list_search_show_json(vault_dir: Path, passphrase_file: Path) -> None:
    common = ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file), "--json"]
    added = run_cli(
        "add",
        *common,
        "--occurred",
        "2026-01-29T15:03+01:00",
        "--channel",
        "wechat",
        "--number",
        "+86 991 555 0142",
        "--claimed",
        "公安局",
        "--demand",
        "documents",
        "--threat",
        "relatives",
        "--text",
        "护照 demanded",
    )
    assert added.returncode == 0, added.stderr
    entry_id = json.loads(added.stdout)["id"]
    listed = json.loads(run_cli("list", *common).stdout)
    assert [e["id"] for e in listed] == [entry_id]
    found = json.loads(run_cli("search", "0086 991 555 0142", *common).stdout)
    assert [e["id"] for e in found] == [entry_id]
    shown = json.loads(run_cli("show", entry_id, *common).stdout)
    assert shown["claimed_identity"] == "公安局" and shown["attachments"] == []
    assert shown["demands"] == ["documents"] and shown["threats"] == ["relatives"]


def test_wrong_passphrase_exit_3_and_files_unchanged(vault_dir: Path, tmp_path: Path) -> None:
    before = _digests(vault_dir)
    result = run_cli("list", "--vault", str(vault_dir), "--passphrase-stdin", stdin="nope\n")
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert _digests(vault_dir) == before


def test_corrupt_vault_exit_4(vault_dir: Path, passphrase_file: Path) -> None:
    (vault_dir / "keyslots.json").write_text("{ truncated")
    result = run_cli("list", "--vault", str(vault_dir), "--passphrase-file", str(passphrase_file))
    assert result.returncode == 4 and "damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_vault_and_usage_errors(tmp_path: Path, passphrase_file: Path) -> None:
    missing = run_cli(
        "list", "--vault", str(tmp_path / "none"), "--passphrase-file", str(passphrase_file)
    )
    assert missing.returncode == 4 and "no vault" in missing.stderr.lower()
    assert not (tmp_path / "none").exists()
    usage = run_cli("add", "--vault", str(tmp_path), "--channel", "fax")
    assert usage.returncode == 2


def test_not_found_exit_1(vault_dir: Path, passphrase_file: Path) -> None:
    result = run_cli(
        "show", "E0999", "--vault", str(vault_dir), "--passphrase-file", str(passphrase_file)
    )
    assert result.returncode == 1 and "E0999" in result.stderr


def test_vault_from_environment(vault_dir: Path, passphrase_file: Path) -> None:
    result = run_cli(
        "list",
        "--passphrase-file",
        str(passphrase_file),
        "--json",
        env={"TR_JOURNAL_VAULT": str(vault_dir)},
    )
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_passwd_recovery_key_and_check(vault_dir: Path, passphrase_file: Path) -> None:
    result = run_cli(
        "passwd",
        "--vault",
        str(vault_dir),
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\nbrand new passphrase\n",
    )
    assert result.returncode == 0, result.stderr
    old = run_cli("check", "--vault", str(vault_dir), "--passphrase-file", str(passphrase_file))
    assert old.returncode == 3
    new_key = run_cli(
        "recovery-key",
        "--vault",
        str(vault_dir),
        "--passphrase-stdin",
        "--json",
        stdin="brand new passphrase\n",
    )
    key = json.loads(new_key.stdout)["recovery_key"]
    checked = run_cli(
        "check",
        "--vault",
        str(vault_dir),
        "--use-recovery-key",
        "--passphrase-stdin",
        "--json",
        stdin=key + "\n",
    )
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["ok"] and report["events"] == 3


def test_check_reports_a_broken_chain_with_exit_1(vault_dir: Path, passphrase_file: Path) -> None:
    from tr_journal.vault import Vault

    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.conn.execute("UPDATE events SET kind = 'entry.created' WHERE seq = 1")
    result = run_cli("check", "--vault", str(vault_dir), "--passphrase-file", str(passphrase_file))
    assert result.returncode == 1 and "event 1" in result.stdout


def test_key_matches_ssh_keygen(vault_dir: Path, passphrase_file: Path, tmp_path: Path) -> None:
    doc = json.loads(
        run_cli(
            "key", "--vault", str(vault_dir), "--passphrase-file", str(passphrase_file), "--json"
        ).stdout
    )
    pub = tmp_path / "k.pub"
    pub.write_text(doc["public_key"] + "\n")
    printed = subprocess.run(
        ["ssh-keygen", "-l", "-f", str(pub)], capture_output=True, text=True, check=True
    ).stdout.split()[1]
    assert printed == doc["fingerprint"]


def test_backup_and_restore(vault_dir: Path, passphrase_file: Path, tmp_path: Path) -> None:
    common = ["--passphrase-file", str(passphrase_file)]
    run_cli(
        "add",
        "--vault",
        str(vault_dir),
        *common,
        "--occurred",
        "2026-01-29T15:03",
        "--text",
        "kept in the backup",
    )
    out = tmp_path / "backup.trj"
    result = run_cli("backup", "--vault", str(vault_dir), *common, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert b"kept in the backup" not in out.read_bytes()
    target = tmp_path / "restored"
    restored = run_cli("restore", str(out), "--vault", str(target), *common)
    assert restored.returncode == 0, restored.stderr
    found = run_cli("search", "backup", "--vault", str(target), *common, "--json")
    assert len(json.loads(found.stdout)) == 1
    again = run_cli("restore", str(out), "--vault", str(vault_dir), *common)
    assert again.returncode == 2 and "untouched" in again.stderr
    bad = tmp_path / "bad.trj"
    bad.write_bytes(b"not a tar at all")
    refused = run_cli("restore", str(bad), "--vault", str(tmp_path / "x"), *common)
    assert refused.returncode == 2 and "not a tr-journal backup" in refused.stderr
    assert not (tmp_path / "x").exists()


def test_no_plaintext_in_vault_or_tmpdir(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    canary = "CANARY-ТЕКСТ-ئۇيغۇر-金丝雀-4411"
    watched = tmp_path / "tmp"
    watched.mkdir()
    env = {"TMPDIR": str(watched)}
    common = ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file)]
    assert (
        run_cli(
            "add",
            *common,
            "--occurred",
            "2026-01-29T15:03",
            "--text",
            canary,
            "--claimed",
            canary,
            env=env,
        ).returncode
        == 0
    )
    assert run_cli("search", canary[:12], *common, env=env).returncode == 0
    assert run_cli("backup", *common, "--out", str(tmp_path / "b.trj"), env=env).returncode == 0
    for folder in (vault_dir, watched):
        for path in folder.rglob("*"):
            if path.is_file():
                assert canary.encode() not in path.read_bytes(), path
                assert b"CANARY" not in path.read_bytes(), path
    assert b"CANARY" not in (tmp_path / "b.trj").read_bytes()


def test_backup_sweeps_work_folders_of_killed_backups(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    import os

    stale = tmp_path / ".trj-backup-abc123"
    stale.mkdir()
    (stale / "journal.db").write_bytes(b"x" * 100)
    old = 1_000_000_000
    os.utime(stale / "journal.db", (old, old))
    os.utime(stale, (old, old))
    fresh = tmp_path / ".trj-backup-inuse"
    fresh.mkdir()
    result = run_cli(
        "backup",
        "--vault",
        str(vault_dir),
        "--passphrase-file",
        str(passphrase_file),
        "--out",
        str(tmp_path / "b.trj"),
    )
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and fresh.exists()


def test_damaged_recording_page_is_one_sentence_exit_4(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    """Recording pages are not read at unlock; damage there is reported when they are read."""
    import os

    from tr_journal.journal import entries
    from tr_journal.media.ingest import add_attachment
    from tr_journal.vault import Vault

    blob = tmp_path / "rec.bin"
    blob.write_bytes(os.urandom(3 * 1024 * 1024))
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        with vault.transaction() as conn:
            entry_id = entries.add_entry(conn, {"occurred_at": "2026-01-29T15:03+01:00"})
            attachment = add_attachment(conn, entry_id, blob)
        vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = vault_dir / "journal.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x10  # the middle of the file is recording data
    db.write_bytes(bytes(data))
    common = ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file)]
    listed = run_cli("list", *common)
    assert listed.returncode == 0, listed.stderr  # unlock does not read recordings
    result = run_cli("extract", attachment.id, "--out", str(tmp_path / "out.bin"), *common)
    assert result.returncode == 4, result.stderr
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out.bin").exists()
    checked = run_cli("check", *common)
    assert checked.returncode == 1 and "PROBLEMS" in checked.stdout
