"""The plaintext vault header ``keyslots.json``: key slots wrapping the data key (design §3).

Each slot wraps the 256-bit data key with AES-256-GCM under an Argon2id key derived from a
secret (the passphrase, or the recovery key's 160 bits). The slot's type and KDF parameters are
the associated data, so editing the parameters in the file makes the unwrap fail instead of
silently weakening the slot.

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
from tr_journal.crypto.kdf import KEY_BYTES, KdfParams, _b64, derive_key
from tr_journal.errors import N_, VaultCorrupt, VaultTooNew, WrongPassphrase
from tr_journal.fsutil import atomic_write_bytes

HEADER_FORMAT = "tr-journal-keyslots"
HEADER_VERSION = 1
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
        doc: dict[str, Any] = {"format": HEADER_FORMAT, "version": HEADER_VERSION,
                               "type": self.type, "kdf": self.kdf.to_json()}
        if self.key_id:
            doc["key_id"] = self.key_id
        return canonical_json(doc)

    def to_json(self) -> dict[str, Any]:
        doc = {"type": self.type, "kdf": self.kdf.to_json(),
               "nonce": base64.b64encode(self.nonce).decode("ascii"),
               "wrapped_key": base64.b64encode(self.wrapped_key).decode("ascii")}
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
        slot = cls(raw["type"], KdfParams.from_json(raw.get("kdf")), _b64(raw.get("nonce")),
                   _b64(raw.get("wrapped_key")), tag, raw.get("pending") is True)
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
            slot.nonce, slot.wrapped_key, slot.associated_data())
    except InvalidTag:
        return None


@dataclass
class Header:
    slots: list[KeySlot]
    extra: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        doc = dict(self.extra)
        doc.update({"format": HEADER_FORMAT, "version": HEADER_VERSION,
                    "slots": [slot.to_json() for slot in self.slots]})
        return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("utf-8")

    @property
    def rotation_in_flight(self) -> bool:
        return len({s.key_id for s in self.slots if s.key_id}) > 1 or any(
            s.pending for s in self.slots)

    def settled(self, data_key: bytes) -> Header | None:
        """The header an interrupted rotation should have left, or ``None`` if it is settled.

        Drops slots tagged for another data key and the new recovery slot of a rotation that
        never showed its recovery key; a pending passphrase slot that opens the database is
        kept. Only called once ``data_key`` has opened the database, so the working slot is
        never dropped.
        """
        current = key_id(data_key)
        kept = [dataclasses.replace(s, pending=False) for s in self.slots
                if (not s.key_id or s.key_id == current)
                and not (s.pending and s.type == "recovery")]
        return Header(kept, self.extra) if kept != self.slots else None

    def has_slot(self, slot_type: str, data_key: bytes) -> bool:
        current = key_id(data_key)
        return any(s.type == slot_type and s.key_id in ("", current) for s in self.slots)

    def unlock(self, slot_type: str, secret: bytes) -> list[bytes]:
        """Data keys unwrapped by ``secret`` (more than one only mid key rotation)."""
        keys = [key for slot in self.slots if slot.type == slot_type
                if (key := unwrap_key(slot, secret)) is not None]
        if not keys:
            raise WrongPassphrase()
        return keys


def parse_header(data: bytes) -> Header:
    if len(data) > MAX_HEADER_BYTES:
        raise VaultCorrupt(detail=N_("the key file keyslots.json is too large"))
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VaultCorrupt(detail=N_("the key file keyslots.json is not readable")) from exc
    if not isinstance(doc, dict) or doc.get("format") != HEADER_FORMAT:
        raise VaultCorrupt(detail=N_("keyslots.json is not a tr-journal key file"))
    version = doc.get("version")
    if not isinstance(version, int):
        raise VaultCorrupt(detail=N_("keyslots.json has no format version"))
    if version > HEADER_VERSION:
        raise VaultTooNew(found=version, supported=HEADER_VERSION)
    raw_slots = doc.get("slots")
    if not isinstance(raw_slots, list) or not raw_slots:
        raise VaultCorrupt(detail=N_("keyslots.json holds no key slot"))
    slots = [KeySlot.from_json(raw) for raw in raw_slots]
    extra = {k: v for k, v in doc.items() if k not in ("format", "version", "slots")}
    return Header(slots, extra)


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
