"""Help: the list of keyboard shortcuts (F1) and the About box with the version.

Why a list built from the window's own actions: a shortcut changed in one place must not leave
the list saying something else. Keys are shown in the platform's words ("Ctrl+S") and isolated
left to right, so a right-to-left list never shows ",+Ctrl".
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tr_journal import __version__
from tr_journal.gui.qt_language import key_text
from tr_journal.i18n import _, is_rtl
from tr_journal.i18n.format import ltr_isolate, strip_isolates, unbroken_product_name

TITLE = "tr-journal"


def _plain(text: str) -> str:
    """A menu text without its key, Alt-letter or dots: "&Save entry\tCtrl+S" -> "Save entry"."""
    from tr_journal.gui.main_window import button_text

    return button_text(text.split("\t")[0])


def fixed_shortcuts() -> list[tuple[str, str]]:
    """Keys that belong to widgets rather than to menu actions."""
    return [
        (key_text("Tab"), _("Next field (Shift+Tab: previous field)")),
        (
            ltr_isolate(
                strip_isolates(key_text("Alt+A")) + " … " + strip_isolates(key_text("Alt+Z"))
            ),  # A to Z, also right to left
            _("Go to the field or button whose underlined letter it is"),
        ),
        (key_text("Esc"), _("Close the form; what was typed is kept as a draft")),
        (_("Arrow keys, Space"), _("Move between the choices of a group and tick one")),
    ]


def action_shortcuts(actions: list[QAction]) -> list[tuple[str, str]]:
    return [
        (key_text(a.shortcut()), _plain(a.text()))
        for a in actions
        if not a.shortcut().isEmpty() and a.isVisible()
    ]


class ShortcutsDialog(QDialog):
    """A two-column table: key, what it does. Closed with Esc or Enter."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions_shown = actions
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(620, 460)
        self.retranslate()

    def rows(self) -> list[tuple[str, str]]:
        return action_shortcuts(self.actions_shown) + fixed_shortcuts()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Key"), _("What it does")])
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for row, (key, meaning) in enumerate(rows):
            key_item = QTableWidgetItem(key)
            key_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 0, key_item)
            self.table.setItem(row, 1, QTableWidgetItem(meaning))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def about_text() -> str:
    """The About box's text: name, version, and what the app does and never does."""
    version = _("Version {version}").format(version=ltr_isolate(__version__))
    # the paragraphs take the interface's direction: the Uyghur sentence starts with the
    # Latin "tr-journal", which would otherwise make it a left-to-right paragraph
    direction = "rtl" if is_rtl() else "ltr"
    return (
        f"<h3 dir='{direction}'>{TITLE}</h3><p dir='{direction}'>{html.escape(version)}</p>"
        f"<p dir='{direction}'>"
        + html.escape(
            unbroken_product_name(
                _(
                    "tr-journal keeps an encrypted record of calls and messages from officials of "
                    "a foreign state, and exports signed evidence for a lawyer. It never connects "
                    "to the network."
                )
            )
        )
        + "</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, _("About tr-journal"), about_text())
