"""The entry form's heading in a right-to-left language sits on the right, its id first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tr_journal.i18n import current_language, set_language


def _ink_columns(label) -> list[int]:
    image = label.grab().toImage()
    return [
        x
        for x in range(image.width())
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).lightness() < 100
    ]


def test_uyghur_edit_heading_is_on_the_right(qtbot) -> None:
    from tr_journal.gui.tasks import TaskRunner
    from tr_journal.gui.widgets.entry_form import EntryForm

    previous, app = current_language(), QApplication.instance()
    set_language("ug")  # its "Edit entry {id}" starts with the id
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        form = EntryForm(TaskRunner())
        qtbot.addWidget(form)
        form.resize(700, 500)
        form.set_fields({"occurred_at": "2026-11-02"}, "E0003")
        form.show()
        qtbot.waitExposed(form)
        ink = _ink_columns(form.heading)
        assert ink and min(ink) > form.heading.width() // 2, (min(ink), form.heading.width())
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        set_language(previous)
