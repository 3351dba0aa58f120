"""Charts a planner reads at a glance: data on every panel, axes over the data's years, text of 9 pt
at least.
"""

from __future__ import annotations

import io
import warnings

import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.text import Text

from dongson_analysis import charts
from dongson_analysis.blocks import Figure, Interactive
from dongson_analysis.chapters import CHAPTERS
from dongson_analysis.l10n import texts_for

SHOWN_WIDTH_INCHES = 160 / 25.4  # the width of a figure in the Word document


def figures(analysis, lang):
    texts = texts_for(lang)
    found = []
    for ch in CHAPTERS:
        for block in ch.blocks(analysis, texts):
            for b in block.static if isinstance(block, Interactive) else (block,):
                if isinstance(b, Figure):
                    found.append(b)
    return found


def render(fig) -> bytes:
    """Draw to PNG; fail on any missing-glyph warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
    glyphs = [
        str(w.message)
        for w in caught
        if "Glyph" in str(w.message) or "missing from" in str(w.message)
    ]
    assert glyphs == []
    return buffer.getvalue()


def data_years(ax) -> list[float]:
    xs = []
    for line in ax.get_lines():
        if (
            line.get_linestyle() == ":"
            or len(line.get_xdata()) == 2
            and line.get_xdata()[0] == line.get_xdata()[1]
            and line.get_marker() in ("None", None, "")
        ):
            continue  # the dotted line of a definition change
        xs += [float(x) for x in line.get_xdata()]
    for coll in ax.collections:
        if isinstance(coll, PolyCollection):
            for path in coll.get_paths():
                xs += [float(v[0]) for v in path.vertices]
        if isinstance(coll, LineCollection):  # a target for every year of a term
            xs += [float(x) for segment in coll.get_segments() for x, _ in segment]
    return xs


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_figure_renders_with_every_glyph_and_is_deterministic(public_analysis, lang):
    for figure in figures(public_analysis, lang):
        first, second = figure.png(), figure.png()
        assert first == second, figure.key
        render(figure.draw())
        plt.close("all")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_axes_span_the_data_and_no_panel_is_empty(public_analysis, lang):
    for figure in figures(public_analysis, lang):
        fig = figure.draw()
        for ax in fig.axes:
            if not ax.get_visible():
                continue
            xs = data_years(ax)
            assert xs, f"{figure.key}: a panel without data"
            low, high = ax.get_xlim()
            assert low >= min(xs) - 1 and high <= max(xs) + 1, (
                figure.key,
                (low, high),
                (min(xs), max(xs)),
            )
            assert ax.get_title(loc="left"), f"{figure.key}: a panel without its name and unit"
            assert "(" in ax.get_title(loc="left") and "…" not in ax.get_title(loc="left")
        plt.close(fig)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_is_at_least_9_points_at_the_size_shown(public_analysis, lang):
    for figure in figures(public_analysis, lang):
        fig = figure.draw()
        fig.canvas.draw()
        scale = min(1.0, SHOWN_WIDTH_INCHES / fig.get_figwidth())
        for text in fig.findobj(Text):
            if text.get_text().strip() and text.get_visible():
                assert text.get_fontsize() * scale >= 9 - 1e-9, (
                    figure.key,
                    text.get_text(),
                    text.get_fontsize(),
                )
        plt.close(fig)


def test_judgement_colours_have_a_legend(public_analysis):
    texts = texts_for("vi")
    judged = [j for j in public_analysis.judgements if j.target.period.type == "year"]
    fig = charts.dashboard(
        public_analysis, texts, ["rice_land_converted", "income_per_capita"], judgements=judged
    )
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert texts("status.exceeded") in labels
    plt.close(fig)


def test_the_trends_chapter_shows_the_indicators_that_have_trends(public_analysis):
    shown = {f.key for f in figures(public_analysis, "vi") if f.key.startswith("trend_")}
    with_two = {i for i, s in public_analysis.series.items() if len(s.rows) >= 2}
    assert shown == {f"trend_{i}" for i in with_two} and "trend_income_per_capita" in shown


def test_no_figure_repeats_a_table(public_analysis):
    assert not [f for f in figures(public_analysis, "vi") if "table" in f.key]


def test_status_colours_cover_the_registry():
    from dongson_analysis.judgement import JUDGEMENT_STATUSES

    assert set(charts.STATUS_COLOURS) == set(JUDGEMENT_STATUSES)
    assert len(set(charts.STATUS_COLOURS.values())) == len(
        charts.STATUS_COLOURS
    )  # each status its own colour


def test_the_figure_of_judged_targets_shows_only_targets_judged(public_analysis):
    from dongson_analysis.blocks import Edition
    from dongson_analysis.chapters.common import judged_indicators

    texts = texts_for("vi")
    ed = Edition(public_analysis, texts, "notes")
    assessed = {
        charts.panel_title(public_analysis, texts, i, 32)
        for i in judged_indicators(ed, assessed_only=True)
    }
    shown = [f for f in figures(public_analysis, "vi") if f.key.startswith("review_dashboard")]
    assert shown
    for figure in shown:
        fig = figure.draw()
        titles = {ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()}
        assert titles and titles <= assessed, titles - assessed
        plt.close(fig)


def test_targets_of_one_year_stand_apart_and_inside_their_panel(public_analysis):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    texts = texts_for("vi")
    judgements = [
        j for j in public_analysis.judgements if j.target.indicator == "income_per_capita"
    ]
    assert len({j.target.year for j in judgements}) < len(judgements)  # two plans, one year
    for fig in (
        charts.dashboard(public_analysis, texts, ["income_per_capita"], judgements=judgements),
        charts.indicator_chart(
            public_analysis,
            texts,
            "income_per_capita",
            public_analysis.projections["income_per_capita"],
            judgements,
        ),
    ):
        FigureCanvasAgg(fig).draw()
        ax = fig.axes[0]
        diamonds = [
            ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
            for line in ax.get_lines()
            if line.get_marker() == "D" and len(line.get_xdata()) == 1
        ]
        assert len(diamonds) == 2
        size = charts.DIAMOND_PT * fig.dpi / 72
        assert abs(diamonds[0][0] - diamonds[1][0]) >= size
        box = ax.get_window_extent()
        for x, y in diamonds:
            assert box.x0 + size / 2 <= x <= box.x1 - size / 2
            assert box.y0 + size / 2 <= y <= box.y1 - size / 2
        plt.close(fig)
