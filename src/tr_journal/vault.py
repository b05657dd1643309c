"""The vault service: create, unlock, lock, and the key actions of docs/vault-format.md.

A :class:`Vault` owns one long-lived SQLCipher connection and the data key while unlocked.
All writes go through :meth:`Vault.transaction`, one transaction per user action, serialised by
a lock so the GUI's worker thread and the main thread never interleave statements.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlcipher3

from tr_journal.crypto.kdf import KdfParams
from tr_journal.crypto.keyslots import (
    BACKUP_NAME,
    HEADER_NAME,
    HEADER_VERSION,
    Header,
    read_header,
    wrap_key,
    write_header,
)
from tr_journal.crypto.recovery import generate_recovery_key, parse_recovery_key
from tr_journal.domain import EventKind
from tr_journal.errors import (
    N_,
    DiskFull,
    TrJournalError,
    VaultBusy,
    VaultCorrupt,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    WrongPassphrase,
)
from tr_journal.fsutil import ensure_private_dir, is_disk_full
from tr_journal.journal.chain import append_event
from tr_journal.store import connection as store
from tr_journal.store import meta
from tr_journal.store.connection import (
    DB_NAME,
    close_quietly,
    create_database,
    key_opens,
    key_pragma,
    open_database,
)
from tr_journal.timeutil import now_utc_text

DATA_KEY_BYTES = 32
#: meta row recording that this vault's header is authenticated, so that a header rewritten
#: in the old unauthenticated format is refused instead of trusted (docs/vault-format.md)
TAMPERED = N_(
    "its key file keyslots.json was changed outside tr-journal (the header's "
    "authentication does not match)"
)
ShowKey = Callable[[str], None]
#: what a passphrase change cannot do, said by the CLI and the app after it
PASSWD_NOTE = N_(
    "Backups and old copies of this vault still open with the old passphrase. If "
    "someone may know it, run `tr-journal rekey` so that old copies of the key "
    "file no longer open this journal, and delete old backups."
)


def _nothing_shown(_key: str) -> None:
    """Default for callers that hand the returned key to the person themselves."""


def _encode(passphrase: str) -> bytes:
    return passphrase.encode("utf-8")


def vault_exists(vault_dir: Path) -> bool:
    return (vault_dir / HEADER_NAME).exists() or (vault_dir / DB_NAME).exists()


class Vault:
    """An unlocked vault. Use :meth:`create` or :meth:`open`; call :meth:`close` to lock."""

    def __init__(
        self, vault_dir: Path, conn: sqlcipher3.Connection, data_key: bytes, header: Header
    ) -> None:
        self.dir = vault_dir
        self._conn: sqlcipher3.Connection | None = conn
        self._data_key = bytearray(data_key)
        self._header = header
        self._lock = threading.RLock()
        #: set by an unlock that undid an interrupted recovery key change (tell the person)
        self.shown_recovery_key_dropped = False

    # -- lifecycle -------------------------------------------------------------------------
    @classmethod
    def create(
        cls, vault_dir: Path, passphrase: str, kdf: KdfParams | None = None
    ) -> tuple[Vault, str]:
        """Make a new vault; return it unlocked and its recovery key (shown once)."""
        vault_dir = Path(vault_dir)
        if vault_exists(vault_dir):
            raise VaultExists(path=str(vault_dir))
        kdf = kdf or KdfParams()
        kdf.check_bounds()
        ensure_private_dir(vault_dir)
        data_key = os.urandom(DATA_KEY_BYTES)
        recovery = generate_recovery_key()
        header = Header(
            [
                wrap_key("passphrase", _encode(passphrase), data_key, kdf),
                wrap_key("recovery", parse_recovery_key(recovery), data_key, kdf),
            ],
            {"vault_id": str(uuid.uuid4())},
        ).sealed([data_key])
        old_umask = os.umask(0o077)
        try:
            conn = create_database(vault_dir / DB_NAME, data_key)
        finally:
            os.umask(old_umask)
        vault = cls(vault_dir, conn, data_key, header)
        from tr_journal.crypto import signing  # lazy: keeps CLI start-up lean (bench/)

        with vault.transaction() as tx:
            meta.put(tx, meta.SIGNING_SEED, signing.generate_private_key())
            meta.put(tx, meta.VAULT_ID, header.extra["vault_id"])
            meta.put(tx, meta.HEADER_FORMAT, str(HEADER_VERSION))
            append_event(tx, EventKind.VAULT_CREATED, "V", "0" * 64, now_utc_text())
        write_header(vault_dir, header)
        return vault, recovery

    @classmethod
    def open(
        cls, vault_dir: Path, passphrase: str | None = None, recovery_key: str | None = None
    ) -> Vault:
        """Unlock with the passphrase or the recovery key. Never writes before checks pass.

        The open sequence is stated in docs/vault-format.md: unwrap, check the header's tags,
        open the database, refuse an unauthenticated header for a vault whose header was once
        authenticated, then settle what an interrupted action left and seal the header.
        """
        vault_dir = Path(vault_dir)
        if not vault_exists(vault_dir):
            raise VaultNotFound(path=str(vault_dir))
        header = read_header(vault_dir)
        if recovery_key is not None:
            opened = header.unlock_slots("recovery", parse_recovery_key(recovery_key))
        else:
            opened = header.unlock_slots("passphrase", _encode(passphrase or ""))
        if header.authenticated and not all(header.verifies(k) for _, k in opened):
            raise VaultCorrupt(detail=TAMPERED)
        db_path = vault_dir / DB_NAME
        keys = list(dict.fromkeys(k for _, k in opened))
        key = (
            keys[0] if len(keys) == 1 else next((k for k in keys if key_opens(db_path, k)), keys[0])
        )
        if header.rotation_in_flight and recovery_key is not None and not key_opens(db_path, key):
            raise WrongPassphrase(
                N_(
                    "This recovery key was replaced when the vault was "
                    "re-encrypted; use the passphrase."
                )
            )
        conn = open_database(db_path, key)
        if not header.authenticated and _header_format(conn) >= HEADER_VERSION:
            close_quietly(conn)
            raise VaultCorrupt(detail=TAMPERED)
        vault = cls(vault_dir, conn, key, header)
        vault._settle(frozenset(i for i, k in opened if k == key))
        return vault

    def _settle(self, proven: frozenset[int]) -> None:
        """Drop slots an interrupted action left behind (they would slow every unlock and, in
        time, grow the header past its limit) and seal a format 1 header. Best effort: a
        read-only folder or a full disk leaves the header as it was (it still opens)."""
        settled = self._header.settled(bytes(self._data_key), proven)
        self.shown_recovery_key_dropped = self._header.drops_shown_recovery_key(settled)
        if settled is None and not self._header.authenticated:
            settled = self._header
        with contextlib.suppress(TrJournalError, sqlcipher3.Error):
            if settled is not None:
                self._write_header(settled)
            if self._header.authenticated and _header_format(self.conn) < HEADER_VERSION:
                with self.transaction() as tx:  # only after the sealed header is on disk
                    meta.replace(tx, meta.HEADER_FORMAT, str(HEADER_VERSION))

    def _write_header(self, header: Header, extra_keys: tuple[bytes, ...] = ()) -> None:
        """Seal ``header`` under the data key (and those of a rotation in flight), write it.
        Under the lock, and never once locked: the key would be zeros by then."""
        with self._lock:
            if self._conn is None:
                raise VaultLocked()
            sealed = header.sealed([bytes(self._data_key), *extra_keys])
            write_header(self.dir, sealed)
            self._header = sealed

    @property
    def has_recovery_key(self) -> bool:
        """False after a rotation that was interrupted before its new recovery key was shown:
        the user should make a new one (``tr-journal recovery-key``)."""
        return self._header.has_slot("recovery", bytes(self._data_key))

    def close(self) -> None:
        """Lock: close the database and overwrite the key bytes we hold."""
        with self._lock:
            close_quietly(self._conn)
            self._conn = None
            for i in range(len(self._data_key)):
                self._data_key[i] = 0

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------
    @property
    def conn(self) -> sqlcipher3.Connection:
        if self._conn is None:
            raise VaultLocked()
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        """One atomic user action. Disk-full and lock errors become typed errors."""
        with self._lock:
            conn = self.conn
            try:
                store.begin(conn)
            except sqlcipher3.OperationalError as exc:
                raise _typed(exc) from exc
            try:
                yield conn
                store.commit(conn)
            except BaseException as exc:
                store.rollback(conn)
                if isinstance(exc, sqlcipher3.Error):
                    raise _typed(exc) from exc
                raise
            _checkpoint(conn)

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlcipher3.Connection]:
        """Read under the lock; a page that fails its HMAC becomes :class:`VaultCorrupt`."""
        with self._lock:
            try:
                yield self.conn
            except sqlcipher3.DatabaseError as exc:
                raise _typed(exc) from exc

    # -- keys ------------------------------------------------------------------------------
    def signing_seed(self) -> bytes:
        with self.reading() as conn:
            return meta.get_bytes(conn, meta.SIGNING_SEED)

    def public_key(self) -> bytes:
        from tr_journal.crypto import signing  # lazy: keeps CLI start-up lean (bench/)

        return signing.public_raw(signing.load_private_key(self.signing_seed()))

    def fingerprint(self) -> str:
        from tr_journal.crypto import signing  # lazy: keeps CLI start-up lean (bench/)

        return signing.fingerprint(self.public_key())

    def _kdf_of(self, slot_type: str) -> KdfParams:
        return next(
            (s.kdf for s in self._header.slots if s.type == slot_type), self._header.slots[0].kdf
        )

    def _rewrite_slot(self, slot_type: str, secret: bytes, kind: EventKind) -> None:
        slots = [s for s in self._header.slots if s.type != slot_type]
        slots.append(wrap_key(slot_type, secret, bytes(self._data_key), self._kdf_of(slot_type)))
        self._write_header(Header(slots, self._header.extra))
        with self.transaction() as tx:
            append_event(tx, kind, "V", "0" * 64, now_utc_text())

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrites only the header: instant, the database is untouched."""
        self._rewrite_slot("passphrase", _encode(new_passphrase), EventKind.PASSPHRASE_CHANGED)

    # -- the recovery key: replaced in two phases --------------------------------------------
    def begin_new_recovery_key(self) -> str:
        """Write a new recovery slot *pending* beside the old one; return its key.

        Both keys open the vault until :meth:`confirm_new_recovery_key`; if that never happens
        (the key could not be shown, the process died), the next unlock drops the pending slot
        and the old key is the one that works.
        """
        recovery = generate_recovery_key()
        slot = wrap_key(
            "recovery",
            parse_recovery_key(recovery),
            bytes(self._data_key),
            self._kdf_of("recovery"),
        )
        slots = [s for s in self._header.slots if not (s.type == "recovery" and s.pending)]
        self._write_header(
            Header([*slots, dataclasses.replace(slot, pending=True)], self._header.extra)
        )
        return recovery

    def confirm_new_recovery_key(self) -> None:
        """The new key reached the person: drop the old recovery slot, settle the new one."""
        if not any(s.type == "recovery" and s.pending for s in self._header.slots):
            return
        slots = [
            dataclasses.replace(s, pending=False)
            for s in self._header.slots
            if s.type != "recovery" or s.pending
        ]
        self._write_header(Header(slots, self._header.extra))
        with self.transaction() as tx:
            append_event(tx, EventKind.RECOVERY_CHANGED, "V", "0" * 64, now_utc_text())

    def cancel_new_recovery_key(self) -> None:
        """Drop a pending recovery slot; the old recovery key stays the one that works."""
        slots = [s for s in self._header.slots if not (s.type == "recovery" and s.pending)]
        if slots != self._header.slots:
            self._write_header(Header(slots, self._header.extra))

    def new_recovery_key(self, show: ShowKey = _nothing_shown) -> str:
        """Replace the recovery key: pending slot, ``show(key)``, then the old slot goes.

        If ``show`` raises (output on a full disk, a closed terminal), the replacement is
        undone and the old key keeps working.
        """
        recovery = self.begin_new_recovery_key()
        try:
            show(recovery)
        except BaseException:
            with contextlib.suppress(Exception):
                self.cancel_new_recovery_key()
            raise
        self.confirm_new_recovery_key()
        return recovery

    def rotate_data_key(self, passphrase: str, show: ShowKey = _nothing_shown) -> str:
        """Re-encrypt the database under a fresh data key; return the new recovery key.

        Crash-safe order: (1) a header holding the old slots and pending slots for the new key,
        (2) ``show(new recovery key)``, (3) ``PRAGMA rekey`` (atomic in SQLite's journal),
        (4) a header with the new slots only. Killed before (3), the old key and the old
        recovery key open the vault; after (3), the new ones do, and the new recovery key was
        shown before the database needed it. If ``show`` raises, nothing is changed.
        """
        new_key = os.urandom(DATA_KEY_BYTES)
        recovery = generate_recovery_key()
        new_slots = [
            wrap_key("passphrase", _encode(passphrase), new_key, self._kdf_of("passphrase")),
            wrap_key("recovery", parse_recovery_key(recovery), new_key, self._kdf_of("recovery")),
        ]
        pending = [dataclasses.replace(slot, pending=True) for slot in new_slots]
        with self._lock:
            before = self._header
            self._write_header(Header(before.slots + pending, before.extra), (new_key,))
            try:
                show(recovery)
                store.rekey(self.conn, new_key)
            except BaseException as exc:
                with contextlib.suppress(Exception):
                    self._write_header(before)
                if isinstance(exc, sqlcipher3.Error):
                    raise _typed(exc) from exc
                raise
            self._data_key[:] = new_key
            self._write_header(Header(new_slots, before.extra))
        with self.transaction() as tx:
            append_event(tx, EventKind.KEY_ROTATED, "V", "0" * 64, now_utc_text())
        return recovery

    def export_database(self, copy: Path) -> None:
        """Write an encrypted copy of the database to ``copy``, under the same data key."""
        with self.reading() as conn:
            try:
                store.export_copy(conn, copy, bytes(self._data_key))
            except sqlcipher3.Error as exc:
                raise _typed(exc) from exc

    def data_key_pragma(self) -> str:
        """``PRAGMA key`` text for attaching a backup file with the same key."""
        return key_pragma(bytes(self._data_key))

    def header_bytes(self) -> bytes:
        return self._header.to_bytes()


def _header_format(conn: sqlcipher3.Connection) -> int:
    """The header format this vault's database says it was sealed with (1 if never)."""
    try:
        value = meta.get_text(conn, meta.HEADER_FORMAT)
        return int(value) if value is not None else 1
    except (TypeError, ValueError, sqlcipher3.DatabaseError):
        return HEADER_VERSION  # unreadable: demand the authenticated format


def _checkpoint(conn: sqlcipher3.Connection) -> None:
    """Copy what was just committed from the WAL into journal.db.

    A WAL whose header is damaged is silently ignored by SQLite, taking every commit not yet
    checkpointed with it (found by the torture suite). Checkpointing after each user action
    keeps that window to the moment between COMMIT and this call. Big imports already pay
    this (autocheckpoint); small ones pay a few milliseconds. Best effort: a reader or a full
    disk may hold it back, and the commit is durable in the WAL either way.
    """
    with contextlib.suppress(sqlcipher3.Error):
        store.checkpoint(conn, "PASSIVE")


def _typed(exc: sqlcipher3.Error) -> TrJournalError:
    if is_disk_full(exc):
        return DiskFull()
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return VaultBusy()
    return VaultCorrupt(detail=N_("the database reported an error: {error}").format(error=exc))


__all__ = ["BACKUP_NAME", "PASSWD_NOTE", "Vault", "vault_exists"]
