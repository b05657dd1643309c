"""Telegram Desktop's export: ``result.json`` and the folders of files beside it.

A chat export is ``{"name", "type", "messages": [...]}``; a whole-account export nests chats in
``{"chats": {"list": [...]}}``. A message has ``date`` (local, ISO) and ``date_unixtime``,
``from``, ``text`` as a string or a list of strings and entities ``{"type", "text"}``, and
``file``/``photo`` paths relative to the export folder. Service messages with ``action``
``phone_call`` are calls (``discard_reason`` ``missed``/``busy``, ``duration_seconds``).
A path that leaves the export folder refuses the whole file (docs/imports.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tr_journal.errors import N_
from tr_journal.imports.clock import from_epoch, wall
from tr_journal.imports.rows import ImportPreview, ImportRow, MediaRef, supports
from tr_journal.imports.sources import file_blocks, file_sha256, read_text_file, refuse

MAX_JSON_BYTES = 128 * 1024 * 1024


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            _text(part)
            if isinstance(part, str)
            else str(part.get("text", ""))
            if isinstance(part, dict)
            else ""
            for part in value
        )
    return ""


def _chats(document: Any) -> Iterator[dict[str, Any]]:
    if isinstance(document, dict) and isinstance(document.get("messages"), list):
        yield document
    elif isinstance(document, dict) and isinstance(document.get("chats"), dict):
        for chat in document["chats"].get("list") or []:
            if isinstance(chat, dict) and isinstance(chat.get("messages"), list):
                yield chat


def _when(path: Path, message: dict[str, Any]) -> str:
    stamp = message.get("date_unixtime")
    try:
        if stamp is not None:
            return from_epoch(int(stamp))
        return wall(datetime.fromisoformat(str(message.get("date"))))
    except (ValueError, OverflowError, OSError) as exc:
        raise refuse(
            path, N_("message {id} has no readable date"), id=str(message.get("id"))
        ) from exc


def _media(path: Path, message: dict[str, Any]) -> tuple[MediaRef, ...]:
    folder = path.parent.resolve()
    refs = []
    for key in ("photo", "file"):
        relative = message.get(key)
        if not isinstance(relative, str) or relative.startswith("(File "):
            continue
        target = (folder / relative).resolve()
        if Path(relative).is_absolute() or folder not in target.parents:
            raise refuse(
                path, N_("it names a file outside the export folder ({name})"), name=relative
            )
        if target.is_file():
            refs.append(MediaRef(target.name, target.stat().st_size, str(target)))
    return tuple(refs)


def _fields(path: Path, chat: dict[str, Any], message: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {"occurred_at": _when(path, message), "channel": "telegram"}
    sender = message.get("from") or message.get("actor") or chat.get("name")
    if isinstance(sender, str) and sender:
        fields["caller_name"] = sender
    if isinstance(message.get("from_id"), str):
        fields["caller_account"] = message["from_id"]
    text = _text(message.get("text"))
    if message.get("action") == "phone_call":
        reason = str(message.get("discard_reason") or "call")
        fields["tags"] = [f"call:{reason}"]
        if isinstance(message.get("duration_seconds"), int):
            fields["duration_seconds"] = str(message["duration_seconds"])
    if text:
        fields["narrative"] = text
    if supports("source_time") and isinstance(message.get("date"), str):
        fields["source_time"] = message["date"]
    return fields


def preview_telegram(path: Path) -> ImportPreview:
    """One row per message (and per call) of every chat in the export."""
    digest, size = file_sha256(path)
    if size > MAX_JSON_BYTES:
        raise refuse(path, N_("it is larger than any export of this kind"))
    try:
        document = json.loads(read_text_file(path))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise refuse(path, N_("it is not complete, valid JSON")) from exc
    rows: list[ImportRow] = []
    for chat in _chats(document):
        for message in chat["messages"]:
            if not isinstance(message, dict):
                continue
            is_call = message.get("action") == "phone_call"
            if message.get("type") != "message" and not is_call:
                continue
            fields = _fields(path, chat, message)
            media = _media(path, message)
            if not is_call and "narrative" not in fields and not media:
                continue
            rows.append(
                ImportRow(
                    number=len(rows) + 1,
                    key=f"{chat.get('id')}:{message.get('id')}",
                    fields=fields,
                    media=media,
                    summary=f"{fields.get('caller_name', '')}: "
                    f"{str(fields.get('narrative', ''))[:80]}",
                )
            )
    if not rows and not list(_chats(document)):
        raise refuse(path, N_("it is not a Telegram Desktop export (result.json)"))
    return ImportPreview(
        "telegram",
        path.name,
        digest,
        size,
        rows,
        open_media=lambda ref: file_blocks(Path(ref.locator)),
    )
