"""Opening the SQLCipher database with the hardened sequence (docs/vault-format.md).

The database is opened with ``mode=rw`` so a missing file is an error, never a fresh empty
vault. Every failure after the key slot unwrapped is corruption (the key is right). Opening
reads a constant amount whatever the journal's size (docs/integrity.md says what is checked
when); nothing is written at open unless a whole-file check passed first (a schema upgrade).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import quote

import sqlcipher3

from tr_journal.errors import N_, DiskFull, VaultBusy, VaultCorrupt, VaultTooNew
from tr_journal.fsutil import is_disk_full
from tr_journal.store.schema import SCHEMA_VERSION, migrate

DB_NAME = "journal.db"
BUSY_TIMEOUT_MS = 10_000


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def key_pragma(data_key: bytes) -> str:
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def _connect(path: Path, data_key: bytes, mode: str) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(
        _uri(path, mode),
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    version = conn.execute("PRAGMA cipher_version").fetchone()
    if not version or not str(version[0]).startswith("4"):
        conn.close()
        raise VaultCorrupt(detail=N_("this SQLCipher library is not version 4"))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(key_pragma(data_key))
    conn.execute("PRAGMA cipher_compatibility = 4")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def key_opens(path: Path, data_key: bytes) -> bool:
    """Whether ``data_key`` decrypts the database (used to pick a slot mid key rotation)."""
    try:
        conn = _connect(path, data_key, "ro")
    except sqlcipher3.DatabaseError:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def open_database(path: Path, data_key: bytes) -> sqlcipher3.Connection:
    """Open an existing vault database; raise :class:`VaultCorrupt` rather than repair."""
    if not path.is_file():
        raise VaultCorrupt(detail=N_("the database file journal.db is missing"))
    try:
        conn = _connect(path, data_key, "rw")
    except sqlcipher3.OperationalError as exc:
        raise VaultCorrupt(detail=N_("the database file cannot be opened")) from exc
    try:
        _check_readable(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _check_pages(conn)
        _upgrade_schema(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_readable(conn: sqlcipher3.Connection) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        found = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlcipher3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise VaultBusy() from exc
        raise VaultCorrupt(detail=N_("the database cannot be decrypted or read")) from exc
    except sqlcipher3.DatabaseError as exc:
        raise VaultCorrupt(detail=N_("the database cannot be decrypted or read")) from exc
    if found > SCHEMA_VERSION:
        raise VaultTooNew(found=found, supported=SCHEMA_VERSION)
    if found < 1:
        raise VaultCorrupt(detail=N_("the database holds no journal"))


#: Tables read in full at every open: small and of constant size whatever the journal holds.
CHECKED_AT_OPEN = ("meta",)


def _check_pages(conn: sqlcipher3.Connection) -> None:
    """``quick_check`` of the few constant-size tables every command needs.

    Why not every table: on 100,000 entries a per-table ``quick_check`` made every command
    (``add`` included) 4-5 times slower than on 10,000. Each page still proves itself by its
    SQLCipher HMAC when it is read, ``tr-journal check`` reads every page, and the desktop app
    runs that full check in the background once a day (docs/integrity.md).
    """
    try:
        for table in CHECKED_AT_OPEN:
            rows = conn.execute(f"PRAGMA quick_check('{table}')").fetchall()
            if [tuple(r) for r in rows] != [("ok",)]:
                raise VaultCorrupt(detail=N_("the database failed its integrity check"))
    except sqlcipher3.DatabaseError as exc:
        raise VaultCorrupt(detail=N_("a page of the database is damaged")) from exc


def _upgrade_schema(conn: sqlcipher3.Connection) -> None:
    """Migrate a vault made by an older version, after a whole-file check passed.

    A damaged vault is never written: the migration (the only write at open) waits for
    ``quick_check`` of every page. It runs once per schema version, so its cost is paid once.
    """
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlcipher3.DatabaseError as exc:
        raise VaultCorrupt(detail=N_("a page of the database is damaged")) from exc
    if [tuple(r) for r in rows] != [("ok",)]:
        raise VaultCorrupt(detail=N_("the database failed its integrity check"))
    try:
        migrate(conn)
    except sqlcipher3.Error as exc:
        if is_disk_full(exc):
            raise DiskFull() from exc
        raise VaultCorrupt(
            detail=N_("the database cannot be upgraded: {error}").format(error=exc)
        ) from exc


def create_database(path: Path, data_key: bytes) -> sqlcipher3.Connection:
    """Create a new encrypted database (``mode=rwc``) and its schema."""
    conn = _connect(path, data_key, "rwc")
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def integrity_problems(conn: sqlcipher3.Connection) -> list[str]:
    """Problems reported by ``cipher_integrity_check`` and ``integrity_check`` (empty = clean).

    ``cipher_integrity_check`` reads journal.db itself, not the WAL: right after a re-key (or a
    crash just after one) the committed pages under the new key are still in the WAL and the
    file's pages under the old key would all be reported as damaged. Checkpoint first (best
    effort: on a full disk the checkpoint cannot grow the file, and the check must still run).
    """
    with contextlib.suppress(sqlcipher3.OperationalError):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    problems: list[str] = []
    for pragma in ("cipher_integrity_check", "integrity_check"):
        try:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        except sqlcipher3.DatabaseError as exc:
            rows = [f"{pragma}: {exc}"]
        problems.extend(r for r in rows if r != "ok")
    return problems


def close_quietly(conn: sqlcipher3.Connection | None) -> None:
    if conn is not None:
        with contextlib.suppress(sqlcipher3.Error):
            conn.close()


# -- the statements the vault service issues around its transactions ----------------------
def begin(conn: sqlcipher3.Connection) -> None:
    """Start one user action's write transaction (taking the write lock at once)."""
    conn.execute("BEGIN IMMEDIATE")


def commit(conn: sqlcipher3.Connection) -> None:
    conn.execute("COMMIT")


def rollback(conn: sqlcipher3.Connection) -> None:
    """Undo the open transaction, if any; a failure to roll back is not reported (the
    connection is then unusable and the next statement says so)."""
    if conn.in_transaction:
        with contextlib.suppress(sqlcipher3.Error):
            conn.execute("ROLLBACK")


def checkpoint(conn: sqlcipher3.Connection, mode: str = "PASSIVE") -> None:
    """Copy committed pages from the WAL into journal.db (``TRUNCATE`` also empties the WAL)."""
    if mode not in ("PASSIVE", "TRUNCATE"):
        raise ValueError(mode)
    conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()


def rekey(conn: sqlcipher3.Connection, new_key: bytes) -> None:
    """Re-encrypt every page under ``new_key`` (atomic in SQLite's journal)."""
    conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")


def vacuum(conn: sqlcipher3.Connection) -> None:
    """Rewrite the file so freed pages leave it, then truncate the WAL (outside a transaction)."""
    conn.execute("VACUUM")
    checkpoint(conn, "TRUNCATE")


def export_copy(conn: sqlcipher3.Connection, copy: Path, data_key: bytes) -> None:
    """Write an encrypted copy of the whole database to ``copy`` under the same key."""
    conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{data_key.hex()}'\"", (str(copy),))
    try:
        conn.execute("SELECT sqlcipher_export('backup')")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute(f"PRAGMA backup.user_version = {version}")
    finally:
        conn.execute("DETACH DATABASE backup")
