"""Proposals for the next plan: direction-aware, from a named base, for every core indicator or a
line of needs.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from conftest import CATALOGUE_DIR
from hypothesis import given, settings
from hypothesis import strategies as st

from dongson_analysis import Settings, project
from dongson_analysis.catalogue import load_catalogue
from dongson_analysis.proposals import propose_indicator, round_to_precision
from dongson_analysis.series import Series

CAT = load_catalogue(CATALOGUE_DIR)
SETTINGS = Settings((CATALOGUE_DIR,), CATALOGUE_DIR)


def synthetic_series(indicator: str, years, values) -> Series:
    """A synthetic series (made up for the test) in the shape build_series gives."""
    rows = pd.DataFrame(
        {
            "period_start": list(years),
            "value": list(values),
            "period": [str(y) for y in years],
            "effective_status": "actual",
            "status": "actual",
            "qualifier": "",
            "period_inferred": False,
            "quality": "",
            "half": 0,
        }
    )
    return Series(indicator, "x", rows)


INDICATORS = {
    "income_per_capita": (1.0, 200.0),
    "poverty_rate": (0.5, 40.0),
    "national_standard_school_share": (40.0, 99.0),
    "new_party_members": (20.0, 400.0),
    "ntm_communes": (0.0, 14.0),
}


@st.composite
def histories(draw):
    indicator = draw(st.sampled_from(sorted(INDICATORS)))
    low, high = INDICATORS[indicator]
    n = draw(st.integers(2, 5))
    last = draw(st.integers(2017, 2020))
    years = sorted(
        draw(st.lists(st.integers(last - 8, last - 1), min_size=n - 1, max_size=n - 1, unique=True))
    )
    years.append(last)
    values = draw(st.lists(st.floats(low, high, allow_nan=False), min_size=n, max_size=n))
    if CAT[indicator].spec.whole_numbers:
        values = [float(round(v)) for v in values]
    return indicator, years, values


@given(histories())
@settings(max_examples=60, deadline=None)
def test_a_safe_target_never_lies_on_the_wrong_side_of_the_latest_figure(history):
    indicator, years, values = history
    ind = CAT[indicator]
    projection = project(
        years, values, kind=ind.kind, lower=ind.lower_bound, upper=ind.upper_bound, end_year=2025
    )
    p = propose_indicator(
        ind, synthetic_series(indicator, years, values), projection, CAT, SETTINGS
    )
    assert p.proposed
    latest = values[-1]
    safe, expected, stretch = (p.level(n).value for n in ("safe", "expected", "stretch"))
    if ind.better == "higher":
        assert safe <= expected + 1e-9 <= stretch + 2e-9
        if not p.expects_deterioration:
            assert safe >= latest - 1e-9
    else:
        assert safe >= expected - 1e-9 >= stretch - 2e-9
        if not p.expects_deterioration:
            assert safe <= latest + 1e-9
    for level in p.levels:
        assert 0 <= level.probability <= 1 and math.isfinite(level.value)


def test_the_base_is_the_review_years_figure_or_its_projection():
    ind = CAT["income_per_capita"]
    years, values = [2016, 2017, 2018, 2019, 2020], [30.1, 33.0, 36.2, 40.0, 43.5]
    p = propose_indicator(
        ind,
        synthetic_series(ind.id, years, values),
        project(years, values, end_year=2025),
        CAT,
        SETTINGS,
    )
    assert (p.base_kind, p.base_year, p.base_value) == ("actual", 2020, 43.5)
    expected = p.level("expected")
    assert expected.annual_change == pytest.approx(100 * ((expected.value / 43.5) ** (1 / 5) - 1))
    p = propose_indicator(
        ind,
        synthetic_series(ind.id, years[:3], values[:3]),
        project(years[:3], values[:3], end_year=2025),
        CAT,
        SETTINGS,
    )
    assert p.base_kind == "projection" and p.base_year == 2020
    assert p.price_basis == "current"


def test_a_falling_poverty_rate_gives_lower_targets_that_never_exceed_today():
    ind = CAT["poverty_rate"]
    years, values = [2016, 2017, 2018, 2019, 2020], [6.5, 5.2, 4.4, 3.1, 2.6]
    p = propose_indicator(
        ind,
        synthetic_series(ind.id, years, values),
        project(years, values, kind="share", lower=0, upper=100, end_year=2025),
        CAT,
        SETTINGS,
    )
    assert not p.expects_deterioration
    assert p.level("safe").value <= 2.6 and p.level("stretch").value < p.level("safe").value


def test_the_public_record_gives_a_proposal_or_a_line_of_needs_for_every_core_indicator(
    public_analysis,
):
    proposed = {p.indicator for p in public_analysis.proposals}
    for ind in CAT.core_indicators():
        assert ind.id in proposed, ind.id
    for p in public_analysis.proposals:
        assert p.proposed or p.needs, p.indicator
    income = next(p for p in public_analysis.proposals if p.indicator == "income_per_capita")
    assert income.proposed and income.base_kind == "projection"
    poverty = next(p for p in public_analysis.proposals if p.indicator == "poverty_rate")
    # as of July 2020 the 2022 poverty line (decided in 2021) was not yet known
    assert not poverty.proposed and {c.code for c in poverty.caveats} >= {"series_break"}
    assert "break_before_target" not in {c.code for c in poverty.caveats}
    assert all(
        n.years and min(n.years) >= 2016 for n in poverty.needs
    )  # never asks for figures across the break


def test_a_later_review_knows_the_2022_poverty_line():
    from dongson_analysis import run_analysis, settings_from_parameters

    later = run_analysis(settings_from_parameters(review="2021-2025", plan="2026-2030"))
    assert {b.year for b in later.series["poverty_rate"].breaks} == {2016, 2022}


def test_rates_are_proposed_as_rates(tmp_path):
    from test_judgement import analyse

    rows = [
        f"huyen_thu,production_value_growth,%,{y},{g},actual,SYN,"
        for y, g in zip(range(2016, 2021), (16, 17, 17.5, 18, 17.8))
    ]
    a = analyse(tmp_path, rows)
    p = next(p for p in a.proposals if p.indicator == "production_value_growth_avg")
    assert p.proposed and p.aggregate == "average"
    assert 10 < p.level("expected").value < 25 and math.isnan(p.level("expected").annual_change)
    assert np.isclose([lv.probability for lv in p.levels], [0.8, 0.5, 0.2]).all()


# -- proposals that agree (issue 17.3, 17.5) -----------------------------------------------------

#: Series at and near their bounds (synthetic): shares at 0 and 100, counts at their top, flat
#: levels, and ones just inside.
AT_BOUNDS = {
    "national_standard_school_share": (100.0, [99.0, 99.5, 99.9, 100.0]),
    "poverty_rate": (0.0, [0.0, 0.1, 0.5, 1.0]),
    "ntm_communes": (14.0, [12.0, 13.0, 14.0]),
    "model_ntm_communes": (13.0, [11.0, 12.0, 13.0]),
    "income_per_capita": (50.0, [49.0, 50.0, 51.0]),
}


@st.composite
def near_bounds(draw):
    indicator = draw(st.sampled_from(sorted(AT_BOUNDS)))
    edge, near = AT_BOUNDS[indicator]
    n = draw(st.integers(2, 5))
    years = list(range(2021 - n, 2021))
    values = [draw(st.sampled_from([edge, *near])) for _ in years]
    if draw(st.booleans()):
        values = [edge] * n  # held at the bound (or flat) every year
    return indicator, years, values


def _order_ok(ind, values):
    a, b, c = values
    return a <= b <= c if ind.better == "higher" else a >= b >= c


@given(near_bounds())
@settings(max_examples=60, deadline=None)
def test_at_and_near_bounds_one_value_has_one_probability_and_the_levels_are_ordered(history):
    indicator, years, values = history
    ind = CAT[indicator]
    if ind.kind == "share" and (min(values) <= 0 or max(values) >= 100) and len(set(values)) > 1:
        pass  # a share touching its bound is projected from an anchored logit: still one value
    projection = project(
        years, values, kind=ind.kind, lower=ind.lower_bound, upper=ind.upper_bound, end_year=2025
    )
    p = propose_indicator(
        ind, synthetic_series(indicator, years, values), projection, CAT, SETTINGS
    )
    assert p.proposed
    levels = [p.level(n).value for n in ("safe", "expected", "stretch")]
    chances = [p.level(n).probability for n in ("safe", "expected", "stretch")]
    assert _order_ok(ind, levels), (levels, p)
    assert chances[0] >= chances[1] >= chances[2]  # a harder level is never likelier
    by_value: dict[float, set[float]] = {}
    for value, chance in zip(levels, chances):
        by_value.setdefault(value, set()).add(chance)
        assert round_to_precision(value, ind.precision) == value  # at the catalogue's precision
        assert (not ind.has_lower_bound or value >= ind.lower_bound) and (
            not ind.has_upper_bound or value <= ind.upper_bound
        )
    assert all(len(c) == 1 for c in by_value.values()), by_value  # one value, one probability
    assert bool(p.collapsed) == (len(by_value) < 3)
    assert [names for names, _ in p.distinct_levels()] and sum(
        len(names) for names, _ in p.distinct_levels()
    ) == 3


def test_food_output_is_proposed_to_the_hundred():
    ind = CAT["food_output"]
    years, values = [2016, 2017, 2018, 2019, 2020], [52100, 53000, 54003, 54500, 55010]
    p = propose_indicator(
        ind,
        synthetic_series(ind.id, years, values),
        project(years, values, end_year=2025),
        CAT,
        SETTINGS,
    )
    for lv in p.levels:
        assert lv.value % 100 == 0, lv


@st.composite
def falling_poverty(draw):
    n = draw(st.integers(2, 5))
    start = draw(st.floats(0.5, 30))
    falls = draw(st.lists(st.floats(0, 3), min_size=n - 1, max_size=n - 1))
    values = [start]
    for fall in falls:
        values.append(max(0.0, values[-1] - fall))
    return list(range(2021 - n, 2021)), values


@given(falling_poverty())
@settings(max_examples=40, deadline=None)
def test_the_poverty_rate_and_its_yearly_reduction_agree(history):
    years, values = history
    rate, reduction = CAT["poverty_rate"], CAT["poverty_rate_reduction"]
    series = synthetic_series(rate.id, years, values)
    projection = project(years, values, kind="share", lower=0, upper=100, end_year=2025)
    level = propose_indicator(rate, series, projection, CAT, SETTINGS)
    fall = propose_indicator(reduction, series, projection, CAT, SETTINGS)
    assert fall.proposed and fall.linked_to == rate.id
    assert (fall.base_year, fall.base_value, fall.base_kind) == (
        level.base_year,
        level.base_value,
        level.base_kind,
    )
    years_ahead = SETTINGS.plan_end - level.base_year
    for name in ("safe", "expected", "stretch"):
        implied = (level.base_value - level.level(name).value) / years_ahead
        assert fall.level(name).value == pytest.approx(
            round_to_precision(implied, reduction.precision), abs=1e-9
        )
        assert fall.level(name).probability == level.level(name).probability
        if not level.expects_deterioration:
            assert fall.level(name).value >= 0  # a safe reduction never means rising poverty


def test_the_shares_of_a_structure_sum_to_100_in_every_scenario():
    from dongson_analysis.proposals import propose_targets, structure_groups

    (group,) = structure_groups(CAT)
    assert set(group) == {
        "economic_structure_agriculture",
        "economic_structure_industry_construction",
        "economic_structure_services",
    }
    years = [2016, 2017, 2018, 2019, 2020]
    data = {
        "economic_structure_agriculture": [30.0, 28.0, 26.5, 25.0, 23.0],
        "economic_structure_industry_construction": [35.0, 36.5, 37.0, 38.5, 40.0],
        "economic_structure_services": [35.0, 35.5, 36.5, 36.5, 37.0],
    }
    series = {i.id: synthetic_series(i.id, [], []) for i in CAT if not i.same_as}
    projections = {}
    for indicator, values in data.items():
        series[indicator] = synthetic_series(indicator, years, values)
        projections[indicator] = project(
            years, values, kind="share", lower=0, upper=100, end_year=2025
        )
    proposals = {p.indicator: p for p in propose_targets(CAT, series, projections, [], SETTINGS)}
    for name in ("safe", "expected", "stretch"):
        total = sum(proposals[i].level(name).value for i in group)
        assert total == pytest.approx(100, abs=1e-9), name
    for i in group:
        levels = [proposals[i].level(n).value for n in ("safe", "expected", "stretch")]
        assert _order_ok(CAT[i], levels)


def test_a_growth_average_agrees_with_its_level(tmp_path):
    from dongson_analysis.proposals import derive_growth

    level = CAT["income_per_capita"]
    years, values = [2016, 2017, 2018, 2019, 2020], [30.1, 33.0, 36.2, 40.0, 43.5]
    source = propose_indicator(
        level,
        synthetic_series(level.id, years, values),
        project(years, values, end_year=2025),
        CAT,
        SETTINGS,
    )
    growth = CAT["production_value_growth_avg"]
    from dongson_analysis.proposals import Proposal

    p = Proposal(growth.id, 2025)
    derive_growth(p, growth, source)
    for name in ("safe", "expected", "stretch"):
        implied = 100 * ((source.level(name).value / 43.5) ** (1 / 5) - 1)
        assert p.level(name).value == pytest.approx(round(implied, growth.precision))
        assert p.level(name).probability == source.level(name).probability


def test_every_proposal_names_and_marks_its_base(public_analysis):
    from dongson_analysis.l10n import texts_for
    from dongson_analysis.proposals import BASE_KINDS
    from dongson_analysis.wording import proposal_paragraph

    for p in public_analysis.proposals:
        if p.proposed and p.base_year is not None:
            assert p.base_kind in BASE_KINDS
            vi = proposal_paragraph(texts_for("vi"), public_analysis, p)
            marks = {"actual": "số thực hiện", "estimate": "số ước", "projection": "giá trị dự báo"}
            assert marks[p.base_kind] in vi and str(p.base_year) in vi
    income = next(p for p in public_analysis.proposals if p.indicator == "income_per_capita")
    vi = proposal_paragraph(texts_for("vi"), public_analysis, income)
    assert "giá trị dự báo năm 2020 (55,2 triệu đồng/người/năm)" in vi
    assert "giá hiện hành" in vi and "tăng giá" in vi  # current prices include inflation
    rates = re.findall(r"[+−-]\d+(?:,\d+)?%", vi)
    assert len(rates) == 3 and all(re.fullmatch(r"[+−-]\d+,\d%", r) for r in rates), rates
    # one precision in a sentence
