"""The timeline's rows: what is loaded (on the worker) and how it is shown (on the main thread).

:func:`load_rows` is a plain function run through the task runner: it reads the vault and
returns plain dicts, so the main thread never waits on the database while an import holds it.
Filters the SQL cannot express (demand, threat, has a recording) are applied after the query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tr_journal.gui.icons import attachment_icon, channel_icon, kind_of
from tr_journal.i18n import _
from tr_journal.i18n.labels import channel_label, choices
from tr_journal.journal import entries, search
from tr_journal.vault import Vault

MAX_ROWS = 2000
COLUMNS = ("when", "channel", "number", "claimed", "attachments")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the timeline to; empty values mean "any"."""

    text: str = ""
    since: date | None = None
    until: date | None = None
    channel: str | None = None
    demand: str | None = None
    threat: str | None = None
    has_recording: bool = False


def _utc_bound(day: date | None, end: bool) -> str | None:
    if day is None:
        return None
    moment = datetime.combine(day, time.max if end else time.min).astimezone()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _attachments_by_entry(vault: Vault, ids: list[str]) -> dict[str, list[str]]:
    """Attachment kinds (audio/image/document) of each entry, in import order."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    with vault.reading() as conn:
        rows = conn.execute(
            f"SELECT e.public_id, a.media_type, a.name FROM attachments a JOIN entries e "
            f"ON e.id = a.entry_id WHERE a.removed = 0 AND e.public_id IN ({marks}) "
            f"ORDER BY a.id", ids).fetchall()
    kinds: dict[str, list[str]] = {}
    for public_id, media_type, name in rows:
        kinds.setdefault(public_id, []).append(kind_of(media_type, name))
    return kinds


def load_rows(vault: Vault, filters: Filters) -> list[dict[str, Any]]:
    """Entries matching ``filters``, newest incident first, with their attachment kinds."""
    with vault.reading() as conn:
        ids = search.matching_ids(conn, filters.text) if filters.text.strip() else None
        if ids is not None and not ids:
            return []
        rows = entries.list_entries(conn, limit=MAX_ROWS, ids=ids,
                                    since_utc=_utc_bound(filters.since, end=False),
                                    until_utc=_utc_bound(filters.until, end=True),
                                    channel=filters.channel)
    if filters.demand:
        rows = [r for r in rows if filters.demand in r.get("demands", [])]
    if filters.threat:
        rows = [r for r in rows if filters.threat in r.get("threats", [])]
    kinds = _attachments_by_entry(vault, [r["id"] for r in rows])
    for row in rows:
        row["attachment_kinds"] = kinds.get(row["id"], [])
    if filters.has_recording:
        rows = [r for r in rows if "audio" in r["attachment_kinds"]]
    return rows


def local_time_text(occurred_at: str | None) -> str:
    """The incident time in the machine's zone, as ``2026-01-29 15:03``."""
    if not occurred_at:
        return ""
    try:
        moment = datetime.fromisoformat(occurred_at)
    except ValueError:
        return occurred_at
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


class TimelineModel(QAbstractTableModel):
    """Rows of :func:`load_rows`; column texts are translated at display time."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("When"), _("Channel"), _("Number"), _("Who they claimed to be"),
                _("Files"))[section]

    def public_id(self, row: int) -> str:
        return str(self.rows[row]["id"])

    def row_of(self, public_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == public_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._text(row, column)
            # A number is embedded left-to-right (LRE…PDF) so "+86 991…" is not reversed in a
            # right-to-left interface; a name is isolated (FSI…PDI) and keeps its own order.
            if text and column == "number":
                return f"\u202a{text}\u202c"
            return f"\u2068{text}\u2069" if text and column == "claimed" else text
        if role == Qt.ItemDataRole.DecorationRole and column == "channel":
            return channel_icon(row.get("channel"))
        if role == Qt.ItemDataRole.ToolTipRole and column == "attachments":
            return self._attachment_summary(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(row, column)
            return self._attachment_summary(row) if column == "attachments" else text
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def _text(self, row: dict[str, Any], column: str) -> str:
        if column == "when":
            return local_time_text(row.get("occurred_at"))
        if column == "channel":
            return channel_label(row.get("channel"))
        if column == "number":
            return str(row.get("caller_number") or row.get("caller_account") or "")
        if column == "claimed":
            return str(row.get("claimed_identity") or row.get("caller_name") or "")
        return ""

    @staticmethod
    def _attachment_summary(row: dict[str, Any]) -> str:
        kinds = row.get("attachment_kinds", [])
        names = {"audio": _("recording"), "image": _("image"), "document": _("document")}
        return ", ".join(names[k] for k in kinds)


def demand_choices() -> list[tuple[str, str]]:
    return choices("demand")


def threat_choices() -> list[tuple[str, str]]:
    return choices("threat")


__all__ = ["Filters", "TimelineModel", "attachment_icon", "load_rows", "local_time_text"]
