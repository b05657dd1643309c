#!/usr/bin/env python3
"""Screenshots of the export wizard, verify dialog and settings dialog, for a human to look at.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_dialogs.py [OUT_DIR] [--lang ug]

Builds a throw-away demo vault (cheap KDF, made-up entries) in a temporary folder, points the
settings file there too, and saves one PNG per screen and state into OUT_DIR (default
``screenshots/dialogs``). Each dialog is shown at its own default size, which must fit a
1366×768 screen; the script says so when one does not. ``SCREENS`` lists the functions, so the
main screenshot script can import and run them as well.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

SCREEN_W, SCREEN_H = 1366, 768
REPO = Path(__file__).resolve().parent.parent
DEMO_ENTRIES = [
    {
        "occurred_at": "2026-09-14T18:42:00+02:00",
        "channel": "phone",
        "caller_number": "+86 991 555 0142",
        "claimed_identity": "Public security bureau, Urumqi",
        "demands": ["inform"],
        "threats": ["relatives"],
        "narrative": "He asked for the names of people at the association meeting.",
    },
    {
        "occurred_at": "2026-10-02T09:15:00+02:00",
        "channel": "wechat",
        "caller_account": "wxid_demo",
        "claimed_identity": "ئۇرۇمچى ساقچى ئىدارىسى",
        "narrative": "ئاپامنىڭ ئاۋازىنى ئاڭلاتتى",
    },
    {
        "occurred_at": "2026-11-20T21:03:00+01:00",
        "channel": "relative",
        "claimed_identity": "社区干部",
        "demands": ["return"],
        "narrative": "通过我哥哥传话",
    },
]


class Shooter:
    def __init__(self, out: Path, suffix: str) -> None:
        self.out, self.suffix, self.saved = out, suffix, []

    def grab(self, widget, name: str) -> None:
        wait(lambda: True)
        size = widget.size()
        if size.width() > SCREEN_W or size.height() > SCREEN_H:
            print(
                f"WARNING {name}: {size.width()}x{size.height()} does not fit {SCREEN_W}x{SCREEN_H}"
            )
        path = self.out / f"{name}{self.suffix}.png"
        widget.grab().save(str(path))
        self.saved.append(path)
        print(path)


def wait(predicate: Callable[[], bool], timeout_s: float = 60) -> None:
    """Run the event loop in 20 ms slices until ``predicate`` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    waited = 0.0
    while not predicate():
        if waited > timeout_s:
            raise TimeoutError("screen did not settle")
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
        waited += 0.02


def make_demo_vault(root: Path):
    from tr_journal.crypto.kdf import KdfParams
    from tr_journal.journal.entries import add_entry
    from tr_journal.vault import Vault

    vault, _key = Vault.create(
        root / "vault",
        "demo passphrase for screenshots",
        KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1),
    )
    with vault.transaction() as tx:
        for raw in DEMO_ENTRIES:
            add_entry(tx, raw)
    return vault


def shoot_export(
    shot: Shooter, vault, tasks, root: Path, parent=None, preselected: list[str] | None = None
) -> None:
    from tr_journal.gui.dialogs.export_wizard import ExportWizard

    wizard = ExportWizard(vault, tasks, parent, preselected_ids=preselected or ["E0001", "E0003"])
    wizard.show()
    wait(lambda: wizard.selection_page.loaded)
    shot.grab(wizard, "export-1-selection")
    wizard.next()
    shot.grab(wizard, "export-2-language")
    wizard.next()
    wizard.destination_page.path_edit.setText(str(root / "TRJ-2026-11-26.zip"))
    shot.grab(wizard, "export-3-destination")
    wizard.next()
    wait(lambda: wizard.task is None)
    shot.grab(wizard, "export-4-done")
    wizard.close()


def shoot_verify(shot: Shooter, tasks, root: Path, parent=None) -> None:
    from tr_journal.gui.dialogs.verify_dialog import VerifyDialog

    bundle = root / "TRJ-2026-11-26.zip"
    dialog = VerifyDialog(tasks, parent)
    dialog.show()
    shot.grab(dialog, "verify-1-empty")
    dialog.path_edit.setText(str(bundle))
    dialog.start()
    wait(lambda: dialog.task is None)
    shot.grab(dialog, "verify-2-valid")
    tampered = root / "tampered.zip"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("entries.json"):
                data = data.replace(b"association", b"associatiOn")
            dst.writestr(info, data)
    dialog.path_edit.setText(str(tampered))
    dialog.fp_edit.setText("SHA256:" + "x" * 43)
    dialog.start()
    wait(lambda: dialog.task is None)
    shot.grab(dialog, "verify-3-not-valid")
    dialog.close()


def shoot_settings(shot: Shooter, vault, tasks, parent=None, lock=None) -> None:
    from tr_journal.gui.dialogs.settings_dialog import SettingsDialog
    from tr_journal.gui.widgets.recovery_key_view import RecoveryKeyDialog

    dialog = SettingsDialog(vault, tasks, lock, parent)
    dialog.show()
    wait(lambda: dialog.key_card.task is None)
    for index, name in enumerate(("general", "passphrase", "key", "backup")):
        dialog.tabs.setCurrentIndex(index)
        if name == "passphrase":
            dialog.passphrase.new.setText("password1")
        shot.grab(dialog, f"settings-{index + 1}-{name}")
    dialog.close()
    key = RecoveryKeyDialog("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFGH", parent)
    key.show()
    shot.grab(key, "settings-5-recovery-key")
    key.written.setChecked(True)
    key.accept()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(REPO / "screenshots" / "dialogs"))
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="trj-shots-") as tmp:
        root = Path(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(root / "config")
        from PySide6.QtWidgets import QApplication

        from tr_journal.gui.dialogs.settings_dialog import apply_language
        from tr_journal.gui.tasks import TaskRunner
        from tr_journal.gui.widgets.file_dialogs import forget_qt_settings

        app = QApplication.instance() or QApplication(sys.argv[:1])
        forget_qt_settings()
        apply_language(args.lang)
        shot = Shooter(out, "" if args.lang == "en" else f"-{args.lang}")
        vault, tasks = make_demo_vault(root), TaskRunner()
        try:
            for screen in SCREENS:
                screen(shot, vault, tasks, root)
        finally:
            tasks.wait_all()
            vault.close()
        del app
    return 0


def app_screens() -> list[Callable[[object], None]]:
    """Screens for ``tools/screenshots.py``: the dialogs over the real main window."""

    def screen_dialogs(ctx) -> None:  # ctx: screenshots.Context
        ctx.ensure_unlocked()
        populate = getattr(sys.modules.get("__main__"), "populate", None)
        if populate is not None:  # the demo entries of tools/screenshots.py
            populate(ctx)
        window, root = ctx.window, Path(tempfile.mkdtemp(prefix="trj-shots-export-"))
        shot = Shooter(ctx.out, "")
        shot.grab = lambda widget, name: ctx.shot(f"30-{name}", widget)  # type: ignore
        shoot_export(shot, window.vault, window.tasks, root, window, ctx.entry_ids[:2] or None)
        shoot_verify(shot, window.tasks, root, window)
        shoot_settings(shot, window.vault, window.tasks, window, window.lock_controller)

    return [screen_dialogs]


SCREENS: list[Callable[..., None]] = [
    lambda shot, vault, tasks, root: shoot_export(shot, vault, tasks, root),
    lambda shot, vault, tasks, root: shoot_verify(shot, tasks, root),
    lambda shot, vault, tasks, root: shoot_settings(shot, vault, tasks),
]

if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main())
