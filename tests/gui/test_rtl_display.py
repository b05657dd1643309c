"""Uyghur screens read right to left even when a sentence starts with Latin text, the product
name never breaks at its hyphen, and file sizes have the language's own unit names; the
command line is unchanged (it escapes direction marks, so none may reach it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QTextDocument, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from tests.gui.conftest import add_entries, wait_idle
from tests.helpers import run_cli
from tr_journal.gui import qt_language as qt
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets.status_line import StatusLine
from tr_journal.i18n.format import format_size
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui

SENTENCE = "backup.zip ھۆججىتى ساقلاندى."  # "backup.zip was saved": file name first


def _switch(qapp, widget, code: str) -> None:
    qt.apply_language(qapp, code)
    QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))


def _leftmost_ink(label: QLabel) -> int:
    image = label.grab().toImage()
    background = QColor(image.pixel(image.width() - 1, 0)).lightness()
    for x in range(image.width()):
        for y in range(image.height()):
            if abs(QColor(image.pixel(x, y)).lightness() - background) > 80:
                return x
    return image.width()


def test_status_line_starting_with_a_file_name_reads_right_to_left(qtbot, qapp) -> None:
    """Before, Qt took the paragraph direction from "backup.zip": the line was laid out left
    to right (left-aligned, the file name at the left) and read in reverse order."""
    try:
        qt.apply_language(qapp, "ug")
        line = StatusLine()
        qtbot.addWidget(line)
        line.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        line.show_text(SENTENCE)
        line.resize(600, 40)
        line.show()
        qtbot.waitExposed(line)
        document = QTextDocument(line.text())  # Qt's own choice of the paragraph direction
        assert document.firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft
        assert _leftmost_ink(line) > 300  # laid out from the right edge, not the left
        assert line.accessibleDescription() == SENTENCE  # screen readers get no mark
        isolated = "\u2066/home/a/backup.zip\u2069 غا ساقلاندى"  # Qt looks inside isolates
        line.show_text(isolated)
        document = QTextDocument(line.text())
        assert document.firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft
        line.show_text("ساقلاندى")  # already right to left: left alone
        assert line.text() == "ساقلاندى"
        line.grab().save("/tmp/rtl-status-ug.png")
    finally:
        qt.apply_language(qapp, "en")
    line.show_text(SENTENCE)
    assert line.text() == SENTENCE  # a left-to-right interface is left alone


def test_cli_output_has_no_direction_mark(tmp_path: Path, passphrase_file: Path) -> None:
    missing = tmp_path / "nowhere"
    env = {"TR_JOURNAL_LANG": "ug", "LANGUAGE": "en", "LANG": "C.UTF-8"}
    failed = run_cli(
        "list", "--vault", str(missing), "--passphrase-file", str(passphrase_file), env=env
    )
    assert "دا ساندۇق يوق." in failed.stderr
    assert "\u200f" not in failed.stderr and "200f" not in failed.stderr.lower()


def test_product_name_does_not_break_at_its_hyphen(qtbot, qapp, vault: Vault) -> None:
    """The time-stamps window in Uyghur showed "-tr" at one line's end, "journal" on the next."""
    from tr_journal.gui.dialogs.stamps_dialog import StampsDialog

    dialog = StampsDialog(vault, TaskRunner())
    qtbot.addWidget(dialog)
    try:
        _switch(qapp, dialog, "ug")
        text = dialog.intro.text()
        assert "journal" in text and "tr-journal" not in text
        layout = QTextLayout(text, dialog.intro.font())
        for width in range(120, 700, 9):
            layout.beginLayout()
            ends = []
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                ends.append(text[line.textStart() : line.textStart() + line.textLength()])
            layout.endLayout()
            assert not any(end.rstrip().rstrip("\u2060").endswith("tr-") for end in ends), width
        dialog.resize(520, 600)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save("/tmp/rtl-stamps-ug.png")
    finally:
        _switch(qapp, dialog, "en")


def test_sizes_have_the_language_unit_names() -> None:
    assert format_size(79_500, "ug") == "79.5 كىلوبايت"
    assert format_size(1_234_567, "ug") == "1.2 مېگابايت"
    assert format_size(512, "ug") == "512 بايت"
    assert format_size(79_500, "en") == "79.5 kB"
    assert format_size(79_500, "fr") == "79,5\u202fko"


def test_uyghur_attachment_line_has_a_uyghur_unit(
    qtbot, unlocked, qapp, fixtures_dir: Path
) -> None:
    (entry,) = add_entries(unlocked, [{"occurred_at": "2026-01-29T15:03"}])
    unlocked.timeline.refresh()
    unlocked.show_entry(entry)
    wait_idle(qtbot, unlocked)
    panel = unlocked.detail.attachments
    panel.import_sources([fixtures_dir / "wechat-police-demand.png"])
    qtbot.waitUntil(lambda: panel.task is None, timeout=30_000)
    try:
        _switch(qapp, unlocked, "ug")
        wait_idle(qtbot, unlocked)
        line = panel.list.item(0).text()
        assert "كىلوبايت" in line and "kB" not in line, line
        unlocked.resize(1100, 700)
        unlocked.grab().save("/tmp/rtl-attachments-ug.png")
    finally:
        _switch(qapp, unlocked, "en")


def test_patterns_list_title_starting_with_an_account_reads_right_to_left(
    qtbot, qapp, vault: Vault
) -> None:
    """Uyghur puts the caller first ("{caller} نىڭ خاتىرىلىرى"): a WeChat account made the
    title a left-to-right line."""
    from tr_journal.gui.widgets.patterns_view import PatternsWindow
    from tr_journal.i18n import _
    from tr_journal.i18n.format import ltr_isolate
    from tr_journal.store.stats import EntryFilter, Window

    try:
        qt.apply_language(qapp, "ug")
        window = PatternsWindow(vault, TaskRunner())
        qtbot.addWidget(window)
        window._list(
            EntryFilter(Window()), _("Entries of {caller}").format(caller=ltr_isolate("wxid_x"))
        )
        document = QTextDocument(window.found_title.text())
        assert document.firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10_000)
        window.resize(900, 600)
        window.show()
        qtbot.waitExposed(window)
        window.grab().save("/tmp/rtl-patterns-ug.png")
    finally:
        qt.apply_language(qapp, "en")


def test_about_paragraph_keeps_the_product_name_whole(qapp) -> None:
    from tr_journal.gui.dialogs.help_dialogs import about_text

    try:
        qt.apply_language(qapp, "ug")
        paragraph = about_text().rsplit("<p", 1)[1]  # the sentence, not the title heading
        assert "tr-\u2060journal" in paragraph and "tr-journal" not in paragraph
    finally:
        qt.apply_language(qapp, "en")
