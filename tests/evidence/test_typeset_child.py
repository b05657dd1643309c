"""The dossier is typeset in a child process: the caller never loads Typst (its caches would stay
in the app after each export), a cancel kills the child, a refusal or a crash of the child is a
typed error, and the frozen app's hidden entry point gives the same bytes as the module's."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tr_journal.errors import Cancelled, InvalidInput
from tr_journal.evidence import typeset
from tr_journal.evidence.report_doc import Document, Section, document_json, para
from tr_journal.evidence.report_typst import compile_json, compile_pdf

MOMENT = datetime(2026, 5, 28, 20, 26, 40, tzinfo=UTC)


def _document(lines: int = 3) -> Document:
    return Document(
        "fr",
        False,
        "t",
        "TRJ-2026-0001",
        "page {x} / {y}",
        [
            Section(
                [para(f"Ligne {n} — ئۇلار ماڭا تېلېفون قىلدى — 他们说要见面") for n in range(lines)]
            )
        ],
    )


def _env() -> dict[str, str]:
    src = str(Path(typeset.__file__).resolve().parents[2])
    # no empty part: an empty PYTHONPATH entry means the current folder, the very thing the
    # shadowing test checks the child ignores
    parts = [src, *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(parts)}


def test_the_caller_never_loads_typst_and_gets_the_same_bytes() -> None:
    """Run in a fresh interpreter: the PDF comes back through the pipe, identical to what
    Typst makes in-process, and the caller's own process has not imported Typst."""
    script = textwrap.dedent("""
        import sys
        from datetime import UTC, datetime
        from tr_journal.evidence.report_doc import Document, Section, para
        from tr_journal.evidence.report_typst import compile_pdf
        doc = Document("fr", False, "t", "TRJ-2026-0001", "page {x} / {y}",
                       [Section([para("Ligne — ئۇلار — 他们")])])
        pdf = compile_pdf(doc, datetime(2026, 5, 28, 20, 26, 40, tzinfo=UTC))
        assert pdf.startswith(b"%PDF-"), pdf[:20]
        assert "typst" not in sys.modules, "typst was loaded by the caller"
        sys.stdout.buffer.write(pdf)
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=_env(), check=False
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    doc = Document(
        "fr",
        False,
        "t",
        "TRJ-2026-0001",
        "page {x} / {y}",
        [Section([para("Ligne — ئۇلار — 他们")])],
    )
    assert done.stdout == compile_json(document_json(doc), int(MOMENT.timestamp()))


def test_the_frozen_entry_point_typesets_like_the_module() -> None:
    """``<app> __typeset__`` (what a frozen app runs) gives the bytes the module gives."""
    request = typeset.request_bytes(
        document_json(_document()), int(MOMENT.timestamp()), "dossier.typ"
    )
    answers = []
    for argv in (
        ["-m", "tr_journal", typeset.CHILD_ARGUMENT],
        ["-m", "tr_journal.evidence.typeset"],
    ):
        done = subprocess.run(
            [sys.executable, *argv], input=request, capture_output=True, env=_env(), check=False
        )
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        answers.append(done.stdout)
    assert answers[0].startswith(b"%PDF-") and answers[0] == answers[1]


def test_a_module_in_the_current_folder_cannot_replace_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exporting from a folder that holds a ``typst.py`` still runs the real Typst."""
    (tmp_path / "typst.py").write_text("raise SystemExit('shadowed')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", _env()["PYTHONPATH"])
    assert compile_pdf(_document(), MOMENT).startswith(b"%PDF-")


def test_frozen_app_starts_itself_with_the_hidden_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert typeset.child_command() == [sys.executable, typeset.CHILD_ARGUMENT]


def test_cancel_kills_the_child(
    monkeypatch: pytest.MonkeyPatch, started_children: list[subprocess.Popen[bytes]]
) -> None:
    started = started_children
    monkeypatch.setattr(typeset, "POLL_SECONDS", 0.001)  # look before the child can finish
    with pytest.raises(Cancelled):
        compile_pdf(_document(200), MOMENT, cancelled=lambda: True)
    assert len(started) == 1
    assert started[0].returncode is not None and started[0].returncode < 0  # killed, reaped


def test_a_refused_document_is_a_typed_error() -> None:
    with pytest.raises(InvalidInput) as raised:
        typeset.typeset(document_json(_document()), 0, template="../../evil.typ")
    assert "evil.typ" in str(raised.value.params.get("error", ""))


def test_a_crashed_child_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typeset, "request_bytes", lambda *_args: b"not json\n{}")
    with pytest.raises(InvalidInput) as raised:
        compile_pdf(_document(), MOMENT)
    assert "ended with code 1" in str(raised.value.params.get("error", ""))
