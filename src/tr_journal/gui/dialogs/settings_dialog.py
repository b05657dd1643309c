"""Settings: language, auto-lock, vault location, passphrase, recovery key, key card, backups.

Four tabs (Ctrl+Tab moves between them). Preferences take effect at once and are saved at once in
the small JSON file of :mod:`tr_journal.settings` (never QSettings): a language switch retranslates
every open window through Qt's ``LanguageChange`` event and flips the layout for Uyghur; the
auto-lock delay goes straight to the lock controller. A new vault location is only remembered —
it is used at the next start, so the open journal is never swapped under the person's feet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tr_journal import settings as settings_service
from tr_journal.gui.dialogs.settings_backup import BackupTab
from tr_journal.gui.dialogs.settings_security import KeyCardTab, PassphraseTab
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets import file_dialogs
from tr_journal.gui.widgets.status_line import StatusLine
from tr_journal.i18n import LANGUAGES, _, set_language, system_language
from tr_journal.i18n.format import ltr_isolate
from tr_journal.paths import default_vault_dir
from tr_journal.vault import Vault


def apply_language(code: str | None) -> None:
    """Switch the interface language now: gettext, Qt's own words, locale, direction, fonts,
    then every open window retranslates (:func:`tr_journal.gui.qt_language.switch_language`)."""
    app = QCoreApplication.instance()
    if app is None:
        set_language(code or system_language())
        return
    from tr_journal.gui.qt_language import switch_language

    switch_language(app, code)


def fill_regions(combo: QComboBox, chosen: str | None) -> None:
    """Countries by name in the interface language, with their calling code; first the
    default, which follows the computer's locale."""
    import phonenumbers

    from tr_journal.i18n.format import babel_locale
    from tr_journal.region import region_from_locale

    names = babel_locale().territories
    found = region_from_locale()
    default = (
        _("From the computer's settings ({country})").format(country=names.get(found, found))
        if found
        else _("From the computer's settings (none)")
    )
    items = sorted(
        ((names.get(code, code), code) for code in phonenumbers.SUPPORTED_REGIONS if code != "001"),
        key=lambda item: item[0].casefold(),
    )
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(default, None)
    for name, code in items:
        combo.addItem(f"{name} (+{phonenumbers.country_code_for_region(code)})", code)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)


class GeneralTab(QWidget):
    def __init__(self, dialog: SettingsDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.language = QComboBox()
        self.language.addItem("", None)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(dialog.settings.language)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.autolock = QSpinBox()
        self.autolock.setRange(
            settings_service.MIN_AUTOLOCK_MINUTES, settings_service.MAX_AUTOLOCK_MINUTES
        )
        self.autolock.setValue(dialog.settings.autolock_minutes)
        self.autolock.setMaximumWidth(160)
        self.autolock.valueChanged.connect(self._autolock_changed)
        self.region = QComboBox()
        self.region.currentIndexChanged.connect(self._region_chosen)
        self.lang_label, self.lock_label, self.region_label = QLabel(), QLabel(), QLabel()
        self.lang_label.setBuddy(self.language)
        self.lock_label.setBuddy(self.autolock)
        self.region_label.setBuddy(self.region)
        self.location_group = QGroupBox()
        self.open_now_label, self.next_label = QLabel(), QLabel()
        self.open_now, self.next_start = QLineEdit(str(dialog.vault.dir)), QLineEdit()
        for edit in (self.open_now, self.next_start):
            edit.setReadOnly(True)
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a path, in any language
        self.open_now_label.setBuddy(self.open_now)
        self.next_label.setBuddy(self.next_start)
        self.choose_button, self.default_button = QPushButton(), QPushButton()
        self.choose_button.clicked.connect(self.choose_location)
        self.default_button.clicked.connect(lambda: dialog.set_vault_dir(None))
        self.location_note = QLabel()
        self.location_note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.default_button)
        buttons.addStretch(1)
        location = QFormLayout(self.location_group)
        location.addRow(self.open_now_label, self.open_now)
        location.addRow(self.next_label, self.next_start)
        location.addRow("", buttons)
        location.addRow("", self.location_note)
        form = QFormLayout()
        form.addRow(self.lang_label, self.language)
        form.addRow(self.lock_label, self.autolock)
        form.addRow(self.region_label, self.region)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.location_group)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.language.setItemText(0, _("Same as the computer"))
        self.lang_label.setText(_("Interface &language:"))
        self.lock_label.setText(_("Lock &after this many idle minutes:"))
        self.region_label.setText(_("Ho&me country of phone numbers:"))
        fill_regions(self.region, self.dialog.settings.home_region)
        self.autolock.setSuffix(" " + _("min"))
        self.location_group.setTitle(_("Where the journal is kept"))
        self.open_now_label.setText(_("Open &now:"))
        self.next_label.setText(_("At the next &start:"))
        self.choose_button.setText(_("C&hoose another folder…"))
        self.default_button.setText(_("Use the &default folder"))
        self.location_note.setText(
            _(
                "A new location takes effect the next time tr-journal "
                "starts. Moving the files there is up to you: use a backup "
                "and restore it into the new folder."
            )
        )
        for widget, name in (
            (self.language, _("Interface language")),
            (self.autolock, _("Minutes of inactivity before the journal locks")),
            (self.region, _("Country a number without its country code is read in")),
            (self.open_now, _("Folder of the journal open now")),
            (self.next_start, _("Folder opened at the next start")),
            (self.choose_button, _("Choose another folder")),
            (self.default_button, _("Use the default folder")),
        ):
            widget.setAccessibleName(name)
        self.show_next_start()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_next_start(self) -> None:
        chosen = self.dialog.settings.vault_dir
        self.next_start.setText(chosen or str(default_vault_dir()) + "  " + _("(default)"))

    def _language_chosen(self, _index: int) -> None:
        self.dialog.set_language(self.language.currentData())

    def _region_chosen(self, _index: int) -> None:
        if not self.region.signalsBlocked():
            self.dialog.set_home_region(self.region.currentData())

    def _autolock_changed(self, minutes: int) -> None:
        self.dialog.set_autolock(minutes)

    def choose_location(self) -> None:
        path = file_dialogs.existing_dir(
            self, _("Choose the folder of the journal"), self.dialog.vault.dir.parent
        )
        if path is not None:
            self.dialog.set_vault_dir(path)


class SettingsDialog(QDialog):
    def __init__(
        self, vault: Vault, tasks: TaskRunner, lock_controller: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vault, self.tasks, self.lock_controller = vault, tasks, lock_controller
        self.settings = settings_service.load_settings()
        self.tabs = QTabWidget()
        self.general = GeneralTab(self)
        self.passphrase = PassphraseTab(vault, tasks)
        self.key_card = KeyCardTab(vault, tasks)
        self.backup = BackupTab(vault, tasks, self.set_vault_dir)
        for tab in (self.general, self.passphrase, self.key_card, self.backup):
            self.tabs.addTab(tab, "")
        self.status = StatusLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(760, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Settings"))
        for index, title in enumerate(
            (
                _("&General"),
                _("&Passphrase and recovery key"),
                _("Signing &key"),
                _("&Backup and restore"),
            )
        ):
            self.tabs.setTabText(index, title)
        self.tabs.setAccessibleName(_("Settings sections"))
        self.status.setAccessibleName(_("Status"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- preferences: applied and saved at once ---------------------------------------------
    def _save(self) -> bool:
        try:
            settings_service.save_settings(self.settings)
        except Exception as exc:  # a full disk must not lose the dialog; say it in one line
            self.status.show_error(exc)
            return False
        self.status.clear_text()
        return True

    def set_language(self, code: str | None) -> None:
        self.settings.language = code
        self._save()
        apply_language(code)

    def set_home_region(self, code: str | None) -> None:
        """National numbers saved from now on are read in this country (docs/patterns.md)."""
        self.settings.home_region = code
        self._save()

    def set_autolock(self, minutes: int) -> None:
        self.settings.autolock_minutes = settings_service.clamp_autolock(minutes)
        if self.lock_controller is not None:
            self.lock_controller.set_timeout_minutes(self.settings.autolock_minutes)
        self._save()

    def set_vault_dir(self, path: Path | None) -> None:
        self.settings.vault_dir = str(path) if path is not None else None
        if self._save():
            self.status.show_text(
                _("The journal in {path} will be opened at the next start.").format(
                    path=ltr_isolate(str(path or default_vault_dir()))
                ),
                ok=True,
            )
        self.general.show_next_start()

    def done(self, result: int) -> None:
        """Closing (by the person, or by the app when it locks) also removes a recovery key
        still on screen; running jobs finish on the worker."""
        if self.passphrase.key_dialog is not None:
            self.passphrase.key_dialog.force_close()
        super().done(result)
