"""Findings 14, 15 and 33 of the planner's review: the workbook prints one page wide, stores
years as numbers, and marks the kind of each proposal's base, with the rate as a number.

Run on the shipped record's 2021–2025 review, whose Biểu 01 the reviewer found printed over 18
pages with its right-hand columns away from their rows.
"""

from __future__ import annotations

import pytest
from conftest import review_2021_with_proposals
from openpyxl import load_workbook

from dongson_analysis.chapters import workbook
from dongson_analysis.l10n import texts_for
from dongson_analysis.publish.excel import FONT_PT, PRINTABLE_PT, printed_width_pt, write_xlsx


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    later = review_2021_with_proposals()
    texts = texts_for("vi")
    path = tmp_path_factory.mktemp("book") / "bieu.xlsx"
    write_xlsx(path, workbook(later, texts), texts, "x")
    return load_workbook(path)


def test_every_sheet_prints_one_page_wide_in_landscape(book):
    for ws in book:
        assert ws.page_setup.fitToWidth == 1, ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_the_bieu_is_readable_on_one_page_wide(book):
    ws = book["Biểu 01"]
    widths = [d.width for _, d in sorted(ws.column_dimensions.items())]
    printed_pt = min(1.0, PRINTABLE_PT / printed_width_pt(widths)) * FONT_PT
    assert printed_pt >= 8.5
    header = [c.value for c in ws[7]]
    assert header[1] == "Chỉ tiêu" and header[-1] == "Ghi chú"
    by_label = dict(zip(header, widths))
    assert by_label["Chỉ tiêu"] >= 20 and by_label["Đánh giá"] >= 14 and by_label["Ghi chú"] >= 12
    assert not [h for h in header if h and "phương án" in h]  # the variants: sheet 'Đề xuất'


def test_years_are_numbers_in_the_judgements_sheet(book):
    ws = book["Đánh giá"]
    header = [c.value for c in ws[3]]
    period, known = header.index("Kỳ kế hoạch"), header.index("Kỳ")
    years = [
        row[i].value
        for row in ws.iter_rows(min_row=4)
        for i in (period, known)
        if isinstance(row[i].value, (int, str)) and str(row[i].value).isdigit()
    ]
    assert years and all(isinstance(y, int) for y in years)


def test_the_proposals_sheet_marks_the_base_kind_and_stores_the_rate_as_a_number(book):
    ws = book["Đề xuất"]
    header = [c.value for c in ws[3]]
    kind = header.index("Loại số căn cứ")
    rate = header.index("Bình quân/năm (phương án cơ sở)")
    income = next(
        r for r in ws.iter_rows(min_row=4) if r[0].value == "Thu nhập bình quân đầu người"
    )
    assert (income[2].value, income[3].value, income[kind].value) == (2025, 72.3, "dự báo")
    assert income[rate].value == pytest.approx(0.071)
    assert income[rate].number_format == "+0.0%;-0.0%;0.0%"


def test_source_dates_are_dates_or_years_not_text(book):
    import datetime as dt

    ws = book["Nguồn"]
    header = [c.value for c in ws[3]]
    column = header.index("Thời gian")
    values = [r[column] for r in ws.iter_rows(min_row=4) if r[column].value is not None]
    assert values
    for cell in values:
        assert isinstance(cell.value, (dt.datetime, int)), cell.value
        if isinstance(cell.value, dt.datetime):
            assert cell.number_format in ("dd/mm/yyyy", "mm/yyyy")
