"""The dossier states a date as a date, an approximate time as approximate and an interval as
a range: never an invented midnight."""

from __future__ import annotations

import html
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tr_journal.domain import ExportSelection
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.report_dates import short_date, when_text
from tr_journal.journal import entries
from tr_journal.vault import Vault


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("stored", "code", "expected"),
    [
        ("2026-03-02", "fr", "2 mars 2026 (date seulement)"),
        ("2026-03", "en", "March 2026 (month only)"),
        ("2026-03-02~", "en", "about March 2, 2026 (date only)"),
        ("2026-03?", "fr", "mars 2026 (mois seulement), incertain"),
        ("2026-03-02/2026-03-04", "en", "Mar 2\u2009–\u20094, 2026 (dates only)"),
        (
            "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
            "fr",
            "4 mars 2026, 20:00\u2009–\u200922:00 (UTC+01:00)",
        ),
    ],
)
def test_when_text_as_precise_as_given(stored: str, code: str, expected: str) -> None:
    assert when_text(stored, code) == expected
    assert "00:00" not in short_date(stored, code)


def test_dossier_of_mixed_precisions(vault: Vault, tmp_path: Path) -> None:
    with vault.transaction() as tx:
        entries.add_entry(tx, {"occurred_at": "2026-03-02", "channel": "phone"})
        entries.add_entry(tx, {"occurred_at": "2026-03-03~", "channel": "phone"})
        entries.add_entry(
            tx, {"occurred_at": "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00", "channel": "phone"}
        )
    result = export_bundle(vault, tmp_path / "b.zip", ExportSelection())
    with zipfile.ZipFile(result.path) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("report/report.html")]
        page = html.unescape(archive.read(name).decode())
    assert "March 2, 2026 (date only)" in page
    assert "about March 3, 2026 (date only)" in page
    assert "March 4, 2026, 8:00\u2009–\u200910:00\u202fPM" in page
    assert "12:00" not in page and "00:00" not in page.replace("+01:00", "")
