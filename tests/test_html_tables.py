"""Finding 32 of the planner's review: a table wider than an 800 px page says it scrolls."""

from __future__ import annotations

from dongson_analysis.blocks import Cell, Column, Row, Table
from dongson_analysis.l10n import texts_for
from dongson_analysis.publish.html import block_html

HINT = "Bảng rộng hơn màn hình: kéo bảng sang ngang để xem các cột bên phải."


def _table(columns: int) -> Table:
    cols = tuple(Column(f"Cột số {i} có tiêu đề khá dài", "number", 10) for i in range(columns))
    row = Row(tuple(Cell("1.234.567,8 (ước)", 1.0) for _ in range(columns)))
    return Table("t", "Bảng", cols, (row,))


def test_a_wide_table_says_it_scrolls_and_a_narrow_one_does_not():
    texts = texts_for("vi")
    wide = block_html(_table(14), texts, lambda f: b"")
    narrow = block_html(_table(3), texts, lambda f: b"")
    assert f'<p class="scroll-hint">{HINT}</p>' in wide
    assert wide.index("scroll-hint") < wide.index("<table")
    assert "scroll-hint" not in narrow


def test_text_columns_get_the_room_numbers_do_not_need():
    cols = (Column("Chỉ tiêu", width=24),) + tuple(
        Column(f"TH {2021 + i}", "number", 7) for i in range(5)
    )
    cells = (Cell("Thu nhập bình quân đầu người"),) + (Cell("3.695,0 (ước)", 3695.0),) * 5
    table = Table("t", "", cols, (Row(cells),))
    widths = table.text_first_widths(100, 3.0, True)
    assert widths[0] > 40 and len({round(w, 3) for w in widths[1:]}) == 1
    assert all(w >= len("3.695,0") + 3.0 for w in widths[1:])
