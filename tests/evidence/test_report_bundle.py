"""The dossier's rules outside the PDF: file names in the bundle, the language, the formatting
of declared times and durations."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, PASSPHRASE, run_cli
from tr_journal.domain import Attachment, ExportSelection
from tr_journal.errors import InvalidInput
from tr_journal.evidence.bag import original_paths, safe_file_name
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.report_dates import duration_text, when_text
from tr_journal.i18n import using_language
from tr_journal.journal.entries import add_entry
from tr_journal.media.ingest import add_attachment
from tr_journal.vault import Vault


def _file(attachment_id: str, name: str) -> Attachment:
    return Attachment(attachment_id, name, 1, "0" * 64, "application/octet-stream")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("call-fr.m4a", "call-fr.m4a"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\rec.wav", "rec.wav"),
        ("CON.txt", "_CON.txt"),
        ("nul", "_nul"),
        ('a<b>:c?"|*.png', "a_b__c____.png"),
        (" .hidden. ", "hidden"),
        ("ئۈن خاتىرىسى.m4a", "E0001-A1.m4a"),  # nothing ASCII left: the attachment id
        ("录音 2026.m4a", "_ 2026.m4a"),
        ("appel reçu.m4a", "appel recu.m4a"),
        ("\u202eevil\u202c.exe", "_evil_.exe"),
        ("tab\there\nnew.jpg", "tab here new.jpg"),
        ("", "E0001-A1"),
        ("...", "E0001-A1"),
    ],
)
def test_safe_file_name(name: str, safe: str) -> None:
    assert safe_file_name(name, "E0001-A1") == safe


def test_long_names_keep_their_extension_within_120_bytes() -> None:
    name = safe_file_name("appel " * 40 + ".m4a", "x")
    assert name.endswith(".m4a") and len(name.encode()) <= 120 and name.isascii()


def test_same_names_are_numbered_whatever_the_case() -> None:
    paths = original_paths(
        "E0001",
        [
            _file("E0001-A1", "Call.m4a"),
            _file("E0001-A2", "call.M4A"),
            _file("E0001-A3", "sub/call.m4a"),
            _file("E0001-A4", "photo"),
        ],
    )
    assert paths == [
        "data/originals/E0001/Call.m4a",
        "data/originals/E0001/call (2).M4A",
        "data/originals/E0001/call (3).m4a",
        "data/originals/E0001/photo",
    ]


def test_bundle_keeps_the_original_names(template_vault: tuple[Path, str], tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    shutil.copytree(template_vault[0], folder)
    twin = tmp_path / "twin" / "call-fr.m4a"
    twin.parent.mkdir()
    twin.write_bytes((FIXTURES / "call-ug.flac").read_bytes())
    chinese = tmp_path / "twin" / "录音.flac"
    chinese.write_bytes((FIXTURES / "call-ug.flac").read_bytes())
    french = tmp_path / "twin" / "appel reçu.flac"
    french.write_bytes((FIXTURES / "call-ug.flac").read_bytes())
    with Vault.open(folder, PASSPHRASE) as vault:
        with vault.transaction() as tx:
            entry = add_entry(tx, {"occurred_at": "2026-03-02T21:40:00+01:00", "channel": "phone"})
            add_attachment(tx, entry, FIXTURES / "call-fr.m4a")
            add_attachment(tx, entry, twin)
            add_attachment(tx, entry, chinese)
            add_attachment(tx, entry, french)
        result = export_bundle(vault, tmp_path / "b.zip", ExportSelection())
    with zipfile.ZipFile(result.path) as archive:
        names = sorted(
            n.split("/data/originals/")[1] for n in archive.namelist() if "/data/originals/" in n
        )
        manifest = next(
            archive.read(n)
            for n in archive.namelist()
            if n.endswith("/manifest-sha256.txt") and "tag" not in n
        ).decode()
    assert names == [
        f"{entry}/{entry}-A3.flac",
        f"{entry}/appel recu.flac",
        f"{entry}/call-fr (2).m4a",
        f"{entry}/call-fr.m4a",
    ]
    assert f"data/originals/{entry}/call-fr (2).m4a" in manifest
    # the verifier accepts only printable ASCII names: these are what the writer now writes
    verified = run_cli("verify", str(result.path), "--fingerprint", result.fingerprint)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_unknown_language_is_refused_with_the_list(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        export_bundle(vault, tmp_path / "de.zip", ExportSelection(), lang="de")
    message = str(caught.value.params)
    assert "de" in message and "fr (Français)" in message and "zh_CN" in message
    assert not (tmp_path / "de.zip").exists()


def test_cli_refuses_an_unknown_language(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "de.zip"
    done = run_cli(
        "export",
        "--vault",
        str(vault_dir),
        "--passphrase-file",
        str(passphrase_file),
        "--out",
        str(out),
        "--lang",
        "de",
    )
    assert done.returncode != 0 and not out.exists()
    assert "ug (ئۇيغۇرچە)" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("2026-03-02T21:40:00+01:00", "fr", "2 mars 2026, 21:40 (UTC+01:00)"),
        ("2026-03-02", "fr", "2 mars 2026 (date seulement)"),
        ("2026-03", "fr", "mars 2026 (mois seulement)"),
        ("2026-03-02~", "fr", "vers 2 mars 2026 (date seulement)"),
        ("2026-03-02/2026-03-04", "fr", "2–4 mars 2026 (dates seulement)"),
        ("2026-03-02", "en", "March 2, 2026 (date only)"),
        ("2026-03", "zh_CN", "2026年3月（仅月份）"),
        ("not a date", "en", "not a date"),
    ],
)
def test_declared_time_shows_its_precision(value: str, lang: str, shown: str) -> None:
    """The dossier's one formatter of declared times: a date or a month alone never gets a
    time (no invented 00:00); a time of day gets its offset."""
    with using_language(lang):
        text = when_text(value, lang)
    assert text.replace("\u2009", "") == shown
    if "T" not in value:
        assert ":" not in text


@pytest.mark.parametrize(
    ("seconds", "lang", "shown"),
    [
        (540, "fr", "9 min"),
        (3905, "fr", "1 h 5 min 5 s"),
        (42, "en", "42 sec"),
        (0, "en", "0 sec"),
    ],
)
def test_durations_carry_units(seconds: int, lang: str, shown: str) -> None:
    assert duration_text(seconds, lang).replace("\u202f", " ").replace("\xa0", " ") == shown


def test_certified_time_stamps_are_listed_apart() -> None:
    from tr_journal.evidence.report_doc import Facts, Table
    from tr_journal.evidence.report_front import times_note

    stamp = {"id": "S0001", "tsa": "Test TSA", "gen_time": "2026-03-02T10:00:00Z", "covers_seq": 7}
    with using_language("en"):
        section = times_note([stamp], "en")
        plain = times_note([], "en")
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    assert [c.text.replace("\u202f", " ") for c in table.rows[0]] == [
        "Test TSA",
        "Mar 2, 2026, 10:00:00 AM UTC",
        "#7",
        "S0001",
    ]
    (facts,) = [b for b in plain.blocks if isinstance(b, Facts)]
    assert "None in this bundle" in facts.rows[-1][1].text
    assert not [b for b in plain.blocks if isinstance(b, Table)]
