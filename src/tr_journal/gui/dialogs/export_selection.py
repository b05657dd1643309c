"""The first page of the export wizard: which entries are disclosed.

Three ways to choose — everything, the entries ticked in a list, or a range of local calendar
days — because a person preparing a complaint often thinks "since the summer" rather than in
entry numbers. The list is read from the vault on the worker, like every vault read in the GUI.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from tr_journal.domain import Entry, ExportSelection
from tr_journal.gui.dialogs.export_disclosure import WholeExportNotice
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets.date_fields import localise_date_edit
from tr_journal.i18n import _
from tr_journal.journal import actions
from tr_journal.vault import Vault

if TYPE_CHECKING:
    from tr_journal.gui.dialogs.export_wizard import ExportWizard

MODE_ALL, MODE_TICKED, MODE_RANGE = 0, 1, 2
MAX_LISTED = 100_000


def entry_line(entry: Entry) -> str:
    """One line per entry: id, time, channel, number, who. Ids and numbers are isolated left
    to right and names by their own direction, so "+86 991 555 0142" is never shown reversed
    ("0142 555 991 86+") in a right-to-left list; the time is written the language's way."""
    from tr_journal.i18n.format import bidi_isolate, format_incident_time, ltr_isolate
    from tr_journal.i18n.labels import channel_label

    fields = entry.fields
    parts = [ltr_isolate(entry.id), format_incident_time(fields.occurred_at)]
    if fields.channel:
        parts.append(channel_label(fields.channel))
    if fields.caller_number:
        parts.append(ltr_isolate(fields.caller_number))
    if fields.claimed_identity:
        parts.append(bidi_isolate(fields.claimed_identity))
    return " — ".join(part for part in parts if part)


def local_bound(date: QDate, end: bool) -> str:
    """A local calendar day's first or last second, ISO 8601 with the local UTC offset."""
    moment = dt.datetime(
        date.year(), date.month(), date.day(), 23 if end else 0, 59 if end else 0, 59 if end else 0
    )
    return moment.astimezone().isoformat(timespec="seconds")


class SelectionPage(QWizardPage):
    def __init__(self, wizard: ExportWizard, preselected: list[str]) -> None:
        super().__init__()
        self.wiz, self.preselected, self.loaded = wizard, {p.upper() for p in preselected}, False
        self.modes = QButtonGroup(self)
        self.all_radio, self.ticked_radio, self.range_radio = (QRadioButton() for _i in range(3))
        for mode, radio in enumerate((self.all_radio, self.ticked_radio, self.range_radio)):
            self.modes.addButton(radio, mode)
        self.modes.idToggled.connect(self._mode_changed)
        self.entries = QListWidget()
        self.entries.itemChanged.connect(lambda _item: self.completeChanged.emit())
        self.tick_all, self.tick_none = QPushButton(), QPushButton()
        self.tick_all.clicked.connect(lambda: self._tick(True))
        self.tick_none.clicked.connect(lambda: self._tick(False))
        self.since, self.until = QDateEdit(), QDateEdit()
        today = QDate.currentDate()
        for edit, value in ((self.since, today.addMonths(-1)), (self.until, today)):
            edit.setCalendarPopup(True)
            localise_date_edit(edit)
            edit.setDate(value)
            edit.dateChanged.connect(lambda _d: self.completeChanged.emit())
        self.since_label, self.until_label = QLabel(), QLabel()
        self.since_label.setBuddy(self.since)
        self.until_label.setBuddy(self.until)
        self.loading = QLabel()
        self.notice = WholeExportNotice()  # a ticked entry carrying a whole phone export
        self.completeChanged.connect(self.notice.refresh)  # ticks, mode and dates all emit it
        ticks = QHBoxLayout()
        ticks.addWidget(self.loading, 1)
        ticks.addWidget(self.tick_all)
        ticks.addWidget(self.tick_none)
        dates = QHBoxLayout()
        for widget in (self.since_label, self.since, self.until_label, self.until):
            dates.addWidget(widget)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.all_radio)
        layout.addWidget(self.ticked_radio)
        layout.addWidget(self.entries, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.range_radio)
        layout.addLayout(dates)
        layout.addWidget(self.notice)
        (self.ticked_radio if self.preselected else self.all_radio).setChecked(True)
        self._mode_changed()

    def retranslate(self) -> None:
        for edit in (self.since, self.until):
            localise_date_edit(edit)
        self.setTitle(_("What to export"))
        self.setSubTitle(
            _(
                "Only the entries you choose are disclosed, with their attachments. "
                "The bundle also carries the journal's history chain, which shows that "
                "other entries exist but not what they say."
            )
        )
        self.all_radio.setText(_("&All entries"))
        self.ticked_radio.setText(_("&Only the entries I tick:"))
        self.range_radio.setText(_("All entries in a &date range:"))
        self.since_label.setText(_("&From"))
        self.until_label.setText(_("&To"))
        self.tick_all.setText(_("Tick a&ll"))
        self.tick_none.setText(_("Untick all"))
        self.loading.setText(_("Loading entries…") if not self.loaded else "")
        self.notice.retranslate()
        for widget, name in (
            (self.entries, _("Entries to export")),
            (self.since, _("First day of the range")),
            (self.until, _("Last day of the range")),
            (self.tick_all, _("Tick every entry")),
            (self.tick_none, _("Untick every entry")),
        ):
            widget.setAccessibleName(name)
        for radio in (self.all_radio, self.ticked_radio, self.range_radio):
            radio.setAccessibleName(radio.text().replace("&", "").rstrip(":"))

    def load(self, vault: Vault, tasks: TaskRunner) -> None:
        tasks.run(
            "export-list",
            lambda _p, _c: actions.list_entries(vault, limit=MAX_LISTED),
            on_done=self._loaded,
            on_error=self._load_failed,
        )
        self.notice.watch(vault, tasks, self.export_selection)

    def export_selection(self) -> ExportSelection | None:
        """What the export would disclose now; None while the choice is incomplete."""
        if not self.isComplete() or (self.modes.checkedId() == MODE_TICKED and not self.loaded):
            return None
        ids, since, until = self.selection()
        return ExportSelection(tuple(ids), since, until)

    def _loaded(self, rows: list[Entry]) -> None:
        self.entries.blockSignals(True)
        for entry in rows:
            item = QListWidgetItem(entry_line(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = entry.id in self.preselected
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.entries.addItem(item)
        self.entries.blockSignals(False)
        self.loaded = True
        self.loading.setText(_("No entries yet.") if not rows else "")
        self.completeChanged.emit()

    def _load_failed(self, error: BaseException) -> None:
        from tr_journal.gui.errors import describe

        self.loaded = True
        self.loading.setText(describe(error))

    def _tick(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.entries.count()):
            self.entries.item(row).setCheckState(state)

    def _mode_changed(self, *_args: Any) -> None:
        mode = self.modes.checkedId()
        for widget in (self.entries, self.tick_all, self.tick_none):
            widget.setEnabled(mode == MODE_TICKED)
        for bound in (self.since, self.until, self.since_label, self.until_label):
            bound.setEnabled(mode == MODE_RANGE)
        self.completeChanged.emit()

    def ticked_ids(self) -> list[str]:
        return [
            self.entries.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.entries.count())
            if self.entries.item(r).checkState() == Qt.CheckState.Checked
        ]

    def isComplete(self) -> bool:
        mode = self.modes.checkedId()
        if mode == MODE_TICKED:
            return bool(self.ticked_ids())
        if mode == MODE_RANGE:
            return self.since.date() <= self.until.date()
        return True

    def selection(self) -> tuple[list[str], str | None, str | None]:
        mode = self.modes.checkedId()
        if mode == MODE_TICKED:
            return self.ticked_ids(), None, None
        if mode == MODE_RANGE:
            return [], local_bound(self.since.date(), False), local_bound(self.until.date(), True)
        return [], None, None
