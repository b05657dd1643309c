"""Each format read into a preview, from samples built on the documented layouts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.imports import samples
from tr_journal.errors import ImportRefused, UsageError
from tr_journal.imports.chat_dates import detect_order
from tr_journal.imports.csv_map import preview_csv, read_table
from tr_journal.imports.detect import ReadOptions, detect, read_preview
from tr_journal.imports.screenshots import time_from_name
from tr_journal.imports.sources import decode_text
from tr_journal.imports.whatsapp import Options, preview_whatsapp


def _chat(
    tmp_path: Path, text: str, name: str = "WhatsApp Chat with X.txt", **options: object
) -> list[dict[str, object]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    preview = preview_whatsapp(path, Options(**options))  # type: ignore[arg-type]
    return [dict(r.fields) for r in preview.rows]


def _caller(row: dict[str, object]) -> object:
    return row.get("caller_number") or row.get("caller_name")


@pytest.mark.parametrize(
    ("text", "other", "expected"),
    [
        (
            samples.ANDROID_24H_DMY,
            "+86 139 1234 5678",
            [
                ("2026-12-05T21:40", "+86 139 1234 5678", "incoming"),
                ("2026-12-05T21:41", "+86 139 1234 5678", "outgoing"),  # Ayşe's own message
                ("2026-12-05T21:42", "+86 139 1234 5678", "incoming"),
                ("2026-12-13T08:05", "+86 139 1234 5678", "incoming"),
            ],
        ),
        (
            samples.ANDROID_12H_MDY,
            "Officer Li",
            [
                ("2026-12-05T21:40", "Officer Li", "incoming"),
                ("2026-12-13T08:05", "Officer Li", "incoming"),
            ],
        ),
        (
            samples.IOS_24H_YMD,
            "王警官",
            [
                ("2026-12-05T21:40:12", "王警官", "incoming"),
                ("2026-12-05T21:42:30", "王警官", "incoming"),
                ("2026-12-06T07:00:01", "王警官", "outgoing"),
            ],
        ),
        (
            samples.IOS_12H_DMY,
            "Polis",
            [
                ("2026-12-05T21:40:12", "Polis", "incoming"),
                ("2026-12-13T08:05", "Polis", "incoming"),
            ],
        ),
    ],
)
def test_whatsapp_layouts_clocks_and_date_orders(
    tmp_path: Path, text: str, other: str, expected: list[tuple[str, str, str]]
) -> None:
    rows = _chat(tmp_path, text, f"WhatsApp Chat with {other}.txt")
    got = [(r["occurred_at"], _caller(r), r["direction"]) for r in rows]
    assert got == expected
    assert all(r["channel"] == "whatsapp" for r in rows)


def test_whatsapp_multiline_and_system_lines(tmp_path: Path) -> None:
    rows = _chat(tmp_path, samples.ANDROID_24H_DMY)
    assert rows[0]["narrative"] == "Your father is waiting for your call.\nHe is not well."
    assert not any("end-to-end" in str(r["narrative"]) for r in rows)
    ios = _chat(tmp_path, samples.IOS_24H_YMD)
    assert not any("end-to-end" in str(r["narrative"]) for r in ios)


def test_whatsapp_by_day_caller_is_the_other_party(tmp_path: Path) -> None:
    rows = _chat(
        tmp_path, samples.ANDROID_24H_DMY, "WhatsApp Chat with +86 139 1234 5678.txt", by_day=True
    )
    assert "21:41 Ayşe: Who are you?" in str(rows[0]["narrative"])
    assert rows[0]["caller_number"] == "+86 139 1234 5678"
    assert not any("Ayşe" in str(_caller(r)) for r in rows)  # never the person herself
    assert "direction" not in rows[0]  # both wrote that day
    # the same person named with --me, the file renamed: the same rows
    assert _chat(tmp_path, samples.ANDROID_24H_DMY, "chat.txt", by_day=True, me="Ayşe") == rows


def test_whatsapp_by_day_spans_first_to_last_message(tmp_path: Path) -> None:
    rows = _chat(tmp_path, samples.ANDROID_24H_DMY, "chat.txt", by_day=True, me="Ayşe")
    assert [r["occurred_at"] for r in rows] == [
        "2026-12-05T21:40/2026-12-05T21:42",
        "2026-12-13T08:05",
    ]
    assert rows[0]["attempts"] == "2" and "attempts" not in rows[1]  # their 2 messages
    from tr_journal.journal.when import parse_when

    read = parse_when(str(rows[0]["occurred_at"]), "Europe/Paris", typed=False)
    assert read.is_interval and read.text == "2026-12-05T21:40+01:00/2026-12-05T21:42+01:00"


def test_whatsapp_day_of_only_own_messages(tmp_path: Path) -> None:
    path = samples.whatsapp_zip(
        tmp_path / "WhatsApp Chat - 王警官.zip", samples.IOS_24H_YMD, "_chat.txt", {}
    )
    preview = preview_whatsapp(path, Options(by_day=True))  # iOS: the zip names the chat
    rows = [dict(r.fields) for r in preview.rows]
    preview.close()
    assert [(r["occurred_at"], _caller(r), r.get("direction")) for r in rows] == [
        ("2026-12-05T21:40:12/2026-12-05T21:42:30", "王警官", "incoming"),
        ("2026-12-06T07:00:01", "王警官", "outgoing"),
    ]


def test_whatsapp_person_unknown_names_no_caller(tmp_path: Path) -> None:
    for by_day in (False, True):
        rows = _chat(tmp_path, samples.ANDROID_24H_DMY, "chat.txt", by_day=by_day)
        assert rows and not any(_caller(r) or r.get("direction") for r in rows)
    with pytest.raises(ImportRefused, match="Ayse"):  # a misspelt name is refused
        _chat(tmp_path, samples.ANDROID_24H_DMY, "chat.txt", by_day=True, me="Ayse")


def test_date_order_from_the_whole_file() -> None:
    # 05/12 alone is ambiguous; a later 13/12 settles it, as does a later 12/13
    assert detect_order(["05/12/2026", "13/12/2026"], "x") == "dmy"
    assert detect_order(["12/05/2026", "12/13/2026"], "x") == "mdy"
    # both readings valid: time order decides (dmy would go back from December to May)
    assert detect_order(["05/12/2026", "06/01/2026"], "x") == "mdy"
    assert detect_order(["2026/12/05"], "x") == "ymd"
    with pytest.raises(ImportRefused):
        detect_order(["13/13/2026"], "x")


def test_whatsapp_zip_media_both_forms(tmp_path: Path) -> None:
    voice, image = b"OggS\x00voice" * 100, b"\xff\xd8\xff\xe0picture"
    ios = samples.whatsapp_zip(
        tmp_path / "ios.zip",
        samples.IOS_24H_YMD,
        "_chat.txt",
        {"00000012-AUDIO-2026-12-05-21-42-30.opus": voice},
    )
    preview = preview_whatsapp(ios)
    media = [m for r in preview.rows for m in r.media]
    assert [m.name for m in media] == ["00000012-AUDIO-2026-12-05-21-42-30.opus"]
    assert preview.open_media is not None
    assert b"".join(preview.open_media(media[0])) == voice
    preview.close()
    android = samples.whatsapp_zip(
        tmp_path / "a.zip",
        samples.ANDROID_12H_MDY,
        "WhatsApp Chat with Officer Li.txt",
        {"IMG-20261213-WA0002.jpg": image},
    )
    preview = preview_whatsapp(android)
    assert preview.rows[1].media[0].name == "IMG-20261213-WA0002.jpg"
    assert "Look at this" in str(preview.rows[1].fields["narrative"])
    preview.close()


def test_calls_every_type_kept(tmp_path: Path) -> None:
    path = samples.calls_xml(
        tmp_path / "calls-20261206.xml",
        [
            ("+8613912345678", 0, 0, 3, "(Unknown)"),
            ("+33612345678", 65, 1000, 1, "Maman"),
            ("+8613912345678", 30, 2000, 2, ""),
            ("+8613912345678", 0, 3000, 5, ""),
            ("+8613912345678", 0, 4000, 6, ""),
        ],
    )
    assert detect(path) == "android-calls"
    rows = read_preview(path, "android-calls", ReadOptions()).rows
    assert [(r.fields["direction"], r.fields["tags"]) for r in rows] == [
        ("incoming", ["call:missed"]),
        ("incoming", ["call:incoming"]),
        ("outgoing", ["call:outgoing"]),
        ("incoming", ["call:rejected"]),
        ("incoming", ["call:blocked"]),
    ]
    assert rows[1].fields["caller_name"] == "Maman"
    assert rows[1].fields["duration_seconds"] == "65"
    assert rows[0].fields["occurred_at"].startswith("2026-12-0")
    assert "caller_name" not in rows[0].fields  # "(Unknown)" is no name


def test_sms_and_mms_parts(tmp_path: Path) -> None:
    image = bytes(range(256)) * 40
    path = samples.sms_xml(tmp_path / "sms-20261206.xml", image)
    assert detect(path) == "android-sms"
    preview = read_preview(path, "android-sms", ReadOptions())
    rows = preview.rows
    assert [r.fields["direction"] for r in rows] == ["incoming", "outgoing", "incoming"]
    assert rows[0].fields["narrative"] == "Your mother asks you to call. <police>"
    assert rows[2].fields["narrative"] == "This is your brother's house."
    assert preview.open_media is not None
    assert b"".join(preview.open_media(rows[2].media[0])) == image


def test_telegram_text_forms_files_and_calls(tmp_path: Path) -> None:
    path = samples.telegram_export(tmp_path / "ChatExport_2026-12-06", b"OggS1", b"\xff\xd8x")
    assert detect(path) == "telegram"
    rows = read_preview(path, "telegram", ReadOptions()).rows
    assert rows[0].fields["narrative"] == "Come to the consulate."
    assert rows[1].fields["narrative"] == "See https://example.org/x now"
    assert [m.name for m in rows[2].media] == ["audio_1@05-12-2026_21-42-30.ogg"]
    assert [m.name for m in rows[3].media] == ["photo_1@05-12-2026_21-43-00.jpg"]
    assert rows[4].fields["tags"] == ["call:missed"]
    assert rows[0].fields["caller_account"] == "user777"
    assert len(rows) == 5  # the service line creating the group is no row


@pytest.mark.parametrize(
    ("name", "when"),
    [
        ("Screenshot_20261205-214012.png", "2026-12-05T21:40:12"),
        ("IMG_20261205_214012.jpg", "2026-12-05T21:40:12"),
        ("WeChat Image_20261205214012.jpg", "2026-12-05T21:40:12"),
        ("Screenshot 2026-12-05 at 21.40.12.png", "2026-12-05T21:40:12"),
        ("holiday.png", None),
    ],
)
def test_screenshot_names(name: str, when: str | None) -> None:
    assert time_from_name(name) == when


def test_csv_encodings_delimiters_and_header(tmp_path: Path) -> None:
    text = "Date;Numéro;Note\n2026-12-05 21:40;+86 139 1234 5678;警察 appel\n"
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "gb18030"):
        path = tmp_path / f"log-{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        preview = preview_csv(path, ["Date=occurred_at", "Numéro=caller_number", "3=narrative"])
        assert preview.rows[0].fields == {
            "occurred_at": "2026-12-05 21:40",
            "caller_number": "+86 139 1234 5678",
            "narrative": "警察 appel",
        }, encoding
        assert preview.rows[0].line == 2
    bare = tmp_path / "bare.csv"
    bare.write_text("2026-12-05 21:40\t+8613912345678\n2026-12-06 08:00\t+8613912345678\n")
    table = read_table(bare)
    assert table.columns == ["1", "2"] and not table.has_header and len(table.rows) == 2
    assert len(preview_csv(bare, ["1=occurred_at"], header=False).rows) == 2


def test_csv_errors_per_row_with_line(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text('When,Kind\n2026-12-05 21:40,phone\n"2026-12-06\n",fax\nnot a date,phone\n')
    rows = preview_csv(path, ["When=occurred_at", "Kind=channel"]).rows
    assert rows[0].problem is None
    assert rows[1].line == 3 and "fax" in str(rows[1].problem)
    assert rows[2].line == 5 and rows[2].problem
    with pytest.raises(UsageError):
        preview_csv(path, ["Nope=occurred_at"])
    with pytest.raises(UsageError):
        preview_csv(path, ["When=not_a_field"])


def test_wrong_encoding_is_one_sentence() -> None:
    with pytest.raises(ImportRefused) as caught:
        decode_text(b"\xff\xfe\x00\xd8", "bad.txt")  # UTF-16 BOM then a lone surrogate
    assert "bad.txt" in caught.value.english()
    with pytest.raises(ImportRefused):
        decode_text(b"\x81\x20\xff\xff", "bad.csv")  # neither UTF-8 nor GB18030


def test_zip_without_chat_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"x")
    with pytest.raises(ImportRefused):
        preview_whatsapp(path)


def test_whatsapp_txt_with_media_beside_it(tmp_path: Path) -> None:
    voice = b"OggS-beside" * 30
    (tmp_path / "PTT-20261205-WA0001.opus").write_bytes(voice)
    path = tmp_path / "WhatsApp Chat with X.txt"
    path.write_bytes(samples.ANDROID_24H_DMY.encode("utf-16"))  # UTF-16 with its BOM
    preview = preview_whatsapp(path)
    media = [m for r in preview.rows for m in r.media]
    assert [m.name for m in media] == ["PTT-20261205-WA0001.opus"]
    assert preview.open_media is not None
    assert b"".join(preview.open_media(media[0])) == voice


def test_telegram_whole_account_export(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(
        '{\n "about": "x",\n "chats": {"about": "y", "list": [\n'
        '  {"name": "A", "type": "personal_chat", "id": 1, "messages": [\n'
        '   {"id": 7, "type": "message", "date": "2026-12-05T21:40:12",\n'
        '    "from": "A", "text": "first"}]},\n'
        '  {"name": "B", "type": "personal_chat", "id": 2, "messages": [\n'
        '   {"id": 7, "type": "message", "date": "2026-12-06T08:00:00",\n'
        '    "from": "B", "text": "second"}]}]}}\n',
        encoding="utf-8",
    )
    rows = read_preview(path, detect(path), ReadOptions()).rows
    assert [(r.key, r.fields["narrative"], r.fields["occurred_at"]) for r in rows] == [
        ("1:7", "first", "2026-12-05T21:40:12"),
        ("2:7", "second", "2026-12-06T08:00"),
    ]
