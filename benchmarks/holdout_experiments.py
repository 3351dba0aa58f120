"""Variants of the method tried for the standing accuracy target, scored on held-out TRAIN values.

The target (issue 17, point 6): on M3 and M4 dev with five consecutive values,
sMAPE and MASE at most 0.95 × AutoCES. Every design decision is made on the dev
TRAIN file only: each variant is learned (design ``consecutive5``) without the
last 5 values of every train series (and, with ``back`` 5, without the last 10)
and scored on those 5 values, as ``learn_calibration.py --holdout`` does. Nothing
here reads a test file. None of the variants is shipped; the table says why.

    python benchmarks/holdout_experiments.py                 # every variant, back 0 and 5
    python benchmarks/holdout_experiments.py --variants base,steady3

Variants (each patches the method in its own subprocess):

- ``base``: the shipped method;
- ``mase_weights``: examples weighted by 1 / (mean absolute log step of the values
  seen) when the weights are fitted, as MASE weighs smooth series more;
- ``fit_horizon5``: weights fitted on horizons 1-5 only (the plan's horizon), not 1-10;
- ``more_candidates``: drift and trend damped by 0.9, trend damped by 0.5, and the
  last step undamped, besides the shipped seven;
- ``recent20``: the latest 20 positions of each series, not 12;
- ``steady3``: a third level of steadiness (drift at least 0.95 of the volatility);
- ``regression_line``: a candidate that continues the least-squares line from its
  own fitted value at the last year (a level shift), not from the last value.

Writes ``benchmarks/holdout_experiments.csv`` (variant, back, design, smape, mase,
coverage80, coverage95, msis) and prints it with each variant's change against
``base``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
OUT = HERE / "holdout_experiments.csv"
VARIANTS = (
    "base",
    "mase_weights",
    "fit_horizon5",
    "more_candidates",
    "recent20",
    "steady3",
    "regression_line",
)


def patch(variant: str) -> None:
    """Change the method (in this process only) as the variant says."""
    import learn_calibration as lc

    from dongson_analysis import forecast_core as fc

    if variant == "mase_weights":
        fit = lc.fit_weights

        def fit_weights(ex):
            data = []
            for Z, y, w, series in ex.data:
                steps = np.abs(np.diff(Z, axis=1)) / np.sqrt(np.diff(ex.design.offsets))
                data.append((Z, y, w / np.maximum(steps.mean(axis=1), 0.01), series))
            return fit(lc.Examples(ex.design, data, ex.parts))

        lc.fit_weights = fit_weights
    elif variant == "fit_horizon5":
        lc.FIT_HORIZON = 5
    elif variant == "more_candidates":
        for c in (
            fc.Candidate("drift_09", "end", 0.9),
            fc.Candidate("trend_09", "ols", 0.9),
            fc.Candidate("trend_fast", "ols", 0.5),
            fc.Candidate("recent", "last", 1.0),
        ):
            fc.CANDIDATES[c.name] = c
    elif variant == "recent20":
        lc.RECENT = 20
        lc.TAIL = lc.RECENT + lc.MAX_H + lc.MAX_SPAN + 1
    elif variant == "steady3":
        parts = fc.group_parts

        def group_parts(Z, design, unit=None, stretch=1.0):
            rises, steady, size = parts(Z, design, unit, stretch)
            if design.n_points < 3:
                return rises, steady, size
            Z = np.asarray(Z, float)
            d = np.diff(Z, axis=1)
            energy = design.span * np.sum(d * d / np.diff(design.offsets), axis=1)
            total = np.abs(Z[:, -1] - Z[:, 0])
            return rises, steady + ((energy > 0) & (total >= 0.95 * np.sqrt(energy))), size

        fc.group_parts = lc.group_parts = group_parts
        fc.Design.n_steady = property(lambda self: 3 if self.n_points >= 3 else 1)
    elif variant == "regression_line":
        _regression_line(fc, lc)
    elif variant != "base":
        raise SystemExit(f"unknown variant {variant!r}; known: {', '.join(VARIANTS)}")


def _regression_line(fc, lc) -> None:
    """A candidate 'line': the least-squares line's value at the last year, minus the last value,
    plus its slope times h (registered with a damping of 1 - 1e-7 so that it is not taken for
    ``trend``)."""
    fc.CANDIDATES["line"] = fc.Candidate("line", "ols", 1 - 1e-7)

    def line(Z, design, horizon):
        o = np.asarray(design.offsets, float)
        t = o - o.mean()
        b = Z @ (t / (t @ t))
        shift = Z.mean(axis=1) - b * o.mean() - Z[:, -1]
        return shift[:, None] + b[:, None] * np.arange(1, horizon + 1)[None, :]

    forecasts = fc.candidate_forecasts

    def candidate_forecasts(Z, design, horizon, names=None):
        names = design.active_candidates() if names is None else tuple(names)
        out = forecasts(Z, design, horizon, names)
        if "line" in names:
            out[:, names.index("line"), :] = line(np.asarray(Z, float), design, horizon)
        return out

    centre = fc._centre

    def _centre(Z, design, dc, weights, horizon, stretch):
        c = centre(Z, design, dc, weights, horizon, stretch)
        if "line" in dc.candidates:
            j = dc.candidates.index("line")
            damped = fc.CANDIDATES["line"].path_factor(horizon)[None, :]
            slope = fc.linear_slope(Z, design.slope_coefficients("ols"))[:, None]
            c += (line(Z, design, horizon) - slope * damped / stretch) * weights[:, j, None]
        return c

    fc.candidate_forecasts = lc.candidate_forecasts = candidate_forecasts
    fc._centre = _centre


def score(variant: str, back: int, design_name: str = "consecutive5") -> dict:
    """Learn the variant without the held-out values and score it on them."""
    sys.path.insert(0, str(HERE))
    patch(variant)
    import learn_calibration as lc
    from protocol import scores

    from dongson_analysis import forecast_core as fc
    from dongson_analysis.calibration_file import parse_calibration

    histories, _ = lc.read_histories(lc.DEFAULT_TRAIN)
    cut = [h[: len(h) - back] for h in histories]
    kept = [h for h in cut if len(h) >= 14 and np.mean(np.abs(np.diff(h[:-5]))) > 0]
    design = fc.DESIGNS[design_name]
    model = {
        "source": variant,
        "rule": variant,
        "levels": lc.LEVELS.tolist(),
        "max_horizon": lc.MAX_H,
        "candidates": {n: c.spec() for n, c in fc.CANDIDATES.items()},
        "groups": {
            "steady": lc.STEADY,
            "magnitude_edges": list(lc.MAGNITUDE_EDGES),
            "volatility_bins": lc.VOLATILITY_BINS,
        },
        "designs": {design_name: lc.learn_design(lc.tails([h[:-5] for h in kept]), design)},
    }
    cal = parse_calibration(model, require_all=False)
    seen = np.stack([h[np.asarray(design.offsets) - 6] for h in kept])
    levels, q, _ = fc.combined_forecast(np.log(seen), design, 5, cal)
    Y = np.exp(q)
    col = {round(float(p), 3): i for i, p in enumerate(levels)}
    actual = np.stack([h[-5:] for h in kept])
    scale = np.array([np.mean(np.abs(np.diff(h[:-5]))) for h in kept])
    per = scores(actual, *[Y[:, :, col[p]] for p in (0.5, 0.1, 0.9, 0.025, 0.975)], scale)
    return {
        "variant": variant,
        "back": back,
        "design": design_name,
        "n_series": len(kept),
        **{k: round(float(np.mean(v)), 4) for k, v in per.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--backs", default="0,5", help="comma-separated periods back")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--one", nargs=2, metavar=("VARIANT", "BACK"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:  # a subprocess: one variant, one period, printed as JSON
        print(json.dumps(score(args.one[0], int(args.one[1]))))
        return 0
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variants: {', '.join(unknown)}; known: {', '.join(VARIANTS)}")
    rows = []
    for variant in variants:
        for back in (int(b) for b in args.backs.split(",")):
            done = subprocess.run(
                [sys.executable, __file__, "--one", variant, str(back)],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(rows[-1], file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    table.to_csv(args.out, index=False)
    base = table[table["variant"] == "base"].set_index("back")
    if len(base):
        for metric in ("smape", "mase", "msis"):
            table[f"{metric}_vs_base"] = [
                round(r[metric] / base.loc[r["back"], metric], 4) for _, r in table.iterrows()
            ]
    with pd.option_context("display.width", 200, "display.max_columns", None):
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
