"""Start the desktop app: harden the process, create the QApplication, show the main window.

Core dumps are disabled before anything is decrypted: a crash must not leave the data key or
entry text in a core file. Qt's settings are pointed nowhere so no file dialog history is ever
written. The app's own preferences (language, auto-lock, vault folder) come from
:mod:`tr_journal.settings`.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import cast

from tr_journal.hardening import disable_core_dumps

APP_ID = "org.trjournal.TrJournal"
log = logging.getLogger(__name__)


def choose_vault_dir(vault_arg: str | None) -> Path:
    """``--vault``, else ``$TR_JOURNAL_VAULT``, else the folder chosen in settings, else default."""
    from tr_journal.paths import VAULT_ENV, resolve_vault_dir

    if vault_arg or os.environ.get(VAULT_ENV):
        return resolve_vault_dir(vault_arg)
    try:
        from tr_journal.settings import load_settings

        chosen = load_settings().vault_dir
    except Exception:  # unreadable settings never stop the app
        chosen = None
    return resolve_vault_dir(chosen)


def apply_language(language: str | None) -> None:
    from tr_journal import i18n

    if language:
        i18n.set_language(language)
    else:
        i18n.init_from_environment()


def make_application() -> object:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from tr_journal.i18n import is_rtl

    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("tr-journal")
    app.setApplicationDisplayName("tr-journal")
    app.setOrganizationName("tr-journal")
    QGuiApplication.setDesktopFileName(APP_ID)
    from PySide6.QtGui import QIcon

    from tr_journal.resources_path import icon_path

    if icon_path().exists():
        app.setWindowIcon(QIcon(str(icon_path())))
    QGuiApplication.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if is_rtl() else Qt.LayoutDirection.LeftToRight
    )
    from tr_journal.gui.qt_language import apply_language as apply_qt_language
    from tr_journal.i18n import current_language

    apply_qt_language(app, current_language())  # Qt's own words, QLocale, shipped fonts
    return app


def run(vault_arg: str | None) -> int:
    """Entry point of ``tr-journal`` / ``tr-journal gui [--vault DIR]``."""
    disable_core_dumps()
    try:
        from tr_journal.settings import load_settings

        settings = load_settings()
        language, minutes = settings.language, settings.autolock_minutes
    except Exception:
        language, minutes = None, 5
    apply_language(language)
    app = make_application()
    from tr_journal.gui.main_window import MainWindow
    from tr_journal.gui.widgets.file_dialogs import forget_qt_settings

    forget_qt_settings()
    window = MainWindow(choose_vault_dir(vault_arg))
    window.lock_controller.set_timeout_minutes(minutes)
    window.show()
    return int(app.exec())  # type: ignore[attr-defined]
