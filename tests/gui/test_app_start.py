"""Process hardening and start-up choices of ``gui.app`` (run in a child process where global)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tr_journal.gui.app import choose_vault_dir

CHECK = """
import ctypes, resource
from tr_journal.gui.app import disable_core_dumps
ok = disable_core_dumps()
libc = ctypes.CDLL(None)
print(ok, resource.getrlimit(resource.RLIMIT_CORE), libc.prctl(3, 0, 0, 0, 0))
"""


def test_core_dumps_are_disabled() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split(maxsplit=1)
    assert out[0] == "True"
    assert out[1].strip() == "(0, 0) 0"  # RLIMIT_CORE 0, PR_GET_DUMPABLE 0


def test_vault_dir_order(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("TR_JOURNAL_VAULT", raising=False)
    assert choose_vault_dir(str(tmp_path / "a")) == tmp_path / "a"
    monkeypatch.setenv("TR_JOURNAL_VAULT", str(tmp_path / "b"))
    assert choose_vault_dir(None) == tmp_path / "b"
    assert choose_vault_dir(str(tmp_path / "a")) == tmp_path / "a"


def test_gui_cmd_imports_qt_only_when_run() -> None:
    code = "import sys, tr_journal.cli, tr_journal.cli.gui_cmd; print('PySide6' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "False"


RUN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
def check():
    window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
    page = type(window.pages.currentWidget()).__name__
    print(window.windowTitle(), page, window.lock_controller.timeout_minutes)
    app.quit()
QTimer.singleShot(0, check)
from tr_journal.gui.app import run
sys.exit(run(sys.argv[1]))
"""


def test_run_shows_the_create_page_then_exits_cleanly(tmp_path: Path) -> None:
    env = {
        **__import__("os").environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(tmp_path / "vault")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["tr-journal", "CreateVaultScreen", "5.0"]
    assert not (tmp_path / "vault").exists()  # nothing is created before the person acts
    assert "Traceback" not in done.stderr
