"""The timeline: every entry, newest first, with a search box and filters.

Loading runs through the task runner (see :func:`~tr_journal.gui.models.timeline_model.load_page`)
so typing in the search box never waits on the database; typing is debounced so a search runs
once the person pauses, not at every key. One page is loaded at a time; the next is read when
the list is scrolled to its end, so a long journal is all reachable and still opens at once.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtCore import (
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tr_journal import model
from tr_journal.gui.icons import attachment_icon
from tr_journal.gui.models.timeline_model import (
    COLUMNS,
    PAGE_ROWS,
    Filters,
    Page,
    TimelineModel,
    demand_choices,
    load_page,
    threat_choices,
)
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets.date_fields import localise_date_edit
from tr_journal.i18n import _, ngettext
from tr_journal.i18n.labels import channel_label
from tr_journal.vault import Vault

SEARCH_DELAY_MS = 250
ICON = 18


class AttachmentIconsDelegate(QStyledItemDelegate):
    """Paints one small pictogram per attachment (recording, image, document)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        model = index.model()
        rows = getattr(model, "rows", None)
        if rows is None or index.row() >= len(rows):
            return
        x = option.rect.x() + 4
        for kind in rows[index.row()].attachment_kinds[:8]:
            rect = QRect(x, option.rect.center().y() - ICON // 2, ICON, ICON)
            attachment_icon(kind).paint(painter, rect)
            x += ICON + 3

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(4 * (ICON + 3), ICON + 6)


def _day(value: QDate) -> date:
    """The date a date field shows (Qt's stubs type toPython() as object)."""
    return cast(date, value.toPython())


def _combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class TimelineWidget(QWidget):
    """Emits :attr:`entry_selected` with the public id of the entry the user picked."""

    entry_selected = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.vault: Vault | None = None
        self._select_after: str | None = None
        self.loading = False
        self._generation = 0  # bumped by every reload and lock: older pages are dropped
        self._loaded_filters = Filters()
        self.model = TimelineModel(self)
        self.model.fetcher = self._fetch_more
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.refresh)
        self.use_dates = QCheckBox()
        self.since = QDateEdit()
        self.until = QDateEdit()
        today = QDate.currentDate()
        for edit, day in ((self.since, today.addMonths(-1)), (self.until, today)):
            edit.setCalendarPopup(True)
            localise_date_edit(edit)
            edit.setDate(day)
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.use_dates.toggled.connect(self._dates_toggled)
        self.channel = _combo(self)
        self.demand = _combo(self)
        self.threat = _combo(self)
        self.has_recording = QCheckBox()
        for combo in (self.channel, self.demand, self.threat):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.has_recording.toggled.connect(lambda _on: self.refresh())
        self.count = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setItemDelegateForColumn(
            COLUMNS.index("attachments"), AttachmentIconsDelegate(self.table)
        )
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("claimed"), QHeaderView.ResizeMode.Stretch)
        # A title wider than its column starts at its beginning and ends in "…" (its tooltip
        # has it whole) instead of being cut at both ends.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda index: self._current_changed(index, QModelIndex()))
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        dates = QHBoxLayout()
        self.dash = QLabel("–")
        for widget in (self.use_dates, self.since, self.dash, self.until):
            dates.addWidget(widget)
        dates.addStretch(1)
        dates.addWidget(self.has_recording)
        filters = QHBoxLayout()
        for combo in (self.channel, self.demand, self.threat):
            filters.addWidget(combo)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(dates)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        for first, second in (
            (self.search, self.use_dates),
            (self.use_dates, self.since),
            (self.since, self.until),
            (self.until, self.has_recording),
            (self.has_recording, self.channel),
            (self.channel, self.demand),
            (self.demand, self.threat),
            (self.threat, self.table),
        ):
            self.setTabOrder(first, second)

    def _fill(self, combo: QComboBox, any_text: str, choices: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, None)
        for code, text in choices:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def retranslate(self) -> None:
        for edit in (self.since, self.until):
            localise_date_edit(edit)
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Words, names or a phone number"))
        self.use_dates.setText(_("&Dates:"))
        self.has_recording.setText(_("Has a &recording"))
        self._fill(self.channel, _("Any channel"), [(c, channel_label(c)) for c in model.CHANNELS])
        self._fill(self.demand, _("Any demand"), demand_choices())
        self._fill(self.threat, _("Any threat"), threat_choices())
        names = (
            (self.search, _("Search the journal")),
            (self.since, _("From date")),
            (self.until, _("Until date")),
            (self.channel, _("Filter by channel")),
            (self.demand, _("Filter by demand")),
            (self.threat, _("Filter by threat")),
            (self.has_recording, self.has_recording.text().replace("&", "")),
            (self.use_dates, _("Filter by dates")),
            (self.table, _("Entries")),
        )
        for widget, name in names:
            widget.setAccessibleName(name)
        self.table.horizontalHeader().setAccessibleName(_("Columns"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.model.retranslate()
        self._update_count()

    def _dates_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.refresh()

    # -- data ------------------------------------------------------------------------------
    def set_vault(self, vault: Vault | None) -> None:
        self.vault = vault

    def filters(self) -> Filters:
        dates = self.use_dates.isChecked()
        return Filters(
            text=self.search.text(),
            since=_day(self.since.date()) if dates else None,
            until=_day(self.until.date()) if dates else None,
            channel=self.channel.currentData(),
            demand=self.demand.currentData(),
            threat=self.threat.currentData(),
            has_recording=self.has_recording.isChecked(),
        )

    def refresh(self, select: str | None = None) -> None:
        """Reload in the background; ``select`` an entry (by id) once loaded.

        With the same filters, as many rows as are listed now are reloaded (at least a page), so
        a person who scrolled far down keeps their place after saving an entry; an entry to
        select is loaded even if it lies further down."""
        self._debounce.stop()
        if self.vault is None:
            return
        if select:
            self._select_after = select
        vault, filters = self.vault, self.filters()
        self._generation += 1
        generation, want = self._generation, self._select_after
        same_list = filters == self._loaded_filters  # new filters start again from one page
        minimum = max(PAGE_ROWS, len(self.model.rows) if same_list else 0)
        self.loading = True
        self.model.fetching = True  # no page of the old list may be appended meanwhile
        self.tasks.run(
            "timeline",
            lambda _p, _c: load_page(vault, filters, 0, minimum, want),
            on_done=lambda page: self._loaded(vault, generation, filters, page),
            on_error=lambda _e: self._loaded(vault, generation, filters, Page()),
        )

    def _loaded(self, vault: Vault, generation: int, filters: Filters, page: Page) -> None:
        if generation != self._generation or vault is not self.vault:
            return  # locked, another vault, or a newer reload meanwhile: drop the rows
        self.loading = False
        selected = self._select_after or self.current_id()
        self._select_after = None
        new_list, self._loaded_filters = filters != self._loaded_filters, filters
        self.model.set_page(page)
        if new_list:  # results start at the top (and the view does not read on from the end)
            self.table.scrollToTop()
        self._update_count()
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            self.select_row(row)

    def _fetch_more(self, offset: int) -> None:
        """The view reached the end of the list: read the next page in the background, with
        the filters of the rows listed (not what is typed but not yet searched)."""
        if self.vault is None:
            self.model.fetching = False
            return
        vault, filters, generation = self.vault, self._loaded_filters, self._generation
        self.tasks.run(
            "timeline page",
            lambda _p, _c: load_page(vault, filters, offset),
            on_done=lambda page: self._appended(vault, generation, page),
            on_error=lambda _e: self._appended(vault, generation, None),
        )

    def _appended(self, vault: Vault, generation: int, page: Page | None) -> None:
        if vault is not self.vault or generation != self._generation:
            return
        if page is None:  # the page could not be read: stop asking (a reload tries again)
            self.model.more = self.model.fetching = False
        else:
            self.model.append(page)
        self._update_count()

    def _update_count(self) -> None:
        n = len(self.model.rows)
        if self.model.total is not None:
            n = self.model.total  # all reachable by scrolling
        text = ngettext("{n} entry", "{n} entries", n).format(n=n)
        if self.model.more and self.model.total is None:
            text += " +"  # more are listed as the person scrolls down
        self.count.setText(text if self.vault is not None else "")

    def clear(self) -> None:
        """Forget every row (lock): nothing of the journal stays in memory here."""
        self._generation += 1
        self.loading = False
        self.model.clear()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._debounce.stop()
        self._select_after = None
        self.count.clear()

    # -- selection -------------------------------------------------------------------------
    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.public_id(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        """Make ``row`` current and selected. (Not ``QTableView.selectRow``: in a right-to-left
        layout it looks up the column at the viewport's edge, finds none, and selects nothing.)"""
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.public_id(r) for r in rows]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.entry_selected.emit(self.model.public_id(current.row()))
