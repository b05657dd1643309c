"""Issue 12, item 1: the key card is the only root of trust.

A forger re-signs a doctored bundle with their own key and replaces allowed_signers: every
command of the guide then succeeds. What catches them is the one comparison the guide asks
for: the SHA256: that ssh-keygen prints, against the fingerprint on the key card.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.evidence.bagtools import extract
from tests.evidence.conftest import Bundle
from tests.evidence.test_tamper import ENTRIES, resign_with_other_key
from tests.helpers import PASSPHRASE, run_cli
from tr_journal.crypto import signing
from tr_journal.domain import ExportSelection
from tr_journal.evidence import readme_text
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.verify import PIN_CHECK, describe_verdict, verify_bundle
from tr_journal.i18n import translations_for
from tr_journal.vault import Vault

FINGERPRINT = re.compile(r"SHA256:[A-Za-z0-9+/]{43}")


def guide_commands(readme: str) -> list[str]:
    """The numbered commands under the first "Linux" heading of the guide, as printed."""
    lines = readme.splitlines()
    start = lines.index("Linux") + 1
    commands = []
    for line in lines[start:]:
        match = re.match(r"^  \d\. (.+)$", line)
        if not match:
            break
        commands.append(match.group(1))
    return commands


def run_guide(bag: Path) -> tuple[list[subprocess.CompletedProcess[str]], str | None]:
    """Run the guide's commands literally in the bag folder, as a lawyer pastes them."""
    commands = guide_commands((bag / "README.txt").read_text(encoding="utf-8"))
    assert len(commands) == 3 and commands[0].startswith("ssh-keygen -Y verify")
    assert [c.split()[0] for c in commands[1:]] == ["sha256sum", "sha256sum"]
    done = [
        subprocess.run(command, shell=True, cwd=bag, capture_output=True, text=True, timeout=120)
        for command in commands
    ]
    good = re.search(
        r'^Good "[^"]+" signature for \S+ with ED25519 key (SHA256:\S+)$',
        done[0].stdout + done[0].stderr,
        re.MULTILINE,
    )
    return done, good.group(1) if good else None


def key_card_fingerprint(seed: bytes, tmp_path: Path) -> str:
    """The fingerprint printed on the real key card (the PDF the person hands over)."""
    from tr_journal.evidence.keycard import render_key_card

    card = tmp_path / "card.pdf"
    card.write_bytes(render_key_card(signing.public_raw(signing.load_private_key(seed))))
    text = subprocess.run(
        ["pdftotext", str(card), "-"], capture_output=True, text=True, check=True
    ).stdout
    (found,) = set(FINGERPRINT.findall(text))
    return found


def test_forged_bundle_passes_every_command_but_not_the_key_card(
    bundle: Bundle, tmp_path: Path
) -> None:
    card = key_card_fingerprint(bundle.seed, tmp_path)
    genuine = extract(bundle.zip, tmp_path / "genuine")
    done, printed = run_guide(genuine)
    assert all(d.returncode == 0 for d in done) and printed == card

    forged = extract(bundle.zip, tmp_path / "forged")
    guide_before = {n: (forged / n).read_bytes() for n in ("README.txt", "LISEZ-MOI.txt")}
    doc = json.loads((forged / ENTRIES).read_text())
    doc["entries"][0]["revisions"][-1]["fields"]["narrative"] = "forged"
    (forged / ENTRIES).write_text(json.dumps(doc, ensure_ascii=False))
    resign_with_other_key(forged, bundle.seed)  # real ssh-keygen -Y sign with another key
    assert {n: (forged / n).read_bytes() for n in guide_before} == guide_before

    done, printed = run_guide(forged)
    assert all(d.returncode == 0 for d in done), [d.stdout + d.stderr for d in done]
    assert printed is not None and FINGERPRINT.fullmatch(printed)
    assert printed != card  # the comparison the guide asks for catches the forgery


@pytest.mark.parametrize("lang", ["en", "fr", "ug", "zh_CN", "tr"])
def test_the_guide_names_no_reference_fingerprint(
    lang: str, populated_template: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """No file of the bundle offers a fingerprint to compare with; the guide, in the report's
    language and in English and French, says to compare what ssh-keygen printed."""
    import shutil
    import zipfile

    folder = tmp_path / "vault"
    shutil.copytree(populated_template[0], folder)
    with Vault.open(folder, PASSPHRASE) as vault:
        result = export_bundle(vault, tmp_path / "b.zip", ExportSelection(), lang=lang)
    with zipfile.ZipFile(result.path) as archive:
        texts = {
            n.split("/", 1)[1]: archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.endswith((".txt", "allowed_signers"))
        }
    assert result.fingerprint
    for name, text in texts.items():
        assert not FINGERPRINT.search(text), name
    for name in ("README.txt", "LISEZ-MOI.txt"):
        for code in {lang, "en", "fr"}:
            trust = translations_for(code).gettext(readme_text.TRUST)
            flat = " ".join(texts[name].split())
            assert " ".join(trust.split()) in flat, (name, code)
        assert readme_text.VERIFY in texts[name] and readme_text.GOOD_LINE in texts[name]


def test_verify_without_fingerprint_is_not_done(bundle: Bundle) -> None:
    verdict = verify_bundle(bundle.zip)
    pin = next(c for c in verdict.checks if c.check == PIN_CHECK)
    assert pin.ok is None and not pin.failed
    assert verdict.valid and not verdict.signer_confirmed
    document = verdict.to_json()
    assert document["signer_confirmed"] is False
    assert next(c for c in document["checks"] if c["check"] == PIN_CHECK)["ok"] is None
    text = describe_verdict(verdict)
    assert not text.startswith("VALID") and "expected" not in text
    assert "unproven" in text and text.count(str(bundle.result.fingerprint)) >= 2
    pinned = verify_bundle(bundle.zip, fingerprint=bundle.result.fingerprint)
    assert pinned.signer_confirmed and describe_verdict(pinned).startswith("VALID")


def test_cli_json_key_check_not_done(bundle: Bundle) -> None:
    done = run_cli("verify", str(bundle.zip), "--json")
    assert done.returncode == 0, done.stdout
    document = json.loads(done.stdout)
    assert document["valid"] is True and document["signer_confirmed"] is False
    assert next(c for c in document["checks"] if c["check"] == PIN_CHECK)["ok"] is None
