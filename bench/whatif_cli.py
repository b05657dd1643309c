"""``tr-journal`` with the open-time ``quick_check`` scoped table by table (a what-if).

Not what the app does: measured beside the real CLI by ``bench_journal.py`` (and the check alone
by ``bench_unlock.py``) so the lead can decide with numbers. Everything else (KDF, the rest of the
open sequence, the commands) is the real code. Only the standard library is imported here, so
start-up is not inflated.
"""

from __future__ import annotations

import sys
from typing import Any

SKIP = ("attachment_chunks",)


def quick_check_tables(conn: Any, skip: tuple[str, ...] = SKIP) -> None:
    """``quick_check`` of each ordinary table: every b-tree page of those tables is still read
    (so SQLCipher still verifies each page's HMAC), but FTS5's xIntegrity, which re-tokenises
    the whole index, and the attachment chunks, which grow with every recording, are left to
    ``tr-journal check``."""
    import sqlcipher3

    from tr_journal.errors import N_, VaultCorrupt

    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        rows = [tuple(r) for name in names if name not in skip
                for r in conn.execute(f"PRAGMA quick_check('{name}')").fetchall()]
    except sqlcipher3.DatabaseError as exc:  # same errors as connection._check_pages
        raise VaultCorrupt(detail=N_("a page of the database is damaged")) from exc
    if any(r != ("ok",) for r in rows):
        raise VaultCorrupt(detail=N_("the database failed its integrity check"))


if __name__ == "__main__":
    from tr_journal.store import connection

    connection._check_pages = quick_check_tables
    from tr_journal.cli import main

    sys.exit(main())
