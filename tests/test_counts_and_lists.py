"""Findings 8, 9 and 37 of the planner's review: counts equal their lists, one denominator form
throughout, and a reassurance states its base.

Run on the shipped record (2016–2020 review), where the reviewer found "Còn 23 chỉ tiêu" over
22 lines, "0/14 chỉ tiêu đạt" for a resolution none of whose targets could be judged, and "không
có chỉ tiêu nào không đạt" resting on 4 of 27 targets.
"""

from __future__ import annotations

import re

from dongson_analysis.blocks import Draft, Edition, Paragraph
from dongson_analysis.chapters import plan, results, targets_detail
from dongson_analysis.l10n import texts_for
from dongson_analysis.review import plan_title, plans_under_review, report_group


def _texts(blocks) -> list[str]:
    out = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append(b.text)
        elif hasattr(b, "items"):
            out += list(b.items)
    return out


def test_no_plan_reads_zero_met_when_nothing_could_be_judged(public_analysis):
    ed = Edition(public_analysis, texts_for("vi"), "report")
    lines = results.plan_counts(ed)
    assert (
        "Nghị quyết của Huyện ủy, HĐND huyện về nhiệm vụ phát triển kinh tế – xã hội năm 2020: "
        "đã thu thập 15 chỉ tiêu; chưa đánh giá được (chưa có số liệu thực hiện)." in lines
    )
    assert (
        "Nghị quyết về nhiệm vụ phát triển kinh tế – xã hội năm 2018: 2/26 chỉ tiêu có số liệu: "
        "2 đạt và vượt kế hoạch." in lines
    )
    assert not any(re.search(r"\b0/\d", line) for line in lines)


def test_one_denominator_form_in_the_report_and_the_notes(public_analysis):
    """Each plan line is either "x/N chỉ tiêu [đã thu thập] có số liệu: …" or "đã thu thập N
    chỉ tiêu; chưa đánh giá được", and x counts exactly the targets judged.
    """
    texts = texts_for("vi")
    report = Edition(public_analysis, texts, "report")
    notes = Edition(public_analysis, texts, "notes")
    form = re.compile(
        r": (?:(\d+)/(\d+) chỉ tiêu (?:đã thu thập )?có số liệu: .+|đã thu thập (\d+) chỉ tiêu"
        r"(?: \(trong \d+ chỉ tiêu của văn bản\))?; chưa đánh giá được \(chưa có số liệu thực "
        r"hiện\))\.$"
    )
    for section, line in zip(plans_under_review(public_analysis), results.plan_counts(report)):
        m = form.search(line)
        assert m, line
        judged = sum(report_group(r.judgement.status) != "not_assessable" for r in section.rows)
        if m.group(1):
            assert int(m.group(1)) == judged, line
        else:
            assert judged == 0 and int(m.group(3)) == len(section.rows), line
    summary = _texts(targets_detail.summary(notes))
    assert all(form.search(line) for line in summary if line.startswith("Nghị quyết"))


def test_the_count_of_targets_not_assessable_equals_its_list_and_names_each_plan(
    public_analysis,
):
    ed = Edition(public_analysis, texts_for("vi"), "report")
    blocks = results.shortcomings(ed)
    missing = [
        r
        for s in plans_under_review(public_analysis)
        for r in s.rows
        if report_group(r.judgement.status) == "not_assessable"
    ]
    intro = next(t for t in _texts(blocks) if t.startswith("Còn "))
    intro = re.sub("\ue000annex\ue001", "Biểu số 01", intro)  # the reference, as rendered
    assert intro == (
        f"Còn {len(missing)} chỉ tiêu chưa đánh giá được do chưa có số liệu thực hiện "
        "(ghi “Chưa đánh giá được” tại Biểu số 01)."
    )
    box = next(b for b in blocks if isinstance(b, Draft) and b.evidence)
    assert len(box.evidence) == len(set(box.evidence)) == len(missing)
    for line, row in zip(box.evidence, missing):
        assert f"({plan_title(ed.texts, row.judgement.target.plan)})." in line
    # both income targets are there, each with its plan
    income = [e for e in box.evidence if e.startswith("Thu nhập bình quân đầu người")]
    assert len(income) == 2 and income[0] != income[1]


def test_the_reassurance_states_its_base(public_analysis):
    ed = Edition(public_analysis, texts_for("vi"), "report")
    texts = _texts(results.shortcomings(ed))
    assert (
        "Trong 26 chỉ tiêu đã thu thập, 3 chỉ tiêu đánh giá được; không có chỉ tiêu nào trong "
        "số đó không đạt hoặc có nguy cơ không đạt kế hoạch." in texts
    )


def test_the_recommendations_are_not_a_request_for_data(public_analysis):
    ed = Edition(public_analysis, texts_for("vi"), "report")
    text = " ".join(_texts(plan.recommendations(ed)))
    assert "cung cấp số liệu" not in text and "chưa đánh giá được" not in text


def test_a_resolutions_own_count_of_targets_missed_is_a_shortcoming():
    """The 2023 resolution met 27 of its 28 targets (S19): Phần I.III says so, although none of
    the targets collected was missed."""
    from dongson_analysis import run_analysis, settings_from_parameters

    later = run_analysis(settings_from_parameters(review="2021-2025", plan="2026-2030"))
    vi = _texts(results.shortcomings(Edition(later, texts_for("vi"), "report")))
    assert (
        "Theo báo cáo năm 2023 (S19), nghị quyết năm 2023 hoàn thành 27/28 chỉ tiêu, 1 chỉ tiêu "
        "không hoàn thành; số liệu thu thập chưa cho biết là chỉ tiêu nào." in vi
    )
    en = _texts(results.shortcomings(Edition(later, texts_for("en"), "report")))
    assert (
        "By the report on 2023 (S19), that year's resolution met 27 of its 28 targets and missed "
        "1; the figures collected do not say which." in en
    )
