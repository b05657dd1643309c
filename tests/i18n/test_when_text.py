"""Incident times in words, only as precise as they were given: never an invented 00:00."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tr_journal.i18n import format as fmt
from tr_journal.i18n.format import strip_isolates
from tr_journal.i18n.when_text import echo_text
from tr_journal.journal.when import parse_when


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def shown(stored: str, code: str) -> str:
    return strip_isolates(fmt.format_incident_time(stored, code))


@pytest.mark.parametrize(
    ("stored", "code", "expected"),
    [
        ("2026-03-02", "en", "March 2, 2026 (date only)"),
        ("2026-03-02", "fr", "2 mars 2026 (date seulement)"),
        ("2026-03", "fr", "mars 2026 (mois seulement)"),
        ("2026", "tr", "2026 (yalnızca yıl)"),
        ("2026-03-02~", "en", "about March 2, 2026 (date only)"),
        ("2026-03-02~", "fr", "vers 2 mars 2026 (date seulement)"),
        ("2026-03?", "en", "March 2026 (month only), uncertain"),
        ("2026-03-02/2026-03-04", "fr", "2–4 mars 2026 (dates seulement)"),
        (
            "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
            "fr",
            "4 mars 2026, 20:00\u2009–\u200922:00",
        ),
        ("2026-03-04T20:00+01:00/2026-03-04T22:00+01:00", "zh_CN", "2026年3月4日 20:00–22:00"),
        ("2026-03-02T21:40+01:00", "fr", "2 mars 2026, 21:40"),
    ],
)
def test_shown_as_precise_as_given(stored: str, code: str, expected: str) -> None:
    assert shown(stored, code) == expected


@pytest.mark.parametrize("code", ["en", "fr", "ug", "zh_CN", "tr"])
@pytest.mark.parametrize(
    "stored", ["2026-03-02", "2026-03", "2026-03-02~", "2026-03?", "2026-03-02/2026-03-04", "2026"]
)
def test_no_invented_midnight(stored: str, code: str) -> None:
    text = shown(stored, code)
    assert "00:00" not in text and "12:00" not in text and "AM" not in text
    assert stored == "2026" or stored not in text  # words, not the code


def test_sorted_by_earliest_instant_whatever_the_precision() -> None:
    stored = ["2026-03-02T09:00+01:00", "2026-03", "2026-03-02", "2026-02-28/2026-03-05"]
    assert sorted(stored, key=fmt.utc_instant) == [
        "2026-02-28/2026-03-05",
        "2026-03",
        "2026-03-02",
        "2026-03-02T09:00+01:00",
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "Saturday, December 5, 2026, 9:40\u202fPM, Paris Time"),
        ("fr", "samedi 5 décembre 2026, 21:40, heure : Paris"),
        ("tr", "5 Aralık 2026 Cumartesi 21:40, Paris Saati"),
        ("zh_CN", "2026年12月5日星期六 21:40，巴黎时间"),
    ],
)
def test_echo_says_it_in_full_with_the_zone(code: str, expected: str) -> None:
    occurrence = parse_when("2026-12-05 21:40", "Europe/Paris")
    assert strip_isolates(echo_text(occurrence, code)) == expected


def test_uyghur_echo_is_isolated_right_to_left() -> None:
    text = echo_text(parse_when("2026-03-02", "Europe/Paris"), "ug")
    assert text.startswith(fmt.RLI) and text.endswith(fmt.PDI)
    assert "دۈشەنبە" in text  # Monday


def test_an_offset_without_zone_is_named_as_an_offset() -> None:
    occurrence = parse_when("2026-03-02T21:40+08:00")
    assert strip_isolates(echo_text(occurrence, "en")).endswith("UTC+08:00")
