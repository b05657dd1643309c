"""Consistency notes (docs/record-format.md): a file's own facts against the declared ones."""

from __future__ import annotations

from typing import Any

from tr_journal.domain import Attachment, EntryFields
from tr_journal.journal.consistency import consistency_notes


def _file(name: str, media_type: str, **metadata: Any) -> Attachment:
    return Attachment(f"E0001-A{len(name)}", name, 10, "0" * 64, media_type, metadata)


def _kinds(occurred: str, attachments: list[Attachment], **fields: Any) -> list[str]:
    entry = EntryFields.from_dict({"occurred_at": occurred, "timezone": "Europe/Paris", **fields})
    return [n.kind for n in consistency_notes(entry, attachments)]


def test_recording_much_shorter_or_longer_than_declared() -> None:
    call = "2026-03-02T21:40+01:00"
    assert _kinds(call, [_file("a.m4a", "audio/mp4", duration=95.2)], duration_seconds=540) == [
        "recording_shorter"
    ]
    assert _kinds(call, [_file("a.m4a", "audio/mp4", duration=1500.0)], duration_seconds=540) == [
        "recording_longer"
    ]
    assert _kinds(call, [_file("a.m4a", "audio/mp4", duration=500.0)], duration_seconds=540) == []
    assert (
        _kinds(call, [_file("a.m4a", "audio/mp4", duration=4.0)], duration_seconds=20) == []
    )  # a few seconds: not worth a note
    assert _kinds(call, [_file("a.m4a", "audio/mp4", duration=4.0)]) == []  # none declared


def test_file_time_more_than_a_day_away() -> None:
    evening = "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00"
    far = _file("b.m4a", "audio/mp4", created="2026-03-07T10:00:00Z")
    near = _file("c.m4a", "audio/mp4", created="2026-03-05T12:00:00Z")
    assert _kinds(evening, [far, near]) == ["file_time_far"]


def test_screenshot_date_outside_the_interval() -> None:
    day = "2026-03-02"
    before = _file("d.png", "image/png", created="2026-03-01T23:30:00")  # Paris, naive EXIF
    same_day = _file("ee.png", "image/png", created="2026-03-02T23:30:00")
    next_day = _file("fff.png", "image/png", created="2026-03-03T09:00:00+01:00")
    week_after = _file("gggg.png", "image/png", created="2026-03-09T09:00:00+01:00")
    notes = consistency_notes(
        EntryFields.from_dict({"occurred_at": day, "timezone": "Europe/Paris"}),
        [before, same_day, next_day, week_after],
    )
    assert [(n.kind, n.attachment) for n in notes] == [
        ("image_time_outside", before.id),
        ("image_time_outside", week_after.id),
    ]
    assert notes[0].to_json() == {
        "kind": "image_time_outside",
        "attachment": before.id,
        "declared": day,
        "found": "2026-03-01T23:30:00",
    }


def test_show_json_and_report_give_the_notes(
    vault_dir: Any, tmp_path: Any, fixtures_dir: Any
) -> None:
    import json
    import zipfile

    from tests.helpers import PASSPHRASE, run_cli

    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n", encoding="utf-8")

    def cli(*args: str) -> str:
        done = run_cli(
            "--vault",
            str(vault_dir),
            *args,
            "--passphrase-file",
            str(pass_file),
            env={"TR_JOURNAL_LANG": "en"},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli(
        "add",
        "--occurred",
        "2026-03-02T21:40+01:00",
        "--duration",
        "9:00",
        "--attach",
        str(fixtures_dir / "call-ug.flac"),
    )
    shown = json.loads(cli("show", "E0001", "--json"))
    assert shown["consistency"] == [
        {"kind": "recording_shorter", "attachment": "E0001-A1", "declared": 540, "found": 3}
    ]
    assert (
        "Note: E0001-A1: the recording lasts 3 sec, much less than the declared duration "
        "(9 min)." in cli("show", "E0001").replace("\xa0", " ")
    )
    bundle = tmp_path / "b.zip"
    cli("export", "--out", str(bundle))
    with zipfile.ZipFile(bundle) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("report.html")]
        assert "much less than the declared duration" in archive.read(name).decode()
