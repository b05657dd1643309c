#!/usr/bin/env python3
"""Screenshots of the main screens in each language, to LOOK at (right-to-left, fonts, fit).

    xvfb-run -a .venv/bin/python tools/i18n_screenshots.py OUT_DIR [LANG...]
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/i18n_screenshots.py OUT_DIR ug fr

Makes a throw-away vault (cheap KDF) in a temporary folder with two sample entries (Uyghur and
Chinese text), opens the real main window and saves: unlock, journal (timeline + detail),
entry form (all fields), settings. Nothing personal is involved: the sample text is fixed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

PASSPHRASE = "correct horse battery"
SAMPLES = [
    {
        "occurred_at": "2026-01-29T15:03:00+01:00",
        "channel": "wechat",
        "caller_number": "+86 991 555 0123",
        "claimed_identity": "ئۈرۈمچى جامائەت خەۋپسىزلىك ئىدارىسى",
        "demands": ["inform", "documents"],
        "threats": ["relatives"],
        "narrative": "ئۇلار ماڭا تېلېفون قىلىپ، تۇغقانلىرىمغا زىيان يەتكۈزىمىز دەپ تەھدىت سالدى.",
    },
    {
        "occurred_at": "2026-02-03T09:15:00+01:00",
        "channel": "relative",
        "claimed_identity": "派出所",
        "demands": ["return"],
        "threats": ["detention"],
        "narrative": "他们说要见面，并要求我提供护照和住址。",
    },
]


def _wait(app, condition, limit: int = 3000) -> None:
    from PySide6.QtCore import QThread

    for _ in range(limit):
        app.processEvents()
        if condition():
            return
        QThread.msleep(5)  # a tool, not a test: a plain poll is fine here


def shoot(app, out: Path, lang: str, vault_dir: Path) -> list[Path]:
    from tr_journal.gui import qt_language as qt
    from tr_journal.gui.main_window import MainWindow
    from tr_journal.vault import KdfParams

    qt.apply_language(app, lang)
    window = MainWindow(vault_dir, kdf=KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1))
    window.resize(1366, 768)
    window.show()
    saved = []

    def grab(name: str, widget=None) -> None:
        _wait(app, lambda: not window.tasks.busy)
        for _ in range(20):
            app.processEvents()
        path = out / f"{lang}-{name}.png"
        (widget or window).grab().save(str(path))
        saved.append(path)

    grab("1-unlock")
    window.unlock_screen.secret.setText(PASSPHRASE)
    window.unlock_screen.submit()
    _wait(app, lambda: window.vault is not None)
    _wait(app, lambda: not window.tasks.busy)
    window.timeline.table.selectRow(0)
    grab("2-journal")
    window.new_entry()
    if hasattr(window.form, "more_button"):
        window.form.more_button.setChecked(True)
    grab("3-form")
    from tr_journal.gui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.vault, window.tasks, window.lock_controller, window)
    dialog.show()
    grab("4-settings", dialog)
    dialog.close()
    window.tasks.cancel_all()
    window.tasks.wait_all()
    window.lock()
    window.close()
    return saved


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from tr_journal.journal import entries
    from tr_journal.vault import KdfParams, Vault

    out = Path(argv[0]) if argv else Path("screenshots/out/i18n")
    langs = argv[1:] or ["ug", "fr", "zh_CN", "tr", "en"]
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["tr-journal"])
    with tempfile.TemporaryDirectory() as tmp:
        vault_dir = Path(tmp) / "vault"
        vault, _recovery = Vault.create(
            vault_dir, PASSPHRASE, KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1)
        )
        with vault.transaction() as tx:
            for raw in SAMPLES:
                entries.add_entry(tx, raw)
        vault.close()
        for lang in langs:
            for path in shoot(app, out, lang, vault_dir):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
