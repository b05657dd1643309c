"""Translations shared by the command line, the desktop app and the reports (gettext).

``_`` translates with the current language; :func:`set_language` switches it at run time
(the GUI re-translates its widgets when it does). Catalogs live in ``tr_journal/locale``
(``tools/i18n.py`` extracts, updates and compiles them).

The evidence report is written in a language chosen at export, possibly on a worker thread
while the interface keeps its own: it must not call :func:`set_language` (that would switch
the windows too) but use :func:`using_language`, which only affects the calling thread, or
``translations_for(code).gettext``.
"""

from __future__ import annotations

import gettext
import locale
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from tr_journal.errors import TrJournalError

DOMAIN = "tr_journal"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "ug": "ئۇيغۇرچە",
    "zh_CN": "简体中文",
    "tr": "Türkçe",
}
RTL_LANGUAGES = frozenset({"ug", "ar", "fa", "he"})

_current: gettext.NullTranslations = gettext.NullTranslations()
_current_code = "en"


_thread = threading.local()


@lru_cache(maxsize=16)
def translations_for(code: str) -> gettext.NullTranslations:
    """The catalog of ``code`` (English, i.e. the msgids, when there is none)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[match_language(code)], fallback=True)


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


def _active() -> gettext.NullTranslations:
    return getattr(_thread, "translations", None) or _current


@contextmanager
def using_language(code: str) -> Iterator[str]:
    """Translate in ``code`` on this thread only (report rendering); the GUI is unaffected."""
    previous = getattr(_thread, "translations", None)
    code = match_language(code)
    _thread.translations = translations_for(code)
    try:
        yield code
    finally:
        _thread.translations = previous


def _(message: str) -> str:
    if not message:
        return ""  # gettext("") would return the catalog header
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def describe_error(error: TrJournalError, code: str | None = None) -> str:
    """One translated sentence for a typed service error (in ``code``, default: current)."""
    if code is None:
        return error.render(_)
    return error.render(translations_for(code).gettext)


def init_from_environment() -> None:
    """``TR_JOURNAL_LANG`` or the system's language; argparse's own words follow it too."""
    set_language(os.environ.get("TR_JOURNAL_LANG") or system_language())
    argparse = sys.modules.get("argparse")
    if argparse is not None:
        argparse._ = _  # type: ignore[attr-defined]  # see i18n/argparse_strings.py
