"""File pickers that leave no trace: Qt's own dialog, and Qt's settings file disabled.

Qt's widget-based ``QFileDialog`` saves the folders it visited (``history``, ``lastVisited``) to
``~/.config/QtProject.conf`` when it is destroyed — a list of where the person keeps their
recordings and bundles. :func:`forget_qt_settings` points every user- and system-scope QSettings
path at a location that cannot exist, so those writes fail silently; the app keeps its own few
preferences in :mod:`tr_journal.settings` instead. Native dialogs are not used because they add
files to the desktop's "recent" list. Any part of the GUI may use these helpers (the core
window's attachment picker too); tests monkeypatch the ``QFileDialog`` static methods.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

NOWHERE = "/dev/null/tr-journal-keeps-no-qt-settings"
OPTIONS = QFileDialog.Option.DontUseNativeDialog


def forget_qt_settings() -> None:
    """Make QSettings (and so QFileDialog's history) unable to write anywhere. Idempotent."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, NOWHERE)


def documents_dir() -> Path:
    """The user's Documents folder if it exists, else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(location) if location else Path.home()
    return path if path.is_dir() else Path.home()


def save_file(parent: QWidget | None, caption: str, suggested: Path, filters: str) -> Path | None:
    forget_qt_settings()
    name, _filter = QFileDialog.getSaveFileName(
        parent, caption, str(suggested), filters, options=OPTIONS
    )
    return Path(name) if name else None


def open_file(parent: QWidget | None, caption: str, start: Path, filters: str) -> Path | None:
    forget_qt_settings()
    name, _filter = QFileDialog.getOpenFileName(
        parent, caption, str(start), filters, options=OPTIONS
    )
    return Path(name) if name else None


def open_files(parent: QWidget | None, caption: str, start: Path, filters: str) -> list[Path]:
    forget_qt_settings()
    names, _filter = QFileDialog.getOpenFileNames(
        parent, caption, str(start), filters, options=OPTIONS
    )
    return [Path(name) for name in names if name]


def existing_dir(parent: QWidget | None, caption: str, start: Path) -> Path | None:
    forget_qt_settings()
    name = QFileDialog.getExistingDirectory(
        parent, caption, str(start), options=OPTIONS | QFileDialog.Option.ShowDirsOnly
    )
    return Path(name) if name else None
