"""The timeline's pages: which entries a filtered, paged list shows (no Qt here).

:func:`load_page` is what the desktop app's timeline runs through its task runner: it reads one
page of the vault and returns domain objects, so the main thread never waits on the database
while an import holds it. The list asks for the next page when the view scrolls to its end, so
every entry is reachable and the first paint costs one page, whatever the size of the journal.
Filters the SQL cannot express (demand, threat, has a recording) are applied after each query;
pages continue from the SQL offset, not the row count.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

import sqlcipher3

from tr_journal.domain import AttachmentKind, Entry, EntryQuery
from tr_journal.journal import search
from tr_journal.store import attachments as attachment_store
from tr_journal.store import entries as entry_store
from tr_journal.timeutil import to_utc_text
from tr_journal.vault import Vault

PAGE_ROWS = 200


@dataclass(frozen=True, slots=True)
class Filters:
    """What the user narrowed the timeline to; empty values mean "any"."""

    text: str = ""
    since: date | None = None
    until: date | None = None
    channel: str | None = None
    demand: str | None = None
    threat: str | None = None
    has_recording: bool = False


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One listed entry and the kinds of its files (for the row's icons), in import order."""

    entry: Entry
    attachment_kinds: tuple[AttachmentKind, ...] = ()

    @property
    def id(self) -> str:
        return self.entry.id


@dataclass
class Page:
    """Rows of one load, where the next one starts (SQL offset), and whether there is one.

    ``total`` is the number of entries when it is known without reading them all (no filter).
    """

    rows: list[TimelineRow] = field(default_factory=list)
    next_offset: int = 0
    more: bool = False
    total: int | None = None


def _utc_bound(day: date | None, end: bool) -> str | None:
    """The first or last second of a local calendar day, as UTC text."""
    if day is None:
        return None
    moment = datetime.combine(day, time.max if end else time.min).astimezone()
    return to_utc_text(moment)


def _post_filtered(
    conn: sqlcipher3.Connection, batch: list[Entry], filters: Filters
) -> list[TimelineRow]:
    if filters.demand:
        batch = [e for e in batch if filters.demand in e.fields.demands]
    if filters.threat:
        batch = [e for e in batch if filters.threat in e.fields.threats]
    files = attachment_store.of_entries(conn, [e.id for e in batch])
    rows = [TimelineRow(e, tuple(a.kind for a in files.get(e.id, []))) for e in batch]
    if filters.has_recording:
        rows = [r for r in rows if AttachmentKind.AUDIO in r.attachment_kinds]
    return rows


def load_page(
    vault: Vault,
    filters: Filters,
    offset: int = 0,
    minimum: int = PAGE_ROWS,
    until_id: str | None = None,
) -> Page:
    """Entries matching ``filters``, newest incident first, from SQL row ``offset`` on: at least
    ``minimum`` rows (fewer at the end), and on until ``until_id`` is among them if it matches
    (a reload that must re-select an entry far down the list)."""
    page = Page(next_offset=offset, more=True)
    with vault.reading() as conn:
        ids = search.matching_ids(conn, filters.text) if filters.text.strip() else None
        if ids is not None and not ids:
            return Page(next_offset=offset, total=0)
        if filters == Filters():
            page.total = entry_store.count_current(conn)
        query = EntryQuery(
            since_utc=_utc_bound(filters.since, end=False),
            until_utc=_utc_bound(filters.until, end=True),
            channel=filters.channel,
            ids=None if ids is None else tuple(ids),
            limit=PAGE_ROWS + 1,
        )
        while page.more and (
            len(page.rows) < minimum or (until_id and all(r.id != until_id for r in page.rows))
        ):
            batch = entry_store.list_current(conn, replace(query, offset=page.next_offset))
            page.more = len(batch) > PAGE_ROWS
            batch = batch[:PAGE_ROWS]
            page.next_offset += len(batch)
            page.rows.extend(_post_filtered(conn, batch, filters))
    return page
