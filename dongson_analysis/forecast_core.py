"""Vectorised forecasting of short, sparse yearly series on a transformed scale.

Everything here works on arrays: ``Z`` holds the values of ``n`` series observed
in the same years relative to their last observation (the same *design*),
already transformed (log for levels, logit for shares, identity for rates).
Forecasts are returned relative to the last value of each series, so that every
method is invariant to the level of the series.

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

Groups and intervals
--------------------
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

Calibration
-----------
``calibration/short_series.json`` holds all of it; it was learned by
``benchmarks/learn_calibration.py`` from the training part of the M4 yearly dev
benchmark only. :func:`calibration` checks the file against the registries when
it is loaded (candidates and their definitions, designs and their years, each
design's distinct candidates, the group rule, array shapes) and raises
:class:`CalibrationError` naming the first mismatch.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import numpy as np

Slope = Literal["none", "end", "ols", "last"]
CALIBRATION_FILE = "calibration/short_series.json"
REQUIRED_LEVELS = (0.025, 0.1, 0.5, 0.9, 0.975)
#: a trend is steady when |sum of steps| ≥ STEADY × sqrt(span × sum of step² / gap)
STEADY = 0.8
#: edges of the size of the drift per year (log scale: 2%, 5%, 10%, 20% a year)
MAGNITUDE_EDGES = (0.02, 0.05, 0.1, 0.2)
#: number of volatility bins (terciles) of the interval tables
VOLATILITY_BINS = 3


# -- candidates ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A simple forecasting rule: a slope of the observations, continued from the last one and
    damped.

    Attributes
    ----------
    name : str
        Key in :data:`CANDIDATES` and in the calibration file.
    slope : {"none", "end", "ols", "last"}
        Which slope of the observations is continued (``none``: no change).
    phi : float
        Damping factor per year, in (0, 1]; 1 continues the slope undamped.
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
        """Multiplier of the slope at h = 1 … ``horizon``: the cumulated damped steps."""
        h = np.arange(1, horizon + 1, dtype=float)
        if self.slope == "none":
            return np.zeros(horizon)
        if self.phi == 1.0:
            return h
        return np.cumsum(self.phi**h)

    def spec(self) -> dict:
        """The definition written into the calibration file and checked when it is loaded."""
        return {"slope": self.slope, "phi": self.phi}


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

    Attributes
    ----------
    name : str
        Key in :data:`DESIGNS` and in the calibration file.
    offsets : tuple of int
        At least two, strictly increasing, the last 0.
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
        """The slope as a linear function of the observed values: ``Z @ coefficients``."""
        o = np.asarray(self.offsets, dtype=float)
        c = np.zeros(len(o))
        if slope == "end":
            c[0], c[-1] = -1 / self.span, 1 / self.span
        elif slope == "ols":
            t = o - o.mean()
            c = t / (t @ t)
        elif slope == "last":
            gap = o[-1] - o[-2]
            c[-2], c[-1] = -1 / gap, 1 / gap
        return c

    def active_candidates(self) -> tuple[str, ...]:
        """Candidates that are distinct on this design, in registry order.

        A candidate whose slope coefficients and damping equal those of an earlier
        one is left out (with two observations every slope is the drift; the
        least-squares slope of three evenly spaced years is the drift too).
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


def _registered_designs() -> dict[str, Design]:
    named = {
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
    offsets: list[tuple[int, ...]] = [(-s, 0) for s in range(1, 13)]
    offsets += [(-s, -j, 0) for s in range(2, 11) for j in range(s - 1, 0, -1)]
    offsets += [
        (-s, -a, -b, 0)
        for s in range(3, 6)
        for a, b in itertools.combinations(range(s - 1, 0, -1), 2)
    ]
    offsets += [tuple(o for o in range(-5, 1) if o != -j) for j in (4, 3, 2, 1)]
    offsets += [(-4, -3, -2, -1, 0), (-6, -4, -2, 0), (-8, -6, -4, -2, 0)]
    out = {}
    for o in offsets:
        if o in named:
            name = named[o]
        elif len(o) == 5:
            name = f"five_5_{next(j for j in range(1, 5) if -j not in o)}"
        else:
            words = {2: "two_span", 3: "three_", 4: "four_", 5: "five_"}[len(o)]
            name = words + ("_".join(str(-x) for x in o[:-1]) if len(o) > 2 else str(-o[0]))
        out[name] = Design(name, o)
    return out


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
    design : Design

    Returns
    -------
    ndarray, shape (n,)
    """
    Z = _check_Z(Z, design)
    gaps = np.diff(design.offsets).astype(float)
    d = np.diff(Z, axis=1) / np.sqrt(gaps)
    return np.sqrt(np.mean(d * d, axis=1))


def group_parts(
    Z: np.ndarray, design: Design, unit: np.ndarray | None = None, stretch: float = 1.0
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
    design : Design
    unit : ndarray, shape (n,), optional
        Typical size of the series on an untransformed scale (default 1).
    stretch : float, optional
        Actual span divided by the design's span (default 1).

    Returns
    -------
    rises, steady, size : ndarray of int, each (n,)
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
    Z: np.ndarray, design: Design, unit: np.ndarray | None = None, stretch: float = 1.0
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
    ndarray of int, shape (n,), values in 0 … design.n_groups - 1
    """
    rises, steady, size = group_parts(Z, design, unit, stretch)
    return rises + design.n_points * (steady + design.n_steady * size)


def interval_groups(Z: np.ndarray, design: Design) -> np.ndarray:
    """The group of each series for its intervals: ``rises + n * steady`` (see :func:`group_parts`).

    Parameters
    ----------
    Z : ndarray, shape (n, design.n_points)
    design : Design

    Returns
    -------
    ndarray of int, shape (n,), values in 0 … design.n_interval_groups - 1
    """
    rises, steady, _ = group_parts(Z, design)
    return rises + design.n_points * steady


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


# -- calibration -----------------------------------------------------------------------------------
class CalibrationError(ValueError):
    """The calibration file does not match the code (candidates, designs, rules, shapes)."""


@dataclass(frozen=True)
class DesignCalibration:
    """Learned weights and error quantiles of one design.

    Attributes
    ----------
    design : Design
    candidates : tuple of str
        The design's active candidates, in the order of the weights.
    weights : ndarray, shape (G, K)
        Weights of the candidates per group (:func:`groups`).
    volatility_floor, volatility_cap : float
        Volatility below the floor counts as the floor, above the cap as the cap
        (its 10% and 95% quantiles when learned).
    volatility_edges : ndarray, shape (B - 1,)
        Bin edges of the (capped) volatility.
    scale_a, scale_b : ndarray, shape (H, I)
        Error scale ``scale_a + scale_b * volatility`` per horizon and interval
        group (:func:`interval_groups`).
    quantiles : ndarray, shape (H, I, B, P)
        Quantiles of the scaled errors at the calibration's levels (0 at 0.5).
    score : float
        Mean interval score (80% and 95%, h = 1 … 5, log scale) on the examples it
        was learned from; breaks ties in :func:`choose_design`.
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


@dataclass(frozen=True)
class Calibration:
    """The shipped calibration: levels, maximum horizon and one :class:`DesignCalibration` per
    design.

    Attributes
    ----------
    levels : ndarray, shape (P,)
        Probability levels of the quantiles (0.025, 0.1, 0.5, 0.9 and 0.975 among them).
    max_horizon : int
        Longest horizon with interval tables (years after the last observation).
    designs : dict of str to DesignCalibration
        One per registered design, in registry order.
    source, rule : str
        Where the examples came from and how they were learned.
    """

    levels: np.ndarray
    max_horizon: int
    designs: dict[str, DesignCalibration]
    source: str
    rule: str


def parse_calibration(raw: dict, require_all: bool = True) -> Calibration:
    """Check a calibration (as read from JSON) against the code and build it.

    Parameters
    ----------
    raw : dict
        The decoded calibration file.
    require_all : bool, optional
        Whether every registered design must be calibrated (default). Without,
        the file may hold some of them, in registry order (for experiments).

    Returns
    -------
    Calibration

    Raises
    ------
    CalibrationError
        Naming the first mismatch: a missing key; candidates unknown to the code,
        missing from the file, in another order or defined differently; another
        group rule; designs unknown to the code or missing from the file, or with
        other years; a design whose list of distinct candidates differs from the
        code's; arrays of the wrong shape, not finite, weights not summing to one,
        or quantiles decreasing with the level.
    """

    def fail(msg: str):
        raise CalibrationError(
            f"calibration file {CALIBRATION_FILE}: {msg}; "
            "learn it again with benchmarks/learn_calibration.py"
        )

    if not isinstance(raw, dict):
        fail("not a JSON object")
    for key in ("source", "rule", "levels", "max_horizon", "candidates", "groups", "designs"):
        if key not in raw:
            fail(f"missing key {key!r}")
    file_cands = raw["candidates"]
    if not isinstance(file_cands, dict) or list(file_cands) != list(CANDIDATES):
        names = list(file_cands) if isinstance(file_cands, dict) else file_cands
        extra = [c for c in names if c not in CANDIDATES]
        missing = [c for c in CANDIDATES if c not in names]
        fail(
            f"candidates {names} differ from the code's {list(CANDIDATES)}"
            + (f"; unknown to the code: {extra}" if extra else "")
            + (f"; missing from the file: {missing}" if missing else "")
            + ("; same names in another order" if not extra and not missing else "")
        )
    for name, spec in file_cands.items():
        if spec != CANDIDATES[name].spec():
            fail(
                f"candidate {name!r} is {spec} in the file but {CANDIDATES[name].spec()} in the "
                "code"
            )
    rule = {
        "steady": STEADY,
        "magnitude_edges": list(MAGNITUDE_EDGES),
        "volatility_bins": VOLATILITY_BINS,
    }
    if raw["groups"] != rule:
        fail(f"group rule {raw['groups']} differs from the code's {rule}")
    levels = np.asarray(raw["levels"], dtype=float)
    if (
        levels.ndim != 1
        or len(levels) < 2
        or np.any(np.diff(levels) <= 0)
        or levels[0] <= 0
        or levels[-1] >= 1
    ):
        fail("levels must be strictly increasing probabilities between 0 and 1")
    for p in REQUIRED_LEVELS:
        if not np.isclose(levels, p).any():
            fail(f"level {p} is missing")
    H = raw["max_horizon"]
    if not isinstance(H, int) or isinstance(H, bool) or H < 1:
        fail(f"max_horizon must be a whole number ≥ 1, got {H!r}")
    file_designs = raw["designs"]
    expected = list(DESIGNS) if require_all else [d for d in DESIGNS if d in file_designs]
    if not isinstance(file_designs, dict) or list(file_designs) != expected:
        names = list(file_designs) if isinstance(file_designs, dict) else file_designs
        extra = [d for d in names if d not in DESIGNS]
        missing = [d for d in expected if d not in names]
        fail(
            "designs differ from the code's"
            + (f"; unknown to the code: {extra}" if extra else "")
            + (f"; missing from the file: {missing}" if missing else "")
            + ("; same names in another order" if not extra and not missing else "")
        )
    P, B = len(levels), VOLATILITY_BINS
    out = {}
    for name, d in file_designs.items():
        design = DESIGNS[name]
        if tuple(d.get("offsets", ())) != design.offsets:
            fail(
                f"design {name!r} observes offsets {d.get('offsets')} in the file but "
                f"{list(design.offsets)} "
                "in the code"
            )
        active = design.active_candidates()
        if tuple(d.get("candidates", ())) != active:
            fail(
                f"design {name!r} combines candidates {d.get('candidates')} in the file but "
                f"{list(active)} "
                "in the code"
            )
        G, K, I = design.n_groups, len(active), design.n_interval_groups
        shapes = {
            "weights": (G, K),
            "volatility_floor": (),
            "volatility_cap": (),
            "volatility_edges": (B - 1,),
            "scale_a": (H, I),
            "scale_b": (H, I),
            "quantiles": (H, I, B, P),
            "score": (),
        }
        arrays = {}
        for key, shape in shapes.items():
            try:
                arrays[key] = np.asarray(d[key], dtype=float)
            except (KeyError, TypeError, ValueError):
                fail(f"design {name!r}: {key} is missing or not an array of numbers")
            if arrays[key].shape != shape:
                fail(f"design {name!r}: {key} has shape {arrays[key].shape}, expected {shape}")
            if not np.isfinite(arrays[key]).all():
                fail(f"design {name!r}: {key} is not finite")
        w = arrays["weights"]
        if (w < 0).any() or not np.allclose(w.sum(axis=1), 1, atol=1e-5):
            fail(f"design {name!r}: weights must be ≥ 0 and sum to 1 in every group")
        qs = arrays["quantiles"]
        if (np.diff(qs, axis=-1) < 0).any():
            fail(f"design {name!r}: quantiles must not decrease with the level")
        if (arrays["scale_a"] <= 0).any() or (arrays["scale_b"] < 0).any():
            fail(f"design {name!r}: scale_a must be > 0 and scale_b ≥ 0")
        if np.any(np.diff(arrays["volatility_edges"]) < 0):
            fail(f"design {name!r}: volatility_edges must not decrease")
        out[name] = DesignCalibration(
            design,
            active,
            w,
            float(arrays["volatility_floor"]),
            float(arrays["volatility_cap"]),
            arrays["volatility_edges"],
            arrays["scale_a"],
            arrays["scale_b"],
            arrays["quantiles"],
            float(arrays["score"]),
        )
    return Calibration(levels, H, out, str(raw["source"]), str(raw["rule"]))


@cache
def calibration() -> Calibration:
    """The shipped calibration, checked against the code (see :func:`parse_calibration`)."""
    text = resources.files("dongson_analysis").joinpath(CALIBRATION_FILE).read_text("utf-8")
    return parse_calibration(json.loads(text))


def calibration_info() -> dict:
    """Source, rule, maximum horizon, designs and candidates of the shipped calibration."""
    cal = calibration()
    return {
        "source": cal.source,
        "rule": cal.rule,
        "max_horizon": cal.max_horizon,
        "designs": list(cal.designs),
        "candidates": list(CANDIDATES),
    }


# -- choosing a design -----------------------------------------------------------------------------
@dataclass(frozen=True)
class DesignChoice:
    """The design used for a set of observed years.

    Attributes
    ----------
    design : Design
    positions : tuple of int
        Indices (into the observed years) of the observations used.
    stretch : float
        Actual span of the observations used divided by the design's span: 1,
        except when no registered design fits (``beyond_span``).
    """

    design: Design
    positions: tuple[int, ...]
    stretch: float = 1.0

    @property
    def beyond_span(self) -> bool:
        """The last two observations are further apart than any registered design."""
        return self.stretch != 1.0


def choose_design(years, cal: Calibration | None = None) -> DesignChoice:
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
    cal : Calibration, optional
        Default: the shipped one.

    Returns
    -------
    DesignChoice
    """
    years = np.asarray(years)
    if years.ndim != 1 or len(years) < 2 or np.any(np.diff(years) <= 0):
        raise ValueError("choose_design needs at least two strictly increasing years")
    cal = cal or calibration()
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
def combined_forecast(
    Z: np.ndarray,
    design: Design,
    horizon: int,
    floor_unit: np.ndarray | None = None,
    stretch: float = 1.0,
    cal: Calibration | None = None,
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
    floor_unit : ndarray, shape (n,), optional
        Multiplies the constant part of the error scale, and divides the drift
        when its size is classed (:func:`group_parts`): both were learned on a log
        scale (relative changes); pass the typical size of an untransformed series
        so that they are relative to it. Default 1.
    stretch : float, optional
        The observations are ``stretch`` times further apart than the design's
        years (:attr:`DesignChoice.stretch`); slopes are per actual year. Default 1.
    cal : Calibration, optional
        Default: the shipped one.

    Returns
    -------
    levels : ndarray, shape (P,)
        Probability levels of the quantiles (0.5 among them).
    quantiles : ndarray, shape (n, horizon, P)
        Predictive quantiles of the transformed value at each horizon.
    scale : ndarray, shape (n, horizon)
        The error scale used for each series and horizon.

    Notes
    -----
    The distance of each quantile from the median never shrinks with the
    horizon: where the learned tables would narrow an interval, it keeps the
    width of the year before.

    Raises
    ------
    ValueError
        For an uncalibrated design, values of the wrong shape, a horizon out of
        range or a stretch below 1.
    """
    cal = cal or calibration()
    if design.name not in cal.designs or cal.designs[design.name].design != design:
        raise ValueError(
            f"design {design.name!r} is not calibrated; calibrated designs: "
            f"{', '.join(cal.designs)}"
        )
    Z = _check_Z(Z, design)
    if not isinstance(horizon, (int, np.integer)) or not 1 <= horizon <= cal.max_horizon:
        raise ValueError(
            f"horizon must be a whole number between 1 and {cal.max_horizon}, got {horizon!r}"
        )
    if not stretch >= 1:
        raise ValueError(f"stretch must be ≥ 1, got {stretch!r}")
    dc = cal.designs[design.name]
    n, horizon = len(Z), int(horizon)
    unit = np.ones(n) if floor_unit is None else np.asarray(floor_unit, dtype=float)
    C = candidate_forecasts(Z, design, horizon, dc.candidates) / stretch
    centre = np.einsum("nkh,nk->nh", C, dc.weights[groups(Z, design, unit, stretch)])
    g = interval_groups(Z, design)
    vol = np.clip(volatility(Z, design) / np.sqrt(stretch), dc.volatility_floor, dc.volatility_cap)
    b = np.searchsorted(dc.volatility_edges, vol, side="right")
    scale = dc.scale_a[:horizon, g].T * unit[:, None] + dc.scale_b[:horizon, g].T * vol[:, None]
    spread = scale[:, :, None] * dc.quantiles[:horizon, g, b].transpose(1, 0, 2)
    # an interval never narrows at a longer horizon: each quantile keeps at least its distance from
    # the median
    above = cal.levels > 0.5
    spread[:, :, above] = np.maximum.accumulate(spread[:, :, above], axis=1)
    spread[:, :, ~above] = np.minimum.accumulate(spread[:, :, ~above], axis=1)
    return cal.levels, Z[:, -1, None, None] + centre[:, :, None] + spread, scale
