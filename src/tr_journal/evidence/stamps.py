"""Time stamps of the journal: requests written to files, replies carried back (docs/timestamps.md).

The app never goes online for this by default: :func:`write_request` puts a standard ``.tsq``
file wherever the user wants, the user has it stamped from any computer with internet, and
:func:`import_reply` checks the ``.tsr`` that comes back against the request kept in the vault.
An accepted reply is recorded with a ``stamp.imported`` event whose ``content_sha256`` is the
SHA-256 of the reply's bytes; the bytes, and the certificate path that was checked, are kept in
the vault. A refused reply leaves the vault exactly as it was.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from tr_journal.canonical import sha256_hex
from tr_journal.domain import Event, EventKind
from tr_journal.errors import N_, ChainBroken, StampRefused
from tr_journal.evidence import tsp_certs, tsp_verify
from tr_journal.evidence.tsp_request import StampRequest, build_request, message_imprint
from tr_journal.fsutil import atomic_write_bytes, raise_os_error
from tr_journal.journal import chain
from tr_journal.store import events as event_store
from tr_journal.store import stamps as store
from tr_journal.timeutil import now_utc_text
from tr_journal.vault import Vault

MAX_REPLY_BYTES = 1 << 20  # real replies are a few kilobytes, with their certificates
STAMP_EVENT = EventKind.STAMP_IMPORTED


@dataclass(frozen=True)
class ImportedStamp:
    """A reply that passed every check and is now recorded."""

    stamp_id: str
    gen_time: str
    tsa_name: str
    head_seq: int
    head_hash: str
    trust: str  # tsp_certs.SHIPPED, CA_FILE or UNKNOWN (show a warning)
    root_name: str
    root_fingerprint: str
    event: Event


@dataclass(frozen=True)
class StampStatus:
    """How much of the journal the recorded stamps cover."""

    entries: int
    uncovered_entries: int
    head_seq: int
    covered_seq: int
    pending_requests: int
    stamps: list[store.StampRow]


def new_request(vault: Vault, out: Path | None = None) -> StampRequest:
    """A request over the current chain head, kept in the vault to check its reply later.

    With ``out``, the ``.tsq`` is written there (atomically; readable by others: it holds no
    secret) inside the same transaction: the vault keeps no request whose file failed, and a
    file whose request could not be committed is removed.
    """
    written = False
    try:
        with vault.transaction() as tx:
            head = event_store.head(tx)
            if head is None:  # a vault always holds vault.created
                raise ChainBroken(detail=N_("the chain is empty"))
            request = build_request(head[0], head[1])
            store.insert_request(
                tx, now_utc_text(), request.head_seq, request.head_hash, request.nonce, request.der
            )
            if out is not None:
                _write_file(Path(out), request.der)
                written = True
    except BaseException:
        if written and out is not None:
            Path(out).unlink(missing_ok=True)
        raise
    return request


def _write_file(out: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(out, data, mode=0o644)
    except OSError as exc:  # e.g. a missing folder, before the temp file exists
        raise_os_error(exc, out)


def write_request(vault: Vault, out: Path) -> StampRequest:
    """Write a fresh ``.tsq`` to ``out`` and keep its request (see :func:`new_request`)."""
    return new_request(vault, out)


def read_reply(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_REPLY_BYTES + 1)
    except OSError as exc:
        raise_os_error(exc, path)
        raise
    if len(data) > MAX_REPLY_BYTES:
        raise StampRefused(detail=N_("the file is far larger than a time-stamp reply"))
    return data


def _request_for(vault: Vault, data: bytes) -> store.RequestRow:
    reply = tsp_verify.parse_reply(data)
    tsp_verify.check_status(reply)
    nonce = tsp_verify.reply_nonce(reply)
    with vault.reading() as conn:
        request = None if nonce is None else store.request_by_nonce(conn, nonce)
        if request is None:
            raise StampRefused(detail=N_("the reply answers no request written by this vault"))
        done = store.stamp_with_reply(conn, data)
        event_hash = event_store.hash_at(conn, request.head_seq)
    if done is not None:
        raise StampRefused(detail=N_("this reply is already recorded as {id}"), id=done.public_id)
    if event_hash != request.head_hash:
        raise ChainBroken(
            detail=N_("the event a time-stamp request covers is no longer in the chain")
        )
    return request


def import_reply(vault: Vault, data: bytes, ca_file: Path | None = None) -> ImportedStamp:
    """Verify ``data`` (a ``.tsr``) against its request and record it; see the module doc."""
    request = _request_for(vault, data)
    anchors = tsp_certs.load_pem_file(ca_file) if ca_file is not None else []
    verified = tsp_verify.verify_reply(
        data, message_imprint(request.head_hash), request.nonce, anchors, tsp_certs.shipped_roots()
    )
    with vault.transaction() as tx:
        existing = store.stamp_with_reply(tx, data)  # another window was quicker
        if existing is not None:
            raise StampRefused(
                detail=N_("this reply is already recorded as {id}"), id=existing.public_id
            )
        row = store.StampRow(
            public_id=store.next_stamp_id(tx),
            request_id=request.id,
            head_seq=request.head_seq,
            head_hash=request.head_hash,
            gen_time=_gen_time_text(verified.gen_time),
            tsa_name=verified.tsa_name,
            serial=str(verified.serial),
            root=verified.path.trust,
            tsr=data,
            chain_pem=verified.path.pem(),
            imported_utc=now_utc_text(),
        )
        store.insert_stamp(tx, row)
        event = chain.append_event(
            tx, STAMP_EVENT, row.public_id, sha256_hex(data), row.imported_utc
        )
    root = verified.path.root
    return ImportedStamp(
        row.public_id,
        row.gen_time,
        row.tsa_name,
        row.head_seq,
        row.head_hash,
        verified.path.trust,
        tsp_certs.name_of(root),
        tsp_certs.fingerprint(root),
        event,
    )


def _gen_time_text(moment: datetime.datetime) -> str:
    """ISO 8601 in UTC with the fractions the authority gave (never rounded down: the stamp
    proves existence no later than this instant, not a moment before it)."""
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def status(vault: Vault) -> StampStatus:
    with vault.reading() as conn:
        covered = store.covered_seq(conn)
        head = event_store.head(conn)
        return StampStatus(
            store.current_entries(conn),
            store.uncovered_entries(conn, covered),
            head[0] if head else 0,
            covered,
            store.pending_count(conn),
            store.all_stamps(conn),
        )
