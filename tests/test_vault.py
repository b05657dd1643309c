"""The vault lifecycle: create, open, passphrase, recovery key, data-key rotation, permissions."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from tests.helpers import CHEAP_KDF, PASSPHRASE, interrupt_rotation
from tr_journal.errors import VaultCorrupt, VaultExists, VaultLocked, VaultNotFound, WrongPassphrase
from tr_journal.journal import entries
from tr_journal.journal.chain import all_events
from tr_journal.maintenance import check
from tr_journal.vault import Vault


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _add(vault: Vault, text: str = "hello") -> str:
    with vault.transaction() as conn:
        return entries.add_entry(conn, {"occurred_at": "2026-01-29T15:03+01:00", "narrative": text})


def test_permissions_are_private(vault_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    Vault.create(folder, PASSPHRASE, CHEAP_KDF)[0].close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_create_refuses_an_existing_vault(vault_dir: Path) -> None:
    before = _digests(vault_dir)
    with pytest.raises(VaultExists):
        Vault.create(vault_dir, "another passphrase", CHEAP_KDF)
    assert _digests(vault_dir) == before


def test_wrong_passphrase_changes_nothing(vault_dir: Path) -> None:
    before = _digests(vault_dir)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, "not the passphrase")
    assert _digests(vault_dir) == before


def test_missing_database_is_never_recreated(vault_dir: Path) -> None:
    (vault_dir / "journal.db").unlink()
    with pytest.raises(VaultCorrupt):
        Vault.open(vault_dir, PASSPHRASE)
    assert not (vault_dir / "journal.db").exists()


def test_no_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        Vault.open(tmp_path / "nothing", PASSPHRASE)
    assert not (tmp_path / "nothing").exists()


def test_change_passphrase_rewrites_only_the_header(vault_dir: Path) -> None:
    vault = Vault.open(vault_dir, PASSPHRASE)
    _add(vault)
    vault.close()
    db_before = (vault_dir / "journal.db").read_bytes()
    vault = Vault.open(vault_dir, PASSPHRASE)
    vault.change_passphrase("a new long passphrase")
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, PASSPHRASE)
    with Vault.open(vault_dir, "a new long passphrase") as again:
        assert entries.count_entries(again.conn) == 1
        kinds = [e.kind for e in all_events(again.conn)]
    assert kinds[-1] == "passphrase.changed"
    assert len(db_before) > 0


def test_backup_header_does_not_keep_the_old_passphrase(vault_dir: Path) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.change_passphrase("a new long passphrase")
    (vault_dir / "keyslots.json").replace(vault_dir / "elsewhere")
    (vault_dir / "keyslots.json.bak").replace(vault_dir / "keyslots.json")
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, PASSPHRASE)
    Vault.open(vault_dir, "a new long passphrase").close()


def test_recovery_key_opens_and_can_be_replaced(vault_dir: Path, recovery_key: str) -> None:
    with Vault.open(vault_dir, recovery_key=recovery_key) as vault:
        new_key = vault.new_recovery_key()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, recovery_key=recovery_key)
    Vault.open(vault_dir, recovery_key=new_key).close()
    Vault.open(vault_dir, PASSPHRASE).close()


def test_rotate_data_key(vault_dir: Path, recovery_key: str) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        entry_id = _add(vault, "before rotation")
        old_pragma = vault.data_key_pragma()
        new_recovery = vault.rotate_data_key(PASSPHRASE)
        assert vault.data_key_pragma() != old_pragma
        _add(vault, "after rotation")
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert entries.get_entry(vault.conn, entry_id).fields.narrative == "before rotation"
        assert entries.count_entries(vault.conn) == 2
        assert check(vault)["ok"]
    Vault.open(vault_dir, recovery_key=new_recovery).close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, recovery_key=recovery_key)


def test_rotation_interrupted_after_the_rekey_still_opens(
    vault_dir: Path, recovery_key: str
) -> None:
    """Simulate a crash between PRAGMA rekey and the final header: both keys' slots are there,
    and the new recovery key, shown before the re-key, is the one that opens."""
    from tr_journal.crypto import keyslots

    with Vault.open(vault_dir, PASSPHRASE) as vault:
        _add(vault)
    shown = interrupt_rotation(vault_dir)
    header = keyslots.read_header(vault_dir)
    assert len([s for s in header.slots if s.type == "passphrase"]) == 2
    with pytest.raises(WrongPassphrase, match="replaced"):
        Vault.open(vault_dir, recovery_key=recovery_key)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert entries.count_entries(vault.conn) == 1
        assert vault.has_recovery_key
    settled = keyslots.read_header(vault_dir)
    assert [s.type for s in settled.slots] == ["passphrase", "recovery"]
    assert not any(s.pending for s in settled.slots)
    Vault.open(vault_dir, recovery_key=shown).close()


def test_interrupted_rotations_do_not_grow_the_header(vault_dir: Path) -> None:
    from tr_journal.crypto import keyslots

    for _ in range(4):
        interrupt_rotation(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.conn.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
    assert len(keyslots.read_header(vault_dir).slots) == 2  # a passphrase and a recovery slot


def test_locked_vault_cannot_read(vault: Vault) -> None:
    _add(vault)
    vault.close()
    assert not vault.is_open
    with pytest.raises(VaultLocked):
        entries.list_entries(vault.conn)
    assert not any(vault._data_key)


def test_signing_key_is_stable(vault_dir: Path) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        first = vault.fingerprint()
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.fingerprint() == first
    assert first.startswith("SHA256:") and len(first) == 50
