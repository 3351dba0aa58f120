"""The indicator catalogue: indicators, units and plans.

A catalogue is a folder with three tables:

``indicators.csv``
    One row per indicator: id, a name per language (``name_vi``, ``name_en``),
    unit, kind (see :mod:`dongson_analysis.kinds`), direction, bounds, price
    basis, theme, and optionally: ``level_indicator`` (the level a growth rate is
    the growth of), ``average_of`` (a term average's yearly indicator), ``same_as`` (another id
    for the same indicator, so that a
    target stated under both is counted once), ``plan_order`` (the position of a
    core indicator in a district plan; proposals are made for these), ``ratio_of``
    and ``ratio_to`` (a relative target: 100 × (ratio_of / ratio_to − 1)), notes.
``units.csv``
    Every spelling of a unit that input files may use, with its dimension and
    scale (``tỷ đồng`` and ``triệu đồng`` convert with a recorded factor) and a
    label per language (``label_en_one`` for the English singular).
``plans.csv`` (optional)
    Which plan each source's targets belong to: a term resolution, an annual
    plan or a programme, with its years and a name per language. A target whose
    source no plan lists belongs to the annual plan of its year, or to the term
    of its range.

:func:`load_catalogue` reads and checks the three tables; every problem names
the file, row and column.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from .kinds import KINDS, KindSpec, kind_spec
from .problems import Problem

Direction = Literal["higher", "lower", "none"]
PlanKind = Literal["term", "annual", "programme"]

DIRECTIONS: tuple[str, ...] = ("higher", "lower", "none")
PRICE_BASES: tuple[str, ...] = ("current", "constant_2010", "not_applicable", "not_stated")
PLAN_KINDS: tuple[str, ...] = ("term", "annual", "programme")
INDICATOR_REQUIRED: tuple[str, ...] = (
    "indicator",
    "name_vi",
    "name_en",
    "unit",
    "kind",
    "direction",
    "lower_bound",
    "upper_bound",
    "price_basis",
    "theme",
)
INDICATOR_OPTIONAL: tuple[str, ...] = (
    "level_indicator",
    "average_of",
    "same_as",
    "plan_order",
    "ratio_of",
    "ratio_to",
    "notes",
)
UNIT_REQUIRED: tuple[str, ...] = ("unit", "dimension", "scale", "label_vi", "label_en")
UNIT_OPTIONAL: tuple[str, ...] = ("label_en_one",)
PLAN_REQUIRED: tuple[str, ...] = (
    "plan",
    "kind",
    "first_year",
    "last_year",
    "name_vi",
    "name_en",
    "sources",
)
CATALOGUE_FILES = ("indicators.csv", "units.csv")


class CatalogueError(ValueError):
    """A catalogue table that cannot be used; ``problem`` names file, row, column and the fault."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format("en"))

    def format(self, lang: str) -> str:
        return self.problem.format(lang)


@dataclass(frozen=True)
class Indicator:
    """One catalogued indicator.

    ``lower_bound`` and ``upper_bound`` are NaN where there is none.
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
    level_indicator: str = ""
    average_of: str = ""
    same_as: str = ""
    plan_order: int | None = None
    ratio_of: str = ""
    ratio_to: str = ""
    notes: str = ""

    def name(self, language: str) -> str:
        """The indicator's name in ``language``."""
        for lang, name in self.names:
            if lang == language:
                return name
        raise CatalogueError(f"indicator {self.id} has no name in {language!r}")

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
    unit: str
    dimension: str
    scale: float
    labels: tuple[tuple[str, str], ...]

    def label(self, language: str, count: float | None = None) -> str:
        found = dict(self.labels)
        if count == 1 and found.get(f"{language}_one"):
            return found[f"{language}_one"]
        if language not in found:
            raise CatalogueError(f"unit '{self.unit}' has no label in {language!r}")
        return found[language]


@dataclass(frozen=True)
class Plan:
    """A plan whose targets are judged: a term resolution, an annual plan or a programme."""

    id: str
    kind: PlanKind
    first_year: int
    last_year: int
    names: tuple[tuple[str, str], ...]
    sources: tuple[str, ...] = ()

    def name(self, language: str) -> str:
        return dict(self.names).get(language, "")


def _read(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...]
) -> list[tuple[int, dict[str, str]]]:
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = data.count(b"\n", 0, err.start) + 1
        raise CatalogueError(
            Problem(str(path), row, 1, "not_utf8", {"byte": f"0x{data[err.start]:02X}"})
        ) from None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or ()]
        missing = [c for c in required if c not in header]
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
        unknown = [
            c
            for c in header
            if c not in required + optional and not c.startswith(("name_", "label_"))
        ]
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
        reader.fieldnames = header
        return [
            (i, {k: (v or "").strip() for k, v in row.items() if k is not None})
            for i, row in enumerate(reader, start=2)
        ]


def _fail(
    path: Path, row: int, columns: tuple[str, ...], column: str, code: str, **params: object
) -> CatalogueError:
    col = columns.index(column) + 1 if column in columns else 1
    return CatalogueError(Problem(str(path), row, col, code, {"column": column, **params}))


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


class Catalogue:
    """Indicators by id, units by spelling, plans by id.

    Use :func:`load_catalogue` to read one from a folder.
    """

    def __init__(
        self,
        indicators: dict[str, Indicator],
        units: dict[str, Unit],
        plans: dict[str, Plan],
        folder: Path | None = None,
    ):
        self.indicators = indicators
        self.units = units
        self.plans = plans
        self.folder = folder

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

    # -- units ------------------------------------------------------------------------
    def unit_label(self, unit: str, language: str, count: float | None = None) -> str:
        """The unit as planners write it in ``language`` (``tỷ đồng``, ``billion VND``)."""
        found = self.units.get(unit)
        if found is None:
            raise CatalogueError(f"unit '{unit}' is not in units.csv")
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


def _load_units(path: Path) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    columns = UNIT_REQUIRED + UNIT_OPTIONAL
    for i, row in _read(path, UNIT_REQUIRED, UNIT_OPTIONAL):
        if row["unit"] in units:
            raise _fail(path, i, columns, "unit", "catalogue_listed_twice", value=row["unit"])
        scale = _number(row["scale"], path, i, columns, "scale")
        if not scale > 0:
            raise _fail(path, i, columns, "scale", "catalogue_scale", value=row["scale"])
        labels = tuple(
            (k[len("label_") :], v) for k, v in row.items() if k.startswith("label_") and v
        )
        units[row["unit"]] = Unit(row["unit"], row["dimension"], scale, labels)
    return units


def _load_plans(path: Path) -> dict[str, Plan]:
    plans: dict[str, Plan] = {}
    if not path.exists():
        return plans
    for i, row in _read(path, PLAN_REQUIRED, ()):
        if row["plan"] in plans:
            raise _fail(path, i, PLAN_REQUIRED, "plan", "catalogue_listed_twice", value=row["plan"])
        if row["kind"] not in PLAN_KINDS:
            raise _fail(
                path,
                i,
                PLAN_REQUIRED,
                "kind",
                "catalogue_bad_value",
                value=row["kind"],
                allowed=", ".join(PLAN_KINDS),
            )
        first = _number(row["first_year"], path, i, PLAN_REQUIRED, "first_year")
        last = _number(row["last_year"], path, i, PLAN_REQUIRED, "last_year")
        if math.isnan(first) or math.isnan(last) or first > last:
            raise _fail(path, i, PLAN_REQUIRED, "first_year", "catalogue_plan_years")
        names = tuple((k[len("name_") :], v) for k, v in row.items() if k.startswith("name_"))
        plans[row["plan"]] = Plan(
            row["plan"],
            row["kind"],
            int(first),
            int(last),
            names,  # type: ignore[arg-type]
            tuple(row["sources"].split()),
        )
    return plans


def load_catalogue(folder: Path | str) -> Catalogue:
    """Read ``indicators.csv``, ``units.csv`` and (if present) ``plans.csv`` from ``folder``.

    Raises
    ------
    CatalogueError
        For a missing file, column or value, an unknown kind, direction, unit
        or price basis, an id listed twice, or a reference (``level_indicator``,
        ``same_as``, ``ratio_of``, ``ratio_to``) to an id that is not catalogued.
    """
    folder = Path(folder)
    for name in CATALOGUE_FILES:
        if not (folder / name).is_file():
            raise CatalogueError(Problem(str(folder / name), 1, 1, "catalogue_missing_file"))
    units = _load_units(folder / "units.csv")
    path = folder / "indicators.csv"
    columns = INDICATOR_REQUIRED + INDICATOR_OPTIONAL
    indicators: dict[str, Indicator] = {}
    for i, row in _read(path, INDICATOR_REQUIRED, INDICATOR_OPTIONAL):
        if not row["indicator"] or row["indicator"] in indicators:
            raise _fail(
                path, i, columns, "indicator", "catalogue_listed_twice", value=row["indicator"]
            )
        checks = [
            ("unit", row["unit"] in units, "units.csv"),
            ("kind", row["kind"] in KINDS, ", ".join(KINDS)),
            ("direction", row["direction"] in DIRECTIONS, ", ".join(DIRECTIONS)),
            ("price_basis", row["price_basis"] in PRICE_BASES, ", ".join(PRICE_BASES)),
        ]
        for column, ok, allowed in checks:
            if not ok:
                raise _fail(
                    path,
                    i,
                    columns,
                    column,
                    "catalogue_bad_value",
                    value=row[column],
                    allowed=allowed,
                )
        order = _number(row.get("plan_order", ""), path, i, columns, "plan_order")
        names = tuple((k[len("name_") :], v) for k, v in row.items() if k.startswith("name_") and v)
        indicators[row["indicator"]] = Indicator(
            id=row["indicator"],
            names=names,
            unit=row["unit"],
            kind=row["kind"],
            direction=row["direction"],  # type: ignore[arg-type]
            lower_bound=_number(row["lower_bound"], path, i, columns, "lower_bound"),
            upper_bound=_number(row["upper_bound"], path, i, columns, "upper_bound"),
            price_basis=row["price_basis"],
            theme=row["theme"],
            level_indicator=row.get("level_indicator", ""),
            average_of=row.get("average_of", ""),
            same_as=row.get("same_as", ""),
            plan_order=None if math.isnan(order) else int(order),
            ratio_of=row.get("ratio_of", ""),
            ratio_to=row.get("ratio_to", ""),
            notes=row.get("notes", ""),
        )
    for row_number, ind in enumerate(indicators.values(), start=2):
        for column in ("level_indicator", "average_of", "same_as", "ratio_of", "ratio_to"):
            ref = getattr(ind, column)
            if ref and ref not in indicators:
                raise _fail(
                    path,
                    row_number,
                    columns,
                    column,
                    "catalogue_unknown_reference",
                    value=ref,
                    indicator=ind.id,
                )
        if ind.same_as and indicators[ind.same_as].same_as:
            raise _fail(
                path, row_number, columns, "same_as", "catalogue_alias_of_alias", value=ind.same_as
            )
        if ind.is_relative != bool(ind.ratio_to):
            raise _fail(path, row_number, columns, "ratio_to", "catalogue_ratio_pair")
    return Catalogue(indicators, units, _load_plans(folder / "plans.csv"), folder)
