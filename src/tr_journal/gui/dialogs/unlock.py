"""The unlock screen: passphrase (or recovery key), Argon2 off the UI thread, one clear message.

It is a page of the main window rather than a modal dialog, so locking is just "show this page"
and nothing behind it stays visible. The key derivation (~0.6 s) runs through the task runner
while a busy bar moves; the fields are disabled meanwhile so a double Enter cannot start two.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tr_journal.errors import WrongPassphrase
from tr_journal.gui import palette
from tr_journal.gui.errors import describe
from tr_journal.gui.tasks import TaskRunner
from tr_journal.i18n import _
from tr_journal.vault import Vault


class UnlockScreen(QWidget):
    """Emits :attr:`unlocked` with the open :class:`Vault`."""

    unlocked = Signal(object)

    def __init__(self, vault_dir: Path, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault_dir = Path(vault_dir)
        self.tasks = tasks
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.returnPressed.connect(self.submit)
        self.secret_label = QLabel()
        self.secret_label.setBuddy(self.secret)
        self.use_recovery = QCheckBox()
        self.use_recovery.toggled.connect(self._mode_changed)
        self.button = QPushButton()
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("errorMessage")
        self.message.setStyleSheet(f"{palette.PROBLEM_TEXT} font-weight: bold;")
        self.message.hide()
        self._build()
        self.retranslate()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.use_recovery)
        box = QWidget()
        box.setMinimumWidth(520)
        box.setMaximumWidth(600)
        inner = QVBoxLayout(box)
        for widget in (self.title, self.hint):
            inner.addWidget(widget)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addWidget(self.busy)
        inner.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(box, 2)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)
        self.setTabOrder(self.secret, self.use_recovery)
        self.setTabOrder(self.use_recovery, self.button)

    def retranslate(self) -> None:
        self.title.setText("<h2>" + _("Unlock your journal") + "</h2>")
        self.hint.setText(_("Your journal is encrypted. Type your passphrase to open it."))
        self.use_recovery.setText(_("Use the recovery key instead"))
        self.button.setText(_("Unlock"))
        self._mode_changed(self.use_recovery.isChecked())
        self.secret.setAccessibleName(self.secret_label.text().replace("&", ""))
        self.use_recovery.setAccessibleName(self.use_recovery.text())
        self.button.setAccessibleName(_("Unlock"))
        self.busy.setAccessibleName(_("Unlocking"))

    def _mode_changed(self, recovery: bool) -> None:
        self.secret_label.setText(_("&Recovery key:") if recovery else _("&Passphrase:"))
        self.secret.setEchoMode(
            QLineEdit.EchoMode.Normal if recovery else QLineEdit.EchoMode.Password
        )
        self.secret.setPlaceholderText("XXXX-XXXX-XXXX-…" if recovery else "")
        self.secret.setAccessibleName(self.secret_label.text().replace("&", ""))

    def reset(self) -> None:
        """Back to an empty field (after a lock): nothing typed before stays in memory here."""
        self.secret.clear()
        self.message.hide()
        self._set_busy(False)
        self.secret.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.secret, self.use_recovery, self.button):
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)

    def submit(self) -> None:
        secret = self.secret.text()
        if not secret or not self.button.isEnabled():
            return
        recovery = self.use_recovery.isChecked()
        self.message.hide()
        self._set_busy(True)
        folder = self.vault_dir

        def job(_progress: object, _cancelled: object) -> Vault:
            if recovery:
                return Vault.open(folder, recovery_key=secret)
            return Vault.open(folder, passphrase=secret)

        self.tasks.run("unlock", job, on_done=self._done, on_error=self._failed)

    def _done(self, vault: Vault) -> None:
        self.secret.clear()
        self._set_busy(False)
        self.unlocked.emit(vault)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, WrongPassphrase) and self.use_recovery.isChecked():
            text = _(
                "This recovery key does not open this vault. Check each group of "
                "characters and try again."
            )
        elif isinstance(error, WrongPassphrase):
            text = _(
                "That passphrase is not correct. Check Caps Lock and the keyboard "
                "language, then try again."
            )
        else:
            text = describe(error)
        self.message.setText(text)
        self.message.show()
        self.secret.selectAll()
        self.secret.setFocus()
