"""Finding 5 of the planner's review: the proposals' words agree with their numbers.

Each claim a proposal or projection sentence makes ("chậm hơn xu hướng", "xu hướng xấu đi",
"giảm dần tốc độ", one value where variants coincide) is recomputed here from the result it
states, on the shipped record's 2021–2025 review (the run in which the reviewer found them).
"""

from __future__ import annotations

import re

import pytest
from conftest import review_2021_with_proposals, write_total_revenue_2021

from dongson_analysis.blocks import Edition
from dongson_analysis.chapters import plan
from dongson_analysis.formatting import direction_of, indicator_number
from dongson_analysis.l10n import texts_for
from dongson_analysis.wording import projected_path, projection_paragraph, proposal_paragraph

#: A signed rate a year in a Vietnamese sentence, inside brackets: ``(−14,3%/năm)``.
SIGNED_RATE = re.compile(r"\(([+\u2212]?)(\d+(?:,\d+)?)%/năm\)")


@pytest.fixture(scope="module")
def later():
    """The shipped record's 2021–2025 review with the proposals its figures would give."""
    return review_2021_with_proposals()


@pytest.fixture(scope="module")
def swinging(tmp_path_factory):
    """The 2021–2025 review with a synthetic test figure of 2021 budget revenue (S15's total
    read as state revenue): 1.512,3 in 2021, 1.179,2 in 2023, 3.800,0 in 2024."""
    return review_2021_with_proposals(write_total_revenue_2021(tmp_path_factory.mktemp("t01")))


def _signed(sign: str, digits: str) -> float:
    value = float(digits.replace(",", "."))
    return -value if sign == "\u2212" else value


def test_the_investment_path_is_not_called_slower_than_a_fall(later):
    texts = texts_for("vi")
    text = projection_paragraph(
        texts, later, "development_investment", later.projections["development_investment"]
    )
    assert "chậm hơn" not in text
    assert (
        "Đường dự báo đi ngang như vậy không kéo dài xu hướng quan sát giai đoạn 2021–2023 "
        "(\u221214,3%/năm)" in text
    )


def test_every_comparison_with_the_trend_agrees_with_the_signed_rates(later):
    """The words "chậm hơn" only when the path's rate is below a rising trend's; "giảm dần tốc độ"
    never for a flat path; every trend rate in such a sentence carries its sign.
    """
    texts = texts_for("vi")
    cat = later.catalogue
    checked = 0
    for indicator, projection in later.projections.items():
        if not projection.has_projection:
            continue
        text = projection_paragraph(texts, later, indicator, projection)
        whole, _ = projected_path(later, indicator, projection, later.settings.plan_end)
        if whole is None:
            continue
        direction = direction_of(cat, indicator, whole.rate, whole.unit)
        if "giảm dần tốc độ" in text:
            assert direction != "flat", text
        for sentence in re.split(r"(?<=\.) ", text):
            if "xu hướng quan sát giai đoạn" not in sentence or "dự báo" not in sentence:
                continue
            sign, digits = SIGNED_RATE.search(sentence).groups()
            trend = _signed(sign, digits)
            assert sign or trend == 0, sentence
            if "chậm hơn" in sentence:
                assert trend > 0 and whole.rate < trend, sentence
                checked += 1
            if "không kéo dài mức giảm" in sentence:
                assert trend < 0 and whole.rate > trend, sentence
                checked += 1
    assert checked


@pytest.mark.parametrize("run", ["later", "swinging"])
def test_deterioration_is_claimed_only_when_the_printed_median_is_worse(run, request):
    later = request.getfixturevalue(run)
    texts = texts_for("vi")
    cat = later.catalogue
    seen = set()
    for p in later.proposals:
        if not p.proposed:
            continue
        text = proposal_paragraph(texts, later, p)
        median = indicator_number(texts, cat, p.indicator, p.level("expected").value)
        if "xu hướng xấu đi" in text:
            latest = indicator_number(texts, cat, p.indicator, p.latest_value)
            assert median != latest, text
            seen.add("worse")
        if "chỉ ngang mức năm" in text:
            seen.add("level")
    if run == "later":
        return
    budget = next(p for p in later.proposals if p.indicator == "budget_revenue")
    text = proposal_paragraph(texts, later, budget)
    assert "xu hướng xấu đi" not in text
    assert (
        "Đường dự báo trung vị năm 2030 (3.800,0 tỷ đồng) chỉ ngang mức năm 2024 "
        "(3.800,0 tỷ đồng), không tốt lên, nên phương án thấp lấy theo khoảng dự báo và thấp "
        "hơn số liệu hiện nay." in text
    )
    assert "level" in seen


def test_a_level_held_against_a_falling_series_says_the_series_fell(later):
    texts = texts_for("vi")
    p = next(p for p in later.proposals if p.indicator == "development_investment")
    text = proposal_paragraph(texts, later, p)
    assert "vì dự báo không cho thấy xu hướng xấu đi" not in text
    assert (
        "Số liệu quan sát giai đoạn 2021–2023 lại diễn biến theo chiều xấu đi (\u221214,3%/năm); "
        "mức được giữ này giả định chỉ tiêu không xấu đi tiếp." in text
    )


def test_coinciding_variants_print_one_value_and_say_why(later):
    ed = Edition(later, texts_for("vi"), "report")
    table = plan.proposal_table(ed)
    row = next(r for r in table.rows if r.cells[0].text == "Vốn đầu tư phát triển huy động")
    low, base = row.cells[3], row.cells[4]
    assert (low.text, base.text) == ("như phương án cơ sở", "3.695,0")
    assert "(50%)" not in " ".join(c.text for c in row.cells)
    assert (
        "Vốn đầu tư phát triển huy động: phương án thấp và phương án cơ sở trùng nhau "
        "(3.695,0 tỷ đồng, khả năng đạt khoảng 50%), nên chỉ ghi một mức; phương án thấp "
        "không đặt dưới số căn cứ năm 2025 (3.695,0 tỷ đồng) khi đường dự báo trung vị không "
        "giảm, nên khoảng đề xuất co lại ở mức này." in table.notes
    )
    # every proposal whose printed variants coincide has such a note, and no other
    for p in later.proposals:
        if not p.proposed:
            continue
        name = plan.indicator_name(ed.texts, later.catalogue, p.indicator, start=True)
        noted = any(n.startswith(name + ":") and "trùng nhau" in n for n in table.notes)
        assert noted == bool(p.collapsed), p.indicator


def test_a_series_that_fell_in_between_names_its_lowest_and_highest_years(swinging):
    """Findings 5, 6 and 26: a trend from first to last figure, and a proposal resting on a
    record year, never hide the fall in between."""
    texts = texts_for("vi")
    swing = (
        "Số liệu giai đoạn 2021–2024 không đi theo một chiều: thấp nhất năm 2023 (1.179,2 tỷ "
        "đồng), cao nhất năm 2024 (3.800,0 tỷ đồng)."
    )
    budget = next(p for p in swinging.proposals if p.indicator == "budget_revenue")
    assert swing in proposal_paragraph(texts, swinging, budget)
    from dongson_analysis.wording import history_paragraph

    assert swing in history_paragraph(texts, swinging, swinging.series["budget_revenue"])


def test_a_share_of_a_structure_that_worsens_is_worded_with_its_own_figures(public_analysis):
    """A share proposed with the rest of its structure names the whole structure in
    ``linked_to``; its words read its own figures (the synthetic 2021–2025 province's working
    notes stopped on the joined ids)."""
    from dataclasses import replace as copy

    from dongson_analysis.proposals import Proposal, ProposalLevel

    shares = (
        "economic_structure_agriculture economic_structure_industry_construction "
        "economic_structure_services"
    )
    p = Proposal("economic_structure_agriculture", 2025, latest_year=2020)
    p.latest_value, p.base_year, p.base_value, p.base_kind = 16.7, 2020, 16.7, "estimate"
    p.levels = tuple(
        ProposalLevel(name, value, chance, float("nan"))
        for name, value, chance in (
            ("safe", 17.5, 0.8),
            ("expected", 17.0, 0.5),
            ("stretch", 16.0, 0.2),
        )
    )
    p.linked_to, p.expects_deterioration = shares, True
    assert p.figures_of == "economic_structure_agriculture"
    text = proposal_paragraph(texts_for("vi"), public_analysis, p)
    assert "16,7" in text
    assert copy(p, aggregate="points_change", linked_to="poverty_rate").figures_of == "poverty_rate"
