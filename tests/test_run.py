"""A run over many areas: every stage computed once for all areas gives each area exactly what a
run of that area alone gives (the shipped record's areas, and synthetic areas whose figures
reach every judgement rule)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from synthetic_areas import write_varied_areas

from dongson_analysis import Settings, settings_from_parameters
from dongson_analysis.analysis import analyse, project_all
from dongson_analysis.judgement import JudgementContext, judge_targets, judgement_table
from dongson_analysis.proposals import propose_targets
from dongson_analysis.series import build_series


def _alone(run, area):
    """The area's series, projections, judgements and proposals, computed for it alone with the
    public per-area functions (each filters the whole table for its area)."""
    a = run[area]
    obs, breaks, cat, settings = a.observations, a.breaks, a.catalogue, a.settings
    series = build_series(obs, breaks, cat, area)
    projections, reasons = project_all(series, cat, settings)
    judgements = judge_targets(JudgementContext(settings, cat, obs, series, projections))
    proposals = propose_targets(cat, series, projections, judgements, settings)
    return series, projections, reasons, judgements, proposals


def _same(run):
    assert len(run.areas) > 1
    for area, a in run.areas.items():
        series, projections, reasons, judgements, proposals = _alone(run, area)
        assert list(a.series) == list(series)
        for indicator, s in series.items():
            pd.testing.assert_frame_equal(a.series[indicator].rows, s.rows)
            assert a.series[indicator].segment_start == s.segment_start
            assert a.series[indicator].breaks == s.breaks
        assert list(a.projections) == list(projections)
        for indicator, p in projections.items():
            pd.testing.assert_frame_equal(a.projections[indicator].table(), p.table())
        assert dict(a.not_projected) == reasons
        pd.testing.assert_frame_equal(
            judgement_table(list(a.judgements)), judgement_table(judgements)
        )
        assert [repr(j) for j in a.judgements] == [repr(j) for j in judgements]
        assert [repr(p) for p in a.proposals] == [repr(p) for p in proposals]


def test_every_area_of_the_shipped_record_as_if_alone():
    _same(analyse(replace(settings_from_parameters(), area_selection="all")))


@pytest.mark.parametrize(
    "review, plan", [((2016, 2020), (2021, 2025)), ((2021, 2025), (2026, 2030))]
)
def test_synthetic_areas_reaching_every_rule_as_if_alone(tmp_path, review, plan):
    made = write_varied_areas(tmp_path, 5, seed=3)
    run = analyse(
        Settings(
            (made.data,),
            made.catalogue,
            area=made.areas[0],
            area_selection="all",
            review=review,
            plan=plan,
        )
    )
    assert list(run.areas) == list(made.areas)
    rules = {j.rule for a in run.areas.values() for j in a.judgements}
    if review == (2016, 2020):
        assert rules >= {
            "level",
            "share",
            "share_gap",
            "eliminate",
            "every_year",
            "cumulative",
            "growth",
            "points_rate",
            "relative",
            "milestone",
        }
    _same(run)


def test_the_look_back_of_a_run_is_each_areas_own(tmp_path):
    """One more projection call for every area's look back: the rows each area gets are those
    of its own series (the synthetic areas differ, so a mix-up would show)."""
    made = write_varied_areas(tmp_path, 3, seed=4)
    settings = Settings(
        (made.data,),
        made.catalogue,
        area=made.areas[0],
        area_selection="all",
        review=(2021, 2025),
        plan=(2026, 2030),
    )
    run = analyse(settings)
    for area, a in run.areas.items():
        alone = analyse(replace(settings, area=area, area_selection=""))
        assert a.look_back.rows == alone.main.look_back.rows
        assert a.look_back.not_projected == alone.main.look_back.not_projected
        assert list(a.look_back.projections) == list(alone.main.look_back.projections)
        assert a.hindsight.rows == alone.main.hindsight.rows
        pd.testing.assert_frame_equal(a.later_observations, alone.main.later_observations)
