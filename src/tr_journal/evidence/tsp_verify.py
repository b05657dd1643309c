"""Check an RFC 3161 ``TimeStampResp`` against the request it answers (docs/timestamps.md).

In order: the reply parses (DER, nothing after it); its status is granted; the token is CMS
SignedData over a ``TSTInfo``; the imprint is the SHA-256 we asked for and the nonce is ours;
one signer, whose certificate the reply carries (``certReq`` was true) or ``--ca-file`` holds;
the signed attributes name the TSTInfo content type, hold its digest and bind the signer's
certificate (ESS signing-certificate v1 or v2); the signature over them verifies; then the
certificate checks of :mod:`tr_journal.evidence.tsp_certs`. Any failure raises
:class:`~tr_journal.errors.StampRefused` with one sentence; nothing is recorded by this module.

asn1crypto parses the structures, ``cryptography`` checks the signatures.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from asn1crypto import cms, tsp
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding

from tr_journal.errors import N_, StampRefused
from tr_journal.evidence import tsp_certs

#: Digests accepted for the imprint, the signed attributes and the signature (SHA-1 and MD5
#: are refused: collisions can be made for them).
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha3_256": hashes.SHA3_256,
    "sha3_384": hashes.SHA3_384,
    "sha3_512": hashes.SHA3_512,
}


@dataclass(frozen=True)
class VerifiedReply:
    """What a reply that passed every check says."""

    gen_time: datetime.datetime
    serial: int
    policy: str
    tsa_name: str
    path: tsp_certs.CertPath


class _Reply(tsp.TimeStampResp):  # type: ignore[misc]  # asn1crypto has no type hints
    """``TimeStampResp`` as RFC 3161 §2.4.2 has it: a refusal carries no token (asn1crypto
    declares the token required, so a real refusal would not even parse)."""

    _fields = [  # noqa: RUF012  (asn1crypto's own class attribute)
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


def _refuse(template: str, **params: Any) -> StampRefused:
    return StampRefused(detail=template, **params)


def parse_reply(data: bytes) -> tsp.TimeStampResp:
    try:
        reply = _Reply.load(data, strict=True)
        reply.native  # noqa: B018  (parses every nested value now, not halfway through checks)
    except (ValueError, TypeError, KeyError) as exc:
        raise _refuse(N_("the file is not a time-stamp reply")) from exc
    return reply


def reply_nonce(reply: tsp.TimeStampResp) -> int | None:
    """The nonce of a granted reply, used to find the request it answers."""
    token = reply["time_stamp_token"]
    if not isinstance(token, cms.ContentInfo) or token["content_type"].native != "signed_data":
        return None
    nonce = _tst_info(token["content"])["nonce"].native
    return int(nonce) if nonce is not None else None


def check_status(reply: tsp.TimeStampResp) -> None:
    status = reply["status"]
    if status["status"].native not in ("granted", "granted_with_mods"):
        text = " ".join(status["status_string"].native or []) or status["status"].native
        raise _refuse(N_("the authority did not grant the stamp ({status})"), status=text)
    token = reply["time_stamp_token"]
    if not isinstance(token, cms.ContentInfo) or token["content_type"].native != "signed_data":
        raise _refuse(N_("the reply holds no signed time-stamp token"))


def _tst_info(signed: cms.SignedData) -> tsp.TSTInfo:
    encap = signed["encap_content_info"]
    if encap["content_type"].native != "tst_info" or encap["content"].native is None:
        raise _refuse(N_("the reply's token does not hold a time-stamp"))
    return encap["content"].parsed


def _hash(name: str) -> hashes.HashAlgorithm:
    if name not in _HASHES:
        raise _refuse(N_("the reply uses the digest {name}, which is not accepted"), name=name)
    return _HASHES[name]()


def _digest(name: str, data: bytes) -> bytes:
    ctx = hashes.Hash(_hash(name))
    ctx.update(data)
    return ctx.finalize()


def _signer_certificate(
    signed: cms.SignedData, signer: cms.SignerInfo, ca_file: list[x509.Certificate]
) -> tuple[x509.Certificate, list[x509.Certificate]]:
    carried = [
        x509.load_der_x509_certificate(c.chosen.dump())
        for c in signed["certificates"] or []
        if c.name == "certificate"
    ]
    sid = signer["sid"]
    for cert in [*carried, *ca_file]:
        if sid.name == "issuer_and_serial_number":
            ias = sid.chosen
            if (
                cert.serial_number == ias["serial_number"].native
                and cert.issuer.public_bytes() == ias["issuer"].dump()
            ):
                return cert, carried
        elif cert.extensions and _ski(cert) == sid.chosen.native:
            return cert, carried
    raise _refuse(N_("the reply does not carry the authority's certificate"))


def _ski(cert: x509.Certificate) -> bytes | None:
    try:
        return cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return None


def _attributes(signer: cms.SignerInfo) -> dict[str, object]:
    attrs = signer["signed_attrs"]
    if not attrs:
        raise _refuse(N_("the reply's signature covers no signed attributes"))
    found: dict[str, object] = {}
    for attr in attrs:
        values = attr["values"]
        if len(values) != 1 or attr["type"].native in found:
            raise _refuse(N_("the reply's signed attributes are malformed"))
        found[attr["type"].native] = values[0]
    return found


def _check_attributes(signer: cms.SignerInfo, content: bytes, cert: x509.Certificate) -> None:
    attrs = _attributes(signer)
    digest_name = signer["digest_algorithm"]["algorithm"].native
    content_type = attrs.get("content_type")
    if not isinstance(content_type, cms.ContentType) or content_type.native != "tst_info":
        raise _refuse(N_("the reply's signature does not name a time-stamp as its content"))
    digest = attrs.get("message_digest")
    if not isinstance(digest, cms.OctetString) or digest.native != _digest(digest_name, content):
        raise _refuse(N_("the reply's signature does not cover its time-stamp (it was altered)"))
    _check_ess(attrs, cert)


def _check_ess(attrs: dict[str, object], cert: x509.Certificate) -> None:
    """ESS signing-certificate (RFC 2634) or v2 (RFC 5035): the signature names its cert."""
    der = cert.public_bytes(Encoding.DER)
    v2, v1 = attrs.get("signing_certificate_v2"), attrs.get("signing_certificate")
    if v2 is not None:
        first = v2["certs"][0]  # type: ignore[index]
        algorithm = first["hash_algorithm"]["algorithm"].native
        bound = first["cert_hash"].native == _digest(algorithm, der)
    elif v1 is not None:
        first = v1["certs"][0]  # type: ignore[index]
        bound = first["cert_hash"].native == hashlib.sha1(der, usedforsecurity=False).digest()
    else:
        raise _refuse(N_("the reply's signature does not name the certificate that made it"))
    issuer_serial = first["issuer_serial"]
    if bound and issuer_serial.native is not None:
        bound = issuer_serial["serial_number"].native == cert.serial_number
    if not bound:
        raise _refuse(N_("the reply names another certificate than the one that signed it"))


def _check_signature(signer: cms.SignerInfo, cert: x509.Certificate) -> None:
    signed_bytes = signer["signed_attrs"].untag().dump(force=True)
    signature = signer["signature"].native
    algorithm = signer["signature_algorithm"]
    digest_name = signer["digest_algorithm"]["algorithm"].native
    key = cert.public_key()
    try:
        kind = algorithm.signature_algo
        if kind == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed_bytes, padding.PKCS1v15(), _hash(digest_name))
        elif kind == "rsassa_pss" and isinstance(key, rsa.RSAPublicKey):
            params = algorithm["parameters"]
            pss_hash = _hash(params["hash_algorithm"]["algorithm"].native)
            mgf_hash = _hash(params["mask_gen_algorithm"]["parameters"]["algorithm"].native)
            key.verify(
                signature,
                signed_bytes,
                padding.PSS(padding.MGF1(mgf_hash), params["salt_length"].native),
                pss_hash,
            )
        elif kind == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed_bytes, ec.ECDSA(_hash(digest_name)))
        elif kind in ("ed25519", "ed448") and isinstance(
            key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey
        ):
            key.verify(signature, signed_bytes)
        else:
            raise _refuse(N_("the reply is signed with an algorithm that is not supported"))
    except (InvalidSignature, UnsupportedAlgorithm, ValueError) as exc:
        raise _refuse(
            N_("the reply's signature does not verify (it was altered or made by another key)")
        ) from exc


def verify_reply(
    data: bytes,
    imprint: bytes,
    nonce: int,
    ca_file: list[x509.Certificate],
    shipped: list[x509.Certificate],
    untrusted: list[x509.Certificate] | None = None,
) -> VerifiedReply:
    """Every check of the module docstring, for the request of ``imprint`` and ``nonce``.

    ``ca_file`` and ``shipped`` are trust anchors; ``untrusted`` only offers certificates to
    build the path with (a bundle's chain file), like those the reply carries.
    """
    reply = parse_reply(data)
    check_status(reply)
    signed: cms.SignedData = reply["time_stamp_token"]["content"]
    info = _tst_info(signed)
    sent = info["message_imprint"]
    if (
        sent["hash_algorithm"]["algorithm"].native != "sha256"
        or sent["hashed_message"].native != imprint
    ):
        raise _refuse(N_("the reply stamps other data than this request's"))
    if info["nonce"].native != nonce:
        raise _refuse(N_("the reply answers another request (its nonce differs)"))
    if len(signed["signer_infos"]) != 1:
        raise _refuse(N_("the reply must have exactly one signature"))
    signer = signed["signer_infos"][0]
    cert, carried = _signer_certificate(signed, signer, ca_file)
    carried += untrusted or []
    _check_attributes(signer, signed["encap_content_info"]["content"].contents, cert)
    _check_signature(signer, cert)
    tsp_certs.check_purpose(cert)
    gen_time: datetime.datetime = info["gen_time"].native
    path = tsp_certs.build_path(cert, carried, ca_file, shipped, gen_time)
    return VerifiedReply(
        gen_time.astimezone(datetime.UTC),
        int(info["serial_number"].native),
        info["policy"].dotted,
        tsp_certs.name_of(cert),
        path,
    )
