"""The time reader: every form people and EDTF write, in several languages, and its refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tr_journal.errors import InvalidInput
from tr_journal.journal.when import Precision, UnreadableTime, bound_utc, parse_when

#: Saturday 5 December 2026, 18:00 in Paris (UTC+01:00), 23:00 in Ürümqi (UTC+06:00).
NOW = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
PARIS = "Europe/Paris"


def read(text: str, zone: str | None = PARIS, language: str = "en"):
    return parse_when(text, zone, now=NOW, language=language)


@pytest.mark.parametrize(
    ("typed", "language", "stored"),
    [
        ("21:40", "en", "2026-12-05T21:40+01:00"),
        ("21h40", "fr", "2026-12-05T21:40+01:00"),
        ("21h", "fr", "2026-12-05T21:00+01:00"),
        ("9:40 pm", "en", "2026-12-05T21:40+01:00"),
        ("21:40:15", "en", "2026-12-05T21:40:15+01:00"),
        ("yesterday 21:40", "en", "2026-12-04T21:40+01:00"),
        ("hier 21:40", "fr", "2026-12-04T21:40+01:00"),
        ("Hier, 21h40", "fr", "2026-12-04T21:40+01:00"),
        ("avant-hier 8:05", "fr", "2026-12-03T08:05+01:00"),
        ("dün 21:40", "tr", "2026-12-04T21:40+01:00"),
        ("昨天21:40", "zh_CN", "2026-12-04T21:40+01:00"),
        ("昨天 21:40", "zh_CN", "2026-12-04T21:40+01:00"),
        ("تۈنۈگۈن 21:40", "ug", "2026-12-04T21:40+01:00"),
        ("21:40 yesterday", "en", "2026-12-04T21:40+01:00"),
        ("today 08:00", "en", "2026-12-05T08:00+01:00"),
        ("aujourd’hui 08:00", "fr", "2026-12-05T08:00+01:00"),
        ("bugün 08:00", "tr", "2026-12-05T08:00+01:00"),
        ("2026-12-05 21:40", "en", "2026-12-05T21:40+01:00"),
        ("2026/12/05 21:40", "zh_CN", "2026-12-05T21:40+01:00"),
        ("5/12 21h40", "fr", "2026-12-05T21:40+01:00"),  # fr: day/month
        ("5.12.2026 21:40", "tr", "2026-12-05T21:40+01:00"),  # tr: day.month.year
        ("12/5 9:40 PM", "en", "2026-12-05T21:40+01:00"),  # en_US: month/day
        ("5/12", "fr", "2026-12-05"),
        ("5/12/26", "fr", "2026-12-05"),
        ("yesterday", "en", "2026-12-04"),
        ("hier", "fr", "2026-12-04"),
        ("2026-07-01 09:00", "en", "2026-07-01T09:00+02:00"),  # summer offset of the zone
    ],
)
def test_typed_forms(typed: str, language: str, stored: str) -> None:
    assert read(typed, language=language).text == stored


def test_day_and_month_order_follow_the_language() -> None:
    assert read("5/12", language="fr").text == "2026-12-05"
    assert read("5/12", language="en").text == "2026-05-12"
    assert read("5/12", language="zh_CN").text == "2026-05-12"  # y/M/d: month first


def test_2140_is_never_what_2140_hours_becomes() -> None:
    occurrence = read("21:40")
    assert occurrence.start.start.year == 2026
    assert occurrence.precision is Precision.MINUTE


def test_today_is_the_zones_today() -> None:
    """At 01:00 on the 6th in Ürümqi (20:00 on the 5th in Paris), "21:40" is the 6th there."""
    later = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)
    assert parse_when("21:40", "Asia/Urumqi", now=later).text == "2026-12-06T21:40+06:00"
    assert parse_when("yesterday", "Asia/Urumqi", now=later).text == "2026-12-05"
    assert parse_when("21:40", PARIS, now=later).text == "2026-12-05T21:40+01:00"


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        (
            "2026-03-02T21:40+01:00",
            Precision.MINUTE,
            "2026-03-02T20:40:00Z",
            "2026-03-02T20:40:59Z",
        ),
        (
            "2026-03-02T21:40:05+01:00",
            Precision.SECOND,
            "2026-03-02T20:40:05Z",
            "2026-03-02T20:40:05Z",
        ),
        ("2026-03-02T20:40Z", Precision.MINUTE, "2026-03-02T20:40:00Z", "2026-03-02T20:40:59Z"),
        ("2026-03-02", Precision.DAY, "2026-03-01T23:00:00Z", "2026-03-02T22:59:59Z"),
        ("2026-03", Precision.MONTH, "2026-02-28T23:00:00Z", "2026-03-31T21:59:59Z"),
        ("2026", Precision.YEAR, "2025-12-31T23:00:00Z", "2026-12-31T22:59:59Z"),
        ("2026-03-02~", Precision.DAY, "2026-03-01T23:00:00Z", "2026-03-02T22:59:59Z"),
        ("2026-03?", Precision.MONTH, "2026-02-28T23:00:00Z", "2026-03-31T21:59:59Z"),
        ("2026-03-02/2026-03-04", Precision.DAY, "2026-03-01T23:00:00Z", "2026-03-04T22:59:59Z"),
        (
            "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
            Precision.MINUTE,
            "2026-03-04T19:00:00Z",
            "2026-03-04T21:00:59Z",
        ),
    ],
)
def test_edtf_and_iso_forms_are_stored_exactly(
    text: str, precision: Precision, earliest: str, latest: str
) -> None:
    occurrence = read(text, zone=None if text.endswith("Z") else PARIS)
    assert occurrence.text == text
    assert occurrence.precision is precision
    assert (occurrence.earliest_utc, occurrence.latest_utc) == (earliest, latest)


def test_qualifiers() -> None:
    about = read("2026-03-02~")
    assert about.approximate and not about.uncertain
    perhaps = read("2026-03?")
    assert perhaps.uncertain and not perhaps.approximate
    both = read("2026-03-02%")
    assert both.uncertain and both.approximate
    assert not read("2026-03-02").approximate


def test_a_time_without_offset_gets_the_zones_and_the_zone_is_kept() -> None:
    occurrence = read("2026-03-02T21:40", zone="Asia/Urumqi")
    assert occurrence.text == "2026-03-02T21:40+06:00"
    assert occurrence.zone == "Asia/Urumqi"
    assert read("2026-03-02T21:40+01:00", zone=None).zone is None  # only the offset is known


def test_old_stored_values_read_back_byte_identical() -> None:
    """Vaults made before this reader hold full ISO date-times with seconds."""
    for old in (
        "2026-01-29T15:03:00+01:00",
        "2026-07-01T09:00:00+02:00",
        "2026-01-29T15:03:00.250000+01:00",
    ):
        assert read(old).text == old
    assert read("2026-01-29T15:03:00+01:00").earliest_utc == "2026-01-29T14:03:00Z"


def test_an_offset_that_disagrees_with_the_zone_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        read("2026-03-02T21:40+01:00", zone="Asia/Shanghai")
    message = str(caught.value)
    assert "+01:00" in message and "Asia/Shanghai" in message and "+08:00" in message
    with pytest.raises(InvalidInput):  # Paris is +02:00 in July, not +01:00
        read("2026-07-02T21:40+01:00", zone=PARIS)
    with pytest.raises(InvalidInput):  # each end of an interval is checked
        read("2026-03-04T20:00+01:00/2026-03-04T22:00+08:00", zone=PARIS)
    assert read("2026-07-02T21:40+02:00", zone=PARIS).text == "2026-07-02T21:40+02:00"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "21",
        "2140h",
        "25:00",
        "21:60",
        "yesterday evening",
        "hier soir",
        "tomorrow",
        "2026-02-29",
        "2026-13",
        "2026-21",
        "2026-03-XX",
        "../2026-03",
        "2026-03/..",
        "/2026-03",
        "Y170000002",
        "31/31",
        "2026-03-02T21:40+01:00~",
        "2026-03-02T25:40",
        "5/12 21:40 22:00",
        "next week",
        "2026-03-02 21:40 PST",
    ],
)
def test_unreadable_input_is_refused_in_one_sentence(text: str) -> None:
    with pytest.raises(UnreadableTime) as caught:
        read(text)
    message = str(caught.value)
    assert message.count(".") >= 1 and "\n" not in message
    assert "21:40" in message  # it says what it can read


def test_a_reversed_interval_is_refused() -> None:
    with pytest.raises(InvalidInput, match="ends before it begins"):
        read("2026-03-04/2026-03-02")
    with pytest.raises(InvalidInput, match="ends before it begins"):
        read("2026-03-04T22:00+01:00/2026-03-04T20:00+01:00")


def test_stored_reading_does_not_take_typed_forms() -> None:
    with pytest.raises(UnreadableTime):
        parse_when("21:40", PARIS, typed=False)
    assert parse_when("2026-03-02", PARIS, typed=False).text == "2026-03-02"


def test_filter_bounds_use_earliest_and_latest() -> None:
    assert bound_utc("2026-03", end=False) < bound_utc("2026-03-31T23:00", end=False)
    assert bound_utc("2026-03", end=True) > bound_utc("2026-03-31T23:00", end=False)
    assert bound_utc(None, end=True) is None


def test_occurrence_is_frozen() -> None:
    occurrence = read("2026-03-02")
    with pytest.raises(AttributeError):
        occurrence.text = "2027-01-01"  # type: ignore[misc]


def test_a_time_the_clocks_skipped_is_refused() -> None:
    """Paris put its clocks from 02:00 to 03:00 on 29 March 2026: 02:30 never happened there."""
    with pytest.raises(InvalidInput, match="did not exist"):
        read("2026-03-29 02:30")
    assert read("2026-03-29 03:30").text == "2026-03-29T03:30+02:00"
    assert read("2026-10-25 02:30").text == "2026-10-25T02:30+02:00"  # twice: the first


def test_an_offset_typed_after_a_space_names_no_zone() -> None:
    """``2026-03-02 21:40+01:00`` gives the offset, not the machine's zone: recording the
    machine's zone (Asia/Shanghai, say) would contradict the offset and refuse the next edit."""
    occurrence = read("2026-03-02 21:40+01:00", zone=None)
    assert occurrence.text == "2026-03-02T21:40+01:00" and occurrence.zone is None


def test_the_chinese_short_date_is_read() -> None:
    """zh_CN writes 2 March 2026 as 2026/3/2 (one-digit day): the reader takes it, and a
    one-digit year after a day and month is refused, not read as the year 2."""
    assert read("2026/3/2", language="zh_CN").text == "2026-03-02"
    assert read("2026/3/2 21:40", language="zh_CN").text == "2026-03-02T21:40+01:00"
    with pytest.raises(UnreadableTime):
        read("2/3/2", language="fr")
