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

The run is deterministic: the same train file gives the same calibration file,
byte for byte (``--check``).

    python benchmarks/learn_calibration.py               # write the package's calibration file
    python benchmarks/learn_calibration.py --check       # learn again, compare with the
    committed file
    python benchmarks/learn_calibration.py --holdout     # learn without each series' last 5
    values, score on them
    python benchmarks/learn_calibration.py --holdout --back 5    # the same, 5 years earlier

``--holdout`` is the check used to make design choices without looking at any test
file: it keeps the last 5 values of every train series out of learning and scores
every benchmark design on them, with naive and drift for reference; ``--back``
repeats it on earlier periods.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
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
    volatility,
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
def read_histories(path: Path) -> list[np.ndarray]:
    """Positive train histories, sorted by series id."""
    frame = pd.read_csv(path).sort_values(["unique_id", "ds"], kind="stable")
    return [
        y
        for _, g in frame.groupby("unique_id", sort=True)
        if np.all((y := g["y"].to_numpy(float)) > 0)
    ]


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


def weighted_lad(X: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int = 60) -> np.ndarray:
    """Least absolute deviations by iteratively reweighted least squares."""
    beta = np.linalg.lstsq(X * np.sqrt(w)[:, None], y * np.sqrt(w), rcond=None)[0]
    for _ in range(iterations):
        r = np.abs(y - X @ beta)
        v = w / np.maximum(r, 1e-6)
        sv = np.sqrt(v)
        beta = np.linalg.lstsq(X * sv[:, None], y * sv, rcond=None)[0]
    return beta


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


def learn_design(T: np.ndarray, design: Design) -> dict:
    """Weights, error scales, quantiles and score of one design."""
    names = design.active_candidates()
    n, G, I, K, P, B = (
        design.n_points,
        design.n_groups,
        design.n_interval_groups,
        len(names),
        len(LEVELS),
        VOLATILITY_BINS,
    )
    data = [examples(T, design, h) for h in range(1, MAX_H + 1)]
    parts = [group_parts(Z, design) for Z, *_ in data]
    Z1, _, w1, _ = data[0]
    floor, cap = (
        float(x)
        for x in weighted_quantiles(
            volatility(Z1, design), w1, np.array([VOLATILITY_FLOOR_LEVEL, VOLATILITY_CAP_LEVEL])
        )
    )
    vols = [np.clip(volatility(Z, design), floor, cap) for Z, *_ in data]
    edges = weighted_quantiles(vols[0], w1, np.arange(1, B) / B)
    bins = [np.searchsorted(edges, v, side="right") for v in vols]

    def enough(series: np.ndarray, least: int = MIN_SERIES) -> bool:
        return len(np.unique(series)) >= least

    # 1. weights per group, jointly over the fitted horizons
    weights = np.zeros((G, K))
    for g in range(G):
        r, rest = g % n, g // n
        st, m = rest % design.n_steady, rest // design.n_steady
        chain0 = _borrowing(design, *parts[0], r, st, m)
        k = next((i for i, c in enumerate(chain0) if enough(data[0][3][c])), None)
        Cs, ys, ws = [], [], []
        for h in range(1, FIT_HORIZON + 1):
            Z, y, w, _ = data[h - 1]
            sel = (
                np.ones(len(y), bool)
                if k is None
                else _borrowing(design, *parts[h - 1], r, st, m)[k]
            )
            Cs.append(candidate_forecasts(Z[sel], design, h, names)[:, :, h - 1])
            ys.append(y[sel])
            ws.append(w[sel])
        weights[g] = convex_lad(np.concatenate(Cs), np.concatenate(ys), np.concatenate(ws))

    # 2. error scale per horizon and interval group
    scale_a, scale_b = np.zeros((MAX_H, I)), np.zeros((MAX_H, I))
    errors, cells = [], []
    for h in range(1, MAX_H + 1):
        Z, y, w, series = data[h - 1]
        v_all, b_all = vols[h - 1], bins[h - 1]
        C = candidate_forecasts(Z, design, h, names)[:, :, h - 1]
        err = y - np.einsum("nk,nk->n", C, weights[groups(Z, design)])
        errors.append(err)
        cell = np.zeros((I, B, len(err)), bool)
        for g in range(I):
            chain = _borrowing(design, *parts[h - 1], g % n, g // n, None)
            sel = next(
                (c for c in chain if enough(series[c], MIN_SERIES_INTERVALS)),
                np.ones(len(err), bool),
            )
            ab = nonnegative_lad(
                np.column_stack([np.ones(sel.sum()), v_all[sel]]), np.abs(err[sel]), w[sel]
            )
            scale_a[h - 1, g], scale_b[h - 1, g] = max(float(ab[0]), SCALE_FLOOR), float(ab[1])
            for b in range(B):
                cell[g, b] = next(
                    (
                        c & (b_all == b)
                        for c in chain
                        if enough(series[c & (b_all == b)], MIN_SERIES_INTERVALS)
                    ),
                    sel & (b_all == b),
                )
        cells.append(cell)

    # 3. quantiles of the scaled errors per horizon, interval group and volatility bin, each from
    # the
    #    horizon and its two neighbours
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
                    wparts.append(data[k - 1][2][sel])
                zq = weighted_quantiles(np.concatenate(parts_q), np.concatenate(wparts), LEVELS)
                quantiles[h - 1, g, b] = zq - zq[LEVELS == 0.5]

    # score: mean interval score at 80% and 95%, h = 1 … 5, log scale, of the intervals as forecast,
    # on the
    # examples that every design has
    dc = DesignCalibration(
        design, names, weights, floor, cap, edges, scale_a, scale_b, quantiles, 0.0
    )
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
    return {
        "offsets": list(design.offsets),
        "candidates": list(names),
        "score": round(score_sum / score_w, 6),
        "weights": np.round(weights, 6).tolist(),
        "volatility_floor": round(floor, 6),
        "volatility_cap": round(cap, 6),
        "volatility_edges": np.round(edges, 6).tolist(),
        "scale_a": np.round(scale_a, 6).tolist(),
        "scale_b": np.round(scale_b, 6).tolist(),
        "quantiles": np.round(quantiles, 4).tolist(),
    }


def learn(histories: list[np.ndarray], designs: list[str] | None = None, workers: int = 1) -> dict:
    """The calibration's learned part (as written to JSON) from train histories."""
    T = tails(histories)
    names = list(DESIGNS) if designs is None else designs
    if workers > 1:
        from multiprocessing import get_context

        with get_context("fork").Pool(workers) as pool:
            learned = pool.starmap(learn_design, [(T, DESIGNS[n]) for n in names])
    else:
        learned = [learn_design(T, DESIGNS[n]) for n in names]
    return {
        "levels": LEVELS.tolist(),
        "max_horizon": MAX_H,
        "candidates": {name: c.spec() for name, c in CANDIDATES.items()},
        "groups": {
            "steady": STEADY,
            "magnitude_edges": list(MAGNITUDE_EDGES),
            "volatility_bins": VOLATILITY_BINS,
        },
        "designs": dict(zip(names, learned)),
    }


def calibration_document(histories: list[np.ndarray], train: Path, workers: int = 1) -> dict:
    """The calibration file's content: source, rule and the learned part."""
    model = learn(histories, workers=workers)
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
        f"{RECENT} positions of each series, each series weighing the same; log scale",
        **model,
    }


def dumps(doc: dict) -> str:
    """JSON text: one line per top-level key, and per design."""
    items = []
    for key, value in doc.items():
        if key == "designs":
            inner = ",\n".join(
                f"  {json.dumps(name)}: {json.dumps(d, separators=(',', ':'))}"
                for name, d in value.items()
            )
            items.append(f' "designs": {{\n{inner}\n }}')
        else:
            items.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(items) + "\n}\n"


# -- holdout check ---------------------------------------------------------------------------------
def holdout_check(
    histories: list[np.ndarray], designs: list[str], workers: int = 1, back: int = 0
) -> pd.DataFrame:
    """Learn without the last ``back`` + 5 values of each series; score each design on the 5 before
    the last ``back``.

    With naive and drift for reference. ``back`` > 0 repeats the check on an
    earlier period.
    """
    sys.path.insert(0, str(HERE))
    from accuracy import drift, naive
    from protocol import scores

    cut = [h[: len(h) - back] for h in histories]
    kept = [h for h in cut if len(h) >= 14 and np.mean(np.abs(np.diff(h[:-5]))) > 0]
    model = learn([h[:-5] for h in kept], designs, workers)
    cal = parse_calibration({"source": "holdout", "rule": "holdout", **model}, require_all=False)
    actual = np.stack([h[-5:] for h in kept])
    scale = np.array([np.mean(np.abs(np.diff(h[:-5]))) for h in kept])
    rows = []
    for name in designs:
        design = DESIGNS[name]
        seen = np.stack([h[np.asarray(design.offsets) - 6] for h in kept])
        levels, q, _ = combined_forecast(np.log(seen), design, 5, cal)
        Y = np.exp(q)
        col = {round(float(p), 3): i for i, p in enumerate(levels)}
        for label, F in (
            ("dongson_analysis", [Y[:, :, col[p]] for p in (0.5, 0.1, 0.9, 0.025, 0.975)]),
            ("naive", naive(seen, design.offsets)),
            ("drift", drift(seen, design.offsets)),
        ):
            s = scores(actual, *F, scale)
            rows.append(
                {"design": name, "method": label, **{k: float(np.mean(v)) for k, v in s.items()}}
            )
    table = pd.DataFrame(rows)
    print(
        f"holdout: {len(kept)} train series, 5 values held out"
        + (f", {back} years back" if back else "")
    )
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
    args = parser.parse_args(argv)
    if "test" in args.train.name:
        parser.error(
            f"{args.train} looks like a test file; the calibration is learned from train files only"
        )
    histories = read_histories(args.train)
    start = time.perf_counter()
    if args.holdout:
        sys.path.insert(0, str(HERE))
        from protocol import DESIGNS as BENCH

        holdout_check(histories, [d for d in DESIGNS if d in BENCH], args.workers, args.back)
        return 0
    text = dumps(calibration_document(histories, args.train, args.workers))
    parse_calibration(json.loads(text))  # the code must accept what it learned
    seconds = time.perf_counter() - start
    if args.check:
        committed = args.out.read_text(encoding="utf-8")
        if committed != text:
            print(
                f"DIFFERENT: learning from {args.train} does not reproduce {args.out}",
                file=sys.stderr,
            )
            return 1
        print(
            f"identical: {args.out} reproduced from {args.train} ({len(histories)} series, "
            f"{seconds:.0f} s)"
        )
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} from {len(histories)} series in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
