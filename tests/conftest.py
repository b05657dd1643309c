"""Shared fixtures: one cheap-KDF template vault, copied fresh for every test.

Argon2 is real but at the smallest parameters a header may carry (64 MiB, t=1, p=1), so a test
unlocks in well under 0.1 s. Vault creation happens once per session.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import CHEAP_KDF, FIXTURES, PASSPHRASE
from tr_journal.vault import Vault


def pytest_configure(config: pytest.Config) -> None:
    """Make the process's one Qt application a QApplication before any test runs.

    Services that render PDFs create an offscreen QGuiApplication when none exists; if such a
    test ran first, every later widget test would abort ("Must construct a QApplication").
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        config._tr_journal_qapp = QApplication(["tr-journal-tests"])  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A fresh empty vault made once; returns (folder, recovery key)."""
    folder = tmp_path_factory.mktemp("template") / "vault"
    vault, recovery = Vault.create(folder, PASSPHRASE, CHEAP_KDF)
    vault.close()
    return folder, recovery


@pytest.fixture
def vault_dir(template_vault: tuple[Path, str], tmp_path: Path) -> Path:
    target = tmp_path / "vault"
    shutil.copytree(template_vault[0], target)
    return target


@pytest.fixture
def recovery_key(template_vault: tuple[Path, str]) -> str:
    return template_vault[1]


@pytest.fixture
def vault(vault_dir: Path) -> Iterator[Vault]:
    opened = Vault.open(vault_dir, PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
