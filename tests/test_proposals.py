"""Proposals for the next plan: direction-aware, from a named base, for every core indicator or a
line of needs.
"""

from __future__ import annotations

import math

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
    latest = round_to_precision(values[-1], ind.precision)  # as the catalogue shows it
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
    assert not poverty.proposed and {c.code for c in poverty.caveats} >= {
        "series_break",
        "break_before_target",
    }
    assert all(
        n.years and min(n.years) >= 2016 for n in poverty.needs
    )  # never asks for figures across the break


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
