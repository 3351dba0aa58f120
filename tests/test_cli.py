"""A command line that fits a terminal and a planner: one language a run, 100 columns, safe CSV."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from conftest import DATA, PUBLIC_SOURCES

from dongson_analysis.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "lang, words",
    [("vi", ("cách dùng", "tùy chọn", "các lệnh")), ("en", ("usage", "options", "commands"))],
)
def test_help_is_in_the_message_language(capsys, lang, words):
    argv = (["--lang", lang] if lang == "en" else []) + ["--help"]
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    for word in words:
        assert word in out
    if lang == "vi":
        assert "show this help" not in out and "positional arguments" not in out


def test_argument_errors_are_in_the_message_language(capsys):
    with pytest.raises(SystemExit):
        main(["validate"])
    err = capsys.readouterr().err
    assert "thiếu tham số bắt buộc" in err and "required" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["indicators"],
        ["--lang", "en", "indicators"],
        ["assess"],
        ["--lang", "en", "assess"],
        ["describe", "income_per_capita"],
        ["--lang", "en", "assess", "--source", "S07"],
    ],
)
def test_output_fits_100_columns_and_ends_with_a_newline(capsys, argv):
    code, out, _ = run(capsys, *argv)
    assert code == 0 and out.endswith("\n")
    assert max(len(line) for line in out.splitlines()) <= 100


def test_vietnamese_headers_in_vietnamese(capsys):
    _, out, _ = run(capsys, "assess")
    assert out.splitlines()[0].split()[:2] == ["Chỉ", "tiêu"] and "Đánh giá" in out.splitlines()[0]
    _, out, _ = run(capsys, "indicators")
    assert "Tên chỉ tiêu" in out.splitlines()[0]


def test_wide_output_is_a_choice(capsys):
    _, out, _ = run(capsys, "assess", "--wide")
    assert max(len(line) for line in out.splitlines()) > 100


def test_assess_csv_carries_statuses_and_percent_of_target(capsys):
    code, out, _ = run(capsys, "assess", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {"status", "percent_of_target", "missing"} <= set(rows[0])
    statuses = {r["status"] for r in rows}
    assert {"exceeded", "achieved", "not_assessable"} <= statuses
    rice = next(r for r in rows if r["indicator"] == "rice_land_converted")
    assert float(rice["percent_of_target"]) == pytest.approx(321 / 315 * 100, rel=1e-5)


def test_assess_csv_neutralises_formula_like_cells(tmp_path, capsys):
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "data" / "planner" / "sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\n=SUM(A1),x,2026,,synthetic\n",
        encoding="utf-8",
    )
    (tmp_path / "data" / "planner" / "mine.csv").write_text(
        "area,indicator,unit,period,value,status,source_id\n"
        "dong_son,export_value,triệu USD,2020,50,target,=SUM(A1)\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "assess", str(tmp_path / "data"), "--format", "csv")
    assert code == 0
    cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
    assert "'=SUM(A1)" in cells and not [c for c in cells if c.startswith(("=", "+", "@"))]


def test_workbook_problems_cite_excel_cells(tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "observations"
    sheet.append(["area", "indicator", "unit", "period", "value", "status", "source_id"])
    sheet.append(
        ["dong_son", "income_per_capita", "triệu đồng/người/năm", 2019, "x", "actual", "S05"]
    )
    book.save(tmp_path / "nien_giam.xlsx")
    code, out, _ = run(
        capsys, "--lang", "en", "validate", str(PUBLIC_SOURCES), str(tmp_path / "nien_giam.xlsx")
    )
    assert code == 1 and f"{tmp_path / 'nien_giam.xlsx'}[observations]!E2: " in out


def test_a_wrong_status_lists_the_vietnamese_words_too(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text(
        "area,indicator,unit,period,value,status,source_id\n"
        "dong_son,income_per_capita,triệu đồng/người/năm,2019,48.2,done,S05\n",
        encoding="utf-8",
    )
    _, out, _ = run(capsys, "--lang", "en", "validate", str(PUBLIC_SOURCES), str(path))
    assert "thực hiện" in out and "actual" in out


def test_every_message_in_one_language(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text(
        "area,indicator,unit,period,value,status,source_id\n"
        "dong_son,income_per_capital,triệu đồng/người/năm,2019,48.2,actual,S05\n",
        encoding="utf-8",
    )
    _, out, _ = run(capsys, "--lang", "en", "validate", str(PUBLIC_SOURCES), str(path))
    assert "Did you mean 'income_per_capita'?" in out and "Có phải" not in out
    _, out, _ = run(capsys, "validate", str(PUBLIC_SOURCES), str(path))
    assert "Có phải là 'income_per_capita'?" in out and "Did you mean" not in out


def test_validate_a_copy_of_data_anywhere(tmp_path, capsys):
    shutil.copytree(DATA, tmp_path / "elsewhere" / "data")
    code, out, _ = run(capsys, "validate", str(tmp_path / "elsewhere" / "data"))
    assert code == 0 and "35 nguồn" in out  # S01-S23, N01-N07, C01-C05


def test_a_catalogue_passed_with_data_is_the_one_used(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with (data / "catalogue" / "indicators.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "school_meals,persons,count,higher,0,,not_applicable,education,0,population,,,,,,,\n"
        )
    with (data / "catalogue" / "names.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "indicator,school_meals,vi,,Số suất ăn bán trú\n"
            "indicator,school_meals,en,,School meals served\n"
        )
    (data / "planner" / "meals.csv").write_text(
        "area,indicator,unit,period,value,status,source_id\n"
        "dong_son,school_meals,người,2019,1200,actual,S07\ndong_son,school_meals,người,2020,1500,target,S07\n",
        encoding="utf-8",
    )
    assert run(capsys, "validate", str(data))[0] == 0
    code, out, _ = run(capsys, "--lang", "en", "assess", str(data))
    assert code == 0 and "School meals served" in out


def test_a_second_different_catalogue_is_refused(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copytree(data / "catalogue", data / "planner" / "catalogue_copy")
    assert run(capsys, "validate", str(data))[0] == 0  # an identical copy is harmless
    with (data / "planner" / "catalogue_copy" / "units.csv").open("a", encoding="utf-8") as handle:
        handle.write("kg,mass,0.001\n")
    code, out, _ = run(capsys, "--lang", "en", "validate", str(data))
    assert code == 1 and "catalogue_copy" in out and "differs" in out


def test_template_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "t.xlsx"
    assert run(capsys, "template", str(path))[0] == 0
    code, _, err = run(capsys, "template", str(path))
    assert code == 1 and "--force" in err
