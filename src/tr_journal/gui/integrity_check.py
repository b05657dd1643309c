"""The daily full check of the vault, run in the background after unlock (docs/integrity.md).

Why: unlocking reads only what it needs, so that it costs the same on 100 or 100,000 entries;
the promise that damage is found early is kept by this check, which reads every page on a
connection of its own (the timeline and saves go on meanwhile) at most once a day, and records
a clean result in the vault. A problem found is shown at once, in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tr_journal import maintenance
from tr_journal.gui.tasks import Task, TaskRunner
from tr_journal.vault import Vault


def start_if_due(
    vault: Vault, runner: TaskRunner, on_problems: Callable[[dict[str, Any]], None]
) -> Task | None:
    """Start the full check when the last clean one is over a day old; else do nothing."""
    if not maintenance.check_is_due(vault):
        return None

    def job(_progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> dict[str, Any]:
        return maintenance.background_check(vault, cancelled)

    def done(report: dict[str, Any]) -> None:
        if not report["ok"]:
            on_problems(report)

    # errors (the vault locked meanwhile, a cancelled check) are not the user's concern here:
    # the next unlock tries again, and `check` in Settings reports in full
    return runner.run("integrity-check", job, on_done=done, on_error=lambda _error: None)
