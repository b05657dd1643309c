"""Header authentication: the slot list, ``pending`` and ``vault_id`` cannot be edited unseen;
headers written before it (format 1, tests/data/) open and are sealed on the next write."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CHEAP_KDF, PASSPHRASE, legacy_vault_copy
from tr_journal.crypto.keyslots import MAX_SLOTS, parse_header, read_header
from tr_journal.errors import VaultCorrupt, WrongPassphrase
from tr_journal.journal import entries
from tr_journal.vault import Vault

Edit = Callable[[dict[str, Any]], None]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def _edit_header(folder: Path, edit: Edit) -> None:
    path = folder / "keyslots.json"
    doc = json.loads(path.read_bytes())
    edit(doc)
    path.write_text(json.dumps(doc, indent=2))


def _recovery_pending(doc: dict[str, Any]) -> None:
    next(s for s in doc["slots"] if s["type"] == "recovery")["pending"] = True


def _drop_recovery(doc: dict[str, Any]) -> None:
    doc["slots"] = [s for s in doc["slots"] if s["type"] != "recovery"]


def _reorder(doc: dict[str, Any]) -> None:
    doc["slots"].reverse()


def _other_vault_id(doc: dict[str, Any]) -> None:
    doc["vault_id"] = "00000000-0000-4000-8000-000000000000"


def _ignored_field(doc: dict[str, Any]) -> None:
    """A field this version does not read, or a flag spelled differently, is still an edit."""
    doc["slots"][1]["pending"] = "yes"


def _downgrade(doc: dict[str, Any]) -> None:
    """Strip the tags and claim format 1: refused because the database knows better."""
    del doc["auth"]
    doc["version"] = 1
    _recovery_pending(doc)


@pytest.mark.parametrize(
    "edit",
    [_recovery_pending, _drop_recovery, _reorder, _other_vault_id, _ignored_field, _downgrade],
)
def test_edited_header_is_refused_and_nothing_is_written(
    vault_dir: Path, recovery_key: str, edit: Edit
) -> None:
    _edit_header(vault_dir, edit)
    before = _snapshot(vault_dir)
    with pytest.raises(VaultCorrupt, match="changed outside tr-journal"):
        Vault.open(vault_dir, PASSPHRASE)
    assert _snapshot(vault_dir) == before
    if edit is not _drop_recovery:
        with pytest.raises(VaultCorrupt, match="changed outside tr-journal"):
            Vault.open(vault_dir, recovery_key=recovery_key)
    assert _snapshot(vault_dir) == before


def test_the_copy_of_the_header_still_opens_after_a_refusal(
    vault_dir: Path, recovery_key: str
) -> None:
    _edit_header(vault_dir, _recovery_pending)
    (vault_dir / "keyslots.json.bak").replace(vault_dir / "keyslots.json")
    Vault.open(vault_dir, PASSPHRASE).close()
    Vault.open(vault_dir, recovery_key=recovery_key).close()  # the recovery slot survived


def test_slot_count_is_bounded_before_any_key_derivation(vault_dir: Path) -> None:
    doc = json.loads((vault_dir / "keyslots.json").read_bytes())
    slot = doc["slots"][0]
    slot["kdf"].update(memory_kib=4 * 1024 * 1024, iterations=20)
    doc["slots"] = [slot] * (MAX_SLOTS + 1)
    started = time.monotonic()
    with pytest.raises(VaultCorrupt, match="more key slots"):
        parse_header(json.dumps(doc).encode())
    assert time.monotonic() - started < 1.0  # nine 4 GiB Argon2 runs would take minutes


def test_total_key_derivation_work_is_bounded(vault_dir: Path) -> None:
    """Three slots of one type at the highest parameters: more than any real header needs."""
    doc = json.loads((vault_dir / "keyslots.json").read_bytes())
    slot = doc["slots"][0]
    slot["kdf"].update(memory_kib=4 * 1024 * 1024, iterations=20)
    doc["slots"] = [slot] * 2 + doc["slots"][1:]
    parse_header(json.dumps(doc).encode())  # two, as during a rotation: accepted
    doc["slots"] = [slot] * 3 + doc["slots"][1:]
    with pytest.raises(VaultCorrupt, match="safe range"):
        parse_header(json.dumps(doc).encode())


def test_new_vaults_are_sealed(vault_dir: Path) -> None:
    doc = json.loads((vault_dir / "keyslots.json").read_bytes())
    assert doc["version"] == 2 and len(doc["auth"]) == 1
    assert (vault_dir / "keyslots.json.bak").read_bytes() == (
        vault_dir / "keyslots.json"
    ).read_bytes()


def test_format_1_vault_opens_and_is_upgraded(tmp_path: Path) -> None:
    folder, secrets = legacy_vault_copy("v1-vault", tmp_path / "vault")
    assert json.loads((folder / "keyslots.json").read_bytes())["version"] == 1
    with Vault.open(folder, secrets["passphrase"]) as vault:
        assert entries.get_entry(vault.conn, secrets["entry"]).fields.narrative == (
            "written before header authentication"
        )
        assert vault.has_recovery_key
    for name in ("keyslots.json", "keyslots.json.bak"):
        doc = json.loads((folder / name).read_bytes())
        assert doc["version"] == 2 and doc["auth"], name
    Vault.open(folder, recovery_key=secrets["recovery_key"]).close()
    with Vault.open(folder, secrets["passphrase"]) as vault:  # the seal verifies
        vault.change_passphrase("a different passphrase")
    Vault.open(folder, "a different passphrase").close()
    Vault.open(folder, recovery_key=secrets["recovery_key"]).close()


def test_upgraded_vault_refuses_its_old_unauthenticated_header(tmp_path: Path) -> None:
    """After the upgrade, putting the format 1 header back (with pending edited in) is found."""
    folder, secrets = legacy_vault_copy("v1-vault", tmp_path / "vault")
    old_header = (folder / "keyslots.json").read_bytes()
    Vault.open(folder, secrets["passphrase"]).close()
    doc = json.loads(old_header)
    _recovery_pending(doc)
    (folder / "keyslots.json").write_text(json.dumps(doc))
    before = _snapshot(folder)
    with pytest.raises(VaultCorrupt, match="changed outside tr-journal"):
        Vault.open(folder, secrets["passphrase"])
    assert _snapshot(folder) == before


def test_format_1_pending_is_not_trusted_outside_a_rotation(tmp_path: Path) -> None:
    """A format 1 header cannot be authenticated, but the flag only ever meant something
    during a rotation: setting it on the only recovery slot deletes nothing."""
    folder, secrets = legacy_vault_copy("v1-vault", tmp_path / "vault")
    _edit_header(folder, _recovery_pending)
    with Vault.open(folder, secrets["passphrase"]) as vault:
        assert vault.has_recovery_key
    Vault.open(folder, recovery_key=secrets["recovery_key"]).close()


def test_format_1_rotation_interrupted_after_the_rekey(tmp_path: Path) -> None:
    """Format 1 rotations showed the new recovery key only at the end: it is dropped, the
    person is told (has_recovery_key), and the upgraded header holds one key's slots."""
    folder, secrets = legacy_vault_copy("v1-vault-mid-rotation", tmp_path / "vault")
    assert len(read_header(folder).slots) == 4
    with pytest.raises(WrongPassphrase):
        Vault.open(folder, recovery_key=secrets["recovery_key"])
    with Vault.open(folder, secrets["passphrase"]) as vault:
        assert entries.get_entry(vault.conn, secrets["entry"]) is not None
        assert not vault.has_recovery_key
        fresh = vault.new_recovery_key()
    header = read_header(folder)
    assert header.authenticated and [s.type for s in header.slots] == ["passphrase", "recovery"]
    Vault.open(folder, recovery_key=fresh).close()


def test_interrupted_replacement_keeps_the_old_recovery_key(
    vault_dir: Path, recovery_key: str
) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        new = vault.begin_new_recovery_key()  # the process dies before the confirmation
    with Vault.open(vault_dir, PASSPHRASE) as vault:  # the next unlock settles: old key stays
        assert vault.shown_recovery_key_dropped  # and the person is told
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert not vault.shown_recovery_key_dropped
    Vault.open(vault_dir, recovery_key=recovery_key).close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, recovery_key=new)
    assert len(read_header(vault_dir).slots) == 2


def test_using_the_pending_key_completes_the_replacement(
    vault_dir: Path, recovery_key: str
) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        new = vault.begin_new_recovery_key()
    with Vault.open(vault_dir, recovery_key=new) as vault:  # it reached the person: it wins
        assert not vault.shown_recovery_key_dropped
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, recovery_key=recovery_key)
    Vault.open(vault_dir, recovery_key=new).close()
    Vault.open(vault_dir, PASSPHRASE).close()


@pytest.mark.parametrize("action", ["replace", "rotate"])
def test_a_key_that_cannot_be_shown_changes_nothing(
    vault_dir: Path, recovery_key: str, action: str
) -> None:
    def fail(_key: str) -> None:
        raise OSError(28, "No space left on device")

    with Vault.open(vault_dir, PASSPHRASE) as vault, pytest.raises(OSError):
        if action == "replace":
            vault.new_recovery_key(fail)
        else:
            vault.rotate_data_key(PASSPHRASE, fail)
    assert len(read_header(vault_dir).slots) == 2
    Vault.open(vault_dir, recovery_key=recovery_key).close()
    Vault.open(vault_dir, PASSPHRASE).close()


def test_unsealed_headers_are_format_1() -> None:
    from tr_journal.crypto.keyslots import Header, wrap_key

    key = bytes(32)
    header = Header([wrap_key("passphrase", b"secret words", key, CHEAP_KDF)])
    assert json.loads(header.to_bytes())["version"] == 1
    sealed = parse_header(header.sealed([key]).to_bytes())
    assert sealed.verifies(key) and not sealed.verifies(bytes(range(32)))
