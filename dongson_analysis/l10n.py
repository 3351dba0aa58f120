"""Every user-facing string, in one place: ``locales/<language>.yml``, one file per language.

All wording that a planner reads (validation messages, judgement wording,
narrative, chart and column labels, chapter headings and prose, command-line
help) is looked up here by a dotted key:

>>> texts = Texts("en")
>>> texts("status.achieved")
'Achieved'

A value may depend on a count (English plurals); such an entry is a mapping with
the forms ``one`` and ``other``, chosen by the ``count`` parameter:

>>> texts("unit_count.communes", count=1)
'1 commune'

Language (the words) and number locale (``3.000`` or ``3,000``) are separate
settings. A key missing from a language, or a language without a file, fails
loudly with :class:`MissingTextError`; ``tests/test_l10n.py`` checks that every
key exists in every language.
"""

from __future__ import annotations

import string
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from .numbers import format_number

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")  # CLDR plural categories


class MissingTextError(KeyError):
    """A key that a language file does not hold, or a language without a file."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


@cache
def _plural_rule(language: str):
    from babel import Locale

    return Locale.parse(language).plural_form


def plural_form(language: str, count: float) -> str:
    """The CLDR plural category of ``count`` in ``language`` (``one``, ``other``, ``many`` ...)."""
    return _plural_rule(language)(abs(count))


@cache
def catalog(language: str) -> dict[str, Any]:
    """The parsed language file of ``language`` (nested mappings of strings)."""
    if language not in LANGUAGES:
        raise MissingTextError(
            f"no language file for {language!r}; languages: {', '.join(LANGUAGES)}"
        )
    text = (
        resources.files("dongson_analysis").joinpath(f"locales/{language}.yml").read_text("utf-8")
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


class Texts:
    """The strings of one language, and numbers written the way a locale writes them.

    Parameters
    ----------
    language : {"vi", "en"}
        Language of the words.
    number_locale : {"vi", "en"}, optional
        How numbers are written (``3.000`` and ``18,2`` in ``vi``). Defaults to
        the language.
    """

    def __init__(self, language: str, number_locale: str | None = None):
        self.tree = catalog(language)
        number_locale = number_locale or language
        if number_locale not in LANGUAGES:
            raise MissingTextError(
                f"unknown number locale {number_locale!r}; use one of {', '.join(LANGUAGES)}"
            )
        self.language: Language = language  # type: ignore[assignment]
        self.number_locale: Language = number_locale  # type: ignore[assignment]

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
            return entry.format(**params)
        except KeyError as err:
            raise MissingTextError(f"text '{key}' needs the value {err.args[0]!r}") from None

    def has(self, key: str) -> bool:
        """Whether ``key`` exists in this language."""
        try:
            self.raw(key)
            return True
        except MissingTextError:
            return False

    def number(self, value: float, decimals: int | None = None) -> str:
        """``value`` written in the number locale (see
        :func:`dongson_analysis.numbers.format_number`).
        """
        return format_number(value, self.number_locale, decimals)

    def join(self, items: list[str], conjunction: str = "and") -> str:
        """``a, b and c`` in the language's words."""
        items = [i for i in items if i]
        if len(items) <= 1:
            return "".join(items)
        return self("list.separator").join(items[:-1]) + self(f"list.{conjunction}") + items[-1]


@cache
def texts_for(language: str, number_locale: str | None = None) -> Texts:
    """A shared :class:`Texts` for a language and number locale."""
    return Texts(language, number_locale)
