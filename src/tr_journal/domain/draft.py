"""What the entry form keeps while a person types (encrypted in the vault, never a file)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

NEW_DRAFT = "entry:new"


def draft_name(public_id: str | None) -> str:
    """One draft per form: ``entry:new``, or ``entry:E0003`` while editing E0003."""
    return f"entry:{public_id}" if public_id else NEW_DRAFT


@dataclass(frozen=True, slots=True)
class Draft:
    """The form's raw fields as typed (not validated: a draft may be half-filled)."""

    public_id: str | None
    fields: Mapping[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return draft_name(self.public_id)
