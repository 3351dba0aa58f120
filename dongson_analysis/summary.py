"""The summary across the areas of a run: every area's targets and judgements side by side.

A province office reviews all its communes at once: for each target, each area's
figure, status and percentage of its target; for each area, how many targets were
met, not met or could not be judged; the parent's own targets beside its units'.
The numbers come from the same judgements as each area's own report (nothing is
judged again here), so the summary and every area's ``assess`` agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from .analysis import Run
from .judgement import JUDGEMENT_STATUSES, Judgement, judgement_table


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
    """

    area: str
    level: str
    parent: str
    judgements: tuple[Judgement, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Targets by status, in the registry's order (statuses with none left out)."""
        found = Counter(j.status for j in self.judgements)
        return {s: found[s] for s in JUDGEMENT_STATUSES if found[s]}

    def count_family(self, family: str) -> int:
        """Targets whose status belongs to ``family`` (see ``JUDGEMENT_STATUSES``)."""
        return sum(1 for j in self.judgements if j.family == family)


@dataclass(frozen=True)
class Summary:
    """Every area of a run, side by side.

    Attributes
    ----------
    areas : tuple of AreaSummary
        The areas, parents before their units, then in catalogue order.
    table : DataFrame
        One row per area and target: the columns of
        :data:`dongson_analysis.judgement.JUDGEMENT_COLUMNS` (``area`` among them) plus
        ``level`` and ``parent``.
    """

    areas: tuple[AreaSummary, ...]
    table: pd.DataFrame

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
        The areas in catalogue order, parents first, with their judged targets.
    """
    catalogue = run.main.catalogue
    order = list(catalogue.areas)
    areas = sorted(run.areas, key=lambda a: (_depth(a, catalogue.areas), order.index(a)))
    summaries = []
    frames = []
    for area in areas:
        analysis = run[area]
        spec = catalogue.area(area)
        summaries.append(AreaSummary(area, spec.level, spec.parent, analysis.judgements))
        frame = judgement_table(list(analysis.judgements))
        frame["level"] = pd.Series([spec.level] * len(frame), dtype="string")
        frame["parent"] = pd.Series([spec.parent] * len(frame), dtype="string")
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return Summary(tuple(summaries), table)


def _depth(area: str, areas: dict) -> int:
    """How many parents an area has within the catalogue (a province: 0)."""
    depth, seen = 0, {area}
    while (parent := areas[area].parent) and parent in areas and parent not in seen:
        depth, area = depth + 1, parent
        seen.add(area)
    return depth
