"""RFC 3161 time-stamp requests over the journal's chain head (docs/timestamps.md).

What is stamped is the *stamped message*: the chain head's hash as 64 lowercase hex characters
and a line feed. Every event links to the one before it by hash, so a stamp over the head
proves that every event up to it, and so every entry revision it names, existed no later than
the stamp's time. The message is a one-line text file so a lawyer can run
``openssl ts -verify -data head.txt`` on a file they can read.

The DER is built by asn1crypto (no hand-written encoding); the nonce is random and 63 bits
long (positive, and as short as the nonces ``openssl ts -query`` makes).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from asn1crypto import tsp

NONCE_BITS = 63


def stamped_message(head_hash: str) -> bytes:
    """The bytes whose SHA-256 is sent to the authority for the head ``head_hash``."""
    return (head_hash.lower() + "\n").encode("ascii")


def message_imprint(head_hash: str) -> bytes:
    return hashlib.sha256(stamped_message(head_hash)).digest()


@dataclass(frozen=True)
class StampRequest:
    """A request as sent: the chain position it covers, its nonce and its DER bytes."""

    head_seq: int
    head_hash: str
    nonce: int
    der: bytes


def new_nonce() -> int:
    return secrets.randbits(NONCE_BITS) | 1 << (NONCE_BITS - 1)


def build_request(head_seq: int, head_hash: str, nonce: int | None = None) -> StampRequest:
    """A ``TimeStampReq`` (v1, SHA-256 imprint, nonce, ``certReq`` true) for this head."""
    nonce = new_nonce() if nonce is None else nonce
    request = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": message_imprint(head_hash),
            },
            "nonce": nonce,
            "cert_req": True,
        }
    )
    return StampRequest(head_seq, head_hash, nonce, request.dump())
