"""The packaging recipes point at files that exist, so a build does not fail half-way (or, worse,
succeed without the icon or the entry point). Building itself: test_frozen_build.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tr_journal import APP_ID, __version__

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "pyinstaller" / "tr-journal.spec"
ISS = REPO / "packaging" / "windows" / "tr-journal.iss"


def test_spec_is_valid_python() -> None:
    ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def test_spec_references_existing_files() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert '"packaging" / "pyinstaller" / "entry.py"' in text
    assert (REPO / "packaging" / "pyinstaller" / "entry.py").is_file()
    assert (REPO / "src" / "tr_journal" / "__init__.py").is_file()
    assert 'ICONS = ROOT / "resources" / "icons"' in text
    for suffix in ("ico", "icns"):
        assert f'ICONS / f"{{APP_ID}}.{suffix}"' in text
        assert (REPO / "resources" / "icons" / f"{APP_ID}.{suffix}").is_file()
    assert f'APP_ID = "{APP_ID}"' in text


def test_entry_point_runs_the_cli() -> None:
    tree = ast.parse((REPO / "packaging" / "pyinstaller" / "entry.py").read_text())
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert any(node.module == "tr_journal.cli" for node in imports)


def test_build_scripts_are_executable() -> None:
    for name in ("build_linux.sh", "smoke_test.sh"):
        path = REPO / "packaging" / name
        assert path.stat().st_mode & 0o111, f"{name} must be executable"


def test_inno_setup_script_matches_the_app() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert f'#define AppVersion "{__version__}"' in text, "bump the version in tr-journal.iss"
    assert f'#define AppUserModelId "{APP_ID}"' in text
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.M)
    assert icon is not None
    assert (ISS.parent / icon.group(1).strip().replace("\\", "/")).resolve().is_file()
    # the windowed executable the shortcuts start is the one the spec builds on Windows
    assert "tr-journal-gui.exe" in text
    assert 'f"{NAME}-gui"' in SPEC.read_text(encoding="utf-8")
