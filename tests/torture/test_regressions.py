"""Replays every input the fuzzers saved in ``regressions/`` against its target.

File names say the target: ``keyslots-*``, ``bundle-*``, ``probe-<name>-*``. A bundle file from
the known verifier bug is expected to fail until evidence/source.py catches those errors.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from tests.torture.fuzzing import REGRESSIONS
from tr_journal.crypto.keyslots import parse_header
from tr_journal.errors import BundleInvalid, VaultCorrupt
from tr_journal.evidence.verify import verify_bundle
from tr_journal.media.probe import probe_bytes

CASES = sorted(REGRESSIONS.glob("*.bin")) if REGRESSIONS.is_dir() else []


def _replay(path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    if path.name.startswith("keyslots-"):
        with pytest.raises(VaultCorrupt):
            parse_header(data)
    elif path.name.startswith("bundle-"):
        copy = tmp_path / "bundle.zip"
        copy.write_bytes(data)
        with contextlib.suppress(BundleInvalid):
            assert not verify_bundle(copy).valid
    elif path.name.startswith("probe-"):
        name = path.name.split("-", 2)[1]
        media_type, metadata = probe_bytes(data, name)
        assert isinstance(media_type, str) and isinstance(metadata, dict)
    else:
        raise AssertionError(f"unknown regression target: {path.name}")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_saved_input_is_handled(path: Path, tmp_path: Path) -> None:
    _replay(path, tmp_path)
