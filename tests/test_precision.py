"""Finding 19 of the planner's review: one precision per indicator, the catalogue's, in the text
as in Biểu 01 (a figure is written out further only where its precision would print it as its
target while it is not).
"""

from __future__ import annotations

from dongson_analysis import run_analysis, settings_from_parameters
from dongson_analysis.blocks import Bullets, Edition
from dongson_analysis.chapters import results
from dongson_analysis.l10n import texts_for


def test_the_text_prints_figures_at_the_precision_of_the_form():
    later = run_analysis(settings_from_parameters(review="2021-2025", plan="2026-2030"))
    ed = Edition(later, texts_for("vi"), "report")
    text = " ".join(t for b in results.sectors(ed) if isinstance(b, Bullets) for t in b.items)
    for published, shown in (
        ("67,192", "67,2 triệu đồng/người/năm"),
        ("63,64", "63,6 triệu đồng/người/năm"),
        ("50,075", "50,1 triệu đồng/người/năm"),
        ("96,86", "96,9%"),
        ("1.512,327", "1.512,3 tỷ đồng"),
        ("3.800,019", "3.800,0 tỷ đồng"),
    ):
        assert published not in text and shown in text, published
    # a figure of 2018 is outside 2021–2025: stated in the 2016–2020 review, never rounded
    earlier = run_analysis(settings_from_parameters())
    ed = Edition(earlier, texts_for("vi"), "report")
    text = " ".join(t for b in results.sectors(ed) if isinstance(b, Bullets) for t in b.items)
    assert "Sản lượng lương thực năm 2018: 54.003 tấn." in text
