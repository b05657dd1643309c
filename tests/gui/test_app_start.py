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
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split(maxsplit=1)
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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert out.strip() == "False"
