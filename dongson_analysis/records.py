"""Loading and validating input tables: observations, sources and series breaks.

:func:`validate_paths` reads every ``.csv`` and ``.xlsx`` file in the given files
and folders against a catalogue and returns a :class:`ValidationReport`: every
problem (with file, row and column), every warning, and — when there is no
problem — the tidy tables (:data:`OBSERVATION_COLUMNS`, :data:`SOURCE_COLUMNS`,
:data:`BREAK_COLUMNS`). :func:`load_observations` raises instead.

The work is done by one module per concern, in the order of the data:

:mod:`~dongson_analysis.file_discovery`
    the files among the paths, their origin, and what each table holds;
:mod:`~dongson_analysis.tables`
    each file's cells, with exact row and column numbers;
:mod:`~dongson_analysis.input_schema`
    the columns of each table and the words their cells may hold;
:mod:`~dongson_analysis.validation` and :mod:`~dongson_analysis.observation_table`
    every cell and row (the figures column by column);
:mod:`~dongson_analysis.cross_checks`
    across rows and files: repeated rows, areas, the plans' sources, targets, conflicts;
:mod:`~dongson_analysis.plausibility`
    figures that are probably slips (warnings);
:mod:`~dongson_analysis.spelling`
    words as the planner meant them, and the closest right word for a wrong one.

Origin and precedence
---------------------
Files inside a folder named ``public_record`` are the transcribed public record;
every other file is the planners' own. When a planner's row and a public-record
row give a figure for the same indicator, area, period and status, or a target for
the same indicator (or alias), area, period and plan, the planner's row is used (it
comes from the statistical yearbook or an official report) and the public-record row
is kept, marked ``superseded``. A source may be declared in several sources tables if
every declaration says the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .catalogue import Catalogue
from .comparables import read_comparables
from .cross_checks import (
    Records,
    check_areas,
    check_as_of,
    check_conflicts,
    check_national_breaks,
    check_plan_sources,
    check_targets,
    check_zero_targets,
    drop_repeated_rows,
    plans_of,
    superseded,
)
from .file_discovery import find_data_files, sheet_roles, vietnamese_header
from .input_schema import (
    AREA_CHANGE_COLUMNS,
    BREAK_COLUMNS,
    COMPARABLE_OPTIONAL,
    COMPARABLE_REQUIRED,
    INEXACT_QUALIFIERS,
    KNOWN_COLUMNS,
    OBSERVATION_COLUMNS,
    OBSERVATION_OPTIONAL,
    OBSERVATION_REQUIRED,
    QUALIFIERS,
    SOURCE_COLUMNS,
    SOURCE_OPTIONAL,
    STATUS_ALIASES,
    STATUSES,
)
from .observation_table import ObservationBlock, ObservationReader
from .plausibility import check_plausibility
from .problems import Phrase, Problem, ValidationError
from .tables import RawTable, read_tables
from .validation import BreakTables, Findings, Sources, read_breaks, read_reference

__all__ = [
    "BREAK_COLUMNS",
    "INEXACT_QUALIFIERS",
    "OBSERVATION_COLUMNS",
    "OBSERVATION_OPTIONAL",
    "OBSERVATION_REQUIRED",
    "QUALIFIERS",
    "SOURCE_COLUMNS",
    "STATUS_ALIASES",
    "STATUSES",
    "ValidationReport",
    "load_observations",
    "validate_paths",
]


@dataclass
class ValidationReport:
    """Result of :func:`validate_paths`.

    ``problems`` stop a run; ``warnings`` are shown and the run goes on. The
    tables are filled only when there is no problem.

    Attributes
    ----------
    problems, warnings : list of Problem
        In file and row order.
    observations : DataFrame or None
        The figures and targets (:data:`OBSERVATION_COLUMNS`).
    sources : DataFrame or None
        The sources (:data:`SOURCE_COLUMNS` and the optional kind and Vietnamese columns).
    breaks : DataFrame or None
        The series breaks (:data:`BREAK_COLUMNS`).
    comparables : DataFrame or None
        Comparable areas' targets (:data:`dongson_analysis.comparables.COMPARABLE_COLUMNS`).
    files : list of str
        The files read.
    """

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    observations: pd.DataFrame | None = None
    sources: pd.DataFrame | None = None
    breaks: pd.DataFrame | None = None
    comparables: pd.DataFrame | None = None
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _in_order(problems: list[Problem], files: list[str]) -> list[Problem]:
    """Problems file by file (in the order the files were read), each file's from top to bottom."""
    order = {name: i for i, name in enumerate(files)}

    def key(problem: Problem) -> tuple[int, str, int, int]:
        name = re.sub(r"\[[^\[\]]*\]$", "", problem.file)  # book.xlsx[sheet] is read with book.xlsx
        return order.get(name, -1), problem.file, problem.row, problem.column

    return sorted(problems, key=key)


def _vietnamese_header(table: RawTable) -> Problem:
    role, renames = vietnamese_header(table)  # type: ignore[misc]
    columns = SOURCE_COLUMNS if role == "sources" else OBSERVATION_REQUIRED
    return table.problem(
        table.header_row,
        1,
        "vietnamese_header",
        role=Phrase(f"validation.role_{role}"),
        renames=", ".join(f"'{name}' → {column}" for name, column in renames),
        columns=", ".join(columns),
    )


def _read_files(
    paths: Sequence[Path | str], report: ValidationReport, findings: Findings
) -> list[tuple[str, RawTable, str]]:
    """Every table of the files in ``paths`` that can be read, with its origin and role."""
    files, report.problems = find_data_files(paths)
    tables: list[tuple[str, RawTable, str]] = []
    for path, display, origin in files:
        report.files.append(display)
        for table, role in sheet_roles(path, read_tables(path, display, KNOWN_COLUMNS)):
            report.warnings.extend(table.warnings)
            if role == "skip":
                continue
            if table.problems:
                findings.problems.extend(table.problems)
            elif role == "vietnamese_header":
                findings.problems.append(_vietnamese_header(table))
            else:
                findings.problems.extend(table.row_problems.values())
                tables.append((origin, table, role))
    if not files and not report.problems:
        report.problems.append(Problem(", ".join(map(str, paths)) or ".", 1, 1, "no_files"))
    return tables


def _tidy(records: Records, replaced: np.ndarray) -> pd.DataFrame:
    """The observation table (:data:`OBSERVATION_COLUMNS`), sorted by indicator, area and period."""
    columns = list(OBSERVATION_COLUMNS)
    if records.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    else:
        frame = records.frame.assign(superseded=replaced)[columns]
    frame = frame.astype({c: dtype for c, (dtype, _) in OBSERVATION_COLUMNS.items()})
    order = [
        "indicator",
        "area",
        "period_start",
        "period_end",
        "half",
        "status",
        "origin",
        "source_id",
    ]
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


def validate_paths(
    paths: Sequence[Path | str], catalogue: Catalogue, *, as_of_year: int | None = None
) -> ValidationReport:
    """Validate files and folders against ``catalogue``; return every problem and, if none, the
    tables.

    Parameters
    ----------
    paths : sequence of path
        Files and folders; folders are searched for ``.csv`` and ``.xlsx`` files.
        Sources cited by an observation must be declared in one of them.
    catalogue : Catalogue
        The indicators, units, plans and areas the observations are checked against. When
        its folder is among ``paths``, the sources its plans list must be declared too.
    as_of_year : int, optional
        The current year: an actual figure dated after it is warned about.
        Nothing is checked against the clock when it is not given.

    Returns
    -------
    ValidationReport
        Every problem and warning, in file and row order, and the tables when there is
        no problem.
    """
    report = ValidationReport()
    findings = Findings()
    tables = _read_files(paths, report, findings)
    sources = Sources(findings)
    for _, table, role in tables:
        if role == "sources":
            sources.read(table)
    breaks = BreakTables()
    records = _read_figures(tables, catalogue, findings, sources, breaks)
    public = {id(table) for origin, table, _ in tables if origin == "public_record"}
    check_areas(breaks.areas, public, catalogue, findings)
    check_plan_sources(catalogue, sources, paths, findings)
    plans = plans_of(records, catalogue)
    replaced = superseded(records, plans)
    check_conflicts(records, findings)
    check_as_of(records, as_of_year, findings)
    check_plausibility(records, catalogue, findings)
    check_targets(records, plans, replaced, findings)
    check_zero_targets(records, catalogue, replaced, findings)
    check_national_breaks(records, breaks.rows, catalogue, findings)
    comparables = read_comparables(
        (t for _, t, role in tables if role == "comparables"), catalogue, findings
    )
    report.problems = _in_order(report.problems + findings.problems, report.files)
    report.warnings = _in_order(report.warnings + findings.warnings, report.files)
    if report.ok:
        report.sources = pd.DataFrame(
            sources.rows, columns=list(SOURCE_COLUMNS + SOURCE_OPTIONAL)
        ).astype("string")
        report.observations = _tidy(records, replaced)
        report.breaks = pd.DataFrame(breaks.rows, columns=list(BREAK_COLUMNS)).astype(
            {c: dtype for c, (dtype, _) in BREAK_COLUMNS.items()}
        )
        report.comparables = comparables
    return report


def _read_figures(
    tables: list[tuple[str, RawTable, str]],
    catalogue: Catalogue,
    findings: Findings,
    sources: Sources,
    breaks: BreakTables,
) -> Records:
    """Read the observations, breaks and reference tables, in the order of the files; the figures
    whose every cell is right, a row given twice left out. ``breaks`` gets the breaks and every
    place an area is named.
    """
    reader = ObservationReader(catalogue, findings, sources)
    reader.area_uses = breaks.areas
    blocks: list[ObservationBlock] = []
    for origin, table, role in tables:
        if role == "observations":
            block = reader.read(table, origin)
            if block is not None:
                blocks.append(block)
        elif role == "breaks":
            read_breaks(findings, sources, catalogue, table, breaks)
        elif role == "area_changes":
            read_reference(findings, sources, catalogue, table, AREA_CHANGE_COLUMNS, ())
        elif role == "comparables":
            read_reference(
                findings, sources, catalogue, table, COMPARABLE_REQUIRED, COMPARABLE_OPTIONAL
            )
    return drop_repeated_rows(Records.of(blocks), findings)


def load_observations(
    paths: Sequence[Path | str], catalogue: Catalogue, *, as_of_year: int | None = None
) -> pd.DataFrame:
    """Load, validate and tidy observations.

    Parameters
    ----------
    paths : sequence of path
        Files or folders (see :func:`validate_paths`).
    catalogue : Catalogue
        See :func:`dongson_analysis.catalogue.load_catalogue`.
    as_of_year : int, optional
        See :func:`validate_paths` (warnings do not stop the load).

    Returns
    -------
    pandas.DataFrame
        One row per observation, with the columns of :data:`OBSERVATION_COLUMNS`,
        sorted by indicator, area and period.

    Raises
    ------
    ValidationError
        If any file has a problem; ``err.problems`` lists them all.
    """
    report = validate_paths(paths, catalogue, as_of_year=as_of_year)
    if not report.ok:
        raise ValidationError(report.problems)
    assert report.observations is not None
    return report.observations
