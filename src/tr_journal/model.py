"""The call-log vocabulary as identifiers: the enumerations' values and the fields of an entry.

Identifiers here are stable: they appear in the command line (``--channel wechat``), in
``show --json``/``import`` field names and in evidence bundles. The enumerations themselves are
:mod:`tr_journal.domain.enums` and the typed entry is :class:`tr_journal.domain.EntryFields`
(whose attributes are :data:`FIELDS`, in this order); these tuples serve argparse choices,
forms and imports. Human labels live in :mod:`tr_journal.i18n.labels` so they can be translated.
"""

from __future__ import annotations

from typing import Final

from tr_journal.domain.enums import Channel, Demand, Direction, Offer, Relation, Threat

CHANNELS: Final = tuple(c.value for c in Channel)
DIRECTIONS: Final = tuple(d.value for d in Direction)
DEMANDS: Final = tuple(d.value for d in Demand)
THREATS: Final = tuple(t.value for t in Threat)
OFFERS: Final = tuple(o.value for o in Offer)
RELATIONS: Final = tuple(r.value for r in Relation)

#: Every field of an entry revision, in the order forms and reports show them.
#: ``occurred_at`` is required; everything else is optional.
TEXT_FIELDS: Final = (
    "caller_number",  # exactly as displayed
    "caller_account",  # account or user name (WeChat id, e-mail address...)
    "caller_name",  # name given
    "claimed_identity",  # identity or agency claimed
    "caller_language",
    "demands_text",
    "threats_text",
    "offers_text",
    "intermediary",  # who relayed it
    "people_mentioned",
    "witnesses",
    "response",  # how the person responded
    "reported_to",  # police / NGO
    "reported_on",  # date (ISO)
    "report_reference",
    "report_officer",
    "recording_method",  # how any recording was made
    "narrative",
)
FIELDS: Final = (
    "occurred_at",
    "timezone",
    "duration_seconds",
    "attempts",
    "recorded_at",
    "source_time",
    "channel",
    "direction",
    "intermediary",
    "intermediary_relation",
    "caller_number",
    "caller_number_e164",
    "caller_account",
    "caller_name",
    "claimed_identity",
    "caller_language",
    "demands",
    "demands_text",
    "threats",
    "threats_text",
    "offers",
    "offers_text",
    "people_mentioned",
    "witnesses",
    "response",
    "reported_to",
    "reported_on",
    "report_reference",
    "report_officer",
    "recording_method",
    "narrative",
    "tags",
)
LIST_FIELDS: Final = ("demands", "threats", "offers", "tags")
ENUM_FIELDS: Final = {
    "channel": CHANNELS,
    "direction": DIRECTIONS,
    "intermediary_relation": RELATIONS,
}
LIST_ENUMS: Final = {"demands": DEMANDS, "threats": THREATS, "offers": OFFERS}
#: Set by the app, never by a person, an import or an edit (docs/record-format.md).
APP_FIELDS: Final = ("recorded_at",)
#: Given only by an import (the source's own time), never typed.
IMPORT_FIELDS: Final = ("source_time",)
