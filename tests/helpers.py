"""Constants and helpers shared by tests (importable as ``tests.helpers``)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tr_journal.crypto.kdf import KdfParams

PASSPHRASE = "correct horse battery"
CHEAP_KDF = KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1)
REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "data" / "media"
#: name -> SHA-256 of each test medium (tests/data/media.sha256, ``sha256sum`` format)
FIXTURE_SHA256 = {
    name: digest
    for digest, name in (
        line.split() for line in (REPO / "tests" / "data" / "media.sha256").read_text().splitlines()
    )
}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``tr-journal`` as a real process (exit codes, stderr, no Qt)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("TR_JOURNAL_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tr_journal", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=300,
    )


def interrupt_rotation(vault_dir: Path) -> str:
    """Rotate the data key but 'die' between PRAGMA rekey and the final header write; return
    the new recovery key, which the rotation showed before its re-key.

    The process death is simulated by an exception from the second header write of
    ``Vault.rotate_data_key`` (the first writes both keys' slots, the second only the new).
    """
    import pytest

    import tr_journal.vault as vault_module
    from tr_journal.crypto import keyslots
    from tr_journal.vault import Vault

    original = keyslots.write_header
    calls: list[int] = []

    def crash_on_final_write(folder: Path, header: keyslots.Header) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process dies here
        original(folder, header)

    vault = Vault.open(vault_dir, PASSPHRASE)
    vault_module.write_header = crash_on_final_write  # type: ignore[assignment]
    shown: list[str] = []
    try:
        with pytest.raises(KeyboardInterrupt):
            vault.rotate_data_key(PASSPHRASE, shown.append)
    finally:
        vault_module.write_header = original  # type: ignore[assignment]
        vault.close()
    return shown[0]


def legacy_vault_copy(name: str, target: Path) -> tuple[Path, dict[str, str]]:
    """A copy of a vault written with header format 1 (tests/data/), and its secrets."""
    import json
    import shutil

    data = REPO / "tests" / "data"
    shutil.copytree(data / name, target)
    return target, json.loads((data / "v1-vault.json").read_text(encoding="utf-8"))


def mount_small_tmpfs(mount_point: Path, size: str) -> Iterator[Path]:
    """Yield a size-limited tmpfs at ``mount_point`` (for full-disk tests), then unmount it.

    Needs root; skips the test with the reason when the mount is not permitted.
    """
    import pytest

    mount_point.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a size-limited tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"mount -t tmpfs is not permitted here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


@contextmanager
def export_time_fixed(value: str) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set to ``value`` for the block (an export's time, so that two
    exports are the same bytes), then as it was; for fixtures wider than a test, which cannot
    use ``monkeypatch``."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
