"""Dates and times in the interface language (Babel), on the incident's own clock."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from babel import Locale

from tr_journal.i18n import format as fmt
from tr_journal.i18n.format import strip_isolates

KNOWN = "2026-11-26T14:30:00+01:00"  # 13:30 UTC


@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the machine's zone for the test (``TZ`` + ``tzset``), restored afterwards."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def test_french_rendering_of_a_known_instant(machine_zone) -> None:
    machine_zone("Europe/Paris")
    assert fmt.format_incident_time(KNOWN, "fr") == "26 nov. 2026, 14:30"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("fr", "26 nov. 2026, 14:30"),
        ("zh_CN", "2026年11月26日 14:30"),
        ("tr", "26 Kas 2026 14:30"),
        ("en", "Nov 26, 2026, 2:30\u202fPM"),
        ("ug", "26-نويابىر، 2026، 14:30"),
    ],
)
def test_each_language(machine_zone, code: str, expected: str) -> None:
    machine_zone("Europe/Paris")
    assert strip_isolates(fmt.format_incident_time(KNOWN, code)) == expected


def test_the_incidents_offset_is_kept_not_converted(machine_zone) -> None:
    """Read in Istanbul (UTC+3), a Paris call still reads 14:30, with its offset."""
    machine_zone("Europe/Istanbul")
    text = fmt.format_incident_time(KNOWN, "fr")
    assert strip_isolates(text) == "26 nov. 2026, 14:30 UTC+01:00"
    assert "\u2066UTC+01:00\u2069" in text  # left to right, also inside Uyghur
    assert (
        strip_isolates(fmt.format_incident_time("2026-11-26T14:30:00-05:30", "tr"))
        == "26 Kas 2026 14:30 UTC-05:30"
    )


def test_machine_instants_are_shown_in_the_machines_zone(machine_zone) -> None:
    machine_zone("Europe/Paris")
    assert fmt.format_local_time("2026-11-26T13:30:00Z", "fr") == "26 nov. 2026, 14:30"


def test_uyghur_dates_stay_right_to_left_in_any_context() -> None:
    assert Locale.parse(fmt.BABEL_LOCALES["ug"]).character_order == "right-to-left"
    text = fmt.format_moment(datetime.fromisoformat(KNOWN), "ug")
    assert text.startswith(fmt.RLI) and text.endswith(fmt.PDI)
    assert not fmt.format_moment(datetime.fromisoformat(KNOWN), "fr").startswith(fmt.RLI)


def test_utc_instant_sorts_in_time_order() -> None:
    times = ["2026-11-26T10:00:00+08:00", "2026-11-26T05:00:00+01:00", KNOWN]
    assert [fmt.utc_instant(t) for t in times] == [
        "2026-11-26T02:00:00Z",
        "2026-11-26T04:00:00Z",
        "2026-11-26T13:30:00Z",
    ]
    assert sorted(times, key=fmt.utc_instant) == times
    assert sorted(times) != times  # the text alone would not


def test_unreadable_times_are_shown_as_stored() -> None:
    assert fmt.format_incident_time("yesterday evening", "fr") == "yesterday evening"
    assert fmt.format_incident_time(None) == ""
    assert fmt.utc_instant("yesterday evening") == "yesterday evening"
