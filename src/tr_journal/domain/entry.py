"""An entry of the journal: its fields, its revisions, and the entry as listed and shown.

A revision is what is hashed: ``{"rev", "saved_at", "fields"}`` as canonical JSON, whose
SHA-256 is the ``content_sha256`` of its ``entry.created``/``entry.revised`` event and which a
bundle's ``entries.json`` repeats word for word (docs/bundle-format.md). So
:meth:`EntryFields.to_dict` must give back exactly the object that was stored: only the fields
that were said (no empty values), lists sorted, identifiers as text.

Fields enter through :func:`tr_journal.journal.fields.normalise_fields` (the command line, the
form, imports: dicts at the edges) and leave as these objects.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tr_journal.domain.enums import Channel, Demand, Direction, Threat


@dataclass(frozen=True, slots=True)
class EntryFields:
    """Every field of an entry revision, in the order forms and reports show them.

    ``occurred_at`` (ISO 8601 with offset) is required; everything else is optional. The order
    and the names are those of :data:`tr_journal.model.FIELDS`.
    """

    occurred_at: str
    timezone: str | None = None
    duration_seconds: int | None = None
    recorded_at: str | None = None
    channel: Channel | None = None
    direction: Direction | None = None
    caller_number: str | None = None          # exactly as displayed
    caller_number_e164: str | None = None
    caller_account: str | None = None         # WeChat id, e-mail address...
    caller_name: str | None = None            # name given
    claimed_identity: str | None = None       # identity or agency claimed
    caller_language: str | None = None
    demands: tuple[Demand, ...] = ()
    demands_text: str | None = None
    threats: tuple[Threat, ...] = ()
    threats_text: str | None = None
    offers: str | None = None
    people_mentioned: str | None = None
    witnesses: str | None = None
    response: str | None = None               # how the person responded
    reported_to: str | None = None            # police / NGO
    reported_on: str | None = None            # date (ISO)
    report_reference: str | None = None
    report_officer: str | None = None
    recording_method: str | None = None       # how any recording was made
    narrative: str | None = None
    tags: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, stored: Mapping[str, Any]) -> EntryFields:
        """From normalised or stored fields; an unknown name or identifier is a ValueError."""
        unknown = set(stored) - set(FIELD_NAMES)
        if unknown:
            raise ValueError(f"unknown entry fields: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = dict(stored)
        for name, enum in (("channel", Channel), ("direction", Direction)):
            if values.get(name) is not None:
                values[name] = enum(values[name])
        values["demands"] = tuple(Demand(v) for v in values.get("demands", ()))
        values["threats"] = tuple(Threat(v) for v in values.get("threats", ()))
        values["tags"] = tuple(str(v) for v in values.get("tags", ()))
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The stored (and hashed) form: only what was said, lists as sorted lists of text."""
        result: dict[str, Any] = {}
        for name in FIELD_NAMES:
            value = getattr(self, name)
            if value is None or value == ():
                continue
            if isinstance(value, tuple):
                result[name] = [str(v) for v in value]
            elif isinstance(value, str):
                result[name] = str(value)  # an enum member as its plain identifier
            else:
                result[name] = value
        return result

    def text(self, name: str) -> str:
        """A text field by name, empty when not said (forms, reports and search read by name)."""
        value = getattr(self, name)
        return "" if value is None else str(value)


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(EntryFields))


@dataclass(frozen=True, slots=True)
class Revision:
    """One saved state of an entry, exactly as hashed (``rev`` counts from 1)."""

    rev: int
    saved_at: str
    fields: EntryFields

    @classmethod
    def from_json(cls, stored: Mapping[str, Any]) -> Revision:
        return cls(int(stored["rev"]), str(stored["saved_at"]),
                   EntryFields.from_dict(stored["fields"]))

    def to_json(self) -> dict[str, Any]:
        """The hashed object ``{"rev", "saved_at", "fields"}``."""
        return {"rev": self.rev, "saved_at": self.saved_at, "fields": self.fields.to_dict()}


@dataclass(frozen=True, slots=True)
class Entry:
    """A current entry: its id (``E0001``), current revision number and fields."""

    id: str
    revision: int
    saved_at: str
    fields: EntryFields

    def to_json(self) -> dict[str, Any]:
        """The ``show --json``/``list --json`` shape: id, revision, saved_at and the fields."""
        return {"id": self.id, "revision": self.revision, "saved_at": self.saved_at,
                **self.fields.to_dict()}


@dataclass(frozen=True, slots=True)
class EntryQuery:
    """Which current entries to list (all conditions together); newest incident first.

    ``since_utc``/``until_utc`` bound the incident's UTC time (``…Z`` text, inclusive);
    ``ids`` restricts to database row ids (a search's result).
    """

    since_utc: str | None = None
    until_utc: str | None = None
    channel: str | None = None
    ids: tuple[int, ...] | None = None
    limit: int = 50
    offset: int = 0
