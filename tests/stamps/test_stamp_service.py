"""Time-stamp requests and replies against a real local TSA (``openssl ts -reply``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from asn1crypto import tsp

from tests.stamps.conftest import Authorities
from tests.stamps.tsa import openssl, resign
from tr_journal.errors import StampRefused
from tr_journal.evidence import stamps, tsp_certs
from tr_journal.evidence.tsp_request import build_request, stamped_message
from tr_journal.journal import chain
from tr_journal.journal.entries import add_entry, revise_entry
from tr_journal.maintenance import check
from tr_journal.vault import Vault


def _entry(vault: Vault, text: str = "a call") -> str:
    with vault.transaction() as tx:
        return add_entry(tx, {"occurred_at": "2026-01-29T15:03:00+01:00", "narrative": text})


def _request(vault: Vault, tmp_path: Path, name: str = "journal.tsq") -> Path:
    out = tmp_path / name
    stamps.write_request(vault, out)
    return out


def _state(vault: Vault) -> tuple[list[dict[str, object]], int]:
    with vault.reading() as conn:
        return chain.all_events(conn), len(stamps.status(vault).stamps)


def _refused(vault: Vault, data: bytes, expected: str, ca_file: Path | None = None) -> None:
    before = _state(vault)
    with pytest.raises(StampRefused) as caught:
        stamps.import_reply(vault, data, ca_file)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(
        "The time-stamp reply was refused and nothing was recorded: "
    )
    assert _state(vault) == before


def test_request_is_a_standard_query_over_the_chain_head(vault: Vault, tmp_path: Path) -> None:
    _entry(vault)
    tsq = _request(vault, tmp_path)
    with vault.reading() as conn:
        head = chain.all_events(conn)[-1]
    parsed = tsp.TimeStampReq.load(tsq.read_bytes())
    assert parsed["cert_req"].native is True and parsed["nonce"].native > 0
    imprint = parsed["message_imprint"]
    assert imprint["hash_algorithm"]["algorithm"].native == "sha256"
    assert imprint["hashed_message"].native == hashlib.sha256((head.hash + "\n").encode()).digest()
    # openssl reads it as a query for the same message
    message = tmp_path / "head.txt"
    message.write_bytes(stamped_message(head.hash))
    openssl("ts", "-query", "-in", str(tsq), "-text", "-out", str(tmp_path / "q.txt"), cwd=tmp_path)
    assert "Nonce" in (tmp_path / "q.txt").read_text()
    second = tsp.TimeStampReq.load(_request(vault, tmp_path, "b.tsq").read_bytes())
    assert second["nonce"].native != parsed["nonce"].native


def test_good_reply_is_recorded_as_a_chain_event(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    entry = _entry(vault)
    assert stamps.status(vault).uncovered_entries == 1
    tsq = _request(vault, tmp_path)
    tsr = authorities.ca.reply(tsq, tmp_path / "r.tsr", authorities.tsa).read_bytes()
    stamp = stamps.import_reply(vault, tsr, authorities.ca.root.cert)
    assert stamp.trust == tsp_certs.CA_FILE and stamp.tsa_name == "CN=Test TSA"
    assert stamp.event.kind == "stamp.imported" and stamp.event.subject_id == "S0001"
    assert stamp.event.content_sha256 == hashlib.sha256(tsr).hexdigest()
    state = stamps.status(vault)
    assert state.uncovered_entries == 0 and state.pending_requests == 0
    assert state.stamps[0].tsr == tsr and "BEGIN CERTIFICATE" in state.stamps[0].chain_pem
    assert state.covered_seq == stamp.head_seq == stamp.event.seq - 1
    assert check(vault)["ok"]
    with vault.transaction() as tx:
        revise_entry(
            tx, entry, {"occurred_at": "2026-01-29T15:03:00+01:00", "narrative": "a call, revised"}
        )
    assert stamps.status(vault).uncovered_entries == 1
    _refused(vault, tsr, "already recorded as S0001", authorities.ca.root.cert)
    # the kept reply is checked against its event by `check`
    with vault.transaction() as tx:
        tx.execute("UPDATE stamps SET tsr = ? WHERE public_id = 'S0001'", (tsr[:-1] + b"x",))
    report = check(vault)
    assert not report["ok"] and report["content"] == ["time stamp S0001 does not match its event"]


def test_ecdsa_authority_and_unknown_root(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    tsq = _request(vault, tmp_path)
    tsr = authorities.ca.reply(tsq, tmp_path / "r.tsr", authorities.ec_tsa).read_bytes()
    stamp = stamps.import_reply(vault, tsr)
    assert stamp.trust == tsp_certs.UNKNOWN and stamp.root_name == "CN=Test Root"
    tsq = _request(vault, tmp_path, "b.tsq")
    other = authorities.other_ca.reply(tsq, tmp_path / "o.tsr", authorities.other_tsa)
    stamp = stamps.import_reply(vault, other.read_bytes(), authorities.ca.root.cert)
    assert stamp.trust == tsp_certs.UNKNOWN and stamp.root_name == "CN=Other Root"


def test_reply_for_another_request_is_refused(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    _request(vault, tmp_path)
    (tmp_path / "other.txt").write_text("something else")
    openssl(
        "ts", "-query", "-data", "other.txt", "-sha256", "-cert", "-out", "other.tsq", cwd=tmp_path
    )
    tsr = authorities.ca.reply(tmp_path / "other.tsq", tmp_path / "r.tsr", authorities.tsa)
    _refused(vault, tsr.read_bytes(), "answers no request written by this vault")


def test_reply_with_our_nonce_over_other_data_is_refused(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    tsq = _request(vault, tmp_path)
    nonce = tsp.TimeStampReq.load(tsq.read_bytes())["nonce"].native
    forged = tmp_path / "forged.tsq"
    forged.write_bytes(build_request(1, "ab" * 32, nonce=nonce).der)
    tsr = authorities.ca.reply(forged, tmp_path / "r.tsr", authorities.tsa)
    _refused(vault, tsr.read_bytes(), "stamps other data than this request's")


def test_tampered_replies_are_refused(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    tsq = _request(vault, tmp_path)
    tsr = authorities.ca.reply(tsq, tmp_path / "r.tsr", authorities.tsa).read_bytes()
    info = tsp.TimeStampResp.load(tsr)["time_stamp_token"]["content"]["encap_content_info"][
        "content"
    ].parsed
    when = info["gen_time"].contents
    earlier = tsr.replace(when, b"2019" + when[4:], 1)
    assert earlier != tsr
    _refused(vault, earlier, "does not cover its time-stamp (it was altered)")
    signature = tsp.TimeStampResp.load(tsr)["time_stamp_token"]["content"]["signer_infos"][0][
        "signature"
    ].native
    broken = tsr.replace(signature, signature[:-1] + bytes([signature[-1] ^ 1]), 1)
    _refused(vault, broken, "signature does not verify")
    _refused(vault, tsr[:-5], "not a time-stamp reply")
    _refused(vault, b"not der at all", "not a time-stamp reply")


def test_expired_authority_certificate_is_refused(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    tsq = _request(vault, tmp_path)
    tsr = authorities.ca.reply(tsq, tmp_path / "r.tsr", authorities.expired)
    _refused(
        vault,
        tsr.read_bytes(),
        "CN=Old TSA was not valid at the stamp's time",
        authorities.ca.root.cert,
    )


def test_wrong_purpose_certificate_is_refused(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    tsq = _request(vault, tmp_path)
    good = authorities.ca.reply(tsq, tmp_path / "r.tsr", authorities.tsa).read_bytes()
    forged = resign(good, authorities.client, [authorities.ca.root.cert])
    _refused(vault, forged, "CN=Client is not one for time stamps", authorities.ca.root.cert)
    # the same re-signing with a real TSA certificate passes: only the purpose was wrong
    regood = resign(good, authorities.ec_tsa, [authorities.ca.root.cert])
    assert stamps.import_reply(vault, regood, authorities.ca.root.cert).trust == "ca-file"


def test_signer_certificate_must_be_bound(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    """A reply whose carried certificate is swapped for another TSA's is refused."""
    tsq = _request(vault, tmp_path)
    good = authorities.ca.reply(tsq, tmp_path / "r.tsr", authorities.tsa).read_bytes()
    reply = tsp.TimeStampResp.load(good)
    other = tsp.TimeStampResp.load(resign(good, authorities.ec_tsa, [authorities.ca.root.cert]))
    signed = reply["time_stamp_token"]["content"]
    signed["signer_infos"][0]["sid"] = other["time_stamp_token"]["content"]["signer_infos"][0][
        "sid"
    ]
    signed["certificates"] = other["time_stamp_token"]["content"]["certificates"]
    _refused(vault, reply.dump(force=True), "names another certificate", authorities.ca.root.cert)


def test_refusal_from_the_authority_is_refused(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    """The local TSA accepts SHA-256 to SHA-512 only: a SHA-1 query gets a real rejection."""
    _request(vault, tmp_path)
    (tmp_path / "m.txt").write_text("x")
    openssl("ts", "-query", "-data", "m.txt", "-sha1", "-out", "sha1.tsq", cwd=tmp_path)
    tsr = authorities.ca.reply(tmp_path / "sha1.tsq", tmp_path / "r.tsr", authorities.tsa)
    _refused(vault, tsr.read_bytes(), "did not grant the stamp (")


def test_a_step_1_database_gains_the_stamp_tables(tmp_path: Path) -> None:
    """Schema step 2 on a database left at step 1 (whatever steps follow it)."""
    import sqlcipher3

    from tr_journal.store import schema

    conn = sqlcipher3.connect(str(tmp_path / "old.db"), isolation_level=None)
    conn.executescript(f"BEGIN; {schema.MIGRATIONS[1]} PRAGMA user_version = 1; COMMIT;")
    schema.migrate(conn)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"stamps", "stamp_requests"} <= tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    conn.close()


def test_each_export_writes_a_fresh_request_beside_it(
    vault: Vault, tmp_path: Path, authorities: Authorities
) -> None:
    from tr_journal.domain import ExportSelection
    from tr_journal.evidence.export import export_bundle

    _entry(vault)
    result = export_bundle(vault, tmp_path / "bundle.zip", ExportSelection())
    assert result.tsq == tmp_path / "bundle.tsq" and result.tsq.is_file()
    with vault.reading() as conn:
        head = chain.all_events(conn)[-1]
    assert head.kind == "export.created"
    parsed = tsp.TimeStampReq.load(result.tsq.read_bytes())
    assert (
        parsed["message_imprint"]["hashed_message"].native
        == hashlib.sha256(stamped_message(head.hash)).digest()
    )
    assert stamps.status(vault).pending_requests == 1
    tsr = authorities.ca.reply(result.tsq, tmp_path / "bundle.tsr", authorities.tsa)
    assert stamps.import_reply(vault, tsr.read_bytes()).head_seq == head.seq
    second = export_bundle(vault, tmp_path / "again.zip", ExportSelection())
    assert second.tsq is not None and second.tsq.read_bytes() != result.tsq.read_bytes()


def test_a_request_whose_file_fails_is_not_kept(vault: Vault, tmp_path: Path) -> None:
    from tr_journal.errors import FileUnreadable

    with pytest.raises(FileUnreadable):
        stamps.write_request(vault, tmp_path / "missing-folder" / "j.tsq")
    assert stamps.status(vault).pending_requests == 0
