"""The verify dialog on real bundles: valid, pinned, tampered, folder, garbage, cancel."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from tr_journal.domain import ExportSelection
from tr_journal.evidence.export import export_bundle
from tr_journal.gui.dialogs.verify_dialog import VerifyDialog
from tr_journal.gui.tasks import TaskRunner
from tr_journal.journal.entries import add_entry
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui


@pytest.fixture
def bundle(vault: Vault, tmp_path: Path) -> tuple[Path, str]:
    with vault.transaction() as tx:
        add_entry(
            tx,
            {
                "occurred_at": "2026-03-01T10:00:00+01:00",
                "channel": "wechat",
                "narrative": "they asked about my cousin",
            },
        )
    result = export_bundle(vault, tmp_path / "bundle.zip", ExportSelection())
    return result.path, result.fingerprint


@pytest.fixture
def dialog(qtbot) -> VerifyDialog:
    tasks = TaskRunner()
    dlg = VerifyDialog(tasks)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    tasks.cancel_all()
    tasks.wait_all()


def verify(qtbot, dlg: VerifyDialog, path: Path, pin: str = "") -> None:
    dlg.path_edit.setText(str(path))
    dlg.fp_edit.setText(pin)
    dlg.verify_button.click()
    qtbot.waitUntil(lambda: dlg.task is None, timeout=30_000)


def failed_checks(dlg: VerifyDialog) -> list[str]:
    return [c.check for c in dlg.verdict.checks if c.failed]


def test_valid_bundle_shows_valid_and_every_check(
    qtbot, dialog: VerifyDialog, bundle: tuple[Path, str]
) -> None:
    path, fingerprint = bundle
    verify(qtbot, dialog, path, fingerprint)
    assert dialog.verdict.valid and dialog.verdict.signer_confirmed
    assert dialog.verdict_label.isVisible() and "VALID" in dialog.verdict_label.text()
    assert "NOT" not in dialog.verdict_label.text()
    assert "#1b5e20" in dialog.verdict_label.styleSheet()
    assert fingerprint in dialog.summary.text()
    assert dialog.checks.topLevelItemCount() == len(dialog.verdict.checks) >= 9
    assert all(
        "passed" in dialog.checks.topLevelItem(i).text(0)
        for i in range(dialog.checks.topLevelItemCount())
    )


def test_without_the_key_card_the_author_is_unproven(
    qtbot, dialog: VerifyDialog, bundle: tuple[Path, str]
) -> None:
    """No fingerprint typed: never green, never "VALID"; the key check is shown as not done."""
    path, fingerprint = bundle
    verify(qtbot, dialog, path)
    assert dialog.verdict.valid and not dialog.verdict.signer_confirmed
    label = dialog.verdict_label.text()
    assert "UNPROVEN" in label and "VALID" not in label
    assert "#1b5e20" not in dialog.verdict_label.styleSheet()
    assert fingerprint in dialog.summary.text() and "key card" in dialog.summary.text()
    rows = {
        dialog.checks.topLevelItem(i).text(1): dialog.checks.topLevelItem(i).text(0)
        for i in range(dialog.checks.topLevelItemCount())
    }
    assert "not done" in rows["Signing key compared with the key card"]
    dialog.grab().save("/tmp/verify-unproven.png")


def test_pinned_fingerprint_right_and_wrong(
    qtbot, dialog: VerifyDialog, bundle: tuple[Path, str]
) -> None:
    path, fingerprint = bundle
    verify(qtbot, dialog, path, fingerprint)
    assert dialog.verdict.signer_confirmed and "unproven" not in dialog.summary.text()
    verify(qtbot, dialog, path, "SHA256:" + "A" * 43)
    assert not dialog.verdict.valid
    assert failed_checks(dialog) == ["fingerprint-pin"]
    assert "NOT VALID" in dialog.verdict_label.text()
    assert "#b00020" in dialog.verdict_label.styleSheet()


def test_tampered_bundle_is_not_valid(
    qtbot, dialog: VerifyDialog, bundle: tuple[Path, str], tmp_path: Path
) -> None:
    path, _fp = bundle
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("journal/entries.json"):
                data = data.replace(b"cousin", b"cousine")
            dst.writestr(info, data)
    verify(qtbot, dialog, tampered)
    assert not dialog.verdict.valid
    assert "payload-manifest" in failed_checks(dialog)
    assert "NOT VALID" in dialog.verdict_label.text()
    failed_rows = [
        dialog.checks.topLevelItem(i)
        for i in range(dialog.checks.topLevelItemCount())
        if "FAILED" in dialog.checks.topLevelItem(i).text(0)
    ]
    assert failed_rows and all(row.text(2) for row in failed_rows)  # details are shown


def test_extracted_folder_chosen_with_qt_dialog(
    qtbot, monkeypatch, dialog: VerifyDialog, bundle: tuple[Path, str], tmp_path: Path
) -> None:
    path, _fp = bundle
    out = tmp_path / "extracted"
    with zipfile.ZipFile(path) as src:
        src.extractall(out)
    top = next(out.iterdir())
    seen = {}

    def fake_dir(parent, caption, start, options=None):
        seen["options"] = options
        return str(top)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(fake_dir))
    dialog.folder_button.click()
    assert seen["options"] & QFileDialog.Option.DontUseNativeDialog
    assert dialog.path_edit.text() == str(top)
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.verdict is not None, timeout=30_000)
    assert dialog.verdict.valid


def test_not_a_bundle_is_not_valid_in_one_sentence(
    qtbot, dialog: VerifyDialog, tmp_path: Path
) -> None:
    junk = tmp_path / "photo.zip"
    junk.write_bytes(b"this is not a zip at all")
    verify(qtbot, dialog, junk)
    assert "NOT VALID" in dialog.verdict_label.text()
    assert "Traceback" not in dialog.summary.text()


def test_cancel_before_it_runs(qtbot, dialog: VerifyDialog, bundle: tuple[Path, str]) -> None:
    path, _fp = bundle
    gate = threading.Event()
    dialog.tasks.run("blocker", lambda _p, _c: gate.wait(30))
    dialog.path_edit.setText(str(path))
    dialog.verify_button.click()
    assert not dialog.path_edit.isEnabled() and dialog.cancel_button.isVisible()
    dialog.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)
    # The verifier checks the flag between files; a tiny bundle may finish first.
    assert dialog.verdict is not None or "cancelled" in dialog.status.text().lower()
    assert dialog.path_edit.isEnabled()


def test_every_control_is_named(dialog: VerifyDialog) -> None:
    for widget in dialog.findChildren(QWidget):
        if widget.focusPolicy() != 0 and widget.isVisible() and widget.isEnabled():
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            assert name, f"{type(widget).__name__} has no accessible name"


def test_drop_a_zip_verifies_it(qtbot, dialog: VerifyDialog, bundle: tuple[Path, str]) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    path, _fp = bundle
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(event)
    assert dialog.path_edit.text() == str(path)
    qtbot.waitUntil(lambda: dialog.verdict is not None, timeout=30_000)
    assert dialog.verdict.valid


def test_details_and_their_tooltips_are_in_the_interface_language(
    qtbot, dialog: VerifyDialog, bundle: tuple[Path, str]
) -> None:
    from tr_journal import i18n

    path, _fp = bundle
    previous = i18n.current_language()
    try:
        i18n.set_language("fr")
        verify(qtbot, dialog, path, "SHA256:" + "A" * 43)  # a wrong pin: one failed check
        [row] = [
            dialog.checks.topLevelItem(i)
            for i in range(dialog.checks.topLevelItemCount())
            if "✘" in dialog.checks.topLevelItem(i).text(0)
        ]
        [check] = [c for c in dialog.verdict.checks if c.failed]
        assert row.text(2) == check.text() != check.detail  # French, not the English detail
        assert row.toolTip(2) == f"<p>{row.text(2)}</p>"
    finally:
        i18n.set_language(previous)
