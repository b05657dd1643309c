"""The journal's domain objects: what an entry, a revision, an attachment, an event, a draft and
an export selection are. Pure data (no SQL, no Qt, no I/O), so every layer may import it.

Key slots are a domain object too, but they are the vault header's own format and live with
it: :class:`tr_journal.crypto.keyslots.KeySlot` (docs/vault-format.md).
"""

from tr_journal.domain.attachment import Attachment, RemovedAttachment
from tr_journal.domain.draft import Draft, draft_name
from tr_journal.domain.entry import Entry, EntryFields, EntryQuery, Revision
from tr_journal.domain.enums import (
    AttachmentKind,
    Channel,
    Demand,
    Direction,
    EventKind,
    Offer,
    Relation,
    Threat,
    attachment_kind,
)
from tr_journal.domain.event import Event
from tr_journal.domain.selection import ExportSelection

__all__ = [
    "Attachment",
    "AttachmentKind",
    "Channel",
    "Demand",
    "Direction",
    "Draft",
    "Entry",
    "EntryFields",
    "EntryQuery",
    "Event",
    "EventKind",
    "ExportSelection",
    "Offer",
    "Relation",
    "RemovedAttachment",
    "Revision",
    "Threat",
    "attachment_kind",
    "draft_name",
]
