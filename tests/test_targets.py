"""Target judgements pinned on hand-computed cases (synthetic figures, for the tests only)."""

from __future__ import annotations

import math

import pytest

from dongson_analysis.cli import main
from dongson_analysis.periods import parse_period
from dongson_analysis.records import load_observations
from dongson_analysis.targets import (Target, assess_target, assess_targets, classify, probability_of_target,
                                      propose_targets)

HEADER = "area,indicator,unit,period,value,status,source_id\n"


@pytest.fixture
def observations(write):
    def make(*rows: str):
        return load_observations([write("synthetic.csv", HEADER + "".join(r + "\n" for r in rows))])
    return make


def judge(obs, indicator, period, value, qualifier=""):
    return assess_target(Target(indicator, "dong_son", parse_period(period), value, math.nan, qualifier), obs)


def test_classes_at_their_thresholds():
    assert [classify(r) for r in (1.2, 0.95, 0.94, 0.6, 0.59, 0.0, -0.01)] == [
        "on_track", "on_track", "acceleration_needed", "acceleration_needed", "limited_progress",
        "limited_progress", "deterioration"]


def test_level_on_track_and_acceleration(observations):
    obs = observations("dong_son,export_value,million USD,2015,100,actual,S07",
                       "dong_son,export_value,million USD,2018,133.1,actual,S07")
    j = judge(obs, "export_value", "2020", 100 * 1.1 ** 5)
    assert j.rule == "level" and j.ratio == pytest.approx(1.0) and j.status == "on_track"
    j = judge(obs, "export_value", "2020", 200)
    assert j.ratio == pytest.approx(0.1 / (2 ** 0.2 - 1))
    assert j.status == "acceleration_needed"
    assert j.required_annual_rate == pytest.approx(100 * ((200 / 133.1) ** 0.5 - 1))
    assert 0 < j.probability < 0.5


def test_achieved_when_latest_meets(observations):
    obs = observations("dong_son,export_value,million USD,2015,30,actual,S07",
                       "dong_son,export_value,million USD,2019,46,actual,S07")
    assert judge(obs, "export_value", "2020", 45).status == "achieved"


def test_lower_is_better(observations):
    obs = observations("dong_son,poverty_rate,%,2015,8,actual,S05", "dong_son,poverty_rate,%,2018,4,actual,S05")
    j = judge(obs, "poverty_rate", "2020", 2)
    assert j.rule == "bounded_share"  # within 20 points of its bound, 0: judged on the distance to it
    assert j.ratio == pytest.approx((0.5 ** (1 / 3) - 1) / (0.25 ** 0.2 - 1))
    assert j.status == "acceleration_needed"
    worse = observations("dong_son,poverty_rate,%,2015,8,actual,S05", "dong_son,poverty_rate,%,2018,10,actual,S05")
    assert judge(worse, "poverty_rate", "2020", 2).status == "deterioration"


def test_eliminate_is_judged_in_absolute_steps(observations):
    obs = observations("dong_son,poor_households_excl_social_protection,households,2015,500,actual,S07",
                       "dong_son,poor_households_excl_social_protection,households,2018,200,actual,S07")
    j = judge(obs, "poor_households_excl_social_protection", "2020", 0)
    assert j.rule == "eliminate"
    assert j.ratio == pytest.approx((-300 / 3) / (-500 / 5))
    assert j.status == "on_track"
    assert j.required_annual_rate == pytest.approx(-100) and j.rate_unit == "households/year"
    done = observations("dong_son,poor_households_excl_social_protection,households,2015,500,actual,S07",
                        "dong_son,poor_households_excl_social_protection,households,2019,0,actual,S07")
    assert judge(done, "poor_households_excl_social_protection", "2020", 0).status == "achieved"


def test_cumulative_is_pro_rata(observations):
    obs = observations("dong_son,new_jobs_total,persons,2016,2000,actual,S02",
                       "dong_son,new_jobs_total,persons,2017,2100,actual,S02",
                       "dong_son,new_jobs_total,persons,2018,1900,actual,S02")
    j = judge(obs, "new_jobs_total", "2016-2020", 10000, "at_least")
    assert j.rule == "cumulative_pro_rata" and j.latest_value == 6000
    assert j.ratio == pytest.approx((6000 / 10000) / (3 / 5)) and j.status == "on_track"
    assert j.required_annual_rate == pytest.approx(2000)
    ranged = observations("dong_son,new_jobs_total,persons,2016-2018,5000,actual,S02")
    j = judge(ranged, "new_jobs_total", "2016-2020", 10000)
    assert j.ratio == pytest.approx(0.5 / 0.6) and j.status == "acceleration_needed"


def test_bounded_share_by_distance_to_the_bound(observations):
    obs = observations("dong_son,national_standard_school_share,%,2015,90,actual,S07",
                       "dong_son,national_standard_school_share,%,2018,95,actual,S07")
    j = judge(obs, "national_standard_school_share", "2020", 97.36)
    assert j.rule == "bounded_share"
    assert j.ratio == pytest.approx((0.5 ** (1 / 3) - 1) / ((2.64 / 10) ** 0.2 - 1))
    assert j.status == "acceleration_needed"
    assert (j.probability >= 0) and (j.probability <= 1)


def test_growth_rate_target_is_judged_on_the_level_path(observations):
    obs = observations(*[f"dong_son,production_value_growth,%,{y},{r},actual,S04"
                         for y, r in ((2016, 15), (2017, 16), (2018, 17), (2019, 18))])
    j = judge(obs, "production_value_growth", "2020", 18.2)
    level_growth = (1.15 * 1.16 * 1.17 * 1.18) ** 0.25 - 1
    assert j.rule == "growth_rate_level_path"
    assert j.actual_annual_rate == pytest.approx(100 * level_growth)
    assert j.ratio == pytest.approx(level_growth / 0.182)
    growth_of_growth = (18 / 15) ** (1 / 3) - 1  # what must never be compared
    assert j.ratio != pytest.approx(growth_of_growth / 0.182)
    assert j.status == "acceleration_needed"
    assert 0 < j.probability < 1


def test_average_growth_target_from_levels(observations):
    obs = observations("dong_son,production_value,billion VND,2015,1000,actual,S04",
                       "dong_son,production_value,tỷ đồng,2018,1600,actual,S04")
    j = judge(obs, "production_value_growth_avg", "2016-2020", 17.5)
    assert j.ratio == pytest.approx((1.6 ** (1 / 3) - 1) / 0.175) and j.status == "on_track"


def test_one_year_of_growth_is_not_a_trend(observations):
    obs = observations("dong_son,production_value_growth,%,2018,18.2,estimate,S04")
    j = judge(obs, "production_value_growth", "2020", 18.2)
    assert j.status == "not_assessable" and "not assessable: needs" in j.note


def test_relative_target_needs_the_estimate(observations):
    obs = observations("dong_son,budget_revenue,billion VND,2020,310,actual,S07")
    j = judge(obs, "budget_revenue_vs_provincial_estimate", "2020", 5)
    assert j.status == "not_assessable"
    assert "budget revenue estimate assigned by the province for 2020" in j.note
    both = observations("dong_son,budget_revenue,billion VND,2020,315,actual,S07",
                        "dong_son,budget_revenue_provincial_estimate,billion VND,2020,300,actual,S07")
    assert judge(both, "budget_revenue_vs_provincial_estimate", "2020", 5).status == "achieved"
    short = observations("dong_son,budget_revenue,billion VND,2020,310,actual,S07",
                         "dong_son,budget_revenue_provincial_estimate,billion VND,2020,300,actual,S07")
    j = judge(short, "budget_revenue_vs_provincial_estimate", "2020", 5)
    assert j.ratio == pytest.approx((100 * (310 / 300 - 1)) / 5) and j.status == "acceleration_needed"


def test_probability_of_the_median_is_one_half(observations):
    from dongson_analysis.projection import project

    rows = [f"dong_son,income_per_capita,million VND/person/year,{y},{v},actual,S05"
            for y, v in zip(range(2016, 2021), (30.1, 33.0, 36.2, 40.0, 43.5))]
    obs = observations(*rows)
    median = project(range(2016, 2021), (30.1, 33.0, 36.2, 40.0, 43.5)).point[-1]
    assert probability_of_target(obs, "income_per_capita", median, 2025) == pytest.approx(0.5, abs=0.01)
    proposal = propose_targets(obs).set_index("indicator").loc["income_per_capita"]
    assert proposal["safe"] < proposal["expected"] < proposal["stretch"]
    assert proposal["expected"] == pytest.approx(median)
    for name, p in (("safe", 0.8), ("expected", 0.5), ("stretch", 0.2)):
        assert proposal[f"{name}_probability"] == pytest.approx(p, abs=0.01)
        implied = 43.5 * (1 + proposal[f"{name}_annual_change"] / 100) ** 5
        assert implied == pytest.approx(proposal[name])


def test_lower_is_better_proposals_are_mirrored(observations):
    obs = observations("dong_son,poverty_rate,%,2016,6,actual,S05", "dong_son,poverty_rate,%,2017,5,actual,S05",
                       "dong_son,poverty_rate,%,2018,4.2,actual,S05")
    row = propose_targets(obs).set_index("indicator").loc["poverty_rate"]
    assert row["safe"] > row["expected"] > row["stretch"]


def test_not_assessable_names_the_missing_figures():
    table = assess_targets(source_id="S07")
    row = table.set_index("indicator").loc["export_value"]
    assert row["status"] == "not_assessable"
    assert row["note"].startswith("not assessable: needs export value for 2015, 2020")


def test_assess_lists_all_13_seed_targets(capsys):
    assert main(["--lang", "en", "assess", "--format", "csv", "--source", "S07"]) == 0
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    for column in ("indicator", "target_year", "target_value", "status", "probability", "required_annual_rate", "note"):
        assert column in rows[0]
    assert len(rows) == 14  # 13 targets; agencies and residential groups are one target in two rows
    for row in rows:
        assert row["status"] != "not_assessable" or row["note"].startswith("not assessable: needs")
    indicators = {r["indicator"] for r in rows}
    assert {"production_value_growth", "value_per_hectare", "development_investment", "export_value",
            "budget_revenue_vs_provincial_estimate", "income_per_capita",
            "poor_households_excl_social_protection", "national_standard_school_share", "model_ntm_villages",
            "model_ntm_communes", "model_agencies", "model_residential_groups", "party_orgs_good_share",
            "new_party_members"} == indicators


def test_congress_targets_are_judged():
    table = assess_targets(source_id="S02").set_index("indicator")
    assert table.loc["income_per_capita", "status"] == "on_track"
    assert table.loc["poverty_rate_reduction", "status"] == "on_track"
    assert table.loc["new_jobs_total", "status"] == "not_assessable"
