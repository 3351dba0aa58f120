"""Vectorised forecasting of short yearly series on a transformed scale.

Everything here works on arrays: ``Z`` holds ``n`` windows of ``m`` consecutive
yearly values (2 ≤ m ≤ 5) already transformed (log for levels, logit for shares,
identity for rates). Forecasts are returned relative to the last value of each
window, so that every method is invariant to the level of the series.

Candidate methods (each a linear function of the window):

- ``naive``: no change.
- ``drift``: the average change over the window, continued.
- ``trend``: least-squares straight line through the window, extrapolated
  (the log-linear trend of a level series; it equals statsmodels' OLS fit).
- ``damped``: the average change, damped by ``PHI`` each further year.
- ``theta``: the theta method with theta = 0 and 2 lines, SES weight ``ALPHA``.

The combination (:func:`combined_forecast`) is a weighted average of the
candidates (weights ≥ 0 that sum to 1) chosen per window length ``m``, horizon
``h`` and the number of years in the window in which the series rose
(:func:`window_group`): a series that rose every year keeps more of its trend
than one that went up and down. The weights, and the distribution of standardised
errors that gives the prediction intervals, were learned by
``benchmarks/learn_calibration.py`` from the training part of the M4 yearly dev
benchmark only (see ``calibration/short_series.json`` for the rule and the source).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

CANDIDATES: tuple[str, ...] = ("naive", "drift", "trend", "damped", "theta")
PHI = 0.8
ALPHA = 0.5
MAX_WINDOW = 5


def candidate_forecasts(Z: np.ndarray, horizon: int) -> np.ndarray:
    """Forecasts of every candidate, relative to each window's last value.

    Parameters
    ----------
    Z : ndarray, shape (n, m)
        Windows of transformed values, oldest first; m ≥ 2.
    horizon : int
        Number of years ahead.

    Returns
    -------
    ndarray, shape (n, len(CANDIDATES), horizon)
    """
    n, m = Z.shape
    if m < 2:
        raise ValueError("candidate_forecasts needs windows of at least two values")
    h = np.arange(1, horizon + 1, dtype=float)
    last = Z[:, -1:]
    slope_drift = (Z[:, -1] - Z[:, 0]) / (m - 1)
    t = np.arange(m, dtype=float)
    t_c = t - t.mean()
    slope = (Z @ t_c) / (t_c @ t_c)
    intercept = Z.mean(axis=1) - slope * t.mean()
    trend = intercept[:, None] + slope[:, None] * (m - 1 + h)[None, :] - last
    damp = np.cumsum(PHI ** h)
    damped = slope_drift[:, None] * damp[None, :]
    # theta method: half the linear trend, half SES on the theta = 2 line
    theta2 = 2 * Z - (intercept[:, None] + slope[:, None] * t[None, :])
    weights = ALPHA * (1 - ALPHA) ** np.arange(m - 1, -1, -1, dtype=float)
    weights[0] = (1 - ALPHA) ** (m - 1)
    ses = theta2 @ weights
    theta = 0.5 * (intercept[:, None] + slope[:, None] * (m - 1 + h)[None, :]) + 0.5 * ses[:, None] - last
    drift = slope_drift[:, None] * h[None, :]
    out = np.stack([np.zeros_like(drift), drift, trend, damped, theta], axis=1)
    return out


def window_scale(Z: np.ndarray) -> np.ndarray:
    """Root mean square of the yearly changes in each window: the series' own volatility."""
    d = np.diff(Z, axis=1)
    return np.sqrt(np.mean(d * d, axis=1))


def window_group(Z: np.ndarray) -> np.ndarray:
    """Number of yearly rises in each window (0 to m-1)."""
    return (np.diff(Z, axis=1) > 0).sum(axis=1)


@dataclass(frozen=True)
class Calibration:
    """Learned weights and error quantiles for one window length ``m``.

    Arrays are indexed ``[h-1, g]`` with ``g`` the window's group
    (:func:`window_group`). ``weights[h-1, g]`` has one weight per candidate; the
    forecast error at horizon ``h`` divided by
    ``scale_a[h-1, g] + scale_b[h-1, g] * window_scale`` has the empirical
    quantiles ``quantiles[h-1, g]`` at ``levels``.
    """

    m: int
    weights: np.ndarray
    scale_a: np.ndarray
    scale_b: np.ndarray
    levels: np.ndarray
    quantiles: np.ndarray

    @property
    def max_horizon(self) -> int:
        return self.weights.shape[0]


@cache
def calibrations() -> dict[int, Calibration]:
    """The shipped calibration, by window length."""
    text = resources.files("dongson_analysis").joinpath("calibration/short_series.json").read_text("utf-8")
    raw = json.loads(text)
    levels = np.array(raw["levels"])
    return {
        int(m): Calibration(int(m), np.array(c["weights"]), np.array(c["scale_a"]), np.array(c["scale_b"]),
                            levels, np.array(c["quantiles"]))
        for m, c in raw["windows"].items()
    }


def calibration_info() -> dict:
    """Source, rule and date-free description of the shipped calibration."""
    text = resources.files("dongson_analysis").joinpath("calibration/short_series.json").read_text("utf-8")
    raw = json.loads(text)
    return {k: v for k, v in raw.items() if k not in ("windows", "levels")}


def combined_forecast(Z: np.ndarray, horizon: int, calibration: Calibration | None = None,
                      floor_unit: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Quantile forecasts of the combination, on the transformed scale.

    Parameters
    ----------
    Z : ndarray, shape (n, m)
        Windows of transformed values (2 ≤ m ≤ 5), oldest first.
    horizon : int
        Years ahead (1 ≤ horizon ≤ the calibration's maximum horizon).
    calibration : Calibration, optional
        By default the shipped one for the window length.
    floor_unit : ndarray, shape (n,), optional
        Multiplies the constant part of the error scale, which was learned on a
        log scale (relative changes); pass the typical size of an untransformed
        series so that the floor is relative to it. Default 1.

    Returns
    -------
    levels : ndarray, shape (P,)
        Probability levels of the quantiles (0.5 among them).
    quantiles : ndarray, shape (n, horizon, P)
        Predictive quantiles of the transformed value at each horizon.
    scale : ndarray, shape (n, horizon)
        The error scale used for each window and horizon.
    """
    Z = np.asarray(Z, dtype=float)
    n, m = Z.shape
    cal = calibration or calibrations()[min(m, MAX_WINDOW)]
    if horizon < 1 or horizon > cal.max_horizon:
        raise ValueError(f"horizon must be between 1 and {cal.max_horizon}, got {horizon}")
    C = candidate_forecasts(Z, horizon)
    g = window_group(Z)
    weights = cal.weights[:horizon, g].transpose(1, 0, 2)  # (n, h, k)
    centre = np.einsum("nkh,nhk->nh", C, weights)
    unit = np.ones(n) if floor_unit is None else np.asarray(floor_unit, dtype=float)
    scale = cal.scale_a[:horizon, g].T * unit[:, None] + cal.scale_b[:horizon, g].T * window_scale(Z)[:, None]
    q = centre[:, :, None] + scale[:, :, None] * cal.quantiles[:horizon, g].transpose(1, 0, 2)
    return cal.levels, Z[:, -1, None, None] + q, scale
