"""The settings of one run, built once at the edge (command line, a notebook's parameters cell).

Nothing below the edge reads environment variables, the working directory or a
default folder: every stage receives a :class:`Settings` (or what was computed
from it). :data:`DEFAULT_PARAMETERS` are the defaults of the edge, in one place;
:func:`settings_from_parameters` turns a notebook's parameters into settings and
:meth:`Settings.to_parameters` turns settings back into the parameters a
notebook is written with, so every output of a run gets its settings by one road.

A run reviews one plan period (``review``, e.g. 2016–2020) and prepares the next
(``plan``, e.g. 2021–2025); the base year, the year whose targets are judged and
the projection horizon all follow from these two periods.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .l10n import LANGUAGES
from .vintage import date_window

#: The edge's defaults: the parameters cell of every chapter and the command line's options.
DEFAULT_PARAMETERS: dict[str, Any] = {
    # None: the data folder shipped with the package (public record, catalogue, planner/)
    "data_paths": None,
    "lang": "vi",
    "area": "dong_son",
    # None: the name the catalogue gives the area
    "area_name": None,
    "review": "2016-2020",
    "plan": "2021-2025",
}

_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")


class SettingsError(ValueError):
    """Settings that cannot describe a run.

    ``code`` names the fault (a key of the ``settings`` section of the language
    files) and ``params`` fill its message; words are chosen at the edge.

    Parameters
    ----------
    code : str
        The fault (``bad_period``, ``unknown_area``, ...).
    **params
        The values its message names.
    """

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")

    def message(self, texts: Any) -> str:
        """The message in the language of ``texts`` (a :class:`~dongson_analysis.l10n.Texts`)."""
        return texts(f"settings.{self.code}", **self.params)


def horizon_limit() -> int:
    """The longest projection horizon, in years: the calibration's
    (:func:`dongson_analysis.projection.max_horizon`, the one place it is stated).
    """
    from .projection import max_horizon

    return max_horizon()


def parse_period(value: str | Sequence[int], name: str) -> tuple[int, int]:
    """A plan period from ``"2016-2020"`` (or a pair of years) as ``(2016, 2020)``.

    Raises
    ------
    SettingsError
        If ``value`` is not two years, the first not after the second.
    """
    if isinstance(value, str):
        match = _PERIOD.match(value)
        if not match:
            raise SettingsError("bad_period", name=name, value=value)
        first, last = int(match.group(1)), int(match.group(2))
    else:
        try:
            first, last = (int(v) for v in value)
        except (TypeError, ValueError):
            raise SettingsError("bad_period", name=name, value=str(value)) from None
    if first > last:
        raise SettingsError("bad_period", name=name, value=f"{first}-{last}")
    return first, last


def period_text(period: tuple[int, int]) -> str:
    """``(2016, 2020)`` as the parameters cell writes it: ``"2016-2020"``."""
    return f"{period[0]}-{period[1]}"


@dataclass(frozen=True)
class Settings:
    """Everything a run depends on.

    Parameters
    ----------
    data_paths : tuple of Path
        Files and folders holding observations, sources, series breaks and,
        optionally, the catalogue.
    catalogue_dir : Path or None
        Folder of the catalogue (``indicators.csv``, ``units.csv``, ``areas.csv``,
        ``names.csv``). None: the one catalogue found inside ``data_paths``.
    area : str
        Id of the area the run is about (``dong_son``), as in ``areas.csv``.
    areas : tuple of str
        Ids of every area of the run, for a run over many areas (empty: only ``area``).
    area_selection : str
        ``""``, ``"all"`` (every area with figures) or a level id (``xa``: every area
        of that level with figures); resolved by the analysis against the data.
    area_name : str or None
        The area's name in text; None: the name ``names.csv`` gives it.
    review, plan : tuple of (int, int)
        First and last year of the plan period under review (2016, 2020) and of the
        next plan (2021, 2025).
    language : str
        Language of every text (a key of :data:`dongson_analysis.l10n.LANGUAGES`).
    number_locale : str or None
        How numbers are written; None means the language's own way.
    as_of_year : int or None
        The current year, for the warning on figures dated after it (None: no check).
    report_date : str or None
        The report's own date (ISO); sources dated after it are not cited. None: the
        latest source date within the period under review.
    draft_marks : bool
        Mark the passages only the office can write (causes, lessons, solutions) as
        a draft, highlighted so that nobody files them by mistake.
    office_text : tuple of (str, str)
        The office's own passages by name (:data:`OFFICE_PASSAGES`), read at the edge by
        :func:`read_office_text`; the final copy (``draft_marks`` False) prints them where
        the draft has its boxes, and refuses when one it needs is missing.

    Raises
    ------
    SettingsError
        For empty paths or area, periods out of order, a plan longer than the
        projection horizon, or an unknown language.
    """

    data_paths: tuple[Path, ...]
    catalogue_dir: Path | None = None
    area: str = DEFAULT_PARAMETERS["area"]
    areas: tuple[str, ...] = ()
    area_selection: str = ""
    area_name: str | None = None
    review: tuple[int, int] = (2016, 2020)
    plan: tuple[int, int] = (2021, 2025)
    language: str = DEFAULT_PARAMETERS["lang"]
    number_locale: str | None = None
    as_of_year: int | None = None
    report_date: str | None = None
    draft_marks: bool = True
    office_text: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_paths", tuple(Path(p) for p in self.data_paths))
        if self.catalogue_dir is not None:
            object.__setattr__(self, "catalogue_dir", Path(self.catalogue_dir))
        object.__setattr__(self, "review", parse_period(self.review, "review"))
        object.__setattr__(self, "plan", parse_period(self.plan, "plan"))
        object.__setattr__(self, "areas", tuple(self.areas))
        if not self.data_paths:
            raise SettingsError("no_data_paths")
        if self.plan[0] <= self.review[1]:
            raise SettingsError(
                "plan_before_review", review=period_text(self.review), plan=period_text(self.plan)
            )
        limit = horizon_limit()
        if self.plan[1] - self.review[1] > limit:
            raise SettingsError(
                "plan_too_far", plan=period_text(self.plan), last=self.review[1], limit=limit
            )
        for name in ("language", "number_locale"):
            value = getattr(self, name)
            if value is not None and value not in LANGUAGES:
                raise SettingsError(
                    "unknown_language", name=name, value=value, known=", ".join(LANGUAGES)
                )
        if not str(self.area).strip() or str(self.area) != str(self.area).strip():
            raise SettingsError("bad_area", value=str(self.area))
        if self.area_name is not None and not str(self.area_name).strip():
            raise SettingsError("empty_area_name")
        if self.report_date is not None and date_window(self.report_date) is None:
            raise SettingsError("bad_report_date", value=str(self.report_date))

    # -- derived years -----------------------------------------------------------------
    @property
    def base_year(self) -> int:
        """The year before the period under review (2015): rates are measured from it."""
        return self.review[0] - 1

    @property
    def target_year(self) -> int:
        """The last year of the period under review (2020), whose targets are judged."""
        return self.review[1]

    @property
    def plan_end(self) -> int:
        """The last year of the next plan (2025): projections and proposals reach it."""
        return self.plan[1]

    @property
    def term_years(self) -> tuple[int, int]:
        """First and last year of the plan period under review (2016, 2020)."""
        return self.review

    @property
    def next_term_years(self) -> tuple[int, int]:
        """First and last year of the next plan (2021, 2025)."""
        return self.plan

    @property
    def run_areas(self) -> tuple[str, ...]:
        """The explicitly named areas of the run, ``area`` first."""
        return tuple(dict.fromkeys((self.area, *self.areas)))

    def for_area(self, area: str, area_name: str) -> Settings:
        """The same run about one of its areas, named ``area_name``."""
        return replace(self, area=area, areas=(), area_selection="", area_name=area_name)

    def to_parameters(self) -> dict[str, Any]:
        """The parameters a notebook's parameters cell is written with (the inverse of
        :func:`settings_from_parameters`): ``settings_from_parameters(**s.to_parameters())``
        equals ``s`` but for ``as_of_year``, the day's year, which the command line reads
        when it checks the data and which a stored notebook must not carry.
        """
        shipped = self.data_paths == (bundled_data_dir(),)
        return {
            "data_paths": None if shipped else [str(p.resolve()) for p in self.data_paths],
            "catalogue_dir": (
                None
                if self.catalogue_dir is None
                or self.catalogue_dir == default_catalogue_dir(self.data_paths)
                else str(self.catalogue_dir.resolve())
            ),
            "lang": self.language,
            "number_locale": self.number_locale,
            "area": self.area,
            "area_name": self.area_name,
            "review": period_text(self.review),
            "plan": period_text(self.plan),
            "report_date": self.report_date,
            "draft_marks": self.draft_marks,
            "office_text": dict(self.office_text) or None,
        }


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
    raise SettingsError("no_bundled_data")


def default_catalogue_dir(paths: Sequence[Path]) -> Path | None:
    """The edge's one rule for the catalogue: the one inside the data paths (None: found
    when the analysis reads them), else the catalogue shipped with the package.
    """
    from .catalogue import find_catalogues

    return None if find_catalogues(paths) else bundled_data_dir() / "catalogue"


def resolve_period(
    value: str | Sequence[int], name: str, catalogue_dir: Path | None, paths: Sequence[Path]
) -> tuple[int, int]:
    """A period given as years (``"2016-2020"``) or as a plan id of ``plans.csv``
    (``congress_xxiv``), as ``(first, last)``.

    Raises
    ------
    SettingsError
        ``unknown_plan`` (with the plan ids the catalogue holds) or ``bad_period``.
    """
    if not isinstance(value, str) or _PERIOD.match(value):
        return parse_period(value, name)
    from .catalogue import find_catalogues, load_catalogue

    folder = catalogue_dir or next(iter(find_catalogues(paths)), None)
    plans = load_catalogue(folder).plans if folder is not None else {}
    plan = plans.get(value.strip())
    if plan is None:
        raise SettingsError("unknown_plan", name=name, value=value, known=", ".join(plans) or "-")
    return plan.first_year, plan.last_year


def settings_from_parameters(
    data_paths: Iterable[str | Path] | str | Path | None = None,
    lang: str = DEFAULT_PARAMETERS["lang"],
    area: str = DEFAULT_PARAMETERS["area"],
    area_name: str | None = DEFAULT_PARAMETERS["area_name"],
    review: str | Sequence[int] = DEFAULT_PARAMETERS["review"],
    plan: str | Sequence[int] = DEFAULT_PARAMETERS["plan"],
    number_locale: str | None = None,
    catalogue_dir: str | Path | None = None,
    as_of_year: int | None = None,
    report_date: str | None = None,
    draft_marks: bool = True,
    areas: Sequence[str] = (),
    area_selection: str = "",
    office_text: str | Path | Mapping[str, str] | None = None,
) -> Settings:
    """Settings from the parameters of a chapter's parameters cell.

    Parameters
    ----------
    data_paths : path, sequence of path, or None
        Data files and folders; None means the data shipped with the package.
    lang, area, area_name, review, plan, number_locale, catalogue_dir, as_of_year,
    report_date, draft_marks, areas, area_selection
        The fields of :class:`Settings` (``lang`` is its ``language``).
    office_text : path, mapping or None
        The office's passages: a file read by :func:`read_office_text`, or the passages by
        name.

    Returns
    -------
    Settings
        The run's settings.

    Notes
    -----
    ``data_paths=None`` means the data shipped with the package; every other
    parameter is a field of :class:`Settings` (``lang`` is its ``language``;
    ``review`` and ``plan`` are written ``"2016-2020"`` or as a plan id of the
    catalogue's ``plans.csv``). A data folder without a catalogue uses the one
    shipped with the package (:func:`default_catalogue_dir`).

    Raises
    ------
    SettingsError
        If the parameters cannot describe a run (see :class:`Settings`).
    """
    if data_paths is None:
        paths: Sequence[Path] = (bundled_data_dir(),)
    elif isinstance(data_paths, (str, Path)):
        paths = (Path(data_paths),)
    else:
        paths = tuple(Path(p) for p in data_paths)
    folder = Path(catalogue_dir) if catalogue_dir else default_catalogue_dir(paths)
    return Settings(
        tuple(paths),
        folder,
        area=area,
        area_name=area_name,
        review=resolve_period(review, "review", folder, paths),
        plan=resolve_period(plan, "plan", folder, paths),
        language=lang,
        number_locale=number_locale,
        as_of_year=as_of_year,
        report_date=report_date,
        draft_marks=draft_marks,
        areas=tuple(areas),
        area_selection=area_selection,
        office_text=(
            read_office_text(Path(office_text))
            if isinstance(office_text, (str, Path))
            else tuple((k, v) for k, v in (office_text or {}).items())
        ),
    )


#: The passages only the office can write, by name: the name of each draft box's prompt
#: (``chapters.results.causes_prompt`` → ``causes``). ``missing`` (the targets not yet
#: assessable) may stay out of the final copy; every other one must be written.
OFFICE_PASSAGES = (
    "guidance",
    "causes",
    "lessons",
    "context",
    "goal",
    "tasks",
    "recommendations",
    "missing",
)
OPTIONAL_PASSAGES = frozenset({"missing"})


class OfficeTextMissing(SettingsError):
    """The final copy would leave passages empty that only the office can write.

    Parameters
    ----------
    names : tuple of str
        The passages (names of :data:`OFFICE_PASSAGES`) with no text.
    """

    def __init__(self, names: tuple[str, ...]):
        super().__init__("final_without_office_text")
        self.names = names

    def message(self, texts: Any) -> str:
        return texts(
            "settings.final_without_office_text",
            passages=texts.join([texts(f"office_passages.{n}") for n in self.names]),
            names=", ".join(self.names),
        )


def read_office_text(path: Path) -> tuple[tuple[str, str], ...]:
    """The office's passages from a UTF-8 text file: each passage under a line ``## name``
    (a name of :data:`OFFICE_PASSAGES`), its paragraphs separated by blank lines.

    Parameters
    ----------
    path : Path
        The file.

    Returns
    -------
    tuple of (str, str)
        Each passage's name and text, in the file's order.

    Raises
    ------
    SettingsError
        ``office_text_unreadable`` for a file that cannot be read, ``office_text_unknown``
        for a heading that names no passage (with its line), ``office_text_outside`` for
        text before the first heading.
    """
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise SettingsError("office_text_unreadable", path=str(path), reason=str(err)) from None
    passages: dict[str, list[str]] = {}
    current = ""
    for number, line in enumerate(lines, start=1):
        if line.startswith("## "):
            current = line[3:].strip()
            if current not in OFFICE_PASSAGES:
                raise SettingsError(
                    "office_text_unknown",
                    path=str(path),
                    line=number,
                    value=current,
                    known=", ".join(OFFICE_PASSAGES),
                )
            passages.setdefault(current, [])
        elif line.strip() and not current:
            raise SettingsError("office_text_outside", path=str(path), line=number)
        elif current:
            passages[current].append(line.rstrip())
    return tuple((name, "\n".join(text).strip()) for name, text in passages.items())
