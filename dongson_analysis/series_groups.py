"""The registry of series groups: which kind of series an indicator is, for its calibration.

The projection's weights and interval scales were learned on yearly series of the
M4 competition, whose series carry one of six categories (Macro, Micro, Industry,
Finance, Demographic, Other). An indicator's *series group* (the catalogue's
``series_group`` column) says which of those categories its series resembles;
its projection's intervals then have the width learned on that *pool* of
categories (the error scale of the pooled calibration times the pool's factor,
per design and horizon; see :mod:`dongson_analysis.forecast_core`).

The mapping was decided a priori, from what the series are, not from scores:

================  ==============================================  =====================
group             what it holds                                    pool (M4 categories)
================  ==============================================  =====================
``economy``       money levels: production value, investment,      ``macro`` (Macro)
                  budget revenue, exports, income and GDP per
                  capita, value per hectare
``production``    physical output and areas: food tonnes,          ``industry``
                  hectares converted or consolidated               (Industry)
``population``    counts of people and households: jobs,           ``demographic_other``
                  trainees, party members, poor households         (Demographic, Other)
``social_share``  shares and rates of people or households:        ``demographic_other``
                  poverty rate, urban population share, schools
                  meeting the standard
``programme``     counts of units meeting a programme's            ``demographic_other``
                  standard: new-rural communes, model villages,
                  agencies
================  ==============================================  =====================

A pool holds at least :data:`MIN_POOL_SERIES` series of the M4 dev train file, the
number an interval cell is learned from: Demographic (136 series) and Other (176)
are each too few, so they form one pool, the one of the series that are neither
economic nor industrial. The pools ``finance`` and ``micro`` serve no district
group; they exist so that the benchmark measures every M4 category with the
calibration of its own kind. :data:`POOLED` (every category) is the calibration
of a series whose group is not given.

An unknown group fails loudly (:class:`UnknownSeriesGroupError`), as an unknown
kind does in :mod:`dongson_analysis.kinds`.

References
----------
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition:
100,000 time series and 61 forecasting methods. International Journal of
Forecasting, 36(1), 54-74.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "M4_CATEGORIES",
    "POOLED",
    "MIN_POOL_SERIES",
    "CALIBRATION_POOLS",
    "UnknownSeriesGroupError",
    "SeriesGroup",
    "SERIES_GROUPS",
    "series_group_spec",
    "pool_of",
    "pool_of_category",
]

#: The six categories of the M4 competition, as written in its files.
M4_CATEGORIES: tuple[str, ...] = ("Macro", "Micro", "Industry", "Finance", "Demographic", "Other")
#: The pool of every category: the calibration of a series whose group is not given.
POOLED = "pooled"
#: Fewest series of the M4 dev train file a pool may hold (the interval cells' minimum).
MIN_POOL_SERIES = 200

#: Calibration pools by name: the M4 categories whose series each was learned from.
CALIBRATION_POOLS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        POOLED: M4_CATEGORIES,
        "macro": ("Macro",),
        "industry": ("Industry",),
        "finance": ("Finance",),
        "micro": ("Micro",),
        "demographic_other": ("Demographic", "Other"),
    }
)


class UnknownSeriesGroupError(ValueError):
    """A series group that the registry does not know.

    Parameters
    ----------
    name : object
        The name given; the message lists the known groups.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    def __init__(self, name: object):
        self.name = name
        super().__init__(
            f"unknown series group {name!r}; known series groups: {', '.join(SERIES_GROUPS)}"
        )


@dataclass(frozen=True)
class SeriesGroup:
    """One kind of series, and the calibration pool its projections use.

    Parameters
    ----------
    name : str
        The group as written in the catalogue's ``series_group`` column.
    pool : str
        Key of :data:`CALIBRATION_POOLS`.

    Raises
    ------
    ValueError
        For a pool that is not in :data:`CALIBRATION_POOLS`.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """

    name: str
    pool: str

    def __post_init__(self):
        if self.pool not in CALIBRATION_POOLS:
            raise ValueError(
                f"series group {self.name!r}: unknown pool {self.pool!r}; "
                f"known pools: {', '.join(CALIBRATION_POOLS)}"
            )

    @property
    def categories(self) -> tuple[str, ...]:
        """The M4 categories whose series the group's calibration was learned from."""
        return CALIBRATION_POOLS[self.pool]


#: Every series group, by name.
SERIES_GROUPS: MappingProxyType[str, SeriesGroup] = MappingProxyType(
    {
        g.name: g
        for g in (
            SeriesGroup("economy", "macro"),
            SeriesGroup("production", "industry"),
            SeriesGroup("population", "demographic_other"),
            SeriesGroup("social_share", "demographic_other"),
            SeriesGroup("programme", "demographic_other"),
        )
    }
)


def series_group_spec(name: str) -> SeriesGroup:
    """The registry entry of a series group.

    Parameters
    ----------
    name : str
        A series group, as written in the catalogue's ``series_group`` column.

    Returns
    -------
    SeriesGroup

    Raises
    ------
    UnknownSeriesGroupError
        For a name that is not in :data:`SERIES_GROUPS` (the message lists the known ones).

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    try:
        return SERIES_GROUPS[name]
    except (KeyError, TypeError):
        raise UnknownSeriesGroupError(name) from None


def pool_of(group: str | None) -> str:
    """The calibration pool of a series group; :data:`POOLED` when no group is given.

    Parameters
    ----------
    group : str or None
        A key of :data:`SERIES_GROUPS`, or None (or ``"pooled"``) for the pooled calibration.

    Returns
    -------
    str
        A key of :data:`CALIBRATION_POOLS`.

    Raises
    ------
    UnknownSeriesGroupError
        For an unknown group.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    if group is None or group == POOLED:
        return POOLED
    return series_group_spec(group).pool


def pool_of_category(category: str) -> str:
    """The calibration pool that holds an M4 category (not :data:`POOLED`).

    Parameters
    ----------
    category : str
        One of :data:`M4_CATEGORIES` (M3's upper-case names, ``DEMOGR`` among them, are
        accepted too).

    Returns
    -------
    str
        The one key of :data:`CALIBRATION_POOLS` other than :data:`POOLED` whose
        categories include it.

    Raises
    ------
    ValueError
        For a category of no pool.

    References
    ----------
    Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition: 100,000 time
    series and 61 forecasting methods. International Journal of Forecasting, 36(1), 54-74.
    """
    name = {"DEMOGR": "Demographic"}.get(category, category)
    name = next((c for c in M4_CATEGORIES if c.lower() == str(name).lower()), name)
    for pool, categories in CALIBRATION_POOLS.items():
        if pool != POOLED and name in categories:
            return pool
    raise ValueError(
        f"M4 category {category!r} is in no calibration pool; categories: "
        f"{', '.join(M4_CATEGORIES)}"
    )
