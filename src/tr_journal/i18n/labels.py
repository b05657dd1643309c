"""Translated human labels for the stable identifiers of :mod:`tr_journal.model`.

Why here and not in the GUI: the desktop app, the command line and the evidence report all show
the same words for ``in_person``, ``stop_activism``..., and the report is rendered in a language
chosen at export, independently of the interface. So every lookup takes an optional
``translate`` callable (defaults to the current language's ``_``); the report passes the
``gettext`` of :func:`tr_journal.i18n.translations_for` its own language.

Identifiers are what the vault stores; unknown identifiers are shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tr_journal import model
from tr_journal.errors import N_

Translate = Callable[[str], str]

CHANNEL_LABELS: dict[str, str] = {
    "phone": N_("Phone call"),
    "voicemail": N_("Voicemail"),
    "sms": N_("SMS"),
    "wechat": N_("WeChat"),
    "whatsapp": N_("WhatsApp"),
    "signal": N_("Signal"),
    "telegram": N_("Telegram"),
    "email": N_("E-mail"),
    "letter": N_("Letter"),
    "in_person": N_("In person"),
    "video_call": N_("Video call"),
    "social_media": N_("Social media"),
    "embassy": N_("Embassy or consulate"),
    "other": N_("Other"),
}  # "relative" (record format 1) is read as other + other_relative (docs/record-format.md)
RELATION_LABELS: dict[str, str] = {
    "parent": N_("Parent"),
    "sibling": N_("Brother or sister"),
    "spouse": N_("Spouse"),
    "child": N_("Child"),
    "other_relative": N_("Other relative"),
    "friend": N_("Friend"),
    "other": N_("Other"),
}
OFFER_LABELS: dict[str, str] = {
    "family_contact": N_("Contact with family (video calls)"),
    "money": N_("Money"),
    "documents": N_("Documents (passport, visa)"),
    "return_safely": N_("A safe return"),
    "other": N_("Other"),
}
DIRECTION_LABELS: dict[str, str] = {
    "incoming": N_("They contacted me"),
    "outgoing": N_("I contacted them"),
}
DEMAND_LABELS: dict[str, str] = {
    "inform": N_("Inform on others"),
    "stop_activism": N_("Stop activism"),
    "delete_posts": N_("Delete posts"),
    "return": N_("Return home"),
    "documents": N_("Documents / ID"),
    "photos_location": N_("Photos / location"),
    "contacts": N_("Contacts of others"),
    "meeting": N_("Meet them"),
    "money": N_("Money"),
    "propaganda": N_("Statements or posts for the state"),
    "surveillance_app": N_("Install an app / share location"),
    "other": N_("Other"),
}
THREAT_LABELS: dict[str, str] = {
    "relatives": N_("Harm to relatives"),
    "detention": N_("Detention of relatives"),
    "self": N_("Against me"),
    "status": N_("Legal / residence status"),
    "cut_contact": N_("Cut contact with family"),
    "mobility": N_("Passport, visa or travel"),
    "other": N_("Other"),
}
#: who or what made a transcript or translation (docs/record-format.md, "Transcripts")
METHOD_LABELS: dict[str, str] = {
    "self": N_("by the person"),
    "professional": N_("professional"),
    "machine": N_("machine"),
}
FIELD_LABELS: dict[str, str] = {
    "occurred_at": N_("When"),
    "timezone": N_("Time zone"),
    "duration_seconds": N_("Duration"),
    "attempts": N_("Attempts"),
    "recorded_at": N_("Logged at"),
    "source_time": N_("Time in the imported record"),
    "channel": N_("Channel"),
    "direction": N_("Direction"),
    "intermediary": N_("Relayed by"),
    "intermediary_relation": N_("Relation to me"),
    "caller_number": N_("Number shown"),
    "caller_number_e164": N_("Number (international)"),
    "caller_account": N_("Account / user name"),
    "caller_name": N_("Name they gave"),
    "claimed_identity": N_("Who they claimed to be"),
    "caller_language": N_("Language spoken"),
    "demands": N_("What they wanted"),
    "demands_text": N_("Demands, in words"),
    "threats": N_("What they threatened"),
    "threats_text": N_("Threats, in words"),
    "offers": N_("What they offered"),
    "offers_text": N_("Offers, in words"),
    "people_mentioned": N_("People mentioned"),
    "witnesses": N_("Witnesses"),
    "response": N_("How I responded"),
    "reported_to": N_("Reported to"),
    "reported_on": N_("Reported on (date)"),
    "report_reference": N_("Report reference"),
    "report_officer": N_("Officer"),
    "recording_method": N_("How it was recorded"),
    "narrative": N_("Notes"),
    "tags": N_("Tags"),
}

# Every identifier of the model has a label (checked by tests/i18n/test_labels.py).
TABLES: dict[str, tuple[dict[str, str], Iterable[str]]] = {
    "channel": (CHANNEL_LABELS, model.CHANNELS),
    "direction": (DIRECTION_LABELS, model.DIRECTIONS),
    "demand": (DEMAND_LABELS, model.DEMANDS),
    "threat": (THREAT_LABELS, model.THREATS),
    "offer": (OFFER_LABELS, model.OFFERS),
    "relation": (RELATION_LABELS, model.RELATIONS),
    "method": (METHOD_LABELS, ("self", "professional", "machine")),
    "field": (FIELD_LABELS, model.FIELDS),
}


def _translate(translate: Translate | None) -> Translate:
    if translate is not None:
        return translate
    from tr_journal.i18n import _  # late: i18n/__init__ may import this module

    return _


def label(table: dict[str, str], code: str | None, translate: Translate | None = None) -> str:
    """Translated label of ``code`` in ``table``; empty for None, the code itself if unknown."""
    if not code:
        return ""
    if code not in table:
        return code
    return _translate(translate)(table[code])


def channel_label(code: str | None, translate: Translate | None = None) -> str:
    return label(CHANNEL_LABELS, code, translate)


def direction_label(code: str | None, translate: Translate | None = None) -> str:
    return label(DIRECTION_LABELS, code, translate)


def demand_label(code: str | None, translate: Translate | None = None) -> str:
    return label(DEMAND_LABELS, code, translate)


def threat_label(code: str | None, translate: Translate | None = None) -> str:
    return label(THREAT_LABELS, code, translate)


def offer_label(code: str | None, translate: Translate | None = None) -> str:
    return label(OFFER_LABELS, code, translate)


def relation_label(code: str | None, translate: Translate | None = None) -> str:
    return label(RELATION_LABELS, code, translate)


def field_label(name: str | None, translate: Translate | None = None) -> str:
    return label(FIELD_LABELS, name, translate)


def field_caption(name: str, translate: Translate | None = None) -> str:
    """A form caption: the label and the language's colon ("Notes :" in French, "备注：")."""
    tr = _translate(translate)
    return tr(N_("{label}:")).format(label=field_label(name, tr))


def labels_joined(
    table: dict[str, str],
    codes: Iterable[str] | None,
    translate: Translate | None = None,
    separator: str = ", ",
) -> str:
    """Several identifiers (demands, threats) as one translated, comma-separated string."""
    return separator.join(label(table, code, translate) for code in (codes or ()) if code)


def choices(kind: str, translate: Translate | None = None) -> list[tuple[str, str]]:
    """``[(identifier, translated label)]`` in model order, for combo boxes and check lists."""
    table, codes = TABLES[kind]
    return [(code, label(table, code, translate)) for code in codes]
