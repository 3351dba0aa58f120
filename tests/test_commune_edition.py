"""Findings 12 and 13 of the planner's review: a commune's report written at its own level and
in its own era, and no report ends on a blank page.

Before the 1 July 2025 reform a commune had no phòng: its report was issued by the People's
Committee (``/BC-UBND``), signed ``TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH`` and sent to the district.
"""

from __future__ import annotations

import pytest

from dongson_analysis import run_analysis, settings_from_parameters
from dongson_analysis.blocks import Draft, Edition, Letterhead, Paragraph, Signature
from dongson_analysis.chapters import annex, assemble, plan, results
from dongson_analysis.l10n import texts_for


@pytest.fixture(scope="module")
def commune():
    return run_analysis(settings_from_parameters(area="dong_van_commune"))


def test_a_commune_before_the_reform_issues_as_its_peoples_committee(commune):
    ed = Edition(commune, texts_for("vi"), "report")
    assert ed.era == "before_reform"
    head = results.letterhead(ed)[0]
    assert isinstance(head, Letterhead)
    assert (head.authority, head.office) == ("UBND XÃ ĐÔNG VĂN", "")
    assert head.number.endswith("/BC-UBND")
    sign = plan.signature(ed)[0]
    assert isinstance(sign, Signature)
    assert sign.signer == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    assert sign.recipients == ("- UBND huyện Đông Sơn (để b/c);", "- Lưu: VT.")
    blocks = assemble(commune, texts_for("vi"), "report").blocks
    labels = {b.label for b in blocks if isinstance(b, Draft)}
    assert labels == {"PHẦN DO UBND XÃ VIẾT – xóa khung này khi đã viết"}


def test_the_english_commune_edition_has_no_office_either(commune):
    ed = Edition(commune, texts_for("en"), "report")
    assert results.letterhead(ed)[0].office == ""
    assert plan.signature(ed)[0].signer == "ON BEHALF OF THE PEOPLE'S COMMITTEE\nCHAIRPERSON"


def test_a_district_keeps_its_office(public_analysis):
    ed = Edition(public_analysis, texts_for("vi"), "report")
    assert results.letterhead(ed)[0].office == "PHÒNG TÀI CHÍNH – KẾ HOẠCH"
    assert plan.signature(ed)[0].signer == "TRƯỞNG PHÒNG"


def test_a_commune_lists_no_commune_counts_and_no_urban_share(commune):
    ed = Edition(commune, texts_for("vi"), "report")
    names = {row.cells[1].text for row in annex.bieu_table(ed).rows if not row.group}
    assert "Tỷ lệ dân số đô thị" not in names
    assert not [n for n in names if n.startswith("Số xã")]
    text = " ".join(b.text for b in plan.targets(ed) if isinstance(b, Paragraph))
    assert "số xã đạt chuẩn" not in text and "dân số đô thị" not in text


def test_a_commune_with_no_target_says_so(commune):
    ed = Edition(commune, texts_for("vi"), "report")
    texts = [b.text for b in results.shortcomings(ed) if isinstance(b, Paragraph)]
    assert "không có chỉ tiêu nào không đạt" not in " ".join(texts)
    assert (
        "Số liệu thu thập chưa có chỉ tiêu kế hoạch nào của xã Đông Văn, nên chưa đánh giá được "
        "chỉ tiêu nào và chưa nêu được tồn tại, hạn chế về chỉ tiêu." in texts
    )


def test_the_report_ends_on_the_bieu_and_keeps_the_signature_with_its_text(commune, tmp_path):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    from dongson_analysis.publish.word import write_docx

    texts = texts_for("vi")
    path = tmp_path / "report.docx"
    write_docx(path, assemble(commune, texts, "report").blocks, texts, "BÁO CÁO", png=lambda f: b"")
    doc = Document(str(path))
    orientations = [s.orientation for s in doc.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]  # no empty third section
    body = list(doc.element.body.iterchildren())
    tables = [e for e in body if e.tag.endswith("}tbl")]
    signature = next(t for t in tables if "CHỦ TỊCH" in "".join(t.itertext()))
    before = body[body.index(signature) - 1]
    assert before.tag.endswith("}p") and before.find(".//{*}keepNext") is not None
