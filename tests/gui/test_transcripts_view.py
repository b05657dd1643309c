"""A file's transcripts and translations are shown beside it in the entry's files tab, and the
same bytes attached twice are reported (docs/record-format.md)."""

from __future__ import annotations

from pathlib import Path

from tests.gui.conftest import add_entries
from tr_journal.journal.transcripts import add_transcript
from tr_journal.media.attaching import attach_files

UYGHUR = "سەن نامايىشقا بارما"
FRENCH = "Ne va pas à la manifestation"


def test_transcripts_beside_the_file(qtbot, unlocked, fixtures_dir: Path) -> None:
    [entry_id] = add_entries(unlocked, [{"occurred_at": "2026-03-02T21:40"}])
    [audio] = attach_files(unlocked.vault, entry_id, [fixtures_dir / "call-ug.flac"])
    with unlocked.vault.transaction() as tx:
        first = add_transcript(tx, audio.id, {"language": "ug", "text": UYGHUR})
        add_transcript(
            tx,
            audio.id,
            {
                "language": "fr",
                "text": FRENCH,
                "translates": first.id,
                "method": "professional",
                "by": "Cabinet X",
            },
        )
    unlocked.timeline.refresh(select=entry_id)
    qtbot.waitUntil(lambda: unlocked.detail.public_id == entry_id)
    panel = unlocked.detail.attachments
    unlocked.detail.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: panel.transcripts.isVisible(), timeout=10_000)
    text = panel.transcripts.toPlainText()
    assert UYGHUR in text and FRENCH in text and "Cabinet X" in text
    assert "Translation E0001-A1-T2 (fr) of E0001-A1-T1" in text
    unlocked.resize(1200, 800)
    unlocked.grab().save("/tmp/transcripts_view.png")


def test_the_same_file_twice_is_reported(qtbot, unlocked, fixtures_dir: Path) -> None:
    first, second = add_entries(
        unlocked, [{"occurred_at": "2026-03-02"}, {"occurred_at": "2026-03-03"}]
    )
    attach_files(unlocked.vault, first, [fixtures_dir / "wechat-police-demand.png"])
    unlocked.timeline.refresh(select=second)
    qtbot.waitUntil(lambda: unlocked.detail.public_id == second)
    panel = unlocked.detail.attachments
    panel.import_sources([fixtures_dir / "wechat-police-demand.png"])
    qtbot.waitUntil(lambda: panel.task is None, timeout=60_000)
    assert "already in the vault" in panel.status.text()
    assert first in panel.status.text()


def test_consistency_notes_in_the_detail(qtbot, unlocked, fixtures_dir: Path) -> None:
    [entry_id] = add_entries(
        unlocked, [{"occurred_at": "2026-03-02T21:40", "duration_seconds": 540}]
    )
    attach_files(unlocked.vault, entry_id, [fixtures_dir / "call-ug.flac"])
    unlocked.timeline.refresh(select=entry_id)
    qtbot.waitUntil(lambda: unlocked.detail.public_id == entry_id)
    qtbot.waitUntil(lambda: "Consistency notes" in unlocked.detail.fields_view.toPlainText())
    text = unlocked.detail.fields_view.toPlainText().replace("\xa0", " ")
    assert "the recording lasts 3 sec, much less than the declared duration (9 min)" in text
    unlocked.resize(1200, 800)
    unlocked.grab().save("/tmp/consistency_detail.png")
