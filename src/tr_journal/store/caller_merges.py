"""The person's decisions that two caller profiles are one ("same man, new number").

A merge links two identifiers (``tel:+33612345678``, ``acct:wxid_abc``); undoing it stamps
``undone_utc`` and keeps the row, so the history of decisions stays readable and each one is
matched by its event in the chain (``caller.merged`` / ``caller.unmerged``).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlcipher3


@dataclass(frozen=True)
class MergeRecord:
    public_id: str
    first_key: str
    second_key: str
    merged_utc: str
    undone_utc: str | None

    @property
    def active(self) -> bool:
        return self.undone_utc is None


def add_merge(
    conn: sqlcipher3.Connection, first_key: str, second_key: str, at_utc: str
) -> MergeRecord:
    cur = conn.execute(
        "INSERT INTO caller_merges (public_id, first_key, second_key, merged_utc)"
        " VALUES ('pending', ?, ?, ?)",
        (first_key, second_key, at_utc),
    )
    public_id = f"M{int(cur.lastrowid):04d}"
    conn.execute("UPDATE caller_merges SET public_id = ? WHERE id = ?", (public_id, cur.lastrowid))
    return MergeRecord(public_id, first_key, second_key, at_utc, None)


def mark_undone(conn: sqlcipher3.Connection, public_id: str, at_utc: str) -> None:
    conn.execute("UPDATE caller_merges SET undone_utc = ? WHERE public_id = ?", (at_utc, public_id))


def all_merges(conn: sqlcipher3.Connection) -> list[MergeRecord]:
    """Every merge, oldest first (a handful: one per decision the person made)."""
    rows = conn.execute(
        "SELECT public_id, first_key, second_key, merged_utc, undone_utc "
        "FROM caller_merges ORDER BY id"
    )
    return [MergeRecord(*r) for r in rows]
