"""The shipped calibration file: read it, check it against the code, and say what it holds.

``calibration/short_series.json`` holds every learned parameter of the
projection (:mod:`dongson_analysis.forecast_core`); it was learned by
``benchmarks/learn_calibration.py`` from the training part of the M4 yearly dev
benchmark only. :func:`calibration` reads it once and checks it against the
registries when it is loaded (candidates and their definitions, designs and their
years, each design's distinct candidates, the group rule, the calibration pools
and their categories, array shapes) and raises :class:`CalibrationError` naming
the first mismatch.

:func:`max_horizon` is the one statement of how far ahead a projection may go: the
longest horizon the intervals were calibrated for. Every limit on plan length or
projection years is read from it.

References
----------
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition:
100,000 time series and 61 forecasting methods. International Journal of
Forecasting, 36(1), 54-74.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import numpy as np

from .forecast_core import (
    CANDIDATES,
    DESIGNS,
    MAGNITUDE_EDGES,
    STEADY,
    VOLATILITY_BINS,
    Calibration,
    Design,
    DesignCalibration,
    PoolCalibration,
)
from .series_groups import CALIBRATION_POOLS, POOLED

__all__ = [
    "CALIBRATION_FILE",
    "REQUIRED_LEVELS",
    "CalibrationError",
    "parse_calibration",
    "calibration",
    "max_horizon",
    "calibration_info",
]

#: The calibration file, inside the package.
CALIBRATION_FILE = "calibration/short_series.json"
#: Probability levels every calibration must hold (the median and the 80% and 95% bounds).
REQUIRED_LEVELS = (0.025, 0.1, 0.5, 0.9, 0.975)
_KEYS = ("source", "rule", "levels", "max_horizon", "candidates", "groups", "designs")


class CalibrationError(ValueError):
    """The calibration file does not match the code (candidates, designs, rules, pools, shapes).

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """


def _fail(msg: str):
    raise CalibrationError(
        f"calibration file {CALIBRATION_FILE}: {msg}; "
        "learn it again with benchmarks/learn_calibration.py"
    )


def _differences(names, expected) -> str:
    extra = [c for c in names if c not in expected]
    missing = [c for c in expected if c not in names]
    return (
        (f"; unknown to the code: {extra}" if extra else "")
        + (f"; missing from the file: {missing}" if missing else "")
        + ("; same names in another order" if not extra and not missing else "")
    )


def _check_header(raw) -> tuple[np.ndarray, int]:
    """Keys, candidates, group rule, levels and horizon; returns the levels and the horizon."""
    if not isinstance(raw, dict):
        _fail("not a JSON object")
    for key in _KEYS:
        if key not in raw:
            _fail(f"missing key {key!r}")
    file_cands = raw["candidates"]
    if not isinstance(file_cands, dict) or list(file_cands) != list(CANDIDATES):
        names = list(file_cands) if isinstance(file_cands, dict) else file_cands
        _fail(
            f"candidates {names} differ from the code's {list(CANDIDATES)}"
            + _differences(names, list(CANDIDATES))
        )
    for name, spec in file_cands.items():
        if spec != CANDIDATES[name].spec():
            _fail(
                f"candidate {name!r} is {spec} in the file but {CANDIDATES[name].spec()} in the "
                "code"
            )
    rule = {
        "steady": STEADY,
        "magnitude_edges": list(MAGNITUDE_EDGES),
        "volatility_bins": VOLATILITY_BINS,
    }
    if raw["groups"] != rule:
        _fail(f"group rule {raw['groups']} differs from the code's {rule}")
    levels = np.asarray(raw["levels"], dtype=float)
    if (
        levels.ndim != 1
        or len(levels) < 2
        or np.any(np.diff(levels) <= 0)
        or levels[0] <= 0
        or levels[-1] >= 1
    ):
        _fail("levels must be strictly increasing probabilities between 0 and 1")
    for p in REQUIRED_LEVELS:
        if not np.isclose(levels, p).any():
            _fail(f"level {p} is missing")
    H = raw["max_horizon"]
    if not isinstance(H, int) or isinstance(H, bool) or H < 1:
        _fail(f"max_horizon must be a whole number ≥ 1, got {H!r}")
    return levels, H


def _arrays(where: str, d: dict, shapes: dict) -> dict[str, np.ndarray]:
    """The arrays of ``d`` named in ``shapes``, checked: present, numbers, shape, finite."""
    arrays = {}
    for key, shape in shapes.items():
        try:
            arrays[key] = np.asarray(d[key], dtype=float)
        except (KeyError, TypeError, ValueError):
            _fail(f"{where}: {key} is missing or not an array of numbers")
        if arrays[key].shape != shape:
            _fail(f"{where}: {key} has shape {arrays[key].shape}, expected {shape}")
        if not np.isfinite(arrays[key]).all():
            _fail(f"{where}: {key} is not finite")
    return arrays


def _check_weights_and_scales(where: str, a: dict[str, np.ndarray]) -> None:
    w = a["weights"]
    if (w < 0).any() or not np.allclose(w.sum(axis=1), 1, atol=1e-5):
        _fail(f"{where}: weights must be ≥ 0 and sum to 1 in every group")
    if (a["scale_a"] <= 0).any() or (a["scale_b"] < 0).any():
        _fail(f"{where}: scale_a must be > 0 and scale_b ≥ 0")


def _design(name: str, d, H: int, P: int) -> tuple[Design, dict[str, np.ndarray]]:
    """One design's entry, checked against the registry: offsets, candidates, arrays."""
    design = DESIGNS[name]
    if not isinstance(d, dict):
        _fail(f"design {name!r} is not a JSON object")
    if tuple(d.get("offsets", ())) != design.offsets:
        _fail(
            f"design {name!r} observes offsets {d.get('offsets')} in the file but "
            f"{list(design.offsets)} in the code"
        )
    active = design.active_candidates()
    if tuple(d.get("candidates", ())) != active:
        _fail(
            f"design {name!r} combines candidates {d.get('candidates')} in the file but "
            f"{list(active)} in the code"
        )
    G, K, I, B = design.n_groups, len(active), design.n_interval_groups, VOLATILITY_BINS
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
    a = _arrays(f"design {name!r}", d, shapes)
    _check_weights_and_scales(f"design {name!r}", a)
    if (np.diff(a["quantiles"], axis=-1) < 0).any():
        _fail(f"design {name!r}: quantiles must not decrease with the level")
    if np.any(np.diff(a["volatility_edges"]) < 0):
        _fail(f"design {name!r}: volatility_edges must not decrease")
    return design, a


def _pools(raw: dict, designs: list[str], H: int, require: bool) -> tuple[dict, dict[str, dict]]:
    """The pools of the file (key ``pools``), checked against the registry: per pool and design,
    the factor of the error scale at every horizon."""
    file_pools = raw.get("pools")
    expected = [p for p in CALIBRATION_POOLS if p != POOLED]
    if file_pools is None and not require:
        return {}, {}
    if not isinstance(file_pools, dict) or list(file_pools) != expected:
        names = list(file_pools) if isinstance(file_pools, dict) else file_pools
        _fail("pools differ from the code's" + _differences(names or [], expected))
    categories, factors = {}, {}
    for pool, entry in file_pools.items():
        if (
            not isinstance(entry, dict)
            or tuple(entry.get("categories", ())) != (CALIBRATION_POOLS[pool])
        ):
            _fail(
                f"pool {pool!r} holds categories {entry.get('categories')} in the file but "
                f"{list(CALIBRATION_POOLS[pool])} in the code"
            )
        by_design = entry.get("designs")
        if not isinstance(by_design, dict) or list(by_design) != designs:
            names = list(by_design) if isinstance(by_design, dict) else by_design
            _fail(f"pool {pool!r}: designs differ from the file's" + _differences(names, designs))
        categories[pool] = CALIBRATION_POOLS[pool]
        factors[pool] = {}
        for name, d in by_design.items():
            where = f"pool {pool!r}, design {name!r}"
            a = _arrays(where, d if isinstance(d, dict) else {}, {"scale_factor": (H,)})
            if (a["scale_factor"] <= 0).any():
                _fail(f"{where}: scale_factor must be > 0")
            factors[pool][name] = a["scale_factor"]
    return categories, factors


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
        code's; pools other than the registry's (or none, with ``require_all``), or
        with other categories; arrays of the wrong shape, not finite, weights not
        summing to one, quantiles decreasing with the level, or a pool's scale
        factor not positive.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    levels, H = _check_header(raw)
    file_designs = raw["designs"]
    expected = list(DESIGNS) if require_all else [d for d in DESIGNS if d in file_designs]
    if not isinstance(file_designs, dict) or list(file_designs) != expected:
        names = list(file_designs) if isinstance(file_designs, dict) else file_designs
        _fail("designs differ from the code's" + _differences(names, expected))
    categories, factors = _pools(raw, list(file_designs), H, require_all)
    out = {}
    for name, d in file_designs.items():
        design, a = _design(name, d, H, len(levels))
        pools = {
            pool: PoolCalibration(
                a["weights"],
                a["scale_a"] * by_design[name][:, None],
                a["scale_b"] * by_design[name][:, None],
            )
            for pool, by_design in factors.items()
        }
        out[name] = DesignCalibration(
            design,
            design.active_candidates(),
            a["weights"],
            float(a["volatility_floor"]),
            float(a["volatility_cap"]),
            a["volatility_edges"],
            a["scale_a"],
            a["scale_b"],
            a["quantiles"],
            float(a["score"]),
            pools,
        )
    return Calibration(levels, H, out, str(raw["source"]), str(raw["rule"]), categories)


@cache
def calibration() -> Calibration:
    """The shipped calibration, read once and checked against the code.

    Returns
    -------
    Calibration

    Raises
    ------
    CalibrationError
        If the file does not match the code (see :func:`parse_calibration`).

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    text = resources.files("dongson_analysis").joinpath(CALIBRATION_FILE).read_text("utf-8")
    return parse_calibration(json.loads(text))


def max_horizon() -> int:
    """How many years after the last observation a projection may reach.

    The longest horizon the shipped intervals were calibrated for: the one limit on
    projection years (a plan's last year may lie at most this far after a series'
    last figure).

    Returns
    -------
    int

    Raises
    ------
    CalibrationError
        If the calibration file does not match the code.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    return calibration().max_horizon


def calibration_info() -> dict:
    """Source, rule, maximum horizon, designs, candidates and pools of the shipped calibration.

    Returns
    -------
    dict
        Keys ``source``, ``rule``, ``max_horizon``, ``designs`` (names),
        ``candidates`` (names) and ``pools`` (pool name to its M4 categories,
        the pooled one included).

    Raises
    ------
    CalibrationError
        If the calibration file does not match the code.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    cal = calibration()
    return {
        "source": cal.source,
        "rule": cal.rule,
        "max_horizon": cal.max_horizon,
        "designs": list(cal.designs),
        "candidates": list(CANDIDATES),
        "pools": {POOLED: CALIBRATION_POOLS[POOLED], **cal.pools},
    }
