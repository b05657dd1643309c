"""Issue 12, item 2: the verifier accepts only what the bundle writer writes.

Each test builds a hostile bundle from a genuine one, the way an attacker would: a member that
``unzip`` renames through an extra field, files nobody listed (``__MACOSX/``, ``signatures/``),
a listed file stored again as a link or a special file whatever host the zip claims, folders
that hold nothing listed, names one tool reads differently from another.
"""

from __future__ import annotations

import os
import stat
import struct
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.evidence.bagtools import extract
from tests.evidence.conftest import Bundle
from tr_journal.evidence import zipcheck
from tr_journal.evidence.verify import Verdict, verify_bundle

REPORT = "data/report/report.html"
Members = list[tuple[zipfile.ZipInfo, bytes]]


def rebuild(bundle: Bundle, out: Path, change: Callable[[str, Members], Members]) -> Path:
    """Copy the genuine bundle member by member (same headers), through ``change``."""
    with zipfile.ZipFile(bundle.zip) as src:
        top = src.namelist()[0].split("/", 1)[0]
        members = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(out, "w") as dst:
        for info, data in change(top, members):
            dst.writestr(info, data)
    return out


def unicode_path(name: str) -> bytes:
    """An Info-ZIP Unicode Path extra field (0x7075) that renames the member to ``name``."""
    body = b"\x01" + struct.pack("<I", 0) + name.encode()
    return struct.pack("<HH", 0x7075, len(body)) + body


def refused(verdict: Verdict, words: str, check: str = "zip-safety") -> None:
    failed = {c.check: c.detail for c in verdict.checks if c.failed}
    assert not verdict.valid and check in failed, verdict.to_json()
    assert words in failed[check], failed[check]


def test_genuine_bundle_is_valid(bundle: Bundle) -> None:
    assert verify_bundle(bundle.zip, fingerprint=bundle.result.fingerprint).valid


def test_unicode_path_extra_on_macos_junk_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    """The member unzip would write over the report, hidden under a __MACOSX name."""

    def add(top: str, members: Members) -> Members:
        info = zipfile.ZipInfo("__MACOSX/._report.html", (2026, 1, 1, 0, 0, 0))
        info.extra = unicode_path(f"{top}/{REPORT}")
        return [*members, (info, b"<h1>forged</h1>")]

    verdict = verify_bundle(rebuild(bundle, tmp_path / "x.zip", add))
    refused(verdict, "extra field the bundle writer never writes (0x7075)")


@pytest.mark.parametrize("field", [0x7075, 0x6375, 0x5455, 0x7875, 0xCAFE])
def test_any_extra_field_but_zip64_is_refused(field: int, bundle: Bundle, tmp_path: Path) -> None:
    def mark(top: str, members: Members) -> Members:
        for info, _data in members:
            if info.filename.endswith(REPORT):
                info.extra = struct.pack("<HH", field, 5) + b"\x01abcd"
        return members

    verdict = verify_bundle(rebuild(bundle, tmp_path / "x.zip", mark))
    refused(verdict, f"(0x{field:04x})")


def test_genuine_bundle_rezipped_with_zip_says_what_happened(
    bundle: Bundle, tmp_path: Path
) -> None:
    """A lawyer re-zips the extracted folder with ``zip -r`` (time stamps, 0x5455): refused,
    with what happened and what to do, not a renaming attack that did not take place."""
    folder = extract(bundle.zip, tmp_path / "x")
    out = tmp_path / "rezipped.zip"
    subprocess.run(["zip", "-qr", str(out), folder.name], cwd=folder.parent, check=True)
    verdict = verify_bundle(out, fingerprint=bundle.result.fingerprint)
    refused(verdict, "(0x5455): the zip was packed again by another tool")
    failed = {c.check: c.detail for c in verdict.checks if c.failed}
    assert "rename" not in failed["zip-safety"]
    assert "extracted folder" in failed["zip-safety"]


def test_extra_field_only_in_the_local_header_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    """Tools that extract from local headers must see the same member as the verifier."""

    def mark(top: str, members: Members) -> Members:
        for info, _data in members:
            if info.filename.endswith(REPORT):
                info.extra = unicode_path(f"{top}/data/report/evil.html")
        return members

    path = rebuild(bundle, tmp_path / "x.zip", mark)
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    at = data.index(struct.pack("<H", 0x7075), central)
    data[at : at + 2] = struct.pack("<H", 0x0001)  # the central copy now looks like Zip64
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert all(i.extra[:2] != b"\x75\x70" for i in archive.infolist())
    refused(verify_bundle(path), "(0x7075)")


@pytest.mark.parametrize(
    "name",
    [
        "__MACOSX/._report.html",
        "__MACOSX/{top}/._bagit.txt",
        ".DS_Store",
        "{top}/.DS_Store",
        "{top}/signatures/tagmanifest-sha256.txt.sig.ots",
        "{top}/signatures/other.sig",
        "{top}/data/report/notes.txt",
    ],
)
def test_unlisted_file_anywhere_is_refused(name: str, bundle: Bundle, tmp_path: Path) -> None:
    def add(top: str, members: Members) -> Members:
        info = zipfile.ZipInfo(name.format(top=top), (2026, 1, 1, 0, 0, 0))
        return [*members, (info, b"\0\5\26\7 planted")]

    verdict = verify_bundle(rebuild(bundle, tmp_path / "x.zip", add))
    assert not verdict.valid
    failed = {c.check: c.detail for c in verdict.checks if c.failed}
    assert set(failed) <= {"zip-safety", "unlisted-files", "payload-oxum"}, failed
    assert "outside the bag folder" in failed.get(
        "zip-safety", ""
    ) or "not listed in any manifest" in failed.get("unlisted-files", ""), failed


@pytest.mark.parametrize("host", [0, 3, 11, 19])
@pytest.mark.parametrize(
    "kind", [stat.S_IFLNK, stat.S_IFIFO, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFSOCK, stat.S_IFDIR]
)
def test_listed_file_stored_as_link_or_special_is_refused(
    host: int, kind: int, bundle: Bundle, tmp_path: Path
) -> None:
    """Same bytes, same name, but a mode that makes it a link or a device: any host."""

    def relabel(top: str, members: Members) -> Members:
        for info, _data in members:
            if info.filename.endswith(REPORT):
                info.create_system = host
                info.external_attr = (kind | 0o777) << 16
        return members

    verdict = verify_bundle(rebuild(bundle, tmp_path / "x.zip", relabel))
    refused(verdict, "symbolic link" if kind == stat.S_IFLNK else "not a regular file")


@pytest.mark.parametrize("attributes", [0x400, 0x10])
def test_windows_reparse_point_or_directory_attribute_is_refused(
    attributes: int, bundle: Bundle, tmp_path: Path
) -> None:
    def relabel(top: str, members: Members) -> Members:
        for info, _data in members:
            if info.filename.endswith(REPORT):
                info.create_system, info.external_attr = 0, attributes
        return members

    verdict = verify_bundle(rebuild(bundle, tmp_path / "x.zip", relabel))
    refused(verdict, "symbolic link" if attributes == 0x400 else "not a regular file")


def test_directory_entries_must_hold_listed_files(bundle: Bundle, tmp_path: Path) -> None:
    def folders(*names: str) -> Callable[[str, Members], Members]:
        def add(top: str, members: Members) -> Members:
            infos = [zipfile.ZipInfo(n.format(top=top), (2026, 1, 1, 0, 0, 0)) for n in names]
            for info in infos:
                info.external_attr = (stat.S_IFDIR | 0o755) << 16 | 0x10
            return [*((i, b"") for i in infos), *members]

        return add

    parents = rebuild(
        bundle,
        tmp_path / "ok.zip",
        folders("{top}/", "{top}/data/", "{top}/data/report/", "{top}/signatures/"),
    )
    assert verify_bundle(parents, fingerprint=bundle.result.fingerprint).valid
    for extra in ("{top}/data/empty/", "{top}/data/report/sub/", "{top}/signatures/more/"):
        verdict = verify_bundle(rebuild(bundle, tmp_path / "x.zip", folders(extra)))
        refused(verdict, "holds no listed file", "unlisted-files")


@pytest.mark.parametrize(
    "name",
    [
        "{top}/data//x.txt",
        "{top}/./bagit.txt",
        "{top}/data/r\u00e9port.txt",
        "{top}/data/\x1b[2Kx.txt",
    ],
)
def test_names_the_writer_never_writes_are_refused(
    name: str, bundle: Bundle, tmp_path: Path
) -> None:
    def add(top: str, members: Members) -> Members:
        return [*members, (zipfile.ZipInfo(name.format(top=top), (2026, 1, 1, 0, 0, 0)), b"x")]

    verdict = verify_bundle(rebuild(bundle, tmp_path / "x.zip", add))
    assert [c.check for c in verdict.checks] == ["zip-safety"] and not verdict.valid


def test_name_cut_short_by_a_nul_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    """Python's zipfile stops a name at NUL, other tools do not: two readings of one name."""

    def rename(top: str, members: Members) -> Members:
        for info, _data in members:
            if info.filename.endswith(REPORT):
                info.filename = info.orig_filename = info.filename + "~.evil"
        return members

    path = rebuild(bundle, tmp_path / "x.zip", rename)
    path.write_bytes(path.read_bytes().replace(b"report.html~.evil", b"report.html\0.evil"))
    with zipfile.ZipFile(path) as archive:
        assert any(
            i.filename.endswith(REPORT) and "\0" in i.orig_filename for i in archive.infolist()
        )
    refused(verify_bundle(path), "characters the bundle writer never uses")


def test_huge_central_directory_is_refused_before_parsing(bundle: Bundle, tmp_path: Path) -> None:
    data = bytearray(bundle.zip.read_bytes())
    at = data.rindex(b"PK\x05\x06")
    data[at + 8 : at + 12] = struct.pack("<HH", 0xFFFE, 0xFFFE)  # members, on disk and in all
    data[at + 12 : at + 16] = struct.pack("<I", zipcheck.MAX_CENTRAL_DIRECTORY + 1)
    path = tmp_path / "x.zip"
    path.write_bytes(bytes(data))
    refused(verify_bundle(path), "far more than any bundle")


def test_rezipped_folder_with_directory_entries_still_valid(bundle: Bundle, tmp_path: Path) -> None:
    """A tool that adds directory entries, reorders and deflates changes nothing."""
    bag = extract(bundle.zip, tmp_path / "x")
    out = tmp_path / "rezipped.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(bag.parent.rglob("*"), reverse=True):
            archive.write(path, path.relative_to(bag.parent).as_posix())
    assert verify_bundle(out, fingerprint=bundle.result.fingerprint).valid


def test_unzip_sees_what_verify_accepted(bundle: Bundle, tmp_path: Path) -> None:
    """The genuine bundle, through Info-ZIP unzip, gives exactly the files verify checked."""
    done = subprocess.run(
        ["unzip", "-q", str(bundle.zip), "-d", str(tmp_path / "u")],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (bag,) = list((tmp_path / "u").iterdir())
    assert verify_bundle(bag, fingerprint=bundle.result.fingerprint).valid


# -- the same rules for an extracted folder ---------------------------------------------------


def test_folder_empty_directory_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    bag = extract(bundle.zip, tmp_path)
    (bag / "data/empty").mkdir()
    refused(verify_bundle(bag), "holds no listed file", "unlisted-files")


def test_folder_special_file_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    bag = extract(bundle.zip, tmp_path)
    os.mkfifo(bag / "data/fifo")
    refused(verify_bundle(bag), "not a regular file")


def test_folder_symlinked_directory_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    bag = extract(bundle.zip, tmp_path)
    (bag / "data/linked").symlink_to(bag / "data/report", target_is_directory=True)
    refused(verify_bundle(bag), "symbolic link")


def test_folder_listed_file_replaced_by_symlink_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    bag = extract(bundle.zip, tmp_path)
    real = tmp_path / "elsewhere.html"
    (bag / REPORT).rename(real)
    (bag / REPORT).symlink_to(real)  # same bytes through the link: hashes would match
    refused(verify_bundle(bag), "symbolic link")


def test_folder_unlisted_file_under_signatures_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    bag = extract(bundle.zip, tmp_path)
    (bag / "signatures/note.txt").write_text("planted")
    refused(verify_bundle(bag), "not listed in any manifest", "unlisted-files")
