"""Who is the caller in a chat export: always the other party, never the person who exported
it (docs/imports.md, "Who is the caller"), for Telegram as for WhatsApp."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.imports import samples
from tr_journal.errors import ImportRefused
from tr_journal.imports.detect import ReadOptions, detect, read_preview
from tr_journal.imports.rows import ImportPreview

WANG, AYSE, LI = "Officer Wang", "Ayşe", "Li Ming"


def _personal(tmp_path: Path) -> Path:
    return samples.telegram_chat(
        tmp_path / "result.json",
        WANG,
        "personal_chat",
        [
            (WANG, "user777", "Come to the consulate."),
            (AYSE, "user1", "Who gave you my number?"),
            (WANG, "user777", "call:missed"),
            (AYSE, "user1", "call:busy"),
        ],
    )


def _group(tmp_path: Path) -> Path:
    return samples.telegram_chat(
        tmp_path / "result.json",
        "Hometown news",
        "private_group",
        [
            (WANG, "user777", "We know where you live."),
            (AYSE, "user1", "Stop."),
            (LI, "user9", "+1"),
        ],
    )


def _read(path: Path, me: str | None = None) -> ImportPreview:
    return read_preview(path, detect(path), ReadOptions(me=me))


def _who(preview: ImportPreview) -> list[tuple[object, ...]]:
    return [
        (
            r.fields.get("caller_name"),
            r.fields.get("caller_account"),
            r.fields.get("direction"),
        )
        for r in preview.rows
    ]


def test_telegram_personal_chat_own_messages_name_the_other_party(tmp_path: Path) -> None:
    preview = _read(_personal(tmp_path))
    assert _who(preview) == [
        (WANG, "user777", "incoming"),
        (WANG, "user777", "outgoing"),  # her own message: the caller is still Wang
        (WANG, "user777", "incoming"),  # the call he placed
        (WANG, "user777", "outgoing"),  # the call she placed
    ]
    assert preview.rows[3].fields["tags"] == ["call:busy"]
    assert preview.parties is not None
    assert preview.parties.senders == (WANG, AYSE) and preview.parties.mine == (AYSE,)
    assert preview.to_json()["me"] == [AYSE]


def test_telegram_group_without_me_names_no_caller(tmp_path: Path) -> None:
    preview = _read(_group(tmp_path))
    assert _who(preview) == [(None, None, None)] * 3
    assert not any("caller_number" in r.fields for r in preview.rows)
    assert preview.parties is not None and not preview.parties.known
    assert preview.parties.senders == (WANG, AYSE, LI)
    assert preview.to_json()["me"] is None


def test_telegram_group_with_me_names_the_others(tmp_path: Path) -> None:
    preview = _read(_group(tmp_path), me=AYSE)
    assert _who(preview) == [
        (WANG, "user777", "incoming"),
        (None, None, "outgoing"),  # two others in the group: no single caller to name
        (LI, "user9", "incoming"),
    ]
    with pytest.raises(ImportRefused, match="Ayse"):  # a misspelt name is refused
        _read(_group(tmp_path), me="Ayse")


def test_telegram_me_overrides_the_chat_name(tmp_path: Path) -> None:
    # The person says she is Wang's account (a shared phone, a renamed contact): her choice wins.
    preview = _read(_personal(tmp_path), me=WANG)
    assert [r.fields.get("caller_name") for r in preview.rows] == [AYSE] * 4


def test_telegram_whole_account_each_chat_by_its_own_rule(tmp_path: Path) -> None:
    import json

    personal = json.loads(_personal(tmp_path).read_text(encoding="utf-8"))
    group = json.loads(_group(tmp_path).read_text(encoding="utf-8"))
    group["id"] = 78
    path = tmp_path / "account" / "result.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"chats": {"list": [personal, group]}}, indent=1), encoding="utf-8")
    preview = _read(path)
    callers = [r.fields.get("caller_name") for r in preview.rows]
    assert callers == [WANG] * 4 + [None] * 3  # the group's person is unknown without --me
    assert preview.parties is not None and not preview.parties.known
    chosen = _read(path, me=AYSE)
    assert [r.fields.get("caller_name") for r in chosen.rows] == [WANG] * 4 + [WANG, None, LI]


def test_whatsapp_preview_says_who_wrote_and_who_is_the_person(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with +86 139 1234 5678.txt"
    path.write_text(samples.ANDROID_24H_DMY, encoding="utf-8")
    preview = _read(path)
    assert preview.parties is not None
    assert preview.parties.senders == ("+86 139 1234 5678", AYSE)
    assert preview.parties.mine == (AYSE,) and preview.parties.known
    renamed = tmp_path / "chat.txt"
    renamed.write_text(samples.ANDROID_24H_DMY, encoding="utf-8")
    unknown = _read(renamed)
    assert unknown.parties is not None and not unknown.parties.known
    assert unknown.parties.senders == preview.parties.senders
