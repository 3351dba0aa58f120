"""A synthetic province: many communes' figures, for measuring the tool at scale.

    python benchmarks/synthetic_province.py FOLDER [--areas 166] [--indicators 30] [--years 10]

:func:`write_synthetic_province` writes, under ``FOLDER``:

``catalogue/``
    A copy of the shipped catalogue with the synthetic areas added to ``areas.csv`` and their
    names to ``names.csv`` (a province ``synthetic_tinh`` and its communes
    ``synthetic_xa_0001`` ...), every name marked "(synthetic)".
``data/synthetic_sources.csv``
    One source, ``SYNTHETIC``, that says it is generated.
``data/national/``
    The shipped national definition changes (``breaks.csv``, with their ``sources.csv``),
    copied as they are: real, sourced, and needed by every series that runs across a new
    poverty line.
``data/synthetic_observations.csv``
    ``n_areas`` × ``n_indicators`` × ``n_years`` figures (actuals, the last year an estimate),
    written the way a planner's template is written (``# number_format: vi``: ``3.000``,
    ``18,2``), plus one term target per area and indicator. Every row's note says it is
    synthetic.

Nothing here is a real figure: the values are drawn from a seeded random generator, within
each indicator's bounds, growing the way its kind grows. The same arguments write the same
bytes.
"""

from __future__ import annotations

import argparse
import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "data" / "catalogue"
NATIONAL = REPO / "data" / "raw" / "national"
SOURCE_ID = "SYNTHETIC"
PROVINCE = "synthetic_tinh"
FIRST_YEAR = 2016


@dataclass(frozen=True)
class SyntheticProvince:
    """Where a synthetic province was written.

    Attributes
    ----------
    catalogue : Path
        The catalogue folder (the shipped catalogue plus the synthetic areas).
    data : Path
        The folder of figures and sources (pass it as the data path).
    areas : tuple of str
        The communes' ids, in order.
    indicators : tuple of str
        The indicators that have figures.
    rows : int
        Figures written (targets included).
    """

    catalogue: Path
    data: Path
    areas: tuple[str, ...]
    indicators: tuple[str, ...]
    rows: int


def area_ids(n_areas: int) -> list[str]:
    """The synthetic communes' ids: ``synthetic_xa_0001`` ..."""
    width = max(4, len(str(n_areas)))
    return [f"synthetic_xa_{i:0{width}d}" for i in range(1, n_areas + 1)]


def _indicators(n_indicators: int, catalogue: Path) -> list[dict[str, str]]:
    """Catalogue rows of the indicators to fill: every kind but milestones, no alias, no ratio."""
    with (catalogue / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if r["kind"] != "milestone" and not r["same_as"] and not r["ratio_of"]
        ]
    if n_indicators > len(rows):
        raise ValueError(f"the catalogue has {len(rows)} indicators to fill, not {n_indicators}")
    return rows[:n_indicators]


def _bound(text: str, default: float) -> float:
    return float(text) if text else default


def _series(row: dict[str, str], n_years: int, rng: np.random.Generator) -> np.ndarray:
    """One area's yearly values of one indicator, within its bounds, rounded to its precision."""
    low = _bound(row["lower_bound"], -np.inf)
    high = _bound(row["upper_bound"], np.inf)
    t = np.arange(n_years)
    kind = row["kind"]
    if kind == "share":
        values = rng.uniform(20, 70) + rng.uniform(-1, 2) * t + rng.normal(0, 0.8, n_years)
    elif kind == "growth_rate":
        values = rng.uniform(4, 12) + rng.normal(0, 1.0, n_years)
    elif kind == "ratio":
        top = high if np.isfinite(high) else 3.0
        values = rng.uniform(0.3, 0.9) * top + rng.normal(0, 0.02 * top, n_years)
    elif kind == "count" and np.isfinite(high):
        values = np.minimum(rng.uniform(0.2, 0.6) * high + t, high)
    else:  # level, count, cumulative: a positive quantity growing a few percent a year
        growth = rng.uniform(0.02, 0.12)
        values = rng.uniform(50, 5000) * (1 + growth) ** t * rng.lognormal(0, 0.03, n_years)
    values = np.clip(values, max(low, 0.0) if kind != "growth_rate" else low, high)
    decimals = 0 if kind == "count" else max(0, int(row["precision"]))
    return np.round(values, decimals)


def _vi(value: float) -> str:
    """A figure written the Vietnamese way (``3.000``, ``18,2``)."""
    whole, _, decimals = f"{abs(value):,.6f}".rstrip("0").rstrip(".").partition(".")
    text = whole.replace(",", ".") + ("," + decimals if decimals else "")
    return ("-" if value < 0 else "") + text


def _write_catalogue(folder: Path, areas: list[str], catalogue: Path) -> None:
    shutil.copytree(catalogue, folder, dirs_exist_ok=True)
    with (folder / "areas.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([PROVINCE, "tinh", "", "", "", "", "", "synthetic province (benchmark)"])
        for area in areas:
            writer.writerow([area, "xa", PROVINCE, "", "", "", "", "synthetic commune (benchmark)"])
    with (folder / "names.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area", PROVINCE, "vi", "", "Tỉnh tổng hợp (synthetic)"])
        writer.writerow(["area", PROVINCE, "en", "", "Synthetic province"])
        for i, area in enumerate(areas, start=1):
            writer.writerow(["area", area, "vi", "", f"Xã tổng hợp {i} (synthetic)"])
            writer.writerow(["area", area, "en", "", f"Synthetic commune {i}"])


def write_synthetic_province(
    folder: Path | str,
    n_areas: int,
    n_indicators: int = 30,
    n_years: int = 10,
    seed: int = 0,
    catalogue: Path | str = CATALOGUE,
) -> SyntheticProvince:
    """Write a synthetic province's catalogue, sources and figures under ``folder``.

    Parameters
    ----------
    folder : path
        Where to write (created if missing); ``catalogue/`` and ``data/`` are made inside it.
    n_areas : int
        Number of communes.
    n_indicators : int
        Number of indicators with figures (taken in catalogue order).
    n_years : int
        Years of figures per series, from 2016 on.
    seed : int
        Seed of the random generator: the same arguments write the same files.
    catalogue : path
        The catalogue the synthetic areas are added to (default: the shipped one; another
        checkout's, to measure its code on the same figures).

    Returns
    -------
    SyntheticProvince
        The folders written and what they hold.
    """
    folder = Path(folder)
    areas = area_ids(n_areas)
    indicators = _indicators(n_indicators, Path(catalogue))
    _write_catalogue(folder / "catalogue", areas, Path(catalogue))
    data = folder / "data"
    (data / "national").mkdir(parents=True, exist_ok=True)
    for name in ("breaks.csv", "sources.csv"):
        shutil.copy(NATIONAL / name, data / "national" / name)
    (data / "synthetic_sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\n"
        f"{SOURCE_ID},Synthetic data (benchmarks/synthetic_province.py),2025,,"
        "generated figures for a benchmark; not a real source\n",
        encoding="utf-8",
    )
    rng = np.random.default_rng(seed)
    last = FIRST_YEAR + n_years - 1
    rows = 0
    with (data / "synthetic_observations.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("# number_format: vi\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area", "indicator", "unit", "period", "value", "status", "source_id"])
        for area in areas:
            for row in indicators:
                values = _series(row, n_years, rng)
                for year, value in zip(range(FIRST_YEAR, last + 1), values):
                    status = "estimate" if year == last else "actual"
                    writer.writerow(
                        [area, row["indicator"], row["unit"], year, _vi(value), status, SOURCE_ID]
                    )
                target = values[-1] if row["kind"] != "cumulative" else values.sum()
                writer.writerow(
                    [
                        area,
                        row["indicator"],
                        row["unit"],
                        f"{FIRST_YEAR}-{last}" if row["kind"] == "cumulative" else last,
                        _vi(float(target)),
                        "target",
                        SOURCE_ID,
                    ]
                )
                rows += n_years + 1
    return SyntheticProvince(
        folder / "catalogue",
        data,
        tuple(areas),
        tuple(r["indicator"] for r in indicators),
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--areas", type=int, default=166)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    made = write_synthetic_province(args.folder, args.areas, args.indicators, args.years, args.seed)
    print(f"{made.rows} synthetic figures in {made.data}; catalogue {made.catalogue}")


if __name__ == "__main__":
    main()
