"""Writing selected rows: one transaction, provenance in the chain, idempotent, bit-exact."""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from pathlib import Path

import pytest

from tests.helpers import sha256_file
from tests.imports import samples
from tr_journal.canonical import sha256_hex
from tr_journal.errors import Cancelled, ImportFailed, UsageError
from tr_journal.imports.detect import ReadOptions, read_preview
from tr_journal.imports.rows import ImportPreview
from tr_journal.imports.service import (
    combined,
    parse_selection,
    selected_rows,
    write_rows,
)
from tr_journal.journal.chain import all_events, verify_events
from tr_journal.journal.entries import get_entry
from tr_journal.media.records import iter_chunks, list_attachments
from tr_journal.store.imports import provenance_of
from tr_journal.vault import Vault


def _write(
    vault: Vault,
    preview: ImportPreview,
    numbers: list[int] | None = None,
    source: Path | None = None,
) -> list[str]:
    with vault.transaction() as conn:
        return write_rows(
            conn, preview, selected_rows(preview, numbers), source_path=source
        ).created


def _event_kinds(vault: Vault) -> list[str]:
    return [
        e["kind"] if isinstance(e, dict) else str(e.kind.value)  # type: ignore[union-attr]
        for e in all_events(vault.conn)
    ]


def _bytes_of(vault: Vault, entry: str) -> list[bytes]:
    out = []
    for item in list_attachments(vault.conn, entry):
        ident = item["id"] if isinstance(item, dict) else item.id
        out.append(b"".join(iter_chunks(vault.conn, ident)))
    return out


def test_selection_syntax() -> None:
    assert parse_selection("1,3-5, 7", 9) == [1, 3, 4, 5, 7]
    for bad in ("0", "3-1", "10", "x"):
        with pytest.raises(UsageError):
            parse_selection(bad, 9)


def test_whatsapp_selected_message_with_voice_bit_exact(
    vault: Vault, tmp_path: Path, fixtures_dir: Path
) -> None:
    voice = (fixtures_dir / "voice-note-zh.opus").read_bytes()
    path = samples.whatsapp_zip(
        tmp_path / "WhatsApp Chat - 王警官.zip",
        samples.IOS_24H_YMD,
        "_chat.txt",
        {"00000012-AUDIO-2026-12-05-21-42-30.opus": voice},
    )
    preview = read_preview(path, "whatsapp", ReadOptions())
    before = len(_event_kinds(vault))
    created = _write(vault, preview, [2])
    preview.close()
    assert len(created) == 1
    assert _bytes_of(vault, created[0]) == [voice]
    entry = get_entry(vault.conn, created[0])
    fields = entry if isinstance(entry, dict) else entry.fields.to_dict()  # type: ignore[attr-defined]
    assert fields["caller_name"] == "王警官" and fields["channel"] == "whatsapp"
    kinds = _event_kinds(vault)[before:]
    assert kinds == ["entry.created", "attachment.added", "entry.imported"]
    record = provenance_of(vault.conn, created[0])
    stored = json.loads(record[0])
    assert re.fullmatch("[0-9a-f]{32}", stored.pop("salt"))  # docs/imports.md, "Provenance"
    assert stored == {
        "format": "whatsapp",
        "file": path.name,
        "sha256": sha256_file(path),
        "row": "msg3",
    }
    last = all_events(vault.conn)[-1]
    content = last["content_sha256"] if isinstance(last, dict) else last.content_sha256
    assert content == sha256_hex(record[0].encode("utf-8"))
    assert verify_events(all_events(vault.conn)) == []


def test_same_file_again_adds_nothing(vault: Vault, tmp_path: Path) -> None:
    path = samples.calls_xml(
        tmp_path / "calls-1.xml",
        [("+8613912345678", 0, 0, 3, ""), ("+8613912345678", 20, 5000, 1, "")],
    )
    first = _write(vault, read_preview(path, "android-calls", ReadOptions()))
    assert len(first) == 2
    events = len(_event_kinds(vault))
    copy = tmp_path / "calls-copy.xml"
    copy.write_bytes(path.read_bytes())  # same bytes under another name: same source
    again = _write(vault, read_preview(copy, "android-calls", ReadOptions()))
    assert again == [] and len(_event_kinds(vault)) == events
    # one more call: a different file, its rows are new
    other = samples.calls_xml(tmp_path / "calls-2.xml", [("+8613912345678", 0, 0, 3, "")])
    assert len(_write(vault, read_preview(other, "android-calls", ReadOptions()))) == 1


def test_every_call_becomes_an_entry(vault: Vault, tmp_path: Path) -> None:
    path = samples.calls_xml(
        tmp_path / "calls-1.xml",
        [
            ("+8613912345678", 0, 0, 3, ""),
            ("+8613912345678", 0, 1000, 5, ""),
            ("+8613912345678", 0, 2000, 6, ""),
            ("+8613912345678", 44, 3000, 2, ""),
            ("+33612345678", 12, 4000, 1, "Maman"),
        ],
    )
    created = _write(vault, read_preview(path, "android-calls", ReadOptions()))
    assert len(created) == 5
    kinds = []
    for ident in created:
        entry = get_entry(vault.conn, ident)
        fields = entry if isinstance(entry, dict) else entry.fields.to_dict()  # type: ignore[attr-defined]
        kinds.append((fields["direction"], fields["tags"]))
    assert kinds == [
        ("incoming", ["call:missed"]),
        ("incoming", ["call:rejected"]),
        ("incoming", ["call:blocked"]),
        ("outgoing", ["call:outgoing"]),
        ("incoming", ["call:incoming"]),
    ]


def _fields(vault: Vault, ident: str) -> dict[str, object]:
    entry = get_entry(vault.conn, ident)
    return entry if isinstance(entry, dict) else entry.fields.to_dict()  # type: ignore[attr-defined,no-any-return]


def test_missed_calls_grouped_with_attempts(vault: Vault, tmp_path: Path) -> None:
    path = samples.calls_xml(
        tmp_path / "calls-1.xml",
        [
            ("+8613912345678", 0, 0, 3, ""),
            ("+8613912345678", 0, 120_000, 3, ""),
            ("+8613912345678", 0, 240_000, 3, ""),
            ("+33612345678", 0, 250_000, 3, ""),
            ("+8613912345678", 0, 4 * 3600_000, 3, ""),
        ],
    )
    rows = read_preview(path, "android-calls", ReadOptions(group_missed_minutes=10)).rows
    assert [r.fields.get("attempts", "1") for r in rows] == ["3", "1", "1"]
    assert "/" in str(rows[0].fields["occurred_at"])  # from the first call to the last
    created = _write(
        vault, read_preview(path, "android-calls", ReadOptions(group_missed_minutes=10))
    )
    assert len(created) == 3
    first = _fields(vault, created[0])
    assert str(first["attempts"]) == "3" and "/" in str(first["occurred_at"])
    assert "attempts" not in _fields(vault, created[1])
    # every imported row keeps the phone's own reading of its time
    assert all(_fields(vault, c)["source_time"] == "5 Dec 2026 21:40:12" for c in created)


def test_whatsapp_day_entry_interval_and_other_party(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with +86 139 1234 5678.txt"
    path.write_text(samples.ANDROID_24H_DMY, encoding="utf-8")
    created = _write(vault, read_preview(path, "whatsapp", ReadOptions(by="day")))
    day = _fields(vault, created[0])
    assert day["occurred_at"].startswith("2026-12-05T21:40")  # type: ignore[union-attr]
    assert "/2026-12-05T21:42" in str(day["occurred_at"])
    assert day["caller_number"] == "+86 139 1234 5678" and "caller_name" not in day
    assert str(day["attempts"]) == "2"
    single = _fields(vault, created[1])
    assert str(single["occurred_at"]).startswith("2026-12-13T08:05")
    assert "/" not in str(single["occurred_at"])


def test_sms_mms_image_bit_exact(vault: Vault, tmp_path: Path, fixtures_dir: Path) -> None:
    image = (fixtures_dir / "wechat-relative-relay.jpg").read_bytes()
    path = samples.sms_xml(tmp_path / "sms-1.xml", image)
    created = _write(vault, read_preview(path, "android-sms", ReadOptions()))
    assert len(created) == 3
    assert _bytes_of(vault, created[2]) == [image]


def test_a_bad_selected_row_fails_all_and_changes_nothing(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("When,Kind\n2026-12-05 21:40,phone\n2026-12-06 10:00,fax\n")
    preview = read_preview(path, "csv", ReadOptions(mapping=("When=occurred_at", "Kind=channel")))
    before = len(_event_kinds(vault))
    with pytest.raises(ImportFailed) as caught:
        _write(vault, preview)
    assert "Line 3" in caught.value.english()
    assert len(_event_kinds(vault)) == before
    assert len(_write(vault, preview, [1])) == 1


def test_cancel_rolls_back(vault: Vault, tmp_path: Path) -> None:
    path = samples.calls_xml(tmp_path / "calls-1.xml", [("+861", 0, i, 3, "") for i in range(5)])
    preview = read_preview(path, "android-calls", ReadOptions())
    before = len(_event_kinds(vault))
    calls = iter(range(100))
    with pytest.raises(Cancelled), vault.transaction() as conn:
        write_rows(conn, preview, preview.rows, cancelled=lambda: next(calls) >= 3)
    assert len(_event_kinds(vault)) == before


def test_telegram_files_and_attach_source(vault: Vault, tmp_path: Path) -> None:
    voice, photo = b"OggS" + bytes(range(200)), b"\xff\xd8\xff" + bytes(300)
    path = samples.telegram_export(tmp_path / "ChatExport", voice, photo)
    preview = read_preview(path, "telegram", ReadOptions())
    created = _write(vault, preview, [3, 4], source=path)
    assert _bytes_of(vault, created[0]) == [voice, path.read_bytes()]
    assert _bytes_of(vault, created[1]) == [photo]


def _png_with_exif(when: str) -> bytes:
    """A 1x1 PNG whose eXIf chunk holds DateTimeOriginal ``when`` (``2026:12:05 21:40:12``)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    value = when.encode() + b"\0"
    ifd0 = struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, 26) + b"\0\0\0\0"
    sub = struct.pack("<H", 1) + struct.pack("<HHII", 0x9003, 2, len(value), 44) + b"\0\0\0\0"
    tiff = b"II*\0" + struct.pack("<I", 8) + ifd0 + sub + value
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"eXIf", tiff)
        + chunk(b"IDAT", zlib.compress(b"\0\0"))
        + chunk(b"IEND", b"")
    )


def test_screenshot_folder_by_day_exif_and_names(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "shots"
    folder.mkdir()
    exif = _png_with_exif("2026:12:07 09:15:00")
    (folder / "capture.png").write_bytes(exif)
    (folder / "Screenshot_20261205-214012.png").write_bytes(b"\x89PNG-a")
    (folder / "WeChat Image_20261205223000.jpg").write_bytes(b"\xff\xd8-b")
    (folder / "undated.png").write_bytes(b"\x89PNG-c")
    preview = read_preview(folder, "screenshots", ReadOptions(by="day"))
    assert [r.fields["occurred_at"] for r in preview.rows[:2]] == ["2026-12-05", "2026-12-07"]
    assert "21:40:12 (name)" in str(preview.rows[0].fields["narrative"])
    assert "09:15:00 (exif)" in str(preview.rows[1].fields["narrative"])
    assert preview.rows[2].problem  # no time: cannot be selected
    created = _write(vault, preview, [1, 2])
    assert _bytes_of(vault, created[0]) == [b"\x89PNG-a", b"\xff\xd8-b"]
    assert _bytes_of(vault, created[1]) == [exif]
    # the same pictures read again from a copy of the folder: nothing new
    by_file = read_preview(folder, "screenshots", ReadOptions(by="file"))
    one = combined([by_file.rows[0], by_file.rows[1]])
    assert len(one) == 1 and len(one[0].media) == 2
    assert hashlib.sha256(exif).hexdigest() in by_file.rows[2].key
    assert _write(vault, preview, [1, 2]) == []


def test_two_identical_call_records_stay_two(vault: Vault, tmp_path: Path) -> None:
    path = samples.calls_xml(tmp_path / "calls-1.xml", [("+8613912345678", 0, 0, 3, "")] * 2)
    assert len(_write(vault, read_preview(path, "android-calls", ReadOptions()))) == 2
