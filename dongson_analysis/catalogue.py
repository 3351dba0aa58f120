"""The indicator catalogue and the unit table.

``data/catalogue/indicators.csv`` holds one row per indicator: id, Vietnamese and
English names, unit, kind, direction, bounds, price basis and theme.
``data/catalogue/units.csv`` lists every spelling of a unit that input files may
use, with its dimension and scale, so that values given in ``tỷ đồng`` or
``triệu đồng`` are converted to the catalogue's unit with a recorded factor.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from .paths import catalogue_dir

Kind = Literal["level", "growth_rate", "share", "count", "cumulative", "ratio", "milestone"]
Direction = Literal["higher", "lower", "none"]
PriceBasis = Literal["current", "constant_2010", "not_applicable", "not_stated"]

KINDS: tuple[str, ...] = ("level", "growth_rate", "share", "count", "cumulative", "ratio", "milestone")
DIRECTIONS: tuple[str, ...] = ("higher", "lower", "none")
PRICE_BASES: tuple[str, ...] = ("current", "constant_2010", "not_applicable", "not_stated")
CATALOGUE_COLUMNS: tuple[str, ...] = (
    "indicator", "name_vi", "name_en", "unit", "kind", "direction", "lower_bound",
    "upper_bound", "price_basis", "theme", "level_indicator", "notes",
)
UNIT_COLUMNS: tuple[str, ...] = ("unit", "dimension", "scale", "label_vi", "label_en")


def lower_first(name: str) -> str:
    """A name as it reads mid-sentence: first letter lowered unless it starts an acronym (GDP stays)."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


@dataclass(frozen=True)
class Indicator:
    """One catalogued indicator.

    ``lower_bound`` and ``upper_bound`` are NaN where there is none. For a
    growth-rate indicator, ``level_indicator`` names the level it is the growth of.
    """

    id: str
    name_vi: str
    name_en: str
    unit: str
    kind: Kind
    direction: Direction
    lower_bound: float
    upper_bound: float
    price_basis: PriceBasis
    theme: str
    level_indicator: str
    notes: str

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en

    @property
    def has_upper_bound(self) -> bool:
        return not math.isnan(self.upper_bound)


@dataclass(frozen=True)
class Unit:
    unit: str
    dimension: str
    scale: float
    label_vi: str
    label_en: str


def _bound(text: str) -> float:
    return float(text) if text.strip() else math.nan


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}:1:1: expected the columns {', '.join(columns)}")
        return list(reader)


class Catalogue:
    """Indicators by id, and units by spelling."""

    def __init__(self, indicators: dict[str, Indicator], units: dict[str, Unit]):
        self.indicators = indicators
        self.units = units

    @classmethod
    def from_folder(cls, folder: Path) -> "Catalogue":
        """Read ``indicators.csv`` and ``units.csv`` from ``folder``, checking every field."""
        units: dict[str, Unit] = {}
        for i, row in enumerate(_read_rows(folder / "units.csv", UNIT_COLUMNS), start=2):
            if row["unit"] in units:
                raise ValueError(f"{folder / 'units.csv'}:{i}:1: unit '{row['unit']}' is listed twice")
            units[row["unit"]] = Unit(row["unit"], row["dimension"], float(row["scale"]),
                                      row["label_vi"], row["label_en"])
        indicators: dict[str, Indicator] = {}
        path = folder / "indicators.csv"
        for i, row in enumerate(_read_rows(path, CATALOGUE_COLUMNS), start=2):
            checks = [
                ("indicator", row["indicator"] not in indicators, "is listed twice"),
                ("unit", row["unit"] in units, "is not in units.csv"),
                ("kind", row["kind"] in KINDS, f"must be one of {', '.join(KINDS)}"),
                ("direction", row["direction"] in DIRECTIONS, f"must be one of {', '.join(DIRECTIONS)}"),
                ("price_basis", row["price_basis"] in PRICE_BASES, f"must be one of {', '.join(PRICE_BASES)}"),
            ]
            for column, ok, what in checks:
                if not ok:
                    col = CATALOGUE_COLUMNS.index(column) + 1
                    raise ValueError(f"{path}:{i}:{col}: {column} '{row[column]}' {what}")
            indicators[row["indicator"]] = Indicator(
                id=row["indicator"], name_vi=row["name_vi"], name_en=row["name_en"],
                unit=row["unit"], kind=row["kind"], direction=row["direction"],  # type: ignore[arg-type]
                lower_bound=_bound(row["lower_bound"]), upper_bound=_bound(row["upper_bound"]),
                price_basis=row["price_basis"], theme=row["theme"],  # type: ignore[arg-type]
                level_indicator=row["level_indicator"], notes=row["notes"],
            )
        for ind in indicators.values():
            if ind.level_indicator and ind.level_indicator not in indicators:
                raise ValueError(f"{path}: level_indicator '{ind.level_indicator}' of {ind.id} is not catalogued")
        return cls(indicators, units)

    def __getitem__(self, indicator_id: str) -> Indicator:
        return self.indicators[indicator_id]

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self.indicators

    def __iter__(self):
        return iter(self.indicators.values())

    def unit_label(self, unit: str, lang: str = "vi") -> str:
        """The unit as planners write it in ``lang`` (``tỷ đồng``, ``billion VND``)."""
        found = self.units.get(unit)
        if found is None:
            return unit
        return found.label_vi if lang == "vi" else found.label_en

    def conversion_factor(self, from_unit: str, to_unit: str) -> float | None:
        """Factor that turns a value in ``from_unit`` into ``to_unit``; None if impossible.

        >>> catalogue().conversion_factor("triệu đồng", "billion VND")
        0.001
        """
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

    def to_frame(self):
        """The catalogue as a pandas DataFrame, one row per indicator."""
        import pandas as pd

        return pd.DataFrame([vars(i) for i in self.indicators.values()]).rename(columns={"id": "indicator"})


@cache
def _catalogue_at(folder: str) -> Catalogue:
    return Catalogue.from_folder(Path(folder))


def catalogue(folder: Path | None = None) -> Catalogue:
    """The catalogue in ``folder`` (by default ``data/catalogue``), read once."""
    return _catalogue_at(str(folder or catalogue_dir()))
