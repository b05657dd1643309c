"""Show a freshly made recovery key once: big, selectable, printable, and confirmed.

The dialog cannot be dismissed until the person ticks "I have written it down or printed it":
that confirmation is what retires the previous recovery key (the new one waits *pending* beside
it until then, docs/vault-format.md), so a key nobody saw never replaces one somebody has.
The key is wiped from the widgets when it closes.
Used by the settings dialog ("new recovery key"); the create screen shows its own page.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tr_journal.i18n import _


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.title, self.intro = QLabel(), QLabel()
        self.intro.setWordWrap(True)
        self.key_label = QLabel(recovery_key)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(14, font.pointSize() + 4))
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_label.setStyleSheet(
            "border: 2px solid #555; padding: 12px; background: #fff; color: #000;"
        )
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_key)
        self.written = QCheckBox()
        self.written.toggled.connect(self._confirmed)
        self.done_button = QPushButton()
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.intro, self.key_label, self.written):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        # Tab follows the screen: the key, the box to tick, then the buttons below.
        QWidget.setTabOrder(self.key_label, self.written)
        QWidget.setTabOrder(self.written, self.print_button)
        QWidget.setTabOrder(self.print_button, self.done_button)
        self.print_button.setAutoDefault(False)
        self.retranslate()
        self.setMinimumWidth(640)

    def showEvent(self, event: QShowEvent) -> None:
        """Focus starts on the box to tick (a dialog would otherwise give it to a button)."""
        super().showEvent(event)
        self.written.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New recovery key"))
        self.title.setText("<h2>" + html.escape(_("Your new recovery key")) + "</h2>")
        self.intro.setText(
            _(
                "If you forget your passphrase, this key is the only way to open "
                "your journal. Write it down or print it now and keep it somewhere "
                "safe, away from the computer: it will not be shown again. The old "
                "recovery key stops working when you confirm below."
            )
        )
        self.print_button.setText(_("&Print…"))
        self.written.setText(_("I have &written it down or printed it"))
        self.done_button.setText(_("&Done"))
        for widget, name in (
            (self.key_label, _("Recovery key")),
            (self.print_button, _("Print the recovery key")),
            (self.written, _("I have written it down or printed it")),
            (self.done_button, _("Done")),
        ):
            widget.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _confirmed(self, on: bool) -> None:
        self.done_button.setEnabled(on)
        self.done_button.setDefault(on)

    def key_sheet_html(self) -> str:
        return (
            "<h2>"
            + html.escape(_("tr-journal recovery key"))
            + "</h2><p>"
            + html.escape(
                _(
                    "Keep this sheet somewhere safe, away from the computer. Anyone "
                    "holding it can open the journal."
                )
            )
            + "</p><p style='font-family:"
            " monospace; font-size: 20pt; font-weight: bold'>"
            + html.escape(self.recovery_key)
            + "</p>"
        )

    def print_key(self) -> None:
        """Print through Qt's own print dialog (a printer, or "print to file" as PDF)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPagedPaintDevice) -> None:
        document = QTextDocument()
        document.setHtml(self.key_sheet_html())
        document.print_(printer)

    def reject(self) -> None:
        """Escape or the close button only work once the key was confirmed."""
        if self.written.isChecked():
            self.done(QDialog.DialogCode.Accepted)

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button waits for the confirmation; a close from the app (the
        journal locking) always wins, so the key never stays on screen over a locked app."""
        if event.spontaneous() and not self.written.isChecked():
            event.ignore()
            return
        self.force_close()
        event.accept()

    def force_close(self) -> None:
        self.done(QDialog.DialogCode.Rejected)

    def done(self, result: int) -> None:
        self.key_label.clear()
        self.recovery_key = ""
        super().done(result)
