"""Every user-facing string, in one place: ``locales/<language>.yml``, one file per language.

All wording that a planner reads (validation messages, judgement wording,
narrative, chart and column labels, chapter headings and prose, command-line
help) is looked up here by a dotted key:

>>> texts = Texts("en")
>>> texts("status.achieved")
'Achieved'

A value may depend on a count; such an entry is a mapping of CLDR plural
categories (``one``, ``few``, ``many``, ``other`` ...), chosen by the ``count``
parameter with the language's own plural rule (CLDR's, through Babel):

>>> texts("validation.more_problems", count=1)
'... and 1 more problem'
>>> texts("validation.more_problems", count=3000)
'... and 3,000 more problems'

How a language writes what is not a word lives in its :class:`LanguageSpec`
(:data:`LANGUAGE_SPECS`): the Babel locale of its numbers and plural rule, the
space before a percent sign (``18,2%`` in Vietnamese, ``18,2 %`` in French), the
space between an amount and its unit, and the form of a date. Adding a language
is one language file, its names in the catalogue's ``names.csv`` and one entry
here; :data:`LANGUAGES` (the languages whose files ship) is the single list of
languages the package ships.

Language (the words) and number locale (``3.000`` or ``3,000``) are separate
settings. A key missing from a language, or a language without a file or a
spec, fails loudly with :class:`MissingTextError`; ``tests/test_l10n.py`` checks
that every key exists in every language.
"""

from __future__ import annotations

import decimal
import math
import string
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

#: The languages whose files ship with the package (``locales/<code>.yml``).
LANGUAGES: tuple[str, ...] = ("vi", "en")
#: A date written day/month/year (``19/11/2015``), as Vietnamese and British reports write it.
DAY_MONTH_YEAR = {"day": "{day}/{month}/{year}", "month": "{month}/{year}", "year": "{year}"}
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")  # CLDR plural categories


class MissingTextError(KeyError):
    """A key that a language file does not hold, or a language without a file or a spec."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


@dataclass(frozen=True)
class LanguageSpec:
    """How one language writes numbers, percentages, units, dates and plurals.

    Attributes
    ----------
    code : str
        The language's code, as in ``locales/<code>.yml`` and ``names.csv``.
    babel_locale : str
        The Babel (CLDR) locale whose number symbols and plural rule the language uses
        (``vi_VN``: ``3.000`` and ``18,2``).
    percent_space : str
        What stands between a number and its percent sign: nothing in Vietnamese and
        English (``18,2%``), a no-break space in French (``18,2 %``).
    unit_space : str
        What stands between an amount and its unit (``3.000 tỷ đồng``).
    date_forms : dict
        The form of a date given to the day, to the month and to the year
        (``{day}/{month}/{year}``, ``{month}/{year}``, ``{year}``).
    joins : tuple of (str, str)
        Words that meet when a text is filled in, and what they become: a unit ending in
        ``/năm`` before ``năm 2010`` reads ``…/năm vào năm 2010``, never ``năm năm``.

    References
    ----------
    Unicode CLDR, Language Plural Rules and number symbols (through Babel).
    """

    code: str
    babel_locale: str
    percent_space: str = ""
    unit_space: str = " "
    date_forms: dict[str, str] = field(
        default_factory=lambda: dict(DAY_MONTH_YEAR), hash=False, compare=False
    )
    joins: tuple[tuple[str, str], ...] = ()


#: One spec per language the package knows (the shipped ones; a test may register another).
LANGUAGE_SPECS: dict[str, LanguageSpec] = {
    spec.code: spec
    for spec in (
        LanguageSpec("vi", "vi_VN", joins=(("/năm năm ", "/năm vào năm "),)),
        LanguageSpec("en", "en_US"),
    )
}
#: Where a language's file is read from when it is not the shipped ``locales/<code>.yml``.
_LANGUAGE_FILES: dict[str, Path] = {}


def language_spec(code: str) -> LanguageSpec:
    """The spec of a language; one without a spec fails with a message that says how to add it.

    Raises
    ------
    MissingTextError
        For a language (or number locale) that has no entry in :data:`LANGUAGE_SPECS`.
    """
    try:
        return LANGUAGE_SPECS[code]
    except (KeyError, TypeError):
        raise MissingTextError(
            f"no language spec for {code!r} (its number locale, plural rule and spacing); "
            f"add a LanguageSpec to dongson_analysis.l10n.LANGUAGE_SPECS; known: "
            f"{', '.join(LANGUAGE_SPECS)}"
        ) from None


def register_language(spec: LanguageSpec, file: Path | str | None = None) -> None:
    """Add a language (or replace its spec); ``file`` is its language file if not shipped.

    Parameters
    ----------
    spec : LanguageSpec
        The language's spec; its Babel locale must exist.
    file : path, optional
        A language file to read instead of ``locales/<code>.yml``.

    Raises
    ------
    MissingTextError
        When Babel does not know the spec's locale.
    """
    _babel_locale(spec.babel_locale)
    LANGUAGE_SPECS[spec.code] = spec
    if file is not None:
        _LANGUAGE_FILES[spec.code] = Path(file)
    _clear_caches()


def unregister_language(code: str) -> None:
    """Remove a language added by :func:`register_language` (the shipped ones stay)."""
    if code in LANGUAGES:
        raise ValueError(f"{code!r} ships with the package and cannot be removed")
    LANGUAGE_SPECS.pop(code, None)
    _LANGUAGE_FILES.pop(code, None)
    _clear_caches()


def _clear_caches() -> None:
    catalog.cache_clear()
    texts_for.cache_clear()
    _babel_locale.cache_clear()


@cache
def _babel_locale(name: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError) as err:
        raise MissingTextError(f"Babel knows no locale {name!r}: {err}") from None


def plural_form(language: str, count: float) -> str:
    """The CLDR plural category of ``count`` in ``language`` (``one``, ``other``, ``many`` ...)."""
    return _babel_locale(language_spec(language).babel_locale).plural_form(abs(count))


@cache
def catalog(language: str) -> dict[str, Any]:
    """The parsed language file of ``language`` (nested mappings of strings)."""
    if language in _LANGUAGE_FILES:
        text = _LANGUAGE_FILES[language].read_text("utf-8")
    elif language in LANGUAGES:
        text = (
            resources.files("dongson_analysis")
            .joinpath(f"locales/{language}.yml")
            .read_text("utf-8")
        )
    else:
        raise MissingTextError(
            f"no language file for {language!r}; languages: {', '.join(LANGUAGES)}"
        )
    return yaml.safe_load(text)


def flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted keys of a language file; plural mappings and lists count as one entry."""
    out: dict[str, Any] = {}
    for key, value in tree.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and not set(value) <= set(PLURAL_FORMS):
            out.update(flatten(value, dotted + "."))
        else:
            out[dotted] = value
    return out


def placeholders(template: str) -> set[str]:
    """Names of the ``{placeholders}`` in a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def format_decimal(value: float, locale: str, decimals: int | None = None) -> str:
    """``value`` written with the number symbols of a Babel ``locale``.

    Parameters
    ----------
    value : float
        A finite number.
    locale : str
        A Babel locale (``vi_VN``: ``3.000`` and ``18,2``).
    decimals : int, optional
        Fixed number of decimals; by default whole numbers get none and other numbers at
        most two, with trailing zeros dropped.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        For a value that is not finite.
    """
    from babel.numbers import format_decimal as babel_format

    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}")
    if decimals is None:
        pattern = "#,##0" if float(value).is_integer() else "#,##0.##"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    # Babel rounds in the current decimal context (28 significant digits by default); a value
    # with more whole digits than that must still print.
    whole_digits = len(f"{abs(value):.0f}")
    with decimal.localcontext() as context:
        context.prec = max(context.prec, whole_digits + (decimals or 2) + 4)
        text = babel_format(value, format=pattern, locale=_babel_locale(locale))
    return "0" if text in ("-0", "−0") else text


class Texts:
    """The strings of one language, and numbers written the way a locale writes them.

    Parameters
    ----------
    language : str
        Language of the words (a key of :data:`LANGUAGE_SPECS` with a language file).
    number_locale : str, optional
        How numbers are written (``3.000`` and ``18,2`` in ``vi``): a language whose
        spec's Babel locale is used. Defaults to the language.

    Raises
    ------
    MissingTextError
        For a language without a file or a spec, or a number locale without a spec.
    """

    def __init__(self, language: str, number_locale: str | None = None):
        self.tree = catalog(language)
        self.spec = language_spec(language)
        number_locale = number_locale or language
        self.number_spec = language_spec(number_locale)
        self.language = language
        self.number_locale = number_locale

    def raw(self, key: str) -> Any:
        """The entry at a dotted key as stored (a string, a plural mapping, a list or a section)."""
        node: Any = self.tree
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise MissingTextError(f"the {self.language} language file has no text '{key}'")
            node = node[part]
        return node

    def __call__(self, key: str, /, **params: Any) -> str:
        """The text at ``key`` with ``params`` filled in (``count`` selects a plural form)."""
        entry = self.raw(key)
        if isinstance(entry, dict):
            if "count" not in params:
                raise MissingTextError(f"text '{key}' has plural forms; pass count=")
            form = plural_form(self.language, params["count"])
            entry = entry.get(form, entry.get("other"))
        if not isinstance(entry, str):
            raise MissingTextError(f"text '{key}' is a section, not a text")
        if "count" in params and not isinstance(params["count"], str):
            params = {**params, "count": self.number(params["count"])}
        try:
            text = entry.format(**params)
        except KeyError as err:
            raise MissingTextError(f"text '{key}' needs the value {err.args[0]!r}") from None
        for old, new in self.spec.joins:
            text = text.replace(old, new)
        return text

    def has(self, key: str) -> bool:
        """Whether ``key`` exists in this language."""
        try:
            self.raw(key)
            return True
        except MissingTextError:
            return False

    def number(self, value: float, decimals: int | None = None) -> str:
        """``value`` written in the number locale (see :func:`format_decimal`)."""
        return format_decimal(value, self.number_spec.babel_locale, decimals)

    def percent(self, amount: str) -> str:
        """A formatted amount with the percent sign, spaced the language's way (``18,2%``)."""
        return f"{amount}{self.spec.percent_space}%"

    def with_unit(self, amount: str, label: str) -> str:
        """A formatted amount and a unit label, spaced the language's way (``3.000 tỷ đồng``).

        A label that starts with a percent sign (``%``, ``% of production value``) takes the
        percent spacing.
        """
        if not label:
            return amount
        if label.startswith("%"):
            return self.percent(amount) + label[1:]
        return f"{amount}{self.spec.unit_space}{label}"

    def date(self, year: str, month: str = "", day: str = "") -> str:
        """A date in the language's form (``19/11/2015``), to the day, the month or the year."""
        form = "day" if day else ("month" if month else "year")
        return self.spec.date_forms[form].format(year=year, month=month, day=day)

    def join(self, items: list[str], conjunction: str = "and") -> str:
        """``a, b and c`` in the language's words."""
        items = [i for i in items if i]
        if len(items) <= 1:
            return "".join(items)
        return self("list.separator").join(items[:-1]) + self(f"list.{conjunction}") + items[-1]


@cache
def texts_for(language: str, number_locale: str | None = None) -> Texts:
    """A shared :class:`Texts` for a language and number locale (one per pair, cached).

    Parameters
    ----------
    language : str
        A language with a spec and a language file (:data:`LANGUAGES`).
    number_locale : str, optional
        How numbers are written; the language's own way by default.

    Returns
    -------
    Texts
        Its words and number formats.

    Raises
    ------
    MissingTextError
        For a language or number locale without a spec or a file.
    """
    return Texts(language, number_locale)
