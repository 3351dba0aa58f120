"""Learn the combination weights and error quantiles shipped in the package, per design.

Reads ONLY the training part of a benchmark pair (by default
``../shared/benchmarks/m4_yearly_dev_train.csv``). For every design of
:data:`dongson_analysis.forecast_core.DESIGNS` (which years are observed, as
offsets from the last one) and every horizon h = 1 … 10, each position t of a
train history at which the design's years and t + h lie inside the history is an
example: the values at the design's years (log scale) and the log change from t
to t + h. Only the ``RECENT`` latest positions of each series are used, the ones
closest in time to what is forecast, and each series weighs the same.

For each design:

1. candidate weights per group (:func:`dongson_analysis.forecast_core.groups`:
   rising steps, steadiness, size of the drift), ≥ 0 and summing to 1, the same
   at every horizon: least absolute deviations over h = 1 … ``FIT_HORIZON`` at
   once (iteratively reweighted least squares, each step an exact quadratic
   programme over the simplex);
2. per horizon and interval group (rising steps, steadiness), an error scale
   a + b * volatility (volatility kept between its 10% and 95% quantiles),
   fitted by least absolute deviations of the absolute error;
3. per horizon, interval group and volatility tercile, the empirical quantiles of
   the error divided by that scale (pooled with the two neighbouring horizons) on
   a fixed grid of levels, shifted so that the median is the combination itself.

A group with examples from fewer than ``MIN_SERIES`` series (weights), or an
interval cell with fewer than ``MIN_SERIES_INTERVALS`` (scales and quantiles:
tail quantiles need many), borrows those of similar ones: same size of drift and
rising steps first, then any steadiness, then rising steps within ±1, ±2 …, then
any size of drift. Finally each design gets its mean interval score (80% and
95%, h = 1 … 5, log scale) on the examples that every design has (the history
reaching ``MAX_SPAN`` years back), which breaks ties between designs with as
many observations (:func:`dongson_analysis.forecast_core.choose_design`).

Then, for every calibration pool of M4 categories
(:data:`dongson_analysis.series_groups.CALIBRATION_POOLS`, each of at least
``MIN_POOL_SERIES`` train series), design and horizon: the factor of the pooled
error scale, the weighted median over the pool's examples of ``|error| / scale``
(the pooled combination's error, the pooled scale). A pool's intervals are the
pooled ones times it; its weights are the pooled ones (weights learned on a pool
alone forecast worse on held-out train values: ``--holdout`` shows them as
``by_pool_weights``).

The run is deterministic: the same train file gives the same calibration file,
byte for byte (``--check``). The slopes of the candidates are summed as when the
file was learned (matrix products): the weights are sensitive to the last digits.

    python benchmarks/learn_calibration.py               # write the package's calibration file
    python benchmarks/learn_calibration.py --check       # learn again, compare with the
                                                         # committed file
    python benchmarks/learn_calibration.py --holdout     # learn without each series' last 5
                                                         # values, score on them
    python benchmarks/learn_calibration.py --holdout --back 5    # the same, 5 years earlier

``--holdout`` is the check used to make design choices without looking at any test
file: it keeps the last 5 values of every train series out of learning and scores
every benchmark design on them, overall and per M4 category, pooled, with each
series' own pool and with pool-learned weights, with naive and drift for
reference (``--holdout-out FILE`` also writes the table); ``--back`` repeats it
on earlier periods.

References
----------
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition:
100,000 time series and 61 forecasting methods. International Journal of
Forecasting, 36(1), 54-74.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from dongson_analysis.calibration_file import parse_calibration
from dongson_analysis.forecast_core import (
    CANDIDATES,
    DESIGNS,
    MAGNITUDE_EDGES,
    STEADY,
    VOLATILITY_BINS,
    Calibration,
    Design,
    DesignCalibration,
    candidate_forecasts,
    combined_forecast,
    group_parts,
    groups,
    interval_groups,
    volatility,
)
from dongson_analysis.series_groups import (
    CALIBRATION_POOLS,
    MIN_POOL_SERIES,
    POOLED,
    pool_of_category,
)

HERE = Path(__file__).resolve().parent
DEFAULT_TRAIN = HERE.parent.parent / "shared" / "benchmarks" / "m4_yearly_dev_train.csv"
DEFAULT_OUT = HERE.parent / "dongson_analysis" / "calibration" / "short_series.json"
MAX_H = 10
FIT_HORIZON = 10
RECENT = 12
MIN_SERIES = 50
MIN_SERIES_INTERVALS = 200
VOLATILITY_CAP_LEVEL = 0.95
VOLATILITY_FLOOR_LEVEL = 0.1
SCALE_FLOOR = 1e-3
LEVELS = np.round(
    np.concatenate([[0.005, 0.01, 0.025], np.arange(0.05, 0.951, 0.05), [0.975, 0.99, 0.995]]), 3
)
MAX_SPAN = max(d.span for d in DESIGNS.values())
TAIL = RECENT + MAX_H + MAX_SPAN + 1


# -- data ------------------------------------------------------------------------------------------
def read_histories(path: Path) -> tuple[list[np.ndarray], list[str]]:
    """Positive train histories, sorted by series id, and the M4 category of each."""
    frame = pd.read_csv(path).sort_values(["unique_id", "ds"], kind="stable")
    histories, categories = [], []
    for _, g in frame.groupby("unique_id", sort=True):
        y = g["y"].to_numpy(float)
        if np.all(y > 0):
            histories.append(y)
            categories.append(str(g["category"].iloc[0]))
    return histories, categories


def tails(histories: list[np.ndarray]) -> np.ndarray:
    """The last ``TAIL`` log values of each history, right-aligned, NaN where the history is
    shorter.
    """
    out = np.full((len(histories), TAIL), np.nan)
    for i, y in enumerate(histories):
        z = np.log(y[-TAIL:])
        out[i, TAIL - len(z) :] = z
    return out


def examples(
    T: np.ndarray, design: Design, h: int, common: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Values at the design's years, targets, weights and series index for horizon h (log scale).

    With ``common``, only the positions at which every registered design could be
    observed (the history reaches ``MAX_SPAN`` years back): the same examples for
    every design, so that their scores can be compared.
    """
    r = np.arange(RECENT)
    last = TAIL - 1 - h - r  # positions t, latest first
    idx = last[:, None] + np.asarray(design.offsets)[None, :]  # (RECENT, k)
    Z = T[:, idx]  # (n, RECENT, k)
    y = T[:, last + h] - T[:, last]
    ok = np.isfinite(Z).all(axis=2) & np.isfinite(y)
    if common:
        ok &= np.isfinite(T[:, last - MAX_SPAN])
    count = ok.sum(axis=1)
    w = np.where(ok, 1.0 / np.maximum(count, 1)[:, None], 0.0)
    series = np.broadcast_to(np.arange(len(T))[:, None], ok.shape)
    return Z[ok], y[ok], w[ok], series[ok]


# -- fitting ---------------------------------------------------------------------------------------
def _supports(k: int) -> list[np.ndarray]:
    return [np.array([j for j in range(k) if mask >> j & 1]) for mask in range(1, 2**k)]


def simplex_qp(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Minimise beta' A beta - 2 b' beta over weights ≥ 0 summing to 1 (A positive semi-definite).

    Exact for the few candidates here: every support is tried, and the best
    feasible solution of the equality-constrained problem on a support is kept.
    """
    k = len(b)
    A = A + 1e-12 * max(np.trace(A), 1e-300) * np.eye(k)
    best, best_value = None, np.inf
    for S in _supports(k):
        m = len(S)
        M = np.ones((m + 1, m + 1))
        M[:m, :m] = A[S][:, S]
        M[m, m] = 0.0
        try:
            sol = np.linalg.solve(M, np.append(b[S], 1.0))[:m]
        except np.linalg.LinAlgError:
            continue
        if (sol < -1e-12).any():
            continue
        beta = np.zeros(k)
        beta[S] = np.clip(sol, 0, None)
        beta /= beta.sum()
        value = beta @ A @ beta - 2 * b @ beta
        if value < best_value - 1e-15:
            best, best_value = beta, value
    return best


def convex_lad(C: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int = 100) -> np.ndarray:
    """Weights ≥ 0 summing to 1 that minimise the weighted absolute error.

    Iteratively reweighted least squares, each step an exact simplex-constrained
    quadratic programme (:func:`simplex_qp`); deterministic.
    """
    k = C.shape[1]
    if k == 1:
        return np.ones(1)
    beta = np.full(k, 1.0 / k)
    for _ in range(iterations):
        v = w / np.maximum(np.abs(y - C @ beta), 1e-5)
        Cv = C * v[:, None]
        new = simplex_qp(Cv.T @ C, Cv.T @ y)
        if np.max(np.abs(new - beta)) < 1e-7:
            beta = new
            break
        beta = new
    beta = np.round(beta, 6)
    return beta / beta.sum()


def nonnegative_lad(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int = 60
) -> np.ndarray:
    """Least absolute deviations with coefficients ≥ 0, by iteratively reweighted non-negative least
    squares.
    """
    from scipy.optimize import nnls

    beta = nnls(X * np.sqrt(w)[:, None], y * np.sqrt(w))[0]
    for _ in range(iterations):
        v = w / np.maximum(np.abs(y - X @ beta), 1e-6)
        sv = np.sqrt(v)
        beta = nnls(X * sv[:, None], y * sv)[0]
    return beta


def weighted_quantiles(x: np.ndarray, w: np.ndarray, levels: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    cum = (np.cumsum(w) - 0.5 * w) / w.sum()
    return np.interp(levels, cum, x)


def interval_score(y: np.ndarray, lo: np.ndarray, hi: np.ndarray, alpha: float) -> np.ndarray:
    return (hi - lo) + 2 / alpha * (lo - y) * (y < lo) + 2 / alpha * (y - hi) * (y > hi)


def _borrowing(
    design: Design,
    rises: np.ndarray,
    steady: np.ndarray,
    size: np.ndarray,
    r: int,
    s: int,
    m: int | None,
) -> list[np.ndarray]:
    """Examples a thin group borrows, widest last.

    The same size of drift first (``m``; None: any), then: any steadiness, then
    rising steps within ±1, ±2 …, then every size, then everything.
    """
    same_size = np.ones(len(rises), bool) if m is None else size == m
    chain = [same_size & (rises == r) & (steady == s), same_size & (rises == r)]
    chain += [same_size & (np.abs(rises - r) <= radius) for radius in range(1, design.n_points)]
    chain += [np.abs(rises - r) <= radius for radius in range(design.n_points)]
    return chain


@dataclass(frozen=True)
class Examples:
    """A design's examples at every horizon: values, targets, weights, series, group parts."""

    design: Design
    data: list  # per horizon h = 1 … MAX_H: (Z, y, w, series), as from :func:`examples`
    parts: list  # per horizon: (rises, steady, size), as from group_parts

    @classmethod
    def of(cls, T: np.ndarray, design: Design) -> Examples:
        data = [examples(T, design, h) for h in range(1, MAX_H + 1)]
        return cls(design, data, [group_parts(Z, design) for Z, *_ in data])


def _enough(series: np.ndarray, least: int) -> bool:
    return len(np.unique(series)) >= least


def fit_weights(ex: Examples) -> np.ndarray:
    """Candidate weights per group, jointly over the fitted horizons (convex LAD); a group with
    examples from fewer than ``MIN_SERIES`` series borrows (:func:`_borrowing`)."""
    design, names = ex.design, ex.design.active_candidates()
    n = design.n_points
    weights = np.zeros((design.n_groups, len(names)))
    for g in range(design.n_groups):
        r, rest = g % n, g // n
        st, m = rest % design.n_steady, rest // design.n_steady
        chain0 = _borrowing(design, *ex.parts[0], r, st, m)
        k = next((i for i, c in enumerate(chain0) if _enough(ex.data[0][3][c], MIN_SERIES)), None)
        Cs, ys, ws = [], [], []
        for h in range(1, FIT_HORIZON + 1):
            Z, y, w, _ = ex.data[h - 1]
            sel = (
                np.ones(len(y), bool)
                if k is None
                else _borrowing(design, *ex.parts[h - 1], r, st, m)[k]
            )
            Cs.append(candidate_forecasts(Z[sel], design, h, names)[:, :, h - 1])
            ys.append(y[sel])
            ws.append(w[sel])
        weights[g] = convex_lad(np.concatenate(Cs), np.concatenate(ys), np.concatenate(ws))
    return weights


def fit_scales(ex: Examples, weights: np.ndarray, vols: list, bins: list | None = None):
    """Error scale ``a + b * volatility`` per horizon and interval group (LAD of the absolute
    error), from cells of at least ``MIN_SERIES_INTERVALS`` series; with ``bins``, also the
    errors and, per horizon, the examples of each interval group and volatility bin."""
    design, names = ex.design, ex.design.active_candidates()
    n, I, B = design.n_points, design.n_interval_groups, VOLATILITY_BINS
    scale_a, scale_b = np.zeros((MAX_H, I)), np.zeros((MAX_H, I))
    errors, cells = [], []
    for h in range(1, MAX_H + 1):
        Z, y, w, series = ex.data[h - 1]
        C = candidate_forecasts(Z, design, h, names)[:, :, h - 1]
        err = y - np.einsum("nk,nk->n", C, weights[groups(Z, design)])
        errors.append(err)
        cell = np.zeros((I, B, len(err)), bool)
        for g in range(I):
            chain = _borrowing(design, *ex.parts[h - 1], g % n, g // n, None)
            sel = next(
                (c for c in chain if _enough(series[c], MIN_SERIES_INTERVALS)),
                np.ones(len(err), bool),
            )
            ab = nonnegative_lad(
                np.column_stack([np.ones(sel.sum()), vols[h - 1][sel]]), np.abs(err[sel]), w[sel]
            )
            scale_a[h - 1, g], scale_b[h - 1, g] = max(float(ab[0]), SCALE_FLOOR), float(ab[1])
            for b in range(B) if bins is not None else ():
                b_all = bins[h - 1]
                cell[g, b] = next(
                    (
                        c & (b_all == b)
                        for c in chain
                        if _enough(series[c & (b_all == b)], MIN_SERIES_INTERVALS)
                    ),
                    sel & (b_all == b),
                )
        cells.append(cell)
    return scale_a, scale_b, errors, cells


def fit_quantiles(ex: Examples, vols, errors, cells, scale_a, scale_b) -> np.ndarray:
    """Quantiles of the scaled errors per horizon, interval group and volatility bin, each from
    the horizon and its two neighbours; shifted so that the median is the combination."""
    I, B, P = ex.design.n_interval_groups, VOLATILITY_BINS, len(LEVELS)
    quantiles = np.zeros((MAX_H, I, B, P))
    for h in range(1, MAX_H + 1):
        near = [k for k in (h - 1, h, h + 1) if 1 <= k <= MAX_H]
        for g in range(I):
            for b in range(B):
                parts_q, wparts = [], []
                for k in near:
                    sel = cells[k - 1][g, b]
                    sc = scale_a[k - 1, g] + scale_b[k - 1, g] * vols[k - 1][sel]
                    parts_q.append(errors[k - 1][sel] / sc)
                    wparts.append(ex.data[k - 1][2][sel])
                zq = weighted_quantiles(np.concatenate(parts_q), np.concatenate(wparts), LEVELS)
                quantiles[h - 1, g, b] = zq - zq[LEVELS == 0.5]
    return quantiles


def design_score(T: np.ndarray, dc: DesignCalibration) -> float:
    """Mean interval score at 80% and 95%, h = 1 … 5, log scale, of the intervals as forecast, on
    the examples that every design has."""
    design = dc.design
    cal = Calibration(LEVELS, MAX_H, {design.name: dc}, "", "")
    i = {p: int(np.argmin(np.abs(LEVELS - p))) for p in (0.025, 0.1, 0.9, 0.975)}
    score_sum, score_w = 0.0, 0.0
    for h in range(1, 6):
        Z, y, w, _ = examples(T, design, h, common=True)
        _, q, _ = combined_forecast(Z, design, h, cal)
        q = q[:, h - 1] - Z[:, -1:]
        is80 = interval_score(y, q[:, i[0.1]], q[:, i[0.9]], 0.2)
        is95 = interval_score(y, q[:, i[0.025]], q[:, i[0.975]], 0.05)
        score_sum += float(np.sum(w * (is80 + is95) / 2))
        score_w += float(np.sum(w))
    return score_sum / score_w


def learn_design(T: np.ndarray, design: Design) -> dict:
    """Weights, volatility bins, error scales, quantiles and score of one design, pooled."""
    ex = Examples.of(T, design)
    Z1, _, w1, _ = ex.data[0]
    floor, cap = (
        float(x)
        for x in weighted_quantiles(
            volatility(Z1, design), w1, np.array([VOLATILITY_FLOOR_LEVEL, VOLATILITY_CAP_LEVEL])
        )
    )
    vols = [np.clip(volatility(Z, design), floor, cap) for Z, *_ in ex.data]
    edges = weighted_quantiles(vols[0], w1, np.arange(1, VOLATILITY_BINS) / VOLATILITY_BINS)
    bins = [np.searchsorted(edges, v, side="right") for v in vols]
    weights = fit_weights(ex)
    scale_a, scale_b, errors, cells = fit_scales(ex, weights, vols, bins)
    quantiles = fit_quantiles(ex, vols, errors, cells, scale_a, scale_b)
    names = design.active_candidates()
    dc = DesignCalibration(
        design, names, weights, floor, cap, edges, scale_a, scale_b, quantiles, 0.0
    )
    return {
        "offsets": list(design.offsets),
        "candidates": list(names),
        "score": round(design_score(T, dc), 6),
        "weights": np.round(weights, 6).tolist(),
        "volatility_floor": round(floor, 6),
        "volatility_cap": round(cap, 6),
        "volatility_edges": np.round(edges, 6).tolist(),
        "scale_a": np.round(scale_a, 6).tolist(),
        "scale_b": np.round(scale_b, 6).tolist(),
        "quantiles": np.round(quantiles, 4).tolist(),
    }


def pool_scale_factor(T: np.ndarray, design: Design, pooled: dict) -> list[float]:
    """Per horizon: how large one pool's errors are against the pooled error scale.

    The weighted median (each series weighing the same) of ``|error| / scale`` over
    the pool's examples, where the error is that of the pooled combination and the
    scale the pooled ``a + b * volatility``; the pool's intervals are the pooled
    ones times this factor.
    """
    ex = Examples.of(T, design)
    weights = np.asarray(pooled["weights"])
    scale_a, scale_b = np.asarray(pooled["scale_a"]), np.asarray(pooled["scale_b"])
    names = design.active_candidates()
    factors = []
    for h in range(1, MAX_H + 1):
        Z, y, w, _ = ex.data[h - 1]
        vol = np.clip(volatility(Z, design), pooled["volatility_floor"], pooled["volatility_cap"])
        C = candidate_forecasts(Z, design, h, names)[:, :, h - 1]
        err = y - np.einsum("nk,nk->n", C, weights[groups(Z, design)])
        g = interval_groups(Z, design)
        ratio = np.abs(err) / (scale_a[h - 1, g] + scale_b[h - 1, g] * vol)
        factors.append(round(float(weighted_quantiles(ratio, w, np.array([0.5]))[0]), 6))
    return factors


def learn_pool_weights(T: np.ndarray, design: Design) -> list:
    """Weights learned on one pool's series alone: not shipped (on held-out train values they
    forecast worse than the pooled weights); ``--holdout`` shows them for reference."""
    return np.round(fit_weights(Examples.of(T, design)), 6).tolist()


def _starmap(function, tasks: list[tuple], workers: int) -> list:
    if workers > 1:
        from multiprocessing import get_context

        with get_context("fork").Pool(workers) as pool:
            return pool.starmap(function, tasks)
    return [function(*task) for task in tasks]


def pool_members(categories: list[str]) -> dict[str, np.ndarray]:
    """Per calibration pool other than the pooled one: which histories belong to it."""
    cats = np.asarray(categories)
    out = {}
    for pool, members in CALIBRATION_POOLS.items():
        if pool == POOLED:
            continue
        out[pool] = np.isin(cats, members)
        if out[pool].sum() < MIN_POOL_SERIES:
            raise SystemExit(
                f"pool {pool!r} ({', '.join(members)}) holds {out[pool].sum()} series, fewer than "
                f"{MIN_POOL_SERIES}: merge it with another in dongson_analysis/series_groups.py"
            )
    return out


def learn(
    histories: list[np.ndarray],
    categories: list[str],
    designs: list[str] | None = None,
    workers: int = 1,
) -> dict:
    """The calibration's learned part (as written to JSON) from train histories and their
    categories: every design pooled, then its weights and scales per pool."""
    T = tails(histories)
    names = list(DESIGNS) if designs is None else designs
    learned = _starmap(learn_design, [(T, DESIGNS[n]) for n in names], workers)
    pooled = dict(zip(names, learned))
    members = pool_members(categories)
    tasks = [(T[rows], DESIGNS[n], pooled[n]) for rows in members.values() for n in names]
    by_pool = iter(_starmap(pool_scale_factor, tasks, workers))
    pools = {
        pool: {
            "categories": list(CALIBRATION_POOLS[pool]),
            "n_series": int(rows.sum()),
            "designs": {n: {"scale_factor": next(by_pool)} for n in names},
        }
        for pool, rows in members.items()
    }
    return {
        "levels": LEVELS.tolist(),
        "max_horizon": MAX_H,
        "candidates": {name: c.spec() for name, c in CANDIDATES.items()},
        "groups": {
            "steady": STEADY,
            "magnitude_edges": list(MAGNITUDE_EDGES),
            "volatility_bins": VOLATILITY_BINS,
        },
        "designs": pooled,
        "pools": pools,
    }


def calibration_document(
    histories: list[np.ndarray], categories: list[str], train: Path, workers: int = 1
) -> dict:
    """The calibration file's content: source, rule and the learned part."""
    model = learn(histories, categories, workers=workers)
    return {
        "source": "M4 forecasting competition, yearly series: the training part of the dev "
        "benchmark "
        f"({train.name}, {len(histories)} series); Makridakis, Spiliotis & Assimakopoulos, "
        "International Journal of Forecasting 36(1), 2020",
        "rule": "benchmarks/learn_calibration.py: per design (observed years) and number of "
        "rising steps, "
        f"convex LAD weights of the candidates over horizons 1-{FIT_HORIZON}, per horizon a LAD "
        "error "
        "scale and empirical quantiles of scaled errors; the latest "
        f"{RECENT} positions of each series, each series weighing the same; log scale; "
        "per pool of M4 categories, the pooled weights and intervals with the error scale "
        "times the pool's median ratio of absolute error to scale, per design and horizon",
        **model,
    }


def dumps(doc: dict) -> str:
    """JSON text: one line per top-level key, per design, and per pool and design."""

    def designs(value: dict, indent: str) -> str:
        return ",\n".join(
            f"{indent}{json.dumps(name)}: {json.dumps(d, separators=(',', ':'))}"
            for name, d in value.items()
        )

    items = []
    for key, value in doc.items():
        if key == "designs":
            items.append(f' "designs": {{\n{designs(value, "  ")}\n }}')
        elif key == "pools":
            pools = []
            for pool, entry in value.items():
                head = ", ".join(
                    f"{json.dumps(k)}: {json.dumps(v)}" for k, v in entry.items() if k != "designs"
                )
                pools.append(
                    f'  {json.dumps(pool)}: {{{head}, "designs": {{\n'
                    f"{designs(entry['designs'], '   ')}\n  }}}}"
                )
            items.append(' "pools": {\n' + ",\n".join(pools) + "\n }")
        else:
            items.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(items) + "\n}\n"


# -- holdout check ---------------------------------------------------------------------------------
def _per_category(design: str, method: str, per: dict, cats: np.ndarray) -> list[dict]:
    """Mean scores over all series and per category."""
    rows = []
    for category in ["all", *sorted(set(cats))]:
        sel = np.ones(len(cats), bool) if category == "all" else cats == category
        rows.append(
            {
                "design": design,
                "category": category,
                "method": method,
                "n": int(sel.sum()),
                **{k: float(np.mean(v[sel])) for k, v in per.items()},
            }
        )
    return rows


def holdout_check(
    histories: list[np.ndarray],
    categories: list[str],
    designs: list[str],
    workers: int = 1,
    back: int = 0,
) -> pd.DataFrame:
    """Learn without the last ``back`` + 5 values of each series; score each design on the 5 before
    the last ``back``, overall and per category.

    Methods: ``pooled`` (every series with the pooled calibration), ``by_pool``
    (each with its category's pool, as shipped), ``by_pool_weights`` (the same
    with weights learned on the pool alone: the rule tried and not shipped), naive
    and drift for reference. ``back`` > 0 repeats the check on an earlier period.
    """
    sys.path.insert(0, str(HERE))
    from accuracy import drift, naive
    from protocol import scores

    cut = [h[: len(h) - back] for h in histories]
    keep = [len(h) >= 14 and np.mean(np.abs(np.diff(h[:-5]))) > 0 for h in cut]
    kept = [h for h, k in zip(cut, keep) if k]
    cats = np.array([c for c, k in zip(categories, keep) if k])
    model = learn([h[:-5] for h in kept], list(cats), designs, workers)
    cal = parse_calibration({"source": "holdout", "rule": "holdout", **model}, require_all=False)
    actual = np.stack([h[-5:] for h in kept])
    scale = np.array([np.mean(np.abs(np.diff(h[:-5]))) for h in kept])
    own = np.array([pool_of_category(c) for c in cats])
    # for reference: weights learned on each pool alone (not shipped)
    T = tails([h[:-5] for h in kept])
    members = pool_members(list(cats))
    tasks = [(T[rows], DESIGNS[n]) for rows in members.values() for n in designs]
    own_weights = iter(_starmap(learn_pool_weights, tasks, workers))
    variant = {pool: {n: np.asarray(next(own_weights)) for n in designs} for pool in members}
    rows = []
    for name in designs:
        design = DESIGNS[name]
        dc = cal.designs[name]
        pools = {p: replace(t, weights=variant[p][name]) for p, t in dc.pools.items()}
        with_own = replace(cal, designs={name: replace(dc, pools=pools)})
        seen = np.stack([h[np.asarray(design.offsets) - 6] for h in kept])
        methods = [("naive", naive(seen, design.offsets)), ("drift", drift(seen, design.offsets))]
        for label, c, pool in (
            ("by_pool_weights", with_own, own),
            ("by_pool", cal, own),
            ("pooled", cal, None),
        ):
            levels, q, _ = combined_forecast(np.log(seen), design, 5, c, pool=pool)
            Y = np.exp(q)
            col = {round(float(p), 3): i for i, p in enumerate(levels)}
            methods.insert(0, (label, [Y[:, :, col[p]] for p in (0.5, 0.1, 0.9, 0.025, 0.975)]))
        for label, F in methods:
            rows += _per_category(name, label, scores(actual, *F, scale), cats)
    table = pd.DataFrame(rows)
    print(
        f"holdout: {len(kept)} train series, 5 values held out"
        + (f", {back} years back" if back else "")
    )
    with pd.option_context("display.width", 200, "display.max_rows", None):
        print(table.round(3).to_string(index=False))
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--holdout", action="store_true", help="score on held-out train values; write nothing"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="learn again and compare with --out byte for byte; write nothing",
    )
    parser.add_argument(
        "--back", type=int, default=0, help="with --holdout: hold out 5 values this many years back"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="processes (designs are learned in parallel)"
    )
    parser.add_argument(
        "--holdout-out", type=Path, help="with --holdout: also write the table to this CSV file"
    )
    args = parser.parse_args(argv)
    if "test" in args.train.name:
        parser.error(
            f"{args.train} looks like a test file; the calibration is learned from train files only"
        )
    histories, categories = read_histories(args.train)
    start = time.perf_counter()
    if args.holdout:
        sys.path.insert(0, str(HERE))
        from protocol import DESIGNS as BENCH

        table = holdout_check(
            histories, categories, [d for d in DESIGNS if d in BENCH], args.workers, args.back
        )
        if args.holdout_out:
            table.round(4).to_csv(args.holdout_out, index=False)
        return 0
    text = dumps(calibration_document(histories, categories, args.train, args.workers))
    parse_calibration(json.loads(text))  # the code must accept what it learned
    return write_or_check(text, args, len(histories), time.perf_counter() - start)


def write_or_check(text: str, args: argparse.Namespace, n_series: int, seconds: float) -> int:
    """Write the calibration file, or (``--check``) compare it with the committed one."""
    if args.check:
        committed = args.out.read_text(encoding="utf-8")
        if committed != text:
            print(
                f"DIFFERENT: learning from {args.train} does not reproduce {args.out}",
                file=sys.stderr,
            )
            return 1
        print(f"identical: {args.out} reproduced from {args.train} ({n_series} series, ", end="")
        print(f"{seconds:.0f} s)")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} from {n_series} series in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
