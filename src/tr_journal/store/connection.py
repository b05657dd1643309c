"""Opening the SQLCipher database with the hardened sequence of design §3.

The database is opened with ``mode=rw`` so a missing file is an error, never a fresh empty
vault. Every failure after the key slot unwrapped is corruption (the key is right), and nothing
is written before ``quick_check`` passes.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import quote

import sqlcipher3

from tr_journal.errors import N_, VaultBusy, VaultCorrupt, VaultTooNew
from tr_journal.store.schema import SCHEMA_VERSION, migrate

DB_NAME = "journal.db"
BUSY_TIMEOUT_MS = 10_000


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def key_pragma(data_key: bytes) -> str:
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def _connect(path: Path, data_key: bytes, mode: str) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(_uri(path, mode), uri=True, isolation_level=None,
                              check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
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


#: Tables whose pages are not read at unlock: recordings (could be gigabytes) and the FTS
#: index (since SQLite 3.44 quick_check re-reads the whole index). SQLCipher's per-page HMAC
#: still catches damage there on first read, and `tr-journal check` reads every page.
_NOT_CHECKED_AT_OPEN = ("attachment_chunks", "search_fts")


def _check_pages(conn: sqlcipher3.Connection) -> None:
    """``quick_check`` of every table a first screen or a save touches.

    Unlock time must not grow with the size of the recordings kept (design §9: ≤ 1 s), so the
    chunk table and the full-text index are left to the full check (design §3 asked for a
    whole-file ``quick_check``; see docs/architecture.md).
    """
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%'").fetchall()]
        tables = [t for t in tables if not t.startswith(_NOT_CHECKED_AT_OPEN)]
        for table in tables:
            rows = conn.execute(f"PRAGMA quick_check('{table}')").fetchall()
            if [tuple(r) for r in rows] != [("ok",)]:
                raise VaultCorrupt(detail=N_("the database failed its integrity check"))
    except sqlcipher3.DatabaseError as exc:
        raise VaultCorrupt(detail=N_("a page of the database is damaged")) from exc


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
