"""A command line that fits a terminal and a planner: one language a run, 100 columns, safe CSV."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest import DATA, PUBLIC_SOURCES

from dongson_analysis.chapters import CHAPTERS
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
        main(["describe"])
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
    code, out, err = run(
        capsys, "--lang", "en", "validate", str(PUBLIC_SOURCES), str(tmp_path / "nien_giam.xlsx")
    )
    assert code == 1 and f"{tmp_path / 'nien_giam.xlsx'}[observations]!E2: " in err and not out


def test_a_wrong_status_lists_the_vietnamese_words_too(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text(
        "area,indicator,unit,period,value,status,source_id\n"
        "dong_son,income_per_capita,triệu đồng/người/năm,2019,48.2,done,S05\n",
        encoding="utf-8",
    )
    _, _, err = run(capsys, "--lang", "en", "validate", str(PUBLIC_SOURCES), str(path))
    assert "thực hiện" in err and "actual" in err


def test_every_message_in_one_language(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text(
        "area,indicator,unit,period,value,status,source_id\n"
        "dong_son,income_per_capital,triệu đồng/người/năm,2019,48.2,actual,S05\n",
        encoding="utf-8",
    )
    _, _, err = run(capsys, "--lang", "en", "validate", str(PUBLIC_SOURCES), str(path))
    assert "Did you mean 'income_per_capita'?" in err and "Có phải" not in err
    _, _, err = run(capsys, "validate", str(PUBLIC_SOURCES), str(path))
    assert "Có phải là 'income_per_capita'?" in err and "Did you mean" not in err


def test_validate_a_copy_of_data_anywhere(tmp_path, capsys):
    shutil.copytree(DATA, tmp_path / "elsewhere" / "data")
    code, out, _ = run(capsys, "validate", str(tmp_path / "elsewhere" / "data"))
    assert code == 0 and "39 nguồn" in out  # S01-S23, N01-N11, C01-C05


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
    code, _, err = run(capsys, "--lang", "en", "validate", str(data))
    assert code == 1 and "catalogue_copy" in err and "differs" in err


def test_template_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "t.xlsx"
    assert run(capsys, "template", str(path))[0] == 0
    code, _, err = run(capsys, "template", str(path))
    assert code == 1 and "--force" in err


# -- the daily command line (issue 19.4) -------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_are_accepted_after_the_command_too(capsys, where):
    argv = ["--lang", "en", "assess"] if where == "before" else ["assess", "--lang", "en"]
    code, out, err = run(capsys, *argv)
    assert code == 0 and out.splitlines()[0].split()[:2] == ["Indicator", "Period"]
    assert "Chỉ tiêu" not in out and not err


def test_an_unknown_option_after_the_command_is_named_in_the_language(capsys):
    with pytest.raises(SystemExit):
        main(["assess", "--lang", "en", "--colour"])
    err = capsys.readouterr().err
    assert "unrecognized arguments: --colour" in err


def test_version(capsys):
    import tomllib

    from conftest import REPO

    import dongson_analysis

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0 and out == f"dongson-analysis {dongson_analysis.__version__}\n"
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    # one place for the version: pyproject reads it from the package
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "dongson_analysis.__version__"
    }


def test_validate_without_a_path_checks_the_shipped_data(capsys):
    code, out, err = run(capsys, "validate")
    assert code == 0 and "113 số liệu" in out and "39 nguồn" in out and not err


def test_results_on_standard_output_problems_on_standard_error(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text(
        "area,indicator,unit,period,value,status,source_id\n"
        "dong_son,income_per_capita,triệu đồng/người/năm,2019,abc,actual,S05\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--lang", "en", "validate", str(PUBLIC_SOURCES), str(path))
    assert code == 1 and out == "" and f"{path}:2:5: " in err and err.endswith("1 problem.\n")


def test_indicators_reads_the_catalogue_of_the_data_folder(tmp_path, capsys):
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
    for argv in (["indicators", str(data)], ["indicators", "--data", str(data)]):
        code, out, _ = run(capsys, "--lang", "en", *argv, "--format", "csv")
        assert code == 0 and "school_meals,School meals served,persons" in out
    _, out, _ = run(capsys, "--lang", "en", "indicators", "--format", "csv")
    assert "school_meals" not in out  # the shipped catalogue by default


def test_indicators_csv_writes_units_in_the_message_language(capsys):
    _, out, _ = run(capsys, "--lang", "en", "indicators", "--format", "csv")
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["income_per_capita"]["unit"] == "million VND per person a year"
    _, out, _ = run(capsys, "indicators", "--format", "csv")
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["income_per_capita"]["unit"] == "triệu đồng/người/năm"


@pytest.mark.parametrize(
    "name",
    [
        "income_per_capita",
        "Thu nhập bình quân đầu người",
        "thu nhap binh quan dau nguoi",
        "THU NHẬP BÌNH QUÂN ĐẦU NGƯỜI",
        "Income per capita",
        "income-per-capita",
    ],
)
def test_an_indicator_is_found_by_its_name_in_either_language(catalogue, name):
    from dongson_analysis.cli import find_indicator

    assert find_indicator(catalogue, name) == ("income_per_capita", [])


def test_describe_accepts_a_name(capsys):
    code, out, err = run(capsys, "describe", "thu nhap binh quan dau nguoi")
    assert code == 0 and not err
    assert out == run(capsys, "describe", "income_per_capita")[1]


def test_describe_suggests_the_closest_names(capsys):
    code, out, err = run(capsys, "--lang", "en", "describe", "income per capital")
    assert code == 1 and out == ""
    assert "'income per capital' is not in the catalogue; did you mean: " in err
    assert "(income_per_capita)" in err
    code, _, err = run(capsys, "describe", "thu nhap")
    assert code == 1 and "có phải là: Thu nhập bình quân đầu người (income_per_capita)" in err


def drop_downs(path: Path) -> dict[str, list[str]]:
    """The drop-down lists of a workbook template's observations sheet, by column."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet, guide = book["observations"], book["huong_dan"]
    lists = {}
    for check in sheet.data_validations.dataValidation:
        column = sheet.cell(2, next(iter(check.sqref.ranges)).min_col).value
        first, last = check.formula1.split("!")[1].replace("$", "").split(":")
        lists[column] = [c.value for row in guide[first:last] for c in row]
    return lists


def test_template_in_the_message_language_with_drop_down_lists(tmp_path, capsys):
    from openpyxl import load_workbook

    from dongson_analysis.catalogue import load_catalogue
    from dongson_analysis.records import load_observations

    path = tmp_path / "nien_giam.xlsx"
    assert run(capsys, "template", str(path))[0] == 0
    lists = drop_downs(path)
    catalogue = load_catalogue(DATA / "catalogue")
    assert lists["status"] == ["thực hiện", "ước", "kế hoạch", "suy ra"]
    assert lists["unit"] == list(catalogue.units)
    assert lists["indicator"] == [i.id for i in catalogue]
    book = load_workbook(path)
    sheet, guide = book["observations"], book["huong_dan"]
    assert guide["B2"].value.startswith("Mã địa bàn")
    assert "Mã chỉ tiêu" in sheet["B2"].comment.text
    # a row filled from the drop-down lists validates
    row = ["dong_son", "income_per_capita", "triệu đồng/người/năm", "2019", "48,2", "ước", "S05"]
    for column, value in enumerate(row, start=1):
        sheet.cell(3, column, value)
    book.save(path)
    frame = load_observations([path, PUBLIC_SOURCES], catalogue)
    assert frame["status"].tolist() == ["estimate"] and frame["value"].tolist() == [48.2]

    english = tmp_path / "yearbook.xlsx"
    assert run(capsys, "--lang", "en", "template", str(english))[0] == 0
    assert load_workbook(english)["huong_dan"]["B2"].value.startswith("Area id")
    assert drop_downs(english)["status"] == ["actual", "estimate", "target", "derived"]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "lỗi: tên địa bàn để trống"),
        ("en", "error: the area name is empty"),
    ],
)
def test_an_empty_area_name_is_refused_in_words(tmp_path, capsys, lang, message):
    code, out, err = run(
        capsys, "--lang", lang, "report", "--area-name", "", "--out", str(tmp_path / "r")
    )
    assert code == 1 and out == "" and err.startswith(message) and len(err.splitlines()) == 1
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("command", [["assess"], ["report", "--no-notebooks"]])
def test_an_unknown_area_is_refused_naming_the_known_ones(tmp_path, capsys, command):
    argv = ["--lang", "en", *command, "--area", "dongson"]
    if command[0] == "report":
        argv += ["--out", str(tmp_path / "r")]
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.splitlines()[-1].startswith("error: there is no area 'dongson'")
    assert "dong_son" in err.splitlines()[-1]
    assert not (tmp_path / "r").exists()


def test_an_area_without_figures_names_the_areas_that_have_them(tmp_path, capsys):
    from conftest import SYNTHETIC_CATALOGUE_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA / "raw", data / "raw")
    shutil.copytree(SYNTHETIC_CATALOGUE_DIR, data / "catalogue")
    code, out, err = run(capsys, "assess", str(data), "--area", "xa_thu")
    assert code == 1 and out == ""
    assert "xa_thu" in err and "dong_son" in err and "số liệu không có con số nào" in err


def commune_targets(tmp_path) -> Path:
    """The shipped data and a synthetic planner file with a commune's targets and figures."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "planner" / "sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\n"
        "SYN,synthetic test,2021,,synthetic figures of a commune (not real)\n",
        encoding="utf-8",
    )
    (data / "planner" / "commune.csv").write_text(
        "area,indicator,unit,period,value,status,source_id\n"
        "dong_van_commune,new_jobs_total,người,2016-2020,500,target,SYN\n"
        "dong_van_commune,new_jobs_total,người,2016-2020,560,actual,SYN\n",
        encoding="utf-8",
    )
    return data


def test_assess_over_many_areas_is_one_table_with_an_area_column(tmp_path, capsys):
    data = str(commune_targets(tmp_path))
    code, out, _ = run(capsys, "--lang", "en", "assess", data, "--areas", "all")
    header = out.splitlines()[0]
    assert code == 0 and header.split()[:2] == ["Area", "Indicator"]
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "Đông Sơn" in out and "Đông Văn" in out
    code, out, _ = run(capsys, "assess", data, "--areas", "all", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["area"] for r in rows} == {"dong_son", "dong_van_commune"}
    single = list(csv.DictReader(io.StringIO(run(capsys, "assess", data, "--format", "csv")[1])))
    assert [r for r in rows if r["area"] == "dong_son"] == single
    commune = [r for r in rows if r["area"] == "dong_van_commune"]
    assert [(r["indicator"], r["status"]) for r in commune] == [("new_jobs_total", "exceeded")]


def test_progress_lines_on_standard_error_and_quiet_silences_them(
    tmp_path, capsys, monkeypatch, public_analysis
):
    from dongson_analysis.publish import regenerate

    def quick_writer(analysis, texts, folder, languages, main):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(analysis.settings.area_name, encoding="utf-8")
        return [folder / "index.html"]

    monkeypatch.setattr(regenerate, "write_edition", quick_writer)
    argv = ["report", "--out", str(tmp_path / "r"), "--no-notebooks"]
    code, out, err = run(capsys, *argv)
    assert code == 0 and out.splitlines() == [
        str(tmp_path / "r" / "index.html"),
        str(tmp_path / "r" / "en" / "index.html"),
    ]
    assert err.splitlines() == [
        "Đang đọc, kiểm tra và phân tích số liệu…",
        "Đang viết bản tiếng Việt của Đông Sơn (1/2)…",
        "Đang viết bản tiếng Anh của Đông Sơn (2/2)…",
        "Đang đưa các tệp mới vào chỗ…",
        err.splitlines()[-1],
    ]
    assert err.splitlines()[-1].startswith("Đã ghi 2 tệp trong ")
    code, out, err = run(capsys, "-q", *argv)
    assert code == 0 and len(err.splitlines()) == 1 and err.startswith("Đã ghi")


def test_notebooks_go_inside_out_unless_told_otherwise():
    from dongson_analysis.cli import build_parser, notebooks_folder

    parser = build_parser(__import__("dongson_analysis.l10n").l10n.texts_for("vi"))

    def folder(*argv):
        return notebooks_folder(parser.parse_args(["report", *argv]))

    assert folder() == Path("notebooks")
    assert folder("--out", "X") == Path("X") / "notebooks"
    assert folder("--out", "X", "--notebooks", "nb") == Path("nb")
    assert folder("--out", "X", "--no-notebooks") is None


@pytest.mark.slow
def test_report_with_out_writes_the_notebooks_inside_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", "--out", "X", "--no-english")
    assert code == 0, err
    notebooks = sorted((tmp_path / "X" / "notebooks").glob("*.ipynb"))
    assert [p.name[:2] for p in notebooks] == [f"{n:02d}" for n in range(1, len(CHAPTERS) + 1)]
    assert not (tmp_path / "notebooks").exists()
    assert f"{Path('X') / 'notebooks' / '09_phuong_phap.ipynb'}" in out.splitlines()
    left = [p.name for p in tmp_path.iterdir()]
    assert sorted(left) == [".X.lock", "X"]  # no staging folder, no handover
    for path in notebooks:
        text = path.read_text("utf-8")
        assert "handover" not in text and "staging" not in text and str(tmp_path) not in text


@pytest.mark.slow
def test_report_over_many_areas_writes_one_report_per_area(tmp_path, capsys):
    data = commune_targets(tmp_path)
    out_dir = tmp_path / "R"
    code, out, err = run(
        capsys,
        "report",
        "--data",
        str(data),
        "--areas",
        "all",
        "--no-english",
        "--out",
        str(out_dir),
        "--notebooks-for",
        "dong_van_commune",
    )
    assert code == 0, err
    assert (out_dir / "index.html").exists() and (
        out_dir / "bao_cao_danh_gia_ke_hoach.docx"
    ).exists()
    for area in ("thanh_hoa", "dong_van_commune", "dong_yen_commune"):
        assert (out_dir / "areas" / area / "bao_cao_danh_gia_ke_hoach.docx").exists(), area
        assert (out_dir / "areas" / area / "bieu_tong_hop.xlsx").exists(), area
        assert str(out_dir / "areas" / area / "index.html") in out.splitlines()
    assert "Đông Văn" in (out_dir / "areas" / "dong_van_commune" / "index.html").read_text("utf-8")
    commune = sorted((out_dir / "notebooks" / "areas" / "dong_van_commune").glob("*.ipynb"))
    assert len(commune) == len(CHAPTERS) and "dong_van_commune" in commune[0].read_text("utf-8")
    assert not list((out_dir / "notebooks").glob("*.ipynb"))  # only the areas named
    assert "(4/4)" in err


def test_notebooks_for_an_area_outside_the_run_is_refused(tmp_path, capsys):
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "report",
        "--notebooks-for",
        "dong_van_commune",
        "--out",
        str(tmp_path / "r"),
    )
    assert code == 1 and out == "" and "--notebooks-for: dong_van_commune is not an area" in err
    assert not (tmp_path / "r").exists()


def test_help_is_quick_and_imports_no_data_library():
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from dongson_analysis.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'nbformat', 'numpy')"
        " if m in sys.modules), file=sys.stderr)\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert ran.returncode == 0 and ran.stderr == "[]\n"


@pytest.mark.slow
def test_no_notebooks_means_no_nbformat(tmp_path):
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from dongson_analysis.cli import main\n"
        "from dongson_analysis.publish import regenerate\n"
        "def quick(analysis, texts, folder, languages, main):\n"
        "    folder.mkdir(parents=True, exist_ok=True)\n"
        "    (folder / 'index.html').write_text('x')\n"
        "    return [folder / 'index.html']\n"
        "regenerate.write_edition = quick\n"
        f"code = main(['report', '-q', '--no-notebooks', '--out', {str(tmp_path / 'r')!r}])\n"
        "print(code, 'nbformat' in sys.modules, 'jsonschema' in sys.modules)\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert ran.stdout.splitlines()[-1] == "0 False False", ran.stderr


def test_the_editions_progress_counts_every_step_once(capsys):
    from dongson_analysis.cli import _progress
    from dongson_analysis.l10n import texts_for
    from dongson_analysis.publish.regenerate import edition_steps

    tell = _progress(texts_for("vi"), quiet=False)
    for i, name in enumerate(("Đông Sơn", "Thanh Hóa", "Đông Văn", "Đông Yên")):
        for step in edition_steps(i, name, "vi", ("vi", "en")):
            tell("edition", **step, total=8)
    assert capsys.readouterr().err.splitlines() == [
        "Đang viết bản tiếng Việt của Đông Sơn (1/8)…",
        "Đang viết bản tiếng Anh của Đông Sơn (2/8)…",
        "Đang viết bản tiếng Việt của Thanh Hóa (3/8)…",
        "Đang viết bản tiếng Anh của Thanh Hóa (4/8)…",
        "Đang viết bản tiếng Việt của Đông Văn (5/8)…",
        "Đang viết bản tiếng Anh của Đông Văn (6/8)…",
        "Đang viết bản tiếng Việt của Đông Yên (7/8)…",
        "Đang viết bản tiếng Anh của Đông Yên (8/8)…",
    ]
