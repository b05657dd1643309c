"""Time stamps inside an evidence bundle: their files, and the verifier's check of them.

Layout (docs/timestamps.md, "In a bundle"): for each stamp ``S0001`` that covers a disclosed
entry, ``data/stamps/S0001.tsq`` (the request), ``S0001.tsr`` (the reply, as received),
``S0001-head.txt`` (the stamped message: the chain head's hash and a line feed) and
``S0001-tsa-chain.pem`` (the certificates that were checked at import, signer first). They are
payload files, so the payload manifest lists them and the signature covers them;
``export.json`` lists the stamps under ``"stamps"``.

The check needs no vault: the chain (``events.jsonl``) gives the stamped head and the
``stamp.imported`` event that recorded each reply's SHA-256; the reply is checked against the
request's nonce and imprint exactly as at import. The PEM file is only a source of
intermediate and root certificates, never a trust anchor: a forger writes it too. A root no
anchor vouches for is reported with its fingerprint (to compare with the authority's), not
as a failure; the lawyer's own check is ``openssl ts -verify`` as the README says.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from asn1crypto import tsp
from cryptography import x509

from tr_journal.errors import N_, StampRefused
from tr_journal.evidence import tsp_certs, tsp_verify
from tr_journal.evidence.tsp_request import stamped_message

STAMPS_DIR = "data/stamps"
STAMP_KIND = "stamp.imported"


@dataclass(frozen=True)
class StampFiles:
    tsq: str
    tsr: str
    head: str
    chain: str


def stamp_files(stamp_id: str) -> StampFiles:
    base = f"{STAMPS_DIR}/{stamp_id}"
    return StampFiles(f"{base}.tsq", f"{base}.tsr", f"{base}-head.txt", f"{base}-tsa-chain.pem")


@dataclass(frozen=True)
class Finding:
    """One sentence about one stamp: an ``N_()`` template and its values (the verifier turns it
    into its own ``Text``); ``ok`` False means the bundle must not be relied on."""

    ok: bool
    template: str
    params: dict[str, Any]


def _problem(stamp_id: str, template: str, **params: Any) -> Finding:
    return Finding(
        False, N_("time stamp {id}: {problem}"), {"id": stamp_id, "problem": (template, params)}
    )


def check_stamp(listed: dict[str, Any], read: Any, events: list[dict[str, Any]]) -> Finding:
    """Check one stamp named in export.json; ``read(path)`` returns a member's bytes or None."""
    stamp_id = str(listed.get("id", ""))
    files = stamp_files(stamp_id)
    data = {
        name: read(path)
        for name, path in (
            ("tsq", files.tsq),
            ("tsr", files.tsr),
            ("head", files.head),
            ("chain", files.chain),
        )
    }
    missing = [
        path
        for path, value in zip(
            (files.tsq, files.tsr, files.head, files.chain), data.values(), strict=True
        )
        if value is None
    ]
    if not stamp_id.isalnum() or missing:
        return _problem(stamp_id, N_("{paths} missing"), paths=", ".join(missing) or stamp_id)
    seq, head_hash = listed.get("covers_seq"), listed.get("head_hash")
    at_head = next((e for e in events if e.get("seq") == seq), None)
    if at_head is None or at_head.get("hash") != head_hash or not isinstance(head_hash, str):
        return _problem(stamp_id, N_("the chain has no event {seq} with the stamped hash"), seq=seq)
    if data["head"] != stamped_message(head_hash):
        return _problem(stamp_id, N_("{path} is not the stamped chain head"), path=files.head)
    recorded = [
        e for e in events if e.get("kind") == STAMP_KIND and e.get("subject_id") == stamp_id
    ]
    if [e.get("content_sha256") for e in recorded] != [hashlib.sha256(data["tsr"]).hexdigest()]:
        return _problem(stamp_id, N_("the reply is not the one the chain recorded"))
    return _check_reply(stamp_id, data, seq)


def _check_reply(stamp_id: str, data: dict[str, bytes], seq: Any) -> Finding:
    try:
        request = tsp.TimeStampReq.load(data["tsq"], strict=True)
        imprint = request["message_imprint"]["hashed_message"].native
        nonce = request["nonce"].native
        chain = x509.load_pem_x509_certificates(data["chain"])
    except (ValueError, TypeError, KeyError):
        return _problem(stamp_id, N_("its request or certificate file cannot be read"))
    if imprint != hashlib.sha256(data["head"]).digest() or nonce is None:
        return _problem(stamp_id, N_("its request does not ask for the stamped chain head"))
    try:
        reply = tsp_verify.verify_reply(
            data["tsr"], imprint, int(nonce), [], tsp_certs.shipped_roots(), untrusted=chain
        )
    except StampRefused as exc:
        detail = exc.params.get("detail", exc.template)
        params = {k: v for k, v in exc.params.items() if k != "detail"}
        return _problem(stamp_id, str(detail), **params)
    time = reply.gen_time.isoformat().replace("+00:00", "Z")
    root = reply.path.root
    if reply.path.trust == tsp_certs.UNKNOWN:
        return Finding(
            True,
            N_(
                "time stamp {id}: the chain up to event {seq} existed no later "
                "than {time}, certified by {tsa}; its root {root} (SHA-256 "
                "{fingerprint}) must be compared with the one the authority "
                "publishes"
            ),
            {
                "id": stamp_id,
                "seq": seq,
                "time": time,
                "tsa": reply.tsa_name,
                "root": tsp_certs.name_of(root),
                "fingerprint": tsp_certs.fingerprint(root),
            },
        )
    return Finding(
        True,
        N_(
            "time stamp {id}: the chain up to event {seq} existed no later "
            "than {time}, certified by {tsa} (root shipped with the app)"
        ),
        {"id": stamp_id, "seq": seq, "time": time, "tsa": reply.tsa_name},
    )
