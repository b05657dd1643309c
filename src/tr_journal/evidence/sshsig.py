"""Checking an OpenSSH SSHSIG signature without ssh-keygen (PROTOCOL.sshsig).

The verifier must not need our vault, nor ssh-keygen on the lawyer's machine, yet it must accept
exactly what ``ssh-keygen -Y verify`` accepts for our bundles and refuse more (CRLF armour, another
namespace, a key not in ``allowed_signers``). Parsing is strict: a signature we did not make in
the documented shape is reported, not guessed at.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tr_journal.crypto.signing import EVIDENCE_NAMESPACE, KEY_TYPE, armor_sshsig, fingerprint
from tr_journal.errors import N_, TemplatedProblem

ARMOR_BEGIN = b"-----BEGIN SSH SIGNATURE-----"
ARMOR_END = b"-----END SSH SIGNATURE-----"


class SignatureProblem(TemplatedProblem):
    """Why a signature or an allowed_signers file was refused."""


@dataclass
class AllowedSigner:
    identity: str
    namespaces: list[str]
    public: bytes  # raw 32-byte Ed25519 key


def _read_string(blob: bytes, pos: int) -> tuple[bytes, int]:
    if pos + 4 > len(blob):
        raise SignatureProblem(N_("the signature is truncated"))
    (length,) = struct.unpack(">I", blob[pos : pos + 4])
    end = pos + 4 + length
    if end > len(blob):
        raise SignatureProblem(N_("the signature is truncated"))
    return blob[pos + 4 : end], end


def _parse_key_blob(blob: bytes) -> bytes:
    key_type, pos = _read_string(blob, 0)
    raw, pos = _read_string(blob, pos)
    if key_type != KEY_TYPE or len(raw) != 32 or pos != len(blob):
        raise SignatureProblem(N_("the key is not an Ed25519 key"))
    return raw


def parse_allowed_signers(data: bytes) -> list[AllowedSigner]:
    """Lines ``identity namespaces="..." ssh-ed25519 AAAA...``; LF only, no BOM."""
    if data.startswith(b"\xef\xbb\xbf") or b"\r" in data:
        raise SignatureProblem(N_("allowed_signers has a byte-order mark or CRLF line endings"))
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise SignatureProblem(N_("allowed_signers is not UTF-8 text")) from exc
    signers = []
    for line in text.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 4 or not parts[1].startswith('namespaces="'):
            raise SignatureProblem(N_("allowed_signers has a line we do not understand"))
        namespaces = parts[1][len('namespaces="') :].rstrip('"').split(",")
        if parts[2] != KEY_TYPE.decode():
            raise SignatureProblem(N_("allowed_signers names a key that is not Ed25519"))
        try:
            blob = base64.b64decode(parts[3], validate=True)
        except ValueError as exc:
            raise SignatureProblem(N_("allowed_signers holds a damaged key")) from exc
        signers.append(AllowedSigner(parts[0], namespaces, _parse_key_blob(blob)))
    if not signers:
        raise SignatureProblem(N_("allowed_signers names no key"))
    return signers


def _dearmor(armored: bytes) -> bytes:
    if b"\r" in armored:
        raise SignatureProblem(N_("the signature file has CRLF line endings (it must be LF only)"))
    lines = armored.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) < 3 or lines[0] != ARMOR_BEGIN or lines[-1] != ARMOR_END:
        raise SignatureProblem(N_("the signature file is not an SSH signature"))
    try:
        blob = base64.b64decode(b"".join(lines[1:-1]), validate=True)
    except ValueError as exc:
        raise SignatureProblem(N_("the signature file is damaged")) from exc
    # Any other change of the file (line lengths, a missing final newline) leaves the signature
    # itself intact, but the bundle is no longer as it was signed: refuse it, as CRLF above.
    if armored != armor_sshsig(blob):
        raise SignatureProblem(
            N_(
                "the signature file was reformatted (it is not byte for "
                "byte as ssh-keygen writes it)"
            )
        )
    return blob


@dataclass
class SignatureInfo:
    public: bytes
    namespace: str
    fingerprint: str


def verify_sshsig(
    armored: bytes,
    message: bytes,
    signers: list[AllowedSigner],
    namespace: str = EVIDENCE_NAMESPACE,
) -> SignatureInfo:
    """Check ``armored`` over ``message``; raise :class:`SignatureProblem` with the reason."""
    blob = _dearmor(armored)
    if not blob.startswith(b"SSHSIG") or len(blob) < 10:
        raise SignatureProblem(N_("the signature file is not an SSH signature"))
    (version,) = struct.unpack(">I", blob[6:10])
    if version != 1:
        raise SignatureProblem(N_("the signature has unknown version {version}"), version=version)
    key_blob, pos = _read_string(blob, 10)
    sig_namespace, pos = _read_string(blob, pos)
    reserved, pos = _read_string(blob, pos)
    hash_alg, pos = _read_string(blob, pos)
    sig_blob, pos = _read_string(blob, pos)
    if pos != len(blob):
        raise SignatureProblem(N_("the signature has trailing bytes"))
    public = _parse_key_blob(key_blob)
    if sig_namespace.decode("utf-8", "replace") != namespace:
        raise SignatureProblem(
            N_(
                "the signature was made for another purpose (namespace "
                "{found}, expected {expected})"
            ),
            found=repr(sig_namespace.decode("utf-8", "replace")),
            expected=repr(namespace),
        )
    hashes = {b"sha512": hashlib.sha512, b"sha256": hashlib.sha256}
    if hash_alg not in hashes:
        raise SignatureProblem(N_("the signature uses an unknown hash algorithm"))
    sig_type, sig_pos = _read_string(sig_blob, 0)
    raw_sig, sig_pos = _read_string(sig_blob, sig_pos)
    if sig_type != KEY_TYPE or len(raw_sig) != 64 or sig_pos != len(sig_blob):
        raise SignatureProblem(N_("the signature is not an Ed25519 signature"))
    signer = next((s for s in signers if s.public == public), None)
    if signer is None:
        raise SignatureProblem(N_("the signing key is not the one named in allowed_signers"))
    if namespace not in signer.namespaces:
        raise SignatureProblem(N_("allowed_signers does not allow this key for evidence bundles"))
    digest = hashes[hash_alg](message).digest()
    signed = (
        b"SSHSIG"
        + _ssh_string(sig_namespace)
        + _ssh_string(reserved)
        + _ssh_string(hash_alg)
        + _ssh_string(digest)
    )
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(raw_sig, signed)
    except InvalidSignature as exc:
        raise SignatureProblem(N_("the signature does not match tagmanifest-sha256.txt")) from exc
    return SignatureInfo(public, namespace, fingerprint(public))


def _ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data
