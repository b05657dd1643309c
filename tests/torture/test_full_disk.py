"""Part 2: a vault on a 20 MB tmpfs, filled by imports, exports, backups and header writes.

Every action that runs out of space must raise :class:`DiskFull` (nothing else), leave the vault
opening and checking clean with every earlier entry, and leave no temp file or work folder.
Needs root (it mounts a tmpfs); skipped with the reason otherwise. Always unmounted.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import PASSPHRASE, mount_small_tmpfs
from tests.torture.common import record
from tr_journal import maintenance
from tr_journal.domain import ExportSelection
from tr_journal.errors import DiskFull
from tr_journal.evidence.export import export_bundle
from tr_journal.journal import entries
from tr_journal.media.ingest import add_attachment
from tr_journal.vault import Vault

VAULT_FILES = {
    "keyslots.json",
    "keyslots.json.bak",
    "journal.db",
    "journal.db-wal",
    "journal.db-shm",
}


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    yield from mount_small_tmpfs(tmp_path / "small", "20m")


def _until_full(action: Callable[[int], None], limit: int = 200) -> int:
    """Repeat ``action`` until it raises DiskFull; return how many times it succeeded."""
    for n in range(limit):
        try:
            action(n)
        except DiskFull:
            return n
    raise AssertionError(f"the disk never filled after {limit} actions")


def _assert_intact(vault_dir: Path, promised: list[str], others: Path) -> None:
    assert {p.name for p in vault_dir.iterdir()} <= VAULT_FILES
    assert not [p for p in others.iterdir() if p.name.startswith(".")], list(others.iterdir())
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        report = maintenance.check(vault)
        assert report["ok"], report
        with vault.reading() as conn:
            found = {r[0] for r in conn.execute("SELECT public_id FROM entries")}
    assert set(promised) <= found


@pytest.mark.timeout(300)
def test_filling_the_disk_is_a_clear_error_and_costs_nothing(
    small_disk: Path, template_vault: tuple[Path, str], tmp_path: Path
) -> None:
    vault_dir, exports = small_disk / "vault", small_disk / "exports"
    shutil.copytree(template_vault[0], vault_dir)
    exports.mkdir()
    source = tmp_path / "original.bin"
    promised: list[str] = []
    ballast = small_disk / "ballast"
    ballast.write_bytes(bytes(6 * 1024 * 1024))
    vault = Vault.open(vault_dir, PASSPHRASE)

    def add(n: int) -> None:
        # other bytes each time: the same bytes again are linked, not stored again
        source.write_bytes(random.Random(n).randbytes(1024 * 1024))
        with vault.transaction() as conn:
            entry_id = entries.add_entry(conn, {"occurred_at": "2026-01-29T15:03+01:00"})
            add_attachment(conn, entry_id, source)
        promised.append(entry_id)

    def export(n: int) -> None:
        export_bundle(
            vault, exports / f"bundle-{n}.zip", ExportSelection(tuple(promised[:1])), "en"
        )

    def backup(n: int) -> None:
        maintenance.backup(vault, exports / f"backup-{n}.trjbak")

    counts = {"imports": _until_full(add)}
    try:
        vault.change_passphrase("a new passphrase")
    except DiskFull:  # "nothing was saved": the old passphrase must still be the one
        counts["passphrase change refused"] = 1
        Vault.open(vault_dir, PASSPHRASE).close()
    else:
        vault.change_passphrase(PASSPHRASE)
    ballast.unlink()  # 6 MB free: one-entry bundles fit a few times, a backup never does
    counts["exports"] = _until_full(export)
    _assert_intact(vault_dir, promised, exports)
    for file in exports.iterdir():
        file.unlink()
    counts["backups"] = _until_full(backup)
    _assert_intact(vault_dir, promised, exports)
    vault.close()
    _assert_intact(vault_dir, promised, exports)
    record(
        "full disk",
        f"20 MB tmpfs: {counts}; every overflow raised DiskFull, nothing lost, no temp file left",
    )
