"""Checks run on every window, in every language: clashing Alt-letters, cut texts, and
texts that are not in the catalog.

Why a module of its own: the same checks serve the per-window tests (test_mnemonics,
test_screens) and the screenshot tool, so a window added later is checked the same way.

A mnemonic ("&S" in "&Save") is an Alt+S shortcut of the window it is in. Qt registers one for
each visible label with a buddy, button, group box and tab, and for each menu-bar title; when
two match, Alt+S only toggles focus between them (the defect of "When"/"Who"). Entries of one
open menu are their own scope (their letters are typed without Alt while the menu is open).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QStyleOptionMenuItem,
    QTabBar,
    QWidget,
)


def mnemonic(text: str) -> str:
    """The Alt-letter of ``text`` as Qt reads it ("" if none): "&Save" -> "S", "保存(&S)" -> "S"."""
    sequence = QKeySequence.mnemonic(text.split("\t")[0])
    if sequence.isEmpty():
        return ""
    return sequence.toString(QKeySequence.SequenceFormat.PortableText).replace("Alt+", "").upper()


def _window_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every text that carries an Alt-letter of ``window`` right now."""
    if isinstance(window, QMainWindow) and window.menuWidget() is not None:
        for action in window.menuBar().actions():
            if action.isVisible():
                yield "menu", action.text()
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            if widget.buddy().isVisibleTo(window):
                yield name, widget.text()
        elif isinstance(widget, QAbstractButton):  # a disabled one counts: it gets enabled
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QTabBar):
            yield from (
                (name, widget.tabText(i)) for i in range(widget.count()) if widget.isTabVisible(i)
            )


def clashes_in(texts: Iterator[tuple[str, str]]) -> list[str]:
    letters: dict[str, list[str]] = defaultdict(list)
    for where, text in texts:
        key = mnemonic(text)
        if key:
            letters[key].append(f"{where} {text!r}")
    return [
        f"Alt+{key}: " + " | ".join(users)
        for key, users in sorted(letters.items())
        if len(users) > 1
    ]


def mnemonic_clashes(window: QWidget) -> list[str]:
    """Alt-letters used twice in ``window`` as it is shown now, and in each of its menus."""
    found = clashes_in(_window_texts(window))
    if isinstance(window, QMainWindow) and window.menuWidget() is not None:
        for menu in window.menuBar().findChildren(QMenu):
            found += clashes_in(
                (f"menu {menu.title()!r}", a.text())
                for a in menu.actions()
                if a.isVisible() and not a.isSeparator()
            )
    return found


_SHOWN = Qt.TextFlag.TextSingleLine | Qt.TextFlag.TextShowMnemonic


def _menu_margin(menu: QMenu) -> int:
    """What an item of ``menu`` adds around its text and shortcut column (frame, check
    column, padding), measured on a probe menu with a long Latin text and the same keys, for
    which Qt's sizing and drawing agree."""
    probe = QMenu()
    probe.setFont(menu.font())
    probe.setLayoutDirection(menu.layoutDirection())
    keys = [a.text().split("\t")[1] for a in menu.actions() if "\t" in a.text()]
    text = "M" * 40
    action = probe.addAction(text + ("\t" + max(keys, key=len) if keys else ""))
    probe.ensurePolished()
    probe.adjustSize()
    option = QStyleOptionMenuItem()
    probe.initStyleOption(option, action)
    margin = (
        probe.actionGeometry(action).width()
        - option.reservedShortcutWidth
        - probe.fontMetrics().horizontalAdvance(text)
    )
    probe.deleteLater()
    return margin


def elided_menu_items(menu: QMenu) -> list[str]:
    """Items whose text the style would draw elided ("ئادۋوكات ئۈچ…چىقىرىش") in ``menu``.

    The style elides an item's text when it does not fit the room left by the margins and
    the shortcut column; :meth:`QFontMetrics.elidedText` with the same flags says whether it
    fits."""
    menu.ensurePolished()
    menu.adjustSize()
    metrics, margin = menu.fontMetrics(), _menu_margin(menu)
    found = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        option = QStyleOptionMenuItem()
        menu.initStyleOption(option, action)
        text = action.text().split("\t")[0]
        room = menu.actionGeometry(action).width() - margin - option.reservedShortcutWidth
        if metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, room, _SHOWN) != text:
            found.append(f"menu {menu.title()!r}: {text!r} elided in {room} px")
    return found


def cut_texts(window: QWidget) -> list[str]:
    """Menus, buttons and one-line labels of ``window`` too narrow for their text."""
    found: list[str] = []
    if isinstance(window, QMainWindow) and window.menuWidget() is not None:
        bar = window.menuBar()
        for action in bar.actions():
            if action.isVisible() and bar.actionGeometry(action).isEmpty():
                found.append(f"menu bar: {action.text()!r} pushed into the overflow")
            found += elided_menu_items(action.menu())
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < widget.minimumSizeHint().width():
                found.append(
                    f"button {widget.text()!r}: {widget.width()} px, "
                    f"needs {widget.minimumSizeHint().width()}"
                )
        elif (
            isinstance(widget, QLabel)
            and widget.text()
            and not widget.wordWrap()
            and widget.textFormat() != Qt.TextFormat.RichText
            and widget.width() < widget.minimumSizeHint().width()
        ):
            found.append(
                f"label {widget.text()!r}: {widget.width()} px, "
                f"needs {widget.minimumSizeHint().width()}"
            )
    return found


_FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[!:][^{}]*)?\}")
_DATE_SHAPE = re.compile(r"^[YMDhms]+([-/.: ][YMDhms]+)*$")


def _plain(text: str) -> str:
    """Without its key column, mnemonic, markup and a trailing colon: "&Save:" -> "Save"."""
    text = re.sub(r"<[^>]+>", "", text.split("\t")[0])
    text = re.sub(r"&(?!&)", "", text).replace("&&", "&").strip()
    return re.sub(r"\s*[:：]$", "", text).strip()


@lru_cache(maxsize=1)
def catalog_patterns() -> tuple[re.Pattern[str], ...]:
    """A regex per message of the catalog (and per Qt string we translate), with its
    {placeholders} matching anything; messages that are only placeholders are left out."""
    from tr_journal.i18n import catalogs
    from tr_journal.i18n.qt_strings import QT_SOURCE_STRINGS

    texts: list[str] = list(QT_SOURCE_STRINGS)
    for message in catalogs.extract():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts += [i for i in ids if i]
    patterns = []
    for text in texts:
        plain = _plain(text)
        if len(re.sub(r"[^A-Za-z]", "", _FIELD.sub("", plain))) < 2:
            continue
        parts = [re.escape(p) for p in _FIELD.split(plain)]
        patterns.append(re.compile("^" + ".+".join(parts) + "$", re.S))
    return tuple(patterns)


def uncatalogued(texts: Iterator[tuple[str, str]]) -> list[str]:
    """English interface texts that are no message of the catalog: a string someone forgot to
    mark for translation. Data is left alone: anything with a digit (dates, ids, sizes, keys),
    language names written in their own language, and date-shape hints ("YYYY-MM-DD")."""
    from tr_journal.i18n import LANGUAGES

    found = []
    for where, text in texts:
        plain = _plain(text)
        if not re.search(r"[A-Za-z]{2}", plain) or re.search(r"\d", plain):
            continue
        if plain in LANGUAGES.values() or _DATE_SHAPE.match(plain):
            continue
        if not any(pattern.match(plain) for pattern in catalog_patterns()):
            found.append(f"{where}: {text!r} is not in the catalog")
    return found
