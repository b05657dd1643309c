"""The entry form: the essentials of a call first, every other field of an entry below.

A shaken person should be able to log a call in under a minute with the keyboard alone: the
first Tab stops are when, channel, number, who they claimed to be, what they wanted, what they
threatened, notes, duration; Ctrl+S saves. Whatever is typed is kept as a draft inside the vault
(never in a plain file) every few seconds and on lock or close, and offered back on the next unlock.
Saving an existing entry adds a revision; nothing is edited in place.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tr_journal import model
from tr_journal.domain import Entry
from tr_journal.gui import palette
from tr_journal.gui.errors import show_error
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets.chips import ChipGroup
from tr_journal.gui.widgets.form_drafts import FormDraftsMixin
from tr_journal.gui.widgets.pending_files import PendingFiles, local_paths
from tr_journal.gui.widgets.when_field import (
    DateOnlyEdit,
    WhenEdit,
    check_before_saving,
    check_date_before_saving,
    when_row,
)
from tr_journal.i18n import _, is_rtl
from tr_journal.i18n.format import format_duration, ltr_isolate
from tr_journal.i18n.labels import choices, field_label
from tr_journal.journal import actions
from tr_journal.vault import Vault

AUTOSAVE_MS = 3000
ESSENTIAL_LINES = ("caller_number", "claimed_identity")
MORE_LINES = (
    "intermediary",
    "caller_account",
    "caller_name",
    "caller_language",
    "offers_text",
    "people_mentioned",
    "witnesses",
    "response",
    "reported_to",
    "reported_on",
    "report_reference",
    "report_officer",
    "recording_method",
    "tags",
)
#: Shown in "More details" besides the lines (docs/record-format.md has every field).
MORE_CHOICES = ("direction", "intermediary_relation", "attempts", "offers")


class EntryForm(FormDraftsMixin, QWidget):
    """Emits :attr:`saved` with the entry's id after a successful save."""

    saved = Signal(str)
    cancelled = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.vault: Vault | None = None
        self.public_id: str | None = None
        self.timezone: str | None = None
        self._dirty = False
        self.unsaved = False  # typed since the last save (a draft may hold it, not an entry)
        self._loading = False
        self.saving = False
        self._saved_when: tuple[str, str | None] = ("", None)  # occurred_at, timezone saved
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._autosave_tick)
        self._make_fields()
        self._build()
        self.retranslate()
        self.new_entry()

    # -- construction ----------------------------------------------------------------------
    def _make_fields(self) -> None:
        self.occurred = WhenEdit()  # reads what is typed and echoes it in words
        self.channel = QComboBox()
        self.direction = QComboBox()
        self.duration = QLineEdit()  # read by journal.duration, as on the command line;
        # left to right in every language (set with the number below)
        self.relation = QComboBox()
        self.attempts = QSpinBox()
        self.attempts.setRange(1, 9999)
        self.offers = ChipGroup(model.OFFERS)
        self.lines = {name: QLineEdit() for name in (*ESSENTIAL_LINES, *MORE_LINES)}
        self.reported_on = DateOnlyEdit()  # read as a date, echoed in words (docs/time.md)
        self.lines["reported_on"] = self.reported_on
        self.demands = ChipGroup(model.DEMANDS)
        self.threats = ChipGroup(model.THREATS)
        self.demands_text = QLineEdit()
        self.threats_text = QLineEdit()
        # Phone numbers and ISO dates and times read left to right in every language (the
        # echo under "When" follows the interface's direction).
        for widget in (
            self.lines["caller_number"],
            self.lines["reported_on"],
            self.occurred,
            self.duration,
        ):
            widget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.narrative = QPlainTextEdit()
        self.narrative.setTabChangesFocus(True)
        self.narrative.setMinimumHeight(90)
        self.more_button = QToolButton()
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more_button.toggled.connect(self._toggle_more)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.close_form)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_form)  # Esc leaves; the text stays as a draft
        self.discard_button = QPushButton()
        self.discard_button.clicked.connect(self.discard)
        self.pending = PendingFiles()
        self.pending.added.connect(self.save)
        self.setAcceptDrops(True)
        self.heading = QLabel()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {palette.NOTICE};")
        self.notice.hide()
        self.occurred.textChanged.connect(self._mark_dirty)
        self.attempts.valueChanged.connect(self._mark_dirty)
        self.offers.changed.connect(self._mark_dirty)
        for combo in (self.channel, self.direction, self.relation):
            combo.currentIndexChanged.connect(self._mark_dirty)
        for line in (*self.lines.values(), self.demands_text, self.threats_text, self.duration):
            line.textChanged.connect(self._mark_dirty)
        self.narrative.textChanged.connect(self._mark_dirty)
        self.demands.changed.connect(self._mark_dirty)
        self.threats.changed.connect(self._mark_dirty)

    def _build(self) -> None:
        self.labels: dict[str, QLabel] = {}
        essentials = QFormLayout()
        rows = [
            ("occurred_at", when_row(self.occurred)),
            ("channel", self.channel),
            ("caller_number", self.lines["caller_number"]),
            ("claimed_identity", self.lines["claimed_identity"]),
            ("demands", self.demands),
            ("demands_text", self.demands_text),
            ("threats", self.threats),
            ("threats_text", self.threats_text),
            ("narrative", self.narrative),
            ("duration_seconds", self.duration),
        ]
        for name, widget in rows:
            self._add_row(essentials, name, widget)
        essentials.addRow(self.more_button)
        more_rows = [
            ("direction", self.direction),
            ("intermediary", self.lines["intermediary"]),
            ("intermediary_relation", self.relation),
            ("attempts", self.attempts),
            ("offers", self.offers),
            *(
                (name, when_row(line) if isinstance(line, WhenEdit) else line)
                for name, line in ((n, self.lines[n]) for n in MORE_LINES[1:])
            ),
        ]
        for name, widget in more_rows:
            self._add_row(essentials, name, widget)
        self.form_layout = essentials
        self.more_widgets = [w for _n, w in more_rows]
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.heading)
        column.addWidget(self.notice)
        column.addLayout(essentials)
        column.addWidget(self.pending)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        order = (
            [w for _n, w in rows]
            + [self.more_button]
            + [w for _n, w in more_rows]
            + [self.pending.button, self.save_button, self.cancel_button, self.discard_button]
        )
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def _add_row(self, form: QFormLayout, name: str, widget: QWidget) -> None:
        caption = QLabel()
        caption.setBuddy(widget.focusProxy() or widget)  # "When": the line, not its row
        self.labels[name] = caption
        form.addRow(caption, widget)

    def retranslate(self) -> None:
        for name, caption in self.labels.items():
            caption.setText(field_label(name) + ":")
        self.labels["occurred_at"].setText(_("&When:"))
        self.occurred.update_echo()
        self.labels["channel"].setText(_("Cha&nnel:"))
        self.labels["caller_number"].setText(_("N&umber shown:"))
        self.labels["claimed_identity"].setText(_("Who they c&laimed to be:"))
        self.labels["narrative"].setText(_("N&otes:"))
        self.labels["duration_seconds"].setText(_("Durat&ion:"))
        self._fill_combo(self.channel, choices("channel"), empty=False)
        self._fill_combo(self.direction, choices("direction"))
        self._fill_combo(self.relation, choices("relation"))
        self.offers.set_labels(dict(choices("offer")), _("What they offered"))
        self.duration.setPlaceholderText(_("e.g. 9:00, 9m, 1h02m"))
        self.demands.set_labels(dict(choices("demand")), _("What they wanted"))
        self.threats.set_labels(dict(choices("threat")), _("What they threatened"))
        self.lines["claimed_identity"].setPlaceholderText(_("e.g. public security bureau, Urumqi"))
        self.reported_on.retranslate()
        self.lines["tags"].setPlaceholderText(_("separated by commas"))
        self.narrative.setPlaceholderText(_("What happened, in your own words"))
        self.save_button.setText(_("Save (Ctrl+S)"))
        self.cancel_button.setText(_("Close (Esc)"))
        self._toggle_more(self.more_button.isChecked())
        self._update_heading()
        for caption in self.labels.values():
            widget = caption.buddy()
            if widget is not None:
                widget.setAccessibleName(caption.text().replace("&", "").rstrip(":"))
        self.save_button.setAccessibleName(_("Save entry"))
        self.cancel_button.setAccessibleName(_("Close the form"))
        self.discard_button.setText(_("Discard chan&ges"))
        self.discard_button.setAccessibleName(_("Discard what was typed in this form"))
        self.pending.retranslate()

    def _fill_combo(
        self, combo: QComboBox, choices: list[tuple[str, str]], empty: bool = True
    ) -> None:
        current, loading = combo.currentData(), self._loading
        self._loading = True
        combo.clear()
        if empty:
            combo.addItem("—", None)
        for code, text in choices:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        self._loading = loading

    def _toggle_more(self, on: bool) -> None:
        for widget in self.more_widgets:
            self.form_layout.setRowVisible(widget, on)
        self.more_button.setText(_("▾ Fewer details") if on else _("▸ More details"))
        self.more_button.setAccessibleName(_("More details"))

    def _update_heading(self) -> None:
        # Uyghur puts the id first: a leading "E0003" made the heading a left-to-right
        # paragraph on the left of a right-to-left form (rich text does not skip isolates
        # when it guesses the direction, so it is given).
        text = (
            _("Edit entry {id}").format(id=ltr_isolate(self.public_id))
            if self.public_id
            else _("New entry")
        )
        self.heading.setText(f"<h3 dir='{'rtl' if is_rtl() else 'ltr'}'>{text}</h3>")

    # -- filling and reading ---------------------------------------------------------------
    def set_vault(self, vault: Vault | None) -> None:
        self.vault = vault
        if vault is None:
            self._autosave.stop()
        else:
            self._autosave.start()

    def focus_first(self) -> None:
        self.occurred.setFocus()
        self.occurred.selectAll()  # typing replaces the time shown

    def new_entry(self) -> None:
        self.setEnabled(True)
        self.pending.clear()
        self.set_fields({}, None)

    def edit_entry(self, public_id: str) -> None:
        """Fill the form with the entry's current revision, read on the worker."""
        if self.vault is None:
            return
        vault = self.vault
        self.pending.clear()
        self.set_fields({}, public_id)
        self.setEnabled(False)  # until the fields are there: nothing typed can be overwritten

        def done(current: Entry) -> None:
            self.setEnabled(True)
            if vault is self.vault and self.public_id == public_id:
                self.set_fields(current.fields.to_dict(), public_id)
                self.focus_first()

        def failed(error: BaseException) -> None:
            self.setEnabled(True)
            show_error(self, error)
            self.cancelled.emit()

        self.tasks.run(
            "edit entry",
            lambda _p, _c: actions.read_entry(vault, public_id),
            on_done=done,
            on_error=failed,
        )

    def set_fields(self, fields: dict[str, Any], public_id: str | None) -> None:
        """Show ``fields`` (a revision's, or a draft's) for the entry ``public_id``."""
        self._loading = True
        self.public_id = public_id
        self.timezone = fields.get("timezone")
        self.occurred.zone_name = self.timezone
        if fields.get("occurred_at"):
            self.occurred.show_stored(str(fields["occurred_at"]))
        else:
            self.occurred.show_now()
        self.channel.setCurrentIndex(max(0, self.channel.findData(fields.get("channel", "phone"))))
        self.direction.setCurrentIndex(max(0, self.direction.findData(fields.get("direction"))))
        seconds = fields.get("duration_seconds")
        self.duration.setText(
            ""
            if seconds in (None, "")
            else format_duration(int(seconds))
            if str(seconds).isdigit()
            else str(seconds)
        )
        self.relation.setCurrentIndex(
            max(0, self.relation.findData(fields.get("intermediary_relation")))
        )
        self.attempts.setValue(int(fields.get("attempts") or 1))
        self.offers.set_values(fields.get("offers", []))
        for name, line in self.lines.items():
            value = fields.get(name, "")
            line.setText(", ".join(value) if isinstance(value, list) else str(value or ""))
        self.reported_on.show_stored(str(fields.get("reported_on") or ""))
        self.demands.set_values(fields.get("demands", []))
        self.threats.set_values(fields.get("threats", []))
        self.demands_text.setText(fields.get("demands_text", ""))
        self.threats_text.setText(fields.get("threats_text", ""))
        self.narrative.setPlainText(fields.get("narrative", ""))
        self.narrative.moveCursor(QTextCursor.MoveOperation.End)  # continue, not prepend
        self.more_button.setChecked(any(fields.get(n) for n in (*MORE_LINES, *MORE_CHOICES)))
        self.notice.hide()
        self._update_heading()
        self._dirty = False
        self.unsaved = False
        self._loading = False

    def fields(self) -> dict[str, Any]:
        """The raw fields as typed; validation and normalising happen in the service."""
        raw: dict[str, Any] = {
            "occurred_at": self.occurred.stored_text(),
            "timezone": self.timezone or self.occurred.zone_read(),
            "channel": self.channel.currentData(),
            "direction": self.direction.currentData(),
            "duration_seconds": self.duration.text().strip(),
            "intermediary_relation": self.relation.currentData(),
            "attempts": self.attempts.value() if self.attempts.value() > 1 else None,
            "offers": self.offers.values(),
            "demands": self.demands.values(),
            "threats": self.threats.values(),
            "demands_text": self.demands_text.text(),
            "threats_text": self.threats_text.text(),
            "narrative": self.narrative.toPlainText(),
        }
        for name, line in self.lines.items():
            raw[name] = line.text()
        raw["reported_on"] = self.reported_on.stored_text()  # 5/12/2026 -> 2026-12-05
        return {k: v for k, v in raw.items() if v not in (None, "", [])}

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._dirty = True
            self.unsaved = True

    def is_dirty(self) -> bool:
        return self._dirty

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        """Ctrl+S: one transaction adds the entry (or a revision) and drops its draft."""
        if self.vault is None or self.saving or not self.isVisible() or not self.isEnabled():
            return  # not shown, or still loading the entry: never save a half-filled form
        if not check_before_saving(self, self.occurred):
            return  # unreadable, or a future / pre-2000 time not confirmed: nothing is saved
        if not check_date_before_saving(self, self.reported_on):
            self.more_button.setChecked(True)
            self.reported_on.setFocus()
            return
        vault, public_id, raw = self.vault, self.public_id, self.fields()
        self.saving = True
        self._saved_when = (str(raw.get("occurred_at", "")), raw.get("timezone"))

        self.tasks.run(
            "save entry",
            lambda _p, _c: actions.save_entry(vault, public_id, raw),
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _saved(self, public_id: str) -> None:
        self.saving = False
        self._dirty = False
        self.unsaved = False
        self.public_id = public_id
        # "yesterday 21:40" would mean another day tomorrow: show what was stored, readably
        self._loading = True
        self.timezone = self.occurred.zone_name = self._saved_when[1]
        self.occurred.show_stored(self._saved_when[0])
        self._loading = False
        self._update_heading()
        self.saved.emit(public_id)

    def _save_failed(self, error: BaseException) -> None:
        self.saving = False
        show_error(self, error)

    def close_form(self) -> None:
        """Leave the form; what was typed stays as a draft so it is not lost by a slip."""
        self.save_draft()
        self.pending.clear()  # files are only added with a save
        self.cancelled.emit()

    # -- files dropped on the form: queued, then the entry is saved ------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.vault is not None and local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.pending.add(paths)

    def clear(self) -> None:
        """Empty every field (lock). Call :meth:`save_draft` first to keep the text."""
        self._autosave.stop()
        self.setEnabled(True)
        self.pending.clear()
        self.set_fields({}, None)
