"""A populated vault and one bundle exported from it, built once per session.

Each tamper test extracts its own copy, so a mutation never leaks into another test. The vault
holds a Uyghur entry, a Chinese entry with two revisions and an undisclosed entry, with real
fixture media attached.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, PASSPHRASE, export_time_fixed
from tr_journal.domain import ExportSelection
from tr_journal.evidence.export import ExportResult, export_bundle
from tr_journal.journal.entries import add_entry, revise_entry
from tr_journal.media.ingest import add_attachment
from tr_journal.vault import Vault

EPOCH = "1780000000"
UYGHUR = "ئۇ ماڭا تېلېفون قىلىپ، ئائىلەمگە زىيان يەتكۈزىمىز دېدى."
CHINESE = "警察要求我提供护照和地址。"
SECRET = "undisclosed-canary-7f3a"
ATTACHED = ("call-fr.m4a", "call-ug.flac", "wechat-police-demand.png", "letter-summons.pdf")


@dataclass
class Bundle:
    zip: Path
    result: ExportResult
    seed: bytes
    vault_dir: Path


def populate(vault: Vault) -> list[str]:
    """Three entries (the last one stays undisclosed); returns the ids to disclose."""
    with vault.transaction() as tx:
        first = add_entry(
            tx,
            {
                "occurred_at": "2026-01-29T15:03:00+01:00",
                "timezone": "Europe/Paris",
                "channel": "phone",
                "caller_number": "+86 991 555 0101",
                "claimed_identity": "public security bureau, Urumqi",
                "demands": ["documents"],
                "threats": ["relatives"],
                "narrative": UYGHUR,
            },
        )
        for name in ATTACHED[:2]:
            add_attachment(tx, first, FIXTURES / name)
        second = add_entry(
            tx,
            {
                "occurred_at": "2026-02-02T10:00:00+01:00",
                "channel": "wechat",
                "narrative": "first version",
            },
        )
        for name in ATTACHED[2:]:
            add_attachment(tx, second, FIXTURES / name)
        add_entry(
            tx, {"occurred_at": "2026-02-03T10:00:00+01:00", "channel": "sms", "narrative": SECRET}
        )
    with vault.transaction() as tx:
        revise_entry(
            tx,
            second,
            {"occurred_at": "2026-02-02T10:00:00+01:00", "channel": "wechat", "narrative": CHINESE},
        )
    return [first, second]


@pytest.fixture(scope="session")
def populated_template(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("evidence") / "vault"
    shutil.copytree(template_vault[0], folder)
    with Vault.open(folder, PASSPHRASE) as vault:
        ids = populate(vault)
    return folder, ids


@pytest.fixture
def source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return EPOCH


@pytest.fixture(scope="session")
def bundle(
    populated_template: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Bundle]:
    base = tmp_path_factory.mktemp("bundle")
    folder = base / "vault"
    shutil.copytree(populated_template[0], folder)
    with export_time_fixed(EPOCH), Vault.open(folder, PASSPHRASE) as vault:
        selection = ExportSelection(entry_ids=tuple(populated_template[1]))
        result = export_bundle(vault, base / "bundle.zip", selection, lang="en")
        seed = vault.signing_seed()
    yield Bundle(result.path, result, seed, folder)


@pytest.fixture
def started_children(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Every process started from here on (the typesetting children), to check none is left."""
    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def popen(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        proc: subprocess.Popen[bytes] = real_popen(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(subprocess, "Popen", popen)
    return started
