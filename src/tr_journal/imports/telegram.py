"""Telegram Desktop's export: ``result.json`` and the folders of files beside it.

A chat export is ``{"name", "type", "messages": [...]}``; a whole-account export nests chats in
``{"chats": {"list": [...]}}``. A message has ``date`` (local, ISO) and ``date_unixtime``,
``from``, ``text`` as a string or a list of strings and entities ``{"type", "text"}``, and
``file``/``photo`` paths relative to the export folder. Service messages with ``action``
``phone_call`` are calls (``discard_reason`` ``missed``/``busy``, ``duration_seconds``, the
caller in ``actor``). A path that leaves the export folder refuses the whole file
(docs/imports.md). The caller is the other party, never the person who exported the chat
(:mod:`tr_journal.imports.chat_parties`): the person is ``me``, else the senders of a one-to-one
chat other than the one it is named after.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tr_journal.errors import N_
from tr_journal.imports.chat_parties import Parties, check_me, joined, parties
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


def _sender(message: dict[str, Any]) -> str:
    """Who wrote the message (``from``), or who placed the call (``actor``)."""
    sender = message.get("from") or message.get("actor")
    return sender if isinstance(sender, str) else ""


def _is_row(message: Any) -> bool:
    """Messages and calls become rows; other service messages (joins, pins) do not."""
    return isinstance(message, dict) and (
        message.get("type") == "message" or message.get("action") == "phone_call"
    )


def _parties(chat: dict[str, Any], me: str | None) -> Parties:
    """The person is ``me``; else, in a one-to-one chat, every sender but the chat's name."""
    senders = [_sender(m) for m in chat["messages"] if _is_row(m)]
    name = chat.get("name")
    one_to_one = chat.get("type") == "personal_chat" and isinstance(name, str)
    return parties(senders, me, other=name if one_to_one else None)


def _fields(
    path: Path, message: dict[str, Any], who: Parties, accounts: dict[str, str]
) -> dict[str, Any]:
    fields: dict[str, Any] = {"occurred_at": _when(path, message), "channel": "telegram"}
    sender = [_sender(message)]
    fields.update(who.caller(sender))
    fields.update(who.direction(sender))
    theirs = who.theirs(sender)
    if len(theirs) == 1 and theirs[0] in accounts:
        fields["caller_account"] = accounts[theirs[0]]
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


def _accounts(chat: dict[str, Any]) -> dict[str, str]:
    """Each sender's account id (``from_id``/``actor_id``), so a message of the person's own
    can name the other party's account."""
    found: dict[str, str] = {}
    for message in chat["messages"]:
        if _is_row(message):
            account = message.get("from_id") or message.get("actor_id")
            if isinstance(account, str) and _sender(message):
                found.setdefault(_sender(message), account)
    return found


def preview_telegram(path: Path, me: str | None = None) -> ImportPreview:
    """One row per message (and per call) of every chat in the export; ``me`` is the person's
    own sender name (the caller is never the person)."""
    digest, size = file_sha256(path)
    if size > MAX_JSON_BYTES:
        raise refuse(path, N_("it is larger than any export of this kind"))
    try:
        document = json.loads(read_text_file(path))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise refuse(path, N_("it is not complete, valid JSON")) from exc
    chats = list(_chats(document))
    every = [_sender(m) for chat in chats for m in chat["messages"] if _is_row(m)]
    check_me(path.name, every, me)
    rows: list[ImportRow] = []
    who_by_chat = [(chat, _parties(chat, me)) for chat in chats]
    for chat, who in who_by_chat:
        accounts = _accounts(chat)
        for message in chat["messages"]:
            if not _is_row(message):
                continue
            fields = _fields(path, message, who, accounts)
            media = _media(path, message)
            is_call = message.get("action") == "phone_call"
            if not is_call and "narrative" not in fields and not media:
                continue
            rows.append(
                ImportRow(
                    number=len(rows) + 1,
                    key=f"{chat.get('id')}:{message.get('id')}",
                    fields=fields,
                    media=media,
                    summary=f"{_sender(message)}: {str(fields.get('narrative', ''))[:80]}",
                )
            )
    if not rows and not chats:
        raise refuse(path, N_("it is not a Telegram Desktop export (result.json)"))
    return ImportPreview(
        "telegram",
        path.name,
        digest,
        size,
        rows,
        open_media=lambda ref: file_blocks(Path(ref.locator)),
        parties=joined(who for _chat, who in who_by_chat),
    )
