"""Rules of the code's shape that a reviewer would otherwise have to remember.

SQL lives only in ``tr_journal.store``; neither the desktop app nor the command line opens a
transaction itself (the services decide what commits together).
import-linter checks the import layers (pyproject.toml).
"""

from __future__ import annotations

import re
from pathlib import Path

import tr_journal

SRC = Path(tr_journal.__file__).resolve().parent
SQL = re.compile(
    r"\.execute(many|script)?\(|[\"'](SELECT|INSERT|UPDATE|DELETE|PRAGMA|BEGIN|COMMIT|"
    r"ROLLBACK|VACUUM|ATTACH|CREATE)\b"
)


def _modules(under: Path) -> list[Path]:
    return sorted(p for p in under.rglob("*.py") if "__pycache__" not in p.parts)


def test_sql_only_in_the_store() -> None:
    found = [
        f"{path.relative_to(SRC)}:{n}"
        for path in _modules(SRC)
        if path.parent.name != "store" or path.parent.parent != SRC
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if SQL.search(line)
    ]
    assert found == []


def test_gui_opens_no_transaction() -> None:
    found = [
        f"{path.relative_to(SRC)}:{n}"
        for path in _modules(SRC / "gui")
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if ".transaction(" in line or ".reading(" in line
    ]
    assert found == []


def test_cli_opens_no_transaction() -> None:
    """The command line calls the same service functions as the app; it never holds the vault's
    transaction, read lock or connection itself (no module of cli/ needs to)."""
    opens = re.compile(r"\.(transaction|reading)\(|\.conn\b")
    found = [
        f"{path.relative_to(SRC)}:{n}"
        for path in _modules(SRC / "cli")
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if opens.search(line)
    ]
    assert found == []


def test_test_media_are_in_the_repository_as_listed() -> None:
    """The suite runs the same with or without the shared folder beside the repository."""
    import hashlib

    from tests.helpers import FIXTURE_SHA256, FIXTURES, REPO

    assert FIXTURES.is_relative_to(REPO) and len(FIXTURE_SHA256) == 9
    for name, digest in FIXTURE_SHA256.items():
        assert hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest() == digest, name
