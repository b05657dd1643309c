"""The vault's Ed25519 signing key and OpenSSH SSHSIG signatures (PROTOCOL.sshsig).

Signatures are byte-identical to ``ssh-keygen -Y sign`` with the same key (Ed25519 is
deterministic, and the armour is wrapped at 70 columns as OpenSSH does), so a lawyer verifies
them with ``ssh-keygen -Y verify`` and nothing of ours.
"""

from __future__ import annotations

import base64
import hashlib
import struct

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

EVIDENCE_NAMESPACE = "tr-journal-evidence-v1"
KEY_TYPE = b"ssh-ed25519"
_ARMOR_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_ARMOR_END = "-----END SSH SIGNATURE-----"


def _ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def generate_private_key() -> bytes:
    """Raw 32-byte Ed25519 seed, to be stored inside the encrypted database."""
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def load_private_key(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_blob(public: bytes) -> bytes:
    """The SSH wire encoding of an Ed25519 public key."""
    return _ssh_string(KEY_TYPE) + _ssh_string(public)


def public_key_line(public: bytes) -> str:
    """``ssh-ed25519 AAAA...`` as in an ``authorized_keys`` or ``allowed_signers`` file."""
    return "ssh-ed25519 " + base64.b64encode(public_key_blob(public)).decode("ascii")


def fingerprint(public: bytes) -> str:
    """``SHA256:...`` exactly as ``ssh-keygen -l`` prints it (unpadded base64)."""
    digest = hashlib.sha256(public_key_blob(public)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def private_key_openssh(seed: bytes) -> bytes:
    """The key in OpenSSH's private-key format (for tests that sign with ``ssh-keygen``)."""
    return load_private_key(seed).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    )


def _signed_data(message_hash: bytes, namespace: str) -> bytes:
    return (
        b"SSHSIG"
        + _ssh_string(namespace.encode())
        + _ssh_string(b"")
        + _ssh_string(b"sha512")
        + _ssh_string(message_hash)
    )


def sshsig_sign(seed: bytes, message: bytes, namespace: str = EVIDENCE_NAMESPACE) -> bytes:
    """An armoured SSHSIG signature of ``message`` (LF line endings, trailing newline)."""
    key = load_private_key(seed)
    signature = key.sign(_signed_data(hashlib.sha512(message).digest(), namespace))
    blob = (
        b"SSHSIG"
        + struct.pack(">I", 1)
        + _ssh_string(public_key_blob(public_raw(key)))
        + _ssh_string(namespace.encode())
        + _ssh_string(b"")
        + _ssh_string(b"sha512")
        + _ssh_string(_ssh_string(KEY_TYPE) + _ssh_string(signature))
    )
    return armor_sshsig(blob)


def armor_sshsig(blob: bytes) -> bytes:
    """The armour ``ssh-keygen -Y sign`` writes: 70-character base64 lines, LF, final LF."""
    text = base64.b64encode(blob).decode("ascii")
    lines = [text[i : i + 70] for i in range(0, len(text), 70)]
    return ("\n".join([_ARMOR_BEGIN, *lines, _ARMOR_END]) + "\n").encode("ascii")
