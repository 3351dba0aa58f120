"""Administrative areas and their levels: the registry of levels and the catalogue's areas.

Vietnam's administrative units sit on three tiers. Until 30 June 2025 they were the
province (tỉnh, or a centrally run city), the district (huyện, quận, thị xã, or a
provincial city) and the commune (xã, phường, thị trấn). From 1 July 2025 the
district tier is gone: communes, wards and special zones belong directly to the
province. An area of the catalogue (``areas.csv``) has an id, a level, a parent,
the dates it was valid, and, for a unit dissolved in a reform, its successor(s)
with the source that says so. Its names live in ``names.csv`` like every other name.

Words that depend on the level (the People's Committee of the commune, of the
district; "toàn xã", "toàn huyện") are in the language files under ``levels``;
:data:`LEVELS` only says which levels exist and on which tier each sits. An
unknown level fails loudly with :class:`UnknownLevelError`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

Tier = Literal["province", "district", "commune"]


class UnknownLevelError(ValueError):
    """A level that the registry does not know."""

    def __init__(self, name: object):
        self.name = name
        super().__init__(f"unknown area level {name!r}; known levels: {', '.join(LEVELS)}")


@dataclass(frozen=True)
class Level:
    """One level of administrative unit.

    Attributes
    ----------
    id : str
        The level as written in ``areas.csv`` (``xa``, ``huyen``, ``tinh``).
    tier : {"province", "district", "commune"}
        The tier the level sits on.
    """

    id: str
    tier: Tier


LEVELS: dict[str, Level] = {
    level.id: level
    for level in (
        Level("tinh", "province"),
        Level("thanh_pho_truc_thuoc_trung_uong", "province"),
        Level("huyen", "district"),
        Level("quan", "district"),
        Level("thi_xa", "district"),
        Level("thanh_pho", "district"),
        Level("xa", "commune"),
        Level("phuong", "commune"),
        Level("thi_tran", "commune"),
        Level("dac_khu", "commune"),
    )
}


def level_spec(name: str) -> Level:
    """The registry entry of a level; raises :class:`UnknownLevelError` for an unknown one."""
    try:
        return LEVELS[name]
    except (KeyError, TypeError):
        raise UnknownLevelError(name) from None


@dataclass(frozen=True)
class Area:
    """One administrative area of the catalogue.

    Attributes
    ----------
    id : str
        The id used in data files (``dong_son``).
    level : str
        A key of :data:`LEVELS`.
    parent : str
        The id of the area it belongs to ("" for a province).
    valid_from, valid_to : str
        ISO dates (``2025-06-30``) between which the unit existed; "" where not known
        or not ended.
    successors : tuple of str
        Ids of the units it went into when it was dissolved.
    successor_source : str
        The source id that states the succession.
    names : tuple of (language, name)
        The area's name in each language (from ``names.csv``).
    """

    id: str
    level: str
    parent: str = ""
    valid_from: str = ""
    valid_to: str = ""
    successors: tuple[str, ...] = ()
    successor_source: str = ""
    names: tuple[tuple[str, str], ...] = ()

    @property
    def spec(self) -> Level:
        """The level's registry entry."""
        return level_spec(self.level)

    def name(self, language: str) -> str:
        """The area's name in ``language`` (every shipped language is checked at load)."""
        return dict(self.names)[language]


def closest_ids(value: str, ids: list[str] | tuple[str, ...], n: int = 3) -> list[str]:
    """The ids most like ``value`` (spaces, case and accents ignored), best first."""
    from .numbers import clean_text

    wanted = clean_text(str(value)).lower().replace(" ", "_").replace("-", "_")
    return difflib.get_close_matches(wanted, list(ids), n=n, cutoff=0.5)
