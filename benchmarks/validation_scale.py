"""Time the validation of a synthetic province, this checkout against an earlier revision.

    python benchmarks/validation_scale.py [--areas 166 1000 3321] [--baseline REV] [--repeats 1]

For each number of areas, writes a synthetic province (:mod:`synthetic_province`: 30
indicators × 10 years and a target per series), then validates it in a fresh process with
this checkout's code and with ``REV``'s (checked out into a temporary worktree), and prints
the wall-clock and CPU seconds of :func:`dongson_analysis.records.validate_paths` (catalogue
loaded before the clock starts) and the peak resident memory of the process. The integrator's
``benchmarks/scale.py`` is the committed benchmark; this script measures the validation alone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic_province import write_synthetic_province  # noqa: E402

CHILD = """
import json, resource, sys, time
from dongson_analysis.catalogue import load_catalogue
from dongson_analysis.records import validate_paths
catalogue = load_catalogue(sys.argv[1])
start, cpu = time.perf_counter(), time.process_time()
report = validate_paths([sys.argv[2]], catalogue)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
rows = 0 if report.observations is None else len(report.observations)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "rows": rows,
                  "problems": len(report.problems), "warnings": len(report.warnings)}))
"""


def measure(code: Path, catalogue: Path, data: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(catalogue), str(data)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=code,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, nargs="+", default=[166, 1000, 3321])
    parser.add_argument("--baseline", default=None, help="a git revision to compare with")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="validation-scale-") as tmp:
        work = Path(tmp)
        trees = {"this checkout": REPO}
        if args.baseline:
            tree = work / "baseline"
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), args.baseline],
                check=True,
                capture_output=True,
            )
            trees[args.baseline] = tree
        try:
            print(
                f"{'areas':>6} {'rows':>9}  {'code':<16} {'seconds':>8} {'cpu s':>7} {'peak MB':>8}"
                "  result"
            )
            for n in args.areas:
                for k, (name, code) in enumerate(trees.items()):
                    made = write_synthetic_province(
                        work / f"province_{n}_{k}", n, catalogue=code / "data" / "catalogue"
                    )
                    runs = [measure(code, made.catalogue, made.data) for _ in range(args.repeats)]
                    best = min(runs, key=lambda r: r["seconds"])
                    result = f"{best['problems']} problems, {best['warnings']} warnings"
                    print(
                        f"{n:>6} {made.rows:>9}  {name:<16} {best['seconds']:>8.1f} "
                        f"{best['cpu']:>7.1f} {max(r['peak_mb'] for r in runs):>8.0f}  {result}",
                        flush=True,
                    )
        finally:
            if args.baseline:
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


if __name__ == "__main__":
    main()
