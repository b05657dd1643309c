"""The transcripts and translations of the file shown beside it (docs/record-format.md,
"Transcripts"), read-only: each in its current revision, its language, who made it and how.

The text is the person's (or a translator's): HTML-escaped and isolated (FSI … PDI) so a Uyghur
transcript beside a French translation keeps its own direction. Hidden when the file has none.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from tr_journal.domain.transcript import Transcript
from tr_journal.gui.tasks import TaskRunner
from tr_journal.i18n import _
from tr_journal.i18n.labels import METHOD_LABELS, label
from tr_journal.journal import transcripts
from tr_journal.vault import Vault

FSI, PDI = "\u2068", "\u2069"


def transcripts_html(found: list[Transcript]) -> str:
    parts = []
    for item in found:
        fields = item.fields
        title = (
            _("Translation {id} ({language}) of {source}").format(
                id=item.id, language=fields.language, source=fields.translates
            )
            if fields.translates
            else _("Transcript {id} ({language})").format(id=item.id, language=fields.language)
        )
        made = ", ".join(
            p
            for p in (label(METHOD_LABELS, str(fields.method)), fields.by or "", fields.date or "")
            if p
        )
        text = html.escape(FSI + fields.text + PDI).replace("\n", "<br>")
        parts.append(
            f"<h4>{html.escape(title)}</h4><p style='color:#546e7a'>"
            f"{html.escape(FSI + made + PDI)}</p><p>{text}</p>"
        )
    return "".join(parts)


class TranscriptsView(QTextBrowser):
    """Emits :attr:`loaded` (file id, transcripts) once they were read, even none."""

    loaded = Signal(str, list)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.attachment_id: str | None = None
        self.setAccessibleName(_("Transcripts and translations"))
        self.hide()

    def show_for(self, vault: Vault | None, attachment_id: str | None) -> None:
        """Read and show the transcripts of ``attachment_id`` (None: nothing)."""
        self.attachment_id = attachment_id
        self.clear()
        self.hide()
        if vault is None or attachment_id is None:
            return

        def read(_p: object, _c: object) -> list[Transcript]:
            return transcripts.read_transcripts(vault, attachment_id)

        def done(found: list[Transcript]) -> None:
            if self.attachment_id != attachment_id:
                return
            if found:
                self.setHtml(transcripts_html(found))
                self.show()
            self.loaded.emit(attachment_id, found)

        self.tasks.run("transcripts", read, on_done=done, on_error=lambda _e: None)
