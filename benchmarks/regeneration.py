"""Time a full regeneration (both languages, notebooks included) against an earlier version of the
code.

    python benchmarks/regeneration.py [--baseline REV] [--repeats 3]

Runs the main command of this checkout, and of ``REV`` (a git revision, checked
out into a temporary worktree and run with this environment's Python), one after
the other in the same session, each into a temporary folder, and reports the
best of ``--repeats`` wall-clock times. Prints a table and writes
``benchmarks/regeneration_results.csv``. Run it on a quiet machine.
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


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def current(work: Path) -> float:
    return timed(
        [
            sys.executable,
            "-m",
            "dongson_analysis.cli",
            "report",
            "--out",
            str(work / "reports"),
            "--notebooks",
            str(work / "notebooks"),
        ],
        work,
        dict(os.environ),
    )


def baseline(rev: str, work: Path) -> float:
    tree = work / "baseline"
    if not tree.exists():
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), rev],
            check=True,
            capture_output=True,
        )
    env = {**os.environ, "PYTHONPATH": str(tree)}
    # the old code regenerated the notebooks of its own checkout, in place
    return timed(
        [
            sys.executable,
            "-m",
            "dongson_analysis.cli",
            "report",
            "--out",
            str(work / "old_reports"),
        ],
        tree,
        env,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", help="git revision of the code to compare with")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "regeneration_results.csv")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        try:
            runs = {"current": [current(work) for _ in range(args.repeats)]}
            if args.baseline:
                runs[f"baseline {args.baseline}"] = [
                    baseline(args.baseline, work) for _ in range(args.repeats)
                ]
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
    for name, seconds in runs.items():
        rows.append(
            {
                "code": name,
                "repeats": args.repeats,
                "best_seconds": round(min(seconds), 1),
                "median_seconds": round(sorted(seconds)[len(seconds) // 2], 1),
            }
        )
    print(f"{'code':<24}{'best s':>10}{'median s':>10}")
    for row in rows:
        print(f"{row['code']:<24}{row['best_seconds']:>10}{row['median_seconds']:>10}")
    if len(rows) == 2:
        print(
            "ratio (current / baseline, best): "
            f"{rows[0]['best_seconds'] / rows[1]['best_seconds']:.2f}"
        )
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
