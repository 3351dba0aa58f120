"""Words as the planner meant them, and the right word for a wrong one.

Cells are compared as the planner meant them: Unicode composed (NFC), invisible
characters removed, spaces made plain (:func:`word`). A wrong word gets the closest
right one (:func:`closest`, :func:`hint`): first the same word but for case, accents,
spaces and punctuation (``Đông Sơn`` is ``dong_son``), else the nearest by
:func:`difflib.get_close_matches`.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable

from .numbers import clean_text
from .problems import Phrase

_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_NOT_ALNUM_RUN = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"[0-9]+")


def cell_text(value: object) -> str:
    """A cell as text: a workbook's number as typed (``2019``, ``48.2``), text stripped.

    Parameters
    ----------
    value : object
        A cell (``str``, or ``float`` for a number typed into a workbook).

    Returns
    -------
    str
        The text.
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def word(value: object) -> str:
    """A cell as the word the planner meant: composed Unicode, no invisible characters, plain
    spaces.

    Parameters
    ----------
    value : object
        A cell.

    Returns
    -------
    str
        The word (a letter typed with combining marks becomes one letter).
    """
    return _SPACES.sub(" ", clean_text(cell_text(value)))


def _unaccented(text: str) -> str:
    text = unicodedata.normalize("NFD", clean_text(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def plain(text: str) -> str:
    """``text`` without accents, case, spaces or punctuation: ``Đông Sơn`` → ``dongson``.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        Lower-case ASCII letters and digits only.
    """
    return _NOT_ALNUM.sub("", _unaccented(text))


def slug(text: str) -> str:
    """``text`` as an id: ``Đông Sơn`` → ``dong_son``.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        Lower-case ASCII words joined by ``_``.
    """
    return _NOT_ALNUM_RUN.sub("_", _unaccented(text)).strip("_")


def _unpadded(text: str) -> str:
    """:func:`plain` without leading zeros in numbers: ``S02`` → ``s2``."""
    return _DIGITS.sub(lambda m: str(int(m[0])), plain(text))


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice that ``value`` most likely meant.

    First the same but for case, accents, spacing and punctuation; then the same but
    for the zeros in front of a number (``S2`` is ``S02``); else the nearest by
    :func:`difflib.get_close_matches` (a ratio of 0.75 at least).

    Parameters
    ----------
    value : str
        What was written.
    choices : iterable of str
        The right words.

    Returns
    -------
    str or None
        The closest choice, or None when none is near.
    """
    choices = [c for c in dict.fromkeys(choices) if c]
    for key in (plain, _unpadded):
        same = [c for c in choices if key(value) and key(c) == key(value)]
        if same:
            return same[0]
    close = difflib.get_close_matches(
        value.casefold(), [c.casefold() for c in choices], n=1, cutoff=0.75
    )
    if close:
        return next(c for c in choices if c.casefold() == close[0])
    return None


def hint(value: str, choices: Iterable[str]) -> Phrase | str:
    """`` Did you mean '…'?`` for the closest choice.

    Parameters
    ----------
    value : str
        What was written.
    choices : iterable of str
        The right words.

    Returns
    -------
    Phrase or str
        The hint, or "" when no choice is near or the closest is the same word (compared
        composed: a decomposed ``ộ`` is the same letter as a composed one).
    """
    close = closest(value, choices)
    same = close is not None and unicodedata.normalize("NFC", close) == unicodedata.normalize(
        "NFC", value
    )
    return Phrase("validation.hint_did_you_mean", {"value": close}) if close and not same else ""
