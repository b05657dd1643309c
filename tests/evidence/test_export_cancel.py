"""Cancel works at every step of an export and leaves no file, no event, no thread, no noise.

Each test cancels at the 1st, 2nd, 3rd... check of ``cancelled()`` until an export runs to
the end, so every cancellation point is exercised: before and after the report is rendered,
between zip members, per chunk of an original, before the commit.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tr_journal.domain import ExportSelection
from tr_journal.errors import Cancelled
from tr_journal.evidence import report
from tr_journal.evidence.export import ExportResult, export_bundle
from tr_journal.evidence.pipeline import ChunkPrefetch, TrailingHasher
from tr_journal.evidence.verify import verify_bundle
from tr_journal.journal.chain import all_events
from tr_journal.journal.entries import add_entry
from tr_journal.media.ingest import add_attachment
from tr_journal.vault import Vault

HELPERS = ("export-reader", "export-hasher")


def _helpers_alive() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name in HELPERS]


def _cancel_everywhere(
    vault: Vault, out: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> tuple[int, set[str]]:
    """Cancel at check 1, 2, 3... until an export completes; return the number of checks and
    what had happened when cancels struck (``report`` rendered, ``bytes`` written)."""
    rendered: list[bool] = []
    real_render = report.render_report

    def spy(
        data: report.ReportData, cancelled: Callable[[], bool] | None = None
    ) -> tuple[bytes, bytes]:
        rendered.append(True)
        return real_render(data, cancelled)

    monkeypatch.setattr(report, "render_report", spy)
    with vault.reading() as conn:
        before = all_events(conn)
    phases: set[str] = set()
    for limit in range(200):
        calls, written = [0], [0]
        rendered.clear()

        def cancelled(limit: int = limit, calls: list[int] = calls) -> bool:
            calls[0] += 1
            return calls[0] > limit

        def progress(done: int, total: int, written: list[int] = written) -> None:
            written[0] = done

        result = _export_noting_unraisable(vault, out, progress, cancelled)
        # The exception is gone by now: whatever it kept alive has been collected.
        captured = capfd.readouterr()
        assert "Exception ignored" not in captured.err and "seek" not in captured.err
        if result is not None:
            assert verify_bundle(result.path).valid
            return limit, phases
        if rendered and not written[0]:
            phases.add("report")
        if written[0]:
            phases.add("bytes")
        assert list(out.parent.iterdir()) == [], limit
        with vault.reading() as conn:
            assert all_events(conn) == before, limit
        assert _helpers_alive() == []
    raise AssertionError("the export never completed")


def _export_noting_unraisable(
    vault: Vault, out: Path, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
) -> ExportResult | None:
    """Export; None if cancelled. Fails on anything Python reports as "Exception ignored"
    (pytest would otherwise turn it into a warning): the hook is ours for the whole attempt,
    garbage collection included."""
    unraisable: list[str] = []
    hook = sys.unraisablehook
    sys.unraisablehook = lambda u: unraisable.append(f"{u.object!r}: {u.exc_value!r}")
    try:
        try:
            return export_bundle(
                vault, out, ExportSelection(), progress=progress, cancelled=cancelled
            )
        except Cancelled:
            return None
        finally:
            gc.collect()
    finally:
        gc.collect()
        sys.unraisablehook = hook
        assert unraisable == []


def test_cancel_without_attachments(
    vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    recwarn: pytest.WarningsRecorder,
) -> None:
    with vault.transaction() as tx:
        add_entry(tx, {"occurred_at": "2026-01-29T15:03:00+01:00", "channel": "phone"})
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    checks, phases = _cancel_everywhere(vault, out, monkeypatch, capfd)
    assert phases == {"report", "bytes"}
    assert checks >= 13  # start, around the report, after each of the 11 members, commit
    assert not [w for w in recwarn if issubclass(w.category, ResourceWarning)]


def test_cancel_with_an_original(
    vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    recwarn: pytest.WarningsRecorder,
) -> None:
    media = tmp_path / "call.m4a"
    media.write_bytes(os.urandom((2 << 20) + 123))  # three chunks
    with vault.transaction() as tx:
        entry = add_entry(tx, {"occurred_at": "2026-01-29T15:03:00+01:00"})
        add_attachment(tx, entry, media)
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    checks, phases = _cancel_everywhere(vault, out, monkeypatch, capfd)
    assert phases == {"report", "bytes"} and checks >= 13 + 3
    assert not [w for w in recwarn if issubclass(w.category, ResourceWarning)]


def test_trailing_hasher_sees_rewritten_headers(tmp_path: Path) -> None:
    """Bytes rewritten before ``advance`` (zipfile's header rewrite) are hashed as final."""
    path = tmp_path / "f"
    with open(path, "w+b") as handle:
        hasher = TrailingHasher(handle.fileno())
        for n in range(5):
            start = handle.tell()
            handle.write(b"H" * 30 + os.urandom(300_000 + n))
            handle.seek(start)
            handle.write(b"h" * 30)  # the real header, written after the data
            handle.seek(0, os.SEEK_END)
            handle.flush()
            hasher.advance(handle.tell())
        handle.write(b"central directory")
        handle.flush()
        digest = hasher.finish(handle.tell())
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert _helpers_alive() == []


def test_prefetch_stops_when_the_consumer_does(vault: Vault, tmp_path: Path) -> None:
    media = tmp_path / "big.bin"
    media.write_bytes(os.urandom(12 << 20))
    with vault.transaction() as tx:
        entry = add_entry(tx, {"occurred_at": "2026-01-29T15:03:00+01:00"})
        add_attachment(tx, entry, media)
    with vault.reading() as conn:
        rowid = conn.execute("SELECT id FROM attachments").fetchone()[0]
    reader = ChunkPrefetch(vault, rowid, 12)
    first = next(iter(reader))
    assert first == media.read_bytes()[: len(first)]
    reader.close()
    assert _helpers_alive() == []
    with vault.transaction() as tx:  # the lock is free again
        add_entry(tx, {"occurred_at": "2026-01-30T15:03:00+01:00"})


@pytest.mark.parametrize("at", [1, 3, 8, 15])
def test_ctrl_c_cleans_up_like_cancel(vault: Vault, tmp_path: Path, at: int) -> None:
    """Ctrl+C in the command line arrives as KeyboardInterrupt wherever the main thread is;
    raised from a check (before the report, in the zip, in an original), it must clean up
    exactly like a cancel: helper threads joined, temp file gone, no event."""
    media = tmp_path / "call.m4a"
    media.write_bytes(os.urandom((2 << 20) + 5))
    with vault.transaction() as tx:
        entry = add_entry(tx, {"occurred_at": "2026-01-29T15:03:00+01:00"})
        add_attachment(tx, entry, media)
    with vault.reading() as conn:
        before = all_events(conn)
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    calls = [0]

    def interrupt() -> bool:
        calls[0] += 1
        if calls[0] == at:
            raise KeyboardInterrupt
        return False

    with pytest.raises(KeyboardInterrupt):
        export_bundle(vault, out, ExportSelection(), cancelled=interrupt)
    assert list(out.parent.iterdir()) == [] and _helpers_alive() == []
    with vault.reading() as conn:
        assert all_events(conn) == before
