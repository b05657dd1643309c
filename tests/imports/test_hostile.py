"""Hostile exports: one sentence each (ImportRefused), nothing read past the check."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.imports import samples
from tr_journal.errors import ImportRefused
from tr_journal.imports import sources
from tr_journal.imports.android import preview_calls, preview_sms
from tr_journal.imports.telegram import preview_telegram
from tr_journal.imports.whatsapp import preview_whatsapp

BOMB = """<?xml version="1.0"?>
<!DOCTYPE calls [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<calls count="1"><call number="&c;" duration="0" date="1796506812000" type="3" /></calls>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE smses [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<smses count="1"><sms address="1" date="1796506812000" type="1" body="&x;" /></smses>
"""


def _refused(call: object, *args: object) -> str:
    with pytest.raises(ImportRefused) as caught:
        call(*args)  # type: ignore[operator]
    sentence = caught.value.english()
    assert sentence.endswith("Nothing was imported.") and "\n" not in sentence
    return sentence


def test_entity_bomb_and_external_entity(tmp_path: Path) -> None:
    bomb = tmp_path / "calls-1.xml"
    bomb.write_text(BOMB)
    assert "entities" in _refused(preview_calls, bomb)
    external = tmp_path / "sms-1.xml"
    external.write_text(EXTERNAL)
    assert "entities" in _refused(preview_sms, external)


def test_truncated_xml(tmp_path: Path) -> None:
    path = samples.calls_xml(tmp_path / "calls.xml", [("+861", 0, 0, 3, "")] * 3)
    path.write_bytes(path.read_bytes()[:-40])
    assert "complete" in _refused(preview_calls, path)


def test_zip_bomb_ratio_and_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", samples.IOS_12H_DMY)
        archive.writestr("zeros.opus", b"\0" * (8 * 1024 * 1024))
    assert "zip bomb" in _refused(preview_whatsapp, path)
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1024)
    monkeypatch.setattr(sources, "MAX_RATIO", 10**9)
    assert "GiB" in _refused(preview_whatsapp, path)
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1 << 30)
    monkeypatch.setattr(sources, "MAX_TOTAL_BYTES", 4096)
    assert "GiB" in _refused(preview_whatsapp, path)


@pytest.mark.parametrize(
    "name",
    ["../evil.opus", "/etc/evil.opus", "a/../../evil.opus", "c:/evil.opus", "a\\..\\evil.opus"],
)
def test_zip_traversal_names(tmp_path: Path, name: str) -> None:
    path = tmp_path / "t.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", samples.IOS_12H_DMY)
        archive.writestr(zipfile.ZipInfo(name), b"x")
    _refused(preview_whatsapp, path)


def test_truncated_zip_and_member(tmp_path: Path) -> None:
    path = samples.whatsapp_zip(
        tmp_path / "w.zip",
        samples.IOS_24H_YMD,
        "_chat.txt",
        {"00000012-AUDIO-2026-12-05-21-42-30.opus": b"v" * 5000},
    )
    cut = tmp_path / "cut.zip"
    cut.write_bytes(path.read_bytes()[:-30])
    assert "ZIP" in _refused(preview_whatsapp, cut)
    # a member whose bytes are damaged: the CRC check stops it while it is read
    data = bytearray(path.read_bytes())
    at = data.find(b"v" * 100)
    data[at : at + 100] = b"w" * 100
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    preview = preview_whatsapp(damaged)
    assert preview.open_media is not None
    ref = next(m for r in preview.rows for m in r.media)
    with pytest.raises(ImportRefused):
        b"".join(preview.open_media(ref))
    preview.close()


def test_telegram_path_outside_export(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(
        '{"name": "x", "id": 1, "messages": [{"id": 1, "type": "message", '
        '"date": "2026-12-05T21:40:00", "from": "x", "text": "",'
        '"file": "../../etc/passwd"}]}'
    )
    assert "outside" in _refused(preview_telegram, path)
    path.write_text('{"name": "x", "messages": [')
    assert "JSON" in _refused(preview_telegram, path)


def test_wrong_encoding_chat(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(b"\xff\xfe" + "[05/12/2026, 21:40:12] a: b".encode("utf-16-le")[:-1])
    _refused(preview_whatsapp, path)
    path.write_bytes("[05/12/2026, 21:40:12] a: b".encode("utf-16-le"))  # no BOM: NULs
    _refused(preview_whatsapp, path)
