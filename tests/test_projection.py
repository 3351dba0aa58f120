"""Trends and projections: rules, properties (hypothesis) and bad arguments.

Series here are synthetic, made up for the tests only.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import given, settings, strategies as st

from dongson_analysis.forecast_core import calibration_info, candidate_forecasts, combined_forecast
from dongson_analysis.projection import forecast_windows, project

YEARS = [2016, 2017, 2018, 2019, 2020]
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
share = st.floats(min_value=0.0, max_value=100.0, allow_nan=False)


def check_ordered(p):
    assert np.isfinite(p.quantiles).all()
    assert (p.lower95 <= p.lower80 + 1e-9).all()
    assert (p.lower80 <= p.point + 1e-9).all()
    assert (p.point <= p.upper80 + 1e-9).all()
    assert (p.upper80 <= p.upper95 + 1e-9).all()
    assert (np.diff(p.quantiles, axis=1) >= -1e-9).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(positive, min_size=2, max_size=8))
def test_level_projections_are_finite_positive_and_nested(values):
    p = project(list(range(2020 - len(values) + 1, 2021)), values, kind="level")
    check_ordered(p)
    assert (p.lower95 > 0).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(share, min_size=2, max_size=6))
def test_shares_stay_within_bounds_for_any_input(values):
    p = project(list(range(2020 - len(values) + 1, 2021)), values, kind="share", lower=0, upper=100)
    check_ordered(p)
    assert (p.quantiles >= 0).all() and (p.quantiles <= 100).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=2, max_size=6), st.integers(40, 60))
def test_counts_are_whole_and_bounded(values, total):
    p = project(list(range(2020 - len(values) + 1, 2021)), values, kind="count", lower=0, upper=total)
    check_ordered(p)
    assert np.array_equal(p.quantiles, np.round(p.quantiles))
    assert (p.quantiles >= 0).all() and (p.quantiles <= total).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-30, 60, allow_nan=False), min_size=2, max_size=6))
def test_growth_rates_project_as_rates(values):
    p = project(list(range(2020 - len(values) + 1, 2021)), values, kind="growth_rate")
    check_ordered(p)
    assert p.change_unit == "points"


@settings(max_examples=30, deadline=None)
@given(st.lists(positive, min_size=5, max_size=5))
def test_same_input_same_output_bit_for_bit(values):
    a = project(YEARS, values).quantiles
    b = project(YEARS, values).quantiles
    assert a.tobytes() == b.tobytes()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(positive, min_size=5, max_size=5), min_size=1, max_size=6))
def test_batch_equals_one_by_one(rows):
    batch = forecast_windows(np.array(rows), 5)
    for i, row in enumerate(rows):
        single = project(YEARS, row)
        np.testing.assert_allclose(batch["point"][i], single.point, rtol=1e-12)
        np.testing.assert_allclose(batch["upper95"][i], single.upper95, rtol=1e-12)


def test_single_point_gives_no_trend_and_no_projection():
    p = project([2020], [55.0])
    assert p.method == "single_point" and "single_point" in p.notes
    assert not p.has_projection and math.isnan(p.annual_change)
    assert np.isnan(p.table()["point"]).all()


def test_two_points_give_the_compound_rate_between_them():
    p = project([2010, 2018], [10.3, 43.5])
    assert p.annual_change == pytest.approx(100 * ((43.5 / 10.3) ** (1 / 8) - 1))
    assert p.method == "combination_with_filled_gaps"
    assert {"two_points", "filled_gaps"} <= set(p.notes)
    assert p.horizon_years.tolist() == list(range(2019, 2026))
    check_ordered(p)


def test_gaps_are_filled_and_said():
    p = project([2016, 2017, 2019, 2020], [10, 11, 13, 14])
    assert p.method == "combination_with_filled_gaps"
    check_ordered(p)


def test_constant_series_has_a_flat_centre_and_a_real_interval():
    p = project(YEARS, [50.0] * 5)
    np.testing.assert_allclose(p.point, 50.0)
    assert (p.upper95 > p.lower95).all()
    assert p.annual_change == pytest.approx(0.0, abs=1e-9)


def test_trend_is_statsmodels_log_linear_ols():
    values = np.array([30.1, 33.0, 36.2, 40.0, 43.5])
    p = project(YEARS, values)
    fit = sm.OLS(np.log(values), sm.add_constant(np.arange(5.0))).fit()
    np.testing.assert_allclose(p.trend_values, np.exp(fit.fittedvalues))
    assert p.annual_change == pytest.approx(100 * (math.exp(fit.params[1]) - 1))


def test_candidates_on_a_straight_line():
    Z = np.array([[1.0, 2.0, 3.0, 4.0, 5.0]])
    C = candidate_forecasts(Z, 3)[0]
    np.testing.assert_allclose(C[0], [0, 0, 0])  # naive
    np.testing.assert_allclose(C[1], [1, 2, 3])  # drift
    np.testing.assert_allclose(C[2], [1, 2, 3])  # trend
    np.testing.assert_allclose(C[3], [0.8, 0.8 + 0.64, 0.8 + 0.64 + 0.512])  # damped
    levels, q, _ = combined_forecast(Z, 3)
    assert (q[0, :, list(levels).index(0.5)] >= 5.0).all()  # a steady rise is not reversed


def test_growth_rate_implies_a_level_path():
    p = project(YEARS, [18.2] * 5, kind="growth_rate")
    index = p.implied_level_index(base_level=100.0)
    np.testing.assert_allclose(index["base"], 100 * 1.182 ** np.arange(1, 6), rtol=1e-6)
    assert (index["low"] <= index["base"]).all() and (index["base"] <= index["high"]).all()


def test_scenarios_and_user_growth_path():
    p = project(YEARS, [30.1, 33.0, 36.2, 40.0, 43.5])
    sc = p.scenarios()
    assert (sc["low"] <= sc["base"]).all() and (sc["base"] <= sc["high"]).all()
    path = p.growth_path(5.0)
    np.testing.assert_allclose(path["value"], 43.5 * 1.05 ** np.arange(1, 6))
    slow, fast = p.growth_path(0.0), p.growth_path(20.0)
    assert (slow["probability_at_least"] > fast["probability_at_least"]).all()


def test_probability_of_the_median_is_one_half():
    p = project(YEARS, [30.1, 33.0, 36.2, 40.0, 43.5])
    for year, median in zip(p.horizon_years, p.point):
        assert p.probability_at_least(median, int(year)) == pytest.approx(0.5, abs=0.01)
        assert p.probability_at_least(p.upper80[year - 2021], int(year)) == pytest.approx(0.1, abs=0.01)
    assert p.quantile(0.5, 2025) == pytest.approx(p.point[-1])


@pytest.mark.parametrize("kwargs, match", [
    (dict(years=YEARS, values=[1, 2, -3, 4, 5]), "positive"),
    (dict(years=YEARS, values=[1, 2, 0, 4, 5]), "positive"),
    (dict(years=YEARS, values=[1, 2, 3]), "equal length"),
    (dict(years=YEARS, values=[1, 2, float("nan"), 4, 5]), "finite"),
    (dict(years=YEARS, values=[1, 2, 3, 4, 5], horizon=0), "at least one year"),
    (dict(years=YEARS, values=[1, 2, 3, 4, 5], end_year=2020), "at least one year"),
    (dict(years=YEARS, values=[1, 2, 3, 4, 5], end_year=2040), "calibrated"),
    (dict(years=[2016, 2016, 2018], values=[1, 2, 3]), "only once"),
    (dict(years=[], values=[]), "at least one"),
    (dict(years=YEARS, values=[1, 2, 3, 4, 120], kind="share"), "within"),
    (dict(years=YEARS, values=[1, 2, 3, 4, 5.5], kind="count"), "whole"),
    (dict(years=YEARS, values=[2018] * 5, kind="milestone"), "cannot be projected"),
])
def test_bad_arguments_give_clear_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        project(**kwargs)


def test_batch_bad_arguments():
    with pytest.raises(ValueError, match="horizon"):
        forecast_windows(np.ones((2, 5)), 0)
    with pytest.raises(ValueError, match="2-D"):
        forecast_windows(np.ones(5), 3)


def test_calibration_says_where_it_comes_from():
    info = calibration_info()
    assert "m4_yearly_dev_train.csv" in info["source"] and "test" not in info["source"]
    assert "learn_calibration.py" in info["rule"]
