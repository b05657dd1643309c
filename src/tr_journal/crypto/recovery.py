"""Printable recovery keys: 160 random bits plus a 40-bit checksum, in eight groups of five.

Base32 (RFC 4648 alphabet) avoids 0/1/8 so a key copied by hand cannot confuse O/0 or I/1;
typed keys are normalised (case, spaces, dashes, and the digits people write by mistake).
Format: docs/vault-format.md ("The recovery key").
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os

from tr_journal.errors import N_, InvalidInput

SECRET_BYTES = 20
CHECK_BYTES = 5
_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "8": "B", " ": None, "-": None, "\t": None})


def generate_recovery_key() -> str:
    secret = os.urandom(SECRET_BYTES)
    return format_recovery_key(secret)


def format_recovery_key(secret: bytes) -> str:
    check = hashlib.sha256(secret).digest()[:CHECK_BYTES]
    text = base64.b32encode(secret + check).decode("ascii")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def parse_recovery_key(typed: str) -> bytes:
    """Return the secret bytes of a typed recovery key, or raise one clear error."""
    text = typed.strip().upper().translate(_CONFUSABLE)
    try:
        raw = base64.b32decode(text)
    except (ValueError, binascii.Error) as exc:
        raise InvalidInput(
            detail=N_("That is not a recovery key (it should be 8 groups of 5 letters and digits).")
        ) from exc
    if len(raw) != SECRET_BYTES + CHECK_BYTES:
        raise InvalidInput(
            detail=N_("That is not a recovery key (it should be 8 groups of 5 letters and digits).")
        )
    secret, check = raw[:SECRET_BYTES], raw[SECRET_BYTES:]
    if hashlib.sha256(secret).digest()[:CHECK_BYTES] != check:
        raise InvalidInput(detail=N_("The recovery key has a typo: its checksum does not match."))
    return secret
