"""Issue 19 (input parts): catalogue edits, plans, targets and settings checked as data.

Each test builds the bad input in a temporary folder (a copy of the shipped catalogue or
data, edited; or synthetic figures for synthetic areas) and checks the exact message,
row and column. Every figure written here is synthetic.
"""

from __future__ import annotations

import csv
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import CATALOGUE_DIR, DATA, SYNTHETIC_CATALOGUE_DIR

from dongson_analysis import Settings, run_analysis
from dongson_analysis.catalogue import CatalogueError, load_catalogue
from dongson_analysis.judgement import targets_from_record
from dongson_analysis.problems import Problem, ValidationError, problem_line, problem_message
from dongson_analysis.records import validate_paths

SYNTHETIC = load_catalogue(SYNTHETIC_CATALOGUE_DIR)
HEADER = "area,indicator,unit,period,value,status,source_id\n"
SOURCES = (
    "source_id,publisher,published,url,what_it_covers\n"
    "SYN1,Synthetic source one (test),2021,,synthetic figures\n"
    "SYN2,Synthetic source two (test),2021,,synthetic figures\n"
)
NATIONAL = DATA / "raw" / "national"


def en(problem: Problem) -> str:
    return problem_message(problem, "en")


def row_of(path: Path, first_cell: str, column: int = 0) -> int:
    """The row (as a spreadsheet counts) of the first record whose cell ``column`` is
    ``first_cell``.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        for i, record in enumerate(csv.reader(handle), start=1):
            if len(record) > column and record[column] == first_cell:
                return i
    raise AssertionError(f"{first_cell} not in {path}")


def header_column(path: Path, name: str) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle)).index(name) + 1


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


@pytest.fixture
def catalogue(tmp_path) -> Path:
    """A copy of the shipped catalogue plus the synthetic areas, to edit."""
    return Path(shutil.copytree(SYNTHETIC_CATALOGUE_DIR, tmp_path / "catalogue"))


def refused(folder: Path) -> Problem:
    with pytest.raises(CatalogueError) as err:
        load_catalogue(folder)
    problem = err.value.problem
    assert problem_message(problem, "vi") and problem_message(problem, "en")
    return problem


def at(problem: Problem, file: Path, row: int, column: int) -> None:
    assert (problem.file, problem.row, problem.column) == (str(file), row, column), en(problem)


def planner(tmp_path: Path, body: str, name: str = "figures.csv") -> Path:
    """A planner's folder with the synthetic sources and one file of figures."""
    folder = tmp_path / "planner"
    folder.mkdir(exist_ok=True)
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / name).write_text(body, encoding="utf-8")
    return folder


def public(tmp_path: Path, body: str) -> Path:
    """A synthetic public record (a folder named public_record) with the synthetic sources."""
    folder = tmp_path / "public_record"
    folder.mkdir()
    (folder / "observations.csv").write_text(HEADER + body, encoding="utf-8")
    (folder / "sources.csv").write_text(
        SOURCES.replace("SYN1", "PUB1").replace("SYN2", "PUB2"), encoding="utf-8"
    )
    return folder


def only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [problem_line(p, "en") for p in problems]
    return found[0]


# -- errors are data ------------------------------------------------------------------------------


def test_problems_and_catalogue_errors_carry_codes_and_values_only(catalogue):
    assert not hasattr(Problem, "message")
    problem = Problem("f.csv", 2, 3, "missing_value")
    assert str(problem) == "f.csv:2:3: error missing_value"
    with pytest.raises(TypeError):
        CatalogueError("a plain string")  # type: ignore[arg-type]
    edit(catalogue / "units.csv", "tonnes,mass,1", "tonnes,mass,-1")
    err = CatalogueError(refused(catalogue))
    assert "catalogue_scale" in str(err) and "must be a positive" not in str(err)
    assert err.format("en").endswith("the scale '-1' must be a positive number.")
    assert err.format("vi").endswith("hệ số quy đổi '-1' phải là số dương.")
    error = ValidationError([problem])
    assert str(error) == "f.csv:2:3: error missing_value"


# -- the catalogue checked as data ----------------------------------------------------------------


def test_catalogue_saved_with_semicolons_is_named_as_such(catalogue):
    path = catalogue / "units.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    problem = refused(catalogue)
    at(problem, path, 1, 1)
    assert en(problem) == (
        "this table is separated by ';', not by commas, so its columns cannot be told apart "
        "(Excel saves CSV files this way with some regional settings). Save it from Excel as "
        "'CSV UTF-8 (Comma delimited)', or replace the separators with commas."
    )


def test_catalogue_row_with_a_cell_missing_is_named_at_its_row(catalogue):
    path = catalogue / "indicators.csv"
    edit(
        path,
        "income_per_capita,million VND/person/year,level,higher,0,,current,",
        "income_per_capita,million VND/person/year,level,higher,0,current,",
    )
    problem = refused(catalogue)
    width = len(next(csv.reader(path.open(encoding="utf-8"))))
    at(problem, path, row_of(path, "income_per_capita"), width)
    assert en(problem).startswith(
        f"this row has {width - 1} cells but the header names {width} columns: a cell is missing"
    )


def test_a_row_without_its_last_optional_cells_is_read(catalogue):
    """A row written before the last optional column existed reads right: it is read."""
    path = catalogue / "indicators.csv"
    append(path, "school_meals,persons,count,higher,0,,not_applicable,education,0,population\n")
    append(
        catalogue / "names.csv",
        "indicator,school_meals,vi,,Suất ăn (synthetic)\nindicator,school_meals,en,,Meals\n",
    )
    indicator = load_catalogue(catalogue)["school_meals"]
    assert (indicator.same_as, indicator.national_breaks, indicator.notes) == ("", (), "")


def test_catalogue_row_with_a_cell_too_many_is_named_at_its_row(catalogue):
    path = catalogue / "units.csv"
    edit(path, "tonnes,mass,1\n", "tonnes,mass,1,tấn\n")
    problem = refused(catalogue)
    at(problem, path, row_of(path, "tonnes"), 4)
    assert en(problem) == (
        "this row has 4 cells but the header names 3 columns: 'tấn' belongs to no column. A "
        "comma inside a cell must be enclosed in quotation marks; otherwise remove the extra cell."
    )


def test_swapped_bounds_are_named_at_their_cell_in_the_catalogue(catalogue):
    path = catalogue / "indicators.csv"
    edit(path, "poverty_rate,%,share,lower,0,100,", "poverty_rate,%,share,lower,100,0,")
    problem = refused(catalogue)
    at(problem, path, row_of(path, "poverty_rate"), header_column(path, "lower_bound"))
    assert en(problem) == (
        "the lower bound (100) of poverty_rate is above its upper bound (0): the bounds are "
        "swapped. Swap them."
    )


def test_an_empty_english_name_is_refused_at_its_row_in_names(catalogue):
    path = catalogue / "names.csv"
    edit(
        path,
        "indicator,income_per_capita,en,,Income per capita",
        "indicator,income_per_capita,en,,",
    )
    problem = refused(catalogue)
    at(problem, path, row_of(path, "income_per_capita", 1) + 1, 5)
    assert en(problem) == "the name of 'income_per_capita' is empty; fill it in or remove the row."


def test_a_missing_english_name_is_refused_at_the_entry(catalogue):
    path = catalogue / "names.csv"
    edit(path, "indicator,income_per_capita,en,,Income per capita\n", "")
    problem = refused(catalogue)
    indicators = catalogue / "indicators.csv"
    at(problem, indicators, row_of(indicators, "income_per_capita"), 1)
    assert "'income_per_capita' has no name in language 'en' in names.csv" in en(problem)


def test_the_old_name_columns_say_that_names_moved(catalogue):
    path = catalogue / "units.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([text[0] + ",name_en"] + [line + "," for line in text[1:]]) + "\n",
        encoding="utf-8",
    )
    problem = refused(catalogue)
    at(problem, path, 1, 4)
    assert en(problem).startswith(
        "column 'name_en' is no longer read: the names of indicators, units, plans and areas "
        "live in names.csv"
    )


def _add_indicator(catalogue: Path, row: str, ident: str, names: tuple[str, str]) -> None:
    width = len(next(csv.reader((catalogue / "indicators.csv").open(encoding="utf-8"))))
    cells = row.split(",")
    append(catalogue / "indicators.csv", ",".join(cells + [""] * (width - len(cells))) + "\n")
    append(
        catalogue / "names.csv",
        f"indicator,{ident},vi,,{names[0]}\nindicator,{ident},en,,{names[1]}\n",
    )


def test_ids_that_differ_only_by_case_are_refused(catalogue):
    _add_indicator(
        catalogue,
        "Income_Per_Capita,million VND/person/year,level,higher,0,,current,x,1,economy",
        "Income_Per_Capita",
        ("Thu nhập (synthetic)", "Income (synthetic)"),
    )
    path = catalogue / "indicators.csv"
    problem = refused(catalogue)
    at(problem, path, row_of(path, "Income_Per_Capita"), 1)
    assert en(problem).startswith(
        f"'Income_Per_Capita' differs from 'income_per_capita' (row "
        f"{row_of(path, 'income_per_capita')}) only by case or accents"
    )


def test_ids_that_differ_only_by_accents_are_refused(catalogue):
    for ident in ("độ_che_phủ_rừng", "do_che_phu_rung"):
        _add_indicator(
            catalogue,
            f"{ident},%,share,higher,0,100,not_applicable,x,1,social_share",
            ident,
            ("Độ che phủ rừng (synthetic)", "Forest cover (synthetic)"),
        )
    path = catalogue / "indicators.csv"
    problem = refused(catalogue)
    at(problem, path, row_of(path, "do_che_phu_rung"), 1)
    assert "'do_che_phu_rung' differs from 'độ_che_phủ_rừng'" in en(problem)


def test_an_id_saved_decomposed_is_read_composed(catalogue, tmp_path):
    ident = "độ_che_phủ_rừng"
    decomposed = unicodedata.normalize("NFD", ident)
    assert decomposed != ident
    _add_indicator(
        catalogue,
        f"{decomposed},%,share,higher,0,100,not_applicable,x,1,social_share",
        ident,
        ("Độ che phủ rừng (synthetic)", "Forest cover (synthetic)"),
    )
    cat = load_catalogue(catalogue)
    assert ident in cat.indicators
    folder = planner(tmp_path, HEADER + f"huyen_thu,{ident},%,2020,41.5,actual,SYN1\n")
    report = validate_paths([folder], cat)
    assert report.ok, [problem_line(p, "en") for p in report.problems]
    assert report.observations["indicator"].tolist() == [ident]


def test_an_alias_in_another_unit_is_converted_to_the_unit_of_its_indicator(catalogue, tmp_path):
    _add_indicator(
        catalogue,
        "investment_million,million VND,level,higher,0,,current,economy,1,economy,,,"
        "development_investment",
        "investment_million",
        ('"Vốn đầu tư, triệu đồng (synthetic)"', '"Investment, million VND (synthetic)"'),
    )
    cat = load_catalogue(catalogue)
    body = HEADER + (
        "huyen_thu,development_investment,billion VND,2020,3000,target,SYN1\n"
        "huyen_thu,investment_million,million VND,2020,2950000,actual,SYN1\n"
    )
    folder = planner(tmp_path, body)
    obs = validate_paths([folder], cat).observations
    alias = obs[obs["indicator"] == "investment_million"].iloc[0]
    assert alias["value"] == pytest.approx(2950.0)
    assert alias["unit"] == "billion VND" and alias["unit_as_given"] == "million VND"
    assert alias["unit_factor"] == pytest.approx(0.001)
    # judged as 2.950 tỷ against 3.000 tỷ, not as 2.950.000 tỷ ("exceeded, 98.333%")
    analysis = run_analysis(Settings((folder,), catalogue, area="huyen_thu"))
    [judgement] = analysis.judgements
    assert judgement.status == "not_achieved"
    assert judgement.percent_of_target == pytest.approx(98.333, abs=0.001)


def test_an_alias_of_another_dimension_is_refused(catalogue):
    _add_indicator(
        catalogue,
        "investment_tonnes,tonnes,level,higher,0,,current,economy,1,economy,,,"
        "development_investment",
        "investment_tonnes",
        ("Đầu tư tính bằng tấn (synthetic)", "Investment in tonnes (synthetic)"),
    )
    path = catalogue / "indicators.csv"
    problem = refused(catalogue)
    at(problem, path, row_of(path, "investment_tonnes"), header_column(path, "same_as"))
    assert en(problem) == (
        "investment_tonnes (in 'tonnes') is given as the same indicator as "
        "'development_investment' (in 'billion VND'), but the two units measure different "
        "things, so their figures cannot be merged. Correct the unit or the same_as cell."
    )


def test_a_source_in_two_plans_whose_years_overlap_is_refused(catalogue):
    path = catalogue / "plans.csv"
    edit(path, "congress_xxiv,term,2016,2020,S02 S09", "congress_xxiv,term,2016,2020,S02 S09 S07")
    problem = refused(catalogue)
    at(problem, path, row_of(path, "annual_2020"), 5)
    assert en(problem) == (
        "source S07 of plan annual_2020 (2020–2020) is also listed in plan congress_xxiv "
        f"(row {row_of(path, 'congress_xxiv')}, 2016–2020), and the two plans' years overlap: "
        "each of its targets would go to whichever plan comes first. List the source in one plan."
    )


def test_a_source_in_two_plans_of_different_years_is_accepted(catalogue):
    edit(
        catalogue / "plans.csv",
        "annual_2018,annual,2018,2018,S04",
        "annual_2018,annual,2018,2018,S04 S07",
    )
    cat = load_catalogue(catalogue)
    assert cat.plan_for("S07", 2018, 2018).id == "annual_2018"
    assert cat.plan_for("S07", 2020, 2020).id == "annual_2020"


def test_a_source_of_plans_mistyped_is_named_at_its_cell_with_the_closest_id(tmp_path):
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    plans = data / "catalogue" / "plans.csv"
    edit(plans, "congress_xxiv,term,2016,2020,S02 S09", "congress_xxiv,term,2016,2020,S2 S09")
    report = validate_paths([data], load_catalogue(data / "catalogue"))
    problem = only(report.problems, "plan_unknown_source")
    at(problem, plans, row_of(plans, "congress_xxiv"), 5)
    assert en(problem) == (
        "source 'S2' of plan congress_xxiv is not declared in any sources table. Did you mean "
        "'S02'? A target of an undeclared source belongs to no plan of plans.csv; correct the "
        "id, or declare the source."
    )


def test_the_shipped_catalogue_and_data_pass_every_catalogue_check():
    report = validate_paths([DATA], load_catalogue(CATALOGUE_DIR), as_of_year=2025)
    assert report.ok and not report.warnings, [
        problem_line(p, "en") for p in report.problems + report.warnings
    ]


# -- the files' roles -----------------------------------------------------------------------------


def test_an_observations_file_with_one_extra_column_is_no_sources_table(tmp_path):
    body = (HEADER.strip() + ",publisher\n") + "huyen_thu,poverty_rate,%,2020,4.2,actual,SYN1,x\n"
    report = validate_paths([planner(tmp_path, body)], SYNTHETIC)
    problem = only(report.problems, "extra_columns")
    assert (problem.row, problem.column) == (1, 8)
    assert en(problem).startswith("column 'publisher' is not part of the template.")


def test_a_sources_table_with_vietnamese_headers_is_named_as_such(tmp_path):
    folder = tmp_path / "planner"
    folder.mkdir()
    path = folder / "nguon.csv"
    path.write_text(
        "Mã nguồn,Cơ quan ban hành,Ngày ban hành,Đường dẫn,Nội dung\n"
        "SYN1,Synthetic (test),2021,,synthetic\n",
        encoding="utf-8",
    )
    report = validate_paths([folder], SYNTHETIC)
    problem = only(report.problems, "vietnamese_header")
    assert (problem.file, problem.row, problem.column) == (str(path), 1, 1)
    assert en(problem) == (
        "the header is written in Vietnamese, so its columns are not recognised; it looks like "
        "a table of sources. Name the columns as the template does (source_id, publisher, "
        "published, url, what_it_covers): 'mã nguồn' → source_id, 'cơ quan ban hành' → "
        "publisher, 'ngày ban hành' → published, 'đường dẫn' → url, 'nội dung' → "
        "what_it_covers."
    )


# -- settings and targets -------------------------------------------------------------------------


def test_poverty_across_the_2016_line_without_the_breaks_table_is_warned(tmp_path):
    body = HEADER + (
        "huyen_thu,poverty_rate,%,2014,8.1,actual,SYN1\n"
        "huyen_thu,poverty_rate,%,2018,4.2,actual,SYN1\n"
    )
    folder = planner(tmp_path, body)
    report = validate_paths([folder], SYNTHETIC)
    warning = only(report.warnings, "national_break_missing")
    assert (warning.file, warning.row, warning.column) == (str(folder / "figures.csv"), 3, 4)
    assert en(warning) == (
        "the figures of poverty_rate in huyen_thu run across 2016, when its national definition "
        "changed (indicators.csv, national_breaks), but no series-breaks table read records the "
        "change: the figures before and after it would be taken as one series. Add the national "
        "breaks table (data/raw/national/breaks.csv, with its sources.csv) to the data."
    )
    assert not validate_paths([folder, NATIONAL], SYNTHETIC).warnings


def test_two_different_targets_for_the_same_plan_are_warned_at_their_rows(tmp_path):
    body = HEADER + (
        "huyen_thu,income_per_capita,million VND/person/year,2020,55,target,SYN1\n"
        "huyen_thu,income_per_capita,million VND/person/year,2020,60,target,SYN2\n"
    )
    folder = planner(tmp_path, body)
    warning = only(validate_paths([folder], SYNTHETIC).warnings, "duplicate_target")
    assert (warning.row, warning.column) == (3, 5)
    assert en(warning) == (
        "this target of income_per_capita for 2020 (60) differs from 55, given at "
        f"{folder / 'figures.csv'}:2 for the same area and plan (annual_2020): both would be "
        "judged. Keep the right one, or put them in different plans (plans.csv)."
    )


def test_the_same_target_from_two_sources_is_no_duplicate(tmp_path):
    body = HEADER + (
        "huyen_thu,income_per_capita,million VND/person/year,2020,55,target,SYN1\n"
        "huyen_thu,income_per_capita,million VND/person/year,2020,55,target,SYN2\n"
    )
    assert not validate_paths([planner(tmp_path, body)], SYNTHETIC).warnings


def test_a_planners_target_supersedes_the_public_target_of_its_plan(tmp_path):
    body = HEADER + "dong_son,income_per_capita,million VND/person/year,2020,56,target,SYN1\n"
    folder = planner(tmp_path, body)
    report = validate_paths([DATA, folder], load_catalogue(CATALOGUE_DIR))
    obs = report.observations
    rows = obs[
        (obs["indicator"] == "income_per_capita")
        & (obs["period"] == "2020")
        & (obs["status"] == "target")
    ]
    assert sorted(zip(rows["source_id"], rows["origin"], rows["superseded"])) == [
        ("S02", "public_record", False),  # the congress's target: another plan
        ("S07", "public_record", True),  # the annual plan's target, replaced
        ("SYN1", "planner", False),
    ]
    targets = {
        t.plan.id: t.value
        for t in targets_from_record(obs, load_catalogue(CATALOGUE_DIR), "dong_son")
        if t.indicator == "income_per_capita" and t.period.start == 2020
    }
    assert targets == {"congress_xxiv": 54.5, "annual_2020": 56.0}


def test_a_target_of_zero_for_an_indicator_whose_higher_values_are_better_is_warned(tmp_path):
    body = HEADER + "huyen_thu,new_party_members,persons,2020,0,target,SYN1\n"
    warning = only(validate_paths([planner(tmp_path, body)], SYNTHETIC).warnings, "target_zero")
    assert (warning.row, warning.column) == (2, 5)
    assert en(warning) == (
        "the target of new_party_members for 2020 is 0, but higher values of new_party_members "
        "are better, so any figure meets it. Check the cell (was it left at 0?), its unit, or "
        "the qualifier (at_most, less_than)."
    )
    lower = (
        HEADER + "huyen_thu,poor_households_excl_social_protection,households,2020,0,target,SYN1\n"
    )
    assert not validate_paths([planner(tmp_path, lower)], SYNTHETIC).warnings


def test_running_totals_typed_into_a_cumulative_indicator_are_warned(tmp_path):
    body = HEADER + "".join(
        f"huyen_thu,new_jobs_total,persons,{year},{total},actual,SYN1\n"
        for year, total in zip(range(2016, 2021), (2000, 4100, 6200, 8300, 10400))
    )
    warning = only(validate_paths([planner(tmp_path, body)], SYNTHETIC).warnings, "running_totals")
    assert (warning.row, warning.column) == (6, 5)
    assert en(warning) == (
        "the yearly figures of new_jobs_total in huyen_thu in this file rise from 2,000 (2016) "
        "to 10,400 (2020) the way running totals do. new_jobs_total is cumulative: its yearly "
        "figures are added up over a plan period, here to 31,000. If they are running totals, "
        "keep only the last one, as the figure of 2016-2020; if each is the amount of its year, "
        "ignore this warning."
    )


def test_yearly_amounts_of_a_cumulative_indicator_are_not_warned(tmp_path):
    body = HEADER + "".join(
        f"huyen_thu,new_jobs_total,persons,{year},{amount},actual,SYN1\n"
        for year, amount in zip(range(2016, 2021), (2000, 2100, 2150, 2300, 2400))
    )
    assert not validate_paths([planner(tmp_path, body)], SYNTHETIC).warnings


def test_a_five_year_total_typed_as_a_range_figure_of_a_yearly_flow_is_warned(tmp_path):
    body = HEADER + (
        "huyen_thu,food_output,tonnes,2016,52000,actual,SYN1\n"
        "huyen_thu,food_output,tonnes,2017,53000,actual,SYN1\n"
        "huyen_thu,food_output,tonnes,2018,54500,actual,SYN1\n"
        "huyen_thu,food_output,tonnes/year,2016-2020,268000,actual,SYN1\n"
    )
    folder = planner(tmp_path, body)
    warning = only(validate_paths([folder], SYNTHETIC).warnings, "range_looks_like_total")
    assert (warning.row, warning.column) == (5, 5)
    assert en(warning) == (
        "'268000' for 2016-2020 is about 5 times the largest yearly figure of food_output in "
        f"huyen_thu (54,500, at {folder / 'figures.csv'}:4): it looks like the total of the 5 "
        "years, but the figure of a range of food_output is a yearly level, like its targets. "
        "Write the yearly average, or each year's figure."
    )


def test_a_whole_share_series_typed_as_fractions_is_warned_beside_the_public_record(tmp_path):
    record = public(
        tmp_path,
        "".join(
            f"huyen_thu,party_orgs_good_share,%,{year},{value},actual,PUB1\n"
            for year, value in ((2016, 78), (2017, 80), (2018, 82))
        ),
    )
    body = (
        "# number_format: vi\n"
        + HEADER
        + (
            'huyen_thu,party_orgs_good_share,%,2019,"0,81",actual,SYN1\n'
            'huyen_thu,party_orgs_good_share,%,2020,"0,83",actual,SYN1\n'
        )
    )
    folder = planner(tmp_path, body)
    report = validate_paths([record, folder], SYNTHETIC)
    warning = only(report.warnings, "series_percent_as_fraction")
    assert (warning.file, warning.row, warning.column) == (str(folder / "figures.csv"), 3, 5)
    assert en(warning) == (
        "the 2 figures of party_orgs_good_share in huyen_thu in this file (0.81 to 0.83) are all "
        "below 1, as if typed as fractions: its figures in other files run from 78 to 82 (e.g. "
        f"at {record / 'observations.csv'}:2). A share of 25% is written 25, not 0,25 or 0.25. "
        "If they are right, ignore this warning."
    )
    assert len(report.warnings) == 1


def test_a_whole_share_series_typed_as_fractions_is_warned_alone(tmp_path):
    body = (
        "# number_format: vi\n"
        + HEADER
        + "".join(
            f'huyen_thu,party_orgs_good_share,%,{year},"{value}",actual,SYN1\n'
            for year, value in ((2018, "0,25"), (2019, "0,27"), (2020, "0,31"))
        )
    )
    warning = only(
        validate_paths([planner(tmp_path, body)], SYNTHETIC).warnings, "series_percent_as_fraction"
    )
    assert (warning.row, warning.column) == (3, 5)
    assert "party_orgs_good_share is a percentage stated with 1 decimal, and these have more" in en(
        warning
    )


def test_a_whole_column_with_the_english_thousands_separator_is_warned(tmp_path):
    record = public(
        tmp_path,
        "".join(
            f"huyen_thu,food_output,tonnes,{year},{value},actual,PUB1\n"
            for year, value in ((2016, 52000), (2017, 53500), (2018, 54500))
        ),
    )
    body = HEADER + (
        "huyen_thu,income_per_capita,million VND/person/year,2019,52.3,actual,SYN1\n"
        "huyen_thu,food_output,tonnes,2019,54.200,actual,SYN1\n"
        "huyen_thu,food_output,tonnes,2020,54.800,actual,SYN1\n"
        "huyen_thu,food_output,tonnes,2021,55.100,actual,SYN1\n"
    )
    folder = planner(tmp_path, body)
    report = validate_paths([record, folder], SYNTHETIC)
    warning = only(report.warnings, "series_number_format")
    assert (warning.row, warning.column) == (3, 5)
    assert en(warning) == (
        "the 3 figures of food_output in huyen_thu in this file (54.2 to 55.1; '54.200' is read "
        "as 54.2) are read the English way (3.000 is three), as other numbers of the file show; "
        "read the other way, '54.200' is 54,200: its figures in other files run from 52,000 to "
        f"54,500 (e.g. at {record / 'observations.csv'}:2). If this file writes 54.200 for "
        "fifty-four thousand two hundred, declare it on its first line: # number_format: vi."
    )
    assert len(report.warnings) == 1


def test_a_whole_column_with_the_english_thousands_separator_is_warned_alone(tmp_path):
    body = HEADER + (
        "huyen_thu,income_per_capita,million VND/person/year,2019,52.3,actual,SYN1\n"
        "huyen_thu,food_output,tonnes,2019,54.200,actual,SYN1\n"
        "huyen_thu,food_output,tonnes,2020,54.800,actual,SYN1\n"
    )
    warning = only(
        validate_paths([planner(tmp_path, body)], SYNTHETIC).warnings, "series_number_format"
    )
    assert (warning.row, warning.column) == (3, 5)
    assert en(warning).endswith(
        "'54.200' is 54,200: these figures have more decimals than food_output is stated with. "
        "If this file writes 54.200 for fifty-four thousand two hundred, declare it on its first "
        "line: # number_format: vi."
    )


def test_vietnamese_warnings_name_the_status_in_vietnamese(tmp_path):
    body = HEADER + "huyen_thu,poverty_rate,%,2029,4.2,actual,SYN1\n"
    warning = only(
        validate_paths([planner(tmp_path, body)], SYNTHETIC, as_of_year=2025).warnings,
        "actual_after_as_of",
    )
    vi = problem_message(warning, "vi")
    assert "'thực hiện'" in vi and "actual" not in vi and "target" not in vi
    assert "status 'actual'" in en(warning)
