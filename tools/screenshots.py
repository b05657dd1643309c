"""Screenshots of every screen of the real app, for review (``screenshots/out/*.png``).

Run under Xvfb for real window-manager-free X11 rendering (popups and dialogs included)::

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py

or anywhere with ``QT_QPA_PLATFORM=offscreen`` (each window is grabbed with ``QWidget.grab()``).
Another language: ``TR_JOURNAL_LANG=ug ... tools/screenshots.py --out screenshots/out/ug``;
``--only NAME`` runs the screens whose function name contains NAME (state is built as needed).
The vault is a throw-away one in a temporary folder with invented entries and the shared test
media. To add screens (dialogs, languages), write ``def screen_xxx(ctx: Context) -> None`` that
brings the app to a state and calls ``ctx.shot("name", widget)``, and append it to ``SCREENS``;
``ctx.ensure_unlocked()`` / ``ctx.window`` / ``ctx.entry_ids`` give the state to start from.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from tr_journal.crypto.kdf import KdfParams  # noqa: E402

FIXTURES = REPO / "tests" / "data" / "media"
PASSPHRASE = "cinnamon lantern orbit meadow"
WIDTH, HEIGHT = 1366, 768
CHEAP_KDF = KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1)


@dataclass
class Context:
    app: QApplication
    window: object
    out: Path
    entry_ids: list[str] = field(default_factory=list)
    taken: list[Path] = field(default_factory=list)

    def wait(self, ms: int = 150) -> None:
        """Let the event loop run (layouts, queued task results, repaints)."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_until(self, predicate: Callable[[], bool], timeout_ms: int = 20_000) -> None:
        waited = 0
        while not predicate():
            if waited > timeout_ms:
                raise TimeoutError("the app did not reach the expected state")
            self.wait(50)
            waited += 50

    def idle(self) -> None:
        self.wait_until(lambda: not self.window.tasks.busy)
        self.wait(200)

    def shot(self, name: str, widget: QWidget | None = None) -> Path:
        """Save the whole screen (X11) or the widget's window (offscreen) as ``name.png``."""
        self.wait(250)
        path = self.out / f"{name}.png"
        target = (widget or self.window).window()
        if QGuiApplication.platformName() == "xcb":
            pixmap = QGuiApplication.primaryScreen().grabWindow(0)
        else:
            pixmap = target.grab()
        pixmap.save(str(path), "PNG")
        self.taken.append(path)
        print(f"  {path}")
        return path

    def ensure_unlocked(self) -> None:
        window = self.window
        if window.vault is None and window.pages.currentWidget() is window.create_screen:
            screen = window.create_screen
            screen.first.setText(PASSPHRASE)
            screen.second.setText(PASSPHRASE)
            screen.submit()
            self.wait_until(lambda: screen.pages.currentIndex() == 1)
            screen.written.setChecked(True)
            screen.finish()
            self.idle()
        if window.vault is None:
            window.unlock_screen.secret.setText(PASSPHRASE)
            window.unlock_screen.submit()
            self.wait_until(lambda: window.vault is not None)
            self.idle()
        populate(self)


# -- screens -------------------------------------------------------------------------------
def screen_create(ctx: Context) -> None:
    screen = ctx.window.create_screen
    screen.first.setText("password1")
    ctx.shot("01-create-weak-passphrase")
    screen.first.setText(PASSPHRASE)
    screen.second.setText(PASSPHRASE)
    ctx.shot("02-create-strong-passphrase")
    screen.submit()
    ctx.wait_until(lambda: screen.pages.currentIndex() == 1)
    ctx.shot("03-recovery-key")
    screen.written.setChecked(True)
    screen.finish()
    ctx.idle()
    ctx.shot("04-main-empty")


def screen_entries(ctx: Context) -> None:
    ctx.ensure_unlocked()
    populate(ctx)
    window = ctx.window
    window.timeline.refresh(select=ctx.entry_ids[0])
    ctx.idle()
    ctx.shot("05-main-with-entries")


def screen_search(ctx: Context) -> None:
    ctx.ensure_unlocked()
    timeline = ctx.window.timeline
    timeline.search.setText("护照")
    timeline.has_recording.setChecked(False)
    timeline.refresh()
    ctx.idle()
    ctx.shot("06-search")
    timeline.search.setText("")
    timeline.refresh()
    ctx.idle()


def screen_form(ctx: Context) -> None:
    ctx.ensure_unlocked()
    window = ctx.window
    window.new_entry()
    form = window.form
    form.lines["caller_number"].setText("+86 991 555 0199")
    form.lines["claimed_identity"].setText("Police, Kashgar")
    form.demands.set_values(["documents", "photos_location"])
    form.narrative.setPlainText("He asked for a copy of my residence card.")
    ctx.shot("07-entry-form")
    form.more_button.setChecked(True)
    ctx.shot("08-entry-form-more-details")
    form.more_button.setChecked(False)
    form.set_fields({}, None)
    form._dirty = False
    window.right.setCurrentWidget(window.detail)


def screen_history(ctx: Context) -> None:
    ctx.ensure_unlocked()
    window = ctx.window
    entry_id = ctx.entry_ids[0]
    window.edit_entry(entry_id)
    ctx.wait_until(
        lambda: (
            window.form.isEnabled()
            and window.form.public_id == entry_id
            and bool(window.form.narrative.toPlainText())
        )
    )
    window.form.narrative.appendPlainText("Later: he called again from the same number.")
    window.form.save()
    ctx.wait_until(lambda: window.right.currentWidget() is window.detail)
    ctx.idle()
    window.detail.tabs.setCurrentIndex(1)
    ctx.shot("09-history")
    window.detail.history.setCurrentRow(1)
    ctx.shot("10-history-older-revision")
    window.detail.history.setCurrentRow(0)


def screen_attachments(ctx: Context) -> None:
    ctx.ensure_unlocked()
    window = ctx.window
    window.timeline.refresh(select=ctx.entry_ids[0])
    ctx.idle()
    detail = window.detail
    detail.tabs.setCurrentIndex(0)
    panel = detail.attachments
    for row, name in (
        (0, "11-attachment-audio"),
        (1, "12-attachment-image"),
        (2, "13-attachment-document"),
    ):
        if row < panel.list.count():
            panel.list.setCurrentRow(row)
            ctx.idle()
            ctx.shot(name)


def screen_locked(ctx: Context) -> None:
    ctx.ensure_unlocked()
    ctx.window.lock_controller.lock_now()
    ctx.idle()
    ctx.shot("14-locked")
    screen = ctx.window.unlock_screen
    screen.secret.setText("wrong words")
    screen.submit()
    ctx.wait_until(lambda: screen.message.isVisible())
    ctx.shot("15-wrong-passphrase")
    screen.secret.clear()


def screen_menus(ctx: Context) -> None:
    """Each menu of the menu bar opened under its title (texts, keys and their direction)."""
    ctx.ensure_unlocked()
    window = ctx.window
    bar = window.menuBar()
    for number, action in enumerate(bar.actions(), start=1):
        menu = action.menu()
        geometry = bar.actionGeometry(action)
        corner = geometry.bottomRight() if window.isRightToLeft() else geometry.bottomLeft()
        menu.popup(bar.mapToGlobal(corner))
        ctx.wait_until(menu.isVisible)
        ctx.shot(f"16-menu-{number}", menu if QGuiApplication.platformName() != "xcb" else None)
        menu.close()


#: Screens in order; each brings the app to its state. Add yours here (see module docstring).
SCREENS: list[Callable[[Context], None]] = [
    screen_create,
    screen_entries,
    screen_search,
    screen_form,
    screen_history,
    screen_attachments,
    screen_menus,
    screen_locked,
]
SCREENS += __import__("screenshots_dialogs").app_screens()  # export, verify, settings dialogs


def populate(ctx: Context) -> None:
    """Invented but realistic entries, in several scripts, with real test media."""
    if ctx.entry_ids:
        return
    from tr_journal.journal import entries
    from tr_journal.media.ingest import add_attachment

    rows = [
        {
            "occurred_at": "2026-01-12T20:15",
            "channel": "wechat",
            "caller_account": "wxid_k8s",
            "claimed_identity": "a relative in Ghulja (relayed)",
            "demands": ["return"],
            "threats": ["cut_contact"],
            "narrative": "我姐姐说他们要我回去。 ئاچام قايتىپ كېلىشىمنى ئېيتتى.",
        },
        {
            "occurred_at": "2026-01-29T15:03",
            "channel": "phone",
            "direction": "incoming",
            "caller_number": "+86 991 555 0142",
            "duration_seconds": 540,
            "claimed_identity": "Public security bureau, Urumqi",
            "demands": ["inform", "documents"],
            "threats": ["relatives", "detention"],
            "narrative": "Il m'a demandé les noms des membres de l'association "
            "et mon passeport (护照).",
        },
        {
            "occurred_at": "2026-02-03T09:40",
            "channel": "letter",
            "claimed_identity": "Consulate",
            "demands": ["meeting"],
            "threats": ["status"],
            "narrative": "Convocation au consulat.",
        },
        {
            "occurred_at": "2026-02-18T22:05",
            "channel": "voicemail",
            "caller_number": "+33 6 12 34 56 78",
            "demands": ["delete_posts", "stop_activism"],
            "narrative": "Voicemail asking me to delete my posts about the camps.",
        },
    ]
    window = ctx.window
    with window.vault.transaction() as tx:
        ids = [entries.add_entry(tx, raw) for raw in rows]
    media = [
        ("call-fr.m4a", ids[1]),
        ("wechat-police-demand.png", ids[1]),
        ("letter-summons.pdf", ids[1]),
        ("wechat-relative-relay.jpg", ids[0]),
        ("letter-summons.pdf", ids[2]),
        ("call-en.mp3", ids[3]),
    ]
    for name, entry_id in media:
        if (FIXTURES / name).exists():
            with window.vault.transaction() as tx:
                add_attachment(tx, entry_id, FIXTURES / name)
    ctx.entry_ids = [ids[1], ids[0], ids[2], ids[3]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots" / "out")
    parser.add_argument("--only", help="run only screens whose function name contains this")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TR_JOURNAL_LANG", "en")
    from tr_journal.gui.app import apply_language, make_application
    from tr_journal.gui.main_window import MainWindow
    from tr_journal.gui.widgets.file_dialogs import forget_qt_settings

    apply_language(os.environ.get("TR_JOURNAL_LANG"))
    app = make_application()
    forget_qt_settings()
    workdir = Path(tempfile.mkdtemp(prefix="tr-journal-shots-"))
    window = MainWindow(workdir / "vault", kdf=CHEAP_KDF)
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint, QGuiApplication.platformName() == "xcb")
    window.setGeometry(0, 0, WIDTH, HEIGHT)
    window.show()
    ctx = Context(app, window, args.out)
    failures = 0
    try:
        for screen in SCREENS:
            if args.only and args.only not in screen.__name__:
                continue
            print(screen.__name__)
            try:
                screen(ctx)
            except Exception:
                failures += 1
                traceback.print_exc()
    finally:
        window.lock()
        window.tasks.wait_all()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{len(ctx.taken)} screenshots in {args.out}, {failures} screen(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
