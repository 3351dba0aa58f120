"""Finding 10 of the planner's review: the "Căn cứ" lines are documents only, in the order a
report cites them, and none is printed as final without its number, date and body (the record
holds none, so all stand inside the office's box); a mid-year target set is not cited.
"""

from __future__ import annotations

from dongson_analysis import run_analysis, settings_from_parameters
from dongson_analysis.blocks import Draft, Edition, Paragraph
from dongson_analysis.chapters import results
from dongson_analysis.l10n import texts_for


def _opening(analysis, lang="vi"):
    return results.opening(Edition(analysis, texts_for(lang), "report"))


def test_no_basis_line_is_printed_outside_the_office_box(public_analysis):
    blocks = _opening(public_analysis)
    assert not [b for b in blocks if isinstance(b, Paragraph) and b.text.startswith("Căn cứ")]
    box = blocks[0]
    assert isinstance(box, Draft)
    assert box.evidence == (
        "Căn cứ Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIV, nhiệm kỳ 2015–2020;",
        "Căn cứ Nghị quyết về nhiệm vụ phát triển kinh tế – xã hội năm 2018;",
        "Căn cứ Nghị quyết của Huyện ủy, HĐND huyện về nhiệm vụ phát triển kinh tế – xã hội "
        "năm 2020;",
    )  # the mid-year targets of 2020 are not a document: they stay in Phần I
    assert "số, ngày, cơ quan ban hành" in box.prompt


def test_the_congress_resolution_comes_first_and_annual_ones_oldest_first():
    later = run_analysis(settings_from_parameters(review="2021-2025", plan="2026-2030"))
    box = _opening(later)[0]
    assert box.evidence == (
        "Căn cứ Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2020–2025;",
        "Căn cứ Nghị quyết về nhiệm vụ phát triển kinh tế – xã hội năm 2021;",
        "Căn cứ Nghị quyết về nhiệm vụ phát triển kinh tế – xã hội năm 2022;",
        "Căn cứ Nghị quyết HĐND huyện về nhiệm vụ phát triển kinh tế – xã hội năm 2023;",
        "Căn cứ Nghị quyết HĐND huyện về nhiệm vụ phát triển kinh tế – xã hội năm 2024;",
    )


def test_the_final_copy_prints_no_incomplete_basis_line(public_analysis):
    from dataclasses import replace

    settings = replace(
        public_analysis.settings,
        draft_marks=False,
        office_text=(("guidance", "Căn cứ Nghị quyết số 01/NQ-HĐND ngày 01/01/2016;"),),
    )
    final = replace(public_analysis, settings=settings)
    texts = [b.text for b in _opening(final) if isinstance(b, Paragraph)]
    assert [t for t in texts if t.startswith("Căn cứ")] == [
        "Căn cứ Nghị quyết số 01/NQ-HĐND ngày 01/01/2016;"
    ]  # only what the office wrote


def _report_text(analysis) -> str:
    from dongson_analysis.chapters import assemble

    parts = []
    for b in assemble(analysis, texts_for("vi"), "report").blocks:
        for attr in ("text", "prompt"):
            if isinstance(getattr(b, attr, None), str):
                parts.append(getattr(b, attr))
        for attr in ("items", "evidence", "notes"):
            parts += [x for x in getattr(b, attr, ()) if isinstance(x, str)]
        for row in getattr(b, "rows", ()):
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_the_report_does_not_call_the_working_notes_attached(public_analysis):
    """Finding 11: the notes say "không nộp"; the report neither attaches nor points to them."""
    text = _report_text(public_analysis)
    assert "phụ lục kỹ thuật" not in text and "\ue000notes\ue001" not in text


def test_the_source_note_lists_every_source_the_report_uses(public_analysis):
    """Finding 7 (text side): every source id the report names, and every source of a figure
    its body states, is in the report's own source note, with its publisher.
    """
    import re

    from dongson_analysis.chapters import annex

    ed = Edition(public_analysis, texts_for("vi"), "report")
    note = next(n for n in annex.table_notes(ed) if n.startswith("Nguồn: "))
    listed = set(re.findall(r"\b([SN]\d\d) – ", note))
    named = set(re.findall(r"\b([SN]\d\d)\b", _report_text(public_analysis)))
    assert named <= listed, sorted(named - listed)
    assert "S03" in listed  # a figure the body states (Sản lượng lương thực năm 2018)
    assert "S09" not in listed  # an aggregator's figures the body leaves out: not listed
