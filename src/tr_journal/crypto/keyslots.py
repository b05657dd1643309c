"""The plaintext vault header ``keyslots.json``: key slots wrapping the data key.

The format is stated in docs/vault-format.md. Each slot wraps the 256-bit data key with
AES-256-GCM under an Argon2id key derived from a secret (the passphrase, or the recovery key's
160 bits). The slot's type and KDF parameters are the associated data, so editing the parameters
in the file makes the unwrap fail instead of silently weakening the slot. Format 2 adds a tag
per data key over the whole header (slot list, ``pending`` flags, ``vault_id``): see
:mod:`tr_journal.crypto.header_auth`. Format 1 headers still open and are sealed on their next
write.

The header is written atomically. ``keyslots.json.bak`` is a second copy of the *current*
header, written before the main file (see docs/architecture.md: keeping the *previous* header, as
the design first suggested, would let a compromised old passphrase keep unlocking the vault).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tr_journal.canonical import canonical_json
from tr_journal.crypto.header_auth import TAG_HEX_CHARS, header_tag, tag_matches
from tr_journal.crypto.kdf import (
    KEY_BYTES,
    MAX_ITERATIONS,
    MAX_MEMORY_KIB,
    KdfParams,
    _b64,
    derive_key,
)
from tr_journal.errors import N_, VaultCorrupt, VaultTooNew, WrongPassphrase
from tr_journal.fsutil import atomic_write_bytes

HEADER_FORMAT = "tr-journal-keyslots"
HEADER_VERSION = 2
#: the format before header authentication; read, and upgraded on the next write
LEGACY_VERSION = 1
#: slot AES-GCM associated data keeps naming format 1, so slots need no re-wrapping to upgrade
SLOT_AD_VERSION = 1
#: a passphrase and a recovery slot, plus those of a rotation or replacement in flight, fit
#: well within this; it bounds how many Argon2 runs a hostile header can ask of one unlock
MAX_SLOTS = 8
#: Argon2 work (KiB x passes) one unlock may be asked for per slot type: two slots at the
#: highest parameters, as during a replacement or a rotation. Eight slots at the highest
#: parameters would be four times that.
MAX_WORK_PER_TYPE = 2 * MAX_MEMORY_KIB * MAX_ITERATIONS
HEADER_NAME = "keyslots.json"
BACKUP_NAME = "keyslots.json.bak"
MAX_HEADER_BYTES = 64 * 1024
SLOT_TYPES = ("passphrase", "recovery")
NONCE_BYTES = 12


def key_id(data_key: bytes) -> str:
    """A short public tag of a data key, so slots left by an interrupted rotation can be told
    apart (and pruned) without their secret. It reveals nothing usable about a 256-bit key."""
    return hashlib.sha256(b"tr-journal key id\0" + data_key).hexdigest()[:16]


@dataclass(frozen=True)
class KeySlot:
    type: str
    kdf: KdfParams
    nonce: bytes
    wrapped_key: bytes
    key_id: str = ""
    #: written by a rotation before its re-key; cleared when the rotation completes
    pending: bool = False

    def associated_data(self) -> bytes:
        doc: dict[str, Any] = {
            "format": HEADER_FORMAT,
            "version": SLOT_AD_VERSION,
            "type": self.type,
            "kdf": self.kdf.to_json(),
        }
        if self.key_id:
            doc["key_id"] = self.key_id
        return canonical_json(doc)

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "type": self.type,
            "kdf": self.kdf.to_json(),
            "nonce": base64.b64encode(self.nonce).decode("ascii"),
            "wrapped_key": base64.b64encode(self.wrapped_key).decode("ascii"),
        }
        if self.key_id:
            doc["key_id"] = self.key_id
        if self.pending:
            doc["pending"] = True
        return doc

    @classmethod
    def from_json(cls, raw: Any) -> KeySlot:
        if not isinstance(raw, dict) or raw.get("type") not in SLOT_TYPES:
            raise VaultCorrupt(detail=N_("the header has a key slot of an unknown type"))
        tag = raw.get("key_id", "")
        if not isinstance(tag, str) or len(tag) > 64:
            raise VaultCorrupt(detail=N_("a key slot field is not valid"))
        slot = cls(
            raw["type"],
            KdfParams.from_json(raw.get("kdf")),
            _b64(raw.get("nonce")),
            _b64(raw.get("wrapped_key")),
            tag,
            raw.get("pending") is True,
        )
        if len(slot.nonce) != NONCE_BYTES or len(slot.wrapped_key) != KEY_BYTES + 16:
            raise VaultCorrupt(detail=N_("a key slot has the wrong size"))
        return slot


def wrap_key(slot_type: str, secret: bytes, data_key: bytes, kdf: KdfParams) -> KeySlot:
    kdf = kdf.with_new_salt()
    nonce = os.urandom(NONCE_BYTES)
    draft = KeySlot(slot_type, kdf, nonce, b"", key_id(data_key))
    wrapped = AESGCM(derive_key(secret, kdf)).encrypt(nonce, data_key, draft.associated_data())
    return KeySlot(slot_type, kdf, nonce, wrapped, draft.key_id)


def unwrap_key(slot: KeySlot, secret: bytes) -> bytes | None:
    """The data key, or ``None`` when the secret does not open this slot."""
    try:
        return AESGCM(derive_key(secret, slot.kdf)).decrypt(
            slot.nonce, slot.wrapped_key, slot.associated_data()
        )
    except InvalidTag:
        return None


@dataclass
class Header:
    """The parsed header. ``auth`` maps a data key's :func:`key_id` to its tag; it is empty for
    a format 1 header (and for a header not sealed yet)."""

    slots: list[KeySlot]
    extra: dict[str, Any] = field(default_factory=dict)
    auth: dict[str, str] = field(default_factory=dict)
    #: the document as read from disk without ``auth``: the tags are checked over exactly what
    #: was read, so even a field this version ignores cannot be added or changed unseen
    read_doc: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    def signed_doc(self, version: int | None = None) -> dict[str, Any]:
        """Everything the tags cover: the whole document except the tags."""
        doc = dict(self.extra)
        doc.update(
            {
                "format": HEADER_FORMAT,
                "version": version or (HEADER_VERSION if self.auth else LEGACY_VERSION),
                "slots": [slot.to_json() for slot in self.slots],
            }
        )
        return doc

    def to_bytes(self) -> bytes:
        doc = self.signed_doc()
        if self.auth:
            doc["auth"] = dict(self.auth)
        return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("utf-8")

    @property
    def authenticated(self) -> bool:
        return bool(self.auth)

    def sealed(self, data_keys: list[bytes]) -> Header:
        """This header in format 2, with one tag per data key it serves."""
        doc = self.signed_doc(HEADER_VERSION)
        return Header(
            list(self.slots),
            dict(self.extra),
            {key_id(key): header_tag(key, doc) for key in data_keys},
        )

    def verifies(self, data_key: bytes) -> bool:
        """True if this format 2 header carries a valid tag for ``data_key``."""
        tag = self.auth.get(key_id(data_key))
        doc = self.read_doc if self.read_doc is not None else self.signed_doc()
        return tag is not None and tag_matches(data_key, doc, tag)

    @property
    def rotation_in_flight(self) -> bool:
        return len({s.key_id for s in self.slots if s.key_id}) > 1 or any(
            s.pending for s in self.slots
        )

    def settled(self, data_key: bytes, proven: frozenset[int] = frozenset()) -> Header | None:
        """The header an interrupted action should have left, or ``None`` if it is settled.

        Only called once ``data_key`` has opened the database, so the working slot is never
        dropped. ``proven`` holds the indexes of the slots the person just opened: a pending
        slot among them has reached them. The rules are in docs/vault-format.md ("Settling").
        """
        current = key_id(data_key)
        mine = [(i, s) for i, s in enumerate(self.slots) if s.key_id in ("", current)]
        if self.authenticated:
            kept = [s for i, s in mine if _keep_slot(i, s, mine, proven)]
        else:
            kept = _legacy_kept(self.slots, [s for _, s in mine])
        kept = [dataclasses.replace(s, pending=False) for s in kept]
        return Header(kept, self.extra) if kept != self.slots else None

    def drops_shown_recovery_key(self, settled: Header | None) -> bool:
        """True if settling into ``settled`` drops a pending recovery slot while an older one
        stays: an interrupted replacement or rotation may have shown the person a key that will
        not work, and they should hear that their previous key is the one that does."""
        if settled is None or not self.authenticated:
            return False
        dropped = [
            s
            for s in self.slots
            if s.type == "recovery"
            and s.pending
            and dataclasses.replace(s, pending=False) not in settled.slots
        ]
        return bool(dropped) and any(s.type == "recovery" for s in settled.slots)

    def has_slot(self, slot_type: str, data_key: bytes) -> bool:
        current = key_id(data_key)
        return any(s.type == slot_type and s.key_id in ("", current) for s in self.slots)

    def unlock(self, slot_type: str, secret: bytes) -> list[bytes]:
        """Data keys unwrapped by ``secret`` (more than one only mid key rotation)."""
        return [key for _, key in self.unlock_slots(slot_type, secret)]

    def unlock_slots(self, slot_type: str, secret: bytes) -> list[tuple[int, bytes]]:
        """(slot index, data key) for each slot of ``slot_type`` that ``secret`` opens."""
        opened = [
            (i, key)
            for i, slot in enumerate(self.slots)
            if slot.type == slot_type
            if (key := unwrap_key(slot, secret)) is not None
        ]
        if not opened:
            raise WrongPassphrase()
        return opened


def _keep_slot(
    index: int, slot: KeySlot, mine: list[tuple[int, KeySlot]], proven: frozenset[int]
) -> bool:
    """Format 2: per slot type, a pending slot the person just opened wins; otherwise the
    settled slots stay and pending ones go (an interrupted replacement keeps the old key);
    pending slots stay only when no settled slot of their type is left (a rotation that
    re-keyed the database after showing its new recovery key)."""
    same_type = [(i, s) for i, s in mine if s.type == slot.type]
    if any(i in proven and s.pending for i, s in same_type):
        return index in proven and slot.pending
    if any(not s.pending for _, s in same_type):
        return not slot.pending
    return True


def _legacy_kept(all_slots: list[KeySlot], mine: list[KeySlot]) -> list[KeySlot]:
    """Format 1 (``pending`` not authenticated): trust the flag only where format 1 code wrote
    it, during a rotation (slots of two data keys), whose new recovery key was never shown."""
    in_rotation = len({s.key_id for s in all_slots if s.key_id}) > 1
    return [s for s in mine if not (in_rotation and s.pending and s.type == "recovery")]


def parse_header(data: bytes) -> Header:
    if len(data) > MAX_HEADER_BYTES:
        raise VaultCorrupt(detail=N_("the key file keyslots.json is too large"))
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise VaultCorrupt(detail=N_("the key file keyslots.json is not readable")) from exc
    if not isinstance(doc, dict) or doc.get("format") != HEADER_FORMAT:
        raise VaultCorrupt(detail=N_("keyslots.json is not a tr-journal key file"))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < LEGACY_VERSION:
        raise VaultCorrupt(detail=N_("keyslots.json has no format version"))
    if version > HEADER_VERSION:
        raise VaultTooNew(found=version, supported=HEADER_VERSION)
    raw_slots = doc.get("slots")
    if not isinstance(raw_slots, list) or not raw_slots:
        raise VaultCorrupt(detail=N_("keyslots.json holds no key slot"))
    if len(raw_slots) > MAX_SLOTS:
        raise VaultCorrupt(
            detail=N_("keyslots.json holds more key slots than tr-journal ever writes")
        )
    slots = [KeySlot.from_json(raw) for raw in raw_slots]
    for slot_type in SLOT_TYPES:
        if (
            sum(s.kdf.memory_kib * s.kdf.iterations for s in slots if s.type == slot_type)
            > MAX_WORK_PER_TYPE
        ):
            raise VaultCorrupt(detail=N_("the key slot's parameters are outside the safe range"))
    extra = {k: v for k, v in doc.items() if k not in ("format", "version", "slots", "auth")}
    return Header(
        slots,
        extra,
        _parse_auth(doc.get("auth"), version),
        {k: v for k, v in doc.items() if k != "auth"},
    )


def _parse_auth(raw: Any, version: int) -> dict[str, str]:
    """Format 2 must carry tags (at most one per slot); format 1 must not."""
    if version == LEGACY_VERSION:
        if raw is not None:
            raise VaultCorrupt(detail=N_("keyslots.json is not a tr-journal key file"))
        return {}
    if (
        not isinstance(raw, dict)
        or not raw
        or len(raw) > MAX_SLOTS
        or not all(
            isinstance(k, str) and len(k) <= 64 and isinstance(v, str) and len(v) == TAG_HEX_CHARS
            for k, v in raw.items()
        )
    ):
        raise VaultCorrupt(detail=N_("the key file keyslots.json has no valid authentication"))
    return dict(raw)


def read_header(vault_dir: Path) -> Header:
    path = vault_dir / HEADER_NAME
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_HEADER_BYTES + 1)
    except FileNotFoundError as exc:
        raise VaultCorrupt(detail=N_("the key file keyslots.json is missing")) from exc
    except OSError as exc:
        raise VaultCorrupt(detail=N_("the key file keyslots.json cannot be read")) from exc
    return parse_header(data)


def write_header(vault_dir: Path, header: Header) -> None:
    """Write the backup copy first, then the main file; each write is atomic."""
    data = header.to_bytes()
    for stale in vault_dir.glob(".keyslots.json*.tmp"):  # left by a writer that was killed
        stale.unlink(missing_ok=True)
    atomic_write_bytes(vault_dir / BACKUP_NAME, data)
    atomic_write_bytes(vault_dir / HEADER_NAME, data)
