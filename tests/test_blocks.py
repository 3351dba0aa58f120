"""Table layout shared by the HTML pages and the Word document: no word is broken inside."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dongson_analysis.blocks import Cell, Column, Row, Table, longest_word, slash_breaks

words = st.text(alphabet="abcđơnvịnămngười/ 0123456789", min_size=0, max_size=30)


def table_of(labels, widths, cells) -> Table:
    columns = tuple(Column(label, width=w) for label, w in zip(labels, widths))
    return Table("t", "caption", columns, (Row(tuple(Cell(c) for c in cells)),))


@given(
    st.lists(st.tuples(words, st.floats(1, 40), words), min_size=1, max_size=12), st.floats(20, 300)
)
def test_widths_fill_the_capacity_and_never_cut_a_word_when_they_can(spec, capacity):
    table = table_of(*zip(*spec))
    widths = table.fitted_widths(capacity)
    assert sum(widths) == pytest.approx(capacity)
    need = [max(longest_word(label), longest_word(cell)) + 2 for label, _, cell in spec]
    if sum(need) < capacity:
        assert all(w >= n - 1e-9 for w, n in zip(widths, need))
    else:
        assert widths == pytest.approx([capacity * n / sum(need) for n in need])


def test_declared_proportions_are_kept_where_words_fit():
    table = table_of(["Chỉ tiêu", "Đơn vị", "Nguồn"], [30, 8, 2], ["x", "tấn", "S02, S09"])
    widths = table.fitted_widths(100)
    assert widths[2] == pytest.approx(
        len("Nguồn") + 2
    )  # raised from 2/40 of the width to its longest word
    assert widths[0] / widths[1] == pytest.approx(30 / 8)


def test_a_line_breaks_after_a_slash_between_words_but_never_inside_a_date():
    assert slash_breaks("triệu đồng/người/năm", "|") == "triệu đồng/|người/|năm"
    assert slash_breaks("27/01/2021", "|") == "27/01/2021"
    assert longest_word("triệu đồng/người/năm") == len("người/")
    assert longest_word("27/01/2021") == 10
