"""Proposed targets for the next plan, from the projections: safe, expected and stretch.

For every core indicator of a district plan (``plan_order`` in the catalogue) and
every indicator the record holds a target for, :func:`propose_targets` gives the
plan's last year's value that is reached with probability 80% (**safe**), 50%
(**expected**) and 20% (**stretch**), each with the annual rate it implies from a
stated base: the figure of the review's last year (2020) if it is known, else the
projected value of that year (named as such). Direction-aware: a safe target is
never worse than the latest figure unless the projection itself expects
deterioration (:attr:`Proposal.expects_deterioration`, which the text states).

Growth averages (``average_of``) are proposed from the projected yearly rates of the
next term, and totals over a term (cumulative kinds) from the projected yearly
amounts, assuming the years move together (a cautious, wide band). Where the
record cannot support a proposal, :attr:`Proposal.needs` names the figures needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .catalogue import Catalogue, Indicator
from .judgement import Judgement, Need, Note, note, probability_of_target
from .projection import Projection
from .series import Series
from .settings import Settings

#: Probability with which each proposal level is reached.
PROPOSAL_LEVELS: dict[str, float] = {"safe": 0.8, "expected": 0.5, "stretch": 0.2}


@dataclass(frozen=True)
class ProposalLevel:
    """A proposed value, reached with ``probability``; ``annual_change`` from the base."""

    name: str
    value: float
    probability: float
    annual_change: float


@dataclass
class Proposal:
    """The proposed next-plan target of one indicator (or why none can be proposed)."""

    indicator: str
    year: int
    levels: tuple[ProposalLevel, ...] = ()
    base_kind: str = ""  # "actual", "estimate" or "projection"
    base_year: int | None = None
    base_value: float = math.nan
    change_unit: str = ""  # "percent" or "points"
    price_basis: str = ""
    latest_year: int | None = None
    latest_value: float = math.nan
    expects_deterioration: bool = False
    held_at_latest: tuple[str, ...] = ()
    aggregate: str = ""  # "", "average" (a growth average) or "total" (a term total)
    design: str = ""
    needs: list[Need] = field(default_factory=list)
    caveats: list[Note] = field(default_factory=list)

    @property
    def proposed(self) -> bool:
        return bool(self.levels)

    def level(self, name: str) -> ProposalLevel:
        return next(level for level in self.levels if level.name == name)


def proposal_indicators(
    catalogue: Catalogue, judgements: list[Judgement], settings: Settings
) -> list[Indicator]:
    """Core indicators in plan order, then the other indicators with a target of the years under
    review.

    An indicator whose term average is proposed (``average_of``) is not proposed again on its
    own; a target
    of a programme that already runs into the next plan (land consolidation 2019–2025) asks for
    no proposal.
    """
    core = catalogue.core_indicators()
    seen = {i.id for i in core} | {i.average_of for i in core if i.average_of}
    others = []
    for j in judgements:
        ind = catalogue[j.target.indicator]
        if j.target.year > settings.target_year:
            continue
        if ind.id not in seen and ind.spec.projectable and not ind.is_relative:
            others.append(ind)
            seen.add(ind.id)
    order = {ind.id: i for i, ind in enumerate(catalogue)}
    return core + sorted(others, key=lambda i: order[i.id])


def _annual_change(base: float, value: float, years: int, unit: str) -> float:
    if years <= 0:
        return math.nan
    if unit == "percent" and base > 0 and value > 0:
        return 100 * ((value / base) ** (1 / years) - 1)
    return (value - base) / years


def _quantile(projection: Projection, indicator: Indicator, name: str, year: int) -> float:
    p = PROPOSAL_LEVELS[name]
    return projection.quantile(1 - p if indicator.better == "higher" else p, year)


def _needs_for(series: Series, indicator: Indicator, settings: Settings) -> list[Need]:
    first, last = settings.term_years
    known = set(series.years.tolist())
    years = tuple(y for y in range(first, last + 1) if y not in known) or (last,)
    return [Need(indicator.id, years=years)]


def _aggregate(
    proposal: Proposal, indicator: Indicator, projection: Projection, settings: Settings, how: str
) -> None:
    """Average of the next term's projected yearly rates, or their total (years moving together)."""
    first, last = settings.next_term_years
    years = list(range(first, last + 1))
    if not all(y in projection.horizon_years for y in years):
        return
    levels = []
    for name, probability in PROPOSAL_LEVELS.items():
        values = [_quantile(projection, indicator, name, y) for y in years]
        value = float(np.mean(values) if how == "average" else np.sum(values))
        levels.append(ProposalLevel(name, value, probability, math.nan))
    proposal.levels = tuple(levels)
    proposal.aggregate = how
    proposal.caveats.append(note("years_move_together"))


def source_kind(indicator: Indicator, catalogue: Catalogue) -> str:
    """How a proposal is made: from the indicator's own projection, its yearly rates, or its level's
    points.
    """
    if indicator.average_of:
        return "average_of"
    level = catalogue[indicator.level_indicator] if indicator.level_indicator else None
    if indicator.spec.rate_of_level and level is not None and level.spec.change_unit == "points":
        return "level_points"
    return "own"


def source_indicator(indicator: Indicator, catalogue: Catalogue) -> str:
    """The indicator whose projection a proposal is made from."""
    kind = source_kind(indicator, catalogue)
    if kind == "average_of":
        return indicator.average_of
    if kind == "level_points":
        return indicator.level_indicator
    return indicator.id


def _points_change(
    proposal: Proposal, level: Indicator, series: Series, projection: Projection, settings: Settings
) -> None:
    """A target in points a year (the poverty rate's fall): from the level's base to its projected
    quantiles.
    """
    base_year = settings.target_year
    known = series.value_in(base_year)
    if known is not None:
        proposal.base_kind, proposal.base_value = (
            str(known["effective_status"]),
            float(known["value"]),
        )
    elif base_year in projection.horizon_years:
        proposal.base_kind = "projection"
        proposal.base_value = float(
            projection.point[list(projection.horizon_years).index(base_year)]
        )
    else:
        return
    proposal.base_year = base_year
    years = settings.plan_end - base_year
    sign = -1.0 if level.better == "lower" else 1.0
    levels = []
    for name, probability in PROPOSAL_LEVELS.items():
        value = _quantile(projection, level, name, settings.plan_end)
        levels.append(
            ProposalLevel(name, sign * (value - proposal.base_value) / years, probability, math.nan)
        )
    proposal.levels = tuple(levels)
    proposal.aggregate = "points_change"


def propose_indicator(
    indicator: Indicator,
    series: Series,
    projection: Projection | None,
    catalogue: Catalogue,
    settings: Settings,
) -> Proposal:
    """The proposal for one indicator; ``series`` and ``projection`` are those of the indicator
    proposed from.
    """
    year = settings.plan_end
    proposal = Proposal(
        indicator.id,
        year,
        price_basis=indicator.price_basis,
        change_unit=indicator.spec.change_unit,
    )
    if len(series):
        proposal.latest_year, proposal.latest_value = (
            int(series.years[-1]),
            float(series.values[-1]),
        )
    used = series.break_in_use()
    if used is not None:
        proposal.caveats.append(
            note("series_break", year=used.year, kind=used.kind, source=used.source_id)
        )
    for future in series.future_breaks():
        if future.year <= year:
            proposal.caveats.append(
                note(
                    "break_before_target",
                    year=future.year,
                    kind=future.kind,
                    source=future.source_id,
                )
            )
    if projection is None or not projection.has_projection or year not in projection.horizon_years:
        proposal.needs = _needs_for(series, catalogue[series.indicator], settings)
        if series.segment_start is not None:
            first = max(series.segment_start, settings.term_years[0])
            proposal.needs = [
                Need(n.indicator, years=tuple(y for y in n.years if y >= first) or (first,))
                for n in proposal.needs
            ]
        if series.segment_start is not None and len(series) < 2:
            proposal.caveats.append(note("too_little_after_break", year=series.segment_start))
        return proposal
    proposal.design = getattr(projection, "design", "")
    if source_kind(indicator, catalogue) == "level_points":
        _points_change(proposal, catalogue[indicator.level_indicator], series, projection, settings)
        return proposal
    if indicator.average_of:
        _aggregate(proposal, catalogue[indicator.average_of], projection, settings, "average")
        return proposal
    if indicator.spec.judgement_rule == "cumulative":
        _aggregate(proposal, indicator, projection, settings, "total")
        return proposal
    # the base of the implied rate: the review's last year, known or projected
    base_year = settings.target_year
    known = series.value_in(base_year)
    if known is not None:
        proposal.base_kind = str(known["effective_status"])
        proposal.base_value = float(known["value"])
    elif base_year in projection.horizon_years:
        proposal.base_kind = "projection"
        proposal.base_value = float(
            projection.point[list(projection.horizon_years).index(base_year)]
        )
    else:
        base_year = int(series.years[-1])
        proposal.base_kind = str(series.segment.iloc[-1]["effective_status"])
        proposal.base_value = float(series.values[-1])
    proposal.base_year = base_year
    latest = proposal.latest_value
    median = _quantile(projection, indicator, "expected", year)
    worse = median < latest if indicator.better == "higher" else median > latest
    proposal.expects_deterioration = bool(worse and indicator.direction != "none")
    levels, held = [], []
    for name, probability in PROPOSAL_LEVELS.items():
        value = _quantile(projection, indicator, name, year)
        if not proposal.expects_deterioration:
            better_value = (
                max(value, latest) if indicator.better == "higher" else min(value, latest)
            )
            if better_value != value:
                held.append(name)
                value = better_value
                probability = probability_of_target(projection, indicator, value, year)
        change = _annual_change(proposal.base_value, value, year - base_year, proposal.change_unit)
        levels.append(ProposalLevel(name, float(value), float(probability), float(change)))
    proposal.levels = tuple(levels)
    proposal.held_at_latest = tuple(held)
    return proposal


def propose_targets(
    catalogue: Catalogue,
    series: dict[str, Series],
    projections: dict[str, Projection],
    judgements: list[Judgement],
    settings: Settings,
) -> list[Proposal]:
    """Proposals for every core indicator and every indicator with a target (see the module
    docstring).
    """
    out = []
    for indicator in proposal_indicators(catalogue, judgements, settings):
        if not indicator.spec.projectable:
            continue
        source = source_indicator(indicator, catalogue)
        out.append(
            propose_indicator(
                indicator,
                series[catalogue.canonical(source)],
                projections.get(source),
                catalogue,
                settings,
            )
        )
    return out
