"""Accuracy benchmark: five values seen, five years ahead (../shared/benchmarks/README.md).

    python benchmarks/accuracy.py --train FILE --test FILE --out FILE
    python benchmarks/accuracy.py            # M3 yearly and the M4 yearly dev pair

Scores our method (row ``dongson_analysis``) and the peers side by side on the
same series in the same process: naive, drift, statsforecast's AutoARIMA, Theta,
DynamicOptimizedTheta, AutoCES and AutoETS (which refuses five-value series: its
row shows how many series it could forecast), and statsmodels' damped additive
ETSModel. Writes ``method, n_series, smape, mase, coverage80, coverage95, msis,
seconds_per_1000`` to ``--out`` and the same by category to ``<out>_by_category.csv``.
The peers need the benchmark extra: ``pip install -e ".[benchmark]"``.
Our calibration was learned from the dev TRAIN file only (benchmarks/learn_calibration.py).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from protocol import HORIZON, SEEN, SeriesSet, read_m3_yearly, read_pair, scores

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "benchmarks"
COLUMNS = ["method", "n_series", "smape", "mase", "coverage80", "coverage95", "msis", "seconds_per_1000"]
Z80, Z95 = 1.2815515655446004, 1.959963984540054


def ours(windows: np.ndarray) -> tuple[np.ndarray, ...]:
    from dongson_analysis.projection import forecast_windows

    result = forecast_windows(windows, HORIZON, kind="level")
    return result["point"], result["lower80"], result["upper80"], result["lower95"], result["upper95"]


def naive(windows: np.ndarray) -> tuple[np.ndarray, ...]:
    d = np.diff(windows, axis=1)
    sigma = np.sqrt(np.mean(d * d, axis=1))[:, None]
    h = np.arange(1, HORIZON + 1)[None, :]
    point = np.repeat(windows[:, -1:], HORIZON, axis=1)
    se = sigma * np.sqrt(h)
    return point, point - Z80 * se, point + Z80 * se, point - Z95 * se, point + Z95 * se


def drift(windows: np.ndarray) -> tuple[np.ndarray, ...]:
    d = np.diff(windows, axis=1)
    T = windows.shape[1]
    slope = d.mean(axis=1, keepdims=True)
    sigma = d.std(axis=1, ddof=1, keepdims=True)
    h = np.arange(1, HORIZON + 1)[None, :]
    point = windows[:, -1:] + slope * h
    se = sigma * np.sqrt(h * (1 + h / (T - 1)))
    return point, point - Z80 * se, point + Z80 * se, point - Z95 * se, point + Z95 * se


def statsforecast_model(name: str):
    from statsforecast import models

    factory = {
        "statsforecast_AutoARIMA": lambda: models.AutoARIMA(),
        "statsforecast_Theta": lambda: models.Theta(),
        "statsforecast_DynamicOptimizedTheta": lambda: models.DynamicOptimizedTheta(),
        "statsforecast_AutoCES": lambda: models.AutoCES(),
        "statsforecast_AutoETS": lambda: models.AutoETS(),
    }[name]

    def run(y: np.ndarray) -> tuple[np.ndarray, ...]:
        out = factory().forecast(y=y, h=HORIZON, level=[80, 95])
        return (out["mean"], out["lo-80"], out["hi-80"], out["lo-95"], out["hi-95"])

    return run


def statsmodels_damped_ets(y: np.ndarray) -> tuple[np.ndarray, ...]:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    # a pandas Series: statsmodels 0.15's get_prediction fails on a bare numpy array
    fit = ETSModel(pd.Series(y), error="add", trend="add", damped_trend=True).fit(disp=False)
    pred = fit.get_prediction(start=len(y), end=len(y) + HORIZON - 1)
    f80, f95 = pred.summary_frame(alpha=0.2), pred.summary_frame(alpha=0.05)
    return (f80["mean"].to_numpy(), f80["pi_lower"].to_numpy(), f80["pi_upper"].to_numpy(),
            f95["pi_lower"].to_numpy(), f95["pi_upper"].to_numpy())


PEERS = ["statsforecast_AutoARIMA", "statsforecast_Theta", "statsforecast_DynamicOptimizedTheta",
         "statsforecast_AutoCES", "statsforecast_AutoETS", "statsmodels_ETS_damped"]


def _run_chunk(args: tuple[str, np.ndarray]) -> list[np.ndarray | None]:
    name, windows = args
    run = statsmodels_damped_ets if name == "statsmodels_ETS_damped" else statsforecast_model(name)
    results: list[np.ndarray | None] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for y in windows:
            try:
                out = np.array([np.asarray(a, float) for a in run(y.astype(float))])
                results.append(out if out.shape == (5, HORIZON) and np.isfinite(out).all() else None)
            except Exception:  # a peer that refuses a series counts as a failure, never a silent fallback
                results.append(None)
    return results


def run_peer(name: str, windows: np.ndarray, workers: int) -> tuple[list[np.ndarray | None], float]:
    """Forecast every window with a peer, in ``workers`` processes.

    The seconds returned are wall time multiplied by ``workers``: the time one
    process would take (forked workers inherit the compiled code, so no
    compilation is timed).
    """
    from multiprocessing import get_context

    _run_chunk((name, windows[:2]))  # compile (numba) before timing
    chunks = np.array_split(windows, max(workers, 1))
    start = time.perf_counter()
    if workers > 1:
        with get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run_chunk, [(name, c) for c in chunks])
    else:
        parts = [_run_chunk((name, windows))]
    seconds = (time.perf_counter() - start) * max(workers, 1)
    return [r for part in parts for r in part], seconds


def cached_peer(name: str, label: str, windows: np.ndarray, workers: int) -> tuple[list[np.ndarray | None], float]:
    """Run a peer, or reuse its forecasts of the same windows from benchmarks/.cache/."""
    import hashlib
    import pickle

    key = hashlib.sha256(windows.tobytes() + name.encode()).hexdigest()[:16]
    path = HERE / ".cache" / f"{label.replace(' ', '_')}_{name}_{key}.pkl"
    if path.exists():
        with path.open("rb") as handle:
            return pickle.load(handle)
    result = run_peer(name, windows, workers)
    path.parent.mkdir(exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(result, handle)
    return result


def score_rows(name: str, data: SeriesSet, forecasts: list[np.ndarray | None], seconds: float
               ) -> tuple[dict, list[dict]]:
    ok = np.array([f is not None for f in forecasts])
    cats = np.array(data.categories)
    n = len(forecasts)
    if not ok.any():
        empty = {"method": name, "n_series": 0, "smape": np.nan, "mase": np.nan, "coverage80": np.nan,
                 "coverage95": np.nan, "msis": np.nan, "seconds_per_1000": 1000 * seconds / n}
        return empty, []
    F = np.stack([f for f in forecasts if f is not None])
    per = scores(data.futures[ok], *[F[:, i] for i in range(5)], data.scales()[ok])
    row = {"method": name, "n_series": int(ok.sum()), **{k: float(np.mean(v)) for k, v in per.items()},
           "seconds_per_1000": 1000 * seconds / n}
    by_cat = []
    for cat in sorted(set(cats[ok])):
        sel = cats[ok] == cat
        by_cat.append({"category": cat, "method": name, "n_series": int(sel.sum()),
                       **{k: float(np.mean(v[sel])) for k, v in per.items()}})
    return row, by_cat


def benchmark(data: SeriesSet, label: str, with_peers: bool = True, workers: int = 1
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    keep = data.scales() > 0  # MASE and MSIS are undefined for a history that never changed
    data = SeriesSet([i for i, k in zip(data.ids, keep) if k], [c for c, k in zip(data.categories, keep) if k],
                     [h for h, k in zip(data.histories, keep) if k], data.futures[keep])
    windows = data.last_seen(SEEN)
    rows, cats = [], []
    for name, fn in (("dongson_analysis", ours), ("naive", naive), ("drift", drift)):
        start = time.perf_counter()
        F = fn(windows)
        seconds = time.perf_counter() - start
        row, by_cat = score_rows(name, data, [np.array([a[i] for a in F]) for i in range(len(windows))], seconds)
        rows.append(row)
        cats += by_cat
        print(f"[{label}] {name}: done", file=sys.stderr, flush=True)
    if with_peers:
        for name in PEERS:
            forecasts, seconds = cached_peer(name, label, windows, workers)
            row, by_cat = score_rows(name, data, forecasts, seconds)
            rows.append(row)
            cats += by_cat
            print(f"[{label}] {name}: {row['n_series']} of {len(windows)} series forecast", file=sys.stderr, flush=True)
    return pd.DataFrame(rows, columns=COLUMNS), pd.DataFrame(cats)


def speed_check(data: SeriesSet, n: int = 10_000, repeats: int = 3) -> float:
    """Seconds for our method to fit and project n five-value series (best of ``repeats`` runs)."""
    windows = np.resize(data.last_seen(SEEN), (n, SEEN))
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        ours(windows)
        best = min(best, time.perf_counter() - start)
    return best


def report(table: pd.DataFrame, cats: pd.DataFrame, out: Path, label: str, seconds_10k: float) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    table.round(4).to_csv(out, index=False)
    if not cats.empty:
        cats.round(4).to_csv(out.with_name(out.stem + "_by_category.csv"), index=False)
    arima = table.loc[table["method"] == "statsforecast_AutoARIMA", "seconds_per_1000"]
    speed = [{"method": "dongson_analysis", "n_series": 10_000, "seconds": round(seconds_10k, 4), "measured": True}]
    if len(arima):
        speed.append({"method": "statsforecast_AutoARIMA", "n_series": 10_000,
                      "seconds": round(10 * float(arima.iloc[0]), 1), "measured": False})
    pd.DataFrame(speed).to_csv(out.with_name(out.stem + "_speed.csv"), index=False)
    with pd.option_context("display.width", 200, "display.max_columns", None):
        print(f"\n== {label} ({table['n_series'].max()} series, {SEEN} values seen, h = {HORIZON}) ==")
        print(table.round(3).to_string(index=False))
        if not cats.empty and cats["category"].nunique() > 1:
            print(f"\n-- {label} by category --")
            print(cats.round(3).to_string(index=False))
        line = f"our method: 10,000 series fitted and projected in {seconds_10k:.3f} s"
        if len(arima):
            line += (f"; AutoARIMA at its measured rate: {10 * float(arima.iloc[0]):.1f} s "
                     f"({10 * float(arima.iloc[0]) / seconds_10k:.0f}x slower)")
        print(line)
        # a peer counts only if it forecast every series (AutoETS refuses most five-value series)
        peers = table[(table["method"] != "dongson_analysis") & (table["n_series"] == table["n_series"].max())]
        me = table[table["method"] == "dongson_analysis"].iloc[0]
        if len(peers):
            print(f"targets: sMAPE {me.smape:.2f} vs 0.95 x best peer {0.95 * peers.smape.min():.2f}; "
                  f"MASE {me.mase:.3f} vs {0.95 * peers.mase.min():.3f}; MSIS {me.msis:.2f} vs 0.8 x best "
                  f"{0.8 * peers.msis.min():.2f}; coverage {me.coverage80:.3f} (80) {me.coverage95:.3f} (95)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", type=Path)
    parser.add_argument("--test", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--no-peers", action="store_true", help="score only our method, naive and drift")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes for the peers (their seconds_per_1000 is scaled back to one process)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NIXTLA_ID_AS_COL", "1")
    if args.train or args.test:
        if not (args.train and args.test and args.out):
            parser.error("--train, --test and --out go together")
        runs = [(read_pair(args.train, args.test), args.train.stem, args.out)]
    else:
        runs = [(read_m3_yearly(), "M3 yearly", HERE / "results" / "m3_yearly.csv"),
                (read_pair(SHARED / "m4_yearly_dev_train.csv", SHARED / "m4_yearly_dev_test.csv"),
                 "M4 yearly dev", HERE / "results" / "m4_yearly_dev.csv")]
    for data, label, out in runs:
        table, cats = benchmark(data, label, with_peers=not args.no_peers, workers=args.workers)
        report(table, cats, out, label, speed_check(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
