"""The one background-task helper: every long job runs here, results come back on the main thread.

Services are synchronous functions that take ``progress(done, total)`` and ``cancelled()``
callables. :meth:`TaskRunner.run` calls one on a thread pool and delivers exactly one of
``on_done(result)`` / ``on_error(error)`` on the main (GUI) thread, plus throttled progress. The
window never freezes, and widgets are only touched on the thread that owns them (as Picard's
``run_task`` and Anki's operations do). Tests may set ``TaskRunner.synchronous = True`` to run jobs
inline, but most GUI tests use the real pool and wait on :attr:`Task.finished`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from tr_journal.errors import Cancelled

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
Job = Callable[[ProgressFn, CancelFn], Any]
PROGRESS_INTERVAL_S = 0.05


class Task(QObject):
    """One running job. Signals are delivered on the main thread (queued connections)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._cancel = threading.Event()
        self._last_progress = 0.0
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report_progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL_S or done >= total:
            self._last_progress = now
            self.progressed.emit(done, total)


class _Runnable(QRunnable):
    def __init__(self, task: Task, job: Job) -> None:
        super().__init__()
        self.task, self.job = task, job
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        task = self.task
        try:
            result = self.job(task.report_progress, task.is_cancelled)
        except BaseException as exc:  # delivered to the main thread, never lost
            task.error = exc
            task.failed.emit(exc)
        else:
            task.result = result
            task.succeeded.emit(result)
        finally:
            task.done = True
            task.finished.emit()


class TaskRunner(QObject):
    """Runs jobs off the UI thread. One instance per main window.

    ``serial=True`` (the default) uses a one-thread pool, so vault jobs never overlap: the
    vault's connection is shared, and one writer at a time is what SQLite wants anyway.
    """

    synchronous = False

    def __init__(self, parent: QObject | None = None, serial: bool = True) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(
            1 if serial else max(2, QThreadPool.globalInstance().maxThreadCount())
        )
        self._tasks: set[Task] = set()

    def run(
        self,
        name: str,
        job: Job,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task:
        task = Task(name)
        self._tasks.add(task)
        if on_done is not None:
            task.succeeded.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        task.finished.connect(lambda: self._tasks.discard(task))
        runnable = _Runnable(task, job)
        if self.synchronous:
            runnable.run()
        else:
            self.pool.start(runnable)
        return task

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def wait_all(self, timeout_ms: int = 30_000) -> bool:
        return self.pool.waitForDone(timeout_ms)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)


def is_cancellation(error: BaseException) -> bool:
    return isinstance(error, Cancelled)
