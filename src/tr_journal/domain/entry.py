"""An entry of the journal: its fields, its revisions, and the entry as listed and shown.

A revision is what is hashed (docs/record-format.md): format 2 is
``{"format": 2, "rev", "saved_at", "salt", "fields"}``, format 1 (older vaults) ``{"rev",
"saved_at", "fields"}``, as canonical JSON whose SHA-256 is the ``content_sha256`` of its
``entry.created``/``entry.revised`` event and which a bundle's ``entries.json`` repeats word for
word (docs/bundle-format.md). So :meth:`Revision.to_json` must give back exactly the object that
was stored: only the fields that were said (no empty values), lists sorted, identifiers as text;
a format-1 revision keeps its stored fields as they were and is *read* in today's terms.

Fields enter through :func:`tr_journal.journal.fields.normalise_fields` (the command line, the
form, imports: dicts at the edges) and leave as these objects.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tr_journal.domain import record_v1
from tr_journal.domain.enums import Channel, Demand, Direction, Offer, Relation, Threat


@dataclass(frozen=True)
class EntryFields:
    """Every field of an entry revision, in the order forms and reports show them.

    ``occurred_at`` (ISO 8601 with offset) is required; everything else is optional. The order
    and the names are those of :data:`tr_journal.model.FIELDS`. Frozen, but without
    ``__slots__``: the defaults then live on the class, so :meth:`from_dict` (run for every row
    of every list) stores only the fields an entry has.
    """

    occurred_at: str
    timezone: str | None = None
    duration_seconds: int | None = None
    attempts: int | None = None  # how many times; absent = 1
    recorded_at: str | None = None  # "Logged at": set by the app, never typed
    source_time: str | None = None  # an import's own logged time, as written
    channel: Channel | None = None
    direction: Direction | None = None
    intermediary: str | None = None  # who relayed it
    intermediary_relation: Relation | None = None
    caller_number: str | None = None  # exactly as displayed
    caller_number_e164: str | None = None
    caller_account: str | None = None  # WeChat id, e-mail address...
    caller_name: str | None = None  # name given
    claimed_identity: str | None = None  # identity or agency claimed
    caller_language: str | None = None
    demands: tuple[Demand, ...] = ()
    demands_text: str | None = None
    threats: tuple[Threat, ...] = ()
    threats_text: str | None = None
    offers: tuple[Offer, ...] = ()
    offers_text: str | None = None
    people_mentioned: str | None = None
    witnesses: str | None = None
    response: str | None = None  # how the person responded
    reported_to: str | None = None  # police / NGO
    reported_on: str | None = None  # date (ISO)
    report_reference: str | None = None
    report_officer: str | None = None
    recording_method: str | None = None  # how any recording was made
    narrative: str | None = None
    tags: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, stored: Mapping[str, Any]) -> EntryFields:
        """From normalised or stored fields; an unknown name or identifier is a ValueError.

        Why not ``cls(**values)``: this runs for every row of every list (a timeline page, an
        export), and a frozen dataclass's ``__init__`` sets every field one by one through
        ``object.__setattr__``. Storing only the fields given (the others read their defaults
        from the class) gives the same immutable object in a fraction of the time.
        """
        values: dict[str, Any] = {}
        for name, value in stored.items():
            convert = _CONVERT.get(name)
            if convert is None:
                raise ValueError(f"unknown entry field: {name}")
            values[name] = value if convert is _KEEP else convert(value)
        if not isinstance(values.get("occurred_at"), str):
            raise ValueError("occurred_at is required")
        fields = object.__new__(cls)
        fields.__dict__.update(values)
        return fields

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

    @property
    def attempt_count(self) -> int:
        """How many attempts this fact counts for (reports and counts): 1 unless said."""
        return self.attempts or 1

    def text(self, name: str) -> str:
        """A text field by name, empty when not said (forms, reports and search read by name)."""
        value = getattr(self, name)
        return "" if value is None else str(value)


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(EntryFields))


def _one_of(enum: type[StrEnum]) -> Callable[[Any], Any]:
    members = {m.value: m for m in enum}

    def convert(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise ValueError(f"{value!r} is not a {enum.__name__}") from None

    return convert


def _tuple_of(convert: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    return lambda values: tuple(convert(v) for v in values)


def _keep(value: Any) -> Any:
    return value


_KEEP = _keep
#: how each stored field becomes its attribute (text and numbers are kept as stored)
_CONVERT: dict[str, Callable[[Any], Any]] = {
    **{name: _KEEP for name in FIELD_NAMES},
    "channel": _one_of(Channel),
    "direction": _one_of(Direction),
    "intermediary_relation": _one_of(Relation),
    "demands": _tuple_of(_one_of(Demand)),
    "threats": _tuple_of(_one_of(Threat)),
    "offers": _tuple_of(_one_of(Offer)),
    "tags": _tuple_of(str),
}


REVISION_FORMAT = 2  # the format this version writes (docs/record-format.md)
SALT_HEX_DIGITS = 32  # 128 random bits


def is_salt(value: object) -> bool:
    """Whether ``value`` is a salt as the writer makes them: at least 128 bits in lowercase
    hex (docs/record-format.md)."""
    return (
        isinstance(value, str)
        and len(value) >= SALT_HEX_DIGITS
        and all(c in "0123456789abcdef" for c in value)
    )


def revision_format(stored: Mapping[str, Any]) -> int | None:
    """The format of a stored revision object as the verifier reads it: 2 with a salt of at
    least 128 bits in lowercase hex, 1 with neither ``format`` nor ``salt``; None otherwise."""
    if "format" not in stored and "salt" not in stored:
        return 1
    if (
        type(stored.get("format")) is int
        and stored["format"] == REVISION_FORMAT
        and is_salt(stored.get("salt"))
    ):
        return REVISION_FORMAT
    return None


@dataclass(frozen=True, slots=True)
class Revision:
    """One saved state of an entry, exactly as hashed (``rev`` counts from 1).

    ``salt`` (format 2) is hashed with the fields so an undisclosed revision's hash cannot be
    tested against guesses. A format-1 revision (``format == 1``) has no salt; ``stored`` keeps
    its fields exactly as they were hashed, and ``fields`` is what they mean today
    (:func:`tr_journal.domain.record_v1.upgrade_fields`).
    """

    rev: int
    saved_at: str
    fields: EntryFields
    salt: str | None = None
    format: int = REVISION_FORMAT
    stored: Mapping[str, Any] | None = None

    @classmethod
    def from_json(cls, stored: Mapping[str, Any], first_saved_at: str | None = None) -> Revision:
        """From the stored object; ``first_saved_at`` (revision 1's ``saved_at``) lets a
        format-1 revision's ``recorded_at`` be read as the app set it."""
        rev, saved_at = int(stored["rev"]), str(stored["saved_at"])
        if stored.get("format") == REVISION_FORMAT:
            return cls(rev, saved_at, EntryFields.from_dict(stored["fields"]), str(stored["salt"]))
        raw = dict(stored["fields"])
        upgraded = record_v1.upgrade_fields(raw, first_saved_at or saved_at)
        return cls(rev, saved_at, EntryFields.from_dict(upgraded), None, 1, raw)

    def to_json(self) -> dict[str, Any]:
        """The hashed object, in the revision's own format."""
        if self.format == 1:
            return {"rev": self.rev, "saved_at": self.saved_at, "fields": dict(self.stored or {})}
        return {
            "format": REVISION_FORMAT,
            "rev": self.rev,
            "saved_at": self.saved_at,
            "salt": self.salt,
            "fields": self.fields.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Entry:
    """A current entry: its id (``E0001``), current revision number and fields."""

    id: str
    revision: int
    saved_at: str
    fields: EntryFields
    record_format: int = REVISION_FORMAT

    def to_json(self) -> dict[str, Any]:
        """The ``show --json``/``list --json`` shape: id, revision, saved_at, the revision's
        format and the fields (a format-1 revision's as read today)."""
        return {
            "id": self.id,
            "revision": self.revision,
            "saved_at": self.saved_at,
            "record_format": self.record_format,
            **self.fields.to_dict(),
        }


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
