"""What every settings tab shares: run one service call on the worker, busy bar, one status line.

A tab's buttons are disabled while its job runs (no double clicks, no overlapping writes), the
busy bar moves, and the outcome — a confirmation or the error's one sentence — appears in the
tab's status line next to the buttons, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QProgressBar, QWidget

from tr_journal.gui.tasks import Task, TaskRunner, is_cancellation
from tr_journal.gui.widgets.status_line import StatusLine
from tr_journal.i18n import _
from tr_journal.vault import Vault


class SettingsTab(QWidget):
    def __init__(self, vault: Vault, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.tasks = vault, tasks
        self.task: Task | None = None
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = StatusLine()
        self.action_widgets: list[QWidget] = []

    def run_job(
        self,
        name: str,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if self.task is not None:
            return
        self._set_busy(True)
        self.status.show_text(_("Working…"))

        def done(result: Any) -> None:
            self._set_busy(False)
            self.status.clear_text()
            on_done(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if is_cancellation(error):
                self.status.show_text(_("Cancelled; nothing was changed."))
            else:
                self.status.show_error(error)
            if on_error is not None:
                on_error(error)

        self.task = self.tasks.run(name, lambda _p, _c: job(), on_done=done, on_error=failed)

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self.task = None
        self.busy.setVisible(busy)
        self.busy.setAccessibleName(_("Working"))
        for widget in self.action_widgets:
            widget.setEnabled(not busy)

    def retranslate(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
