"""Which reader a path needs, from what it is (folder, zip) and its first bytes or name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tr_journal.errors import N_
from tr_journal.imports import android, csv_map, screenshots, telegram, whatsapp
from tr_journal.imports.rows import ImportPreview
from tr_journal.imports.sources import refuse

FORMATS = ("csv", "jsonl", "android-calls", "android-sms", "whatsapp", "telegram", "screenshots")


@dataclass(frozen=True)
class ReadOptions:
    """What the person chose about how rows are made (command line or import dialog)."""

    mapping: tuple[str, ...] = ()
    header: bool | None = None
    by: str = "message"
    group_missed_minutes: int = 0
    prefer_day_first: bool = True
    #: chats: the person's own sender name (the caller is never the person)
    me: str | None = None


def detect(path: Path, forced: str | None = None) -> str:
    if forced:
        return forced
    if path.is_dir():
        return "screenshots"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".zip", ".txt"):
        return "whatsapp"
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise refuse(path, N_("it cannot be read ({reason})"), reason=exc.strerror) from exc
    if suffix == ".xml":
        if b"<calls" in head or path.name.lower().startswith("calls"):
            return "android-calls"
        if b"<smses" in head or path.name.lower().startswith("sms"):
            return "android-sms"
    if suffix == ".json":
        first = head.decode("utf-8", "replace").lstrip("\ufeff").splitlines()[:1]
        return "telegram" if not first or first[0].strip() == "{" else "jsonl"
    raise refuse(
        path,
        N_(
            "it is not an export this app knows (CSV, SMS Backup & Restore "
            "XML, WhatsApp, Telegram, a folder of screenshots)"
        ),
    )


def read_preview(path: Path, kind: str, options: ReadOptions) -> ImportPreview:
    """The preview of ``path`` read as ``kind``; nothing is written."""
    if kind == "csv":
        return csv_map.preview_csv(path, list(options.mapping), options.header)
    if kind == "android-calls":
        return android.preview_calls(path, options.group_missed_minutes)
    if kind == "android-sms":
        return android.preview_sms(path)
    if kind == "whatsapp":
        return whatsapp.preview_whatsapp(
            path,
            whatsapp.Options(
                by_day=options.by == "day", prefer_day_first=options.prefer_day_first, me=options.me
            ),
        )
    if kind == "telegram":
        return telegram.preview_telegram(path, options.me)
    if kind == "screenshots":
        return screenshots.preview_folder(path, by_day=options.by != "file")
    raise refuse(
        path,
        N_(
            "it is not an export this app knows (CSV, SMS Backup & Restore "
            "XML, WhatsApp, Telegram, a folder of screenshots)"
        ),
    )
