"""Every user-visible string of the source is in every catalog, translated, not fuzzy, with its
placeholders; the compiled .mo files say the same as the .po files.

The extraction is Babel's, with the rules of tools/i18n.py (shared module), re-run here on the
current source, so a string added without a translation makes this test fail.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message

from tr_journal.i18n import catalogs, translations_for

TARGETS = catalogs.TARGETS


@pytest.fixture(scope="module")
def template() -> Catalog:
    return catalogs.extract()


def test_extraction_finds_the_three_keywords(template: Catalog) -> None:
    ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in template if m.id}
    assert "The passphrase is not correct for this vault." in ids  # N_() in errors.py
    assert "Phone call" in ids  # N_() in i18n/labels.py
    assert ("{n} entry", "{n} entries") in ids  # ngettext() in the CLI
    assert len(ids) > 300


@pytest.mark.parametrize("lang", TARGETS)
def test_catalog_is_complete(template: Catalog, lang: str) -> None:
    problems = catalogs.problems(template, lang)
    assert problems == [], (
        f"{len(problems)} problem(s); run tools/i18n.py, translate, "
        f"then tools/i18n.py --compile:\n" + "\n".join(problems[:40])
    )


@pytest.mark.parametrize("lang", TARGETS)
def test_plural_forms_header(lang: str) -> None:
    catalog = catalogs.read_catalog(
        catalogs.LOCALE_DIR / lang / "LC_MESSAGES" / "tr_journal.po", lang
    )
    assert catalog.plural_forms == catalogs.PLURAL_FORMS[lang]


@pytest.mark.parametrize("lang", TARGETS)
def test_placeholders_survive_translation(lang: str) -> None:
    """Every {placeholder} of a msgid appears in each of its msgstr forms."""
    catalog = catalogs.read_catalog(
        catalogs.LOCALE_DIR / lang / "LC_MESSAGES" / "tr_journal.po", lang
    )
    lost = []
    checked = 0
    for message in catalog:
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        forms = (message.string,) if isinstance(message.string, str) else message.string
        for index, form in enumerate(forms):
            source = ids[0] if index == 0 and len(forms) > 1 else ids[-1]
            wanted = catalogs.placeholders(source)
            checked += bool(wanted)
            if form and not wanted <= catalogs.placeholders(form):
                lost.append((source, form))
    assert checked > 50
    assert lost == []


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """A fuzzy entry, a lost placeholder, a missing plural form and a missing msgid are caught."""
    template = Catalog()
    for msgid in ("Saved as {id}.", "Fuzzy one", "Gone", ("{n} file", "{n} files")):
        template.add(msgid)
    catalog = Catalog(locale="fr")
    catalog.add("Saved as {id}.", "Enregistré.")
    catalog.add("Fuzzy one", "Approximatif", flags=["fuzzy"])
    catalog.add(("{n} file", "{n} files"), ("{n} fichier", ""))
    path = tmp_path / "fr" / "LC_MESSAGES" / "tr_journal.po"
    path.parent.mkdir(parents=True)
    catalogs.set_headers(catalog, "fr")
    catalogs._write_po(catalog, path)
    catalogs.compile_catalog("fr", tmp_path)
    found = "\n".join(catalogs.problems(template, "fr", tmp_path))
    assert "placeholder(s) ['id'] lost" in found
    assert "fuzzy: 'Fuzzy one'" in found
    assert "missing: 'Gone'" in found
    assert "untranslated: '{n} file'" in found
    # ...and the incomplete plural is not compiled (gettext would print "" for n=2).
    with open(path.with_suffix(".mo"), "rb") as handle:
        mo = gettext.GNUTranslations(handle)
    assert mo.ngettext("{n} file", "{n} files", 2) == "{n} files"


def test_message_problems_accept_a_good_plural() -> None:
    good = Message(("{n} entry", "{n} entries"), ("{n} entrée", "{n} entrées"))
    assert catalogs.message_problems(good, 2) == []
    chinese = Message(("{n} entry", "{n} entries"), ("条记录",))
    assert "lost" in catalogs.message_problems(chinese, 1)[0]


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("fr", 0, "0 entrée"),
        ("fr", 1, "1 entrée"),
        ("fr", 2, "2 entrées"),
        ("tr", 1, "1 kayıt"),
        ("zh_CN", 5, "5 条记录"),
        ("en", 1, "1 entry"),
        ("en", 0, "0 entries"),
    ],
)
def test_plurals_follow_each_language(lang: str, n: int, expected: str) -> None:
    text = translations_for(lang).ngettext("{n} entry", "{n} entries", n)
    assert text.format(n=n) == expected


def test_every_language_has_a_compiled_catalog() -> None:
    for lang in TARGETS:
        assert isinstance(translations_for(lang), gettext.GNUTranslations), lang


@pytest.mark.parametrize("lang", ["fr", "ug", "zh_CN", "tr"])
def test_one_word_for_channel(lang: str) -> None:
    """The patterns window's 'Stacked by: channel' names the same thing as the timeline's
    'Channel' column and the dossier's: French read « moyen » there and « Canal » elsewhere."""
    gettext_ = translations_for(lang).gettext
    assert gettext_("channel").casefold() == gettext_("Channel").casefold()


def test_uyghur_keeps_dot_zip_whole() -> None:
    """In a right-to-left sentence a bare ".zip" is drawn "zip." (the dot takes the Uyghur
    direction): the verify window's button read "zip. ھۆججىتى تاللاش". Isolated left to right
    (LRI … PDI) it stays ".zip"; names like BUNDLE.zip or (*.zip) are left as they are."""
    import re

    from babel.messages.pofile import read_po

    path = Path(catalogs.__file__).parent.parent / "locale" / "ug" / "LC_MESSAGES" / "tr_journal.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    bare = [
        m.string
        for m in catalog
        if isinstance(m.string, str) and re.search(r"(?:^|(?<=[^\u2066\w*]))\.zip\b", m.string)
    ]
    assert bare == []
