"""A zxcvbn strength meter with the reasons a passphrase is weak, as one reusable widget.

The scoring (:func:`tr_journal.passphrase.strength`, zxcvbn plus a minimum length) is the one
rule of the command line and the app, so "strong enough" means the same everywhere; this widget
only draws it: a coloured bar with a word, and the reasons as a bulleted list. Used by the
settings dialog's "change passphrase"; the create screen may use it too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from tr_journal.errors import N_
from tr_journal.gui import palette
from tr_journal.i18n import _
from tr_journal.passphrase import MIN_SCORE
from tr_journal.passphrase import strength as passphrase_strength

SCORE_WORDS = (N_("Very weak"), N_("Weak"), N_("Fair"), N_("Strong"), N_("Very strong"))
SCORE_COLOURS = palette.STRENGTH


class PassphraseStrengthMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score, self._text = 0, ""
        self.reasons_list: list[str] = []
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.reasons)
        self.retranslate()

    def set_passphrase(self, text: str, _user_inputs: Sequence[str] = ()) -> None:
        self._text = text
        self.score, self.reasons_list = passphrase_strength(text)
        self._draw()

    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE

    def _draw(self) -> None:
        self.bar.setValue(self.score)
        word = _(SCORE_WORDS[self.score]) if self._text else ""
        self.bar.setFormat(word)
        self.bar.setAccessibleDescription(word)
        self.bar.setStyleSheet(
            f"QProgressBar::chunk {{ background: {SCORE_COLOURS[self.score]}; }}"
        )
        self.reasons.setText("\n".join("• " + _(r) for r in self.reasons_list))
        self.reasons.setVisible(bool(self.reasons_list))

    def retranslate(self) -> None:
        self.bar.setAccessibleName(_("Passphrase strength"))
        self.reasons.setAccessibleName(_("Why the passphrase is weak"))
        self._draw()
