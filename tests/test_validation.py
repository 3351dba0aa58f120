"""Every bad input named in the foundation issue gives a file:row:column problem."""

from __future__ import annotations

import re

import pytest
from conftest import CATALOGUE_DIR, PUBLIC_SOURCES
from openpyxl import Workbook

from dongson_analysis.catalogue import load_catalogue
from dongson_analysis.cli import main
from dongson_analysis.problems import ValidationError
from dongson_analysis.problems import problem_line as line
from dongson_analysis.problems import problem_message as message
from dongson_analysis.records import load_observations as _load_observations
from dongson_analysis.records import validate_paths as _validate_paths

CATALOGUE = load_catalogue(CATALOGUE_DIR)


def validate_paths(paths):
    """Validate planner files together with the public record's sources (which they may cite)."""
    return _validate_paths([PUBLIC_SOURCES, *paths], CATALOGUE)


def load_observations(paths):
    return _load_observations([PUBLIC_SOURCES, *paths], CATALOGUE)


HEADER = "area,indicator,unit,period,value,status,source_id\n"
GOOD = "dong_son,income_per_capita,million VND/person/year,2019,48.2,actual,S05\n"


def only_problem(path, code):
    report = validate_paths([path])
    codes = [p.code for p in report.problems]
    assert code in codes, [line(p, "en") for p in report.problems]
    return next(p for p in report.problems if p.code == code)


def check_cli(path, capsys, row, column):
    assert main(["--lang", "en", "validate", str(PUBLIC_SOURCES), str(path)]) == 1
    out = capsys.readouterr().err  # problems go to standard error
    if str(path).endswith(".xlsx"):
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[column - 1]
        assert re.search(rf"^{re.escape(str(path))}\[\w+\]!{letters}{row}: \S", out, re.M), out
    else:
        assert re.search(rf"^{re.escape(str(path))}:{row}:{column}: \S", out, re.M), out
    assert out.endswith("\n")
    return out


@pytest.mark.parametrize(
    "body, code, row, column",
    [
        (
            HEADER.replace(",source_id", "")
            + "dong_son,income_per_capita,million VND/person/year,2019,48.2,actual\n",
            "missing_columns",
            1,
            7,
        ),
        (HEADER.strip() + ",colour\n" + GOOD.strip() + ",red\n", "extra_columns", 1, 8),
        (
            HEADER + GOOD.replace("income_per_capita", "income_per_capital"),
            "unknown_indicator",
            2,
            2,
        ),
        (HEADER + GOOD.replace("actual", "guessed"), "unknown_status", 2, 6),
        (HEADER + GOOD.replace("2019", "1985"), "year_out_of_range", 2, 4),
        (HEADER + GOOD.replace("2019", "2040"), "year_out_of_range", 2, 4),
        (HEADER + GOOD.replace("2019", "20x9"), "bad_period", 2, 4),
        (HEADER + GOOD + GOOD, "duplicate_row", 3, 2),
        (HEADER + GOOD.replace("48.2", "about fifty"), "not_a_number", 2, 5),
        (HEADER + GOOD.replace("48.2", "3.000"), "ambiguous_number", 2, 5),
        (HEADER + GOOD.replace("48.2", '"1,234"'), "ambiguous_number", 2, 5),
        (HEADER + "dong_son,poverty_rate,%,2019,101.5,actual,S05\n", "above_bound", 2, 5),
        (
            HEADER + "dong_son,development_investment,billion VND,2019,-5,actual,S05\n",
            "below_bound",
            2,
            5,
        ),
        (HEADER + GOOD.replace("million VND/person/year", "kg"), "unit_mismatch", 2, 3),
        (HEADER + GOOD.replace("S05", ""), "missing_source", 2, 7),
        (HEADER + GOOD.replace("S05", "S99"), "unknown_source", 2, 7),
        (HEADER + GOOD.replace("48.2", ""), "missing_value", 2, 5),
        (HEADER + GOOD.replace("dong_son", ""), "missing_area", 2, 1),
        ("", "empty_file", 1, 1),
        ("\n\n", "empty_file", 3, 1),
        (HEADER, "header_only", 1, 1),
        (
            HEADER
            + GOOD
            + 'dong_son,income_per_capita,million VND/person/year,2020,"48,5",actual,S05\n'
            + "dong_son,income_per_capita,million VND/person/year,2021,48.7,actual,S05\n",
            "mixed_number_format",
            3,
            5,
        ),
        (
            "area,indicator,unit,period,value,value_high,status,source_id\n"
            "dong_son,poverty_rate_reduction,percentage points/year,2016-2020,2,1.5,target,S02\n",
            "range_inverted",
            2,
            6,
        ),
    ],
)
def test_bad_csv_input_is_reported_at_its_cell(write, capsys, body, code, row, column):
    path = write("figures.csv", body)
    problem = only_problem(path, code)
    assert (problem.row, problem.column) == (row, column), line(problem, "en")
    assert message(problem, "en") and message(problem, "vi")
    check_cli(path, capsys, row, column)


def test_not_utf8_is_a_clear_error(write, capsys):
    text = HEADER + GOOD.replace("dong_son", "Đông Sơn")
    path = write("latin.csv", text.encode("cp1258", errors="replace"))
    problem = only_problem(path, "not_utf8")
    assert problem.row == 2 and problem.column == 1
    assert "UTF-8" in message(problem, "en") and "UTF-8" in message(problem, "vi")
    check_cli(path, capsys, 2, 1)


def test_bom_and_windows_line_endings_are_accepted(write):
    path = write(
        "excel.csv", b"\xef\xbb\xbf" + (HEADER + GOOD).replace("\n", "\r\n").encode("utf-8")
    )
    frame = load_observations([path])
    assert frame["value"].tolist() == [48.2]
    assert frame["row"].tolist() == [2]


def test_semicolon_file_with_vietnamese_numbers(write):
    body = (
        "# number_format: vi\n"
        + HEADER.replace(",", ";")
        + "dong_son;development_investment;tỷ đồng;2019;3.000;actual;S07\n"
        + "dong_son;income_per_capita;triệu đồng/người/năm;2019;18,2;actual;S05\n"
    )
    frame = load_observations([write("vi.csv", body)]).set_index("indicator")
    assert frame.loc["development_investment", "value"] == 3000.0
    assert frame.loc["income_per_capita", "value"] == 18.2
    assert frame.loc["income_per_capita", "row"] == 4


def test_three_thousand_never_becomes_three(write):
    # Declared Vietnamese: 3.000 is three thousand.
    declared = write("a.csv", "# number_format: vi\n" + HEADER + GOOD.replace("48.2", "3.000"))
    assert load_observations([declared])["value"].tolist() == [3000.0]
    # Undeclared but shown by another value: 18,2 is Vietnamese, so 3.000 is three thousand.
    shown = write(
        "b.csv",
        HEADER
        + GOOD.replace("48.2", "3.000")
        + GOOD.replace("2019", "2018").replace("48.2", '"18,2"'),
    )
    assert sorted(load_observations([shown])["value"]) == [18.2, 3000.0]
    # Declared English: 3.000 is three.
    english = write("c.csv", "# number_format: en\n" + HEADER + GOOD.replace("48.2", "3.000"))
    assert load_observations([english])["value"].tolist() == [3.0]


def test_declared_format_is_enforced(write):
    path = write("d.csv", "# number_format: vi\n" + HEADER + GOOD)  # 48.2 is not Vietnamese
    problem = only_problem(path, "number_format_mismatch")
    assert (problem.row, problem.column) == (3, 5)


def test_unit_conversion_is_recorded(write):
    body = HEADER + "dong_son,development_investment,triệu đồng,2019,1500000,actual,S07\n"
    row = load_observations([write("u.csv", body)]).iloc[0]
    assert row["value"] == pytest.approx(1500.0)
    assert row["unit"] == "billion VND" and row["unit_as_given"] == "triệu đồng"
    assert row["unit_factor"] == pytest.approx(0.001)


def test_duplicate_across_files(write, tmp_path):
    write("one.csv", HEADER + GOOD)
    write("two.csv", HEADER + GOOD)
    report = validate_paths([tmp_path])
    dup = [p for p in report.problems if p.code == "duplicate_row"]
    assert len(dup) == 1 and "one.csv:2" in message(dup[0], "en")


def test_status_aliases_in_vietnamese(write):
    frame = load_observations([write("s.csv", HEADER + GOOD.replace("actual", "ước"))])
    assert frame["status"].tolist() == ["estimate"]


def test_load_raises_with_every_problem(write):
    path = write("bad.csv", HEADER + GOOD.replace("48.2", "x") + GOOD.replace("actual", "?"))
    with pytest.raises(ValidationError) as err:
        load_observations([path])
    assert {p.code for p in err.value.problems} == {"not_a_number", "unknown_status"}


def _workbook(path, rows, formula_cell=None, merge=None):
    book = Workbook()
    sheet = book.active
    for r in rows:
        sheet.append(r)
    if formula_cell:
        sheet[formula_cell] = "=40+8.2"
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


XLSX_HEADER = HEADER.strip().split(",")
XLSX_GOOD = [
    "dong_son",
    "income_per_capita",
    "million VND/person/year",
    2019,
    48.2,
    "actual",
    "S05",
]


def test_xlsx_good_workbook(tmp_path):
    path = _workbook(tmp_path / "good.xlsx", [XLSX_HEADER, XLSX_GOOD])
    frame = load_observations([path])
    assert frame["value"].tolist() == [48.2] and frame["period"].tolist() == ["2019"]


def test_xlsx_formula_cell(tmp_path, capsys):
    path = _workbook(tmp_path / "formula.xlsx", [XLSX_HEADER, XLSX_GOOD], formula_cell="E2")
    problem = only_problem(path, "xlsx_formula")
    assert (problem.row, problem.column) == (2, 5)
    check_cli(path, capsys, 2, 5)


def test_xlsx_merged_header(tmp_path, capsys):
    path = _workbook(tmp_path / "merged.xlsx", [XLSX_HEADER, XLSX_GOOD], merge="A1:B1")
    problem = only_problem(path, "xlsx_merged_header")
    assert (problem.row, problem.column) == (1, 1)
    check_cli(path, capsys, 1, 1)


def test_xlsx_text_numbers_follow_declared_format(tmp_path):
    rows = [
        ["# number_format: vi"],
        XLSX_HEADER,
        ["dong_son", "development_investment", "tỷ đồng", "2019", "3.000", "actual", "S07"],
    ]
    frame = load_observations([_workbook(tmp_path / "vi.xlsx", rows)])
    assert frame["value"].tolist() == [3000.0]


def test_not_a_workbook(write):
    problem = only_problem(write("broken.xlsx", b"\x00\xff\xfe not a zip \x81"), "not_a_workbook")
    assert (problem.row, problem.column) == (1, 1)
    assert ".xlsx (Excel Workbook)" in message(problem, "en")
    problem = only_problem(write("text.xlsx", b"area,indicator\n"), "workbook_is_text")
    assert "rename it to .csv" in message(problem, "en")


def test_cli_validate_repo_data_passes(capsys):
    from conftest import REPO

    assert main(["validate", str(REPO / "data")]) == 0
    out = capsys.readouterr().out
    assert "113 số liệu" in out and out.endswith("\n")  # 66 shared, 47 of 2021-2025
