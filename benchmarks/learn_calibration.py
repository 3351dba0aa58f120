"""Learn the combination weights and error quantiles shipped in the package.

Reads ONLY the training part of a benchmark pair (by default
``../shared/benchmarks/m4_yearly_dev_train.csv``): every window of m consecutive
values (m = 2..5) followed by h more values (h = 1..10) inside a train history is
an example. Its target is the log change from the window's last value to the value
h years later. Examples are grouped by the number of years in the window in which
the series rose (0 to m-1). For each (m, h, group):

1. candidate weights: weighted least absolute deviations of the target on the
   candidates' forecasts (:mod:`dongson_analysis.forecast_core`);
2. error scale: a + b * (root mean square yearly change of the window), fitted by
   least absolute deviations of the absolute error;
3. quantiles of the error divided by that scale, on a fixed grid of levels,
   shifted so that the median is the combination itself.

Each series weighs the same (its windows share a weight of 1), and only the
``RECENT`` latest windows of each series are used, the ones closest in time to
what is forecast. ``--holdout`` keeps the last 5 values of every series out of
learning and scores the result on them: the check used to make design choices,
without looking at any test file.

    python benchmarks/learn_calibration.py [--train FILE] [--out FILE] [--holdout]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from dongson_analysis.forecast_core import (CANDIDATES, Calibration, candidate_forecasts, combined_forecast,
                                           window_group, window_scale)

HERE = Path(__file__).resolve().parent
DEFAULT_TRAIN = HERE.parent.parent / "shared" / "benchmarks" / "m4_yearly_dev_train.csv"
DEFAULT_OUT = HERE.parent / "dongson_analysis" / "calibration" / "short_series.json"
WINDOWS = (2, 3, 4, 5)
MAX_H = 10
RECENT = 12
LEVELS = np.round(np.concatenate([[0.005, 0.01, 0.025], np.arange(0.05, 0.951, 0.05), [0.975, 0.99, 0.995]]), 3)


def examples(histories: list[np.ndarray], m: int, h: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Windows, targets and weights for window length m and horizon h (log scale)."""
    Zs, ys, ws = [], [], []
    for y in histories:
        z = np.log(y)
        last_positions = np.arange(m - 1, len(z) - h)
        if len(last_positions) == 0:
            continue
        last_positions = last_positions[-RECENT:]
        idx = last_positions[:, None] + np.arange(-m + 1, 1)[None, :]
        Zs.append(z[idx])
        ys.append(z[last_positions + h] - z[last_positions])
        ws.append(np.full(len(last_positions), 1.0 / len(last_positions)))
    return np.concatenate(Zs), np.concatenate(ys), np.concatenate(ws)


def weighted_lad(X: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int = 60) -> np.ndarray:
    """Least absolute deviations by iteratively reweighted least squares."""
    beta = np.linalg.lstsq(X * np.sqrt(w)[:, None], y * np.sqrt(w), rcond=None)[0]
    for _ in range(iterations):
        r = np.abs(y - X @ beta)
        v = w / np.maximum(r, 1e-6)
        sv = np.sqrt(v)
        beta = np.linalg.lstsq(X * sv[:, None], y * sv, rcond=None)[0]
    return beta


def convex_lad(C: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weights >= 0 summing to 1 that minimise the weighted absolute error (a linear programme)."""
    from scipy.optimize import linprog
    from scipy.sparse import eye, hstack, csr_matrix

    n, k = C.shape
    cost = np.concatenate([np.zeros(k), w, w])
    A_eq = hstack([csr_matrix(C), eye(n), -eye(n)]).tocsr()
    sum_row = csr_matrix(np.concatenate([np.ones(k), np.zeros(2 * n)])[None, :])
    from scipy.sparse import vstack
    result = linprog(cost, A_eq=vstack([A_eq, sum_row]), b_eq=np.concatenate([y, [1.0]]),
                     bounds=(0, None), method="highs")
    if not result.success:
        raise RuntimeError(result.message)
    return np.round(result.x[:k], 6)


def weighted_quantiles(x: np.ndarray, w: np.ndarray, levels: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    cum = (np.cumsum(w) - 0.5 * w) / w.sum()
    return np.interp(levels, cum, x)


def learn(histories: list[np.ndarray]) -> dict:
    windows = {}
    for m in WINDOWS:
        weights = np.zeros((MAX_H, m, len(CANDIDATES)))
        scale_a, scale_b = np.zeros((MAX_H, m)), np.zeros((MAX_H, m))
        quantiles = np.zeros((MAX_H, m, len(LEVELS)))
        active = [0, 1, 3] if m == 2 else list(range(len(CANDIDATES)))  # trend = drift when m = 2
        for h in range(1, MAX_H + 1):
            Z_all, y_all, w_all = examples(histories, m, h)
            groups = window_group(Z_all)
            for g in range(m):
                sel = groups == g
                Z, y, w = Z_all[sel], y_all[sel], w_all[sel]
                C = candidate_forecasts(Z, h)[:, :, h - 1]
                beta = np.zeros(len(CANDIDATES))
                beta[active] = convex_lad(C[:, active], y, w)
                err = y - C @ beta
                s = window_scale(Z)
                ab = weighted_lad(np.column_stack([np.ones_like(s), s]), np.abs(err), w)
                a, b = max(ab[0], 1e-3), max(ab[1], 0.0)
                weights[h - 1, g] = beta
                scale_a[h - 1, g], scale_b[h - 1, g] = a, b
                zq = weighted_quantiles(err / (a + b * s), w, LEVELS)
                quantiles[h - 1, g] = zq - zq[LEVELS == 0.5]  # the median forecast is the combination
        windows[str(m)] = {"weights": np.round(weights, 6).tolist(), "scale_a": np.round(scale_a, 6).tolist(),
                           "scale_b": np.round(scale_b, 6).tolist(), "quantiles": np.round(quantiles, 6).tolist()}
    return {"levels": LEVELS.tolist(), "windows": windows}


def read_histories(path: Path) -> tuple[list[np.ndarray], list[str]]:
    frame = pd.read_csv(path).sort_values(["unique_id", "ds"], kind="stable")
    ids, hist = [], []
    for key, g in frame.groupby("unique_id", sort=True):
        y = g["y"].to_numpy(float)
        if np.all(y > 0):
            ids.append(str(key))
            hist.append(y)
    return hist, ids


def holdout_check(histories: list[np.ndarray]) -> None:
    """Learn without the last 5 values of each series; score on them."""
    sys.path.insert(0, str(HERE))
    from protocol import scores

    kept = [h for h in histories if len(h) >= 15 and np.mean(np.abs(np.diff(h[:-5]))) > 0]
    model = learn([h[:-5] for h in kept])
    cals = {int(m): Calibration(int(m), np.array(c["weights"]), np.array(c["scale_a"]), np.array(c["scale_b"]),
                                np.array(model["levels"]), np.array(c["quantiles"])) for m, c in model["windows"].items()}
    Z = np.log(np.stack([h[-10:-5] for h in kept]))
    levels, q, _ = combined_forecast(Z, 5, cals[5])
    Y = np.exp(q)
    col = {round(p, 3): i for i, p in enumerate(levels)}
    actual = np.stack([h[-5:] for h in kept])
    scale = np.array([np.mean(np.abs(np.diff(h[:-5]))) for h in kept])
    s = scores(actual, Y[:, :, col[0.5]], Y[:, :, col[0.1]], Y[:, :, col[0.9]], Y[:, :, col[0.025]],
               Y[:, :, col[0.975]], scale)
    naive = np.repeat(Z[:, -1:], 5, axis=1)
    ns = scores(actual, np.exp(naive), np.exp(naive), np.exp(naive), np.exp(naive), np.exp(naive), scale)
    print(f"holdout ({len(kept)} series): " + ", ".join(f"{k} {np.mean(v):.3f}" for k, v in s.items())
          + f" | naive smape {np.mean(ns['smape']):.3f} mase {np.mean(ns['mase']):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--holdout", action="store_true", help="score on held-out train values; write nothing")
    args = parser.parse_args(argv)
    histories, _ = read_histories(args.train)
    if args.holdout:
        holdout_check(histories)
        return 0
    model = learn(histories)
    out = {
        "source": "M4 forecasting competition, yearly series: the training part of the dev benchmark "
                  f"({args.train.name}, {len(histories)} series); Makridakis, Spiliotis & Assimakopoulos, "
                  "International Journal of Forecasting 36(1), 2020",
        "rule": "benchmarks/learn_calibration.py: weighted LAD weights of the candidates per window length and "
                f"horizon and number of rising years, LAD error scale, empirical quantiles of scaled errors; "
                f"the latest {RECENT} windows "
                "of each series, each series weighing the same; log scale",
        "candidates": list(CANDIDATES),
        "max_horizon": MAX_H,
        **model,
    }
    text = json.dumps(out, indent=1, ensure_ascii=False, default=float)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} from {len(histories)} series")
    return 0


if __name__ == "__main__":
    sys.exit(main())
