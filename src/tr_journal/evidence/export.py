"""Export a selection of the journal as a sealed, signed evidence bundle (docs/bundle-format.md).

What the ``export.created`` event commits to: its ``content_sha256`` is the SHA-256 of the
canonical JSON of ``data/custody/export.json``. That object names the export id and time, the
selection, the disclosed entries, the SHA-256 of ``entries.json``, every original's id and
SHA-256, the signing key and the hash of the last event before the export. It cannot be the
zip's own hash (the event is inside the zip), nor the report's (the report shows the event).

The vault is read under short locks (one per chunk) so the app stays responsive; the bundle is
written to a temp file next to ``out`` and only renamed into place inside the transaction that
appends the event, so a failure or a cancel leaves neither a file nor an event behind. The user
can cancel at every step (before and after the report is rendered, between zip members, per
chunk of an original, before the commit); only the commit itself is not interruptible.
Originals are decrypted on a reader thread and the zip is hashed by a thread trailing the
writer (:mod:`tr_journal.evidence.pipeline`), so an export keeps up with ``sha256sum``.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tr_journal import __version__
from tr_journal.canonical import canonical_json, canonical_sha256, sha256_hex
from tr_journal.crypto import signing
from tr_journal.domain import Attachment, EventKind, ExportSelection
from tr_journal.errors import N_, Cancelled, InvalidInput, VaultBusy, VaultCorrupt
from tr_journal.evidence import bag, bundle_stamps
from tr_journal.evidence.disclosure import WholeExport, selected_ids, whole_exports_in
from tr_journal.evidence.pipeline import ChunkPrefetch, TrailingHasher, cancellable
from tr_journal.evidence.readme_text import readme_en, readme_fr
from tr_journal.evidence.zipout import DeterministicZip
from tr_journal.fsutil import fsync_dir, raise_os_error
from tr_journal.journal import chain, entries, transcripts
from tr_journal.media import records
from tr_journal.patterns.selection import SelectionFigures, selection_figures
from tr_journal.store import attachments as attachment_store
from tr_journal.store import events as event_store
from tr_journal.store import imports as import_store
from tr_journal.vault import Vault

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


@dataclass
class ExportResult:
    path: Path
    sha256: str  # of the zip file as delivered
    fingerprint: str
    export_id: str
    entries: int
    files: int  # originals in the bundle
    tagmanifest_sha256: str = ""
    tsq: Path | None = None  # the time-stamp request written beside the bundle, if any
    #: disclosed originals that are whole exports of partly undisclosed imports (a warning)
    whole_exports: tuple[WholeExport, ...] = ()


@dataclass(frozen=True, slots=True)
class _Original:
    """An attachment as the bundle holds it: its record and its path inside the bag."""

    attachment: Attachment
    path: str

    def to_json(self) -> dict[str, Any]:
        return {**self.attachment.to_json(), "path": self.path}


@dataclass
class _Snapshot:
    events: list[dict[str, Any]]  # the chain as plain JSON objects (events.jsonl)
    #: {"id", "revisions", "attachments", and "imported" for an imported entry} (entries.json)
    entries: list[dict[str, Any]]
    originals: list[_Original]
    seed: bytes
    stamps: list[bundle_stamps.TravellingStamp]
    figures: SelectionFigures  # the dossier's summary: the disclosed entries only
    whole_exports: tuple[WholeExport, ...]  # docs/imports.md, "Attaching the export file"


def _snapshot(vault: Vault, selection: ExportSelection) -> _Snapshot:
    with vault.reading() as conn:
        ids = selected_ids(conn, selection)
        if not ids:
            raise InvalidInput(detail=N_("No entry matches the selection; nothing was exported."))
        disclosed, originals = [], []
        carried: list[tuple[str, Attachment]] = []  # (entry id, original), for whole_exports
        for public_id in ids:
            found = records.list_attachments(conn, public_id)
            kept = [
                _Original(a, path)
                for a, path in zip(found, bag.original_paths(public_id, found), strict=True)
            ]
            originals.extend(kept)
            carried.extend((public_id, o.attachment) for o in kept)
            doc: dict[str, Any] = {
                "id": public_id,
                "revisions": [r.to_json() for r in entries.revisions(conn, public_id)],
                "attachments": [_with_transcripts(conn, o) for o in kept],
            }
            # a disclosed import's provenance records, salts included (docs/bundle-format.md)
            imported = [json.loads(r) for r in import_store.provenance_of(conn, public_id)]
            if imported:
                doc["imported"] = imported
            disclosed.append(doc)
        events = [e.to_json() for e in chain.all_events(conn)]
        return _Snapshot(
            events,
            disclosed,
            originals,
            vault.signing_seed(),
            bundle_stamps.covering(conn, events, disclosed),
            selection_figures(conn, ids),
            whole_exports_in(conn, carried, ids),
        )


def _with_transcripts(conn: Any, original: _Original) -> dict[str, Any]:
    """An original's record with its transcripts and translations, every revision as hashed
    (docs/record-format.md, "Transcripts"); no key when it has none, as bundles had before."""
    doc = original.to_json()
    found = transcripts.transcripts_of(conn, original.attachment.id)
    if found:
        doc["transcripts"] = [
            {"id": t.id, "revisions": [r.to_json() for r in transcripts.revisions(conn, t.id)]}
            for t in found
        ]
    return doc


def _json_bytes(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


@dataclass
class _Plan:
    """Everything of the bundle except the originals' bytes, decided before writing."""

    export_id: str
    generated: dict[str, bytes]  # bag-relative path -> bytes (tag files included)
    originals: list[_Original]
    tagmanifest: bytes
    event: dict[str, Any]
    fingerprint: str
    head_hash: str


def _check(cancelled: CancelCheck | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def _plan(
    snap: _Snapshot, selection: ExportSelection, lang: str, cancelled: CancelCheck | None = None
) -> _Plan:
    clock = bag.export_clock()
    previous = sum(1 for e in snap.events if e["kind"] == "export.created")
    export_id = bag.export_id(clock, previous)
    public = signing.public_raw(signing.load_private_key(snap.seed))
    fingerprint = signing.fingerprint(public)
    originals = snap.originals
    entries_json = _json_bytes(
        {
            "format": "tr-journal-entries",
            "version": 1,
            "export_id": export_id,
            "entries": snap.entries,
        }
    )
    head = snap.events[-1]
    custody = {
        "format": "tr-journal-export",
        "version": 1,
        "export_id": export_id,
        "created_utc": bag.utc_text(clock),
        "app": "tr-journal",
        "app_version": __version__,
        "language": lang,
        "selection": {
            "entries": sorted(i.strip().upper() for i in selection.entry_ids),
            "since": selection.since,
            "until": selection.until,
        },
        "disclosed_entries": [e["id"] for e in snap.entries],
        "entries_json_sha256": sha256_hex(entries_json),
        "originals": [
            {
                "id": o.attachment.id,
                "sha256": o.attachment.sha256,
                "size": o.attachment.size,
                "path": o.path,
            }
            for o in originals
        ],
        "key_fingerprint": fingerprint,
        "public_key": signing.public_key_line(public),
        "chain_head_before": {"seq": head["seq"], "hash": head["hash"]},
        "time_note": "times are declared by the device clock; none is certified by a "
        "timestamp authority",
    }
    if snap.stamps:  # docs/timestamps.md, "In a bundle"
        custody["stamps"] = bundle_stamps.custody(snap.stamps)
        custody["time_note"] = bundle_stamps.STAMPED_NOTE
    event = chain.next_event(
        (head["seq"], head["hash"]),
        EventKind.EXPORT_CREATED,
        export_id,
        canonical_sha256(custody),
        bag.utc_text(clock),
    ).to_json()
    events = [*snap.events, event]
    generated = {
        bag.ENTRIES_JSON: entries_json,
        bag.EVENTS_JSONL: b"".join(canonical_json(e) + b"\n" for e in events),
        bag.EXPORT_JSON: _json_bytes(custody),
        **bundle_stamps.files(snap.stamps),
    }
    from tr_journal.evidence.report import ReportData, render_report

    _check(cancelled)
    html, pdf = render_report(
        ReportData(custody, snap.entries, events, event, lang, snap.figures), cancelled
    )
    _check(cancelled)
    generated[bag.REPORT_HTML], generated[bag.REPORT_PDF] = html, pdf
    payload = {p: sha256_hex(b) for p, b in generated.items()}
    payload.update({o.path: o.attachment.sha256 for o in originals})
    payload_bytes = sum(len(b) for b in generated.values()) + sum(
        o.attachment.size for o in originals
    )
    generated[bag.MANIFEST] = bag.manifest_text(payload)
    generated[bag.BAGIT_TXT] = bag.BAGIT_TEXT.encode("utf-8")
    generated[bag.BAG_INFO] = bag.bag_info_text(clock, payload_bytes, len(payload), export_id)
    generated[bag.ALLOWED_SIGNERS] = (
        f'{bag.SIGNER_IDENTITY} namespaces="{signing.EVIDENCE_NAMESPACE}" '
        f"{signing.public_key_line(public)}\n"
    ).encode("ascii")
    stamp_ids = [stamp.row.public_id for stamp in snap.stamps]
    generated[bag.README_FR] = readme_fr(export_id, lang, stamp_ids).encode("utf-8")
    generated[bag.README_EN] = readme_en(export_id, lang, stamp_ids).encode("utf-8")
    tags = {p: sha256_hex(b) for p, b in generated.items() if not p.startswith("data/")}
    tagmanifest = bag.manifest_text(tags)
    generated[bag.TAGMANIFEST] = tagmanifest
    generated[bag.SIGNATURE] = signing.sshsig_sign(snap.seed, tagmanifest)
    return _Plan(export_id, generated, originals, tagmanifest, event, fingerprint, head["hash"])


def _reader(vault: Vault, attachment_id: str) -> ChunkPrefetch:
    """The original's chunks in order, decrypted a few steps ahead on a reader thread."""
    with vault.reading() as conn:
        rowid = attachment_store.find(conn, attachment_id)[0]
        count = attachment_store.chunk_count(conn, rowid)
    return ChunkPrefetch(vault, rowid, count)


def _write_zip(
    vault: Vault, plan: _Plan, handle: Any, progress: Progress | None, cancelled: CancelCheck | None
) -> str:
    """Write the bundle into ``handle``; return the SHA-256 of the file as written."""
    by_path = {o.path: o.attachment for o in plan.originals}
    total = sum(len(b) for b in plan.generated.values()) + sum(
        o.attachment.size for o in plan.originals
    )
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    def member_done() -> None:
        handle.flush()  # zipfile has rewritten the member's header: all before here is final
        hasher.advance(handle.tell())
        _check(cancelled)

    archive = DeterministicZip(handle, bag.zip_time(bag.export_clock()))
    hasher = TrailingHasher(handle.fileno())
    try:
        _fill_zip(vault, plan, archive, by_path, advance, member_done, cancelled)
        archive.close()
        handle.flush()
        return hasher.finish(handle.tell())
    except BaseException:
        archive.abort()  # the temp file is deleted by the caller
        hasher.abort()
        raise


def _fill_zip(
    vault: Vault,
    plan: _Plan,
    archive: DeterministicZip,
    by_path: dict[str, Attachment],
    advance: Callable[[int], None],
    member_done: Callable[[], None],
    cancelled: CancelCheck | None,
) -> None:
    top = plan.export_id
    for path in sorted([*plan.generated, *by_path]):
        if path in plan.generated:
            data = plan.generated[path]
            archive.add_bytes(f"{top}/{path}", data, compress=not path.endswith(".pdf"))
            advance(len(data))
            member_done()
            continue
        attachment = by_path[path]
        reader = _reader(vault, attachment.id)
        try:
            digest, size = archive.add_stream(
                f"{top}/{path}", attachment.size, cancellable(iter(reader), cancelled), advance
            )
        finally:
            reader.close()  # the reader thread is gone before anything else happens
        if digest != attachment.sha256 or size != attachment.size:
            raise VaultCorrupt(
                detail=N_(
                    "the stored bytes of {id} no longer match the SHA-256 recorded at import"
                ),
                id=attachment.id,
            )
        member_done()


def _commit(vault: Vault, plan: _Plan, tmp: Path, out: Path) -> None:
    """Append the export event and move the zip into place, both or neither."""
    placed = False
    try:
        with vault.transaction() as tx:
            last = event_store.head(tx)
            if last is None or last[1] != plan.head_hash:
                raise VaultBusy()
            event = chain.append_event(
                tx,
                EventKind.EXPORT_CREATED,
                plan.export_id,
                plan.event["content_sha256"],
                plan.event["at_utc"],
            )
            if event.hash != plan.event["hash"]:
                raise VaultCorrupt(detail=N_("the export event could not be recorded as planned"))
            os.replace(tmp, out)
            placed = True
    except BaseException:
        if placed:  # the COMMIT failed: a bundle whose event is not in the vault must go
            out.unlink(missing_ok=True)
        raise
    fsync_dir(out.parent)


def export_bundle(
    vault: Vault,
    out: Path,
    selection: ExportSelection,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ExportResult:
    """Write the bundle to ``out`` (a .zip) and record the export in the chain."""
    from tr_journal.evidence.report import report_language

    lang = report_language(lang)
    out = Path(out).absolute()
    if not out.parent.is_dir():
        raise InvalidInput(
            detail=N_("The folder {folder} does not exist; nothing was exported."),
            folder=str(out.parent),
        )
    _check(cancelled)
    snap = _snapshot(vault, selection)
    plan = _plan(snap, selection, lang, cancelled)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise_os_error(exc, out)
        raise
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w+b") as handle:
            digest = _write_zip(vault, plan, handle, progress, cancelled)
            os.fsync(handle.fileno())
        _check(cancelled)
        _commit(vault, plan, tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise_os_error(exc, out)
        raise
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return ExportResult(
        out,
        digest,
        plan.fingerprint,
        plan.export_id,
        len(json.loads(plan.generated[bag.ENTRIES_JSON])["entries"]),
        len(plan.originals),
        sha256_hex(plan.tagmanifest),
        _stamp_request_beside(vault, out),
        snap.whole_exports,
    )


def _stamp_request_beside(vault: Vault, out: Path) -> Path | None:
    """A fresh time-stamp request over the chain head, which now ends with this export
    (docs/timestamps.md): the reminder the user carries to a time-stamp authority.

    Best effort: the bundle is already in place and recorded, so a read-only folder or a full
    disk here must not turn a finished export into a failure.
    """
    from tr_journal.errors import TrJournalError
    from tr_journal.evidence import stamps

    target = out.with_suffix(".tsq")
    try:
        stamps.write_request(vault, target)
    except (TrJournalError, OSError):
        return None
    return target
