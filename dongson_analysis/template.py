"""The planners' template: a CSV file and an Excel workbook with the observation columns.

Planners copy a template into ``data/planner/``, fill one row per figure and cite a
source declared in a sources table (the public record's sources ``S01``... may be
cited too). See ``templates/README.md``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .records import OBSERVATION_OPTIONAL, OBSERVATION_REQUIRED, SOURCE_COLUMNS

COLUMNS = OBSERVATION_REQUIRED + OBSERVATION_OPTIONAL
#: Header comment of every template: declares the Vietnamese number format.
NUMBER_FORMAT_LINE = "# number_format: vi"
_FIXED_TIME = dt.datetime(2020, 1, 7)

INSTRUCTIONS = [
    ("Cột / Column", "Ý nghĩa", "Meaning"),
    ("area", "Mã địa bàn, ví dụ dong_son", "Area id, e.g. dong_son"),
    ("indicator", "Mã chỉ tiêu trong danh mục (lệnh: dongson-analysis indicators)", "Catalogue id (command: dongson-analysis indicators)"),
    ("unit", "Đơn vị; tỷ đồng/triệu đồng được tự đổi sang đơn vị của danh mục", "Unit; tỷ đồng/triệu đồng are converted to the catalogue unit"),
    ("period", "Năm (2019), nửa năm (2020H1) hoặc giai đoạn (2016-2020)", "Year (2019), half-year (2020H1) or range (2016-2020)"),
    ("value", "Giá trị; dòng '# number_format: vi' nghĩa là 3.000 = ba nghìn, 18,2 = mười tám phẩy hai", "Value; '# number_format: vi' means 3.000 = three thousand, 18,2 = 18.2"),
    ("status", "actual (thực hiện), estimate (ước), target (kế hoạch), derived (suy ra)", "actual, estimate (ước), target (plan), derived"),
    ("source_id", "Mã nguồn, khai báo trong bảng sources", "Source id, declared in a sources table"),
    ("value_high", "Cận trên nếu số liệu là một khoảng (không bắt buộc)", "Upper end of a range (optional)"),
    ("quote", "Trích nguyên văn nguồn (không bắt buộc)", "Quote from the source (optional)"),
    ("note", "Ghi chú (không bắt buộc)", "Note (optional)"),
    ("derived_status", "Với dòng derived: actual, estimate hoặc target", "For derived rows: actual, estimate or target"),
    ("period_inferred", "true nếu nguồn không nêu năm mà phải suy ra", "true if the source does not state the year"),
    ("qualifier", "at_least (trở lên), more_than (trên), at_most, less_than, approximate (gần)", "at_least, more_than, at_most, less_than, approximate"),
]


def write_csv_template(path: Path) -> None:
    """Write the CSV template: the number-format line and the header."""
    path.write_text(NUMBER_FORMAT_LINE + "\n" + ",".join(COLUMNS) + "\n", encoding="utf-8")


def write_xlsx_template(path: Path) -> None:
    """Write the workbook template: sheets ``observations``, ``sources`` and ``huong_dan``.

    Every cell of the ``observations`` and ``sources`` sheets is formatted as text
    so that Excel keeps ``2016-2020`` and ``3.000`` exactly as typed; the workbook's
    timestamps are fixed so that the file is the same every time it is written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "observations"
    sheet.append([NUMBER_FORMAT_LINE])
    sheet.append(list(COLUMNS))
    sources = book.create_sheet("sources")
    sources.append(list(SOURCE_COLUMNS))
    for ws, width in ((sheet, len(COLUMNS)), (sources, len(SOURCE_COLUMNS))):
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for col in range(1, width + 1):
            ws.column_dimensions[ws.cell(1, col).column_letter].width = 18
            for row in range(ws.max_row + 1, 201):
                ws.cell(row, col).number_format = "@"
    guide = book.create_sheet("huong_dan")
    for line in INSTRUCTIONS:
        guide.append(list(line))
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    book.properties.creator = "dongson_analysis"
    book.save(path)
