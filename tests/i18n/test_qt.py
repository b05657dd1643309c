"""Qt side of a language: Qt's own words, QLocale, direction, fonts, switching live."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtGui import QFont, QGuiApplication, QRawFont
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from tr_journal.gui import qt_fonts
from tr_journal.gui import qt_language as qt
from tr_journal.i18n import _, current_language, fonts, translations_for

CANCEL = {"fr": "Annuler", "zh_CN": "取消", "tr": "İptal", "ug": "بىكار قىلىش", "en": "Cancel"}


@pytest.fixture
def restore_english(qapp):
    yield
    qt.apply_language(qapp, "en")


@pytest.mark.parametrize("lang", ["fr", "ug", "zh_CN", "tr", "en"])
def test_apply_language_sets_everything(qapp, restore_english, lang: str) -> None:
    assert qt.apply_language(qapp, lang) == lang
    assert current_language() == lang
    rtl = lang == "ug"
    expected = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    assert QGuiApplication.layoutDirection() == expected
    assert QLocale().name() == qt.QT_LOCALES[lang]
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.buttons()[0].text().replace("&", "") == CANCEL[lang]
    assert QCoreApplication.translate("SomeContext", "Not a Qt string") == "Not a Qt string"
    families = qapp.font().families()
    assert fonts.CJK_FAMILY in families and fonts.ARABIC_FAMILY in families
    if rtl:
        assert families[0] == fonts.ARABIC_FAMILY


def test_qt_catalogs_come_from_pyside(qapp, restore_english) -> None:
    assert (qt.qt_translations_dir() / "qtbase_fr.qm").is_file()
    # ours first (asked last): it fills only what the shipped qtbase lacks
    assert qt.install_qt_translators(qapp, "fr") == ["tr_journal", "qtbase"]
    assert qt.install_qt_translators(qapp, "ug") == ["tr_journal"]  # no qtbase_ug in Qt
    assert qt.install_qt_translators(qapp, "en") == []
    assert qt.installed_translators() == []


def test_switch_language_retranslates_open_widgets(qtbot, qapp, restore_english) -> None:
    class Retranslating(QLabel):
        def __init__(self) -> None:
            super().__init__()
            self.retranslate()

        def retranslate(self) -> None:
            self.setText(_("Unlock"))

        def changeEvent(self, event: QEvent) -> None:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            super().changeEvent(event)

    label = Retranslating()
    qtbot.addWidget(label)
    label.show()
    assert label.text() == "Unlock"
    qt.switch_language(qapp, "ug")
    qtbot.waitUntil(lambda: label.text() == "ئېچىش")
    assert label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qt.switch_language(qapp, "fr")
    qtbot.waitUntil(lambda: label.text() == "Déverrouiller")
    assert label.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_shipped_fonts_register_once(qapp) -> None:
    registered = qt_fonts.ensure_fonts()
    assert registered is qt_fonts.ensure_fonts()
    families = {family for names in registered.values() for family in names}
    assert {fonts.ARABIC_FAMILY, fonts.ARABIC_TEXT_FAMILY, fonts.CJK_FAMILY} <= families
    assert len(registered) == len(fonts.font_files()) == 8


@pytest.mark.parametrize(
    ("lang", "font_file"),
    [
        ("ug", "NotoSansArabic-Regular.ttf"),
        ("ug", "NotoNaskhArabic-Regular.ttf"),
        ("zh_CN", "NotoSansSC-TRJ-Regular.otf"),
    ],
)
def test_shipped_fonts_cover_every_translated_character(qapp, lang: str, font_file: str) -> None:
    """Loaded from the file itself, so the system's fonts cannot hide a gap: no boxes."""
    raw = QRawFont(str(fonts.font_files()[0].parent / font_file), 12)
    assert raw.isValid()
    catalog = translations_for(lang)._catalog
    text = "".join(v if isinstance(v, str) else "" for v in catalog.values())
    script = (
        (lambda ch: "\u0600" <= ch <= "\u06ff")
        if lang == "ug"
        else (lambda ch: "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    )
    wanted = {ch for ch in text if script(ch)}
    assert len(wanted) > (30 if lang == "ug" else 500)
    missing = sorted(ch for ch in wanted if not raw.supportsCharacter(ord(ch)))
    assert missing == []


def test_font_family_lists(qapp) -> None:
    assert fonts.families_for("DejaVu Sans")[:3] == [
        "DejaVu Sans",
        fonts.LATIN_FAMILY,
        fonts.CJK_FAMILY,
    ]
    assert fonts.families_for("DejaVu Sans", "ug")[0] == fonts.ARABIC_FAMILY
    font = qt_fonts.with_fallbacks(QFont("DejaVu Sans"), "fr")
    assert font.families()[0] == "DejaVu Sans"


def test_app_start_path_applies_the_language_to_qt(qapp, restore_english, monkeypatch) -> None:
    """The real start (gui.app): gettext from the environment, then Qt's side of it."""
    from tr_journal.gui.app import apply_language, make_application

    monkeypatch.setenv("TR_JOURNAL_LANG", "fr")
    apply_language(None)
    app = make_application()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert box.buttons()[0].text() == "Fermer"
    assert QLocale().name() == "fr_FR"
    assert fonts.ARABIC_FAMILY in app.font().families()


#: (language, what the file dialog's "Look in" and "Files of type" labels must read)
FILE_DIALOG = {
    "ug": ("ئىزدەش ئورنى(L):", "ھۆججەت تۈرى(T):", "ئېچىش(O)"),
    "fr": ("Voir dans\u00a0:", "Fichiers de type\u00a0:", "Ouvrir"),
}


@pytest.mark.parametrize("lang", sorted(FILE_DIALOG))
def test_the_file_dialog_speaks_the_language(qtbot, qapp, restore_english, lang: str) -> None:
    """The app's own (non-native) file dialog: in Uyghur Qt ships no words at all, and Qt 6's
    "&Look in:" and "Files of &type:" are missing from qtbase_fr, so both read English before."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

    from tr_journal.gui.widgets.file_dialogs import OPTIONS

    qt.apply_language(qapp, lang)
    dialog = QFileDialog(None, "x")
    dialog.setOptions(OPTIONS)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    qtbot.addWidget(dialog)
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    buttons = {button.text().replace("&", "") for button in dialog.findChildren(QPushButton)}
    look_in, files_of_type, open_text = FILE_DIALOG[lang]
    assert look_in in labels and files_of_type in labels, labels
    assert open_text in buttons, buttons


def test_the_print_dialog_speaks_uyghur(qtbot, qapp, restore_english) -> None:
    """Printing the recovery key at vault creation opens Qt's print dialog, all English in
    Uyghur before (Qt ships no Uyghur words)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QAbstractButton, QLabel

    qt.apply_language(qapp, "ug")
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {w.text().replace("&", "") for w in dialog.findChildren(QLabel)}
    texts |= {w.text().replace("&", "") for w in dialog.findChildren(QAbstractButton)}
    assert {"بېسىش(P)", "نامى(N):", "چىقىرىش ھۆججىتى(F):"} <= texts, texts
    assert not texts & {"Print", "Name:", "Output file:", "Copies:"}, texts
