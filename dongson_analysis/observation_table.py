"""Reading a table of figures column by column: every cell checked, each distinct cell once.

:class:`ObservationReader` reads an observations table (a
:class:`~dongson_analysis.tables.RawTable`) into an :class:`ObservationBlock`: the
rows whose every cell is right, as arrays of the tidy columns
(:data:`~dongson_analysis.input_schema.OBSERVATION_COLUMNS`). Each fault is reported
at its cell. A cell's word is looked up once per distinct cell (a million figures of
3.000 communes hold a few thousand distinct areas and units); numbers, nearly all
distinct, are read by a fast path that gives the same value as
:func:`~dongson_analysis.numbers.parse_number` for a plain number, and by
:func:`~dongson_analysis.numbers.parse_number` itself for anything else.

Values in another unit of the same dimension are converted to the catalogue unit
(``tỷ đồng`` and ``triệu đồng``), and the figures of an alias (``same_as``) to the unit
of the indicator it stands for, so that the two are compared and merged as the same
quantity; the factor is kept (``unit_factor``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .catalogue import Catalogue, Indicator
from .input_schema import (
    FALSE_TEXTS,
    OBSERVATION_COLUMNS,
    OBSERVATION_OPTIONAL,
    OBSERVATION_REQUIRED,
    QUALIFIER_ALIASES,
    QUALIFIERS,
    QUALITY_ALIASES,
    QUALITY_FLAGS,
    STATUS_ALIASES,
    STATUSES,
    TRANSCRIPTION_COLUMNS,
    TRUE_TEXTS,
)
from .numbers import NumberError, evidence, parse_number, readings, split_percent
from .periods import Period, PeriodError, parse_period
from .problems import column_letter
from .spelling import cell_text, hint, word
from .tables import Column, RawTable
from .validation import Findings, Sources, check_header, closest_indicator, line_break_rows

#: A plain number, by number format (ASCII digits; the same readings as
#: :func:`~dongson_analysis.numbers.readings` gives such a text).
_PLAIN_NUMBER: dict[str | None, re.Pattern[str]] = {
    "vi": re.compile(r"-?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?"),
    "en": re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"),
    None: re.compile(r"-?[0-9]+"),
}
#: Texts readable in one format only (see :func:`~dongson_analysis.numbers.evidence`).
_READS_AS = {
    "vi": re.compile(r"[+-]?(?:[0-9]+(?:,[0-9]+)?|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?)"),
    "en": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?)"),
}
#: A text that the other format reads as another number (thousands for a decimal).
_READ_OTHERWISE = {
    "en": re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{3})+"),
    "vi": re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+"),
}
_PLAIN_LENGTH = 15  # a text this long has at most 15 digits: a double holds it exactly


#: The columns of an :class:`ObservationBlock` that hold numbers (the others hold objects).
NUMBER_COLUMNS: dict[str, type] = {
    "period_start": np.int64,
    "period_end": np.int64,
    "half": np.int64,
    "value": float,
    "value_high": float,
    "unit_factor": float,
    "period_inferred": bool,
    "target_inferred": bool,
    "row": np.int64,
    "read_otherwise": float,
}
#: Every column of an :class:`ObservationBlock`.
BLOCK_COLUMNS: tuple[str, ...] = (
    *(c for c in OBSERVATION_COLUMNS if c != "superseded"),
    "canonical",
    "read_otherwise",
)


def percent_unit(catalogue: Catalogue, unit: str) -> bool:
    """Whether figures in ``unit`` are percentages (or percentage points).

    Parameters
    ----------
    catalogue : Catalogue
        The units.
    unit : str
        A unit of ``units.csv``.

    Returns
    -------
    bool
        True for ``%`` and every unit of a percent or points dimension.
    """
    found = catalogue.units.get(unit)
    dimension = found.dimension if found else ""
    return "%" in unit or dimension.startswith(("percent", "points"))


def shown(cell: object) -> object:
    """A cell for a message: text as typed, a number of a workbook as the message's language
    writes it.

    Parameters
    ----------
    cell : object
        A cell.

    Returns
    -------
    object
        The text, or the ``float`` (worded by :func:`~dongson_analysis.problems.problem_message`).
    """
    return cell if isinstance(cell, float) else cell_text(cell)


@dataclass
class ObservationBlock:
    """The rows of one observations table whose every cell is right.

    Attributes
    ----------
    table : RawTable
        The table read.
    positions : numpy.ndarray of int
        Each row's index among the table's rows (to cite its cells in a later message).
    columns : dict of str to numpy.ndarray
        The tidy columns (:data:`~dongson_analysis.input_schema.OBSERVATION_COLUMNS` but
        ``superseded``), plus ``canonical`` (the indicator an alias stands for) and
        ``read_otherwise`` (for a number the file's number format was settled for by
        another cell: the value the other format would give, else NaN).
    """

    table: RawTable
    positions: np.ndarray
    columns: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.positions)


class _TableRead:
    """One table being read: its rows, which are left out, which have a problem."""

    def __init__(self, findings: Findings, table: RawTable, skip: np.ndarray):
        self.findings = findings
        self.table = table
        self.rows = np.asarray(table.row_numbers, dtype=np.int64)
        self.live = ~skip
        self.bad = skip.copy()

    def emit(
        self,
        mask: np.ndarray,
        column: str,
        code: str,
        params: Callable[[int], dict[str, object]] = lambda i: {},
    ) -> None:
        """A problem at ``column`` of every live row of ``mask``."""
        for i in np.flatnonzero(mask & self.live):
            self.findings.add(self.table, int(self.rows[i]), column, code, **params(i))
            self.bad[i] = True

    def cells(self, column: str) -> Column:
        return self.table.column(column)

    def optional(self, column: str) -> Column | None:
        return self.table.column(column) if column in self.table.header else None


@dataclass
class _Coded:
    """A value per distinct cell of a column, and each row's code into them."""

    values: np.ndarray
    codes: np.ndarray

    def rows(self) -> np.ndarray:
        """Each row's value."""
        return self.values[self.codes]

    def of(self, function: Callable[[object], object], dtype=object, missing=None) -> np.ndarray:
        """``function`` of each row's value (``missing`` where the value is None or an error)."""
        out = np.empty(len(self.values), dtype=dtype)
        out[:] = [
            missing if v is None or isinstance(v, Exception) else function(v) for v in self.values
        ]
        return out[self.codes]


def _per_value(column: Column, function: Callable[[object], object]) -> np.ndarray:
    """``function`` of each row's cell (computed once per distinct cell), as an object array."""
    return column.map(function)


def _lookup(values: np.ndarray, table: dict) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = [table.get(v) for v in values]
    return out


class ObservationReader:
    """Reads observations tables against a catalogue and the sources declared.

    Attributes
    ----------
    area_uses : list of (RawTable, numpy.ndarray, numpy.ndarray)
        For each table read: the row numbers and the areas of its rows (for the checks of
        :mod:`dongson_analysis.cross_checks`).
    """

    def __init__(self, catalogue: Catalogue, findings: Findings, sources: Sources):
        self.cat = catalogue
        self.findings = findings
        self.sources = sources
        self.area_uses: list[tuple[RawTable, np.ndarray, np.ndarray]] = []
        self.units_folded: dict[str, list[str]] = {}
        for unit in catalogue.units:
            self.units_folded.setdefault(unit.casefold(), []).append(unit)

    # -- the table ----------------------------------------------------------------------------
    def read(self, table: RawTable, origin: str) -> ObservationBlock | None:
        """Check every cell of an observations table.

        Parameters
        ----------
        table : RawTable
            The table.
        origin : str
            ``public_record`` or ``planner``.

        Returns
        -------
        ObservationBlock or None
            The rows whose every cell is right, or None when the header is not that of an
            observations table (every fault is in the reader's ``findings``).
        """
        optional = OBSERVATION_OPTIONAL + TRANSCRIPTION_COLUMNS
        if not check_header(self.findings, table, OBSERVATION_REQUIRED, optional):
            return None
        t = _TableRead(self.findings, table, line_break_rows(self.findings, table))
        words = self._words(t)
        figures, ok = self._figures(t, words["indicators"])
        return self._block(t, np.flatnonzero(ok & t.live & ~t.bad), origin, **words, **figures)

    def _words(self, t: _TableRead) -> dict[str, object]:
        """The cells that hold words: area, indicator, status, source and the flags."""
        indicator, indicators = self._indicators(t)
        status = self._statuses(t)
        derived_status = self._flag(
            t,
            "derived_status",
            ("",) + STATUSES[:3],
            {w: s for w, s in STATUS_ALIASES.items() if s != "derived"},
        )
        t.emit((status == "derived") & (derived_status == ""), "status", "derived_without_status")
        return {
            "area": self._areas(t),
            "indicator": indicator,
            "indicators": indicators,
            "status": status,
            "derived_status": derived_status,
            "qualifier": self._flag(t, "qualifier", QUALIFIERS, QUALIFIER_ALIASES),
            "inferred": self._flag(t, "period_inferred", TRUE_TEXTS + FALSE_TEXTS, {}),
            "target_inferred": self._flag(t, "target_inferred", TRUE_TEXTS + FALSE_TEXTS, {}),
            "quality": self._flag(t, "quality", QUALITY_FLAGS, QUALITY_ALIASES),
            "source_id": self._source_ids(t),
        }

    def _figures(self, t: _TableRead, coded: _Coded) -> tuple[dict[str, object], np.ndarray]:
        """The cells that hold the figure: period, values and unit, checked against the
        indicator; and the rows whose figure can be used.
        """
        periods, period_ok = self._periods(t)
        fmt = self.number_format(t.table)
        value, percent, value_ok, otherwise = self._numbers(t, "value", fmt, required=True)
        if "value_high" in t.table.header:
            value_high, percent_high, _, _ = self._numbers(t, "value_high", fmt, required=False)
        else:
            value_high, percent_high = np.full(len(t.rows), math.nan), np.zeros(len(t.rows), bool)
        unit_given, factor, canonical_factor = self._units(t, coded.rows())
        has_factor = ~np.isnan(factor)
        not_percent = coded.of(lambda i: not percent_unit(self.cat, i.unit), bool, False)
        self._percent_signs(t, "value", percent & value_ok & has_factor & not_percent, unit_given)
        high_ok = ~np.isnan(value_high) & has_factor & not_percent
        self._percent_signs(t, "value_high", percent_high & high_ok, unit_given)
        t.emit(
            value_ok & ~np.isnan(value_high) & (value_high < value),
            "value_high",
            "range_inverted",
            lambda i: {
                "low": word(t.cells("value")[i]),
                "high": word(t.cells("value_high")[i]),
            },
        )
        checked = value_ok & has_factor
        self._bounds(t, "value", checked, value * factor, coded)
        self._bounds(t, "value_high", checked & ~np.isnan(value_high), value_high * factor, coded)
        figures = {
            "periods": periods,
            "value": value,
            "value_high": value_high,
            "factor": factor * canonical_factor,
            "unit_given": unit_given,
            "otherwise": otherwise,
        }
        return figures, period_ok & value_ok & has_factor

    # -- words ---------------------------------------------------------------------------------
    def _areas(self, t: _TableRead) -> np.ndarray:
        area = _per_value(t.cells("area"), word)
        missing = area == ""
        t.emit(missing, "area", "missing_area")
        named = t.live & ~missing
        self.area_uses.append((t.table, t.rows[named], area[named]))
        return area

    def _indicators(self, t: _TableRead) -> tuple[np.ndarray, _Coded]:
        """Each row's indicator id, and the catalogued indicators (None where unknown, reported)."""
        cells = t.cells("indicator")
        ids = cells.map_values(word)
        coded = _Coded(_lookup(ids, self.cat.indicators), cells.codes)
        indicator_id = ids[cells.codes]
        unknown = np.array([i is None for i in coded.values], dtype=bool)[cells.codes]
        hints: dict[str, object] = {}
        t.emit(
            unknown,
            "indicator",
            "unknown_indicator",
            lambda i: {
                "value": indicator_id[i],
                "hint": hints.setdefault(
                    indicator_id[i], closest_indicator(self.cat, indicator_id[i])
                ),
            },
        )
        return indicator_id, coded

    def _statuses(self, t: _TableRead) -> np.ndarray:
        typed = _per_value(t.cells("status"), word)

        def status_of(text: object) -> str:
            folded = str(text).casefold()
            return STATUS_ALIASES.get(folded, folded)

        status = t.cells("status").map(lambda v: status_of(word(v)))
        t.emit(
            ~np.isin(status, STATUSES),
            "status",
            "unknown_status",
            lambda i: {
                "value": typed[i],
                "allowed": ", ".join(STATUSES),
                "allowed_vi": ", ".join(STATUS_ALIASES),
                "hint": hint(typed[i], STATUSES + tuple(STATUS_ALIASES)),
            },
        )
        return status

    def _source_ids(self, t: _TableRead) -> np.ndarray:
        source_id = _per_value(t.cells("source_id"), word)
        missing = source_id == ""
        t.emit(missing, "source_id", "missing_source")
        unknown = ~missing & ~np.array([s in self.sources for s in source_id], dtype=bool)
        t.emit(
            unknown,
            "source_id",
            "unknown_source",
            lambda i: {"value": source_id[i], "hint": hint(source_id[i], self.sources.declared)},
        )
        return source_id

    def _flag(
        self,
        t: _TableRead,
        column: str,
        allowed: tuple[str, ...],
        aliases: dict[str, str],
    ) -> np.ndarray:
        """The flag of each row ("" when the table has no such column; None where not valid)."""
        cells = t.optional(column)
        if cells is None:
            return np.full(len(t.rows), "", dtype=object)
        typed = _per_value(cells, word)
        value = cells.map(lambda v: aliases.get(word(v).casefold(), word(v).casefold()))
        wrong = ~np.isin(value, allowed)
        t.emit(
            wrong,
            column,
            "bad_flag",
            lambda i: {
                "value": typed[i],
                "column": column,
                "allowed": ", ".join(a or "''" for a in allowed + tuple(aliases)),
                "hint": hint(typed[i], [a for a in allowed if a] + list(aliases)),
            },
        )
        value[wrong] = None
        return value

    # -- periods --------------------------------------------------------------------------------
    def _periods(self, t: _TableRead) -> tuple[_Coded, np.ndarray]:
        """Each row's :class:`~dongson_analysis.periods.Period`, and where it could be read."""
        cells = t.cells("period")
        column = t.table.column_number("period")

        def period_of(cell: object) -> Period | PeriodError:
            try:
                return parse_period(cell)  # type: ignore[arg-type]
            except PeriodError as err:
                return err

        coded = _Coded(cells.map_values(period_of), cells.codes)
        dated = self._date_cells(t, column)
        t.emit(
            dated,
            "period",
            "xlsx_date",
            lambda i: {"date": t.table.date_cells[(int(t.rows[i]), column)], "column": "period"},
        )
        failed = ~dated & coded.of(lambda p: False, bool, True)
        for i in np.flatnonzero(failed & t.live):
            err = coded.values[coded.codes[i]]
            t.findings.add(t.table, int(t.rows[i]), "period", err.code, **err.params)
            t.bad[i] = True
        return coded, ~dated & ~failed

    def _date_cells(self, t: _TableRead, column: int) -> np.ndarray:
        if not t.table.date_cells:
            return np.zeros(len(t.rows), dtype=bool)
        return np.array([(int(r), column) in t.table.date_cells for r in t.rows], dtype=bool)

    # -- numbers --------------------------------------------------------------------------------
    def number_format(self, table: RawTable) -> str | None:
        """The table's number format: declared, or shown by its numbers.

        A text such as ``18,2`` can only be Vietnamese, ``52.3`` only English; a table whose
        numbers show both is refused at the first cell of the second format.

        Parameters
        ----------
        table : RawTable
            The table.

        Returns
        -------
        str or None
            ``vi``, ``en``, or None when nothing shows it (or both do).
        """
        if table.number_format:
            return table.number_format
        first: dict[str, tuple[int, int, str, object]] = {}  # format: (row index, order, column)
        for order, column in enumerate(("value", "value_high")):
            if column not in table.header:
                continue
            cells = table.column(column)
            shows = cells.map(_evidence)
            for fmt in ("vi", "en"):
                found = np.flatnonzero(shows == fmt)
                if len(found):
                    i = int(found[0])
                    seen = (i, order, column, cells[i])
                    first[fmt] = min(first.get(fmt, seen), seen, key=lambda s: s[:2])
        if len(first) < 2:
            return next(iter(first), None)
        this, other = sorted(first, key=lambda f: first[f][:2], reverse=True)
        i, _, column, cell = first[this]
        j, _, other_column, other_cell = first[other]
        self.findings.add(
            table,
            table.row_numbers[i],
            column,
            "mixed_number_format",
            value=cell,
            this_format=this,
            other=(
                f"'{other_cell}' "
                f"({column_letter(table.column_number(other_column))}{table.row_numbers[j]})"
            ),
            other_format=other,
        )
        return None

    def _numbers(
        self, t: _TableRead, column: str, fmt: str | None, required: bool
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each row's number (NaN where none), whether it was a percentage, whether it was read,
        and what the other number format would read it as (NaN where it reads the same).
        """
        cells = t.cells(column)
        col = t.table.column_number(column)
        settled = t.table.number_format is None and fmt is not None
        read = [_read_number(cell, fmt, settled) for cell in cells.values]
        codes = cells.codes
        value = np.fromiter((r[0] for r in read), float, len(read))[codes]
        percent = np.fromiter((r[1] for r in read), bool, len(read))[codes]
        otherwise = np.fromiter((r[3] for r in read), float, len(read))[codes]
        errors = np.fromiter((r[2] is not None for r in read), bool, len(read))[codes]
        dated = self._date_cells(t, col)
        t.emit(
            dated,
            column,
            "xlsx_date",
            lambda i: {"date": t.table.date_cells[(int(t.rows[i]), col)], "column": column},
        )
        for i in np.flatnonzero(errors & ~dated & t.live):
            number, is_percent, error, _ = read[codes[i]]
            if error == "missing" and not (required or is_percent):
                continue
            code, params = ("missing_value", {}) if error == "missing" else error
            t.findings.add(t.table, int(t.rows[i]), column, code, **params)
            t.bad[i] = True
        if t.table.percent_cells:
            numbers = np.array([isinstance(c, float) for c in cells.values], dtype=bool)[codes]
            for i in np.flatnonzero(numbers):
                percent[i] = (int(t.rows[i]), col) in t.table.percent_cells
        ok = ~errors & ~dated
        value[~ok] = math.nan
        percent[~ok] = False
        return value, percent, ok, otherwise

    # -- units and values ---------------------------------------------------------------------
    def _units(
        self, t: _TableRead, indicators: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The unit as written, the factor to the indicator's unit (NaN: none, reported) and the
        factor from there to the unit of the indicator an alias stands for.
        """
        unit_cells = t.cells("unit")
        unit_given = _per_value(unit_cells, word)
        indicator_codes = t.cells("indicator").codes.astype(np.int64)
        pairs = indicator_codes * max(1, len(unit_cells.values)) + unit_cells.codes
        unique_pairs, first, inverse = np.unique(pairs, return_index=True, return_inverse=True)
        factors = np.full(len(unique_pairs), math.nan)
        onward = np.ones(len(unique_pairs))
        wrong = np.zeros(len(unique_pairs), dtype=bool)
        for k, i in enumerate(first):
            indicator = indicators[i]
            if indicator is None:
                continue
            conv = self._unit_factor(unit_given[i], indicator)
            if conv is None:
                wrong[k] = True
                continue
            factors[k] = conv
            canonical = self.cat.indicators[self.cat.canonical(indicator.id)]
            onward[k] = self.cat.conversion_factor(indicator.unit, canonical.unit) or 1.0
        t.emit(
            wrong[inverse],
            "unit",
            "unit_mismatch",
            lambda i: self._unit_mismatch(unit_given[i], indicators[i]),
        )
        return unit_given, factors[inverse], onward[inverse]

    def _unit_factor(self, given: str, indicator: Indicator) -> float | None:
        unit = given
        if unit not in self.cat.units:
            same = self.units_folded.get(unit.casefold(), [])
            if len(set(same)) == 1:
                unit = same[0]  # only the case differs: "Tấn" is "tấn"
        return self.cat.conversion_factor(unit, indicator.unit)

    def _unit_mismatch(self, given: str, indicator: Indicator) -> dict[str, object]:
        others = [u for u in self.cat.convertible_units(indicator.unit) if u != indicator.unit]
        folded = self.units_folded.get(given.casefold(), [])
        known = given in self.cat.units or len(set(folded)) == 1
        return {
            "unit": given,
            "expected": indicator.unit,
            "indicator": indicator.id,
            "hint": "" if known else hint(given, [indicator.unit] + others),
            "alternatives": (" / " + ", ".join(f"'{u}'" for u in others)) if others else "",
        }

    def _percent_signs(
        self, t: _TableRead, column: str, flagged: np.ndarray, unit_given: np.ndarray
    ) -> None:
        """A percent sign (or a cell formatted as a percentage) on a figure that is no percent."""
        if not flagged.any():
            return
        col = t.table.column_number(column)
        cells = t.cells(column)
        for i in np.flatnonzero(flagged & t.live):
            row = int(t.rows[i])
            code = (
                "xlsx_percent_unit" if (row, col) in t.table.percent_cells else "percent_sign_unit"
            )
            t.findings.add(t.table, row, column, code, value=shown(cells[i]), unit=unit_given[i])
            t.bad[i] = True

    def _bounds(
        self,
        t: _TableRead,
        column: str,
        checked: np.ndarray,
        numbers: np.ndarray,
        indicators: _Coded,
    ) -> None:
        """The indicator's bounds, and whole numbers for counts, in the indicator's own unit."""
        if not checked.any():
            return
        upper = indicators.of(lambda i: i.upper_bound, float, math.nan)
        lower = indicators.of(lambda i: i.lower_bound, float, math.nan)
        whole = indicators.of(lambda i: i.spec.whole_numbers, bool, False)
        with np.errstate(invalid="ignore"):
            above = checked & (numbers > upper)
            below = checked & (numbers < lower)
            negative = checked & ~below & whole & (numbers < 0)
            fractional = checked & whole & (np.abs(numbers - np.round(numbers)) > 1e-9)
        rows = indicators.rows()

        def bound(i: int, value: object) -> dict[str, object]:
            indicator = rows[i]
            return {
                "value": f"{numbers[i]:g}",
                "bound": f"{value:g}" if isinstance(value, float) else value,
                "indicator": indicator.id,
                "unit": indicator.unit,
            }

        t.emit(above, column, "above_bound", lambda i: bound(i, rows[i].upper_bound))
        t.emit(below, column, "below_bound", lambda i: bound(i, rows[i].lower_bound))
        t.emit(negative, column, "below_bound", lambda i: bound(i, "0"))
        cells = t.cells(column)
        t.emit(
            fractional & ~np.isnan(numbers),
            column,
            "count_not_whole",
            lambda i: {
                "value": shown(cells[i]),
                "indicator": rows[i].id,
                "unit": rows[i].unit,
            },
        )

    # -- the rows that passed ---------------------------------------------------------------
    def _block(
        self,
        t: _TableRead,
        keep: np.ndarray,
        origin: str,
        *,
        indicators: _Coded,
        periods: _Coded,
        **columns: np.ndarray,
    ) -> ObservationBlock:
        def take(name: str) -> np.ndarray:
            return columns[name][keep]

        status = take("status")
        derived_status = take("derived_status")
        factor = take("factor")
        n = len(keep)

        def text_column(name: str) -> np.ndarray:
            cells = t.optional(name)
            if cells is None:
                return np.full(n, "", dtype=object)
            return _per_value(cells, cell_text)[keep]

        def of_indicator(get: Callable[[Indicator], object]) -> np.ndarray:
            return indicators.of(get)[keep]

        def of_period(get: Callable[[Period], object], dtype=object) -> np.ndarray:
            return periods.of(get, dtype, 0 if dtype is not object else None)[keep]

        data = {
            "indicator": take("indicator"),
            "area": take("area"),
            "period": of_period(str),
            "period_type": of_period(lambda p: p.type),
            "period_start": of_period(lambda p: p.start, np.int64),
            "period_end": of_period(lambda p: p.end, np.int64),
            "half": of_period(lambda p: p.half, np.int64),
            "value": take("value") * factor,
            "value_high": take("value_high") * factor,
            "unit": of_indicator(lambda i: self.cat.indicators[self.cat.canonical(i.id)].unit),
            "unit_as_given": take("unit_given"),
            "unit_factor": factor,
            "status": status,
            "derived_status": derived_status,
            "effective_status": np.where(status == "derived", derived_status, status),
            "qualifier": take("qualifier"),
            "period_inferred": np.isin(take("inferred"), TRUE_TEXTS),
            "target_inferred": np.isin(take("target_inferred"), TRUE_TEXTS),
            "quality": take("quality"),
            "source_id": take("source_id"),
            "quote": text_column("quote"),
            "note": text_column("note"),
            "origin": np.full(n, origin, dtype=object),
            "file": np.full(n, t.table.file, dtype=object),
            "row": t.rows[keep],
            "kind": of_indicator(lambda i: i.kind),
            "canonical": of_indicator(lambda i: self.cat.canonical(i.id)),
            "read_otherwise": take("otherwise") * factor,
        }
        return ObservationBlock(t.table, keep, data)


def _evidence(cell: object) -> str | None:
    """The only number format a cell can be read in (see
    :func:`~dongson_analysis.numbers.evidence`), quickly for plain ASCII text.
    """
    if not isinstance(cell, str):
        return None
    if cell.isascii() and " " not in cell and "%" not in cell:
        vi = _READS_AS["vi"].fullmatch(cell) is not None
        en = _READS_AS["en"].fullmatch(cell) is not None
        return "vi" if vi and not en else "en" if en and not vi else None
    return evidence(split_percent(cell)[0])


def _read_number(cell: object, fmt: str | None, settled: bool) -> tuple[float, bool, object, float]:
    """A cell's number, whether it was written as a percentage, its problem (``"missing"``, a
    ``(code, params)`` pair, or None) and, when ``settled`` (the format was shown by other
    cells, not declared), the number the other format reads (NaN if none).
    """
    if isinstance(cell, float):
        if not math.isfinite(cell):
            return (
                math.nan,
                False,
                ("too_many_digits", {"value": cell_text(cell), "digits": "∞"}),
                math.nan,
            )
        return cell, False, None, math.nan
    text = str(cell)
    if len(text) <= _PLAIN_LENGTH and _PLAIN_NUMBER[fmt].fullmatch(text):
        if fmt == "vi":
            number = float(text.replace(".", "").replace(",", "."))
        elif fmt == "en":
            number = float(text.replace(",", ""))
        else:
            number = float(text)
        otherwise = math.nan
        if settled and _READ_OTHERWISE[fmt].fullmatch(text):  # type: ignore[index]
            otherwise = readings(text).get("vi" if fmt == "en" else "en", math.nan)
        return number, False, None, otherwise
    text, percent = split_percent(text)
    text = text.strip()
    if not text:
        return math.nan, percent, "missing", math.nan
    try:
        return parse_number(text, fmt), percent, None, math.nan  # type: ignore[arg-type]
    except NumberError as err:
        params: dict[str, object] = {"value": text, **err.params}
        if err.code == "ambiguous_number":
            params["readings"] = " · ".join(f"{k} → {v:g}" for k, v in readings(text).items())
        return math.nan, False, (err.code, params), math.nan
