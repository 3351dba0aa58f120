"""The summary across areas: every area's targets side by side, from the same judgements."""

from __future__ import annotations

import csv
import io
from contextlib import redirect_stdout
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook
from synthetic_areas import PROVINCE, write_varied_areas

from dongson_analysis import Settings, settings_from_parameters
from dongson_analysis.analysis import analyse
from dongson_analysis.blocks import Figure, Table
from dongson_analysis.chapters import summary as summary_chapter
from dongson_analysis.charts import LABELLED_AREAS, area_dots
from dongson_analysis.cli import main
from dongson_analysis.judgement import JUDGEMENT_STATUSES, judgement_table
from dongson_analysis.l10n import texts_for
from dongson_analysis.publish.editions import write_summary_edition
from dongson_analysis.review import GROUP_ORDER, report_group
from dongson_analysis.summary import summarise

#: A synthetic commune whose income falls year after year towards a higher 2020 target (its
#: 2020 figure not yet known): judged on progress, it deteriorates, the one status the varied
#: areas do not reach. And one with no figure at all.
WORSE = "synthetic_xa_varied_worse"
EMPTY = "synthetic_xa_varied_empty"


@pytest.fixture(scope="module")
def shipped():
    run = analyse(replace(settings_from_parameters(), area_selection="all"))
    return run, summarise(run)


@pytest.fixture(scope="module")
def varied(tmp_path_factory):
    """A synthetic province, its communes reaching every status, and a commune without figures."""
    folder = tmp_path_factory.mktemp("synthetic_summary")
    made = write_varied_areas(folder, 6)
    with (made.catalogue / "areas.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for area in (WORSE, EMPTY):
            writer.writerow([area, "xa", PROVINCE, "", "", "", "", "synthetic commune (tests)"])
    with (made.catalogue / "names.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for area, vi, en in (
            (WORSE, "Xã thử nghiệm sa sút (synthetic)", "Synthetic declining commune"),
            (EMPTY, "Xã thử nghiệm trống (synthetic)", "Synthetic empty commune"),
        ):
            writer.writerow(["area", area, "vi", "", vi])
            writer.writerow(["area", area, "en", "", en])
    with (made.data / "synthetic_figures.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        unit = "million VND/person/year"
        for year, value in zip(range(2014, 2020), (40, 38, 36, 34, 32, 30)):
            writer.writerow([WORSE, "income_per_capita", unit, year, value, "actual", "SYNV", ""])
        writer.writerow([WORSE, "income_per_capita", unit, 2020, 50, "target", "SYNV", ""])
    settings = Settings(
        (made.data,),
        made.catalogue,
        area=PROVINCE,
        area_selection="all",
        areas=(EMPTY,),
        review=(2016, 2020),
        plan=(2021, 2025),
    )
    run = analyse(settings)
    return run, summarise(run), folder


def _assess_csv(argv: list[str]) -> list[dict[str, str]]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(argv) == 0
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_the_summary_statuses_equal_each_areas_own_judgements(shipped):
    run, summary = shipped
    assert [a.area for a in summary.areas][0] == "thanh_hoa"  # the parent before its units
    for area in run.areas:
        own = judgement_table(list(run[area].judgements))
        mine = summary.table[summary.table["area"] == area]
        assert list(mine["status"]) == list(own["status"])
        assert list(mine["indicator"]) == list(own["indicator"])
    counts = {a.area: a.counts for a in summary.areas}
    assert sum(counts["dong_son"].values()) == len(run["dong_son"].judgements)
    assert summary.wide().columns.tolist()[0] in run.areas


def test_the_summary_statuses_equal_assess_areas_all_on_the_shipped_record(shipped):
    """``assess --areas all`` (the command a planner runs) and the summary agree, area by area."""
    _, summary = shipped
    rows = _assess_csv(["assess", "--areas", "all", "--format", "csv"])
    assessed = [
        (r["area"], r["plan"], r["indicator"], r["target_period"], r["status"]) for r in rows
    ]
    table = summary.table
    mine = list(
        zip(table.area, table.plan, table.indicator, table.target_period, table.status, strict=True)
    )
    assert sorted(assessed) == sorted(mine)
    assert {r["area"] for r in rows} <= {a.area for a in summary.areas}
    for target in summary.targets:  # each row of the summary holds each area's own judgement
        for area, j in target.judgements.items():
            assert (area, target.plan.id, target.indicator, target.period, j.status) in assessed


def test_the_summary_workbook_states_each_areas_own_status_and_counts(shipped, tmp_path):
    run, summary = shipped
    texts = texts_for("vi")
    files = write_summary_edition(summary, texts, tmp_path, ("vi",), "vi")
    assert [p.name for p in files] == [
        "tong_hop.html",
        "style.css",
        "tong_hop_cac_don_vi.docx",
        "tong_hop_cac_don_vi.xlsx",
    ]
    book = load_workbook(tmp_path / "tong_hop_cac_don_vi.xlsx")
    assert book.sheetnames == [
        "Số chỉ tiêu",
        "Kết quả",
        "% so với KH",
        "Cấp trên và đơn vị",
        "Chi tiết",
    ]
    sheet = book["Kết quả"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, r in enumerate(cells) if r[0] == "Đơn vị")
    names = {a.area: run.main.catalogue.area(a.area).name("vi") for a in summary.areas}
    by_name = {r[0]: r[1:] for r in cells[header + 1 :] if r[0] in names.values()}
    assert set(by_name) == set(names.values())
    for k, target in enumerate(summary.targets):
        for a in summary.areas:
            j = target.judgements.get(a.area)
            assert by_name[names[a.area]][k] == (texts(f"status.{j.status}") if j else None)
    counts = [[c.value for c in row] for row in book["Số chỉ tiêu"].iter_rows()]
    first = next(i for i, r in enumerate(counts) if r[0] == "TT") + 1
    for row, area in zip(counts[first:], summary.areas, strict=False):
        assert row[1] == names[area.area]
        if area.standing == "judged":
            assert row[3] == len(area.reported)
            assert row[4:9] == [area.group_counts[g] for g in GROUP_ORDER]


def test_counts_equal_the_lists_they_count(varied):
    _, summary, _ = varied
    for area in summary.areas:
        groups = [report_group(j.status) for j in area.reported]
        assert area.group_counts == {g: groups.count(g) for g in GROUP_ORDER}
        assert sum(area.group_counts.values()) == len(area.reported)
        assert sum(area.counts.values()) == len(area.judgements)
    table = summary_chapter.counts_table(summary, texts_for("vi"))
    for row, area in zip(table.rows, summary.areas, strict=True):
        if area.standing == "judged":
            assert [c.value for c in row.cells[4:9]] == [area.group_counts[g] for g in GROUP_ORDER]
    parent = summary_chapter.parent_table(summary, texts_for("vi"))
    units = {a.area for a in summary.units}
    targets = iter(summary.targets)
    for row in parent.rows:
        if row.group:
            continue
        target = next(targets)
        groups = [report_group(j.status) for a, j in target.judgements.items() if a in units]
        assert [c.value for c in row.cells[5:10]] == [groups.count(g) for g in GROUP_ORDER]


def test_the_parent_columns_are_left_out_when_the_parent_is_not_in_the_run(varied):
    run, _, _ = varied
    communes = {a: analysis for a, analysis in run.areas.items() if a != PROVINCE}
    first = next(iter(communes))
    summary = summarise(replace(run, areas=communes, settings=replace(run.settings, area=first)))
    assert summary.parent == PROVINCE  # named from the catalogue, not in the run
    texts = texts_for("vi")
    table = summary_chapter.parent_table(summary, texts)
    assert len(table.columns) == 3 + len(GROUP_ORDER) + 1
    assert not any("kế hoạch" in c.label and ":" in c.label for c in table.columns)


def test_a_synthetic_province_reaches_every_status_and_the_summary_shows_each(varied):
    run, summary, _ = varied
    reported = summary.table[summary.table["reported"]]
    assert set(reported["status"]) == set(JUDGEMENT_STATUSES)
    assert summary.parent == PROVINCE
    assert [a.area for a in summary.top] == [PROVINCE]
    texts = texts_for("vi")
    wide = summary_chapter.wide_table(summary, texts, "status")
    shown = {c.text for r in wide.rows for c in r.cells[1:]}
    assert {texts(f"status.{s}") for s in JUDGEMENT_STATUSES} <= shown
    for area, analysis in run.areas.items():  # nothing judged again: the very same objects
        mine = next(a for a in summary.areas if a.area == area)
        assert mine.judgements is analysis.judgements


def test_an_area_with_no_figures_is_listed_as_such(varied):
    _, summary, _ = varied
    empty = next(a for a in summary.areas if a.area == EMPTY)
    assert (empty.figures, empty.standing, empty.reported) == (0, "no_figures", ())
    for language in ("vi", "en"):
        texts = texts_for(language)
        name = summary.run.main.catalogue.area(EMPTY).name(language)
        sentence = summary_chapter.counts_sentence(summary, texts)
        assert texts("summary.no_figures_areas", count=1, names=name) in sentence
        table = summary_chapter.counts_table(summary, texts)
        row = next(r for r in table.rows if r.cells[1].text == name)
        assert row.cells[-1].text == texts("summary.standing.no_figures")
        assert [c.text for c in row.cells[3:-1]] == [""] * (len(GROUP_ORDER) + 1)


def test_the_summary_page_and_documents_are_written_and_deterministic(varied, tmp_path):
    _, summary, _ = varied
    for language in ("vi", "en"):
        texts = texts_for(language)
        first = write_summary_edition(summary, texts, tmp_path / "a", ("vi", "en"), "vi")
        again = write_summary_edition(summary, texts, tmp_path / "b", ("vi", "en"), "vi")
        for one, two in zip(first, again, strict=True):
            assert one.read_bytes() == two.read_bytes(), one.name
        page = first[0].read_text(encoding="utf-8")
        assert "synthetic" in page.lower()
        assert "Tỉnh thử nghiệm (synthetic)" in page if language == "vi" else True
    blocks = summary_chapter.blocks(summary, texts_for("vi"))
    assert any(isinstance(b, Figure) for b in blocks)
    assert any(isinstance(b, Table) and b.key == "summary_details" for b in blocks)


def test_numbers_in_the_vietnamese_summary_are_written_the_vietnamese_way(varied):
    _, summary, _ = varied
    texts = texts_for("vi")
    table = summary_chapter.wide_table(summary, texts, "percent")
    shown = [c for r in table.rows for c in r.cells[1:] if c.value is not None]
    assert shown and all("." not in c.text for c in shown)
    assert any("," in c.text for c in shown)


def _rows(n: int, per_row: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(n):
        percents = rng.normal(95, 15, per_row)
        dots = [
            (
                f"Xã tổng hợp {i} (synthetic)",
                float(p),
                "exceeded" if p >= 100 else "not_achieved",
                False,
            )
            for i, p in enumerate(percents)
        ]
        rows.append((f"Chỉ tiêu tổng hợp {r} (synthetic)", dots))
    return rows


@pytest.mark.parametrize("per_row", [1, LABELLED_AREAS, 40, 200])
def test_the_dot_chart_draws_1_to_200_areas_without_overprinted_names(per_row):
    texts = texts_for("vi")
    rows = _rows(4, per_row)
    fig = area_dots(rows, texts, "Tỉnh tổng hợp (synthetic)")
    ax = fig.axes[0]
    names = [t for t in ax.texts]
    if per_row <= LABELLED_AREAS:  # every dot named, no two names on one line
        assert len(names) == 4 * per_row
        ys = [t.xy[1] for t in names]
        assert len(set(np.round(ys, 6))) == len(ys)
    else:
        assert names == []
    dots = [line for line in ax.lines if line.get_marker() in ("o", "<", ">")]
    assert sum(len(line.get_xdata()) for line in dots) == 4 * per_row
    buffer_one, buffer_two = io.BytesIO(), io.BytesIO()
    fig.savefig(buffer_one, format="png", metadata={"Software": None})
    area_dots(rows, texts, "Tỉnh tổng hợp (synthetic)").savefig(
        buffer_two, format="png", metadata={"Software": None}
    )
    assert buffer_one.getvalue() == buffer_two.getvalue()


@pytest.mark.slow
def test_report_areas_all_writes_every_area_and_the_summary(tmp_path):
    """``report --areas all`` on the shipped record: an edition per area and the summary, whose
    workbook's statuses equal ``assess --areas all``."""
    out = tmp_path / "reports"
    code = main(["report", "--areas", "all", "--out", str(out), "--no-notebooks", "--quiet"])
    assert code == 0
    summary = out / "summary"
    for name in ("tong_hop.html", "tong_hop_cac_don_vi.docx", "tong_hop_cac_don_vi.xlsx"):
        assert (summary / name).is_file()
    assert (summary / "en" / "summary.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="summary/tong_hop.html"' in index
    rows = _assess_csv(["assess", "--areas", "all", "--format", "csv"])
    book = load_workbook(summary / "tong_hop_cac_don_vi.xlsx")
    long = [[c.value for c in row] for row in book["Chi tiết"].iter_rows()]
    texts = texts_for("vi")
    shown = sorted(
        r[-1] for r in long if r[-1] in {texts(f"status.{s}") for s in JUDGEMENT_STATUSES}
    )
    run = analyse(replace(settings_from_parameters(), area_selection="all"))
    s = summarise(run)
    reported = {(a.area, id(j)) for a in s.areas for j in a.reported}
    assert len(shown) == len(reported)
    assessed = {
        (r["area"], r["plan"], r["indicator"], r["target_period"]): r["status"] for r in rows
    }
    for target in s.targets:
        for area, j in target.judgements.items():
            assert assessed[(area, target.plan.id, target.indicator, target.period)] == j.status
    for area in run.areas:
        if area != run.settings.area:
            assert (out / "areas" / area / "index.html").is_file()


def test_a_run_of_one_area_has_no_summary(tmp_path):
    from dongson_analysis.publish.regenerate import regenerate

    settings = settings_from_parameters()
    result = regenerate(settings, tmp_path / "out", None, ("vi",), parts=("xlsx",))
    assert result.summary == []
    assert not (tmp_path / "out" / "summary").exists()
    assert [p.name for p in result.files] == ["bieu_tong_hop.xlsx"]


def test_edition_parts_are_checked():
    from dongson_analysis.publish.editions import write_edition

    run = analyse(settings_from_parameters())
    with pytest.raises(ValueError, match="unknown edition parts pdf; known: html, report"):
        write_edition(run.main, texts_for("vi"), Path("/nonexistent"), ("vi",), "vi", ("pdf",))


def test_the_summary_counts_the_areas_it_lists_everywhere(shipped):
    _, summary = shipped
    texts = texts_for("vi")
    assert [a.area for a in summary.areas] == [
        "thanh_hoa",
        "dong_son",
        "dong_van_commune",
        "dong_yen_commune",
    ]
    assert summary_chapter.title(summary, texts) == (
        "Thanh Hóa: tổng hợp kết quả thực hiện kế hoạch của 4 đơn vị, giai đoạn 2016–2020"
    )
    assert summary_chapter.running(summary, texts) == (
        "Thanh Hóa: tổng hợp 4 đơn vị; kết quả thực hiện kế hoạch 2016–2020"
    )
    assert summary_chapter.counts_sentence(summary, texts).startswith(
        "Số đơn vị có chỉ tiêu kế hoạch được đánh giá: 1/4."
    )
    assert len(summary_chapter.counts_table(summary, texts).rows) == 4
    assert texts("summary.progress", count=len(summary.areas)) == (
        "Đang viết bản tổng hợp 4 đơn vị…"
    )


def test_the_parent_table_is_not_named_the_parents_when_the_parent_set_no_target(shipped):
    _, summary = shipped
    texts = texts_for("vi")
    assert not summary_chapter.parent_has_targets(summary)  # Thanh Hóa: Đông Sơn's are not its
    table = summary_chapter.parent_table(summary, texts)
    assert table.caption == (
        "Chỉ tiêu của các đơn vị và số đơn vị theo kết quả đánh giá, giai đoạn 2016–2020"
    )
    headings = [b.label for b in summary_chapter.blocks(summary, texts) if hasattr(b, "label")]
    assert "Chỉ tiêu của các đơn vị và kết quả đánh giá" in headings
    assert "Chỉ tiêu của Thanh Hóa và kết quả của các đơn vị" not in headings


def test_a_milestone_year_in_the_summary_is_written_as_a_year(shipped):
    _, summary = shipped
    texts = texts_for("vi")
    table = summary_chapter.details_table(summary, texts)
    rows = [r.cells for r in table.rows]
    at = next(i for i, c in enumerate(rows) if "Năm huyện đạt chuẩn nông thôn mới" in c[0].text)
    figure = rows[at + 1][2]
    assert (figure.text, figure.value, figure.number_format) == ("2018", 2018.0, "0")


def test_the_summary_document_opens_without_web_wording(shipped):
    _, summary = shipped
    intro = summary_chapter.blocks(summary, texts_for("vi"))[1].text
    assert intro.startswith(
        "Bản tổng hợp này đặt cạnh nhau kết quả đánh giá các chỉ tiêu kế hoạch giai đoạn "
        "2016–2020 và các kế hoạch năm trong giai đoạn của từng đơn vị."
    )
    assert "Trang này" not in intro
