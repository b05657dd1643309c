"""The import window's "You are:" chooser: which sender of a chat is the person.

The caller of an imported entry is always the other party, never the person who exported the
chat (docs/imports.md, "Who is the caller"). The readers know the person from ``--me`` or from
the export's name; a group chat or a renamed file leaves the person unknown and no row names a
caller. This chooser lists the chat's senders (from the preview's
:class:`~tr_journal.imports.chat_parties.Parties`), preselects the person the file revealed,
and says so plainly when the person is unknown. Choosing asks the window to read the chat again
with that name as ``me`` (:attr:`changed`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from tr_journal.gui.palette import NOTICE
from tr_journal.i18n import _
from tr_journal.i18n.format import bidi_isolate
from tr_journal.imports.chat_parties import Parties
from tr_journal.untrusted import one_line

#: a sender name longer than this is cut in the list (the whole name is in its tooltip)
MAX_NAME = 60


class MeChooser(QWidget):
    """A labelled list of the chat's senders plus "not chosen"; hidden for other exports."""

    #: the person chose another sender (or "not chosen"): the chat is to be read again
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # as wide as the longest name, not half the window when the notice is hidden
        self.combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.label.setBuddy(self.combo)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {NOTICE};")
        self.notice.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.notice.hide()
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addWidget(self.notice, 1)
        layout.addStretch(0)  # takes the row's rest while the notice is hidden
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.label.setText(_("&You are:"))
        if self.combo.count():
            self.combo.setItemText(0, _("(not chosen)"))
        self.notice.setText(
            _("No caller is filled in until you choose which of the senders you are.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def chosen(self) -> str | None:
        """The sender the person chose, or None ("not chosen": the export's name decides)."""
        data = self.combo.currentData()
        return data if isinstance(data, str) and data else None

    def clear(self) -> None:
        """A new file: no senders known yet, nothing chosen."""
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.blockSignals(False)
        self.hide()

    def show_parties(self, parties: Parties | None) -> None:
        """List the senders of a freshly read chat and select the person it was read with (the
        one chosen, or the one the export's name revealed), else "not chosen". Hidden when the
        export has no senders (not a chat)."""
        if parties is None or not parties.senders:
            self.clear()
            return
        recognised = parties.mine if parties.known else ()
        selected = recognised[0] if len(recognised) == 1 else None
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(_("(not chosen)"), "")
        for sender in parties.senders:
            shown = one_line(sender)
            if len(shown) > MAX_NAME:
                shown = shown[: MAX_NAME - 1] + "…"
            self.combo.addItem(bidi_isolate(shown), sender)
            self.combo.setItemData(
                self.combo.count() - 1, one_line(sender), Qt.ItemDataRole.ToolTipRole
            )
        self.combo.setCurrentIndex(max(0, self.combo.findData(selected or "")))
        self.combo.blockSignals(False)
        self.notice.setVisible(not parties.known)
        self.show()
