"""The Time stamps window: counts, write a request, import a reply, and the online mode that
stays hidden until its setting is on (real Qt offscreen, real local TSA)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.stamps.conftest import Authorities
from tr_journal.gui.dialogs.stamps_dialog import StampsDialog
from tr_journal.gui.tasks import TaskRunner
from tr_journal.i18n.format import strip_isolates
from tr_journal.journal.entries import add_entry
from tr_journal.settings import load_settings
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, vault: Vault, tmp_path: Path, monkeypatch) -> Iterator[StampsDialog]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    with vault.transaction() as tx:
        add_entry(tx, {"occurred_at": "2026-03-01T10:00:00+01:00", "narrative": "a call"})
    tasks = TaskRunner()
    dlg = StampsDialog(vault, tasks)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.state is not None)
    yield dlg
    tasks.cancel_all()
    tasks.wait_all()


def _pick(monkeypatch, method: str, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, method, staticmethod(lambda *a, **k: (str(path), "")))


def test_request_then_import(
    qtbot, dialog: StampsDialog, tmp_path: Path, monkeypatch, authorities: Authorities
) -> None:
    assert "not yet covered by a time stamp: 1" in dialog.status_label.text()
    assert not dialog.guide.isVisible() and not dialog.send_button.isVisible()
    tsq = tmp_path / "journal.tsq"
    _pick(monkeypatch, "getSaveFileName", tsq)
    dialog.write_button.click()
    qtbot.waitUntil(lambda: dialog.guide.isVisible(), timeout=10_000)
    assert tsq.is_file() and "https://freetsa.org/tsr" in dialog.guide.toPlainText()
    assert 'choose "Import a reply…"' in dialog.guide.toPlainText()
    qtbot.waitUntil(lambda: "waiting for a reply: 1" in dialog.status_label.text())
    tsr = authorities.ca.reply(tsq, tmp_path / "journal-freetsa.tsr", authorities.tsa)
    _pick(monkeypatch, "getOpenFileName", tsr)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == 1, timeout=10_000)
    said = strip_isolates(dialog.status.text())
    assert "Time stamp S0001 recorded" in said
    assert "Warning" in said  # no root chosen: the fingerprint to compare
    assert dialog.table.topLevelItem(0).text(4) == "unknown root"
    assert "not yet covered by a time stamp: 0" in dialog.status_label.text()
    # a reply that does not match is refused in one sentence, nothing recorded
    (tmp_path / "bad.tsr").write_bytes(b"nonsense")
    _pick(monkeypatch, "getOpenFileName", tmp_path / "bad.tsr")
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "refused" in dialog.status.text(), timeout=10_000)
    assert dialog.table.topLevelItemCount() == 1


def test_online_mode_is_off_until_allowed(
    qtbot, dialog: StampsDialog, http_tsa: str, authorities: Authorities, tmp_path: Path
) -> None:
    assert load_settings().online_stamps is False
    assert not dialog.url_edit.isVisible() and not dialog.send_button.isVisible()
    sys.modules.pop("tr_journal.evidence.tsa_send", None)
    dialog.send_request()  # not allowed: nothing happens, the network module stays unloaded
    assert "tr_journal.evidence.tsa_send" not in sys.modules
    dialog.online_box.setChecked(True)
    assert load_settings().online_stamps is True
    assert dialog.url_edit.isVisible() and dialog.send_button.isVisible()
    dialog.url_edit.setText(http_tsa)
    dialog.ca_edit.setText(str(authorities.ca.root.cert))
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == 1, timeout=20_000)
    assert dialog.table.topLevelItem(0).text(4) == "root you chose"
    dialog.online_box.setChecked(False)
    assert load_settings().online_stamps is False and not dialog.send_button.isVisible()
