"""Reading numbers written the Vietnamese and the English way, and cleaning typed words
(numbers are written by :func:`dongson_analysis.l10n.format_decimal`).

In Vietnamese text the decimal mark is a comma and thousands are grouped with a
dot: ``3.000`` is three thousand and ``18,2`` is eighteen point two. In English it
is the other way round. A text such as ``3.000`` or ``1,234`` can be read both ways;
it is never guessed: the file must declare its format, or other values in the
same file must show it unambiguously.

A text that is not one plain number is refused with a reason that names what is
wrong (:class:`NumberError`): two figures in one cell (``48,2 55``), a line break
inside the number, a dash or brackets instead of a minus sign, scientific
notation, a range, words beside the number, or more digits than a figure can
have. The typographic minus sign (``−5``, U+2212) is a minus sign and is read as
one; thousands may also be grouped with no-break spaces (``52 500``, as a
spreadsheet writes them) or with plain spaces in a long number (``1 234 567``).

:func:`clean_text` turns what a planner typed into what they meant to type:
Unicode in composed form (NFC: ``ư`` typed as ``u`` + a combining horn becomes
one letter), invisible characters (zero-width spaces, byte-order marks, soft
hyphens, direction marks) removed and no-break spaces made plain spaces.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Literal

NumberFormat = Literal["vi", "en"]
NUMBER_FORMATS: tuple[NumberFormat, ...] = ("vi", "en")

#: Characters that show nothing but make two words that look the same differ.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
#: Longest figure accepted, in significant digits: a double holds 15 exactly.
MAX_DIGITS = 15
MINUS = "\u2212"
#: Dashes that are not a minus sign: figure dash, en dash, em dash, horizontal bar, small and
#: full-width hyphen-minus.
DASHES = "\u2012\u2013\u2014\u2015\ufe63\uff0d"
#: What a statistics table writes for "no figure".
NO_FIGURE_MARKS = {"-", "–", "—", "...", "…", "..", "n/a", "N/A", "#N/A", "?"}

_SPACES = re.compile(r"\s+")
_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    # plain digits with an optional decimal part, or grouped thousands
    "en": [re.compile(r"^[+-]?\d+(\.\d+)?$"), re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")],
    "vi": [re.compile(r"^[+-]?\d+(,\d+)?$"), re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")],
}
_SPACE_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}( \d{3})+([.,]\d+)?$")
_NUMBERISH = re.compile(r"^[+-]?\d[\d.,]*$")
_SCIENTIFIC = re.compile(r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$")
_RANGE = re.compile(r"^(\d[\d.,]*)\s*[-" + DASHES + r"~]\s*(\d[\d.,]*)$")
_BRACKETS = re.compile(r"^\((\d[\d.,\s]*)\)$")
_NUMBER_THEN_WORDS = re.compile(r"^[+-]?\d[\d.,]*\s*[^\d\s.,%+-].*$")


def clean_text(text: str) -> str:
    """``text`` in composed Unicode (NFC), without invisible characters, with plain spaces,
    stripped.

    >>> clean_text("thu\\u031b\\u0323c hie\\u0323\\u0302n\\u200b")
    'thực hiện'
    """
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _ODD_SPACES.sub(" ", text).strip()


def show_breaks(text: str) -> str:
    """``text`` with line breaks shown as ``⏎`` (for a message that quotes a cell)."""
    return text.replace("\r\n", "\u23ce").replace("\n", "\u23ce").replace("\r", "\u23ce")


class NumberError(ValueError):
    """A text that is not one number; ``code`` says why (a key of the ``validation`` section).

    ``str(err)`` is the code; ``params`` fill the message.
    """

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(code)


def readings(text: str) -> dict[NumberFormat, float]:
    """Every way ``text`` can be read as a number, by number format.

    >>> readings("3.000")
    {'vi': 3000.0, 'en': 3.0}
    >>> readings("18,2")
    {'vi': 18.2}
    >>> readings("52500")
    {'vi': 52500.0, 'en': 52500.0}
    """
    compact = _compact(text)
    found: dict[NumberFormat, float] = {}
    if compact is None:
        return found
    for fmt in NUMBER_FORMATS:
        if any(p.fullmatch(compact) for p in _PATTERNS[fmt]):
            group, decimal = (".", ",") if fmt == "vi" else (",", ".")
            found[fmt] = float(compact.replace(group, "").replace(decimal, "."))
    return found


def _compact(text: str) -> str | None:
    """The text with the minus sign made plain and spaces between thousands removed; None if spaced
    otherwise.

    Thousands grouped by no-break or thin spaces (as spreadsheets format them) are
    one number; with plain spaces only when there are two groups or more
    (``1 234 567``): ``48 255`` may as well be two figures pasted into one cell.
    """
    no_break = bool(re.search("[\u00a0\u202f\u2007\u2009]", text))
    text = clean_text(text).replace(MINUS, "-")
    if " " not in text:
        return text
    spaced = _SPACES.sub(" ", text)
    if _SPACE_GROUPED.fullmatch(spaced) and (no_break or spaced.count(" ") >= 2):
        return _SPACES.sub("", text)
    return None


def evidence(text: str) -> NumberFormat | None:
    """The only format ``text`` can be read in, or None if it fits both or neither."""
    found = readings(text)
    return next(iter(found)) if len(found) == 1 else None


def _why_not(text: str) -> NumberError:
    """The most precise reason why ``text`` is no number."""
    raw = text
    if re.search(r"[\r\n\u2028\u2029\x0b\x0c]", text.strip()):
        return NumberError("line_break_in_number", value=show_breaks(raw))
    text = clean_text(text)
    if "\x00" in text:
        return NumberError("not_a_number", value=text.replace("\x00", ""))
    if text in NO_FIGURE_MARKS:
        return NumberError("no_figure_mark", value=text)
    if text and text[0] in DASHES and readings(text[1:]):
        return NumberError("dash_as_minus", value=text, sign=text[0], rest=text[1:].strip())
    if m := _BRACKETS.match(text):
        return NumberError("parenthesised_number", value=text, inner=m[1].strip())
    if _SCIENTIFIC.match(text.replace(" ", "")):
        return NumberError("scientific_notation", value=text)
    if m := _RANGE.match(text):
        if readings(m[1]) and readings(m[2]):
            return NumberError("range_in_value", value=text, low=m[1], high=m[2])
    parts = text.split()
    if len(parts) >= 2 and all(_NUMBERISH.match(p.replace(MINUS, "-")) for p in parts):
        return NumberError("two_numbers", value=text, first=parts[0], second=parts[1])
    if _NUMBER_THEN_WORDS.match(text.replace(MINUS, "-")):
        return NumberError("number_with_text", value=text)
    return NumberError("not_a_number", value=text)


def split_percent(text: str) -> tuple[str, bool]:
    """``text`` without a trailing percent sign, and whether it had one (``18,2%`` → ``18,2``,
    True).
    """
    stripped = clean_text(text)
    if stripped.endswith(("%", "\uff05")):
        return stripped[:-1].rstrip(), True
    return text, False


def significant_digits(text: str) -> int:
    """Digits of a number text, leading zeros not counted."""
    return len(re.sub(r"\D", "", text).lstrip("0"))


def parse_number(text: str, number_format: NumberFormat | None) -> float:
    """Parse ``text`` in the given format.

    With ``number_format=None`` the text must read as one number only: it fits
    one format only (``18,2``) or reads the same in both (``52500``).

    Raises
    ------
    NumberError
        A :class:`ValueError` whose ``str()`` is the reason: ``"not_a_number"``
        (or a more precise reason, see the module docstring) when the text is
        no number in the allowed formats, ``"ambiguous_number"`` when it reads
        as two different numbers and no format is given,
        ``"number_format_mismatch"`` when it does not follow the given format,
        ``"too_many_digits"`` when it has more digits than a figure can hold.
    """
    found = readings(text)
    if not found:
        raise _why_not(text)
    digits = significant_digits(text)
    if digits > MAX_DIGITS or not all(math.isfinite(v) for v in found.values()):
        raise NumberError("too_many_digits", value=_shorten(clean_text(text)), digits=digits)
    if number_format is not None:
        if number_format not in found:
            raise NumberError(
                "number_format_mismatch", value=clean_text(text), declared=number_format
            )
        return found[number_format]
    if len(set(found.values())) > 1:
        raise NumberError("ambiguous_number", value=clean_text(text))
    return next(iter(found.values()))


def _shorten(text: str, keep: int = 24) -> str:
    return text if len(text) <= keep else text[:keep] + "…"
