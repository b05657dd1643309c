"""The closed vocabularies of the journal, one :class:`~enum.StrEnum` each.

Their values are stable identifiers: they appear on the command line (``--channel wechat``), in
``show --json`` and imports, in stored revisions and in evidence bundles, so a member may be
added but never renamed. A member *is* its identifier (``Channel.WECHAT == "wechat"``), so it
goes into JSON and SQL unchanged. Human labels live in :mod:`tr_journal.i18n.labels`.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """How the contact came."""

    PHONE = "phone"
    VOICEMAIL = "voicemail"
    SMS = "sms"
    WECHAT = "wechat"
    WHATSAPP = "whatsapp"
    SIGNAL = "signal"
    TELEGRAM = "telegram"
    EMAIL = "email"
    LETTER = "letter"
    IN_PERSON = "in_person"
    VIDEO_CALL = "video_call"
    SOCIAL_MEDIA = "social_media"
    EMBASSY = "embassy"
    OTHER = "other"
    # "relative" (record format 1) is retired: who relayed it is ``intermediary_relation``
    # now, and format-1 revisions are read through tr_journal.domain.record_v1.


class Relation(StrEnum):
    """What the person who relayed it (``intermediary``) is to the person."""

    PARENT = "parent"
    SIBLING = "sibling"
    SPOUSE = "spouse"
    CHILD = "child"
    OTHER_RELATIVE = "other_relative"
    FRIEND = "friend"
    OTHER = "other"


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class Demand(StrEnum):
    """What the caller asked for."""

    INFORM = "inform"
    STOP_ACTIVISM = "stop_activism"
    DELETE_POSTS = "delete_posts"
    RETURN = "return"
    DOCUMENTS = "documents"
    PHOTOS_LOCATION = "photos_location"
    CONTACTS = "contacts"
    MEETING = "meeting"
    MONEY = "money"
    PROPAGANDA = "propaganda"  # statements, videos or posts for the state
    SURVEILLANCE_APP = "surveillance_app"  # install an app, share a location
    OTHER = "other"


class Threat(StrEnum):
    """What the caller threatened."""

    RELATIVES = "relatives"
    DETENTION = "detention"
    SELF = "self"
    STATUS = "status"
    CUT_CONTACT = "cut_contact"
    MOBILITY = "mobility"  # passport renewal, visa, documents
    OTHER = "other"


class TranscriptMethod(StrEnum):
    """Who or what wrote a transcript or a translation."""

    SELF = "self"
    PROFESSIONAL = "professional"
    MACHINE = "machine"


class Offer(StrEnum):
    """What the caller promised in return."""

    FAMILY_CONTACT = "family_contact"  # video calls with family
    MONEY = "money"
    DOCUMENTS = "documents"  # passport or visa
    RETURN_SAFELY = "return_safely"
    OTHER = "other"


class EventKind(StrEnum):
    """What an audit-chain event records (docs/architecture.md, "The audit chain")."""

    VAULT_CREATED = "vault.created"
    ENTRY_CREATED = "entry.created"
    ENTRY_REVISED = "entry.revised"
    ENTRY_DELETED = "entry.deleted"
    ATTACHMENT_ADDED = "attachment.added"
    ATTACHMENT_REMOVED = "attachment.removed"
    EXPORT_CREATED = "export.created"
    PASSPHRASE_CHANGED = "passphrase.changed"
    KEY_ROTATED = "key.rotated"
    RECOVERY_CHANGED = "recovery.changed"
    CALLER_MERGED = "caller.merged"
    CALLER_UNMERGED = "caller.unmerged"
    STAMP_IMPORTED = "stamp.imported"
    ENTRY_IMPORTED = "entry.imported"
    TRANSCRIPT_CREATED = "transcript.created"  # docs/record-format.md, "Transcripts"
    TRANSCRIPT_REVISED = "transcript.revised"


class AttachmentKind(StrEnum):
    """How the app shows an original: played, viewed, or offered as a document."""

    AUDIO = "audio"
    IMAGE = "image"
    DOCUMENT = "document"


AUDIO_SUFFIXES = (
    ".mp3",
    ".m4a",
    ".aac",
    ".ogg",
    ".oga",
    ".opus",
    ".wav",
    ".flac",
    ".amr",
    ".3gp",
    ".wma",
    ".aif",
    ".aiff",
    ".caf",
)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic")


def attachment_kind(media_type: str, name: str = "") -> AttachmentKind:
    """From the media type probed at import (the name only as a fallback)."""
    lower = name.lower()
    if media_type.startswith("audio/") or lower.endswith(AUDIO_SUFFIXES):
        return AttachmentKind.AUDIO
    if media_type.startswith("image/") or lower.endswith(IMAGE_SUFFIXES):
        return AttachmentKind.IMAGE
    return AttachmentKind.DOCUMENT
