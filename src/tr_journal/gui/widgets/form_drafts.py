"""The entry form's drafts: autosave, restore after unlock, discard.

Split from :mod:`entry_form` to keep each module short. A mixin of :class:`EntryForm`: it uses
the form's ``vault``, ``tasks``, ``public_id``, ``fields()``, ``set_fields()`` and flags.
Storage is in :mod:`drafts` (the vault's encrypted ``drafts`` table, never a plain file).
"""

from __future__ import annotations

from typing import Any

from tr_journal.gui.errors import show_error
from tr_journal.gui.widgets.drafts import (
    delete_draft,
    draft_body,
    draft_name,
    newest_draft,
    write_draft,
)
from tr_journal.i18n import _


class FormDraftsMixin:
    """Keeps what is typed in the vault while the form is open; see the module docstring."""

    vault: Any
    tasks: Any
    public_id: str | None
    _dirty: bool
    unsaved: bool
    saving: bool
    reported_on: Any

    def _autosave_tick(self) -> None:
        if self._dirty and not self.saving and self.isEnabled():
            self.save_draft()

    def save_draft(self, synchronous: bool = False) -> None:
        """Keep what is typed in the vault's ``drafts`` table (encrypted like everything)."""
        if self.vault is None or not self._dirty:
            return
        vault, name = self.vault, draft_name(self.public_id)
        body = draft_body(self.public_id, self.fields())
        self._dirty = False
        if synchronous:
            write_draft(vault, name, body)
        else:
            self.tasks.run("save draft", lambda _p, _c: write_draft(vault, name, body),
                           on_error=self._draft_failed)

    def _draft_failed(self, error: BaseException) -> None:
        self._dirty = True

    def restore_draft(self) -> bool:
        """Offer back the newest draft after unlocking; return whether one was restored."""
        if self.vault is None:
            return False
        draft = newest_draft(self.vault)
        if draft is None:
            self.new_entry()
            return False
        self.set_fields(draft.get("fields", {}), draft.get("public_id"))
        self.reported_on.forget_loaded()  # typed, perhaps: saved only when it reads as a date
        self._dirty = self.unsaved = True
        self.notice.setText(_("Restored what you were typing before the journal was locked. "
                              "It is not saved as an entry until you press Save."))
        self.notice.show()
        return True

    def discard(self) -> None:
        """Throw away the typed text and its saved draft (after a confirmation)."""
        from PySide6.QtWidgets import QMessageBox

        if self.vault is None:
            return
        answer = QMessageBox.question(
            self, _("Discard changes"),
            _("Throw away what was typed in this form? Saved entries are not affected."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        vault, name = self.vault, draft_name(self.public_id)

        def job(_progress: object, _cancelled: object) -> None:
            with vault.transaction() as tx:
                delete_draft(tx, name)

        self._dirty = False
        self.pending.clear()
        self.tasks.run("discard draft", job, on_error=lambda exc: show_error(self, exc))
        self.set_fields({}, None)
        self.cancelled.emit()
