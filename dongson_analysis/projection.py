"""Trends and projections of indicators, respecting their kind: one series or a whole run at once.

Two entry points give the same numbers:

- :func:`project_many` projects every series of a run in one call per design
  and returns a :class:`ProjectionBatch`: a tidy long table (``id, year, point,
  lower80, upper80, lower95, upper95, design``) and, for any series, a
  :class:`Projection` (a cheap view into the batch's arrays);
- :func:`project` is the convenience for one series.

>>> p = project([2016, 2017, 2018, 2019, 2020], [30.1, 33.0, 36.2, 40.0, 43.5], end_year=2025)
>>> p.design, p.horizon_years.tolist()
('consecutive5', [2021, 2022, 2023, 2024, 2025])

How far ahead a projection may reach is :func:`max_horizon` (the calibration's
longest horizon); the last projected year is always given (``end_year``).

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
growth_rate    as is (rates can be negative)
milestone      not projected (a year at which something is reached)
=============  =====================================================================

Method
------
On that scale, the observations are forecast by a weighted average of simple
rules that continue a slope of the observations from the last one (no change,
drift, damped drift, least-squares trend, damped recent change; see
:mod:`dongson_analysis.forecast_core`). The weights and the prediction intervals
were learned on thousands of yearly series of the M4 competition (training part
only), separately for each *design* (which years were observed, counted back
from the last observation) and for each *series group* (the kind of series, see
:mod:`dongson_analysis.series_groups`; ``group=None`` uses the calibration pooled
over every kind). Years need not be consecutive: nothing is interpolated, and the
slopes, the volatility and the number of rising steps come from the observations
at their actual years. A single observation gives no trend and no projection. The
median path is coherent: for a history that only rose (or only fell) it never
turns back.

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

:meth:`Projection.path_shape` says whether the median path slows against the
observed trend and why, with these codes:

=====================  ==================================================================
reason                 meaning
=====================  ==================================================================
learned_damping        the weights learned for the design and the series group continue
                       less than the observed slope (no-change and damped rules)
bound_curvature        on the projection scale the path keeps its pace, but the scale
                       bends toward a bound (a share near 0 or 100, a count near its top)
held_at_bound          the median reaches a bound and stays there
=====================  ==================================================================

References
----------
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition:
100,000 time series and 61 forecasting methods. International Journal of
Forecasting, 36(1), 54-74.

Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice,
3rd edition, OTexts: sections 5.5 (prediction intervals), 5.6 (forecasting with
transformations) and 8.2 (damped trend methods).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from .calibration_file import calibration, max_horizon
from .forecast_core import DESIGNS, Calibration, CombinationState, choose_design, combination_state
from .kinds import kind_spec, projectable_kinds
from .series_groups import CALIBRATION_POOLS, POOLED, pool_of

__all__ = [
    "SHARE_EPSILON",
    "RATE_TOLERANCE",
    "Transform",
    "transform_for",
    "MedianChange",
    "BoundHold",
    "PathShape",
    "Projection",
    "ProjectionBatch",
    "project_many",
    "project",
    "forecast_windows",
    "max_horizon",
]

SHARE_EPSILON = 0.005  # fraction of the range kept away from a bound on the logit scale
#: a projected rate is slower than the observed one when below (1 - RATE_TOLERANCE) times it
RATE_TOLERANCE = 0.05
#: the table of a batch, in this column order
TABLE_COLUMNS = ("id", "year", "point", "lower80", "upper80", "lower95", "upper95", "design")
_ROUND_ATOL, _ROUND_RTOL = 1e-8, 1e-5  # np.allclose's tolerances, used for the same checks


#: Values on the identity scale (growth rates in %, a ratio in % above its reference, points of
#: a share a year) are projected as fractions: a growth rate of g% is, to first order, a change
#: of g / 100 in a log level, the unit in which the calibration's errors were learned (log levels
#: of yearly series), so its ranges are as wide as the level's yearly changes are uncertain.
PERCENT_UNIT = 100.0


# -- scales ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Transform:
    """A one-to-one map between values and the scale on which they are projected.

    Parameters
    ----------
    name : {"log", "log1p", "logit", "identity"}
    lower, upper : float, optional
        Bounds of the values (NaN: none); a logit maps (lower, upper) to the real line.

    References
    ----------
    Hyndman & Athanasopoulos (2021), Forecasting: Principles and Practice, 3rd ed.,
    section 5.6 (forecasting on a transformed scale, back-transformed quantiles).
    """

    name: str  # "log", "log1p", "logit", "identity"
    lower: float = math.nan
    upper: float = math.nan

    def forward(self, y: np.ndarray) -> np.ndarray:
        """Values to the projection scale.

        Parameters
        ----------
        y : array_like
            Values in the indicator's unit.

        Returns
        -------
        ndarray
            The same shape; shares within :data:`SHARE_EPSILON` of a bound are moved off it.
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
        return y / PERCENT_UNIT

    def inverse(self, z: np.ndarray) -> np.ndarray:
        """The projection scale back to values.

        Parameters
        ----------
        z : array_like

        Returns
        -------
        ndarray
            The same shape, in the indicator's unit.
        """
        return self.inverse_inplace(np.array(z, dtype=float))

    def inverse_inplace(self, z: np.ndarray) -> np.ndarray:
        """:meth:`inverse`, written over ``z`` (a float array); returns ``z``.

        Parameters
        ----------
        z : ndarray of float

        Returns
        -------
        ndarray
            ``z`` itself, now in the indicator's unit.
        """
        if self.name == "log":
            np.exp(z, out=z)
        elif self.name == "log1p":
            np.expm1(z, out=z)
            z += self.lower_or_zero
        elif self.name == "logit":
            np.negative(z, out=z)
            np.exp(z, out=z)
            z += 1
            np.divide(self.upper - self.lower, z, out=z)
            z += self.lower
        else:
            z *= PERCENT_UNIT
        return z

    @property
    def lower_or_zero(self) -> float:
        """The lower bound, 0 if there is none."""
        return 0.0 if math.isnan(self.lower) else self.lower


def transform_for(kind: str, lower: float = math.nan, upper: float = math.nan) -> Transform:
    """The projection scale of an indicator kind, read from :data:`dongson_analysis.kinds.KINDS`.

    Parameters
    ----------
    kind : str
        A projectable kind.
    lower, upper : float, optional
        The indicator's bounds (NaN: none; a share's default to 0 and 100).

    Returns
    -------
    Transform

    Raises
    ------
    ValueError
        For an unknown kind, or a kind that cannot be projected.

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, section 5.6 (forecasting on a transformed scale).
    """
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


def _finish_copy(quantiles: np.ndarray, kind: str, transform: Transform, shift=0.0) -> np.ndarray:
    """:func:`_finish` on a copy (any shape)."""
    values = transform.inverse(quantiles)
    values += shift
    return _round_and_clip(values, kind, transform)


def _round_and_clip(values: np.ndarray, kind: str, transform: Transform) -> np.ndarray:
    if kind_spec(kind).whole_numbers:
        np.round(values, out=values)
    if not math.isnan(transform.lower):
        np.maximum(values, transform.lower, out=values)
    if not math.isnan(transform.upper):
        np.minimum(values, transform.upper, out=values)
    return values


def _floor_unit(Z: np.ndarray, transform: Transform) -> np.ndarray:
    """Size of one 'relative unit' on the projection scale: 1 on every scale (rates on the
    identity scale are fractions, :data:`PERCENT_UNIT`, the unit of the log scale's changes).
    """
    return np.ones(len(Z))


# -- facts about a path ----------------------------------------------------------------------------
ChangeUnit = Literal["percent", "points"]


def _yearly_rate(v0: float, v1: float, years: int, unit: ChangeUnit) -> float:
    if unit == "percent":
        if not (v0 > 0 and v1 >= 0):
            return math.nan
        return 100 * ((v1 / v0) ** (1 / years) - 1)
    return (v1 - v0) / years


@dataclass(frozen=True)
class MedianChange:
    """The average yearly change of a path between two years, in its kind's change unit.

    Parameters
    ----------
    start_year, end_year : int
    start_value, end_value : float
        The values in those years (an observation, or the projected median).
    rate : float
        ``percent``: compound growth in % a year, ``100 * ((end / start) ** (1 / years) - 1)``
        (NaN from a value ≤ 0); ``points``: ``(end - start) / years``.
    unit : {"percent", "points"}
        :attr:`dongson_analysis.kinds.KindSpec.change_unit` of the kind.

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, section 5.2 (the drift: average change per period).
    """

    start_year: int
    end_year: int
    start_value: float
    end_value: float
    rate: float
    unit: ChangeUnit


@dataclass(frozen=True)
class BoundHold:
    """A median held at one of the indicator's bounds.

    Parameters
    ----------
    bound : {"lower", "upper"}
    value : float
        The bound (0 or 100 for a share, a count's top).
    from_year : int
        First projected year from which the median stays at the bound.

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, section 13.3 (forecasts constrained to an interval).
    """

    bound: Literal["lower", "upper"]
    value: float
    from_year: int


@dataclass(frozen=True)
class PathShape:
    """How the projected median moves against the observed trend.

    Parameters
    ----------
    observed : MedianChange
        From the first to the last observation (the observed trend, as the series states it).
    projected : MedianChange
        Of the median, from the last observation (or a projected year) to a projected year.
    slows : bool
        The projected rate is closer to zero than the observed one by more than
        :data:`RATE_TOLERANCE` of it, or of the other sign.
    reason : {"learned_damping", "bound_curvature", "held_at_bound"} or None
        Why it slows (None when it does not); see the module docstring.
    held : BoundHold or None
        The bound the median is held at by the end year, if any.

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, section 8.2 (damped trend methods).
    """

    observed: MedianChange
    projected: MedianChange
    slows: bool
    reason: str | None
    held: BoundHold | None


def _slower(observed: float, projected: float) -> bool:
    if not (math.isfinite(observed) and math.isfinite(projected)) or observed == 0:
        return False
    if projected * observed <= 0:
        return True
    return abs(projected) < (1 - RATE_TOLERANCE) * abs(observed)


# -- one series ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Projection:
    """Fitted trend and projection of one series.

    Parameters
    ----------
    kind : str
        The indicator kind.
    years, values : ndarray
        The observations used (sorted by year).
    method : str
        ``combination`` (projected) or ``single_point`` (not projected).
    transform : Transform
        The projection scale.
    trend_years, trend_values : ndarray
        The least-squares straight line on the projection scale, at every year of
        the observed span, back-transformed.
    annual_change : float
        The trend's average annual change: a growth rate in % when the kind's
        change unit is percent (levels, counts, cumulative totals), points a year
        otherwise (shares, rates, ratios).
    change_unit : str
        ``"%"`` or ``"points"`` (the kind's change unit, :class:`~dongson_analysis.kinds.KindSpec`).
    horizon_years : ndarray
        Projected years.
    levels : ndarray
        Probability levels of ``quantiles``.
    quantiles : ndarray, shape (len(horizon_years), len(levels))
        Predictive quantiles in the indicator's unit.
    notes : tuple of str, optional
        Codes of caveats (see the module docstring).
    design : str, optional
        Name of the design used (see the module docstring), ``single_point``
        without projection.
    used_years : ndarray, optional
        Years of the observations the projection rests on.
    anchor : float, optional
        Added to every back-transformed quantile so that the projection starts
        from the last value observed (nonzero only for a share within half a
        percent of the range from a bound, which the logit scale cannot reach).
    group : str or None, optional
        The series group given (None: not given).
    pool : str, optional
        The calibration pool the projection used (``pooled`` without a group).

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, sections 5.5 (prediction intervals) and 8.2 (damped trends).
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
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
    notes: tuple[str, ...] = field(default_factory=tuple)
    design: str = "single_point"
    used_years: np.ndarray = field(default_factory=lambda: np.array([], dtype=int))
    anchor: float = 0.0
    group: str | None = None
    pool: str = POOLED

    # -- quantiles -------------------------------------------------------------------------
    def _column(self, level: float) -> np.ndarray:
        if not self.has_projection:
            return np.full(len(self.horizon_years), np.nan)
        return self.quantiles[:, int(np.argmin(np.abs(self.levels - level)))]

    @property
    def has_projection(self) -> bool:
        """Whether there are projected quantiles (not for a single observation)."""
        return self.quantiles.size > 0

    @property
    def point(self) -> np.ndarray:
        """The median projection: as likely to be exceeded as not."""
        return self._column(0.5)

    @property
    def lower80(self) -> np.ndarray:
        """The 10% quantile: lower bound of the 80% range."""
        return self._column(0.1)

    @property
    def upper80(self) -> np.ndarray:
        """The 90% quantile: upper bound of the 80% range."""
        return self._column(0.9)

    @property
    def lower95(self) -> np.ndarray:
        """The 2.5% quantile: lower bound of the 95% range."""
        return self._column(0.025)

    @property
    def upper95(self) -> np.ndarray:
        """The 97.5% quantile: upper bound of the 95% range."""
        return self._column(0.975)

    def _row(self, year: int) -> int:
        matches = np.flatnonzero(self.horizon_years == year)
        if not self.has_projection or len(matches) == 0:
            raise ValueError(
                f"no projection for {year}; projected years: {self.horizon_years.tolist()}"
            )
        return int(matches[0])

    def quantile(self, probability: float, year: int) -> float:
        """The value that the outcome in ``year`` stays below with ``probability``.

        Parameters
        ----------
        probability : float
            Strictly between 0 and 1.
        year : int
            A projected year.

        Returns
        -------
        float
            Interpolated linearly between the stored quantiles on the projection scale.

        Raises
        ------
        ValueError
            For a probability outside (0, 1) or a year that is not projected.
        """
        if not 0 < probability < 1:
            raise ValueError("probability must be between 0 and 1")
        q = self.transform.forward(self.quantiles[self._row(year)] - self.anchor)
        value = np.interp(probability, self.levels, q)
        return float(_finish_copy(np.array([value]), self.kind, self.transform, self.anchor)[0])

    def probability_at_least(self, value: float, year: int) -> float:
        """Probability that the outcome in ``year`` is at least ``value``.

        Read off the predictive quantiles (linear between them on the projection
        scale), so results lie between the extreme levels (0.5% and 99.5%).
        For counts, ``at least k`` is taken as above ``k - 0.5``.

        Parameters
        ----------
        value : float
        year : int
            A projected year.

        Returns
        -------
        float
            Between 0 and 1.

        Raises
        ------
        ValueError
            For a year that is not projected.
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
        """Probability that the outcome in ``year`` is at most ``value``.

        Parameters
        ----------
        value : float
        year : int
            A projected year.

        Returns
        -------
        float
            Between 0 and 1 (for counts: of at most the whole number ``value``).

        Raises
        ------
        ValueError
            For a year that is not projected.
        """
        if kind_spec(self.kind).whole_numbers:
            return 1.0 - self.probability_at_least(value + 1, year)
        return 1.0 - self.probability_at_least(value, year)

    # -- facts about the path ----------------------------------------------------------------
    @property
    def unit_of_change(self) -> ChangeUnit:
        """The kind's change unit: ``percent`` (compound % a year) or ``points`` (a year)."""
        return "percent" if kind_spec(self.kind).change_unit == "percent" else "points"

    def _value_in(self, year: int) -> float:
        if year == int(self.years[-1]):
            return float(self.values[-1])
        return float(self.point[self._row(year)])

    def median_change(self, start_year: int | None = None, end_year: int | None = None):
        """The average yearly change of the median path between two years.

        Parameters
        ----------
        start_year : int, optional
            The last observed year (the default: the path starts from the last
            observation) or a projected year.
        end_year : int, optional
            A projected year after ``start_year``; default the last one.

        Returns
        -------
        MedianChange
            In the kind's change unit (:attr:`unit_of_change`).

        Raises
        ------
        ValueError
            Without a projection, for years that are not the last observed or a
            projected one, or an end year not after the start year.
        """
        if not self.has_projection:
            raise ValueError("no projection: " + ", ".join(self.notes))
        y0 = int(self.years[-1]) if start_year is None else int(start_year)
        y1 = int(self.horizon_years[-1]) if end_year is None else int(end_year)
        if y1 <= y0:
            raise ValueError(f"end year {y1} must come after the start year {y0}")
        v0, v1 = self._value_in(y0), float(self.point[self._row(y1)])
        return MedianChange(
            y0,
            y1,
            v0,
            v1,
            _yearly_rate(v0, v1, y1 - y0, self.unit_of_change),
            (self.unit_of_change),
        )

    def observed_change(self) -> MedianChange:
        """The observed trend: the average yearly change from the first to the last observation.

        Returns
        -------
        MedianChange
            In the kind's change unit; the rate is NaN with one observation.
        """
        y0, y1 = int(self.years[0]), int(self.years[-1])
        v0, v1 = float(self.values[0]), float(self.values[-1])
        rate = _yearly_rate(v0, v1, y1 - y0, self.unit_of_change) if y1 > y0 else math.nan
        return MedianChange(y0, y1, v0, v1, rate, self.unit_of_change)

    def bound_hold(self) -> BoundHold | None:
        """The bound the median is held at in the last projected year, if any.

        Returns
        -------
        BoundHold or None
            A share at 0 or 100, a count at its top (or bottom): the bound and the
            first year from which the median stays on it.
        """
        if not self.has_projection:
            return None
        point = self.point
        for name, bound in (("lower", self.transform.lower), ("upper", self.transform.upper)):
            if math.isnan(bound):
                continue
            at = np.abs(point - bound) <= 1e-9 * max(1.0, abs(bound))
            if at[-1]:
                first = len(at) - int(np.argmin(at[::-1])) if not at.all() else 0
                return BoundHold(name, float(bound), int(self.horizon_years[first]))
        return None

    def path_shape(self, start_year: int | None = None, end_year: int | None = None) -> PathShape:
        """Whether the median path slows against the observed trend, and why.

        Parameters
        ----------
        start_year, end_year : int, optional
            As for :meth:`median_change`.

        Returns
        -------
        PathShape
            ``reason`` is ``held_at_bound`` when the median stays on a bound,
            ``bound_curvature`` when the path keeps the observed pace on the
            projection scale (to :data:`RATE_TOLERANCE`) but not in the kind's unit,
            else ``learned_damping``; None when the path does not slow.

        Raises
        ------
        ValueError
            As for :meth:`median_change`.
        """
        observed, projected = self.observed_change(), self.median_change(start_year, end_year)
        held = self.bound_hold()
        slows = _slower(observed.rate, projected.rate)
        reason = None
        if slows:
            forward = self.transform.forward
            z0, z1 = (
                float(forward(np.array([v]))[0]) for v in (observed.start_value, observed.end_value)
            )
            p0, p1 = (
                float(forward(np.array([v]))[0])
                for v in (projected.start_value, projected.end_value)
            )
            z_obs = (z1 - z0) / (observed.end_year - observed.start_year)
            z_proj = (p1 - p0) / (projected.end_year - projected.start_year)
            if held is not None:
                reason = "held_at_bound"
            elif not _slower(z_obs, z_proj):
                reason = "bound_curvature"
            else:
                reason = "learned_damping"
        return PathShape(observed, projected, slows, reason, held)

    # -- tables ----------------------------------------------------------------------------
    def table(self) -> pd.DataFrame:
        """One row per projected year.

        Returns
        -------
        DataFrame
            Columns ``year, point, lower80, upper80, lower95, upper95, method``.
        """
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

    def growth_path(self, annual_change: float) -> pd.DataFrame:
        """A path chosen by the user, and how likely each year's value is to be reached.

        Parameters
        ----------
        annual_change : float
            Growth in % a year for levels, counts and totals; points a year for
            shares, rates and ratios (the unit of :attr:`annual_change`).

        Returns
        -------
        DataFrame
            Columns ``year, value, probability_at_least``.

        Raises
        ------
        ValueError
            Without a projection.
        """
        if not self.has_projection:
            raise ValueError("no projection: " + ", ".join(self.notes))
        steps = self.horizon_years - self.years[-1]
        if self.change_unit == "%":
            path = self.values[-1] * (1 + annual_change / 100) ** steps
        else:
            path = self.values[-1] + annual_change * steps
        path = (
            _finish_copy(self.transform.forward(path), self.kind, self.transform)
            if self.transform.name in ("log1p", "logit")
            else path
        )
        prob = [self.probability_at_least(v, int(y)) for v, y in zip(path, self.horizon_years)]
        return pd.DataFrame(
            {"year": self.horizon_years.astype(int), "value": path, "probability_at_least": prob}
        )


# -- many series: the engine -----------------------------------------------------------------------
_WINDOW = max(d.span for d in DESIGNS.values())  # offsets a design may reach back (12)


@dataclass(frozen=True)
class _Rows:
    """Observations of every series, sorted by series then year (the engine's input)."""

    series: np.ndarray  # (R,) series index of each row, 0 … S - 1, non-decreasing
    years: np.ndarray  # (R,) int
    values: np.ndarray  # (R,) float
    starts: np.ndarray  # (S,) first row of each series
    ends: np.ndarray  # (S,) one past its last row
    transforms: tuple[Transform | None, ...]  # per transform key (None: kind not projectable)
    kinds: tuple[str, ...]  # per transform key
    kind_errors: tuple[str, ...]  # per transform key ("" when projectable)
    tkey: np.ndarray  # (S,) transform key of each series
    pools: tuple[str, ...]  # pool names
    pkey: np.ndarray  # (S,) pool of each series
    groups: tuple[str | None, ...]  # per pool key: the group given


def _first_rows(bad: np.ndarray, rows: _Rows) -> np.ndarray:
    """Per series: the first row flagged in ``bad`` (R,), or -1."""
    if not bad.any():
        return np.full(len(rows.starts), -1)
    index = np.where(bad, np.arange(len(bad)), len(bad))
    first = np.minimum.reduceat(index, rows.starts) if len(bad) else np.array([], int)
    return np.where(first < rows.ends, first, -1)


def _row_checks(rows: _Rows) -> list[tuple[np.ndarray, callable]]:
    """Per check, in the order :func:`project` applies them: the first row of each series that
    fails it (or -1) and the message for a failing row."""
    y, v, series = rows.years, rows.values, rows.series
    tk = rows.tkey[series]
    out = []
    dup = np.zeros(len(y), bool)
    dup[1:] = (series[1:] == series[:-1]) & (y[1:] == y[:-1])
    out.append((_first_rows(dup, rows), lambda r: f"each year may appear only once (year {y[r]})"))
    out.append(
        (
            _first_rows(~np.isfinite(v), rows),
            lambda r: f"values must be finite numbers; got {v[r]!r} (year {y[r]})",
        )
    )
    for t, transform in enumerate(rows.transforms):
        if transform is None:
            continue
        mine, kind = tk == t, rows.kinds[t]
        if transform.name == "log":
            bad = mine & (v <= 0)

            def message(r, kind=kind):
                return (
                    f"a {kind} is projected multiplicatively, so every value must be positive; "
                    f"got {v[r]:g} (year {y[r]})"
                )

            out.append((_first_rows(bad, rows), message))
        if transform.name in ("log1p", "logit"):
            low, high = transform.lower_or_zero, transform.upper
            bad = mine & ((v < low) | ((v > high) if not math.isnan(high) else False))

            def message(r, kind=kind, low=low, high=high):
                return f"a {kind} must stay within [{low:g}, {high:g}]; got {v[r]:g} (year {y[r]})"

            out.append((_first_rows(bad, rows), message))
        if kind_spec(kind).whole_numbers:
            whole = np.round(v)
            bad = mine & ~(np.abs(v - whole) <= _ROUND_ATOL + _ROUND_RTOL * np.abs(whole))
            out.append(
                (_first_rows(bad, rows), lambda r: f"a count must be a whole number (year {y[r]})")
            )
    return out


def _errors(rows: _Rows, end_year: int, limit: int) -> dict[int, str]:
    """The first problem of every series that cannot be projected, by series index."""
    errors: dict[int, str] = {}
    for t, message in enumerate(rows.kind_errors):
        if message:
            for s in np.flatnonzero(rows.tkey == t):
                errors[int(s)] = message
    for first, message in _row_checks(rows):
        for s in np.flatnonzero(first >= 0):
            errors.setdefault(int(s), message(int(first[s])))
    last = rows.years[rows.ends - 1]
    steps = end_year - last
    for s in np.flatnonzero(steps < 1):
        errors.setdefault(
            int(s),
            f"the horizon must be at least one year after the last observation ({last[s]}); got "
            f"{steps[s]}",
        )
    for s in np.flatnonzero(steps > limit):
        errors.setdefault(
            int(s),
            f"{steps[s]} years ahead of {last[s]} is beyond the {limit} years for which the "
            "intervals were calibrated; add more recent observations",
        )
    return errors


@dataclass(frozen=True)
class _Choice:
    """The design of every series with two observations or more, and where its values lie."""

    keys: np.ndarray  # (S,) index into ``choices`` (-1: single observation or refused)
    choices: tuple  # per key: DesignChoice
    back: tuple  # per key: (k,) rows back from the series' last row of each value used
    notes: tuple  # per key: notes of the design (without counts_rounded, clipped_to_bounds)


def _window_masks(rows: _Rows) -> np.ndarray:
    """Per series, a bit mask of the years observed among the last ``_WINDOW + 1`` (bit o:
    ``o`` years before the last)."""
    back = rows.years[rows.ends - 1][rows.series] - rows.years
    bits = np.left_shift(np.int32(1), np.minimum(back, _WINDOW + 1), dtype=np.int32)
    bits[back > _WINDOW] = 0
    return np.bitwise_or.reduceat(bits, rows.starts)


def _choose(rows: _Rows, valid: np.ndarray, cal: Calibration) -> _Choice:
    """:func:`~dongson_analysis.forecast_core.choose_design` once per distinct pattern of years."""
    counts = rows.ends - rows.starts
    masks = _window_masks(rows)
    prev = np.where(counts >= 2, rows.years[np.maximum(rows.ends - 2, 0)], 0)
    gaps = rows.years[rows.ends - 1] - prev
    # series whose only observation in the window is the last: keyed by the gap before it
    pattern = np.where(masks == 1, -gaps, masks)
    usable = valid & (counts >= 2)
    keys = np.full(len(counts), -1)
    unique, inverse = np.unique(pattern[usable], return_inverse=True)
    keys[usable] = inverse
    choices, back, notes = [], [], []
    for p in unique.tolist():
        choice, rows_back, note = _pattern_choice(cal, p)
        choices.append(choice)
        back.append(rows_back)
        notes.append(note)
    return _Choice(keys, tuple(choices), tuple(back), tuple(notes))


@lru_cache(maxsize=4096)
def _pattern_choice(cal: Calibration, pattern: int) -> tuple:
    """The design, rows back from the last and notes of one pattern of observed years (a bit
    mask of the years observed in the window, or minus the gap when only the last one is)."""
    offsets = [-g for g in range(_WINDOW, -1, -1) if pattern >= 0 and pattern >> g & 1]
    offsets = offsets or [pattern, 0]
    choice = choose_design(offsets, cal)
    used = [offsets[i] for i in choice.positions]
    back = np.array([sum(1 for o in offsets if o > u) for u in used])
    inside = [o for o in offsets if o >= used[0]]
    note = ["two_points"] if len(used) == 2 else ["short_window"] if len(used) < 5 else []
    if np.any(np.diff(used) > 1):
        note.append("irregular_years")
    if len(inside) > len(used):
        note.append("observations_unused")
    if choice.beyond_span:
        note.append("beyond_calibrated_span")
    return choice, back, tuple(note)


def _trend_of(years, transform: Transform, unit: str, intercept: float, slope: float) -> tuple:
    """Trend years, values and average annual change of one series from its line's parameters."""
    trend_years = np.arange(int(years[0]), int(years[-1]) + 1)
    trend_values = transform.inverse(float(intercept) + float(slope) * (trend_years - years[0]))
    if unit == "%":
        return trend_years, trend_values, 100 * (math.exp(float(slope)) - 1)
    change = (trend_values[-1] - trend_values[0]) / max(len(trend_years) - 1, 1)
    return trend_years, trend_values, float(change)


def _trends(rows: _Rows, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least-squares intercept (at the first year) and slope of z on the year, per series."""
    counts = (rows.ends - rows.starts).astype(float)
    x = (rows.years - rows.years[rows.starts][rows.series]).astype(float)
    xbar = np.add.reduceat(x, rows.starts) / counts
    zbar = np.add.reduceat(z, rows.starts) / counts
    dx = x - xbar[rows.series]
    sxx = np.add.reduceat(dx * dx, rows.starts)
    sxz = np.add.reduceat(dx * (z - zbar[rows.series]), rows.starts)
    with np.errstate(invalid="ignore", divide="ignore"):
        slope = np.where(counts > 1, sxz / np.where(sxx > 0, sxx, 1.0), np.nan)
    intercept = np.where(counts > 1, zbar - slope * xbar, z[rows.starts])
    return intercept, slope


@dataclass(frozen=True)
class _Block:
    """The projections of one design: its series, their combination state, and the quantiles of
    :data:`_EAGER` levels (E, H, n) in the indicators' units (the others are built on demand)."""

    design: str
    series: np.ndarray  # (n,) series indices
    state: CombinationState
    levels: tuple[float, ...]  # of ``eager``
    eager: np.ndarray  # (E, H, n)


#: levels built for every series of a block with bounds at once: the table's, and the extremes
#: (where bounds bite first); a block without bounds builds only the table's
_EAGER = (0.005, 0.025, 0.1, 0.5, 0.9, 0.975, 0.995)
#: the levels of the table's point, lower80, upper80, lower95 and upper95
_TABLE_LEVELS = (0.5, 0.1, 0.9, 0.025, 0.975)


def _transformed_at(rows: _Rows, members: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The values at rows ``at`` (one line per member series), on each series' scale."""
    Z = rows.values[at]
    tk = rows.tkey[members]
    for t, transform in enumerate(rows.transforms):
        if transform is not None:
            mine = tk == t
            Z[mine] = transform.forward(Z[mine]) if not mine.all() else transform.forward(Z)
    return Z


def _transformed(rows: _Rows, valid_rows: np.ndarray) -> np.ndarray:
    z = np.full(len(rows.values), np.nan)
    tk = rows.tkey[rows.series]
    for t, transform in enumerate(rows.transforms):
        if transform is not None:
            mine = valid_rows & (tk == t)
            z[mine] = transform.forward(rows.values[mine])
    return z


def _finish(q: np.ndarray, kind: str, transform: Transform, anchor) -> np.ndarray:
    """Back-transform quantiles in place, move them by the anchor (:func:`_anchor_shift`), make
    counts whole and keep them within the bounds; returns ``q``."""
    v = transform.inverse_inplace(q)
    if transform.name != "log":  # exp is never -0.0, so adding 0.0 changes nothing
        v += anchor
    return _round_and_clip(v, kind, transform)


def _moved(v: np.ndarray, transform: Transform) -> np.ndarray:
    """Where values (rounded, not yet clipped) lie beyond a bound by more than np.allclose's
    tolerance: the quantiles the bounds move."""
    moved = np.zeros(v.shape, bool)
    for bound, side in ((transform.lower, np.less), (transform.upper, np.greater)):
        if not math.isnan(bound):
            moved |= side(v, bound) & (np.abs(v - bound) > _ROUND_ATOL + _ROUND_RTOL * np.abs(v))
    return moved


def _finish_block(q, series, rows: _Rows, steps, anchors, clipped) -> None:
    """Finish a block's eager quantiles in place (series sorted by transform), noting the series
    whose quantiles the bounds moved within their horizon.

    Quantiles do not decrease with the level, so a bound moves the lowest (or highest) level
    first: the eager levels include both extremes, and say it for every level.
    """
    tk = rows.tkey[series]
    edges = np.flatnonzero(np.r_[True, tk[1:] != tk[:-1], True])
    for a, b in zip(edges[:-1], edges[1:]):
        t = int(tk[a])
        transform, kind = rows.transforms[t], rows.kinds[t]
        part = slice(a, b)
        v = transform.inverse_inplace(q[:, :, part])
        if transform.name != "log":
            v += anchors[series[part]]
        if kind_spec(kind).whole_numbers:
            np.round(v, out=v)
        if not (math.isnan(transform.lower) and math.isnan(transform.upper)):
            moved = _moved(v[[0, -1]], transform).any(axis=0)  # (H, n)
            inside = np.arange(v.shape[1])[:, None] < steps[series[part]][None, :]
            clipped[series[part]] |= (moved & inside).any(axis=0)
            _round_and_clip(v, "level", transform)


def _pools_of(rows: _Rows, members: np.ndarray) -> str | np.ndarray:
    used = np.unique(rows.pkey[members])
    if len(used) == 1:
        return rows.pools[int(used[0])]
    return np.asarray(rows.pools)[rows.pkey[members]]


def _forecast(rows, choice, steps, cal) -> tuple[list[_Block], np.ndarray, np.ndarray]:
    """One :func:`~dongson_analysis.forecast_core.combination_state` call per design, and the
    quantiles of the :data:`_EAGER` levels."""
    S = len(rows.starts)
    anchors = np.zeros(S)
    clipped = np.zeros(S, bool)
    last = rows.values[rows.ends - 1]
    for t, transform in enumerate(rows.transforms):
        if transform is not None and transform.name == "logit":
            mine = rows.tkey == t
            anchors[mine] = _anchor_shift(transform, last[mine])
    names = list(DESIGNS)
    design_of_key = np.array([names.index(c.design.name) for c in choice.choices] + [-1])
    design_of = np.where(choice.keys >= 0, design_of_key[choice.keys], -1)
    order = np.argsort(design_of, kind="stable")
    bounds = np.searchsorted(design_of[order], np.arange(len(names) + 1))
    blocks = []
    for d, (name, design) in enumerate(DESIGNS.items()):
        members = order[bounds[d] : bounds[d + 1]]
        if not len(members):
            continue
        members = members[np.argsort(rows.tkey[members], kind="stable")]
        ukeys, inverse = np.unique(choice.keys[members], return_inverse=True)
        back = np.stack([choice.back[k] for k in ukeys])[inverse]
        stretch = np.array([choice.choices[k].stretch for k in ukeys])[inverse]
        Z = _transformed_at(rows, members, rows.ends[members][:, None] - 1 - back)
        unit = np.ones(len(members))
        for t, transform in enumerate(rows.transforms):
            if transform is not None and transform.name == "identity":
                mine = rows.tkey[members] == t
                unit[mine] = _floor_unit(Z[mine], transform)
        state = combination_state(
            Z,
            design,
            int(steps[members].max()),
            cal,
            floor_unit=unit,
            stretch=stretch if (stretch != 1.0).any() else 1.0,
            pool=_pools_of(rows, members),
        )
        bounded = any(
            not (math.isnan(t.lower) and math.isnan(t.upper))
            for t in (rows.transforms[k] for k in np.unique(rows.tkey[members]))
        )
        levels = _EAGER if bounded else _TABLE_LEVELS
        eager = state.by_level(cal, sorted(_level_index(cal, p) for p in levels))
        _finish_block(eager, members, rows, steps, anchors, clipped)
        blocks.append(_Block(name, members, state, tuple(sorted(levels)), eager))
    return blocks, anchors, clipped


def _level_index(cal: Calibration, level: float) -> int:
    return int(np.argmin(np.abs(cal.levels - level)))


# -- many series: the result -----------------------------------------------------------------------
@dataclass(frozen=True)
class ProjectionBatch:
    """The projections of many series to one end year, made in one call per design.

    A mapping from series id to :class:`Projection` (built on access, as views into
    the batch's arrays), with the whole run as one tidy table (:meth:`table`).
    Series that could not be projected are in :attr:`refused` with the reason, not
    in the mapping.

    Parameters
    ----------
    ids : pandas.Index
        Every series id given, in the order of first appearance.
    end_year : int
        The last projected year.
    levels : ndarray, shape (P,)
        Probability levels of the quantiles.
    refused : dict
        Series id to the reason it was not projected (``errors="collect"``).

    See Also
    --------
    project_many : builds it.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    ids: pd.Index
    end_year: int
    levels: np.ndarray
    refused: dict
    _rows: _Rows = field(repr=False)
    _blocks: tuple[_Block, ...] = field(repr=False)
    _slots: np.ndarray = field(repr=False)  # (S, 2): block and row of each series (-1: none)
    _choice: _Choice = field(repr=False)
    _clipped: np.ndarray = field(repr=False)  # (S,) quantiles moved onto a bound
    _valid: np.ndarray = field(repr=False)  # (S,) not refused
    _anchors: np.ndarray = field(repr=False)
    _cal: Calibration = field(repr=False)

    @cached_property
    def _trend(self) -> tuple[np.ndarray, np.ndarray]:
        return _trends(self._rows, _transformed(self._rows, self._valid[self._rows.series]))

    def _position(self, key) -> int | None:
        try:
            where = self.ids.get_loc(key)
        except (KeyError, TypeError):
            return None
        return where if isinstance(where, (int, np.integer)) else None

    def __len__(self) -> int:
        return len(self.ids) - len(self.refused)

    def __iter__(self) -> Iterator:
        return (key for key in self.ids if key not in self.refused)

    def __contains__(self, key: object) -> bool:
        return self._position(key) is not None and key not in self.refused

    def __getitem__(self, key: Hashable) -> Projection:
        """The projection of one series (a view into the batch's arrays).

        Raises
        ------
        KeyError
            For an id not given, or refused (the message gives the reason).
        """
        where = self._position(key)
        if where is None:
            raise KeyError(f"no series {key!r} in this batch")
        if key in self.refused:
            raise KeyError(f"series {key!r} was not projected: {self.refused[key]}")
        return self._projection(int(where))

    def items(self) -> Iterator[tuple[Hashable, Projection]]:
        """Every projected series' id and :class:`Projection`, in input order."""
        return ((key, self[key]) for key in self)

    def _projection(self, s: int) -> Projection:
        rows, start, end = self._rows, int(self._rows.starts[s]), int(self._rows.ends[s])
        years, values = rows.years[start:end].astype(np.int64), rows.values[start:end]
        t, p = int(rows.tkey[s]), int(rows.pkey[s])
        kind, transform = rows.kinds[t], rows.transforms[t]
        unit = "%" if kind_spec(kind).change_unit == "percent" else "points"
        horizon_years = np.arange(int(years[-1]) + 1, self.end_year + 1)
        block, row = (int(x) for x in self._slots[s])
        if block < 0:  # one observation: no trend, no projection
            trend = (years, values.copy(), math.nan)
            levels, quantiles = np.array([]), np.empty((len(horizon_years), 0))
            method, design, used, anchor = "single_point", "single_point", years.copy(), 0.0
        else:
            trend = _trend_of(years, transform, unit, self._trend[0][s], self._trend[1][s])
            b = self._blocks[block]
            levels = self.levels
            quantiles = _finish(
                b.state.take(row).quantiles(self._cal)[0, : len(horizon_years)],
                kind,
                transform,
                self._anchors[s],
            )
            back = self._choice.back[int(self._choice.keys[s])]
            method, design, used = "combination", b.design, years[len(years) - 1 - back]
            anchor = float(self._anchors[s])
        return Projection(
            kind,
            years,
            values,
            method,
            transform,
            *trend,
            unit,
            horizon_years,
            levels,
            quantiles,
            _notes_of(rows, self._choice, self._clipped, s),
            design,
            used,
            anchor,
            rows.groups[p],
            rows.pools[p],
        )

    def table(self) -> pd.DataFrame:
        """Every projected year of every series, one row each, in input order.

        Returns
        -------
        DataFrame
            Columns :data:`TABLE_COLUMNS`: ``id``, ``year``, the median ``point``, the
            80% and 95% bounds and the ``design`` (``single_point``, with NaN values,
            for a series of one observation); no rows for refused series.
        """
        rows = self._rows
        last = rows.years[rows.ends - 1].astype(np.int64)
        steps = np.where(self._valid, self.end_year - last, 0)
        offset = np.concatenate([[0], np.cumsum(steps)])
        total = int(offset[-1])
        which = np.repeat(np.arange(len(steps)), steps)
        year = np.arange(total) - np.repeat(offset[:-1] - last - 1, steps)
        floats = np.full((len(_TABLE_LEVELS), total), np.nan)  # the columns, as one block
        names = ["single_point", *(block.design for block in self._blocks)]
        design = np.zeros(total, dtype=np.int16)  # codes into ``names``
        for code, block in enumerate(self._blocks, start=1):
            H = block.eager.shape[1]
            inside = np.arange(H)[None, :] < steps[block.series][:, None]
            where = (offset[block.series][:, None] + np.arange(H)[None, :])[inside]
            for k, level in enumerate(_TABLE_LEVELS):
                floats[k, where] = block.eager[block.levels.index(level)].T[inside]
            design[where] = code
        table = pd.DataFrame(floats.T, columns=list(TABLE_COLUMNS[2:7]), copy=False)
        table.insert(0, "id", self.ids.take(which))
        table.insert(1, "year", year)
        table["design"] = pd.Categorical.from_codes(design, names)
        return table


# -- many series: the entry point ------------------------------------------------------------------
def _per_series(data: pd.DataFrame, column: str, default, firsts, codes) -> np.ndarray:
    """A per-series attribute: the column's value on each series' first row (the same on every row
    of a series, or an error), else the default for every series."""
    if column not in data:
        return _Same(default, len(firsts))
    values = data[column].to_numpy(dtype=object)
    keys, _ = pd.factorize(pd.Series(values), use_na_sentinel=False)
    same = keys == keys[firsts][codes]
    if not same.all():
        row = int(np.argmin(same))
        raise ValueError(
            f"column {column!r} must be the same on every row of a series; series "
            f"{data['id'].iloc[row]!r} has {values[row]!r} and {values[firsts[codes[row]]]!r}"
        )
    return values[firsts]


@dataclass(frozen=True)
class _Same:
    """One value for every series (an attribute given as a keyword, not as a column)."""

    value: object
    n: int


def _keyed(*columns) -> tuple[tuple, np.ndarray]:
    """The distinct combinations of per-series values (NaN as one value) and the key of each."""
    n = columns[0].n if isinstance(columns[0], _Same) else len(columns[0])
    if all(isinstance(c, _Same) for c in columns):
        return (tuple(c.value for c in columns),), np.zeros(n, dtype=np.intp)
    columns = [np.full(n, c.value, dtype=object) if isinstance(c, _Same) else c for c in columns]
    codes, sizes = [], []
    for column in columns:
        c, uniques = pd.factorize(pd.Series(column, dtype=object), use_na_sentinel=False)
        codes.append(c.astype(np.int64))
        sizes.append(max(len(uniques), 1))
    combined = np.zeros(n, dtype=np.int64)
    for c, size in zip(codes, sizes):
        combined = combined * size + c
    _, first, key = np.unique(combined, return_index=True, return_inverse=True)
    firsts = [tuple(column[i] for column in columns) for i in first]
    return tuple(firsts), key.astype(np.intp).reshape(-1)


def _rows_of(
    codes: np.ndarray, years: np.ndarray, values: np.ndarray, attributes: dict[str, np.ndarray]
) -> _Rows:
    """Sort the rows by series and year, and key the kinds, bounds and groups of the series."""
    if len(codes) > 1:
        d_code = np.diff(codes)
        if not np.all((d_code > 0) | ((d_code == 0) & (np.diff(years) >= 0))):
            order = np.lexsort((years, codes))
            codes, years, values = codes[order], years[order], values[order]
    starts = np.flatnonzero(np.r_[len(codes) > 0, codes[1:] != codes[:-1]]).astype(np.intp)
    ends = np.r_[starts[1:], len(codes)].astype(np.intp)[: len(starts)]
    distinct, tkey = _keyed(attributes["kind"], attributes["lower"], attributes["upper"])
    transforms, kinds, kind_errors = [], [], []
    for kind, low, high in distinct:
        try:
            transforms.append(transform_for(kind, float(low), float(high)))
            kind_errors.append("")
        except (ValueError, TypeError) as err:
            transforms.append(None)
            kind_errors.append(str(err))
        kinds.append(str(kind))
    given, pkey = _keyed(attributes["group"])
    groups = tuple(None if _missing(g[0]) else str(g[0]) for g in given)
    pools = tuple(pool_of(g) for g in groups)
    if "pool" in attributes:  # pools given directly (the benchmark's categories)
        given, pkey = _keyed(attributes["pool"])
        pools, groups = tuple(_known_pool(g[0]) for g in given), (None,) * len(given)
    return _Rows(
        codes,
        years,
        values,
        starts,
        ends,
        tuple(transforms),
        tuple(kinds),
        tuple(kind_errors),
        tkey,
        pools,
        pkey,
        groups,
    )


def _known_pool(name) -> str:
    if _missing(name):
        return POOLED
    if name not in CALIBRATION_POOLS:
        raise ValueError(
            f"unknown calibration pool {name!r}; pools: {', '.join(CALIBRATION_POOLS)}"
        )
    return str(name)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _key(ids: pd.Index, s: int):
    key = ids[s]
    return key.item() if isinstance(key, np.generic) else key


def _run(rows: _Rows, ids: pd.Index, end_year: int, errors: str) -> ProjectionBatch:
    cal = calibration()
    problems = _errors(rows, end_year, cal.max_horizon)
    if problems and errors == "raise":
        s = min(problems)
        raise ValueError(f"series {_key(ids, s)!r}: {problems[s]}")
    S = len(rows.starts)
    valid = np.ones(S, bool)
    valid[list(problems)] = False
    choice = _choose(rows, valid, cal)
    steps = (end_year - rows.years[rows.ends - 1]).astype(np.int64)
    blocks, anchors, clipped = _forecast(rows, choice, steps, cal)
    slots = np.full((S, 2), -1)
    for b, block in enumerate(blocks):
        slots[block.series, 0] = b
        slots[block.series, 1] = np.arange(len(block.series))
    slots[~valid, 0] = -2
    return ProjectionBatch(
        ids,
        end_year,
        cal.levels,
        {_key(ids, s): msg for s, msg in sorted(problems.items())},
        rows,
        tuple(blocks),
        slots,
        choice,
        clipped,
        valid,
        anchors,
        cal,
    )


def _notes_of(rows: _Rows, choice: _Choice, clipped: np.ndarray, s: int) -> tuple[str, ...]:
    whole = ("counts_rounded",) if kind_spec(rows.kinds[int(rows.tkey[s])]).whole_numbers else ()
    k = int(choice.keys[s])
    if k < 0:
        return ("single_point", *whole)
    return (*whole, *choice.notes[k], *(("clipped_to_bounds",) if clipped[s] else ()))


def project_many(
    data: pd.DataFrame,
    *,
    end_year: int,
    kind: str = "level",
    lower: float = math.nan,
    upper: float = math.nan,
    group: str | None = None,
    errors: Literal["raise", "collect"] = "raise",
) -> ProjectionBatch:
    """Project many series to one end year, with one forecasting call per design.

    Parameters
    ----------
    data : DataFrame
        One row per observation: columns ``id`` (any hashable), ``year`` (whole
        calendar years, no duplicate within a series) and ``value`` (in the
        indicator's unit). Optional columns ``kind``, ``lower``, ``upper`` and
        ``group`` give each series its own kind, bounds and series group (the
        same on every row of a series); otherwise the keyword arguments apply to
        every series. Rows may come in any order.
    end_year : int
        The last projected year, for every series: from 1 to :func:`max_horizon`
        years after each series' last observation.
    kind : str, optional
        The indicators' kind (default ``level``).
    lower, upper : float, optional
        The indicators' bounds (NaN: none; shares default to 0 and 100).
    group : str or None, optional
        A series group (:data:`dongson_analysis.series_groups.SERIES_GROUPS`); None
        (the default) uses the calibration pooled over every kind of series.
    errors : {"raise", "collect"}, optional
        What a series that cannot be projected does: raise (the default) or be
        listed in :attr:`ProjectionBatch.refused` with the reason.

    Returns
    -------
    ProjectionBatch
        Every series' :class:`Projection` by id, and the tidy :meth:`~ProjectionBatch.table`.
        A series of one observation gets a projection without quantiles
        (``single_point``), as from :func:`project`.

    Raises
    ------
    ValueError
        With ``errors="raise"``, for the first series (in input order) that cannot
        be projected, naming it and the reason: a non-finite or out-of-bounds
        value, a non-positive level, a count that is not whole, a duplicate year,
        an unprojectable kind, an end year not after its last observation or
        beyond the calibrated horizon. Always, for missing columns, years that are
        not whole numbers, an attribute column that changes within a series or a
        bad ``errors``.
    UnknownSeriesGroupError
        For a group that is not registered.

    See Also
    --------
    project : one series.

    Notes
    -----
    A series gets exactly the numbers :func:`project` gives it alone: every
    operation of the forecasting core works element by element.

    References
    ----------
    Makridakis, Spiliotis & Assimakopoulos (2020), the M4 Competition, International
    Journal of Forecasting 36(1), 54-74: the yearly series the parameters were learned
    on. Hyndman & Athanasopoulos (2021), Forecasting: Principles and Practice, 3rd
    ed., section 5.5 (prediction intervals).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"id": ["a"] * 3 + ["b"] * 2, "year": [2018, 2019, 2020, 2016, 2020],
    ...                      "value": [10.0, 11.0, 12.5, 3.0, 4.0]})
    >>> batch = project_many(data, end_year=2025)
    >>> batch["b"].design, batch.table().shape
    ('two_span4', (10, 8))
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', got {errors!r}")
    missing = [c for c in ("id", "year", "value") if c not in data]
    if missing:
        raise ValueError(f"data needs the columns id, year and value; missing: {missing}")
    if not _whole(end_year):
        raise ValueError(f"end_year must be a whole calendar year, got {end_year!r}")
    years = data["year"].to_numpy(dtype=float)
    if not np.isfinite(years).all() or not np.array_equal(years, np.round(years)):
        raise ValueError("years must be whole calendar years")
    codes, uniques = pd.factorize(data["id"], sort=False)
    if len(codes) and (codes < 0).any():
        raise ValueError("id must not be missing")
    values = data["value"].to_numpy(dtype=float)
    # factorize numbers series in order of first appearance: a row is a series' first where its
    # code exceeds every code before it
    firsts = np.flatnonzero(codes > np.maximum.accumulate(np.r_[-1, codes[:-1]]))
    attributes = {
        name: _per_series(data, name, default, firsts, codes)
        for name, default in (("kind", kind), ("lower", lower), ("upper", upper), ("group", group))
    }
    if len(years) and (years.min() < -(2**30) or years.max() > 2**30):
        raise ValueError("years must be calendar years")
    rows = _rows_of(codes.astype(np.int32), years.astype(np.int32), values, attributes)
    return _run(rows, pd.Index(uniques), int(end_year), errors)


def _whole(x) -> bool:
    """A whole number (int, or a float without a fraction), not a bool."""
    if isinstance(x, (bool, np.bool_)):
        return False
    try:
        return math.isfinite(float(x)) and float(x).is_integer()
    except (TypeError, ValueError):
        return False


def _one_series(years: np.ndarray, values: np.ndarray, kind, lower, upper, group) -> _Rows:
    n = len(years)
    attributes = {
        "kind": _Same(kind, 1),
        "lower": _Same(lower, 1),
        "upper": _Same(upper, 1),
        "group": _Same(group, 1),
    }
    return _rows_of(np.zeros(n, dtype=np.int32), years.astype(np.int32), values, attributes)


def project(
    years: Sequence[int],
    values: Sequence[float],
    kind: str = "level",
    lower: float = math.nan,
    upper: float = math.nan,
    *,
    end_year: int | None = None,
    horizon: int | None = None,
    group: str | None = None,
) -> Projection:
    """Fit the trend of one series and project it to ``end_year`` (or ``horizon`` years ahead).

    Parameters
    ----------
    years : sequence of int
        Calendar years of the observations; irregular years allowed, no duplicates.
    values : sequence of float
        The observations, in the indicator's unit.
    kind : str, optional
        The indicator kind (see the module docstring); default ``level``.
    lower, upper : float, optional
        The indicator's bounds (NaN if none). Shares default to 0 and 100.
    end_year : int
        The last projected year. Give it, or ``horizon``.
    horizon : int
        Years ahead of the last observation. Give it, or ``end_year``.
    group : str or None, optional
        The series group (:data:`dongson_analysis.series_groups.SERIES_GROUPS`);
        None (the default) uses the calibration pooled over every kind of series.

    Returns
    -------
    Projection

    Raises
    ------
    ValueError
        On mismatched lengths, duplicate years, NaN, a non-positive level, a
        value outside its bounds, neither or both of ``end_year`` and ``horizon``,
        a horizon below 1 or beyond :func:`max_horizon` years, or an
        unprojectable kind.
    UnknownSeriesGroupError
        For a group that is not registered.

    See Also
    --------
    project_many : many series at once, with the same numbers.

    Notes
    -----
    The design used (:attr:`Projection.design`) is chosen from the observed years
    by :func:`dongson_analysis.forecast_core.choose_design`.

    References
    ----------
    Hyndman & Athanasopoulos (2021), Forecasting: Principles and Practice, 3rd ed.,
    sections 5.5 and 8.2. Makridakis, Spiliotis & Assimakopoulos (2020), the M4
    Competition, International Journal of Forecasting 36(1), 54-74.
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
    if (end_year is None) == (horizon is None):
        raise ValueError("give the last projected year (end_year) or the horizon, not both")
    last = int(np.round(years_arr).max())
    if horizon is not None:
        if not _whole(horizon):
            raise ValueError(f"horizon must be a whole number of years, got {horizon!r}")
        end_year = last + int(horizon)
    if not _whole(end_year):
        raise ValueError(f"end_year must be a whole calendar year, got {end_year!r}")
    rows = _one_series(np.round(years_arr).astype(np.int64), values_arr, kind, lower, upper, group)
    batch = _run(rows, pd.RangeIndex(1), int(end_year), "collect")
    if batch.refused:
        raise ValueError(batch.refused[0])
    return batch._projection(0)


def _check_matrix(values: np.ndarray, horizon, offsets) -> np.ndarray:
    """forecast_windows' arguments checked; the offsets as an array."""
    if values.ndim != 2 or values.shape[1] < 2:
        raise ValueError("values must be a 2-D array with at least two values per series")
    if not isinstance(horizon, (int, np.integer)) or isinstance(horizon, bool) or horizon < 1:
        raise ValueError(f"horizon must be a whole number of years ≥ 1, got {horizon!r}")
    limit = max_horizon()
    if horizon > limit:
        raise ValueError(
            f"horizon {horizon} is beyond the {limit} years for which the intervals were calibrated"
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
    return offsets_arr


def forecast_windows(
    values: np.ndarray,
    horizon: int,
    kind: str = "level",
    lower: float = math.nan,
    upper: float = math.nan,
    offsets: Sequence[int] | None = None,
    group: str | None = None,
    pool: str | Sequence[str] | None = None,
    quantiles: bool = False,
) -> dict[str, np.ndarray]:
    """Vectorised projection of many series that share a kind and the years observed.

    The fast path of :func:`project_many` for a matrix of values (the benchmarks'
    input); the numbers are the same.

    Parameters
    ----------
    values : ndarray, shape (n, k)
        Values of n series, each observed in the same k ≥ 2 years, oldest first.
    horizon : int
        Years ahead of the last observation, 1 to :func:`max_horizon`.
    kind, lower, upper
        The indicators' kind and bounds.
    offsets : sequence of int, optional
        The observed years relative to the last one (strictly increasing, the last
        0); default: consecutive years. The design is chosen from them as in
        :func:`project`.
    group : str or None, optional
        The series group of every series (None: the pooled calibration).
    pool : str or sequence of str, optional
        Instead of ``group``: the calibration pool
        (:data:`dongson_analysis.series_groups.CALIBRATION_POOLS`) of every series, or one
        per series (the benchmark measures each M4 category with its own pool).
    quantiles : bool, optional
        Also return the quantiles at every level of the calibration (n × horizon ×
        25 numbers: 1 GB for a million series five years ahead); default False.

    Returns
    -------
    dict
        ``point`` (the median), ``lower80``, ``upper80``, ``lower95``, ``upper95``,
        each (n, horizon); ``levels`` (P,); with ``quantiles=True``, ``quantiles``
        (n, horizon, P) at ``levels``; ``design``, the name of the design used.

    Raises
    ------
    ValueError
        On a bad shape, horizon, offsets or value (naming the first bad series).

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    values = np.asarray(values, dtype=float)
    offsets_arr = _check_matrix(values, horizon, offsets)
    n, k = values.shape
    attributes = {
        name: _Same(default, n)
        for name, default in (("kind", kind), ("lower", lower), ("upper", upper), ("group", group))
    }
    if pool is not None:
        if group is not None:
            raise ValueError("give a series group or calibration pools, not both")
        if isinstance(pool, str):
            attributes["pool"] = _Same(pool, n)
        else:
            attributes["pool"] = np.asarray(list(pool), dtype=object)
            if attributes["pool"].shape != (n,):
                raise ValueError(f"pool must be one name or one per series ({n})")
    rows = _rows_of(
        np.repeat(np.arange(n, dtype=np.int32), k),
        np.tile(offsets_arr.astype(np.int32), n),
        values.ravel(),
        attributes,
    )
    batch = _run(rows, pd.RangeIndex(n), int(horizon), "raise")
    (block,) = batch._blocks
    out = {
        name: block.eager[block.levels.index(p)].T
        for name, p in zip(TABLE_COLUMNS[2:7], _TABLE_LEVELS)
    }
    if quantiles:
        (transform,), (kind,) = rows.transforms, rows.kinds  # one kind and bounds for all
        q = block.state.quantiles(batch._cal)
        out["quantiles"] = _finish(q, kind, transform, batch._anchors[:, None, None])
    return {"levels": batch.levels, **out, "design": block.design}
