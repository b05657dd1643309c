"""The timeline's rows as a Qt table model: how they are shown (on the main thread).

What is loaded, and how (paging, filtering), is :mod:`tr_journal.journal.timeline`, run on the
worker through the task runner; this model only holds the rows it was given, translates them at
display time and asks for the next page when the view scrolls to its end (Qt's
``canFetchMore``/``fetchMore``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tr_journal.gui.icons import attachment_icon, channel_icon
from tr_journal.i18n import _
from tr_journal.i18n.format import (
    bidi_isolate,
    format_incident_time,
    format_local_time,
    ltr_isolate,
    utc_instant,
)
from tr_journal.i18n.labels import channel_label, choices
from tr_journal.journal.timeline import PAGE_ROWS, Filters, Page, TimelineRow, load_page

COLUMNS = ("when", "channel", "number", "claimed", "attachments")
#: The UTC instant of the "when" column (``2026-11-26T13:30:00Z``): sort by this, never by the
#: displayed text, which is in the language and on each incident's own clock.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
ROLES = frozenset(
    int(role)
    for role in (  # the roles answered; the view asks for ten more
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.UserRole,
        SORT_ROLE,
    )
)


def local_time_text(iso: str | None) -> str:
    """A machine-made instant (saved at, recorded at) in the machine's zone and the language."""
    return format_local_time(iso)


class TimelineModel(QAbstractTableModel):
    """Rows of :func:`load_page`; column texts are translated at display time.

    The model never reads the vault itself: :attr:`fetcher` (set by the timeline widget) starts
    a background load of the page at an SQL offset and hands it to :meth:`append` later, so
    ``fetchMore`` returns at once and the view stays responsive while the page is read.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TimelineRow] = []
        self._row_of: dict[str, int] = {}
        self._shown: dict[tuple[int, int], str] = {}  # display texts, by (row, column)
        self.next_offset = 0
        self.more = False
        self.total: int | None = None
        self.fetching = False
        self.fetcher: Callable[[int], None] | None = None

    def set_page(self, page: Page) -> None:
        """Replace every row by ``page`` (a reload)."""
        self.beginResetModel()
        self.rows, self._row_of = [], {}
        self._shown.clear()
        self._take(page.rows)
        self._continue_after(page)
        self.endResetModel()

    def append(self, page: Page) -> None:
        """Add the next page below; an entry already listed is not listed twice."""
        fresh = [r for r in page.rows if r.id not in self._row_of]
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
            self._take(fresh)
            self.endInsertRows()
        self._continue_after(page)

    def _take(self, rows: list[TimelineRow]) -> None:
        for row in rows:
            if row.id not in self._row_of:
                self._row_of[row.id] = len(self.rows)
                self.rows.append(row)

    def _continue_after(self, page: Page) -> None:
        self.next_offset, self.more, self.fetching = page.next_offset, page.more, False
        self.total = page.total

    def set_rows(self, rows: list[TimelineRow]) -> None:
        self.set_page(Page(rows=rows, next_offset=len(rows)))

    def clear(self) -> None:
        self.set_page(Page())

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more and not self.fetching and self.fetcher is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent) and self.fetcher is not None:
            self.fetching = True
            self.fetcher(self.next_offset)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # the tooltip repeats the title: a long one (Uyghur) may be elided in a narrow column
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return (_("When"), _("Channel"), _("Number"), _("Who they claimed to be"), _("Files"))[
            section
        ]

    def public_id(self, row: int) -> str:
        return self.rows[row].id

    def row_of(self, public_id: str) -> int:
        return self._row_of.get(public_id, -1)

    def retranslate(self) -> None:
        """The language changed: forget the texts made in the old one and repaint."""
        self._shown.clear()
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in ROLES:
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # asked for again at every paint and resize:
            key = (index.row(), index.column())  # made once (Babel dates are not free)
            if key not in self._shown:
                self._shown[key] = self._display(self.rows[key[0]], COLUMNS[key[1]])
            return self._shown[key]
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DecorationRole and column == "channel":
            return channel_icon(row.entry.fields.channel)
        if role == Qt.ItemDataRole.ToolTipRole and column == "attachments":
            return self._attachment_summary(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == "when":
            return self._iso_text(row)
        if role == SORT_ROLE:
            return (
                utc_instant(row.entry.fields.occurred_at)
                if column == "when"
                else self._text(row, column)
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(row, column)
            return self._attachment_summary(row) if column == "attachments" else text
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _display(self, row: TimelineRow, column: str) -> str:
        text = self._text(row, column)
        # A number is isolated left to right (LRI…PDI) so "+86 991…" is not reversed in a
        # right-to-left interface; a name is isolated (FSI…PDI) and keeps its own order.
        if column == "number":
            return ltr_isolate(text)
        return bidi_isolate(text) if column == "claimed" else text

    def _text(self, row: TimelineRow, column: str) -> str:
        fields = row.entry.fields
        if column == "when":
            return format_incident_time(fields.occurred_at)
        if column == "channel":
            return channel_label(fields.channel)
        if column == "number":
            return fields.caller_number or fields.caller_account or ""
        if column == "claimed":
            return fields.claimed_identity or fields.caller_name or ""
        return ""

    @staticmethod
    def _iso_text(row: TimelineRow) -> str:
        """The stored ISO time (machine-readable, exact) and its zone name when known."""
        iso, zone = row.entry.fields.occurred_at, row.entry.fields.timezone
        text = f"{iso} ({zone})" if iso and zone else iso
        return f"\u2066{text}\u2069" if text else ""

    @staticmethod
    def _attachment_summary(row: TimelineRow) -> str:
        kinds = row.attachment_kinds
        names = {"audio": _("recording"), "image": _("image"), "document": _("document")}
        return ", ".join(names[k] for k in kinds)


def demand_choices() -> list[tuple[str, str]]:
    return choices("demand")


def threat_choices() -> list[tuple[str, str]]:
    return choices("threat")


__all__ = [
    "PAGE_ROWS",
    "SORT_ROLE",
    "Filters",
    "Page",
    "TimelineModel",
    "TimelineRow",
    "attachment_icon",
    "load_page",
    "local_time_text",
]
