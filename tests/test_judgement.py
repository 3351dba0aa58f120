"""Judgements as practice reads them: outcomes once the figure is known, progress before; every
target once.

Figures here are hand-computed cases, written as small planner files. Data named
``SYN`` is synthetic (made up for the tests), never shipped.
"""

from __future__ import annotations

import math

import pytest
from conftest import CATALOGUE_DIR, SYNTHETIC_CATALOGUE_DIR

from dongson_analysis import Settings, run_analysis
from dongson_analysis.judgement import classify, least_meeting, meets, outcome
from dongson_analysis.l10n import texts_for
from dongson_analysis.wording import judgement_paragraph

SOURCES = (
    "source_id,publisher,published,url,what_it_covers\n"
    "SYN,Synthetic test data (not real),2020-12,,made up\n"
)
HEADER = "area,indicator,unit,period,value,status,source_id,qualifier\n"


def analyse(tmp_path, rows: list[str], area: str = "huyen_thu"):
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "figures.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return run_analysis(
        Settings((folder,), SYNTHETIC_CATALOGUE_DIR, area=area, area_name="Thử Nghiệm")
    )


def judged(analysis, indicator):
    found = [j for j in analysis.judgements if j.target.indicator == indicator]
    assert len(found) == 1, [j.target for j in found]
    return found[0]


# -- the comparison rules ----------------------------------------------------------------------


def test_meets_and_outcome_by_hand():
    assert (
        outcome(106, 105, "higher", "more_than", True) == "achieved"
    )  # "trên 105": 106 is the least that meets
    assert outcome(105, 105, "higher", "more_than", True) == "not_achieved"
    assert outcome(120, 105, "higher", "more_than", True) == "exceeded"
    assert outcome(32, 32, "higher", "at_least", False) == "achieved"  # "32% trở lên"
    assert outcome(31.9, 32, "higher", "at_least", False) == "not_achieved"
    assert outcome(1.8, 2.0, "lower", "", False) == "exceeded"  # lower is better
    assert outcome(2.0, 2.0, "lower", "", False) == "achieved"
    assert outcome(0, 0, "lower", "", True) == "achieved"  # "không còn hộ nghèo"
    assert outcome(3, 0, "lower", "", True) == "not_achieved"
    assert least_meeting(105, "more_than", True) == 106
    assert meets(18.2, 18.2, "higher") and not meets(18.19, 18.2, "higher")
    assert [classify(r) for r in (1.2, 0.95, 0.7, 0.3, -0.1)] == [
        "on_track",
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "deterioration",
    ]


@pytest.mark.parametrize(
    "value, status, percent, shortfall",
    [
        ("60", "exceeded", 60 / 55 * 100, math.nan),
        ("55", "achieved", 100.0, math.nan),
        ("54", "not_achieved", 54 / 55 * 100, 1.0),
    ],
)
def test_outcome_above_equal_below(tmp_path, value, status, percent, shortfall):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,income_per_capita,triệu đồng/người/năm,2020,55,target,SYN,",
            f"huyen_thu,income_per_capita,triệu đồng/người/năm,2020,{value},actual,SYN,",
        ],
    )
    j = judged(a, "income_per_capita")
    assert j.status == status and j.percent_of_target == pytest.approx(percent)
    assert (math.isnan(j.shortfall) and math.isnan(shortfall)) or j.shortfall == pytest.approx(
        shortfall
    )
    assert j.known_period == "2020" and not j.known_is_estimate


def test_an_estimate_is_an_outcome_flagged_as_such(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,production_value_growth,%,2020,18.2,target,SYN,",
            "huyen_thu,production_value_growth,%,2020,17.9,ước,SYN,",
        ],
    )
    j = judged(a, "production_value_growth")
    assert j.status == "not_achieved" and j.known_is_estimate
    assert j.percent_of_target == pytest.approx(17.9 / 18.2 * 100)  # "bằng 98,4% kế hoạch"


def test_more_than_qualifier_counts(tmp_path):
    rows = ["huyen_thu,new_party_members,người,2020,105,target,SYN,more_than"]
    assert (
        judged(
            analyse(tmp_path, rows + ["huyen_thu,new_party_members,người,2020,105,actual,SYN,"]),
            "new_party_members",
        ).status
        == "not_achieved"
    )
    assert (
        judged(
            analyse(tmp_path, rows + ["huyen_thu,new_party_members,người,2020,106,actual,SYN,"]),
            "new_party_members",
        ).status
        == "achieved"
    )


def test_at_least_qualifier_counts(tmp_path):
    rows = [
        "huyen_thu,party_orgs_good_share,%,2020,80,target,SYN,at_least",
        "huyen_thu,party_orgs_good_share,%,2020,80,actual,SYN,",
    ]
    assert judged(analyse(tmp_path, rows), "party_orgs_good_share").status == "achieved"


def test_lower_is_better_and_a_zero_target(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,poor_households_excl_social_protection,hộ,2020,0,target,SYN,",
            "huyen_thu,poor_households_excl_social_protection,hộ,2020,12,actual,SYN,",
            "huyen_thu,poverty_rate,%,2020,2,target,SYN,",
            "huyen_thu,poverty_rate,%,2020,1.8,actual,SYN,",
        ],
    )
    poor = judged(a, "poor_households_excl_social_protection")
    assert poor.rule == "eliminate" and poor.status == "not_achieved" and poor.shortfall == 12
    assert math.isnan(poor.percent_of_target)  # a ratio to zero says nothing
    rate = judged(a, "poverty_rate")
    assert rate.status == "exceeded"


def test_a_zero_count_reaching_one_is_judged_without_dividing_by_zero(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,model_ntm_communes,xã,2020,2,target,SYN,",
            "huyen_thu,model_ntm_communes,xã,2015,0,actual,SYN,",
            "huyen_thu,model_ntm_communes,xã,2018,1,actual,SYN,",
        ],
    )
    j = judged(a, "model_ntm_communes")
    assert (
        j.rate_unit == "units"
        and j.actual_rate == pytest.approx(1 / 3)
        and j.required_rate == pytest.approx(0.4)
    )
    assert j.status == "acceleration_needed"


def test_progress_is_measured_from_the_base_year_and_says_so(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,export_value,triệu USD,2020,45,target,SYN,",
            "huyen_thu,export_value,triệu USD,2010,10,actual,SYN,",
            "huyen_thu,export_value,triệu USD,2015,20,actual,SYN,",
            "huyen_thu,export_value,triệu USD,2018,30,actual,SYN,",
        ],
    )
    j = judged(a, "export_value")
    assert j.base_period == "2015" and j.latest_period == "2018"  # never from 2010
    assert j.actual_rate == pytest.approx(100 * ((30 / 20) ** (1 / 3) - 1))
    assert j.required_rate == pytest.approx(100 * ((45 / 20) ** (1 / 5) - 1))
    assert j.status == classify(math.log(30 / 20) / 3 / (math.log(45 / 20) / 5))


def test_without_a_base_figure_the_first_year_of_the_plan_period_is_used_and_named(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,export_value,triệu USD,2020,45,target,SYN,",
            "huyen_thu,export_value,triệu USD,2010,10,actual,SYN,",
            "huyen_thu,export_value,triệu USD,2016,20,actual,SYN,",
            "huyen_thu,export_value,triệu USD,2018,30,actual,SYN,",
        ],
    )
    j = judged(a, "export_value")
    assert j.base_period == "2016" and "base_in_plan_period" in {c.code for c in j.caveats}


def test_only_figures_outside_the_plan_period_make_progress_not_assessable(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,export_value,triệu USD,2020,45,target,SYN,",
            "huyen_thu,export_value,triệu USD,2010,10,actual,SYN,",
            "huyen_thu,export_value,triệu USD,2018,30,actual,SYN,",
        ],
    )
    j = judged(a, "export_value")
    assert j.status == "not_assessable" and math.isnan(j.actual_rate)
    assert j.needed_rate == pytest.approx(
        100 * ((45 / 30) ** 0.5 - 1)
    )  # from the latest figure, stated


def test_a_figure_already_meeting_the_target_is_met_early(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,ntm_communes,xã,2020,14,target,SYN,",
            "huyen_thu,ntm_communes,xã,2018,14,actual,SYN,",
        ],
    )
    assert judged(a, "ntm_communes").status == "met_early"


def test_half_year_figures_are_evidence_never_judged_pro_rata(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,development_investment,tỷ đồng,2020,3000,target,SYN,",
            "huyen_thu,development_investment,tỷ đồng,2020H1,1422.5,estimate,SYN,",
        ],
    )
    j = judged(a, "development_investment")
    assert j.status == "not_assessable"
    (half,) = j.evidence
    assert half.code == "half_year" and half.kw["share"] == pytest.approx(47.42, abs=0.01)


def test_a_growth_target_of_a_term_is_judged_on_the_level_path(tmp_path):
    rows = ["huyen_thu,production_value_growth_avg,%/năm,2016-2020,10,target,SYN,"]
    rows += [
        f"huyen_thu,production_value_growth,%,{y},{g},actual,SYN,"
        for y, g in zip(range(2016, 2021), (12, 11, 10, 9, 8))
    ]
    j = judged(analyse(tmp_path, rows), "production_value_growth_avg")
    expected = 100 * ((1.12 * 1.11 * 1.10 * 1.09 * 1.08) ** 0.2 - 1)
    assert j.status == "not_achieved" and j.known_value == pytest.approx(expected)


def test_cumulative_targets_pro_rata(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,new_jobs_total,người,2016-2020,10000,target,SYN,at_least",
            "huyen_thu,new_jobs_total,người,2016-2018,5400,actual,SYN,",
        ],
    )
    j = judged(a, "new_jobs_total")
    assert j.ratio == pytest.approx((5400 / 10000) / (3 / 5)) and j.status == "acceleration_needed"
    assert j.needed_rate == pytest.approx(2300)


def test_relative_target_from_its_parts(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,budget_revenue_vs_provincial_estimate,% vượt dự "
            "toán,2020,5,target,SYN,at_least",
            "huyen_thu,budget_revenue,tỷ đồng,2020,220,actual,SYN,",
            "huyen_thu,budget_revenue_provincial_estimate,tỷ đồng,2020,200,target,SYN,",
        ],
    )
    j = judged(a, "budget_revenue_vs_provincial_estimate")
    assert j.status == "exceeded" and j.known_value == pytest.approx(10.0)
    assert j.percent_of_target == pytest.approx(110 / 105 * 100)


def test_a_break_stops_trends_and_is_named(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "breaks.csv").write_text(
        "area,indicator,from_year,break_kind,source_id\n,poverty_rate,2016,poverty_line,SYN\n",
        encoding="utf-8",
    )
    a = analyse(
        tmp_path,
        [
            "huyen_thu,poverty_rate,%,2020,1,target,SYN,",
            "huyen_thu,poverty_rate,%,2014,9,actual,SYN,",
            "huyen_thu,poverty_rate,%,2016,6,actual,SYN,",
            "huyen_thu,poverty_rate,%,2018,4,actual,SYN,",
        ],
    )
    j = judged(a, "poverty_rate")
    assert j.base_period == "2016" and {"series_break", "base_in_plan_period"} <= {
        c.code for c in j.caveats
    }
    assert a.series["poverty_rate"].years.tolist() == [2016, 2018]


# -- the public record and the review table -----------------------------------------------------


def test_every_target_of_the_resolution_and_the_2020_plan_once(public_analysis):
    from dongson_analysis.review import review_sections

    sections = review_sections(public_analysis)
    rows = [(s.plan.id, r.judgement.target) for s in sections for r in s.rows]
    keys = [(plan, t.indicator, str(t.period), t.value) for plan, t in rows]
    assert len(keys) == len(set(keys))
    obs = public_analysis.observations
    stated = obs[obs["source_id"].isin(["S02", "S07"]) & (obs["effective_status"] == "target")]
    for r in stated.itertuples():
        canonical = public_analysis.catalogue.canonical(r.indicator)
        hits = [
            t
            for _, t in rows
            if t.indicator == canonical
            and str(t.period) == r.period
            and t.value == r.value
            and r.source_id in t.sources
        ]
        assert len(hits) == 1, (r.indicator, r.period)
    urban = [t for _, t in rows if t.indicator == "urban_population_share"]
    assert len(urban) == 1 and urban[0].sources == ("S02", "S09")  # the alias is counted once
    assert [s.plan.id for s in sections][:2] == ["congress_xxiv", "annual_2020"]


@pytest.mark.parametrize(
    "indicator, period, status, percent",
    [
        ("production_value_growth", "2018", "achieved", 100.0),  # 18,2% ước against 18,2% KH
        (
            "food_output",
            "2016-2020",
            "not_assessable",
            math.nan,
        ),  # 54.003 t in 2018 against 52.500 t every year: one year is not enough basis
        ("rice_land_converted", "2018", "exceeded", 321 / 315 * 100),
        (
            "ntm_district_status",
            "2018",
            "achieved",
            math.nan,
        ),  # 9/9 criteria, 14/14 communes in 2018
        ("production_value_growth_avg", "2011-2015", "exceeded", 15.7 / 15.5 * 100),
    ],
)
def test_plan_versus_actual_pairs_of_the_record(
    public_analysis, indicator, period, status, percent
):
    j = next(
        j
        for j in public_analysis.judgements
        if j.target.indicator == indicator and str(j.target.period) == period
    )
    assert j.status == status
    assert (
        math.isnan(percent) and math.isnan(j.percent_of_target)
    ) or j.percent_of_target == pytest.approx(percent)


def test_first_half_2020_investment_is_shown_against_the_years_target(public_analysis):
    j = next(
        j for j in public_analysis.judgements if j.target.indicator == "development_investment"
    )
    assert [round(e.kw["share"], 1) for e in j.evidence] == [47.4]


def test_every_rate_states_its_base_and_never_starts_before_the_plan(public_analysis):
    for j in public_analysis.judgements:
        if j.base_period and j.target.plan.id == "congress_xxiv":
            assert int(j.base_period[:4]) >= 2015, j.target


def test_every_judgement_has_an_outcome_a_class_or_what_it_needs(public_analysis):
    for j in public_analysis.judgements:
        assert j.status != "not_assessable" or j.needs, j.target


# -- a synthetic complete planner file: every seed target gets an outcome -------------------------

# synthetic: actuals 2015-2019 and an estimate for 2020, for every indicator behind the seed targets
SEED_FIGURES = {
    "production_value_growth": ("%", [16, 17, 17.5, 18.2, 18, 17.9]),
    "value_per_hectare": ("triệu đồng/ha", [95, 100, 106, 111, 116, 121]),
    "development_investment": ("tỷ đồng", [2000, 2200, 2450, 2650, 2800, 2950]),
    "export_value": ("triệu USD", [30, 33, 36, 40, 43, 46]),
    "budget_revenue": ("tỷ đồng", [300, 320, 350, 380, 400, 430]),
    "income_per_capita": ("triệu đồng/người/năm", [37, 40, 43.5, 47, 51, 54]),
    "poor_households_excl_social_protection": ("hộ", [900, 600, 350, 150, 40, 0]),
    "national_standard_school_share": ("%", [80, 84, 88, 92, 95, 97.5]),
    "model_ntm_villages": ("thôn", [0, 2, 5, 9, 13, 17]),
    "model_ntm_communes": ("xã", [0, 0, 0, 0, 1, 1]),
    "model_agencies": ("đơn vị", [0, 1, 2, 4, 5, 6]),
    "model_residential_groups": ("đơn vị", [0, 0, 0, 1, 1, 2]),
    "party_orgs_good_share": ("%", [75, 77, 78, 80, 81, 82]),
    "new_party_members": ("người", [90, 95, 100, 102, 104, 108]),
}


def test_synthetic_complete_file_gives_every_seed_target_an_outcome(tmp_path):
    import shutil

    from conftest import PUBLIC_RECORD

    folder = tmp_path / "data"
    shutil.copytree(PUBLIC_RECORD, folder / "public_record")
    rows = []
    for indicator, (unit, values) in SEED_FIGURES.items():
        for year, value in zip(range(2015, 2021), values):
            rows.append(
                f"dong_son,{indicator},{unit},{year},{value},"
                f"{'ước' if year == 2020 else 'actual'},SYN,"
            )
    rows.append("dong_son,budget_revenue_provincial_estimate,tỷ đồng,2020,405,target,SYN,")
    (folder / "planner").mkdir()
    (folder / "planner" / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "planner" / "synthetic_complete.csv").write_text(
        HEADER + "\n".join(rows) + "\n", encoding="utf-8"
    )
    a = run_analysis(Settings((folder,), CATALOGUE_DIR))
    seed = [j for j in a.judgements if "S07" in j.target.sources]
    assert len(seed) == 14  # the 13 targets; agencies and residential groups are two rows
    for j in seed:
        assert j.family == "outcome", (j.target.indicator, j.status, j.needs)
        assert j.known_is_estimate and j.known_period == "2020"
        assert not math.isnan(j.percent_of_target), j.target.indicator
    growth = next(j for j in seed if j.target.indicator == "production_value_growth")
    assert growth.status == "not_achieved" and growth.percent_of_target == pytest.approx(
        17.9 / 18.2 * 100
    )


# -- what validates, runs: an explicit answer instead of a crash ---------------------------------


def test_a_zero_level_is_not_projected_and_says_why(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,export_value,triệu USD,2018,0,actual,SYN,",
            "huyen_thu,export_value,triệu USD,2019,12,actual,SYN,",
            "huyen_thu,export_value,triệu USD,2020,45,target,SYN,",
        ],
    )
    assert a.not_projected["export_value"].code == "not_positive"
    from dongson_analysis.wording import not_projected_text

    assert "qua mức không" in not_projected_text(
        texts_for("vi"), a, "export_value", a.not_projected["export_value"]
    )
    assert judged(a, "export_value").status in (
        "not_assessable",
        "acceleration_needed",
        "on_track",
        "limited_progress",
        "deterioration",
    )


def test_a_growth_rate_of_minus_100_percent_runs(tmp_path):
    rows = ["huyen_thu,production_value_growth_avg,%/năm,2016-2020,10,target,SYN,"]
    rows += [
        f"huyen_thu,production_value_growth,%,{y},{g},actual,SYN,"
        for y, g in zip(range(2016, 2021), (12, -100, 10, 9, 8))
    ]
    a = analyse(tmp_path, rows)
    j = judged(a, "production_value_growth_avg")
    assert j.status in ("not_achieved", "not_assessable")
    for lang in ("vi", "en"):
        assert judgement_paragraph(texts_for(lang), a, j)


def test_values_at_their_bounds_run(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,national_standard_school_share,%,2016,100,actual,SYN,",
            "huyen_thu,national_standard_school_share,%,2018,100,actual,SYN,",
            "huyen_thu,national_standard_school_share,%,2020,100,target,SYN,",
            "huyen_thu,poverty_rate,%,2016,0,actual,SYN,",
            "huyen_thu,poverty_rate,%,2018,0,actual,SYN,",
        ],
    )
    assert judged(a, "national_standard_school_share").status == "met_early"
    p = a.projections["poverty_rate"]
    assert (p.point >= 0).all() and (
        a.projections["national_standard_school_share"].point <= 100
    ).all()


def test_a_single_figure_gives_an_explicit_answer(tmp_path):
    a = analyse(
        tmp_path,
        [
            "huyen_thu,export_value,triệu USD,2018,30,actual,SYN,",
            "huyen_thu,export_value,triệu USD,2020,45,target,SYN,",
        ],
    )
    assert a.not_projected["export_value"].code == "single_figure"
    j = judged(a, "export_value")
    assert j.status == "not_assessable" and j.needs
