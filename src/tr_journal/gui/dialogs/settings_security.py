"""Settings tabs for the keys: change the passphrase, make a new recovery key, the key card.

Changing the passphrase first proves the current one by unwrapping the vault header's passphrase
slot on the worker (the same Argon2id derivation as unlocking, without opening a second
database connection or re-running the integrity check on a large vault), then rewrites only the
header (docs/vault-format.md). A new recovery key is written *pending* beside the old one and
shown once, in a dialog that cannot be closed until the person confirms they wrote it down; only
that confirmation removes the old key (closed any other way, e.g. by the auto-lock, the old key
stays and the pending one is dropped at the next unlock). The key card is a one-page PDF with
the fingerprint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tr_journal.gui import palette
from tr_journal.gui.dialogs.settings_base import SettingsTab
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets import file_dialogs
from tr_journal.gui.widgets.passphrase_strength import PassphraseStrengthMeter
from tr_journal.gui.widgets.recovery_key_view import RecoveryKeyDialog
from tr_journal.i18n import _
from tr_journal.vault import PASSWD_NOTE, Vault


def check_current_passphrase(vault: Vault, passphrase: str) -> None:
    """Raise WrongPassphrase unless ``passphrase`` unwraps the vault's passphrase slot."""
    from tr_journal.crypto.keyslots import read_header

    read_header(vault.dir).unlock("passphrase", passphrase.encode("utf-8"))


class PassphraseTab(SettingsTab):
    def __init__(self, vault: Vault, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(vault, tasks, parent)
        self.key_dialog: RecoveryKeyDialog | None = None
        self.group = QGroupBox()
        self.current, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.current, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._update)
        self.again.returnPressed.connect(self.change_passphrase)
        self.labels = [QLabel(), QLabel(), QLabel(), QLabel()]
        for label, buddy in zip(self.labels, (self.current, self.new, self.again), strict=False):
            label.setBuddy(buddy)
        self.show_text = QCheckBox()
        self.show_text.toggled.connect(self._toggle_visible)
        self.meter = PassphraseStrengthMeter()
        self.mismatch = QLabel()
        self.mismatch.setStyleSheet(palette.PROBLEM_TEXT)
        self.change_button = QPushButton()
        self.change_button.clicked.connect(self.change_passphrase)
        form = QFormLayout(self.group)
        form.addRow(self.labels[0], self.current)
        form.addRow(self.labels[1], self.new)
        form.addRow(self.labels[2], self.again)
        form.addRow("", self.show_text)
        form.addRow(self.labels[3], self.meter)
        form.addRow("", self.mismatch)
        button_row = QHBoxLayout()
        button_row.addWidget(self.change_button)
        button_row.addStretch(1)
        form.addRow("", button_row)
        self.recovery_group = QGroupBox()
        self.recovery_intro = QLabel()
        self.recovery_intro.setWordWrap(True)
        self.recovery_button = QPushButton()
        self.recovery_button.clicked.connect(self.new_recovery_key)
        box = QVBoxLayout(self.recovery_group)
        box.addWidget(self.recovery_intro)
        box.addWidget(self.recovery_button, alignment=Qt.AlignmentFlag.AlignLeading)
        layout = QVBoxLayout(self)
        layout.addWidget(self.group)
        layout.addWidget(self.recovery_group)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.action_widgets = [
            self.current,
            self.new,
            self.again,
            self.show_text,
            self.change_button,
            self.recovery_button,
        ]
        self.retranslate()

    def retranslate(self) -> None:
        self.group.setTitle(_("Change the passphrase"))
        for label, text in zip(
            self.labels,
            (
                _("&Current passphrase:"),
                _("&New passphrase:"),
                _("New passphrase &again:"),
                _("Strength:"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.show_text.setText(_("&Show what I type"))
        self.change_button.setText(_("C&hange passphrase"))
        self.recovery_group.setTitle(_("Recovery key"))
        self.recovery_intro.setText(
            _(
                "Lost the sheet with your recovery key, or think someone "
                "saw it? Make a new one: the old one stops working once "
                "you confirm you have written down the new one."
            )
        )
        self.recovery_button.setText(_("Make a new &recovery key…"))
        for widget, name in (
            (self.current, _("Current passphrase")),
            (self.new, _("New passphrase")),
            (self.again, _("New passphrase again")),
            (self.show_text, _("Show what I type")),
            (self.change_button, _("Change passphrase")),
            (self.recovery_button, _("Make a new recovery key")),
            (self.status, _("Status")),
        ):
            widget.setAccessibleName(name)
        self.meter.retranslate()
        self._update()

    def _toggle_visible(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        for edit in (self.current, self.new, self.again):
            edit.setEchoMode(mode)

    def _update(self) -> None:
        self.meter.set_passphrase(self.new.text())
        both = bool(self.new.text()) and bool(self.again.text())
        same = self.new.text() == self.again.text()
        self.mismatch.setText(
            _("The two new passphrases are not the same.") if both and not same else ""
        )
        self.mismatch.setVisible(bool(self.mismatch.text()))
        ready = bool(self.current.text()) and both and same and self.meter.acceptable()
        self.change_button.setEnabled(ready and self.task is None)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if not busy:
            self._update()

    def change_passphrase(self) -> None:
        self._update()
        if not self.change_button.isEnabled():
            return
        vault, current, new = self.vault, self.current.text(), self.new.text()

        def job() -> None:
            check_current_passphrase(vault, current)
            vault.change_passphrase(new)

        self.run_job("change-passphrase", job, self._changed, self._change_failed)

    def _changed(self, _result: Any) -> None:
        for edit in (self.current, self.new, self.again):
            edit.clear()
        self.status.show_text(
            _(
                "Passphrase changed. Use the new one from now on; the old one "
                "no longer opens the journal."
            )
            + " "
            + _(PASSWD_NOTE),
            ok=True,
        )

    def _change_failed(self, _error: BaseException) -> None:
        self.current.selectAll()
        self.current.setFocus()

    def new_recovery_key(self) -> None:
        answer = QMessageBox.question(
            self,
            _("New recovery key"),
            _(
                "Make a new recovery key? It is shown only once; the old one stops working when "
                "you confirm you have written down the new one."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        vault = self.vault
        self.run_job("recovery-key", vault.begin_new_recovery_key, self._show_key)

    def _show_key(self, key: str) -> None:
        self.key_dialog = RecoveryKeyDialog(key, self)
        self.key_dialog.finished.connect(self._key_dialog_closed)
        self.key_dialog.open()

    def _key_dialog_closed(self, result: int) -> None:
        """Only the person's confirmation removes the old key. Any other close (the journal
        locking) leaves the pending slot to be dropped at the next unlock: no header write
        races the lock."""
        self.key_dialog = None
        if result == QDialog.DialogCode.Accepted and self.vault.is_open:
            self.run_job(
                "recovery-key-confirm", self.vault.confirm_new_recovery_key, self._key_confirmed
            )

    def _key_confirmed(self, _result: Any) -> None:
        self.status.show_text(
            _("The new recovery key is in place; the old one no longer works."), ok=True
        )


class KeyCardTab(SettingsTab):
    """The signing key's fingerprint, and a printable key card (PDF) to give the lawyer."""

    def __init__(self, vault: Vault, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(vault, tasks, parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.fingerprint = QLineEdit()
        self.fingerprint.setReadOnly(True)
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.fp_label = QLabel()
        self.fp_label.setBuddy(self.fingerprint)
        self.card_button = QPushButton()
        self.card_button.clicked.connect(self.save_card)
        row = QHBoxLayout()
        row.addWidget(self.fp_label)
        row.addWidget(self.fingerprint, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.card_button, alignment=Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.action_widgets = [self.card_button]
        self.retranslate()
        self.run_job("fingerprint", vault.fingerprint, self.fingerprint.setText)

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Every evidence bundle you export is signed with this journal's "
                "key. Give your lawyer the key card in person: the fingerprint on "
                "it is how they know a bundle really comes from you."
            )
        )
        self.fp_label.setText(_("&Fingerprint:"))
        self.card_button.setText(_("Save the key &card (PDF)…"))
        self.fingerprint.setAccessibleName(_("Signing key fingerprint"))
        self.card_button.setAccessibleName(_("Save the key card as PDF"))
        self.status.setAccessibleName(_("Status"))

    def save_card(self) -> None:
        path = file_dialogs.save_file(
            self,
            _("Save the key card"),
            file_dialogs.documents_dir() / "tr-journal-key-card.pdf",
            _("PDF documents (*.pdf)"),
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        vault = self.vault

        def job() -> Path:
            from tr_journal.evidence.keycard import write_key_card

            write_key_card(vault.public_key(), path)
            return path

        self.run_job("key-card", job, self._saved)

    def _saved(self, path: Path) -> None:
        self.status.show_text(
            _("Key card saved to {path}. Print it and give it to your lawyer in person.").format(
                path=path
            ),
            ok=True,
        )
