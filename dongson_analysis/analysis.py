"""One run of the analysis: settings → validated tables → series → projections → judgements and
proposals.

:func:`run_analysis` computes everything once and returns an :class:`Analysis`;
each stage is a function of the previous stage's result:

1. :func:`load_inputs` — the catalogue and the validated observations, sources and breaks;
2. :func:`dongson_analysis.series.build_series` — one yearly series per indicator;
3. :func:`project_all` — a projection per series that can be projected, or the reason why not;
4. :func:`dongson_analysis.judgement.judge_targets` and
   :func:`dongson_analysis.proposals.propose_targets`.

Nothing here is worded: the text layer turns the results into sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .benchmark_results import BenchmarkResults, load_benchmark_results
from .catalogue import Catalogue, CatalogueError, load_catalogue
from .judgement import Judgement, JudgementContext, Note, judge_targets, note
from .problems import Problem, ValidationError
from .projection import Projection, max_horizon, project_many
from .proposals import Proposal, propose_targets
from .records import find_catalogues, validate_paths
from .series import Series, Trend, build_series, trend_of
from .settings import Settings

MAX_YEARS_AHEAD = 10  # the projection's intervals are calibrated up to ten years ahead


@dataclass(frozen=True)
class Inputs:
    """The validated input tables of a run."""

    catalogue: Catalogue
    observations: pd.DataFrame
    sources: pd.DataFrame
    breaks: pd.DataFrame
    files: tuple[str, ...]
    warnings: tuple[Problem, ...]


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
                    "group": getattr(ind, "series_group", None),
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


def run_analysis(settings: Settings) -> Analysis:
    """Compute the whole analysis once (see the module docstring)."""
    inputs = load_inputs(settings)
    series = build_series(inputs.observations, inputs.breaks, inputs.catalogue, settings.area)
    trends = {
        i: t for i, s in series.items() if (t := trend_of(s, inputs.catalogue[i].spec)) is not None
    }
    projections, not_projected = project_all(series, inputs.catalogue, settings)
    context = JudgementContext(settings, inputs.catalogue, inputs.observations, series, projections)
    judgements = judge_targets(context)
    proposals = propose_targets(inputs.catalogue, series, projections, judgements, settings)
    return Analysis(
        settings,
        inputs.catalogue,
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
        load_benchmark_results(),
    )
