"""Language changes re-translate every view; every control has an accessible name; errors are
one sentence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from tr_journal import i18n
from tr_journal.errors import VaultCorrupt, WrongPassphrase
from tr_journal.gui.errors import describe

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
)


def test_language_change_retranslates_and_sets_direction(qtbot, unlocked, monkeypatch) -> None:
    window = unlocked
    calls: list[str] = []
    for view in window._views():
        original = view.retranslate
        monkeypatch.setattr(
            view, "retranslate", lambda o=original, v=view: (calls.append(type(v).__name__), o())
        )
    try:
        i18n.set_language("ug")
        QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
        assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert {"TimelineWidget", "EntryDetail", "EntryForm", "UnlockScreen"} <= set(calls)
    finally:
        i18n.set_language("en")
        QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize("language", ["zh_CN", "ug"])
def test_toolbar_buttons_show_no_mnemonic_in_brackets(qtbot, unlocked, language) -> None:
    window = unlocked
    try:
        i18n.set_language(language)
        QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
        assert "(&" in window.action_new.text()  # the menu keeps its Alt key
        for action in window.toolbar.actions():
            text = window.toolbar.widgetForAction(action).text()
            assert text and "(" not in text and "&" not in text, text
    finally:
        i18n.set_language("en")
        QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert window.toolbar.widgetForAction(window.action_new).text() == "New entry"


@pytest.mark.parametrize("page", ["unlock", "journal", "form"])
def test_every_control_has_an_accessible_name(qtbot, main_window, page) -> None:
    from tests.gui.conftest import unlock

    window = main_window
    if page != "unlock":
        unlock(qtbot, window)
    if page == "form":
        window.new_entry()
        window.form.more_button.setChecked(True)
    unnamed = []
    from PySide6.QtWidgets import QWidget

    for widget in window.pages.currentWidget().findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(window):
            continue
        if type(widget).__name__ in ("QScrollBar", "QLineEdit") and isinstance(
            widget.parent(), (QComboBox, QAbstractSpinBox)
        ):
            continue  # the editor inside a combo or spin box is named through its owner
        name = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else ""
        )
        if not name.strip():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []


def test_errors_are_one_sentence() -> None:
    assert describe(WrongPassphrase()) == "The passphrase is not correct for this vault."
    assert "damaged" in describe(VaultCorrupt(detail="bad page"))
    text = describe(KeyError("secret name.mp3"))
    assert "secret" not in text and "Traceback" not in text and text.endswith(".")
    assert "nothing was saved" in describe(OSError(28, "No space left on device"))
