"""Date fields written the way the interface language writes a short date.

Why: a fixed "yyyy-MM-dd" in a right-to-left interface has its sections mirrored by Qt
("05-11-2026" for 2026-11-05), and an English or French reader expects their own order. The
format comes from the locale (QLocale, set with the language: fr 05/11/2026, tr 5.11.2026,
en 11/5/2026, ug 2026-11-05) with a four-digit year, and the field is laid out left to right
in every language (digits and separators, never mirrored). Called again on a language change,
so a switch back never keeps the previous language's format.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDateEdit


def short_date_format(locale: QLocale | None = None) -> str:
    """The locale's short numeric date with a four-digit year: "M/d/yy" -> "M/d/yyyy"."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    return re.sub(r"(?<!y)y{1,2}(?!y)", "yyyy", pattern)


def localise_date_edit(edit: QDateEdit) -> None:
    """Give ``edit`` the interface language's date format, left to right."""
    edit.setLocale(QLocale())
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setDisplayFormat(short_date_format())
