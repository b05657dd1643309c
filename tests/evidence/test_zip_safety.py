"""Hostile zips are refused from the central directory alone, before anything is read out."""

from __future__ import annotations

import os
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from tests.evidence.bagtools import extract
from tests.evidence.conftest import Bundle
from tr_journal.evidence import source
from tr_journal.evidence.verify import verify_bundle


def _zip(
    path: Path,
    members: list[tuple[str, bytes]],
    symlink: str | None = None,
    compress: int = zipfile.ZIP_STORED,
) -> Path:
    with zipfile.ZipFile(path, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the duplicate name is the point
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compress)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


BAG = [("TRJ-2026-0001/bagit.txt", b"BagIt-Version: 1.0\n")]
CASES = {
    "dot-dot": ([*BAG, ("TRJ-2026-0001/../../evil.txt", b"x")], None, "'..'"),
    "absolute": ([*BAG, ("/etc/evil.txt", b"x")], None, "absolute"),
    "drive-letter": ([*BAG, ("C:/evil.txt", b"x")], None, "absolute"),
    "backslash": ([*BAG, ("TRJ-2026-0001\\..\\evil.txt", b"x")], None, "backslash"),
    "symlink": (BAG, "TRJ-2026-0001/data/link", "symbolic link"),
    "duplicate": (
        [*BAG, ("TRJ-2026-0001/a.txt", b"1"), ("TRJ-2026-0001/a.txt", b"2")],
        None,
        "twice",
    ),
    "case-collision": (
        [*BAG, ("TRJ-2026-0001/A.txt", b"1"), ("TRJ-2026-0001/a.txt", b"2")],
        None,
        "case",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_malicious_zip_refused_before_reading(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    members, symlink, words = CASES[name]
    path = _zip(tmp_path / f"{name}.zip", members, symlink)
    opened: list[str] = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: opened.append(a[0]))
    verdict = verify_bundle(path)
    assert not verdict.valid
    assert [c.check for c in verdict.checks] == ["zip-safety"]
    assert words in verdict.checks[0].detail and "refused" in verdict.checks[0].detail
    assert opened == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{name}.zip"]


def test_zip_bomb_entry_refused(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "bomb.zip",
        [*BAG, ("TRJ-2026-0001/data/zeros", bytes(4 << 20))],
        compress=zipfile.ZIP_DEFLATED,
    )
    verdict = verify_bundle(path)
    assert not verdict.valid and "zip bomb" in verdict.checks[0].detail


def test_zip_bomb_total_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many entries each under 1 MiB, together over 100x the archive."""
    monkeypatch.setattr(source, "BOMB_ENTRY_MIN", 1 << 40)
    members = [(f"TRJ-2026-0001/data/z{i}", bytes(512 * 1024)) for i in range(8)]
    path = _zip(tmp_path / "bomb.zip", [*BAG, *members], compress=zipfile.ZIP_DEFLATED)
    assert os.path.getsize(path) * 100 < 4 << 20
    verdict = verify_bundle(path)
    assert not verdict.valid and "its size" in verdict.checks[0].detail


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"hello")
    verdict = verify_bundle(path)
    assert not verdict.valid and verdict.checks[0].check == "zip-safety"


def test_symlink_in_folder_refused(bundle: Bundle, tmp_path: Path) -> None:
    bag = extract(bundle.zip, tmp_path)
    (bag / "data/link").symlink_to("/etc/passwd")
    verdict = verify_bundle(bag)
    assert not verdict.valid and "symbolic link" in verdict.checks[0].detail


def test_rezipped_with_directory_entries_still_valid(bundle: Bundle, tmp_path: Path) -> None:
    """What a file manager does: directory entries, other order, deflate, local times. (Its
    __MACOSX/ AppleDouble files are refused: tests/evidence/test_writer_rules.py.)"""
    bag = extract(bundle.zip, tmp_path / "x")
    out = tmp_path / "rezipped.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(bag.parent.rglob("*"), reverse=True):
            archive.write(path, path.relative_to(bag.parent).as_posix())
    with zipfile.ZipFile(out) as archive:
        assert any(i.is_dir() for i in archive.infolist())
    verdict = verify_bundle(out, fingerprint=bundle.result.fingerprint)
    assert verdict.valid, verdict.to_json()


def test_local_header_disagreeing_with_directory(bundle: Bundle, tmp_path: Path) -> None:
    data = bytearray(bundle.zip.read_bytes())
    at = data.index(b".m4a")  # first occurrence: the local header of the recording
    data[at + 1] = ord("x")
    path = tmp_path / "forged.zip"
    path.write_bytes(bytes(data))
    verdict = verify_bundle(path)
    assert not verdict.valid
    assert any("names differ" in c.detail for c in verdict.checks if not c.ok)


def test_corrupt_deflate_stream(bundle: Bundle, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundle.zip) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("entries.json"))
    data = bytearray(bundle.zip.read_bytes())
    start = info.header_offset + 30 + len(info.filename)
    for k in range(8):
        data[start + 20 + k] ^= 0xFF
    path = tmp_path / "corrupt.zip"
    path.write_bytes(bytes(data))
    verdict = verify_bundle(path)
    assert not verdict.valid
