"""Translations shared by the command line, the desktop app and the reports (gettext).

``_`` translates with the current language; :func:`set_language` switches it at run time
(the GUI re-translates its widgets when it does). Catalogs live in ``tr_journal/locale``.
"""

from __future__ import annotations

import gettext
import locale
import os
from pathlib import Path

from tr_journal.errors import TrJournalError

DOMAIN = "tr_journal"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES: dict[str, str] = {
    "en": "English", "fr": "Français", "ug": "ئۇيغۇرچە", "zh_CN": "简体中文", "tr": "Türkçe",
}
RTL_LANGUAGES = frozenset({"ug", "ar", "fa", "he"})

_current: gettext.NullTranslations = gettext.NullTranslations()
_current_code = "en"


def translations_for(code: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def system_language() -> str:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return match_language(value.split(":")[0])
    try:
        code = locale.getlocale()[0] or "en"
    except ValueError:
        code = "en"
    return match_language(code)


def match_language(tag: str) -> str:
    tag = tag.split(".")[0].replace("-", "_")
    if tag in LANGUAGES:
        return tag
    base = tag.split("_")[0]
    if base == "zh":
        return "zh_CN"
    return base if base in LANGUAGES else "en"


def set_language(code: str) -> None:
    global _current, _current_code
    _current_code = match_language(code)
    _current = translations_for(_current_code)


def current_language() -> str:
    return _current_code


def is_rtl(code: str | None = None) -> bool:
    return (code or _current_code).split("_")[0] in RTL_LANGUAGES


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def describe_error(error: TrJournalError) -> str:
    """One translated sentence for a typed service error."""
    return error.render(_)


def init_from_environment() -> None:
    set_language(os.environ.get("TR_JOURNAL_LANG") or system_language())
