"""The forecasting core: candidate and design registries, the calibration check, design choice.

Series here are synthetic, made up for the tests only.
"""

from __future__ import annotations

import copy
import json
import sys
from importlib import resources

import numpy as np
import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from dongson_analysis import calibration_file as cf
from dongson_analysis.benchmark_results import BENCHMARK_DESIGNS
from dongson_analysis.calibration_file import (
    CalibrationError,
    calibration,
    calibration_info,
    max_horizon,
    parse_calibration,
)
from dongson_analysis.forecast_core import (
    CANDIDATES,
    DESIGNS,
    Candidate,
    Design,
    candidate_forecasts,
    choose_design,
    combined_forecast,
    group_parts,
    groups,
    interval_groups,
    linear_slope,
    volatility,
)


@pytest.fixture(scope="module")
def raw():
    text = resources.files("dongson_analysis").joinpath(cf.CALIBRATION_FILE).read_text("utf-8")
    return json.loads(text)


# -- registries ------------------------------------------------------------------------------------
def test_candidates_are_keyed_by_name():
    assert list(CANDIDATES)[0] == "naive"
    for name, cand in CANDIDATES.items():
        assert cand.name == name
        assert cand.spec() == {"slope": cand.slope, "phi": cand.phi}


def test_candidate_definitions_are_validated():
    with pytest.raises(ValueError, match="unknown slope 'curve'"):
        Candidate("x", "curve")
    with pytest.raises(ValueError, match=r"phi must be in \(0, 1\]"):
        Candidate("x", "end", 1.5)


def test_designs_are_keyed_by_name_and_validated():
    for name, design in DESIGNS.items():
        assert design.name == name and design.offsets[-1] == 0
    assert len({d.offsets for d in DESIGNS.values()}) == len(DESIGNS)
    with pytest.raises(ValueError, match="strictly increasing"):
        Design("x", (-2, -2, 0))
    with pytest.raises(ValueError, match="ending at 0"):
        Design("x", (-3, -1))


def test_benchmark_designs_are_registered_with_the_same_years():
    sys.path.insert(0, str(REPO / "benchmarks"))
    from protocol import DESIGNS as BENCH

    assert set(BENCH) == {"consecutive5", "two_far", "three_irregular", "gap5", "consecutive2"}
    assert (
        tuple(BENCH) == BENCHMARK_DESIGNS
    )  # the methods chapter names the designs not measured from this list
    for name, offsets in BENCH.items():
        assert DESIGNS[name].offsets == offsets


def test_duplicate_candidates_are_left_out_of_a_design():
    assert DESIGNS["two_far"].active_candidates() == ("naive", "drift", "damped", "damped_fast")
    assert (
        "trend" not in DESIGNS["consecutive3"].active_candidates()
    )  # evenly spaced: least squares = drift
    assert "trend" in DESIGNS["three_6_2"].active_candidates()
    assert DESIGNS["consecutive5"].active_candidates() == tuple(CANDIDATES)


# -- candidates ------------------------------------------------------------------------------------
def test_candidates_on_a_straight_line():
    design = DESIGNS["consecutive5"]
    C = candidate_forecasts(np.array([[1.0, 2.0, 3.0, 4.0, 5.0]]), design, 3)[0]
    names = design.active_candidates()
    np.testing.assert_allclose(C[names.index("naive")], [0, 0, 0])
    np.testing.assert_allclose(C[names.index("drift")], [1, 2, 3])
    np.testing.assert_allclose(C[names.index("trend")], [1, 2, 3])
    np.testing.assert_allclose(C[names.index("damped")], [0.8, 0.8 + 0.64, 0.8 + 0.64 + 0.512])


def test_slopes_use_the_actual_years():
    design = DESIGNS["two_far"]
    C = candidate_forecasts(np.array([[0.0, 8.0]]), design, 2, ("drift",))
    np.testing.assert_allclose(C[0, 0], [1.0, 2.0])  # 8 in 8 years: 1 a year
    np.testing.assert_allclose(volatility(np.array([[0.0, 8.0]]), design), [8 / np.sqrt(8)])


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(DESIGNS)),
    st.lists(st.floats(0.001, 3.0), min_size=5, max_size=5),
    st.booleans(),
)
def test_every_candidate_follows_a_monotone_history(name, steps, rising):
    design = DESIGNS[name]
    z = np.cumsum(steps[: design.n_points]) * (1 if rising else -1)
    C = candidate_forecasts(z[None, :], design, 10)[0]
    sign = 1 if rising else -1
    assert (sign * C >= -1e-12).all()
    assert (sign * np.diff(C, axis=1) >= -1e-12).all()


def test_group_parts_count_only_observed_steps():
    design = DESIGNS["two_far"]
    rises, steady, size = group_parts(np.log([[10.3, 43.5]]), design)
    assert rises.tolist() == [1] and steady.tolist() == [0]
    assert size.tolist() == [3]  # log(43.5 / 10.3) / 8 = 0.18 a year: between the 0.1 and 0.2 edges
    rises, steady, size = group_parts(
        np.array([[0.0, 0.1, 0.05, 0.2, 0.3]]), DESIGNS["consecutive5"]
    )
    assert rises.tolist() == [3]


# -- the calibration check -------------------------------------------------------------------------
def test_shipped_calibration_matches_the_code():
    cal = calibration()
    assert list(cal.designs) == list(DESIGNS)
    assert cal.max_horizon == 10 == max_horizon()
    info = calibration_info()
    assert "m4_yearly_dev_train.csv" in info["source"] and "test" not in info["source"]
    assert "learn_calibration.py" in info["rule"]


def _broken(raw, change):
    doc = copy.deepcopy(raw)
    change(doc)
    return doc


@pytest.mark.parametrize(
    "change, match",
    [
        (
            lambda d: (
                d["candidates"].pop("theta", None)
                or d["candidates"].update(theta={"slope": "ols", "phi": 1.0})
            ),
            r"unknown to the code: \['theta'\]",
        ),
        (lambda d: d["candidates"].pop("damped"), r"missing from the file: \['damped'\]"),
        (
            lambda d: d.update(candidates=dict(reversed(list(d["candidates"].items())))),
            "another order",
        ),
        (
            lambda d: d["candidates"]["damped"].update(phi=0.85),
            "candidate 'damped' is .*0.85.* in the file but",
        ),
        (
            lambda d: d["designs"].update(five_far=d["designs"]["two_far"]),
            r"unknown to the code: \['five_far'\]",
        ),
        (lambda d: d["designs"].pop("gap5"), r"missing from the file: \['gap5'\]"),
        (
            lambda d: d["designs"]["two_far"].update(offsets=[-7, 0]),
            "design 'two_far' observes offsets",
        ),
        (
            lambda d: d["designs"]["consecutive5"]["candidates"].pop(),
            "design 'consecutive5' combines candidates",
        ),
        (lambda d: d["designs"]["gap5"]["weights"].pop(), "design 'gap5': weights has shape"),
        (lambda d: d["designs"]["gap5"].pop("quantiles"), "design 'gap5': quantiles is missing"),
        (lambda d: d["groups"].update(steady=0.7), "group rule"),
        (lambda d: d.pop("levels"), "missing key 'levels'"),
        (
            lambda d: d.update(levels=[x for x in d["levels"] if x != 0.975]),
            "level 0.975 is missing",
        ),
        (lambda d: d["designs"]["two_far"]["weights"][0].__setitem__(0, 0.5), "sum to 1"),
        (lambda d: d.pop("pools"), r"pools differ from the code's; missing from the file"),
        (
            lambda d: d["pools"]["macro"].update(categories=["Macro", "Finance"]),
            "pool 'macro' holds categories",
        ),
        (
            lambda d: d["pools"]["micro"]["designs"]["gap5"].update(scale_factor=[1.0]),
            "pool 'micro', design 'gap5': scale_factor has shape",
        ),
        (
            lambda d: d["pools"]["micro"]["designs"]["gap5"]["scale_factor"].__setitem__(0, -1.0),
            "scale_factor must be > 0",
        ),
        (
            lambda d: d["pools"].update(tourism=d["pools"]["macro"]),
            r"unknown to the code: \['tourism'\]",
        ),
    ],
)
def test_calibration_that_does_not_match_the_code_fails_precisely(raw, change, match):
    with pytest.raises(CalibrationError, match=match):
        parse_calibration(_broken(raw, change))


# -- choosing a design -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "years, name, positions",
    [
        ([2010, 2018], "two_far", (0, 1)),
        ([2016, 2017, 2018, 2019, 2020], "consecutive5", (0, 1, 2, 3, 4)),
        ([2014, 2017, 2020], "three_irregular", (0, 1, 2)),
        ([2015, 2016, 2017, 2019, 2020], "gap5", (0, 1, 2, 3, 4)),
        ([2019, 2020], "consecutive2", (0, 1)),
        ([2016, 2017, 2019, 2020], "four_4_3_1", (0, 1, 2, 3)),
    ],
)
def test_design_choice(years, name, positions):
    choice = choose_design(years, calibration())
    assert choice.design.name == name and choice.positions == positions and not choice.beyond_span


def test_of_designs_as_full_the_one_skipping_fewest_then_the_best_scored_is_used():
    assert (
        choose_design(list(range(2008, 2021)), calibration()).design.name == "consecutive5"
    )  # skips none
    years = [2012, 2014, 2015, 2016, 2018, 2020]  # offsets -8, -6, -5, -4, -2, 0
    choice = choose_design(years, calibration())
    fits = ["every_other5"]  # the only five-year design; it skips 2015
    assert choice.design.name in fits and choice.positions == (0, 1, 3, 4, 5)
    assert (
        choose_design([2014, 2016, 2017, 2018, 2019, 2020], calibration()).design.name
        == "consecutive5"
    )
    years = [
        2012,
        2015,
        2017,
        2020,
    ]  # -8, -5, -3, 0: no four-year design; three-year ones, best scored
    cal = calibration()
    fits = [
        dc
        for dc in cal.designs.values()
        if dc.design.n_points == 3 and all(o in (-8, -5, -3, 0) for o in dc.design.offsets)
    ]
    skipping_none = [dc for dc in fits if dc.design.offsets[0] == -5]
    assert (
        choose_design(years, calibration()).design
        == min(skipping_none, key=lambda dc: dc.score).design
    )


def test_observations_further_apart_than_any_design_stretch_the_widest():
    choice = choose_design([2005, 2018], calibration())
    assert choice.design.name == "two_span12" and choice.beyond_span
    assert choice.stretch == pytest.approx(13 / 12)


def test_design_choice_needs_two_increasing_years():
    with pytest.raises(ValueError, match="at least two strictly increasing"):
        choose_design([2020], calibration())
    with pytest.raises(ValueError, match="at least two strictly increasing"):
        choose_design([2020, 2019], calibration())


# -- the combination -------------------------------------------------------------------------------
def test_combined_forecast_rejects_bad_arguments():
    design = DESIGNS["consecutive5"]
    with pytest.raises(ValueError, match="between 1 and 10"):
        combined_forecast(np.zeros((1, 5)), design, 11, calibration())
    with pytest.raises(ValueError, match=r"needs an \(n, 5\) array"):
        combined_forecast(np.zeros((1, 4)), design, 3, calibration())
    with pytest.raises(ValueError, match="not calibrated"):
        combined_forecast(np.zeros((1, 2)), Design("two_span20", (-20, 0)), 3, calibration())


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(DESIGNS)), st.lists(st.floats(-3, 3), min_size=5, max_size=5))
def test_intervals_are_ordered_and_never_narrow_with_the_horizon(name, values):
    design = DESIGNS[name]
    levels, q, _ = combined_forecast(
        np.array([values[: design.n_points]]), design, 10, calibration()
    )
    assert np.isfinite(q).all()
    assert (np.diff(q, axis=2) >= -1e-12).all()
    median = q[0, :, list(levels).index(0.5)]
    spread = q[0] - median[:, None]
    assert (np.diff(spread[:, levels > 0.5], axis=0) >= -1e-12).all()
    assert (np.diff(spread[:, levels < 0.5], axis=0) <= 1e-12).all()


# -- the memory-lean combination gives the numbers of the straightforward one ---------------------
def reference_combined_forecast(Z, design, horizon, cal, floor_unit=None, stretch=1.0):
    """The combination as computed before the rewrite (revision dd6cc37): every candidate's
    forecast as an (n, candidates, horizon) array, an einsum, and accumulates on masked copies.

    The one change: the slopes are summed column by column (:func:`linear_slope`), as the
    rewrite sums them; a matrix product's last digits depend on the number of rows, which
    test_slopes_are_the_matrix_product_summed_in_a_fixed_order bounds."""
    dc = cal.designs[design.name]
    n = len(Z)
    unit = np.ones(n) if floor_unit is None else floor_unit
    C = (
        np.stack(  # candidate_forecasts, with the slopes summed as the rewrite sums them
            [
                linear_slope(Z, design.slope_coefficients(CANDIDATES[c].slope))[:, None]
                * CANDIDATES[c].path_factor(horizon)[None, :]
                for c in dc.candidates
            ],
            axis=1,
        )
        / stretch
    )
    centre = np.einsum("nkh,nk->nh", C, dc.weights[groups(Z, design, unit, stretch)])
    g = interval_groups(Z, design)
    vol = np.clip(volatility(Z, design) / np.sqrt(stretch), dc.volatility_floor, dc.volatility_cap)
    b = np.searchsorted(dc.volatility_edges, vol, side="right")
    scale = dc.scale_a[:horizon, g].T * unit[:, None] + dc.scale_b[:horizon, g].T * vol[:, None]
    spread = scale[:, :, None] * dc.quantiles[:horizon, g, b].transpose(1, 0, 2)
    above = cal.levels > 0.5
    spread[:, :, above] = np.maximum.accumulate(spread[:, :, above], axis=1)
    spread[:, :, ~above] = np.minimum.accumulate(spread[:, :, ~above], axis=1)
    return Z[:, -1, None, None] + centre[:, :, None] + spread, scale


@pytest.mark.parametrize("name", sorted(DESIGNS))
def test_the_rewrite_gives_identical_numbers(name):
    """Bit for bit, for every design, stretched or not, with and without a floor unit.

    At horizon 1 the reference's einsum sums the candidates in another order than at longer
    horizons (its own first year then differs from its longer forecasts' by an ulp); the rewrite
    gives every horizon the same first years, so it is compared there with the reference's
    horizon-2 forecast.
    """
    cal = calibration()
    design = DESIGNS[name]
    rng = np.random.default_rng(sum(map(ord, name)))
    n = 300
    Z = np.cumsum(rng.normal(0.05, 0.2, (n, design.n_points)), axis=1) + rng.normal(0, 3, (n, 1))
    unit = np.where(rng.random(n) < 0.3, np.abs(rng.normal(50, 30, n)) + 1, 1.0)
    for stretch in (1.0, 13 / 12):
        for floor in (None, unit):
            for horizon in (2, 5, 10):
                want, want_scale = reference_combined_forecast(
                    Z, design, horizon, cal, floor, stretch
                )
                _, got, scale = combined_forecast(Z, design, horizon, cal, floor, stretch)
                np.testing.assert_array_equal(got, want)
                np.testing.assert_array_equal(scale, want_scale)
            want, _ = reference_combined_forecast(Z, design, 2, cal, floor, stretch)
            _, got, _ = combined_forecast(Z, design, 1, cal, floor, stretch)
            np.testing.assert_array_equal(got[:, 0], want[:, 0])


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(sorted(DESIGNS)),
    st.lists(st.lists(st.floats(-3, 3), min_size=5, max_size=5), min_size=1, max_size=8),
    st.integers(1, 10),
)
def test_a_series_gets_the_same_numbers_alone_in_any_batch_and_at_any_horizon(name, rows, horizon):
    cal = calibration()
    design = DESIGNS[name]
    Z = np.array(rows)[:, : design.n_points]
    _, batch, _ = combined_forecast(Z, design, 10, cal)
    for i in range(len(Z)):
        _, alone, _ = combined_forecast(Z[i : i + 1], design, horizon, cal)
        np.testing.assert_array_equal(alone[0], batch[i, :horizon])


def test_stretch_per_series_equals_one_call_per_stretch():
    cal = calibration()
    design = DESIGNS["two_span12"]
    Z = np.array([[0.0, 1.0], [0.5, 0.7], [1.0, 3.0]])
    stretch = np.array([1.0, 13 / 12, 20 / 12])
    _, together, _ = combined_forecast(Z, design, 6, cal, stretch=stretch)
    for i in range(3):
        _, alone, _ = combined_forecast(Z[i : i + 1], design, 6, cal, stretch=float(stretch[i]))
        np.testing.assert_array_equal(together[i], alone[0])


def test_slopes_are_the_matrix_product_summed_in_a_fixed_order():
    rng = np.random.default_rng(3)
    Z = rng.normal(size=(500, 5))
    for name in ("drift", "trend", "recent_damped"):
        coef = DESIGNS["consecutive5"].slope_coefficients(CANDIDATES[name].slope)
        got = linear_slope(Z, coef)
        np.testing.assert_allclose(got, Z @ coef, rtol=0, atol=1e-14)
        alone = np.array([linear_slope(Z[i : i + 1], coef)[0] for i in range(len(Z))])
        np.testing.assert_array_equal(alone, got)


def test_each_series_may_have_its_pool():
    cal = calibration()
    design = DESIGNS["consecutive5"]
    rng = np.random.default_rng(5)
    Z = np.cumsum(rng.normal(0.05, 0.2, (6, 5)), axis=1)
    pools = ["pooled", "macro", "industry", "finance", "micro", "demographic_other"]
    _, together, scale = combined_forecast(Z, design, 5, cal, pool=pools)
    for i, pool in enumerate(pools):
        _, alone, alone_scale = combined_forecast(Z[i : i + 1], design, 5, cal, pool=pool)
        np.testing.assert_array_equal(together[i], alone[0])
        factor = (
            cal.designs["consecutive5"].pool(pool).scale_a / cal.designs["consecutive5"].scale_a
        )
        np.testing.assert_allclose(np.unique(factor.round(12), axis=1).shape, (10, 1))
    with pytest.raises(ValueError, match="no calibration for pool 'tourism'"):
        combined_forecast(Z, design, 5, cal, pool="tourism")
