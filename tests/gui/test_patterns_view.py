"""The patterns window: loads off the UI thread, and every figure clicks through to its entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.helpers import PASSPHRASE
from tr_journal.gui.main_window import MainWindow
from tr_journal.gui.widgets.patterns_view import PatternsWindow
from tr_journal.journal.entries import add_entry
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui


def _fill(vault: Vault) -> None:
    with vault.transaction() as conn:
        for month in range(1, 7):
            add_entry(
                conn,
                {
                    "occurred_at": f"2025-{month:02d}-10T10:00+00:00",
                    "channel": "phone",
                    "caller_number": "+33612345678",
                    "demands": ["money"],
                    "threats": ["relatives"] if month > 3 else [],
                    "response": "I refused." if month == 3 else "",
                },
            )
        add_entry(
            conn,
            {
                "occurred_at": "2025-02-11T10:00+00:00",
                "channel": "wechat",
                "caller_account": "wxid_x",
                "demands": ["meeting"],
                "threats": ["detention"],
            },
        )


def _ids(window: PatternsWindow) -> list[str]:
    return [
        window.found.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.found.count())
    ]


def test_figures_click_through_to_their_entries(qtbot, vault: Vault) -> None:
    from tr_journal.gui.tasks import TaskRunner

    _fill(vault)
    runner = TaskRunner()
    window = PatternsWindow(vault, runner)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    qtbot.waitUntil(
        lambda: window.loaded is not None and window.chart_data is not None, timeout=10_000
    )
    report = window.loaded.report
    assert window.callers.rowCount() == 2 and report.callers[0].entries == 6
    assert "+33612345678" in window.callers.item(0, 0).text()
    assert report.escalation.first_threat_after_utc.startswith("2025-04-10")
    assert window.chart.series.markers  # the escalation is drawn
    window._caller_clicked(0, 0)
    qtbot.waitUntil(lambda: window.found.count() == 6, timeout=10_000)
    assert set(_ids(window)) == {"E0001", "E0002", "E0003", "E0004", "E0005", "E0006"}
    # the bar of February, channel wechat: one entry
    feb = window.chart.series.periods.index("2025-02")
    bar = next(b for b in window.chart._bars if b.period_index == feb and b.layer_key == "wechat")
    window.chart.bar_clicked.emit(bar)
    qtbot.waitUntil(lambda: _ids(window) == ["E0007"], timeout=10_000)
    demands, threats = window._matrix_keys
    window._cell_clicked(demands.index("money"), threats.index("relatives"))
    qtbot.waitUntil(lambda: len(_ids(window)) == 3, timeout=10_000)
    with qtbot.waitSignal(window.entry_requested) as shown:
        window.found.itemActivated.emit(window.found.item(0))
    assert shown.args == ["E0006"]
    window.granularity.setCurrentIndex(0)  # per week: counted again
    qtbot.waitUntil(lambda: window.chart_data.granularity == "week", timeout=10_000)
    assert sum(sum(layer.counts) for layer in window.chart.series.layers) == 7
    runner.wait_all()


def test_main_window_opens_it_and_lock_closes_it(qtbot, vault_dir: Path) -> None:
    main = MainWindow(vault_dir)
    qtbot.addWidget(main)
    main.open_vault(Vault.open(vault_dir, PASSPHRASE))
    main.action_patterns.trigger()
    window = main.findChild(PatternsWindow)
    assert window is not None and window.isVisible()
    qtbot.waitUntil(lambda: window.loaded is not None, timeout=10_000)
    main.lock()
    qtbot.waitUntil(lambda: main.findChild(PatternsWindow) is None, timeout=5_000)


def test_escape_closes_the_patterns_window(qtbot, vault: Vault) -> None:
    """Like every dialog of the app, the patterns window closes with Escape (from any widget
    in it, including the chart, which handles keys of its own)."""
    from tr_journal.gui.tasks import TaskRunner

    window = PatternsWindow(vault, TaskRunner())
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    for widget in (window.chart, window.range):
        window.show()
        qtbot.waitExposed(window)
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=2_000)


def test_escape_closes_the_other_tool_windows(qtbot, vault: Vault) -> None:
    """The time-stamps and import dialogs are QDialogs: Escape rejects them (kept so by test)."""
    from tr_journal.gui.dialogs.import_dialog import ImportDialog
    from tr_journal.gui.dialogs.stamps_dialog import StampsDialog
    from tr_journal.gui.tasks import TaskRunner

    tasks = TaskRunner()
    for make in (lambda: StampsDialog(vault, tasks), lambda: ImportDialog(vault, tasks)):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=2_000)


def test_months_and_contacts_are_the_declared_dates(
    qtbot, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date-only 1 December in Paris (30 November 23:00 UTC) is a December bar, and the
    caller's first contact reads as the date declared (docs/patterns.md)."""
    from tr_journal.gui.tasks import TaskRunner
    from tr_journal.i18n.format import format_incident_time

    monkeypatch.setenv("TZ", "Europe/Paris")
    with vault.transaction() as conn:
        add_entry(
            conn,
            {
                "occurred_at": "2026-12-01",
                "timezone": "Europe/Paris",
                "caller_number": "+33612345678",
            },
        )
        add_entry(
            conn,
            {
                "occurred_at": "2027-01-01T00:30",
                "timezone": "Europe/Paris",
                "caller_number": "+33612345678",
                "response": "I refused.",
            },
        )
        add_entry(
            conn,
            {
                "occurred_at": "2027-02-01T00:30",
                "timezone": "Europe/Paris",
                "caller_number": "+33612345678",
                "threats": ["relatives"],
            },
        )
    window = PatternsWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.reload()
    qtbot.waitUntil(
        lambda: window.loaded is not None and window.chart_data is not None, timeout=10_000
    )
    assert window.chart.series.periods == ("2026-12", "2027-01", "2027-02")
    assert [m.period_index for m in window.chart.series.markers] == [2]
    assert window.callers.item(0, 3).text() == format_incident_time("2026-12-01")
    assert window.callers.item(0, 4).text() == format_incident_time("2027-02-01T00:30+01:00")
    assert "2027" in window.escalation.text() and "2026" not in window.escalation.text()
    window.grab().save("/tmp/dd_patterns.png")


def test_the_patterns_window_follows_a_language_change(qtbot, qapp, vault: Vault) -> None:
    """Switching the interface language in the settings retranslates an open patterns window,
    like every other window (its titles, choices and column headers)."""
    from tr_journal.gui import qt_language as qt
    from tr_journal.gui.tasks import TaskRunner
    from tr_journal.i18n import translations_for

    window = PatternsWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    french = translations_for("fr")
    try:
        qt.apply_language(qapp, "fr")
        qtbot.waitUntil(lambda: window.windowTitle() == french.gettext("Patterns"), timeout=5_000)
        assert window.callers.horizontalHeaderItem(1).text() == french.gettext("Entries")
        assert window.granularity.itemText(0) == french.gettext("week")
        assert window.windowTitle() != "Patterns"
    finally:
        qt.apply_language(qapp, "en")
    qtbot.waitUntil(lambda: window.windowTitle() == "Patterns", timeout=5_000)
