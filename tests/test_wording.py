"""The language of a district report: every stated number traceable, the register of such reports,
fluent English.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from dongson_analysis.formatting import rounded, value_text
from dongson_analysis.l10n import texts_for
from dongson_analysis.wording import (
    history_paragraph,
    judgement_paragraph,
    not_projected_text,
    projection_paragraph,
    proposal_paragraph,
)

NUMBER = {
    "vi": re.compile(
        r"(?<![\w.,])[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])[+-]?\d+(?:,\d+)?(?![\w])"
    ),
    "en": re.compile(
        r"(?<![\w.,])[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])[+-]?\d+(?:\.\d+)?(?![\w])"
    ),
}


#: Numbers that belong to the words, not to the results ("6 tháng đầu năm", "an 8 in 10 chance").
TEMPLATE_NUMBERS = re.compile(r"6 tháng|8 trên 10|8 in 10")


def numbers_in(text: str, lang: str) -> list[float]:
    text = TEMPLATE_NUMBERS.sub(" ", text)
    group, decimal = (".", ",") if lang == "vi" else (",", ".")
    return [float(m.replace(group, "").replace(decimal, ".")) for m in NUMBER[lang].findall(text)]


def paragraphs(analysis, lang):
    texts = texts_for(lang)
    out = [judgement_paragraph(texts, analysis, j) for j in analysis.judgements]
    out += [history_paragraph(texts, analysis, s) for s in analysis.series.values() if len(s.rows)]
    out += [projection_paragraph(texts, analysis, i, p) for i, p in analysis.projections.items()]
    out += [not_projected_text(texts, analysis, i, r) for i, r in analysis.not_projected.items()]
    out += [proposal_paragraph(texts, analysis, p) for p in analysis.proposals]
    return out


def known_numbers(analysis) -> list[float]:
    """Every number the results hold (and the years), as a paragraph may state it."""
    values: list[float] = list(range(1990, 2036))
    values += [
        95,
        80,
        50,
        20,
    ]  # the probability levels of the ranges and proposals, stated by the templates
    for j in analysis.judgements:
        t = j.target
        values += [
            t.value,
            t.value_high,
            j.known_value,
            j.percent_of_target,
            abs(j.shortfall),
            abs(j.difference),
            j.base_value,
            j.latest_value,
            abs(j.actual_rate),
            abs(j.required_rate),
            abs(j.needed_rate),
            j.ratio,
            100 * j.probability,
            len(j.years_met),
            len(j.years_met) + len(j.years_not_met),
        ]
        values += [
            v for e in j.evidence + j.caveats for v in e.kw.values() if isinstance(v, (int, float))
        ]
    for s in analysis.series.values():
        values += s.rows["value"].tolist() + [len(s.rows), len(s.segment)]
        if len(s.segment) >= 2:
            x0, x1 = float(s.segment["value"].iloc[0]), float(s.segment["value"].iloc[-1])
            y0, y1 = int(s.segment["period_start"].iloc[0]), int(s.segment["period_start"].iloc[-1])
            values += [abs((x1 - x0) / (y1 - y0))]
            if x0 > 0 and x1 > 0:
                values += [100 * ((x1 / x0) ** (1 / (y1 - y0)) - 1)]
    from dongson_analysis.forecast_core import DESIGNS
    from dongson_analysis.wording import projected_path

    for indicator, p in analysis.projections.items():
        values += np.concatenate([p.point, p.lower80, p.upper80, p.lower95, p.upper95]).tolist()
        values += [
            v
            for path in projected_path(analysis, indicator, p)
            if path is not None
            for v in (path.start_value, path.rate, path.bound)
        ]
        design = DESIGNS[p.design]
        values += [design.n_points, design.span, design.span + 1]  # the design, in words
    for p in analysis.proposals:
        values += [p.base_value, p.latest_value] + [
            v for lv in p.levels for v in (lv.value, 100 * lv.probability, abs(lv.annual_change))
        ]
    prices = analysis.consumer_prices  # the national price changes a report of its date cites
    values += prices.loc[prices["published_by_report_date"], "change_percent"].tolist()
    return [v for v in values if isinstance(v, (int, float)) and math.isfinite(v)]


def traceable(number: float, known: list[float]) -> bool:
    for value in known:
        for shown in (
            value,
            rounded(value),
            round(value, 1),
            round(value, 2),
            round(value),
            abs(value),
        ):
            if math.isclose(abs(number), abs(shown), rel_tol=1e-9, abs_tol=1e-9):
                return True
    return False


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_stated_number_comes_from_a_result(public_analysis, lang):
    known = known_numbers(public_analysis)
    for text in paragraphs(public_analysis, lang):
        for number in numbers_in(text, lang):
            assert traceable(number, known), (number, text)


def test_the_check_catches_an_invented_number(public_analysis):
    known = known_numbers(public_analysis)
    assert not all(traceable(n, known) for n in numbers_in("Thu nhập đạt 61,37 triệu đồng.", "vi"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_period_codes_and_no_space_before_percent(public_analysis, lang):
    for text in paragraphs(public_analysis, lang):
        assert not re.search(r"\d{4}H[12]", text), text
        assert " %" not in text, text


def test_vietnamese_register(public_analysis):
    text = " ".join(paragraphs(public_analysis, "vi"))
    for phrase in (
        "ước đạt 18,2%, đạt kế hoạch (18,2%)",
        "đạt 321 ha, vượt kế hoạch (315 ha), bằng 101,9% kế hoạch",
        "6 tháng đầu năm 2020, vốn đầu tư phát triển huy động ước đạt 1.422,5 tỷ đồng, bằng 47,4% "
        "kế hoạch cả năm",
        "điểm phần trăm/năm",
        "triệu đồng/người/năm",
        "trên 105 người",
        "32% trở lên",
        "không còn (0 hộ)",
        "gần 5.400 người",
    ):
        assert phrase in text, phrase


def test_not_achieved_reads_as_a_report_reads(tmp_path):
    from test_judgement import analyse

    a = analyse(
        tmp_path,
        [
            "huyen_thu,production_value_growth,%,2020,18.2,target,SYN,",
            "huyen_thu,production_value_growth,%,2020,17.9,ước,SYN,",
        ],
    )
    (j,) = a.judgements
    vi = judgement_paragraph(texts_for("vi"), a, j)
    assert vi.startswith(
        "Năm 2020, tốc độ tăng trưởng giá trị sản xuất ước đạt 17,9%, thấp hơn kế hoạch (18,2%) "
        "0,3 điểm phần trăm (bằng 98,4% kế hoạch), không đạt kế hoạch."
    )
    en = judgement_paragraph(texts_for("en"), a, j)
    assert en.startswith(
        "In 2020, growth of production value: 17.9% (estimate), below the target (18.2%) by "
        "0.3 percentage points (98.4% of it): not achieved."
    )
    a = analyse(
        tmp_path,
        [
            "huyen_thu,export_value,triệu USD,2020,45,target,SYN,",
            "huyen_thu,export_value,triệu USD,2020,44.2,ước,SYN,",
        ],
    )
    vi = judgement_paragraph(texts_for("vi"), a, a.judgements[0])
    assert vi.startswith(
        "Năm 2020, giá trị xuất khẩu ước đạt 44,2 triệu USD, không đạt kế hoạch (45 triệu USD), "
        "bằng 98,2% kế hoạch."
    )


def test_english_agreement_and_capitals(public_analysis):
    texts = texts_for("en")
    cat = public_analysis.catalogue
    assert value_text(texts, cat, 1, "communes", whole=True) == "1 commune"
    assert value_text(texts, cat, 14, "communes", whole=True) == "14 communes"
    text = " ".join(paragraphs(public_analysis, "en"))
    assert "1 communes" not in text and "1 villages" not in text
    assert "target for income per capita" in text  # a name lower-cased mid-sentence
    assert "GDP per capita" in text  # an acronym kept


def test_rates_state_their_years(public_analysis):
    for lang, pattern in (
        ("vi", r"bình quân [\d,]+%/năm giai đoạn (\d{4})–(\d{4})"),
        ("en", r"[\d.]+% a year on average over (\d{4})–(\d{4})"),
    ):
        text = " ".join(paragraphs(public_analysis, lang))
        assert re.search(pattern, text), lang


def test_a_break_is_named_in_the_text(public_analysis):
    vi = " ".join(paragraphs(public_analysis, "vi"))
    assert "chuẩn nghèo mới (nguồn N01)" in vi
    en = " ".join(paragraphs(public_analysis, "en"))
    assert "a new poverty line (source N01)" in en


# -- judgements shown as they were computed (issue 16.3) ------------------------------------------


def _judged(tmp_path, rows, indicator, area="huyen_thu"):
    from test_judgement import analyse, judged

    a = analyse(tmp_path, rows, area)
    return a, judged(a, indicator)


def test_a_term_missed_in_one_year_shows_the_years_met_and_the_weakest_year(tmp_path):
    from dongson_analysis.wording import judgement_cell

    rows = ["huyen_thu,food_output,tấn,2016-2020,52500,target,SYN,at_least"]
    values = (51200, 53000, 54003, 54500, 54600)
    rows += [
        f"huyen_thu,food_output,tấn,{y},{v},actual,SYN," for y, v in zip(range(2016, 2021), values)
    ]
    a, j = _judged(tmp_path, rows, "food_output")
    assert j.status == "not_achieved" and j.weakest_period == "2016"
    assert j.shortfall == pytest.approx(1300) and j.shortfall > 0
    vi = texts_for("vi")
    cell = judgement_cell(vi, a, j)
    assert cell == (
        "Không đạt kế hoạch: 4/5 năm có số liệu đạt kế hoạch; thấp nhất năm 2016 (51.200 tấn)"
    )
    text = judgement_paragraph(vi, a, j)
    assert "không đạt năm 2016" in text and "Năm thấp nhất là năm 2016 (51.200 tấn" in text
    assert "102," not in text and "-" not in cell


def test_one_year_against_a_five_year_target_is_not_enough_basis(tmp_path):
    from dongson_analysis.wording import judgement_cell

    rows = [
        "huyen_thu,food_output,tấn,2016-2020,52500,target,SYN,at_least",
        "huyen_thu,food_output,tấn,2018,54003,actual,SYN,",
    ]
    a, j = _judged(tmp_path, rows, "food_output")
    assert j.status == "not_assessable"
    vi, en = texts_for("vi"), texts_for("en")
    assert judgement_cell(vi, a, j) == "Chưa đủ căn cứ: mới có số liệu 2018"
    assert judgement_cell(en, a, j) == "Not enough basis: figures only for 2018"
    text = judgement_paragraph(vi, a, j)
    assert "chưa đủ căn cứ" in text and "Đúng tiến độ" not in text and "102,9%" not in text


def test_a_figure_a_hair_below_its_target_never_reads_100_percent(tmp_path):
    from dongson_analysis.wording import judgement_cell

    rows = [
        "huyen_thu,export_value,triệu USD,2020,55,target,SYN,",
        "huyen_thu,export_value,triệu USD,2020,54.99999,actual,SYN,",
    ]
    a, j = _judged(tmp_path, rows, "export_value")
    assert j.status == "not_achieved" and j.shortfall > 0
    for lang in ("vi", "en"):
        texts = texts_for(lang)
        for text in (judgement_cell(texts, a, j), judgement_paragraph(texts, a, j)):
            assert not re.search(r"100([,.]0+)?%", text), text
    assert "54,99999" in judgement_paragraph(texts_for("vi"), a, j)


def test_no_shortfall_is_ever_negative(public_analysis, tmp_path):
    for j in public_analysis.judgements:
        assert math.isnan(j.shortfall) or j.shortfall > 0, j


def test_a_target_worked_out_from_a_report_is_judged_as_reported(public_analysis):
    from dongson_analysis.wording import judgement_cell

    derived = [
        j for j in public_analysis.judgements if j.target.derived and j.status != "not_assessable"
    ]
    assert derived
    for j in derived:
        vi, en = (judgement_cell(texts_for(lang), public_analysis, j) for lang in ("vi", "en"))
        assert "(theo báo cáo" in vi and vi.count("(") == 1  # one parenthesis of marks
        assert "(as reported" in en and en.count("(") == 1
        assert "số tính toán từ báo cáo" in judgement_paragraph(texts_for("vi"), public_analysis, j)


def test_an_inferred_year_is_flagged_in_the_cell_too(public_analysis):
    from dongson_analysis.wording import judgement_cell

    flagged = [j for j in public_analysis.judgements if j.inferred_years]
    assert flagged
    for j in flagged:  # the cell states a figure only once a status is given
        if j.status != "not_assessable":
            assert "(năm suy ra)" in judgement_cell(texts_for("vi"), public_analysis, j)
        assert "năm được suy ra" in judgement_paragraph(texts_for("vi"), public_analysis, j)


def test_every_rate_states_its_price_basis(tmp_path):
    rows = ["huyen_thu,production_value_growth_avg,%/năm,2016-2020,18,target,SYN,"]
    rows += [
        f"huyen_thu,production_value_growth,%,{y},{g},actual,SYN,"
        for y, g in zip(range(2016, 2021), (17, 17.5, 18.2, 18, 17.9))
    ]
    a, j = _judged(tmp_path, rows, "production_value_growth_avg")
    assert "giá so sánh 2010" in judgement_paragraph(texts_for("vi"), a, j)
    assert "constant 2010 prices" in judgement_paragraph(texts_for("en"), a, j)
    rows = [
        "huyen_thu,income_per_capita,triệu đồng/người/năm,2020,55,target,SYN,",
        "huyen_thu,income_per_capita,triệu đồng/người/năm,2015,37,actual,SYN,",
        "huyen_thu,income_per_capita,triệu đồng/người/năm,2018,45,actual,SYN,",
    ]
    a, j = _judged(tmp_path, rows, "income_per_capita")
    text = judgement_paragraph(texts_for("vi"), a, j)
    assert "giá hiện hành" in text and "năm 2015" in text


def test_the_poverty_reduction_is_measured_from_the_first_figure_of_the_new_line(tmp_path):
    """The multidimensional line applies from 2016 (the end-2015 survey): 2016–2020 is 4 years of
    change, not 5, and the judgement is an outcome once 2020 is known.
    """
    import shutil

    from conftest import PUBLIC_RECORD

    from dongson_analysis import Settings, run_analysis

    folder = tmp_path / "data"
    shutil.copytree(PUBLIC_RECORD.parent / "national", folder / "national")
    (folder / "sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\nSYN,Synthetic test data (not real),"
        "2026,,made up\n",
        encoding="utf-8",
    )
    rows = [
        "huyen_thu,poverty_rate_reduction,điểm %/năm,2016-2020,1.5,target,SYN,",
        "huyen_thu,poverty_rate,%,2016,9.0,actual,SYN,",
        "huyen_thu,poverty_rate,%,2020,2.6,ước,SYN,",
    ]
    (folder / "figures.csv").write_text(
        "area,indicator,unit,period,value,status,source_id,qualifier\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    from conftest import SYNTHETIC_CATALOGUE_DIR

    a = run_analysis(Settings((folder,), SYNTHETIC_CATALOGUE_DIR, area="huyen_thu"))
    j = next(j for j in a.judgements if j.target.indicator == "poverty_rate_reduction")
    assert j.base_period == "2016" and j.family == "outcome"
    assert j.actual_rate == pytest.approx((9.0 - 2.6) / 4)  # 1,6 points a year over 4 years
    assert j.status == "exceeded"
    text = judgement_paragraph(texts_for("vi"), a, j)
    assert "năm 2016" in text and "cuối năm 2015" in text


def test_my_sentences_never_name_the_area_level_themselves():
    """Words that depend on the level (huyện, xã, tỉnh) come from the ``levels`` section."""
    from dongson_analysis.l10n import catalog, flatten

    mine = (
        "status.",
        "qualifier",
        "value.",
        "change.",
        "period.",
        "probability.",
        "verb.",
        "need.",
        "break_kind.",
        "note.",
        "sentence.",
        "cell.",
        "judgement.",
        "history.",
        "projection.",
        "design.",
        "not_projected.",
        "proposal.",
        "price_basis.",
    )
    for lang, words in (
        ("vi", ("huyện", "xã ", "tỉnh")),
        ("en", ("district", "commune ", "province")),
    ):
        for key, entry in flatten(catalog(lang)).items():
            if key.startswith(mine):
                text = " ".join(entry.values()) if isinstance(entry, dict) else str(entry)
                assert not any(w in text.lower() for w in words), (key, text)


@pytest.mark.parametrize(
    "area, vi, en",
    [("xa_thu", "toàn xã", "the whole commune"), ("tinh_thu", "toàn tỉnh", "the whole province")],
)
def test_words_that_name_the_level_come_from_the_levels_section(tmp_path, area, vi, en):
    from test_judgement import analyse

    from dongson_analysis.wording import area_words

    a = analyse(tmp_path, [f"{area},export_value,triệu USD,2020,45,actual,SYN,"], area)
    assert area_words(texts_for("vi"), a, "whole") == vi
    assert area_words(texts_for("en"), a, "whole") == en
