"""Time one report per area for a synthetic province: ``report --level xa --no-notebooks``.

    python benchmarks/area_editions.py [--areas 166] [--indicators 30] [--years 10]
                                       [--languages vi] [--workers N]

Writes a synthetic province (every name and source marked synthetic; nothing here is a real
figure) with ``benchmarks/synthetic_province.py`` when it is there, else with the small
generator below; computes the analysis of every commune once (``analyse``) and times
``regenerate`` writing each commune's edition (its pages, Word document and workbook) into
``OUT/areas/ID``. Prints a table and writes ``benchmarks/area_editions_results.csv``. Run it on
a quiet machine: the target (issue 18) is the per-area Word and Excel of 166 communes in three
minutes or less.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CATALOGUE = REPO / "data" / "catalogue"
SOURCE_ID = "SYNTHETIC"
PROVINCE = "synthetic_tinh"


def _write_minimal_province(folder: Path, n_areas: int, n_indicators: int, n_years: int):
    """A synthetic province: the shipped catalogue plus the communes, one source, and yearly
    actuals up to 2020 with a 2020 target per commune and indicator (values within bounds).
    """
    areas = [f"synthetic_xa_{i:04d}" for i in range(1, n_areas + 1)]
    catalogue = folder / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    with (catalogue / "areas.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([PROVINCE, "tinh", "", "", "", "", "", "synthetic province (benchmark)"])
        writer.writerows(
            [a, "xa", PROVINCE, "", "", "", "", "synthetic commune (benchmark)"] for a in areas
        )
    with (catalogue / "names.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area", PROVINCE, "vi", "", "Tỉnh tổng hợp (synthetic)"])
        writer.writerow(["area", PROVINCE, "en", "", "Synthetic province"])
        for i, area in enumerate(areas, start=1):
            writer.writerow(["area", area, "vi", "", f"Xã tổng hợp {i} (synthetic)"])
            writer.writerow(["area", area, "en", "", f"Synthetic commune {i}"])
    with (CATALOGUE / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if (r["kind"] == "level" and not r["upper_bound"])
            or (r["kind"] == "share" and r["upper_bound"] == "100")
            if not r["same_as"] and not r["ratio_of"]
        ][:n_indicators]
    data = folder / "data"
    data.mkdir()
    (data / "synthetic_sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\n"
        f"{SOURCE_ID},Synthetic data (benchmarks/area_editions.py),2021,,"
        "generated figures for a benchmark; not a real source\n",
        encoding="utf-8",
    )
    rng = np.random.default_rng(0)
    years = list(range(2021 - n_years, 2021))
    with (data / "synthetic_observations.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area", "indicator", "unit", "period", "value", "status", "source_id"])
        for area in areas:
            for row in rows:
                t = np.arange(n_years)
                if row["kind"] == "share":
                    values = np.clip(rng.uniform(20, 60) + rng.uniform(0, 2) * t, 0, 100)
                else:
                    values = rng.uniform(50, 5000) * (1 + rng.uniform(0.02, 0.1)) ** t
                values = np.round(values, 1)
                for year, value in zip(years, values):
                    writer.writerow(
                        [area, row["indicator"], row["unit"], year, value, "actual", SOURCE_ID]
                    )
                target = round(float(values[-1]) * 1.02, 1)
                writer.writerow(
                    [area, row["indicator"], row["unit"], 2020, target, "target", SOURCE_ID]
                )
    return catalogue, data, areas


def write_province(folder: Path, n_areas: int, n_indicators: int, n_years: int):
    """The synthetic province: ``synthetic_province.py`` (the inputs' generator) if present."""
    sys.path.insert(0, str(HERE))
    try:
        from synthetic_province import write_synthetic_province  # type: ignore[import-not-found]
    except ImportError:
        return _write_minimal_province(folder, n_areas, n_indicators, n_years)
    made = write_synthetic_province(folder, n_areas, n_indicators, n_years)
    return made.catalogue, made.data, list(made.areas)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--areas", type=int, default=166)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--languages", default="vi", help="comma-separated, e.g. vi,en")
    parser.add_argument("--workers", type=int, help="processes (default: one per processor)")
    parser.add_argument("--out", type=Path, default=HERE / "area_editions_results.csv")
    args = parser.parse_args(argv)

    from dongson_analysis.analysis import analyse
    from dongson_analysis.publish.regenerate import regenerate
    from dongson_analysis.settings import Settings

    languages = tuple(args.languages.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        catalogue, data, areas = write_province(
            work / "province", args.areas, args.indicators, args.years
        )
        review, plan = ((2016, 2020), (2021, 2025))
        settings = Settings(
            (data,),
            catalogue,
            area=areas[0],
            area_selection="xa",
            review=review,
            plan=plan,
            language=languages[0],
        )
        start = time.perf_counter()
        run = analyse(settings)
        analysed = time.perf_counter() - start
        start = time.perf_counter()
        result = regenerate(
            settings, work / "reports", None, languages, analysis=run, workers=args.workers
        )
        written = time.perf_counter() - start
        docx = sum(1 for p in result.files if p.suffix == ".docx")
        xlsx = sum(1 for p in result.files if p.suffix == ".xlsx")
    row = {
        "areas": len(run.areas),
        "indicators": args.indicators,
        "years": args.years,
        "languages": "+".join(languages),
        "workers": args.workers or "auto",
        "analysis_seconds": round(analysed, 1),
        "editions_seconds": round(written, 1),
        "seconds_per_area": round(written / len(run.areas), 2),
        "word_files": docx,
        "excel_files": xlsx,
    }
    for key, value in row.items():
        print(f"{key:<18}{value}")
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
