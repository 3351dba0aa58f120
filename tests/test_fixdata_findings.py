"""The planner's review findings on the data and the analysis (review_findings.md, round 3):
what the record says is stated as the record says it, and nothing is judged, projected or proposed
that cannot be.
"""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from conftest import CATALOGUE_DIR

from dongson_analysis import run_analysis, settings_from_parameters
from dongson_analysis.blocks import Bullets, Edition, Paragraph
from dongson_analysis.catalogue import CatalogueError, load_catalogue
from dongson_analysis.chapters.results import targets as results_targets
from dongson_analysis.l10n import texts_for
from dongson_analysis.review import plans_under_review, sector_indicators


@pytest.fixture(scope="module")
def review_2021():
    """The shipped record, reviewed for 2021–2025 with the plan 2026–2030."""
    return run_analysis(replace(settings_from_parameters(), review=(2021, 2025), plan=(2026, 2030)))


def _lines(blocks) -> list[str]:
    return [line for b in blocks if isinstance(b, Bullets) for line in b.items]


# -- finding 4: the count of targets met is the plan's result -----------------------------------


def test_plan_result_role_is_read_from_the_catalogue(catalogue):
    assert catalogue["resolution_indicators_met"].is_plan_result
    assert catalogue["council_indicators_met"].is_plan_result
    assert catalogue.canonical("council_indicators_met") == "resolution_indicators_met"
    assert catalogue["council_indicators_met"].name("vi") == catalogue[
        "resolution_indicators_met"
    ].name("vi")
    assert not catalogue["income_per_capita"].is_plan_result


def test_an_unknown_role_fails_loudly(tmp_path):
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, folder)
    path = folder / "indicators.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace("Admitted in the year.,,", "Admitted in the year.,,plan_total"))
    with pytest.raises(CatalogueError) as err:
        load_catalogue(folder)
    p = err.value.problem
    header = text.splitlines()[0].split(",")
    row = next(i for i, line in enumerate(text.splitlines(), 1) if "new_party_members" in line)
    assert (p.code, p.row, p.column) == ("catalogue_bad_value", row, header.index("role") + 1)
    assert p.params["value"] == "plan_total"
    assert p.params["allowed"] == "indicator, plan_result"


def test_plan_results_are_stated_never_judged_projected_or_proposed(review_2021):
    a = review_2021
    results = {(r.year, r.plan): (r.met, r.total, r.sources) for r in a.plan_results}
    assert results[(2023, "annual_2023")] == (27.0, 28.0, ("S19",))
    assert results[(2021, "annual_2021")] == (30.0, 30.0, ("S15",))
    members = {"resolution_indicators_met", "council_indicators_met"}
    assert not [j for j in a.judgements if j.target.indicator in members]
    assert not [p for p in a.proposals if p.indicator in members]
    assert not members & set(a.projections)
    assert not members & set(a.trends)
    assert not members & {i for ids in sector_indicators(a.catalogue).values() for i in ids}
    sizes = {s.plan.id: s.size for s in plans_under_review(a)}
    assert sizes["annual_2023"] == 28


def test_part_one_states_each_years_result(review_2021):
    lines = _lines(results_targets(Edition(review_2021, texts_for("vi"), "report")))
    assert "Năm 2023: 27/28 chỉ tiêu hoàn thành (S19)." in lines
    assert "Năm 2021: 30/30 chỉ tiêu hoàn thành (S15)." in lines
    assert not any("3/4 chỉ tiêu đạt" in line for line in lines)
    en = _lines(results_targets(Edition(review_2021, texts_for("en"), "report")))
    assert "2023: 27 of 28 targets met (S19)." in en


# -- finding 6: a relative indicator is neither projected nor proposed --------------------------


def test_a_relative_indicator_is_not_projected_nor_proposed_and_says_why(review_2021):
    from dongson_analysis.wording import not_projected_text

    a = review_2021
    name = "budget_revenue_vs_provincial_estimate"
    assert a.catalogue[name].is_relative
    assert name not in a.projections
    assert a.not_projected[name].code == "relative"
    assert name not in {p.indicator for p in a.proposals}
    assert not_projected_text(texts_for("vi"), a, name, a.not_projected[name]) == (
        "Thu ngân sách vượt dự toán tỉnh giao là tỷ lệ giữa hai số liệu chưa được công bố đầy đủ, "
        "biến động mạnh từ năm này sang năm khác, nên không dự báo và không đề xuất chỉ tiêu."
    )
    assert "neither projected nor proposed" in not_projected_text(
        texts_for("en"), a, name, a.not_projected[name]
    )


# -- finding 1: a period that runs past the area's end ------------------------------------------


def test_a_review_past_the_areas_end_carries_its_succession_and_proposes_nothing(review_2021):
    from dongson_analysis.analysis import SuccessionStep

    s = review_2021.succession
    assert (s.area, s.ended, s.ceased_on) == ("dong_son", "2024-12-31", "2025-01-01")
    assert s.steps == (
        SuccessionStep("2025-01-01", ("thanh_hoa_city",), ("N04",)),
        SuccessionStep("2025-07-01", ("dong_son_ward", "dong_quang_ward"), ("N05", "N06")),
    )
    assert s.review_past_end and s.ceased_before_plan
    assert review_2021.proposals == ()


def test_the_documents_state_the_succession(review_2021):
    """Dated 12/2024, the report knows no source of the succession (N04 04/2025, N05 08/2025,
    N06 09/2025): it states no step and no date, and proposes nothing (look_b).
    """
    from dongson_analysis.chapters.plan import context as plan_context
    from dongson_analysis.chapters.plan import targets as plan_targets
    from dongson_analysis.chapters.results import opening

    assert review_2021.settings.report_date == "2024-12"
    assert review_2021.succession.known == (False, False)
    ed = Edition(review_2021, texts_for("vi"), "report")
    texts = [b.text for b in opening(ed) if hasattr(b, "text")]
    assert not any("không còn là đơn vị hành chính" in t or "N05" in t for t in texts)
    assert plan_targets(ed) == []
    assert [b.text for b in plan_context(ed) if isinstance(b, Paragraph)] == [
        "Báo cáo không đề xuất chỉ tiêu kế hoạch 2026–2030 cho huyện Đông Sơn; kế hoạch giai "
        "đoạn này thuộc các đơn vị kế thừa địa bàn huyện Đông Sơn."
    ]


def test_an_area_that_outlasts_the_plan_has_no_succession(public_analysis):
    s = (
        public_analysis.succession
    )  # 2016–2020, plan 2021–2025: Đông Sơn ends in the plan's last year
    assert s is not None and not s.review_past_end and not s.ceased_before_plan
    assert public_analysis.proposals


# -- finding 2: the term resolution under review and its mid-term figure ------------------------


def test_the_term_resolution_under_review_is_known_with_its_mid_term_figure(review_2021):
    from dongson_analysis.chapters.annex import bieu_table
    from dongson_analysis.chapters.results import opening
    from dongson_analysis.review import PeriodFigure

    sections = plans_under_review(review_2021)
    first = sections[0]
    assert first.plan.id == "congress_xxv" and first.rows == ()
    assert first.figures == (
        PeriodFigure("production_value_growth_avg", "2021-2023", 8.04, True, "S18"),
    )
    ed = Edition(review_2021, texts_for("vi"), "report")
    box = opening(ed)[0]  # the basis lines stand in the office's box (finding 10)
    assert box.evidence[0].startswith("Căn cứ Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV")
    lines = _lines(results_targets(ed))
    assert (
        "Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2020–2025: chưa thu thập được "
        "chỉ tiêu của nghị quyết (0 chỉ tiêu có số liệu)." in lines
    )
    assert (
        "Tốc độ tăng giá trị sản xuất bình quân giai đoạn 2021–2023: 8,0%/năm (số ước, "
        "nguồn S18)." in lines
    )
    table = bieu_table(ed)
    texts = [[c.text for c in r.cells] for r in table.rows]
    group = next(i for i, r in enumerate(texts) if r[0].startswith("I. Nghị quyết Đại hội"))
    row = texts[group + 1]
    assert row[1] == "Tốc độ tăng giá trị sản xuất bình quân (2021–2023)"
    assert "8,0 (ước)" in row and row[-1] == "nguồn S18"
    assert len(row) == len(table.columns)
    assert "S18" in " ".join(table.notes)


# -- finding 3: a doubtful figure is flagged and rests no proposal ------------------------------


def test_the_doubtful_2022_growth_is_flagged_and_rests_no_proposal(review_2021):
    from dongson_analysis.chapters.annex import bieu_table
    from dongson_analysis.proposals import propose_targets

    a = review_2021
    obs = a.area_observations
    flagged = obs[obs["quality"] == "doubtful"]
    assert [(r.indicator, r.period, r.value) for r in flagged.itertuples()] == [
        ("production_value_growth", "2022", 18.3)
    ]
    # the proposals the figures would give, were the district still there: none rests on 18,3
    made = {
        p.indicator: p
        for p in propose_targets(
            a.catalogue, a.series, a.projections, list(a.judgements), a.settings
        )
    }
    growth = made["production_value_growth_avg"]
    assert not growth.proposed
    assert [(c.code, c.kw["periods"]) for c in growth.caveats] == [("uses_doubtful", ("2022",))]
    assert [(n.indicator, n.years) for n in growth.needs] == [("production_value_growth", (2022,))]
    assert made["income_per_capita"].proposed
    cells = [
        c.text for r in bieu_table(Edition(a, texts_for("vi"), "report")).rows for c in r.cells
    ]
    assert "18,3 (ước) (cần xác minh)" in cells


def test_an_unknown_quality_flag_is_named_at_its_cell(tmp_path):
    from dongson_analysis.records import validate_paths

    folder = tmp_path / "data"
    shutil.copytree(CATALOGUE_DIR.parent / "raw", folder / "raw")
    path = folder / "raw" / "public_record" / "observations_2021_2025.csv"
    text = path.read_text("utf-8").replace(",,doubtful\n", ",,suspect\n")
    path.write_text(text, "utf-8")
    report = validate_paths([folder / "raw"], load_catalogue(CATALOGUE_DIR))
    found = [p for p in report.problems if p.code == "bad_flag"]
    row = next(i for i, line in enumerate(text.splitlines(), 1) if ",,suspect" in line)
    header = text.splitlines()[0].split(",")
    assert [(p.row, p.column, p.params["value"]) for p in found] == [
        (row, header.index("quality") + 1, "suspect")
    ]


# -- finding 16: a target implied by "đạt 100% kế hoạch" is judged as the report says ------------


def test_the_2018_growth_target_inferred_from_100_percent_is_judged_as_reported(public_analysis):
    from dongson_analysis.wording import judgement_cell

    obs = public_analysis.area_observations
    row = obs[
        (obs["indicator"] == "production_value_growth")
        & (obs["period"] == "2018")
        & (obs["status"] == "target")
    ]
    assert row["target_inferred"].tolist() == [True]
    j = next(
        j
        for j in public_analysis.judgements
        if j.target.indicator == "production_value_growth" and str(j.target.period) == "2018"
    )
    assert j.target.derived and j.status == "achieved"
    assert ("derived_target", (("sources", "S04"),)) in [(c.code, c.params) for c in j.caveats]
    assert judgement_cell(texts_for("vi"), public_analysis, j) == (
        "Đạt kế hoạch (theo báo cáo, theo số ước)"
    )


# -- findings 7, 38, 49: what a filed report may cite ------------------------------------------


def test_aggregator_figures_stay_out_of_the_report_and_qualifiers_travel(public_analysis):
    from dongson_analysis.chapters.results import sectors

    a = public_analysis
    kinds = dict(zip(a.sources["source_id"], a.sources["kind"]))
    assert kinds["S01"] == "aggregator"  # a repost on baomoi.com
    assert {"S01", "S09", "S10", "S11"}.isdisjoint(a.citable_sources)
    assert {"S02", "S04", "S07"} <= a.citable_sources
    cited = a.citable_observations
    assert not cited["source_id"].isin(["S01", "S09", "S10", "S11"]).any()
    assert set(cited["area"]) == {"dong_son"}
    lines = " ".join(_lines(sectors(Edition(a, texts_for("vi"), "report"))))
    for absent in ("603", "11.000", "14 đơn vị", "37,4", "5.400"):
        assert absent not in lines, absent
    # the qualifier of a figure travels with it (gần 5.400 đảng viên, S01)
    party = a.area_observations[a.area_observations["indicator"] == "party_members"]
    assert party["qualifier"].tolist() == ["nearly"]


def test_an_aggregator_repeating_an_official_target_does_not_mark_it_unverified(public_analysis):
    from dongson_analysis.chapters.annex import bieu_table

    rows = [r for s in plans_under_review(public_analysis) for r in s.rows]
    urban = next(r for r in rows if r.judgement.target.indicator == "urban_population_share")
    assert urban.judgement.target.sources == ("S02", "S09")
    assert urban.repeats == ("S09",) and urban.sources == ("S02",)
    table = bieu_table(Edition(public_analysis, texts_for("vi"), "report"))
    cells = [[c.text for c in r.cells] for r in table.rows]
    note = next(r[-1] for r in cells if r[1].startswith("Tỷ lệ dân số đô thị"))
    assert note.endswith("nguồn S02") and "chưa xác minh" not in note


# -- findings 34, 36: each target in its own plan ------------------------------------------------


def test_the_full_year_2020_industry_target_belongs_to_the_2020_resolution(public_analysis):
    by_plan = {
        (j.target.indicator, str(j.target.period)): (j.target.plan.id, j.target.derived)
        for j in public_analysis.judgements
    }
    assert by_plan[("industrial_production_value", "2020")] == ("annual_2020", True)
    assert by_plan[("production_value_growth", "2020H2")] == ("midyear_2020", False)
    assert public_analysis.catalogue.plans["midyear_2020"].half == 2


def test_an_unknown_half_in_plans_csv_fails_at_its_cell(tmp_path):
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, folder)
    path = folder / "plans.csv"
    text = path.read_text("utf-8").replace("S08,2\n", "S08,H2\n")
    path.write_text(text, "utf-8")
    with pytest.raises(CatalogueError) as err:
        load_catalogue(folder)
    p = err.value.problem
    row = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("midyear"))
    assert (p.code, p.row, p.column, p.params["value"]) == ("catalogue_bad_value", row, 6, "H2")


def test_the_2024_council_and_party_resolutions_are_two_groups(review_2021):
    sections = {s.plan.id: s for s in plans_under_review(review_2021)}
    council = sections["annual_2024"]
    assert {r.judgement.target.indicator for r in council.rows} == {
        "income_per_capita",
        "health_insurance_coverage",
    }
    assert council.plan.sources == ("S20", "S21") and council.size is None
    party = review_2021.catalogue.plans["annual_2024_party"]
    assert party.sources == ("S22",)
    results = {r.plan: (r.met, r.total) for r in review_2021.plan_results if r.year == 2024}
    assert results == {"annual_2024_party": (30.0, 30.0)}


# -- finding 27: the break that applies to a target is the one inside its own period -------------


def test_a_target_reads_the_break_of_its_own_period_in_every_run(public_analysis, review_2021):
    def poverty(analysis):
        j = next(j for j in analysis.judgements if j.target.indicator == "poverty_rate_reduction")
        return j.status, j.needs, [c.kw.get("year") for c in j.caveats if c.code == "series_break"]

    expected = ("not_assessable", [], [2016])
    for analysis in (public_analysis, review_2021):
        status, needs, breaks = poverty(analysis)
        assert (status, breaks) == (expected[0], expected[2])
        assert [(n.indicator, n.years) for n in needs] == [("poverty_rate", (2016, 2020))]
    series = review_2021.series["poverty_rate"]
    assert series.segment_start == 2022  # the series itself still projects from 2022
    assert series.within(2020).segment_start == 2016
    assert series.within(2020).rows["period_start"].tolist() == [2010, 2018]


# -- finding 44: an alias is counted with the indicator it stands for ---------------------------


def test_the_count_of_indicators_equals_the_rows_of_the_table(public_analysis):
    from dongson_analysis.blocks import Table
    from dongson_analysis.chapters.record import by_status, overview

    a = public_analysis
    recorded = a.recorded_indicators
    assert "urban_population_share" in recorded and "urbanisation_rate" not in recorded
    assert len(recorded) == a.area_observations["indicator"].nunique() - 1
    ed = Edition(a, texts_for("vi"), "notes")
    table = next(b for b in by_status(ed) if isinstance(b, Table))
    text = next(b.text for b in overview(ed) if isinstance(b, Paragraph))
    assert f"số liệu về {len(table.rows)} chỉ tiêu" in text


# -- finding 26: two concepts of budget revenue, two indicators ---------------------------------


def test_the_2021_total_budget_revenue_is_not_in_the_state_budget_revenue_series(review_2021):
    a = review_2021
    assert a.series["budget_revenue"].rows["period"].tolist() == ["2023", "2024"]
    total = a.series["budget_revenue_reported_total"].rows
    assert total[["period", "value", "source_id"]].values.tolist() == [["2021", 1512.327, "S15"]]
    names = {
        i: a.catalogue[i].name("vi") for i in ("budget_revenue", "budget_revenue_reported_total")
    }
    assert names == {
        "budget_revenue": "Thu ngân sách nhà nước trên địa bàn",
        "budget_revenue_reported_total": "Tổng thu ngân sách (báo cáo không nêu rõ phạm vi)",
    }


# -- finding 35: the food output target keeps its basis -----------------------------------------


def test_the_food_output_target_is_shown_as_a_yearly_average(public_analysis):
    from dongson_analysis.chapters.annex import bieu_table

    table = bieu_table(Edition(public_analysis, texts_for("vi"), "report"))
    row = next(
        [c.text for c in r.cells]
        for r in table.rows
        if r.cells[1].text.startswith("Sản lượng lương thực")
    )
    assert row[2:4] == ["tấn/năm (bình quân)", "52.500"]


def test_a_figure_cell_prints_its_qualifier(public_analysis):
    from dongson_analysis.review import YearFigure, figure_cell

    ed = Edition(public_analysis, texts_for("vi"), "report")
    figure = YearFigure(2015, 5400.0, False, False, False, "S01", qualifier="nearly")
    cell = figure_cell(ed, "party_members", figure)
    assert (cell.text, cell.value) == ("gần 5.400", 5400.0)
    assert cell.number_format.startswith('"gần "')


def test_a_trend_names_its_lowest_and_highest_figures(review_2021):
    t = review_2021.trends["budget_revenue_vs_provincial_estimate"]
    assert (t.first_year, t.first_value, t.last_year, t.last_value) == (2021, 499.0, 2024, 448.0)
    assert (t.low_year, t.low_value, t.high_year, t.high_value) == (2023, 21.0, 2021, 499.0)
    assert t.swings
    income = review_2021.trends["income_per_capita"]
    assert not income.swings
