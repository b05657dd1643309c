"""Corrupt, truncated or newer vaults give a precise error and are never written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from tests.helpers import PASSPHRASE
from tr_journal.errors import VaultCorrupt, VaultTooNew
from tr_journal.journal import entries
from tr_journal.vault import Vault

PAGE = 4096


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _fill(vault_dir: Path, n: int = 40) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.transaction() as conn:
        for i in range(n):
            entries.add_entry(
                conn,
                {"occurred_at": "2026-02-01T10:00+01:00", "narrative": f"entry {i} " + "x" * 500},
            )
    # fold the WAL back into the main file so page flips hit real data
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x40
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("offset", [100, PAGE + 200, 5 * PAGE + 1000, -50])
def test_flipped_byte_is_reported_and_nothing_written(vault_dir: Path, offset: int) -> None:
    _fill(vault_dir)
    db = vault_dir / "journal.db"
    size = db.stat().st_size
    _flip(db, offset % size)
    before = _digests(vault_dir)
    with pytest.raises(VaultCorrupt) as caught:
        vault = Vault.open(vault_dir, PASSPHRASE)
        # a flip in a page the quick check does not reach is caught on first read
        try:
            entries.list_entries(vault.conn, limit=1000)
            from tr_journal.maintenance import check

            report = check(vault)
            if not report["ok"]:
                raise VaultCorrupt(detail="check found it")
        except sqlcipher3.DatabaseError as exc:
            raise VaultCorrupt(detail=str(exc)) from exc
        finally:
            vault.close()
    assert caught.value.english()
    assert _digests(vault_dir) == before


def test_truncated_database(vault_dir: Path) -> None:
    _fill(vault_dir)
    db = vault_dir / "journal.db"
    db.write_bytes(db.read_bytes()[: PAGE * 2 + 17])
    before = _digests(vault_dir)
    with pytest.raises(VaultCorrupt):
        Vault.open(vault_dir, PASSPHRASE).close()
    assert _digests(vault_dir) == before


def test_zero_length_database_is_not_recreated(vault_dir: Path) -> None:
    (vault_dir / "journal.db").write_bytes(b"")
    with pytest.raises(VaultCorrupt):
        Vault.open(vault_dir, PASSPHRASE)
    assert (vault_dir / "journal.db").read_bytes() == b""


def test_edited_header_is_corruption(vault_dir: Path) -> None:
    header = vault_dir / "keyslots.json"
    header.write_bytes(header.read_bytes().replace(b'"slots"', b'"slotz"'))
    before = _digests(vault_dir)
    with pytest.raises(VaultCorrupt):
        Vault.open(vault_dir, PASSPHRASE)
    assert _digests(vault_dir) == before


def test_newer_schema_is_refused(vault_dir: Path) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.conn.execute("PRAGMA user_version = 99")
    before = _digests(vault_dir)
    with pytest.raises(VaultTooNew):
        Vault.open(vault_dir, PASSPHRASE)
    assert _digests(vault_dir) == before


def test_no_plaintext_in_vault_files(vault_dir: Path) -> None:
    canary = "CANARY-ÉCRIT-كانارى-金丝雀-7731"
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.transaction() as conn:
        entries.add_entry(
            conn,
            {
                "occurred_at": "2026-02-01T10:00+01:00",
                "narrative": canary,
                "caller_number": "+33 6 12 34 56 78",
            },
        )
    for path in vault_dir.iterdir():
        data = path.read_bytes()
        assert canary.encode() not in data and b"CANARY" not in data, path.name
        assert b"SQLite format 3" not in data
        assert b"+33 6 12" not in data
