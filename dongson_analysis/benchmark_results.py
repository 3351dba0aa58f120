"""The committed benchmark results, as data the methods chapter reads, and the verdicts they
support.

``benchmarks/accuracy.py`` writes ``dongson_analysis/benchmark_results/accuracy.csv``
(one row per data set, design and method) and ``speed.csv``; they ship inside the
package, so an installed package finds them. :meth:`BenchmarkResults.verdicts`
compares our method with the targets of the forecasting issue: coverage within ±3
points of nominal and sMAPE no worse than the best other method for every design;
for five consecutive values also sMAPE and MASE at most 0.95 × and MSIS at most
0.8 × the best peer that forecast every series.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import resources

import pandas as pd

OURS = "dongson_analysis"
ACCURACY_COLUMNS = (
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
)
STANDING_TARGETS = {"smape": 0.95, "mase": 0.95, "msis": 0.8}
STANDING_DESIGN = "consecutive5"
#: The designs ``benchmarks/accuracy.py`` measures (its ``protocol.DESIGNS``; a test keeps the two
#: equal).
BENCHMARK_DESIGNS = ("consecutive5", "two_far", "three_irregular", "gap5", "consecutive2")
COVERAGE_TOLERANCE = 0.03


@dataclass(frozen=True)
class Verdict:
    """One target: met or not, our value, the limit and the method that sets it."""

    dataset: str
    design: str
    target: str  # "coverage80", "coverage95", "smape_best", "smape", "mase", "msis"
    met: bool
    value: float
    limit: float
    reference: str  # the method that sets the limit ("" for coverage)


@dataclass(frozen=True)
class BenchmarkResults:
    accuracy: pd.DataFrame
    speed: pd.DataFrame

    def designs(self) -> list[str]:
        return list(dict.fromkeys(self.accuracy["design"]))

    def datasets(self) -> list[str]:
        return list(dict.fromkeys(self.accuracy["dataset"]))

    def table(self, dataset: str, design: str) -> pd.DataFrame:
        rows = self.accuracy[
            (self.accuracy["dataset"] == dataset) & (self.accuracy["design"] == design)
        ]
        return rows.reset_index(drop=True)

    def verdicts(self, dataset: str, design: str) -> list[Verdict]:
        rows = self.table(dataset, design)
        mine = rows[rows["method"] == OURS]
        if mine.empty:
            return []
        me = mine.iloc[0]
        complete = rows[(rows["method"] != OURS) & (rows["n_series"] == rows["n_series"].max())]
        out = [
            Verdict(
                dataset,
                design,
                f"coverage{level}",
                abs(float(me[f"coverage{level}"]) - level / 100) <= COVERAGE_TOLERANCE + 1e-12,
                float(me[f"coverage{level}"]),
                level / 100,
                "",
            )
            for level in (80, 95)
        ]
        if len(complete):
            best = complete.loc[complete["smape"].idxmin()]
            out.append(
                Verdict(
                    dataset,
                    design,
                    "smape_best",
                    float(me["smape"]) <= float(best["smape"]),
                    float(me["smape"]),
                    float(best["smape"]),
                    str(best["method"]),
                )
            )
            peers = complete[~complete["method"].isin(["naive", "drift"])]
            if design == STANDING_DESIGN and len(peers):
                for metric, factor in STANDING_TARGETS.items():
                    ref = peers.loc[peers[metric].idxmin()]
                    limit = factor * float(ref[metric])
                    out.append(
                        Verdict(
                            dataset,
                            design,
                            metric,
                            float(me[metric]) <= limit,
                            float(me[metric]),
                            limit,
                            str(ref["method"]),
                        )
                    )
        return out

    def speed_of(self, dataset: str, method: str) -> tuple[int, float] | None:
        """How many series the timing covered, and its seconds (None if not measured)."""
        rows = self.speed[(self.speed["dataset"] == dataset) & (self.speed["method"] == method)]
        return (
            None if rows.empty else (int(rows["n_series"].iloc[0]), float(rows["seconds"].iloc[0]))
        )


def load_benchmark_results() -> BenchmarkResults:
    """The results shipped with the package (empty tables if the benchmark was never run)."""
    folder = resources.files("dongson_analysis").joinpath("benchmark_results")
    frames = {}
    for name in ("accuracy", "speed"):
        entry = folder.joinpath(f"{name}.csv")
        frames[name] = (
            pd.read_csv(io.StringIO(entry.read_text("utf-8")))
            if entry.is_file()
            else pd.DataFrame(
                columns=list(ACCURACY_COLUMNS)
                if name == "accuracy"
                else ["dataset", "method", "n_series", "seconds"]
            )
        )
    return BenchmarkResults(frames["accuracy"], frames["speed"])
