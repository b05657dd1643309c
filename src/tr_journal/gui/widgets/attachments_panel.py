"""An entry's attachments: add (button, drag-and-drop, paste, screen capture), list, preview.

Every import runs through the task runner with a progress bar and a Cancel button; a cancelled
or failed import leaves nothing behind (each file is its own transaction). Pasted images and
screen captures go into the vault from memory (:mod:`tr_journal.media.memory_import`), never
through a temp file. The file picker is Qt's own dialog with Qt's settings disabled, so no
recent-file list or visited-folder history records where recordings are kept.

Previews use the audio player and image viewer widgets, imported lazily; if either is missing
the panel still lists the files.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tr_journal.domain import Attachment
from tr_journal.gui.errors import describe
from tr_journal.gui.icons import attachment_icon
from tr_journal.gui.tasks import Task, TaskRunner, is_cancellation
from tr_journal.gui.widgets.attachment_import import (
    StatusLabel,
    human_size,
    image_png_bytes,
    import_job,
)
from tr_journal.gui.widgets.pending_files import local_paths
from tr_journal.gui.widgets.transcript_bar import TranscriptBar
from tr_journal.gui.widgets.transcripts_view import TranscriptsView
from tr_journal.i18n import _, ngettext
from tr_journal.i18n.format import bidi_isolate, format_duration_words
from tr_journal.media import records
from tr_journal.media.attaching import SAME_BYTES, Source, same_bytes_params
from tr_journal.vault import Vault

log = logging.getLogger(__name__)
CAPTURE_DELAY_MS = 600


class AttachmentsPanel(QWidget):
    """Emits :attr:`changed` after attachments were added (the timeline re-draws its icons)."""

    changed = Signal()
    listed = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.vault: Vault | None = None
        self.entry_id: str | None = None
        self.task: Task | None = None
        self.attachments: list[Attachment] = []
        self.player: Any = None
        self.viewer: Any = None
        self.setAcceptDrops(True)
        self.title = QLabel()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._preview)
        self.transcripts = TranscriptsView(tasks)  # beside the player (docs/record-format.md)
        self.transcript_bar = TranscriptBar(tasks)
        self.transcripts.loaded.connect(self.transcript_bar.show_transcripts)
        self.transcript_bar.saved.connect(
            lambda saved: self.transcripts.show_for(self.vault, saved.attachment_id)
        )
        self.list.currentRowChanged.connect(self._show_transcripts)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.choose_files)
        self.paste_button = QPushButton()
        self.paste_button.clicked.connect(self.paste)
        self.capture_button = QPushButton()
        self.capture_button.clicked.connect(self.capture_screen)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_import)
        self.status = StatusLabel()
        self._status_text: Callable[[], str] | None = None
        self.preview = QStackedWidget()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.addWidget(self.info)
        self._build()
        self._set_importing(False)
        self.retranslate()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.paste_button, self.capture_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        progress = QHBoxLayout()
        progress.addWidget(self.progress, 1)
        progress.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(progress)
        layout.addWidget(self.status)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.list)
        beside = QSplitter(Qt.Orientation.Vertical)  # the file, its transcripts under it
        beside.addWidget(self.preview)
        under = QWidget()  # the file's transcripts, and the buttons that add and edit them
        under_layout = QVBoxLayout(under)
        under_layout.setContentsMargins(0, 0, 0, 0)
        under_layout.addWidget(self.transcript_bar)
        under_layout.addWidget(self.transcripts, 1)
        under_layout.addStretch(0)  # the bar stays on top while the file has no transcript
        beside.addWidget(under)
        beside.setChildrenCollapsible(False)
        self.preview.setMinimumHeight(140)  # the player whole above the transcripts
        beside.setSizes([200, 200])  # as much room for the text as for the player
        self.split.addWidget(beside)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([290, 450])
        layout.addWidget(self.split, 1)
        self.paste_button.setShortcut(QKeySequence())  # Ctrl+V stays with text fields

    def retranslate(self) -> None:
        self.add_button.setText(_("&Add files…"))
        self.paste_button.setText(_("&Paste image"))
        self.capture_button.setText(_("&Capture the screen"))
        self.cancel_button.setText(_("Cancel"))
        self.list.setToolTip(_("Drop recordings, screenshots or documents here"))
        for widget, name in (
            (self.add_button, _("Add files")),
            (self.paste_button, _("Paste an image from the clipboard")),
            (self.capture_button, _("Capture the screen")),
            (self.cancel_button, _("Cancel the import")),
            (self.progress, _("Import progress")),
            (self.list, _("Attachments")),
        ):
            widget.setAccessibleName(name)
        for part in (self.player, self.viewer, self.transcript_bar):
            if part is not None and hasattr(part, "retranslate"):
                part.retranslate()
        self._fill_list()
        self.say(self._status_text)

    # -- entry -----------------------------------------------------------------------------
    def set_vault(self, vault: Vault | None) -> None:
        self.vault = vault

    def say(self, text: Callable[[], str] | None) -> None:
        """Show a status message, kept as a function so a language change re-says it."""
        self._status_text = text
        self.status.setText(text() if text is not None else "")

    def set_entry(self, entry_id: str | None, attachments: list[Attachment] | None = None) -> None:
        """Show ``entry_id``'s files (``attachments`` when the caller has read them already).
        A message about another entry's files is not left on screen."""
        if entry_id != self.entry_id and self.task is None:
            self.say(None)
        self.entry_id = entry_id
        self._stop_previews()
        if attachments is None:
            self.reload()
        else:
            self._show(attachments)

    def reload(self) -> None:
        """Re-read the list on the worker (never wait on the vault on the UI thread)."""
        if self.vault is None or not self.entry_id:
            self._show([])
            return
        vault, entry_id = self.vault, self.entry_id

        def job(_progress: object, _cancelled: object) -> list[Attachment]:
            return records.attachments_of(vault, entry_id)

        def done(found: list[Attachment]) -> None:
            if vault is self.vault and entry_id == self.entry_id:
                self._show(found)
            else:
                self.listed.emit()  # stale (locked, or another entry): still say "done"

        self.tasks.run(
            "list files", job, on_done=done, on_error=lambda _exc: done(self.attachments)
        )

    def _show(self, attachments: list[Attachment]) -> None:
        self.attachments = attachments
        self._fill_list()
        enabled = self.vault is not None and self.entry_id is not None
        for button in (self.add_button, self.paste_button, self.capture_button):
            button.setEnabled(enabled and self.task is None)
        self.listed.emit()

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for record in self.attachments:
            duration = record.metadata.get("duration")
            # each part isolated: "79.5 kB" read "kB 79.5" in a right-to-left list
            extra = f" · {bidi_isolate(format_duration_words(int(duration)))}" if duration else ""
            item = QListWidgetItem(
                attachment_icon(record.kind),
                f"{bidi_isolate(record.name)} — {bidi_isolate(human_size(record.size))}{extra}",
            )
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"{record.name}, {human_size(record.size)}"
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not self.attachments:
            self._show_info(
                _(
                    "No files yet. Add a recording, a screenshot or a letter with "
                    "the buttons above, or drop files here."
                )
            )
        elif self.list.currentRow() < 0:
            self._show_info(_("Choose a file in the list to play or view it."))
        self._show_transcripts(self.list.currentRow())

    def clear(self) -> None:
        """Drop everything shown (lock): stop the player, forget images and names."""
        self.cancel_import()
        self.attachments = []
        self.entry_id = None
        self.list.clear()
        self.say(None)
        self._stop_previews()
        self._show_info("")
        self.transcript_bar.close_dialog()  # typed text is not left on screen when locked
        self._show_transcripts(-1)

    def _show_transcripts(self, row: int) -> None:
        attachment_id = self.attachments[row].id if 0 <= row < len(self.attachments) else None
        vault = self.vault if attachment_id else None
        self.transcript_bar.set_file(vault, attachment_id)
        self.transcripts.show_for(vault, attachment_id)

    def _stop_previews(self) -> None:
        for widget in (self.player, self.viewer):
            if widget is not None:
                widget.clear()

    # -- adding ----------------------------------------------------------------------------
    def choose_files(self) -> None:
        from tr_journal.gui.widgets.pending_files import choose_attachment_paths

        self.import_sources(choose_attachment_paths(self))

    def paste(self) -> None:
        self.import_mime(QGuiApplication.clipboard().mimeData())

    def import_mime(self, mime: QMimeData | None) -> bool:
        """Files (urls) or an image from a drop or the clipboard; False if nothing usable."""
        if mime is None:
            return False
        paths = local_paths(mime)
        if paths:
            self.import_sources(paths)
            return True
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
                self.import_sources([(f"pasted-{stamp}.png", image_png_bytes(image))])
                return True
        self.say(lambda: _("There is no image or file on the clipboard."))
        return False

    def capture_screen(self) -> None:
        """Hide the window, grab the whole screen, bring the window back, import the PNG."""
        window = self.window()
        window.showMinimized()
        QTimer.singleShot(CAPTURE_DELAY_MS, lambda: self._grab(window))

    def _grab(self, window: QWidget) -> None:
        screen = QGuiApplication.primaryScreen()
        pixmap = screen.grabWindow(0) if screen is not None else None
        window.showNormal()
        window.activateWindow()
        if pixmap is None or pixmap.isNull():
            self.say(lambda: _("The screen could not be captured on this system."))
            return
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        self.import_sources([(f"screen-{stamp}.png", image_png_bytes(pixmap.toImage()))])

    def import_sources(self, sources: Sequence[Source]) -> Task | None:
        if not sources or self.vault is None or self.entry_id is None or self.task is not None:
            return None
        self._set_importing(True)
        count = len(sources)
        self.say(lambda: ngettext("Adding {n} file…", "Adding {n} files…", count).format(n=count))
        self.task = self.tasks.run(
            "import",
            import_job(self.vault, self.entry_id, list(sources)),
            on_done=self._imported,
            on_error=self._import_failed,
            on_progress=self._progressed,
        )
        return self.task

    def cancel_import(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(int(1000 * done / max(1, total)))

    def _set_importing(self, importing: bool) -> None:
        self.progress.setVisible(importing)
        self.cancel_button.setVisible(importing)
        self.progress.setValue(0)
        for button in (self.add_button, self.paste_button, self.capture_button):
            button.setEnabled(not importing and self.entry_id is not None)

    def _imported(self, added: list[Attachment]) -> None:
        count = len(added)
        linked = [a for a in added if a.same_as]
        self.say(
            lambda: " ".join(
                [
                    ngettext(
                        "Added {n} file. The original is kept unchanged.",
                        "Added {n} files. The originals are kept unchanged.",
                        count,
                    ).format(n=count),
                    *(_(SAME_BYTES).format(**same_bytes_params(a)) for a in linked),
                ]
            )
        )
        self._after_import()

    def _after_import(self) -> None:
        """The list is re-read before the import counts as finished (``task`` is None)."""
        entry_id = self.entry_id

        def listed() -> None:
            self.listed.disconnect(listed)
            self.task = None
            self._set_importing(False)
            if entry_id == self.entry_id:
                self._fill_list()
            self.changed.emit()

        self.listed.connect(listed)
        self.reload()

    def _import_failed(self, error: BaseException) -> None:
        cancelled = is_cancellation(error)
        self.say(lambda: _("Cancelled; that file was not added.") if cancelled else describe(error))
        self._after_import()

    # -- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if self.entry_id and (mime.hasUrls() or mime.hasImage()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.import_mime(event.mimeData()):
            event.acceptProposedAction()

    # -- preview ---------------------------------------------------------------------------
    def _show_info(self, text: str) -> None:
        self.info.setText(text)
        self.preview.setCurrentWidget(self.info)

    def _widget(self, attr: str, module: str, cls: str) -> Any:
        if getattr(self, attr) is None:
            try:
                widget = getattr(importlib.import_module(module), cls)(self)
            except Exception as exc:  # not there yet, or QtMultimedia missing: list only
                log.info("preview widget %s unavailable: %s", cls, type(exc).__name__)
                return None
            setattr(self, attr, widget)
            self.preview.addWidget(widget)
        return getattr(self, attr)

    def _preview(self, row: int) -> None:
        self._stop_previews()
        if row < 0 or row >= len(self.attachments) or self.vault is None:
            return
        record = self.attachments[row]
        kind = record.kind
        details = self._details(record)
        if kind not in ("audio", "image"):
            self._show_info(details)
            return
        attr, module, cls = (
            ("player", "tr_journal.gui.widgets.audio_player", "AudioPlayerWidget")
            if kind == "audio"
            else ("viewer", "tr_journal.gui.widgets.image_viewer", "ImageViewerWidget")
        )
        widget = self._widget(attr, module, cls)
        if widget is None:
            self._show_info(details)
            return
        self._show_info(details + "\n\n" + _("Opening…"))
        vault, attachment_id, name = self.vault, record.id, record.name

        def job(_progress: object, _cancelled: object) -> Any:
            from tr_journal.media.decode import load_audio

            data = records.original_bytes(vault, attachment_id)
            return load_audio(data, name=name) if kind == "audio" else data

        def loaded(result: Any) -> None:
            if self.vault is not vault or self.list.currentRow() != row:
                return  # locked or another file chosen meanwhile
            try:
                ok = widget.load(result, name) if kind == "audio" else widget.load(result)
            except Exception as exc:
                self._show_info(details + "\n\n" + describe(exc))
                return
            if ok is False:
                self._show_info(details)
                return
            self.preview.setCurrentWidget(widget)
            if kind == "image" and hasattr(widget, "fit"):
                QTimer.singleShot(0, widget.fit)  # fit once the viewer has its real size

        self.tasks.run(
            "preview",
            job,
            on_done=loaded,
            on_error=lambda exc: self._show_info(details + "\n\n" + describe(exc)),
        )

    @staticmethod
    def _details(record: Attachment) -> str:
        lines = [
            record.name,
            f"{_('Size')}: {human_size(record.size)}",
            f"{_('Type')}: {record.media_type}",
            f"SHA-256: {record.sha256}",
        ]
        if record.notice:
            lines.append(_(record.notice))
        return "\n".join(lines)
