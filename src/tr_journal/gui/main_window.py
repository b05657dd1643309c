"""The main window: create/unlock pages, then the journal (timeline | entry detail or form).

Everything readable lives on the journal page; locking swaps it for the unlock page after
closing the vault and clearing every view, so nothing of the journal stays on screen or in the
title. Dialogs owned by other modules (export, verify, settings) are imported lazily: an action
whose module is not there yet is hidden rather than broken.

Public interface used by the dialogs: :attr:`MainWindow.vault`, :attr:`MainWindow.tasks`,
:attr:`MainWindow.lock_controller`, the menus ``menu_file``/``menu_entry``/``menu_tools``/
``menu_help``.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPixmapCache
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from tr_journal.crypto.kdf import KdfParams
from tr_journal.gui.dialogs.create_vault import CreateVaultScreen
from tr_journal.gui.dialogs.unlock import UnlockScreen
from tr_journal.gui.errors import show_error
from tr_journal.gui.lock import LockController
from tr_journal.gui.qt_language import key_text
from tr_journal.gui.shortcut_keeper import WindowShortcutKeeper
from tr_journal.gui.tasks import TaskRunner
from tr_journal.i18n import _, is_rtl
from tr_journal.vault import Vault, vault_exists

if TYPE_CHECKING:
    from tr_journal.gui.widgets.entry_detail import EntryDetail
    from tr_journal.gui.widgets.entry_form import EntryForm
    from tr_journal.gui.widgets.timeline import TimelineWidget

log = logging.getLogger(__name__)
NEUTRAL_TITLE = "tr-journal"
#: "(&N)" or "（&N）" after a Chinese or Uyghur menu text
MNEMONIC_SUFFIX = re.compile(r"\s*[(（]&\w[)）]")
#: (attribute, module, menu, shortcut) of actions provided by other modules
_OPTIONAL_DIALOGS = (
    ("action_export", "tr_journal.gui.dialogs.export_wizard", "menu_file", "Ctrl+E"),
    ("action_verify", "tr_journal.gui.dialogs.verify_dialog", "menu_tools", ""),
    ("action_settings", "tr_journal.gui.dialogs.settings_dialog", "menu_tools", "Ctrl+,"),
    ("action_stamps", "tr_journal.gui.dialogs.stamps_dialog", "menu_tools", ""),
    ("action_import", "tr_journal.gui.dialogs.import_dialog", "menu_file", ""),
)


def fit_menu_width(menu: QMenu) -> None:
    """Widen ``menu`` by the width of its Alt-letter marks.

    Qt sizes an item by its text without the "&", but for Arabic and Chinese script the style
    then elides any text narrower than the text with it ("ئادۋوكات ئۈچ…چىقىرىش"). The widest
    "&" of the font on each side of the item is enough room."""
    menu.setMinimumWidth(0)
    QApplication.sendEvent(menu, QEvent(QEvent.Type.FontChange))  # items measured anew
    menu.setMinimumWidth(menu.sizeHint().width() + 2 * menu.fontMetrics().horizontalAdvance("&"))
    QApplication.sendEvent(menu, QEvent(QEvent.Type.FontChange))  # items take the new width


def module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def button_text(text: str) -> str:
    """A menu text without its mnemonic, for the toolbar.

    Qt strips "&" and "…" from an action's text for its toolbar button, but Chinese and Uyghur
    menus write the mnemonic as a trailing "(&N)", which Qt would show as "(N)".
    """
    return MNEMONIC_SUFFIX.sub("", text).replace("&", "").rstrip("….").strip()


class MainWindow(QMainWindow):
    """The single window of the app."""

    # made from _OPTIONAL_DIALOGS by name (setattr), declared here for the checker
    action_export: QAction
    action_verify: QAction
    action_settings: QAction
    action_stamps: QAction
    action_import: QAction

    def __init__(
        self, vault_dir: Path, kdf: KdfParams | None = None, tasks: TaskRunner | None = None
    ) -> None:
        super().__init__()
        self.vault_dir = Path(vault_dir)
        self.vault: Vault | None = None
        self.tasks = tasks or TaskRunner(self)
        #: its own thread: the daily full check must not queue the timeline behind it
        self.background_tasks = TaskRunner(self)
        self.lock_controller = LockController(self)
        self.lock_controller.lock_requested.connect(self.lock)
        self.setWindowTitle(NEUTRAL_TITLE)
        self._fit_to_screen(1366, 768)
        self.kdf = kdf
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        # Pages are built when first needed: start-up shows one small page quickly
        # (bench/README.md).
        self.create_screen: CreateVaultScreen | None = None
        self.unlock_screen: UnlockScreen | None = None
        self.timeline: TimelineWidget | None = None
        self.detail: EntryDetail | None = None
        self.form: EntryForm | None = None
        self._pending_files: tuple[str, list[Path]] | None = None  # saved entry id, paths
        self._build_actions()
        self.retranslate()
        self.show_start_page()

    def _ensure_start_screens(self) -> None:
        if vault_exists(self.vault_dir) and self.unlock_screen is None:
            self.unlock_screen = UnlockScreen(self.vault_dir, self.tasks)
            self.unlock_screen.unlocked.connect(self.open_vault)
            self.pages.addWidget(self.unlock_screen)
        elif not vault_exists(self.vault_dir) and self.create_screen is None:
            self.create_screen = CreateVaultScreen(self.vault_dir, self.tasks, kdf=self.kdf)
            self.create_screen.created.connect(self.open_vault)
            self.pages.addWidget(self.create_screen)

    def _ensure_journal(self) -> None:
        """Timeline, detail and form: built at the first unlock (their imports are heavy)."""
        if self.timeline is not None:
            return
        from tr_journal.gui.widgets.entry_detail import EntryDetail
        from tr_journal.gui.widgets.entry_form import EntryForm
        from tr_journal.gui.widgets.timeline import TimelineWidget

        self.timeline = TimelineWidget(self.tasks)
        self.detail = EntryDetail(self.tasks)
        self.form = EntryForm(self.tasks)
        from tr_journal.gui.widgets.text_direction import align_by_text

        align_by_text(self.form.narrative)  # Uyghur notes on the right, in every interface
        self.right = QStackedWidget()
        self.right.addWidget(self.detail)
        self.right.addWidget(self.form)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([600, 766])
        self.pages.addWidget(self.splitter)
        self.timeline.entry_selected.connect(self.show_entry)
        self.detail.edit_requested.connect(self.edit_entry)
        self.detail.new_requested.connect(self.new_entry)
        self.detail.changed.connect(self.timeline.refresh)
        self.form.saved.connect(self._entry_saved)
        self.detail.attachments.listed.connect(self._import_pending_files)
        self.form.cancelled.connect(self._form_cancelled)

    def _views(
        self,
    ) -> list[CreateVaultScreen | UnlockScreen | TimelineWidget | EntryDetail | EntryForm]:
        return [
            v
            for v in (self.create_screen, self.unlock_screen, self.timeline, self.detail, self.form)
            if v is not None
        ]

    def _journal(self) -> tuple[TimelineWidget, EntryDetail, EntryForm]:
        """The journal's views, which exist from the first unlock on (:meth:`_ensure_journal`)."""
        assert self.timeline is not None and self.detail is not None and self.form is not None
        return self.timeline, self.detail, self.form

    # -- actions and menus -----------------------------------------------------------------
    def _action(self, shortcut: str | QKeySequence.StandardKey | None, slot: object) -> QAction:
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.action_new = self._action("Ctrl+N", self.new_entry)
        self.action_save = self._action("Ctrl+S", self._save)
        self.action_edit = self._action("Ctrl+Shift+E", self._edit_current)
        self.action_lock = self._action("Ctrl+L", lambda: self.lock_controller.lock_now())
        self.action_quit = self._action(QKeySequence.StandardKey.Quit, self.close)
        self.action_about = self._action(None, self.about)
        self.action_shortcuts = self._action("F1", self.show_shortcuts)
        self.action_patterns = self._action("Ctrl+Shift+P", self.show_patterns)
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_entry = bar.addMenu("")
        self.menu_tools = bar.addMenu("")
        self.menu_help = bar.addMenu("")
        self.menu_entry.addActions([self.action_new, self.action_edit, self.action_save])
        self.menu_tools.addAction(self.action_patterns)
        for attr, module, menu, shortcut in _OPTIONAL_DIALOGS:
            action = self._action(shortcut, lambda _c=False, m=module: self.open_dialog(m))
            action.setVisible(module_available(module))
            setattr(self, attr, action)
            getattr(self, menu).addAction(action)
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.action_lock, self.action_quit])
        self.menu_help.addActions([self.action_shortcuts, self.action_about])
        self.toolbar = self.addToolBar("main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([self.action_new, self.action_lock])
        # Ctrl+E (export) must work from the search field and the entry's fields too (Linux)
        self.shortcut_keeper = WindowShortcutKeeper(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.shortcut_keeper)

    def retranslate(self) -> None:
        """Re-set every visible text (language change)."""
        self.menu_file.setTitle(_("&File"))
        self.menu_entry.setTitle(_("&Entry"))
        self.menu_tools.setTitle(_("&Tools"))
        self.menu_help.setTitle(_("&Help"))
        texts = {
            "action_new": _("&New entry"),
            "action_save": _("&Save entry"),
            "action_edit": _("&Edit entry"),
            "action_lock": _("&Lock now"),
            "action_quit": _("&Quit"),
            "action_about": _("&About tr-journal"),
            "action_shortcuts": _("&Keyboard shortcuts"),
            "action_export": _("&Export for a lawyer…"),
            "action_verify": _("&Verify a bundle…"),
            "action_settings": _("&Settings…"),
            "action_patterns": _("&Patterns…"),
            "action_stamps": _("&Time stamps…"),
            "action_import": _("&Import from a phone…"),
        }
        for attr, text in texts.items():
            action = getattr(self, attr)
            # The key written by us, isolated left to right: Qt's own would read ",+Ctrl" in
            # a right-to-left menu.
            keys = "" if action.shortcut().isEmpty() else "\t" + key_text(action.shortcut())
            action.setText(text + keys)
            action.setIconText(button_text(text))
        self.action_lock.setToolTip(_("Lock the journal now (Ctrl+L)"))
        self.action_new.setToolTip(_("Log a new call or message (Ctrl+N)"))
        self.toolbar.setWindowTitle(_("Main toolbar"))
        self.toolbar.setAccessibleName(_("Main toolbar"))
        for menu in (self.menu_file, self.menu_entry, self.menu_tools, self.menu_help):
            fit_menu_width(menu)
        for child in self._views():
            child.retranslate()
        for widget in self.findChildren(QWidget):  # open dialogs of other modules
            if widget.isWindow() and hasattr(widget, "retranslate"):
                widget.retranslate()
        QGuiApplication.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if is_rtl() else Qt.LayoutDirection.LeftToRight
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _set_journal_actions(self, enabled: bool) -> None:
        for attr in (
            "action_new",
            "action_save",
            "action_edit",
            "action_lock",
            "action_export",
            "action_settings",
            "action_patterns",
            "action_stamps",
            "action_import",
        ):
            getattr(self, attr).setEnabled(enabled)

    # -- pages -----------------------------------------------------------------------------
    def show_start_page(self) -> None:
        self.setWindowTitle(NEUTRAL_TITLE)
        self._set_journal_actions(False)
        self._ensure_start_screens()
        if vault_exists(self.vault_dir):
            unlock = self.unlock_screen
            assert unlock is not None  # made by _ensure_start_screens
            unlock.reset()
            self.pages.setCurrentWidget(unlock)
            unlock.secret.setFocus()
        else:
            create = self.create_screen
            assert create is not None  # made by _ensure_start_screens
            self.pages.setCurrentWidget(create)
            create.first.setFocus()

    def open_vault(self, vault: Vault) -> None:
        self._ensure_journal()
        timeline, detail, form = self._journal()
        self.vault = vault
        for view in (timeline, detail, form):
            view.set_vault(vault)
        self.pages.setCurrentWidget(self.splitter)
        self._set_journal_actions(True)
        self.lock_controller.arm()
        timeline.refresh()
        self._start_integrity_check(vault)
        if vault.shown_recovery_key_dropped:
            self._show_notice(
                _(
                    "A change of recovery key was interrupted: if it showed you a "
                    "new key, that key does not work; your previous recovery key "
                    "still does. If you no longer have it, make a new one in "
                    "Settings (Security)."
                )
            )
        if not vault.has_recovery_key:
            self._show_notice(
                _(
                    "This vault has no working recovery key: a re-encryption was "
                    "interrupted before its new key was shown. Make a new one in "
                    "Settings (Security)."
                )
            )
        if form.restore_draft():
            self.right.setCurrentWidget(form)
            form.focus_first()
        else:
            self.right.setCurrentWidget(detail)
            timeline.search.setFocus()

    def _start_integrity_check(self, vault: Vault) -> None:
        from tr_journal.gui.integrity_check import start_if_due

        try:
            start_if_due(vault, self.background_tasks, self._integrity_problems)
        except Exception as exc:  # a page unreadable at once: say so, the journal stays open
            show_error(self, exc)

    def _integrity_problems(self, _report: object) -> None:
        self._show_notice(
            _(
                "The daily check of the vault found damage. Make a copy of the "
                "vault folder now; `tr-journal check` lists what is damaged."
            )
        )

    def _fit_to_screen(self, width: int, height: int) -> None:
        """Start at the designed size, but never larger than the screen's free area (a
        right-to-left menu bar would otherwise start off-screen on a 1280-wide display)."""
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, area.width()), min(height, area.height())
        self.resize(width, height)

    def _show_notice(self, text: str) -> None:
        """A warning that does not block the event loop (the window stays usable)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, NEUTRAL_TITLE, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def new_entry(self) -> None:
        if self.vault is None:
            return
        form = self._journal()[2]
        if not (form.public_id is None and form.unsaved):
            form.new_entry()  # else: back to the unsaved new entry, never wipe it
        self.right.setCurrentWidget(form)
        form.focus_first()

    def edit_entry(self, public_id: str) -> None:
        if self.vault is None:
            return
        form = self._journal()[2]
        form.edit_entry(public_id)
        self.right.setCurrentWidget(form)
        form.focus_first()

    def _save(self) -> None:
        if self.form is not None:
            self.form.save()

    def _edit_current(self) -> None:
        public_id = self._journal()[1].public_id
        if public_id:
            self.edit_entry(public_id)

    def show_entry(self, public_id: str) -> None:
        _timeline, detail, form = self._journal()
        if public_id == detail.public_id and self.right.currentWidget() is detail:
            return  # a timeline reload re-selected it: keep the player and the file chosen
        if self.right.currentWidget() is form and form.is_dirty():
            form.save_draft()
        detail.show_entry(public_id)
        self.right.setCurrentWidget(detail)

    def _entry_saved(self, public_id: str) -> None:
        timeline, detail, form = self._journal()
        paths = form.pending.take()
        self._pending_files = (public_id, paths) if paths else None
        timeline.refresh(select=public_id)
        detail.show_entry(public_id)
        self.right.setCurrentWidget(detail)
        timeline.table.setFocus()  # keyboard users land on the list, the entry selected

    def _import_pending_files(self) -> None:
        """Files queued with "Save and attach files…" go in once the saved entry is shown."""
        detail = self._journal()[1]
        panel = detail.attachments
        pending = self._pending_files
        if pending is None or panel.entry_id != pending[0] or panel.task is not None:
            return
        self._pending_files = None
        detail.tabs.setCurrentWidget(panel)
        panel.import_sources(list(pending[1]))

    def _form_cancelled(self) -> None:
        timeline, detail, _form = self._journal()
        self.right.setCurrentWidget(detail)
        timeline.table.setFocus()

    def open_dialog(self, module_name: str) -> None:
        """Open a dialog from another module, imported only now (keeps start-up fast)."""
        try:
            module = importlib.import_module(module_name)
            if module_name.endswith("export_wizard"):
                dialog = module.ExportWizard(
                    self.vault, self.tasks, self, preselected_ids=self._journal()[0].selected_ids()
                )
            elif module_name.endswith("verify_dialog"):
                dialog = module.VerifyDialog(self.tasks, self)
            elif module_name.endswith("stamps_dialog"):
                dialog = module.StampsDialog(self.vault, self.tasks, self)
            elif module_name.endswith("import_dialog"):
                dialog = module.ImportDialog(self.vault, self.tasks, self)
                timeline = self._journal()[0]
                dialog.finished.connect(lambda _r: timeline.refresh())
            else:
                dialog = module.SettingsDialog(self.vault, self.tasks, self.lock_controller, self)
        except Exception as exc:
            show_error(self, exc)
            return
        dialog.exec()

    def show_patterns(self) -> None:
        """The patterns window (callers, over time, demand × threat), counted off the UI thread;
        an entry chosen there is shown in the journal."""
        if self.vault is None:
            return
        from tr_journal.gui.widgets.patterns_view import PatternsWindow

        window = self.findChild(PatternsWindow)
        if window is None:
            window = PatternsWindow(self.vault, self.tasks, self)
            window.entry_requested.connect(self._show_from_patterns)
            window.reload()
        window.show()
        window.raise_()
        window.activateWindow()

    def _show_from_patterns(self, public_id: str) -> None:
        self.show_entry(public_id)
        self.raise_()
        self.activateWindow()

    def about(self) -> None:
        from tr_journal.gui.dialogs.help_dialogs import show_about

        show_about(self)

    def shortcuts_dialog(self) -> QDialog:
        """The list of keyboard shortcuts, made from the window's own actions."""
        from tr_journal.gui.dialogs.help_dialogs import ShortcutsDialog

        actions = [
            self.action_new,
            self.action_edit,
            self.action_save,
            self.action_export,
            self.action_settings,
            self.action_patterns,
            self.action_lock,
            self.action_quit,
            self.action_shortcuts,
        ]
        return ShortcutsDialog(actions, self)

    def show_shortcuts(self) -> None:
        self.shortcuts_dialog().exec()

    # -- locking ---------------------------------------------------------------------------
    def lock(self, reason: str = "manual") -> None:
        """Close the vault, drop the key, clear every view, show the unlock page."""
        if self.vault is None or self.form is None:
            return
        self.lock_controller.disarm()
        self._pending_files = None
        self.tasks.cancel_all()
        self.background_tasks.cancel_all()
        self.tasks.wait_all()
        self.background_tasks.wait_all()
        try:
            self.form.save_draft(synchronous=True)
        except Exception as exc:  # locking must happen even if the draft cannot be saved
            log.warning("draft not saved at lock: %s", type(exc).__name__)
        for view in self._journal():
            view.clear()
            view.set_vault(None)
        for dialog in self.findChildren(QWidget):
            if dialog.isWindow() and dialog is not self and dialog.isVisible():
                dialog.close()
        vault, self.vault = self.vault, None
        vault.close()
        QPixmapCache.clear()
        clipboard = QGuiApplication.clipboard()
        if clipboard.ownsClipboard():  # text copied from an entry must not outlive the lock
            clipboard.clear()
        self.show_start_page()
        log.info("locked (%s)", reason)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window locks first, so the draft is saved and the key dropped."""
        self.lock("close")
        self.tasks.cancel_all()  # e.g. an unlock still deriving its key
        self.tasks.wait_all()
        event.accept()
