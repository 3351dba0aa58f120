"""The review as data: every judged target grouped by the plan that set it, with the yearly
figures shown beside it, and the sectors a report groups its results by.

:func:`review_sections` gives the judged targets grouped and ordered as a review report
lists them: the term plan under review first (2016–2020), then the annual plans of its
years (the latest first, an annual resolution before a mid-year session of the same
year), then programmes running into the next plan and earlier plans. Each row carries
the yearly figures of the indicator that the target is read from.
:func:`plans_under_review` says which of these sections belong to the report (the plan
under review and its annual plans); the others go to the working notes.

:data:`SECTORS` maps the catalogue's themes to the sector headings of a district report
(nông nghiệp – nông thôn mới, thu chi ngân sách, …); every theme has a sector and an
unknown theme fails loudly with :class:`UnknownThemeError`. :data:`REPORT_GROUPS` sorts
the judgement statuses into the groups a report counts (đạt và vượt, không đạt, đánh
giá theo tiến độ, chưa đánh giá được).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .analysis import Analysis
from .blocks import (
    Cell,
    Column,
    Edition,
    Row,
    Table,
    group_row,
    indicator_cell,
    name_cell,
    percent_cell,
    unit_cell,
)
from .catalogue import Catalogue, Plan
from .formatting import (
    excel_number_format,
    number,
    percent_text,
    period_label,
    roman_numeral,
)
from .judgement import JUDGEMENT_STATUSES, Judgement
from .l10n import Texts
from .wording import indicator_value, judgement_cell

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


@dataclass(frozen=True)
class YearFigure:
    """One yearly figure shown beside a target: its value, whether it is an estimate, derived
    from a published figure, or of a year the source does not state, its source, and whether
    the record marks it doubtful (``quality``), and its qualifier as the source states it
    (``nearly`` for "gần", printed with the figure).
    """

    year: int
    value: float
    estimate: bool
    derived: bool
    inferred: bool
    source: str
    doubtful: bool = False
    qualifier: str = ""


@dataclass(frozen=True)
class ReviewRow:
    """One target of the review: its judgement and the yearly figures shown beside it."""

    judgement: Judgement
    figures_indicator: str  # the indicator whose yearly figures fill the year columns ("" for none)
    figures: tuple[YearFigure, ...]
    repeats: tuple[str, ...] = ()  # uncitable sources that only repeat a citable one's target

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source of the row, once, in order: the target's, the evidence's (a half-year
        figure), the figures'. The same for a target wherever it is shown. An aggregator that
        only repeats a target a citable source states (``repeats``) is left out: the row rests
        on the citable one.
        """
        j = self.judgement
        evidence = [str(e.kw["source"]) for e in j.evidence if "source" in e.kw]
        found = list(j.target.sources) + evidence + [f.source for f in self.figures]
        return tuple(s for s in dict.fromkeys(found) if s not in self.repeats)


@dataclass(frozen=True)
class PeriodFigure:
    """A figure over part of a plan's period that no target of the record matches (the mid-term
    review's "bình quân giai đoạn 2021-2023 đạt 8,04%"): shown under its plan as it is.
    """

    indicator: str
    period: str
    value: float
    estimate: bool
    source: str
    qualifier: str = ""


@dataclass(frozen=True)
class ReviewSection:
    """One plan's judged targets; ``size`` is how many targets the plan set, where its source
    says (its :class:`~dongson_analysis.analysis.PlanResult`), else None.
    """

    plan: Plan
    rows: tuple[ReviewRow, ...]
    size: int | None = None
    figures: tuple[PeriodFigure, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source of the section's rows and figures, once, in order."""
        found = [s for row in self.rows for s in row.sources] + [f.source for f in self.figures]
        return tuple(dict.fromkeys(found))


def review_years(analysis: Analysis) -> list[int]:
    """The years of the period under review (2016–2020)."""
    first, last = analysis.settings.term_years
    return list(range(first, last + 1))


def shown_years(analysis: Analysis, target) -> list[int]:
    """The year columns that belong to a target: its plan's years and the year before, within the
    review's.
    """
    plan = target.plan
    first, last = plan.first_year - 1, plan.last_year  # an annual plan: its year and the one before
    return [y for y in review_years(analysis) if first <= y <= last]


def _figures_indicator(analysis: Analysis, j: Judgement) -> str:
    ind = analysis.catalogue[j.target.indicator]
    if ind.spec.rate_of_level and not ind.average_of and ind.level_indicator:
        level = analysis.catalogue[ind.level_indicator]
        if level.spec.change_unit == "points":
            return ""  # figures are levels, the target a change in points: said in words
    return ind.average_of or ind.id


def _plan_rank(plan: Plan, analysis: Analysis, order: dict[str, int]) -> tuple:
    """The term under review, its annual plans (the latest first; in the catalogue's order within
    a year), programmes running into the next plan, earlier plans.
    """
    first, last = analysis.settings.term_years
    position = order.get(plan.id, len(order))
    if plan.kind == "term" and plan.first_year == first and plan.last_year == last:
        return (0, 0, position)
    if plan.kind == "annual" and first <= plan.first_year <= last:
        return (1, -plan.first_year, position)
    if plan.last_year > last:
        return (2, plan.first_year, position)
    return (3, -plan.first_year, position)


def under_review(plan: Plan, analysis: Analysis) -> bool:
    """Whether a plan belongs to the report: the term plan under review or one of its annual
    plans (programmes running into the next plan and earlier plans go to the working notes).
    """
    first, last = analysis.settings.term_years
    if plan.kind == "term":
        return plan.first_year == first and plan.last_year == last
    return plan.kind == "annual" and first <= plan.first_year <= last


def _figures(analysis: Analysis, j: Judgement, indicator: str) -> tuple[YearFigure, ...]:
    if not indicator:
        return ()
    rows = analysis.series[analysis.catalogue.canonical(indicator)].rows
    return year_figures(rows[rows["period_start"].isin(shown_years(analysis, j.target))])


def year_figures(rows: pd.DataFrame) -> tuple[YearFigure, ...]:
    """The yearly figures shown beside a target, from rows of a series' table."""
    return tuple(
        YearFigure(
            int(r.period_start),
            float(r.value),
            str(r.effective_status) == "estimate",
            str(r.status) == "derived",
            bool(r.period_inferred),
            str(r.source_id),
            str(r.quality) == "doubtful",
            str(r.qualifier),
        )
        for r in rows.itertuples()
    )


def period_figures(analysis: Analysis) -> dict[str, tuple[PeriodFigure, ...]]:
    """Figures of the area over part of a plan's years, stated by one of the plan's own sources
    (``plans.csv``), that no target's judgement shows: by plan id.

    Parameters
    ----------
    analysis : Analysis
        The run's analysis.

    Returns
    -------
    dict of str to tuple of PeriodFigure
        By plan, in the table's order; only plans of the catalogue, only the area's figures.
    """
    obs = analysis.area_observations
    rows = obs[
        (obs["period_type"] == "range")
        & obs["effective_status"].isin(("actual", "estimate"))
        & ~obs["superseded"]
    ]
    shown = {
        (j.known_period, analysis.catalogue.canonical(j.target.indicator))
        for j in analysis.judgements
        if j.known_period
    }
    out: dict[str, list[PeriodFigure]] = {}
    for plan in analysis.catalogue.plans.values():
        for r in rows.itertuples():
            if r.source_id not in plan.sources:
                continue
            if not plan.first_year <= r.period_start <= r.period_end <= plan.last_year:
                continue
            indicator = analysis.catalogue.canonical(str(r.indicator))
            if (str(r.period), indicator) in shown:
                continue
            out.setdefault(plan.id, []).append(
                PeriodFigure(
                    indicator,
                    str(r.period),
                    float(r.value),
                    r.effective_status == "estimate",
                    str(r.source_id),
                    str(r.qualifier),
                )
            )
    return {plan: tuple(found) for plan, found in out.items()}


def review_sections(analysis: Analysis) -> list[ReviewSection]:
    """The judged targets grouped by plan, in the order of a review report.

    Parameters
    ----------
    analysis : Analysis
        The run's analysis.

    Returns
    -------
    list of ReviewSection
        The term plan under review, its annual plans (the latest first; a resolution before a
        mid-year session of the same year, as ``plans.csv`` orders them), programmes running into
        the next plan, earlier plans; each target once, in catalogue order, with its figures.
        A plan of the catalogue whose sources state figures of the area over part of its years
        has its section even without a target collected (the term resolution under review with
        only its mid-term figure): its ``figures``.

    Notes
    -----
    Computed once per analysis (every chapter and both languages read the same sections);
    ``dataclasses.replace`` on an analysis gives a new object and so new sections.
    """
    known = analysis.__dict__.get(_SECTIONS)
    if known is None:
        known = analysis.__dict__[_SECTIONS] = tuple(_review_sections(analysis))
    return list(known)


#: Where :func:`review_sections` keeps an analysis's sections (beside its cached properties).
_SECTIONS = "_review_sections"


def _review_sections(analysis: Analysis) -> list[ReviewSection]:
    by_plan: dict[str, list[ReviewRow]] = {}
    plans: dict[str, Plan] = {}
    figures = period_figures(analysis)
    for plan_id in figures:
        by_plan[plan_id] = []
        plans[plan_id] = analysis.catalogue.plans[plan_id]
    for j in analysis.judgements:
        ind_id = _figures_indicator(analysis, j)
        citable = [s for s in j.target.sources if s in analysis.citable_sources]
        repeats = tuple(s for s in j.target.sources if citable and s not in citable)
        row = ReviewRow(j, ind_id, _figures(analysis, j, ind_id), repeats)
        by_plan.setdefault(j.target.plan.id, []).append(row)
        plans[j.target.plan.id] = j.target.plan
    sizes = {r.plan: int(r.total) for r in analysis.plan_results if math.isfinite(r.total)}
    catalogue_order = {p: i for i, p in enumerate(analysis.catalogue.plans)}
    ordered = sorted(plans.values(), key=lambda p: _plan_rank(p, analysis, catalogue_order))
    order = {ind.id: i for i, ind in enumerate(analysis.catalogue)}
    return [
        ReviewSection(
            p,
            tuple(
                sorted(
                    by_plan[p.id],
                    key=lambda r: (
                        order[r.judgement.target.indicator],
                        r.judgement.target.period.start,
                        r.judgement.target.period.half,
                    ),
                )
            ),
            sizes.get(p.id),
            figures.get(p.id, ()),
        )
        for p in ordered
    ]


def plans_under_review(analysis: Analysis) -> list[ReviewSection]:
    """The sections of the report's Biểu 01: the plan under review and its annual plans.

    Parameters
    ----------
    analysis : Analysis
        The run's analysis.

    Returns
    -------
    list of ReviewSection
        The sections of :func:`review_sections` that :func:`under_review` keeps.
    """
    return [s for s in review_sections(analysis) if under_review(s.plan, analysis)]


# -- how a report counts its targets -----------------------------------------------------------

#: The group a report counts each judgement status in: ``met`` (đạt và vượt), ``not_met``
#: (không đạt), ``progress`` (no figure of the target's own period yet: judged on progress),
#: ``not_assessable`` (chưa đánh giá được).
REPORT_GROUPS: dict[str, str] = {
    "exceeded": "met",
    "achieved": "met",
    "met_early": "met",
    "not_achieved": "not_met",
    "on_track": "progress",
    "acceleration_needed": "at_risk",
    "limited_progress": "at_risk",
    "deterioration": "at_risk",
    "not_assessable": "not_assessable",
}
#: The groups in the order a report states them.
GROUP_ORDER: tuple[str, ...] = ("met", "not_met", "progress", "at_risk", "not_assessable")
assert set(REPORT_GROUPS) == set(JUDGEMENT_STATUSES)
assert set(REPORT_GROUPS.values()) == set(GROUP_ORDER)


def report_group(status: str) -> str:
    """The group a report counts a status in; an unknown status fails loudly."""
    try:
        return REPORT_GROUPS[status]
    except KeyError:
        raise ValueError(
            f"unknown judgement status {status!r}; known: {', '.join(REPORT_GROUPS)}"
        ) from None


def group_counts(rows: tuple[ReviewRow, ...] | list[ReviewRow]) -> dict[str, int]:
    """How many targets of ``rows`` fall in each report group (every group, zeros included)."""
    counts = dict.fromkeys(GROUP_ORDER, 0)
    for row in rows:
        counts[report_group(row.judgement.status)] += 1
    return counts


def shortfall_groups() -> tuple[str, ...]:
    """The groups a report lists among its shortcomings (tồn tại, hạn chế): targets not met and
    targets at risk.
    """
    return ("not_met", "at_risk")


def plan_size(section: ReviewSection) -> int | None:
    """How many targets the plan set, where the record says ("26/26 chỉ tiêu nghị quyết năm":
    the plan's result, read from an indicator of role ``plan_result``); None where it does not.
    The record holds only some of them ("3/26 chỉ tiêu có số liệu").
    """
    return section.size


# -- sectors -----------------------------------------------------------------------------------


class UnknownThemeError(ValueError):
    """A catalogue theme that no sector of :data:`SECTORS` holds."""

    def __init__(self, theme: str, indicator: str = ""):
        self.theme = theme
        where = f" (indicator {indicator!r} in indicators.csv, column theme)" if indicator else ""
        super().__init__(
            f"theme {theme!r}{where} belongs to no sector of the report; known themes: "
            f"{', '.join(t for s in SECTORS for t in s.themes)}. Use one of them, or add the "
            "theme to a sector in dongson_analysis/review.py (SECTORS) and its heading to the "
            "language files (report.sectors)."
        )


@dataclass(frozen=True)
class Sector:
    """A sector heading of a district report (its words: ``report.sectors.<id>``) and the
    catalogue themes whose indicators it reports.
    """

    id: str
    themes: tuple[str, ...]


#: The sectors of a report, in the order a district report treats them.
SECTORS: tuple[Sector, ...] = (
    Sector("economy", ("economy",)),
    Sector("agriculture_new_rural", ("agriculture", "new_rural")),
    Sector("industry_construction", ("industry", "construction")),
    Sector("trade_services", ("trade", "services")),
    Sector("investment", ("investment",)),
    Sector("public_finance", ("public_finance",)),
    Sector("urban_land", ("urban", "land", "environment")),
    Sector("culture_society", ("education", "health", "culture")),
    Sector("poverty_jobs", ("living_standards", "labour")),
    Sector("party", ("party", "governance", "defence")),
)


def sector_of(theme: str, indicator: str = "") -> Sector:
    """The sector a theme is reported under.

    Parameters
    ----------
    theme : str
        A theme of the catalogue (``indicators.csv``, column ``theme``).
    indicator : str
        The indicator it belongs to, named in the error.

    Returns
    -------
    Sector
        Its entry of :data:`SECTORS`.

    Raises
    ------
    UnknownThemeError
        For a theme no sector holds.
    """
    for sector in SECTORS:
        if theme in sector.themes:
            return sector
    raise UnknownThemeError(theme, indicator)


def sector_indicators(catalogue: Catalogue) -> dict[str, list[str]]:
    """Every canonical indicator of the catalogue under its sector (sector id → indicator ids, in
    catalogue order); every sector present, empty or not.

    Raises
    ------
    UnknownThemeError
        For an indicator whose theme no sector holds.
    """
    found: dict[str, list[str]] = {s.id: [] for s in SECTORS}
    for ind in catalogue:
        if ind.same_as or ind.is_plan_result:  # a plan's result is stated with its plan
            continue
        found[sector_of(ind.theme, ind.id).id].append(ind.id)
    return found


# -- the tables --------------------------------------------------------------------------------


def target_cell(ed: Edition, j: Judgement) -> Cell:
    """The plan figure of a target as a cell: as stated (its qualifier in words, a range written
    ``1,5–2``), its value (the low end of a range) for Excel.
    """
    t = j.target
    ind = ed.catalogue[t.indicator]
    texts = ed.texts
    if ind.spec.values_are_years:
        return Cell(str(int(t.value)), float(t.value), "0")
    if not math.isnan(t.value_high):
        return Cell(
            number(texts, t.value, exact=True) + "–" + number(texts, t.value_high, exact=True),
            float(t.value),
            excel_number_format(t.value, exact=True),
        )
    if t.value == 0 and ind.better == "lower" and not t.qualifier:
        return Cell(ed("review.none_left"), 0.0, '"' + ed("review.none_left") + '"')
    amount = number(texts, t.value, whole=ind.spec.whole_numbers, exact=True)
    fmt = excel_number_format(t.value, exact=True)
    if t.qualifier:
        text = ed(f"qualifier.{t.qualifier}", value=amount)
        prefix, _, suffix = ed(f"qualifier.{t.qualifier}", value="\x00").partition("\x00")
        fmt = (f'"{prefix}"' if prefix else "") + fmt + (f'"{suffix}"' if suffix else "")
        return Cell(text, float(t.value), fmt)
    return Cell(amount, float(t.value), fmt)


def figure_cell(ed: Edition, indicator: str, figure: YearFigure, marker: str = "") -> Cell:
    """A yearly figure beside a target, at the indicator's precision (``đạt`` for a year reached);
    ``marker`` (``(ước)``) after it, its qualifier as the source states it (``gần``, ``trên``).
    """
    if ed.catalogue[indicator].spec.values_are_years:
        return Cell(ed("review.milestone_reached"))
    cell = indicator_cell(ed, indicator, figure.value, f" {marker}" if marker else "", stated=True)
    if figure.qualifier:  # "gần 5.400" as the source says it
        prefix, _, suffix = ed(f"qualifier.{figure.qualifier}", value="\x00").partition("\x00")
        fmt = (
            (f'"{prefix}"' if prefix else "")
            + cell.number_format
            + (f'"{suffix}"' if suffix else "")
        )
        return Cell(prefix + cell.text + suffix, cell.value, fmt)
    return cell


def plan_title(texts: Texts, plan: Plan) -> str:
    """A plan's name: from the catalogue, or made from its kind and years."""
    name = plan.name(texts.language)
    if name:
        return name
    if plan.kind == "annual":
        return texts("review.plan_annual", year=plan.first_year)
    return texts("review.plan_term", first=plan.first_year, last=plan.last_year)


def plan_heading(ed: Edition, section: ReviewSection) -> str:
    """A plan's group title: its name, and how many of its targets the record holds where the
    plan's size is known (``3/26 chỉ tiêu có số liệu``).
    """
    name = plan_title(ed.texts, section.plan)
    size = plan_size(section)
    if size and size > len(section.rows):
        return ed("review.plan_size", plan=name, count=len(section.rows), size=size)
    return name


def numbered_group(number: int, title: str, width: int) -> Row:
    """A group row of a table of targets, ``width`` columns wide: ``I. Nghị quyết …`` (the
    ``number``-th group, from 1; a plan's title is its :func:`plan_heading`).
    """
    return group_row(f"{roman_numeral(number)}. {title}", width)


def target_cells(ed: Edition, j: Judgement) -> list[Cell]:
    """A target's first cells in the tables of targets: the indicator, its unit, the target's
    period and its figure (:func:`target_cell`).
    """
    t = j.target
    return [
        name_cell(ed, t.indicator),
        unit_cell(ed, t.indicator),
        Cell(period_label(ed.texts, t.period)),
        target_cell(ed, j),
    ]


def _assessment(ed: Edition, row: ReviewRow) -> str:
    j = row.judgement
    text = judgement_cell(ed.texts, ed.analysis, j)
    shown = {f.year for f in row.figures}
    if j.known_period and (not j.known_period.isdigit() or int(j.known_period) not in shown):
        text += " " + ed(
            "review.figure_of_period",
            period=period_label(ed.texts, j.known_period),
            value=indicator_value(ed.texts, ed.analysis, j.target.indicator, j.known_value),
        )
    for e in j.evidence:
        if e.code == "half_year":
            kw = e.kw
            text += "; " + ed(
                "review.half_year",
                period=period_label(ed.texts, f"{kw['year']}H{kw['half']}"),
                share=percent_text(ed.texts, kw["share"]),
            )
    return text


def detailed_table(ed: Edition) -> Table:
    """Every target of the record, grouped by plan (earlier plans and programmes too): the plan
    figure, the base year's and each year's figure, % so với KH, the assessment, the sources.
    """
    s = ed.settings
    years = list(range(s.base_year, s.target_year + 1))
    columns = [
        Column(ed("review.col.number"), width=4),
        Column(ed("review.col.indicator"), width=23),
        Column(ed("review.col.unit"), width=10),
        Column(ed("review.col.period"), width=9),
        Column(ed("review.col.target"), "number", 9),
        Column(ed("review.col.base", year=years[0]), "number", 9),
    ]
    columns += [Column(str(y), "number", 8) for y in years[1:]]
    columns += [
        Column(ed("review.col.percent"), "number", 7),
        Column(ed("review.col.assessment"), width=28),
        Column(ed("review.col.sources"), width=7),
    ]
    rows: list[Row] = []
    for index, section in enumerate(review_sections(ed.analysis), start=1):
        rows.append(numbered_group(index, plan_heading(ed, section), len(columns)))
        for n, row in enumerate(section.rows, start=1):
            j = row.judgement
            found = {f.year: f for f in row.figures}
            cells = [Cell(str(n), float(n), "0")] + target_cells(ed, j)
            for year in years:
                figure = found.get(year)
                marker = ed("review.estimate_marker") if figure and figure.estimate else ""
                cells.append(
                    figure_cell(ed, row.figures_indicator, figure, marker) if figure else Cell("")
                )
            cells.append(percent_cell(ed, j.percent_of_target))
            cells.append(Cell(_assessment(ed, row)))
            cells.append(Cell(", ".join(row.sources)))
            rows.append(Row(tuple(cells)))
    notes = (
        ed("review.note_markers", marker=ed("review.estimate_marker")),
        ed("review.note_percent"),
    )
    return Table(
        "review",
        ed("review.caption", first=years[1], last=years[-1]),
        tuple(columns),
        tuple(rows),
        notes,
    )
