"""Backup, restore and the full check of a vault (docs/vault-format.md, "Backups").

A backup is one file: an uncompressed tar holding ``keyslots.json`` and an encrypted copy of the
database made with ``sqlcipher_export`` under the same data key. It is reopened and
integrity-checked before it is moved into place, so a backup that exists is a backup that works.
Its members name no account (owner 0, no owner names). Restore reads a backup as hostile input:
it checks the tar's members (two regular files, a header of bounded size) before writing
anything, never reads more than the header's limit into memory, unpacks next to the target,
unlocks the copy with the passphrase to prove it, then renames it into place.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

from tr_journal.crypto.keyslots import (
    BACKUP_NAME,
    HEADER_NAME,
    MAX_HEADER_BYTES,
    parse_header,
    write_header,
)
from tr_journal.domain.attachment import original_commitment
from tr_journal.errors import N_, Cancelled, InvalidInput, Sentence, VaultCorrupt, VaultExists
from tr_journal.fsutil import PRIVATE_DIR, atomic_writer, raise_os_error
from tr_journal.i18n import _
from tr_journal.journal.chain import all_events, verify_events
from tr_journal.store import attachments as attachment_store
from tr_journal.store import entries as entry_store
from tr_journal.store.connection import DB_NAME, integrity_problems, open_database
from tr_journal.store.integrity_log import check_due, record_clean_check
from tr_journal.store.stats import derived_problems
from tr_journal.timeutil import now_utc_text
from tr_journal.vault import Vault, vault_exists

BACKUP_MEMBERS = (HEADER_NAME, DB_NAME)
#: the owner name written in backups (never the account's: a backup may travel)
BACKUP_OWNER = "tr-journal"
#: extended (pax) headers the writer never needs beyond a few fields; a bigger one is hostile
MAX_TAR_META_BYTES = 64 * 1024
NOT_A_BACKUP = N_("{path} is not a tr-journal backup.")


STALE_AFTER_S = 300


def sweep_stale_work_dirs(folder: Path) -> None:
    """Remove work folders that a killed backup or restore left (encrypted copies, but clutter
    that grows with every interruption). One still being written is recent and kept."""
    now = time.time()
    for work in list(folder.glob(".trj-backup-*")) + list(folder.glob(".trj-restore-*")):
        with contextlib.suppress(OSError):
            newest = max([p.stat().st_mtime for p in work.rglob("*")] + [work.stat().st_mtime])
            if now - newest > STALE_AFTER_S:
                shutil.rmtree(work, ignore_errors=True)


def backup(vault: Vault, out: Path) -> None:
    out = Path(out).expanduser()
    sweep_stale_work_dirs(out.parent)
    with tempfile.TemporaryDirectory(prefix=".trj-backup-", dir=out.parent) as work:
        copy = Path(work) / DB_NAME
        vault.export_database(copy)
        _check_copy(copy, vault)
        try:
            with atomic_writer(out) as handle, tarfile.open(fileobj=handle, mode="w") as tar:
                _add_bytes(tar, HEADER_NAME, vault.header_bytes())
                tar.add(copy, arcname=DB_NAME, filter=_anonymous)
        except OSError as exc:
            raise_os_error(exc, out)


def _hex_key(vault: Vault) -> str:
    pragma = vault.data_key_pragma()
    return pragma[pragma.index("x'") : pragma.rindex("'") + 1]


def _check_copy(copy: Path, vault: Vault) -> None:
    key = bytes.fromhex(_hex_key(vault)[2:-1])
    conn = open_database(copy, key)
    try:
        problems = integrity_problems(conn)
    finally:
        conn.close()
    if problems:
        raise VaultCorrupt(detail=N_("the backup copy failed its check"))


def _anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """Owner 0 and the project's name instead of the account's uid and user name."""
    info.uid = info.gid = 0
    info.uname = info.gname = BACKUP_OWNER
    info.mode = 0o600
    return info


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = _anonymous(tarfile.TarInfo(name))
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def restore(
    backup_file: Path, target: Path, passphrase: str | None = None, recovery_key: str | None = None
) -> None:
    """Unpack a backup into ``target`` (which must not hold a vault) after proving it opens.

    The parent folder is created private if missing and otherwise left as it is (its mode is
    the person's choice). A backup refused for its shape leaves nothing behind.
    """
    target, backup_file = Path(target), Path(backup_file)
    if vault_exists(target) or (target.exists() and any(target.iterdir())):
        raise VaultExists(path=str(target))
    with _open_backup(backup_file) as tar:
        members = _backup_members(tar, backup_file)
        target.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        sweep_stale_work_dirs(target.parent)
        staging = Path(tempfile.mkdtemp(prefix=".trj-restore-", dir=target.parent))
        try:
            _unpack(tar, members, staging)
            Vault.open(staging, passphrase, recovery_key).close()
            with contextlib.suppress(FileNotFoundError):
                target.rmdir()
            os.replace(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


class _BoundedTarInfo(tarfile.TarInfo):
    """Refuses extended headers larger than a backup ever holds *before* tarfile reads them
    whole (a pax header declaring 300 MB would otherwise be read into memory)."""

    def _proc_member(self, tar: tarfile.TarFile) -> tarfile.TarInfo:
        meta = (
            tarfile.XHDTYPE,
            tarfile.XGLTYPE,
            tarfile.SOLARIS_XHDTYPE,
            tarfile.GNUTYPE_LONGNAME,
            tarfile.GNUTYPE_LONGLINK,
        )
        if self.type in meta and self.size > MAX_TAR_META_BYTES:
            raise tarfile.HeaderError("oversized extended header")
        if self.type == tarfile.GNUTYPE_SPARSE:  # its map is read block after block, unbounded
            raise tarfile.HeaderError("sparse member")
        member: tarfile.TarInfo = super()._proc_member(tar)  # type: ignore[misc]
        return member


def _open_backup(backup_file: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(backup_file, mode="r:", tarinfo=_BoundedTarInfo)
    except (OSError, tarfile.TarError) as exc:
        raise InvalidInput(detail=NOT_A_BACKUP, path=str(backup_file)) from exc


def _backup_members(tar: tarfile.TarFile, backup_file: Path) -> dict[str, tarfile.TarInfo]:
    """The two members, read one header at a time (never a list of a hostile tar's members):
    plain regular files, no sparse map, the key file within the header size limit."""
    members: dict[str, tarfile.TarInfo] = {}
    try:
        while (member := tar.next()) is not None:
            if (
                member.name not in BACKUP_MEMBERS
                or member.name in members
                or member.type not in (tarfile.REGTYPE, tarfile.AREGTYPE)
                or member.sparse is not None
            ):
                raise InvalidInput(detail=NOT_A_BACKUP, path=str(backup_file))
            members[member.name] = member
    except tarfile.TarError as exc:
        raise InvalidInput(detail=NOT_A_BACKUP, path=str(backup_file)) from exc
    if sorted(members) != sorted(BACKUP_MEMBERS):
        raise InvalidInput(detail=NOT_A_BACKUP, path=str(backup_file))
    if members[HEADER_NAME].size > MAX_HEADER_BYTES:
        raise InvalidInput(
            detail=N_(
                "{path} is not a tr-journal backup: its key file is larger than a key file can be."
            ),
            path=str(backup_file),
        )
    return members


def _unpack(tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo], staging: Path) -> None:
    header = tar.extractfile(members[HEADER_NAME])
    assert header is not None
    write_header(staging, parse_header(header.read(MAX_HEADER_BYTES + 1)))
    source = tar.extractfile(members[DB_NAME])
    assert source is not None
    with atomic_writer(staging / DB_NAME) as handle:
        shutil.copyfileobj(source, handle, 1024 * 1024)
    (staging / BACKUP_NAME).chmod(0o600)


def check(vault: Vault) -> dict[str, Any]:
    """Every check a vault can run on itself; ``ok`` is False if any found a problem."""
    with vault.reading() as conn:
        return check_connection(conn)


def check_connection(conn: sqlcipher3.Connection) -> dict[str, Any]:
    """:func:`check` on an open database connection (the vault's, or a second one)."""
    integrity = integrity_problems(conn)
    # once a damaged page was met, SQLite may refuse any page not yet read: each later part
    # reports that as its own problem rather than ending the whole check
    try:
        events = [e.to_json() for e in all_events(conn)]
        chain: list[Any] = list(verify_events(events))
    except sqlcipher3.DatabaseError as exc:
        events, chain = [], [f"events: {exc}"]
    try:
        content: list[Any] = list(_content_problems(conn, events))
        content += [
            Sentence(
                N_("the counts kept for the patterns ({part}) no longer match the entries"),
                part=part,
            )
            for part in derived_problems(conn)
        ]
    except sqlcipher3.DatabaseError as exc:
        content = [f"content: {exc}"]
    report: dict[str, Any] = {
        "integrity": integrity,
        "chain": chain,
        "content": content,
        "events": len(events),
    }
    report["ok"] = not (report["integrity"] or report["chain"] or report["content"])
    return report


def check_is_due(vault: Vault) -> bool:
    """Whether the background full check should run (never ran, or over a day ago)."""
    with vault.reading() as conn:
        return check_due(conn)


def record_check(vault: Vault, report: dict[str, Any]) -> None:
    """Keep the time of a clean full check in the vault (docs/integrity.md).

    A check that found problems writes nothing: a damaged vault is never written to.
    """
    if report["ok"]:
        with vault.transaction() as tx:
            record_clean_check(tx, now_utc_text())


def background_check(vault: Vault, cancelled: Callable[[], bool] = lambda: False) -> dict[str, Any]:
    """The full check on a second connection of its own, so the app's reads and saves go on
    while it reads every page (minutes on a large vault). Records a clean result.

    ``cancelled()`` is polled while SQLite works (locking must not wait for the whole check);
    a cancelled check raises :class:`Cancelled` and records nothing.
    """
    key = bytes.fromhex(_hex_key(vault)[2:-1])
    conn = open_database(vault.dir / DB_NAME, key)
    try:
        conn.set_progress_handler(lambda: 1 if cancelled() else 0, 20_000)
        try:
            report = check_connection(conn)
        except sqlcipher3.DatabaseError as exc:
            report = {"integrity": [str(exc)], "chain": [], "content": [], "events": 0, "ok": False}
    finally:
        conn.close()
    if cancelled():
        raise Cancelled()
    record_check(vault, report)
    return report


def describe_problem(problem: str) -> str:
    """One problem of :func:`check` in the current language: chain and content problems carry
    their template; SQLite's own integrity messages are shown as SQLite wrote them."""
    return problem.render(_) if isinstance(problem, Sentence) else problem


def _content_problems(conn: sqlcipher3.Connection, events: list[dict[str, Any]]) -> list[Sentence]:
    """Stored revisions and attachments must match the hashes their events recorded."""
    from tr_journal.canonical import sha256_hex

    expected = {
        (e["subject_id"], e["content_sha256"])
        for e in events
        if e["kind"]
        in (
            "entry.created",
            "entry.revised",
            "attachment.added",
            "transcript.created",
            "transcript.revised",
        )
    }
    problems: list[Sentence] = []
    from tr_journal.store import transcripts as transcript_store

    for public_id, rev, body, digest in [
        *entry_store.all_revision_rows(conn),
        *transcript_store.all_revision_rows(conn),
    ]:
        actual = sha256_hex(body.encode("utf-8"))
        if actual != digest or (public_id, actual) not in expected:
            problems.append(
                Sentence(
                    N_("{entry} revision {rev} does not match its event"), entry=public_id, rev=rev
                )
            )
    for public_id, digest, salt in attachment_store.live_hashes(conn):
        # a salted original's event recorded its commitment (docs/record-format.md)
        recorded = digest if salt is None else original_commitment(digest, salt)
        if (public_id, recorded) not in expected:
            problems.append(
                Sentence(N_("{attachment} does not match its event"), attachment=public_id)
            )
    problems += _import_problems(conn, events)
    from tr_journal.store.stamps import stamp_problems  # docs/timestamps.md

    return problems + stamp_problems(conn, events)


def _import_problems(conn: sqlcipher3.Connection, events: list[dict[str, Any]]) -> list[Sentence]:
    """Each stored provenance record (salted from event version 3 on, docs/imports.md) must
    hash to an ``entry.imported`` event of its entry."""
    from tr_journal.canonical import sha256_hex
    from tr_journal.store import imports as import_store

    recorded = {
        (e["subject_id"], e["content_sha256"]) for e in events if e["kind"] == "entry.imported"
    }
    return [
        Sentence(N_("{entry}: its import record does not match its event"), entry=public_id)
        for public_id, record in import_store.all_records(conn)
        if (public_id, sha256_hex(record.encode("utf-8"))) not in recorded
    ]
