"""Full-text search over current revisions, in any script (design §4).

The index holds folded text (see :mod:`textfold`) in an FTS5 ``trigram`` table inside the
encrypted database. Terms of three characters or more use the index; shorter terms (a
two-character Chinese word such as 护照 inside unspaced text) fall back to ``instr`` over the
same folded text, which trigram cannot index. A query that looks like a phone number is matched
on digits only, so ``+86 991 555 0142``, ``0086991…`` and ``991-555-0142`` all find it.
"""

from __future__ import annotations

from typing import Any

import sqlcipher3

from tr_journal import model
from tr_journal.journal.textfold import digits_of, fold, phone_query_digits

TRIGRAM = 3


def _searchable_text(fields: dict[str, Any]) -> str:
    parts: list[str] = []
    for name in model.FIELDS:
        value = fields.get(name)
        if isinstance(value, list):
            parts.extend(value)
        elif isinstance(value, str) and name not in ("occurred_at", "recorded_at"):
            parts.append(value)
    return fold("\n".join(parts))


def _digits(fields: dict[str, Any]) -> str:
    numbers = [fields.get("caller_number", ""), fields.get("caller_number_e164", "")]
    return " ".join(d for d in (digits_of(n) for n in numbers if n) if d)


def index_entry(conn: sqlcipher3.Connection, entry_id: int, fields: dict[str, Any]) -> None:
    unindex_entry(conn, entry_id)
    conn.execute("INSERT INTO search_text (entry_id, text, digits) VALUES (?, ?, ?)",
                 (entry_id, _searchable_text(fields), _digits(fields)))


def unindex_entry(conn: sqlcipher3.Connection, entry_id: int) -> None:
    conn.execute("DELETE FROM search_text WHERE entry_id = ?", (entry_id,))


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def matching_ids(conn: sqlcipher3.Connection, query: str) -> list[int]:
    """Row ids of current entries matching every term of ``query``."""
    phone = phone_query_digits(query)
    if phone:
        # the trigram index holds the digits too: no scan of every entry (docs/integrity.md)
        match = " OR ".join(f"digits : {_phrase(d)}" for d in phone)
        rows = conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (match,))
        found = {r[0] for r in rows}
        if found:
            return sorted(found)
    terms = [t for t in fold(query).split() if t]
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    sql = "SELECT entry_id FROM search_text WHERE 1"
    params: list[str] = []
    if long_terms:
        sql += " AND entry_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)"
        params.append(" AND ".join(f"text : {_phrase(t)}" for t in long_terms))
    for term in short_terms:
        sql += " AND instr(text, ?) > 0"
        params.append(term)
    return [r[0] for r in conn.execute(sql, params)]
