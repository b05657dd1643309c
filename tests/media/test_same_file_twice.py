"""The same bytes attached twice are stored once (docs/record-format.md, "The same file twice"):
the second attach says so, names the entries that hold them, and links the stored original."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.helpers import PASSPHRASE, run_cli, sha256_file
from tr_journal.journal import entries
from tr_journal.media import records
from tr_journal.media.attaching import attach_files
from tr_journal.media.removal import detach
from tr_journal.vault import Vault

FIVE_MB = 5 * 1000 * 1000


def _vault_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def _new_entry(vault: Vault, day: str) -> str:
    with vault.transaction() as conn:
        return entries.add_entry(conn, {"occurred_at": day})


def test_second_attach_of_5_mb_links_instead_of_storing(vault_dir: Path, tmp_path: Path) -> None:
    big = tmp_path / "recording.bin"
    big.write_bytes(os.urandom(FIVE_MB))
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n", encoding="utf-8")

    def cli(*args: str) -> str:
        done = run_cli(
            "--vault",
            str(vault_dir),
            *args,
            "--passphrase-file",
            str(pass_file),
            env={"TR_JOURNAL_LANG": "en"},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    first = json.loads(cli("add", "--occurred", "2026-03-02", "--attach", str(big), "--json"))
    assert first["attachments"][0]["same_as"] == []
    second = json.loads(cli("add", "--occurred", "2026-03-03", "--json"))["id"]
    before = _vault_bytes(vault_dir)
    said = cli("attach", second, str(big))
    grown = _vault_bytes(vault_dir) - before
    assert grown < FIVE_MB // 10, grown  # far less than the file: nothing stored again
    assert "already in the vault (E0001-A1, in E0001)" in said
    out = tmp_path / "out.bin"
    cli("extract", f"{second}-A1", "--out", str(out))
    assert sha256_file(out) == sha256_file(big)
    again = json.loads(cli("attach", second, str(big), "--store-again", "--json"))
    assert again[0]["same_as"] == []
    assert _vault_bytes(vault_dir) - before > FIVE_MB  # stored again when asked
    assert json.loads(cli("check", "--json"))["ok"] is True


def test_removing_the_first_keeps_the_bytes_of_the_second(vault: Vault, tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)
    source = tmp_path / "a.bin"
    source.write_bytes(data)
    one, two, three = (_new_entry(vault, d) for d in ("2026-03-01", "2026-03-02", "2026-03-03"))
    [first] = attach_files(vault, one, [source])
    [second] = attach_files(vault, two, [source])
    [third] = attach_files(vault, three, [("pasted.bin", data)])  # from memory too
    assert first.same_as == () and second.same_as == (first.id,)
    assert third.same_as == (first.id, second.id)
    assert (
        vault.conn.execute(
            "SELECT count(DISTINCT attachment_id) FROM attachment_chunks"
        ).fetchone()[0]
        == 1
    )
    detach(vault, first.id)
    for kept in (second, third):
        out = tmp_path / f"{kept.id}.bin"
        records.extract(vault, kept.id, out)
        assert out.read_bytes() == data
    detach(vault, second.id)
    out = tmp_path / "last.bin"
    records.extract(vault, third.id, out)
    assert out.read_bytes() == data
    detach(vault, third.id)
    assert vault.conn.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 0
