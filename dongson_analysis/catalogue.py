"""The indicator catalogue: indicators, units, plans, areas and their names.

A catalogue is a folder with these tables:

``indicators.csv``
    One row per indicator: id, unit, kind (see :mod:`dongson_analysis.kinds`),
    direction, bounds, price basis, theme, display precision (decimal places;
    ``-2`` rounds to the hundred), series group (the kind of series its
    projection is calibrated on), and optionally: ``level_indicator`` (the level a growth rate is
    the growth of), ``average_of`` (a term average's yearly indicator), ``same_as`` (another id
    for the same indicator, so that a
    target stated under both is counted once), ``plan_order`` (the position of a
    core indicator in a district plan; proposals are made for these), ``ratio_of``
    and ``ratio_to`` (a relative target: 100 × (ratio_of / ratio_to − 1)),
    ``national_breaks`` (years in which the indicator's national definition changed, such
    as a new poverty line: a series-breaks table must record them), notes. An alias
    measures what the indicator it stands for measures (a unit of the same dimension:
    its figures are converted when they are read).
``units.csv``
    Every spelling of a unit that input files may use, with its dimension and
    scale (``tỷ đồng`` and ``triệu đồng`` convert with a recorded factor).
``plans.csv`` (optional)
    Which plan each source's targets belong to: a term resolution, an annual
    plan or a programme, with its years. A target whose source no plan lists
    belongs to the annual plan of its year, or to the term of its range.
``areas.csv``
    The administrative areas data may name: id, level (see
    :mod:`dongson_analysis.areas`), parent, the dates the unit was valid, and its
    successor(s) after a reform, with the source that states the succession.
``names.csv``
    Every name a reader sees, as one long table: ``entry`` (indicator, unit,
    plan, area), ``id``, ``language``, ``form`` (empty for the name itself; a
    plural category such as ``one`` for a unit's other forms) and ``name``.
    Every entry has a name in every language the package ships.

:func:`load_catalogue` reads and checks the tables; every problem names the
file, row and column. Cells are read as the planner meant them (composed Unicode,
invisible characters removed); ids must differ by more than case or accents
(``Tấn`` and ``tấn`` would be two units that never meet); a table saved with another
separator than the comma, a row with a cell too few or too many, bounds that are
swapped, an alias in a unit of another dimension, a source listed in two plans whose
years overlap, and the old ``name_vi`` / ``name_en`` columns are each named at their cell.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from .areas import LEVELS, Area, closest_ids
from .kinds import KINDS, KindSpec, kind_spec
from .l10n import LANGUAGES
from .numbers import clean_text
from .problems import Phrase, Problem, column_letter, problem_line
from .series_groups import SERIES_GROUPS

Direction = Literal["higher", "lower", "none"]
PlanKind = Literal["term", "annual", "programme"]

DIRECTIONS: tuple[str, ...] = ("higher", "lower", "none")
PRICE_BASES: tuple[str, ...] = ("current", "constant_2010", "not_applicable", "not_stated")
PLAN_KINDS: tuple[str, ...] = ("term", "annual", "programme")
INDICATOR_REQUIRED: tuple[str, ...] = (
    "indicator",
    "unit",
    "kind",
    "direction",
    "lower_bound",
    "upper_bound",
    "price_basis",
    "theme",
    "precision",
    "series_group",
)
INDICATOR_OPTIONAL: tuple[str, ...] = (
    "level_indicator",
    "average_of",
    "same_as",
    "plan_order",
    "ratio_of",
    "ratio_to",
    "national_breaks",
    "notes",
)
UNIT_REQUIRED: tuple[str, ...] = ("unit", "dimension", "scale")
PLAN_REQUIRED: tuple[str, ...] = ("plan", "kind", "first_year", "last_year", "sources")
AREA_REQUIRED: tuple[str, ...] = ("area", "level", "parent", "valid_from", "valid_to")
AREA_OPTIONAL: tuple[str, ...] = ("successor", "successor_source", "notes")
NAME_REQUIRED: tuple[str, ...] = ("entry", "id", "language", "form", "name")
#: What ``names.csv`` names: the catalogue table and column whose ids each entry refers to.
NAME_ENTRIES: dict[str, tuple[str, str]] = {
    "indicator": ("indicators.csv", "indicator"),
    "unit": ("units.csv", "unit"),
    "plan": ("plans.csv", "plan"),
    "area": ("areas.csv", "area"),
}
CATALOGUE_FILES = ("indicators.csv", "units.csv", "areas.csv", "names.csv")
#: Columns of the catalogue before names moved to ``names.csv``.
MOVED_NAME_COLUMNS = ("name_vi", "name_en", "label_vi", "label_en", "label_en_one")


class CatalogueError(ValueError):
    """A catalogue table that cannot be used.

    The error is data: ``problem`` names the file, row and column and the fault by its
    code and values; the edge words it (:func:`~dongson_analysis.problems.problem_line`,
    or :meth:`format`). ``str(err)`` gives the location and the code.

    Parameters
    ----------
    problem : Problem
        Where and what (its ``code`` is a key of the ``validation`` section).

    Raises
    ------
    TypeError
        For anything but a :class:`~dongson_analysis.problems.Problem`.
    """

    def __init__(self, problem: Problem):
        if not isinstance(problem, Problem):
            raise TypeError(f"CatalogueError takes a Problem, not {type(problem).__name__}")
        self.problem = problem
        super().__init__(str(problem))

    def format(self, texts) -> str:
        """Convenience for :func:`~dongson_analysis.problems.problem_line` of the problem."""
        return problem_line(self.problem, texts)


class UnknownAreaError(KeyError):
    """An area id the catalogue's ``areas.csv`` does not hold; ``closest`` are the likeliest."""

    def __init__(self, area: str, closest: list[str]):
        self.area = area
        self.closest = closest
        super().__init__(area)

    def __str__(self) -> str:
        return f"unknown area {self.area!r}; closest known: {', '.join(self.closest) or '-'}"


@dataclass(frozen=True)
class Indicator:
    """One catalogued indicator (a row of ``indicators.csv`` and its names).

    Attributes
    ----------
    id : str
        The id data files use (``income_per_capita``).
    names : tuple of (language, name)
        From ``names.csv``, one per shipped language.
    unit : str
        The catalogue unit every figure is converted to.
    kind : str
        A key of :data:`dongson_analysis.kinds.KINDS`.
    direction : {"higher", "lower", "none"}
        Which way is better.
    lower_bound, upper_bound : float
        NaN where there is none.
    price_basis : str
        ``current``, ``constant_2010``, ``not_applicable`` or ``not_stated``.
    theme : str
        The sector the report states it under (:data:`dongson_analysis.review.SECTORS`).
    precision : int
        Decimal places shown (``-2`` rounds to the hundred).
    series_group : str
        A key of :data:`dongson_analysis.series_groups.SERIES_GROUPS` (its calibration).
    level_indicator, average_of, same_as, ratio_of, ratio_to : str
        Links to other indicators (see the module docstring); "" where none.
    plan_order : int or None
        Its place among a plan's main targets (proposals are made for these).
    notes : str
        What the catalogue says of it.
    """

    id: str
    names: tuple[tuple[str, str], ...]
    unit: str
    kind: str
    direction: Direction
    lower_bound: float
    upper_bound: float
    price_basis: str
    theme: str
    precision: int
    series_group: str
    level_indicator: str = ""
    average_of: str = ""
    same_as: str = ""
    plan_order: int | None = None
    ratio_of: str = ""
    ratio_to: str = ""
    notes: str = ""
    national_breaks: tuple[int, ...] = ()

    def name(self, language: str) -> str:
        """The indicator's name in ``language`` (every shipped language is checked at load)."""
        return dict(self.names)[language]

    @property
    def spec(self) -> KindSpec:
        """The kind's registry entry."""
        return kind_spec(self.kind)

    @property
    def has_upper_bound(self) -> bool:
        return not math.isnan(self.upper_bound)

    @property
    def has_lower_bound(self) -> bool:
        return not math.isnan(self.lower_bound)

    @property
    def better(self) -> Literal["higher", "lower"]:
        """The direction in which progress is judged (``none`` is read as higher)."""
        return "lower" if self.direction == "lower" else "higher"

    @property
    def is_relative(self) -> bool:
        """A relative target: ``100 × (ratio_of / ratio_to − 1)``."""
        return bool(self.ratio_of)


@dataclass(frozen=True)
class Unit:
    """A spelling of a unit: its dimension, its scale within the dimension, its labels.

    ``labels`` maps ``(language, form)`` to the label; the form ``""`` is the label
    itself, other forms are plural categories (``one``).
    """

    unit: str
    dimension: str
    scale: float
    labels: tuple[tuple[tuple[str, str], str], ...]

    def label(self, language: str, count: float | None = None) -> str:
        """The label in ``language``, in the plural form ``count`` asks for."""
        found = dict(self.labels)
        if count is not None:
            from .l10n import plural_form

            form = plural_form(language, count)
            if (language, form) in found:
                return found[(language, form)]
        return found[(language, "")]


@dataclass(frozen=True)
class Plan:
    """A plan whose targets are judged: a term resolution, an annual plan or a programme.

    Attributes
    ----------
    id : str
        The id of ``plans.csv`` (``congress_xxiv``).
    kind : {"term", "annual", "programme"}
        What kind of plan it is.
    first_year, last_year : int
        The years it covers.
    names : tuple of (language, name)
        From ``names.csv``.
    sources : tuple of str
        The sources whose targets belong to it.
    """

    id: str
    kind: PlanKind
    first_year: int
    last_year: int
    names: tuple[tuple[str, str], ...]
    sources: tuple[str, ...] = ()

    def name(self, language: str) -> str:
        """The plan's name in ``language`` ("" for a plan the catalogue does not list)."""
        return dict(self.names).get(language, "")


def _fold(text: str) -> str:
    """An id without case or accents: ids that fold alike are taken for two but look like one."""
    import unicodedata

    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = data.count(b"\n", 0, err.start) + 1
        raise CatalogueError(
            Problem(str(path), row, 1, "not_utf8", {"byte": f"0x{data[err.start]:02X}"})
        ) from None


def _records(path: Path, text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        rows = csv.reader(io.StringIO(text, newline=""))
        count = 0
        try:
            for _ in rows:
                count += 1
        except csv.Error:
            pass
        raise CatalogueError(Problem(str(path), count + 1, 1, "csv_unreadable")) from None


def _check_separator(path: Path, first: list[str], required: tuple[str, ...]) -> None:
    """A header written with another separator than the comma (Excel's ``;``) is named as such."""
    line = ",".join(first)
    for separator in (";", "\t"):
        names = {clean_text(c).casefold() for c in line.split(separator)}
        if len(names & set(required)) >= 2:
            raise CatalogueError(
                Problem(
                    str(path),
                    1,
                    1,
                    "catalogue_separator",
                    {
                        "separator": separator
                        if separator != "\t"
                        else Phrase("validation.delimiter_tab")
                    },
                )
            )


def _read(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[tuple[str, ...], list[tuple[int, dict[str, str]]]]:
    """The header of a catalogue table and its rows, each with its row number, every cell read as
    meant.

    Raises
    ------
    CatalogueError
        For bytes that are not UTF-8, another separator than the comma, the old name
        columns, a missing or unknown column, and a row with a cell too few or too many.
    """
    records = _records(path, _decode(path))
    first = records[0] if records else []
    header = [clean_text(h) for h in first]
    missing = [c for c in required if c not in header]
    if missing:
        _check_separator(path, first, required)
    moved = [h for h in header if h in MOVED_NAME_COLUMNS]
    if moved:
        raise CatalogueError(
            Problem(
                str(path),
                1,
                header.index(moved[0]) + 1,
                "catalogue_names_moved",
                {"column": moved[0]},
            )
        )
    if missing:
        raise CatalogueError(
            Problem(
                str(path),
                1,
                len(header) + 1,
                "catalogue_missing_columns",
                {"columns": ", ".join(missing), "required": ", ".join(required)},
            )
        )
    unknown = [c for c in header if c not in required + optional]
    if unknown:
        col = header.index(unknown[0]) + 1
        raise CatalogueError(
            Problem(
                str(path),
                1,
                col,
                "extra_columns",
                {"column": unknown[0], "allowed": ", ".join(required + optional)},
            )
        )
    rows = []
    for i, record in enumerate(records[1:], start=2):
        if not any(c.strip() for c in record):
            continue
        _check_width(path, i, header, record)
        row = _Row({h: clean_text(c) for h, c in zip(header, record)})
        if len(record) < len(header):
            row.update({h: "" for h in header[len(record) :]})
            row.short = _short_row(path, i, header, record)
        rows.append((i, row))
    return tuple(header), rows


class _Row(dict):
    """A catalogue row's cells by column; ``short`` is the problem of a row that ends early."""

    short: CatalogueError | None = None


def _short_row(path: Path, row: int, header: list[str], record: list[str]) -> CatalogueError:
    return CatalogueError(
        Problem(
            str(path),
            row,
            len(record) + 1,
            "catalogue_short_row",
            {
                "count": len(record),
                "columns": len(header),
                "column": header[len(record)],
                "letter": column_letter(len(record) + 1),
            },
        )
    )


@contextmanager
def _rows_named(path: Path, table: list[tuple[int, dict[str, str]]]) -> Iterator[None]:
    """The checks of a table's rows: a fault of a row that ends early is named as that (a cell
    is missing, and the cells after it moved a column left), not as the fault it caused. A
    row that ends early but reads right (its last, optional cells left out) is read with
    those cells empty.
    """
    short = {i: row.short for i, row in table if getattr(row, "short", None) is not None}
    try:
        yield
    except CatalogueError as err:
        found = short.get(err.problem.row) if err.problem.file == str(path) else None
        if found is None:
            raise
        raise found from err


def _check_width(path: Path, row: int, header: list[str], record: list[str]) -> None:
    """A row with a cell too many (one of its cells belongs to no column)."""
    width = len(header)
    extra = [c for c in record[width:] if c.strip()]
    if extra:
        raise CatalogueError(
            Problem(
                str(path),
                row,
                width + 1,
                "catalogue_long_row",
                {"count": len(record), "columns": width, "value": extra[0][:60]},
            )
        )


def _fail(
    path: Path, row: int, columns: tuple[str, ...], column: str, code: str, **params: object
) -> CatalogueError:
    col = columns.index(column) + 1 if column in columns else 1
    return CatalogueError(Problem(str(path), row, col, code, {"column": column, **params}))


def _one_of(
    path: Path,
    row: int,
    columns: tuple[str, ...],
    cells: dict[str, str],
    column: str,
    allowed: Iterable[str],
    shown: str = "",
) -> None:
    """A cell that must hold one of ``allowed`` (a registry's keys; ``shown`` names them in the
    message instead, such as ``units.csv``).
    """
    if cells[column] not in allowed:
        raise _fail(
            path,
            row,
            columns,
            column,
            "catalogue_bad_value",
            value=cells[column],
            allowed=shown or ", ".join(allowed),
        )


def _number(text: str, path: Path, row: int, columns: tuple[str, ...], column: str) -> float:
    if not text:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        raise _fail(path, row, columns, column, "catalogue_not_a_number", value=text) from None
    if not math.isfinite(value):
        raise _fail(path, row, columns, column, "catalogue_not_a_number", value=text)
    return value


class _Ids:
    """The ids of one catalogue table read so far: each once, none folding like another."""

    def __init__(self, path: Path, columns: tuple[str, ...], column: str):
        self.path, self.columns, self.column = path, columns, column
        self.rows: dict[str, int] = {}
        self.folded: dict[str, str] = {}

    def add(self, ident: str, row: int) -> None:
        if not ident or ident in self.rows:
            raise _fail(
                self.path, row, self.columns, self.column, "catalogue_listed_twice", value=ident
            )
        other = self.folded.get(_fold(ident))
        if other is not None:
            raise _fail(
                self.path,
                row,
                self.columns,
                self.column,
                "catalogue_id_folds_alike",
                value=ident,
                other=other,
                other_row=self.rows[other],
            )
        self.rows[ident] = row
        self.folded[_fold(ident)] = ident


class Catalogue:
    """Indicators by id, units by spelling, plans and areas by id.

    Use :func:`load_catalogue` to read one from a folder. ``rows`` gives the row of each
    entry in its table (``("plans.csv", "annual_2020")`` → 4) and ``headers`` the columns of
    each table, so that a later check can name a cell of the catalogue.

    Parameters
    ----------
    indicators : dict of str to Indicator
        By id, in the order of ``indicators.csv``.
    units : dict of str to Unit
        By spelling (``tỷ đồng``, ``billion VND``).
    plans : dict of str to Plan
        By id.
    areas : dict of str to Area, optional
        By id, in the order of ``areas.csv``.
    folder : Path, optional
        The folder it was read from.

    Raises
    ------
    KeyError
        ``catalogue[id]`` for an indicator it does not hold;
        :class:`UnknownAreaError` from :meth:`area` for an unknown area.
    """

    def __init__(
        self,
        indicators: dict[str, Indicator],
        units: dict[str, Unit],
        plans: dict[str, Plan],
        areas: dict[str, Area] | None = None,
        folder: Path | None = None,
        rows: dict[tuple[str, str], int] | None = None,
        headers: dict[str, tuple[str, ...]] | None = None,
    ):
        self.indicators = indicators
        self.units = units
        self.plans = plans
        self.areas = areas or {}
        self.folder = folder
        self.rows = rows or {}
        self.headers = headers or {}

    def column_number(self, table: str, column: str) -> int:
        """The 1-based column of ``column`` in the catalogue table ``table`` (1 if unknown)."""
        header = self.headers.get(table, ())
        return header.index(column) + 1 if column in header else 1

    def __getitem__(self, indicator_id: str) -> Indicator:
        try:
            return self.indicators[indicator_id]
        except KeyError:
            raise KeyError(f"indicator '{indicator_id}' is not in the catalogue") from None

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self.indicators

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators.values())

    def __len__(self) -> int:
        return len(self.indicators)

    # -- aliases ----------------------------------------------------------------------
    def canonical(self, indicator_id: str) -> str:
        """The id under which an indicator's targets and figures count (``same_as`` followed)."""
        return self[indicator_id].same_as or indicator_id

    def members(self, indicator_id: str) -> tuple[str, ...]:
        """Every id that stands for the same indicator as ``indicator_id`` (canonical first)."""
        canonical = self.canonical(indicator_id)
        return (canonical,) + tuple(i.id for i in self if i.same_as == canonical)

    def core_indicators(self) -> list[Indicator]:
        """Indicators a district plan sets, in the plan's order (``plan_order``)."""
        return sorted(
            (i for i in self if i.plan_order is not None), key=lambda i: (i.plan_order, i.id)
        )

    # -- areas ------------------------------------------------------------------------
    def area(self, area_id: str) -> Area:
        """The area with id ``area_id``; an unknown id raises :class:`UnknownAreaError`."""
        try:
            return self.areas[area_id]
        except KeyError:
            raise UnknownAreaError(area_id, closest_ids(area_id, list(self.areas))) from None

    # -- units ------------------------------------------------------------------------
    def unit_label(self, unit: str, language: str, count: float | None = None) -> str:
        """The unit as planners write it in ``language`` (``tỷ đồng``, ``billion VND``)."""
        found = self.units.get(unit)
        if found is None:
            raise KeyError(f"unit {unit!r} is not in units.csv")
        return found.label(language, count)

    def conversion_factor(self, from_unit: str, to_unit: str) -> float | None:
        """Factor that turns a value in ``from_unit`` into ``to_unit``; None if impossible."""
        if from_unit == to_unit:
            return 1.0
        a, b = self.units.get(from_unit), self.units.get(to_unit)
        if a is None or b is None or a.dimension != b.dimension:
            return None
        return a.scale / b.scale

    def convertible_units(self, to_unit: str) -> list[str]:
        """Spellings of units that convert to ``to_unit``."""
        target = self.units.get(to_unit)
        if target is None:
            return [to_unit]
        return [u.unit for u in self.units.values() if u.dimension == target.dimension]

    # -- plans ------------------------------------------------------------------------
    def plan_for(self, source_id: str, first_year: int, last_year: int) -> Plan:
        """The plan a target of ``source_id`` for ``first_year``–``last_year`` belongs to."""
        for plan in self.plans.values():
            if (
                source_id in plan.sources
                and plan.first_year <= first_year
                and last_year <= plan.last_year
            ):
                return plan
        if first_year == last_year:
            return Plan(f"annual_{first_year}", "annual", first_year, first_year, ())
        return Plan(f"term_{first_year}_{last_year}", "term", first_year, last_year, ())

    def to_frame(self, language: str) -> pd.DataFrame:
        """The catalogue as a table, one row per indicator, names in ``language``."""
        return pd.DataFrame(
            [
                {
                    "indicator": i.id,
                    "name": i.name(language),
                    "unit": i.unit,
                    "kind": i.kind,
                    "direction": i.direction,
                    "lower_bound": i.lower_bound,
                    "upper_bound": i.upper_bound,
                    "price_basis": i.price_basis,
                    "theme": i.theme,
                    "same_as": i.same_as,
                }
                for i in self
            ]
        )


Names = dict[tuple[str, str], dict[tuple[str, str], str]]


def _load_names(path: Path) -> Names:
    """``names.csv``: ``{(entry, id): {(language, form): name}}``."""
    names: Names = {}
    columns, table = _read(path, NAME_REQUIRED, ())
    with _rows_named(path, table):
        for i, row in table:
            _one_of(path, i, columns, row, "entry", NAME_ENTRIES)
            if not row["name"]:
                raise _fail(path, i, columns, "name", "catalogue_empty_name", id=row["id"])
            forms = names.setdefault((row["entry"], row["id"]), {})
            key = (row["language"], row["form"])
            if key in forms:
                raise _fail(
                    path,
                    i,
                    columns,
                    "id",
                    "catalogue_name_twice",
                    id=row["id"],
                    language=row["language"],
                )
            forms[key] = row["name"]
    return names


def _named(
    names: Names, entry: str, ident: str, path: Path, row: int, columns: tuple[str, ...]
) -> dict[tuple[str, str], str]:
    """The names of one catalogue entry; every shipped language must have one."""
    found = names.get((entry, ident), {})
    for language in LANGUAGES:
        if (language, "") not in found:
            column = NAME_ENTRIES[entry][1]
            raise _fail(
                path, row, columns, column, "catalogue_missing_name", id=ident, language=language
            )
    return found


def _plain_names(found: dict[tuple[str, str], str]) -> tuple[tuple[str, str], ...]:
    return tuple((language, name) for (language, form), name in found.items() if not form)


def _load_units(path: Path, names: Names, rows: dict[tuple[str, str], int]) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    columns, table = _read(path, UNIT_REQUIRED, ())
    ids = _Ids(path, columns, "unit")
    with _rows_named(path, table):
        for i, row in table:
            ids.add(row["unit"], i)
            scale = _number(row["scale"], path, i, columns, "scale")
            if not scale > 0:
                raise _fail(path, i, columns, "scale", "catalogue_scale", value=row["scale"])
            labels = _named(names, "unit", row["unit"], path, i, columns)
            units[row["unit"]] = Unit(row["unit"], row["dimension"], scale, tuple(labels.items()))
            rows[("units.csv", row["unit"])] = i
    return units


def _load_plans(path: Path, names: Names, rows: dict[tuple[str, str], int]) -> dict[str, Plan]:
    plans: dict[str, Plan] = {}
    if not path.exists():
        return plans
    columns, table = _read(path, PLAN_REQUIRED, ())
    ids = _Ids(path, columns, "plan")
    with _rows_named(path, table):
        for i, row in table:
            ids.add(row["plan"], i)
            _one_of(path, i, columns, row, "kind", PLAN_KINDS)
            first = _number(row["first_year"], path, i, columns, "first_year")
            last = _number(row["last_year"], path, i, columns, "last_year")
            if math.isnan(first) or math.isnan(last) or first > last:
                raise _fail(path, i, columns, "first_year", "catalogue_plan_years")
            found = _named(names, "plan", row["plan"], path, i, columns)
            plan = Plan(
                row["plan"],
                row["kind"],  # type: ignore[arg-type]
                int(first),
                int(last),
                _plain_names(found),
                tuple(row["sources"].split()),
            )
            _check_plan_sources(path, i, columns, plan, plans, rows)
            plans[row["plan"]] = plan
            rows[("plans.csv", row["plan"])] = i
    return plans


def _check_plan_sources(
    path: Path,
    row: int,
    columns: tuple[str, ...],
    plan: Plan,
    plans: dict[str, Plan],
    rows: dict[tuple[str, str], int],
) -> None:
    """A source belongs to one plan, unless the plans' years do not overlap (then a target's year
    says which): otherwise its targets would go to whichever plan comes first.
    """
    for other in plans.values():
        overlap = other.first_year <= plan.last_year and plan.first_year <= other.last_year
        shared = [s for s in plan.sources if s in other.sources]
        if shared and overlap:
            raise _fail(
                path,
                row,
                columns,
                "sources",
                "catalogue_source_two_plans",
                value=shared[0],
                plan=plan.id,
                other=other.id,
                other_row=rows[("plans.csv", other.id)],
                years=f"{plan.first_year}–{plan.last_year}",
                other_years=f"{other.first_year}–{other.last_year}",
            )


def _load_areas(path: Path, names: Names, rows: dict[tuple[str, str], int]) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    columns, table = _read(path, AREA_REQUIRED, AREA_OPTIONAL)
    ids = _Ids(path, columns, "area")
    with _rows_named(path, table):
        for i, row in table:
            ids.add(row["area"], i)
            _one_of(path, i, columns, row, "level", LEVELS)
            for column in ("valid_from", "valid_to"):
                if row[column] and not _iso_date(row[column]):
                    raise _fail(path, i, columns, column, "catalogue_bad_date", value=row[column])
            found = _named(names, "area", row["area"], path, i, columns)
            areas[row["area"]] = Area(
                row["area"],
                row["level"],
                row["parent"],
                row["valid_from"],
                row["valid_to"],
                tuple(row.get("successor", "").split()),
                row.get("successor_source", ""),
                _plain_names(found),
            )
            rows[("areas.csv", row["area"])] = i
    with _rows_named(path, table):
        for i, row in table:
            area = areas[row["area"]]
            for column, refs in (("parent", (area.parent,)), ("successor", area.successors)):
                for ref in refs:
                    if ref and ref not in areas:
                        raise _fail(
                            path,
                            i,
                            columns,
                            column,
                            "catalogue_unknown_area",
                            value=ref,
                            closest=", ".join(closest_ids(ref, list(areas))) or "-",
                        )
            if area.successors and not area.successor_source:
                raise _fail(path, i, columns, "successor_source", "catalogue_successor_source")
    return areas


def _iso_date(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def find_catalogues(paths: Iterable[Path | str]) -> list[Path]:
    """Folders among (or inside) ``paths`` that hold a catalogue (every file of
    :data:`~dongson_analysis.catalogue.CATALOGUE_FILES`).
    """
    folders: list[Path] = []
    for raw in paths:
        path = Path(raw)
        candidates = (
            [path] + sorted(p for p in path.rglob("*") if p.is_dir()) if path.is_dir() else []
        )
        for folder in candidates:
            if all((folder / name).is_file() for name in CATALOGUE_FILES) and folder not in folders:
                folders.append(folder)
    return folders


def load_catalogue(folder: Path | str) -> Catalogue:
    """Read and check the catalogue tables of ``folder`` (see the module docstring).

    Parameters
    ----------
    folder : path
        A folder holding ``indicators.csv``, ``units.csv``, ``areas.csv``, ``names.csv``
        and, optionally, ``plans.csv``.

    Returns
    -------
    Catalogue
        The indicators, units, plans and areas, with their names in every shipped language.

    Raises
    ------
    CatalogueError
        For a missing file, column or value, an unknown kind, direction, unit or price
        basis, an id listed twice (or twice but for case or accents), a reference
        (``level_indicator``, ``same_as``, ``ratio_of``, ``ratio_to``) to an id that is
        not catalogued, swapped bounds, an alias in a unit of another dimension, a source
        in two plans whose years overlap, a missing or empty name, another separator than
        the comma, or a row with a cell too few or too many.
    """
    folder = Path(folder)
    for name in CATALOGUE_FILES:
        if not (folder / name).is_file():
            raise CatalogueError(Problem(str(folder / name), 1, 1, "catalogue_missing_file"))
    rows: dict[tuple[str, str], int] = {}
    names = _load_names(folder / "names.csv")
    units = _load_units(folder / "units.csv", names, rows)
    indicators = _load_indicators(folder / "indicators.csv", names, units, rows)
    plans = _load_plans(folder / "plans.csv", names, rows)
    areas = _load_areas(folder / "areas.csv", names, rows)
    headers = {name: _header(folder / name) for name in CATALOGUE_FILES + ("plans.csv",)}
    return Catalogue(indicators, units, plans, areas, folder, rows, headers)


def _header(path: Path) -> tuple[str, ...]:
    if not path.exists():
        return ()
    records = _records(path, _decode(path))
    return tuple(clean_text(h) for h in records[0]) if records else ()


def _load_indicators(
    path: Path, names: Names, units: dict[str, Unit], rows: dict[tuple[str, str], int]
) -> dict[str, Indicator]:
    indicators: dict[str, Indicator] = {}
    columns, table = _read(path, INDICATOR_REQUIRED, INDICATOR_OPTIONAL)
    ids = _Ids(path, columns, "indicator")
    with _rows_named(path, table):
        for i, row in table:
            ids.add(row["indicator"], i)
            indicators[row["indicator"]] = _indicator(path, i, columns, row, names, units)
            rows[("indicators.csv", row["indicator"])] = i
    with _rows_named(path, table):
        for ind in indicators.values():
            row = rows[("indicators.csv", ind.id)]
            _check_references(path, row, columns, ind, indicators, units)
    return indicators


def _indicator(
    path: Path,
    i: int,
    columns: tuple[str, ...],
    row: dict[str, str],
    names: Names,
    units: dict[str, Unit],
) -> Indicator:
    """One row of ``indicators.csv``, its cells checked."""
    _one_of(path, i, columns, row, "unit", units, shown="units.csv")
    _one_of(path, i, columns, row, "kind", KINDS)
    _one_of(path, i, columns, row, "direction", DIRECTIONS)
    _one_of(path, i, columns, row, "price_basis", PRICE_BASES)
    order = _number(row.get("plan_order", ""), path, i, columns, "plan_order")
    precision = _number(row["precision"], path, i, columns, "precision")
    if math.isnan(precision) or precision != int(precision) or not -6 <= precision <= 6:
        raise _fail(path, i, columns, "precision", "catalogue_precision", value=row["precision"])
    _one_of(path, i, columns, row, "series_group", SERIES_GROUPS)
    lower = _number(row["lower_bound"], path, i, columns, "lower_bound")
    upper = _number(row["upper_bound"], path, i, columns, "upper_bound")
    if lower > upper:
        raise _fail(
            path,
            i,
            columns,
            "lower_bound",
            "catalogue_bounds_swapped",
            lower=row["lower_bound"],
            upper=row["upper_bound"],
            indicator=row["indicator"],
        )
    found = _named(names, "indicator", row["indicator"], path, i, columns)
    return Indicator(
        id=row["indicator"],
        names=_plain_names(found),
        unit=row["unit"],
        kind=row["kind"],
        direction=row["direction"],  # type: ignore[arg-type]
        lower_bound=lower,
        upper_bound=upper,
        price_basis=row["price_basis"],
        theme=row["theme"],
        precision=int(precision),
        series_group=row["series_group"],
        level_indicator=row.get("level_indicator", ""),
        average_of=row.get("average_of", ""),
        same_as=row.get("same_as", ""),
        plan_order=None if math.isnan(order) else int(order),
        ratio_of=row.get("ratio_of", ""),
        ratio_to=row.get("ratio_to", ""),
        notes=row.get("notes", ""),
        national_breaks=_years(path, i, columns, row.get("national_breaks", "")),
    )


def _years(path: Path, row: int, columns: tuple[str, ...], text: str) -> tuple[int, ...]:
    """The years of a ``national_breaks`` cell (``2016 2022``), in order."""
    years = []
    for word in text.split():
        year = _number(word, path, row, columns, "national_breaks")
        if year != int(year) or not 1900 <= year <= 2100:
            raise _fail(path, row, columns, "national_breaks", "catalogue_not_a_year", value=word)
        years.append(int(year))
    return tuple(sorted(years))


def _check_references(
    path: Path,
    row: int,
    columns: tuple[str, ...],
    ind: Indicator,
    indicators: dict[str, Indicator],
    units: dict[str, Unit],
) -> None:
    """References to other indicators: catalogued, no alias of an alias, an alias's unit of the
    same dimension, ratios in pairs.
    """
    for column in ("level_indicator", "average_of", "same_as", "ratio_of", "ratio_to"):
        ref = getattr(ind, column)
        if ref and ref not in indicators:
            raise _fail(
                path,
                row,
                columns,
                column,
                "catalogue_unknown_reference",
                value=ref,
                indicator=ind.id,
            )
    if ind.same_as:
        target = indicators[ind.same_as]
        if target.same_as:
            raise _fail(
                path, row, columns, "same_as", "catalogue_alias_of_alias", value=ind.same_as
            )
        own, theirs = units[ind.unit], units[target.unit]
        if own.dimension != theirs.dimension:
            raise _fail(
                path,
                row,
                columns,
                "same_as",
                "catalogue_alias_unit",
                value=ind.same_as,
                indicator=ind.id,
                unit=ind.unit,
                other_unit=target.unit,
            )
    if ind.is_relative != bool(ind.ratio_to):
        raise _fail(path, row, columns, "ratio_to", "catalogue_ratio_pair")
