"""Error sentences and the command line speak the chosen language."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tr_journal import errors
from tr_journal.i18n import catalogs, describe_error, set_language, translations_for

ERROR_CLASSES = [
    cls
    for _, cls in inspect.getmembers(errors, inspect.isclass)
    if issubclass(cls, errors.TrJournalError)
]
DETAIL = "the database failed its integrity check"  # a detail template with a translation


def _instance(cls: type[errors.TrJournalError]) -> errors.TrJournalError:
    params = {name: "X" for name in catalogs.placeholders(cls.template)}
    if "detail" in params:
        params["detail"] = DETAIL
    return cls(**params)


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_every_error_reads_as_a_french_sentence(cls: type[errors.TrJournalError]) -> None:
    error = _instance(cls)
    french = describe_error(error, "fr")
    assert french != error.english()
    assert "{" not in french and french.strip()
    if "{detail}" in cls.template:
        assert "la base de données a échoué au contrôle d'intégrité" in french


def test_describe_error_follows_the_current_language() -> None:
    try:
        set_language("ug")
        assert describe_error(errors.VaultLocked()) == "ساندۇق قۇلۇپلانغان."
        set_language("zh_CN")
        assert describe_error(errors.VaultLocked()) == "保险库已锁定。"
    finally:
        set_language("en")
    assert describe_error(errors.VaultLocked()) == "The vault is locked."


def test_cli_help_and_errors_in_french(tmp_path: Path, passphrase_file: Path) -> None:
    """TR_JOURNAL_LANG=fr: argparse help and the one-sentence error are French."""
    env = {"TR_JOURNAL_LANG": "fr", "LANGUAGE": "en", "LANG": "C.UTF-8"}
    helped = run_cli("--help", env=env)
    assert helped.returncode == 0
    assert "consigner un incident" in helped.stdout
    assert "exporter un lot de preuves signé" in helped.stdout
    missing = tmp_path / "nowhere"
    failed = run_cli(
        "list", "--vault", str(missing), "--passphrase-file", str(passphrase_file), env=env
    )
    assert failed.returncode == errors.EXIT_CORRUPT
    assert failed.stderr.strip().endswith(f"Il n'y a pas de coffre dans {missing}.")
    usage = run_cli("list", env=env, stdin="")
    assert "Aucun terminal pour demander la phrase de passe" in usage.stderr


def test_cli_follows_the_system_language_without_override(
    tmp_path: Path, passphrase_file: Path
) -> None:
    env = {
        "TR_JOURNAL_LANG": "",
        "LANGUAGE": "",
        "LC_ALL": "",
        "LC_MESSAGES": "",
        "LANG": "tr_TR.UTF-8",
    }
    failed = run_cli(
        "list", "--vault", str(tmp_path / "yok"), "--passphrase-file", str(passphrase_file), env=env
    )
    assert failed.stderr.strip().endswith(f"{tmp_path / 'yok'} konumunda kasa yok.")


def test_translations_for_unknown_language_is_english() -> None:
    assert translations_for("xx").gettext("The vault is locked.") == "The vault is locked."
