"""Property tests for the parsers: numbers and periods."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dongson_analysis.l10n import format_decimal, language_spec
from dongson_analysis.numbers import NumberError, parse_number, readings
from dongson_analysis.periods import PeriodError, parse_period
from dongson_analysis.problems import Problem
from dongson_analysis.problems import problem_message as message


def written(value: float, lang: str, decimals: int | None = None) -> str:
    """``value`` as ``lang`` writes numbers (the localisation module's one formatter)."""
    return format_decimal(value, language_spec(lang).babel_locale, decimals)


@given(
    st.decimals(
        min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
    ),
    st.sampled_from(["vi", "en"]),
)
def test_formatted_numbers_parse_back(value, lang):
    number = float(value)
    text = written(number, lang, decimals=2)
    assert parse_number(text, lang) == pytest.approx(number, abs=1e-9)


@given(
    st.floats(min_value=1e20, max_value=1e300, allow_nan=False, allow_infinity=False),
    st.sampled_from(["vi", "en"]),
    st.sampled_from([None, 0, 1, 2]),
)
def test_very_large_numbers_are_formatted_in_full(value, lang, decimals):
    """A projection far out of range (7·10^31) must print, not crash the report."""
    text = written(value, lang, decimals)
    whole = text.split("," if lang == "vi" else ".")[0] if decimals else text
    shortest = format(Decimal(repr(value)), "f").split(".")[0]  # what the float prints as
    assert re.sub(r"[^0-9]", "", whole) == shortest


@given(st.integers(min_value=1000, max_value=10**9))
def test_grouped_thousands_are_never_silently_shrunk(n):
    text = written(n, "vi")  # 3.000, 1.000.000
    assert readings(text)["vi"] == n
    if n < 10**6:  # one dot: 3.000 also reads as 3.0 in English, so it must be refused
        with pytest.raises(ValueError, match="ambiguous_number"):
            parse_number(text, None)
    else:  # two dots can only be Vietnamese grouping
        assert parse_number(text, None) == n


@given(
    st.text(max_size=12)
    | st.from_regex(r"\A[ \n\u2212\u2013(]?[0-9.,]{1,8}([ \n%eE–-][0-9.,]{0,5})?\)?\Z"),
    st.sampled_from(["vi", "en", None]),
)
def test_parser_never_crashes(text, fmt):
    """Any text gives a finite number or a reason that has a message in both languages."""
    try:
        value = parse_number(text, fmt)
    except NumberError as err:
        problem = Problem("f.csv", 2, 5, err.code, {"value": text, "readings": "", **err.params})
        assert message(problem, "en") and message(problem, "vi")
    else:
        assert math.isfinite(value)


def test_examples():
    assert parse_number("18,2", None) == 18.2
    assert parse_number("3.082,9", None) == 3082.9
    assert parse_number("3.000", "vi") == 3000.0
    assert parse_number("3.000", "en") == 3.0
    assert written(3000, "vi") == "3.000"
    assert written(18.2, "vi") == "18,2"
    assert written(3000, "en") == "3,000"
    assert written(97.36, "vi") == "97,36"


@given(st.integers(1990, 2035), st.integers(0, 10), st.sampled_from(["", "H1", "H2"]))
def test_periods_round_trip(start, length, half):
    text = (
        f"{start}{half}"
        if half or not length or start + length > 2035
        else f"{start}-{start + length}"
    )
    period = parse_period(text)
    assert str(period) == text and parse_period(str(period)) == period


@given(st.integers(0, 9999).filter(lambda y: not 1990 <= y <= 2035))
def test_years_outside_range_are_rejected(year):
    with pytest.raises(PeriodError):
        parse_period(f"{year:04d}")


def test_period_forms():
    assert parse_period("2020H1").type == "half_year"
    assert parse_period("2016-2020").years == 5
    assert parse_period("2019- 2025").start == 2019
    assert parse_period(2018.0).type == "year"
    with pytest.raises(PeriodError):
        parse_period("2020-2016")


@given(
    values=st.lists(
        st.decimals(min_value=0, max_value=10**7, places=1, allow_nan=False), min_size=1, max_size=8
    ),
    lang=st.sampled_from(["vi", "en"]),
    delimiter=st.sampled_from([",", ";"]),
    bom=st.booleans(),
    crlf=st.booleans(),
)
@settings(max_examples=40, deadline=None)
def test_csv_files_round_trip(tmp_path_factory, values, lang, delimiter, bom, crlf):
    """Figures written the Vietnamese or English way, declared, load back exactly."""
    import csv
    import io

    from conftest import CATALOGUE_DIR, PUBLIC_SOURCES

    from dongson_analysis.catalogue import load_catalogue
    from dongson_analysis.records import load_observations

    buffer = io.StringIO()
    buffer.write(f"# number_format: {lang}\n")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["area", "indicator", "unit", "period", "value", "status", "source_id"])
    for i, value in enumerate(values):
        writer.writerow(
            [
                "dong_son",
                "food_output",
                "tấn",
                2000 + i,
                written(float(value), lang),
                "actual",
                "S04",
            ]
        )
    text = buffer.getvalue().replace("\n", "\r\n") if crlf else buffer.getvalue()
    path = tmp_path_factory.mktemp("csv") / "figures.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    frame = load_observations([PUBLIC_SOURCES, path], load_catalogue(CATALOGUE_DIR))
    assert frame.sort_values("period_start")["value"].tolist() == pytest.approx(
        [float(v) for v in values]
    )
    assert frame.sort_values("period_start")["row"].tolist() == list(range(3, 3 + len(values)))


# -- what careless typing does to numbers, words and periods ---------------------------------

from dongson_analysis.numbers import clean_text, split_percent  # noqa: E402

_INVISIBLE = st.sampled_from(["", "\u200b", "\ufeff", "\u00ad", "\u200e", "\u2060"])


@given(
    st.sampled_from(
        ["thực hiện", "ước", "kế hoạch", "triệu đồng/người/năm", "tấn", "Đông Sơn", "dong_son"]
    ),
    _INVISIBLE,
    _INVISIBLE,
    st.sampled_from(["NFC", "NFD"]),
)
def test_words_read_as_typed_whatever_the_unicode_form(word, before, after, form):
    import unicodedata

    typed = before + unicodedata.normalize(form, word) + after + " "
    assert clean_text(typed) == word


@given(st.integers(1000, 10**12), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_thousands_grouped_with_spaces(n, space):
    text = written(n, "vi").replace(".", space)
    if space == " " and n < 10**6:  # "52 500" may be two figures pasted together: never guessed
        with pytest.raises(NumberError, match="two_numbers"):
            parse_number(text, None)
        return
    assert parse_number(text, None) == n
    assert parse_number(text, "vi") == n and parse_number(text, "en") == n


@given(
    st.decimals(0, 10**6, places=1, allow_nan=False),
    st.decimals(0, 10**6, places=1, allow_nan=False),
    st.sampled_from(["vi", "en"]),
    st.sampled_from([" ", "  ", "\t", "\u00a0"]),
)
def test_two_numbers_in_one_cell_are_refused(a, b, lang, space):
    first, second = written(float(a), lang), written(float(b), lang)
    text = first + space + second
    try:
        value = parse_number(text, lang)
    except NumberError as err:
        assert err.code in ("two_numbers", "not_a_number", "number_format_mismatch")
    else:
        # "1 234" is one number grouped with a no-break space: only when the second part has
        # three digits
        assert (
            space == "\u00a0"
            and re.fullmatch(r"[1-9]\d{0,2}", first)
            and re.fullmatch(r"\d{3}([.,]\d+)?", second)
        )
        assert value == parse_number(first + second, lang)


@given(
    st.decimals(0, 10**6, places=2, allow_nan=False), st.sampled_from(["vi", "en"]), st.booleans()
)
def test_minus_signs(value, lang, typographic):
    text = ("\u2212" if typographic else "-") + written(float(value), lang, decimals=2)
    assert parse_number(text, lang) == -float(value)
    with pytest.raises(NumberError) as err:
        parse_number("\u2013" + text[1:], lang)
    assert err.value.code == "dash_as_minus"


@given(st.decimals(0, 100, places=1, allow_nan=False), st.sampled_from(["%", " %", "\uff05"]))
def test_percent_sign_is_split_off(value, sign):
    text, percent = split_percent(written(float(value), "vi") + sign)
    assert percent and parse_number(text, "vi") == float(value)


@given(
    st.integers(1990, 2030),
    st.integers(1, 5),
    st.sampled_from(["-", "–", "—", "\u2011", " - ", "\u2212"]),
    _INVISIBLE,
)
def test_ranges_written_with_any_dash(start, length, dash, invisible):
    assert (
        str(parse_period(f"{start}{dash}{start + length}{invisible}"))
        == f"{start}-{start + length}"
    )


@given(st.integers(1990, 2035), st.integers(1990, 2035))
def test_reversed_or_empty_ranges_are_named(a, b):
    lo, hi = sorted((a, b))
    with pytest.raises(PeriodError) as err:
        parse_period(f"{hi}-{lo}")
    assert err.value.code == "period_reversed"
    assert err.value.params["fixed"] == (f"{lo}-{hi}" if lo < hi else str(lo))
