"""--duration as people say it (docs/record-format.md): one reader, shown as "9 min"."""

from __future__ import annotations

import pytest

from tr_journal.errors import InvalidInput
from tr_journal.i18n.format import format_duration_words
from tr_journal.journal.duration import parse_duration


@pytest.mark.parametrize(
    "text", ["540", "9:00", "9m", "9 min", "00:09:00", "0:09:00", "9m0s", " 9M "]
)
def test_nine_minutes_in_every_form(text: str) -> None:
    assert parse_duration(text) == 540


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1h02m", 3720), ("1h02", 3720), ("1h", 3600), ("30s", 30), ("1:02:03", 3723), ("0", 0)],
)
def test_other_forms(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "nine", "9:75", "1:60:00", "-5", "9x", "1.5h", "999999999"])
def test_refused_with_a_sentence(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_duration(text)
    assert "is not a duration" in caught.value.english()


@pytest.mark.parametrize(
    ("code", "words"), [("en", "9 min"), ("fr", "9 min"), ("tr", "9 dk."), ("zh_CN", "9分钟")]
)
def test_shown_with_its_unit(code: str, words: str) -> None:
    assert format_duration_words(parse_duration("9:00"), code).replace("\xa0", " ") == words
