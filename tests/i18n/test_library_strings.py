"""Library sentences shown to users are in our catalogs, byte-identical to the library's."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file

from tr_journal.i18n import translations_for
from tr_journal.i18n.zxcvbn_strings import ZXCVBN_FEEDBACK


def test_zxcvbn_feedback_is_listed_exactly() -> None:
    import zxcvbn.feedback

    source = Path(zxcvbn.feedback.__file__)
    theirs = {
        msg for _l, msg, _c, _x in extract_from_file("python", str(source), keywords={"_": None})
    }
    assert theirs and theirs <= set(ZXCVBN_FEEDBACK)


def test_zxcvbn_reasons_reach_the_user_translated() -> None:
    import zxcvbn

    feedback = zxcvbn.zxcvbn("password")["feedback"]
    reasons = [feedback["warning"], *feedback["suggestions"]]
    french = translations_for("fr").gettext
    assert all(french(r) != r for r in reasons if r)


def test_argparse_strings_are_listed_exactly() -> None:
    import argparse

    from tr_journal.i18n.argparse_strings import ARGPARSE_STRINGS

    source = Path(argparse.__file__)
    theirs = {
        msg for _l, msg, _c, _x in extract_from_file("python", str(source), keywords={"_": None})
    }
    assert set(ARGPARSE_STRINGS) <= theirs


def test_cli_usage_errors_in_uyghur_and_chinese() -> None:
    from tests.helpers import run_cli

    missing = run_cli("export", env={"TR_JOURNAL_LANG": "ug"})
    assert missing.returncode == 2
    assert "تۆۋەندىكى پارامېتىرلار چوقۇم بېرىلىشى كېرەك: --out" in missing.stderr
    wrong = run_cli("add", "--channel", "fax", env={"TR_JOURNAL_LANG": "zh_CN"})
    assert "参数 --channel：无效的选择：'fax'" in wrong.stderr
    helped = run_cli("--help", env={"TR_JOURNAL_LANG": "tr"})
    assert "bu yardım iletisini göster ve çık" in helped.stdout
    assert "show this help" not in helped.stdout
