"""WhatsApp "Export chat": the ``.txt`` alone, or the ``.zip`` with its media (docs/imports.md).

Android writes ``05/12/2026, 21:40 - Name: text`` (or ``12/5/26, 9:40 PM - ...``) and a file
as ``IMG-20261205-WA0001.jpg (file attached)``; iOS writes ``[05/12/2026, 21:40:12] Name: text``
and a file as ``<attached: 00000012-AUDIO-2026-12-05-21-40-12.opus>``. Lines that start no
message continue the one before; lines with no sender (and iOS lines starting with U+200E that
carry no file) are system lines, kept out of the rows. The date order is decided from the whole
file (:mod:`tr_journal.imports.chat_dates`). The caller is the other party, never the person
who exported the chat (:mod:`tr_journal.imports.chat_parties`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tr_journal.errors import N_
from tr_journal.imports.chat_dates import as_date, detect_order, split_date
from tr_journal.imports.chat_parties import Parties, check_me, parties
from tr_journal.imports.clock import wall
from tr_journal.imports.rows import ImportPreview, ImportRow, MediaRef, supports
from tr_journal.imports.sources import (
    SafeZip,
    decode_text,
    file_blocks,
    file_sha256,
    read_text_file,
    refuse,
)

_DATE = r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
_TIME = r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
_AMPM = r"(?:[\s\u202f\u00a0]?(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?"
ANDROID = re.compile(rf"^\u200e?{_DATE},?\s(?:à\s|um\s)?{_TIME}{_AMPM}\s[-–]\s(?P<rest>.*)$")
IOS = re.compile(rf"^\u200e?\[{_DATE},?\s{_TIME}{_AMPM}\]\s(?P<rest>.*)$")
SENDER = re.compile(r"^(?P<sender>[^:\n]{1,100}?): (?P<text>.*)$", re.DOTALL)
ANDROID_FILE = re.compile(
    r"^\u200e?(?P<file>[^\n<>:/\\]+?\.\w{1,5}) \((?:file attached|"
    r"fichier joint|archivo adjunto|Datei angehängt|dosya ekli)\)"
)
IOS_FILE = re.compile(r"<attached: (?P<file>[^>/\\\n]+)>")
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2068\u2069"))


@dataclass
class Message:
    """One message as read: where it starts, its clock reading, sender and text."""

    line: int
    date_text: str
    time_text: str
    ampm: str | None
    sender: str | None
    text: str


def parse_messages(text: str) -> list[Message]:
    """Messages and system lines, with continuation lines joined to the message before."""
    messages: list[Message] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = ANDROID.match(line) or IOS.match(line)
        if match is None:
            if messages:
                messages[-1].text += "\n" + line
            continue
        rest = match["rest"]
        found = SENDER.match(rest)
        sender = found["sender"].translate(_INVISIBLE).strip() if found else None
        body = found["text"] if found else rest
        messages.append(Message(number, match["date"], match["time"], match["ampm"], sender, body))
    return messages


def _moment(message: Message, order: str) -> datetime | None:
    parts = split_date(message.date_text)
    day = as_date(parts, order) if parts else None
    if day is None:
        return None
    clock = [int(x) for x in re.split(r"[:.]", message.time_text)]
    hour = clock[0]
    if message.ampm:
        pm = message.ampm.strip().lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    try:
        return datetime(
            day.year, day.month, day.day, hour, clock[1], clock[2] if len(clock) > 2 else 0
        )
    except ValueError:
        return None


def attached_file(text: str) -> str | None:
    found = IOS_FILE.search(text) or ANDROID_FILE.match(text)
    return found["file"].strip() if found else None


def is_system(message: Message) -> bool:
    if message.sender is None:
        return True
    return message.text.startswith("\u200e") and attached_file(message.text) is None


Resolver = Callable[[str], MediaRef | None]


@dataclass(frozen=True)
class Options:
    """How messages become rows: one per message, or one per day; ``me`` is the person's own
    sender name (else read from the chat's title, :func:`chat_parties.parties`)."""

    by_day: bool = False
    prefer_day_first: bool = True
    me: str | None = None


def rows_from_chat(
    text: str, name: str, resolve: Resolver, options: Options, titles: tuple[str, ...] = ()
) -> tuple[list[ImportRow], int, Parties]:
    """(rows, number of system lines left out, who is who); ``titles`` are the export's file
    names."""
    messages = parse_messages(text)
    if not messages:
        raise refuse(name, N_("it holds no WhatsApp messages this app can read"))
    order = detect_order([m.date_text for m in messages], name, options.prefer_day_first)
    chat = [m for m in messages if not is_system(m)]
    items = []
    for message in chat:
        moment = _moment(message, order)
        if moment is None:
            raise refuse(
                name,
                N_("line {line} has a time that does not exist ({value})"),
                line=message.line,
                value=f"{message.date_text} {message.time_text}",
            )
        file = attached_file(message.text)
        media = resolve(file) if file else None
        items.append((message, moment, media))
    who = _parties(chat, name, options.me, (name, *titles))
    if options.by_day:
        return _by_day(items, who), len(messages) - len(chat), who
    rows = []
    for number, (message, moment, media) in enumerate(items, start=1):
        sender = [message.sender or ""]
        fields: dict[str, Any] = {
            "occurred_at": wall(moment),
            "channel": "whatsapp",
            **who.caller(sender),
            **who.direction(sender),
            "narrative": message.text.translate(_INVISIBLE).strip(),
        }
        if supports("source_time"):
            fields["source_time"] = f"{message.date_text} {message.time_text}"
        rows.append(
            ImportRow(
                number=number,
                key=f"msg{message.line}",
                fields=fields,
                media=(media,) if media else (),
                line=message.line,
                summary=f"{message.sender}: {message.text[:80]}",
            )
        )
    return rows, len(messages) - len(chat), who


def _parties(chat: list[Message], name: str, me: str | None, titles: tuple[str, ...]) -> Parties:
    senders = [m.sender or "" for m in chat]
    check_me(name, senders, me)
    return parties(senders, me, titles)


def _span(moments: list[datetime]) -> str:
    """The first to the last message as an interval; one moment stays one time."""
    first, last = wall(min(moments)), wall(max(moments))
    return first if first == last else f"{first}/{last}"


def _by_day(
    items: list[tuple[Message, datetime, MediaRef | None]], who: Parties
) -> list[ImportRow]:
    days: dict[str, list[tuple[Message, datetime, MediaRef | None]]] = {}
    for item in items:
        days.setdefault(item[1].date().isoformat(), []).append(item)
    rows = []
    for number, (day, group) in enumerate(days.items(), start=1):
        lines = [
            f"{m.strftime('%H:%M')} {msg.sender}: {msg.text.translate(_INVISIBLE).strip()}"
            for msg, m, _ in group
        ]
        senders = [msg.sender or "" for msg, _, _ in group]
        fields: dict[str, Any] = {
            "occurred_at": _span([m for _, m, _ in group]),
            "channel": "whatsapp",
            **who.caller(senders),
            **who.direction(senders),
            "narrative": "\n".join(lines),
        }
        theirs = sum(1 for s in senders if not who.is_me(s))
        if who.known and theirs > 1 and supports("attempts"):
            fields["attempts"] = str(theirs)  # how many times they wrote that day
        media = tuple(ref for _, _, ref in group if ref is not None)
        rows.append(
            ImportRow(
                number=number,
                key=f"day{day}",
                fields=fields,
                media=media,
                line=group[0][0].line,
                summary=f"{day}: {len(group)} messages",
            )
        )
    return rows


def _chat_member(archive: SafeZip) -> str:
    texts = sorted(n for n in archive.members if n.lower().endswith(".txt"))
    for preferred in ("_chat.txt", "whatsapp chat"):
        for name in texts:
            if preferred in name.rsplit("/", 1)[-1].lower():
                return name
    if not texts:
        raise refuse(archive.path, N_("it holds no chat text (.txt)"))
    return texts[0]


def preview_whatsapp(path: Path, options: Options | None = None) -> ImportPreview:
    """Rows of a chat export; files it names are found in the zip or beside the ``.txt``."""
    options = options or Options()
    digest, size = file_sha256(path)
    if path.suffix.lower() == ".zip":
        archive = SafeZip(path)
        try:
            member = _chat_member(archive)
            text = decode_text(archive.read(member), path.name)
            names = archive.by_basename()

            def resolve(file: str) -> MediaRef | None:
                found = names.get(file)
                return MediaRef(file, archive.members[found].file_size, found) if found else None

            rows, system, who = rows_from_chat(text, path.name, resolve, options, (member,))
        except BaseException:
            archive.close()
            raise
        return ImportPreview(
            "whatsapp",
            path.name,
            digest,
            size,
            rows,
            open_media=lambda ref: archive.blocks(ref.locator),
            notes=[f"system lines left out: {system}"],
            on_close=archive.close,
            parties=who,
        )
    text = read_text_file(path)
    folder = path.parent

    def beside(file: str) -> MediaRef | None:
        candidate = folder / file
        if candidate.is_file() and not candidate.is_symlink():
            return MediaRef(file, candidate.stat().st_size, str(candidate))
        return None

    rows, system, who = rows_from_chat(text, path.name, beside, options)
    return ImportPreview(
        "whatsapp",
        path.name,
        digest,
        size,
        rows,
        open_media=lambda ref: file_blocks(Path(ref.locator)),
        notes=[f"system lines left out: {system}"],
        parties=who,
    )
