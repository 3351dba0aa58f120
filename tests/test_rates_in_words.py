"""Every sentence about a trend or a projection states the rate it implies, recomputed here from
the result: the observed trend from the series, the median path from ``Projection.table()``.

Runs on the shipped record and on a synthetic complete district (the figures of
``test_judgement.SEED_FIGURES``, named synthetic, source ``SYN``), in both languages.
"""

from __future__ import annotations

import math
import re
import shutil

import pytest
from conftest import CATALOGUE_DIR, PUBLIC_RECORD

from dongson_analysis import Settings, run_analysis
from dongson_analysis.formatting import years_text
from dongson_analysis.l10n import texts_for
from dongson_analysis.wording import history_paragraph, projection_paragraph

#: A rate a year as the sentences write it (percent or percentage points a year).
RATE = {
    "vi": re.compile(r"([+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?)(%/năm| điểm phần trăm/năm)"),
    "en": re.compile(r"([+-]?\d{1,3}(?:,\d{3})*(?:\.\d+)?)(% a year| percentage points a year)"),
}
UNIT_WORDS = {
    "vi": {"%/năm": "percent", " điểm phần trăm/năm": "points"},
    "en": {"% a year": "percent", " percentage points a year": "points"},
}


@pytest.fixture(scope="module")
def synthetic_district(tmp_path_factory):
    """The public record plus a synthetic planner file with every seed indicator 2015–2020."""
    from test_judgement import HEADER, SEED_FIGURES, SOURCES

    folder = tmp_path_factory.mktemp("synthetic") / "data"
    shutil.copytree(PUBLIC_RECORD, folder / "public_record")
    shutil.copytree(PUBLIC_RECORD.parent / "national", folder / "national")
    rows = [
        f"dong_son,{indicator},{unit},{year},{value},{'ước' if year == 2020 else 'actual'},SYN,"
        for indicator, (unit, values) in SEED_FIGURES.items()
        for year, value in zip(range(2015, 2021), values)
    ]
    (folder / "planner").mkdir()
    (folder / "planner" / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "planner" / "synthetic_complete.csv").write_text(
        HEADER + "\n".join(rows) + "\n", encoding="utf-8"
    )
    return run_analysis(Settings((folder,), CATALOGUE_DIR))


@pytest.fixture(params=["shipped", "synthetic"])
def analysis(request, public_analysis, synthetic_district):
    return public_analysis if request.param == "shipped" else synthetic_district


def _change(x0: float, x1: float, years: int, unit: str) -> float:
    if unit == "percent":
        return 100 * ((x1 / x0) ** (1 / years) - 1)
    return (x1 - x0) / years


def _value(projection, year: int) -> float:
    table = projection.table()
    found = table.loc[table["year"] == year, "point"]
    if len(found):
        return float(found.iloc[0])
    return float(dict(zip(projection.years.tolist(), projection.values.tolist()))[year])


def _shown(texts, rate: float, unit: str, precision: int) -> str:
    decimals = 1 if unit == "percent" else max(precision, 0) + 1
    return texts.number(round(abs(rate), decimals) + 0.0, decimals)


def _stated(text: str, lang: str) -> list[tuple[str, str]]:
    return [
        (number.lstrip("+-"), UNIT_WORDS[lang][unit]) for number, unit in RATE[lang].findall(text)
    ]


def expected_rates(analysis, indicator: str, texts) -> dict[str, set[tuple[str, str]]]:
    """The rates a projection paragraph may state, recomputed from the result."""
    cat, settings = analysis.catalogue, analysis.settings
    ind = cat[indicator]
    projection = analysis.projections[indicator]
    end, start = settings.plan_end, int(projection.years[-1])
    out: dict[str, set[tuple[str, str]]] = {"path": set(), "plan": set(), "trend": set()}
    x0, x1 = _value(projection, start), _value(projection, end)
    unit = ind.spec.change_unit_between(x0, x1, ind.lower_bound, ind.upper_bound)
    rate = _change(x0, x1, end - start, unit)
    out["path"].add((_shown(texts, rate, unit, ind.precision), unit))
    base = settings.target_year
    if start < base < end:
        p0 = _value(projection, base)
        unit = ind.spec.change_unit_between(p0, x1, ind.lower_bound, ind.upper_bound)
        out["plan"].add(
            (_shown(texts, _change(p0, x1, end - base, unit), unit, ind.precision), unit)
        )
    seg = analysis.series[cat.canonical(indicator)].segment
    if len(seg) >= 2:
        y0, y1 = int(seg["period_start"].iloc[0]), int(seg["period_start"].iloc[-1])
        v0, v1 = float(seg["value"].iloc[0]), float(seg["value"].iloc[-1])
        unit = ind.spec.change_unit_between(v0, v1, ind.lower_bound, ind.upper_bound)
        out["trend"].add((_shown(texts, _change(v0, v1, y1 - y0, unit), unit, ind.precision), unit))
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_projection_sentence_states_the_rate_its_path_implies(analysis, lang):
    texts = texts_for(lang)
    assert analysis.projections
    for indicator, projection in analysis.projections.items():
        text = projection_paragraph(texts, analysis, indicator, projection)
        expected = expected_rates(analysis, indicator, texts)
        stated = _stated(text, lang)
        assert expected["path"] <= set(stated) or not any(
            u in ("percent", "points") for _, u in expected["path"]
        ), (indicator, expected, text)
        allowed = expected["path"] | expected["plan"] | expected["trend"]
        for rate in stated:
            assert rate in allowed, (indicator, rate, allowed, text)
        if expected["plan"]:
            assert expected["plan"] <= set(stated), (indicator, text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_trend_sentence_states_the_observed_rate(analysis, lang):
    texts = texts_for(lang)
    observed_word = "xu hướng quan sát" if lang == "vi" else "observed trend"
    for indicator, trend in analysis.trends.items():
        text = history_paragraph(texts, analysis, analysis.series[indicator])
        if trend.unit not in ("percent", "points"):
            continue
        ind = analysis.catalogue[indicator]
        shown = _shown(texts, trend.rate, trend.unit, ind.precision)
        if float(shown.replace(",", ".")) == 0 if lang == "vi" else float(shown) == 0:
            continue  # "hardly changed": no rate is stated
        assert (shown, trend.unit) in _stated(text, lang), (indicator, text)
        assert observed_word in text, text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_path_is_called_the_trend_continued_and_no_falling_path_is_flat_unexplained(
    analysis, lang
):
    texts = texts_for(lang)
    for indicator, projection in analysis.projections.items():
        text = projection_paragraph(texts, analysis, indicator, projection)
        assert "Nếu xu hướng" not in text and "If the trend" not in text, text
        trend = analysis.trends.get(indicator)
        flat = "gần như không đổi" in text or "hardly changes" in text
        if flat and trend is not None and trend.rate < 0:
            assert "giới hạn" in text or "bound" in text, text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_counts_of_years_and_consecutive_are_right(analysis, lang):
    from dongson_analysis.forecast_core import DESIGNS

    texts = texts_for(lang)
    for indicator, projection in analysis.projections.items():
        design = DESIGNS[projection.design]
        used = [int(y) for y in projection.used_years]
        assert len(used) == design.n_points, (indicator, used, design)
        if design.consecutive:
            assert used == list(range(used[0], used[0] + len(used))), (indicator, used)
        text = projection_paragraph(texts, analysis, indicator, projection)
        listed = re.search(r"(?:liên tiếp có số liệu|consecutive yearly figures) \(([^)]*)\)", text)
        if listed:  # the years a "consecutive" design lists are the years it uses
            assert listed.group(1) == years_text(texts, used), (indicator, text)


def test_the_three_quoted_sentences_of_issue_17_are_gone(public_analysis):
    vi, en = texts_for("vi"), texts_for("en")
    p = public_analysis.projections["income_per_capita"]
    text_en = projection_paragraph(en, public_analysis, "income_per_capita", p)
    text_vi = projection_paragraph(vi, public_analysis, "income_per_capita", p)
    assert "If the trend of 2010–2018 continues" not in text_en
    # the median is a damped path of about 11% a year from 2018, and the text says it slows
    rate = _change(float(p.values[-1]), _value(p, 2025), 2025 - int(p.years[-1]), "percent")
    assert 10 < rate < 13
    assert f"{rate:.1f}% a year on average over 2018–2025" in text_en
    assert "slower than the observed trend of 2010–2018 (+19.7% a year)" in text_en
    assert "chậm hơn xu hướng quan sát giai đoạn 2010–2018 (+19,7%/năm)" in text_vi
    assert not math.isnan(rate)


def test_planner_figures_do_not_make_a_trend_of_one_rate_and_a_path_of_another(tmp_path):
    """Issue 17: with planner figures for 2019–2020 the text called a 6,95%/năm path the trend of
    2010–2020 while it stated that trend as 18,3%/năm.
    """
    from test_judgement import HEADER, SOURCES

    folder = tmp_path / "data"
    shutil.copytree(PUBLIC_RECORD, folder / "public_record")
    shutil.copytree(PUBLIC_RECORD.parent / "national", folder / "national")
    (folder / "planner").mkdir()
    (folder / "planner" / "sources.csv").write_text(SOURCES, encoding="utf-8")
    rows = [
        "dong_son,income_per_capita,triệu đồng/người/năm,2019,48,actual,SYN,",
        "dong_son,income_per_capita,triệu đồng/người/năm,2020,54,ước,SYN,",
    ]
    (folder / "planner" / "synthetic.csv").write_text(HEADER + "\n".join(rows) + "\n", "utf-8")
    a = run_analysis(Settings((folder,), CATALOGUE_DIR))
    vi = texts_for("vi")
    text = projection_paragraph(vi, a, "income_per_capita", a.projections["income_per_capita"])
    assert "Nếu xu hướng" not in text
    expected = expected_rates(a, "income_per_capita", vi)
    assert expected["path"] <= set(_stated(text, "vi")), text
    design = text[text.index("Dự báo dựa trên") :]
    assert "2010 và 2018–2020" not in design, design
