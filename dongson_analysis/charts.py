"""Charts from results: an indicator's history and projection, and a dashboard of small panels.

Charts read the analysis' series, projections and judgements (they select
nothing themselves) and the labels of the language files. They are drawn at the
width they are shown (the text width of an A4 page, 16.5 cm), so that their text
stays at least 9 pt in the Word document and the HTML pages; axes span the years
of what is drawn, every panel names its unit, judgement colours have a legend,
titles wrap instead of being cut. Colours: the Okabe–Ito colour-blind-safe
palette; font: DejaVu Sans (shipped with matplotlib, it has the Vietnamese
glyphs). The same results give the same image.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .analysis import Analysis
from .formatting import unit_label
from .judgement import JUDGEMENT_STATUSES, Judgement
from .l10n import Texts
from .projection import Projection
from .series import indicator_rows

#: Okabe & Ito (2008), colour-blind safe.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
STATUS_COLOURS = {
    "exceeded": PALETTE["green"],
    "achieved": PALETTE["sky_blue"],
    "not_achieved": PALETTE["vermillion"],
    "met_early": PALETTE["yellow"],
    "on_track": PALETTE["blue"],
    "acceleration_needed": PALETTE["orange"],
    "limited_progress": PALETTE["purple"],
    "deterioration": PALETTE["black"],
    "not_assessable": PALETTE["grey"],
}
assert set(STATUS_COLOURS) == set(JUDGEMENT_STATUSES)
WIDTH = (
    160 / 25.4
)  # inches: the width a figure is shown at in the Word document (16 cm of the 16.5 cm text width)
DPI = 150
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 10,
    "axes.labelsize": 9.5,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "svg.hashsalt": "dongson",
    "legend.frameon": False,
}


@contextmanager
def chart_style() -> Iterator[None]:
    """The project's fixed style (font, sizes, resolution)."""
    with matplotlib.rc_context(STYLE):
        yield


def _axes(ax, texts: Texts, whole: bool = False) -> None:
    """Numbers as the language writes them; whole years on x; whole ticks only for counts."""
    if whole:  # whole ticks even when every figure is the same count (1 xã: no 0,94–1,06)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: texts.number(round(v, 2))))
    ax.xaxis.set_major_locator(
        MaxNLocator(integer=True, min_n_ticks=1, nbins=6, steps=[1, 2, 5, 10])
    )
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: str(int(round(v)))))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def panel_title(analysis: Analysis, texts: Texts, indicator: str, width: int) -> str:
    """The indicator's name and unit, wrapped to ``width`` characters (never cut)."""
    ind = analysis.catalogue[indicator]
    unit = unit_label(texts, analysis.catalogue, ind.unit)
    return _wrap(f"{ind.name(texts.language)} ({unit})", width)


def plot_history(ax, analysis: Analysis, texts: Texts, indicator: str) -> list[float]:
    """Actuals (filled), estimates (hollow), derived (squares), half-years (triangles), targets
    (diamonds).

    Returns the x positions drawn.
    """
    cat = analysis.catalogue
    rows = indicator_rows(analysis.area_observations, cat, indicator, analysis.settings.area)
    series = analysis.series.get(cat.canonical(indicator))
    xs: list[float] = []
    if series is not None and len(series) > 1:
        ax.plot(series.years, series.values, color=PALETTE["black"], lw=1.2, zorder=2)
    styles = {
        "actual": dict(marker="o", mfc=PALETTE["black"], mec=PALETTE["black"]),
        "estimate": dict(marker="o", mfc="white", mec=PALETTE["black"]),
        "derived": dict(marker="s", mfc="white", mec=PALETTE["grey"]),
    }
    yearly = rows[(rows["period_type"] == "year") & (rows["effective_status"] != "target")]
    for status, style in styles.items():
        pts = yearly[yearly["status"] == status]
        if len(pts):
            ax.plot(
                pts["period_start"],
                pts["value"],
                ls="none",
                ms=6,
                label=texts(f"chart.{status}"),
                zorder=6,
                **style,
            )
            xs += pts["period_start"].astype(float).tolist()
    half = rows[(rows["period_type"] == "half_year") & (rows["effective_status"] != "target")]
    if len(half):
        x = (half["period_start"] + np.where(half["half"] == 1, 0.25, 0.75)).astype(float)
        ax.plot(
            x,
            half["value"],
            ls="none",
            marker="^",
            ms=6,
            mfc="white",
            mec=PALETTE["blue"],
            label=texts("chart.half_year"),
            zorder=6,
        )
        xs += x.tolist()
    if series is not None:
        shown = [b for b in series.breaks if xs and min(xs) < b.year <= max(xs)]
        for row, b in enumerate(shown):  # each label on its own line: two never overprint
            ax.axvline(b.year - 0.5, color=PALETTE["grey"], ls=":", lw=1.2)
            # the label runs into the panel: rightwards from a break in its left half,
            # leftwards otherwise
            left_half = b.year - 0.5 <= (min(xs) + max(xs)) / 2
            ax.annotate(
                texts("chart.break", kind=texts(f"break_kind.{b.kind}")),
                (b.year - 0.45 if left_half else b.year - 0.55, 1.0 - 0.1 * row),
                xycoords=("data", "axes fraction"),
                va="top",
                ha="left" if left_half else "right",
                fontsize=9,
                color=PALETTE["grey"],
            )
    _axes(ax, texts, whole=cat[indicator].spec.whole_numbers)
    return xs


def plot_projection(ax, projection: Projection, texts: Texts) -> list[float]:
    """The projection fan: 95% and 80% ranges and the median, joined to the last figure."""
    if not projection.has_projection:
        return []
    x = np.concatenate([[projection.years[-1]], projection.horizon_years]).astype(float)
    last = projection.values[-1]

    def joined(v: np.ndarray) -> np.ndarray:
        return np.concatenate([[last], v])

    ax.fill_between(
        x,
        joined(projection.lower95),
        joined(projection.upper95),
        color=PALETTE["sky_blue"],
        alpha=0.25,
        lw=0,
        label=texts("chart.band95"),
    )
    ax.fill_between(
        x,
        joined(projection.lower80),
        joined(projection.upper80),
        color=PALETTE["sky_blue"],
        alpha=0.5,
        lw=0,
        label=texts("chart.band80"),
    )
    ax.plot(
        x,
        joined(projection.point),
        color=PALETTE["blue"],
        lw=1.8,
        ls="--",
        label=texts("chart.projection"),
    )
    _axes(ax, texts)
    return x.tolist()


def drawn_targets(judgements: list[Judgement]) -> list[Judgement]:
    """The targets a chart draws: a year's target as a diamond, a target for every year of a term as
    a line.
    """
    return [j for j in judgements if j.target.period.type == "year" or j.spec.shows_years_met]


#: The size of a year's target diamond (points), and the room between two of one year.
DIAMOND_PT = 9.0
DIAMOND_GAP_PT = 2.0


def target_positions(
    judgements: list[Judgement], points_per_year: float
) -> list[tuple[Judgement, float]]:
    """Where each year's target diamond goes.

    Parameters
    ----------
    judgements : list of Judgement
        The judged targets of one panel.
    points_per_year : float
        How many points a year takes on the panel's x axis.

    Returns
    -------
    list of (Judgement, float)
        Each year's target at its year; several targets of one year side by side, centred on
        it, ``DIAMOND_PT + DIAMOND_GAP_PT`` points apart, so that none covers another.
    """
    by_year: dict[int, list[Judgement]] = {}
    for j in drawn_targets(judgements):
        if j.target.period.type != "range":
            by_year.setdefault(j.target.year, []).append(j)
    step = (DIAMOND_PT + DIAMOND_GAP_PT) / max(points_per_year, 1e-9)
    placed = []
    for year, group in by_year.items():
        for k, j in enumerate(group):
            placed.append((j, year + (k - (len(group) - 1) / 2) * step))
    return placed


def plot_targets(ax, judgements: list[Judgement], points_per_year: float = 30.0) -> list[float]:
    """Targets coloured by their judgement: diamonds for a year (side by side when several share a
    year, see :func:`target_positions`), a bar between two diamonds for a level to hold in every
    year of a term. Half-years and averages are left to the text.
    """
    xs = []
    for j in drawn_targets(judgements):
        t = j.target
        if t.period.type != "range":
            continue
        colour = STATUS_COLOURS[j.status]
        # a target over a period: a coloured bar between two target diamonds (dashes are the
        # projection)
        ax.plot(
            [t.period.start, t.period.end],
            [t.value, t.value],
            color=colour,
            ls="-",
            lw=2.5,
            marker="D",
            ms=DIAMOND_PT * 0.75,
            mfc=colour,
            mec=PALETTE["black"],
            mew=0.8,
            zorder=4,
        )
        xs += [float(t.period.start), float(t.period.end)]
    for j, x in target_positions(judgements, points_per_year):
        colour = STATUS_COLOURS[j.status]
        ax.plot(
            [x],
            [j.target.value],
            ls="none",
            marker="D",
            ms=DIAMOND_PT,
            mfc=colour,
            mec=PALETTE["black"],
            mew=0.8,
            zorder=5,
        )
        xs.append(float(x))
    return xs


def points_per_year(fig: Figure, columns: int, xs: list[float]) -> float:
    """About how many points one year takes on a panel's x axis (from the figure's width, the
    number of panels across and the years drawn), before the layout is fixed.
    """
    width_pt = fig.get_figwidth() * 72 * (0.82 if columns == 1 else 0.78 / columns)
    span = (max(xs) - min(xs) + 1.6) if xs else 1.6
    return width_pt / span


def status_legend(fig: Figure, texts: Texts, statuses: list[str]) -> Legend | None:
    """A legend of the judgement colours used (statuses in the registry's order)."""
    used = sorted(set(statuses), key=lambda s: JUDGEMENT_STATUSES[s].order)
    if not used:
        return None
    handles = [
        Line2D(
            [],
            [],
            ls="none",
            marker="D",
            ms=8,
            mfc=STATUS_COLOURS[s],
            mec=PALETTE["black"],
            mew=0.8,
        )
        for s in used
    ]
    return fig.legend(
        handles,
        [texts(f"status.{s}") for s in used],
        loc="lower center",
        ncols=min(3, len(used)),
        title=texts("chart.legend_status"),
        title_fontsize=9,
    )


def marker_legend(fig: Figure, axes, columns: int = 4) -> Legend | None:
    """One legend, below the panels, for the kinds of figures the panels draw (actual, estimate,
    ranges ...).
    """
    seen: dict[str, object] = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            seen.setdefault(label, handle)
    if not seen:
        return None
    return fig.legend(
        list(seen.values()), list(seen), loc="lower center", ncols=min(columns, len(seen))
    )


def _text_size(renderer, text: str, size: float) -> tuple[float, float]:
    """Width and height (pixels) of ``text`` in the chart font at ``size`` points; lines stacked."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=STYLE["font.family"], size=size)
    widths, height = [0.0], 0.0
    for line in text.split("\n") or [""]:
        w, h, _ = renderer.get_text_width_height_descent(line or "x", prop, ismath=False)
        widths.append(w)
        height += h * 1.2
    return max(widths), height


def _ticks(axis, low: float, high: float) -> list[float]:
    """The ticks an axis will draw between its limits (fixed now, so that the draw computes them no
    more and the layout measured their labels).
    """
    found = [float(t) for t in axis.get_major_locator().tick_values(low, high)]
    return [t for t in found if low - 1e-9 * abs(high - low) <= t <= high + 1e-9 * abs(high - low)]


def _measure(ax, renderer, px: float, fix: bool) -> tuple[float, float, float, float]:
    """The room a panel's texts take outside it (pixels): left (y tick labels), right (half the
    last x tick label), bottom (x tick labels and axis label), top (title). ``fix`` fixes the
    ticks measured, so that the draw uses these very ticks.
    """
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    xt, yt = _ticks(ax.xaxis, x0, x1), _ticks(ax.yaxis, y0, y1)
    if fix:
        ax.set_xticks(xt)
        ax.set_yticks(yt)
    tick = (STYLE_TICK_SIZE + STYLE_TICK_PAD) * px
    xfmt, yfmt = ax.xaxis.get_major_formatter(), ax.yaxis.get_major_formatter()
    ylabels = [_text_size(renderer, yfmt(v, i), STYLE["ytick.labelsize"]) for i, v in enumerate(yt)]
    xlabels = [_text_size(renderer, xfmt(v, i), STYLE["xtick.labelsize"]) for i, v in enumerate(xt)]
    left = max([w for w, _ in ylabels] + [0]) + tick
    right = max([w for w, _ in xlabels] + [0]) / 2
    bottom = max([h for _, h in xlabels] + [0]) + tick
    if ax.get_xlabel():
        bottom += _text_size(renderer, ax.get_xlabel(), STYLE["axes.labelsize"])[1]
        bottom += STYLE_LABEL_PAD * px
    top = 0.0
    title = ax.get_title(loc="left")
    if title:  # the left title that set_title(loc="left") made
        top = _text_size(renderer, title, ax._left_title.get_fontsize())[1]
        top += STYLE_TITLE_PAD * px
    return left, right, bottom, top


def layout(fig: Figure, axes, legends: list[Legend | None], gap: float = 1.08) -> None:
    """Lay the figure out in one pass, from the extents of its texts, measured with one renderer
    and without drawing: the panels' tick labels, titles and axis labels, and the legends
    stacked under the panels (the first lowest), without gaps or overlap. Only ``savefig``
    draws the figure.

    Parameters
    ----------
    fig : Figure
        The figure, every panel drawn on.
    axes : array of Axes
        Its panels, rows by columns.
    legends : list of Legend or None
        The legends to stack under the panels, the first lowest.
    gap : float
        The room between the panels and around them, in font sizes (as ``tight_layout`` pads).
    """
    renderer = FigureCanvasAgg(fig).get_renderer()
    px = fig.dpi / 72  # pixels per point
    width, height = fig.bbox.width, fig.bbox.height
    edge = gap * STYLE["font.size"] * px
    y = 0.0
    for legend in legends:
        if legend is None:
            continue
        legend.set_bbox_to_anchor((0.5, y), transform=fig.transFigure)
        y += legend.get_window_extent(renderer).height / height
    grid = np.atleast_2d(np.asarray(axes, dtype=object))
    rows, columns = grid.shape
    for fix in (False, True):  # the ticks depend on the panels' size: measure, place, measure
        left_need, right_need = np.zeros(columns), np.zeros(columns)
        top_need, bottom_need = np.zeros(rows), np.zeros(rows)
        for r in range(rows):
            for c in range(columns):
                if not grid[r, c].get_visible():
                    continue
                lft, rgt, btm, tp = _measure(grid[r, c], renderer, px, fix)
                left_need[c], right_need[c] = max(left_need[c], lft), max(right_need[c], rgt)
                bottom_need[r], top_need[r] = max(bottom_need[r], btm), max(top_need[r], tp)
        left = (left_need[0] + edge / 2) / width
        right = 1 - (right_need[-1] + edge / 2) / width
        bottom = y + (bottom_need[-1] + edge) / height
        top = 1 - (top_need[0] + edge / 2) / height
        wgap = max([right_need[c] + left_need[c + 1] for c in range(columns - 1)] + [0]) + edge
        hgap = max([bottom_need[r] + top_need[r + 1] for r in range(rows - 1)] + [0]) + edge
        axes_width = ((right - left) * width - (columns - 1) * wgap) / columns
        axes_height = ((top - bottom) * height - (rows - 1) * hgap) / rows
        fig.subplots_adjust(
            left=left,
            right=right,
            bottom=bottom,
            top=top,
            wspace=wgap / axes_width if columns > 1 else 0.2,
            hspace=hgap / axes_height if rows > 1 else 0.2,
        )


#: Tick size and padding, the title's and the axis label's padding (points): matplotlib's defaults.
STYLE_TICK_SIZE, STYLE_TICK_PAD, STYLE_TITLE_PAD, STYLE_LABEL_PAD = 3.5, 3.5, 6.0, 4.0


def _target_years(judgements: list[Judgement]) -> list[float]:
    years: list[float] = []
    for j in drawn_targets(judgements):
        years += [float(j.target.period.start), float(j.target.period.end)]
    return years


def _limits(ax, xs: list[float]) -> None:
    """The x axis over what is drawn, with a margin; whole years."""
    if xs:
        ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)


def indicator_chart(
    analysis: Analysis,
    texts: Texts,
    indicator: str,
    projection: Projection | None = None,
    judgements: list[Judgement] | None = None,
    scenario: pd.DataFrame | None = None,
    proposed: float | None = None,
) -> Figure:
    """History, projection fan and judged targets of one indicator (and a scenario path, a proposed
    value).
    """
    judgements = judgements or []
    with chart_style():
        fig = Figure(figsize=(WIDTH, 3.9))
        ax = fig.subplots()
        xs = plot_history(ax, analysis, texts, indicator)
        if projection is not None:
            xs += plot_projection(ax, projection, texts)
        if scenario is not None:
            ax.plot(
                scenario["year"],
                scenario["value"],
                color=PALETTE["vermillion"],
                lw=1.5,
                label=texts("chart.scenario"),
            )
            xs += scenario["year"].astype(float).tolist()
        if proposed is not None:
            year = analysis.settings.plan_end
            ax.plot(
                [year],
                [proposed],
                ls="none",
                marker="D",
                ms=9,
                mfc=PALETTE["yellow"],
                mec="black",
                label=texts("chart.proposed"),
            )
            xs.append(float(year))
        targets = [j for j in judgements if j.target.indicator == indicator] or judgements
        xs += plot_targets(ax, judgements, points_per_year(fig, 1, xs + _target_years(targets)))
        _limits(ax, xs)
        ax.set_title(panel_title(analysis, texts, indicator, 70), loc="left")
        ax.set_xlabel(texts("chart.year"))
        ax.margins(y=0.12)
        layout(
            fig,
            [[ax]],
            [
                status_legend(fig, texts, [j.status for j in drawn_targets(judgements)]),
                marker_legend(fig, [ax], columns=3),
            ],
        )
    return fig


def dashboard(
    analysis: Analysis,
    texts: Texts,
    indicators: list[str],
    projections: bool = False,
    judgements: list[Judgement] | None = None,
    columns: int = 2,
) -> Figure:
    """Small multiples: a panel for each indicator that has actual or estimated figures (no panel
    holds only
    targets); milestones (a year, not a quantity) are left out."""
    obs = analysis.area_observations
    figures = obs[obs["effective_status"].isin(["actual", "estimate"])]
    with_figures = {analysis.catalogue.canonical(i) for i in figures["indicator"]}
    shown = [
        i
        for i in indicators
        if i in with_figures and analysis.catalogue[i].spec.change_unit != "none"
    ]
    judgements = judgements or []
    rows = max(1, math.ceil(len(shown) / columns))
    with chart_style():
        fig = Figure(figsize=(WIDTH, 2.55 * rows + (1.2 if judgements else 0.6)))
        axes = fig.subplots(rows, columns, squeeze=False)
        statuses = []
        for ax, indicator in zip(axes.ravel(), shown):
            xs = plot_history(ax, analysis, texts, indicator)
            if projections and indicator in analysis.projections:
                xs += plot_projection(ax, analysis.projections[indicator], texts)
            mine = [j for j in judgements if j.target.indicator == indicator]
            xs += plot_targets(ax, mine, points_per_year(fig, columns, xs + _target_years(mine)))
            statuses += [j.status for j in drawn_targets(mine)]
            _limits(ax, xs)
            ax.margins(y=0.15)
            ax.set_title(panel_title(analysis, texts, indicator, 32), loc="left", fontsize=9.5)
        for ax in axes.ravel()[len(shown) :]:
            ax.set_visible(False)
        layout(
            fig,
            axes,
            [status_legend(fig, texts, statuses), marker_legend(fig, axes.ravel()[: len(shown)])],
            gap=1.2,
        )
    return fig


#: Areas per row up to which each dot of :func:`area_dots` is labelled with its area's name.
LABELLED_AREAS = 6
#: The widest span of percentages :func:`area_dots` draws; a figure beyond is drawn at the edge
#: as an arrowhead pointing out (its value is in the tables).
DOTS_SPAN = (0.0, 250.0)


def _swarm(percents: np.ndarray, width: float, step: float, room: float) -> np.ndarray:
    """Vertical offsets that stack dots closer than ``width`` along x into columns (a
    beeswarm): dots of one bin alternate above and below the row's line, ``step`` apart, the
    column squeezed into ``room`` when it is taller. Deterministic: ties keep their order.
    """
    offsets = np.zeros(len(percents))
    if len(percents) < 2:
        return offsets
    bins = np.floor(percents / width).astype(np.int64)
    for b in np.unique(bins):
        members = np.flatnonzero(bins == b)
        count = len(members)
        gap = min(step, room / max(count - 1, 1))
        ranks = np.arange(count)
        offsets[members] = np.where(ranks % 2, -1, 1) * ((ranks + 1) // 2) * gap
    return offsets


def area_dots(
    rows: list[tuple[str, list[tuple[str, float, str, bool]]]],
    texts: Texts,
    parent_label: str = "",
) -> Figure:
    """Areas side by side: one row per target, its areas' figures as a percentage of their own
    targets across, one dot per area coloured by its judgement, the parent's own a larger
    black-edged diamond; a line at 100%.

    Where a row holds few areas (:data:`LABELLED_AREAS`) each area has a line of its own
    within the row and is named beside its dot, so no two names share a line; with more, the
    dots of a row are stacked where they crowd (a beeswarm) and left unnamed (the tables name
    them). The axis spans every figure (with many areas, the middle 98% of them), never beyond
    :data:`DOTS_SPAN`; a figure outside is drawn at the edge as an arrowhead pointing out.

    Parameters
    ----------
    rows : list of (str, list of (str, float, str, bool))
        Top to bottom: each row's label (an indicator and its period) and its areas: the
        area's name, its figure as a percentage of its target, its judgement status, whether
        it is the parent.
    texts : Texts
        The labels' language and number format.
    parent_label : str
        The parent's name in the legend ("" when the run holds no parent).

    Returns
    -------
    Figure
        At the width it is printed (16 cm), its text 9 pt or larger.
    """
    with chart_style():
        most = max((len(areas) for _, areas in rows), default=0)
        labelled = most <= LABELLED_AREAS
        # each row as tall as its lines (labelled) or its stacked dots need
        row_inches = 0.2 * most + 0.25 if labelled else 0.42 if most <= 30 else 0.62
        height = max(2.6, row_inches * len(rows) + 1.9)
        fig = Figure(figsize=(WIDTH, height))
        ax = fig.subplots()
        low_edge, high_edge = DOTS_SPAN
        shown = [p for _, areas in rows for _, p, _, _ in areas if math.isfinite(p)]
        if most > 30:  # many areas: the span of the middle 98%, a few far ones at its edges
            low = float(min(np.percentile(shown, 1), 100.0)) if shown else 100.0
            high = float(max(np.percentile(shown, 99), 100.0)) if shown else 100.0
        else:
            low, high = min(shown + [100.0]), max(shown + [100.0])
        low, high = max(low, low_edge), min(high, high_edge)
        low_edge, high_edge = low, high  # figures beyond are drawn at the edge, pointing out
        pad = max(5.0, 0.06 * (high - low))
        size = 6.0 if most <= 30 else 5.0 if most <= 80 else 4.0
        statuses: list[str] = []
        groups: dict[tuple[bool, str, str], tuple[list[float], list[float]]] = {}
        for r, (_, areas) in enumerate(rows):
            y = len(rows) - 1 - r
            units = [a for a in areas if not a[3]]
            percents = np.clip([a[1] for a in units], low_edge, high_edge)
            if labelled:  # one line per area, top to bottom in the given order
                lines = len(areas)
                step = 0.8 / max(lines, 1)
                places = {k: (lines - 1) / 2 * step - k * step for k in range(lines)}
                offsets = [places[areas.index(a)] for a in units]
            else:
                offsets = list(_swarm(percents, (high - low + 2 * pad) / 90, 0.07, 0.8))
            drawn = [(a, float(p), o) for a, p, o in zip(units, percents, offsets)]
            drawn += [
                (a, float(np.clip(a[1], low_edge, high_edge)), places[areas.index(a)])
                if labelled
                else (a, float(np.clip(a[1], low_edge, high_edge)), 0.0)
                for a in areas
                if a[3]
            ]
            for (name, percent, status, is_parent), x, offset in drawn:
                statuses.append(status)
                marker = "D" if is_parent else "o"
                if percent > high_edge + 1e-9 or percent < low_edge - 1e-9:
                    marker = ">" if percent > high_edge else "<"
                points = groups.setdefault((is_parent, status, marker), ([], []))
                points[0].append(x)
                points[1].append(y + offset)
                if labelled:
                    ax.annotate(
                        name,
                        (x, y + offset),
                        xytext=(7, 0),
                        textcoords="offset points",
                        fontsize=9,
                        va="center",
                        clip_on=False,
                    )
        # one line of markers per kind of dot (not one per dot: 200 areas × 30 targets), the
        # parents' drawn over the units'
        for (is_parent, status, marker), (x, y) in sorted(
            groups.items(), key=lambda g: (g[0][0], JUDGEMENT_STATUSES[g[0][1]].order, g[0][2])
        ):
            ax.plot(
                x,
                y,
                ls="none",
                marker=marker,
                ms=9 if is_parent else size,
                mfc=STATUS_COLOURS[status],
                mec=PALETTE["black"],
                mew=1.4 if is_parent else 0.5,
                alpha=1.0 if is_parent or most <= 30 else 0.85,
                zorder=4 if is_parent else 3,
            )
        for y in range(len(rows) - 1):  # a faint rule between rows
            ax.axhline(y + 0.5, color=PALETTE["grey"], lw=0.4, alpha=0.5, zorder=0)
        ax.axvline(100, color=PALETTE["grey"], ls="--", lw=1, zorder=1)
        names = [a[0] for _, areas in rows for a in areas]
        room = 0.0
        if labelled and names:  # the names' room on the right, in data units: a name of 9 pt
            # takes about 0.075 in a character, the axes about 55% of the figure's width
            share = min(0.6, (0.075 * max(len(n) for n in names) + 0.2) / (0.55 * WIDTH))
            room = (high - low + 2 * pad) * share / (1 - share)
        ax.set_xlim(low - pad, high + pad + room)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_yticks(list(range(len(rows) - 1, -1, -1)), [_wrap(label, 34) for label, _ in rows])
        ax.grid(axis="y", alpha=0)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda v, _: texts.percent(texts.number(round(v))))
        )
        ax.set_xlabel(texts("summary.chart.axis"))
        used = sorted(set(statuses), key=lambda s: JUDGEMENT_STATUSES[s].order)
        handles = [
            Line2D([], [], ls="none", marker="o", ms=7, mfc=STATUS_COLOURS[s], mec="black", mew=0.5)
            for s in used
        ]
        labels = [texts(f"status.{s}") for s in used]
        if parent_label and any(is_parent for is_parent, _, _ in groups):  # a parent drawn
            handles.append(
                Line2D([], [], ls="none", marker="D", ms=9, mfc="white", mec="black", mew=1.4)
            )
            labels.append(parent_label)
        legends = []
        if handles:
            legends.append(
                fig.legend(
                    handles,
                    labels,
                    loc="lower center",
                    ncols=min(3, len(handles)),
                    title=texts("chart.legend_status"),
                    title_fontsize=9,
                )
            )
        layout(fig, [[ax]], legends)
    return fig
