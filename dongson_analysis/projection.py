"""Trends and projections of one indicator (or many), respecting its kind.

The main entry point is :func:`project`:

>>> p = project([2016, 2017, 2018, 2019, 2020], [30.1, 33.0, 36.2, 40.0, 43.5], kind="level")
>>> p.table()  # doctest: +SKIP

How each kind is projected
--------------------------
=============  =====================================================================
kind           scale of the projection
=============  =====================================================================
level          log: projected multiplicatively, stays positive
cumulative     log, like a level (a running total)
count          log(1 + y); results are whole numbers within the catalogue bounds
share          logit of the position between the bounds (0–100): stays inside them
ratio          logit if bounded on both sides, log if positive, else as is
growth_rate    as is (rates can be negative); :meth:`Projection.implied_level_index`
               gives the level path the rates imply
milestone      not projected (a year at which something is reached)
=============  =====================================================================

Method
------
On that scale, the last (up to) five consecutive yearly values are forecast by a
weighted average of five simple methods (no change, drift, straight-line trend,
damped drift, theta), with weights that depend on the horizon and on how many of
the years rose. The prediction intervals come from the distribution of errors that
the same method made on thousands of short yearly series of the M4 competition
(training part only), scaled by the series' own year-to-year volatility. See
:mod:`dongson_analysis.forecast_core` and ``benchmarks/`` for the evidence.

Years missing between two observations are filled by a straight line on the
projection's scale before forecasting, and the result says so. A single
observation gives no trend and no projection.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from .forecast_core import MAX_WINDOW, calibrations, combined_forecast
from .kinds import kind_spec, projectable_kinds

SHARE_EPSILON = 0.005  # fraction of the range kept away from a bound on the logit scale
DEFAULT_END_YEAR = 2025


@dataclass(frozen=True)
class Transform:
    """A one-to-one map between values and the scale on which they are projected."""

    name: str  # "log", "log1p", "logit", "identity"
    lower: float = math.nan
    upper: float = math.nan

    def forward(self, y: np.ndarray) -> np.ndarray:
        y = np.asarray(y, dtype=float)
        if self.name == "log":
            return np.log(y)
        if self.name == "log1p":
            return np.log1p(y - self.lower_or_zero)
        if self.name == "logit":
            frac = (y - self.lower) / (self.upper - self.lower)
            frac = np.clip(frac, SHARE_EPSILON, 1 - SHARE_EPSILON)
            return np.log(frac / (1 - frac))
        return y

    def inverse(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        if self.name == "log":
            return np.exp(z)
        if self.name == "log1p":
            return np.expm1(z) + self.lower_or_zero
        if self.name == "logit":
            return self.lower + (self.upper - self.lower) / (1 + np.exp(-z))
        return z

    @property
    def lower_or_zero(self) -> float:
        return 0.0 if math.isnan(self.lower) else self.lower


def transform_for(kind: str, lower: float = math.nan, upper: float = math.nan) -> Transform:
    """The projection scale of an indicator kind, read from :data:`dongson_analysis.kinds.KINDS`."""
    spec = kind_spec(kind)
    if not spec.projectable:
        raise ValueError(f"kind '{kind}' cannot be projected; projectable kinds: {', '.join(projectable_kinds())}")
    scale = spec.scale_for(lower, upper)
    if scale == "logit":
        lower = 0.0 if math.isnan(lower) else lower
        upper = 100.0 if math.isnan(upper) else upper
        return Transform("logit", lower, upper)
    if scale == "log1p":
        return Transform("log1p", 0.0 if math.isnan(lower) else lower, upper)
    return Transform(scale, lower, upper)


def _check_values(values: np.ndarray, kind: str, transform: Transform, years: np.ndarray | None = None) -> None:
    where = (lambda i: f" (year {int(years[i])})") if years is not None else (lambda i: f" (position {i})")
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(f"values must be finite numbers; got {values[bad][0]!r}{where(int(np.argmax(bad)))}")
    if transform.name == "log" and (values <= 0).any():
        i = int(np.argmax(values <= 0))
        raise ValueError(f"a {kind} is projected multiplicatively, so every value must be positive; "
                         f"got {values[i]:g}{where(i)}")
    if transform.name in ("log1p", "logit"):
        low, high = transform.lower_or_zero, transform.upper
        if (values < low).any() or (not math.isnan(high) and (values > high).any()):
            i = int(np.argmax((values < low) | ((values > high) if not math.isnan(high) else False)))
            raise ValueError(f"a {kind} must stay within [{low:g}, {high:g}]; got {values[i]:g}{where(i)}")
    if kind_spec(kind).whole_numbers and not np.allclose(values, np.round(values)):
        raise ValueError("a count must be a whole number")


def _finish(quantiles: np.ndarray, kind: str, transform: Transform) -> np.ndarray:
    """Back-transform quantiles (..., P) and make counts whole and bounded."""
    values = transform.inverse(quantiles)
    if kind_spec(kind).whole_numbers:
        values = np.round(values)
    low, high = transform.lower, transform.upper
    if not math.isnan(low):
        values = np.maximum(values, low)
    if not math.isnan(high):
        values = np.minimum(values, high)
    return values


def forecast_windows(windows: np.ndarray, horizon: int, kind: str = "level", lower: float = math.nan,
                     upper: float = math.nan) -> dict[str, np.ndarray]:
    """Vectorised projection of many series that share a kind, each a window of consecutive years.

    Parameters
    ----------
    windows : ndarray, shape (n, m)
        The last m yearly values of n series (2 ≤ m; only the last five are used).
    horizon : int
        Years ahead, at least 1.
    kind, lower, upper
        The indicators' kind and bounds.

    Returns
    -------
    dict of ndarray, each (n, horizon)
        ``point`` (the median), ``lower80``, ``upper80``, ``lower95``, ``upper95``;
        ``quantiles`` (n, horizon, P) at ``levels`` (P,).
    """
    windows = np.asarray(windows, dtype=float)
    if windows.ndim != 2 or windows.shape[1] < 2:
        raise ValueError("windows must be a 2-D array with at least two values per series")
    if not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ValueError(f"horizon must be a whole number of years ≥ 1, got {horizon!r}")
    transform = transform_for(kind, lower, upper)
    _check_values(windows.ravel(), kind, transform)
    Z = transform.forward(windows[:, -MAX_WINDOW:])
    levels, q, _ = combined_forecast(Z, int(horizon), floor_unit=_floor_unit(Z, transform))
    values = _finish(q, kind, transform)
    col = {round(float(p), 3): i for i, p in enumerate(levels)}
    return {
        "levels": levels, "quantiles": values, "point": values[:, :, col[0.5]],
        "lower80": values[:, :, col[0.1]], "upper80": values[:, :, col[0.9]],
        "lower95": values[:, :, col[0.025]], "upper95": values[:, :, col[0.975]],
    }


def _floor_unit(Z: np.ndarray, transform: Transform) -> np.ndarray:
    """Size of one 'relative unit' on the projection scale: 1 except for untransformed values."""
    if transform.name != "identity":
        return np.ones(len(Z))
    return np.maximum(np.abs(Z).mean(axis=1), 1.0)


@dataclass(frozen=True)
class Projection:
    """Fitted trend and projection of one series.

    Attributes
    ----------
    kind : str
        The indicator kind.
    years, values : ndarray
        The observations used (sorted by year).
    method : str
        ``combination``, ``combination_with_filled_gaps``, ``single_point`` or ``not_projectable``.
    trend_years, trend_values : ndarray
        The straight-line trend on the projection scale, at every year of the
        observed span, back-transformed (statsmodels OLS).
    annual_change : float
        The trend's average annual change: a growth rate in % for levels,
        counts and cumulative totals, points per year for shares, rates and ratios.
    change_unit : str
        ``"%"`` or ``"points"``.
    horizon_years : ndarray
        Projected years.
    levels : ndarray
        Probability levels of ``quantiles``.
    quantiles : ndarray, shape (len(horizon_years), len(levels))
        Predictive quantiles in the indicator's unit.
    notes : tuple of str
        Codes of caveats: ``single_point``, ``two_points``, ``filled_gaps``,
        ``short_window``, ``counts_rounded``, ``clipped_to_bounds``.
    """

    kind: str
    years: np.ndarray
    values: np.ndarray
    method: str
    transform: Transform
    trend_years: np.ndarray
    trend_values: np.ndarray
    annual_change: float
    change_unit: str
    horizon_years: np.ndarray
    levels: np.ndarray
    quantiles: np.ndarray
    window: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    # -- quantiles -------------------------------------------------------------------------
    def _column(self, level: float) -> np.ndarray:
        if not self.has_projection:
            return np.full(len(self.horizon_years), np.nan)
        return self.quantiles[:, int(np.argmin(np.abs(self.levels - level)))]

    @property
    def has_projection(self) -> bool:
        return self.quantiles.size > 0

    @property
    def point(self) -> np.ndarray:
        """The median projection: as likely to be exceeded as not."""
        return self._column(0.5)

    @property
    def lower80(self) -> np.ndarray:
        return self._column(0.1)

    @property
    def upper80(self) -> np.ndarray:
        return self._column(0.9)

    @property
    def lower95(self) -> np.ndarray:
        return self._column(0.025)

    @property
    def upper95(self) -> np.ndarray:
        return self._column(0.975)

    def _row(self, year: int) -> int:
        matches = np.flatnonzero(self.horizon_years == year)
        if not self.has_projection or len(matches) == 0:
            raise ValueError(f"no projection for {year}; projected years: {self.horizon_years.tolist()}")
        return int(matches[0])

    def quantile(self, probability: float, year: int) -> float:
        """The value that the outcome in ``year`` stays below with ``probability``."""
        if not 0 < probability < 1:
            raise ValueError("probability must be between 0 and 1")
        q = self.transform.forward(self.quantiles[self._row(year)])
        value = np.interp(probability, self.levels, q)
        return float(_finish(np.array([value]), self.kind, self.transform)[0])

    def probability_at_least(self, value: float, year: int) -> float:
        """Probability that the outcome in ``year`` is at least ``value``.

        Read off the predictive quantiles (linear between them on the projection
        scale), so results lie between the extreme levels (0.5% and 99.5%).
        For counts, ``at least k`` is taken as above ``k - 0.5``.
        """
        row = self._row(year)
        if kind_spec(self.kind).whole_numbers:
            value = value - 0.5
        low, high = self.transform.lower, self.transform.upper
        if not math.isnan(high) and value > high:
            return 0.0
        if not math.isnan(low) and value <= low and not kind_spec(self.kind).whole_numbers:
            return 1.0
        q = self.transform.forward(self.quantiles[row])
        z = float(self.transform.forward(np.array([value]))[0])
        q_sorted = np.maximum.accumulate(q)
        cdf = np.interp(z, q_sorted, self.levels, left=0.0, right=1.0)
        if z < q_sorted[0]:
            cdf = 0.0
        return float(np.clip(1.0 - cdf, 0.0, 1.0))

    def probability_at_most(self, value: float, year: int) -> float:
        """Probability that the outcome in ``year`` is at most ``value``."""
        if kind_spec(self.kind).whole_numbers:
            return 1.0 - self.probability_at_least(value + 1, year)
        return 1.0 - self.probability_at_least(value, year)

    # -- tables ----------------------------------------------------------------------------
    def table(self) -> pd.DataFrame:
        """One row per projected year: point, 80% and 95% bounds, method."""
        return pd.DataFrame({
            "year": self.horizon_years.astype(int), "point": self.point, "lower80": self.lower80,
            "upper80": self.upper80, "lower95": self.lower95, "upper95": self.upper95,
            "method": self.method,
        })

    def scenarios(self) -> pd.DataFrame:
        """Low, base and high paths: the 10%, 50% and 90% quantiles of each year."""
        return pd.DataFrame({"year": self.horizon_years.astype(int), "low": self.lower80,
                             "base": self.point, "high": self.upper80})

    def growth_path(self, annual_change: float) -> pd.DataFrame:
        """A path chosen by the user, and how likely each year's value is to be reached.

        Parameters
        ----------
        annual_change : float
            Growth in % a year for levels, counts and totals; points a year for
            shares, rates and ratios (the unit of :attr:`annual_change`).
        """
        if not self.has_projection:
            raise ValueError("no projection: " + ", ".join(self.notes))
        steps = self.horizon_years - self.years[-1]
        if self.change_unit == "%":
            path = self.values[-1] * (1 + annual_change / 100) ** steps
        else:
            path = self.values[-1] + annual_change * steps
        path = _finish(self.transform.forward(path), self.kind, self.transform) if self.transform.name in (
            "log1p", "logit") else path
        prob = [self.probability_at_least(v, int(y)) for v, y in zip(path, self.horizon_years)]
        return pd.DataFrame({"year": self.horizon_years.astype(int), "value": path,
                             "probability_at_least": prob})

    def implied_level_index(self, base_level: float = 1.0) -> pd.DataFrame:
        """For a growth-rate indicator: the level path the projected rates imply.

        ``base_level`` is the level in the last observed year (1.0 gives an index).
        ``low`` and ``high`` assume every year at its 10% or 90% rate: a wide,
        cautious band, not a joint probability statement.
        """
        if not kind_spec(self.kind).rate_of_level:
            raise ValueError("implied_level_index is for growth-rate indicators")
        if not self.has_projection:
            raise ValueError("no projection: " + ", ".join(self.notes))
        gap = int(self.horizon_years[0] - self.years[-1] - 1)
        if gap:
            raise ValueError("rates of some years between the last observation and the projection are missing")
        index = {name: base_level * np.cumprod(1 + rates / 100)
                 for name, rates in (("low", self.lower80), ("base", self.point), ("high", self.upper80))}
        return pd.DataFrame({"year": self.horizon_years.astype(int), **index})


def _trend(years: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, float]:
    """OLS straight line of z on year (statsmodels); fitted values and slope."""
    import statsmodels.api as sm

    if len(years) == 1:
        return z.copy(), math.nan
    X = sm.add_constant(years - years[0], has_constant="add")
    fit = sm.OLS(z, X).fit()
    return fit.fittedvalues, float(fit.params[1])


def project(years: Sequence[int], values: Sequence[float], kind: str = "level", lower: float = math.nan,
            upper: float = math.nan, end_year: int = DEFAULT_END_YEAR, horizon: int | None = None) -> Projection:
    """Fit the trend of one series and project it to ``end_year``.

    Parameters
    ----------
    years : sequence of int
        Calendar years of the observations; irregular years allowed, no duplicates.
    values : sequence of float
        The observations, in the indicator's unit.
    kind : str
        The indicator kind (see the module docstring).
    lower, upper : float
        The indicator's bounds (NaN if none). Shares default to 0 and 100.
    end_year : int
        Last projected year (default 2025).
    horizon : int, optional
        Years ahead of the last observation; overrides ``end_year``.

    Returns
    -------
    Projection

    Raises
    ------
    ValueError
        On mismatched lengths, duplicate years, NaN, a non-positive level, a
        value outside its bounds, a horizon below 1 or beyond the calibrated
        10 years, or an unprojectable kind.
    """
    years_arr = np.asarray(years, dtype=float)
    values_arr = np.asarray(values, dtype=float)
    if years_arr.ndim != 1 or values_arr.ndim != 1 or len(years_arr) != len(values_arr):
        raise ValueError(f"years and values must be 1-D and of equal length; got {years_arr.shape} and {values_arr.shape}")
    if len(years_arr) == 0:
        raise ValueError("at least one observation is needed")
    if not np.isfinite(years_arr).all() or not np.allclose(years_arr, np.round(years_arr)):
        raise ValueError("years must be whole calendar years")
    order = np.argsort(years_arr, kind="stable")
    years_arr, values_arr = years_arr[order].astype(int), values_arr[order]
    if len(np.unique(years_arr)) != len(years_arr):
        raise ValueError("each year may appear only once")
    transform = transform_for(kind, lower, upper)
    _check_values(values_arr, kind, transform, years_arr)
    last = int(years_arr[-1])
    steps = int(horizon) if horizon is not None else int(end_year) - last
    max_h = calibrations()[MAX_WINDOW].max_horizon
    if steps < 1:
        raise ValueError(f"the horizon must be at least one year after the last observation ({last}); got {steps}")
    if steps > max_h:
        raise ValueError(f"{steps} years ahead of {last} is beyond the {max_h} years for which the intervals "
                         "were calibrated; add more recent observations")
    change_unit = "%" if transform.name in ("log", "log1p") else "points"
    z = transform.forward(values_arr)
    horizon_years = np.arange(last + 1, last + steps + 1)
    notes: list[str] = []
    if kind_spec(kind).whole_numbers:
        notes.append("counts_rounded")

    if len(years_arr) == 1:
        return Projection(kind, years_arr, values_arr, "single_point", transform, years_arr, values_arr.copy(),
                          math.nan, change_unit, horizon_years, np.array([]), np.empty((steps, 0)),
                          0, tuple(["single_point"] + notes))

    fitted, slope = _trend(years_arr.astype(float), z)
    trend_years = np.arange(years_arr[0], last + 1)
    trend_z = fitted[0] + slope * (trend_years - years_arr[0])
    trend_values = transform.inverse(trend_z)
    if change_unit == "%":
        annual_change = 100 * (math.exp(slope) - 1)
    else:
        annual_change = float((trend_values[-1] - trend_values[0]) / max(len(trend_years) - 1, 1))

    # consecutive yearly values ending at the last observation; gaps filled on the projection scale
    full_years = np.arange(years_arr[0], last + 1)
    filled = np.interp(full_years, years_arr, z)
    method = "combination"
    window_years = full_years[-MAX_WINDOW:]
    if not np.isin(window_years, years_arr).all():
        method = "combination_with_filled_gaps"
        notes.append("filled_gaps")
    window = filled[-MAX_WINDOW:]
    if len(years_arr) == 2:
        notes.append("two_points")
    elif len(window) < MAX_WINDOW:
        notes.append("short_window")
    Z = window[None, :]
    levels, q, _ = combined_forecast(Z, steps, floor_unit=_floor_unit(Z, transform))
    values = _finish(q[0], kind, transform)
    raw = transform.inverse(q[0])
    if not np.allclose(values, np.round(raw) if kind_spec(kind).whole_numbers else raw):
        notes.append("clipped_to_bounds")
    return Projection(kind, years_arr, values_arr, method, transform, trend_years, trend_values, annual_change,
                      change_unit, horizon_years, levels, values, len(window), tuple(notes))
