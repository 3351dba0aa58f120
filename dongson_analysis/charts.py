"""Charts: history, projection fan, target markers, a dashboard and a table of targets.

Every chart uses the Okabe–Ito colour-blind-safe palette, labels in the chosen
language, a fixed size and resolution, and DejaVu Sans (shipped with matplotlib),
which covers Vietnamese. Charts are deterministic: the same results give the same
image.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from typing import Iterator

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .catalogue import Catalogue, catalogue
from .numbers import format_number
from .projection import Projection
from .records import select_series
from .targets import status_label

#: Okabe & Ito (2008), colour-blind safe.
PALETTE = {"black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
           "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999"}
STATUS_COLOURS = {"achieved": PALETTE["green"], "on_track": PALETTE["blue"], "acceleration_needed": PALETTE["orange"],
                  "limited_progress": PALETTE["vermillion"], "deterioration": PALETTE["purple"],
                  "not_assessable": PALETTE["grey"]}
FIGSIZE = (8.0, 4.5)
DPI = 100
STYLE = {
    "font.family": "DejaVu Sans", "font.size": 10, "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.alpha": 0.3, "figure.dpi": DPI, "savefig.dpi": DPI, "svg.hashsalt": "dongson",
    "legend.frameon": False,
}
LABELS = {
    "vi": {"actual": "Thực hiện", "estimate": "Ước", "derived": "Suy ra", "target": "Chỉ tiêu", "half_year": "Nửa năm",
           "projection": "Dự báo (trung vị)", "band80": "Khoảng 80%", "band95": "Khoảng 95%", "year": "Năm",
           "trend": "Xu hướng", "no_data": "Chưa có số liệu", "indicator": "Chỉ tiêu", "period": "Kỳ",
           "target_value": "Mục tiêu", "status": "Đánh giá", "probability": "Khả năng đạt", "targets": "Đánh giá chỉ tiêu"},
    "en": {"actual": "Actual", "estimate": "Estimate (ước)", "derived": "Derived", "target": "Target",
           "half_year": "Half-year", "projection": "Projection (median)", "band80": "80% range",
           "band95": "95% range", "year": "Year", "trend": "Trend", "no_data": "No figures yet",
           "indicator": "Indicator", "period": "Period", "target_value": "Target", "status": "Judgement",
           "probability": "Probability", "targets": "Targets judged"},
}


@contextmanager
def chart_style() -> Iterator[None]:
    """The project's fixed style (font, size, resolution)."""
    with plt.rc_context(STYLE):
        yield


def _number_axis(ax, lang: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(round(v, 2), lang)))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: str(int(round(v)))))


def _title(cat: Catalogue, indicator: str, lang: str) -> str:
    ind = cat[indicator]
    return f"{ind.name(lang)} ({cat.unit_label(ind.unit, lang)})"


def plot_history(ax, observations: pd.DataFrame, indicator: str, lang: str = "vi", area: str = "dong_son",
                 cat: Catalogue | None = None) -> None:
    """Actuals (filled), estimates (hollow), derived values (squares), half-years and targets (diamonds)."""
    cat = cat or catalogue()
    lab = LABELS[lang]
    rows = observations[(observations["indicator"] == indicator) & (observations["area"] == area)]
    yearly = select_series(observations, indicator, area)
    if len(yearly) > 1:
        ax.plot(yearly["period_start"], yearly["value"], color=PALETTE["black"], lw=1.2, zorder=2)
    styles = {"actual": dict(marker="o", mfc=PALETTE["black"], mec=PALETTE["black"]),
              "estimate": dict(marker="o", mfc="white", mec=PALETTE["black"]),
              "derived": dict(marker="s", mfc="white", mec=PALETTE["grey"])}
    for status, style in styles.items():
        pts = rows[(rows["status"] == status) & (rows["period_type"] == "year") & (rows["derived_status"] != "target")]
        if len(pts):
            ax.plot(pts["period_start"], pts["value"], ls="none", ms=7, label=lab[status], zorder=3, **style)
    half = rows[(rows["period_type"] == "half_year") & (rows["status"] != "target")]
    if len(half):
        x = half["period_start"] + np.where(half["half"] == 1, 0.25, 0.75)
        ax.plot(x, half["value"], ls="none", marker="^", ms=6, mfc="white", mec=PALETTE["blue"], label=lab["half_year"])
    targets = rows[(rows["status"] == "target") | (rows["derived_status"] == "target")]
    labelled = False
    for r in targets.itertuples():
        label = None if labelled else lab["target"]
        if r.period_type == "range" and cat[indicator].kind not in ("cumulative", "growth_rate"):
            ax.hlines(r.value, r.period_start, r.period_end, colors=PALETTE["vermillion"], linestyles="--", label=label)
        elif r.period_type != "range":
            ax.plot([r.period_end + (0.5 if r.period_type == "half_year" else 0)], [r.value], ls="none", marker="D",
                    ms=7, mfc="white", mec=PALETTE["vermillion"], mew=1.5, label=label, zorder=4)
        else:
            continue
        labelled = True
    if rows.empty:
        ax.text(0.5, 0.5, lab["no_data"], transform=ax.transAxes, ha="center", va="center", color=PALETTE["grey"])
    _number_axis(ax, lang)


def plot_projection(ax, projection: Projection, lang: str = "vi") -> None:
    """The projection fan: 95% and 80% ranges and the median, joined to the last observation."""
    if not projection.has_projection:
        return
    lab = LABELS[lang]
    x = np.concatenate([[projection.years[-1]], projection.horizon_years])
    last = projection.values[-1]
    def joined(v):
        return np.concatenate([[last], v])
    ax.fill_between(x, joined(projection.lower95), joined(projection.upper95), color=PALETTE["sky_blue"], alpha=0.25,
                    lw=0, label=lab["band95"])
    ax.fill_between(x, joined(projection.lower80), joined(projection.upper80), color=PALETTE["sky_blue"], alpha=0.5,
                    lw=0, label=lab["band80"])
    ax.plot(x, joined(projection.point), color=PALETTE["blue"], lw=1.8, ls="--", label=lab["projection"])
    _number_axis(ax, lang)


def plot_target_markers(ax, judgements: pd.DataFrame, lang: str = "vi") -> None:
    """Targets as markers coloured by their judgement."""
    seen: set[str] = set()
    for r in judgements.itertuples():
        if "-" in str(r.target_period) or "H" in str(r.target_period):
            continue
        label = None if r.status in seen else status_label(r.status, lang)
        seen.add(r.status)
        ax.plot([r.target_year], [r.target_value], ls="none", marker="D", ms=9, mfc=STATUS_COLOURS[r.status],
                mec=PALETTE["black"], mew=0.8, label=label, zorder=5)


def indicator_chart(observations: pd.DataFrame, indicator: str, lang: str = "vi",
                    projection: Projection | None = None, judgements: pd.DataFrame | None = None,
                    area: str = "dong_son", cat: Catalogue | None = None) -> Figure:
    """History, projection fan and judged targets of one indicator, in one figure."""
    cat = cat or catalogue()
    with chart_style():
        fig, ax = plt.subplots(figsize=FIGSIZE)
        plot_history(ax, observations, indicator, lang, area, cat)
        if projection is not None:
            plot_projection(ax, projection, lang)
        if judgements is not None and len(judgements):
            plot_target_markers(ax, judgements[judgements["indicator"] == indicator], lang)
        ax.set_title(_title(cat, indicator, lang), loc="left", fontsize=11)
        ax.set_xlabel(LABELS[lang]["year"])
        handles, labels = ax.get_legend_handles_labels()
        if handles:
            ax.legend(handles, labels, loc="best", fontsize=8, ncols=2)
        fig.tight_layout()
    return fig


def dashboard(observations: pd.DataFrame, indicators: list[str], lang: str = "vi",
              projections: dict[str, Projection] | None = None, judgements: pd.DataFrame | None = None,
              columns: int = 3, area: str = "dong_son", cat: Catalogue | None = None) -> Figure:
    """Small multiples: one panel per indicator, same style, fixed size per panel."""
    cat = cat or catalogue()
    rows = max(1, math.ceil(len(indicators) / columns))
    with chart_style():
        fig, axes = plt.subplots(rows, columns, figsize=(3.6 * columns, 2.7 * rows), squeeze=False)
        for ax, indicator in zip(axes.ravel(), indicators):
            plot_history(ax, observations, indicator, lang, area, cat)
            if projections and indicator in projections:
                plot_projection(ax, projections[indicator], lang)
            if judgements is not None and len(judgements):
                plot_target_markers(ax, judgements[judgements["indicator"] == indicator], lang)
            name = cat[indicator].name(lang)
            ax.set_title(name if len(name) <= 42 else name[:40] + "…", fontsize=9, loc="left")
            ax.tick_params(labelsize=7)
        for ax in axes.ravel()[len(indicators):]:
            ax.set_visible(False)
        fig.tight_layout()
    return fig


def targets_table(judgements: pd.DataFrame, lang: str = "vi", cat: Catalogue | None = None) -> Figure:
    """The judged targets as a table, each row coloured by its status."""
    cat = cat or catalogue()
    lab = LABELS[lang]
    cells, colours = [], []
    for r in judgements.itertuples():
        ind = cat[r.indicator]
        name = ind.name(lang)
        name = name if len(name) <= 48 else name[:46] + "…"
        value = format_number(r.target_value, lang) + ("%" if ind.unit == "%" else " " + cat.unit_label(ind.unit, lang))
        prob = "" if pd.isna(r.probability) else f"{format_number(round(100 * r.probability), lang)}%"
        cells.append([name, str(r.target_period), value, status_label(r.status, lang), prob])
        colours.append(["white", "white", "white", STATUS_COLOURS[r.status], "white"])
    height = 0.7 + 0.24 * max(len(cells), 1)
    with chart_style():
        fig, ax = plt.subplots(figsize=(11.0, height))
        ax.axis("off")
        if cells:
            table = ax.table(cellText=cells, cellColours=colours, loc="upper left", cellLoc="left",
                             colLabels=[lab["indicator"], lab["period"], lab["target_value"], lab["status"],
                                        lab["probability"]], colWidths=[0.46, 0.1, 0.18, 0.16, 0.1])
            table.auto_set_font_size(False)
            table.set_fontsize(8)
            for (row, col), cell in table.get_celld().items():
                if row > 0 and col == 3:
                    cell.get_text().set_color("white" if judgements.iloc[row - 1]["status"] in (
                        "achieved", "on_track", "deterioration", "limited_progress") else "black")
                if row == 0:
                    cell.get_text().set_weight("bold")
        ax.set_title(lab["targets"], loc="left", fontsize=11)
        fig.tight_layout()
    return fig
