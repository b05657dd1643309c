"""The time-stamp authority's certificate: purpose, validity at the stamp's time, chain.

Why a small path builder here rather than a library's: cryptography's ``x509.verification``
applies the Web PKI profile of TLS (it refuses certificates real TSA hierarchies use), and
pyhanko-certvalidator brings revocation fetchers, i.e. an HTTP client, into an app that must
not go online. The rules are RFC 3161 §2.3 and RFC 5280's basics, checked with
``cryptography``: each certificate is signed by the next (``verify_directly_issued_by``), each
issuer is a CA, every certificate of the path was valid at the stamp's ``genTime``, and the
signer's extended key usage is exactly ``timeStamping`` and critical.

Trust anchors are the PEM files in ``resources/tsa-roots`` (none are shipped yet: see the
README there) and those of ``--ca-file``. A path that ends elsewhere is kept with the trust
:data:`UNKNOWN`, which the edges show as a warning.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from tr_journal.errors import N_, StampRefused

ROOTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "tsa-roots"
MAX_DEPTH = 8

SHIPPED = "shipped"  # the path ends at a root shipped with the app
CA_FILE = "ca-file"  # ... at a certificate of --ca-file
UNKNOWN = "unknown"  # ... at a certificate nobody vouched for: accepted with a warning


@dataclass(frozen=True)
class CertPath:
    """The signer's certificate first, then each issuer; ``trust`` says where it ended."""

    certificates: list[x509.Certificate]
    trust: str

    @property
    def root(self) -> x509.Certificate:
        return self.certificates[-1]

    def pem(self) -> str:
        return "".join(
            c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in self.certificates
        )


def fingerprint(cert: x509.Certificate) -> str:
    """``AB:CD:…`` SHA-256 of the DER, as TSAs publish their roots' fingerprints."""
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def name_of(cert: x509.Certificate) -> str:
    return cert.subject.rfc4514_string()


def load_pem_file(path: Path) -> list[x509.Certificate]:
    """Every certificate of a PEM file; a file with none is refused (a wrong ``--ca-file``)."""
    try:
        return x509.load_pem_x509_certificates(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise StampRefused(
            detail=N_("{path} is not a readable PEM file of certificates"), path=str(path)
        ) from exc


def shipped_roots() -> list[x509.Certificate]:
    if not ROOTS_DIR.is_dir():
        return []
    return [cert for pem in sorted(ROOTS_DIR.glob("*.pem")) for cert in load_pem_file(pem)]


def check_purpose(cert: x509.Certificate) -> None:
    """RFC 3161 §2.3: one extended key usage, ``timeStamping``, marked critical."""
    try:
        ext = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        ext = None
    if ext is None or not ext.critical or list(ext.value) != [ExtendedKeyUsageOID.TIME_STAMPING]:
        raise StampRefused(
            detail=N_(
                "the certificate of {name} is not one for time stamps "
                "(its extended key usage is not a critical "
                "timeStamping)"
            ),
            name=name_of(cert),
        )


def _check_validity(path: list[x509.Certificate], at: datetime.datetime) -> None:
    for cert in path:
        if not cert.not_valid_before_utc <= at <= cert.not_valid_after_utc:
            raise StampRefused(
                detail=N_("the certificate of {name} was not valid at the stamp's time {time}"),
                name=name_of(cert),
                time=at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            )


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _issuer_of(
    cert: x509.Certificate, candidates: list[x509.Certificate]
) -> x509.Certificate | None:
    """The candidate that signed ``cert``; ``None`` when no candidate bears the issuer's name.

    A candidate that bears the name but whose signature does not verify is a forgery or a
    damaged chain, which is refused (never downgraded to an unknown root).
    """
    named = [c for c in candidates if c.subject == cert.issuer]
    for candidate in named:
        try:
            cert.verify_directly_issued_by(candidate)
        except (InvalidSignature, ValueError, TypeError):
            continue
        if candidate is not cert and not _is_ca(candidate):
            raise StampRefused(
                detail=N_("the certificate of {name} is not a certificate authority"),
                name=name_of(candidate),
            )
        return candidate
    if named:
        raise StampRefused(
            detail=N_("the certificate of {name} is not signed by its issuer"), name=name_of(cert)
        )
    return None


def build_path(
    signer: x509.Certificate,
    carried: list[x509.Certificate],
    ca_file: list[x509.Certificate],
    shipped: list[x509.Certificate],
    at: datetime.datetime,
) -> CertPath:
    """Walk from the signer to an anchor, checking each link and validity at ``at``."""
    anchors = {c.fingerprint(hashes.SHA256()): SHIPPED for c in shipped}
    anchors.update({c.fingerprint(hashes.SHA256()): CA_FILE for c in ca_file})
    candidates = [*ca_file, *shipped, *carried]
    path, trust = [signer], UNKNOWN
    while len(path) <= MAX_DEPTH:
        current = path[-1]
        if current.fingerprint(hashes.SHA256()) in anchors:
            trust = anchors[current.fingerprint(hashes.SHA256())]
            break
        issuer = _issuer_of(current, candidates)
        if issuer is None or issuer is current or issuer == current:
            break  # self-signed or incomplete, and no one vouched for it
        path.append(issuer)
    else:
        raise StampRefused(detail=N_("the certificate chain is longer than {n}"), n=MAX_DEPTH)
    _check_validity(path, at)
    return CertPath(path, trust)
