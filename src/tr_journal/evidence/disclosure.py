"""What an export selection discloses: its entries, and whole phone exports among their files.

An import can keep the export file itself, bit-exact, as an attachment of its first new entry
(``--attach-source``, docs/imports.md). Disclosing that entry ships the whole chat, including
the messages behind entries the person chose not to disclose. The export does not refuse (the
person may mean to hand over the whole chat), but the command line and the export wizard say so
with :func:`whole_export_warning` before or after writing, from :func:`whole_exports_in`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlcipher3

from tr_journal.domain import Attachment, ExportSelection
from tr_journal.i18n import ngettext
from tr_journal.journal.when import bound_utc
from tr_journal.media import records
from tr_journal.store import entries as entry_store
from tr_journal.store import imports as import_store
from tr_journal.vault import Vault


@dataclass(frozen=True, slots=True)
class WholeExport:
    """A disclosed original that is an import's export file, some of whose entries the bundle
    does not disclose: the bundle nonetheless carries their messages inside that file."""

    entry_id: str  # the disclosed entry carrying the file
    attachment_id: str
    name: str  # the export file's name as imported: untrusted, escape it to show it
    undisclosed: int  # current entries imported from that file and not disclosed


def selected_ids(conn: sqlcipher3.Connection, selection: ExportSelection) -> list[str]:
    """The public ids of the entries ``selection`` discloses; :class:`NotFound` for an unknown
    or deleted id named in it."""
    wanted = selection.normalised_ids
    for public_id in wanted:
        entry_store.row_id(conn, public_id)  # raises NotFound for unknown/deleted ids
    return entry_store.selected_ids(
        conn, wanted, bound_utc(selection.since, False), bound_utc(selection.until, True)
    )


def whole_exports_in(
    conn: sqlcipher3.Connection, carried: Iterable[tuple[str, Attachment]], disclosed: Sequence[str]
) -> tuple[WholeExport, ...]:
    """Every ``(entry id, original)`` of ``carried`` whose SHA-256 is that of an import from
    which at least one current entry is not in ``disclosed``."""
    shown, found = set(disclosed), []
    for entry_id, original in carried:
        rows = import_store.current_entries_from(conn, original.sha256)
        hidden = {public_id for _name, public_id in rows} - shown
        if hidden:
            found.append(WholeExport(entry_id, original.id, rows[0][0], len(hidden)))
    return tuple(found)


def whole_exports(vault: Vault, selection: ExportSelection) -> tuple[WholeExport, ...]:
    """What :func:`whole_exports_in` finds for ``selection``, read under the vault's lock
    (the export wizard asks before the export runs); nothing for an empty selection."""
    with vault.reading() as conn:
        ids = selected_ids(conn, selection)
        carried = [(i, a) for i in ids for a in records.list_attachments(conn, i)]
        return whole_exports_in(conn, carried, ids)


def whole_export_warning(found: WholeExport, name: str, entry: str | None = None) -> str:
    """The one sentence that says so; ``name`` is :attr:`WholeExport.name` made safe for where
    it is shown (escaped for a terminal, isolated for a right-to-left window), as ``entry`` is
    the entry id when given."""
    return ngettext(
        "{entry} carries the whole export '{name}': it also holds the messages of {n} entry "
        "this bundle does not disclose.",
        "{entry} carries the whole export '{name}': it also holds the messages of {n} entries "
        "this bundle does not disclose.",
        found.undisclosed,
    ).format(entry=entry or found.entry_id, name=name, n=found.undisclosed)
