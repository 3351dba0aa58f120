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


# -- a language spec per language, and a throwaway language added at test time ------------------


def test_a_language_or_number_locale_without_a_spec_fails_with_a_clear_message():
    from dongson_analysis.l10n import format_decimal, language_spec, plural_form

    with pytest.raises(MissingTextError, match="no language spec for 'fr'.*LANGUAGE_SPECS"):
        Texts("vi", "fr")
    with pytest.raises(MissingTextError, match="no language spec for 'fr'"):
        plural_form("fr", 2)
    assert language_spec("vi").babel_locale == "vi_VN"
    assert format_decimal(3000.5, "vi_VN") == "3.000,5"


def test_a_spec_with_a_locale_babel_does_not_know_is_refused():
    from dongson_analysis.l10n import LanguageSpec, register_language

    with pytest.raises(MissingTextError, match="Babel knows no locale 'zz_ZZ'"):
        register_language(LanguageSpec("zz", "zz_ZZ"))


def test_percent_and_unit_spacing_and_dates_come_from_the_spec():
    from dongson_analysis.formatting import date_text, percent_text

    assert percent_text(texts_for("vi"), 18.2) == "18,2%"
    assert percent_text(texts_for("en"), 18.2) == "18.2%"
    assert date_text(texts_for("vi"), "2015-11-19") == "19/11/2015"
    assert texts_for("vi").with_unit("3.000", "tỷ đồng") == "3.000 tỷ đồng"
    assert texts_for("vi").with_unit("32", "% of production value") == "32% of production value"


FRENCH_LIKE = "xx"  # a throwaway language: the English words, French number and plural rules


@pytest.fixture
def throwaway_language(tmp_path, monkeypatch):
    """A language that ships nowhere, added the way a new language is added: a language file
    (here the English one, with a plural entry that has a ``many`` form), its rows in a copy of
    the catalogue's names.csv, and one spec entry. Removed again after the test.
    """
    import csv

    import yaml
    from conftest import REPO, synthetic_catalogue

    from dongson_analysis import catalogue as catalogue_module
    from dongson_analysis.l10n import LanguageSpec, register_language, unregister_language

    tree = yaml.safe_load((REPO / "dongson_analysis/locales/en.yml").read_text("utf-8"))
    tree["validation"]["more_problems"] = {
        "one": "... and {count} more problem",
        "many": "... and {count} more problems (many)",
        "other": "... and {count} more problems",
    }

    def french_percent(node):  # its own file writes "18,2 %": a no-break space before "%"
        if isinstance(node, dict):
            return {k: french_percent(v) for k, v in node.items()}
        if isinstance(node, list):
            return [french_percent(v) for v in node]
        return re.sub(r"([}\d])%", "\\1\u00a0%", node) if isinstance(node, str) else node

    file = tmp_path / f"{FRENCH_LIKE}.yml"
    file.write_text(yaml.safe_dump(french_percent(tree), allow_unicode=True), encoding="utf-8")
    folder = synthetic_catalogue(tmp_path / "catalogue")
    names = folder / "names.csv"
    with names.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    added = [{**r, "language": FRENCH_LIKE} for r in rows if r["language"] == "en"]
    added.append(
        {
            "entry": "unit",
            "id": "communes",
            "language": FRENCH_LIKE,
            "form": "many",
            "name": "communes (many)",
        }
    )
    with names.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(rows[0])).writerows(added)
    register_language(
        LanguageSpec(
            FRENCH_LIKE,
            "fr_FR",
            percent_space="\u00a0",
            unit_space="\u00a0",
            date_forms={"day": "{day}.{month}.{year}", "month": "{month}.{year}", "year": "{year}"},
        ),
        file,
    )
    # the catalogue checks names for every language in the list: the new one included
    monkeypatch.setattr(catalogue_module, "LANGUAGES", LANGUAGES + (FRENCH_LIKE,))
    yield folder
    unregister_language(FRENCH_LIKE)


def test_a_throwaway_language_runs_the_analysis_and_every_section(throwaway_language):
    from conftest import DATA

    from dongson_analysis import Settings, run_analysis
    from dongson_analysis.chapters import CHAPTERS
    from dongson_analysis.formatting import date_text, percent_text, unit_label
    from dongson_analysis.wording import (
        history_paragraph,
        judgement_cell,
        judgement_paragraph,
        projection_paragraph,
        proposal_paragraph,
    )

    analysis = run_analysis(Settings((DATA,), throwaway_language))
    xx = texts_for(FRENCH_LIKE)
    blocks = [b for ch in CHAPTERS for b in ch.blocks(analysis, xx)]
    assert blocks
    text = " ".join(
        [judgement_cell(xx, analysis, j) for j in analysis.judgements]
        + [judgement_paragraph(xx, analysis, j) for j in analysis.judgements]
        + [history_paragraph(xx, analysis, s) for s in analysis.series.values() if len(s.rows)]
        + [projection_paragraph(xx, analysis, i, p) for i, p in analysis.projections.items()]
        + [proposal_paragraph(xx, analysis, p) for p in analysis.proposals]
    )
    assert "\u00a0%" in text and not re.search(r"\d%", text)  # French percent spacing
    assert percent_text(xx, 18.2) == "18,2\u00a0%"
    assert xx.number(3000.5) == "3\u202f000,5"  # French digits
    assert date_text(xx, "2015-11-19") == "19.11.2015"
    assert xx("validation.more_problems", count=1_000_000).endswith("(many)")  # CLDR "many"
    assert xx("validation.more_problems", count=2) == "... and 2 more problems"
    assert unit_label(xx, analysis.catalogue, "communes", 1_000_000) == "communes (many)"
    assert xx.with_unit("3", "communes") == "3\u00a0communes"


def test_a_throwaway_language_without_its_catalogue_names_fails_at_load(throwaway_language):
    from dongson_analysis.catalogue import CatalogueError, load_catalogue

    names = throwaway_language / "names.csv"
    lines = names.read_text("utf-8").splitlines()
    names.write_text(
        "\n".join(line for line in lines if ",income_per_capita,xx," not in line) + "\n", "utf-8"
    )
    with pytest.raises(CatalogueError, match="income_per_capita"):
        load_catalogue(throwaway_language)


@pytest.mark.slow
def test_a_throwaway_language_writes_a_report(throwaway_language, tmp_path):
    from conftest import DATA

    from dongson_analysis import Settings
    from dongson_analysis.publish.regenerate import regenerate

    out = tmp_path / "reports"
    result = regenerate(Settings((DATA,), throwaway_language), out, None, ("vi", FRENCH_LIKE))
    written = [p for p in result.files if FRENCH_LIKE in p.parts]
    assert written, result.files


def test_every_shipped_language_has_a_spec_and_a_file():
    from dongson_analysis.l10n import LANGUAGE_SPECS

    assert set(LANGUAGES) <= set(LANGUAGE_SPECS)
    for lang in LANGUAGES:
        assert catalog(lang) and LANGUAGE_SPECS[lang].code == lang
