"""Labels of the model's identifiers, locale formatting and bidi isolates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tr_journal import model
from tr_journal.i18n import format as fmt
from tr_journal.i18n import labels, set_language, translations_for

LANGS = ("fr", "ug", "zh_CN", "tr")


@pytest.mark.parametrize("kind", sorted(labels.TABLES))
def test_every_identifier_has_a_label(kind: str) -> None:
    table, codes = labels.TABLES[kind]
    assert set(codes) == set(table)


@pytest.mark.parametrize("lang", LANGS)
def test_labels_are_translated(lang: str) -> None:
    """Each label has a compiled translation (it may equal the English: "Notes" in French)."""
    compiled = translations_for(lang)._catalog  # the .mo's msgid -> msgstr
    missing = [
        english
        for table, _codes in labels.TABLES.values()
        for english in table.values()
        if not compiled.get(english)
    ]
    assert missing == []
    assert translations_for(lang).gettext("Relayed by") != "Relayed by"


def test_lookups_use_current_or_given_language() -> None:
    fr = translations_for("fr").gettext
    assert labels.channel_label("in_person", fr) == "En personne"
    assert labels.demand_label("return", fr) == "Rentrer au pays"
    assert labels.threat_label("detention", fr) == "Détention de proches"
    # the direction labels avoid "contacté(e)" forms (issue 16)
    assert labels.direction_label("incoming", fr) == "À leur initiative"
    assert labels.field_label("claimed_identity", fr) == "Qui ils prétendaient être"
    assert labels.channel_label("unknown_code") == "unknown_code"
    assert labels.channel_label(None) == ""
    try:
        set_language("zh_CN")
        assert labels.channel_label("wechat") == "微信"
        assert [code for code, _ in labels.choices("channel")] == list(model.CHANNELS)
        assert (
            labels.labels_joined(labels.THREAT_LABELS, ["relatives", "self"])
            == "伤害亲属, 针对我本人"
        )
    finally:
        set_language("en")


def test_dates_and_numbers_by_language() -> None:
    moment = datetime(2026, 1, 29, 15, 3, tzinfo=UTC)
    assert fmt.format_date(moment, "fr", "long") == "29 janvier 2026"
    assert fmt.format_date(moment, "tr", "long") == "29 Ocak 2026"
    assert fmt.format_date(moment, "zh_CN", "long") == "2026年1月29日"
    assert "يانۋار" in fmt.format_date(moment, "ug", "long")
    assert fmt.format_time(moment, "fr") == "15:03"
    assert fmt.format_time(moment, "en") == "3:03\u202fPM"
    assert fmt.format_number(1234567.5, "fr") == "1\u202f234\u202f567,5"
    assert fmt.format_number(1234567.5, "tr") == "1.234.567,5"
    assert fmt.format_percent(0.42, "tr") == "%42"
    assert fmt.format_size(1_234_567, "fr") == "1,2\u202fMo"
    assert fmt.format_duration(3725) == "1:02:05"
    assert fmt.format_duration(65) == "1:05"


def test_bidi_isolates() -> None:
    uyghur = "ئەخمەت"
    sentence = f"Saved by {fmt.bidi_isolate(uyghur)}."
    assert sentence == "Saved by \u2068ئەخمەت\u2069."
    assert fmt.ltr_isolate("+33 6 12 34 56 78") == "\u2066+33 6 12 34 56 78\u2069"
    assert fmt.bidi_isolate("") == "" and fmt.ltr_isolate(None) == ""
    assert fmt.strip_isolates(sentence) == "Saved by ئەخمەت."


def test_field_captions_use_each_language_colon() -> None:
    assert labels.field_caption("narrative", translations_for("fr").gettext) == "Notes :"
    assert labels.field_caption("narrative", translations_for("zh_CN").gettext) == "备注："
    assert labels.field_caption("narrative") == "Notes:"
