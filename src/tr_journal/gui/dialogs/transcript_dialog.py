"""Add or edit a transcript of a file, or a translation of a transcript (docs/record-format.md,
"Transcripts").

The dialog saves through the same service as ``tr-journal transcript add|edit``
(:mod:`tr_journal.journal.actions`), on the task runner, and stays open with the service's one
sentence when something is refused (no language, no text), so nothing typed is lost. The text
box is aligned by the text's own direction: a Uyghur transcript reads from the right in an
English or French interface. A translation shows the transcript it renders above its own text.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tr_journal.domain.enums import TranscriptMethod
from tr_journal.domain.transcript import Transcript
from tr_journal.errors import N_
from tr_journal.gui import palette
from tr_journal.gui.errors import describe
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets.text_direction import align_by_text
from tr_journal.i18n import _, current_language
from tr_journal.i18n.labels import METHOD_LABELS
from tr_journal.journal import actions
from tr_journal.vault import Vault

#: The languages offered first, named in the interface language; any other code stored in a
#: transcript is shown as it is (BCP 47 codes, as the command line takes them).
LANGUAGE_NAMES: dict[str, str] = {
    "ug": N_("Uyghur"),
    "zh-CN": N_("Chinese (simplified)"),
    "zh-TW": N_("Chinese (traditional)"),
    "yue": N_("Cantonese"),
    "bo": N_("Tibetan"),
    "kk": N_("Kazakh"),
    "ky": N_("Kyrgyz"),
    "uz": N_("Uzbek"),
    "mn": N_("Mongolian"),
    "tr": N_("Turkish"),
    "ru": N_("Russian"),
    "ar": N_("Arabic"),
    "fa": N_("Persian"),
    "en": N_("English"),
    "fr": N_("French"),
    "de": N_("German"),
    "nl": N_("Dutch"),
    "sv": N_("Swedish"),
    "ja": N_("Japanese"),
}


def language_name(code: str) -> str:
    return _(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code


def fill_languages(combo: QComboBox, chosen: str | None) -> None:
    """Every offered language by name (sorted as read), ``chosen`` selected; none chosen: an
    empty first line, so a transcript's language is always a choice, never a guess."""
    combo.clear()
    combo.addItem("", None)
    for name, code in sorted((language_name(c), c) for c in LANGUAGE_NAMES):
        combo.addItem(name, code)
    if chosen and combo.findData(chosen) < 0:
        combo.addItem(chosen, chosen)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))


class TranscriptDialog(QDialog):
    """``current`` given: edit it; else ``source`` given: translate it; else a new transcript
    of ``attachment_id``. Emits :attr:`saved` with the saved transcript, then closes."""

    saved = Signal(object)

    def __init__(
        self,
        vault: Vault,
        tasks: TaskRunner,
        attachment_id: str,
        source: Transcript | None = None,
        current: Transcript | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault, self.tasks, self.attachment_id = vault, tasks, attachment_id
        self.current = current
        self.source_id = current.fields.translates if current else (source.id if source else None)
        self.source = source
        self.language = QComboBox()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)  # Tab leaves the box: the dialog stays keyboard-only
        align_by_text(self.text)
        self.source_text = QPlainTextEdit(source.fields.text if source else "")
        self.source_text.setReadOnly(True)
        self.source_text.setTabChangesFocus(True)
        align_by_text(self.source_text)
        self.by = QLineEdit((current.fields.by or "") if current else "")
        self.method = QComboBox()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {palette.PROBLEM};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.labels = [QLabel() for _i in range(5)]
        self._build()
        if current is not None:
            self.text.setPlainText(current.fields.text)
        self.retranslate()
        self.resize(560, 480 if self.source_text.isVisibleTo(self) else 380)

    def _build(self) -> None:
        rows = (
            (self.labels[0], self.source_text),
            (self.labels[1], self.language),
            (self.labels[2], self.text),
            (self.labels[3], self.by),
            (self.labels[4], self.method),
        )
        for label, field in rows:
            label.setBuddy(field)
            self.form.addRow(label, field)
        showing_source = self.source is not None
        self.form.setRowVisible(0, showing_source)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.message.hide()
        self.text.setFocus()

    def retranslate(self) -> None:
        fields = self.current.fields if self.current else None
        translation = self.source_id is not None
        if self.current is not None:
            title = (
                _("Edit translation {id}") if translation else _("Edit transcript {id}")
            ).format(id=self.current.id)
        else:
            title = (
                _("Translation of {id}").format(id=self.source_id)
                if translation
                else _("New transcript of {id}").format(id=self.attachment_id)
            )
        self.setWindowTitle(title)
        for label, text in zip(
            self.labels,
            (_("Transcript:"), _("&Language:"), _("&Text:"), _("Made &by:"), _("&Method:")),
            strict=True,
        ):
            label.setText(text)
        default = current_language().replace("_", "-") if translation else None
        if self.source is not None and default == self.source.fields.language:
            default = None
        fill_languages(self.language, fields.language if fields else default)
        chosen = str(fields.method) if fields else TranscriptMethod.SELF.value
        self.method.clear()
        for method in TranscriptMethod:
            self.method.addItem(_(METHOD_LABELS[method.value]), method.value)
        self.method.setCurrentIndex(max(0, self.method.findData(chosen)))
        self.by.setPlaceholderText(_("Yourself, a translator, a program…"))
        for widget, name in (
            (self.language, _("Language")),
            (self.text, _("Text")),
            (self.source_text, _("Transcript")),
            (self.by, _("Made by")),
            (self.method, _("Method")),
        ):
            widget.setAccessibleName(name)

    def raw(self) -> dict[str, str | None]:
        """What the person typed, as the service takes it (the command line's fields)."""
        raw = {
            "language": self.language.currentData(),
            "text": self.text.toPlainText(),
            "by": self.by.text(),
            "method": self.method.currentData(),
        }
        if self.current is None and self.source_id:
            raw["translates"] = self.source_id
        return raw

    def save(self) -> None:
        """Save on the worker; close on success, say why not otherwise (the dialog stays)."""
        vault, raw = self.vault, self.raw()
        current, attachment_id = self.current, self.attachment_id
        self.buttons.setEnabled(False)
        self.message.hide()

        def job(_progress: object, _cancelled: object) -> Transcript:
            if current is not None:
                return actions.revise_transcript(vault, current.id, raw)
            return actions.add_transcript(vault, attachment_id, raw)

        def done(saved: Transcript) -> None:
            self.buttons.setEnabled(True)
            self.saved.emit(saved)
            self.accept()

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.message.setText(describe(error))
            self.message.show()

        self.tasks.run("save transcript", job, on_done=done, on_error=failed)
