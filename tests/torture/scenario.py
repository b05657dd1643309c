"""The whole life of a vault in one process, with every Python-level socket use forbidden.

Run as ``python scenario.py VAULT EXPORTS SOURCES CANARY [--gui]``. An audit hook, installed
before anything else is imported, records and refuses every ``socket.*`` event (creation,
connect, getaddrinfo, bind...). Steps: create, add an entry with the canary in every text field,
attach every file in SOURCES, search, export a bundle into EXPORTS, verify it, lock, then (with
``--gui``) open the real main window offscreen, show the entry, and lock. Prints one JSON line.
"""

from __future__ import annotations

import sys

SOCKET_EVENTS: list[str] = []


def _refuse_sockets(event: str, args: tuple[object, ...]) -> None:
    if event.startswith("socket."):
        SOCKET_EVENTS.append(event)
        raise RuntimeError(f"network use is forbidden in this scenario: {event}")


sys.addaudithook(_refuse_sockets)

import json  # noqa: E402 - the hook must come first
import logging  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from tr_journal import model  # noqa: E402
from tr_journal.crypto.kdf import KdfParams  # noqa: E402
from tr_journal.domain import ExportSelection  # noqa: E402
from tr_journal.evidence.export import export_bundle  # noqa: E402
from tr_journal.evidence.verify import verify_bundle  # noqa: E402
from tr_journal.journal import entries, search  # noqa: E402
from tr_journal.media.ingest import add_attachment  # noqa: E402
from tr_journal.vault import Vault  # noqa: E402

PASSPHRASE = "scenario passphrase"
CHEAP = KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1)


def journal_part(vault_dir: Path, exports: Path, sources: Path, canary: str) -> dict[str, Any]:
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    raw: dict[str, Any] = {name: f"{canary} {name}" for name in model.TEXT_FIELDS}
    raw.update(occurred_at="2026-01-29T15:03+01:00", tags=[canary], channel="wechat")
    with vault.transaction() as conn:
        entry_id = entries.add_entry(conn, raw)
        attached = [
            add_attachment(conn, entry_id, path).media_type for path in sorted(sources.iterdir())
        ]
    with vault.reading() as conn:
        found = search.matching_ids(conn, canary)
    result = export_bundle(vault, exports / "bundle.zip", ExportSelection(), "en")
    verdict = verify_bundle(exports / "bundle.zip", result.fingerprint)
    vault.close()
    return {
        "entry": entry_id,
        "attached": attached,
        "search_hits": len(found),
        "bundle_valid": verdict.valid,
    }


def gui_part(app: Any, vault_dir: Path, entry_id: str) -> bool:
    """The real window, offscreen: unlock, show the entry (attachments panel), lock."""
    from tr_journal.gui.main_window import MainWindow

    window = MainWindow(vault_dir)
    window.show()

    def settle() -> None:
        deadline = time.monotonic() + 60
        app.processEvents()
        while window.tasks.busy and time.monotonic() < deadline:
            app.processEvents()

    window.open_vault(Vault.open(vault_dir, PASSPHRASE))
    settle()
    window.show_entry(entry_id)
    settle()
    window.lock()
    settle()
    locked = window.vault is None
    window.close()
    app.processEvents()
    return locked


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.DEBUG)  # every log line reaches stderr, which is scanned
    vault_dir, exports, sources, canary = (Path(argv[0]), Path(argv[1]), Path(argv[2]), argv[3])
    app = None
    if "--gui" in argv:  # as in the real app, the QApplication exists before any export
        from tr_journal.gui.app import make_application

        app = make_application()
    summary = journal_part(vault_dir, exports, sources, canary)
    if app is not None:
        summary["gui_locked"] = gui_part(app, vault_dir, summary["entry"])
    summary["socket_events"] = SOCKET_EVENTS
    sys.stdout.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
