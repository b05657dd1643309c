"""Full-text search over current revisions, in any script.

The index holds folded text (see :mod:`textfold`) in an FTS5 ``trigram`` table inside the
encrypted database. Terms of three characters or more use the index; shorter terms (a
two-character Chinese word such as 护照 inside unspaced text) fall back to ``instr`` over the
same folded text, which trigram cannot index. A query that looks like a phone number is matched
on digits only, so ``+86 991 555 0142``, ``0086991…`` and ``991-555-0142`` all find it.
The SQL is in :mod:`tr_journal.store.search`.
"""

from __future__ import annotations

import sqlcipher3

from tr_journal.domain import EntryFields
from tr_journal.journal.textfold import digits_of, fold, phone_query_digits
from tr_journal.store import search as store
from tr_journal.store import transcripts

TRIGRAM = 3


def _searchable_text(fields: EntryFields) -> str:
    parts: list[str] = []
    for name, value in fields.to_dict().items():
        if isinstance(value, list):
            parts.extend(value)
        elif isinstance(value, str) and name not in ("occurred_at", "recorded_at"):
            parts.append(value)
    return fold("\n".join(parts))


def _digits(fields: EntryFields) -> str:
    numbers = [fields.caller_number, fields.caller_number_e164]
    return " ".join(d for d in (digits_of(n) for n in numbers if n) if d)


def index_entry(conn: sqlcipher3.Connection, entry_rowid: int, fields: EntryFields) -> None:
    """The entry's fields and the text of its files' transcripts and translations."""
    texts = [
        _searchable_text(fields),
        *(fold(t) for t in transcripts.texts_of_entry(conn, entry_rowid)),
    ]
    store.put(conn, entry_rowid, "\n".join(texts), _digits(fields))


def unindex_entry(conn: sqlcipher3.Connection, entry_rowid: int) -> None:
    store.remove(conn, entry_rowid)


def matching_ids(conn: sqlcipher3.Connection, query: str) -> list[int]:
    """Row ids of current entries matching every term of ``query``."""
    phone = phone_query_digits(query)
    if phone:
        # the trigram index holds the digits too: no scan of every entry (docs/integrity.md)
        found = store.rows_with_digits(conn, phone)
        if found:
            return found
    terms = [t for t in fold(query).split() if t]
    if not terms:
        return []
    return store.rows_with_terms(
        conn, [t for t in terms if len(t) >= TRIGRAM], [t for t in terms if len(t) < TRIGRAM]
    )
