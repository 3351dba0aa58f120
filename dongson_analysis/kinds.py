"""The registry of indicator kinds: what each kind means to every layer.

Every layer that behaves differently by kind (projection, judgement, text,
charts) reads :data:`KINDS` through :func:`kind_spec`; no layer compares kind
names itself. An unknown kind fails loudly with :class:`UnknownKindError`.

=============  ==========  =====  ===========  ============  =========================
kind           scale       whole  projectable  change unit   judgement rule
=============  ==========  =====  ===========  ============  =========================
level          log         no     yes          percent       level
cumulative     log         no     yes          percent       cumulative
count          log1p       yes    yes          percent       level
share          logit       no     yes          points        share
ratio          by bounds   no     yes          by bounds     level
growth_rate    identity    no     yes          points        growth_rate
milestone      none        yes    no           none          milestone
=============  ==========  =====  ===========  ============  =========================

``by bounds``: logit when the catalogue bounds the ratio on both sides, log when
it is bounded below by a non-negative number, the identity otherwise; its change unit
follows the scale (percent on the log scale, points otherwise).

Change units
------------
One vocabulary (:data:`CHANGE_UNITS`) says how every layer states a change over time:

``percent``  compound percent a year (values on a log scale: levels, counts, totals, a ratio
             bounded below by zero);
``points``   points of the indicator a year (shares, rates, ratios between two bounds);
``units``    the indicator's unit a year (a level or count through zero, where a compound
             rate means nothing);
``none``     no change is stated (a milestone's year).

:meth:`KindSpec.change_unit_for` gives the unit of an indicator with its bounds (the
projection's scale decides), :meth:`KindSpec.change_unit_between` the unit of a change
between two figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Scale = Literal["log", "log1p", "logit", "identity", "by_bounds", "none"]
ChangeUnit = Literal["percent", "points", "units", "none"]
#: How a change over time is stated (see the module docstring).
CHANGE_UNITS: tuple[ChangeUnit, ...] = ("percent", "points", "units", "none")
#: The change unit of each projection scale.
_SCALE_CHANGE_UNIT: dict[str, ChangeUnit] = {
    "log": "percent",
    "log1p": "percent",
    "logit": "points",
    "identity": "points",
    "none": "none",
}
JudgementRule = Literal["level", "cumulative", "share", "growth_rate", "milestone"]


class UnknownKindError(ValueError):
    """A kind that the registry does not know.

    Parameters
    ----------
    name : object
        The kind as given; the message lists the known kinds.
    """

    def __init__(self, name: object):
        self.name = name
        super().__init__(f"unknown indicator kind {name!r}; known kinds: {', '.join(KINDS)}")


@dataclass(frozen=True)
class KindSpec:
    """What one indicator kind means to the projection, judgement, text and chart layers.

    Attributes
    ----------
    name : str
        The kind as written in the catalogue.
    scale : str
        Scale on which values are projected (see the module docstring).
    whole_numbers : bool
        Values are whole numbers (counts, years).
    projectable : bool
        Whether a series of this kind can be projected at all.
    change_unit : {"percent", "points", "none"}
        How a change over time is stated: compound percent a year, or points
        (units of the indicator) a year.
    judgement_rule : str
        The family of rules that judges a target of this kind.
    rate_of_level : bool
        Values are yearly rates of change of a level indicator (growth rates).
    values_are_years : bool
        Values are calendar years (the year a milestone was reached), not quantities.
    checked_for_slips : bool
        The plausibility checks (a factor-of-1000 slip, a fraction typed for a percentage)
        look at figures of this kind.
    slip_below_from : float or None
        A figure ten times below the others is a slip only where the others are at least
        this large (None: never checked below).
    yearly_flow : bool
        A year's figure is a flow over that year, so one several times the others may be a
        multi-year total typed as a yearly figure.
    term_total : bool
        A target is a total over a plan term (new jobs 2016–2020): proposed as the sum of the
        projected yearly amounts.
    """

    name: str
    scale: Scale
    whole_numbers: bool
    projectable: bool
    change_unit: ChangeUnit
    judgement_rule: JudgementRule
    rate_of_level: bool = False
    values_are_years: bool = False
    checked_for_slips: bool = True
    slip_below_from: float | None = None
    yearly_flow: bool = False
    term_total: bool = False

    def __post_init__(self) -> None:
        if self.change_unit not in CHANGE_UNITS:
            raise ValueError(
                f"kind {self.name!r}: change unit {self.change_unit!r} is not one of "
                f"{', '.join(CHANGE_UNITS)}"
            )

    def change_unit_for(self, lower: float = math.nan, upper: float = math.nan) -> ChangeUnit:
        """How a change of an indicator of this kind with these bounds is stated.

        The projection's scale decides: a log scale gives ``percent``, a bounded or linear
        scale ``points`` (so a ratio bounded below by zero changes in percent, one between
        two bounds in points).

        Parameters
        ----------
        lower, upper : float
            The indicator's bounds (NaN: none).

        Returns
        -------
        str
            One of :data:`CHANGE_UNITS`.
        """
        if self.scale == "by_bounds":
            return _SCALE_CHANGE_UNIT[self.scale_for(lower, upper)]
        return self.change_unit

    def change_unit_between(
        self, first: float, last: float, lower: float = math.nan, upper: float = math.nan
    ) -> ChangeUnit:
        """The unit of the change from ``first`` to ``last``: ``units`` where a compound rate
        would pass through zero.
        """
        unit = self.change_unit_for(lower, upper)
        if unit == "percent" and not (first > 0 and last > 0):
            return "units"
        return unit

    def scale_for(self, lower: float = math.nan, upper: float = math.nan) -> Scale:
        """The projection scale for an indicator with these bounds (NaN: no bound)."""
        if self.scale != "by_bounds":
            return self.scale
        if not math.isnan(lower) and not math.isnan(upper):
            return "logit"
        if not math.isnan(lower) and lower >= 0:
            return "log"
        return "identity"


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            "level", "log", False, True, "percent", "level", slip_below_from=0.0, yearly_flow=True
        ),
        KindSpec(
            "cumulative",
            "log",
            False,
            True,
            "percent",
            "cumulative",
            slip_below_from=0.0,
            term_total=True,
        ),
        KindSpec(
            "count",
            "log1p",
            True,
            True,
            "percent",
            "level",
            slip_below_from=100.0,
            yearly_flow=True,
        ),
        KindSpec("share", "logit", False, True, "points", "share"),
        KindSpec("ratio", "by_bounds", False, True, "points", "level"),
        KindSpec(
            "growth_rate", "identity", False, True, "points", "growth_rate", rate_of_level=True
        ),
        KindSpec(
            "milestone",
            "none",
            True,
            False,
            "none",
            "milestone",
            values_are_years=True,
            checked_for_slips=False,
        ),
    )
}


def kind_spec(name: str) -> KindSpec:
    """The registry entry of a kind.

    Parameters
    ----------
    name : str
        A kind as the catalogue writes it (``level``, ``share``, ...).

    Returns
    -------
    KindSpec
        What the kind means to every layer.

    Raises
    ------
    UnknownKindError
        For a kind :data:`KINDS` does not hold.
    """
    try:
        return KINDS[name]
    except (KeyError, TypeError):
        raise UnknownKindError(name) from None


def projectable_kinds() -> tuple[str, ...]:
    """Names of the kinds that can be projected."""
    return tuple(name for name, spec in KINDS.items() if spec.projectable)
