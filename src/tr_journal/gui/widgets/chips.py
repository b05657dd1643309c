"""Checkable chips for multi-choice fields (demands, threats): one Tab stop for the whole group.

Ten chips as ten Tab stops would make the keyboard path through the form tedious for someone
logging a call in a hurry, so the group takes focus as one control: arrow keys move between
chips (in reading order), Space toggles the current one, and the current chip is outlined.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget

from tr_journal.gui.widgets.flow_layout import FlowLayout
from tr_journal.i18n import _

_STYLE = """
QPushButton { border: 1px solid #90a4ae; border-radius: 11px; padding: 3px 10px;
              background: #eceff1; color: #263238; }
QPushButton:checked { background: #1e88e5; color: white; border-color: #1565c0; }
QPushButton[current="true"] { border: 2px solid #ff6f00; }
"""


class ChipGroup(QWidget):
    """A set of toggle chips; :meth:`values` are the checked identifiers, in their order."""

    changed = Signal()

    def __init__(self, codes: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codes = codes
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(_STYLE)
        self.chips: dict[str, QPushButton] = {}
        layout = FlowLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        for code in codes:
            chip = QPushButton()
            chip.setCheckable(True)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.toggled.connect(lambda _on: self.changed.emit())
            layout.addWidget(chip)
            self.chips[code] = chip
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._current = 0

    def set_labels(self, labels: dict[str, str], group_name: str) -> None:
        for code, chip in self.chips.items():
            chip.setText(labels.get(code, code))
            chip.setAccessibleName(chip.text())
        self.setAccessibleName(group_name)
        self._describe()

    def values(self) -> list[str]:
        return [code for code, chip in self.chips.items() if chip.isChecked()]

    def set_values(self, values: list[str] | tuple[str, ...]) -> None:
        for code, chip in self.chips.items():
            chip.setChecked(code in values)

    def _describe(self) -> None:
        chosen = [self.chips[c].text() for c in self.values()]
        current = self.chips[self.codes[self._current]].text()
        self.setAccessibleDescription(
            _("Arrow keys move, Space selects. Current: {current}. Selected: {chosen}.").format(
                current=current, chosen=", ".join(chosen) or _("none")
            )
        )

    def _mark_current(self, on: bool) -> None:
        chip = self.chips[self.codes[self._current]]
        chip.setProperty("current", "true" if on else "false")
        chip.style().unpolish(chip)
        chip.style().polish(chip)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._mark_current(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._mark_current(False)
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
        }.get(Qt.Key(key))
        # Right goes to the chip on the right: the next one left to right, the previous one
        # right to left (the chips are laid out from the right). Down and Up go on and back.
        if step is not None and key in (Qt.Key.Key_Right, Qt.Key.Key_Left) and self.isRightToLeft():
            step = -step
        if step is not None:
            self._mark_current(False)
            self._current = max(0, min(len(self.codes) - 1, self._current + step))
            self._mark_current(True)
            self._describe()
        elif key == Qt.Key.Key_Space:
            self.chips[self.codes[self._current]].toggle()
            self._describe()
        else:
            super().keyPressEvent(event)

    def current_code(self) -> str:
        return self.codes[self._current]
