"""Files chosen (or dropped) while an entry is being written, added once it is saved.

Attachments belong to a saved entry (the audit chain links each original to its entry's
event), so the form cannot store them itself. Asking a person to save, find the Files tab and
pick the files again costs time in the minutes after a call; instead the form offers "Save and
attach files…": the chosen paths wait here (paths only, in memory, never written anywhere),
the form saves, and the main window hands them to the entry's Files tab, which imports them
with its usual progress and cancel. Closing the form, discarding or locking forgets them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from tr_journal.gui import palette
from tr_journal.gui.widgets.file_dialogs import documents_dir, open_files
from tr_journal.i18n import _, ngettext


def choose_attachment_paths(parent: QWidget | None) -> list[Path]:
    """The picker of the form and of the Files tab (no "recent files", no Qt history)."""
    return open_files(parent, _("Add files to this entry"), documents_dir(), _("All files (*)"))


def local_paths(mime: QMimeData | None) -> list[Path]:
    """The local files of a drop or a paste (remote URLs are not fetched: no network)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class PendingFiles(QWidget):
    """A "Save and attach files…" button and the names of the files waiting for the save."""

    added = Signal()  # files were queued: the form saves the entry now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: list[Path] = []
        self.button = QPushButton()
        self.button.clicked.connect(self.choose)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {palette.QUIET};")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.hint, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(_("Save and &attach files…"))
        self.button.setAccessibleName(_("Save the entry, then add recordings or screenshots"))
        self._show_hint()

    def choose(self) -> None:
        self.add(choose_attachment_paths(self.window()))

    def add(self, paths: list[Path]) -> None:
        """Queue ``paths`` (duplicates once) and ask the form to save."""
        fresh = [p for p in paths if p not in self.paths]
        if not fresh:
            return
        self.paths.extend(fresh)
        self._show_hint()
        self.added.emit()

    def take(self) -> list[Path]:
        """The queued paths, forgotten here (the Files tab imports them now)."""
        paths, self.paths = self.paths, []
        self._show_hint()
        return paths

    def clear(self) -> None:
        self.paths = []
        self._show_hint()

    def _show_hint(self) -> None:
        if not self.paths:
            self.hint.setText(
                _(
                    "Recordings, screenshots and letters are kept with the saved "
                    "entry; you can also drop them on this form."
                )
            )
            return
        names = ", ".join(p.name for p in self.paths)
        self.hint.setText(
            ngettext(
                "Waiting for the entry to be saved: {names}",
                "Waiting for the entry to be saved ({n} files): {names}",
                len(self.paths),
            ).format(n=len(self.paths), names=names)
        )
