"""The summary across the areas of a run: every area's targets and judgements side by side.

A province office reviews all its communes at once: for each target, each area's
figure, status and percentage of its target; for each area, how many targets were
met, not met or could not be judged; the parent's own targets beside its units'.
The numbers come from the same judgements as each area's own report (nothing is
judged again here), so the summary and every area's ``assess`` agree, and its counts
are those of each report's Phần I: the targets of the plan under review and of its
annual plans (:func:`dongson_analysis.review.under_review`), counted in the report's
groups (:data:`dongson_analysis.review.REPORT_GROUPS`).

Nothing here is worded: :mod:`dongson_analysis.chapters.summary` makes the summary's
pages, documents and sheets from a :class:`Summary`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from .analysis import Analysis, Run
from .catalogue import Plan
from .judgement import JUDGEMENT_STATUSES, Judgement, judgement_table
from .review import GROUP_ORDER, report_group, under_review


@dataclass(frozen=True)
class AreaSummary:
    """One area of the run: its place in the catalogue and its judged targets.

    Attributes
    ----------
    area : str
        The area id.
    level : str
        Its level (a key of :data:`dongson_analysis.areas.LEVELS`).
    parent : str
        The id of the area it belongs to.
    judgements : tuple of Judgement
        Every target of the area, judged (the same objects as in its own analysis).
    reported : tuple of Judgement
        Those its report counts in Phần I: targets of the plan under review and of its annual
        plans.
    depth : int
        How many of its parents the catalogue holds (a province 0, its districts 1 ...).
    figures : int
        The rows the run's data hold for it (figures and targets); 0: the data hold nothing
        of it.
    """

    area: str
    level: str
    parent: str
    judgements: tuple[Judgement, ...]
    reported: tuple[Judgement, ...] = ()
    depth: int = 0
    figures: int = 0

    @property
    def standing(self) -> str:
        """``judged`` (it has targets to count), ``no_targets`` (figures but no target of the
        plan under review) or ``no_figures`` (the data hold nothing of it).
        """
        if self.reported:
            return "judged"
        return "no_targets" if self.figures else "no_figures"

    @property
    def counts(self) -> dict[str, int]:
        """Every target by status, in the registry's order (statuses with none left out)."""
        found = Counter(j.status for j in self.judgements)
        return {s: found[s] for s in JUDGEMENT_STATUSES if found[s]}

    def count_family(self, family: str) -> int:
        """Targets whose status belongs to ``family`` (see ``JUDGEMENT_STATUSES``)."""
        return sum(1 for j in self.judgements if j.family == family)

    @property
    def group_counts(self) -> dict[str, int]:
        """The reported targets by the report's groups (:data:`~dongson_analysis.review.
        GROUP_ORDER`, zeros included): the counts of the area's Phần I, added over its plans.
        """
        counts = dict.fromkeys(GROUP_ORDER, 0)
        for j in self.reported:
            counts[report_group(j.status)] += 1
        return counts


@dataclass(frozen=True)
class SummaryTarget:
    """A row of the summary: a target (indicator and period) of one plan, whichever areas set it.

    Attributes
    ----------
    plan : Plan
        The plan that set it (each area sets its own value).
    indicator : str
        The canonical indicator.
    period : str
        The target's period (``2020``, ``2016-2020``).
    judgements : dict of str to Judgement
        Each area's judgement of its target, by area id, in the summary's area order.
    """

    plan: Plan
    indicator: str
    period: str
    judgements: dict[str, Judgement] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.plan.id, self.indicator, self.period)


def _plan_rank(plan: Plan, review: tuple[int, int]) -> tuple:
    """The term plan under review first, then its annual plans (the latest first), then others."""
    first, last = review
    if plan.kind == "term" and (plan.first_year, plan.last_year) == (first, last):
        return (0, 0, plan.id)
    if plan.kind == "annual":
        return (1, -plan.first_year, plan.id)
    return (2, plan.first_year, plan.id)


@dataclass(frozen=True)
class Summary:
    """Every area of a run, side by side.

    Attributes
    ----------
    run : Run
        The run summarised (each area's analysis).
    areas : tuple of AreaSummary
        The areas, parents before their units, then in catalogue order.
    targets : tuple of SummaryTarget
        The reported targets of every area, one row per plan, indicator and period: the plan
        under review first, then its annual plans (the latest first); within a plan in
        catalogue order.
    """

    run: Run
    areas: tuple[AreaSummary, ...]
    targets: tuple[SummaryTarget, ...] = ()

    @property
    def parent(self) -> str:
        """The area the run's units belong to: its one top area when it holds units below it,
        else their common parent in the catalogue ("" when they have none in common).
        """
        top = self.top
        if len(top) == 1 and len(self.areas) > 1:
            return top[0].area
        parents = {a.parent for a in self.areas}
        return parents.pop() if len(parents) == 1 else ""

    def analysis(self, area: str) -> Analysis:
        """The analysis of one area of the summary."""
        return self.run[area]

    @property
    def top(self) -> tuple[AreaSummary, ...]:
        """The areas no other area of the run belongs to (the parents, when the run holds them)."""
        least = min((a.depth for a in self.areas), default=0)
        return tuple(a for a in self.areas if a.depth == least)

    @property
    def units(self) -> tuple[AreaSummary, ...]:
        """The areas below the top ones (every area when all are at one depth)."""
        top = self.top
        return self.areas if len(top) == len(self.areas) else self.areas[len(top) :]

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per area and target (every target, of every plan): the columns of
        :data:`dongson_analysis.judgement.JUDGEMENT_COLUMNS` (``area`` among them) plus
        ``level``, ``parent`` and ``reported`` (the report counts it in Phần I).
        """
        judgements = [j for a in self.areas for j in a.judgements]
        frame = judgement_table(judgements)
        sizes = [len(a.judgements) for a in self.areas]
        frame["level"] = pd.Series(np.repeat([a.level for a in self.areas], sizes), dtype="string")
        frame["parent"] = pd.Series(
            np.repeat([a.parent for a in self.areas], sizes), dtype="string"
        )
        reported = {id(j) for a in self.areas for j in a.reported}
        frame["reported"] = np.array([id(j) in reported for j in judgements], dtype=bool)
        return frame

    def wide(self, value: str = "status") -> pd.DataFrame:
        """Targets (indicator and period) down, areas across, ``value`` in the cells.

        Where an area has two targets for the same indicator and period (two plans), the
        one of the plan that comes first in the table is shown.
        """
        table = self.table.drop_duplicates(["indicator", "target_period", "area"])
        wide = table.pivot(index=["indicator", "target_period"], columns="area", values=value)
        return wide[[a.area for a in self.areas if a.area in wide.columns]]


def summarise(run: Run) -> Summary:
    """The summary of every area of ``run``.

    Parameters
    ----------
    run : Run
        The analysis of every area of a run (:func:`dongson_analysis.analysis.analyse`).

    Returns
    -------
    Summary
        The areas in catalogue order, parents first, with their judged targets; the reported
        targets of every area as rows, each area's judgement beside the others'.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from dongson_analysis import analyse, settings_from_parameters
    >>> from dongson_analysis.summary import summarise
    >>> summary = summarise(analyse(replace(settings_from_parameters(), area_selection="all")))
    >>> [a.area for a in summary.areas][:2]
    ['thanh_hoa', 'dong_son']
    """
    catalogue = run.main.catalogue
    order = {a: i for i, a in enumerate(catalogue.areas)}
    depths = {a: _depth(a, catalogue.areas) for a in run.areas}
    areas = sorted(run.areas, key=lambda a: (depths[a], order[a]))
    held = run.inputs.observations["area"].value_counts()
    summaries = []
    rows: dict[tuple[str, str, str], SummaryTarget] = {}
    for area in areas:
        analysis = run[area]
        spec = catalogue.area(area)
        reported = tuple(j for j in analysis.judgements if under_review(j.target.plan, analysis))
        summaries.append(
            AreaSummary(
                area,
                spec.level,
                spec.parent,
                analysis.judgements,
                reported,
                depths[area],
                int(held.get(area, 0)),
            )
        )
        for j in reported:
            t = j.target
            key = (t.plan.id, t.indicator, str(t.period))
            row = rows.get(key)
            if row is None:
                row = rows[key] = SummaryTarget(t.plan, t.indicator, str(t.period))
            row.judgements.setdefault(area, j)  # two targets of one plan and period: the first
    indicators = {ind.id: i for i, ind in enumerate(catalogue)}
    review = run.settings.review
    targets = sorted(
        rows.values(),
        key=lambda r: (
            _plan_rank(r.plan, review),
            indicators.get(r.indicator, len(indicators)),
            next(iter(r.judgements.values())).target.period.start,
            next(iter(r.judgements.values())).target.period.half,
        ),
    )
    return Summary(run, tuple(summaries), tuple(targets))


def _depth(area: str, areas: dict) -> int:
    """How many parents an area has within the catalogue (a province: 0)."""
    depth, seen = 0, {area}
    while (parent := areas[area].parent) and parent in areas and parent not in seen:
        depth, area = depth + 1, parent
        seen.add(area)
    return depth
