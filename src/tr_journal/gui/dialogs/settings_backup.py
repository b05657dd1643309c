"""Settings tab for backups: make one, or restore one into a NEW folder (never over a journal).

A backup is one encrypted file (:func:`tr_journal.maintenance.backup`), checked before it is put
in place. Restore unpacks into an empty folder the person picks (or a fresh sub-folder of it),
proves the backup opens with the passphrase it was made with, and can then make that folder the
journal opened at the next start. The running journal is never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tr_journal.gui.dialogs.settings_base import SettingsTab
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets import file_dialogs
from tr_journal.i18n import _
from tr_journal.vault import Vault

BACKUP_SUFFIX = ".trjbackup"


def restore_target(chosen: Path, today: dt.date | None = None) -> Path:
    """``chosen`` itself when empty, else a new ``tr-journal-restored-<date>[-n]`` inside it."""
    if not any(chosen.iterdir()):
        return chosen
    stem = f"tr-journal-restored-{(today or dt.date.today()).isoformat()}"
    candidate, n = chosen / stem, 2
    while candidate.exists():
        candidate, n = chosen / f"{stem}-{n}", n + 1
    return candidate


def looks_like_recovery_key(text: str) -> bool:
    from tr_journal.errors import InvalidInput

    try:
        from tr_journal.crypto.recovery import parse_recovery_key

        parse_recovery_key(text)
    except InvalidInput:
        return False
    return True


class BackupTab(SettingsTab):
    def __init__(
        self,
        vault: Vault,
        tasks: TaskRunner,
        use_vault_dir: Callable[[Path], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(vault, tasks, parent)
        self.use_vault_dir = use_vault_dir
        self.restored: Path | None = None
        self.backup_group, self.restore_group = QGroupBox(), QGroupBox()
        self.backup_intro, self.restore_intro = QLabel(), QLabel()
        for label in (self.backup_intro, self.restore_intro):
            label.setWordWrap(True)
        self.backup_button, self.restore_button = QPushButton(), QPushButton()
        self.backup_button.clicked.connect(self.make_backup)
        self.restore_button.clicked.connect(self.restore)
        self.use_button = QPushButton()
        self.use_button.clicked.connect(self._use_restored)
        self.use_button.hide()
        for group, intro, button in (
            (self.backup_group, self.backup_intro, self.backup_button),
            (self.restore_group, self.restore_intro, self.restore_button),
        ):
            box = QVBoxLayout(group)
            box.addWidget(intro)
            box.addWidget(button, alignment=Qt.AlignmentFlag.AlignLeading)
        restore_box = cast(QVBoxLayout, self.restore_group.layout())  # made in the loop above
        restore_box.addWidget(self.use_button, alignment=Qt.AlignmentFlag.AlignLeading)
        layout = QVBoxLayout(self)
        layout.addWidget(self.backup_group)
        layout.addWidget(self.restore_group)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.action_widgets = [self.backup_button, self.restore_button, self.use_button]
        self.retranslate()

    def retranslate(self) -> None:
        self.backup_group.setTitle(_("Backup"))
        self.backup_intro.setText(
            _(
                "Save a copy of the whole journal, attachments included, "
                "as one encrypted file — for example on a USB stick kept "
                "somewhere else. It opens with the passphrase you have "
                "today."
            )
        )
        self.backup_button.setText(_("&Make a backup…"))
        self.restore_group.setTitle(_("Restore"))
        self.restore_intro.setText(
            _(
                "Restore a backup into a new, empty folder. The journal "
                "you have open now is not changed."
            )
        )
        self.restore_button.setText(_("&Restore a backup into a new folder…"))
        self.use_button.setText(_("&Open the restored journal from the next start"))
        for widget in (self.backup_button, self.restore_button, self.use_button):
            widget.setAccessibleName(widget.text().replace("&", "").rstrip("…"))
        self.status.setAccessibleName(_("Status"))

    def make_backup(self) -> None:
        suggested = (
            file_dialogs.documents_dir()
            / f"tr-journal-backup-{dt.date.today().isoformat()}{BACKUP_SUFFIX}"
        )
        path = file_dialogs.save_file(
            self,
            _("Save the backup"),
            suggested,
            _("tr-journal backups (*{suffix})").format(suffix=BACKUP_SUFFIX),
        )
        if path is None:
            return
        vault = self.vault

        def job() -> Path:
            from tr_journal.maintenance import backup

            backup(vault, path)
            return path

        self.run_job(
            "backup",
            job,
            lambda p: self.status.show_text(_("Backup saved to {path}.").format(path=p), ok=True),
        )

    def restore(self) -> None:
        source = file_dialogs.open_file(
            self,
            _("Choose the backup to restore"),
            file_dialogs.documents_dir(),
            _("tr-journal backups (*{suffix});;All files (*)").format(suffix=BACKUP_SUFFIX),
        )
        if source is None:
            return
        folder = file_dialogs.existing_dir(
            self, _("Choose an empty folder for the restored journal"), file_dialogs.documents_dir()
        )
        if folder is None:
            return
        current = self.vault.dir.resolve()
        if folder.resolve() == current or current in folder.resolve().parents:
            self.status.show_text(
                _("Choose a folder outside the journal you have open."), error=True
            )
            return
        passphrase, ok = QInputDialog.getText(
            self,
            _("Passphrase of the backup"),
            _("The passphrase the journal had when this backup was made (or its recovery key):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not passphrase:
            return
        target = restore_target(folder)

        def job() -> Path:
            from tr_journal.errors import WrongPassphrase
            from tr_journal.maintenance import restore

            try:
                restore(source, target, passphrase)
            except WrongPassphrase:
                if not looks_like_recovery_key(passphrase):
                    raise
                restore(source, target, recovery_key=passphrase)
            return target

        self.run_job("restore", job, self._restored)

    def _restored(self, target: Path) -> None:
        self.restored = target
        self.status.show_text(
            _("The backup was restored into {path} and opens with its passphrase.").format(
                path=target
            ),
            ok=True,
        )
        self.use_button.show()
        self.use_button.setFocus()

    def _use_restored(self, *_args: Any) -> None:
        if self.restored is not None:
            self.use_vault_dir(self.restored)
            self.use_button.hide()
