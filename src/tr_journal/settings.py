"""The desktop app's few preferences, in one small JSON file (no Qt, no QSettings).

Only five things are kept: the interface language, the auto-lock delay, the home country phone
numbers are read in (when the user chose one), whether the time-stamps window may send requests
over the internet (off unless the person turns it on; docs/timestamps.md) and — only when the
user chose a non-default one — the vault folder. Nothing else is ever written here: no
attachment or file names, no entry text, no recent-file or recent-folder lists, no window
geometry. Loading keeps only the known fields, so a hand-edited or older file cannot smuggle
anything into the next
save. The file is written atomically (temp file, fsync, rename), mode 0600.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tr_journal.fsutil import atomic_write_bytes, ensure_private_dir
from tr_journal.i18n import LANGUAGES
from tr_journal.paths import config_dir
from tr_journal.region import valid_region

SETTINGS_NAME = "settings.json"
DEFAULT_AUTOLOCK_MINUTES = 5
MIN_AUTOLOCK_MINUTES = 1
MAX_AUTOLOCK_MINUTES = 240
MAX_SETTINGS_BYTES = 64 * 1024


@dataclass
class Settings:
    """``language`` None follows the system; ``vault_dir`` None is the default location."""

    language: str | None = None
    autolock_minutes: int = DEFAULT_AUTOLOCK_MINUTES
    vault_dir: str | None = None
    #: two-letter country national phone numbers are read in (None: from the locale)
    home_region: str | None = None
    online_stamps: bool = False  # the one network use of the app, off by default


def settings_path() -> Path:
    return config_dir() / SETTINGS_NAME


def clamp_autolock(minutes: Any) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        return DEFAULT_AUTOLOCK_MINUTES
    return max(MIN_AUTOLOCK_MINUTES, min(MAX_AUTOLOCK_MINUTES, minutes))


def _from_json(doc: Any) -> Settings:
    if not isinstance(doc, dict):
        return Settings()
    language = doc.get("language")
    vault_dir = doc.get("vault_dir")
    return Settings(
        language=language if language in LANGUAGES else None,
        autolock_minutes=clamp_autolock(doc.get("autolock_minutes")),
        vault_dir=vault_dir if isinstance(vault_dir, str) and vault_dir.strip() else None,
        home_region=valid_region(doc.get("home_region")),
        online_stamps=doc.get("online_stamps") is True,
    )


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when the file is missing or unreadable.

    A damaged file is left as it is (never overwritten by a read); the next explicit save
    replaces it.
    """
    path = path or settings_path()
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SETTINGS_BYTES + 1)
    except OSError:
        return Settings()
    if len(data) > MAX_SETTINGS_BYTES:
        return Settings()
    try:
        return _from_json(json.loads(data.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write exactly the known fields, validated, atomically. Raises DiskFull/FileUnreadable."""
    path = path or settings_path()
    clean = _from_json(asdict(settings))
    ensure_private_dir(path.parent)
    data = json.dumps(asdict(clean), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    atomic_write_bytes(path, data.encode("utf-8"))
