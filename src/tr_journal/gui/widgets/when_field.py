"""The "When" field: a line that reads what people type and says in words what it understood.

A section editor (year, month, day, hour, minute) took ``21:40`` as the year 2140 and sent the
first ``-`` of ``2026-12-05`` to the next field, so the entry was saved at the wrong time without
a word. Here the text goes through the same reader as the command line
(:func:`tr_journal.journal.when.parse_when`, docs/time.md), and a label under it echoes the result
in the interface language ("Saturday, 5 December 2026, 21:40, Paris time"), or says that it
cannot read it. The form refuses to save what it cannot read, and asks before saving a time in
the future or before 2000.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from tr_journal.errors import N_, InvalidInput
from tr_journal.gui import palette
from tr_journal.i18n import _, current_language, describe_error
from tr_journal.i18n.format import format_date
from tr_journal.i18n.when_text import echo_text
from tr_journal.journal.when import Occurrence, parse_when
from tr_journal.timeutil import local_zone_name

#: A clock a few minutes ahead, or a call logged as it ends, is not "the future".
FUTURE_SLACK = timedelta(minutes=5)
#: Before this, a time is much more likely a typing slip than a call being logged.
EARLIEST_LIKELY = datetime(2000, 1, 1, tzinfo=UTC)

#: The UTC offset after a typed clock ("17:28+01:00", "20:40Z").
_OFFSET_AFTER_CLOCK = re.compile(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(?:Z|[+-]\d{2}:\d{2})")

ECHO_STYLE = "color: palette(placeholder-text);"
PROBLEM_STYLE = palette.PROBLEM_TEXT


class WhenEdit(QLineEdit):
    """The typed time; :attr:`echo` is the label that says what it means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone_name: str | None = None
        self.now: datetime | None = None  # None: the clock (tests pin it)
        self.echo = QLabel()
        self.echo.setWordWrap(True)
        self.echo.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.textChanged.connect(self.update_echo)

    def read(self) -> Occurrence:
        """The occurrence typed, or :class:`InvalidInput` with the sentence saying why not."""
        return parse_when(self.text(), self.zone_name, now=self.now, language=current_language())

    def occurrence(self) -> Occurrence | None:
        try:
            return self.read()
        except InvalidInput:
            return None

    def stored_text(self) -> str:
        """What a draft or a save keeps: the reading (``21:40`` would mean another day when
        the draft is restored tomorrow) or, when it cannot be read, the text as typed."""
        occurrence = self.occurrence()
        return occurrence.text if occurrence is not None else self.text().strip()

    def zone_read(self) -> str | None:
        """The zone a time typed without offset was read in (the machine's, for a new
        entry): saved with it, as the echo said ("Paris time")."""
        occurrence = self.occurrence()
        return occurrence.zone if occurrence is not None else None

    def update_echo(self) -> None:
        if not self.text().strip():
            self._say(_("Type when it happened: 21:40, yesterday 21:40, 2026-03-02…"), False)
            return
        try:
            self._say(echo_text(self.read()), False)
        except InvalidInput as error:
            self._say(describe_error(error), True)

    def _say(self, text: str, problem: bool) -> None:
        # Aligned by the interface's direction, not the text's: a Uyghur date is wrapped in
        # RLI … PDI, which Qt's first-strong-letter rule skips, so it would sit on the left.
        side = (
            Qt.AlignmentFlag.AlignRight if self.echo.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
        )
        self.echo.setAlignment(
            side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        )
        self.echo.setText(text)
        self.echo.setStyleSheet(PROBLEM_STYLE if problem else ECHO_STYLE)
        self.setAccessibleDescription(text)

    def show_stored(self, stored: str) -> None:
        """Show a saved time as the person would type it (:func:`retypable_text`)."""
        self.setText(retypable_text(stored, self.zone_name, current_language()))
        self.update_echo()  # the same text in another zone means another time

    def show_now(self) -> None:
        """A new entry starts at the current minute, selected so typing replaces it."""
        name = self.zone_name or local_zone_name()
        now = (self.now or datetime.now(UTC)).astimezone(ZoneInfo(name) if name else None)
        self.setText(now.strftime("%Y-%m-%d %H:%M"))
        self.selectAll()


class DateOnlyEdit(WhenEdit):
    """A date without a time of day ("Reported on"): the same reader, so ``5/12/2026`` is the
    5th of December in French and is stored as ``2026-12-05``, never as the typed digits
    that another language would read as the 12th of May. Text loaded from an entry that
    the reader cannot take (older free text) is kept as it is while it is not changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = ""

    def read(self) -> Occurrence:
        occurrence = super().read()
        if occurrence.start.has_time:
            raise InvalidInput(
                detail=N_(
                    "“{text}” has a time of day: type the date alone, for example 2026-03-02."
                ),
                text=self.text().strip(),
            )
        return occurrence

    def show_stored(self, stored: str) -> None:
        self.loaded = retypable_text(stored, self.zone_name, current_language())
        self.setText(self.loaded)
        self.update_echo()

    def forget_loaded(self) -> None:
        """Text restored from a draft may have been typed: it must read as a date."""
        self.loaded = ""
        self.update_echo()

    def can_save(self) -> bool:
        """Empty, readable as a date, or the older text it was loaded with, unchanged."""
        return (
            not self.text().strip() or self.text() == self.loaded or self.occurrence() is not None
        )

    def update_echo(self) -> None:
        if not self.text().strip() or (self.text() == self.loaded and self.occurrence() is None):
            self._say("", False)
            return
        super().update_echo()

    def _say(self, text: str, problem: bool) -> None:
        super()._say(text, problem)
        self.echo.setVisible(bool(text))  # no empty line under an empty field

    def retranslate(self) -> None:
        """The hint names the forms in the interface language's own order of day and month."""
        example = date(2026, 3, 2)
        iso, short = example.isoformat(), format_date(example, length="short")
        hint = (
            _("a date: {iso} or yesterday")
            if short == iso  # Uyghur writes it so
            else _("a date: {iso}, {short} or yesterday")
        )
        self.setPlaceholderText(hint.format(iso=iso, short=short))
        self.update_echo()


def check_date_before_saving(parent: QWidget, edit: DateOnlyEdit) -> bool:
    """False (and the person told why, the focus on the field) when it is not a date."""
    if edit.can_save():
        return True
    try:
        edit.read()
    except InvalidInput as error:
        QMessageBox.warning(
            parent,
            _("Check the date"),
            _("Nothing was saved: {problem}").format(problem=describe_error(error)),
        )
    edit.setFocus()
    return False


def retypable_text(stored: str, zone_name: str | None, language: str | None = None) -> str:
    """``stored`` (an ``occurred_at``) as a person reads and re-types it, and as the form
    shows a new entry's time: ``2026-12-05 17:28`` for ``2026-12-05T17:28+01:00`` in Paris.

    Only a text that the reader takes back to the very same stored value and zone is used:
    the offset stays when the zone alone would not give it (the second 02:30 of the night
    clocks go back, an offset typed without a zone), and dates, months, qualifiers and date
    intervals stay in their EDTF form (``2026-12-05`` reads the same in every language,
    unlike ``5/12/2026``). Re-saving an unchanged entry thus keeps its time to the character.
    """
    try:
        saved = parse_when(stored, zone_name, typed=False)
    except InvalidInput:
        return stored  # not a time this reader knows: shown exactly as stored
    spaced = saved.text.replace("T", " ")
    for candidate in (_OFFSET_AFTER_CLOCK.sub(r"\1", spaced), spaced):
        try:
            again = parse_when(candidate, zone_name, language=language)
        except InvalidInput:
            continue
        if (again.text, again.zone) == (saved.text, saved.zone):
            return candidate
    return stored


def when_row(edit: WhenEdit) -> QWidget:
    """The line with its echo under it; focus and the label's buddy go to the line."""
    row = QWidget()
    column = QVBoxLayout(row)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(edit)
    column.addWidget(edit.echo)
    row.setFocusProxy(edit)
    return row


def check_before_saving(parent: QWidget, edit: WhenEdit) -> bool:
    """True when the time can be saved: readable, and confirmed when it is in the future or
    before 2000. Otherwise the person is told why and the focus goes back to the field."""
    try:
        occurrence = edit.read()
    except InvalidInput as error:
        QMessageBox.warning(
            parent,
            _("Check the time"),
            _("Nothing was saved: {problem}").format(problem=describe_error(error)),
        )
        edit.setFocus()
        return False
    now = edit.now or datetime.now(UTC)
    if occurrence.earliest > now + FUTURE_SLACK:
        question = _("{when} is in the future. Save it anyway?")
    elif occurrence.latest < EARLIEST_LIKELY:
        question = _("{when} is before the year 2000. Save it anyway?")
    else:
        return True
    answer = QMessageBox.question(
        parent,
        _("Check the time"),
        question.format(when=echo_text(occurrence)),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Save:
        edit.setFocus()
        edit.selectAll()
        return False
    return True
