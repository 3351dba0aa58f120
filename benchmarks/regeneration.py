"""Time the main command against an earlier version of the code, in one run.

    python benchmarks/regeneration.py [--baseline REV] [--repeats 3]

Times, for this checkout and for ``REV`` (a git revision, checked out into a temporary
worktree and run with this environment's Python), one after the other in the same session:

``report``
    a full regeneration, both languages, notebooks included, into a temporary folder;
``report --no-notebooks``
    the same without the notebooks;
``--help``
    the command line's help (how long a person waits for the program to answer at all).

Reports the best and the median of ``--repeats`` wall-clock times (``--help`` is run five times
as often), prints a table and writes ``benchmarks/regeneration_results.csv``. Run it on a quiet
machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MEASURES = ("report", "report --no-notebooks", "--help")


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def command(measure: str, work: Path, tree: Path | None) -> list[str]:
    """The command line of ``measure`` for this checkout (``tree`` None) or an earlier one."""
    base = [sys.executable, "-m", "dongson_analysis.cli"]
    if measure == "--help":
        return base + ["--help"]
    name = "reports" if tree is None else "old_reports"
    line = base + ["report", "--out", str(work / name)]
    if measure == "report --no-notebooks":
        return line + ["--no-notebooks"]
    if tree is None:
        return line + ["--notebooks", str(work / "notebooks")]
    return line  # the old code regenerates the notebooks of its own checkout, in place


def prepare_baseline(rev: str, work: Path) -> Path:
    tree = work / "baseline"
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), rev],
        check=True,
        capture_output=True,
    )
    return tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", help="git revision of the code to compare with")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "regeneration_results.csv")
    args = parser.parse_args(argv)
    runs: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        codes: dict[str, tuple[Path, Path | None, dict[str, str]]] = {
            "current": (REPO, None, dict(os.environ))
        }
        try:
            if args.baseline:
                tree = prepare_baseline(args.baseline, work)
                env = {**os.environ, "PYTHONPATH": str(tree)}
                codes[f"baseline {args.baseline}"] = (tree, tree, env)
            for measure in MEASURES:
                repeats = args.repeats * (5 if measure == "--help" else 1)
                for name, (cwd, tree, env) in codes.items():
                    line = command(measure, work, tree)
                    runs[(name, measure)] = [timed(line, cwd, env) for _ in range(repeats)]
        finally:
            if (work / "baseline").exists():
                subprocess.run(
                    [
                        "git",
                        "-C",
                        str(REPO),
                        "worktree",
                        "remove",
                        "--force",
                        str(work / "baseline"),
                    ],
                    capture_output=True,
                )
    rows = [
        {
            "code": name,
            "measure": measure,
            "repeats": len(seconds),
            "best_seconds": round(min(seconds), 2 if measure == "--help" else 1),
            "median_seconds": round(
                sorted(seconds)[len(seconds) // 2], 2 if measure == "--help" else 1
            ),
        }
        for (name, measure), seconds in runs.items()
    ]
    print(f"{'code':<24}{'measure':<24}{'best s':>10}{'median s':>10}")
    for row in rows:
        print(
            f"{row['code']:<24}{row['measure']:<24}"
            f"{row['best_seconds']:>10}{row['median_seconds']:>10}"
        )
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
