"""SQL of the search index: folded text and digits per current entry, and the FTS5 table.

What goes into the index (folding, digits) is decided by :mod:`tr_journal.journal.search`;
this module only stores and queries it.
"""

from __future__ import annotations

import sqlcipher3


def put(conn: sqlcipher3.Connection, entry_rowid: int, text: str, digits: str) -> None:
    """Replace the entry's indexed text."""
    remove(conn, entry_rowid)
    conn.execute(
        "INSERT INTO search_text (entry_id, text, digits) VALUES (?, ?, ?)",
        (entry_rowid, text, digits),
    )


def remove(conn: sqlcipher3.Connection, entry_rowid: int) -> None:
    conn.execute("DELETE FROM search_text WHERE entry_id = ?", (entry_rowid,))


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def rows_with_digits(conn: sqlcipher3.Connection, digit_runs: list[str]) -> list[int]:
    """Entries whose caller digits contain any of ``digit_runs``, by row id (through the
    trigram index, which holds the digits too: no scan of every entry)."""
    match = " OR ".join(f"digits : {_phrase(d)}" for d in digit_runs)
    rows = conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (match,))
    return sorted({int(r[0]) for r in rows})


def rows_with_terms(
    conn: sqlcipher3.Connection, indexed: list[str], scanned: list[str]
) -> list[int]:
    """Entries whose folded text holds every term: ``indexed`` ones through the trigram index,
    ``scanned`` ones (too short for trigrams) with ``instr`` over the same text."""
    sql = "SELECT entry_id FROM search_text WHERE 1"
    params: list[str] = []
    if indexed:
        sql += " AND entry_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)"
        params.append(" AND ".join(f"text : {_phrase(t)}" for t in indexed))
    for term in scanned:
        sql += " AND instr(text, ?) > 0"
        params.append(term)
    return [int(r[0]) for r in conn.execute(sql, params)]
