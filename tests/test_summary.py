"""The summary across areas: every area's targets side by side, from the same judgements."""

from __future__ import annotations

from dataclasses import replace

from dongson_analysis import settings_from_parameters
from dongson_analysis.analysis import analyse
from dongson_analysis.judgement import judgement_table
from dongson_analysis.summary import summarise


def test_the_summary_statuses_equal_each_areas_own_judgements():
    run = analyse(replace(settings_from_parameters(), area_selection="all"))
    summary = summarise(run)
    assert [a.area for a in summary.areas][0] == "thanh_hoa"  # the parent before its units
    for area in run.areas:
        own = judgement_table(list(run[area].judgements))
        mine = summary.table[summary.table["area"] == area]
        assert list(mine["status"]) == list(own["status"])
        assert list(mine["indicator"]) == list(own["indicator"])
    counts = {a.area: a.counts for a in summary.areas}
    assert sum(counts["dong_son"].values()) == len(run["dong_son"].judgements)
    assert summary.wide().columns.tolist()[0] in run.areas
