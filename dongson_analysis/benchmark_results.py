"""The committed benchmark results, as data the methods chapter reads, and the verdicts they
support.

``benchmarks/accuracy.py`` writes into ``dongson_analysis/benchmark_results/``
``accuracy.csv`` (one row per data set, design and method), ``accuracy_by_category.csv``
(the same per M4 category), ``accuracy_by_pool.csv`` (our method per category, with
each series' own calibration pool and pooled) and ``speed.csv``; they ship inside
the package, so an installed package finds them. :meth:`BenchmarkResults.verdicts`
compares our method with the targets of the forecasting issue: coverage within ±3
points of nominal and sMAPE no worse than the best other method for every design;
for five consecutive values also sMAPE and MASE at most 0.95 × and MSIS at most
0.8 × the best peer that forecast every series. :meth:`BenchmarkResults.category_verdicts`
checks coverage within ±5 points in every category × design cell of at least 100
series, and :meth:`BenchmarkResults.group_coverage` gives the coverage measured for
a series group's categories (what the working notes state for each indicator).

References
----------
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition:
100,000 time series and 61 forecasting methods. International Journal of
Forecasting, 36(1), 54-74.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from importlib import resources

import pandas as pd

from .series_groups import CALIBRATION_POOLS, pool_of

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
#: per category × design: cells of at least this many series, coverage within ± this
MIN_CELL_SERIES, CELL_TOLERANCE = 100, 0.05
POOL_COLUMNS = (
    "dataset",
    "design",
    "category",
    "calibration",
    "n_series",
    "smape",
    "mase",
    "coverage80",
    "coverage95",
    "msis",
)


@dataclass(frozen=True)
class Verdict:
    """One target: met or not, our value, the limit and the method that sets it.

    Parameters
    ----------
    dataset, design : str
    target : str
        ``coverage80``, ``coverage95``, ``smape_best``, ``smape``, ``mase`` or ``msis``.
    met : bool
    value, limit : float
    reference : str
        The method that sets the limit (empty for coverage).

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    dataset: str
    design: str
    target: str  # "coverage80", "coverage95", "smape_best", "smape", "mase", "msis"
    met: bool
    value: float
    limit: float
    reference: str  # the method that sets the limit ("" for coverage)


@dataclass(frozen=True)
class CellVerdict:
    """Coverage of one category × design cell against nominal ± :data:`CELL_TOLERANCE`.

    Parameters
    ----------
    dataset, design, category : str
    n_series : int
    coverage80, coverage95 : float
    met : bool
        Both coverages within the tolerance.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    dataset: str
    design: str
    category: str
    n_series: int
    coverage80: float
    coverage95: float
    met: bool


@dataclass(frozen=True)
class BenchmarkResults:
    """The committed results: accuracy per data set, design and method, speed, and (optional)
    our method per category with each series' own calibration pool and pooled.

    Parameters
    ----------
    accuracy, speed : DataFrame
        ``accuracy.csv`` (columns :data:`ACCURACY_COLUMNS`) and ``speed.csv``.
    by_pool : DataFrame, optional
        ``accuracy_by_pool.csv`` (columns :data:`POOL_COLUMNS`); empty if absent.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    accuracy: pd.DataFrame
    speed: pd.DataFrame
    by_pool: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=POOL_COLUMNS))

    def designs(self) -> list[str]:
        """The designs measured, in the order of the results file.

        Returns
        -------
        list of str
        """
        return list(dict.fromkeys(self.accuracy["design"]))

    def datasets(self) -> list[str]:
        """The data sets measured, in the order of the results file.

        Returns
        -------
        list of str
        """
        return list(dict.fromkeys(self.accuracy["dataset"]))

    def table(self, dataset: str, design: str) -> pd.DataFrame:
        """Every method's row for one data set and design.

        Parameters
        ----------
        dataset, design : str

        Returns
        -------
        DataFrame
            Columns :data:`ACCURACY_COLUMNS`, index from 0.
        """
        rows = self.accuracy[
            (self.accuracy["dataset"] == dataset) & (self.accuracy["design"] == design)
        ]
        return rows.reset_index(drop=True)

    def verdicts(self, dataset: str, design: str) -> list[Verdict]:
        """Our method against the forecasting issue's targets on one data set and design.

        Parameters
        ----------
        dataset, design : str

        Returns
        -------
        list of Verdict
            Coverage at 80% and 95% (within :data:`COVERAGE_TOLERANCE`); sMAPE against
            the best other method that forecast every series; for
            :data:`STANDING_DESIGN`, sMAPE, MASE and MSIS against
            :data:`STANDING_TARGETS` times the best peer. Empty without our row.
        """
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
            out += _against_others(dataset, design, me, complete)
        return out

    def category_verdicts(self, calibration: str = "by_pool") -> list[CellVerdict]:
        """Coverage in every category × design cell of at least :data:`MIN_CELL_SERIES` series.

        Parameters
        ----------
        calibration : {"by_pool", "pooled"}, optional
            Each series with its category's pool (as shipped, the default) or pooled.

        Returns
        -------
        list of CellVerdict
            ``met``: 80% and 95% coverage both within :data:`CELL_TOLERANCE` of nominal.
        """
        rows = self.by_pool[
            (self.by_pool["calibration"] == calibration)
            & (self.by_pool["category"] != "all")
            & (self.by_pool["n_series"] >= MIN_CELL_SERIES)
        ]
        return [
            CellVerdict(
                r.dataset,
                r.design,
                r.category,
                int(r.n_series),
                float(r.coverage80),
                float(r.coverage95),
                abs(r.coverage80 - 0.8) <= CELL_TOLERANCE + 1e-12
                and abs(r.coverage95 - 0.95) <= CELL_TOLERANCE + 1e-12,
            )
            for r in rows.itertuples()
        ]

    def group_coverage(self, group: str | None, design: str) -> pd.DataFrame:
        """The scores measured on the M4 (and M3) categories a series group is calibrated on.

        Parameters
        ----------
        group : str or None
            A series group (:data:`dongson_analysis.series_groups.SERIES_GROUPS`), or None
            for the pooled calibration (every category together).
        design : str
            A benchmark design (:data:`BENCHMARK_DESIGNS`).

        Returns
        -------
        DataFrame
            Rows of ``accuracy_by_pool.csv`` (columns :data:`POOL_COLUMNS`): with each
            series' own pool, one per data set and category of the group's pool; for
            None, the pooled calibration over all categories.

        Raises
        ------
        UnknownSeriesGroupError
            For an unknown group.
        """
        pool = pool_of(group)
        rows = self.by_pool[self.by_pool["design"] == design]
        if group is None:
            rows = rows[(rows["calibration"] == "pooled") & (rows["category"] == "all")]
        else:
            rows = rows[
                (rows["calibration"] == "by_pool") & rows["category"].isin(CALIBRATION_POOLS[pool])
            ]
        return rows.reset_index(drop=True)

    def speed_of(self, dataset: str, method: str) -> tuple[int, float] | None:
        """How many series the timing covered, and its seconds.

        Parameters
        ----------
        dataset, method : str

        Returns
        -------
        tuple of (int, float) or None
            None if the method was not measured on the data set.
        """
        rows = self.speed[(self.speed["dataset"] == dataset) & (self.speed["method"] == method)]
        return (
            None if rows.empty else (int(rows["n_series"].iloc[0]), float(rows["seconds"].iloc[0]))
        )


def _against_others(dataset: str, design: str, me, complete: pd.DataFrame) -> list[Verdict]:
    """sMAPE against the best other method; on the standing design, the peer targets."""
    best = complete.loc[complete["smape"].idxmin()]
    out = [
        Verdict(
            dataset,
            design,
            "smape_best",
            float(me["smape"]) <= float(best["smape"]),
            float(me["smape"]),
            float(best["smape"]),
            str(best["method"]),
        )
    ]
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


def load_benchmark_results() -> BenchmarkResults:
    """The results shipped with the package (empty tables if the benchmark was never run).

    Returns
    -------
    BenchmarkResults

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    folder = resources.files("dongson_analysis").joinpath("benchmark_results")
    empty = {
        "accuracy": list(ACCURACY_COLUMNS),
        "speed": ["dataset", "method", "n_series", "seconds"],
        "accuracy_by_pool": list(POOL_COLUMNS),
    }
    frames = {}
    for name, columns in empty.items():
        entry = folder.joinpath(f"{name}.csv")
        frames[name] = (
            pd.read_csv(io.StringIO(entry.read_text("utf-8")))
            if entry.is_file()
            else pd.DataFrame(columns=columns)
        )
    return BenchmarkResults(frames["accuracy"], frames["speed"], frames["accuracy_by_pool"])
