"""Key slots: wrapping, bounds checked before allocating, tamper detection, atomic writes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.helpers import CHEAP_KDF
from tr_journal.crypto.kdf import KdfParams
from tr_journal.crypto.keyslots import Header, parse_header, read_header, wrap_key, write_header
from tr_journal.crypto.recovery import (
    format_recovery_key,
    generate_recovery_key,
    parse_recovery_key,
)
from tr_journal.errors import InvalidInput, VaultCorrupt, VaultTooNew, WrongPassphrase

KEY = bytes(range(32))


def _header() -> Header:
    return Header([wrap_key("passphrase", b"secret words", KEY, CHEAP_KDF)])


def test_unwrap_with_right_and_wrong_secret() -> None:
    header = parse_header(_header().to_bytes())
    assert header.unlock("passphrase", b"secret words") == [KEY]
    with pytest.raises(WrongPassphrase):
        header.unlock("passphrase", b"secret word")
    with pytest.raises(WrongPassphrase):
        header.unlock("recovery", b"secret words")


def test_header_has_the_design_fields() -> None:
    doc = json.loads(_header().to_bytes())
    assert doc["format"] == "tr-journal-keyslots" and doc["version"] == 1
    slot = doc["slots"][0]
    assert slot["type"] == "passphrase"
    assert set(slot["kdf"]) == {"name", "memory_kib", "iterations", "parallelism", "salt"}
    assert slot["kdf"]["name"] == "argon2id"
    assert {"nonce", "wrapped_key"} <= set(slot)


def test_default_parameters_are_the_designs() -> None:
    params = KdfParams()
    assert (params.memory_kib, params.iterations, params.parallelism) == (262144, 3, 4)


def test_parameters_are_bound_as_associated_data() -> None:
    """Weakening the parameters in the file makes the slot fail instead of unlocking."""
    doc = json.loads(_header().to_bytes())
    doc["slots"][0]["kdf"]["memory_kib"] = 128 * 1024
    header = parse_header(json.dumps(doc).encode())
    with pytest.raises(WrongPassphrase):
        header.unlock("passphrase", b"secret words")


@pytest.mark.parametrize(
    "field,value",
    [
        ("memory_kib", 4 * 1024 * 1024 + 1),
        ("memory_kib", 1024**3),
        ("memory_kib", 1024),
        ("iterations", 0),
        ("iterations", 21),
        ("iterations", 10**9),
        ("parallelism", 0),
        ("memory_kib", "65536"),
        ("iterations", True),
    ],
)
def test_out_of_range_parameters_refused_before_allocating(field: str, value: object) -> None:
    doc = json.loads(_header().to_bytes())
    doc["slots"][0]["kdf"][field] = value
    started = time.monotonic()
    with pytest.raises(VaultCorrupt):
        parse_header(json.dumps(doc).encode())
    assert time.monotonic() - started < 1.0  # generous: a 1 TiB Argon2 would never return


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"{",
        b"[]",
        b"\xff\xfe",
        b'{"format": "other"}',
        b'{"format": "tr-journal-keyslots", "version": 1, "slots": []}',
        b'{"format": "tr-journal-keyslots", "version": 1, "slots": [{"type": "x"}]}',
        b'{"format": "tr-journal-keyslots", "version": "1", "slots": []}',
        b"x" * 70000,
    ],
)
def test_malformed_headers_are_corruption(data: bytes) -> None:
    with pytest.raises(VaultCorrupt):
        parse_header(data)


def test_truncated_header_is_corruption() -> None:
    data = _header().to_bytes()
    for cut in (1, len(data) // 3, len(data) // 2, len(data) - 3):
        with pytest.raises(VaultCorrupt):
            parse_header(data[:cut])


def test_newer_header_version_is_refused() -> None:
    doc = json.loads(_header().sealed([KEY]).to_bytes())
    doc["version"] = 3
    with pytest.raises(VaultTooNew):
        parse_header(json.dumps(doc).encode())


def test_write_header_is_atomic_and_keeps_a_copy(tmp_path: Path) -> None:
    write_header(tmp_path, _header())
    main, copy = tmp_path / "keyslots.json", tmp_path / "keyslots.json.bak"
    assert main.read_bytes() == copy.read_bytes()
    assert oct((tmp_path / "keyslots.json").stat().st_mode & 0o777) == "0o600"
    assert read_header(tmp_path).unlock("passphrase", b"secret words") == [KEY]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keyslots.json", "keyslots.json.bak"]


def test_recovery_key_round_trip_and_typos() -> None:
    key = generate_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 5 for g in groups)
    secret = parse_recovery_key(key)
    assert len(secret) * 8 >= 128
    assert parse_recovery_key(key.lower().replace("-", " ")) == secret
    typo = ("A" if key[0] != "A" else "B") + key[1:]
    with pytest.raises(InvalidInput):
        parse_recovery_key(typo)
    with pytest.raises(InvalidInput):
        parse_recovery_key("hello")
    assert format_recovery_key(secret) == key
