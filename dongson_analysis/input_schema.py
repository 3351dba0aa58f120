"""The schema of the input tables: their columns, the words their cells may hold, and the tidy
tables validation returns.

Tables a data folder may hold, each recognised by its header (see
:mod:`dongson_analysis.file_discovery`):

observations
    One row per figure (:data:`OBSERVATION_REQUIRED`, :data:`OBSERVATION_OPTIONAL`).
sources
    One row per source cited (:data:`SOURCE_COLUMNS`, :data:`SOURCE_OPTIONAL`).
breaks
    Definition changes that break a series (:data:`BREAK_REQUIRED`, :data:`BREAK_OPTIONAL`).
area changes, comparables, consumer prices
    Read beside the record, not judged (:data:`AREA_CHANGE_COLUMNS`,
    :data:`COMPARABLE_REQUIRED`, :data:`CONSUMER_PRICE_REQUIRED`).

The catalogue's own tables are described in :mod:`dongson_analysis.catalogue`.
"""

from __future__ import annotations

import re
import unicodedata

from .catalogue import (
    AREA_OPTIONAL,
    AREA_REQUIRED,
    INDICATOR_OPTIONAL,
    INDICATOR_REQUIRED,
    NAME_REQUIRED,
    PLAN_REQUIRED,
    UNIT_REQUIRED,
)

OBSERVATION_REQUIRED: tuple[str, ...] = (
    "area",
    "indicator",
    "unit",
    "period",
    "value",
    "status",
    "source_id",
)
OBSERVATION_OPTIONAL: tuple[str, ...] = (
    "value_high",
    "quote",
    "note",
    "derived_status",
    "period_inferred",
    "qualifier",
)
#: Columns of the transcription of the public record, accepted in every observations table but
#: not in the planner's template: ``target_inferred`` (a target implied by "đạt 100% kế
#: hoạch", judged as the report says) and ``quality`` (a data-quality flag, :data:`QUALITY_FLAGS`).
TRANSCRIPTION_COLUMNS: tuple[str, ...] = ("target_inferred", "quality")
SOURCE_COLUMNS: tuple[str, ...] = ("source_id", "publisher", "published", "url", "what_it_covers")
#: Optional columns of a sources table: the kind of source (see :data:`SOURCE_KINDS`), the
#: publisher as the Vietnamese edition cites it, and a Vietnamese note of what it covers.
SOURCE_OPTIONAL: tuple[str, ...] = ("kind", "publisher_vi", "what_it_covers_vi")
#: Kinds of source: a text of the state or the Party (resolution, government portal's report),
#: a newspaper or broadcaster, and an aggregator (forum, listing, category page, repost site).
SOURCE_KINDS: tuple[str, ...] = ("official", "press", "aggregator")
#: The kinds of source a filed report may cite (an aggregator's figures stay in the working notes).
CITABLE_SOURCE_KINDS: tuple[str, ...] = ("official", "press")
#: Columns of a table of administrative-unit changes (which unit an old one went into).
AREA_CHANGE_COLUMNS: tuple[str, ...] = (
    "old_area_name",
    "old_level",
    "new_area_name",
    "new_level",
    "valid_from",
    "source_id",
    "quote",
)
#: Columns of a table of targets adopted by comparable areas (read beside the record, not judged).
COMPARABLE_REQUIRED: tuple[str, ...] = (
    "area_name",
    "area_level",
    "indicator",
    "unit",
    "period",
    "value",
    "source_id",
    "quote",
)
COMPARABLE_OPTIONAL: tuple[str, ...] = ("value_high", "qualifier", "note")
#: Columns of a table of national consumer price changes (read beside the record, not judged).
CONSUMER_PRICE_REQUIRED: tuple[str, ...] = ("period", "change_percent", "source_id", "quote")
CONSUMER_PRICE_OPTIONAL: tuple[str, ...] = ("qualifier", "note")
BREAK_REQUIRED: tuple[str, ...] = ("area", "indicator", "from_year", "break_kind", "source_id")
BREAK_OPTIONAL: tuple[str, ...] = ("quote", "note")

STATUSES: tuple[str, ...] = ("actual", "estimate", "target", "derived")
#: Vietnamese words accepted for each status (case and accents as planners write them).
STATUS_ALIASES: dict[str, str] = {
    unicodedata.normalize("NFC", word): status
    for word, status in {
        "thực hiện": "actual",
        "số thực hiện": "actual",
        "ước": "estimate",
        "ước tính": "estimate",
        "ước thực hiện": "estimate",
        "kế hoạch": "target",
        "mục tiêu": "target",
        "chỉ tiêu": "target",
        "suy ra": "derived",
    }.items()
}
#: Statuses whose figures happened (or are estimated to have happened): not targets.
FIGURE_STATUSES: tuple[str, ...] = ("actual", "estimate")
QUALIFIERS: tuple[str, ...] = (
    "",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "approximate",
    "nearly",
)
#: Vietnamese words accepted for each qualifier, as the sources write them.
QUALIFIER_ALIASES: dict[str, str] = {
    unicodedata.normalize("NFC", word): qualifier
    for word, qualifier in {
        "trở lên": "at_least",
        "ít nhất": "at_least",
        "trên": "more_than",
        "hơn": "more_than",
        "tối đa": "at_most",
        "không quá": "at_most",
        "dưới": "less_than",
        "khoảng": "approximate",
        "xấp xỉ": "approximate",
        "gần": "nearly",
    }.items()
}
#: Data-quality flags a transcriber may set on a row: ``doubtful`` for a figure another source
#: contradicts (the note says which). A doubtful figure is shown flagged, never rests a proposal.
QUALITY_FLAGS: tuple[str, ...] = ("", "doubtful")
#: Vietnamese words accepted for each quality flag.
QUALITY_ALIASES: dict[str, str] = {
    unicodedata.normalize("NFC", word): flag
    for word, flag in {"nghi vấn": "doubtful", "cần xác minh": "doubtful"}.items()
}
#: Qualifiers of a figure that is not exact ("khoảng", "gần").
INEXACT_QUALIFIERS: tuple[str, ...] = ("approximate", "nearly")
#: Qualifiers that cap a target from above ("tối đa", "dưới"): a target of 0 is then a real one.
CEILING_QUALIFIERS: tuple[str, ...] = ("at_most", "less_than")
BREAK_KINDS: tuple[str, ...] = ("poverty_line", "boundary", "price_base", "definition")
TRUE_TEXTS = ("true", "yes", "1", "có", "x")
FALSE_TEXTS = ("", "false", "no", "0", "không")

#: The columns of each kind of table a data folder may hold, by role.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "observations": OBSERVATION_REQUIRED + OBSERVATION_OPTIONAL,
    "sources": SOURCE_COLUMNS + SOURCE_OPTIONAL,
    "breaks": BREAK_REQUIRED + BREAK_OPTIONAL,
    "area_changes": AREA_CHANGE_COLUMNS,
    "comparables": COMPARABLE_REQUIRED + COMPARABLE_OPTIONAL,
    "consumer_prices": CONSUMER_PRICE_REQUIRED + CONSUMER_PRICE_OPTIONAL,
    "catalogue": (
        INDICATOR_REQUIRED
        + INDICATOR_OPTIONAL
        + UNIT_REQUIRED
        + PLAN_REQUIRED
        + AREA_REQUIRED
        + AREA_OPTIONAL
        + NAME_REQUIRED
    ),
}
#: Column names of every table that may be found among the data files.
KNOWN_COLUMNS = frozenset(c for columns in TABLE_COLUMNS.values() for c in columns)
#: An area id: lower-case letters and digits, words joined by ``_`` (``dong_son``).
AREA_ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")

#: Column names as planners write them in Vietnamese (compared without accents, case or
#: spaces), and the column of the template each stands for: a header written this way is
#: named as such rather than read as a table of figures with every column unknown.
VIETNAMESE_HEADERS: dict[str, str] = {
    "madiaban": "area",
    "diaban": "area",
    "donvihanhchinh": "area",
    "machitieu": "indicator",
    "chitieu": "indicator",
    "tenchitieu": "indicator",
    "donvi": "unit",
    "donvitinh": "unit",
    "dvt": "unit",
    "ky": "period",
    "kybaocao": "period",
    "thoiky": "period",
    "nam": "period",
    "giaidoan": "period",
    "giatri": "value",
    "solieu": "value",
    "giatritoida": "value_high",
    "trangthai": "status",
    "loaisolieu": "status",
    "manguon": "source_id",
    "nguon": "source_id",
    "trichdan": "quote",
    "ghichu": "note",
    "coquanbanhanh": "publisher",
    "coquan": "publisher",
    "noibanhanh": "publisher",
    "noicongbo": "publisher",
    "donvicongbo": "publisher",
    "tenguon": "publisher",
    "tennguon": "publisher",
    "ngaybanhanh": "published",
    "ngaycongbo": "published",
    "ngaydang": "published",
    "thoigiancongbo": "published",
    "duongdan": "url",
    "lienket": "url",
    "noidung": "what_it_covers",
    "phamvi": "what_it_covers",
    "mota": "what_it_covers",
    "noidungchinh": "what_it_covers",
}

#: Columns of the tidy observation table, with their dtypes and meaning.
OBSERVATION_COLUMNS: dict[str, tuple[str, str]] = {
    "indicator": ("string", "catalogue id"),
    "area": ("string", "area id, e.g. dong_son"),
    "period": ("string", "normalised period text: 2019, 2020H1 or 2016-2020"),
    "period_type": ("string", "year, half_year or range"),
    "period_start": ("Int64", "first calendar year"),
    "period_end": ("Int64", "last calendar year"),
    "half": ("Int64", "0, or 1/2 for a half-year"),
    "value": (
        "float64",
        "value in the catalogue unit (for an alias, in the unit of the indicator it stands for)",
    ),
    "value_high": ("float64", "upper end of a range (NaN if a single value)"),
    "unit": ("string", "catalogue unit (for an alias: the unit of the indicator it stands for)"),
    "unit_as_given": ("string", "unit written in the file"),
    "unit_factor": ("float64", "factor applied: value = value_as_given * unit_factor"),
    "status": ("string", "actual, estimate (ước), target or derived"),
    "derived_status": (
        "string",
        "for derived rows: what the value stands for (actual, estimate, target)",
    ),
    "effective_status": ("string", "status, or for derived rows the status they stand for"),
    "qualifier": (
        "string",
        "at_least (trở lên), more_than (trên), at_most, less_than, approximate (khoảng), "
        "nearly (gần) or empty",
    ),
    "period_inferred": ("bool", "the source does not state the year; it was inferred"),
    "target_inferred": (
        "bool",
        "a target the source does not state but implies ('đạt 100% kế hoạch'): judged as the "
        "report says (theo báo cáo), like a derived target",
    ),
    "quality": ("string", "a data-quality flag: doubtful (see the note) or empty"),
    "source_id": ("string", "id in a sources table"),
    "quote": ("string", "words of the source"),
    "note": ("string", "transcriber's note"),
    "origin": ("string", "public_record or planner"),
    "file": ("string", "file the row came from, as named on the command line"),
    "row": ("Int64", "row number in that file"),
    "kind": ("string", "indicator kind from the catalogue"),
    "superseded": (
        "bool",
        "a planner's row replaces this public-record row: a figure of the same indicator, area, "
        "period and status, or a target of the same indicator (or alias), area, period and plan",
    ),
}
#: Columns of the series-breaks table.
BREAK_COLUMNS: dict[str, tuple[str, str]] = {
    "indicator": ("string", "catalogue id"),
    "area": ("string", "area id, or empty for every area (a national definition)"),
    "from_year": ("Int64", "first year measured under the new definition"),
    "break_kind": ("string", "poverty_line, boundary, price_base or definition"),
    "source_id": ("string", "id in a sources table"),
    "quote": ("string", "words of the source"),
    "note": ("string", "transcriber's note"),
}
