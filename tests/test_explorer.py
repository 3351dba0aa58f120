"""The explorer: any projected indicator from a list, numbers written the way the language writes
them.
"""

from __future__ import annotations

import shutil

import ipywidgets as widgets
import pytest

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


# -- the explorer as a planner types into it (issue 19.4) --------------------------------------


@pytest.fixture(scope="module")
def several(tmp_path_factory):
    """An analysis with three projected indicators: two shares in % and one value in tỷ đồng
    (synthetic figures, never shipped).
    """
    from conftest import DATA

    from dongson_analysis import run_analysis, settings_from_parameters

    data = tmp_path_factory.mktemp("explorer") / "data"
    shutil.copytree(DATA, data)
    (data / "planner" / "sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\n"
        "SYN,synthetic test,2021,,synthetic figures (not real)\n",
        encoding="utf-8",
    )
    rows = ["area,indicator,unit,period,value,status,source_id"]
    for year in range(2015, 2021):
        k = year - 2015
        rows += [
            f"dong_son,urban_population_share,%,{year},{20 + 1.5 * k},actual,SYN",
            f"dong_son,national_standard_school_share,%,{year},{60 + 3 * k},actual,SYN",
            f"dong_son,development_investment,tỷ đồng,{year},{2000 + 150 * k},actual,SYN",
        ]
    (data / "planner" / "synthetic.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return run_analysis(settings_from_parameters(data_paths=[data]))


def controls(box):
    parts = list(children(box))
    (choose,) = [w for w in parts if isinstance(w, widgets.Dropdown)]
    (target,) = [w for w in parts if isinstance(w, widgets.Text)]
    sliders = [w for w in parts if isinstance(w, widgets.FloatSlider)]
    (sentence,) = [w for w in parts if isinstance(w, widgets.HTML)]
    (chart,) = [w for w in parts if isinstance(w, widgets.Image)]
    return choose, target, sliders, sentence, chart


def test_the_target_is_applied_on_enter_or_leaving_the_box(public_analysis):
    _, target, _, _, _ = controls(explorer(public_analysis, texts_for("vi")))
    assert target.continuous_update is False


def test_a_typed_target_is_echoed_as_typed(public_analysis):
    choose, target, _, sentence, chart = controls(explorer(public_analysis, texts_for("vi")))
    choose.value = "income_per_capita"
    target.value = "150,5"
    assert "150,5 triệu đồng/người/năm" in sentence.value and chart.layout.display is None
    target.value = "55.500"
    assert "55.500 triệu đồng/người/năm" in sentence.value
    box = explorer(public_analysis, texts_for("en"), with_scenario=False)
    _, target, _, sentence, _ = controls(box)
    target.value = "61.25"
    assert "61.25 million VND per person a year" in sentence.value


def test_a_half_typed_number_says_so_and_hides_the_chart(public_analysis):
    _, target, _, sentence, chart = controls(explorer(public_analysis, texts_for("vi")))
    target.value = "55,5,"
    assert "không phải là số" in sentence.value and chart.layout.display == "none"
    target.value = "55,5"
    assert chart.layout.display is None and bytes(chart.value).startswith(b"\x89PNG")


def test_labels_are_shown_whole(public_analysis):
    choose, target, sliders, _, _ = controls(explorer(public_analysis, texts_for("vi")))
    for widget in [choose, target, *sliders]:
        assert widget.style.description_width == "initial", widget.description
    assert sliders[0].description == "Thay đổi/năm"


def test_the_typed_target_is_kept_across_indicators_of_the_same_unit(several):
    assert {"urban_population_share", "national_standard_school_share"} <= set(several.projections)
    choose, target, (slider,), sentence, _ = controls(explorer(several, texts_for("vi")))
    choose.value = "urban_population_share"
    target.value = "31,5"
    slider.value = 2.5
    choose.value = "national_standard_school_share"  # also a share in %
    assert target.value == "31,5" and slider.value == 2.5
    assert "31,5%" in sentence.value
    choose.value = "development_investment"  # tỷ đồng: the typed share means nothing here
    assert target.value != "31,5"
    assert "tỷ đồng" in sentence.value


def test_the_interactive_cell_stores_no_widget_in_words(public_analysis, monkeypatch):
    """What a saved notebook would carry: the widget's view and, for a reader without the
    widget, a sentence in the notebook's language instead of ``VBox(children=...)``."""
    import IPython.display

    from dongson_analysis.chapters import chapter
    from dongson_analysis.notebook import ChapterSession

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append(obj))
    session = ChapterSession(chapter("07_du_bao"), public_analysis, texts_for("vi"))
    session.interact("explorer")
    (bundle,) = shown
    assert bundle["text/plain"] == "Bộ khám phá chỉ chạy trong JupyterLab: hãy chạy ô này."
    assert "application/vnd.jupyter.widget-view+json" in bundle
