"""Finding 31 of the planner's review: break labels never overprint, and a count's axis has
whole ticks even when every figure is the same count.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from dongson_analysis import run_analysis, settings_from_parameters
from dongson_analysis.charts import chart_style, plot_history
from dongson_analysis.l10n import texts_for


def test_two_breaks_in_one_panel_have_their_labels_on_separate_lines():
    later = run_analysis(settings_from_parameters(review="2021-2025", plan="2026-2030"))
    with chart_style():
        fig = Figure()
        ax = fig.subplots()
        plot_history(ax, later, texts_for("vi"), "poverty_rate")
        labels = [t for t in ax.texts if "chuẩn nghèo mới" in t.get_text()]
        assert len(labels) == 2
        assert labels[0].xyann[1] != labels[1].xyann[1]


def test_a_count_of_one_has_whole_ticks():
    later = run_analysis(settings_from_parameters(review="2021-2025", plan="2026-2030"))
    with chart_style():
        fig = Figure()
        ax = fig.subplots()
        plot_history(ax, later, texts_for("vi"), "model_ntm_communes")
        ax.margins(y=0.12)
        ticks = ax.get_yticks()
        low, high = ax.get_ylim()
        shown = [t for t in ticks if low <= t <= high]
        assert shown and all(float(t).is_integer() for t in shown)
