"""Planner's findings on Part I.II and the source note: the results by sector state figures of the
period under review only, a relative indicator or two figures year by year, and the note under
Biểu 01 lists exactly the sources the report rests on.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from test_basis_lines import _report_text

from dongson_analysis import run_analysis, settings_from_parameters
from dongson_analysis.blocks import Bullets, Edition
from dongson_analysis.chapters import annex, results
from dongson_analysis.l10n import texts_for
from dongson_analysis.wording import price_sources


@pytest.fixture(scope="module")
def review_2021():
    return run_analysis(replace(settings_from_parameters(), review=(2021, 2025), plan=(2026, 2030)))


def _sector_lines(analysis) -> list[str]:
    ed = Edition(analysis, texts_for("vi"), "report")
    return [x for b in results.sectors(ed) if isinstance(b, Bullets) for x in b.items]


def test_sector_results_state_only_figures_of_the_period(review_2021):
    lines = _sector_lines(review_2021)
    text = "\n".join(lines)
    for year in range(2010, 2020):
        assert f"năm {year}" not in text
    assert "Tốc độ tăng trưởng giá trị sản xuất năm 2022: 18,3% (ước) (cần xác minh)." in lines
    assert "Tỷ lệ hộ nghèo năm 2024: 0,1%." in lines


def test_a_relative_indicator_is_stated_year_by_year(review_2021):
    lines = _sector_lines(review_2021)
    assert (
        "Thu ngân sách vượt dự toán tỉnh giao: 499,0% năm 2021, 324,0% năm 2022, 21,0% năm 2023 "
        "và 448,0% năm 2024. Lưu ý: số liệu 2021, 2022, 2023 và 2024 là số ước; số liệu 2021, "
        "2022, 2023 và 2024 là số tính toán từ số liệu có nguồn theo quy tắc đã ghi."
    ) in lines
    assert not any("điểm phần trăm/năm" in line for line in lines)


def test_two_figures_get_no_average_rate(review_2021):
    lines = _sector_lines(review_2021)
    assert (
        "Thu ngân sách nhà nước trên địa bàn: 1.179,2 tỷ đồng năm 2023 và 3.800,0 tỷ đồng năm "
        "2024. Giá trị và tốc độ tính theo giá hiện hành, nên bao gồm cả yếu tố tăng giá. Giá "
        "tiêu dùng cả nước năm 2020 tăng 3,23% (nguồn N09). Lưu ý: số liệu 2023 và 2024 là số ước."
    ) in lines
    assert not any("222,3%" in line for line in lines)


@pytest.mark.parametrize("run", ["2016", "2021"])
def test_the_source_note_lists_exactly_the_sources_the_report_rests_on(
    run, public_analysis, review_2021
):
    analysis = public_analysis if run == "2016" else review_2021
    ed = Edition(analysis, texts_for("vi"), "report")
    note = next(n for n in annex.table_notes(ed) if n.startswith("Nguồn: "))
    listed = set(re.findall(r"\b([SN]\d\d) – ", note))
    body = _report_text(analysis).replace(note, "")
    named = set(re.findall(r"\b([SN]\d\d)\b", body))
    assert named <= listed
    printed = {
        s
        for by_indicator in results.sector_figures(ed).values()
        for rows in by_indicator.values()
        for s in rows["source_id"].astype(str)
    }
    assert listed <= named | printed | price_sources(analysis)


def test_the_2021_note_lists_plan_results_and_succession_but_no_unprinted_source(review_2021):
    ed = Edition(review_2021, texts_for("vi"), "report")
    note = next(n for n in annex.table_notes(ed) if n.startswith("Nguồn: "))
    listed = set(re.findall(r"\b([SN]\d\d) – ", note))
    assert "S22" in listed  # the succession sources were published after 12/2024: not stated
    assert not {"N04", "N05", "N06"} & listed
    assert not listed & {"S01", "S03", "S04", "S05", "S06", "S09", "S11"}


def test_a_single_figure_carries_its_estimate_and_doubt_marks():
    """The 2022 growth 18,3% is an estimate that another source contradicts (S18's 8,04%
    average): Phần I.II says both, as Biểu 01 does."""
    from dongson_analysis import run_analysis, settings_from_parameters
    from dongson_analysis.blocks import Bullets, Edition
    from dongson_analysis.chapters import results
    from dongson_analysis.l10n import texts_for

    later = run_analysis(settings_from_parameters(review="2021-2025", plan="2026-2030"))
    lines = [
        line
        for b in results.sectors(Edition(later, texts_for("vi"), "report"))
        if isinstance(b, Bullets)
        for line in b.items
    ]
    assert "Tốc độ tăng trưởng giá trị sản xuất năm 2022: 18,3% (ước) (cần xác minh)." in lines
