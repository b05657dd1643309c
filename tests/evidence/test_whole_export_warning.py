"""A disclosed entry that carries a whole phone export (``--attach-source``) ships the messages
of the entries the person kept back: the export says so, without refusing (docs/imports.md,
"Attaching the export file itself")."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.evidence.conftest import EPOCH
from tests.helpers import export_time_fixed, sha256_file
from tests.imports import samples
from tr_journal.domain import ExportSelection
from tr_journal.evidence.disclosure import WholeExport, whole_export_warning, whole_exports
from tr_journal.evidence.export import ExportResult, export_bundle
from tr_journal.imports.detect import ReadOptions, read_preview
from tr_journal.imports.service import import_rows, selected_rows
from tr_journal.journal import actions
from tr_journal.vault import Vault

CHAT_NAME = "WhatsApp Chat with +86 139 1234 5678.zip"


def import_chat(vault: Vault, folder: Path, first: str = "E0001") -> Path:
    """A real WhatsApp export of four messages imported as E0001–E0004 (in an empty vault;
    from ``first`` on otherwise), with the export file itself attached to the first; returns
    the export file."""
    chat = samples.whatsapp_zip(
        folder / CHAT_NAME,
        samples.ANDROID_24H_DMY,
        "WhatsApp Chat with +86 139 1234 5678.txt",
        {"PTT-20261205-WA0001.opus": b"OggS-voice" * 50},
    )
    preview = read_preview(chat, "whatsapp", ReadOptions())
    try:
        result = import_rows(vault, preview, selected_rows(preview, None), source_path=chat)
    finally:
        preview.close()
    start = int(first[1:])
    assert result.created == [f"E{n:04d}" for n in range(start, start + 4)]
    assert result.source_attachment == f"{first}-A1"
    return chat


def _export(vault: Vault, out: Path, *shown: str) -> ExportResult:
    with export_time_fixed(EPOCH):
        return export_bundle(vault, out, ExportSelection(entry_ids=shown), lang="en")


def test_disclosing_the_carrier_alone_names_it_and_the_undisclosed_count(
    vault: Vault, tmp_path: Path
) -> None:
    chat = import_chat(vault, tmp_path)
    result = _export(vault, tmp_path / "bundle.zip", "E0001")
    expected = WholeExport("E0001", "E0001-A1", CHAT_NAME, 3)
    assert result.whole_exports == (expected,)
    # what the warning is about: the bundle really holds the whole chat, bit-exact
    with zipfile.ZipFile(result.path) as bundle:
        (member,) = [n for n in bundle.namelist() if n.endswith(CHAT_NAME)]
        (tmp_path / "out.zip").write_bytes(bundle.read(member))
    assert sha256_file(tmp_path / "out.zip") == sha256_file(chat)
    # the wizard asks the same question before exporting, and gets the same answer
    assert whole_exports(vault, ExportSelection(entry_ids=("E0001",))) == (expected,)
    assert whole_export_warning(expected, CHAT_NAME) == (
        f"E0001 carries the whole export '{CHAT_NAME}': it also holds the messages of "
        "3 entries this bundle does not disclose."
    )


def test_disclosing_every_entry_of_the_import_warns_of_nothing(
    vault: Vault, tmp_path: Path
) -> None:
    import_chat(vault, tmp_path)
    result = _export(vault, tmp_path / "bundle.zip", "E0001", "E0002", "E0003", "E0004")
    assert result.whole_exports == ()
    assert whole_exports(vault, ExportSelection()) == ()  # everything, as "All entries"


def test_an_entry_without_the_file_warns_of_nothing(vault: Vault, tmp_path: Path) -> None:
    import_chat(vault, tmp_path)
    assert _export(vault, tmp_path / "bundle.zip", "E0002").whole_exports == ()


def test_a_deleted_undisclosed_entry_does_not_count(vault: Vault, tmp_path: Path) -> None:
    import_chat(vault, tmp_path)
    actions.delete_entry(vault, "E0004")
    result = _export(vault, tmp_path / "one.zip", "E0001")
    assert [w.undisclosed for w in result.whole_exports] == [2]
    shown = ExportSelection(entry_ids=("E0001", "E0002", "E0003"))
    assert whole_exports(vault, shown) == ()
    assert _export(vault, tmp_path / "three.zip", "E0001", "E0002", "E0003").whole_exports == ()


def test_a_date_range_is_checked_like_ticks(vault: Vault, tmp_path: Path) -> None:
    """Three of the chat's messages are of 5 December 2026, the last of the 13th: a range
    over the first week keeps one back, a range over both weeks discloses the whole import."""
    import_chat(vault, tmp_path)
    first_week = ExportSelection(since="2026-12-04", until="2026-12-09")
    assert [w.undisclosed for w in whole_exports(vault, first_week)] == [1]
    both = ExportSelection(since="2026-12-04", until="2026-12-20")
    assert whole_exports(vault, both) == ()
    assert whole_exports(vault, ExportSelection(since="2026-01-01", until="2026-01-02")) == ()
