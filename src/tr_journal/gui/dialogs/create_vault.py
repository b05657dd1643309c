"""First run: choose a passphrase (typed twice, with a strength meter), then see the recovery key.

The recovery key is shown exactly once, on the second page: the person prints it or writes it
down and ticks a box before the journal opens, because without it a forgotten passphrase means
the journal is gone. Strength comes from zxcvbn (dictionary words, names, dates, keyboard walks),
and its reasons are shown so a weak choice can be fixed rather than just refused.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tr_journal.crypto.kdf import KdfParams
from tr_journal.errors import N_
from tr_journal.gui import palette
from tr_journal.gui.errors import show_error
from tr_journal.gui.tasks import TaskRunner
from tr_journal.i18n import _
from tr_journal.passphrase import MIN_SCORE
from tr_journal.passphrase import strength as passphrase_strength
from tr_journal.vault import Vault

_SCORE_WORDS = (N_("Very weak"), N_("Weak"), N_("Fair"), N_("Strong"), N_("Very strong"))


class CreateVaultScreen(QWidget):
    """Emits :attr:`created` with the open :class:`Vault` once the recovery key is confirmed."""

    continue_button: QPushButton  # made after the checkbox whose signal enables it

    created = Signal(object)

    def __init__(
        self,
        vault_dir: Path,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        kdf: KdfParams | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault_dir = Path(vault_dir)
        self.tasks = tasks
        self.kdf = kdf
        self.vault: Vault | None = None
        self.recovery_key = ""
        self.pages = QStackedWidget()
        self.pages.addWidget(self._passphrase_page())
        self.pages.addWidget(self._recovery_page())
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.pages, 3)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)
        self.retranslate()
        self._update_strength()

    # -- page 1: passphrase ----------------------------------------------------------------
    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        page.setMinimumWidth(560)
        page.setMaximumWidth(640)
        self.title = QLabel()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._update_strength)
        self.second.returnPressed.connect(self.submit)
        self.first_label, self.second_label = QLabel(), QLabel()
        self.first_label.setBuddy(self.first)
        self.second_label.setBuddy(self.second)
        self.show_text = QCheckBox()
        self.show_text.toggled.connect(self._toggle_visible)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(10)
        self.strength_word = QLabel()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.mismatch = QLabel()
        self.mismatch.setStyleSheet(palette.PROBLEM_TEXT)
        self.create_button = QPushButton()
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        form = QFormLayout()
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        form.addRow("", self.show_text)
        self.meter_label = QLabel()
        strength = QHBoxLayout()
        strength.addWidget(self.meter, 1)
        strength.addWidget(self.strength_word)
        form.addRow(self.meter_label, strength)
        layout = QVBoxLayout(page)
        for widget in (self.title, self.intro):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.reasons)
        layout.addWidget(self.mismatch)
        layout.addWidget(self.busy)
        layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignRight)
        return page

    def _toggle_visible(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _update_strength(self) -> None:
        score, reasons = passphrase_strength(self.first.text())
        self.meter.setValue(score)
        self.strength_word.setText(_(_SCORE_WORDS[score]) if self.first.text() else "")
        self.meter.setAccessibleDescription(self.strength_word.text())
        colour = palette.STRENGTH[score]
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.reasons.setText("\n".join("• " + _(r) for r in reasons))
        self.reasons.setVisible(bool(reasons))
        both = bool(self.first.text()) and bool(self.second.text())
        matches = self.first.text() == self.second.text()
        self.mismatch.setText(
            _("The two passphrases are not the same.") if both and not matches else ""
        )
        self.create_button.setEnabled(score >= MIN_SCORE and both and matches)

    def submit(self) -> None:
        if not self.create_button.isEnabled():
            return
        passphrase, folder, kdf = self.first.text(), self.vault_dir, self.kdf
        self.busy.show()
        for widget in (self.first, self.second, self.create_button, self.show_text):
            widget.setEnabled(False)

        def job(_progress: object, _cancelled: object) -> tuple[Vault, str]:
            return Vault.create(folder, passphrase, kdf)

        self.tasks.run("create", job, on_done=self._created, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        for widget in (self.first, self.second, self.show_text):
            widget.setEnabled(True)
        self._update_strength()
        show_error(self, error)

    def _created(self, result: tuple[Vault, str]) -> None:
        self.vault, self.recovery_key = result
        self.first.clear()
        self.second.clear()
        self.busy.hide()
        self.key_label.setText(self.recovery_key)
        self.pages.setCurrentIndex(1)
        self.written.setFocus()

    # -- page 2: recovery key --------------------------------------------------------------
    def _recovery_page(self) -> QWidget:
        page = QWidget()
        page.setMinimumWidth(560)
        page.setMaximumWidth(720)
        self.key_title = QLabel()
        self.key_intro = QLabel()
        self.key_intro.setWordWrap(True)
        self.key_label = QLabel()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(14, font.pointSize() + 4))
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setStyleSheet("border: 2px solid #555; padding: 12px; background: #fff;")
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_key)
        self.written = QCheckBox()
        self.written.toggled.connect(lambda on: self.continue_button.setEnabled(on))
        self.continue_button = QPushButton()
        self.continue_button.setEnabled(False)
        self.continue_button.clicked.connect(self.finish)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(page)
        for widget in (self.key_title, self.key_intro, self.key_label, self.written):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        # Tab follows the screen: the box to tick, then the buttons below it, left to right.
        QWidget.setTabOrder(self.written, self.print_button)
        QWidget.setTabOrder(self.print_button, self.continue_button)
        return page

    def print_key(self) -> None:
        """Print (or save as PDF through the print dialog) a sheet with only the key on it."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(self.key_sheet_html())
        document.print_(printer)

    def key_sheet_html(self) -> str:
        return (
            "<h2>"
            + _("tr-journal recovery key")
            + "</h2><p>"
            + _(
                "Keep this sheet somewhere safe, away from the computer. Anyone holding it "
                "can open the journal."
            )
            + "</p><p style='font-family: monospace; "
            "font-size: 20pt; font-weight: bold'>" + self.recovery_key + "</p>"
        )

    def finish(self) -> None:
        if self.vault is None or not self.written.isChecked():
            return
        vault, self.vault = self.vault, None
        self.recovery_key = ""
        self.key_label.clear()
        self.created.emit(vault)

    def retranslate(self) -> None:
        self.title.setText("<h2>" + _("Create your journal") + "</h2>")
        self.intro.setText(
            _(
                "Choose a passphrase: a few unrelated words you can remember and "
                "others cannot guess. It is the only way in, together with the "
                "recovery key you will see next."
            )
        )
        self.first_label.setText(_("&Passphrase:"))
        self.second_label.setText(_("&Again:"))
        self.show_text.setText(_("Show what I type"))
        self.meter_label.setText(_("Strength:"))
        self.create_button.setText(_("Create journal"))
        self.key_title.setText("<h2>" + _("Your recovery key") + "</h2>")
        self.key_intro.setText(
            _(
                "If you forget your passphrase, this key is the only way to "
                "open your journal. Write it down or print it now and keep it "
                "somewhere safe: it will not be shown again."
            )
        )
        self.print_button.setText(_("&Print…"))
        self.written.setText(_("I have written it down or printed it"))
        self.continue_button.setText(_("&Open my journal"))
        for widget, name in (
            (self.first, _("Passphrase")),
            (self.second, _("Passphrase again")),
            (self.meter, _("Passphrase strength")),
            (self.key_label, _("Recovery key")),
            (self.print_button, _("Print the recovery key")),
            (self.written, self.written.text()),
            (self.continue_button, _("Open my journal")),
            (self.create_button, _("Create journal")),
            (self.show_text, self.show_text.text()),
        ):
            widget.setAccessibleName(name)
        self._update_strength()
