"""The settings of one run, built once at the edge (command line, a notebook's parameters cell).

Nothing below the edge reads environment variables, the working directory or a
default folder: every stage receives a :class:`Settings` (or what was computed
from it). :data:`DEFAULT_PARAMETERS` are the defaults of the edge, in one place;
:func:`settings_from_parameters` turns a notebook's parameters into settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .l10n import LANGUAGES

#: The edge's defaults: the parameters cell of every chapter and the command line's options.
DEFAULT_PARAMETERS: dict[str, Any] = {
    # data_paths None: the data folder shipped with the package (public record, catalogue, planner/)
    "data_paths": None,
    "lang": "vi",
    "area": "dong_son",
    "area_name": "Đông Sơn",
    "base_year": 2015,
    "target_year": 2020,
    "plan_end": 2025,
}


class SettingsError(ValueError):
    """Settings that cannot describe a run (the message says which and why)."""


@dataclass(frozen=True)
class Settings:
    """Everything a run depends on.

    Parameters
    ----------
    data_paths : tuple of Path
        Files and folders holding observations, sources, series breaks and,
        optionally, the catalogue.
    catalogue_dir : Path or None
        Folder of ``indicators.csv`` and ``units.csv``. None: the one catalogue
        found inside ``data_paths`` (a ``catalogue/`` folder).
    area, area_name : str
        Area id used in the data (``dong_son``) and its name in text (``Đông Sơn``).
    base_year, target_year, plan_end : int
        The year before the plan term under review, the term's last year (whose
        targets are judged) and the last year of the next plan (proposals).
    language : {"vi", "en"}
        Language of every text.
    number_locale : {"vi", "en"} or None
        How numbers are written; None means the language's own way.
    as_of_year : int or None
        The current year, for the warning on figures dated after it (None: no such check).
    """

    data_paths: tuple[Path, ...]
    catalogue_dir: Path | None = None
    area: str = DEFAULT_PARAMETERS["area"]
    area_name: str = DEFAULT_PARAMETERS["area_name"]
    base_year: int = DEFAULT_PARAMETERS["base_year"]
    target_year: int = DEFAULT_PARAMETERS["target_year"]
    plan_end: int = DEFAULT_PARAMETERS["plan_end"]
    language: str = DEFAULT_PARAMETERS["lang"]
    number_locale: str | None = None
    as_of_year: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_paths", tuple(Path(p) for p in self.data_paths))
        if self.catalogue_dir is not None:
            object.__setattr__(self, "catalogue_dir", Path(self.catalogue_dir))
        if not self.data_paths:
            raise SettingsError("data_paths is empty: give at least one data file or folder")
        for name in ("base_year", "target_year", "plan_end"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise SettingsError(f"{name} must be a whole year, got {value!r}")
        if not self.base_year < self.target_year < self.plan_end:
            raise SettingsError(
                f"years must satisfy base_year < target_year < plan_end; got {self.base_year}, "
                f"{self.target_year}, {self.plan_end}"
            )
        if self.plan_end - self.target_year > 10:
            raise SettingsError(
                f"plan_end {self.plan_end} is more than 10 years after target_year "
                f"{self.target_year}"
            )
        for name in ("language", "number_locale"):
            value = getattr(self, name)
            if value is not None and value not in LANGUAGES:
                raise SettingsError(f"{name} must be one of {', '.join(LANGUAGES)}, got {value!r}")
        if not str(self.area).strip():
            raise SettingsError("area is empty")
        if not str(self.area_name).strip():
            raise SettingsError("area_name is empty")

    @property
    def locale(self) -> str:
        """The number locale in effect."""
        return self.number_locale or self.language

    @property
    def term_years(self) -> tuple[int, int]:
        """First and last year of the plan term under review (2016, 2020)."""
        return self.base_year + 1, self.target_year

    @property
    def next_term_years(self) -> tuple[int, int]:
        """First and last year of the next plan (2021, 2025)."""
        return self.target_year + 1, self.plan_end

    def with_language(self, language: str) -> Settings:
        """The same run in another language (and that language's number locale)."""
        return replace(self, language=language, number_locale=None)


def bundled_data_dir() -> Path:
    """The data folder shipped with the package: the public record, the catalogue, ``planner/``.

    Installed from a wheel, it lies inside the package (``dongson_analysis/bundled_data``);
    in a checkout of the repository it is the repository's ``data/`` folder. Only the
    edge (command line, notebooks) calls this, to fill in a default.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "bundled_data", here.parent / "data"):
        if (candidate / "catalogue" / "indicators.csv").is_file():
            return candidate
    raise SettingsError(
        "the package's data folder is missing; reinstall the package or pass data paths"
    )


def settings_from_parameters(
    data_paths: Iterable[str | Path] | str | Path | None = None,
    lang: str = DEFAULT_PARAMETERS["lang"],
    area: str = DEFAULT_PARAMETERS["area"],
    area_name: str = DEFAULT_PARAMETERS["area_name"],
    base_year: int = DEFAULT_PARAMETERS["base_year"],
    target_year: int = DEFAULT_PARAMETERS["target_year"],
    plan_end: int = DEFAULT_PARAMETERS["plan_end"],
    number_locale: str | None = None,
    catalogue_dir: str | Path | None = None,
) -> Settings:
    """Settings from the parameters of a chapter (the edge: ``None`` means the shipped data)."""
    if data_paths is None:
        paths: Sequence[Path] = (bundled_data_dir(),)
    elif isinstance(data_paths, (str, Path)):
        paths = (Path(data_paths),)
    else:
        paths = tuple(Path(p) for p in data_paths)
    return Settings(
        tuple(paths),
        Path(catalogue_dir) if catalogue_dir else None,
        area,
        area_name,
        base_year,
        target_year,
        plan_end,
        lang,
        number_locale,
    )
