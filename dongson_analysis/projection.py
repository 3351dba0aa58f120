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
On that scale, the observations are forecast by a weighted average of simple
rules that continue a slope of the observations from the last one (no change,
drift, damped drift, least-squares trend, damped recent change; see
:mod:`dongson_analysis.forecast_core`). The weights and the prediction intervals
were learned on thousands of yearly series of the M4 competition (training part
only), separately for each *design*: which years were observed, counted back
from the last observation. Years need not be consecutive: nothing is
interpolated, and the slopes, the volatility and the number of rising steps come
from the observations at their actual years. A single observation gives no trend
and no projection. The median path is coherent: for a history that only rose
(or only fell) it never turns back.

Designs
-------
:attr:`Projection.design` names the design that was used: one of
``forecast_core.DESIGNS`` (``consecutive2`` … ``consecutive5``, ``two_far``
(t-8, t), ``two_span{s}`` (t-s, t), ``three_irregular`` (t-6, t-3, t),
``three_{s}_{j}`` (t-s, t-j, t), ``gap5`` (t-5 … t without t-2),
``four_{s}_{a}_{b}``, ``five_5_{j}``, ``every_other4``, ``every_other5``; see
that module's table), or ``single_point`` when nothing was projected. Of several
designs that fit the observed years, the one with the most observations is used
(ties: the one leaving out fewest observations inside its span, then the better
learned interval score); older observations are left aside.

Notes
-----
:attr:`Projection.notes` holds stable machine codes:

=========================  ==============================================================
code                       meaning
=========================  ==============================================================
single_point               one observation: no trend, no projection
two_points                 the projection rests on two observations
short_window               the projection rests on three or four observations
irregular_years            the observations used are not consecutive years
observations_unused        observations between the first and last year used were left
                           out: no calibrated design holds all of them
beyond_calibrated_span     the last two observations are further apart than any
                           calibrated design (12 years); the widest was stretched to them
counts_rounded             values are whole numbers: quantiles rounded
clipped_to_bounds          some quantiles were moved onto the indicator's bounds
=========================  ==============================================================

The code ``filled_gaps`` (gaps filled by a straight line before forecasting) is
no longer emitted: nothing is filled.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .forecast_core import calibration, choose_design, combined_forecast
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
        """Values to the projection scale (shares within ``SHARE_EPSILON`` of a bound are moved off
        it).
        """
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
        """The projection scale back to values."""
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
        """The lower bound, 0 if there is none."""
        return 0.0 if math.isnan(self.lower) else self.lower


def transform_for(kind: str, lower: float = math.nan, upper: float = math.nan) -> Transform:
    """The projection scale of an indicator kind, read from :data:`dongson_analysis.kinds.KINDS`."""
    spec = kind_spec(kind)
    if not spec.projectable:
        raise ValueError(
            f"kind '{kind}' cannot be projected; projectable kinds: "
            f"{', '.join(projectable_kinds())}"
        )
    scale = spec.scale_for(lower, upper)
    if scale == "logit":
        lower = 0.0 if math.isnan(lower) else lower
        upper = 100.0 if math.isnan(upper) else upper
        return Transform("logit", lower, upper)
    if scale == "log1p":
        return Transform("log1p", 0.0 if math.isnan(lower) else lower, upper)
    return Transform(scale, lower, upper)


def _check_values(
    values: np.ndarray, kind: str, transform: Transform, years: np.ndarray | None = None
) -> None:
    where = (
        (lambda i: f" (year {int(years[i])})")
        if years is not None
        else (lambda i: f" (position {i})")
    )
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            f"values must be finite numbers; got {values[bad][0]!r}{where(int(np.argmax(bad)))}"
        )
    if transform.name == "log" and (values <= 0).any():
        i = int(np.argmax(values <= 0))
        raise ValueError(
            f"a {kind} is projected multiplicatively, so every value must be positive; "
            f"got {values[i]:g}{where(i)}"
        )
    if transform.name in ("log1p", "logit"):
        low, high = transform.lower_or_zero, transform.upper
        if (values < low).any() or (not math.isnan(high) and (values > high).any()):
            i = int(
                np.argmax((values < low) | ((values > high) if not math.isnan(high) else False))
            )
            raise ValueError(
                f"a {kind} must stay within [{low:g}, {high:g}]; got {values[i]:g}{where(i)}"
            )
    if kind_spec(kind).whole_numbers and not np.allclose(values, np.round(values)):
        raise ValueError("a count must be a whole number")


def _anchor_shift(transform: Transform, last: np.ndarray) -> np.ndarray:
    """How far the last value lies from its image on the projection scale (nonzero only near a
    share's bound).

    The logit scale keeps values ``SHARE_EPSILON`` of the range away from the
    bounds; a last value closer to a bound is projected from there, and the
    projection is moved back by this much so that it starts at the value observed.
    """
    last = np.asarray(last, dtype=float)
    if transform.name != "logit":
        return np.zeros_like(last)
    return last - transform.inverse(transform.forward(last))


def _finish(
    quantiles: np.ndarray, kind: str, transform: Transform, shift: np.ndarray | float = 0.0
) -> np.ndarray:
    """Back-transform quantiles (..., P), move them by ``shift`` (see :func:`_anchor_shift`), make
    counts
    whole and keep everything within the bounds."""
    values = transform.inverse(quantiles) + shift
    if kind_spec(kind).whole_numbers:
        values = np.round(values)
    low, high = transform.lower, transform.upper
    if not math.isnan(low):
        values = np.maximum(values, low)
    if not math.isnan(high):
        values = np.minimum(values, high)
    return values


def forecast_windows(
    values: np.ndarray,
    horizon: int,
    kind: str = "level",
    lower: float = math.nan,
    upper: float = math.nan,
    offsets: Sequence[int] | None = None,
) -> dict[str, np.ndarray]:
    """Vectorised projection of many series that share a kind and the years observed.

    Parameters
    ----------
    values : ndarray, shape (n, k)
        Values of n series, each observed in the same k ≥ 2 years, oldest first.
    horizon : int
        Years ahead of the last observation, 1 to the calibrated maximum (10).
    kind, lower, upper
        The indicators' kind and bounds.
    offsets : sequence of int, optional
        The observed years relative to the last one (strictly increasing, the last
        0); default: consecutive years. The design is chosen from them as in
        :func:`project`.

    Returns
    -------
    dict
        ``point`` (the median), ``lower80``, ``upper80``, ``lower95``, ``upper95``,
        each (n, horizon); ``quantiles`` (n, horizon, P) at ``levels`` (P,);
        ``design``, the name of the design used.

    Raises
    ------
    ValueError
        On a bad shape, horizon, offsets or value.
    """
    values = np.asarray(values, dtype=float)
    if values.ndim != 2 or values.shape[1] < 2:
        raise ValueError("values must be a 2-D array with at least two values per series")
    if not isinstance(horizon, (int, np.integer)) or isinstance(horizon, bool) or horizon < 1:
        raise ValueError(f"horizon must be a whole number of years ≥ 1, got {horizon!r}")
    max_h = calibration().max_horizon
    if horizon > max_h:
        raise ValueError(
            f"horizon {horizon} is beyond the {max_h} years for which the intervals were calibrated"
        )
    k = values.shape[1]
    offsets_arr = np.arange(-k + 1, 1) if offsets is None else np.asarray(offsets)
    if (
        offsets_arr.shape != (k,)
        or not np.issubdtype(offsets_arr.dtype, np.integer)
        or offsets_arr[-1] != 0
        or np.any(np.diff(offsets_arr) <= 0)
    ):
        raise ValueError(
            f"offsets must be {k} strictly increasing whole numbers ending at 0, got {offsets!r}"
        )
    transform = transform_for(kind, lower, upper)
    _check_values(values.ravel(), kind, transform)
    choice = choose_design(offsets_arr)
    Z = transform.forward(values[:, list(choice.positions)])
    levels, q, _ = combined_forecast(
        Z, choice.design, int(horizon), floor_unit=_floor_unit(Z, transform), stretch=choice.stretch
    )
    out = _finish(q, kind, transform, _anchor_shift(transform, values[:, -1])[:, None, None])
    col = {round(float(p), 3): i for i, p in enumerate(levels)}
    return {
        "levels": levels,
        "quantiles": out,
        "point": out[:, :, col[0.5]],
        "lower80": out[:, :, col[0.1]],
        "upper80": out[:, :, col[0.9]],
        "lower95": out[:, :, col[0.025]],
        "upper95": out[:, :, col[0.975]],
        "design": choice.design.name,
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
        ``combination`` (projected) or ``single_point`` (not projected).
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
    window : int
        Number of observations the projection rests on (0 without projection).
    notes : tuple of str
        Codes of caveats (see the module docstring): ``single_point``,
        ``two_points``, ``short_window``, ``irregular_years``,
        ``observations_unused``, ``beyond_calibrated_span``, ``counts_rounded``,
        ``clipped_to_bounds``.
    design : str
        Name of the design used (see the module docstring), ``single_point``
        without projection.
    used_years : ndarray
        Years of the observations the projection rests on.
    anchor : float
        Added to every back-transformed quantile so that the projection starts
        from the last value observed (nonzero only for a share within half a
        percent of the range from a bound, which the logit scale cannot reach).
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
    design: str = "single_point"
    used_years: np.ndarray = field(default_factory=lambda: np.array([], dtype=int))
    anchor: float = 0.0

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
            raise ValueError(
                f"no projection for {year}; projected years: {self.horizon_years.tolist()}"
            )
        return int(matches[0])

    def quantile(self, probability: float, year: int) -> float:
        """The value that the outcome in ``year`` stays below with ``probability``."""
        if not 0 < probability < 1:
            raise ValueError("probability must be between 0 and 1")
        q = self.transform.forward(self.quantiles[self._row(year)] - self.anchor)
        value = np.interp(probability, self.levels, q)
        return float(_finish(np.array([value]), self.kind, self.transform, self.anchor)[0])

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
        q = self.transform.forward(self.quantiles[row] - self.anchor)
        z = float(self.transform.forward(np.array([value - self.anchor]))[0])
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
        return pd.DataFrame(
            {
                "year": self.horizon_years.astype(int),
                "point": self.point,
                "lower80": self.lower80,
                "upper80": self.upper80,
                "lower95": self.lower95,
                "upper95": self.upper95,
                "method": self.method,
            }
        )

    def scenarios(self) -> pd.DataFrame:
        """Low, base and high paths: the 10%, 50% and 90% quantiles of each year."""
        return pd.DataFrame(
            {
                "year": self.horizon_years.astype(int),
                "low": self.lower80,
                "base": self.point,
                "high": self.upper80,
            }
        )

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
        path = (
            _finish(self.transform.forward(path), self.kind, self.transform)
            if self.transform.name in ("log1p", "logit")
            else path
        )
        prob = [self.probability_at_least(v, int(y)) for v, y in zip(path, self.horizon_years)]
        return pd.DataFrame(
            {"year": self.horizon_years.astype(int), "value": path, "probability_at_least": prob}
        )

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
            raise ValueError(
                "rates of some years between the last observation and the projection are missing"
            )
        index = {
            name: base_level * np.cumprod(1 + rates / 100)
            for name, rates in (("low", self.lower80), ("base", self.point), ("high", self.upper80))
        }
        return pd.DataFrame({"year": self.horizon_years.astype(int), **index})


def _whole(x) -> bool:
    """A whole number (int, or a float without a fraction), not a bool."""
    if isinstance(x, (bool, np.bool_)):
        return False
    try:
        return math.isfinite(float(x)) and float(x).is_integer()
    except (TypeError, ValueError):
        return False


def _trend(years: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, float]:
    """OLS straight line of z on year (statsmodels); fitted values and slope."""
    import statsmodels.api as sm

    if len(years) == 1:
        return z.copy(), math.nan
    X = sm.add_constant(years - years[0], has_constant="add")
    fit = sm.OLS(z, X).fit()
    return fit.fittedvalues, float(fit.params[1])


def project(
    years: Sequence[int],
    values: Sequence[float],
    kind: str = "level",
    lower: float = math.nan,
    upper: float = math.nan,
    end_year: int = DEFAULT_END_YEAR,
    horizon: int | None = None,
) -> Projection:
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

    Notes
    -----
    The design used (:attr:`Projection.design`) is chosen from the observed years
    by :func:`dongson_analysis.forecast_core.choose_design`.
    """
    years_arr = np.asarray(years, dtype=float)
    values_arr = np.asarray(values, dtype=float)
    if years_arr.ndim != 1 or values_arr.ndim != 1 or len(years_arr) != len(values_arr):
        raise ValueError(
            f"years and values must be 1-D and of equal length; got {years_arr.shape} and "
            f"{values_arr.shape}"
        )
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
    if horizon is not None and not _whole(horizon):
        raise ValueError(f"horizon must be a whole number of years, got {horizon!r}")
    if not _whole(end_year):
        raise ValueError(f"end_year must be a whole calendar year, got {end_year!r}")
    steps = int(horizon) if horizon is not None else int(end_year) - last
    max_h = calibration().max_horizon
    if steps < 1:
        raise ValueError(
            f"the horizon must be at least one year after the last observation ({last}); got "
            f"{steps}"
        )
    if steps > max_h:
        raise ValueError(
            f"{steps} years ahead of {last} is beyond the {max_h} years for which the intervals "
            "were calibrated; add more recent observations"
        )
    change_unit = "%" if transform.name in ("log", "log1p") else "points"
    z = transform.forward(values_arr)
    horizon_years = np.arange(last + 1, last + steps + 1)
    notes: list[str] = []
    if kind_spec(kind).whole_numbers:
        notes.append("counts_rounded")

    if len(years_arr) == 1:
        return Projection(
            kind,
            years_arr,
            values_arr,
            "single_point",
            transform,
            years_arr,
            values_arr.copy(),
            math.nan,
            change_unit,
            horizon_years,
            np.array([]),
            np.empty((steps, 0)),
            0,
            tuple(["single_point"] + notes),
            "single_point",
            years_arr.copy(),
        )

    fitted, slope = _trend(years_arr.astype(float), z)
    trend_years = np.arange(years_arr[0], last + 1)
    trend_z = fitted[0] + slope * (trend_years - years_arr[0])
    trend_values = transform.inverse(trend_z)
    if change_unit == "%":
        annual_change = 100 * (math.exp(slope) - 1)
    else:
        annual_change = float((trend_values[-1] - trend_values[0]) / max(len(trend_years) - 1, 1))

    choice = choose_design(years_arr)
    used = np.array(choice.positions)
    design = choice.design
    if design.n_points == 2:
        notes.append("two_points")
    elif design.n_points < 5:
        notes.append("short_window")
    if np.any(np.diff(years_arr[used]) > 1):
        notes.append("irregular_years")
    if len(np.setdiff1d(np.arange(used[0], len(years_arr)), used)):
        notes.append("observations_unused")
    if choice.beyond_span:
        notes.append("beyond_calibrated_span")
    Z = z[used][None, :]
    levels, q, _ = combined_forecast(
        Z, design, steps, floor_unit=_floor_unit(Z, transform), stretch=choice.stretch
    )
    shift = float(_anchor_shift(transform, values_arr[-1]))
    values = _finish(q[0], kind, transform, shift)
    raw = transform.inverse(q[0]) + shift
    if not np.allclose(values, np.round(raw) if kind_spec(kind).whole_numbers else raw):
        notes.append("clipped_to_bounds")
    return Projection(
        kind,
        years_arr,
        values_arr,
        "combination",
        transform,
        trend_years,
        trend_values,
        annual_change,
        change_unit,
        horizon_years,
        levels,
        values,
        design.n_points,
        tuple(notes),
        design.name,
        years_arr[used],
        shift,
    )
