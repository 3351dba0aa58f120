"""Synthetic areas for tests of runs over many areas: every figure here is made up (seeded),
every area and source is named synthetic, and nothing is shipped.

:func:`write_varied_areas` writes a province and its communes whose figures and targets reach
every judgement rule: levels and shares judged on their outcome or on progress, a share near
its bound, a target of zero, a level to hold every year of a term, totals over a term (from
yearly figures or a range), growth rates (a year's, a term's average, on the level path), a
fall in points a year across the national poverty-line break, a figure relative to another, a
milestone, half-year figures, estimates, qualifiers, an alias, shares of one structure, gaps.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "data" / "catalogue"
NATIONAL = REPO / "data" / "raw" / "national"
PROVINCE = "synthetic_tinh_varied"
SOURCE = "SYNV"


@dataclass(frozen=True)
class VariedAreas:
    """Where the synthetic areas were written: the catalogue, the data folder, the areas (the
    province first)."""

    catalogue: Path
    data: Path
    areas: tuple[str, ...]


def _area_ids(n: int) -> list[str]:
    return [f"synthetic_xa_varied_{i:02d}" for i in range(1, n + 1)]


def _catalogue(folder: Path, communes: list[str]) -> Path:
    shutil.copytree(CATALOGUE, folder, dirs_exist_ok=True)
    with (folder / "areas.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([PROVINCE, "tinh", "", "", "", "", "", "synthetic province (tests)"])
        for area in communes:
            writer.writerow([area, "xa", PROVINCE, "", "", "", "", "synthetic commune (tests)"])
    with (folder / "names.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area", PROVINCE, "vi", "", "Tỉnh thử nghiệm (synthetic)"])
        writer.writerow(["area", PROVINCE, "en", "", "Synthetic test province"])
        for i, area in enumerate(communes, start=1):
            writer.writerow(["area", area, "vi", "", f"Xã thử nghiệm {i} (synthetic)"])
            writer.writerow(["area", area, "en", "", f"Synthetic test commune {i}"])
    return folder


def _number(value: float, decimals: int = 2) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _rows(area: str, rng: np.random.Generator) -> list[list[str]]:
    """One area's figures and targets (see the module docstring)."""
    out: list[list[str]] = []

    def add(indicator, unit, period, value, status="actual", qualifier="", decimals=2):
        out.append(
            [
                area,
                indicator,
                unit,
                str(period),
                _number(value, decimals),
                status,
                SOURCE,
                qualifier,
            ]
        )

    def years(first: int, last: int, keep: float = 0.8) -> list[int]:
        chosen = [y for y in range(first, last + 1) if rng.random() < keep]
        return chosen or [last]

    def status_of(year: int, last: int) -> str:
        return "estimate" if year == last and rng.random() < 0.5 else "actual"

    # a level: outcome or progress (2020 missing), a target of the next plan
    income = rng.uniform(15, 40)
    last = int(rng.choice([2019, 2020, 2020]))
    for y in years(2014, last):
        add(
            "income_per_capita",
            "million VND/person/year",
            y,
            income * 1.1 ** (y - 2014),
            status_of(y, last),
            decimals=1,
        )
    add(
        "income_per_capita",
        "million VND/person/year",
        2020,
        income * 1.1**6 * rng.uniform(0.9, 1.15),
        "target",
        decimals=1,
    )
    if rng.random() < 0.5:
        add(
            "income_per_capita",
            "million VND/person/year",
            2025,
            income * 1.1**11 * rng.uniform(0.8, 1.2),
            "target",
            decimals=0,
        )
    # a share, lower is better, across the 2016 poverty line; its fall in points a year
    poverty = rng.uniform(4, 15)
    for y in years(2015, 2020):
        add(
            "poverty_rate",
            "%",
            y,
            max(poverty - rng.uniform(0.6, 1.6) * (y - 2015), 0.3),
            status_of(y, 2020),
        )
    add("poverty_rate", "%", 2020, rng.uniform(1, 4), "target")
    if rng.random() < 0.7:
        add(
            "poverty_rate_reduction",
            "percentage points/year",
            "2016-2020",
            rng.uniform(0.8, 2),
            "target",
            "at_least",
        )
    # a level to hold in every year of a term
    food = rng.uniform(20000, 60000)
    for y in years(2016, 2020, 0.7):
        add(
            "food_output",
            "tonnes",
            y,
            food * rng.uniform(0.95, 1.08),
            status_of(y, 2020),
            decimals=0,
        )
    add("food_output", "tonnes", "2016-2020", food, "target", "at_least", decimals=0)
    # growth rates: a year's target, a term's average on the level path
    for y in years(2016, int(rng.choice([2019, 2020])), 0.9):
        add("production_value_growth", "%", y, rng.uniform(5, 15), status_of(y, 2020))
    if rng.random() < 0.5:
        level = rng.uniform(1000, 5000)
        for y in years(2015, 2020, 0.6):
            add("production_value", "billion VND", y, level * 1.1 ** (y - 2015), decimals=1)
    add("production_value_growth", "%", 2018, rng.uniform(8, 12), "target")
    add("production_value_growth_avg", "%/year", "2016-2020", rng.uniform(8, 12), "target")
    # a total over a term, from yearly figures or a range
    if rng.random() < 0.5:
        for y in range(2016, int(rng.choice([2018, 2019, 2020])) + 1):
            add("new_jobs_total", "persons", y, rng.uniform(1500, 2500), decimals=0)
    else:
        add("new_jobs_total", "persons", "2016-2018", rng.uniform(4000, 7000), decimals=0)
    add(
        "new_jobs_total",
        "persons",
        "2016-2020",
        rng.uniform(8000, 12000),
        "target",
        "at_least",
        decimals=0,
    )
    # relative to another figure (the province's estimate)
    add("budget_revenue_vs_provincial_estimate", "% above estimate", 2020, 5, "target", "at_least")
    if rng.random() < 0.8:
        add("budget_revenue", "billion VND", 2020, rng.uniform(150, 260))
        if rng.random() < 0.8:
            add("budget_revenue_provincial_estimate", "billion VND", 2020, 200, "target")
    # a milestone
    if rng.random() < 0.6:
        add(
            "ntm_district_status",
            "year reached",
            int(rng.choice([2018, 2019, 2020, 2021])),
            0,
            decimals=0,
        )
        out[-1][4] = out[-1][3]
    add("ntm_district_status", "year reached", 2020, 2020, "target", decimals=0)
    # a share near its bound, a count with a bound, a zero target, a qualifier
    school = rng.uniform(60, 90)
    for y in years(2015, 2019):
        add("national_standard_school_share", "%", y, min(school + 2 * (y - 2015), 100))
    add("national_standard_school_share", "%", 2020, rng.uniform(90, 99), "target")
    communes = int(rng.integers(2, 8))
    for y in years(2016, 2020):
        add("ntm_communes", "communes", y, min(communes + (y - 2016), 14), decimals=0)
    add("ntm_communes", "communes", 2020, 14, "target", decimals=0)
    poor = rng.uniform(50, 400)
    for y in years(2016, 2020):
        add(
            "poor_households_excl_social_protection",
            "households",
            y,
            max(poor - 60 * (y - 2016), 0),
            decimals=0,
        )
    add("poor_households_excl_social_protection", "households", 2020, 0, "target", decimals=0)
    for y in years(2016, 2020, 0.6):
        add("new_party_members", "persons", y, rng.uniform(60, 140), decimals=0)
    add("new_party_members", "persons", 2020, 105, "target", "more_than", decimals=0)
    # half-year figures of the target year
    invest = rng.uniform(500, 3000)
    for y in years(2015, 2019):
        add("development_investment", "billion VND", y, invest * 1.12 ** (y - 2015), decimals=1)
    if rng.random() < 0.6:
        add("development_investment", "billion VND", "2020H1", invest * 0.6, "estimate", decimals=1)
    add("development_investment", "billion VND", 2020, invest * 1.12**5, "target", decimals=1)
    # an alias, and the shares of one structure
    urban = rng.uniform(10, 40)
    for y in years(2015, 2020, 0.5):
        add("urbanisation_rate" if y % 2 else "urban_population_share", "%", y, urban + (y - 2015))
    add("urban_population_share", "%", 2020, urban + 6, "target", "at_least")
    agriculture = rng.uniform(20, 45)
    for y in years(2015, 2020):
        a = agriculture - 1.5 * (y - 2015)
        i = (100 - a) * 0.55
        add("economic_structure_agriculture", "% of production value", y, a)
        add("economic_structure_industry_construction", "% of production value", y, i)
        add("economic_structure_services", "% of production value", y, 100 - a - i)
    add("economic_structure_agriculture", "% of production value", 2020, agriculture - 8, "target")
    return out


def write_varied_areas(folder: Path | str, n_communes: int = 6, seed: int = 0) -> VariedAreas:
    """Write a synthetic province and ``n_communes`` communes (catalogue, national breaks,
    sources and figures) under ``folder``.

    Parameters
    ----------
    folder : path
        Created if missing; ``catalogue/`` and ``data/`` are written inside it.
    n_communes : int
        The communes (the province has figures and targets of its own too).
    seed : int
        The same seed writes the same files.

    Returns
    -------
    VariedAreas
    """
    folder = Path(folder)
    communes = _area_ids(n_communes)
    catalogue = _catalogue(folder / "catalogue", communes)
    data = folder / "data"
    (data / "national").mkdir(parents=True, exist_ok=True)
    for name in ("breaks.csv", "sources.csv"):
        shutil.copy(NATIONAL / name, data / "national" / name)
    (data / "synthetic_sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\n"
        f"{SOURCE},Synthetic test data (tests/synthetic_areas.py),2020-12,,"
        "made up for tests; not a real source\n",
        encoding="utf-8",
    )
    rng = np.random.default_rng(seed)
    areas = [PROVINCE, *communes]
    with (data / "synthetic_figures.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            ["area", "indicator", "unit", "period", "value", "status", "source_id", "qualifier"]
        )
        for area in areas:
            writer.writerows(_rows(area, rng))
    return VariedAreas(catalogue, data, tuple(areas))
