"""Words that Qt itself draws (standard buttons, context menus, wizards, the file and print
dialogs), for languages that PySide6 ships no ``qtbase_<lang>.qm`` for — Uyghur above all — and
for the few source strings a shipped ``qtbase`` catalog lacks (it is asked first; ours after).

Marked with ``N_`` so they sit in our catalogs beside our own strings;
:mod:`tr_journal.gui.qt_language` answers Qt's own ``translate()`` calls with them when no qtbase
catalog exists for the language.
The English texts must be byte-identical to Qt's source strings (with their ``&`` mnemonics).
"""

from __future__ import annotations

from tr_journal.errors import N_

QT_SOURCE_STRINGS = frozenset({
    # QPlatformTheme: QDialogButtonBox / QMessageBox standard buttons
    N_("OK"), N_("Save"), N_("Save All"), N_("Open"), N_("&Yes"), N_("Yes to &All"),
    N_("&No"), N_("N&o to All"), N_("Abort"), N_("Retry"), N_("Ignore"), N_("Close"),
    N_("Cancel"), N_("Discard"), N_("Help"), N_("Apply"), N_("Reset"),
    N_("Restore Defaults"), N_("Don't Save"), N_("Close without Saving"),
    # QLineEdit / QWidgetTextControl / QAbstractSpinBox context menus
    N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"),
    N_("Select All"), N_("Copy &Link Location"), N_("&Select All"), N_("&Step up"),
    N_("Step &down"),
    # QWizard and QMessageBox
    N_("< &Back"), N_("&Next"), N_("&Next >"), N_("&Finish"), N_("&Help"), N_("Go Back"),
    N_("Continue"), N_("Commit"), N_("Done"), N_("Show Details..."), N_("Hide Details..."),
    # QFileDialog (the app's own, not the desktop's: Add files, Export, Import) and its model;
    # Qt 6 renamed "Look in:" and "Files of type:", which qtbase_fr/zh_CN/tr still lack
    N_("&Look in:"), N_("File &name:"), N_("Files of &type:"), N_("&Open"), N_("&Save"),
    N_("&Choose"), N_("All Files (*)"), N_("Back"), N_("Forward"), N_("Parent Directory"),
    N_("Create New Folder"), N_("List View"), N_("Detail View"), N_("&New Folder"),
    N_("New Folder"), N_("&Delete"), N_("&Rename"), N_("Show &hidden files"),
    N_("Computer"), N_("Name"), N_("Size"), N_("Type"), N_("Date Modified"), N_("Folder"),
    N_("Drive"),
    # QPrintDialog (printing the recovery key when a vault is created)
    N_("Printer"), N_("&Name:"), N_("P&roperties"), N_("Location:"), N_("Type:"),
    N_("Output &file:"), N_("Local file"), N_("Write PDF file"), N_("Print to File (PDF)"),
    N_("&Options >>"), N_("&Options <<"), N_("&Print"), N_("Preview"), N_("Options"),
    N_("Copies"), N_("Copies:"), N_("Collate"), N_("Reverse"), N_("Print range"),
    N_("Print all"), N_("Pages from"), N_("to"), N_("Pages"), N_("Selection"),
    N_("Current Page"), N_("Page &Set:"), N_("All Pages"), N_("Odd Pages"), N_("Even Pages"),
    N_("Output Settings"), N_("Color Mode"), N_("Color"), N_("Grayscale"),
    N_("Double Sided Printing"), N_("Off"), N_("Long side binding"), N_("Short side binding"),
})
