"""Bugs the torture suite found in the services, each pinned by the smallest reproduction."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import PASSPHRASE
from tr_journal import maintenance
from tr_journal.journal import entries
from tr_journal.vault import Vault


def _fill(vault: Vault) -> None:
    with vault.transaction() as conn:
        for _ in range(20):
            entries.add_entry(
                conn, {"occurred_at": "2026-01-29T15:03+01:00", "narrative": "x" * 3000}
            )


def test_check_is_clean_right_after_rotating_the_data_key(vault: Vault) -> None:
    """Found by the crash loop: ``cipher_integrity_check`` reads journal.db only, so while the
    re-keyed pages still sat in the WAL every page was reported as failing its HMAC."""
    _fill(vault)
    vault.rotate_data_key(PASSPHRASE)
    assert maintenance.check(vault)["integrity"] == []


def test_check_is_clean_after_a_kill_between_rekey_and_checkpoint(
    vault: Vault, tmp_path: Path
) -> None:
    """The same state as a SIGKILL right after the re-key committed: copy the folder while the
    WAL still holds the new-key pages, then open the copy as the next run would."""
    _fill(vault)
    vault.conn.execute("PRAGMA wal_autocheckpoint = 0")
    vault.rotate_data_key(PASSPHRASE)
    copy = tmp_path / "after-kill"
    shutil.copytree(vault.dir, copy)
    assert (copy / "journal.db-wal").stat().st_size > 0
    with Vault.open(copy, PASSPHRASE) as reopened:
        report = maintenance.check(reopened)
    assert report["ok"], report["integrity"][:3]
