"""Findings 30 and 51 of the planner's review: Biểu 01 in the Word report keeps its rows low
(a target not yet assessable reads "Chưa đánh giá được", the figures it needs are in the working
notes), its year columns are equally wide so that their headers wrap alike, it is numbered on
its own from 1, and Nơi nhận sends the report to the People's Committee "(để b/c)".
"""

from __future__ import annotations

import pytest
from docx import Document

from dongson_analysis.blocks import Edition
from dongson_analysis.chapters import annex, assemble, plan
from dongson_analysis.l10n import texts_for
from dongson_analysis.publish.word import write_docx


@pytest.fixture(scope="module")
def report(public_analysis, tmp_path_factory):
    texts = texts_for("vi")
    path = tmp_path_factory.mktemp("word") / "report.docx"
    write_docx(
        path, assemble(public_analysis, texts, "report").blocks, texts, "x", png=lambda f: b""
    )
    return Document(str(path))


def test_a_target_not_yet_assessable_reads_short_in_the_form(public_analysis):
    table = annex.bieu_table(Edition(public_analysis, texts_for("vi"), "report")).printed()
    column = [c.label for c in table.columns].index("Đánh giá")
    cells = {r.cells[column].text for r in table.rows if not r.group}
    assert "Chưa đánh giá được" in cells
    assert not [c for c in cells if c.startswith("Chưa đánh giá được:")]


def test_the_year_columns_are_equally_wide(report):
    form = next(t for t in report.tables if t.rows[0].cells[0].text == "TT")
    header = [c.text for c in form.rows[0].cells]
    widths = {h: c.width for h, c in zip(header, form.rows[0].cells)}
    years = [widths[h] for h in header if h.startswith(("TH 20", "ƯTH 20"))]
    assert len(years) == 5 and len(set(years)) == 1


def test_the_form_is_numbered_on_its_own(report):
    last = report.sections[-1]._sectPr
    numbering = last.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pgNumType")
    assert numbering is not None
    assert (
        numbering.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}start") == "1"
    )


def test_the_report_is_sent_for_information(public_analysis):
    sign = plan.signature(Edition(public_analysis, texts_for("vi"), "report"))[0]
    assert sign.recipients == ("- UBND huyện (để b/c);", "- Lưu: VT, TCKH.")


def test_the_working_notes_run_on_one_page_numbering(public_analysis, tmp_path):
    texts = texts_for("vi")
    path = tmp_path / "notes.docx"
    blocks = assemble(public_analysis, texts, "notes").blocks
    write_docx(path, blocks, texts, "x", png=lambda f: f.png())
    tag = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pgNumType"
    assert all(s._sectPr.find(tag) is None for s in Document(str(path)).sections)
