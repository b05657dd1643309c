"""The command line around keys: no core dumps, passwd's warning about old copies, and a new
recovery key that replaces the old one only once it was written out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import PASSPHRASE, run_cli
from tr_journal.crypto.keyslots import read_header
from tr_journal.vault import Vault

CHILD = """
import ctypes, resource, sys
from tr_journal.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("HARDENED", resource.getrlimit(resource.RLIMIT_CORE), ctypes.CDLL(None).prctl(3, 0, 0, 0, 0),
      code)
"""


def test_cli_main_turns_core_dumps_off(vault_dir: Path, passphrase_file: Path) -> None:
    """The process that unwraps the key runs with RLIMIT_CORE 0 and is not dumpable."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            "key",
            "--vault",
            str(vault_dir),
            "--passphrase-file",
            str(passphrase_file),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "HARDENED (0, 0) 0 0" in out, out  # RLIMIT_CORE (0, 0), PR_GET_DUMPABLE 0, exit 0


def test_running_command_has_no_core_limit(vault_dir: Path) -> None:
    """The real `tr-journal` process, read from outside while it waits for its passphrase."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tr_journal",
            "list",
            "--vault",
            str(vault_dir),
            "--passphrase-stdin",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    limits = ""
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            limits = Path(f"/proc/{child.pid}/limits").read_text()
            core = next(line for line in limits.splitlines() if line.startswith("Max core"))
            if core.split()[4:6] == ["0", "0"]:
                break
            time.sleep(0.05)
        child.communicate(PASSPHRASE + "\n", timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0
    assert core.split()[4:6] == ["0", "0"], limits


def test_passwd_says_old_copies_still_open(vault_dir: Path) -> None:
    result = run_cli(
        "passwd",
        "--vault",
        str(vault_dir),
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\nbrand new passphrase\n",
    )
    assert result.returncode == 0, result.stderr
    assert "old passphrase" in result.stdout and "tr-journal rekey" in result.stdout
    fr = run_cli(
        "passwd",
        "--vault",
        str(vault_dir),
        "--passphrase-stdin",
        "--json",
        stdin="brand new passphrase\nanother new passphrase\n",
        env={"LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"},
    )
    assert "rekey" in json.loads(fr.stdout)["note"]


def test_recovery_key_to_a_full_disk_keeps_the_old_key(
    vault_dir: Path, recovery_key: str, passphrase_file: Path
) -> None:
    before = (vault_dir / "keyslots.json").read_bytes()
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "tr_journal",
                "recovery-key",
                "--vault",
                str(vault_dir),
                "--passphrase-file",
                str(passphrase_file),
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "old recovery key still works" in result.stderr
    assert (vault_dir / "keyslots.json").read_bytes() == before
    Vault.open(vault_dir, recovery_key=recovery_key).close()


def test_rekey_to_a_full_disk_changes_nothing(vault_dir: Path, recovery_key: str) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        pragma = vault.data_key_pragma()
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "tr_journal",
                "rekey",
                "--vault",
                str(vault_dir),
                "--passphrase-stdin",
            ],
            input=PASSPHRASE + "\n",
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    assert result.returncode == 1 and "old recovery key still works" in result.stderr
    with Vault.open(vault_dir, recovery_key=recovery_key) as vault:
        assert vault.data_key_pragma() == pragma
    assert len(read_header(vault_dir).slots) == 2


def test_recovery_key_shown_then_in_place(
    vault_dir: Path, recovery_key: str, passphrase_file: Path
) -> None:
    result = run_cli(
        "recovery-key",
        "--vault",
        str(vault_dir),
        "--passphrase-file",
        str(passphrase_file),
        "--json",
    )
    new = json.loads(result.stdout)["recovery_key"]
    Vault.open(vault_dir, recovery_key=new).close()
    assert (
        run_cli(
            "check",
            "--vault",
            str(vault_dir),
            "--use-recovery-key",
            "--passphrase-stdin",
            stdin=recovery_key + "\n",
        ).returncode
        == 3
    )


def test_init_to_a_full_disk_says_to_make_a_recovery_key(tmp_path: Path) -> None:
    pw = tmp_path / "pw"
    pw.write_text(PASSPHRASE + "\n")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "tr_journal",
                "init",
                "--vault",
                str(tmp_path / "v"),
                "--kdf-memory",
                "64",
                "--kdf-iterations",
                "1",
                "--passphrase-file",
                str(pw),
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "tr-journal recovery-key" in result.stderr
    Vault.open(tmp_path / "v", PASSPHRASE).close()


def test_edited_header_is_one_sentence_exit_4(vault_dir: Path, passphrase_file: Path) -> None:
    path = vault_dir / "keyslots.json"
    doc = json.loads(path.read_bytes())
    next(s for s in doc["slots"] if s["type"] == "recovery")["pending"] = True
    path.write_text(json.dumps(doc))
    before = {p.name: p.read_bytes() for p in vault_dir.iterdir()}
    result = run_cli("list", "--vault", str(vault_dir), "--passphrase-file", str(passphrase_file))
    assert result.returncode == 4 and result.stderr.count("\n") == 1, result.stderr
    assert "changed outside tr-journal" in result.stderr
    assert {p.name: p.read_bytes() for p in vault_dir.iterdir()} == before


def test_interrupted_replacement_is_announced_once(vault_dir: Path, passphrase_file: Path) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.begin_new_recovery_key()  # shown, then the process died
    common = ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file)]
    first = run_cli("list", *common)
    assert first.returncode == 0 and "previous recovery key still does" in first.stderr
    assert run_cli("list", *common).stderr == ""
