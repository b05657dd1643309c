"""The patterns window: callers, incidents over time, demand × threat, and the entries behind
each figure (docs/patterns.md).

Everything is counted off the UI thread through the window's task runner; the figures come
from the maintained tallies (or a range of the time index for a period), so the window opens
and redraws in the same time on 100 or 100,000 entries. A click on a caller, a bar or a cell
lists the entries it counts; activating one shows it in the journal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tr_journal.domain import Entry
from tr_journal.errors import N_
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets.patterns_chart import IncidentChart
from tr_journal.i18n import _, current_language
from tr_journal.i18n.format import (
    bidi_isolate,
    for_display,
    format_incident_time,
    ltr_isolate,
)
from tr_journal.i18n.labels import channel_label, demand_label, threat_label
from tr_journal.patterns.chart import Bar, IncidentSeries
from tr_journal.patterns.loading import ChartData, Loaded, load_chart, load_entries, load_report
from tr_journal.patterns.series import (
    incident_series,
    layer_label,
    period_window,
    preset_window,
)
from tr_journal.patterns.stats import PatternReport
from tr_journal.store.stats import EntryFilter, Window
from tr_journal.vault import Vault

#: (months back or None for all, label) of the period choices
RANGES: tuple[tuple[int | None, str], ...] = (
    (None, N_("All time")),
    (24, N_("Last 2 years")),
    (12, N_("Last 12 months")),
    (6, N_("Last 6 months")),
    (3, N_("Last 3 months")),
    (1, N_("Last month")),
)


class PatternsWindow(QWidget):
    """A window of its own (closed at lock with the others); :attr:`entry_requested` carries
    the public id of an entry to show in the journal."""

    entry_requested = Signal(str)

    def __init__(self, vault: Vault, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.vault, self.tasks = vault, tasks
        self.generation = 0
        self.loaded: Loaded | None = None
        self.chart_data: ChartData | None = None
        self.range = QComboBox()
        self.granularity = QComboBox()
        self.layer = QComboBox()
        self.escalation = QLabel()
        self.escalation.setWordWrap(True)
        self.chart = IncidentChart()
        self.callers = QTableWidget(0, 5)
        self.matrix = QTableWidget(0, 0)
        self.found_title = QLabel()
        self.found = QListWidget()
        self._build()
        self.retranslate()
        for combo in (self.range, self.granularity, self.layer):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.chart.bar_clicked.connect(self._bar_clicked)
        self.callers.cellActivated.connect(self._caller_clicked)
        self.callers.cellClicked.connect(self._caller_clicked)
        self.matrix.cellActivated.connect(self._cell_clicked)
        self.matrix.cellClicked.connect(self._cell_clicked)
        self.found.itemActivated.connect(self._entry_activated)
        self.resize(1200, 720)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the window, as it closes every dialog of the app: a window of its own
        is not a QDialog, so it does not by itself (docs/keyboard-and-languages.md). Keys the
        chart, tables and lists use reach them first; only the ones they leave come here."""
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """The interface language changed (settings): every text, the figures' included."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _build(self) -> None:
        self._captions = [QLabel(), QLabel(), QLabel()]
        controls = QHBoxLayout()
        for caption, combo in zip(
            self._captions, (self.range, self.granularity, self.layer), strict=True
        ):
            caption.setBuddy(combo)
            controls.addWidget(caption)
            controls.addWidget(combo)
        controls.addStretch(1)
        for table in (self.callers, self.matrix):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.setTabKeyNavigation(False)
        self.callers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.callers.verticalHeader().hide()
        header = self.callers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 240)  # a merged caller's list is long: elided, whole in its tip
        self.callers.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.callers.setWordWrap(False)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.callers_title, self.matrix_title = QLabel(), QLabel()
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(_titled(self.callers_title, self.callers))
        top.addWidget(self.chart)
        top.setSizes([480, 720])
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(_titled(self.matrix_title, self.matrix))
        bottom.addWidget(_titled(self.found_title, self.found))
        bottom.setSizes([600, 600])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(bottom)
        body.setSizes([420, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.escalation)
        layout.addWidget(body, 1)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Patterns"))
        for caption, text in zip(
            self._captions, (_("&Period:"), _("&Bars per:"), _("&Stacked by:")), strict=True
        ):
            caption.setText(text)
        _refill(self.range, [(m, _(label)) for m, label in RANGES])
        _refill(self.granularity, [("week", _("week")), ("month", _("month"))], default=1)
        _refill(
            self.layer,
            [("channel", _("channel")), ("demand", _("demand")), ("threat", _("threat"))],
        )
        self.range.setAccessibleName(_("Period"))
        self.granularity.setAccessibleName(_("Bars per"))
        self.layer.setAccessibleName(_("Stacked by"))
        self.chart.setAccessibleName(_("Incidents over time"))
        self.callers_title.setText(_("Callers"))
        self.callers.setAccessibleName(_("Callers"))
        self.matrix_title.setText(_("Demand × threat"))
        self.matrix.setAccessibleName(_("Demand × threat"))
        self.found.setAccessibleName(_("Entries behind the figure chosen"))
        self.callers.setHorizontalHeaderLabels(
            [_("Caller"), _("Entries"), _("Attempts"), _("First contact"), _("Last contact")]
        )
        if not self.found.count():
            self.found_title.setText(_("Choose a caller, a bar or a cell to list its entries."))
        if self.loaded is not None:
            self._show(self.loaded)
        if self.chart_data is not None:
            self._draw_chart(self.chart_data)

    # -- loading ---------------------------------------------------------------------------
    def window_chosen(self) -> Window:
        return preset_window(self.range.currentData())

    def reload(self) -> None:
        """Count again for the period, bars and layer chosen (off the UI thread): the chart
        first (it is what a change of period redraws), then the callers and the table."""
        if self.range.count() == 0 or self.layer.count() == 0 or self.granularity.count() == 0:
            return
        self.generation += 1
        generation, vault = self.generation, self.vault
        window, granularity = self.window_chosen(), self.granularity.currentData()
        layer = self.layer.currentData()
        self.tasks.run(
            "patterns-chart",
            lambda _p, _c: load_chart(vault, generation, window, granularity, layer),
            on_done=self._chart_loaded,
        )
        if self.loaded is None or self.loaded.window != window:
            # skipped when another choice came meanwhile: a quick succession of choices never
            # queues the next chart behind reports nobody will see
            self.tasks.run(
                "patterns-report",
                lambda _p, _c: (
                    None
                    if self.generation != generation
                    else load_report(vault, generation, window)
                ),
                on_done=self._loaded,
            )

    def _chart_loaded(self, data: ChartData) -> None:
        if data.generation == self.generation:
            self.chart_data = data
            self._draw_chart(data)

    def _loaded(self, loaded: Loaded | None) -> None:
        if loaded is not None and loaded.generation == self.generation:
            self.loaded = loaded
            self._show(loaded)

    def _draw_chart(self, data: ChartData) -> None:
        series = incident_series(
            data.rows, data.granularity, data.layer, data.escalation.threat_day
        )
        self.chart.set_series(series, current_language())

    def _show(self, loaded: Loaded) -> None:
        self.escalation.setText(_escalation_text(loaded.report))
        self._fill_callers(loaded.report)
        self._fill_matrix(loaded.report)

    def _fill_callers(self, report: PatternReport) -> None:
        self.callers.setRowCount(len(report.callers))
        for row, profile in enumerate(report.callers):
            who = ", ".join(ltr_isolate(x) for x in profile.numbers + profile.accounts)
            said = ", ".join(bidi_isolate(x) for x in profile.names + profile.claimed)
            cells = [
                who + (f" — {said}" if said else ""),
                str(profile.entries),
                str(profile.attempts),
                format_incident_time(profile.first_at),
                format_incident_time(profile.last_at),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.callers.setItem(row, column, item)

    def _fill_matrix(self, report: PatternReport) -> None:
        demands = sorted(report.demand_threat)
        threats = sorted({t for row in report.demand_threat.values() for t in row})
        self.matrix.setRowCount(len(demands))
        self.matrix.setColumnCount(len(threats))
        self.matrix.setVerticalHeaderLabels([demand_label(d) for d in demands])
        self.matrix.setHorizontalHeaderLabels([threat_label(t) for t in threats])
        self._matrix_keys = (demands, threats)
        for r, demand in enumerate(demands):
            for c, threat in enumerate(threats):
                n = report.demand_threat[demand].get(threat, 0)
                item = QTableWidgetItem(str(n) if n else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.matrix.setItem(r, c, item)

    # -- click-through ---------------------------------------------------------------------
    def _list(self, wanted: EntryFilter, title: str) -> None:
        vault = self.vault
        self.found_title.setText(for_display(title))  # "{caller} ..." in Uyghur
        self.tasks.run(
            "patterns-entries", lambda _p, _c: load_entries(vault, wanted), on_done=self._listed
        )

    def _listed(self, result: tuple[int, list[Entry]]) -> None:
        total, shown = result
        self.found.clear()
        for entry in shown:
            fields = entry.fields
            parts = [
                ltr_isolate(entry.id),
                format_incident_time(fields.occurred_at),
                channel_label(fields.channel),
                ltr_isolate(fields.caller_number or fields.caller_account or ""),
            ]
            item = QListWidgetItem("  ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.found.addItem(item)
        if total > len(shown):
            self.found.addItem(_("… and {n} more").format(n=total - len(shown)))

    def _caller_clicked(self, row: int, _column: int) -> None:
        if self.loaded is None or row >= len(self.loaded.report.callers):
            return
        profile = self.loaded.report.callers[row]
        self._list(
            EntryFilter(self.loaded.window, callers=tuple(profile.pairs)),
            _("Entries of {caller}").format(caller=ltr_isolate(profile.id.split(":", 1)[1])),
        )

    def _cell_clicked(self, row: int, column: int) -> None:
        if self.loaded is None:
            return
        demands, threats = self._matrix_keys
        demand, threat = demands[row], threats[column]
        self._list(
            EntryFilter(self.loaded.window, label=("pair", f"{demand} {threat}")),
            f"{demand_label(demand)} × {threat_label(threat)}",
        )

    def _bar_clicked(self, bar: Bar) -> None:
        loaded, series = self.chart_data, self.chart.series
        if loaded is None or bar.period_index >= len(series.periods):
            return
        period = series.periods[bar.period_index]
        window = period_window(period, loaded.granularity, loaded.window)
        key = bar.layer_key
        wanted = (
            EntryFilter(window, channel=key)
            if loaded.layer == "channel"
            else EntryFilter(window, label=(loaded.layer, key))
        )
        self._list(wanted, f"{period}: {layer_label(loaded.layer)(key)}")

    def _entry_activated(self, item: QListWidgetItem) -> None:
        public_id = item.data(Qt.ItemDataRole.UserRole)
        if public_id:
            self.entry_requested.emit(str(public_id))

    def clear(self) -> None:
        self.loaded = self.chart_data = None
        self.generation += 1
        for table in (self.callers, self.matrix):
            table.setRowCount(0)
        self.found.clear()
        self.chart.set_series(IncidentSeries((), ()), current_language())


def _escalation_text(report: PatternReport) -> str:
    esc = report.escalation
    if not esc.first_refusal_utc:
        return _("No refusal is recorded in the responses of this period.")
    text = _("First refusal recorded: {when}").format(
        when=format_incident_time(esc.first_refusal_at)
    )
    if esc.first_threat_after_at:
        text += " — " + _("First threat after it: {when}").format(
            when=format_incident_time(esc.first_threat_after_at)
        )
    return text


def _titled(title: QLabel, widget: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    title.setWordWrap(True)
    column.addWidget(title)
    column.addWidget(widget, 1)
    return box


def _refill(combo: QComboBox, items: list[tuple[Any, str]], default: int = 0) -> None:
    """Re-set the texts of a combo in the current language, keeping the choice."""
    current = combo.currentIndex() if combo.count() else default
    combo.blockSignals(True)
    combo.clear()
    for data, text in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(current)
    combo.blockSignals(False)
