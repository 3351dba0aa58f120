"""Findings 21, 46, 47 and 50 of the planner's review: sentences a report would carry, a legend
that explains only the marks used, scenarios that state their base, one set of names for the
proposal's variants in both documents.
"""

from __future__ import annotations

from dongson_analysis import run_analysis, settings_from_parameters
from dongson_analysis.blocks import Bullets, Edition
from dongson_analysis.chapters import annex, results
from dongson_analysis.explorer import scenario_sentence
from dongson_analysis.l10n import texts_for
from dongson_analysis.wording import history_paragraph, proposal_paragraph


def _items(blocks) -> list[str]:
    return [t for b in blocks if isinstance(b, Bullets) for t in b.items]


def test_a_year_figure_is_not_dated_twice_and_no_nam_nam():
    later = run_analysis(settings_from_parameters(review="2021-2025", plan="2026-2030"))
    items = _items(results.sectors(Edition(later, texts_for("vi"), "report")))
    # a year of 2018 is outside 2021–2025: left to the working notes, never "năm 2018: năm 2018"
    assert not [t for t in items if "Năm huyện đạt chuẩn nông thôn mới" in t]
    assert not [t for t in items if "năm 2018: năm 2018" in t]


def test_a_unit_per_year_before_a_year_does_not_read_nam_nam(public_analysis):
    text = history_paragraph(
        texts_for("vi"), public_analysis, public_analysis.series["income_per_capita"]
    )
    assert "năm năm" not in text
    assert "triệu đồng/người/năm vào năm 2010" in text


def test_the_legend_explains_only_the_marks_used(public_analysis):
    ed = Edition(public_analysis, texts_for("vi"), "report")
    table = annex.bieu_table(ed)
    cells = [c.text for r in table.rows if not r.group for c in r.cells]
    legend = table.notes[0]
    used = any(t.endswith("(TH)") for t in cells)
    assert ("(TH): số thực hiện" in legend) == used
    assert not used  # the shipped record has no actual of 2020


def test_a_scenario_states_the_year_and_figure_it_starts_from(public_analysis):
    text = scenario_sentence(public_analysis, texts_for("vi"), "income_per_capita", 19.5, 92.7)
    assert text.startswith(
        "Kịch bản thay đổi +19,5%/năm tính từ năm 2018 (43,5 triệu đồng/người/năm) dẫn tới 151 "
    )


def test_the_notes_name_the_variants_as_the_report_does(public_analysis):
    texts = texts_for("vi")
    for p in public_analysis.proposals:
        if p.proposed:
            text = proposal_paragraph(texts, public_analysis, p)
            assert "mức an toàn" not in text.lower() and "mức kỳ vọng" not in text.lower()
            assert "phương án cơ sở" in text
