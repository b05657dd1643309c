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
        raise InvalidInput(detail=N_("{value} is not a valid {name} (one of: {allowed})."),
                           value=value, name=name, allowed=", ".join(allowed))
    return value


def _duration(value: Any) -> int:
    try:
        seconds = int(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(detail=N_("The duration must be a whole number of seconds.")) from exc
    if seconds < 0:
        raise InvalidInput(detail=N_("The duration must be a whole number of seconds."))
    return seconds


def normalise_fields(raw: dict[str, Any], previous: dict[str, Any] | None = None
                     ) -> tuple[dict[str, Any], str]:
    """Return ``(fields, occurred_utc)``; unknown names or values raise :class:`InvalidInput`.

    ``occurred_at`` is stored as read by :func:`~tr_journal.journal.when.parse_when` (its
    EDTF/ISO text, with the zone's offset added to a time typed without one); ``occurred_utc``
    is the earliest instant it allows, which lists sort by.

    Empty values are dropped so a revision holds only what was said.
    """
    unknown = sorted(set(raw) - set(model.FIELDS))
    if unknown:
        raise InvalidInput(detail=N_("Unknown field: {names}."), names=", ".join(unknown))
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
                fields[name] = _duration(value)
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
    if previous and "recorded_at" in previous and "recorded_at" not in fields:
        fields["recorded_at"] = previous["recorded_at"]
    return fields, occurrence.earliest_utc
