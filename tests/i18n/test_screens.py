"""Every main screen, in every language: layout direction, and no English left on screen.

A visible text (label, button, check box, group box, tab, menu, window title) that equals an
English msgid whose translation differs is untranslated. Texts that are legitimately the same
in both languages ("Notes", "OK" in French, brand names) have msgstr == msgid in the catalog
and are therefore never flagged; names, ids and numbers are not msgids at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTabWidget,
    QWidget,
)

from tests.helpers import CHEAP_KDF
from tr_journal.gui import qt_language as qt
from tr_journal.i18n import catalogs, translations_for

LANGS = ("fr", "ug", "zh_CN", "tr")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[!:][^{}]*)?\}")


def _plain(text: str) -> str:
    """Without mnemonics and rich-text tags: "<h2>&Save</h2>" -> "Save"."""
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"&(?!&)", "", text).replace("&&", "&").strip()


@lru_cache(maxsize=8)
def english_patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """Regexes matching the English rendering of every msgid that ``lang`` translates."""
    gettext = translations_for(lang).gettext
    patterns = []
    for message in catalogs.extract():
        if not message.id or not isinstance(message.id, str):
            continue
        if gettext(message.id) == message.id:
            continue  # same word in both languages, or not ours
        plain = _plain(message.id)
        if len(re.sub(r"[^A-Za-z]", "", _PLACEHOLDER.sub("", plain))) < 3:
            continue  # "{detail}", "{percent} %": no English words of its own
        parts = [re.escape(p) for p in _PLACEHOLDER.split(plain)]
        patterns.append((re.compile("^" + ".+".join(parts) + "$", re.S), message.id))
    return patterns


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person sees in ``root`` and its visible children."""
    yield "window title", root.windowTitle()
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            yield "menu", action.text()
            yield from (
                ("menu item", a.text().split("\t")[0])
                for a in action.menu().actions()
                if a.isVisible() and not a.isSeparator()
            )
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        name = type(widget).__name__
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QTabWidget):
            yield from ((name, widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            yield from ((name, widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()
            yield from (
                (name, str(model.headerData(c, widget.orientation()) or ""))
                for c in range(widget.count())
            )
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()
        if hasattr(widget, "placeholderText") and widget.placeholderText():
            yield f"{name} placeholder", widget.placeholderText()


def untranslated(root: QWidget, lang: str) -> list[str]:
    """English texts on a screen in ``lang``. A language's own name ("English" in the
    interface-language chooser) is left alone, as :func:`uncatalogued` does, though the same
    word is also a message (the language of a transcript, named in the interface language)."""
    from tr_journal.i18n import LANGUAGES

    patterns = english_patterns(lang)
    found = []
    for where, text in visible_texts(root):
        plain = _plain(text)
        if not plain or plain in LANGUAGES.values():
            continue
        for pattern, msgid in patterns:
            if pattern.match(plain):
                found.append(f"{where}: {text!r} (msgid {msgid!r})")
                break
    return found


@pytest.fixture
def window_in(qtbot, qapp, vault_dir: Path, request) -> Iterator:
    from tr_journal.gui.main_window import MainWindow

    lang = request.param
    qt.apply_language(qapp, lang)
    window = MainWindow(vault_dir, kdf=CHEAP_KDF)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield lang, window
    window.tasks.cancel_all()
    window.tasks.wait_all()
    qt.apply_language(qapp, "en")


def _expected_direction(lang: str) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if lang == "ug" else Qt.LayoutDirection.LeftToRight


def _check(root: QWidget, lang: str) -> None:
    assert root.layoutDirection() == _expected_direction(lang)
    texts = [text for _where, text in visible_texts(root) if _plain(text)]
    assert len(texts) >= 5  # the screen really shows something
    assert untranslated(root, lang) == []


@pytest.mark.gui
@pytest.mark.parametrize("window_in", LANGS, indirect=True)
def test_main_screens(qtbot, window_in) -> None:
    from tests.gui.conftest import unlock

    lang, window = window_in
    _check(window, lang)  # unlock screen
    unlock(qtbot, window)
    assert window.vault is not None
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30_000)
    _check(window, lang)  # timeline and entry detail
    window.new_entry()
    if hasattr(window.form, "more_button"):
        window.form.more_button.setChecked(True)
    _check(window, lang)  # entry form with every field


@pytest.mark.gui
@pytest.mark.parametrize("window_in", LANGS, indirect=True)
def test_settings_every_tab(qtbot, window_in) -> None:
    from tests.gui.conftest import unlock
    from tr_journal.gui.dialogs.settings_dialog import SettingsDialog

    lang, window = window_in
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30_000)
    dialog = SettingsDialog(window.vault, window.tasks, window.lock_controller, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        _check(dialog, lang)
    dialog.close()


@pytest.mark.gui
@pytest.mark.parametrize("window_in", LANGS, indirect=True)
def test_verify_dialog(qtbot, window_in) -> None:
    from tr_journal.gui.dialogs.verify_dialog import VerifyDialog

    lang, window = window_in
    dialog = VerifyDialog(window.tasks, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _check(dialog, lang)
    dialog.close()


def test_the_check_catches_english(qtbot, qapp) -> None:
    """A French screen with an English label left on it fails the check."""
    qt.apply_language(qapp, "fr")
    try:
        root = QWidget()
        qtbot.addWidget(root)
        QLabel("Unlock your journal", root)
        QLabel("Notes", root)  # the same word in French: not a failure
        QLabel("E0001", root)
        root.show()
        assert untranslated(root, "fr") == [
            "QLabel: 'Unlock your journal' (msgid 'Unlock your journal')"
        ]
        assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        qt.apply_language(qapp, "en")


@pytest.mark.gui
@pytest.mark.parametrize("lang", LANGS)
def test_first_run_create_screen(qtbot, qapp, tmp_path: Path, lang: str) -> None:
    from tr_journal.gui.main_window import MainWindow

    qt.apply_language(qapp, lang)
    try:
        window = MainWindow(tmp_path / "new-vault", kdf=CHEAP_KDF)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        qtbot.keyClicks(window.create_screen.first, "weak")  # shows the strength reasons
        _check(window, lang)
    finally:
        qt.apply_language(qapp, "en")


@pytest.mark.gui
@pytest.mark.parametrize("window_in", LANGS, indirect=True)
def test_export_wizard_pages(qtbot, window_in) -> None:
    from tests.gui.conftest import unlock
    from tr_journal.gui.dialogs.export_wizard import ExportWizard

    lang, window = window_in
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30_000)
    wizard = ExportWizard(window.vault, window.tasks, window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30_000)
    _check(wizard, lang)  # selection page
    wizard.next()
    _check(wizard, lang)  # report language page
    wizard.close()
