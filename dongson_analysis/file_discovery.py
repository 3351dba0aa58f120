"""Finding the data files among the paths given, where each comes from, and what each table holds.

:func:`find_data_files` searches the paths for ``.csv``, ``.tsv``, ``.xlsx`` and
``.xlsm`` files (and for spreadsheets that are not read, so that they are refused
rather than skipped), each named as the user would write it, with its origin:
``public_record`` for the transcribed public record, ``planner`` for the planners' own.

A table's role is read from its header (:func:`table_role`): a sources table has a
``publisher`` column, a breaks table a ``from_year`` column, the catalogue's tables
their own columns (they are skipped: the catalogue is read by
:func:`dongson_analysis.catalogue.load_catalogue`; a copy outside a catalogue folder is
warned about); a table naming observation columns holds observations. When a header
could be two kinds of table (an observations table with one column of a sources
table), the kind whose columns it names most wins, and its odd column is named. A
header written in Vietnamese is recognised as such (:func:`vietnamese_header`). In a
workbook every sheet is read by its header, whatever its name (:func:`sheet_roles`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .catalogue import CATALOGUE_FILES
from .input_schema import TABLE_COLUMNS, VIETNAMESE_HEADERS
from .problems import Problem
from .spelling import plain
from .tables import (
    CSV_SUFFIXES,
    GUIDE_SHEET,
    MIN_KNOWN_COLUMNS,
    SHEETS_READ,
    UNREAD_SPREADSHEETS,
    WORKBOOK_SUFFIXES,
    RawTable,
)

PUBLIC_RECORD_FOLDER = "public_record"

#: Columns that mark a table's role (any one set of a role's sets, all of its columns), in the
#: order roles win a tie.
ROLE_MARKS: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = (
    ("area_changes", (frozenset({"old_area_name", "new_area_name"}),)),
    ("comparables", (frozenset({"area_name", "area_level"}),)),
    ("consumer_prices", (frozenset({"change_percent"}),)),
    ("sources", (frozenset({"publisher"}),)),
    ("breaks", (frozenset({"from_year"}),)),
    (
        "catalogue",
        (
            frozenset({"indicator", "kind", "direction"}),
            frozenset({"dimension", "scale"}),
            frozenset({"plan", "first_year"}),
            frozenset({"entry", "language", "form"}),
            frozenset({"area", "level", "parent"}),
        ),
    ),
)
#: Roles of the tables that are read (the others are skipped or refused).
READ_ROLES = (
    "observations",
    "sources",
    "breaks",
    "area_changes",
    "comparables",
    "consumer_prices",
)
DataFile = tuple[Path, str, str]


def _skipped_part(part: str) -> bool:
    """Hidden files and folders, Office lock files, Jupyter checkpoints and macOS archive debris."""
    return part.startswith((".", "~$")) or part == "__MACOSX"


def origin_of(path: Path) -> str:
    """``public_record`` for a file inside a folder of that name, else ``planner``.

    The path is read as written, with ``..`` resolved by the text alone (never
    against the working directory): ``public_record/../planner/x.csv`` is a planner's file.

    Parameters
    ----------
    path : Path
        A file given by itself.

    Returns
    -------
    str
        ``public_record`` or ``planner``.
    """
    return (
        "public_record" if PUBLIC_RECORD_FOLDER in Path(os.path.normpath(path)).parts else "planner"
    )


def find_data_files(paths: Iterable[Path | str]) -> tuple[list[DataFile], list[Problem]]:
    """The data files in ``paths``: each with its name as the user would write it and its origin.

    A folder is searched recursively for ``.csv``, ``.tsv``, ``.xlsx`` and ``.xlsm``
    files, and for spreadsheets that are not read (``.xls``, ``.ods``...: they are
    returned too, so that they are refused rather than skipped without a word);
    hidden files and folders (``.ipynb_checkpoints``) and lock files (``~$book.xlsx``)
    are passed over. A file inside a folder is named by the folder as given plus
    its path inside the folder, so names never depend on the working directory.
    Its origin is ``public_record`` when the folder given or a folder inside it is
    named ``public_record`` (the folders above the one given do not count: a
    project kept under such a folder is not all public record); a file given by
    itself follows :func:`origin_of`.

    Parameters
    ----------
    paths : iterable of path
        Files and folders, as the user gave them.

    Returns
    -------
    files : list of (Path, str, str)
        Each file, its name in messages and its origin, a file named twice read once.
    problems : list of Problem
        A ``no_files`` problem for each path that does not exist.
    """
    wanted = CSV_SUFFIXES + WORKBOOK_SUFFIXES + UNREAD_SPREADSHEETS
    found: list[DataFile] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()

    def add(path: Path, name: str, origin: str) -> None:
        try:
            stat = path.stat()
        except OSError:  # a broken link: read_tables says so
            found.append((path, name, origin))
            return
        if (stat.st_dev, stat.st_ino) not in seen:  # a file named twice is read once
            seen.add((stat.st_dev, stat.st_ino))
            found.append((path, name, origin))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in wanted
                and not any(_skipped_part(part) for part in p.relative_to(path).parts)
                and (p.is_symlink() or not p.is_dir())
            )
            for p in inside:
                inner = p.relative_to(path)
                # only the folder given and the folders inside it count: not where the project lives
                folders = (Path(os.path.normpath(path)).name, *inner.parts[:-1])
                add(
                    p,
                    str(Path(raw) / inner),
                    "public_record" if PUBLIC_RECORD_FOLDER in folders else "planner",
                )
        elif path.exists() or path.is_symlink():
            add(path, str(raw), origin_of(path))
        else:
            problems.append(Problem(str(raw), 1, 1, "no_files"))
    return found, problems


def _role_of_columns(header: set[str]) -> str:
    candidates = [role for role, marks in ROLE_MARKS if any(m <= header for m in marks)]
    if len(header & set(TABLE_COLUMNS["observations"])) >= MIN_KNOWN_COLUMNS:
        candidates.append("observations")
    if not candidates:
        return "unknown"
    # the role whose columns the header names most; a tie goes to the role listed first
    return max(candidates, key=lambda role: len(header & set(TABLE_COLUMNS[role])))


def table_role(table: RawTable) -> str:
    """What a table holds, from its header.

    Parameters
    ----------
    table : RawTable
        A table read.

    Returns
    -------
    str
        ``observations``, ``sources``, ``breaks``, ``area_changes``, ``comparables``,
        ``consumer_prices``, ``catalogue`` or ``unknown``: the role whose columns the header
        names most among those it names the marks of (see :data:`ROLE_MARKS`).
    """
    return _role_of_columns(set(table.header))


def vietnamese_header(table: RawTable) -> tuple[str, list[tuple[str, str]]] | None:
    """Whether a header is written in Vietnamese (``Mã nguồn``, ``Cơ quan ban hành``…).

    Parameters
    ----------
    table : RawTable
        A table whose header names no known column.

    Returns
    -------
    tuple of (str, list of (str, str)) or None
        The role its columns would give the table (``observations`` or ``sources``) and each
        Vietnamese column with the template's name for it; None when the header is not one.
    """
    renames = [
        (name, VIETNAMESE_HEADERS[plain(name)])
        for name in table.header
        if plain(name) in VIETNAMESE_HEADERS
    ]
    if len(renames) < MIN_KNOWN_COLUMNS:
        return None
    role = _role_of_columns({column for _, column in renames})
    return (role, renames) if role in ("observations", "sources") else None


def _csv_role(path: Path, table: RawTable) -> tuple[RawTable, str]:
    """The role of the one table of a CSV file (or of a file that could not be opened)."""
    role = table_role(table)
    if role == "catalogue":
        in_catalogue = all((path.parent / name).is_file() for name in CATALOGUE_FILES)
        table.warnings = [] if in_catalogue else [table.warning(1, 1, "catalogue_copy_ignored")]
        return table, "skip"
    if role == "unknown":
        return table, "vietnamese_header" if vietnamese_header(table) else "observations"
    return table, role


def sheet_roles(path: Path, tables: list[RawTable]) -> list[tuple[RawTable, str]]:
    """The role of every table read from one file (see the module docstring).

    In a workbook: a sheet that holds no table is warned about (except the template's
    instructions), a hidden sheet with a table is refused, a sheet that repeats another
    is refused, a second sheet of figures is read with a warning, and an empty template
    sheet beside the sheet that holds the figures is passed over.

    Parameters
    ----------
    path : Path
        The file (a CSV file's catalogue table is passed over without a word in a catalogue
        folder).
    tables : list of RawTable
        Its tables (one for a CSV file, one per sheet of a workbook).

    Returns
    -------
    list of (RawTable, str)
        Each table with its role: one of :func:`table_role`'s, ``vietnamese_header`` or
        ``skip``; the tables' ``problems`` and ``warnings`` say why.
    """
    if len(tables) == 1 and tables[0].sheet is None:
        return [_csv_role(path, tables[0])]
    resolved: list[tuple[RawTable, str]] = []
    for table in tables:
        role = table_role(table)
        name = (table.sheet or "").strip().casefold()
        if role == "unknown" and vietnamese_header(table) and not table.hidden:
            role = "vietnamese_header"
        elif role == "unknown" and name in SHEETS_READ and table.has_content:
            role = name
        resolved.append((table, role))
    if not any(role in READ_ROLES + ("catalogue", "vietnamese_header") for _, role in resolved):
        first = next((t for t, _ in resolved if t.has_content), tables[0])
        resolved = [(t, "observations" if t is first else r) for t, r in resolved]
    filled = [t for t, role in resolved if role == "observations" and (t.rows or t.row_problems)]
    if filled:  # an empty template sheet beside the sheet that holds the figures says nothing
        resolved = [
            (
                t,
                "skip"
                if role == "observations" and not (t.rows or t.row_problems) and not t.problems
                else role,
            )
            for t, role in resolved
        ]
    return [_sheet_outcome(table, role, resolved) for table, role in resolved]


def _sheet_outcome(
    table: RawTable, role: str, resolved: list[tuple[RawTable, str]]
) -> tuple[RawTable, str]:
    """One sheet's role after the checks that compare it with the workbook's other sheets."""
    if role == "skip":
        table.warnings = []
        return table, role
    if role == "unknown":
        wanted = (
            table.has_content
            and (table.sheet or "").strip().casefold() != GUIDE_SHEET
            and not table.hidden
        )
        table.warnings = (
            [table.warning(1, 1, "sheet_not_read", sheet=table.sheet)] if wanted else []
        )
        return table, "skip"
    if role == "catalogue":
        table.warnings = [table.warning(1, 1, "catalogue_copy_ignored")]
        return table, "skip"
    if table.hidden:
        table.problems.append(table.problem(1, 1, "xlsx_hidden_sheet", sheet=table.sheet))
        return table, role
    first = next(t for t, r in resolved if r == role)  # the first sheet of its role, even hidden
    if role == "observations" and first is not table:
        if table.same_cells(first):
            table.problems.append(
                table.problem(
                    table.header_row, 1, "sheet_copy", sheet=table.sheet, other=first.sheet
                )
            )
        else:
            table.warnings.append(
                table.warning(
                    table.header_row,
                    1,
                    "several_figure_sheets",
                    sheet=table.sheet,
                    other=first.sheet,
                )
            )
    return table, role
