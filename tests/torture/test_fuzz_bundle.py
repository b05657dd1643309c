"""Parts 3 and 4: flipped and fuzzed evidence bundles never crash the verifier or pass as valid.

A mutated bundle must give ``valid=False`` (or :class:`BundleInvalid`), never another exception,
unless the mutation left every member's name and bytes unchanged (zip metadata such as a time
stamp is covered by no manifest, by design of the format).
"""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from tests.helpers import FIXTURES
from tests.torture.common import int_knob, record
from tests.torture.fuzzing import (
    FUZZ_SECONDS,
    keep_crash,
    run_fuzz,
)
from tr_journal.domain import ExportSelection
from tr_journal.errors import BundleInvalid
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.verify import verify_bundle
from tr_journal.journal import entries
from tr_journal.media.ingest import add_attachment
from tr_journal.vault import Vault

CASES = int_knob("TRJ_CORRUPT_CASES", 60)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, template_vault: tuple[Path, str]) -> bytes:
    import shutil

    from tests.helpers import PASSPHRASE

    folder = tmp_path_factory.mktemp("bundle")
    shutil.copytree(template_vault[0], folder / "vault")
    with Vault.open(folder / "vault", PASSPHRASE) as vault:
        with vault.transaction() as conn:
            entry_id = entries.add_entry(
                conn,
                {"occurred_at": "2026-01-29T15:03+01:00", "narrative": "fuzz", "channel": "wechat"},
            )
            entries.add_entry(conn, {"occurred_at": "2026-01-30T10:00+01:00"})
            source = FIXTURES / "wechat-police-demand.png"
            if not source.exists():
                source = folder / "small.bin"
                source.write_bytes(b"x" * 5000)
            add_attachment(conn, entry_id, source)
        export_bundle(vault, folder / "bundle.zip", ExportSelection(), "en")
    data = (folder / "bundle.zip").read_bytes()
    assert verify_bundle(folder / "bundle.zip").valid
    return data


def _members(data: bytes) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:
        return None


def check_bundle(data: bytes, original: dict[str, bytes], where: Path) -> bool:
    """Verify ``data``; fail on a crash or a wrong "valid". Return the verdict."""
    path = where / "mutated.zip"
    path.write_bytes(data)
    before = hashlib.sha256(data).hexdigest()
    try:
        valid = verify_bundle(path).valid
    except BundleInvalid:
        valid = False
    except BaseException:
        keep_crash("bundle", data)
        raise
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "the verifier wrote"
    if valid and _members(data) != original:
        keep_crash("bundle-wrongly-valid", data)
        raise AssertionError("a bundle with changed contents was reported valid")
    return valid


@pytest.mark.timeout(300 + CASES * 2)
def test_flipped_bundle_bytes_are_caught(bundle: bytes, tmp_path: Path) -> None:
    rng = random.Random(7)
    original = _members(bundle)
    assert original is not None
    valid = 0
    for _ in range(CASES):
        data = bytearray(bundle)
        data[rng.randrange(len(data))] ^= rng.choice([0x01, 0x80, 0xFF])
        valid += check_bundle(bytes(data), original, tmp_path)
    record(
        "corruption bundle.zip",
        f"{CASES} flips: {CASES - valid} invalid, {valid} valid "
        "(valid only where every member's bytes were unchanged)",
    )


def _rezip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


@st.composite
def member_mutations(draw: st.DrawFn, members: dict[str, bytes]) -> bytes:
    """Change one member (bytes, truncation, JSON-ish junk), drop one, or add one."""
    changed = dict(members)
    name = draw(st.sampled_from(sorted(members)))
    action = draw(st.sampled_from(["flip", "truncate", "replace", "drop", "add", "rename"]))
    content = bytearray(changed[name])
    if action == "flip" and content:
        content[draw(st.integers(0, len(content) - 1))] ^= draw(st.integers(1, 255))
        changed[name] = bytes(content)
    elif action == "truncate":
        changed[name] = bytes(content[: draw(st.integers(0, max(0, len(content) - 1)))])
    elif action == "replace":
        changed[name] = draw(
            st.binary(max_size=200)
            | st.sampled_from([b"{}", b"[]", b"null", b'{"events": 1}', b"\xff\xfe", b"-" * 70])
        )
    elif action == "drop":
        del changed[name]
    elif action == "add":
        changed[draw(st.sampled_from(["data/x", "../evil", "/abs", "data/originals/z.bin"]))] = (
            b"extra"
        )
    else:
        changed[name + draw(st.sampled_from(["x", " ", "/"]))] = changed.pop(name)
    return _rezip(changed)


@st.composite
def byte_mutations(draw: st.DrawFn, data: bytes) -> bytes:
    mutated = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(mutated) - 1))
        mutated[pos] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        del mutated[draw(st.integers(0, len(mutated) - 1)) :]
    return bytes(mutated)


@pytest.mark.timeout(300 + FUZZ_SECONDS * 2)
@pytest.mark.parametrize("kind", ["members", "bytes"])
def test_fuzzed_bundles_never_crash_or_pass(bundle: bytes, tmp_path: Path, kind: str) -> None:
    original = _members(bundle)
    assert original is not None
    strategy: Any = member_mutations(original) if kind == "members" else byte_mutations(bundle)
    run_fuzz(
        f"bundle {kind}",
        strategy,
        lambda data: check_bundle(data, original, tmp_path),
        int_knob("TRJ_FUZZ_BUNDLE_EXAMPLES", 100),
        share=2,
    )
