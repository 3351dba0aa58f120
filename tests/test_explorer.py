"""The explorer: any projected indicator from a list, numbers written the way the language writes
them.
"""

from __future__ import annotations

import ipywidgets as widgets

from dongson_analysis.explorer import explorer, scenario_sentence
from dongson_analysis.l10n import texts_for


def children(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from children(child)


def test_explorer_lists_every_projected_indicator_and_writes_numbers_in_the_language(
    public_analysis,
):
    box = explorer(public_analysis, texts_for("vi"))
    parts = list(children(box))
    (choose,) = [w for w in parts if isinstance(w, widgets.Dropdown)]
    assert [value for _, value in choose.options] == list(public_analysis.projections)
    (slider,) = [w for w in parts if isinstance(w, widgets.FloatSlider)]
    assert slider.readout is False  # the slider shows no 19.50 of its own
    (label,) = [w for w in parts if isinstance(w, widgets.Label)]
    slider.value = 19.5
    assert label.value == "+19,5%/năm"
    (target,) = [w for w in parts if isinstance(w, widgets.Text)]
    assert "," in target.value or target.value.isdigit()  # the target box holds a Vietnamese number


def test_scenario_sentence_is_in_one_language(public_analysis):
    vi = scenario_sentence(public_analysis, texts_for("vi"), "income_per_capita", 12.5, 150)
    en = scenario_sentence(public_analysis, texts_for("en"), "income_per_capita", 12.5, 150)
    assert "+12,5%/năm" in vi and "150 triệu đồng/người/năm" in vi
    assert "+12.5% a year" in en and "150 million VND per person a year" in en
