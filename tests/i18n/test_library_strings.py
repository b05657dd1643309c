"""Library sentences shown to users are in our catalogs, byte-identical to the library's."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file

from tr_journal.i18n import translations_for
from tr_journal.i18n.zxcvbn_strings import ZXCVBN_FEEDBACK


def test_zxcvbn_feedback_is_listed_exactly() -> None:
    import zxcvbn.feedback

    source = Path(zxcvbn.feedback.__file__)
    theirs = {msg for _l, msg, _c, _x in extract_from_file("python", str(source),
                                                             keywords={"_": None})}
    assert theirs and theirs <= set(ZXCVBN_FEEDBACK)


def test_zxcvbn_reasons_reach_the_user_translated() -> None:
    import zxcvbn

    feedback = zxcvbn.zxcvbn("password")["feedback"]
    reasons = [feedback["warning"], *feedback["suggestions"]]
    french = translations_for("fr").gettext
    assert all(french(r) != r for r in reasons if r)
