"""The entry form's drafts: autosave, restore after unlock, discard.

Split from :mod:`entry_form` to keep each module short. A mixin of :class:`EntryForm`: it uses
the form's ``vault``, ``tasks``, ``public_id``, ``fields()``, ``set_fields()`` and flags.
Storage is :mod:`tr_journal.journal.drafts` (the vault's encrypted ``drafts`` table, never a plain
file), called through the task runner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tr_journal.domain import Draft
from tr_journal.gui.errors import show_error
from tr_journal.i18n import _
from tr_journal.journal.drafts import discard_draft, newest_draft, save_draft

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

    from tr_journal.gui.widgets.pending_files import PendingFiles

    _FormBase = QWidget  # the form it is mixed into is a widget; the checker should know
else:
    _FormBase = object


class FormDraftsMixin(_FormBase):
    """Keeps what is typed in the vault while the form is open; see the module docstring."""

    vault: Any
    tasks: Any
    public_id: str | None
    _dirty: bool
    unsaved: bool
    saving: bool
    reported_on: Any
    notice: QLabel
    pending: PendingFiles
    cancelled: Any  # the form's Signal

    if TYPE_CHECKING:  # what the form defines (entry_form.py)

        def fields(self) -> dict[str, Any]: ...
        def set_fields(self, fields: dict[str, Any], public_id: str | None) -> None: ...
        def new_entry(self) -> None: ...

    def _autosave_tick(self) -> None:
        if self._dirty and not self.saving and self.isEnabled():
            self.save_draft()

    def save_draft(self, synchronous: bool = False) -> None:
        """Keep what is typed in the vault's ``drafts`` table (encrypted like everything)."""
        if self.vault is None or not self._dirty:
            return
        vault, draft = self.vault, Draft(self.public_id, self.fields())
        self._dirty = False
        if synchronous:
            save_draft(vault, draft)
        else:
            self.tasks.run(
                "save draft", lambda _p, _c: save_draft(vault, draft), on_error=self._draft_failed
            )

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
        self.set_fields(dict(draft.fields), draft.public_id)
        self.reported_on.forget_loaded()  # typed, perhaps: saved only when it reads as a date
        self._dirty = self.unsaved = True
        self.notice.setText(
            _(
                "Restored what you were typing before the journal was locked. "
                "It is not saved as an entry until you press Save."
            )
        )
        self.notice.show()
        return True

    def discard(self) -> None:
        """Throw away the typed text and its saved draft (after a confirmation)."""
        from PySide6.QtWidgets import QMessageBox

        if self.vault is None:
            return
        answer = QMessageBox.question(
            self,
            _("Discard changes"),
            _("Throw away what was typed in this form? Saved entries are not affected."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        vault, public_id = self.vault, self.public_id
        self._dirty = False
        self.pending.clear()
        self.tasks.run(
            "discard draft",
            lambda _p, _c: discard_draft(vault, public_id),
            on_error=lambda exc: show_error(self, exc),
        )
        self.set_fields({}, None)
        self.cancelled.emit()
