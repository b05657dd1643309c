"""Qt side of the interface language: Qt's own translations, locale, direction, fonts.

Why one place: a language switch must change, together and without a restart, the gettext
catalog (``tr_journal.i18n``), Qt's own words (the "Cancel"/"OK" of standard buttons and file
dialogs come from ``qtbase_<lang>.qm`` shipped with PySide6), ``QLocale.setDefault`` (so
``QDateEdit`` and ``QLocale().toString`` format by language), the layout direction
(right-to-left for Uyghur), and the app font's fallbacks (shipped Noto fonts). Widgets then
re-read their texts on ``QEvent.LanguageChange`` (their ``retranslate()``).

Qt has no ``qtbase_ug``: for a language without one, a :class:`CatalogQtTranslator` answers
Qt's own strings (standard buttons, context menus; :mod:`tr_journal.i18n.qt_strings`) from our
gettext catalog, so a Uyghur dialog never shows an English "Cancel".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication, QKeySequence

from tr_journal.gui.qt_fonts import ensure_fonts, with_fallbacks
from tr_journal.i18n import (
    current_language,
    is_rtl,
    match_language,
    set_language,
    translations_for,
)
from tr_journal.i18n.qt_strings import QT_SOURCE_STRINGS

QT_CATALOGS = ("qtbase",)
#: Qt locale names per interface language (``ug`` is known to QLocale: ug_CN, Arabic script).
QT_LOCALES = {"en": "en_US", "fr": "fr_FR", "ug": "ug_CN", "zh_CN": "zh_CN", "tr": "tr_TR"}

_installed: list[QTranslator] = []  # kept alive here: Qt does not own them
_base_family: list[str] = []


class CatalogQtTranslator(QTranslator):
    """Qt's own source strings translated by our catalog (languages without qtbase)."""

    def __init__(self, code: str, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._gettext = translations_for(code).gettext
        self._code = code

    def language(self) -> str:
        return self._code

    def isEmpty(self) -> bool:
        return False

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if source_text in QT_SOURCE_STRINGS:
            translated = self._gettext(source_text)
            if translated != source_text:
                return translated
        return None  # a null QString: "not here", Qt asks the next translator


def qt_translations_dir() -> Path:
    """PySide6's folder of Qt's own ``.qm`` files."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def qt_locale(code: str) -> QLocale:
    return QLocale(QT_LOCALES.get(code, code))


def layout_direction(code: str | None = None) -> Qt.LayoutDirection:
    rtl = is_rtl(code or current_language())
    return Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight


def install_qt_translators(app: QCoreApplication, code: str) -> list[str]:
    """Replace the Qt translators with those of ``code``; returns the catalogs loaded."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code == "en":
        return []
    # Our catalog first: Qt asks the translator installed last first, so a shipped qtbase
    # answers before it, and ours fills only what qtbase lacks (all of it for Uyghur).
    fallback = CatalogQtTranslator(code, app)
    app.installTranslator(fallback)
    _installed.append(fallback)
    loaded = ["tr_journal"]
    folder = str(qt_translations_dir())
    for name in QT_CATALOGS:
        translator = QTranslator(app)
        if translator.load(qt_locale(code), name, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(name)
    return loaded


def apply_language(app: QCoreApplication, code: str | None) -> str:
    """Make ``code`` (None: the system language) the interface language; returns the code.

    Safe before any window exists (at start) and after (see :func:`switch_language`).
    """
    from tr_journal.i18n import system_language

    code = match_language(code or system_language())
    set_language(code)
    QLocale.setDefault(qt_locale(code))
    install_qt_translators(app, code)
    if isinstance(app, QGuiApplication):
        ensure_fonts()
        if not _base_family:
            _base_family.append(app.font().family())
        font = app.font()
        font.setFamily(_base_family[0])
        app.setFont(with_fallbacks(font, code))
        app.setLayoutDirection(layout_direction(code))
    return code


def switch_language(app: QCoreApplication, code: str | None) -> str:
    """Switch without a restart: apply, then make every widget run its ``retranslate()``.

    Installing a translator already sends ``LanguageChange``, but Uyghur and English install
    none, so one is always posted to the application, which forwards it to every window.
    """
    code = apply_language(app, code)
    QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))
    return code


def key_text(sequence: QKeySequence | str) -> str:
    """A key as the platform writes it ("Ctrl+,"), isolated left to right (LRI … PDI): in a
    right-to-left menu Qt's own text would read ",+Ctrl"."""
    from tr_journal.i18n.format import ltr_isolate

    return ltr_isolate(QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText))


def installed_translators() -> list[QTranslator]:
    """The Qt translators in use (for tests)."""
    return list(_installed)
