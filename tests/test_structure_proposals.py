"""The shares of a structure proposed together (summing to 100) keep one probability per value
and a collapse only where two levels are one value, after the rounding rest is moved to the
largest share (a synthetic province's 2021–2025 run once stopped on a collapse with no two equal
levels, and kept a moved level's old probability)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dongson_analysis.analysis import analyse
from dongson_analysis.judgement import probability_of_target
from dongson_analysis.proposals import structure_groups
from dongson_analysis.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic_province import write_synthetic_province  # noqa: E402

PLAN = "synthetic_plan_2021_2025"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    made = write_synthetic_province(tmp_path_factory.mktemp("synthetic_province"), 166)
    with (made.catalogue / "plans.csv").open("a", encoding="utf-8") as handle:
        handle.write(PLAN + ",term,2021,2025,SYNTHETIC\n")
    with (made.catalogue / "names.csv").open("a", encoding="utf-8") as handle:
        handle.write("plan," + PLAN + ",vi,,Kế hoạch 2021–2025 (synthetic)\n")
        handle.write("plan," + PLAN + ",en,,Synthetic plan 2021–2025\n")
    settings = Settings(
        (made.data,),
        made.catalogue,
        area=made.areas[0],
        area_selection="xa",
        review=(2021, 2025),
        plan=(2026, 2030),
        language="vi",
    )
    return analyse(settings)


def test_structure_shares_sum_to_100_with_one_probability_per_value(run):
    shares = {
        i for group in structure_groups(next(iter(run.areas.values())).catalogue) for i in group
    }
    checked = 0
    for a in run.areas.values():
        for p in a.proposals:
            if not p.proposed or p.indicator not in shares:
                continue
            checked += 1
            assert bool(p.collapsed) == any(len(n) > 1 for n, _ in p.distinct_levels()), p
            ind, projection = a.catalogue[p.indicator], a.projections[p.indicator]
            values = [lv.value if ind.better != "lower" else -lv.value for lv in p.levels]
            assert values == sorted(values), (p.indicator, p.levels)  # safe, expected, stretch
            for lv in p.levels:
                assert lv.value == round(lv.value, 6)
                expected = probability_of_target(projection, ind, lv.value, p.year)
                assert lv.probability == pytest.approx(expected), (p.indicator, lv)
        groups = [
            g
            for g in structure_groups(a.catalogue)
            if all(any(p.indicator == i and p.proposed for p in a.proposals) for i in g)
        ]
        for group in groups:
            for name in ("safe", "expected", "stretch"):
                total = sum(p.level(name).value for p in a.proposals if p.indicator in group)
                assert total == pytest.approx(100)
    assert checked
