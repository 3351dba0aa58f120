"""One localisation module: every key in every language, the same placeholders, and no language
mixed into another.
"""

from __future__ import annotations

import re

import pytest

from dongson_analysis.l10n import (
    LANGUAGES,
    MissingTextError,
    Texts,
    catalog,
    flatten,
    placeholders,
    texts_for,
)

FLAT = {lang: flatten(catalog(lang)) for lang in LANGUAGES}


def _templates(entry) -> list[str]:
    if isinstance(entry, dict):
        return list(entry.values())
    if isinstance(entry, list):
        return [item["text"] for item in entry]
    return [entry]


def test_every_key_exists_in_every_language():
    keys = {lang: set(flat) for lang, flat in FLAT.items()}
    for lang in LANGUAGES:
        assert keys[lang] == keys["vi"], f"{lang}: {sorted(keys[lang] ^ keys['vi'])}"


@pytest.mark.parametrize("key", sorted(FLAT["vi"]))
def test_placeholders_agree_across_languages(key):
    found = {
        lang: set().union(*(placeholders(t) for t in _templates(FLAT[lang][key])))
        for lang in LANGUAGES
    }
    assert found["vi"] == found["en"], key


def test_a_missing_key_or_language_fails_loudly():
    with pytest.raises(MissingTextError, match="no text 'nope.nothing'"):
        texts_for("en")("nope.nothing")
    with pytest.raises(MissingTextError, match="no language file"):
        Texts("fr")
    with pytest.raises(MissingTextError, match="needs the value"):
        texts_for("en")("need.period", name="x")
    with pytest.raises(MissingTextError, match="plural forms"):
        texts_for("en")("need.years", name="x", years="2020")


def test_plurals_and_number_locale():
    en = texts_for("en")
    assert en("validation.more_problems", count=1) == "... and 1 more problem"
    assert en("validation.more_problems", count=3000) == "... and 3,000 more problems"
    assert texts_for("vi")("validation.more_problems", count=3000) == "... và 3.000 lỗi khác"
    assert (
        Texts("en", "vi").number(3000.5) == "3.000,5"
    )  # language and number locale are separate settings


VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]"
)


def english_only_words() -> set[str]:
    """Words of the English file that the Vietnamese file never uses (its own vocabulary)."""

    def words(lang):
        text = " ".join(" ".join(_templates(v)) for v in FLAT[lang].values())
        text = re.sub(r"\{[^}]*\}|%\([^)]*\)\w|%\w", " ", text)
        return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}

    return words("en") - words("vi")


def test_english_file_has_no_vietnamese_and_vietnamese_file_no_english():
    english = english_only_words()
    allowed_vi = {
        "excel",
        "word",
        "jupyterlab",
        "templates",
        "csv",
        "utf",
        "comma",
        "delimited",
        "save",
        "paste",
        "values",
        "unmerge",
        "number_format",
        "force",
        "strict",
        "wide",
        "format",
        "table",
        "html",
        "naive",
        "drift",
        "theta",
        "sources",
        "indicators",
        "planner",
        "data",
        "raw",
        "public_record",
    }
    for key, entry in FLAT["vi"].items():
        for template in _templates(entry):
            text = re.sub(
                r"\{[^}]*\}|%\([^)]*\)\w|%\w|'[^']*'|\b\w+\.(csv|xlsx|yml)\b|--\w+|`[^`]*`",
                " ",
                template,
            )
            found = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)} & english - allowed_vi
            assert not found, f"vi {key}: {found}"
    for key, entry in FLAT["en"].items():
        if key.startswith(("validation.unknown_status", "document.", "validation.not_utf8")):
            continue  # names of accepted Vietnamese words, the national motto translated
        for template in _templates(entry):
            text = re.sub(r"\([^)]*ước[^)]*\)|\(ƯTH\)|ƯTH", " ", template)
            text = text.replace("Đông Sơn", "")
            assert not VIETNAMESE_LETTERS.search(text), f"en {key}: {template}"
