"""Right-to-left and the language's own conventions: numbers never reversed, text aligned by
its own direction, dates, times and durations written the language's way, arrow keys that go
where they point, messages that belong to the entry and the language they are shown in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import add_entries, wait_idle
from tr_journal import i18n
from tr_journal.domain import Channel, Entry, EntryFields
from tr_journal.gui import qt_language as qt
from tr_journal.gui.dialogs.export_commands import verification_commands
from tr_journal.gui.dialogs.export_selection import entry_line
from tr_journal.gui.widgets.attachment_import import human_size
from tr_journal.gui.widgets.entry_detail import fields_html
from tr_journal.i18n.format import FSI, LRI, PDI, RLI, format_duration_words

NUMBER = "+86 991 555 0142"


def switch(qapp, window, code: str) -> None:
    qt.apply_language(qapp, code)
    QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))


def test_numbers_are_isolated_left_to_right_wherever_listed(qtbot, unlocked, qapp) -> None:
    """ "+86 991 555 0142" was shown as "0142 555 991 86+" in the Uyghur export list."""
    fields = EntryFields(
        "2026-01-29T15:03:00", channel=Channel.PHONE, caller_number=NUMBER, claimed_identity="ساقچى"
    )
    line = entry_line(Entry("E0002", 1, "2026-01-29T14:03:00Z", fields))
    assert f"{LRI}{NUMBER}{PDI}" in line and f"{LRI}E0002{PDI}" in line
    assert f"{FSI}ساقچى{PDI}" in line
    assert "2026-01-29 15:03" not in line  # written the language's way, not ISO
    add_entries(unlocked, [{"occurred_at": "2026-01-29T15:03", "caller_number": NUMBER}])
    unlocked.timeline.refresh()
    wait_idle(qtbot, unlocked)
    model = unlocked.timeline.model
    column = [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
    ].index("Number")
    assert model.data(model.index(0, column)) == f"{LRI}{NUMBER}{PDI}"


def test_durations_have_their_unit() -> None:
    assert format_duration_words(540, "en") == "9 min"
    assert format_duration_words(3909, "en") == "1 hr 5 min 9 sec"
    assert format_duration_words(540, "fr") == "9\xa0min"
    assert format_duration_words(540, "ug") == "9 مىنۇت"
    assert format_duration_words(3909, "zh_CN") == "1小时 5分钟 9秒"
    assert "9 min" in fields_html(EntryFields("2026-01-29", duration_seconds=540))  # not "9:00"


def test_placeholders_do_not_point_left(qtbot, unlocked, qapp) -> None:
    """The list is on the right in a right-to-left interface."""
    for code in ("en", "ug"):
        switch(qapp, unlocked, code)
        texts = [
            unlocked.detail.empty.text(),
            i18n._("Choose a file in the list to play or view it."),
        ]
        assert not any("left" in t or "سول" in t for t in texts), texts
    switch(qapp, unlocked, "en")


def test_import_message_belongs_to_its_entry_and_language(
    qtbot, unlocked, qapp, fixtures_dir: Path
) -> None:
    first, second = add_entries(
        unlocked, [{"occurred_at": "2026-01-29T15:03"}, {"occurred_at": "2026-01-30T15:03"}]
    )
    unlocked.timeline.refresh()
    unlocked.show_entry(first)
    wait_idle(qtbot, unlocked)
    panel = unlocked.detail.attachments
    panel.import_sources([fixtures_dir / "wechat-police-demand.png"])
    qtbot.waitUntil(lambda: panel.task is None, timeout=30_000)
    assert panel.status.text() == "Added 1 file. The original is kept unchanged."
    size = panel.attachments[0].size
    assert f"{FSI}{human_size(size)}{PDI}" in panel.list.item(0).text()  # not "kB 79.5" in RTL
    try:
        switch(qapp, unlocked, "fr")
        assert panel.status.isVisibleTo(panel) and "Added" not in panel.status.text()
    finally:
        switch(qapp, unlocked, "en")
    unlocked.show_entry(second)
    wait_idle(qtbot, unlocked)
    assert not panel.status.isVisibleTo(panel)


def test_notes_follow_their_own_direction(qtbot, unlocked, qapp) -> None:
    """Uyghur notes sat on the left in every interface (Qt's plain-text layout takes "left"
    literally), while one-line fields put the same words on the right."""
    form = unlocked.form
    unlocked.new_entry()
    right = Qt.AlignmentFlag.AlignRight

    def aligned_right() -> bool:
        return bool(form.narrative.document().defaultTextOption().alignment() & right)

    form.narrative.setFocus()
    form.narrative.insertPlainText("ئۇ ئانامنى قىينايمىز دېدى.")  # as an input method types
    assert aligned_right()
    first = form.narrative.document().firstBlock()
    assert first.textDirection() == Qt.LayoutDirection.RightToLeft
    form.narrative.setPlainText("He said my mother would suffer.")
    assert not aligned_right()
    switch(qapp, unlocked, "ug")
    try:
        qtbot.wait(20)  # Qt resets the option after a change of direction; it is set again
        assert not aligned_right()  # English notes stay on the left in a Uyghur interface
        form.narrative.setPlainText("ئۇ ئانامنى قىينايمىز دېدى.")
        assert aligned_right()
    finally:
        switch(qapp, unlocked, "en")
    qtbot.wait(20)
    assert aligned_right()


@pytest.mark.parametrize(
    ("code", "shape"),
    [("en", "M/d/yyyy"), ("fr", "dd/MM/yyyy"), ("ug", "yyyy-MM-dd"), ("tr", "d.MM.yyyy")],
)
def test_date_filters_follow_the_language_and_switch_back(
    qtbot, unlocked, qapp, code, shape
) -> None:
    since = unlocked.timeline.since
    try:
        switch(qapp, unlocked, "ug")
        switch(qapp, unlocked, code)
        assert since.displayFormat() == shape
        assert since.layoutDirection() == Qt.LayoutDirection.LeftToRight  # never mirrored
    finally:
        switch(qapp, unlocked, "en")
    assert since.displayFormat() == "M/d/yyyy"


def test_chip_arrows_go_where_they_point_right_to_left(qtbot) -> None:
    from tr_journal import model
    from tr_journal.gui.widgets.chips import ChipGroup

    group = ChipGroup(model.DEMANDS)
    qtbot.addWidget(group)
    group.set_labels({c: c for c in model.DEMANDS}, "demands")
    group.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    group.resize(900, 200)
    group.show()
    qtbot.waitExposed(group)
    group.setFocus()

    def x_of_current() -> int:
        return group.chips[group.current_code()].geometry().x()

    qtbot.keyClick(group, Qt.Key.Key_Left)
    start = x_of_current()
    assert group.current_code() == model.DEMANDS[1]  # the next chip lies to the left
    qtbot.keyClick(group, Qt.Key.Key_Right)
    assert x_of_current() > start
    qtbot.keyClick(group, Qt.Key.Key_Down)  # Down goes on in reading order, in any direction
    assert group.current_code() == model.DEMANDS[1]


def test_player_says_when_there_is_no_sound_output(qtbot, monkeypatch) -> None:
    from tr_journal.gui.widgets import audio_player

    monkeypatch.setattr(audio_player, "audio_outputs", lambda: [])
    player = audio_player.AudioPlayerWidget()
    qtbot.addWidget(player)
    assert player.no_device.isVisibleTo(player)
    assert "sound output" in player.no_device.text()
    monkeypatch.setattr(audio_player, "audio_outputs", lambda: ["speakers"])
    player.show_device_state()
    assert not player.no_device.isVisibleTo(player)


def test_settings_shows_the_folder_open_now(qtbot, unlocked) -> None:
    from tr_journal.gui.dialogs.settings_dialog import SettingsDialog
    from tr_journal.paths import default_vault_dir

    dialog = SettingsDialog(unlocked.vault, unlocked.tasks, unlocked.lock_controller, unlocked)
    qtbot.addWidget(dialog)
    assert unlocked.vault.dir != default_vault_dir()
    assert dialog.general.open_now.text() == str(unlocked.vault.dir)
    assert dialog.general.open_now.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_command_comments_keep_their_order_right_to_left() -> None:
    assert RLI not in verification_commands("b.zip", "b", "SHA256:x", "00")
    i18n.set_language("ug")
    try:
        text = verification_commands("b.zip", "b", "SHA256:x", "00")
    finally:
        i18n.set_language("en")
    comments = [line for line in text.splitlines() if line.startswith("# ") and "   " not in line]
    assert comments and all(line.startswith("# " + RLI) and line.endswith(PDI) for line in comments)
    assert "tr-journal verify b.zip --fingerprint SHA256:x" in text  # commands untouched
