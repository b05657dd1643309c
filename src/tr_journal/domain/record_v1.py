"""Reading a format-1 revision in today's terms (docs/record-format.md, "Reading format 1").

Stored revisions are never rewritten (their hashes are in the chain and in bundles already
given to a lawyer); this is the one mapping every reader goes through instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def upgrade_fields(stored: Mapping[str, Any], first_saved_at: str) -> dict[str, Any]:
    """Format-1 fields as format-2 fields.

    - ``channel: relative`` said only that a relative relayed it, not how: channel ``other``,
      relation ``other_relative`` (an ``intermediary_relation`` already given is kept);
    - free-text ``offers`` become ``offers_text``;
    - ``recorded_at`` is the ``saved_at`` of revision 1 (the app's own time); a different value
      was given by ``--field`` or an import and is kept as ``source_time``.
    """
    fields = dict(stored)
    if fields.get("channel") == "relative":
        fields["channel"] = "other"
        fields.setdefault("intermediary_relation", "other_relative")
    offers = fields.pop("offers", None)
    if offers not in (None, "", []):
        fields["offers_text"] = offers if isinstance(offers, str) else "; ".join(offers)
    given = fields.get("recorded_at")
    if given not in (None, first_saved_at):
        fields.setdefault("source_time", given)
    fields["recorded_at"] = first_saved_at
    return fields
