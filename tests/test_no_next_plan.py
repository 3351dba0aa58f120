"""An area that ceased before the next plan (Đông Sơn, 1/1/2025, reviewed for 2021–2025): its
documents review only, and state the succession steps whose sources were published by the
report's date.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from dongson_analysis import run_analysis, settings_from_parameters
from dongson_analysis.blocks import Edition, Heading, Paragraph
from dongson_analysis.chapters import plan
from dongson_analysis.chapters.common import succession_text
from dongson_analysis.l10n import texts_for


def _review(report_date: str):
    return run_analysis(
        replace(
            settings_from_parameters(),
            review=(2021, 2025),
            plan=(2026, 2030),
            report_date=report_date,
        )
    )


@pytest.fixture(scope="module")
def review_dec_2024():
    return _review("2024-12")


@pytest.fixture(scope="module")
def review_dec_2025():
    return _review("2025-12")


def test_the_titles_say_only_the_review_when_the_area_ceased_before_the_plan(review_dec_2024):
    ed = Edition(review_dec_2024, texts_for("vi"), "report")
    assert not ed.plans_next
    p = ed.params
    assert ed("publish.subtitle", **p) == (
        "Đánh giá kết quả thực hiện kế hoạch phát triển kinh tế – xã hội giai đoạn 2021–2025; "
        "kế hoạch giai đoạn 2026–2030 thuộc các đơn vị kế thừa"
    )
    assert ed("publish.running", **p) == "Đông Sơn: kết quả thực hiện kế hoạch 5 năm 2021–2025"
    assert ed("report.letterhead.subject", **p) == (
        "Kết quả thực hiện kế hoạch phát triển kinh tế – xã hội 5 năm 2021–2025"
    )
    assert ed("report.bieu.heading", **p) == (
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH 5 NĂM 2021–2025"
    )
    assert ed("chapters.annex.title", **p) == (
        "Kết quả thực hiện các chỉ tiêu chủ yếu kế hoạch 5 năm 2021–2025"
    )
    assert ed("chapters.proposals.title", **p) == (
        "Chỉ tiêu kế hoạch giai đoạn 2026–2030: thuộc các đơn vị kế thừa, không đề xuất"
    )
    assert ed("report.opening.purpose", reference="tháng 12/2024", **p) == (
        "Trên cơ sở số liệu thu thập đến tháng 12/2024, báo cáo kết quả thực hiện kế hoạch phát "
        "triển kinh tế – xã hội 5 năm 2021–2025 của huyện Đông Sơn như sau:"
    )


def test_part_two_holds_only_why_no_plan_and_the_recommendations(review_dec_2024):
    ed = Edition(review_dec_2024, texts_for("vi"), "report")
    blocks = [
        b for name, section in plan.SECTIONS.items() if name != "signature" for b in section(ed)
    ]
    headings = [b.label for b in blocks if isinstance(b, Heading)]
    assert headings == ["Kiến nghị, đề xuất"]
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [
        "Báo cáo không đề xuất chỉ tiêu kế hoạch 2026–2030 cho huyện Đông Sơn; kế hoạch giai "
        "đoạn này thuộc các đơn vị kế thừa địa bàn huyện Đông Sơn."
    ]
    prompts = [b.prompt for b in blocks if hasattr(b, "prompt")]
    assert prompts == [
        "Nêu các kiến nghị, đề xuất với cấp trên về những việc của kế hoạch 5 năm 2021–2025 "
        "chưa hoàn thành, để các đơn vị kế thừa tiếp tục thực hiện."
    ]


def test_a_report_dated_after_the_sources_states_every_step(review_dec_2025):
    assert review_dec_2025.succession.known == (True, True)
    ed = Edition(review_dec_2025, texts_for("vi"), "report")
    assert succession_text(ed) == (
        "Huyện Đông Sơn không còn là đơn vị hành chính từ ngày 01/01/2025: từ ngày 01/01/2025, "
        "địa bàn thuộc thành phố Thanh Hóa (N04); từ ngày 01/07/2025, địa bàn thuộc phường "
        "Đông Sơn và phường Đông Quang (N05, N06)."
    )
    assert [b.text for b in plan.context(ed)] == [
        "Vì huyện Đông Sơn không còn là đơn vị hành chính từ ngày 01/01/2025, báo cáo không đề "
        "xuất chỉ tiêu kế hoạch 2026–2030 cho huyện Đông Sơn; kế hoạch giai đoạn này thuộc "
        "phường Đông Sơn và phường Đông Quang."
    ]


def test_a_report_dated_before_the_sources_states_no_step(review_dec_2024):
    ed = Edition(review_dec_2024, texts_for("vi"), "report")
    assert review_dec_2024.succession.known_steps == ()
    assert succession_text(ed) == ""
    assert review_dec_2024.proposals == ()


def test_the_form_has_no_next_plans_column_when_the_area_ceased_before_it():
    from dongson_analysis import run_analysis, settings_from_parameters
    from dongson_analysis.blocks import Edition
    from dongson_analysis.chapters import annex
    from dongson_analysis.l10n import texts_for

    later = run_analysis(settings_from_parameters(review="2021-2025", plan="2026-2030"))
    table = annex.bieu_table(Edition(later, texts_for("vi"), "report"))
    labels = [c.label for c in table.columns]
    assert not any("2026–2030" in label for label in labels), labels
    assert all(len(r.cells) == len(labels) for r in table.rows if not r.group)
    earlier = run_analysis(settings_from_parameters())
    table = annex.bieu_table(Edition(earlier, texts_for("vi"), "report"))
    assert any("KH 2021–2025" in c.label for c in table.columns)
