"""Finding 29 of the planner's review: English grammar in the English edition, and no
Vietnamese in its tables where a translation exists (the comparable areas' names).
"""

from __future__ import annotations

from conftest import review_2021_with_proposals

from dongson_analysis.blocks import Edition, Table
from dongson_analysis.chapters import assemble, plan
from dongson_analysis.l10n import texts_for


def _texts(analysis, key: str) -> str:
    parts = []
    for b in assemble(analysis, texts_for("en"), key).blocks:
        for attr in ("text", "prompt"):
            if isinstance(getattr(b, attr, None), str):
                parts.append(getattr(b, attr))
        for attr in ("items", "evidence", "notes", "recipients"):
            parts += [x for x in getattr(b, attr, ()) if isinstance(x, str)]
        for row in getattr(b, "rows", ()):
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_the_english_sentences_the_reviewer_quoted_are_gone(public_analysis):
    text = _texts(public_analysis, "report") + _texts(public_analysis, "notes")
    for wrong in (
        "(is estimated at)",
        "in the year was 26 indicators",
        "founded was 75 enterprises",
        "Filed: Office, ",
        "the earlier figure (",
    ):
        assert wrong not in text, wrong
    assert "Filed: Administrative office; Finance and Planning Office." in text
    assert "- District People's Committee (for report);" in text


def test_comparable_areas_are_named_in_english():
    later = review_2021_with_proposals()
    ed = Edition(later, texts_for("en"), "notes")
    table = next(b for b in plan.beside_table(ed, later=True) if isinstance(b, Table))
    areas = {r.cells[1].text for r in table.rows if r.cells[1].text}
    assert "Đông Sơn ward" in areas and "Thanh Hóa province" in areas
    assert not [a for a in areas if a.startswith(("tỉnh ", "huyện ", "phường "))]
