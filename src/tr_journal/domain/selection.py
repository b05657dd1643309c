"""What an export discloses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExportSelection:
    """Explicit entry ids and/or a date range (``YYYY-MM-DD`` or a full time); empty = all.

    Kept as the user gave it: the bundle's ``custody/export.json`` records the selection so a
    reader sees what was asked for, not only what came out.
    """

    entry_ids: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    @property
    def normalised_ids(self) -> list[str]:
        """The ids as the vault spells them (``e0001 `` → ``E0001``), in the order given."""
        return [i.strip().upper() for i in self.entry_ids]
