"""The amber line under the export selection: a ticked entry carries a whole phone export.

An import can keep the export file itself on its first entry (docs/imports.md, "Attaching the
export file itself"); disclosing that entry ships the whole chat, messages of unticked entries
included. The person is told before anything is written, and may still export. The question is
asked of the vault on the worker (the window's task helper, like the list's loading), a moment
after the ticks, the mode or the dates last changed, and an answer to an older selection is
dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from tr_journal.domain import ExportSelection
from tr_journal.gui import palette
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets.status_line import StatusLine
from tr_journal.i18n.format import bidi_isolate, ltr_isolate
from tr_journal.untrusted import one_line
from tr_journal.vault import Vault

#: how long the selection must stay still before the vault is asked (ticking many entries)
SETTLE_MS = 250


class WholeExportNotice(StatusLine):
    """Hidden unless the current selection discloses a whole export of a partly kept-back
    import; then one sentence per such file (:func:`whole_export_warning`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found: tuple[Any, ...] = ()  # WholeExport, imported lazily with the service
        self._vault: Vault | None = None
        self._tasks: TaskRunner | None = None
        self._selection: Callable[[], ExportSelection | None] = lambda: None
        self._asked = 0  # the number of the latest question; older answers are dropped
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._ask)

    def watch(
        self, vault: Vault, tasks: TaskRunner, selection: Callable[[], ExportSelection | None]
    ) -> None:
        """Ask about ``selection()`` (None: nothing to ask yet) whenever :meth:`refresh` runs."""
        self._vault, self._tasks, self._selection = vault, tasks, selection
        self.refresh()

    def refresh(self, *_args: Any) -> None:
        if self._vault is not None:
            self._timer.start()

    def _ask(self) -> None:
        self._asked += 1
        asked, selection, vault = self._asked, self._selection(), self._vault
        if selection is None or vault is None or self._tasks is None:
            self._answered((asked, ()))
            return

        def job(_progress: Any, _cancelled: Any) -> tuple[int, tuple[Any, ...]]:
            from tr_journal.errors import TrJournalError
            from tr_journal.evidence.disclosure import whole_exports

            try:
                return asked, whole_exports(vault, selection)
            except TrJournalError:  # an entry deleted meanwhile: the export will say so
                return asked, ()

        # bound methods, not lambdas: Qt drops the answer if the wizard is already gone
        self._tasks.run("export-whole-exports", job, on_done=self._answered, on_error=self._failed)

    def _answered(self, answer: tuple[int, tuple[Any, ...]]) -> None:
        asked, found = answer
        if asked != self._asked:
            return  # the selection changed since: a newer answer is on its way
        self.found = tuple(found)
        self.retranslate()

    def _failed(self, _error: BaseException) -> None:
        self.found = ()
        self.retranslate()

    def retranslate(self) -> None:
        from tr_journal.evidence.disclosure import whole_export_warning

        text = "\n".join(
            "⚠ "
            + whole_export_warning(
                case, bidi_isolate(one_line(case.name)), ltr_isolate(case.entry_id)
            )
            for case in self.found
        )
        self.show_text(text)
        self.setStyleSheet(palette.CAUTION_BANNER if text else "")
