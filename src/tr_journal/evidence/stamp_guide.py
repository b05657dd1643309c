"""How to have a ``.tsq`` stamped from another computer: the steps the CLI (and later the app)
shows after writing a request. Typed data, translated at the edge with ``_``.

The services listed answer RFC 3161 requests over plain HTTP POST without an account (as their
operators document). The reply is checked by tr-journal whatever the transport, so HTTP is
enough: a reply altered on the way is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tr_journal.errors import N_


@dataclass(frozen=True)
class Service:
    """A public time-stamp authority; ``root_url`` is where it publishes its root, if known."""

    name: str
    url: str
    label: str  # N_() text shown above its command
    qualified: bool  # a qualified eIDAS service (EU Trusted List)
    root_url: str | None = None


SERVICES = (
    Service(
        "FreeTSA",
        "https://freetsa.org/tsr",
        N_("FreeTSA (free, no account):"),
        False,
        "https://freetsa.org/files/cacert.pem",
    ),
    Service("DigiCert", "http://timestamp.digicert.com", N_("DigiCert (free):"), False),
    Service("Sectigo", "http://timestamp.sectigo.com", N_("Sectigo (free):"), False),
    Service(
        "Sectigo qualified",
        "http://timestamp.sectigo.com/qualified",
        N_("Sectigo's qualified eIDAS service (on the EU Trusted List):"),
        True,
    ),
)

COURT_NOTE = N_(
    "Which one for a French court: a qualified eIDAS time stamp (from a provider on the EU "
    "Trusted List) is presumed accurate as to its date and time and the integrity of what it "
    "covers (Article 41 of Regulation (EU) No 910/2014). Other stamps are admissible too, but "
    "the other side may contest them and the judge weighs them freely. Stamping the same "
    "request with two services costs nothing."
)
OFFLINE_NOTE = N_(
    "Nothing was sent: tr-journal does not go online. Copy the file to any computer with "
    "internet and run one of these commands there, in the folder that holds it (on Windows, "
    "type curl.exe). Only a hash of the journal's history leaves with it, never an entry."
)
ROOT_NOTE = N_(
    "So that the check ends at a root you chose, download the authority's root certificate "
    "from its own website and add --ca-file ROOT.pem to the import."
)


WRITTEN = N_("Time-stamp request written to {path}.")
COVERS = N_("It covers the journal up to event {seq} (chain head {hash}).")
CHECK_THERE = N_("Check a reply there if you wish: {command}")


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def reply_name(tsq: Path, service: Service) -> str:
    """``journal.tsq`` stamped by FreeTSA comes back as ``journal-freetsa.tsr``."""
    return f"{tsq.stem}-{slug(service.name)}.tsr"


def guide_lines(
    translate: Callable[[str], str],
    out: Path,
    head_seq: int,
    head_hash: str,
    import_line: str,
    isolate: Callable[[str], str] = str,
) -> list[str]:
    """The steps after writing ``out``, in the language of ``translate``; ``import_line`` says
    how to bring the reply back (a command for the CLI, a button for the app). ``isolate``
    wraps the paths, hashes and commands quoted inside sentences (the app keeps them left to
    right inside Uyghur; a terminal gets them as they are)."""
    lines = [
        translate(WRITTEN).format(path=isolate(str(out))),
        translate(COVERS).format(seq=head_seq, hash=isolate(head_hash)),
        "",
        translate(OFFLINE_NOTE),
    ]
    for service in SERVICES:
        lines += [
            "",
            "  " + translate(service.label),
            "    " + curl_command(service, out.name, reply_name(out, service)),
        ]
        root = root_command(service)
        if root:
            lines.append("    " + root)
    first = reply_name(out, SERVICES[0])
    lines += [
        "",
        translate(CHECK_THERE).format(command=isolate(inspect_command(first))),
        import_line,
        translate(ROOT_NOTE),
        "",
        translate(COURT_NOTE),
    ]
    return lines


def curl_command(service: Service, tsq: str, tsr: str) -> str:
    return (
        f'curl -sS -H "Content-Type: application/timestamp-query" '
        f"--data-binary @{tsq} {service.url} -o {tsr}"
    )


def root_command(service: Service) -> str | None:
    if service.root_url is None:
        return None
    return f"curl -sS -o {service.name.lower()}-root.pem {service.root_url}"


def inspect_command(tsr: str) -> str:
    return f"openssl ts -reply -in {tsr} -text"


def import_command(tsr: str) -> str:
    return f"tr-journal stamp import {tsr}"
