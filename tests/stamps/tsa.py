"""A real local time-stamp authority for tests: a CA and TSA certificates made by ``openssl ca``,
replies made by ``openssl ts -reply`` (its TSA section in an openssl config in the test folder).

``openssl ts -reply`` refuses to sign with a certificate that lacks the timeStamping purpose,
so a wrong-purpose reply is made by :func:`resign`: a genuine reply whose signer is swapped
for another certificate, with the ESS binding and the signature redone (asn1crypto and
cryptography, as a forger with that key could).
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

CONFIG = """\
[ca]
default_ca = local
[local]
dir = {dir}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
[root_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[tsa_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
[tsa]
default_tsa = tsa_section
[tsa_section]
serial = {dir}/tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""

LONG_AGO, FAR_AHEAD = "20200101000000Z", "20400101000000Z"


def openssl(*args: str, cwd: Path) -> None:
    done = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@dataclass
class Identity:
    cert: Path
    key: Path


class LocalCA:
    """One root and the certificates it issues, all in ``folder``."""

    def __init__(self, folder: Path, name: str) -> None:
        self.dir = folder
        folder.mkdir(parents=True)
        (folder / "newcerts").mkdir()
        (folder / "index.txt").write_text("")
        (folder / "serial").write_text("1000\n")
        (folder / "tsaserial").write_text("01\n")
        self.config = folder / "openssl.cnf"
        self.config.write_text(CONFIG.format(dir=folder))
        self.root = self.issue(name, "root_ext", self_signed=True)

    def issue(
        self,
        name: str,
        extensions: str,
        start: str = LONG_AGO,
        end: str = FAR_AHEAD,
        self_signed: bool = False,
        key_type: str = "ec",
    ) -> Identity:
        slug = name.lower().replace(" ", "-")
        key, csr, cert = (self.dir / f"{slug}.{ext}" for ext in ("key", "csr", "pem"))
        newkey = (
            ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
            if key_type == "ec"
            else ["-newkey", "rsa:2048"]
        )
        openssl(
            "req",
            "-new",
            *newkey,
            "-nodes",
            "-keyout",
            str(key),
            "-subj",
            f"/CN={name}",
            "-out",
            str(csr),
            cwd=self.dir,
        )
        signer = (
            ["-selfsign", "-keyfile", str(key)]
            if self_signed
            else ["-cert", str(self.root.cert), "-keyfile", str(self.root.key)]
        )
        openssl(
            "ca",
            "-batch",
            "-config",
            str(self.config),
            *signer,
            "-in",
            str(csr),
            "-out",
            str(cert),
            "-extensions",
            extensions,
            "-startdate",
            start,
            "-enddate",
            end,
            "-notext",
            cwd=self.dir,
        )
        return Identity(cert, key)

    def reply(self, tsq: Path, out: Path, signer: Identity, chain: bool = True) -> Path:
        """``openssl ts -reply`` for ``tsq``, signed by ``signer`` (with the root if ``chain``)."""
        extra = ["-chain", str(self.root.cert)] if chain else []
        openssl(
            "ts",
            "-reply",
            "-config",
            str(self.config),
            "-queryfile",
            str(tsq),
            "-signer",
            str(signer.cert),
            "-inkey",
            str(signer.key),
            *extra,
            "-out",
            str(out),
            cwd=self.dir,
        )
        return out


def resign(tsr: bytes, signer: Identity, chain: list[Path]) -> bytes:
    """The reply ``tsr`` as if ``signer`` had made it (see the module docstring)."""
    from asn1crypto import tsp

    reply = tsp.TimeStampResp.load(tsr)
    signed = reply["time_stamp_token"]["content"]
    cert_der = asn1_x509.Certificate.load(_der(signer.cert))
    info = signed["signer_infos"][0]
    info["sid"] = cms.SignerIdentifier(
        {
            "issuer_and_serial_number": {
                "issuer": cert_der.issuer,
                "serial_number": cert_der.serial_number,
            }
        }
    )
    for attr in info["signed_attrs"]:
        if attr["type"].native == "signing_certificate_v2":
            attr["values"][0]["certs"][0]["cert_hash"] = hashlib.sha256(cert_der.dump()).digest()
            attr["values"][0]["certs"][0]["issuer_serial"] = None
    key = serialization.load_pem_private_key(signer.key.read_bytes(), None)
    to_sign = info["signed_attrs"].untag().dump(force=True)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        signature = key.sign(to_sign, ec.ECDSA(hashes.SHA256()))
        info["signature_algorithm"] = {"algorithm": "sha256_ecdsa"}
    else:
        assert isinstance(key, rsa.RSAPrivateKey)
        signature = key.sign(to_sign, padding.PKCS1v15(), hashes.SHA256())
    info["signature"] = signature
    signed["certificates"] = [cert_der, *(asn1_x509.Certificate.load(_der(p)) for p in chain)]
    return reply.dump(force=True)


def _der(pem: Path) -> bytes:
    from cryptography import x509

    return x509.load_pem_x509_certificate(pem.read_bytes()).public_bytes(serialization.Encoding.DER)
