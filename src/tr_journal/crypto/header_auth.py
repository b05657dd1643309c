"""The authentication tag of the vault header (docs/vault-format.md, "What is authenticated").

Each slot's AES-GCM associated data binds its own type and KDF parameters, but not what lies
around it: which slots exist, their order, their ``pending`` flags and ``vault_id``. Format 2
adds, for each data key the header serves, an HMAC-SHA256 over the canonical JSON of the whole
header except the tags themselves. The MAC key is derived from the data key, so only someone who
already holds the data key (who can read everything anyway) can write a header that passes; an
edit made by anyone else is found right after the slot is unwrapped, before anything is written.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from tr_journal.canonical import canonical_json

TAG_HEX_CHARS = 64
_MAC_KEY_LABEL = b"tr-journal header authentication v2"


def _mac_key(data_key: bytes) -> bytes:
    """A key used only for header tags, so the data key itself never keys a second primitive."""
    return hmac.new(data_key, _MAC_KEY_LABEL, hashlib.sha256).digest()


def header_tag(data_key: bytes, doc: dict[str, Any]) -> str:
    """Hex HMAC-SHA256 of ``doc`` (the header without its tags) under ``data_key``."""
    return hmac.new(_mac_key(data_key), canonical_json(doc), hashlib.sha256).hexdigest()


def tag_matches(data_key: bytes, doc: dict[str, Any], tag: str) -> bool:
    """Constant-time check of one tag; a header that cannot be made canonical never matches."""
    try:
        expected = header_tag(data_key, doc)
    except (TypeError, ValueError):  # floats or other values canonical JSON refuses
        return False
    return hmac.compare_digest(expected, tag)
