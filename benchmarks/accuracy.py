"""Accuracy benchmark per design: some of the last years seen, five years ahead.

    python benchmarks/accuracy.py                      # M3 yearly and the M4 yearly dev pair,
    every design
    python benchmarks/accuracy.py --designs consecutive5,two_far --peers statsforecast_Theta
    python benchmarks/accuracy.py --train FILE --test FILE --out-dir DIR   # any pair in the M4
    format

The protocol is that of ../shared/benchmarks/README.md with one change: a
*design* (``protocol.DESIGNS``) says which of the last years of each history are
seen: ``consecutive5`` (t-4 ... t, the README's protocol), ``two_far`` (t-8 and
t), ``three_irregular`` (t-6, t-3, t), ``gap5`` (t-5 ... t without t-2) and
``consecutive2`` (t-1, t). Every method forecasts h = 1 ... 5 after t with 80% and
95% intervals; MASE and MSIS are scaled by the mean absolute one-step change of
the whole train history, as in the README.

Our method (row ``dongson_analysis``) sees only the seen values and their years,
and each series is projected with the calibration of its kind: the pool that holds
its M4 category (M3's series carry the same six categories;
``dongson_analysis.series_groups.pool_of_category``), as a district indicator is
projected with its series group's pool.
naive and drift see the same; the peers (statsforecast's Theta,
DynamicOptimizedTheta, AutoARIMA, AutoCES and AutoETS, statsmodels' damped
additive ETSModel) are given the seen values with the years in between filled by
straight lines (what a planner with a spreadsheet would feed them). A peer that
refuses a series (statsforecast refuses two-value series, AutoETS most short ones)
scores on fewer series: its ``n_series`` is below the total, never a silent
fallback. Peer forecasts are cached in ``benchmarks/.cache`` (keyed by the
inputs), so a second run only scores.

Writes, by default into ``dongson_analysis/benchmark_results/``:

- ``accuracy.csv``: dataset, design, method, n_series, smape, mase, coverage80,
  coverage95, msis, seconds_per_1000
- ``accuracy_by_category.csv``: the same with the category (M4's six; M3's the same six;
  seconds_per_1000 is the method's over all categories)
- ``accuracy_by_pool.csv``: dataset, design, category (``all`` and each), calibration
  (``by_pool``: each series with its category's pool, as in the rows above;
  ``pooled``: every series with the pooled calibration, the default of a series
  without a group), n_series, smape, mase, coverage80, coverage95, msis
- ``speed.csv``: dataset, method, n_series, seconds, measured (our method timed on
  10,000 series; AutoARIMA at its measured rate, not timed)

and prints the tables and the targets (the issues'): per design, coverage within
3 points of 80% and 95% and sMAPE no worse than the best of naive, drift and the
peers; for ``consecutive5``, sMAPE and MASE at most 0.95 and MSIS at most 0.8 times
the best peer; per category × design cell of at least 100 series, coverage within
5 points; and the overall sMAPE, MASE and MSIS against the results committed
before the run. ``--keep-peers`` copies the peers' rows from the committed files
instead of running them (a peer's forecasts do not depend on this package; AutoCES
costs about a second a series); a peer without a committed row is left out. The
peers need the benchmark extra: ``pip install -e ".[benchmark]"``. Our calibration was
learned from the dev TRAIN file only (benchmarks/learn_calibration.py).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import pickle
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from protocol import DESIGNS, HORIZON, SeriesSet, peer_inputs, read_m3_yearly, read_pair, scores

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "benchmarks"
OUT_DIR = HERE.parent / "dongson_analysis" / "benchmark_results"
CACHE = HERE / ".cache"
COLUMNS = [
    "dataset",
    "design",
    "method",
    "n_series",
    "smape",
    "mase",
    "coverage80",
    "coverage95",
    "msis",
    "seconds_per_1000",
]
SCORES = ["smape", "mase", "coverage80", "coverage95", "msis"]
#: accuracy_by_pool.csv: our method with the pooled calibration and with each series' own pool
POOL_COLUMNS = ["dataset", "design", "category", "calibration", "n_series", *SCORES]
#: the category cells with a coverage target: at least this many series, within ± this
MIN_CELL_SERIES, CELL_TOLERANCE = 100, 0.05
Z80, Z95 = 1.2815515655446004, 1.959963984540054
PEERS = [
    "statsforecast_Theta",
    "statsforecast_DynamicOptimizedTheta",
    "statsforecast_AutoARIMA",
    "statsforecast_AutoCES",
    "statsforecast_AutoETS",
    "statsmodels_ETS_damped",
]


# -- our method, naive and drift: they see the seen values and their years -------------------------
def ours(
    seen: np.ndarray, offsets: tuple[int, ...], pool: str | list[str] | None = None
) -> tuple[np.ndarray, ...]:
    """Our method on the seen values: with the pooled calibration, or each series with a pool."""
    from dongson_analysis.projection import forecast_windows

    result = forecast_windows(seen, HORIZON, kind="level", offsets=offsets, pool=pool)
    return (
        result["point"],
        result["lower80"],
        result["upper80"],
        result["lower95"],
        result["upper95"],
    )


def naive(seen: np.ndarray, offsets: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """Random walk: the last value; sigma from the seen changes, each divided by the root of its
    gap.
    """
    gaps = np.diff(offsets).astype(float)
    d = np.diff(seen, axis=1) / np.sqrt(gaps)
    sigma = np.sqrt(np.mean(d * d, axis=1))[:, None]
    h = np.arange(1, HORIZON + 1)[None, :]
    point = np.repeat(seen[:, -1:], HORIZON, axis=1)
    se = sigma * np.sqrt(h)
    return point, point - Z80 * se, point + Z80 * se, point - Z95 * se, point + Z95 * se


def drift(seen: np.ndarray, offsets: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """Random walk with drift: the average yearly change between the first and last seen values.

    sigma from the seen changes around the drift (each divided by the root of its
    gap); with a single change there is no such spread, and the naive sigma is used.
    """
    gaps = np.diff(offsets).astype(float)
    span = float(offsets[-1] - offsets[0])
    slope = ((seen[:, -1] - seen[:, 0]) / span)[:, None]
    d = (np.diff(seen, axis=1) - slope * gaps) / np.sqrt(gaps)
    if len(gaps) > 1:
        sigma = np.sqrt(np.sum(d * d, axis=1) / (len(gaps) - 1))[:, None]
    else:
        sigma = np.abs(np.diff(seen, axis=1)) / np.sqrt(gaps)
    h = np.arange(1, HORIZON + 1)[None, :]
    point = seen[:, -1:] + slope * h
    se = sigma * np.sqrt(h * (1 + h / span))
    return point, point - Z80 * se, point + Z80 * se, point - Z95 * se, point + Z95 * se


# -- peers: they see the straight-line-filled yearly series ----------------------------------------
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
    return (
        f80["mean"].to_numpy(),
        f80["pi_lower"].to_numpy(),
        f80["pi_upper"].to_numpy(),
        f95["pi_lower"].to_numpy(),
        f95["pi_upper"].to_numpy(),
    )


def _run_chunk(args: tuple[str, np.ndarray]) -> list[np.ndarray | None]:
    name, inputs = args
    run = statsmodels_damped_ets if name == "statsmodels_ETS_damped" else statsforecast_model(name)
    results: list[np.ndarray | None] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for y in inputs:
            try:
                out = np.array([np.asarray(a, float) for a in run(y.astype(float))])
                results.append(
                    out if out.shape == (5, HORIZON) and np.isfinite(out).all() else None
                )
            except (
                Exception
            ):  # a peer that refuses a series counts as a failure, never a silent fallback
                results.append(None)
    return results


def run_peer(name: str, inputs: np.ndarray, workers: int) -> tuple[list[np.ndarray | None], float]:
    """Forecast every input series with a peer, in ``workers`` processes.

    The seconds returned are wall time multiplied by ``workers``: the time one
    process would take (forked workers inherit the compiled code, so no
    compilation is timed).
    """
    from multiprocessing import get_context

    _run_chunk((name, inputs[:2]))  # compile (numba) before timing
    chunks = np.array_split(inputs, max(workers, 1))
    start = time.perf_counter()
    if workers > 1:
        with get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run_chunk, [(name, c) for c in chunks])
    else:
        parts = [_run_chunk((name, inputs))]
    seconds = (time.perf_counter() - start) * max(workers, 1)
    return [r for part in parts for r in part], seconds


def cache_path(name: str, dataset: str, inputs: np.ndarray) -> Path:
    key = hashlib.sha256(
        np.ascontiguousarray(inputs, dtype=float).tobytes() + name.encode()
    ).hexdigest()[:16]
    return CACHE / f"{dataset}_{name}_{key}.pkl"


def cached_peer(
    name: str, dataset: str, inputs: np.ndarray, workers: int, run: bool = True
) -> tuple[list[np.ndarray | None], float] | None:
    """A peer's forecasts of these inputs from ``benchmarks/.cache``, run and stored if absent.

    With ``run=False`` an absent entry gives None instead of a run.
    """
    path = cache_path(name, dataset, inputs)
    if path.exists():
        with path.open("rb") as handle:
            return pickle.load(handle)
    if not run:
        return None
    result = run_peer(name, inputs, workers)
    path.parent.mkdir(exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(result, handle)
    tmp.replace(path)
    return result


# -- scoring ---------------------------------------------------------------------------------------
def score_rows(
    dataset: str,
    design: str,
    name: str,
    data: SeriesSet,
    forecasts: list[np.ndarray | None],
    seconds: float,
) -> tuple[dict, list[dict]]:
    ok = np.array([f is not None for f in forecasts])
    cats = np.array(data.categories)
    n = len(forecasts)
    head = {"dataset": dataset, "design": design, "method": name}
    if not ok.any():
        row = {
            **head,
            "n_series": 0,
            **{k: np.nan for k in SCORES},
            "seconds_per_1000": 1000 * seconds / n,
        }
        return row, []
    F = np.stack([f for f in forecasts if f is not None])
    per = scores(data.futures[ok], *[F[:, i] for i in range(5)], data.scales()[ok])
    row = {
        **head,
        "n_series": int(ok.sum()),
        **{k: float(np.mean(v)) for k, v in per.items()},
        "seconds_per_1000": 1000 * seconds / n,
    }
    by_cat = []
    for cat in sorted(set(cats[ok])):
        sel = cats[ok] == cat
        by_cat.append(
            {
                "dataset": dataset,
                "design": design,
                "category": cat,
                "method": name,
                "n_series": int(sel.sum()),
                **{k: float(np.mean(v[sel])) for k, v in per.items()},
                "seconds_per_1000": row["seconds_per_1000"],
            }
        )
    return row, by_cat


def usable(data: SeriesSet) -> SeriesSet:
    """Series whose MASE scale is defined (a history that never changed has none)."""
    return data.subset(data.scales() > 0)


def own_pools(data: SeriesSet) -> list[str]:
    """Each series' calibration pool: the one that holds its M4 (or M3) category."""
    from dongson_analysis.series_groups import pool_of_category

    return [pool_of_category(c) for c in data.categories]


def pool_rows(dataset: str, design: str, data: SeriesSet, F: tuple, calibration: str) -> list:
    """Per category and overall: our method's scores with one calibration (pooled or own pool)."""
    per = scores(data.futures, *F, data.scales())
    cats = np.array(data.categories)
    out = []
    for category in ["all", *sorted(set(cats))]:
        sel = np.ones(len(cats), bool) if category == "all" else cats == category
        out.append(
            {
                "dataset": dataset,
                "design": design,
                "category": category,
                "calibration": calibration,
                "n_series": int(sel.sum()),
                **{k: float(np.mean(v[sel])) for k, v in per.items()},
            }
        )
    return out


def our_rows(dataset: str, design: str, data: SeriesSet, seen: np.ndarray, own: list[str]):
    """Our method (each series with its own pool), naive and drift on one design: rows overall,
    per category, and ours pooled against by pool."""
    offsets = DESIGNS[design]
    rows, cats, pools = [], [], []
    methods = (
        ("dongson_analysis", lambda s, o: ours(s, o, own)),
        ("naive", naive),
        ("drift", drift),
    )
    for name, fn in methods:
        start = time.perf_counter()
        F = fn(seen, offsets)
        seconds = time.perf_counter() - start
        row, by_cat = score_rows(
            dataset,
            design,
            name,
            data,
            [np.array([a[i] for a in F]) for i in range(len(seen))],
            seconds,
        )
        rows.append(row)
        cats += by_cat
        if name == "dongson_analysis":
            pools += pool_rows(dataset, design, data, F, "by_pool")
            pools += pool_rows(dataset, design, data, ours(seen, offsets), "pooled")
    return rows, cats, pools


def benchmark(
    data: SeriesSet,
    dataset: str,
    designs: list[str],
    peers: list[str],
    expensive_on: list[str],
    workers: int = 1,
    committed: Committed | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Every design: our method (each series with its category's pool), naive, drift and the peers;
    and our method pooled against by pool, per category."""
    data = usable(data)
    rows, cats, pools = [], [], []
    own = own_pools(data)
    ours(
        data.seen(DESIGNS["consecutive2"])[:1], DESIGNS["consecutive2"]
    )  # load the calibration before timing
    for design in designs:
        offsets = DESIGNS[design]
        seen = data.seen(offsets)
        r, c, p = our_rows(dataset, design, data, seen, own)
        rows += r
        cats += c
        pools += p
        inputs = peer_inputs(seen, offsets)
        for name in peers:
            if name == "statsforecast_AutoCES" and design not in expensive_on:
                continue
            if committed is not None:
                kept = committed.rows(dataset, design, name, set(data.categories))
                if kept is not None:
                    rows.append(kept[0])
                    cats += kept[1]
                print(
                    f"[{dataset} {design}] {name}: "
                    + ("committed results kept" if kept else "no committed results: left out"),
                    file=sys.stderr,
                )
                continue
            forecasts, seconds = cached_peer(name, dataset, inputs, workers)
            row, by_cat = score_rows(dataset, design, name, data, forecasts, seconds)
            rows.append(row)
            cats += by_cat
            print(
                f"[{dataset} {design}] {name}: {row['n_series']} of {len(seen)} series forecast",
                file=sys.stderr,
                flush=True,
            )
    return pd.DataFrame(rows, columns=COLUMNS), pd.DataFrame(cats), pd.DataFrame(pools)


@dataclass(frozen=True)
class Committed:
    """The committed results of the peers, reused instead of running them (``--keep-peers``).

    A peer's forecasts do not depend on this package; its rows (overall and per
    category, where the committed file has that category) are copied as they are.
    """

    accuracy: pd.DataFrame
    by_category: pd.DataFrame

    @classmethod
    def read(cls, folder: Path) -> Committed:
        return cls(
            pd.read_csv(folder / "accuracy.csv"), pd.read_csv(folder / "accuracy_by_category.csv")
        )

    def rows(
        self, dataset: str, design: str, method: str, categories: set[str]
    ) -> tuple[dict, list[dict]] | None:
        """A peer's committed row, and its rows for the categories the data still have (None
        if it has no committed row)."""

        def pick(frame):
            return frame[
                (frame["dataset"] == dataset)
                & (frame["design"] == design)
                & (frame["method"] == method)
            ]

        found = pick(self.accuracy)
        if found.empty:
            return None
        by_category = pick(self.by_category)
        by_category = by_category[by_category["category"].isin(categories)]
        return found.iloc[0].to_dict(), by_category.to_dict("records")


def speed_check(data: SeriesSet, n: int = 10_000, repeats: int = 3) -> float:
    """Seconds for our method to fit and project n five-value series (best of ``repeats`` runs)."""
    offsets = DESIGNS["consecutive5"]
    seen = np.resize(usable(data).seen(offsets), (n, len(offsets)))
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        ours(seen, offsets)
        best = min(best, time.perf_counter() - start)
    return best


def targets(table: pd.DataFrame) -> pd.DataFrame:
    """The issue's targets for our method, one row per dataset, design and target."""
    out = []
    for (dataset, design), t in table.groupby(["dataset", "design"], sort=False):
        me = t[t["method"] == "dongson_analysis"].iloc[0]
        others = t[(t["method"] != "dongson_analysis") & (t["n_series"] == me["n_series"])]
        peers = others[~others["method"].isin(["naive", "drift"])]
        for level in (80, 95):
            value = float(me[f"coverage{level}"])
            out.append(
                (
                    dataset,
                    design,
                    f"coverage{level}",
                    value,
                    f"{level / 100:.2f} ± 0.03",
                    abs(value - level / 100) <= 0.03,
                )
            )
        best = others.loc[others["smape"].idxmin()]
        out.append(
            (
                dataset,
                design,
                "smape",
                float(me["smape"]),
                f"≤ {best['smape']:.3f} ({best['method']})",
                float(me["smape"]) <= float(best["smape"]),
            )
        )
        if design == "consecutive5" and len(peers):
            for metric, factor in (("smape", 0.95), ("mase", 0.95), ("msis", 0.8)):
                best = peers.loc[peers[metric].idxmin()]
                limit = factor * float(best[metric])
                out.append(
                    (
                        dataset,
                        design,
                        f"{metric} ≤ {factor} × best peer",
                        float(me[metric]),
                        f"≤ {limit:.3f} ({factor} × {best['method']})",
                        float(me[metric]) <= limit,
                    )
                )
    return pd.DataFrame(out, columns=["dataset", "design", "target", "value", "limit", "met"])


def category_targets(pools: pd.DataFrame) -> pd.DataFrame:
    """Coverage within ±5 points of 80% and 95% in every category × design cell of at least 100
    series, for our method with each series' own pool (and, for comparison, pooled)."""
    cells = pools[(pools["category"] != "all") & (pools["n_series"] >= MIN_CELL_SERIES)]
    out = []
    for r in cells.itertuples():
        for level in (80, 95):
            value = float(getattr(r, f"coverage{level}"))
            out.append(
                (
                    r.dataset,
                    r.design,
                    r.category,
                    r.calibration,
                    r.n_series,
                    f"coverage{level}",
                    value,
                    abs(value - level / 100) <= CELL_TOLERANCE + 1e-12,
                )
            )
    columns = ["dataset", "design", "category", "calibration", "n_series", "target", "value", "met"]
    return pd.DataFrame(out, columns=columns)


def against_committed(table: pd.DataFrame, committed: pd.DataFrame | None) -> pd.DataFrame:
    """Our overall sMAPE, MASE and MSIS against the committed results (no worse: met)."""
    if committed is None:
        return pd.DataFrame()
    out = []
    mine = table[table["method"] == "dongson_analysis"]
    before = committed[committed["method"] == "dongson_analysis"].set_index(["dataset", "design"])
    for r in mine.itertuples():
        if (r.dataset, r.design) not in before.index:
            continue
        for metric in ("smape", "mase", "msis"):
            old = float(before.loc[(r.dataset, r.design), metric])
            new = float(getattr(r, metric))
            out.append((r.dataset, r.design, metric, new, old, round(new, 4) <= round(old, 4)))
    return pd.DataFrame(
        out, columns=["dataset", "design", "metric", "value", "committed", "no_worse"]
    )


def write(
    table: pd.DataFrame,
    cats: pd.DataFrame,
    pools: pd.DataFrame,
    speed: pd.DataFrame,
    out_dir: Path,
) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    table.round(4).to_csv(out_dir / "accuracy.csv", index=False)
    cat_cols = ["dataset", "design", "category"] + COLUMNS[2:]
    cats.reindex(columns=cat_cols).round(4).to_csv(
        out_dir / "accuracy_by_category.csv", index=False
    )
    pools.reindex(columns=POOL_COLUMNS).round(4).to_csv(
        out_dir / "accuracy_by_pool.csv", index=False
    )
    speed.to_csv(out_dir / "speed.csv", index=False)


def arguments(argv: list[str] | None) -> tuple[argparse.Namespace, dict]:
    """The command line, and its lists checked: designs, peers, expensive_on, runs."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--train", type=Path, help="train file of a pair in the M4 format (with --test)"
    )
    parser.add_argument("--test", type=Path)
    parser.add_argument(
        "--datasets",
        default="m3_yearly,m4_yearly_dev",
        help="without --train/--test: comma-separated, of m3_yearly and m4_yearly_dev",
    )
    parser.add_argument(
        "--designs", default=",".join(DESIGNS), help=f"comma-separated, of {', '.join(DESIGNS)}"
    )
    parser.add_argument("--peers", default=",".join(PEERS), help="comma-separated peers, or 'none'")
    parser.add_argument(
        "--expensive-on",
        default=",".join(DESIGNS),
        help="designs on which AutoCES (about a second a series) runs; default all",
    )
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes for the peers (their seconds_per_1000 is scaled back to one process)",
    )
    parser.add_argument(
        "--keep-peers",
        action="store_true",
        help="take the peers' rows from the committed results files instead of running them "
        "(their forecasts do not depend on this package); a peer without one is left out",
    )
    parser.add_argument(
        "--fill-cache",
        action="store_true",
        help="only run the peers into benchmarks/.cache; score and write nothing",
    )
    args = parser.parse_args(argv)

    def names(text: str, known, what: str) -> list[str]:
        items = [] if text.strip() == "none" else [s.strip() for s in text.split(",") if s.strip()]
        unknown = [s for s in items if s not in known]
        if unknown:
            parser.error(f"unknown {what}: {', '.join(unknown)}; known: {', '.join(known)}")
        return items

    if args.train or args.test:
        if not (args.train and args.test):
            parser.error("--train and --test go together")
        runs = [(args.train.stem, lambda: read_pair(args.train, args.test))]
    else:
        readers = {
            "m3_yearly": read_m3_yearly,
            "m4_yearly_dev": lambda: read_pair(
                SHARED / "m4_yearly_dev_train.csv", SHARED / "m4_yearly_dev_test.csv"
            ),
        }
        runs = [(d, readers[d]) for d in names(args.datasets, readers, "dataset")]
    lists = {
        "designs": names(args.designs, DESIGNS, "design"),
        "peers": names(args.peers, PEERS, "peer"),
        "expensive_on": names(args.expensive_on, DESIGNS, "design"),
        "runs": runs,
    }
    return args, lists


def fill_cache(runs, designs, peers, expensive_on, workers: int) -> None:
    """Run the peers into ``benchmarks/.cache``: the cheap ones first, everywhere, then AutoCES."""
    for design in designs:
        for dataset, reader in runs:
            data = usable(reader())
            inputs = peer_inputs(data.seen(DESIGNS[design]), DESIGNS[design])
            for name in peers:
                if name != "statsforecast_AutoCES":
                    cached_peer(name, dataset, inputs, workers)
                    print(f"cached {dataset} {design} {name}", file=sys.stderr, flush=True)
    for design in expensive_on:
        for dataset, reader in runs:
            if "statsforecast_AutoCES" in peers and design in designs:
                data = usable(reader())
                inputs = peer_inputs(data.seen(DESIGNS[design]), DESIGNS[design])
                cached_peer("statsforecast_AutoCES", dataset, inputs, workers)
                print(f"cached {dataset} {design} statsforecast_AutoCES", file=sys.stderr)


def speed_rows(dataset: str, data: SeriesSet, table: pd.DataFrame) -> list[dict]:
    """Our method timed on 10,000 series; AutoARIMA at its measured rate (not timed)."""
    rows = [
        {
            "dataset": dataset,
            "method": "dongson_analysis",
            "n_series": 10_000,
            "seconds": round(speed_check(data), 4),
            "measured": True,
        }
    ]
    arima = table.loc[
        (table["method"] == "statsforecast_AutoARIMA") & (table["design"] == "consecutive5"),
        "seconds_per_1000",
    ]
    if len(arima):
        rows.append(
            {
                "dataset": dataset,
                "method": "statsforecast_AutoARIMA",
                "n_series": 10_000,
                "seconds": round(10 * float(arima.iloc[0]), 1),
                "measured": False,
            }
        )
    return rows


def report(table, cats, pools, speed, committed: Committed | None) -> None:
    """Print the tables and the targets."""
    with pd.option_context(
        "display.width", 220, "display.max_columns", None, "display.max_rows", None
    ):
        print(
            f"\n== accuracy ({HORIZON} years ahead; n_series below the total: a peer refused "
            "series) =="
        )
        print(table.round(3).to_string(index=False))
        if cats["category"].nunique() > 1:
            print("\n-- by category --")
            print(cats.round(3).to_string(index=False))
        print("\n-- speed --")
        print(speed.to_string(index=False))
        print("\n-- targets --")
        print(targets(table).round(3).to_string(index=False))
        cells = category_targets(pools)
        mine = cells[cells["calibration"] == "by_pool"]
        print(
            f"\n-- coverage within ±{CELL_TOLERANCE:.2f} per category × design (cells of at "
            f"least {MIN_CELL_SERIES} series): {int(mine['met'].sum())} of {len(mine)} met "
            f"with each series' own pool, {int(cells['met'].sum() - mine['met'].sum())} of "
            f"{len(cells) - len(mine)} pooled --"
        )
        print(cells.round(3).to_string(index=False))
        if committed is not None:
            print("\n-- overall against the committed results (before this run) --")
            print(against_committed(table, committed.accuracy).round(4).to_string(index=False))


def main(argv: list[str] | None = None) -> int:
    args, lists = arguments(argv)
    os.environ.setdefault("NIXTLA_ID_AS_COL", "1")
    designs, peers, expensive_on, runs = (
        lists[k] for k in ("designs", "peers", "expensive_on", "runs")
    )
    if args.fill_cache:
        fill_cache(runs, designs, peers, expensive_on, args.workers)
        return 0
    committed = Committed.read(args.out_dir) if (args.out_dir / "accuracy.csv").exists() else None
    tables, all_cats, all_pools, speeds = [], [], [], []
    for dataset, reader in runs:
        data = reader()
        table, cats, pools = benchmark(
            data,
            dataset,
            designs,
            peers,
            expensive_on,
            workers=args.workers,
            committed=committed if args.keep_peers else None,
        )
        tables.append(table)
        all_cats.append(cats)
        all_pools.append(pools)
        speeds += speed_rows(dataset, data, table)
    table, cats, pools, speed = (
        pd.concat(tables, ignore_index=True),
        pd.concat(all_cats, ignore_index=True),
        pd.concat(all_pools, ignore_index=True),
        pd.DataFrame(speeds),
    )
    write(table, cats, pools, speed, args.out_dir)
    report(table, cats, pools, speed, committed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
