"""Vectorised forecasting of short, sparse yearly series on a transformed scale.

Everything here works on arrays: ``Z`` holds the values of ``n`` series observed
in the same years relative to their last observation (the same *design*),
already transformed (log for levels, logit for shares, identity for rates).
Forecasts are returned relative to the last value of each series, so that every
method is invariant to the level of the series. The learned parameters come in a
:class:`Calibration`, read and checked by :mod:`dongson_analysis.calibration_file`;
this module holds the rules and the registries the calibration is checked against.

Designs
-------
A :class:`Design` says which years were observed, as offsets from the last
observed year (0): ``consecutive5`` is ``(-4, -3, -2, -1, 0)``, ``two_far`` is
``(-8, 0)``. The weights of the combination and the width of its intervals were
learned separately for every design in :data:`DESIGNS`, on examples of exactly
that design: nothing is interpolated, and only observed values count for the
volatility and for the number of rising steps. The registered designs, by the
names that :attr:`Design.name` (and ``Projection.design``) take:

==========================  ================================================
name                        years observed (offsets from the last, 0)
==========================  ================================================
``consecutive2`` … ``5``    the last 2 … 5 years in a row
``two_far``                 t-8 and t
``two_span{s}``             t-s and t, s = 2 … 12 except 8 (``two_far``)
``three_irregular``         t-6, t-3 and t
``three_{s}_{j}``           t-s, t-j and t, for 2 ≤ s ≤ 10 and 0 < j < s,
                            except ``consecutive3`` (t-2, t-1, t) and
                            ``three_irregular`` (t-6, t-3, t)
``gap5``                    t-5 … t without t-2
``four_{s}_{a}_{b}``        t-s, t-a, t-b and t (s ≤ 5), except ``consecutive4``
``five_5_{j}``              t-5 … t without t-j (j = 1, 3, 4; j = 2 is ``gap5``)
``every_other4``            t-6, t-4, t-2 and t
``every_other5``            t-8, t-6, t-4, t-2 and t
==========================  ================================================

:func:`choose_design` maps any set of observed years to the registered design
with the most observations, all of them observed, counted back from the last
observation (ties: the design that leaves out fewest observations inside its
span, then the smaller learned interval score).

Candidates
----------
Every candidate continues a slope from the last observed value, so that the
combination (weights ≥ 0 summing to one) moves in the direction of the history,
or stays flat, when the history is monotone. The slopes are linear in the
observed values:

- ``end``: between the first and the last observation (the drift);
- ``ols``: of the least-squares line through the observations, at their years;
- ``last``: between the last two observations.

A candidate (:class:`Candidate`, registry :data:`CANDIDATES`, keyed by name) is a
slope and a damping factor ``phi``: its forecast ``h`` years ahead is
``slope * (phi + phi**2 + ... + phi**h)`` (``slope * h`` when ``phi`` is 1). The
weights do not depend on the horizon, so the median is one coherent path: its
yearly steps change smoothly, and past the longest horizon the weights were
learned on it goes on by the same damped rule.

Groups, pools and intervals
---------------------------
The weights depend on the *group* of a series (:func:`groups`): the number of
observed steps in which it rose, whether its trend is steady (from three
observations: drift large against the volatility of its steps) and the size of
its drift (under 2%, 5%, 10%, 20% a year or more, on a log scale): large drifts
are learned to be damped more. The error scale ``a + b * volatility``
(:func:`volatility`: root mean square of the observed steps, each divided by the
root of its length in years, kept between its 10% and 95% quantiles when
learned) depends on the design, the horizon and the *interval group*
(:func:`interval_groups`: rising steps and steadiness); the empirical quantiles
of the scaled errors also on the volatility's tercile. An interval never narrows
at a longer horizon.

Every *pool* of M4 categories (:data:`dongson_analysis.series_groups.CALIBRATION_POOLS`:
the kind of series, such as Macro or Demographic) has its own error scale: the
pooled one times a factor learned per design and horizon on the pool's series
(how large their errors are against the pooled scale). Weights, volatility bins
and quantiles of the scaled errors are the pooled ones: weights learned on a
pool alone forecast worse on held-out train values. ``pool`` in
:func:`combined_forecast` selects the pool, per series.

References
----------
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition:
100,000 time series and 61 forecasting methods. International Journal of
Forecasting, 36(1), 54-74.

Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice,
3rd edition, OTexts, chapters 8.1-8.2 (damped trend methods) and 5.5
(prediction intervals).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import numpy as np

from .series_groups import POOLED

__all__ = [
    "STEADY",
    "MAGNITUDE_EDGES",
    "VOLATILITY_BINS",
    "CHUNK",
    "Candidate",
    "CANDIDATES",
    "Design",
    "DESIGNS",
    "volatility",
    "group_parts",
    "groups",
    "interval_groups",
    "linear_slope",
    "candidate_forecasts",
    "PoolCalibration",
    "DesignCalibration",
    "Calibration",
    "DesignChoice",
    "choose_design",
    "CombinationState",
    "combination_state",
    "combined_forecast",
]

Slope = Literal["none", "end", "ols", "last"]
#: a trend is steady when |sum of steps| ≥ STEADY × sqrt(span × sum of step² / gap)
STEADY = 0.8
#: edges of the size of the drift per year (log scale: 2%, 5%, 10%, 20% a year)
MAGNITUDE_EDGES = (0.02, 0.05, 0.1, 0.2)
#: number of volatility bins (terciles) of the interval tables
VOLATILITY_BINS = 3
#: series processed at once by :func:`combined_forecast` (bounds its temporary arrays)
CHUNK = 8_192


# -- candidates ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A simple forecasting rule: a slope of the observations, continued from the last one and
    damped.

    Parameters
    ----------
    name : str
        Key in :data:`CANDIDATES` and in the calibration file.
    slope : {"none", "end", "ols", "last"}
        Which slope of the observations is continued (``none``: no change).
    phi : float, optional
        Damping factor per year, in (0, 1]; 1 (the default) continues the slope undamped.

    Raises
    ------
    ValueError
        For an unknown slope or a damping factor outside (0, 1].

    References
    ----------
    Hyndman & Athanasopoulos (2021), Forecasting: Principles and Practice, 3rd ed.,
    section 8.2 (damped trend: the forecast adds ``phi + phi**2 + ... + phi**h`` steps).
    """

    name: str
    slope: Slope
    phi: float = 1.0

    def __post_init__(self):
        if self.slope not in ("none", "end", "ols", "last"):
            raise ValueError(
                f"candidate {self.name!r}: unknown slope {self.slope!r}; "
                "expected one of 'none', 'end', 'ols', 'last'"
            )
        if not 0 < self.phi <= 1:
            raise ValueError(f"candidate {self.name!r}: phi must be in (0, 1], got {self.phi!r}")

    def path_factor(self, horizon: int) -> np.ndarray:
        """Multiplier of the slope at h = 1 … ``horizon``: the cumulated damped steps (read-only).

        Parameters
        ----------
        horizon : int
            Years ahead, at least 1.

        Returns
        -------
        ndarray, shape (horizon,)
            ``phi + … + phi**h`` for each h (``h`` undamped, 0 for ``slope="none"``).
        """
        return _path_factor(self.slope, self.phi, int(horizon))

    def spec(self) -> dict:
        """The definition written into the calibration file and checked when it is loaded.

        Returns
        -------
        dict
            ``{"slope": ..., "phi": ...}``.
        """
        return {"slope": self.slope, "phi": self.phi}


@lru_cache(maxsize=256)
def _path_factor(slope: str, phi: float, horizon: int) -> np.ndarray:
    h = np.arange(1, horizon + 1, dtype=float)
    if slope == "none":
        out = np.zeros(horizon)
    elif phi == 1.0:
        out = h
    else:
        out = np.cumsum(phi**h)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=1024)
def _slope_coefficients(offsets: tuple[int, ...], slope: str) -> np.ndarray:
    o = np.asarray(offsets, dtype=float)
    c = np.zeros(len(o))
    span = -offsets[0]
    if slope == "end":
        c[0], c[-1] = -1 / span, 1 / span
    elif slope == "ols":
        t = o - o.mean()
        c = t / (t @ t)
    elif slope == "last":
        gap = o[-1] - o[-2]
        c[-2], c[-1] = -1 / gap, 1 / gap
    c.setflags(write=False)
    return c


#: every candidate rule, by name, in the order of the weights in the calibration file
CANDIDATES: dict[str, Candidate] = {
    c.name: c
    for c in (
        Candidate("naive", "none"),
        Candidate("drift", "end"),
        Candidate("damped", "end", 0.8),
        Candidate("damped_fast", "end", 0.5),
        Candidate("trend", "ols"),
        Candidate("trend_damped", "ols", 0.8),
        Candidate("recent_damped", "last", 0.8),
    )
}


# -- designs ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Design:
    """Which years are observed, as offsets from the last observed year.

    Parameters
    ----------
    name : str
        Key in :data:`DESIGNS` and in the calibration file.
    offsets : tuple of int
        At least two, strictly increasing, the last 0.

    Raises
    ------
    ValueError
        For fewer than two offsets, offsets not strictly increasing or not ending at 0.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    name: str
    offsets: tuple[int, ...]

    def __post_init__(self):
        o = self.offsets
        if len(o) < 2 or o[-1] != 0 or any(b <= a for a, b in zip(o, o[1:])):
            raise ValueError(
                f"design {self.name!r}: offsets must be at least two strictly increasing whole "
                f"numbers ending at 0, got {o!r}"
            )

    @property
    def n_points(self) -> int:
        """Number of observations."""
        return len(self.offsets)

    @property
    def span(self) -> int:
        """Years from the first to the last observation."""
        return -self.offsets[0]

    @property
    def consecutive(self) -> bool:
        """Whether the observations are consecutive years."""
        return self.span == self.n_points - 1

    @property
    def n_steady(self) -> int:
        """Values of the steadiness part of a group: 2 from three observations, else 1."""
        return 2 if self.n_points >= 3 else 1

    @property
    def n_groups(self) -> int:
        """Number of groups (:func:`groups`)."""
        return self.n_points * self.n_steady * (len(MAGNITUDE_EDGES) + 1)

    @property
    def n_interval_groups(self) -> int:
        """Number of interval groups (:func:`interval_groups`)."""
        return self.n_points * self.n_steady

    def slope_coefficients(self, slope: Slope) -> np.ndarray:
        """The slope as a linear function of the observed values: ``Z @ coefficients`` (read-only).

        Parameters
        ----------
        slope : {"none", "end", "ols", "last"}

        Returns
        -------
        ndarray, shape (n_points,)
            Per-year slope coefficients (all 0 for ``none``).
        """
        return _slope_coefficients(self.offsets, slope)

    def active_candidates(self) -> tuple[str, ...]:
        """Candidates that are distinct on this design, in registry order.

        A candidate whose slope coefficients and damping equal those of an earlier
        one is left out (with two observations every slope is the drift; the
        least-squares slope of three evenly spaced years is the drift too).

        Returns
        -------
        tuple of str
            Keys of :data:`CANDIDATES`.
        """
        kept: list[tuple[np.ndarray, float]] = []
        names = []
        for name, cand in CANDIDATES.items():
            coef = self.slope_coefficients(cand.slope)
            if any(np.allclose(coef, c) and (phi == cand.phi or not coef.any()) for c, phi in kept):
                continue
            kept.append((coef, cand.phi))
            names.append(name)
        return tuple(names)


_NAMED_DESIGNS = {
    (-4, -3, -2, -1, 0): "consecutive5",
    (-3, -2, -1, 0): "consecutive4",
    (-2, -1, 0): "consecutive3",
    (-1, 0): "consecutive2",
    (-8, 0): "two_far",
    (-6, -3, 0): "three_irregular",
    (-5, -4, -3, -1, 0): "gap5",
    (-6, -4, -2, 0): "every_other4",
    (-8, -6, -4, -2, 0): "every_other5",
}


def _design_name(offsets: tuple[int, ...]) -> str:
    if offsets in _NAMED_DESIGNS:
        return _NAMED_DESIGNS[offsets]
    if len(offsets) == 5:
        return f"five_5_{next(j for j in range(1, 5) if -j not in offsets)}"
    if len(offsets) == 2:
        return f"two_span{-offsets[0]}"
    words = {3: "three_", 4: "four_"}[len(offsets)]
    return words + "_".join(str(-x) for x in offsets[:-1])


def _registered_designs() -> dict[str, Design]:
    offsets: list[tuple[int, ...]] = [(-s, 0) for s in range(1, 13)]
    offsets += [(-s, -j, 0) for s in range(2, 11) for j in range(s - 1, 0, -1)]
    offsets += [
        (-s, -a, -b, 0)
        for s in range(3, 6)
        for a, b in itertools.combinations(range(s - 1, 0, -1), 2)
    ]
    offsets += [tuple(o for o in range(-5, 1) if o != -j) for j in (4, 3, 2, 1)]
    offsets += [(-4, -3, -2, -1, 0), (-6, -4, -2, 0), (-8, -6, -4, -2, 0)]
    return {(name := _design_name(o)): Design(name, o) for o in offsets}


#: every design with a calibration, by name
DESIGNS: dict[str, Design] = _registered_designs()


# -- features and candidate forecasts --------------------------------------------------------------
def _check_Z(Z: np.ndarray, design: Design) -> np.ndarray:
    Z = np.asarray(Z, dtype=float)
    if Z.ndim != 2 or Z.shape[1] != design.n_points:
        raise ValueError(
            f"design {design.name!r} needs an (n, {design.n_points}) array of values, got shape "
            f"{Z.shape}"
        )
    return Z


def volatility(Z: np.ndarray, design: Design) -> np.ndarray:
    """Root mean square of the observed steps, each divided by the root of its length in years.

    Parameters
    ----------
    Z : ndarray, shape (n, design.n_points)
        Transformed values at the design's years, oldest first.
    design : Design

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    ValueError
        For values of the wrong shape.

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, section 5.5 (prediction intervals from the residuals' spread).
    """
    Z = _check_Z(Z, design)
    gaps = np.diff(design.offsets).astype(float)
    d = np.diff(Z, axis=1) / np.sqrt(gaps)
    return np.sqrt(np.mean(d * d, axis=1))


def group_parts(
    Z: np.ndarray,
    design: Design,
    unit: np.ndarray | None = None,
    stretch: float | np.ndarray = 1.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three parts of a series' group: rising steps, steadiness and size of the drift.

    - rising steps: steps between consecutive observations in which the series
      rose (0 … n_points - 1);
    - steady (0 or 1; always 0 with two observations): the drift's share of the
      volatility, ``|z_last - z_first| / sqrt(span * sum(step² / gap))``, is at
      least :data:`STEADY` (it is 1 for a straight line, 0 for a return to the start);
    - size (0 … len(MAGNITUDE_EDGES)): the drift per year, ``|z_last - z_first| /
      span`` divided by ``unit``, against :data:`MAGNITUDE_EDGES` (on a log scale:
      2%, 5%, 10% and 20% a year).

    Parameters
    ----------
    Z : ndarray, shape (n, design.n_points)
        Transformed values at the design's years, oldest first.
    design : Design
    unit : ndarray, shape (n,), optional
        Typical size of the series on an untransformed scale (default 1).
    stretch : float or ndarray, shape (n,), optional
        Actual span divided by the design's span (default 1).

    Returns
    -------
    rises, steady, size : ndarray of int, each (n,)

    Raises
    ------
    ValueError
        For values of the wrong shape.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    Z = _check_Z(Z, design)
    d = np.diff(Z, axis=1)
    rises = (d > 0).sum(axis=1)
    total = np.abs(Z[:, -1] - Z[:, 0])
    unit = np.ones(len(Z)) if unit is None else np.asarray(unit, dtype=float)
    size = np.searchsorted(
        np.asarray(MAGNITUDE_EDGES), total / (design.span * stretch) / unit, side="right"
    )
    if design.n_points < 3:
        return rises, np.zeros_like(rises), size
    gaps = np.diff(design.offsets).astype(float)
    energy = design.span * np.sum(d * d / gaps, axis=1)
    steady = ((energy > 0) & (total >= STEADY * np.sqrt(energy))).astype(int)
    return rises, steady, size


def groups(
    Z: np.ndarray,
    design: Design,
    unit: np.ndarray | None = None,
    stretch: float | np.ndarray = 1.0,
) -> np.ndarray:
    """The group of each series, which selects its weights: ``rises + n * (steady + S * size)``.

    See :func:`group_parts`; ``n`` is the number of observations and ``S`` is 2
    from three observations, else 1.

    Parameters
    ----------
    Z, design, unit, stretch
        As for :func:`group_parts`.

    Returns
    -------
    ndarray of int, shape (n,)
        Values in 0 … design.n_groups - 1.

    Raises
    ------
    ValueError
        For values of the wrong shape.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    rises, steady, size = group_parts(Z, design, unit, stretch)
    return rises + design.n_points * (steady + design.n_steady * size)


def interval_groups(Z: np.ndarray, design: Design) -> np.ndarray:
    """The group of each series for its intervals: ``rises + n * steady`` (see :func:`group_parts`).

    Parameters
    ----------
    Z : ndarray, shape (n, design.n_points)
        Transformed values at the design's years, oldest first.
    design : Design

    Returns
    -------
    ndarray of int, shape (n,)
        Values in 0 … design.n_interval_groups - 1.

    Raises
    ------
    ValueError
        For values of the wrong shape.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    rises, steady, _ = group_parts(Z, design)
    return rises + design.n_points * steady


def linear_slope(Z: np.ndarray, coefficients: np.ndarray) -> np.ndarray:
    """``Z @ coefficients``, summed column by column in a fixed order.

    A matrix product's summation order depends on the library and on the number of
    rows, so a series could get other last digits alone than in a batch; this sum
    does not.

    Parameters
    ----------
    Z : ndarray, shape (n, k)
    coefficients : ndarray, shape (k,)

    Returns
    -------
    ndarray, shape (n,)

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, section 7.1 (the least-squares slope).
    """
    out = np.zeros(len(Z))
    for j, c in enumerate(coefficients):
        if c != 0:
            out += Z[:, j] * c
    return out


def candidate_forecasts(
    Z: np.ndarray, design: Design, horizon: int, names: tuple[str, ...] | None = None
) -> np.ndarray:
    """Forecasts of candidates, relative to each series' last value.

    Parameters
    ----------
    Z : ndarray, shape (n, design.n_points)
        Transformed values at the design's years, oldest first.
    design : Design
    horizon : int
        Years ahead, at least 1.
    names : tuple of str, optional
        Candidates (keys of :data:`CANDIDATES`); default: the design's active ones.

    Returns
    -------
    ndarray, shape (n, len(names), horizon)

    Raises
    ------
    ValueError
        For values of the wrong shape, a horizon below 1 or an unknown candidate.

    Notes
    -----
    The slopes are matrix products, as when the shipped calibration was learned
    (``benchmarks/learn_calibration.py`` uses this function): the learning is
    sensitive to the last digits of its inputs (weights move by up to 0.007 when
    the slopes are summed in another order), so it keeps the order it was learned
    with. :func:`combined_forecast` sums the slopes with :func:`linear_slope`, whose
    results do not depend on the number of series; the two differ by at most a
    few units in the last place.

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, sections 5.2 (drift) and 8.2 (damped trends).
    """
    Z = _check_Z(Z, design)
    if not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ValueError(f"horizon must be a whole number of years ≥ 1, got {horizon!r}")
    names = design.active_candidates() if names is None else tuple(names)
    unknown = [n for n in names if n not in CANDIDATES]
    if unknown:
        raise ValueError(f"unknown candidates {unknown}; known: {', '.join(CANDIDATES)}")
    out = np.empty((len(Z), len(names), horizon))
    for j, name in enumerate(names):
        cand = CANDIDATES[name]
        slope = Z @ design.slope_coefficients(cand.slope)
        out[:, j, :] = slope[:, None] * cand.path_factor(int(horizon))[None, :]
    return out


# -- the calibration, as the combination reads it --------------------------------------------------
@dataclass(frozen=True)
class PoolCalibration:
    """The weights and error scales of one design for one pool of M4 categories.

    As read from the calibration file: the pooled weights, and the pooled error scale
    times the pool's factor at each horizon.

    Parameters
    ----------
    weights : ndarray, shape (G, K)
        Weights of the candidates per group (:func:`groups`).
    scale_a, scale_b : ndarray, shape (H, I)
        Error scale ``scale_a + scale_b * volatility`` per horizon and interval group.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    weights: np.ndarray
    scale_a: np.ndarray
    scale_b: np.ndarray


@dataclass(frozen=True, eq=False)
class DesignCalibration:
    """Learned weights and error quantiles of one design.

    Parameters
    ----------
    design : Design
    candidates : tuple of str
        The design's active candidates, in the order of the weights.
    weights : ndarray, shape (G, K)
        Weights of the candidates per group (:func:`groups`), pooled over every category.
    volatility_floor, volatility_cap : float
        Volatility below the floor counts as the floor, above the cap as the cap
        (its 10% and 95% quantiles when learned).
    volatility_edges : ndarray, shape (B - 1,)
        Bin edges of the (capped) volatility.
    scale_a, scale_b : ndarray, shape (H, I)
        Error scale ``scale_a + scale_b * volatility`` per horizon and interval
        group (:func:`interval_groups`), pooled.
    quantiles : ndarray, shape (H, I, B, P)
        Quantiles of the scaled errors at the calibration's levels (0 at 0.5).
    score : float
        Mean interval score (80% and 95%, h = 1 … 5, log scale) on the examples it
        was learned from; breaks ties in :func:`choose_design`.
    pools : mapping of str to PoolCalibration, optional
        Weights and error scales learned on each pool of categories other than the
        pooled one (keys of :data:`dongson_analysis.series_groups.CALIBRATION_POOLS`).

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    design: Design
    candidates: tuple[str, ...]
    weights: np.ndarray
    volatility_floor: float
    volatility_cap: float
    volatility_edges: np.ndarray
    scale_a: np.ndarray
    scale_b: np.ndarray
    quantiles: np.ndarray
    score: float
    pools: Mapping[str, PoolCalibration] = field(default_factory=dict)

    def pool(self, name: str) -> PoolCalibration:
        """The weights and error scales of a pool (:data:`~dongson_analysis.series_groups.POOLED`
        gives the pooled ones).

        Parameters
        ----------
        name : str
            A calibration pool.

        Returns
        -------
        PoolCalibration

        Raises
        ------
        ValueError
            For a pool this design was not calibrated on.
        """
        if name == POOLED:
            return PoolCalibration(self.weights, self.scale_a, self.scale_b)
        try:
            return self.pools[name]
        except KeyError:
            raise ValueError(
                f"design {self.design.name!r} has no calibration for pool {name!r}; pools: "
                f"{', '.join([POOLED, *self.pools])}"
            ) from None


@dataclass(frozen=True, eq=False)
class Calibration:
    """The shipped calibration: levels, maximum horizon and one :class:`DesignCalibration` per
    design.

    Parameters
    ----------
    levels : ndarray, shape (P,)
        Probability levels of the quantiles (0.025, 0.1, 0.5, 0.9 and 0.975 among them).
    max_horizon : int
        Longest horizon with interval tables (years after the last observation).
    designs : dict of str to DesignCalibration
        One per registered design, in registry order.
    source, rule : str
        Where the examples came from and how they were learned.
    pools : mapping of str to tuple of str, optional
        The pools each design was also calibrated on, with their M4 categories.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    levels: np.ndarray
    max_horizon: int
    designs: dict[str, DesignCalibration]
    source: str
    rule: str
    pools: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


# -- choosing a design -----------------------------------------------------------------------------
@dataclass(frozen=True)
class DesignChoice:
    """The design used for a set of observed years.

    Parameters
    ----------
    design : Design
    positions : tuple of int
        Indices (into the observed years) of the observations used.
    stretch : float, optional
        Actual span of the observations used divided by the design's span: 1,
        except when no registered design fits (``beyond_span``).

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    design: Design
    positions: tuple[int, ...]
    stretch: float = 1.0

    @property
    def beyond_span(self) -> bool:
        """The last two observations are further apart than any registered design."""
        return self.stretch != 1.0


def choose_design(years: Sequence[int], cal: Calibration) -> DesignChoice:
    """The registered design to use for observations in ``years``.

    Among the designs whose years were all observed (counted back from the last
    observation): the one with the most observations; among those, the one that
    leaves out fewest observations between its first year and the last; then the
    smallest learned interval score; then the first registered. If the last two
    observations are further apart than any two-year design, the widest two-year
    design, stretched to them.

    Parameters
    ----------
    years : sequence of int
        Observed years, strictly increasing, at least two.
    cal : Calibration
        The calibration whose designs may be chosen (the learned scores break ties).

    Returns
    -------
    DesignChoice

    Raises
    ------
    ValueError
        For fewer than two years, or years not strictly increasing.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    years = np.asarray(years)
    if years.ndim != 1 or len(years) < 2 or np.any(np.diff(years) <= 0):
        raise ValueError("choose_design needs at least two strictly increasing years")
    where = {int(o): i for i, o in enumerate(years - years[-1])}
    best_key, best = None, None
    for order, dc in enumerate(cal.designs.values()):
        if all(o in where for o in dc.design.offsets):
            positions = tuple(where[o] for o in dc.design.offsets)
            skipped = len(years) - positions[0] - len(positions)
            key = (-dc.design.n_points, skipped, dc.score, order)
            if best_key is None or key < best_key:
                best_key, best = key, DesignChoice(dc.design, positions)
    if best is not None:
        return best
    widest = max(
        (dc.design for dc in cal.designs.values() if dc.design.n_points == 2), key=lambda d: d.span
    )
    gap = int(years[-1] - years[-2])
    return DesignChoice(widest, (len(years) - 2, len(years) - 1), gap / widest.span)


# -- the combination -------------------------------------------------------------------------------
def _check_combination(cal: Calibration, design: Design, horizon, stretch) -> DesignCalibration:
    if design.name not in cal.designs or cal.designs[design.name].design != design:
        raise ValueError(
            f"design {design.name!r} is not calibrated; calibrated designs: "
            f"{', '.join(cal.designs)}"
        )
    if not isinstance(horizon, (int, np.integer)) or not 1 <= horizon <= cal.max_horizon:
        raise ValueError(
            f"horizon must be a whole number between 1 and {cal.max_horizon}, got {horizon!r}"
        )
    if not np.all(np.asarray(stretch) >= 1):
        raise ValueError(f"stretch must be ≥ 1, got {stretch!r}")
    return cal.designs[design.name]


def _pool_tables(
    dc: DesignCalibration, pool: str | Sequence[str] | np.ndarray | None, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-series pool index and the stacked weights and scales of the pools used."""
    if pool is None or isinstance(pool, str):
        names, index = (POOLED if pool is None else pool,), np.zeros(n, dtype=np.intp)
    else:
        codes = np.asarray(pool)
        if codes.shape != (n,):
            raise ValueError(f"pool must be one name or one per series ({n}), got {codes.shape}")
        names, inverse = np.unique(codes, return_inverse=True)
        names, index = tuple(str(p) for p in names), inverse.astype(np.intp)
    return (index, *_stacked(dc, names))


@lru_cache(maxsize=1024)
def _stacked(dc: DesignCalibration, names: tuple[str, ...]) -> tuple:
    tables = [dc.pool(p) for p in names]
    return tuple(
        np.stack([getattr(t, key) for t in tables]) for key in ("weights", "scale_a", "scale_b")
    )


def _centre(Z, design, dc, weights, horizon, stretch) -> np.ndarray:
    """The combination's median path relative to the last value: sum of weight × candidate."""
    centre = np.zeros((len(Z), horizon))
    for j, name in enumerate(dc.candidates):
        cand = CANDIDATES[name]
        if cand.slope == "none":
            continue  # adds weight × 0
        slope = linear_slope(Z, design.slope_coefficients(cand.slope))
        term = slope[:, None] * cand.path_factor(horizon)[None, :]
        term /= stretch if np.ndim(stretch) == 0 else stretch[:, None]
        term *= weights[:, j, None]
        centre += term
    return centre


@dataclass(frozen=True)
class CombinationState:
    """What the combination's quantiles are built from, series by series.

    Cheap to keep (no level axis): :meth:`quantiles` builds any probability levels
    from it, element by element, so a series' quantiles are the same whichever
    levels, series or horizons are built with them.

    Parameters
    ----------
    design : Design
    base : ndarray, shape (n, H)
        The last value plus the median path (transformed scale).
    scale : ndarray, shape (n, H)
        The error scale of each series and horizon.
    cell : ndarray of int, shape (n,)
        Interval group × volatility bin: the row of the quantile tables used.

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, section 5.5 (prediction intervals).
    """

    design: Design
    base: np.ndarray
    scale: np.ndarray
    cell: np.ndarray

    def take(self, rows) -> CombinationState:
        """The state of some series (an index or a slice).

        Parameters
        ----------
        rows : int, slice or array of int

        Returns
        -------
        CombinationState
        """
        rows = [rows] if isinstance(rows, (int, np.integer)) else rows
        return CombinationState(self.design, self.base[rows], self.scale[rows], self.cell[rows])

    def quantiles(self, cal: Calibration, which: Sequence[int] | None = None) -> np.ndarray:
        """Predictive quantiles (transformed scale) at some of the calibration's levels.

        Parameters
        ----------
        cal : Calibration
            The calibration the state was computed with.
        which : sequence of int, optional
            Increasing indices into ``cal.levels``; default all.

        Returns
        -------
        ndarray, shape (n, H, len(which))
            Each quantile's distance from the median never shrinks with the horizon.
        """
        return self.by_level(cal, which).transpose(2, 1, 0).copy()

    def by_level(self, cal: Calibration, which: Sequence[int] | None = None) -> np.ndarray:
        """:meth:`quantiles` laid out level by level: ``out[l, h, i]`` (no transposing copy).

        Parameters
        ----------
        cal, which
            As for :meth:`quantiles`.

        Returns
        -------
        ndarray, shape (len(which), H, n)
        """
        dc = cal.designs[self.design.name]
        which = np.arange(len(cal.levels)) if which is None else np.asarray(which)
        n, horizon = self.base.shape
        out = np.empty((len(which), horizon, n))
        table = dc.quantiles[:horizon].reshape(horizon, -1, len(cal.levels))[:, :, which]
        # levels at or below the median keep their distance by a minimum, the others a maximum
        split = int(np.searchsorted(cal.levels[which], 0.5, side="right"))
        for start in range(0, n, CHUNK):
            rows = slice(start, min(start + CHUNK, n))
            out[:, :, rows] = _spread(
                table, self.base[rows], self.scale[rows], self.cell[rows], split
            ).transpose(1, 0, 2)
        return out


def _spread(table, base, scale, cell, split) -> np.ndarray:
    """Quantiles (H, L, c) of a chunk: built along the series (long contiguous rows)."""
    horizon = base.shape[1]
    spread = np.empty((horizon, table.shape[2], len(base)))
    for h in range(horizon):
        np.multiply(table[h].T[:, cell], scale[:, h], out=spread[h])
        if h:  # an interval never narrows at a longer horizon
            np.maximum(spread[h, split:], spread[h - 1, split:], out=spread[h, split:])
            np.minimum(spread[h, :split], spread[h - 1, :split], out=spread[h, :split])
    for h in range(horizon):
        spread[h] += base[:, h]
    return spread


def _state_chunk(z, design, dc, unit, stretch, p, tables, horizon) -> tuple:
    """Median path (with the last value), error scale and interval cell of a chunk of series."""
    weights, scale_a, scale_b = tables
    rises, steady, size = group_parts(z, design, unit, stretch)
    n = design.n_points
    g = rises + n * steady  # interval group
    base = _centre(z, design, dc, weights[p, g + n * design.n_steady * size], horizon, stretch)
    base += z[:, -1, None]
    vol = np.clip(volatility(z, design) / np.sqrt(stretch), dc.volatility_floor, dc.volatility_cap)
    cell = g * VOLATILITY_BINS + np.searchsorted(dc.volatility_edges, vol, side="right")
    hs = np.arange(horizon)[None, :]
    scale = (
        scale_a[p[:, None], hs, g[:, None]] * unit[:, None]
        + scale_b[p[:, None], hs, g[:, None]] * vol[:, None]
    )
    return base, scale, cell


def combination_state(
    Z: np.ndarray,
    design: Design,
    horizon: int,
    cal: Calibration,
    floor_unit: np.ndarray | None = None,
    stretch: float | np.ndarray = 1.0,
    pool: str | Sequence[str] | np.ndarray | None = None,
) -> CombinationState:
    """The median paths, error scales and interval cells of the combination (no quantiles yet).

    Parameters
    ----------
    Z, design, horizon, cal, floor_unit, stretch, pool
        As for :func:`combined_forecast`.

    Returns
    -------
    CombinationState
        ``state.quantiles(cal)`` gives :func:`combined_forecast`'s quantiles.

    Raises
    ------
    ValueError
        As :func:`combined_forecast`.

    References
    ----------
    Hyndman, R. J. & Athanasopoulos, G. (2021). Forecasting: Principles and Practice, 3rd edition.
    OTexts, sections 5.5 (prediction intervals) and 8.2 (damped trends).
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    dc = _check_combination(cal, design, horizon, stretch)
    Z = _check_Z(Z, design)
    n, horizon = len(Z), int(horizon)
    unit = np.ones(n) if floor_unit is None else np.asarray(floor_unit, dtype=float)
    stretches = np.broadcast_to(np.asarray(stretch, dtype=float), (n,))
    pidx, *tables = _pool_tables(dc, pool, n)
    base, scale, cell = np.empty((n, horizon)), np.empty((n, horizon)), np.empty(n, np.intp)
    for start in range(0, n, CHUNK):
        rows = slice(start, min(start + CHUNK, n))
        st = stretch if np.ndim(stretch) == 0 else stretches[rows]
        base[rows], scale[rows], cell[rows] = _state_chunk(
            Z[rows], design, dc, unit[rows], st, pidx[rows], tables, horizon
        )
    return CombinationState(design, base, scale, cell)


def combined_forecast(
    Z: np.ndarray,
    design: Design,
    horizon: int,
    cal: Calibration,
    floor_unit: np.ndarray | None = None,
    stretch: float | np.ndarray = 1.0,
    pool: str | Sequence[str] | np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Quantile forecasts of the combination, on the transformed scale.

    Parameters
    ----------
    Z : ndarray, shape (n, design.n_points)
        Transformed values at the design's years, oldest first.
    design : Design
        A calibrated design.
    horizon : int
        Years ahead (1 ≤ horizon ≤ the calibration's maximum horizon).
    cal : Calibration
        The learned parameters (the shipped ones:
        :func:`dongson_analysis.calibration_file.calibration`).
    floor_unit : ndarray, shape (n,), optional
        Multiplies the constant part of the error scale, and divides the drift
        when its size is classed (:func:`group_parts`): both were learned on a log
        scale (relative changes); pass the typical size of an untransformed series
        so that they are relative to it. Default 1.
    stretch : float or ndarray, shape (n,), optional
        The observations are ``stretch`` times further apart than the design's
        years (:attr:`DesignChoice.stretch`), for every series or one per series;
        slopes are per actual year. Default 1.
    pool : str or sequence of str, optional
        The calibration pool (:data:`dongson_analysis.series_groups.CALIBRATION_POOLS`)
        of every series, or one per series; default the pooled calibration.

    Returns
    -------
    levels : ndarray, shape (P,)
        Probability levels of the quantiles (0.5 among them).
    quantiles : ndarray, shape (n, horizon, P)
        Predictive quantiles of the transformed value at each horizon.
    scale : ndarray, shape (n, horizon)
        The error scale used for each series and horizon.

    Raises
    ------
    ValueError
        For an uncalibrated design or pool, values of the wrong shape, a horizon
        out of range or a stretch below 1.

    Notes
    -----
    The distance of each quantile from the median never shrinks with the
    horizon: where the learned tables would narrow an interval, it keeps the
    width of the year before. The work is done :data:`CHUNK` series at a time,
    without an (n, candidates, horizon) array, so memory grows only with the
    result; every operation is element by element, so a series gets the same
    numbers alone as in any batch, and a shorter horizon gives the first years of
    a longer one.

    References
    ----------
    Makridakis, Spiliotis & Assimakopoulos (2020), the M4 Competition, International
    Journal of Forecasting 36(1): the yearly series the parameters were learned on.
    Hyndman & Athanasopoulos (2021), Forecasting: Principles and Practice, 3rd ed.,
    section 5.5: prediction intervals from the distribution of forecast errors.
    """
    state = combination_state(Z, design, horizon, cal, floor_unit, stretch, pool)
    return cal.levels, state.quantiles(cal), state.scale
