"""The call-log vocabulary of design §4: enumerations and the fields of an entry.

Identifiers here are stable: they appear in the command line (``--channel wechat``), in
``show --json``/``import`` field names and in evidence bundles. Human labels live in
:mod:`tr_journal.i18n.labels` so they can be translated.
"""

from __future__ import annotations

from typing import Final

CHANNELS: Final = ("phone", "voicemail", "sms", "wechat", "whatsapp", "signal", "telegram",
                   "email", "letter", "in_person", "relative", "other")
DIRECTIONS: Final = ("incoming", "outgoing")
DEMANDS: Final = ("inform", "stop_activism", "delete_posts", "return", "documents",
                  "photos_location", "contacts", "meeting", "money", "other")
THREATS: Final = ("relatives", "detention", "self", "status", "cut_contact", "other")

#: Every field of an entry revision, in the order forms and reports show them.
#: ``occurred_at`` is required; everything else is optional.
TEXT_FIELDS: Final = (
    "caller_number",        # exactly as displayed
    "caller_account",       # account or user name (WeChat id, e-mail address...)
    "caller_name",          # name given
    "claimed_identity",     # identity or agency claimed
    "caller_language",
    "demands_text",
    "threats_text",
    "offers",
    "people_mentioned",
    "witnesses",
    "response",             # how the person responded
    "reported_to",          # police / NGO
    "reported_on",          # date (ISO)
    "report_reference",
    "report_officer",
    "recording_method",     # how any recording was made
    "narrative",
)
FIELDS: Final = (
    "occurred_at", "timezone", "duration_seconds", "recorded_at", "channel", "direction",
    "caller_number", "caller_number_e164", "caller_account", "caller_name", "claimed_identity",
    "caller_language", "demands", "demands_text", "threats", "threats_text", "offers",
    "people_mentioned", "witnesses", "response", "reported_to", "reported_on",
    "report_reference", "report_officer", "recording_method", "narrative", "tags",
)
LIST_FIELDS: Final = ("demands", "threats", "tags")
ENUM_FIELDS: Final = {"channel": CHANNELS, "direction": DIRECTIONS}
LIST_ENUMS: Final = {"demands": DEMANDS, "threats": THREATS}
