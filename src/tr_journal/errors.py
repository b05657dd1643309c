"""Typed errors raised by the services.

Services never print and never decide wording for the user: they raise one of these, carrying a
short English template (marked for translation with ``N_``) and its parameters. The edges (CLI,
GUI) turn an error into one translated sentence with :func:`tr_journal.i18n.describe_error` and
pick the process exit code from :attr:`TrJournalError.exit_code` (docs/cli.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message


EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_CORRUPT = 4


class TemplatedProblem(Exception):
    """A finding of a parser (bundle, signature) that the verdict shows in the reader's language.

    ``str()`` is the English sentence (JSON, logs); ``template`` (an ``N_()`` msgid) and
    ``params`` let the edge translate it. Mixed first into exceptions that must stay of another
    family too (``class DamagedMember(TemplatedProblem, zipfile.BadZipFile)``).
    """

    def __init__(self, template: str, **params: Any) -> None:
        super().__init__(template.format(**params))
        self.template, self.params = template, params


class TrJournalError(Exception):
    """Base of every error the user may see; ``template`` is formatted with ``params``."""

    template = N_("Something went wrong.")
    exit_code = EXIT_FAILED

    def __init__(self, template: str | None = None, **params: Any) -> None:
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.english())

    def render(self, translate: Callable[[str], str] = str) -> str:
        """The sentence, translated by ``translate``; a ``detail`` template is filled too."""
        params = dict(self.params)
        detail = params.get("detail")
        if isinstance(detail, str):
            params["detail"] = _fill(translate(detail), params)
        return _fill(translate(self.template), params)

    def english(self) -> str:
        return self.render()


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class UsageError(TrJournalError):
    template = N_("The command was not used correctly.")
    exit_code = EXIT_USAGE


class WrongPassphrase(TrJournalError):
    template = N_("The passphrase is not correct for this vault.")
    exit_code = EXIT_LOCKED


class VaultLocked(TrJournalError):
    template = N_("The vault is locked.")
    exit_code = EXIT_LOCKED


class VaultNotFound(TrJournalError):
    template = N_("There is no vault at {path}.")
    exit_code = EXIT_CORRUPT


class VaultExists(TrJournalError):
    template = N_("A vault already exists at {path}; it was left untouched.")
    exit_code = EXIT_USAGE


class VaultCorrupt(TrJournalError):
    template = N_("The vault is damaged and was not changed: {detail}")
    exit_code = EXIT_CORRUPT


class VaultTooNew(VaultCorrupt):
    template = N_(
        "This vault was made by a newer version of tr-journal (format {found}); "
        "this version reads up to {supported}. Nothing was changed."
    )


class VaultBusy(TrJournalError):
    template = N_("The vault is in use by another tr-journal window or command; try again.")
    exit_code = EXIT_LOCKED


class NotFound(TrJournalError):
    template = N_("Nothing with the id {id} is in this vault.")
    exit_code = EXIT_FAILED


class InvalidInput(TrJournalError):
    template = N_("{detail}")
    exit_code = EXIT_USAGE


class ImportFailed(TrJournalError):
    template = N_("Line {line} of {file}: {detail}. Nothing was imported.")
    exit_code = EXIT_FAILED


class ImportRefused(TrJournalError):
    """An export that cannot be imported safely or at all (docs/imports.md); nothing written."""

    template = N_("{file} cannot be imported: {detail}. Nothing was imported.")
    exit_code = EXIT_FAILED


class ChainBroken(TrJournalError):
    template = N_("The journal's history does not check out: {detail}")
    exit_code = EXIT_FAILED


class DiskFull(TrJournalError):
    template = N_(
        "The disk is full; nothing was saved from this action. Free some space and try again."
    )
    exit_code = EXIT_FAILED


class FileUnreadable(TrJournalError):
    template = N_("The file {path} could not be read: {detail}. Nothing was saved.")
    exit_code = EXIT_FAILED


class UnsupportedMedia(TrJournalError):
    template = N_("The file {name} could not be decoded as {kind}.")
    exit_code = EXIT_FAILED


class BundleInvalid(TrJournalError):
    template = N_("The evidence bundle is not valid: {detail}")
    exit_code = EXIT_FAILED


class StampRefused(TrJournalError):
    """A time-stamp reply that does not answer our request or does not verify (nothing kept)."""

    template = N_("The time-stamp reply was refused and nothing was recorded: {detail}")
    exit_code = EXIT_FAILED


class StampSendFailed(TrJournalError):
    """The explicit online mode could not reach the time-stamp authority."""

    template = N_("The request could not be sent to {url}: {detail}. Nothing was recorded.")
    exit_code = EXIT_FAILED


class Cancelled(TrJournalError):
    template = N_("Cancelled; nothing was changed.")
    exit_code = EXIT_FAILED


def as_user_error(error: BaseException) -> TrJournalError | None:
    """The typed error an untyped one stands for, if we know it (else ``None``).

    A page that fails its HMAC can surface as ``sqlcipher3.DatabaseError`` from code that reads
    the connection outside ``Vault.reading()``; a full disk as a plain ``OSError``.
    """
    import errno

    if isinstance(error, TrJournalError):
        return error
    kind = type(error)
    if kind.__module__.startswith("sqlcipher3") and "disk is full" in str(error).lower():
        return DiskFull()
    if kind.__module__.startswith("sqlcipher3") and kind.__name__ == "DatabaseError":
        return VaultCorrupt(detail=N_("a page of the database is damaged"))
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull()
    return None


class Sentence(str):
    """An English sentence that keeps its ``N_()`` template and values.

    Why a ``str``: the vault's ``check`` (its ``--json`` included) and scripts keep reading plain
    English, while the bundle verifier, which must speak the reader's language, renders
    ``template`` with ``params`` through gettext. Values are ids, numbers and file names: never
    words that would need translating themselves.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Sentence:
        sentence = super().__new__(cls, template.format(**params))
        sentence.template, sentence.params = template, params
        return sentence

    def render(self, translate: Callable[[str], str]) -> str:
        """The sentence in the language of ``translate`` (``tr_journal.i18n._`` at the edges)."""
        return translate(self.template).format(**self.params)
