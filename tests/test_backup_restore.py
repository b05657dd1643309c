"""Backups name no account; restore leaves the parent folder as it was and reads a hostile
backup with bounded memory, writing nothing beside the target when it refuses it."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.helpers import PASSPHRASE
from tr_journal import maintenance
from tr_journal.errors import InvalidInput
from tr_journal.vault import Vault

MIB = 1024 * 1024


def _backup(vault_dir: Path, out: Path) -> Path:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        maintenance.backup(vault, out)
    return out


def test_backup_members_name_no_account(vault_dir: Path, tmp_path: Path) -> None:
    import pwd

    account = pwd.getpwuid(os.getuid()).pw_name
    out = _backup(vault_dir, tmp_path / "b.trjbak")
    with tarfile.open(out) as tar:
        members = tar.getmembers()
    assert sorted(m.name for m in members) == ["journal.db", "keyslots.json"]
    for member in members:
        assert (member.uid, member.gid) == (0, 0), member.name
        assert member.uname in ("", "tr-journal") and member.gname in ("", "tr-journal")
        assert account not in (member.uname, member.gname)


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o711])
def test_restore_leaves_the_parent_folder_mode(vault_dir: Path, tmp_path: Path, mode: int) -> None:
    out = _backup(vault_dir, tmp_path / "b.trjbak")
    parent = tmp_path / "shared"
    parent.mkdir()
    parent.chmod(mode)
    maintenance.restore(out, parent / "restored", PASSPHRASE)
    assert parent.stat().st_mode & 0o777 == mode
    assert (parent / "restored").stat().st_mode & 0o777 == 0o700
    Vault.open(parent / "restored", PASSPHRASE).close()


def _hostile_tar(path: Path, header_size: int) -> Path:
    """A tar whose keyslots.json member declares ``header_size`` bytes of zeros, stored as a
    hole (the file is sparse on disk, so the test costs no disk space)."""
    with open(path, "wb") as handle:
        info = tarfile.TarInfo("keyslots.json")
        info.size = header_size
        handle.write(info.tobuf(format=tarfile.USTAR_FORMAT))
        handle.seek(512 + -(-header_size // 512) * 512)
        db = tarfile.TarInfo("journal.db")
        db.size = 512
        handle.write(db.tobuf(format=tarfile.USTAR_FORMAT) + bytes(512) + bytes(1024))
    return path


#: Runs a command and prints its peak RSS. A child inherits the high-water mark of the process
#: it was forked from (Linux folds the old address space into ru_maxrss at exec), so the command
#: is started from this small process, not from pytest.
PEAK_RSS = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
stderr = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
sys.stderr.buffer.write(stderr)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def test_huge_key_file_member_is_refused_with_bounded_memory(
    tmp_path: Path, passphrase_file: Path
) -> None:
    backup = _hostile_tar(tmp_path / "hostile.trjbak", 300 * MIB)
    parent = tmp_path / "restore-here"
    parent.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PEAK_RSS,
            sys.executable,
            "-m",
            "tr_journal",
            "restore",
            str(backup),
            "--vault",
            str(parent / "vault"),
            "--passphrase-file",
            str(passphrase_file),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    code, peak_kib = (int(x) for x in result.stdout.split())
    assert code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "is not a tr-journal backup" in result.stderr
    assert peak_kib * 1024 < 200 * MIB, peak_kib  # Linux reports KiB
    assert list(parent.iterdir()) == []


def test_oversized_extended_header_is_refused(tmp_path: Path) -> None:
    backup = tmp_path / "pax.trjbak"
    with tarfile.open(backup, "w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo("keyslots.json")
        info.pax_headers = {"comment": "x" * (2 * MIB)}
        tar.addfile(info, None)
    with pytest.raises(InvalidInput):
        maintenance.restore(backup, tmp_path / "target", PASSPHRASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pax.trjbak"]


@pytest.mark.parametrize("kind", [tarfile.GNUTYPE_SPARSE, tarfile.SYMTYPE, tarfile.DIRTYPE])
def test_members_of_other_kinds_are_refused(vault_dir: Path, tmp_path: Path, kind: bytes) -> None:
    good = _backup(vault_dir, tmp_path / "good.trjbak")
    bad = tmp_path / "bad.trjbak"
    with tarfile.open(good) as source, tarfile.open(bad, "w", format=tarfile.GNU_FORMAT) as tar:
        for member in source.getmembers():
            data = source.extractfile(member)
            if member.name == "journal.db":
                member.type = kind
                member.linkname = "/etc/passwd" if kind == tarfile.SYMTYPE else ""
                data = None if kind != tarfile.GNUTYPE_SPARSE else data
                member.size = member.size if data else 0
            tar.addfile(member, data)
    with pytest.raises(InvalidInput):
        maintenance.restore(bad, tmp_path / "target", PASSPHRASE)
    assert not (tmp_path / "target").exists()
    assert not list(tmp_path.glob(".trj-restore-*"))
