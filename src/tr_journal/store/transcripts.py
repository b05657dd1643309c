"""SQL of transcripts and translations: ``transcripts`` and ``transcript_revisions``.

A revision's body is stored as the canonical JSON that was hashed (docs/record-format.md,
"Transcripts"); every function runs inside the caller's transaction or read lock.
"""

from __future__ import annotations

import json

import sqlcipher3

from tr_journal.domain.transcript import Transcript, TranscriptRevision
from tr_journal.errors import NotFound

_CURRENT = (
    "SELECT t.public_id, a.public_id, t.current_rev, r.body FROM transcripts t "
    "JOIN attachments a ON a.id = t.attachment_id JOIN transcript_revisions r "
    "ON r.transcript_id = t.id AND r.rev = t.current_rev WHERE t.deleted = 0"
)


def _transcript(row: tuple[str, str, int, str]) -> Transcript:
    revision = TranscriptRevision.from_json(json.loads(row[3]))
    return Transcript(str(row[0]), str(row[1]), int(row[2]), revision.saved_at, revision.fields)


def count_for_attachment(conn: sqlcipher3.Connection, attachment_rowid: int) -> int:
    return int(
        conn.execute(
            "SELECT count(*) FROM transcripts WHERE attachment_id = ?", (attachment_rowid,)
        ).fetchone()[0]
    )


def insert(conn: sqlcipher3.Connection, public_id: str, attachment_rowid: int) -> int:
    cur = conn.execute(
        "INSERT INTO transcripts (public_id, attachment_id, current_rev) VALUES (?, ?, 1)",
        (public_id, attachment_rowid),
    )
    return int(cur.lastrowid)


def insert_revision(
    conn: sqlcipher3.Connection, rowid: int, rev: int, body: bytes, digest: str
) -> None:
    conn.execute(
        "INSERT INTO transcript_revisions (transcript_id, rev, body, content_sha256) "
        "VALUES (?, ?, ?, ?)",
        (rowid, rev, body.decode("utf-8"), digest),
    )
    conn.execute("UPDATE transcripts SET current_rev = ? WHERE id = ?", (rev, rowid))


def find(conn: sqlcipher3.Connection, public_id: str) -> tuple[int, Transcript]:
    """``(row id, current transcript)``; :class:`NotFound` for an unknown id."""
    row = conn.execute(
        _CURRENT.replace("SELECT ", "SELECT t.id, ", 1) + " AND t.public_id = ?",
        (public_id.strip().upper(),),
    ).fetchone()
    if row is None:
        raise NotFound(id=public_id)
    return int(row[0]), _transcript(row[1:])


def of_attachment(conn: sqlcipher3.Connection, attachment_public_id: str) -> list[Transcript]:
    rows = conn.execute(
        _CURRENT + " AND a.public_id = ? ORDER BY t.id", (attachment_public_id.strip().upper(),)
    ).fetchall()
    return [_transcript(r) for r in rows]


def revisions(conn: sqlcipher3.Connection, rowid: int) -> list[TranscriptRevision]:
    rows = conn.execute(
        "SELECT body FROM transcript_revisions WHERE transcript_id = ? ORDER BY rev", (rowid,)
    ).fetchall()
    return [TranscriptRevision.from_json(json.loads(r[0])) for r in rows]


def texts_of_entry(conn: sqlcipher3.Connection, entry_rowid: int) -> list[str]:
    """The current text of every transcript of the entry's live files (the search index)."""
    rows = conn.execute(
        "SELECT json_extract(r.body, '$.transcript.text') FROM transcripts t "
        "JOIN attachments a ON a.id = t.attachment_id "
        "JOIN transcript_revisions r ON r.transcript_id = t.id "
        "AND r.rev = t.current_rev WHERE a.entry_id = ? AND a.removed = 0 "
        "AND t.deleted = 0 ORDER BY t.id",
        (entry_rowid,),
    ).fetchall()
    return [str(r[0]) for r in rows if r[0]]


def erase_for_entry(conn: sqlcipher3.Connection, entry_rowid: int) -> None:
    """An entry's deletion erases its transcripts' text too (the events keep their hashes)."""
    ids = (
        "SELECT t.id FROM transcripts t JOIN attachments a ON a.id = t.attachment_id "
        "WHERE a.entry_id = ?"
    )
    conn.execute(f"DELETE FROM transcript_revisions WHERE transcript_id IN ({ids})", (entry_rowid,))
    conn.execute(f"UPDATE transcripts SET deleted = 1 WHERE id IN ({ids})", (entry_rowid,))


def all_revision_rows(conn: sqlcipher3.Connection) -> list[tuple[str, int, str, str]]:
    """``(transcript id, rev, stored body, recorded hash)`` of every stored revision."""
    rows = conn.execute(
        "SELECT t.public_id, r.rev, r.body, r.content_sha256 FROM "
        "transcript_revisions r JOIN transcripts t ON t.id = r.transcript_id "
        "ORDER BY t.id, r.rev"
    ).fetchall()
    return [(str(a), int(b), str(c), str(d)) for a, b, c, d in rows]


def entry_of_attachment(conn: sqlcipher3.Connection, attachment_rowid: int) -> int:
    """The row id of the entry an attachment belongs to."""
    return int(
        conn.execute(
            "SELECT entry_id FROM attachments WHERE id = ?", (attachment_rowid,)
        ).fetchone()[0]
    )
