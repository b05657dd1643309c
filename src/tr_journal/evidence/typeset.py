"""The dossier is typeset in a child process, through pipes (docs/evidence-report.md, "Engine").

Why a child: Typst keeps every laid-out page and never frees its caches, so typesetting in the
app's own process would leave it hundreds of MiB larger after each export. A child that exits
returns all of it to the system, and cancelling an export simply kills it.

What crosses the boundary: one header line (creation time, template name) and the document as
JSON go to the child's stdin; the PDF bytes come back on its stdout, an error message on its
stderr. The child never sees the vault or its key, opens no file but the template and the
shipped fonts, writes nothing to disk, and disables core dumps before reading the data (it holds
the report in plaintext). The exit code says what happened (:data:`TYPST_FAILED`, else a crash).

How the child is reached: ``python -m tr_journal.evidence.typeset`` from the source tree or an
installed package; in a frozen app ``sys.executable`` is the app itself, so it is started as
``<app> __typeset__`` and :func:`tr_journal.cli.main` hands that argument to :func:`child_main`
before anything else runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

from tr_journal.errors import N_, Cancelled, InvalidInput

#: The hidden argument a frozen app recognises as "be the typesetting child".
CHILD_ARGUMENT = "__typeset__"
#: Exit code of the child when Typst refused the document (stderr holds its message).
TYPST_FAILED = 3
#: Seconds between two looks at ``cancelled()`` while the child works.
POLL_SECONDS = 0.25


def child_command() -> list[str]:
    """The command line that starts the typesetting child of this very program."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_ARGUMENT]
    # -P: the current folder (wherever the user exports from) must not shadow our modules
    return [sys.executable, "-P", "-m", "tr_journal.evidence.typeset"]


def request_bytes(document_json: str, timestamp: int, template: str) -> bytes:
    """What the parent writes to the child: a header line, then the document JSON."""
    header = json.dumps({"template": template, "timestamp": timestamp}, sort_keys=True)
    return header.encode("utf-8") + b"\n" + document_json.encode("utf-8")


def typeset(
    document_json: str,
    timestamp: int,
    template: str = "dossier.typ",
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The PDF of ``document_json``, typeset by a child process; ``timestamp`` (Unix seconds)
    is the PDF's creation date. Raises :class:`Cancelled` (the child is killed) when
    ``cancelled()`` turns true, :class:`InvalidInput` when the document cannot be typeset."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flash on Windows
    proc = subprocess.Popen(
        child_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        creationflags=flags,
    )
    try:
        pdf, err = _communicate(proc, request_bytes(document_json, timestamp, template), cancelled)
    except BaseException:
        proc.kill()  # cancelled, interrupted or failed here: the child must not outlive it
        proc.communicate()
        raise
    if proc.returncode != 0:
        raise _failed(_child_error(proc.returncode, err))
    return pdf


def _communicate(
    proc: subprocess.Popen[bytes], request: bytes, cancelled: Callable[[], bool] | None
) -> tuple[bytes, bytes]:
    """Send the request and collect the answer, looking at ``cancelled`` meanwhile."""
    data: bytes | None = request
    while True:
        try:
            out, err = proc.communicate(data, timeout=POLL_SECONDS)
            return out, err
        except subprocess.TimeoutExpired:
            data = None  # already handed over: a retry must not send it again
        if cancelled is not None and cancelled():
            raise Cancelled()


def _child_error(code: int, err: bytes) -> str:
    text = err.decode("utf-8", "replace").strip()
    if code == TYPST_FAILED and text:
        return text
    return f"the typesetting process ended with code {code}" + (f": {text[-500:]}" if text else "")


def _failed(error: str) -> InvalidInput:
    return InvalidInput(
        detail=N_("The report could not be typeset ({error}); nothing was exported."), error=error
    )


def child_main() -> int:
    """Be the child: read the request on stdin, write the PDF on stdout."""
    from tr_journal.hardening import disable_core_dumps

    disable_core_dumps()  # the report is plaintext in this process's memory
    request = sys.stdin.buffer.read()
    head, _sep, body = request.partition(b"\n")
    header = json.loads(head)
    template = str(header["template"])
    if os.path.basename(template) != template or not template.endswith(".typ"):
        sys.stderr.write(f"unknown template {template!r}")
        return TYPST_FAILED
    from tr_journal.evidence.report_typst import TypstRefused, compile_json

    try:
        pdf = compile_json(body.decode("utf-8"), int(header["timestamp"]), template)
    except TypstRefused as exc:
        sys.stderr.write(str(exc))
        return TYPST_FAILED
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(child_main())
