"""``install.sh`` (shipped inside the built folder) gives a user a working menu entry without root,
and ``--uninstall`` takes everything away again. Run on a stand-in program in a private HOME."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tr_journal import APP_ID

REPO = Path(__file__).resolve().parents[2]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "download" / "tr-journal"
    folder.mkdir(parents=True)
    program = folder / "tr-journal"
    program.write_text("#!/bin/sh\necho 'tr-journal 0.1.0'\n")
    program.chmod(0o755)
    subprocess.run([str(REPO / "packaging" / "linux" / "stage_share.sh"), str(folder)], check=True)
    return folder


def _run(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    return subprocess.run(
        ["sh", str(script), *args], env=env, capture_output=True, text=True, check=False
    )


def test_install_then_uninstall(tmp_path: Path) -> None:
    folder, home = _folder(tmp_path), tmp_path / "home"
    home.mkdir()
    result = _run(folder / "install.sh", home)
    assert result.returncode == 0, result.stderr

    command = home / ".local" / "bin" / "tr-journal"
    assert (
        subprocess.run(
            [str(command), "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        == "tr-journal 0.1.0"
    )
    data = home / ".local" / "share"
    desktop = data / "applications" / f"{APP_ID}.desktop"
    text = desktop.read_text(encoding="utf-8")
    assert f"Exec={command} gui\n" in text and f"TryExec={command}\n" in text
    assert (
        subprocess.run(
            [shutil.which("desktop-file-validate") or "desktop-file-validate", str(desktop)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()

    vault = data / "tr-journal" / "vault"  # the user's data must survive an uninstall
    vault.mkdir(parents=True)
    (vault / "journal.db").write_bytes(b"kept")
    result = _run(folder / "install.sh", home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not command.exists() and not command.is_symlink()
    assert not desktop.exists()
    assert not (home / ".local" / "lib" / "tr-journal").exists()
    assert (vault / "journal.db").read_bytes() == b"kept"


def test_install_refuses_a_folder_without_the_program(tmp_path: Path) -> None:
    folder, home = _folder(tmp_path), tmp_path / "home"
    home.mkdir()
    (folder / "tr-journal").unlink()
    result = _run(folder / "install.sh", home)
    assert result.returncode == 1
    assert "no tr-journal program" in result.stderr
    assert not (home / ".local" / "bin" / "tr-journal").exists()


def test_install_creates_no_user_icon_cache(tmp_path: Path) -> None:
    folder, home = _folder(tmp_path), tmp_path / "home"
    home.mkdir()
    assert _run(folder / "install.sh", home).returncode == 0
    hicolor = home / ".local" / "share" / "icons" / "hicolor"
    assert not (hicolor / "icon-theme.cache").exists()
