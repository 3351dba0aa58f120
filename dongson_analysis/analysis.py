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

from dataclasses import dataclass, replace

import pandas as pd

from .benchmark_results import BenchmarkResults, load_benchmark_results
from .catalogue import Catalogue, CatalogueError, find_catalogues, load_catalogue
from .judgement import Judgement, JudgementContext, Note, judge_targets, note
from .problems import Problem, ValidationError
from .projection import Projection, max_horizon, project_many
from .proposals import Proposal, propose_targets
from .records import validate_paths
from .series import Series, Trend, build_series, trend_of
from .settings import Settings, SettingsError
from .vintage import default_report_date, published_sources


@dataclass(frozen=True)
class Inputs:
    """The validated input tables of a run."""

    catalogue: Catalogue
    observations: pd.DataFrame
    sources: pd.DataFrame
    breaks: pd.DataFrame
    files: tuple[str, ...]
    warnings: tuple[Problem, ...]
    comparables: pd.DataFrame

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

    @property
    def area_observations(self) -> pd.DataFrame:
        """The observations of the settings' area."""
        return self.observations[self.observations["area"] == self.settings.area]


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
    )


def project_all(
    series: dict[str, Series], catalogue: Catalogue, settings: Settings
) -> tuple[dict[str, Projection], dict[str, Note]]:
    """Project every series that can be projected to ``settings.plan_end``; say why the others are
    not.

    Every series is projected in one :func:`~dongson_analysis.projection.project_many` call, with
    its indicator's kind, bounds and series group.
    """
    reasons: dict[str, Note] = {}
    frames = []
    for indicator, s in series.items():
        ind = catalogue[indicator]
        if s.empty:
            continue
        if not ind.spec.projectable:
            reasons[indicator] = note("not_projectable")
            continue
        if len(s) < 2:
            reasons[indicator] = note(
                "single_figure",
                year=int(s.years[-1]),
                break_year=s.segment_start if len(s.before_break) else None,
            )
            continue
        last = int(s.years[-1])
        if settings.plan_end - last > max_horizon():
            reasons[indicator] = note("too_old", last_year=last, year=settings.plan_end)
            continue
        if last >= settings.plan_end:
            reasons[indicator] = note("already_observed", last_year=last)
            continue
        scale = ind.spec.scale_for(ind.lower_bound, ind.upper_bound)
        if scale == "log" and (s.values <= 0).any():
            reasons[indicator] = note("not_positive", year=int(s.years[(s.values <= 0).argmax()]))
            continue
        frames.append(
            pd.DataFrame(
                {
                    "id": indicator,
                    "year": s.years,
                    "value": s.values,
                    "kind": ind.kind,
                    "lower": ind.lower_bound,
                    "upper": ind.upper_bound,
                    "group": ind.series_group,
                }
            )
        )
    batch = project_many(
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["id", "year", "value"]),
        end_year=settings.plan_end,
        errors="collect",
    )
    for indicator in batch.refused:
        reasons[indicator] = note("projection_refused")
    projections = {i: batch[i] for i in series if i in batch}
    return projections, {i: reasons[i] for i in series if i in reasons}


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


def analyse_area(
    settings: Settings, inputs: Inputs, benchmarks: BenchmarkResults, all_inputs: Inputs
) -> Analysis:
    """Series, trends, projections, judgements and proposals of ``settings.area``.

    ``inputs`` are the inputs as of the report date; ``all_inputs`` every input read (for
    the look back and the list of later sources).
    """
    catalogue = inputs.catalogue
    series = build_series(inputs.observations, inputs.breaks, catalogue, settings.area)
    trends = {
        i: t
        for i, s in series.items()
        if (t := trend_of(s, catalogue[i].spec, catalogue[i].lower_bound, catalogue[i].upper_bound))
        is not None
    }
    projections, not_projected = project_all(series, catalogue, settings)
    context = JudgementContext(settings, catalogue, inputs.observations, series, projections)
    judgements = judge_targets(context)
    proposals = propose_targets(catalogue, series, projections, judgements, settings)
    later = all_inputs.observations[~all_inputs.observations.index.isin(inputs.observations.index)]
    return Analysis(
        settings,
        catalogue,
        inputs.observations,
        inputs.sources,
        inputs.breaks,
        inputs.files,
        inputs.warnings,
        series,
        trends,
        projections,
        not_projected,
        tuple(judgements),
        tuple(proposals),
        benchmarks,
        look_back(settings, all_inputs, series),
        hindsight(settings, all_inputs, projections),
        later[later["area"] == settings.area],
        comparables_for(settings, all_inputs),
    )


def comparables_for(settings: Settings, inputs: Inputs) -> pd.DataFrame:
    """Comparable areas' targets for years of the next plan, each with its source's date and
    whether a report dated ``settings.report_date`` may cite it.
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


def compare(
    projections: dict[str, Projection],
    series_now: dict[str, Series],
    years: range,
    last_year: int,
) -> tuple[LookBackRow, ...]:
    """Every projected year of ``years`` that ``series_now`` holds a figure for, set against its
    projection; series whose definition changed after ``last_year`` are left out (not
    comparable).
    """
    rows = []
    for indicator, projection in projections.items():
        now = series_now.get(indicator)
        if now is None or (now.segment_start is not None and now.segment_start > last_year):
            continue
        table = projection.table().set_index("year")
        for year in years:
            figure = now.value_in(year)
            if figure is None or year not in table.index:
                continue
            band = table.loc[year]
            rows.append(
                LookBackRow(
                    indicator,
                    year,
                    float(figure["value"]),
                    str(figure["effective_status"]),
                    float(band["point"]),
                    float(band["lower80"]),
                    float(band["upper80"]),
                    float(band["lower95"]),
                    float(band["upper95"]),
                )
            )
    return tuple(rows)


def look_back(settings: Settings, inputs: Inputs, series_now: dict[str, Series]) -> LookBack:
    """Project from the record as it stood before the period under review (its base year,
    as of the latest source about it) and set the projections against today's figures.

    The earlier record is chosen by publication date, so figures published later never
    change what the look back reports.
    """
    base = settings.base_year
    as_of = default_report_date(inputs.observations, inputs.sources, base)
    then = inputs.published_by(as_of)
    then = replace(then, observations=then.observations[then.observations["period_end"] <= base])
    series_then = build_series(then.observations, then.breaks, inputs.catalogue, settings.area)
    length = settings.review[1] - settings.review[0]
    previous = replace(settings, review=(base - length, base), plan=settings.review)
    projections, reasons = project_all(series_then, inputs.catalogue, previous)
    years = range(settings.review[0], settings.review[1] + 1)
    rows = compare(projections, series_now, years, base)
    wanted = {r.indicator for r in rows} | set(reasons)
    return LookBack(
        as_of,
        base,
        {i: p for i, p in projections.items() if i in wanted},
        rows,
        {i: n for i, n in reasons.items() if i in series_now and not series_now[i].empty},
    )


def hindsight(settings: Settings, inputs: Inputs, projections: dict[str, Projection]) -> LookBack:
    """The run's own projections set against the figures published after its report date for
    years of the next plan (nothing when no such figure exists yet). The projections are made
    from what was published by the report date, so the later figures cannot change them.
    """
    series_all = build_series(inputs.observations, inputs.breaks, inputs.catalogue, settings.area)
    years = range(settings.plan[0], settings.plan[1] + 1)
    rows = compare(projections, series_all, years, settings.target_year)
    used = {r.indicator for r in rows}
    return LookBack(
        settings.report_date,
        settings.target_year,
        {i: p for i, p in projections.items() if i in used},
        rows,
        {},
    )


def analyse(settings: Settings) -> Run:
    """Compute the whole analysis once, for every area of the run (see the module docstring).

    Parameters
    ----------
    settings : Settings
        The run: data paths, the areas, the period under review and the next plan.

    Returns
    -------
    Run
        One :class:`Analysis` per area, each with settings about that area.

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
    report_date = settings.report_date or default_report_date(
        inputs.observations, inputs.sources, settings.target_year
    )
    known = inputs.published_by(report_date)
    benchmarks = load_benchmark_results()
    areas = {}
    for area in run_areas(settings, known):
        name = settings.area_name if area == settings.area and settings.area_name else None
        name = name or inputs.catalogue.area(area).name(settings.language)
        area_settings = replace(settings.for_area(area, name), report_date=report_date)
        areas[area] = analyse_area(area_settings, known, benchmarks, inputs)
    return Run(settings, inputs, areas)


def run_analysis(settings: Settings) -> Analysis:
    """The analysis of the run's main area (``settings.area``); see :func:`analyse`.

    Parameters
    ----------
    settings : Settings
        The run's settings.

    Returns
    -------
    Analysis
        Every result of the main area: series, trends, projections, judgements, proposals.

    Raises
    ------
    ValidationError, CatalogueError, SettingsError
        As :func:`analyse`.
    """
    return analyse(replace(settings, areas=(), area_selection="")).main
