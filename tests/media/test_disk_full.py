"""The disk filling up during an import: rolled back, a clear error, the vault still opens."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import PASSPHRASE, mount_small_tmpfs
from tr_journal.errors import DiskFull
from tr_journal.journal.chain import all_events, verify_events
from tr_journal.journal.entries import add_entry
from tr_journal.media.ingest import add_attachment
from tr_journal.media.records import list_attachments
from tr_journal.vault import Vault


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    yield from mount_small_tmpfs(tmp_path / "small-disk", "8m")


def test_disk_full_rolls_back_and_vault_still_opens(
    vault_dir: Path, small_disk: Path, tmp_path: Path
) -> None:
    target = small_disk / "vault"
    shutil.copytree(vault_dir, target)
    big = tmp_path / "long-recording.wav"  # outside the small disk
    big.write_bytes(os.urandom(12 * 1024 * 1024))
    with Vault.open(target, PASSPHRASE) as vault:
        with vault.transaction() as conn:
            entry_id = add_entry(conn, {"occurred_at": "2026-01-29T15:03:00+01:00"})
        with pytest.raises(DiskFull) as caught, vault.transaction() as conn:
            add_attachment(conn, entry_id, big)
        assert "disk is full" in str(caught.value)
    with Vault.open(target, PASSPHRASE) as reopened, reopened.reading() as conn:
        assert list_attachments(conn, entry_id) == []
        assert conn.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 0
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        events = all_events(conn)
    assert [e.kind for e in events][-1] == "entry.created"
    assert verify_events(events) == []
