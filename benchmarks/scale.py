"""How the package scales: old and new code side by side, in one run, on the same synthetic data.

    python benchmarks/scale.py                                 # every section, against dd6cc37
    python benchmarks/scale.py --sections projection --baseline dd6cc37 --repeats 3

The baseline revision (``--baseline REV``, default ``dd6cc37``) is checked out into a
temporary git worktree, removed afterwards; every case runs in its own Python
subprocess that imports ``dongson_analysis`` from that worktree (old) or from this
one (new), builds its synthetic input (not timed), times the workload ``--repeats``
times and reports its peak resident memory (``ru_maxrss`` of the subprocess, input
and imports included). The table is printed and the section's rows of
``benchmarks/scale_results.csv`` are replaced (the other sections' rows are kept):

    section, case, code, revision, n_series, repeats, seconds_min, seconds_median,
    peak_mb, target_seconds, target_mb, met

``met`` is empty for a case without a target or for old code. Sections (one
function each, registered in :data:`SECTIONS`, chosen with ``--sections``):

- ``projection``: the forecasting core and the public batch API on 1,000,000
  five-value series (target ≤ 3 s and ≤ 1.5 GB peak), and the one-series
  ``project()`` on 2,000 series (what the old ``analysis.project_all`` called once
  per series).

- ``validation``, ``analysis``, ``summary``, ``documents``: a synthetic province
  (``benchmarks/synthetic_province.py``: 30 indicators × 10 years, 2016–2025, and a
  target per series; every area, source and plan named synthetic) of 166 and of 3,321
  communes, its targets those of a synthetic 2021–2025 plan; each case writes the
  province in its setup (not timed), then times, in a fresh process:

  - ``validation``: ``records.validate_paths`` (the catalogue loaded before the clock);
  - ``analysis``: ``analysis.analyse`` (reading, validation and the analysis of every
    commune: 166 communes ≤ 10 s);
  - ``summary``: ``analyse`` and ``summary.summarise`` (3,321 communes ≤ 60 s and ≤ 4 GB);
  - ``documents``: ``analyse``, then ``publish.regenerate`` writing each commune's
    report (Word) and workbook (Excel) (no notebooks, no HTML per commune) and the
    summary (its page, Word document and workbook), in Vietnamese, with one worker
    process per processor (166 communes ≤ 3 min and ≤ 2 GB).

  These run on new code only (the baseline has no run of many areas). Their peak memory
  adds the largest worker process's peak (``RUSAGE_CHILDREN``) once per worker to the
  main process's: an upper bound of the moment all peaked together.

Timings depend on the machine and its load (the development machine has 2 cores
shared with other work; ``notes`` records the load average when each case started and
ended); the minimum over repeats is the figure to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "scale_results.csv"
DEFAULT_BASELINE = "dd6cc37"
COLUMNS = [
    "section",
    "case",
    "code",
    "revision",
    "n_series",
    "repeats",
    "seconds_min",
    "seconds_median",
    "peak_mb",
    "target_seconds",
    "target_mb",
    "met",
    "notes",
]

#: Runs one case in a subprocess: ``SETUP`` and ``RUN`` are the case's code; prints JSON.
RUNNER = """
import json, os, resource, sys, time
import dongson_analysis
namespace = {}
exec(compile(SETUP, "<setup>", "exec"), namespace)
seconds = []
load = [os.getloadavg()[0]]
for _ in range(REPEATS):
    start = time.perf_counter()
    exec(compile(RUN, "<run>", "exec"), namespace)
    seconds.append(time.perf_counter() - start)
load.append(os.getloadavg()[0])
workers = namespace.get("WORKERS", 0)
print(json.dumps({
    "seconds": seconds,
    "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    + workers * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    "module": dongson_analysis.__file__,
    "load": load,
    "check": namespace.get("CHECK", ""),
}))
"""


@dataclass(frozen=True)
class Case:
    """One workload of a section, run on old and/or new code.

    Attributes
    ----------
    section, name : str
    n_series : int
    setup : str
        Python source run once before timing (builds the input, not timed).
    run : str
        Python source timed ``repeats`` times.
    codes : tuple of str
        ``old``, ``new`` or both: the code the workload runs on (old code may lack the API).
    target_seconds, target_mb : float or None
        The targets of new code (None: none).
    """

    section: str
    name: str
    n_series: int
    setup: str
    run: str
    codes: tuple[str, ...] = ("old", "new")
    target_seconds: float | None = None
    target_mb: float | None = None
    repeats: int | None = None  # this case's repeats, whatever ``--repeats`` says


# -- the shared harness ----------------------------------------------------------------------------
@contextmanager
def checkout(revision: str):
    """A temporary git worktree of ``revision`` (detached), removed on exit."""
    folder = Path(tempfile.mkdtemp(prefix="scale_baseline_"))
    target = folder / "tree"
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(target), revision],
        check=True,
    )
    try:
        yield target
    finally:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "remove", "--force", str(target)], check=True
        )
        folder.rmdir()


def run_case(case: Case, root: Path, repeats: int) -> dict:
    """Run one case in a fresh subprocess importing the package from ``root``."""
    code = (
        f"SETUP = {textwrap.dedent(case.setup)!r}\nRUN = {textwrap.dedent(case.run)!r}\n"
        f"REPEATS = {repeats}\n{RUNNER}"
    )
    code = f"import sys\nsys.path.insert(0, {str(HERE)!r})\n{code}"
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=root
    )
    if done.returncode != 0:
        raise SystemExit(f"case {case.section}/{case.name} failed on {root}:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not Path(result["module"]).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"case {case.name}: imported {result['module']}, not code from {root}")
    return result


def measure(cases: list[Case], roots: dict[str, tuple[Path, str]], repeats: int) -> list[dict]:
    """Every case on every code it runs on; one row each."""
    rows = []
    for case in cases:
        for code in case.codes:
            root, revision = roots[code]
            result = run_case(case, root, case.repeats or repeats)
            seconds, peak_mb = result["seconds"], result["peak_kb"] / 1024
            met = ""
            if code == "new" and (case.target_seconds or case.target_mb):
                met = str(
                    (case.target_seconds is None or min(seconds) <= case.target_seconds)
                    and (case.target_mb is None or peak_mb <= case.target_mb)
                )
            rows.append(
                {
                    "section": case.section,
                    "case": case.name,
                    "code": code,
                    "revision": revision,
                    "n_series": case.n_series,
                    "repeats": case.repeats or repeats,
                    "seconds_min": round(min(seconds), 3),
                    "seconds_median": round(statistics.median(seconds), 3),
                    "peak_mb": round(peak_mb),
                    "target_seconds": case.target_seconds,
                    "target_mb": case.target_mb,
                    "met": met,
                    "notes": "load {:.1f} to {:.1f}{}".format(
                        *result["load"], f"; {result['check']}" if result["check"] else ""
                    ),
                }
            )
            print(
                f"{case.section}/{case.name} [{code}]: min {min(seconds):.3f} s, "
                f"peak {peak_mb:.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    return rows


def revision_of(ref: str) -> str:
    """The short commit id of a revision."""
    out = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", ref],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def write(rows: list[dict], sections: list[str], path: Path = RESULTS) -> pd.DataFrame:
    """Replace the rows of the sections run in the results file; keep the others."""
    new = pd.DataFrame(rows, columns=COLUMNS)
    if path.exists():
        old = pd.read_csv(path, dtype=str, keep_default_na=False)
        old = old[~old["section"].isin(sections)]
        new = pd.concat([old, new.astype(str).replace("None", "")], ignore_index=True)
    new = new.astype(str).replace({"None": "", "nan": ""})
    new.to_csv(path, index=False)
    return new


# -- sections --------------------------------------------------------------------------------------
SYNTHETIC = """
import numpy as np
rng = np.random.default_rng(0)
N = {n}
values = 100 * np.exp(np.cumsum(rng.normal(0.04, 0.1, (N, 5)), axis=1))
"""


def projection_section(n: int = 1_000_000) -> list[Case]:
    """The forecasting core and the batch API on ``n`` five-value series; ``project()`` one by one.

    - ``core_matrix``: ``projection.forecast_windows`` on an (n, 5) matrix, five
      years ahead (the vectorised core of both revisions);
    - ``batch_api``: ``projection.project_many`` on the same values as a long
      table (id, year, value; 5 n rows), to 2025 (new only; the old code had no batch API);
    - ``batch_api_table``: the same and its tidy ``table()`` (5 n rows);
    - ``one_by_one``: ``projection.project`` on 2,000 of the series, one call each
      (``seconds_min`` for all 2,000; the old code's ``project_all`` did this per series).
    """
    data = SYNTHETIC.format(n=n)
    long = (
        data
        + """
import pandas as pd
frame = pd.DataFrame({
    "id": np.repeat(np.arange(N), 5),
    "year": np.tile(np.arange(2016, 2021), N),
    "value": values.ravel(),
})
"""
    )
    return [
        Case(
            "projection",
            "core_matrix",
            n,
            data + "from dongson_analysis.projection import forecast_windows\n",
            "out = forecast_windows(values, 5)\n",
            target_seconds=3.0,
            target_mb=1536.0,
        ),
        Case(
            "projection",
            "batch_api",
            n,
            long + "from dongson_analysis.projection import project_many\n",
            "batch = project_many(frame, end_year=2025)\n",
            codes=("new",),
            target_seconds=3.0,
            target_mb=1536.0,
        ),
        Case(
            "projection",
            "batch_api_table",
            n,
            long + "from dongson_analysis.projection import project_many\n",
            "table = project_many(frame, end_year=2025).table()\n",
            codes=("new",),
            target_seconds=3.0,
            target_mb=1536.0,
        ),
        Case(
            "projection",
            "one_by_one",
            2_000,
            SYNTHETIC.format(n=2_000) + "from dongson_analysis.projection import project\n",
            "out = [project(range(2016, 2021), v, end_year=2025) for v in values]\n",
        ),
    ]


#: The synthetic province of a case: written in its setup, in a temporary folder, with a
#: synthetic 2021–2025 term plan that its targets belong to.
PROVINCE = """
import atexit, shutil, tempfile
from pathlib import Path
from synthetic_province import write_synthetic_province
from dongson_analysis.settings import Settings
folder = Path(tempfile.mkdtemp(prefix="synthetic_province_"))
atexit.register(shutil.rmtree, folder, True)
made = write_synthetic_province(folder, {n})
plan = "synthetic_plan_2021_2025"
with (made.catalogue / "plans.csv").open("a", encoding="utf-8") as handle:
    handle.write(plan + ",term,2021,2025,SYNTHETIC\\n")
with (made.catalogue / "names.csv").open("a", encoding="utf-8") as handle:
    handle.write("plan," + plan + ",vi,,Kế hoạch 2021–2025 (synthetic)\\n")
    handle.write("plan," + plan + ",en,,Synthetic plan 2021–2025\\n")
settings = Settings(
    (made.data,), made.catalogue, area=made.areas[0], area_selection="xa",
    review=(2021, 2025), plan=(2026, 2030), language="vi",
)
"""


def _province_cases(section: str, setup: str, run: str, targets: dict[int, tuple]) -> list[Case]:
    """One case per province size (166 and 3,321 communes) with its targets (seconds, MB)."""
    return [
        Case(
            section,
            f"communes_{n}",
            n * 30,  # series: communes × indicators
            PROVINCE.format(n=n) + setup,
            run,
            codes=("new",),
            target_seconds=targets.get(n, (None, None))[0],
            target_mb=targets.get(n, (None, None))[1],
            repeats=1 if n > 1000 else None,
        )
        for n in (166, 3321)
    ]


def validation_section() -> list[Case]:
    """Validation of a synthetic province's figures (catalogue loaded before the clock)."""
    return _province_cases(
        "validation",
        "from dongson_analysis.catalogue import load_catalogue\n"
        "from dongson_analysis.records import validate_paths\n"
        "catalogue = load_catalogue(made.catalogue)\n",
        "report = validate_paths([made.data], catalogue)\n"
        "CHECK = f'{len(report.observations)} rows, {len(report.problems)} problems'\n",
        {},
    )


def analysis_section() -> list[Case]:
    """Reading, validation and the analysis of every commune (``analyse``)."""
    return _province_cases(
        "analysis",
        "from dongson_analysis.analysis import analyse\n",
        "run = analyse(settings)\n"
        "CHECK = f'{len(run.areas)} areas, '"
        " f'{sum(len(a.judgements) for a in run.areas.values())} judgements'\n",
        {166: (10.0, None), 3321: (60.0, 4096.0)},
    )


def summary_section() -> list[Case]:
    """``analyse`` and the summary across the communes (``summarise``)."""
    return _province_cases(
        "summary",
        "from dongson_analysis.analysis import analyse\n"
        "from dongson_analysis.summary import summarise\n",
        "summary = summarise(analyse(settings))\n"
        "CHECK = f'{len(summary.areas)} areas, {len(summary.targets)} targets, '"
        " f'{int(summary.table.reported.sum())} reported'\n",
        {166: (10.0, None), 3321: (60.0, 4096.0)},
    )


def documents_section() -> list[Case]:
    """``analyse``, each commune's report and workbook, and the summary's three files."""
    setup = (
        PROVINCE.format(n=166)
        + """
import os, shutil
from dongson_analysis.analysis import analyse
from dongson_analysis.publish.regenerate import regenerate
WORKERS = os.cpu_count() or 1
out = folder / "reports"
"""
    )
    run = """
shutil.rmtree(out, ignore_errors=True)
result = regenerate(
    settings, out, None, ("vi",), analysis=analyse(settings), workers=WORKERS,
    parts=("report", "xlsx"),
)
docx = sum(1 for p in result.files if p.suffix == ".docx")
xlsx = sum(1 for p in result.files if p.suffix == ".xlsx")
CHECK = f"{docx} Word, {xlsx} Excel, summary {len(result.summary)} files, {WORKERS} workers"
"""
    return [
        Case(
            "documents",
            "communes_166",
            166 * 30,
            setup,
            run,
            codes=("new",),
            target_seconds=180.0,
            target_mb=2048.0,
            repeats=1,
        )
    ]


#: Sections by name; each returns its cases.
SECTIONS: dict[str, Callable[[], list[Case]]] = {
    "projection": projection_section,
    "validation": validation_section,
    "analysis": analysis_section,
    "summary": summary_section,
    "documents": documents_section,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sections", default=",".join(SECTIONS), help=f"comma-separated, of {', '.join(SECTIONS)}"
    )
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="the old code's revision")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown sections: {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    cases = [case for s in sections for case in SECTIONS[s]()]
    head = revision_of("HEAD")
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    new = (REPO, head + ("+changes" if dirty else ""))
    if any("old" in case.codes for case in cases):
        with checkout(args.baseline) as old_root:
            rows = measure(
                cases, {"old": (old_root, revision_of(args.baseline)), "new": new}, args.repeats
            )
    else:
        rows = measure(cases, {"new": new}, args.repeats)
    table = write(rows, sections, args.out)
    with pd.option_context("display.width", 200, "display.max_columns", None):
        print(table[table["section"].isin(sections)].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
