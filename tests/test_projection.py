"""Trends and projections: rules, properties (hypothesis) and bad arguments.

Series here are synthetic, made up for the tests only, except the public record's
poverty rate and income per capita (2010 and 2018).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st

from dongson_analysis.calibration_file import calibration_info
from dongson_analysis.forecast_core import DESIGNS
from dongson_analysis.kinds import kind_spec
from dongson_analysis.projection import (
    RATE_TOLERANCE,
    forecast_windows,
    project,
    project_many,
    transform_for,
)
from dongson_analysis.series_groups import SERIES_GROUPS

YEARS = [2016, 2017, 2018, 2019, 2020]
BENCHMARK_DESIGNS = ["consecutive5", "two_far", "three_irregular", "gap5", "consecutive2"]
NOTE_CODES = {
    "single_point",
    "two_points",
    "short_window",
    "irregular_years",
    "observations_unused",
    "beyond_calibrated_span",
    "counts_rounded",
    "clipped_to_bounds",
}
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
share = st.floats(min_value=0.0, max_value=100.0, allow_nan=False)
# the benchmark designs often, every registered design sometimes
designs = st.one_of(st.sampled_from(BENCHMARK_DESIGNS), st.sampled_from(sorted(DESIGNS)))
# label: (kind, values, bounds)
KINDS = {
    "level": ("level", positive, {}),
    "cumulative": ("cumulative", positive, {}),
    "share": ("share", share, dict(lower=0, upper=100)),
    "share near 0": ("share", st.floats(0.0, 5.0, allow_nan=False), dict(lower=0, upper=100)),
    "share near 100": ("share", st.floats(95.0, 100.0, allow_nan=False), dict(lower=0, upper=100)),
    "count": ("count", st.integers(0, 14).map(float), dict(lower=0, upper=14)),
    "count near its top": ("count", st.integers(10, 14).map(float), dict(lower=0, upper=14)),
    "ratio": ("ratio", st.floats(0.0, 10.0, allow_nan=False), dict(lower=0, upper=10)),
    "growth_rate": ("growth_rate", st.floats(-30, 60, allow_nan=False), {}),
}


def years_of(design: str, last: int = 2020) -> list[int]:
    return [last + o for o in DESIGNS[design].offsets]


def check_ordered(p):
    assert p.has_projection and p.quantiles.shape == (len(p.horizon_years), len(p.levels))
    assert set(p.notes) <= NOTE_CODES
    assert np.isfinite(p.quantiles).all()
    assert (p.lower95 <= p.lower80 + 1e-9).all()
    assert (p.lower80 <= p.point + 1e-9).all()
    assert (p.point <= p.upper80 + 1e-9).all()
    assert (p.upper80 <= p.upper95 + 1e-9).all()
    assert (np.diff(p.quantiles, axis=1) >= -1e-9).all()


@st.composite
def histories(draw, monotone: bool = False):
    """A kind, its bounds, a design's years, values, the design, and (monotone) the direction."""
    kind, values_of, bounds = KINDS[draw(st.sampled_from(sorted(KINDS)))]
    design = draw(designs)
    n = DESIGNS[design].n_points
    rising = None
    if monotone:
        if kind == "count":  # enough distinct whole numbers for the design
            values_of = st.integers(0, 14).map(float)
        values = sorted(draw(st.lists(values_of, min_size=n, max_size=n, unique=True)))
        rising = draw(st.booleans())
        values = values if rising else values[::-1]
    else:
        values = draw(st.lists(values_of, min_size=n, max_size=n))
    return kind, bounds, years_of(design, draw(st.integers(2015, 2020))), values, design, rising


# -- properties ------------------------------------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(histories())
def test_every_design_and_kind_gives_finite_ordered_bounded_projections(history):
    kind, bounds, years, values, design, _ = history
    p = project(years, values, kind=kind, **bounds, end_year=2025)
    check_ordered(p)
    assert p.design == design and p.used_years.tolist() == years
    assert p.horizon_years[-1] == 2025
    if kind in ("level", "cumulative"):
        assert (p.lower95 > 0).all()
    if bounds:
        assert (p.quantiles >= bounds["lower"]).all() and (p.quantiles <= bounds["upper"]).all()
    if kind == "count":
        assert np.array_equal(p.quantiles, np.round(p.quantiles)) and "counts_rounded" in p.notes


def same_projection(a, b):
    """Two projections with the same numbers, bit for bit, and the same description."""
    for name in ("years", "values", "horizon_years", "levels", "quantiles", "used_years"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    np.testing.assert_array_equal(a.trend_values, b.trend_values)
    assert repr(a.transform) == repr(b.transform)
    for name in ("kind", "method", "change_unit", "notes", "design", "anchor", "pool"):
        assert getattr(a, name) == getattr(b, name), name
    assert a.annual_change == b.annual_change or (
        math.isnan(a.annual_change) and math.isnan(b.annual_change)
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(histories(), min_size=1, max_size=6),
    st.sampled_from([None, *SERIES_GROUPS]),
    st.integers(2021, 2025),
)
def test_a_run_in_one_call_gives_every_series_the_numbers_it_gets_alone(many, group, end):
    frames, singles = [], {}
    for i, (kind, bounds, years, values, _, _) in enumerate(many):
        if end <= years[-1]:
            continue
        frames.append(
            pd.DataFrame(
                {
                    "id": f"s{i}",
                    "year": years,
                    "value": values,
                    "kind": kind,
                    "lower": bounds.get("lower", math.nan),
                    "upper": bounds.get("upper", math.nan),
                }
            )
        )
        singles[f"s{i}"] = project(years, values, kind=kind, **bounds, end_year=end, group=group)
    if not frames:
        return
    data = pd.concat(frames, ignore_index=True).sample(frac=1.0, random_state=0)  # any row order
    batch = project_many(data, end_year=end, group=group)
    assert sorted(batch) == sorted(singles) and len(batch) == len(singles)
    table = batch.table()
    for key, single in singles.items():
        same_projection(batch[key], single)
        rows = table[table["id"] == key]
        np.testing.assert_array_equal(rows["year"], single.horizon_years)
        for column in ("point", "lower80", "upper80", "lower95", "upper95"):
            np.testing.assert_array_equal(rows[column], getattr(single, column))
        assert (rows["design"] == single.design).all()


@settings(max_examples=150, deadline=None)
@given(histories(monotone=True))
def test_strictly_monotone_histories_give_monotone_medians(history):
    kind, bounds, years, values, design, rising = history
    p = project(years, values, kind=kind, **bounds, end_year=2025)
    path = np.concatenate([[values[-1]], p.point])  # from the last observation on
    steps = np.diff(path) if rising else -np.diff(path)
    assert (steps >= -1e-9 * max(1.0, abs(values[-1]))).all(), (path, p.design)


@settings(max_examples=40, deadline=None)
@given(st.lists(positive, min_size=2, max_size=8))
def test_level_projections_are_finite_positive_and_nested(values):
    p = project(list(range(2020 - len(values) + 1, 2021)), values, kind="level", end_year=2025)
    check_ordered(p)
    assert (p.lower95 > 0).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=2, max_size=6), st.integers(40, 60))
def test_counts_are_whole_and_bounded(values, total):
    p = project(
        list(range(2020 - len(values) + 1, 2021)),
        values,
        kind="count",
        lower=0,
        upper=total,
        end_year=2025,
    )
    check_ordered(p)
    assert np.array_equal(p.quantiles, np.round(p.quantiles))
    assert (p.quantiles >= 0).all() and (p.quantiles <= total).all()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-30, 60, allow_nan=False), min_size=2, max_size=6))
def test_growth_rates_project_as_rates(values):
    p = project(
        list(range(2020 - len(values) + 1, 2021)), values, kind="growth_rate", end_year=2025
    )
    check_ordered(p)
    assert p.change_unit == "points"


@settings(max_examples=20, deadline=None)
@given(st.lists(positive, min_size=5, max_size=5))
def test_same_input_same_output_bit_for_bit(values):
    a = project(YEARS, values, end_year=2025).quantiles
    b = project(YEARS, values, end_year=2025).quantiles
    assert a.tobytes() == b.tobytes()


@settings(max_examples=30, deadline=None)
@given(designs, st.lists(st.lists(positive, min_size=5, max_size=5), min_size=1, max_size=6))
def test_batch_equals_one_by_one(design, rows):
    offsets = DESIGNS[design].offsets
    values = np.array(rows)[:, : len(offsets)]
    batch = forecast_windows(values, 5, offsets=offsets, quantiles=True)
    assert batch["design"] == design
    for i, row in enumerate(values):
        single = project(years_of(design), row, horizon=5)
        np.testing.assert_array_equal(batch["quantiles"][i], single.quantiles)


# -- the public record's sparse series -------------------------------------------------------------
def test_falling_poverty_rate_never_rises():
    """The poverty rate: 22.1% in 2010, 2.4% in 2018; its median must not turn back up."""
    p = project([2010, 2018], [22.1, 2.4], kind="share", lower=0, upper=100, end_year=2025)
    check_ordered(p)
    assert p.design == "two_far" and p.horizon_years.tolist() == list(range(2019, 2026))
    assert (np.diff(np.concatenate([[2.4], p.point])) <= 1e-12).all()
    assert (p.quantiles >= 0).all() and (p.quantiles <= 100).all()


def test_two_points_far_apart_give_the_compound_rate_between_them():
    """Income per capita: 10.3 in 2010, 43.5 in 2018."""
    p = project([2010, 2018], [10.3, 43.5], end_year=2025)
    assert p.annual_change == pytest.approx(100 * ((43.5 / 10.3) ** (1 / 8) - 1))
    assert p.method == "combination" and p.design == "two_far"
    assert set(p.notes) == {"two_points", "irregular_years"}
    assert p.used_years.tolist() == [2010, 2018]
    check_ordered(p)
    assert (np.diff(np.concatenate([[43.5], p.point])) > 0).all()


# -- rules -----------------------------------------------------------------------------------------
def test_single_point_gives_no_trend_and_no_projection():
    p = project([2020], [55.0], end_year=2025)
    assert (
        p.method == "single_point" and p.notes == ("single_point",) and p.design == "single_point"
    )
    assert not p.has_projection and math.isnan(p.annual_change)
    assert np.isnan(p.table()["point"]).all()


def test_irregular_years_are_used_as_observed_and_nothing_is_filled():
    p = project([2016, 2017, 2019, 2020], [10, 11, 13, 14], end_year=2025)
    assert p.method == "combination" and p.design == "four_4_3_1"
    assert set(p.notes) == {"short_window", "irregular_years"}
    check_ordered(p)
    q = project([2015, 2016, 2017, 2019, 2020], [9, 10, 11, 13, 14], end_year=2025)
    assert q.design == "gap5" and q.notes == ("irregular_years",)


def test_the_design_with_most_observations_is_used_and_unused_ones_are_said():
    p = project(list(range(2010, 2021)), np.linspace(10, 20, 11), end_year=2025)
    assert p.design == "consecutive5" and p.used_years.tolist() == YEARS and p.notes == ()
    p = project([2012, 2016, 2018, 2019, 2020], [5.0, 6.0, 7.0, 7.5, 8.0], end_year=2025)
    assert p.design == "four_4_2_1" and p.used_years.tolist() == [2016, 2018, 2019, 2020]
    assert set(p.notes) == {"short_window", "irregular_years"}
    p = project(
        [2012, 2014, 2015, 2016, 2018, 2020], [5.0, 6.0, 6.5, 7.0, 7.5, 8.0], end_year=2025
    )  # none holds all six
    assert (
        p.design == "every_other5" and 2015 not in p.used_years and "observations_unused" in p.notes
    )
    check_ordered(p)


def test_observations_further_apart_than_calibrated():
    p = project([2005, 2018], [10.0, 20.0], end_year=2025)
    assert p.design == "two_span12" and "beyond_calibrated_span" in p.notes
    check_ordered(p)


def test_constant_series_has_a_flat_centre_and_a_real_interval():
    p = project(YEARS, [50.0] * 5, end_year=2025)
    np.testing.assert_allclose(p.point, 50.0)
    assert (p.upper95 > p.lower95).all()
    assert p.annual_change == pytest.approx(0.0, abs=1e-9)


def test_share_at_its_bound_starts_from_the_value_observed():
    p = project(
        [2018, 2019, 2020], [90.0, 96.0, 100.0], kind="share", lower=0, upper=100, end_year=2025
    )
    np.testing.assert_allclose(
        p.point, 100.0
    )  # not 99.5, where the logit scale keeps it from the bound
    assert (p.quantiles <= 100).all()
    assert p.quantile(0.5, 2025) == pytest.approx(100.0)
    assert p.probability_at_least(99.0, 2021) > 0.9
    p = project(
        [2018, 2019, 2020], [20.0, 8.0, 0.0], kind="share", lower=0, upper=100, end_year=2025
    )
    np.testing.assert_allclose(p.point, 0.0)
    assert (p.quantiles >= 0).all() and (p.upper95 > 0).all()


def test_trend_is_statsmodels_log_linear_ols():
    values = np.array([30.1, 33.0, 36.2, 40.0, 43.5])
    p = project(YEARS, values, end_year=2025)
    fit = sm.OLS(np.log(values), sm.add_constant(np.arange(5.0))).fit()
    np.testing.assert_allclose(p.trend_values, np.exp(fit.fittedvalues))
    assert p.annual_change == pytest.approx(100 * (math.exp(fit.params[1]) - 1))


def test_a_steady_rise_is_not_reversed():
    p = project(YEARS, [30.1, 33.0, 36.2, 40.0, 43.5], end_year=2025)
    assert p.design == "consecutive5" and p.notes == ()
    assert p.point[0] >= 43.5 and (np.diff(p.point) > 0).all()


def test_project_signature_and_table_columns():
    # the package's __init__ re-exports dongson_analysis.projection.project
    p = project(
        [2016, 2020], [1.0, 2.0], kind="level", lower=math.nan, upper=math.nan, end_year=2025
    )
    assert list(p.table().columns) == [
        "year",
        "point",
        "lower80",
        "upper80",
        "lower95",
        "upper95",
        "method",
    ]
    assert p.table()["year"].tolist() == list(range(2021, 2026))


def test_user_growth_path():
    p = project(YEARS, [30.1, 33.0, 36.2, 40.0, 43.5], end_year=2025)
    path = p.growth_path(5.0)
    np.testing.assert_allclose(path["value"], 43.5 * 1.05 ** np.arange(1, 6))
    slow, fast = p.growth_path(0.0), p.growth_path(20.0)
    assert (slow["probability_at_least"] > fast["probability_at_least"]).all()


def test_probability_of_the_median_is_one_half():
    p = project(YEARS, [30.1, 33.0, 36.2, 40.0, 43.5], end_year=2025)
    for year, median in zip(p.horizon_years, p.point):
        assert p.probability_at_least(median, int(year)) == pytest.approx(0.5, abs=0.01)
        assert p.probability_at_least(p.upper80[year - 2021], int(year)) == pytest.approx(
            0.1, abs=0.01
        )
    assert p.quantile(0.5, 2025) == pytest.approx(p.point[-1])


# -- bad arguments ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(years=YEARS, values=[1, 2, -3, 4, 5], end_year=2025), "positive"),
        (dict(years=YEARS, values=[1, 2, 0, 4, 5], end_year=2025), "positive"),
        (dict(years=YEARS, values=[1, 2, 3], end_year=2025), "equal length"),
        (dict(years=YEARS, values=[1, 2, float("nan"), 4, 5], end_year=2025), "finite"),
        (dict(years=YEARS, values=[1, 2, 3, 4, 5], horizon=0), "at least one year"),
        (dict(years=YEARS, values=[1, 2, 3, 4, 5], end_year=2020), "at least one year"),
        (dict(years=YEARS, values=[1, 2, 3, 4, 5], end_year=2040), "calibrated"),
        (dict(years=[2010, 2014], values=[1, 2], end_year=2025), "calibrated"),
        (dict(years=YEARS, values=[1, 2, 3, 4, 5], horizon=2.5), "whole number"),
        (dict(years=[2016, 2016, 2018], values=[1, 2, 3], end_year=2025), "only once"),
        (dict(years=[2016.5, 2017, 2018], values=[1, 2, 3], end_year=2025), "whole calendar years"),
        (dict(years=[], values=[], end_year=2025), "at least one"),
        (dict(years=YEARS, values=[1, 2, 3, 4, 120], kind="share", end_year=2025), "within"),
        (dict(years=YEARS, values=[1, 2, 3, 4, 5.5], kind="count", end_year=2025), "whole"),
        (
            dict(years=YEARS, values=[2018] * 5, kind="milestone", end_year=2025),
            "cannot be projected",
        ),
        (
            dict(years=YEARS, values=[1, 2, 3, 4, 5], kind="weight", end_year=2025),
            "unknown indicator kind",
        ),
        (dict(years=YEARS, values=[1, 2, 3, 4, 5]), "end_year"),
        (dict(years=YEARS, values=[1, 2, 3, 4, 5], end_year=2025, horizon=5), "not both"),
    ],
)
def test_bad_arguments_give_clear_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        project(**kwargs)


def test_batch_bad_arguments():
    with pytest.raises(ValueError, match="horizon"):
        forecast_windows(np.ones((2, 5)), 0)
    with pytest.raises(ValueError, match="calibrated"):
        forecast_windows(np.ones((2, 5)), 11)
    with pytest.raises(ValueError, match="2-D"):
        forecast_windows(np.ones(5), 3)
    with pytest.raises(ValueError, match="offsets"):
        forecast_windows(np.ones((2, 3)), 3, offsets=(-3, -1, 1))


def test_calibration_says_where_it_comes_from():
    info = calibration_info()
    assert "m4_yearly_dev_train.csv" in info["source"] and "test" not in info["source"]
    assert "learn_calibration.py" in info["rule"]


# -- facts the text layer needs, recomputed from the projection's table ----------------------------
def yearly_rate(v0, v1, years, unit):
    if unit == "percent":
        return 100 * ((v1 / v0) ** (1 / years) - 1) if v0 > 0 and v1 >= 0 else math.nan
    return (v1 - v0) / years


def same_rate(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-9, abs=1e-9)


def slower(observed, projected):
    if math.isnan(observed) or math.isnan(projected) or observed == 0:
        return False
    return projected * observed <= 0 or abs(projected) < (1 - RATE_TOLERANCE) * abs(observed)


@settings(max_examples=120, deadline=None)
@given(histories())
def test_median_change_and_path_shape_recomputed_from_the_table(history):
    kind, bounds, years, values, _, _ = history
    p = project(years, values, kind=kind, **bounds, end_year=2025)
    table = p.table()
    unit = kind_spec(kind).change_unit
    # the kind's change unit, as the registry states it
    change = p.median_change()
    assert change.unit == unit and (change.start_year, change.end_year) == (years[-1], 2025)
    v0, v1 = values[-1], float(table["point"].iloc[-1])
    assert change.start_value == v0 and change.end_value == v1
    assert same_rate(change.rate, yearly_rate(v0, v1, 2025 - years[-1], unit))
    if len(table) >= 2:
        (y0, a), (y1, b) = table[["year", "point"]].iloc[[0, -1]].itertuples(index=False)
        between = p.median_change(int(y0), int(y1))
        assert same_rate(between.rate, yearly_rate(a, b, y1 - y0, unit))
    observed = p.observed_change()
    assert same_rate(observed.rate, yearly_rate(values[0], values[-1], years[-1] - years[0], unit))
    # held at a bound: the median sits on it in the last year, from the first year it stays there
    shape = p.path_shape()
    held = None
    for name, bound in (("lower", bounds.get("lower")), ("upper", bounds.get("upper"))):
        if bound is not None and abs(table["point"].iloc[-1] - bound) <= 1e-9 * max(1, bound):
            on = (table["point"] - bound).abs() <= 1e-9 * max(1, bound)
            first = int(table["year"][~on].max() + 1) if not on.all() else int(table["year"][0])
            held = (name, float(bound), first)
            break
    got = shape.held
    assert (got.bound, got.value, got.from_year) == held if held else got is None
    # slows, and why
    assert shape.slows == slower(observed.rate, change.rate)
    if not shape.slows:
        assert shape.reason is None
    elif held:
        assert shape.reason == "held_at_bound"
    else:
        forward = transform_for(kind, **{k: float(v) for k, v in bounds.items()}).forward
        z = forward(np.array([values[0], values[-1], v0, v1]))
        z_observed = (z[1] - z[0]) / (years[-1] - years[0])
        z_projected = (z[3] - z[2]) / (2025 - years[-1])
        expected = "learned_damping" if slower(z_observed, z_projected) else "bound_curvature"
        assert shape.reason == expected


def test_income_per_capita_slows_by_learned_damping():
    """10.3 in 2010 and 43.5 in 2018: 19.7% a year observed; the median grows more slowly."""
    shape = project([2010, 2018], [10.3, 43.5], end_year=2025).path_shape()
    assert shape.observed.rate == pytest.approx(100 * ((43.5 / 10.3) ** (1 / 8) - 1))
    assert shape.slows and shape.reason == "learned_damping" and shape.held is None
    assert 0 < shape.projected.rate < shape.observed.rate and shape.projected.unit == "percent"


def test_a_share_at_its_top_is_held_there_and_says_so():
    p = project(
        [2018, 2019, 2020], [90.0, 96.0, 100.0], kind="share", lower=0, upper=100, end_year=2025
    )
    shape = p.path_shape()
    assert shape.held.bound == "upper" and shape.held.value == 100 and shape.held.from_year == 2021
    assert shape.slows and shape.reason == "held_at_bound"
    assert shape.observed.rate == pytest.approx(5.0) and shape.projected.rate == 0
    assert shape.projected.unit == "points"


def test_a_count_at_its_top_is_held_there():
    p = project([2018, 2019, 2020], [12, 13, 14], kind="count", lower=0, upper=14, end_year=2025)
    assert p.bound_hold().bound == "upper" and p.bound_hold().value == 14
    assert p.path_shape().reason == "held_at_bound"


def test_a_flat_series_does_not_slow():
    shape = project(YEARS, [50.0] * 5, end_year=2025).path_shape()
    assert shape.observed.rate == 0 and not shape.slows and shape.reason is None


def test_median_change_needs_projected_years_in_order():
    p = project(YEARS, [30.1, 33.0, 36.2, 40.0, 43.5], end_year=2025)
    with pytest.raises(ValueError, match="after the start year"):
        p.median_change(2023, 2022)
    with pytest.raises(ValueError, match="no projection for 2030"):
        p.median_change(2020, 2030)
    with pytest.raises(ValueError, match="no projection"):
        project([2020], [1.0], end_year=2025).median_change()


# -- the batch API: refusals, attributes, shapes ---------------------------------------------------
def long_frame(**series) -> pd.DataFrame:
    return pd.DataFrame(
        [(key, y, v) for key, (years, values) in series.items() for y, v in zip(years, values)],
        columns=["id", "year", "value"],
    )


def test_a_refused_series_is_named_or_collected():
    data = long_frame(
        good=([2018, 2019, 2020], [1.0, 2.0, 3.0]),
        negative=([2019, 2020], [1.0, -2.0]),
        old=([2008, 2010], [1.0, 2.0]),
        twice=([2019, 2019, 2020], [1.0, 1.5, 2.0]),
    )
    with pytest.raises(
        ValueError, match=r"series 'negative': a level .* positive; got -2 \(year 2020\)"
    ):
        project_many(data, end_year=2025)
    batch = project_many(data, end_year=2025, errors="collect")
    assert list(batch) == ["good"] and len(batch) == 1 and "negative" not in batch
    assert set(batch.refused) == {"negative", "old", "twice"}
    assert "beyond the 10 years" in batch.refused["old"]
    assert "only once (year 2019)" in batch.refused["twice"]
    with pytest.raises(KeyError, match="was not projected"):
        batch["old"]
    assert set(batch.table()["id"]) == {"good"}


def test_kinds_bounds_and_groups_come_per_series_from_columns():
    data = long_frame(a=([2019, 2020], [10.0, 12.0]), b=([2019, 2020], [40.0, 45.0]))
    data["kind"] = np.where(data["id"] == "a", "level", "share")
    data["lower"] = np.where(data["id"] == "a", np.nan, 0.0)
    data["upper"] = np.where(data["id"] == "a", np.nan, 100.0)
    data["group"] = np.where(data["id"] == "a", "economy", None)
    batch = project_many(data, end_year=2024)
    same_projection(batch["a"], project([2019, 2020], [10.0, 12.0], end_year=2024, group="economy"))
    same_projection(
        batch["b"],
        project([2019, 2020], [40.0, 45.0], kind="share", lower=0, upper=100, end_year=2024),
    )
    assert batch["a"].pool == "macro" and batch["b"].pool == "pooled"
    data.loc[0, "kind"] = "share"
    with pytest.raises(ValueError, match="column 'kind' must be the same on every row of a series"):
        project_many(data, end_year=2024)


def test_batch_needs_its_columns_and_whole_years():
    with pytest.raises(ValueError, match="missing: \\['value'\\]"):
        project_many(pd.DataFrame({"id": [1], "year": [2020]}), end_year=2025)
    with pytest.raises(ValueError, match="whole calendar years"):
        project_many(
            pd.DataFrame({"id": [1, 1], "year": [2019.5, 2020], "value": [1, 2]}), end_year=2025
        )
    with pytest.raises(ValueError, match="errors must be"):
        project_many(long_frame(a=([2019, 2020], [1, 2])), end_year=2025, errors="ignore")


def test_one_observation_in_a_batch_is_a_single_point():
    batch = project_many(long_frame(a=([2020], [5.0]), b=([2019, 2020], [1.0, 2.0])), end_year=2022)
    assert batch["a"].design == "single_point" and not batch["a"].has_projection
    table = batch.table()
    assert table[table["id"] == "a"]["point"].isna().all()
    assert (table[table["id"] == "a"]["design"] == "single_point").all()
    assert table["year"].tolist() == [2021, 2022, 2021, 2022]


# -- the analysis projects a run in one call -------------------------------------------------------
def test_project_all_makes_one_batch_call_with_the_numbers_of_project(tmp_path, monkeypatch):
    """A synthetic district (made up for the test): kinds, irregular years, one series that
    cannot be projected for each reason."""
    from test_judgement import analyse

    import dongson_analysis.analysis as analysis_module

    calls = []
    real = analysis_module.project_many

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis_module, "project_many", counting)
    rows = [
        "huyen_thu,income_per_capita,triệu đồng/người/năm,2012,20.5,thực hiện,SYN,",
        "huyen_thu,income_per_capita,triệu đồng/người/năm,2016,30.1,thực hiện,SYN,",
        "huyen_thu,income_per_capita,triệu đồng/người/năm,2019,41.0,thực hiện,SYN,",
        "huyen_thu,income_per_capita,triệu đồng/người/năm,2020,43.5,ước,SYN,",
        "huyen_thu,poverty_rate,%,2016,9.8,thực hiện,SYN,",
        "huyen_thu,poverty_rate,%,2018,5.1,thực hiện,SYN,",
        "huyen_thu,poverty_rate,%,2020,2.4,thực hiện,SYN,",
        "huyen_thu,ntm_communes,xã,2018,10,thực hiện,SYN,",
        "huyen_thu,ntm_communes,xã,2019,12,thực hiện,SYN,",
        "huyen_thu,ntm_communes,xã,2020,14,thực hiện,SYN,",
        "huyen_thu,production_value_growth,%,2019,16.1,thực hiện,SYN,",
        "huyen_thu,production_value_growth,%,2020,17.9,thực hiện,SYN,",
        "huyen_thu,food_output,tấn,2020,98000,thực hiện,SYN,",
        "huyen_thu,export_value,triệu USD,2010,12,thực hiện,SYN,",
        "huyen_thu,export_value,triệu USD,2013,15,thực hiện,SYN,",
    ]
    a = analyse(tmp_path, rows)
    # the run's series in one call, the look back's (the record before the period) in another
    assert len(calls) == 2
    assert set(a.projections) == {
        "income_per_capita",
        "poverty_rate",
        "ntm_communes",
        "production_value_growth",
    }
    assert a.not_projected["food_output"].code == "single_figure"
    assert a.not_projected["export_value"].code == "too_old"
    for indicator, p in a.projections.items():
        ind, s = a.catalogue[indicator], a.series[indicator]
        alone = project(
            s.years,
            s.values,
            kind=ind.kind,
            lower=ind.lower_bound,
            upper=ind.upper_bound,
            end_year=a.settings.plan_end,
            group=getattr(ind, "series_group", None),
        )
        same_projection(p, alone)


def test_the_change_unit_is_the_kinds_whatever_the_scale():
    """A ratio bounded below only is projected on a log scale, but changes in points (issue 20)."""
    p = project([2018, 2019, 2020], [1.2, 1.3, 1.5], kind="ratio", lower=0, end_year=2023)
    assert p.transform.name == "log" and p.change_unit == "points"
    assert p.median_change().unit == kind_spec("ratio").change_unit == "points"
    trend = p.trend_values
    assert p.annual_change == pytest.approx((trend[-1] - trend[0]) / (len(trend) - 1))


def test_rates_are_projected_as_fractions_so_their_ranges_are_as_wide_as_a_levels_changes():
    """A growth rate of g% is a change of g/100 in a log level: its ranges come from the same
    calibration (learned on log levels), in points, not from a scale a hundred times too fine."""
    from dongson_analysis.projection import PERCENT_UNIT, transform_for

    t = transform_for("growth_rate", -100)
    assert t.forward(np.array([17.5]))[0] == pytest.approx(17.5 / PERCENT_UNIT)
    assert t.inverse(t.forward(np.array([-3.0, 0.0, 18.2]))) == pytest.approx([-3.0, 0.0, 18.2])
    years, growth = [2016, 2017, 2018, 2019, 2020], [16.1, 17.9, 18.3, 18.2, 17.5]
    p = project(years, growth, kind="growth_rate", lower=-100, end_year=2025)
    table = p.table().set_index("year")
    width = table.loc[2021, "upper80"] - table.loc[2021, "lower80"]
    assert 3 < width < 15  # points: a district's growth rate moves by points from year to year
