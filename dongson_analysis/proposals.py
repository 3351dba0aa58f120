"""Proposed targets for the next plan, from the projections: safe, expected and stretch.

For every core indicator of a district plan (``plan_order`` in the catalogue) and
every indicator the record holds a target for, :func:`propose_targets` gives the
plan's last year's value that is reached with probability 80% (**safe**), 50%
(**expected**) and 20% (**stretch**), each with the annual rate it implies from a
stated base: the figure of the review's last year (2020) if it is known, else the
projected value of that year (named as such, :attr:`Proposal.base_kind`).

Each level is computed, then rounded to the indicator's catalogue precision, then
clipped to its bounds, and only then given its probability, so that one value has
one probability; levels that come out the same are one level
(:attr:`Proposal.collapsed` says why). Direction-aware: a safe target is never worse
than the base unless the projection itself expects deterioration
(:attr:`Proposal.expects_deterioration`, which the text states).

Linked indicators are proposed together (:func:`link_proposals`): a rate in points a
year from its level's proposed levels (the poverty rate and its yearly reduction), a
growth average from its level's proposal where the level is proposed, and the shares
of a structure (shares of one total) so that each scenario sums to 100.

Growth averages (``average_of``) are otherwise proposed from the projected yearly rates
of the next term, and totals over a term from the projected yearly amounts, assuming
the years move together (a cautious, wide band). Where the record cannot support a
proposal, :attr:`Proposal.needs` names the figures needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from .catalogue import Catalogue, Indicator
from .judgement import Judgement, Need, Note, break_caveats, note, probability_of_target
from .projection import Projection
from .series import Series, average_change, flagged_periods
from .settings import Settings

#: Probability with which each proposal level is reached.
PROPOSAL_LEVELS: dict[str, float] = {"safe": 0.8, "expected": 0.5, "stretch": 0.2}
BaseKind = Literal["actual", "estimate", "projection"]
#: What a proposal's base is: a figure reported as achieved, an estimate, or a projection.
BASE_KINDS: tuple[BaseKind, ...] = ("actual", "estimate", "projection")
Collapse = Literal["", "bound", "held", "precision", "no_width"]


@dataclass(frozen=True)
class ProposalLevel:
    """A proposed value of one level (safe, expected, stretch).

    Attributes
    ----------
    name : str
        A key of :data:`PROPOSAL_LEVELS`.
    value : float
        The value, rounded to the indicator's precision and clipped to its bounds.
    probability : float
        The probability that the value is reached, from the projection, computed after
        rounding and clipping (one value, one probability).
    annual_change : float
        The yearly change it implies from the proposal's base, in the proposal's
        change unit.
    """

    name: str
    value: float
    probability: float
    annual_change: float


@dataclass
class Proposal:
    """The proposed next-plan target of one indicator (or why none can be proposed).

    Attributes
    ----------
    levels : tuple of ProposalLevel
        Safe, expected and stretch, in that order (equal values share one probability).
    base_kind : {"actual", "estimate", "projection"} or ""
        What the base of the implied rates is (:data:`BASE_KINDS`).
    collapsed : {"", "bound", "held", "precision", "no_width"}
        Why the three levels are one value: at a bound of the indicator, held at the base,
        narrower than the indicator's precision, or a projection without width ("" when
        they differ).
    linked_to : str
        The indicator this proposal was made from to agree with it (a level's rate in
        points, a growth average's level), or the structure it sums to 100 with.
    """

    indicator: str
    year: int
    levels: tuple[ProposalLevel, ...] = ()
    base_kind: BaseKind | Literal[""] = ""
    base_year: int | None = None
    base_value: float = math.nan
    change_unit: str = ""  # a name of kinds.CHANGE_UNITS
    price_basis: str = ""
    latest_year: int | None = None
    latest_value: float = math.nan
    expects_deterioration: bool = False
    held_at_latest: tuple[str, ...] = ()  # the levels held at the reference figure below
    held_year: int | None = None  # the figure levels are held at: the better of base and latest
    held_value: float = math.nan
    aggregate: str = ""  # "", "average" (a growth average), "total" or "points_change"
    design: str = ""
    collapsed: Collapse = ""
    linked_to: str = ""
    needs: list[Need] = field(default_factory=list)
    caveats: list[Note] = field(default_factory=list)

    @property
    def proposed(self) -> bool:
        return bool(self.levels)

    @property
    def figures_of(self) -> str:
        """The indicator whose figures ``latest_value`` and the base are: the linked indicator
        of a proposal derived from another (``aggregate``), else its own (a share of a
        structure keeps its own figures; ``linked_to`` then names the whole structure)."""
        return self.linked_to if self.aggregate and self.linked_to else self.indicator

    def level(self, name: str) -> ProposalLevel:
        return next(level for level in self.levels if level.name == name)

    def distinct_levels(self) -> list[tuple[tuple[str, ...], ProposalLevel]]:
        """The levels with distinct values, each with the names that share it (safe first)."""
        out: list[tuple[tuple[str, ...], ProposalLevel]] = []
        for lv in self.levels:
            if out and out[-1][1].value == lv.value:
                out[-1] = (out[-1][0] + (lv.name,), out[-1][1])
            else:
                out.append(((lv.name,), lv))
        return out


def round_to_precision(value: float, precision: int) -> float:
    """``value`` rounded to a catalogue precision (decimal places; ``-2`` to the hundred).

    >>> round_to_precision(107026.4, -2), round_to_precision(3.7349, 1)
    (107000.0, 3.7)
    """
    if not math.isfinite(value):
        return value
    return float(round(value, precision)) + 0.0


def round_towards(value: float, precision: int, better: str) -> float:
    """``value`` rounded to a catalogue precision in the better direction: a level held at the
    base never rounds to a worse target than the base (0,75% held is 0,7%, not 0,8%).

    >>> round_towards(0.75, 1, "lower"), round_towards(1.625, 1, "higher")
    (0.7, 1.7)
    """
    if not math.isfinite(value):
        return value
    scale = 10.0**precision
    scaled = round(value * scale, 6)
    return (math.ceil(scaled) if better == "higher" else math.floor(scaled)) / scale + 0.0


def clip_to_bounds(value: float, indicator: Indicator) -> float:
    """``value`` within the indicator's bounds (NaN: no bound)."""
    if indicator.has_lower_bound:
        value = max(value, indicator.lower_bound)
    if indicator.has_upper_bound:
        value = min(value, indicator.upper_bound)
    return value


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
        if ind.id not in seen and ind.spec.projectable and j.spec.proposable:
            others.append(ind)
            seen.add(ind.id)
    order = {ind.id: i for i, ind in enumerate(catalogue)}
    return core + sorted(others, key=lambda i: order[i.id])


def _quantile(projection: Projection, indicator: Indicator, name: str, year: int) -> float:
    p = PROPOSAL_LEVELS[name]
    return projection.quantile(1 - p if indicator.better == "higher" else p, year)


def _better(indicator: Indicator, a: float, b: float) -> float:
    return max(a, b) if indicator.better == "higher" else min(a, b)


def _needs_for(series: Series, indicator: Indicator, settings: Settings) -> list[Need]:
    first, last = settings.term_years
    known = set(series.years.tolist())
    years = tuple(y for y in range(first, last + 1) if y not in known) or (last,)
    return [Need(indicator.id, years=years)]


def _collapse(
    indicator: Indicator, values: list[float], raw: list[float], held: list[str]
) -> Collapse:
    """Why two or more of the levels are one value ("" when all differ)."""
    pairs = list(zip(values, values[1:]))  # levels in order: equal values stand side by side
    if all(a != b for a, b in pairs):
        return ""
    repeated = next(a for a, b in pairs if a == b)
    if repeated in (indicator.lower_bound, indicator.upper_bound):
        return "bound"
    if held:
        return "held"
    if max(raw) - min(raw) > 1e-12 * max(1.0, abs(max(raw))):
        return "precision"
    return "no_width"


def _finish_levels(
    proposal: Proposal,
    indicator: Indicator,
    raw: dict[str, float],
    probability,
    held: list[str] | None = None,
) -> None:
    """Round to the catalogue precision, clip to the bounds, then give each value its
    probability (``probability(value, name)``) and its annual change from the base.
    """
    held = held or []
    names = list(PROPOSAL_LEVELS)
    values = [
        clip_to_bounds(
            round_towards(raw[n], indicator.precision, indicator.better)
            if n in held
            else round_to_precision(raw[n], indicator.precision),
            indicator,
        )
        for n in names
    ]
    for i in range(1, len(values)):  # rounding keeps the order: safe, expected, stretch
        values[i] = _better(indicator, values[i], values[i - 1])
    _set_levels(proposal, indicator, values, [raw[n] for n in names], probability, held)


def _set_levels(
    proposal: Proposal,
    indicator: Indicator,
    values: list[float],
    raw: list[float],
    probability,
    held: list[str],
) -> None:
    """The levels of these final values (safe, expected, stretch): each distinct value its
    probability, each its annual change from the base, and why values coincide."""
    names = list(PROPOSAL_LEVELS)
    chances: dict[float, float] = {}
    levels = []
    years = proposal.year - proposal.base_year if proposal.base_year is not None else 0
    for name, value in zip(names, values):
        if value not in chances:
            chances[value] = float(probability(value, name))
        change = math.nan
        if proposal.base_year is not None and not proposal.aggregate:
            unit = indicator.spec.change_unit_between(
                proposal.base_value, value, indicator.lower_bound, indicator.upper_bound
            )
            change = average_change(proposal.base_value, value, years, unit)
        levels.append(ProposalLevel(name, float(value), chances[value], float(change)))
    proposal.levels = tuple(levels)
    proposal.held_at_latest = tuple(held)
    proposal.collapsed = _collapse(indicator, values, raw, held)


def _aggregate(
    proposal: Proposal, indicator: Indicator, projection: Projection, settings: Settings, how: str
) -> None:
    """Average of the next term's projected yearly rates, or their total (years moving together)."""
    first, last = settings.next_term_years
    years = list(range(first, last + 1))
    if not all(y in projection.horizon_years for y in years):
        return
    raw = {}
    for name in PROPOSAL_LEVELS:
        values = [_quantile(projection, indicator, name, y) for y in years]
        raw[name] = float(np.mean(values) if how == "average" else np.sum(values))
    proposal.aggregate = how
    safest = {}  # a value shared by several levels is reached at least as often as the safest

    def chance(value: float, name: str) -> float:
        safest.setdefault(value, PROPOSAL_LEVELS[name])
        return safest[value]

    _finish_levels(proposal, indicator, raw, chance)
    proposal.caveats.append(note("years_move_together"))


def source_kind(indicator: Indicator, catalogue: Catalogue) -> str:
    """How a proposal is made: from the indicator's own projection, its yearly rates, or its level's
    points.
    """
    if indicator.average_of:
        return "average_of"
    level = catalogue[indicator.level_indicator] if indicator.level_indicator else None
    if (
        indicator.spec.rate_of_level
        and level is not None
        and level.spec.change_unit_for(level.lower_bound, level.upper_bound) == "points"
    ):
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


def _base(proposal: Proposal, series: Series, projection: Projection, settings: Settings) -> bool:
    """The base of the implied rates: the review's last year, known or projected."""
    base_year = settings.target_year
    known = series.figure(base_year)
    if known is not None:
        proposal.base_kind = "estimate" if known["effective_status"] == "estimate" else "actual"
        proposal.base_value = float(known["value"])
    elif base_year in projection.horizon_years:
        proposal.base_kind = "projection"
        proposal.base_value = float(
            projection.point[list(projection.horizon_years).index(base_year)]
        )
    elif len(series):
        base_year = int(series.years[-1])
        status = series.figures_in_use.row(-1)["effective_status"]
        proposal.base_kind = "estimate" if status == "estimate" else "actual"
        proposal.base_value = float(series.values[-1])
    else:
        return False
    proposal.base_year = base_year
    return True


def _own_levels(
    proposal: Proposal, indicator: Indicator, projection: Projection, settings: Settings
) -> None:
    """Safe, expected and stretch from the indicator's own projection (see the module
    docstring): held at the better of base and latest figure unless the projection itself
    expects deterioration.
    """
    year = proposal.year
    reference, proposal.held_year = proposal.base_value, proposal.base_year
    if not math.isnan(proposal.latest_value):
        latest = _better(indicator, reference, proposal.latest_value)
        if latest != reference:
            reference, proposal.held_year = latest, proposal.latest_year
    proposal.held_value = reference
    quantiles = {name: _quantile(projection, indicator, name, year) for name in PROPOSAL_LEVELS}
    median = quantiles["expected"]
    worse = _better(indicator, median, reference) != median
    proposal.expects_deterioration = bool(worse and indicator.direction != "none")
    raw, held = {}, []
    for name in PROPOSAL_LEVELS:
        value = quantiles[name]
        if not proposal.expects_deterioration and _better(indicator, value, reference) != value:
            held.append(name)
            value = reference
        raw[name] = value
    _finish_levels(
        proposal,
        indicator,
        raw,
        lambda v, _: probability_of_target(projection, indicator, v, year),
        held,
    )


def _points_change(
    proposal: Proposal,
    rate: Indicator,
    level: Indicator,
    series: Series,
    projection: Projection,
    settings: Settings,
) -> None:
    """A target in points a year (the poverty rate's fall), from the level's proposed levels, so
    that the two agree: the safe fall is the fall to the safe level, and so on.
    """
    base = Proposal(level.id, proposal.year, latest_year=proposal.latest_year)
    base.latest_value = proposal.latest_value
    if not _base(base, series, projection, settings):
        return
    _own_levels(base, level, projection, settings)
    proposal.base_kind, proposal.base_year, proposal.base_value = (
        base.base_kind,
        base.base_year,
        base.base_value,
    )
    derive_rate_in_points(proposal, rate, level, base)
    proposal.design = base.design


def _link(proposal: Proposal, source: Proposal, aggregate: str) -> None:
    """Make ``proposal`` one derived from ``source``: the same base, named as linked to it."""
    proposal.aggregate = aggregate
    proposal.linked_to = source.indicator
    proposal.base_kind = source.base_kind
    proposal.base_year, proposal.base_value = source.base_year, source.base_value


def derive_rate_in_points(
    proposal: Proposal, rate: Indicator, level: Indicator, source: Proposal
) -> None:
    """A rate in points a year proposed from its level's proposal (same base, same probabilities).

    Parameters
    ----------
    proposal : Proposal
        The rate's proposal, filled in place.
    rate, level : Indicator
        The rate (points a year, e.g. the poverty rate's yearly fall) and its level.
    source : Proposal
        The level's proposal.
    """
    years = source.year - (source.base_year or source.year)
    if years <= 0 or not source.proposed:
        return
    sign = -1.0 if level.better == "lower" else 1.0
    _link(proposal, source, "points_change")
    raw = {lv.name: sign * (lv.value - source.base_value) / years for lv in source.levels}
    chance = {lv.name: lv.probability for lv in source.levels}
    _finish_levels(proposal, rate, raw, lambda _, name: chance[name])  # rounded as derived
    proposal.held_at_latest = source.held_at_latest
    if source.collapsed and proposal.collapsed:
        proposal.collapsed = source.collapsed
    proposal.expects_deterioration = source.expects_deterioration


def derive_growth(proposal: Proposal, growth: Indicator, source: Proposal) -> None:
    """A growth average proposed from its level's proposal: the compound rate from the level's
    base to each proposed level, with that level's probability.
    """
    years = source.year - (source.base_year or source.year)
    if years <= 0 or not source.proposed or not source.base_value > 0:
        return
    raw = {
        lv.name: average_change(source.base_value, lv.value, years, "percent")
        for lv in source.levels
    }
    chance = {lv.name: lv.probability for lv in source.levels}
    _link(proposal, source, "average")
    proposal.caveats = [c for c in proposal.caveats if c.code != "years_move_together"]
    _finish_levels(proposal, growth, raw, lambda _, name: chance[name])


def propose_indicator(
    indicator: Indicator,
    series: Series,
    projection: Projection | None,
    catalogue: Catalogue,
    settings: Settings,
) -> Proposal:
    """The proposal for one indicator; ``series`` and ``projection`` are those of the indicator
    proposed from.

    Parameters
    ----------
    indicator : Indicator
        The indicator proposed.
    series : Series
        The series of the indicator it is proposed from (:func:`source_indicator`).
    projection : Projection or None
        That indicator's projection.
    catalogue : Catalogue
    settings : Settings

    Returns
    -------
    Proposal
        With levels, or with the figures it needs.
    """
    year = settings.plan_end
    proposal = Proposal(
        indicator.id,
        year,
        price_basis=indicator.price_basis,
        change_unit=indicator.spec.change_unit_for(indicator.lower_bound, indicator.upper_bound),
    )
    if len(series):
        proposal.latest_year, proposal.latest_value = (
            int(series.years[-1]),
            float(series.values[-1]),
        )
    proposal.caveats += break_caveats(series, year)
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
        proposal.change_unit = "points"
        level = catalogue[indicator.level_indicator]
        _points_change(proposal, indicator, level, series, projection, settings)
        return proposal
    if indicator.average_of:
        proposal.change_unit = ""
        _aggregate(proposal, catalogue[indicator.average_of], projection, settings, "average")
        return proposal
    if indicator.spec.term_total:
        proposal.change_unit = ""
        _aggregate(proposal, indicator, projection, settings, "total")
        return proposal
    if _base(proposal, series, projection, settings):
        _own_levels(proposal, indicator, projection, settings)
    return proposal


def structure_groups(catalogue: Catalogue) -> list[tuple[str, ...]]:
    """Shares of one total (an economic structure): share indicators with one unit other than a
    plain ``%`` (``% of production value``), bounded by 0 and 100, two or more of them.
    """
    groups: dict[str, list[str]] = {}
    for ind in catalogue:
        if ind.same_as or not ind.spec.scale_for(ind.lower_bound, ind.upper_bound) == "logit":
            continue
        if ind.lower_bound == 0 and ind.upper_bound == 100 and ind.unit.strip() != "%":
            groups.setdefault(ind.unit, []).append(ind.id)
    return [tuple(ids) for ids in groups.values() if len(ids) >= 2]


def _in_order(proposal: Proposal, indicator: Indicator, name: str, value: float) -> bool:
    """Whether the levels stay safe, expected, stretch in order (from worse to better) with
    ``value`` as the level ``name``."""
    values = [value if lv.name == name else lv.value for lv in proposal.levels]
    if indicator.better == "lower":
        values = [-v for v in values]
    return all(a <= b + 1e-9 for a, b in zip(values, values[1:]))


def _sum_to_hundred(
    proposals: dict[str, Proposal],
    group: tuple[str, ...],
    catalogue: Catalogue,
    projections: dict[str, Projection],
) -> None:
    """Scale each scenario of a structure's shares to sum to 100, then recompute probabilities."""
    members = [proposals[i] for i in group]
    names = list(PROPOSAL_LEVELS)
    scaled: dict[str, dict[str, float]] = {p.indicator: {} for p in members}
    for name in names:
        values = [p.level(name).value for p in members]
        total = sum(values)
        if total <= 0:
            return
        for p, v in zip(members, values):
            scaled[p.indicator][name] = 100 * v / total
    for p in members:
        ind = catalogue[p.indicator]
        ordered = sorted(scaled[p.indicator].values(), reverse=ind.better == "lower")
        raw = dict(zip(names, ordered))
        projection = projections[p.indicator]
        _finish_levels(
            p,
            ind,
            raw,
            lambda v, _, i=ind, pr=projection, y=p.year: probability_of_target(pr, i, v, y),
        )
        p.linked_to = " ".join(group)
    # the rounding rest of each scenario goes to the largest share; a share given a rest has
    # its levels finished again, so each value has its own probability, change and collapse
    moved: set[str] = set()
    for name in names:
        values = {p.indicator: p.level(name).value for p in members}
        rest = round(100 - sum(values.values()), 6)
        if rest:  # the largest share whose levels stay in order with it (else the largest)
            ranked = sorted(values, key=lambda i: (-values[i], i))
            keeps = [
                i for i in ranked if _in_order(proposals[i], catalogue[i], name, values[i] + rest)
            ]
            chosen = (keeps or ranked)[0]
            p = proposals[chosen]
            lv = p.level(name)
            shifted = replace(lv, value=lv.value + rest)
            p.levels = tuple(shifted if x.name == name else x for x in p.levels)
            moved.add(chosen)
    for indicator in sorted(moved):
        p, ind, projection = proposals[indicator], catalogue[indicator], projections[indicator]
        values = [round(lv.value, 6) for lv in p.levels]
        _set_levels(
            p,
            ind,
            values,
            values,
            lambda v, _, i=ind, pr=projection, y=p.year: probability_of_target(pr, i, v, y),
            [],
        )


def link_proposals(
    proposals: list[Proposal], catalogue: Catalogue, projections: dict[str, Projection]
) -> None:
    """Make linked proposals agree (see the module docstring), in place."""
    by_id = {p.indicator: p for p in proposals}
    for p in proposals:
        ind = catalogue[p.indicator]
        level = by_id.get(ind.level_indicator) if ind.average_of else None
        if level is not None and level.proposed and level.base_year is not None:
            derive_growth(p, ind, level)
    for group in structure_groups(catalogue):
        if all(i in by_id and by_id[i].proposed for i in group) and all(
            i in projections for i in group
        ):
            _sum_to_hundred(by_id, group, catalogue, projections)


def propose_targets(
    catalogue: Catalogue,
    series: dict[str, Series],
    projections: dict[str, Projection],
    judgements: list[Judgement],
    settings: Settings,
) -> list[Proposal]:
    """Proposals for every core indicator and every indicator with a target (see the module
    docstring).

    No proposal is made for a plan's own result (an indicator of role ``plan_result``: the
    count of targets met) or for a relative indicator (``ratio_of`` / ``ratio_to``: a ratio of
    two unpublished figures); a proposal whose series uses a figure the record marks doubtful
    (``quality``) is returned without levels, with the caveat ``uses_doubtful`` and the year to
    verify among its needs. (An area that ceased before the next plan gets none at all:
    :func:`~dongson_analysis.analysis.analyse` does not call this function for it.)

    Parameters
    ----------
    catalogue : Catalogue
        The indicators (their kind, role, links and bounds).
    series : dict of str to Series
        The series by canonical indicator.
    projections : dict of str to Projection
        The projections by indicator.
    judgements : list of Judgement
        The judgements of the review (their targets add indicators to propose).
    settings : Settings
        The next plan's years (``settings.plan_end`` is the year proposed).

    Returns
    -------
    list of Proposal
        In plan order, linked indicators made to agree.

    Raises
    ------
    KeyError
        For an indicator the catalogue does not hold, or a core indicator without a series.

    References
    ----------
    Makridakis, Spiliotis & Assimakopoulos (2020), "The M4 Competition: 100,000 time series and
    61 forecasting methods", International Journal of Forecasting 36(1), 54–74 (the yearly
    series the projection's intervals, whose quantiles give the variants, were learned on).
    """
    out = []
    sources: list[Series] = []
    for indicator in proposal_indicators(catalogue, judgements, settings):
        if not indicator.spec.projectable or indicator.is_plan_result or indicator.is_relative:
            continue  # a plan's result, or a ratio of unpublished figures: nothing to propose
        source = source_indicator(indicator, catalogue)
        made = propose_indicator(
            indicator,
            series[catalogue.canonical(source)],
            projections.get(source),
            catalogue,
            settings,
        )
        sources.append(series[catalogue.canonical(source)])
        out.append(made)
    link_proposals(out, catalogue, projections)
    for made, used in zip(out, sources):
        _refuse_doubtful(made, used)
    return out


def _refuse_doubtful(proposal: Proposal, series: Series) -> None:
    """A proposal resting on a figure the record marks doubtful (``quality``) is not made: its
    levels are dropped, the doubtful years are what it needs verified.
    """
    doubtful = flagged_periods(series.figures_in_use)["doubtful"]
    if not doubtful or not proposal.levels:
        return
    proposal.levels = ()
    proposal.collapsed = ""
    proposal.caveats = [note("uses_doubtful", periods=tuple(doubtful))]
    years = tuple(int(p[:4]) for p in doubtful)
    proposal.needs = [Need(series.indicator, years=years)]
