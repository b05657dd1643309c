"""Errors become one translated sentence in a message box: never a traceback (docs/architecture.md).

Services raise typed :class:`~tr_journal.errors.TrJournalError`; anything else is a bug or an
OS failure we did not foresee, and the user still gets one calm sentence. Details of unknown
errors go to the log (stderr), not to the screen, where they could show file names or content.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from tr_journal.errors import as_user_error
from tr_journal.i18n import _, describe_error

log = logging.getLogger(__name__)


def describe(error: BaseException) -> str:
    """The one sentence the user sees for ``error``."""
    typed = as_user_error(error)
    if typed is not None:
        return describe_error(typed)
    if isinstance(error, MemoryError):
        return _("There was not enough memory to finish this action; nothing was saved.")
    if isinstance(error, OSError):
        return _("The system refused this action ({reason}); nothing was saved.").format(
            reason=error.strerror or type(error).__name__
        )
    log.error("unexpected error: %s", type(error).__name__)
    return _("Something went wrong; nothing was saved from this action.")


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """Modal message box with the sentence; returns when the user dismissed it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or _("tr-journal"))
    box.setText(describe(error))
    box.setAccessibleName(_("Error"))
    box.exec()
