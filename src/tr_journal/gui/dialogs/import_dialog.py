"""File → Import…: a phone export read into a preview, rows ticked, then written at once.

The same services as ``tr-journal import`` (docs/imports.md): the file is read on the task
worker into an :class:`~tr_journal.imports.rows.ImportPreview` (nothing written), shown as a
table with a tick box per row; for a CSV, a field chooser per column re-reads the preview; for a
chat, "You are:" (:mod:`~tr_journal.gui.widgets.chat_me_chooser`) re-reads it with the person's
own sender name, so the caller is never the person. The
Import button writes the ticked rows in one transaction on the worker, with progress and Cancel
(a cancelled import leaves the vault as it was).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tr_journal import model
from tr_journal.gui.errors import describe
from tr_journal.gui.tasks import Task, TaskRunner, is_cancellation
from tr_journal.gui.widgets import file_dialogs
from tr_journal.gui.widgets.chat_me_chooser import MeChooser
from tr_journal.gui.widgets.status_line import StatusLine
from tr_journal.i18n import _, describe_error, ngettext
from tr_journal.i18n.format import (
    bidi_isolate,
    format_incident_time,
    ltr_isolate,
    strip_isolates,
)
from tr_journal.i18n.labels import field_label
from tr_journal.imports.csv_map import Table, read_table
from tr_journal.imports.detect import ReadOptions, detect, read_preview
from tr_journal.imports.rows import ImportPreview, ImportRow
from tr_journal.imports.service import ImportResult, combined, import_rows
from tr_journal.untrusted import one_line
from tr_journal.vault import Vault

FILTERS = "*.xml *.zip *.txt *.json *.csv *.tsv"
MAX_COLUMNS = 12
MAX_CELL = 280  # pixels: a column wider than this shows the rest in its tooltip


def cells(row: ImportRow) -> list[str]:
    """When, caller, text, files and problem of a row, as the table shows them."""
    fields = row.fields
    caller = (
        fields.get("caller_number")
        or fields.get("caller_name")
        or fields.get("caller_account")
        or ""
    )
    text = str(fields.get("narrative") or row.summary).replace("\n", " ↵ ")
    tags = ", ".join(str(t) for t in fields.get("tags", []) if str(t).startswith("call:"))
    return [
        strip_isolates(format_incident_time(str(fields.get("occurred_at", "")))),
        bidi_isolate(one_line(str(caller))),
        bidi_isolate(one_line(f"{tags} {text}".strip())[:200]),  # its own direction in Uyghur
        ", ".join(ltr_isolate(one_line(m.name)) for m in row.media),
        describe_error(row.error) if row.error else row.problem or "",
    ]


class ImportDialog(QDialog):
    """Choose an export, tick the rows, import them."""

    def __init__(self, vault: Vault, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.tasks = vault, tasks
        self.path: Path | None = None
        self.kind = ""
        self.preview: ImportPreview | None = None
        self.table_csv: Table | None = None
        self.column_combos: list[QComboBox] = []
        self.running: Task | None = None  # the job whose result has not arrived yet
        self._arrived = 0  # results delivered so far (a synchronous runner delivers at once)
        self._started = 0
        self._again = False  # an option changed while a job ran: read the export again after it
        self.imported: list[str] = []
        self._build()
        self.retranslate()
        self.resize(980, 640)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        source = QHBoxLayout()
        self.path_label = QLabel()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_label.setBuddy(self.path_edit)
        self.choose_file = QPushButton()
        self.choose_file.clicked.connect(self.pick_file)
        self.choose_folder = QPushButton()
        self.choose_folder.clicked.connect(self.pick_folder)
        for widget in (self.path_label, self.path_edit, self.choose_file, self.choose_folder):
            source.addWidget(widget)
        layout.addLayout(source)
        options = QHBoxLayout()
        self.by_label = QLabel()
        self.by_combo = QComboBox()
        self.by_label.setBuddy(self.by_combo)
        self.by_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.attach_source = QCheckBox()
        self.combine = QCheckBox()
        options.addWidget(self.by_label)
        options.addWidget(self.by_combo)
        options.addStretch(1)
        options.addWidget(self.combine)
        options.addWidget(self.attach_source)
        layout.addLayout(options)
        self.me_chooser = MeChooser()
        self.me_chooser.changed.connect(self.reload)
        layout.addWidget(self.me_chooser)
        self.columns_box = QGroupBox()
        self.columns_grid = QGridLayout(self.columns_box)
        self.columns_box.hide()
        layout.addWidget(self.columns_box)
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a file keeps its extension
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        picks = QHBoxLayout()
        self.all_button = QPushButton()
        self.all_button.clicked.connect(lambda: self.tick_all(True))
        self.none_button = QPushButton()
        self.none_button.clicked.connect(lambda: self.tick_all(False))
        self.count_label = QLabel()
        for widget in (self.all_button, self.none_button, self.count_label):
            picks.addWidget(widget)
        picks.addStretch(1)
        layout.addLayout(picks)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = StatusLine()
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(lambda _item: self._count())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import from a phone"))
        self.path_label.setText(_("&Export:"))
        self.path_edit.setPlaceholderText(_("A call log, chat export, CSV or screenshot folder"))
        self.choose_file.setText(_("Choose a &file…"))
        self.choose_folder.setText(_("Choose a f&older of screenshots…"))
        self.by_label.setText(_("One entry &per:"))
        current = self.by_combo.currentData() or "message"
        self.by_combo.blockSignals(True)
        self.by_combo.clear()
        for key, text in (("message", _("message")), ("day", _("day")), ("file", _("file"))):
            self.by_combo.addItem(text, key)
        self.by_combo.setCurrentIndex(max(0, self.by_combo.findData(current)))
        self.by_combo.blockSignals(False)
        self.attach_source.setText(_("Also attach the export file itself"))
        self.combine.setText(_("&Make the ticked rows one entry"))
        self.columns_box.setTitle(_("Which field each column goes into"))
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("Caller"), _("Text"), _("Files"), _("Status")]
        )
        self.all_button.setText(_("Tick &all"))
        self.none_button.setText(_("Tick &none"))
        self.import_button.setText(_("&Import ticked rows"))
        self.cancel_button.setText(_("Cancel") if self.running else _("Close"))
        self._count()

    def _say(self, text: str, error: bool = False, ok: bool = False) -> None:
        """The status sentence (StatusLine starts it on the right in a right-to-left language,
        also when it begins with a file name)."""
        self.status.show_text(text, error=error, ok=ok)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- choosing and reading --------------------------------------------------------------
    def pick_file(self) -> None:
        chosen = file_dialogs.open_file(
            self, _("Choose an export"), file_dialogs.documents_dir(), f"{_('Exports')} ({FILTERS})"
        )
        if chosen is not None:
            self.open_path(chosen)

    def pick_folder(self) -> None:
        chosen = file_dialogs.existing_dir(
            self, _("Choose a folder of screenshots"), file_dialogs.documents_dir()
        )
        if chosen is not None:
            self.open_path(chosen)

    def open_path(self, path: Path) -> None:
        """Read ``path`` (on the worker) into the preview table."""
        self.path, self.table_csv = path, None
        self.path_edit.setText(str(path))
        try:
            self.kind = detect(path)
        except Exception as exc:
            self._say(describe(exc), error=True)
            return
        self._csv_columns()
        self.me_chooser.clear()
        chat_or_pictures = self.kind in ("whatsapp", "screenshots")
        self.by_label.setVisible(chat_or_pictures)
        self.by_combo.setVisible(chat_or_pictures)
        self.reload()

    def _csv_columns(self) -> None:
        while (item := self.columns_grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.column_combos = []
        self.columns_box.setVisible(self.kind == "csv")
        if self.kind != "csv" or self.path is None:
            return
        try:
            self.table_csv = read_table(self.path)
        except Exception as exc:
            self._say(describe(exc), error=True)
            return
        first = self.table_csv.rows[0][1] if self.table_csv.rows else []
        for index, name in enumerate(self.table_csv.columns[:MAX_COLUMNS]):
            sample = first[index] if index < len(first) else ""
            label = QLabel(one_line(f"{name}: {sample}")[:40])
            combo = QComboBox()
            combo.addItem(_("(not imported)"), "")
            for field in model.FIELDS:
                if field != "recorded_at":  # set by the app, never imported
                    combo.addItem(field_label(field), field)
            guess = name if name in model.FIELDS else ""
            combo.setCurrentIndex(max(0, combo.findData(guess)))
            combo.setAccessibleName(name)
            combo.currentIndexChanged.connect(lambda _i: self.reload())
            label.setBuddy(combo)
            self.column_combos.append(combo)
            self.columns_grid.addWidget(label, index // 4 * 2, index % 4)
            self.columns_grid.addWidget(combo, index // 4 * 2 + 1, index % 4)

    def mapping(self) -> tuple[str, ...]:
        """The CSV mapping the choosers say, as ``--map`` items by column number."""
        return tuple(
            f"{column}={combo.currentData()}"
            for column, combo in enumerate(self.column_combos, start=1)
            if combo.currentData()
        )

    def reload(self) -> None:
        if self.path is None:
            return
        if self.running is not None:
            self._again = True  # the choice is not lost: read again once this job is done
            return
        if self.kind == "csv" and not any(i.endswith("=occurred_at") for i in self.mapping()):
            self.table.setRowCount(0)
            self._say(_("Choose the column that says when it happened (occurred_at)."))
            return
        path, kind = self.path, self.kind
        options = ReadOptions(
            mapping=self.mapping(),
            header=self.table_csv.has_header if self.table_csv else None,
            by=self.by_combo.currentData(),
            me=self.me_chooser.chosen(),
        )
        self._say(_("Reading {name}…").format(name=ltr_isolate(path.name)))

        def job(*_args: Any) -> ImportPreview:
            return read_preview(path, kind, options)

        self._track(self.tasks.run("import-preview", job, self._show_preview, self._failed))

    def _show_preview(self, preview: ImportPreview) -> None:
        self._arrive()
        if self.preview is not None:
            self.preview.close()
        self.preview = preview
        if not self._again:  # else the chooser keeps what was chosen meanwhile, for the next read
            self.me_chooser.show_parties(preview.parties)
        self.table.blockSignals(True)
        self.table.setRowCount(len(preview.rows))
        for index, row in enumerate(preview.rows):
            for column, text in enumerate(cells(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setText(f"{row.number}  {text}")
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if not row.problem:
                        flags |= Qt.ItemFlag.ItemIsUserCheckable
                    item.setFlags(flags)
                    item.setCheckState(Qt.CheckState.Unchecked)
                self.table.setItem(index, column, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        for column in (1, 3, 4):  # long names or problems must not squeeze the text
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_CELL))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._say(
            ngettext(
                "{n} row read from {name}; tick those that matter.",
                "{n} rows read from {name}; tick those that matter.",
                len(preview.rows),
            ).format(n=len(preview.rows), name=ltr_isolate(one_line(preview.source_name)))
        )
        self._count()
        self._read_again()

    def _read_again(self) -> None:
        """Read the export again if an option changed while the last job ran."""
        if self._again and self.running is None:
            self._again = False
            self.reload()

    def tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(state)

    def ticked(self) -> list[ImportRow]:
        if self.preview is None:
            return []
        return [
            row
            for index, row in enumerate(self.preview.rows)
            if (item := self.table.item(index, 0)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]

    def _count(self) -> None:
        count = len(self.ticked())
        self.count_label.setText(
            ngettext("{n} row ticked", "{n} rows ticked", count).format(n=count)
        )
        self.import_button.setEnabled(count > 0 and self.running is None)

    # -- writing ---------------------------------------------------------------------------
    def start_import(self) -> None:
        rows, preview = self.ticked(), self.preview
        if not rows or preview is None:
            return
        if self.combine.isChecked():
            rows = combined(rows)
        source = (
            self.path
            if self.attach_source.isChecked() and self.path and self.path.is_file()
            else None
        )
        vault = self.vault

        def job(progress: Any, cancelled: Any) -> ImportResult:
            return import_rows(
                vault, preview, rows, source_path=source, progress=progress, cancelled=cancelled
            )

        self.progress.setRange(0, len(rows))
        self.progress.setValue(0)
        self.progress.show()
        self._track(
            self.tasks.run(
                "import",
                job,
                self._done,
                self._failed,
                lambda done, _total: self.progress.setValue(done),
            )
        )
        self.retranslate()

    def _track(self, task: Task) -> None:
        """Remember the job until its result arrives on this thread (maybe already did)."""
        self._started += 1
        self.running = task if self._arrived < self._started else None

    def _arrive(self) -> None:
        self._arrived += 1
        self.running = None

    def _done(self, result: ImportResult) -> None:
        self._arrive()
        self.progress.hide()
        self.imported.extend(result.created)
        text = ngettext("{n} entry imported.", "{n} entries imported.", len(result.created)).format(
            n=len(result.created)
        )
        if result.skipped:
            text += " " + ngettext(
                "{n} row was already imported from this file and was skipped.",
                "{n} rows were already imported from this file and were skipped.",
                len(result.skipped),
            ).format(n=len(result.skipped))
        self._say(text, ok=True)
        self.tick_all(False)
        self._mark_imported(result)
        self.retranslate()
        self._read_again()

    def _mark_imported(self, result: ImportResult) -> None:
        """Rows just written show their entry and cannot be ticked again."""
        if self.preview is None:
            return
        for index, row in enumerate(self.preview.rows):
            entry = result.by_row.get(row.number)
            done = entry or (_("already imported") if row.number in result.skipped else None)
            item = self.table.item(index, 0)
            if done and item is not None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                self.table.setItem(index, 4, QTableWidgetItem(done))

    def _failed(self, error: BaseException) -> None:
        self._arrive()
        self.progress.hide()
        if is_cancellation(error):
            self._say(_("Cancelled; nothing was imported."))
        else:
            self._say(describe(error), error=True)
        self.retranslate()
        self._read_again()

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
            return
        self.reject()

    def done(self, result: int) -> None:
        """Closing releases the export (an open zip); not while an import runs."""
        if self.running is not None:
            self.running.cancel()
            return
        if self.preview is not None:
            self.preview.close()
        super().done(result)
