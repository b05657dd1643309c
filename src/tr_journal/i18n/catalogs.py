"""Extract, update, compile and check the gettext catalogs with Babel's Python API.

Why a module and not only a script: ``tools/i18n.py`` (what developers run) and the tests
(``tests/i18n``) must use exactly the same extraction rules, or the test would pass on strings
the tool never extracts. Nothing here is imported at run time by the app; it needs only Babel,
which is a runtime dependency anyway.

Rules that hold for every catalog (checked by :func:`problems`): every msgid found in the source
is present, translated (every plural form), not fuzzy, and keeps every ``{placeholder}`` of its
msgid; and the committed ``.mo`` says the same as its ``.po``.
"""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

DOMAIN = "tr_journal"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE_DIR / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
TARGETS = ("fr", "ug", "zh_CN", "tr")
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None, "t": None}  # t(): evidence report
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "ug": "nplurals=2; plural=(n != 1);",
    "zh_CN": "nplurals=1; plural=0;",
}
LANGUAGE_TEAMS = {"fr": "French", "ug": "Uyghur", "zh_CN": "Chinese (simplified)", "tr": "Turkish"}
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^{}]*)?\}(?!\})")
_PERCENT = re.compile(r"%(?:\([A-Za-z_]+\))?[srd]")  # argparse's own %-style fields
_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def extract_python_ast(fileobj, keywords, comment_tags, options):  # type: ignore[no-untyped-def]
    """Babel extraction method that also sees calls inside f-strings.

    Why: on Python 3.11 Babel's tokenizer-based extractor treats an f-string as one opaque
    token, so ``f"<h2>{t('How to verify')}</h2>"`` was silently missed (and so untranslated).
    The AST sees every call, wherever it is. Yields what Babel expects: (line, function name,
    all positional arguments as strings or None, comments).
    """
    tree = ast.parse(fileobj.read().decode("utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = (
            func.id
            if isinstance(func, ast.Name)
            else (func.attr if isinstance(func, ast.Attribute) else None)
        )
        if name not in keywords or not node.args:
            continue
        args = tuple(
            a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
            for a in node.args
        )
        yield node.lineno, name, args if len(args) > 1 else args[0], []


def extract(src_dir: Path = PACKAGE_DIR) -> Catalog:
    """Every translatable string of the package: ``_()``, ``ngettext()``, ``N_()``, ``t()``."""
    catalog = Catalog(
        project="tr-journal", version="0.1", charset="utf-8", creation_date=_FIXED_DATE, fuzzy=False
    )
    found = sorted(
        extract_from_dir(
            str(src_dir),
            method_map=[("**.py", extract_python_ast)],  # type: ignore[list-item]
            keywords=KEYWORDS,
        ),
        key=lambda item: (item[0], item[1]),
    )  # ast.walk is breadth-first
    for filename, lineno, message, comments, context in found:
        if not message or (isinstance(message, tuple) and not message[0]):
            continue  # _("") would return the catalog header
        rel = (src_dir.name + "/" + filename).replace("\\", "/")
        catalog.add(message, None, [(rel, lineno)], auto_comments=comments, context=context)
    return catalog


def placeholders(text: str) -> set[str]:
    """Fields of ``text``: ``str.format`` names (``{path}``, ``{n:,}``, not ``{{``) and
    %-style fields (``%s``, ``%(prog)s``) of the library strings we translate."""
    return set(_PLACEHOLDER.findall(text)) | set(_PERCENT.findall(text))


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)


def _strings(message: Message) -> tuple[str, ...]:
    if isinstance(message.string, (tuple, list)):
        return tuple(message.string)
    return (message.string or "",)


def message_problems(message: Message, nplurals: int) -> list[str]:
    """What is wrong with one catalog entry: untranslated, fuzzy, lost placeholders."""
    key = _ids(message)[0]
    strings = _strings(message)
    out: list[str] = []
    if message.fuzzy:
        out.append(f"fuzzy: {key!r}")
    if isinstance(message.id, tuple) and len(strings) != nplurals:
        out.append(f"needs {nplurals} plural forms: {key!r}")
    if not all(strings):
        out.append(f"untranslated: {key!r}")
        return out
    ids = _ids(message)
    for index, string in enumerate(strings):
        # msgstr[0] answers msgid (and, with one plural form, msgid_plural too); the others
        # answer msgid_plural.
        source = ids[0] if index == 0 and len(strings) > 1 else ids[-1]
        lost = placeholders(source) - placeholders(string)
        if lost:
            out.append(f"placeholder(s) {sorted(lost)} lost in {key!r}: {string!r}")
    return out


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def problems(template: Catalog, lang: str, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Everything that keeps catalog ``lang`` from being complete for ``template``."""
    po_path = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():
        return [f"{lang}: no catalog at {po_path}"]
    catalog = read_catalog(po_path, lang)
    out = (
        [f"{lang}: Plural-Forms is {catalog.plural_forms!r}"]
        if (catalog.plural_forms != PLURAL_FORMS[lang])
        else []
    )
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        if entry is None:
            out.append(f"{lang}: missing: {_ids(message)[0]!r}")
            continue
        out.extend(f"{lang}: {p}" for p in message_problems(entry, catalog.num_plurals))
    out.extend(f"{lang}: {p}" for p in _mo_problems(catalog, po_path.with_suffix(".mo")))
    return out


def _mo_problems(catalog: Catalog, mo_path: Path) -> list[str]:
    """The compiled catalog must carry the same translations as the .po (re-run compile)."""
    if not mo_path.exists():
        return [f"not compiled: {mo_path.name} missing"]
    with open(mo_path, "rb") as handle:
        compiled = read_mo(handle)
    expected = {_ids(m): _strings(m) for m in catalog if m.id and all(_strings(m)) and not m.fuzzy}
    actual = {_ids(m): _strings(m) for m in compiled if m.id}
    if expected != actual:
        return [f"{mo_path.name} is stale: run tools/i18n.py --compile"]
    return []


def write_template(template: Catalog, path: Path = TEMPLATE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_po(template, path)


def update(template: Catalog, lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Merge ``template`` into the ``lang`` catalog (created if absent), without fuzzy guesses.

    Fuzzy matching is off: a guessed translation of a different sentence is worse than none,
    and the completeness test would reject it anyway.
    """
    po_path = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    po_path.parent.mkdir(parents=True, exist_ok=True)
    if po_path.exists():
        catalog = read_catalog(po_path, lang)
    else:
        catalog = Catalog(
            locale=lang,
            domain=DOMAIN,
            project="tr-journal",
            version="0.1",
            creation_date=_FIXED_DATE,
            fuzzy=False,
            header_comment=(
                f"# {LANGUAGE_TEAMS[lang]} translation of tr-journal.\n"
                "# Same licence as tr-journal (GPL-3.0-or-later).\n#"
            ),
        )
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    set_headers(catalog, lang)
    _write_po(catalog, po_path)
    return po_path


def set_headers(catalog: Catalog, lang: str) -> None:
    """Plural-Forms and language headers as gettext tools expect them (Babel's tr is wrong)."""
    catalog.fuzzy = False
    catalog.language_team = f"{LANGUAGE_TEAMS[lang]} <tr-journal@localhost>"
    catalog.last_translator = "tr-journal team <tr-journal@localhost>"
    plurals, expression = _split_plural(PLURAL_FORMS[lang])
    catalog._num_plurals = plurals  # type: ignore[assignment]
    catalog._plural_expr = expression  # type: ignore[assignment]
    catalog.revision_date = _FIXED_DATE


def _split_plural(forms: str) -> tuple[int, str]:
    nplurals, plural = (part.split("=", 1)[1].strip() for part in forms.rstrip(";").split(";"))
    return int(nplurals), plural.strip()


def compile_catalog(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Write ``<lang>.mo``; fuzzy and incomplete entries are left out (English shows)."""
    po_path = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    catalog = read_catalog(po_path, lang)
    for message in list(catalog):
        # Babel would keep a plural entry with empty forms, and Python's gettext would then
        # print an empty string instead of the English.
        if message.id and not all(_strings(message)):
            catalog.delete(message.id, message.context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    mo_path = po_path.with_suffix(".mo")
    data = buffer.getvalue()
    if not mo_path.exists() or mo_path.read_bytes() != data:
        mo_path.write_bytes(data)
    return mo_path


def _write_po(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=100, sort_output=False, include_previous=False, ignore_obsolete=False
    )
    data = buffer.getvalue()
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def all_problems(
    langs: Iterable[str] = TARGETS, src_dir: Path = PACKAGE_DIR, locale_dir: Path = LOCALE_DIR
) -> list[str]:
    template = extract(src_dir)
    out: list[str] = []
    for lang in langs:
        out.extend(problems(template, lang, locale_dir))
    return out
