"""Issue 13 (input half): every hostile or careless input of the issue, each built here and checked.

Each test builds the bad input, validates it beside the public record (so that
the known areas, sources and figures are there, as in ``validate data/``), and
checks the outcome: the figure loads as the planner meant it, or it is refused
or warned about at its exact row and column with words that name the fault.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import CATALOGUE_DIR, PUBLIC_RECORD, PUBLIC_SOURCES, REPO, SYNTHETIC_CATALOGUE_DIR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference

from dongson_analysis.areas import closest_ids
from dongson_analysis.catalogue import load_catalogue
from dongson_analysis.cli import main
from dongson_analysis.l10n import catalog, flatten, placeholders
from dongson_analysis.problems import problem_line as line
from dongson_analysis.problems import problem_message as message
from dongson_analysis.records import validate_paths

#: The shipped catalogue plus the synthetic test areas (huyen_thu, xa_thu...).
CATALOGUE = load_catalogue(SYNTHETIC_CATALOGUE_DIR)
NATIONAL = REPO / "data" / "raw" / "national"
SHIPPED = load_catalogue(CATALOGUE_DIR)
HEADER = "area,indicator,unit,period,value,status,source_id\n"
COLUMNS = HEADER.strip().split(",")
GOOD = "dong_son,income_per_capita,million VND/person/year,2019,48.2,actual,S05\n"
XLSX_GOOD = [
    "dong_son",
    "income_per_capita",
    "million VND/person/year",
    2019,
    48.2,
    "actual",
    "S05",
]


# -- helpers ----------------------------------------------------------------------------------


@pytest.fixture
def planner(tmp_path):
    """A planner folder beside a copy of nothing: files written here are the planner's."""
    folder = tmp_path / "planner"
    folder.mkdir()
    return folder


def check(*paths, as_of_year=None):
    """Validate planner files beside the whole public record."""
    return validate_paths([PUBLIC_RECORD, *paths], CATALOGUE, as_of_year=as_of_year)


def planner_rows(report):
    obs = report.observations
    assert obs is not None, [line(p, "en") for p in report.problems]
    return obs[obs["origin"] == "planner"]


def the(report, code, severity="error"):
    """The one problem (or warning) of ``code``; every message exists in both languages."""
    found = [
        p for p in (report.problems if severity == "error" else report.warnings) if p.code == code
    ]
    assert len(found) == 1, [line(p, "en") for p in report.problems + report.warnings]
    problem = found[0]
    assert problem.severity == severity
    assert message(problem, "vi") and message(problem, "en") != message(problem, "vi")
    return problem


def at(problem, row, column):
    assert (problem.row, problem.column) == (row, column), line(problem, "en")


def clean(report):
    """No problem and no warning."""
    assert report.ok and not report.warnings, [
        line(p, "en") for p in report.problems + report.warnings
    ]


def write_csv(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return book


def test_every_message_exists_in_both_languages_with_the_same_values():
    en, vi = (flatten(catalog(lang)["validation"]) for lang in ("en", "vi"))
    assert en.keys() == vi.keys()
    for key in en:
        forms_en = en[key].values() if isinstance(en[key], dict) else [en[key]]
        forms_vi = vi[key].values() if isinstance(vi[key], dict) else [vi[key]]
        used_en = set().union(*(placeholders(t) for t in forms_en))
        used_vi = set().union(*(placeholders(t) for t in forms_vi))
        assert used_en == used_vi, key


# -- accepted with a wrong value --------------------------------------------------------------


def test_percentage_cell_reads_as_shown(planner):
    """0,182 shown as 18,2% is 18.2 (the value the planner sees), not 0.182."""
    path = planner / "pct.xlsx"
    book = workbook(
        path,
        {
            "observations": [
                COLUMNS,
                ["dong_son", "production_value_growth", "%", 2019, 0.182, "actual", "S04"],
            ]
        },
    )
    book["observations"]["E2"].number_format = "0.0%"
    book.save(path)
    rows = planner_rows(check(path))
    assert rows["value"].tolist() == [18.2]


def test_percentage_cell_with_a_unit_that_is_no_percentage_is_refused(planner):
    path = planner / "pct.xlsx"
    book = workbook(path, {"observations": [COLUMNS, XLSX_GOOD]})
    book["observations"]["E2"].number_format = "0%"
    book.save(path)
    problem = the(check(path), "xlsx_percent_unit")
    assert problem.location() == f"{path}[observations]!E2"
    assert "formatted as a percentage (it shows 4,820%)" in message(problem, "en")
    assert "định dạng phần trăm (hiển thị 4.820%)" in message(problem, "vi")


def test_hidden_row_is_refused_at_its_row(planner):
    path = planner / "hidden.xlsx"
    book = workbook(
        path,
        {
            "observations": [
                COLUMNS,
                XLSX_GOOD[:3] + [2020, 55.0] + XLSX_GOOD[5:],
                XLSX_GOOD[:3] + [2020, 12.0] + XLSX_GOOD[5:],
            ]
        },
    )
    book["observations"].row_dimensions[3].hidden = True
    book.save(path)
    problem = the(check(path), "xlsx_hidden_row")
    assert problem.location() == f"{path}[observations]!A3"
    assert "row 3 is hidden" in message(problem, "en") and "Unhide" in message(problem, "en")


def test_renamed_observations_sheet_is_read(planner):
    path = planner / "renamed.xlsx"
    workbook(path, {"nam_2021": [COLUMNS, XLSX_GOOD]})
    report = check(path)
    clean(report)
    assert planner_rows(report)["file"].tolist() == [f"{path}[nam_2021]"]


def test_copied_sheet_is_refused_as_a_copy(planner):
    path = planner / "copy.xlsx"
    workbook(path, {"observations": [COLUMNS, XLSX_GOOD], "observations (2)": [COLUMNS, XLSX_GOOD]})
    problem = the(check(path), "sheet_copy")
    assert problem.location() == f"{path}[observations (2)]!A1"
    assert "is a copy" in message(problem, "en")


def test_second_sheet_of_other_figures_is_read_with_a_warning(planner):
    path = planner / "two.xlsx"
    other = XLSX_GOOD[:3] + [2020, 50.1] + XLSX_GOOD[5:]
    workbook(path, {"observations": [COLUMNS, XLSX_GOOD], "observations (2)": [COLUMNS, other]})
    report = check(path)
    warning = the(report, "several_figure_sheets", "warning")
    assert "both are read" in message(warning, "en")
    assert sorted(planner_rows(report)["value"]) == [48.2, 50.1]


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_spreadsheets_that_are_not_read_are_refused(planner, suffix):
    write_csv(planner, "figures.csv", HEADER + GOOD)
    skipped = write_csv(planner, "old" + suffix, b"\xd0\xcf\x11\xe0 anything")
    problem = the(check(planner), "unsupported_spreadsheet")
    assert problem.file == str(skipped) and f"this '{suffix}' spreadsheet is not read" in message(
        problem, "en"
    )


def test_macro_workbook_in_a_folder_is_read(planner):
    workbook(planner / "macros.xlsm", {"observations": [COLUMNS, XLSX_GOOD]})
    assert planner_rows(check(planner))["value"].tolist() == [48.2]


def test_two_figures_in_one_cell(planner):
    path = write_csv(planner, "two.csv", HEADER + GOOD.replace("48.2", '"48,2 55"'))
    problem = the(check(path), "two_numbers")
    at(problem, 2, 5)
    assert message(problem, "en").startswith("'48,2 55' holds two numbers ('48,2' and '55')")


def test_line_break_inside_a_number_in_a_csv_and_a_workbook(planner):
    path = write_csv(planner, "break.csv", HEADER + GOOD.replace("48.2", '"48\n2"'))
    problem = the(check(path), "line_break_in_number")
    at(problem, 2, 5)
    assert "'48⏎2' holds a line break" in message(problem, "en")
    book = planner / "break.xlsx"
    workbook(book, {"observations": [COLUMNS, XLSX_GOOD[:4] + ["48\n2"] + XLSX_GOOD[5:]]})
    assert the(check(book), "line_break_in_number").location() == f"{book}[observations]!E2"


def test_line_break_inside_a_word(planner):
    path = write_csv(planner, "break.csv", HEADER + GOOD.replace("actual", '"act\nual"'))
    at(the(check(path), "line_break_in_cell"), 2, 6)


def test_unquoted_decimal_comma_in_the_last_column(planner):
    header = "area,indicator,unit,period,status,source_id,value\n"
    path = write_csv(
        planner,
        "comma.csv",
        header + "dong_son,income_per_capita,million VND/person/year,2019,actual,S05,48,2\n",
    )
    problem = the(check(path), "unquoted_decimal_comma")
    at(problem, 2, 7)
    assert "'48,2' was split into two cells" in message(problem, "en") and '"48,2"' in message(
        problem, "en"
    )


def test_unquoted_decimal_comma_inside_the_row(planner):
    path = write_csv(planner, "comma.csv", HEADER + GOOD.replace("48.2", "48,2"))
    at(the(check(path), "unquoted_decimal_comma"), 2, 5)


def test_unclosed_quote_does_not_swallow_rows(planner):
    body = (
        HEADER
        + GOOD.replace("S05", '"S05')
        + GOOD.replace("2019", "2020")
        + GOOD.replace("2019", "2021")
    )
    path = write_csv(planner, "quote.csv", body)
    problem = the(check(path), "unclosed_quote")
    at(problem, 2, 7)
    assert "the 2 lines after it were read as part of this cell" in message(problem, "en")


@pytest.mark.parametrize(
    "area", ["Dong_Son", "Đông Sơn", "dongson", "dong son", "DONG-SON", "dong_son\u200b "]
)
def test_area_written_another_way_is_refused(planner, area):
    path = write_csv(planner, "area.csv", HEADER + GOOD.replace("dong_son", area))
    report = check(path)
    if area.startswith("dong_son"):  # only invisible characters differ: it is dong_son
        clean(report)
        return
    problem = the(report, "area_spelling")
    at(problem, 2, 1)
    assert message(problem, "en") == (
        f"area '{area}' is the area 'dong_son' ({PUBLIC_RECORD}/observations.csv:2) "
        "written another way, so its figures would count for a different area. "
        "Write dong_son."
    )


def test_area_that_is_no_id_is_refused_even_without_the_public_record(planner):
    path = write_csv(planner, "area.csv", HEADER + GOOD.replace("dong_son", "Huyện Thọ Xuân"))
    problem = the(validate_paths([PUBLIC_SOURCES, path], SHIPPED), "area_not_id")
    at(problem, 2, 1)
    assert "Write huyen_tho_xuan (or the id your other rows use for this area)" in message(
        problem, "en"
    )


def test_area_same_as_public_record_but_differently_cased_names_the_public_row(planner):
    path = write_csv(
        planner,
        "area.csv",
        HEADER + GOOD + GOOD.replace("2019", "2020").replace("dong_son", "dongson"),
    )
    problem = the(check(path), "area_spelling")
    at(problem, 3, 1)
    assert re.search(r"written another way.*Write dong_son\.", message(problem, "en"))
    assert "public_record/observations.csv:2" in message(problem, "en")


def test_new_area_used_consistently_is_accepted(planner):
    body = (
        HEADER
        + GOOD.replace("dong_son", "huyen_thu")
        + GOOD.replace("dong_son", "huyen_thu").replace("2019", "2020")
    )
    report = check(write_csv(planner, "thu.csv", body))
    clean(report)
    assert set(planner_rows(report)["area"]) == {"huyen_thu"}


def test_area_not_in_the_catalogue_is_refused_with_the_closest_ids(planner):
    report = check(write_csv(planner, "typo.csv", HEADER + GOOD.replace("dong_son", "dong_sn")))
    problem = the(report, "area_not_in_catalogue")
    at(problem, 2, 1)
    closest = closest_ids("dong_sn", list(CATALOGUE.areas))
    assert closest[0] == "dong_son"
    assert message(problem, "en") == (
        f"area 'dong_sn' is not in the catalogue's areas ({SYNTHETIC_CATALOGUE_DIR}/areas.csv), "
        f"so its figures would belong to no known unit (closest ids: {', '.join(closest)}). "
        "Correct the id, or add the area to areas.csv and its names to names.csv."
    )


def test_new_area_used_consistently_but_not_catalogued_is_refused(planner):
    body = HEADER + GOOD.replace("dong_son", "huyen_moi") + GOOD.replace("dong_son", "huyen_moi")
    report = validate_paths([PUBLIC_RECORD, write_csv(planner, "moi.csv", body)], SHIPPED)
    found = [p for p in report.problems if p.code == "area_not_in_catalogue"]
    assert [(p.row, p.column) for p in found] == [(2, 1), (3, 1)]


def test_conflicting_figures_from_two_planner_files(planner):
    write_csv(planner, "a.csv", HEADER + GOOD)
    write_csv(planner, "b.csv", HEADER + GOOD.replace("48.2", "47.9").replace("S05", "S07"))
    report = check(planner)
    warning = the(report, "conflicting_figures", "warning")
    assert warning.file == str(planner / "b.csv")
    at(warning, 2, 5)
    assert message(warning, "en").startswith(
        f"47.9 differs from 48.2, given at {planner / 'a.csv'}:2"
    )


def test_actual_dated_after_the_current_year(planner):
    path = write_csv(planner, "future.csv", HEADER + GOOD.replace("2019", "2029"))
    assert not check(path).warnings  # no current year given: nothing is checked against the clock
    warning = the(check(path, as_of_year=2025), "actual_after_as_of", "warning")
    at(warning, 2, 4)
    assert "dated 2029, after the current year (2025)" in message(warning, "en")
    target = write_csv(
        planner, "future.csv", HEADER + GOOD.replace("2019", "2029").replace("actual", "target")
    )
    assert not check(target, as_of_year=2025).warnings


def test_four_hundred_digit_number_is_refused(planner):
    path = write_csv(planner, "big.csv", HEADER + GOOD.replace("48.2", "9" * 400))
    problem = the(check(path), "too_many_digits")
    at(problem, 2, 5)
    assert "has 400 digits" in message(problem, "en")


def test_non_whole_count_is_refused(planner):
    body = (
        "# number_format: vi\n"
        + HEADER
        + 'dong_son,poor_households_excl_social_protection,households,2019,"1234,5",actual,S04\n'
    )
    problem = the(check(write_csv(planner, "count.csv", body)), "count_not_whole")
    at(problem, 3, 5)
    assert message(problem, "en").startswith("'1234,5' is not a whole number")


# -- validate accepts, the analysis must cope (let through on purpose) ------------------------


@pytest.mark.parametrize(
    "line, value",
    [
        (
            "dong_son,export_value,million USD,2019,0,actual,S07",
            0.0,
        ),  # a level of 0 (log scale downstream)
        ("dong_son,model_ntm_communes,communes,2019,0,actual,S07", 0.0),  # a count from 0 ...
        ("dong_son,model_ntm_communes,communes,2020,1,actual,S07", 1.0),  # ... to 1
        (
            "dong_son,production_value_growth,%,2019,-100,actual,S04",
            -100.0,
        ),  # the catalogue allows -100 %
    ],
)
def test_legitimate_edge_values_load(planner, line, value):
    report = check(write_csv(planner, "edge.csv", HEADER + line + "\n"))
    assert report.ok, [line(p, "en") for p in report.problems]
    assert planner_rows(report)["value"].tolist() == [value]


def test_growth_below_minus_hundred_is_refused(planner):
    path = write_csv(
        planner, "g.csv", HEADER + "dong_son,production_value_growth,%,2019,-101,actual,S04\n"
    )
    at(the(check(path), "below_bound"), 2, 5)


def test_negative_count_is_refused(planner):
    path = write_csv(
        planner, "n.csv", HEADER + "dong_son,model_ntm_communes,communes,2019,-1,actual,S07\n"
    )
    at(the(check(path), "below_bound"), 2, 5)


@pytest.mark.parametrize("text", ["inf", "Infinity", "NaN", "1e400"])
def test_infinite_or_undefined_values_are_refused(planner, text):
    path = write_csv(planner, "inf.csv", HEADER + GOOD.replace("48.2", text))
    report = check(path)
    assert not report.ok
    problem = report.problems[0]
    at(problem, 2, 5)
    assert problem.code in ("not_a_number", "scientific_notation")


# -- tracebacks -------------------------------------------------------------------------------


def test_very_long_quote_is_read(planner):
    header = HEADER.strip() + ",quote\n"
    quote = "trích " * 30_000  # 180 000 characters
    path = write_csv(planner, "long.csv", header + GOOD.strip() + f',"{quote}"\n')
    report = check(path)
    clean(report)
    assert planner_rows(report)["quote"].str.len().tolist() == [len(quote.strip())]


def test_catalogue_table_copied_into_the_planner_folder(planner):
    shutil.copy(CATALOGUE_DIR / "indicators.csv", planner / "indicators_copy.csv")
    write_csv(planner, "figures.csv", HEADER + GOOD)
    report = check(planner)
    warning = the(report, "catalogue_copy_ignored", "warning")
    assert warning.file == str(planner / "indicators_copy.csv")
    assert planner_rows(report)["value"].tolist() == [48.2]


def test_whole_catalogue_copied_into_the_planner_folder_is_not_read_as_figures(planner):
    shutil.copytree(CATALOGUE_DIR, planner / "catalogue")
    write_csv(planner, "figures.csv", HEADER + GOOD)
    report = check(planner)
    clean(report)
    assert len(planner_rows(report)) == 1


def test_chart_sheet_first(planner):
    path = planner / "chart.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "observations"
    for row in (COLUMNS, XLSX_GOOD):
        sheet.append(row)
    chart_sheet = book.create_chartsheet("Chart1", 0)
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=5, min_row=1, max_row=2), titles_from_data=True)
    chart_sheet.add_chart(chart)
    book.save(path)
    assert load_workbook(path).sheetnames[0] == "Chart1"
    report = check(path)
    clean(report)
    assert planner_rows(report)["value"].tolist() == [48.2]


def test_corrupt_sheet_xml_inside_a_valid_zip(planner):
    good = planner / "good.xlsx"
    workbook(good, {"observations": [COLUMNS, XLSX_GOOD]})
    broken = planner / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    good.unlink()
    problem = the(check(broken), "workbook_damaged")
    assert problem.location() == f"{broken}:1:1"
    assert "its part xl/worksheets/sheet1.xml cannot be read" in message(problem, "en")


def test_broken_link_beside_a_valid_file(planner):
    write_csv(planner, "figures.csv", HEADER + GOOD)
    (planner / "gone.csv").symlink_to(planner / "nowhere.csv")
    problem = the(check(planner), "broken_link")
    assert problem.file == str(planner / "gone.csv")
    assert "no longer exists" in message(problem, "en")


def test_unreadable_file_beside_a_valid_one(planner, monkeypatch):
    write_csv(planner, "figures.csv", HEADER + GOOD)
    locked = write_csv(planner, "locked.csv", HEADER + GOOD.replace("2019", "2020"))
    real = Path.read_bytes

    def read_bytes(self):  # the tests run as root, who may read any file: simulate the refusal
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    problem = the(check(planner), "unreadable_permission")
    assert problem.file == str(locked) and "not allowed to read" in message(problem, "en")


def test_folder_named_like_a_csv_file_is_passed_over(planner):
    (planner / "old.csv").mkdir()
    write_csv(planner, "figures.csv", HEADER + GOOD)
    clean(check(planner))


# -- errors that missed the fault -------------------------------------------------------------


def test_unicode_minus_is_a_minus(planner):
    path = write_csv(
        planner,
        "minus.csv",
        HEADER + "dong_son,production_value_growth,%,2019,\u22125,actual,S04\n",
    )
    assert planner_rows(check(path))["value"].tolist() == [-5.0]


def test_dash_instead_of_minus_is_named(planner):
    path = write_csv(
        planner, "dash.csv", HEADER + "dong_son,production_value_growth,%,2019,\u20135,actual,S04\n"
    )
    problem = the(check(path), "dash_as_minus")
    at(problem, 2, 5)
    assert "begins with a dash (–), not a minus sign" in message(problem, "en")


def test_decomposed_unicode_status_and_unit_are_accepted(planner):
    import unicodedata

    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    line = (
        f"dong_son,income_per_capita,{nfd('triệu đồng/người/năm')},2019,48.2,"
        f"{nfd('thực hiện')},S05\n"
    )
    assert nfd("thực hiện") != "thực hiện"
    report = check(write_csv(planner, "nfd.csv", HEADER + line))
    clean(report)
    assert planner_rows(report)[["status", "value"]].values.tolist() == [["actual", 48.2]]


def test_excel_sep_line_is_followed(planner):
    path = write_csv(
        planner, "sep.csv", "sep=;\n" + HEADER.replace(",", ";") + GOOD.replace(",", ";")
    )
    report = check(path)
    clean(report)
    assert planner_rows(report)["row"].tolist() == [3]


def test_title_row_above_the_header_is_skipped_with_a_warning(planner):
    path = write_csv(planner, "title.csv", "BÁO CÁO SỐ LIỆU NĂM 2019,,,,,,\n" + HEADER + GOOD)
    report = check(path)
    warning = the(report, "title_row", "warning")
    at(warning, 1, 1)
    assert "above the header (row 2) is taken as a title" in message(warning, "en")
    assert planner_rows(report)["row"].tolist() == [3]


def test_figure_row_above_the_header_is_refused(planner):
    path = write_csv(planner, "above.csv", GOOD + HEADER + GOOD.replace("2019", "2020"))
    at(the(check(path), "row_above_header"), 1, 1)


def test_header_with_a_zero_width_space(planner):
    path = write_csv(planner, "zw.csv", HEADER.replace("value", "val\u200bue") + GOOD)
    report = check(path)
    clean(report)
    assert planner_rows(report)["value"].tolist() == [48.2]


def test_mixed_delimiters(planner):
    path = write_csv(
        planner, "mixed.csv", HEADER + GOOD + GOOD.replace("2019", "2020").replace(",", ";")
    )
    problem = the(check(path), "delimiter_mixup")
    at(problem, 3, 1)
    assert "separated by ';' while the header row is separated by ','" in message(problem, "en")


def test_nul_bytes(planner):
    path = write_csv(planner, "nul.csv", (HEADER + GOOD.replace("48.2", "48\x00.2")).encode())
    problem = the(check(path), "nul_byte")
    at(problem, 2, 5)
    assert "invisible NUL character" in message(problem, "en")


def test_utf16_text(planner):
    path = write_csv(planner, "u16.csv", (HEADER + GOOD).encode("utf-16"))
    assert "'Unicode Text' (UTF-16)" in message(the(check(path), "utf16"), "en")


def test_vertically_merged_cells(planner):
    path = planner / "merged.xlsx"
    book = workbook(
        path,
        {
            "observations": [
                COLUMNS,
                XLSX_GOOD,
                [None] + XLSX_GOOD[1:3] + [2020, 50.0, "actual", "S05"],
            ]
        },
    )
    book["observations"].merge_cells("A2:A3")
    book.save(path)
    problem = the(check(path), "xlsx_merged_cells")
    assert problem.location() == f"{path}[observations]!A2"
    assert "cells A2:A3 are merged" in message(problem, "en") and "no area" in message(
        problem, "en"
    )


def test_vietnamese_sheet_names(planner):
    path = planner / "so_lieu.xlsx"
    sources = ["source_id", "publisher", "published", "url", "what_it_covers"]
    workbook(
        path,
        {
            "Số liệu": [COLUMNS, XLSX_GOOD[:6] + ["NGTK2019"]],
            "Nguồn": [sources, ["NGTK2019", "Chi cục Thống kê", "2020", "", "Niên giám 2019"]],
        },
    )
    report = check(path)
    clean(report)
    assert planner_rows(report)["source_id"].tolist() == ["NGTK2019"]


def test_encrypted_workbook(planner):
    # An encrypted .xlsx is an OLE compound file holding an "EncryptionInfo" stream.
    fake = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 64
    )
    problem = the(check(write_csv(planner, "secret.xlsx", fake)), "workbook_encrypted")
    assert "protected by a password" in message(problem, "en")
    old = the(
        check(write_csv(planner, "secret.xlsx", fake.replace(b"E\x00n\x00c", b"X\x00n\x00c"))),
        "workbook_old_format",
    )
    assert "old Excel workbook (.xls)" in message(old, "en")


def test_lower_case_source_id(planner):
    problem = the(
        check(write_csv(planner, "s.csv", HEADER + GOOD.replace("S05", "s05"))), "unknown_source"
    )
    at(problem, 2, 7)
    assert "Did you mean 'S05'?" in message(problem, "en")


def test_planner_row_correcting_the_public_record_supersedes_it(planner):
    correction = GOOD.replace("2019", "2018").replace(
        "48.2", "44.1"
    )  # public: 43.5, same source S05
    report = check(write_csv(planner, "fix.csv", HEADER + correction))
    clean(report)
    rows = report.observations[
        (report.observations["indicator"] == "income_per_capita")
        & (report.observations["period"] == "2018")
    ]
    assert sorted(zip(rows["origin"], rows["value"], rows["superseded"])) == [
        ("planner", 44.1, False),
        ("public_record", 43.5, True),
    ]


def test_planner_file_named_through_the_public_record_folder_is_the_planners(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PUBLIC_RECORD, data / "raw" / "public_record")
    (data / "planner").mkdir()
    correction = GOOD.replace("2019", "2018").replace("48.2", "44.1")
    write_csv(data / "planner", "fix.csv", HEADER + correction)
    report = validate_paths(
        [
            data / "raw" / "public_record",
            data / "raw" / "public_record" / ".." / ".." / "planner" / "fix.csv",
        ],
        CATALOGUE,
    )
    clean(report)


def test_correction_put_inside_the_public_record_folder_names_the_fix(tmp_path):
    public = tmp_path / "public_record"
    shutil.copytree(PUBLIC_RECORD, public)
    correction = GOOD.replace("2019", "2018").replace("48.2", "44.1")
    write_csv(public, "zz_fix.csv", HEADER + correction)
    problem = the(validate_paths([public], CATALOGUE), "conflicting_same_source")
    assert problem.file == str(public / "zz_fix.csv")
    at(problem, 2, 5)
    assert "outside the public_record folder" in message(problem, "en")


# -- plausibility ----------------------------------------------------------------------------

NGTK = (
    "source_id,publisher,published,url,what_it_covers\n"
    "NGTK,Chi cục Thống kê huyện Đông Sơn,2020,,Niên giám thống kê\n"
)


def test_factor_thousand_slip_is_warned(planner):
    """3.000 (Vietnamese format: three thousand) where the series runs 30–43: a slip of a factor
    1000 (or 100).
    """
    write_csv(planner, "sources.csv", NGTK)
    rows = "".join(
        f'dong_son,income_per_capita,triệu đồng/người/năm,{y},"{v}",actual,NGTK\n'
        for y, v in ((2014, "30,1"), (2015, "33,4"), (2016, "37,9"), (2017, "41,0"))
    )
    path = write_csv(
        planner,
        "slip.csv",
        "# number_format: vi\n"
        + HEADER
        + rows
        + "dong_son,income_per_capita,triệu đồng/người/năm,2019,3.000,actual,NGTK\n",
    )
    report = check(planner)
    warning = the(report, "value_far_above", "warning")
    assert warning.file == str(path)
    at(warning, 7, 5)
    assert message(warning, "en") == (
        "'3.000' is about 45 times the largest other figure of income_per_capita in dong_son: the "
        "others run from "
        f"10.3 to 67.192 (the largest at {PUBLIC_RECORD}/observations_2021_2025.csv:45). Check the "
        "thousands "
        "dot, the decimal "
        "comma and the unit."
    )
    assert "Check the thousands dot" in message(warning, "en")
    assert planner_rows(report)["value"].max() == 3000.0  # a warning is shown, never applied


def test_share_typed_as_a_fraction_is_warned(planner):
    body = HEADER + "dong_son,national_standard_school_share,%,2019,0.9736,actual,S07\n"
    write_csv(
        planner,
        "share.csv",
        body + "dong_son,national_standard_school_share,%,2018,92.5,actual,S07\n",
    )
    warning = the(check(planner), "percent_as_fraction", "warning")
    at(warning, 2, 5)
    assert "A share of 97.36% is written 97.36" in message(warning, "en")


def test_total_of_several_years_in_a_yearly_series_is_warned(planner):
    rows = "".join(
        f"dong_son,vocational_training,persons,{y},{v},actual,S03\n"
        for y, v in ((2017, 2300), (2018, 2250), (2019, 2400), (2020, 11150))
    )
    path = write_csv(planner, "training.csv", HEADER + rows)
    warning = the(check(path), "looks_like_total", "warning")
    at(warning, 5, 5)
    assert "looks like a total over several years" in message(warning, "en")


def test_strict_validation_fails_on_warnings(planner, capsys):
    path = write_csv(
        planner, "slip.csv", "# number_format: vi\n" + HEADER + GOOD.replace("48.2", "48.200")
    )
    assert main(["--lang", "en", "validate", str(PUBLIC_RECORD), str(path)]) == 0
    assert main(["--lang", "en", "validate", "--strict", str(PUBLIC_RECORD), str(path)]) == 1
    out = capsys.readouterr().err  # problems go to standard error
    assert re.search(rf"^{re.escape(str(path))}:3:5: warning: '48.200' is about", out, re.M), out


def test_repository_data_still_validates_without_warnings():
    report = validate_paths([REPO / "data"], CATALOGUE, as_of_year=2025)
    clean(report)


# -- whole planner files, generated -----------------------------------------------------------

#: indicator, units it may be written in (with the factor to the catalogue unit), typical value,
#: whole numbers
GENERATED = [
    ("food_output", [("tấn", 1.0), ("tonnes", 1.0)], 50000, False),
    (
        "income_per_capita",
        [("triệu đồng/người/năm", 1.0), ("million VND/person/year", 1.0)],
        40,
        False,
    ),
    ("poverty_rate", [("%", 1.0)], 5, False),
    ("vocational_training", [("người", 1.0), ("persons", 1.0)], 2000, True),
    ("production_value_growth", [("%", 1.0)], 15, False),
    ("development_investment", [("tỷ đồng", 1.0), ("triệu đồng", 0.001)], 2000, False),
]
STATUS_WORDS = {
    "actual": ["actual", "thực hiện"],
    "estimate": ["estimate", "ước"],
    "target": ["target", "kế hoạch"],
}

#: corruption of one cell: (column, text or a function of the format, expected code)
CORRUPTIONS = [
    ("value", lambda fmt: "1,2 3" if fmt == "vi" else "1.2 3", "two_numbers"),
    ("value", lambda fmt: "\u20135", "dash_as_minus"),
    ("value", lambda fmt: "9" * 40, "too_many_digits"),
    ("value", lambda fmt: "(5)", "parenthesised_number"),
    ("value", lambda fmt: "1,5E+12" if fmt == "vi" else "1.5E+12", "scientific_notation"),
    ("value", lambda fmt: "12 tấn", "number_with_text"),
    ("value", lambda fmt: "-", "no_figure_mark"),
    ("value", lambda fmt: "1,5-2" if fmt == "vi" else "1.5-2", "range_in_value"),
    ("status", lambda fmt: "actal", "unknown_status"),
    ("area", lambda fmt: "Huyen Thu", "area_spelling"),
    ("period", lambda fmt: "2020-2016", "period_reversed"),
    ("indicator", lambda fmt: "Food_Output", "unknown_indicator"),
    ("source_id", lambda fmt: "s05", "unknown_source"),
    ("unit", lambda fmt: "kg", "unit_mismatch"),
]


@st.composite
def planner_files(draw):
    """A planner's file: rows, how it is written, and (maybe) one corrupted cell with the problem
    expected.
    """
    picks = draw(
        st.lists(
            st.tuples(st.sampled_from(range(len(GENERATED))), st.integers(2000, 2024)),
            min_size=2,
            max_size=8,
            unique=True,
        )
    )
    rows = []
    for index, year in picks:
        indicator, units, typical, whole = GENERATED[index]
        unit, factor = draw(st.sampled_from(units))
        shown = draw(st.integers(85, 115)) * typical / 100 / factor
        shown = float(round(shown)) if whole or factor != 1.0 else round(shown, 1)
        status = draw(st.sampled_from(list(STATUS_WORDS)))
        rows.append(
            {
                "indicator": indicator,
                "unit": unit,
                "factor": factor,
                "value": shown,
                "year": year,
                "status": status,
                "status_word": draw(st.sampled_from(STATUS_WORDS[status])),
            }
        )
    return {
        "rows": rows,
        "fmt": draw(st.sampled_from(["vi", "en"])),
        "kind": draw(st.sampled_from(["csv", "xlsx"])),
        "delimiter": draw(st.sampled_from([",", ";", "\t"])),
        "bom": draw(st.booleans()),
        "crlf": draw(st.booleans()),
        "sep_line": draw(st.booleans()),
        "title": draw(st.booleans()),
        "noise": draw(st.booleans()),
        "numbers_typed": draw(st.booleans()),
        "corrupt": draw(
            st.none() | st.tuples(st.integers(0, 7), st.sampled_from(range(len(CORRUPTIONS))))
        ),
    }


def _write_generated(folder: Path, spec) -> tuple[Path, int, dict[int, int]]:
    """Write the file; return its path, the header's row and each generated row's row number."""
    import csv
    import unicodedata

    from dongson_analysis.l10n import format_decimal, language_spec

    fmt = spec["fmt"]
    noisy = (
        (lambda w: unicodedata.normalize("NFD", w) + "\u200b ") if spec["noise"] else (lambda w: w)
    )
    lines: list[list[object]] = [[f"# number_format: {fmt}"]]
    if spec["title"]:
        lines.append(["SỐ LIỆU HUYỆN THỌ"])
    header_row = len(lines) + 1
    lines.append(COLUMNS)
    numbers: dict[int, int] = {}
    corrupt = spec["corrupt"]
    for i, r in enumerate(spec["rows"]):
        value: object = (
            format_decimal(r["value"], language_spec(fmt).babel_locale)
            if spec["kind"] == "csv" or spec["numbers_typed"]
            else r["value"]
        )
        cells: list[object] = [
            "huyen_thu",
            r["indicator"],
            noisy(r["unit"]),
            r["year"],
            value,
            noisy(r["status_word"]),
            "S05",
        ]
        if corrupt and corrupt[0] % len(spec["rows"]) == i:
            column, text, _ = CORRUPTIONS[corrupt[1]]
            cells[COLUMNS.index(column)] = text(fmt)
        numbers[i] = len(lines) + 1
        lines.append(cells)
    if spec["kind"] == "xlsx":
        path = folder / "generated.xlsx"
        book = Workbook()
        sheet = book.active
        sheet.title = "observations"
        for line in lines:
            sheet.append(line)
        book.save(path)
        return path, header_row, numbers
    buffer = io.StringIO()
    if spec["sep_line"]:
        buffer.write(f"sep={spec['delimiter']}\n")
        header_row, numbers = header_row + 1, {i: n + 1 for i, n in numbers.items()}
    csv.writer(buffer, delimiter=spec["delimiter"], lineterminator="\n").writerows(lines)
    text = buffer.getvalue().replace("\n", "\r\n") if spec["crlf"] else buffer.getvalue()
    path = folder / "generated.csv"
    path.write_bytes((b"\xef\xbb\xbf" if spec["bom"] else b"") + text.encode("utf-8"))
    return path, header_row, numbers


@given(spec=planner_files())
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_generated_planner_files_load_exactly_or_fail_at_the_corrupted_cell(tmp_path_factory, spec):
    folder = tmp_path_factory.mktemp("gen")
    path, header_row, numbers = _write_generated(folder, spec)
    # the national breaks beside the file: poverty figures may run across the 2016 poverty line
    report = validate_paths([PUBLIC_SOURCES, NATIONAL, path], CATALOGUE, as_of_year=2025)
    corrupt = spec["corrupt"]
    if corrupt is None:
        assert report.ok, [line(p, "en") for p in report.problems]
        unexpected = [w for w in report.warnings if w.code != "title_row"]
        assert not unexpected, [line(w, "en") for w in unexpected]
        obs = report.observations.sort_values("row")
        assert obs["row"].tolist() == [numbers[i] for i in range(len(spec["rows"]))]
        assert obs["value"].tolist() == pytest.approx(
            [r["value"] * r["factor"] for r in spec["rows"]]
        )
        assert obs["status"].tolist() == [r["status"] for r in spec["rows"]]
        assert set(obs["area"]) == {"huyen_thu"}
        return
    index = corrupt[0] % len(spec["rows"])
    column, _, code = CORRUPTIONS[corrupt[1]]
    assert report.observations is None
    found = [p for p in report.problems if p.code == code]
    assert [(p.row, p.column) for p in found] == [(numbers[index], COLUMNS.index(column) + 1)], [
        line(p, "en") for p in report.problems
    ]
    assert {p.code for p in report.problems} == {code}, [line(p, "en") for p in report.problems]
    assert message(found[0], "en") and message(found[0], "vi")


# -- more of the same kinds -------------------------------------------------------------------


def test_hidden_column_with_data_is_refused(planner):
    path = planner / "hidden_col.xlsx"
    book = workbook(path, {"observations": [COLUMNS + ["value_high"], XLSX_GOOD + [60.0]]})
    book["observations"].column_dimensions["H"].hidden = True
    book.save(path)
    problem = the(check(path), "xlsx_hidden_column")
    assert problem.location() == f"{path}[observations]!H1" and "column H is hidden" in message(
        problem, "en"
    )


def test_hidden_sheet_with_figures_is_refused(planner):
    path = planner / "hidden_sheet.xlsx"
    book = workbook(
        path,
        {
            "observations": [COLUMNS, XLSX_GOOD],
            "cu": [COLUMNS, XLSX_GOOD[:3] + [2020, 12.0] + XLSX_GOOD[5:]],
        },
    )
    book["cu"].sheet_state = "hidden"
    book.save(path)
    assert "sheet 'cu' is hidden" in message(the(check(path), "xlsx_hidden_sheet"), "en")


def test_sheet_of_notes_is_warned_about_and_the_guide_is_not(planner):
    path = planner / "notes.xlsx"
    workbook(
        path,
        {
            "observations": [COLUMNS, XLSX_GOOD],
            "ghi_chu": [["Số liệu lấy từ niên giám"]],
            "huong_dan": [["Cột / Column", "Ý nghĩa", "Meaning"]],
        },
    )
    report = check(path)
    assert report.ok and [w.code for w in report.warnings] == ["sheet_not_read"]
    assert "sheet 'ghi_chu' is not read" in message(report.warnings[0], "en")


def test_empty_template_sheet_beside_the_filled_one_is_passed_over(planner):
    path = planner / "template.xlsx"
    workbook(
        path, {"observations": [["# number_format: vi"], COLUMNS], "nam_2021": [COLUMNS, XLSX_GOOD]}
    )
    clean(check(path))


def test_excel_error_cell(planner):
    path = planner / "error.xlsx"
    book = workbook(path, {"observations": [COLUMNS, XLSX_GOOD]})
    book["observations"]["E2"].value = "#DIV/0!"
    book["observations"]["E2"].data_type = "e"
    book.save(path)
    problem = the(check(path), "xlsx_error_cell")
    assert problem.location() == f"{path}[observations]!E2" and "(#DIV/0!)" in message(
        problem, "en"
    )


def test_excel_date_in_the_value_column(planner):
    import datetime as dt

    path = planner / "date.xlsx"
    workbook(
        path,
        {"observations": [COLUMNS, XLSX_GOOD[:4] + [dt.datetime(2019, 2, 18)] + XLSX_GOOD[5:]]},
    )
    problem = the(check(path), "xlsx_date")
    assert problem.location() == f"{path}[observations]!E2"
    assert "turned this cell into a date (18/02/2019)" in message(problem, "en")


def test_header_repeated_inside_the_file(planner):
    path = write_csv(planner, "pasted.csv", HEADER + GOOD + HEADER + GOOD.replace("2019", "2020"))
    at(the(check(path), "repeated_header"), 3, 1)


def test_years_as_columns(planner):
    path = write_csv(
        planner,
        "wide.csv",
        "indicator,unit,2018,2019,2020\nincome_per_capita,triệu đồng,43.5,48.2,52\n",
    )
    problem = the(check(path), "wide_table")
    at(problem, 1, 3)
    assert "one column per year" in message(problem, "en")


def test_same_file_named_twice_is_read_once(planner):
    path = write_csv(planner, "figures.csv", HEADER + GOOD)
    report = check(planner, path)
    clean(report)
    assert len(planner_rows(report)) == 1


def test_misspelt_number_format_line_is_still_read(planner):
    path = write_csv(
        planner, "fmt.csv", "# Number format: vi\n" + HEADER + GOOD.replace("48.2", "3.000")
    )
    assert planner_rows(check(path))["value"].tolist() == [3000.0]


def test_jupyter_checkpoint_copies_are_not_read(planner):
    write_csv(planner, "figures.csv", HEADER + GOOD)
    (planner / ".ipynb_checkpoints").mkdir()
    write_csv(planner / ".ipynb_checkpoints", "figures-checkpoint.csv", HEADER + GOOD)
    clean(check(planner))


def test_percent_sign_in_the_value(planner):
    ok = write_csv(planner, "pct.csv", HEADER + 'dong_son,poverty_rate,%,2019,"1,8%",actual,S05\n')
    assert planner_rows(check(ok))["value"].tolist() == [1.8]
    bad = write_csv(planner, "pct.csv", HEADER + GOOD.replace("48.2", "48.2%"))
    at(the(check(bad), "percent_sign_unit"), 2, 5)


def test_unit_written_in_another_case_or_without_accents(planner):
    ok = write_csv(
        planner, "u.csv", HEADER + GOOD.replace("million VND/person/year", "Triệu đồng/người/năm")
    )
    assert planner_rows(check(ok))["value"].tolist() == [48.2]
    bad = write_csv(
        planner, "u.csv", HEADER + GOOD.replace("million VND/person/year", "trieu dong/nguoi/nam")
    )
    problem = the(check(bad), "unit_mismatch")
    assert "Did you mean 'triệu đồng/người/năm'?" in message(problem, "en")


def test_status_without_accents_gets_a_suggestion(planner):
    problem = the(
        check(write_csv(planner, "s.csv", HEADER + GOOD.replace("actual", "thuc hien"))),
        "unknown_status",
    )
    assert "Did you mean 'thực hiện'?" in message(problem, "en")


def test_estimate_dated_after_the_current_year(planner):
    path = write_csv(
        planner, "e.csv", HEADER + GOOD.replace("2019", "2027").replace("actual", "ước")
    )
    warning = the(check(path, as_of_year=2025), "actual_after_as_of", "warning")
    assert "status 'estimate' is dated 2027" in message(warning, "en")


_PIECES = st.sampled_from(
    [
        ",",
        ";",
        "\t",
        '"',
        "\n",
        "\r\n",
        "#",
        "sep=;",
        "48,2",
        "3.000",
        "−5",
        "\u200b",
        "\x00",
        "dong_son",
        "Đông Sơn",
        "income_per_capita",
        "actual",
        "ước",
        "S05",
        "2019",
        "2016-2020",
        "%",
        " ",
        "area,indicator,unit,period,value,status,source_id",
        "triệu đồng/người/năm",
    ]
)


@given(
    text=st.lists(_PIECES | st.text(max_size=4), max_size=40).map("".join),
    as_bytes=st.binary(max_size=64),
    raw=st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_any_file_is_answered_in_words_never_by_a_traceback(tmp_path_factory, text, as_bytes, raw):
    """Whatever a .csv file holds, validation answers with problems at cells, in both languages."""
    path = tmp_path_factory.mktemp("any") / "any.csv"
    path.write_bytes(as_bytes if raw else text.encode("utf-8", "surrogatepass"))
    report = validate_paths([PUBLIC_SOURCES, path], CATALOGUE, as_of_year=2025)
    for problem in report.problems + report.warnings:
        assert problem.row >= 1 and problem.column >= 1
        assert line(problem, "en") and line(problem, "vi")


def test_project_kept_under_a_folder_named_public_record(tmp_path):
    data = tmp_path / "public_record" / "dongson" / "data"
    shutil.copytree(PUBLIC_RECORD, data / "raw" / "public_record")
    (data / "planner").mkdir()
    write_csv(
        data / "planner", "fix.csv", HEADER + GOOD.replace("2019", "2018").replace("48.2", "44.1")
    )
    report = validate_paths([data], CATALOGUE)
    clean(report)
    fixed = report.observations[report.observations["file"].str.endswith("fix.csv")]
    assert fixed[["origin", "superseded"]].values.tolist() == [["planner", False]]


def test_quotation_with_line_breaks_and_commas_is_kept(planner):
    quote = (
        '"tăng từ 10,3 triệu đồng (năm 2010)\n'
        'lên 43,5 triệu đồng, 44,1, 45,2, 46,0, 47,3 và 48,2 triệu đồng"'
    )
    path = write_csv(
        planner,
        "q.csv",
        HEADER.strip()
        + ",quote\n"
        + GOOD.strip()
        + ","
        + quote
        + "\n"
        + GOOD.replace("2019", "2020").strip()
        + ",\n",
    )
    report = check(path)
    clean(report)
    assert planner_rows(report)["row"].tolist() == [2, 3]  # rows as a spreadsheet shows them


def test_unclosed_quotation_in_the_last_column_swallowing_rows(planner):
    body = (
        HEADER.strip()
        + ",quote\n"
        + GOOD.strip()
        + ',"tăng từ 10,3\n'
        + GOOD.replace("2019", "2020").strip()
        + ",\n"
        + GOOD.replace("2019", "2021").strip()
        + ",\n"
    )
    problem = the(check(write_csv(planner, "q.csv", body)), "unclosed_quote")
    at(problem, 2, 8)


def test_qualifier_in_vietnamese_and_the_name_of_an_indicator(planner):
    header = HEADER.strip() + ",qualifier\n"
    ok = write_csv(planner, "q.csv", header + GOOD.strip() + ",trở lên\n")
    assert planner_rows(check(ok))["qualifier"].tolist() == ["at_least"]
    bad = write_csv(planner, "q.csv", header + GOOD.strip() + ",at least\n")
    assert "Did you mean 'at_least'?" in message(the(check(bad), "bad_flag"), "en")
    named = write_csv(
        planner, "n.csv", HEADER + GOOD.replace("income_per_capita", "Thu nhập bình quân đầu người")
    )
    assert "Did you mean 'income_per_capita'?" in message(
        the(check(named), "unknown_indicator"), "en"
    )


def test_misspelt_column_name_gets_a_suggestion(planner):
    path = write_csv(planner, "c.csv", HEADER.replace("source_id", "source id") + GOOD)
    problem = the(check(path), "extra_column_misspelt")
    at(problem, 1, 7)
    assert "Did you mean 'source_id'?" in message(problem, "en")


def test_catalogue_messages_still_render():
    from dongson_analysis.problems import Problem

    for code, params in (
        ("extra_columns", {"column": "x", "allowed": "a, b"}),
        ("bad_flag", {"value": "x", "column": "c", "allowed": "a", "hint": ""}),
    ):
        assert message(Problem("f.csv", 1, 1, code, params), "en")
        assert message(Problem("f.csv", 1, 1, code, params), "vi")
