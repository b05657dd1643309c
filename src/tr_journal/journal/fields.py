"""Validating and normalising the fields of an entry before they become a revision.

Input comes from the CLI, CSV/JSONL imports and the GUI form; all go through
:func:`normalise_fields` so a revision in the vault is always well-formed: known field names,
known enumeration identifiers, a time with offset, and the caller's number in E.164 when it can
be known.
"""

from __future__ import annotations

from typing import Any

from tr_journal import model
from tr_journal.errors import N_, InvalidInput
from tr_journal.journal.duration import parse_duration
from tr_journal.journal.textfold import to_e164
from tr_journal.journal.when import parse_when
from tr_journal.region import home_region


def _as_list(name: str, value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        parts = value.replace("|", ";").replace(",", ";").split(";")
    elif isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        raise InvalidInput(detail=N_("The field {name} must be a list."), name=name)
    return sorted({p.strip() for p in parts if p.strip()})


def _check_enum(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InvalidInput(
            detail=N_("{value} is not a valid {name} (one of: {allowed})."),
            value=value,
            name=name,
            allowed=", ".join(allowed),
        )
    return value


def _attempts(value: Any) -> int:
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = 0
    if count < 1 or isinstance(value, bool) or str(value).strip() != str(count):
        raise InvalidInput(detail=N_("Attempts must be a whole number, 1 or more."))
    return count


def _app_set(
    raw: dict[str, Any], previous: dict[str, Any] | None, recorded_at: str | None
) -> str | None:
    """``recorded_at`` as the app sets it: the first save's time, copied into every revision.

    Given by a person, an import or an edit (other than the value it already has), it is
    refused: "Logged at" is a fact the person cannot backdate (docs/record-format.md).
    """
    kept = (previous or {}).get("recorded_at") or recorded_at
    given = raw.get("recorded_at")
    if given not in (None, "", kept):
        raise InvalidInput(
            detail=N_(
                "Logged at (recorded_at) is set by the app when the entry "
                "is first saved; it cannot be given."
            )
        )
    return None if kept is None else str(kept)


def normalise_fields(
    raw: dict[str, Any], previous: dict[str, Any] | None = None, *, recorded_at: str | None = None
) -> tuple[dict[str, Any], str]:
    """Return ``(fields, occurred_utc)``; unknown names or values raise :class:`InvalidInput`.

    ``occurred_at`` is stored as read by :func:`~tr_journal.journal.when.parse_when` (its
    EDTF/ISO text, with the zone's offset added to a time typed without one); ``occurred_utc``
    is the earliest instant it allows, which lists sort by.

    Empty values are dropped so a revision holds only what was said. ``recorded_at`` is the
    app's: ``recorded_at=`` for a new entry, the ``previous`` revision's for an edit.
    """
    unknown = sorted(set(raw) - set(model.FIELDS))
    if unknown:
        raise InvalidInput(
            detail=N_("Unknown field: {names}. Fields: {valid}."),
            names=", ".join(unknown),
            valid=", ".join(model.FIELDS),
        )
    logged_at = _app_set(raw, previous, recorded_at)
    fields: dict[str, Any] = {}
    for name in model.FIELDS:
        value = raw.get(name)
        if name in model.LIST_FIELDS:
            items = _as_list(name, value)
            for item in items:
                if name in model.LIST_ENUMS:
                    _check_enum(name, item, model.LIST_ENUMS[name])
            if items:
                fields[name] = items
        elif name == "duration_seconds":
            if value not in (None, ""):
                fields[name] = parse_duration(value if isinstance(value, int) else str(value))
        elif name == "attempts":
            if value not in (None, ""):
                fields[name] = _attempts(value)
        elif value not in (None, ""):
            if not isinstance(value, str):
                raise InvalidInput(detail=N_("The field {name} must be text."), name=name)
            text = value.strip()
            if name in model.ENUM_FIELDS:
                text = _check_enum(name, text, model.ENUM_FIELDS[name])
            if text:
                fields[name] = text
    if "occurred_at" not in fields:
        raise InvalidInput(detail=N_("When it happened (occurred_at) is required."))
    occurrence = parse_when(fields["occurred_at"], fields.get("timezone"))
    fields["occurred_at"] = occurrence.text
    if occurrence.zone:
        fields["timezone"] = occurrence.zone
    if "caller_number" in fields and "caller_number_e164" not in fields:
        e164 = to_e164(fields["caller_number"], home_region())
        if e164:
            fields["caller_number_e164"] = e164
    if logged_at is not None:
        fields["recorded_at"] = logged_at
    for name in model.IMPORT_FIELDS:  # an edit (the form has no such field) keeps them
        if previous and previous.get(name) and name not in raw:
            fields[name] = previous[name]
    return fields, occurrence.earliest_utc
