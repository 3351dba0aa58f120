"""One run of the analysis: settings → validated tables → series → projections → judgements and
proposals, for every area of the run at once.

:func:`analyse` computes everything once and returns a :class:`Run` holding one
:class:`Analysis` per area; :func:`run_analysis` is the same for the run's main
area alone. Each stage is a function of the previous stage's result:

1. :func:`load_inputs` — the catalogue and the validated observations, sources and breaks;
2. :func:`dongson_analysis.series.build_series` — one yearly series per indicator;
3. :func:`project_all` — a projection per series that can be projected, or the reason why not;
4. :func:`dongson_analysis.judgement.judge_targets` and
   :func:`dongson_analysis.proposals.propose_targets`.

Nothing here is worded: the text layer turns the results into sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

import numpy as np
import pandas as pd

from .benchmark_results import BenchmarkResults, load_benchmark_results
from .catalogue import Catalogue, CatalogueError, find_catalogues, load_catalogue
from .consumer_prices import (
    PriceChange,
    consumer_prices_by_date,
    empty_consumer_prices,
    latest_change,
)
from .input_schema import CITABLE_SOURCE_KINDS
from .judgement import Judgement, JudgementContext, Note, judge_targets, note, targets_by_area
from .problems import Problem, ValidationError
from .projection import Projection, max_horizon, project_many
from .proposals import Proposal, propose_targets
from .records import validate_paths
from .series import ObservationIndex, Series, Trend, build_series_by_area, trend_of
from .settings import Settings, SettingsError
from .vintage import default_report_date, published_sources


@dataclass(frozen=True)
class Inputs:
    """The validated input tables of a run.

    Attributes
    ----------
    catalogue : Catalogue
    observations : DataFrame
        Every figure and target (:data:`dongson_analysis.records.OBSERVATION_COLUMNS`).
    sources : DataFrame
        The sources, with their publication dates.
    breaks : DataFrame
        Definition changes (:data:`dongson_analysis.records.BREAK_COLUMNS`).
    files : tuple of str
        The files read.
    warnings : tuple of Problem
        What validation warned about (the figures load as typed).
    comparables : DataFrame
        Comparable areas' targets.
    consumer_prices : DataFrame
        National consumer price changes.
    """

    catalogue: Catalogue
    observations: pd.DataFrame
    sources: pd.DataFrame
    breaks: pd.DataFrame
    files: tuple[str, ...]
    warnings: tuple[Problem, ...]
    comparables: pd.DataFrame
    consumer_prices: pd.DataFrame = field(default_factory=empty_consumer_prices)

    def published_by(self, report_date: str | None) -> Inputs:
        """The inputs as they stood on ``report_date``: figures, targets and series breaks
        of sources published by then (see :mod:`dongson_analysis.vintage`).
        """
        known = published_sources(self.sources, report_date)
        return replace(
            self,
            observations=self.observations[self.observations["source_id"].isin(known)],
            breaks=self.breaks[self.breaks["source_id"].isin(known)],
        )


@dataclass(frozen=True)
class PlanResult:
    """A plan's overall result as its source states it: ``met`` of its ``total`` targets met in
    ``year`` ("Năm 2023: 27/28 chỉ tiêu hoàn thành", S19).

    Read from the figures of an indicator whose catalogue role is ``plan_result``
    (:data:`~dongson_analysis.catalogue.INDICATOR_ROLES`); such counts are never judged,
    projected or proposed.

    Attributes
    ----------
    plan : str
        The id of the plan the count belongs to (``annual_2023``).
    year : int
        The year of the plan.
    met : float
        Targets met (NaN where the record holds only the plan's size).
    total : float
        Targets the plan set (NaN where the source does not say).
    sources : tuple of str
        The sources of the count.
    """

    plan: str
    year: int
    met: float
    total: float
    sources: tuple[str, ...]


def plan_results(rows: pd.DataFrame, catalogue: Catalogue) -> tuple[PlanResult, ...]:
    """The overall results of an area's plans: the figures of plan-result indicators, by plan.

    Parameters
    ----------
    rows : DataFrame
        The area's rows of plan-result indicators, as :func:`plan_result_rows` selects them
        (a run selects them once for every area).
    catalogue : Catalogue
        The plan of each source.

    Returns
    -------
    tuple of PlanResult
        One per plan and year with a count, by year then plan id; the count met is the figure
        (actual or estimate), the total the plan's target (the plan's size).
    """
    if rows.empty:  # most areas hold no plan result
        return ()
    found: dict[tuple[int, str], dict] = {}
    for r in rows.itertuples():
        year = int(r.period_start)
        plan = catalogue.plan_for(str(r.source_id), year, year).id
        entry = found.setdefault(
            (year, plan), {"met": float("nan"), "total": float("nan"), "sources": []}
        )
        if r.effective_status == "target":
            entry["total"] = float(r.value)
        else:
            entry["met"] = float(r.value)
            if r.source_id not in entry["sources"]:
                entry["sources"].append(str(r.source_id))
    return tuple(
        PlanResult(plan, year, e["met"], e["total"], tuple(e["sources"]))
        for (year, plan), e in sorted(found.items())
    )


def plan_result_rows(observations: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """The rows of plan-result indicators (``role``) that :func:`plan_results` reads: yearly,
    not superseded, of every area (a run selects them once, then groups them by area)."""
    wanted = {i.id for i in catalogue if catalogue[catalogue.canonical(i.id)].is_plan_result}
    return observations[
        observations["indicator"].isin(wanted)
        & (observations["period_type"] == "year")
        & ~observations["superseded"]
    ]


@dataclass(frozen=True)
class SuccessionStep:
    """One step of an area's succession: from ``date`` (ISO) its territory belongs to
    ``successors``, as ``sources`` state.
    """

    date: str
    successors: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Succession:
    """An area that ceased to exist before the end of the run's periods, and where it went.

    Attributes
    ----------
    area : str
        The area's id.
    ended : str
        The last day it existed (ISO, its ``valid_to`` in ``areas.csv``).
    steps : tuple of SuccessionStep
        Where its territory went, in date order (Đông Sơn: Thanh Hóa city from 1 January 2025,
        then the Đông Sơn and Đông Quang wards from 1 July 2025).
    review_past_end : bool
        The period under review runs past ``ended`` (its last year has no figure of the area).
    ceased_before_plan : bool
        The area no longer existed when the next plan starts: no proposal is made for it.
    known : tuple of bool
        For each step, whether every source of it was published by the report's date (see
        :mod:`dongson_analysis.vintage`): the report states only those steps.
    """

    area: str
    ended: str
    steps: tuple[SuccessionStep, ...]
    review_past_end: bool
    ceased_before_plan: bool
    known: tuple[bool, ...] = ()

    @property
    def known_steps(self) -> tuple[SuccessionStep, ...]:
        """The steps a report of the run's date may state (their sources published by then);
        every step when ``known`` is not given.
        """
        if not self.known:
            return self.steps
        return tuple(step for step, k in zip(self.steps, self.known, strict=True) if k)

    @property
    def ceasing_known(self) -> bool:
        """A source published by the report's date states that the area ceases (its first
        step, the area's own successor, is known).
        """
        return bool(self.steps) and self.steps[0] in self.known_steps

    @property
    def ceased_on(self) -> str:
        """The first day the area no longer existed (ISO)."""
        return _next_day(self.ended)


def _next_day(iso: str) -> str:
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def _final_units(catalogue: Catalogue, area: str, on: str) -> dict[str, str]:
    """The units that hold ``area``'s territory on the ISO date ``on``, each with the source of
    the last step that took it there (a unit without a recorded successor is left out).
    """
    found: dict[str, str] = {}
    todo = [(area, "")]
    while todo:
        unit, source = todo.pop(0)
        a = catalogue.area(unit)
        if a.valid_to and a.valid_to < on:
            todo += [(s, a.successor_source) for s in a.successors]
        elif source:
            found.setdefault(unit, source)
    return found


def succession_of(
    catalogue: Catalogue, settings: Settings, published: set[str] | None = None
) -> Succession | None:
    """The succession of the run's area when the review or the next plan runs past its end.

    Parameters
    ----------
    catalogue : Catalogue
        ``areas.csv``: each area's ``valid_to``, successors and the source of the succession.
    settings : Settings
        The area, the period under review and the next plan.
    published : set of str, optional
        The ids of the sources published by the report's date
        (:func:`dongson_analysis.vintage.published_sources`); a step is known to the report
        when every source of it is among them. None: every step is known.

    Returns
    -------
    Succession or None
        None while the area exists to the end of the next plan (or its end is not recorded).
        Otherwise the steps: the area's own successor; where that successor ended without one of
        its own, the units the area's own units (its wards and communes) went into.
    """
    area = catalogue.area(settings.area)
    if not area.valid_to:
        return None
    end = date.fromisoformat(area.valid_to)
    if end >= date(settings.plan_end, 12, 31):
        return None
    steps = []
    current, on = area, _next_day(area.valid_to)
    if current.successors:
        steps.append(SuccessionStep(on, current.successors, (current.successor_source,)))
        while len(current.successors) == 1:
            current = catalogue.area(current.successors[0])
            if not current.valid_to or current.successors:
                break
            on = _next_day(current.valid_to)
            units: dict[str, str] = {}
            for child in (a.id for a in catalogue.areas.values() if a.parent == area.id):
                for unit, source in _final_units(catalogue, child, on).items():
                    units.setdefault(unit, source)
            if units:
                steps.append(SuccessionStep(on, tuple(units), tuple(dict.fromkeys(units.values()))))
            break
    first_plan_day = date(settings.next_term_years[0], 1, 1)
    known = tuple(
        published is None or all(source in published for source in step.sources) for step in steps
    )
    return Succession(
        area.id,
        area.valid_to,
        tuple(steps),
        end.year < settings.term_years[1],
        end < first_plan_day,
        known,
    )


@dataclass(frozen=True)
class LookBackRow:
    """One projected year set against the figure later published for it."""

    indicator: str
    year: int
    outcome: float
    outcome_status: str
    median: float
    lower80: float
    upper80: float
    lower95: float
    upper95: float

    @property
    def inside80(self) -> bool:
        return self.lower80 <= self.outcome <= self.upper80

    @property
    def inside95(self) -> bool:
        return self.lower95 <= self.outcome <= self.upper95

    @property
    def error_percent(self) -> float:
        """100 × (outcome − median) / median: how far the median was, in percent of it."""
        return 100 * (self.outcome - self.median) / self.median if self.median else float("nan")


@dataclass(frozen=True)
class LookBack:
    """The projections the tool makes from the record as it stood before the period under
    review, set against the figures published since.

    Attributes
    ----------
    as_of : str or None
        The date the earlier record stood on (its latest source), None if undated.
    last_year : int
        The last year of that record (the base year of the period under review).
    projections : dict of str to Projection
        The projections made from that record to the end of the period under review.
    rows : tuple of LookBackRow
        Every projected year that now has an actual or estimated figure.
    not_projected : dict of str to Note
        Indicators with figures now that the earlier record could not project, and why.
    """

    as_of: str | None
    last_year: int
    projections: dict[str, Projection]
    rows: tuple[LookBackRow, ...]
    not_projected: dict[str, Note]


@dataclass(frozen=True)
class Analysis:
    """Everything computed in one run, passed down to the text, tables, charts and chapters.

    Attributes
    ----------
    settings : Settings
    catalogue : Catalogue
    observations, sources, breaks : DataFrame
        The validated tables (:data:`dongson_analysis.records.OBSERVATION_COLUMNS`, ...).
    files : tuple of str
        The data files read.
    warnings : tuple of Problem
        Plausibility warnings (shown, never applied).
    series : dict of str to Series
        One yearly series per canonical indicator.
    trends : dict of str to Trend
        The average yearly change of every series with two figures or more (after the latest break).
    projections : dict of str to Projection
        A projection to ``settings.plan_end`` per series that can be projected.
    not_projected : dict of str to Note
        For every other series with figures: why it is not projected.
    judgements : tuple of Judgement
        Every target of the area, judged.
    proposals : tuple of Proposal
        Proposed targets for the next plan.
    benchmarks : BenchmarkResults
        The committed accuracy results of the projection method (for the methods chapter).
    look_back : LookBack
        The projections made from the record as it stood before the period under review,
        against what was published since.
    hindsight : LookBack
        This run's projections against the figures published after its report date for
        years of the next plan (rows only when such figures exist).
    later_observations : DataFrame
        Figures and targets of sources published after the report date (not used, not
        cited; listed in the working notes).
    comparables : DataFrame
        Targets that comparable areas adopted for years of the next plan
        (:data:`dongson_analysis.comparables.COMPARABLE_COLUMNS`), with ``published``
        (the source's date) and ``published_by_report_date`` (whether a report of that
        date may cite it; the working notes show the others as published since).
    consumer_prices : DataFrame
        National consumer price changes
        (:data:`dongson_analysis.consumer_prices.CONSUMER_PRICE_COLUMNS`), by year, marked
        the same way: the text cites only those published by the report's date.
    plan_results : tuple of PlanResult
        The overall results of the area's plans as their sources state them ("27/28 chỉ tiêu
        hoàn thành"): counts of targets met, never judged, projected or proposed.
    succession : Succession or None
        Where the area went when the review or the next plan runs past its end (``areas.csv``);
        an area that ceased before the next plan starts gets no proposal.
    """

    settings: Settings
    catalogue: Catalogue
    observations: pd.DataFrame
    sources: pd.DataFrame
    breaks: pd.DataFrame
    files: tuple[str, ...]
    warnings: tuple[Problem, ...]
    series: dict[str, Series]
    trends: dict[str, Trend]
    projections: dict[str, Projection]
    not_projected: dict[str, Note]
    judgements: tuple[Judgement, ...]
    proposals: tuple[Proposal, ...]
    benchmarks: BenchmarkResults
    look_back: LookBack
    hindsight: LookBack
    later_observations: pd.DataFrame
    comparables: pd.DataFrame
    consumer_prices: pd.DataFrame = field(default_factory=empty_consumer_prices)
    plan_results: tuple[PlanResult, ...] = ()
    succession: Succession | None = None

    @cached_property
    def cited_price_change(self) -> PriceChange | None:
        """The national consumer price change the report may cite: the latest published by
        the report's date (:func:`dongson_analysis.consumer_prices.latest_change`), or None."""
        return latest_change(self.consumer_prices)

    @cached_property
    def area_observations(self) -> pd.DataFrame:
        """The observations of the settings' area (read from the run's table when first asked
        for).
        """
        return self.observations[self.observations["area"] == self.settings.area]

    @cached_property
    def recorded_indicators(self) -> tuple[str, ...]:
        """The indicators the area's observations are about, each once (an alias counted with
        the indicator it stands for: ``urbanisation_rate`` is ``urban_population_share``), in
        catalogue order.
        """
        found = {self.catalogue.canonical(i) for i in self.area_observations["indicator"]}
        return tuple(i.id for i in self.catalogue if i.id in found)

    @cached_property
    def citable_sources(self) -> frozenset[str]:
        """The sources a filed report may cite: those of a kind in
        :data:`~dongson_analysis.input_schema.CITABLE_SOURCE_KINDS` (an aggregator, a forum, a
        listing page or a source of unknown kind is not).
        """
        if "kind" not in self.sources:
            return frozenset()
        kinds = self.sources["kind"].fillna("").astype(str).str.strip()
        return frozenset(self.sources.loc[kinds.isin(CITABLE_SOURCE_KINDS), "source_id"])

    @cached_property
    def citable_observations(self) -> pd.DataFrame:
        """The area's figures and targets a filed report may print: those of a citable source
        (:attr:`citable_sources`). Their ``qualifier`` ("gần", "trên", "khoảng") travels with
        each figure.
        """
        obs = self.area_observations
        return obs[obs["source_id"].isin(self.citable_sources)]


def resolve_catalogue(settings: Settings) -> Catalogue:
    """The catalogue of a run: ``settings.catalogue_dir``, else the one catalogue inside the data
    paths.
    """
    if settings.catalogue_dir is not None:
        folder = settings.catalogue_dir
    else:
        found = find_catalogues(settings.data_paths)
        where = ", ".join(str(p) for p in settings.data_paths)
        if not found:
            raise CatalogueError(Problem(where, 1, 1, "catalogue_none_found"))
        distinct = {
            tuple((f / name).read_bytes() for name in ("indicators.csv", "units.csv")): f
            for f in found
        }
        if len(distinct) > 1:
            raise CatalogueError(
                Problem(str(found[1]), 1, 1, "catalogue_different", {"first": str(found[0])})
            )
        folder = found[0]
    return load_catalogue(folder)


def load_inputs(settings: Settings) -> Inputs:
    """Read and validate every input of a run.

    Parameters
    ----------
    settings : Settings
        Its data paths, catalogue and as-of year.

    Returns
    -------
    Inputs

    Raises
    ------
    ValidationError
        If any data file has a problem (every problem is listed).
    CatalogueError
        If the catalogue cannot be read.
    """
    catalogue = resolve_catalogue(settings)
    report = validate_paths(settings.data_paths, catalogue, as_of_year=settings.as_of_year)
    if not report.ok:
        raise ValidationError(report.problems, settings.language)
    assert (
        report.observations is not None and report.sources is not None and report.breaks is not None
    )
    return Inputs(
        catalogue,
        report.observations,
        report.sources,
        report.breaks,
        tuple(report.files),
        tuple(report.warnings),
        report.comparables,
        report.consumer_prices if report.consumer_prices is not None else empty_consumer_prices(),
    )


def _not_projectable(s: Series, ind, end_year: int) -> Note | None:
    """Why a series with figures is not projected to ``end_year`` (None: it is)."""
    if not ind.spec.projectable or ind.is_plan_result:
        return note("not_projectable")
    if ind.is_relative:  # a ratio of two figures the record does not publish: no trend to learn
        return note("relative", of=ind.ratio_of, to=ind.ratio_to)
    seg = s.figures_in_use
    if len(seg) < 2:
        return note(
            "single_figure",
            year=s.last_year,
            break_year=s.segment_start if len(s.before_break) else None,
        )
    last = s.last_year
    if end_year - last > max_horizon():
        return note("too_old", last_year=last, year=end_year)
    if last >= end_year:
        return note("already_observed", last_year=last)
    scale = ind.spec.scale_for(ind.lower_bound, ind.upper_bound)
    values = seg["value"]
    if scale == "log" and (values <= 0).any():
        return note("not_positive", year=int(seg["period_start"][(values <= 0).argmax()]))
    return None


class Projections(Mapping):
    """The projections of one area's series by indicator: views into the run's batch
    (:class:`~dongson_analysis.projection.ProjectionBatch`), each made when first read.

    A mapping like a dict (``in``, ``get``, ``items``, in the order of the area's series);
    pickled or copied, it becomes a plain dict of the projections it holds.

    Parameters
    ----------
    batch : ProjectionBatch
        Every series of the run, projected in one call.
    ids : dict of str to int
        Each indicator and its series' id in the batch.
    """

    __slots__ = ("_batch", "_ids", "_made")

    def __init__(self, batch, ids: dict[str, int]):
        self._batch = batch
        self._ids = ids
        self._made: dict[str, Projection] = {}

    def __getitem__(self, indicator: str) -> Projection:
        found = self._made.get(indicator)
        if found is None:
            found = self._made[indicator] = self._batch[self._ids[indicator]]
        return found

    def __contains__(self, indicator: object) -> bool:
        return indicator in self._ids

    def __iter__(self):
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"Projections({list(self._ids)})"

    def __reduce__(self):
        return (dict, (dict(self.items()),))

    def only(self, indicators: set[str]) -> Projections:
        """The projections of ``indicators`` only (in the same order)."""
        return Projections(self._batch, {i: k for i, k in self._ids.items() if i in indicators})

    def id_of(self, indicator: str) -> int:
        """The id of the indicator's series in the batch."""
        return self._ids[indicator]

    @property
    def batch(self):
        """The run's batch the projections are views into."""
        return self._batch


def project_areas(
    series: dict[str, dict[str, Series]], catalogue: Catalogue, end_year: int
) -> dict[str, tuple[Projections, dict[str, Note]]]:
    """Project every series of every area to ``end_year`` in one
    :func:`~dongson_analysis.projection.project_many` call; say why the others are not.

    Parameters
    ----------
    series : dict of str to dict of str to Series
        By area, then by canonical indicator (:func:`dongson_analysis.series.build_series_by_area`).
    catalogue : Catalogue
        Each indicator's kind, bounds and series group.
    end_year : int
        The last year projected (the end of the next plan).

    Returns
    -------
    dict of str to (Projections, dict of str to Note)
        By area: the projections by indicator (in the order of the area's series), and for
        every other series with figures the reason it is not projected.
    """
    reasons: dict[str, dict[str, Note]] = {area: {} for area in series}
    keys: list[tuple[str, str]] = []
    years, values, lengths, attributes = [], [], [], []
    attribute_of: dict[str, tuple] = {}
    for area, by_indicator in series.items():
        for indicator, s in by_indicator.items():
            if s.empty:
                continue
            ind = catalogue[indicator]
            why = _not_projectable(s, ind, end_year)
            if why is not None:
                reasons[area][indicator] = why
                continue
            seg = s.figures_in_use
            keys.append((area, indicator))
            years.append(seg["period_start"])
            values.append(seg["value"])
            lengths.append(len(seg))
            found = attribute_of.get(indicator)
            if found is None:
                found = attribute_of[indicator] = (
                    ind.kind,
                    ind.lower_bound,
                    ind.upper_bound,
                    ind.series_group,
                )
            attributes.append(found)
    if keys:
        counts = np.asarray(lengths)
        kind, lower, upper, group = (np.asarray(a, dtype=object) for a in zip(*attributes))
        data = pd.DataFrame(
            {
                "id": np.repeat(np.arange(len(keys)), counts),
                "year": np.concatenate(years),
                "value": np.concatenate(values),
                "kind": np.repeat(kind, counts),
                "lower": np.repeat(lower.astype(float), counts),
                "upper": np.repeat(upper.astype(float), counts),
                "group": np.repeat(group, counts),
            }
        )
    else:
        data = pd.DataFrame(columns=["id", "year", "value"])
    batch = project_many(data, end_year=end_year, errors="collect")
    ids: dict[str, dict[str, int]] = {area: {} for area in series}
    for k, (area, indicator) in enumerate(keys):
        if k in batch.refused:
            reasons[area][indicator] = note("projection_refused")
        else:
            ids[area][indicator] = k
    out = {}
    for area, by_indicator in series.items():
        found = reasons[area]
        out[area] = (
            Projections(batch, ids[area]),
            {i: found[i] for i in by_indicator if i in found},
        )
    return out


def project_all(
    series: dict[str, Series], catalogue: Catalogue, settings: Settings
) -> tuple[dict[str, Projection], dict[str, Note]]:
    """Project every series of one area that can be projected to ``settings.plan_end``; say why
    the others are not.

    Every series is projected in one :func:`~dongson_analysis.projection.project_many` call,
    with its indicator's kind, bounds and series group (:func:`project_areas` does the same for
    every area of a run at once).

    Parameters
    ----------
    series : dict of str to Series
        The area's series by canonical indicator.
    catalogue : Catalogue
        Each indicator's kind, bounds and series group.
    settings : Settings
        ``settings.plan_end`` is the last year projected.

    Returns
    -------
    dict of str to Projection
        The projections, in the order of ``series``.
    dict of str to Note
        For every other series with figures, why it is not projected (``not_projectable``,
        ``relative``, ``single_figure``, ``too_old``, ``already_observed``, ``not_positive``,
        ``projection_refused``). A relative indicator (``ratio_of`` / ``ratio_to`` in the
        catalogue, such as revenue against the province's estimate) is never projected: it is
        a ratio of two figures the record does not publish, and its swings are not a trend.

    References
    ----------
    Makridakis, Spiliotis & Assimakopoulos (2020), "The M4 Competition: 100,000 time series and
    61 forecasting methods", International Journal of Forecasting 36(1), 54–74 (the yearly
    series the method's weights and intervals were learned on).
    """
    area = next(iter(series.values())).area if series else settings.area
    projections, reasons = project_areas({area: series}, catalogue, settings.plan_end)[area]
    return dict(projections.items()), reasons


@dataclass(frozen=True)
class Run:
    """The analysis of every area of a run, computed once.

    Attributes
    ----------
    settings : Settings
        The run's settings (its main area is ``settings.area``).
    inputs : Inputs
        The validated input tables, read once for every area.
    areas : dict of str to Analysis
        One analysis per area of the run, the main area first, then in catalogue order.
    """

    settings: Settings
    inputs: Inputs
    areas: dict[str, Analysis]

    @property
    def main(self) -> Analysis:
        """The analysis of the run's main area (``settings.area``)."""
        return self.areas[self.settings.area]

    def __getitem__(self, area: str) -> Analysis:
        return self.areas[area]


def areas_with_figures(inputs: Inputs) -> list[str]:
    """Catalogued areas that hold at least one figure, in catalogue order."""
    present = set(inputs.observations["area"])
    return [a for a in inputs.catalogue.areas if a in present]


def run_areas(settings: Settings, inputs: Inputs) -> list[str]:
    """The areas a run covers: its main area, those it names, those its selection picks.

    Raises
    ------
    SettingsError
        ``unknown_area`` for an id ``areas.csv`` does not hold (with the closest ids),
        ``area_without_figures`` for the main area when the data hold no figure of it
        (with the areas that have figures), ``unknown_selection`` for a selection that
        is neither ``all`` nor a level.
    """
    from .areas import LEVELS, closest_ids

    catalogue = inputs.catalogue
    with_figures = areas_with_figures(inputs)
    for area in settings.run_areas:
        if area not in catalogue.areas:
            raise SettingsError(
                "unknown_area",
                value=area,
                closest=", ".join(closest_ids(area, list(catalogue.areas))) or "-",
                known=", ".join(with_figures) or "-",
            )
    if settings.area not in with_figures:
        raise SettingsError(
            "area_without_figures", value=settings.area, known=", ".join(with_figures) or "-"
        )
    chosen = list(settings.run_areas)
    if settings.area_selection:
        selection = settings.area_selection
        if selection != "all" and selection not in LEVELS:
            raise SettingsError(
                "unknown_selection", value=selection, levels=", ".join(("all", *LEVELS))
            )
        chosen += [
            a for a in with_figures if selection == "all" or catalogue.areas[a].level == selection
        ]
    return list(dict.fromkeys(chosen))


def comparables_for(settings: Settings, inputs: Inputs) -> pd.DataFrame:
    """Comparable areas' targets for years of the next plan, each with its source's date and
    whether a report dated ``settings.report_date`` may cite it (the same for every area).
    """
    frame = inputs.comparables
    frame = frame[
        (frame["period_end"] >= settings.plan[0]) & (frame["period_end"] <= settings.plan[1])
    ]
    dates = dict(zip(inputs.sources["source_id"], inputs.sources["published"]))
    known = published_sources(inputs.sources, settings.report_date)
    return frame.assign(
        published=frame["source_id"].map(dates).astype("string"),
        published_by_report_date=frame["source_id"].isin(known),
    ).reset_index(drop=True)


class _Bands:
    """The table of a batch (every projected year of every series) read by series id."""

    def __init__(self, batch):
        table = batch.table()
        ids = table["id"].to_numpy(dtype=np.int64)
        self.year = table["year"].to_numpy(dtype=np.int64)
        self.columns = {
            c: table[c].to_numpy(dtype=float)
            for c in ("point", "lower80", "upper80", "lower95", "upper95")
        }
        count = len(batch.ids)
        self.first = np.searchsorted(ids, np.arange(count), side="left")
        self.end = np.searchsorted(ids, np.arange(count), side="right")

    def row(self, series_id: int, year: int) -> int | None:
        """The table's row of a series' projected ``year`` (None: not projected)."""
        lo, hi = int(self.first[series_id]), int(self.end[series_id])
        if lo == hi:
            return None
        at = lo + year - int(self.year[lo])
        return at if lo <= at < hi and int(self.year[at]) == year else None


def _compare(
    projections: dict[str, Projections],
    bands: _Bands | None,
    series_now: dict[str, dict[str, Series]],
    years: range,
    last_year: int,
) -> dict[str, tuple[LookBackRow, ...]]:
    """For every area: every projected year of ``years`` that its series in ``series_now`` hold
    a figure for, set against its projection (by indicator in the projections' order, then by
    year); series whose definition changed after ``last_year`` are left out (not comparable).
    """
    out: dict[str, tuple[LookBackRow, ...]] = {area: () for area in projections}
    if bands is None:
        return out
    owners: list[tuple[str, str]] = []
    ids, counts, starts, values, statuses = [], [], [], [], []
    for area, by_indicator in projections.items():
        now = series_now[area]
        for indicator in by_indicator:
            s = now.get(indicator)
            if s is None or (s.segment_start is not None and s.segment_start > last_year):
                continue
            seg = s.figures_in_use
            if not len(seg):
                continue
            owners.append((area, indicator))
            ids.append(by_indicator.id_of(indicator))
            counts.append(len(seg))
            starts.append(seg["period_start"])
            values.append(seg["value"])
            statuses.append(seg["effective_status"])
    if not owners:
        return out
    owner = np.repeat(np.arange(len(owners)), counts)
    year = np.concatenate(starts)
    inside = (year >= years[0]) & (year <= years[-1])
    # the first figure of each series and year, by series then year (as ``Series.figure``)
    keys = owner[inside] * (years[-1] - years[0] + 1) + (year[inside] - years[0])
    _, first = np.unique(keys, return_index=True)
    rows = np.flatnonzero(inside)[first]
    owner, year = owner[rows], year[rows]
    series_id = np.asarray(ids, dtype=np.int64)[owner]
    lo, hi = bands.first[series_id], bands.end[series_id]
    at = lo + year - bands.year[np.minimum(lo, len(bands.year) - 1)] if len(bands.year) else lo
    ok = (lo < hi) & (at >= lo) & (at < hi)
    ok[ok] = bands.year[at[ok]] == year[ok]
    rows, owner, year, at = rows[ok], owner[ok], year[ok], at[ok]
    value = np.concatenate(values)[rows].tolist()
    status = np.concatenate(statuses)[rows].tolist()
    band = [
        bands.columns[c][at].tolist() for c in ("point", "lower80", "upper80", "lower95", "upper95")
    ]
    found: dict[str, list[LookBackRow]] = {}
    for k, o in enumerate(owner.tolist()):
        area, indicator = owners[o]
        found.setdefault(area, []).append(
            LookBackRow(
                indicator,
                int(year[k]),
                value[k],
                str(status[k]),
                band[0][k],
                band[1][k],
                band[2][k],
                band[3][k],
                band[4][k],
            )
        )
    out.update({area: tuple(rows_of) for area, rows_of in found.items()})
    return out


def _any_figure_in(series: dict[str, dict[str, Series]], years: range) -> bool:
    """Whether any series of any area has a figure of ``years`` (read from the tables of figures
    the series share, not series by series).
    """
    tables = {}
    for by_indicator in series.values():
        for s in by_indicator.values():
            figures = s.figures_in_use.figures
            tables.setdefault(id(figures), figures)
    for figures in tables.values():
        if len(figures):
            starts = figures.column("period_start")
            if ((starts >= years[0]) & (starts <= years[-1])).any():
                return True
    return False


def look_backs(
    settings: Settings,
    inputs: Inputs,
    catalogue: Catalogue,
    series_now: dict[str, dict[str, Series]],
) -> dict[str, LookBack]:
    """Project from the record as it stood before the period under review (its base year,
    as of the latest source about it) and set the projections against today's figures, for
    every area of a run (one more :func:`~dongson_analysis.projection.project_many` call).

    The earlier record is chosen by publication date, so figures published later never
    change what the look back reports.

    Parameters
    ----------
    settings : Settings
        The run's settings (the period under review gives the base year).
    inputs : Inputs
        Every input read (whatever their date).
    catalogue : Catalogue
    series_now : dict of str to dict of str to Series
        Each area's series as the run uses them.

    Returns
    -------
    dict of str to LookBack
        By area.
    """
    base = settings.base_year
    as_of = default_report_date(inputs.observations, inputs.sources, base)
    then = inputs.published_by(as_of)
    then = replace(then, observations=then.observations[then.observations["period_end"] <= base])
    areas = list(series_now)
    series_then = build_series_by_area(then.observations, then.breaks, catalogue, areas)
    length = settings.review[1] - settings.review[0]
    previous = replace(settings, review=(base - length, base), plan=settings.review)
    projected = project_areas(series_then, catalogue, previous.plan_end)
    years = range(settings.review[0], settings.review[1] + 1)
    batch = next((p.batch for p, _ in projected.values()), None)
    bands = _Bands(batch) if batch is not None and _any_figure_in(series_now, years) else None
    compared = _compare({a: p for a, (p, _) in projected.items()}, bands, series_now, years, base)
    out = {}
    for area in areas:
        projections, reasons = projected[area]
        now = series_now[area]
        rows = compared[area]
        wanted = {r.indicator for r in rows} | set(reasons)
        out[area] = LookBack(
            as_of,
            base,
            projections.only(wanted),
            rows,
            {i: n for i, n in reasons.items() if i in now and not now[i].empty},
        )
    return out


def hindsights(
    settings: Settings,
    inputs: Inputs,
    known: Inputs,
    catalogue: Catalogue,
    series_now: dict[str, dict[str, Series]],
    projections: dict[str, Projections],
) -> dict[str, LookBack]:
    """Each area's projections set against the figures published after the report date for
    years of the next plan (nothing when no such figure exists yet). The projections are made
    from what was published by the report date, so the later figures cannot change them.

    Parameters
    ----------
    settings : Settings
        The run's settings (with its report date).
    inputs, known : Inputs
        Every input read, and those published by the report date.
    catalogue : Catalogue
    series_now : dict of str to dict of str to Series
        Each area's series as the run uses them.
    projections : dict of str to Projections
        Each area's projections.

    Returns
    -------
    dict of str to LookBack
        By area.
    """
    areas = list(series_now)
    same = len(inputs.observations) == len(known.observations) and len(inputs.breaks) == len(
        known.breaks
    )
    series_all = (
        series_now
        if same
        else build_series_by_area(inputs.observations, inputs.breaks, catalogue, areas)
    )
    years = range(settings.plan[0], settings.plan[1] + 1)
    batch = next((p.batch for p in projections.values()), None)
    bands = _Bands(batch) if batch is not None and _any_figure_in(series_all, years) else None
    compared = _compare(projections, bands, series_all, years, settings.target_year)
    out = {}
    for area in areas:
        rows = compared[area]
        used = {r.indicator for r in rows}
        out[area] = LookBack(
            settings.report_date,
            settings.target_year,
            projections[area].only(used),
            rows,
            {},
        )
    return out


def _by_area(frame: pd.DataFrame, areas: list[str]) -> dict[str, pd.DataFrame]:
    """The rows of each area (as ``frame[frame["area"] == area]``), in one pass."""
    groups = frame.groupby("area", sort=False, observed=True).indices if len(frame) else {}
    empty = frame.iloc[0:0]
    return {area: frame.iloc[groups[area]] if area in groups else empty for area in areas}


def analyse(settings: Settings) -> Run:
    """Compute the whole analysis once, for every area of the run (see the module docstring).

    Every stage runs for all areas at once: the observations are grouped by area and indicator
    once, the series of every area built in one pass, every series of the run projected in one
    :func:`~dongson_analysis.projection.project_many` call (the look back's series in one more),
    the targets of every area read and judged in one pass, the proposals made area by area.

    Parameters
    ----------
    settings : Settings
        The run: data paths, the areas, the period under review and the next plan.

    Returns
    -------
    Run
        One :class:`Analysis` per area, each with settings about that area; each area's results
        are those a run of that area alone gives. Each analysis carries its plans' overall
        results (:func:`plan_results`) and, when the review or the next plan runs past the
        area's end, its succession (:func:`succession_of`); an area that ceased before the next
        plan gets no proposal.

    Raises
    ------
    ValidationError
        If any data file has a problem (every problem is listed).
    CatalogueError
        If the catalogue cannot be read.
    SettingsError
        For an unknown area, or a main area without figures.
    """
    inputs = load_inputs(settings)
    catalogue = inputs.catalogue
    report_date = settings.report_date or default_report_date(
        inputs.observations, inputs.sources, settings.target_year
    )
    known = inputs.published_by(report_date)
    published = published_sources(inputs.sources, report_date)
    benchmarks = load_benchmark_results()
    areas = run_areas(settings, known)
    run_settings = replace(settings, report_date=report_date)
    area_settings = {}
    for area in areas:
        name = settings.area_name if area == settings.area and settings.area_name else None
        name = name or catalogue.area(area).name(settings.language)
        area_settings[area] = replace(settings.for_area(area, name), report_date=report_date)
    series = build_series_by_area(known.observations, known.breaks, catalogue, areas)
    projected = project_areas(series, catalogue, settings.plan_end)
    projections = {area: projected[area][0] for area in areas}
    index = ObservationIndex(known.observations, catalogue)
    targets = targets_by_area(known.observations, catalogue, areas)
    backs = look_backs(run_settings, inputs, catalogue, series)
    later_figures = hindsights(run_settings, inputs, known, catalogue, series, projections)
    later = inputs.observations[~inputs.observations.index.isin(known.observations.index)]
    later_by_area = _by_area(later, areas)
    comparables = comparables_for(run_settings, inputs)
    prices = consumer_prices_by_date(inputs.consumer_prices, inputs.sources, report_date)
    results = _by_area(plan_result_rows(known.observations, catalogue), areas)
    out = {}
    for area in areas:
        s = area_settings[area]
        area_series = series[area]
        context = JudgementContext(
            s, catalogue, known.observations, area_series, projections[area], index
        )
        judgements = judge_targets(context, targets.get(area, []))
        succession = succession_of(catalogue, s, published)
        proposals = (
            []  # no office can file a plan for a unit that no longer exists
            if succession is not None and succession.ceased_before_plan
            else propose_targets(catalogue, area_series, projections[area], judgements, s)
        )
        out[area] = Analysis(
            s,
            catalogue,
            known.observations,
            known.sources,
            known.breaks,
            known.files,
            known.warnings,
            area_series,
            _trends(area_series, catalogue),
            projections[area],
            projected[area][1],
            tuple(judgements),
            tuple(proposals),
            benchmarks,
            backs[area],
            later_figures[area],
            later_by_area[area],
            comparables,
            prices,
            plan_results(results[area], catalogue),
            succession,
        )
    return Run(settings, inputs, out)


def _trends(series: dict[str, Series], catalogue: Catalogue) -> dict[str, Trend]:
    """The observed trend of every series with two figures or more (after the latest break)."""
    out = {}
    for i, s in series.items():
        ind = catalogue[i]
        if len(s) < 2 or ind.is_plan_result:
            continue
        t = trend_of(s, ind.spec, ind.lower_bound, ind.upper_bound)
        if t is not None:
            out[i] = t
    return out


def run_analysis(settings: Settings) -> Analysis:
    """The analysis of the run's main area (``settings.area``); see :func:`analyse`.

    Parameters
    ----------
    settings : Settings
        The run's settings.

    Returns
    -------
    Analysis
        Every result of the main area: series, trends, projections, judgements, proposals,
        the plans' overall results and the area's succession.

    Raises
    ------
    ValidationError, CatalogueError, SettingsError
        As :func:`analyse`.
    """
    return analyse(replace(settings, areas=(), area_selection="")).main
