"""When the whole vault was last checked and found clean, kept in the vault's ``meta`` table.

Why: opening no longer reads every page (docs/integrity.md), so the full check runs on demand
(``tr-journal check``) and in the background of the desktop app at most once a day; its last
clean result is kept here so the app knows when the next one is due. Only a clean result is
written: a vault found damaged is never written to, and the user is told at once instead.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlcipher3

LAST_CLEAN_CHECK = "integrity_checked_utc"
#: The desktop app runs the full check in the background when the last clean one is older.
CHECK_INTERVAL = timedelta(days=1)


def record_clean_check(conn: sqlcipher3.Connection, at_utc: str) -> None:
    """Remember that the full check passed at ``at_utc`` (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (LAST_CLEAN_CHECK, at_utc),
    )


def last_clean_check(conn: sqlcipher3.Connection) -> str | None:
    """UTC time (``YYYY-MM-DDTHH:MM:SSZ``) of the last clean full check, or None if never."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (LAST_CLEAN_CHECK,)).fetchone()
    return None if row is None else str(row[0])


def check_due(conn: sqlcipher3.Connection, now: datetime | None = None) -> bool:
    """Whether the background full check should run now (never ran, or over a day ago)."""
    last = last_clean_check(conn)
    if last is None:
        return True
    try:
        when = datetime.fromisoformat(last.replace("Z", "+00:00"))
    except ValueError:
        return True
    return (now or datetime.now(UTC)) - when >= CHECK_INTERVAL
