"""dongson_analysis: an area's socio-economic indicators, reviewed, projected and judged.

The data flows one way::

    settings ─► inputs (catalogue, validated tables) ─► series ─► projections
             ─► judgements and proposals ─► text, tables, charts ─► chapters
             ─► notebooks, HTML, Word, Excel

The shipped record of Đông Sơn district, reviewed over 2016–2020 for the 2021–2025 plan:

>>> from dongson_analysis import judgement_table, run_analysis, settings_from_parameters
>>> analysis = run_analysis(settings_from_parameters(review="2016-2020", plan="2021-2025"))
>>> analysis.settings.area, analysis.settings.base_year, analysis.settings.plan_end
('dong_son', 2015, 2025)
>>> table = judgement_table(list(analysis.judgements))
>>> len(table) == len(analysis.judgements) > 0
True
>>> {"indicator", "status", "percent_of_target"} <= set(table.columns)
True
>>> list(analysis.projections["income_per_capita"].table().columns)
['year', 'point', 'lower80', 'upper80', 'lower95', 'upper95', 'method']

Public names: the settings (:class:`Settings`, :func:`settings_from_parameters`),
:func:`run_analysis` and its result :class:`Analysis` (:func:`analyse` and :class:`Run` for
every area of a run), the loaders (:func:`load_catalogue`, :func:`validate_paths`,
:func:`load_observations`), the projection (:func:`project`, :class:`Projection`), the
judgement and proposal functions and their result types, and the tables of the review.
Each is imported when first used, so that ``import dongson_analysis`` (and the command
line's ``--help``) stays quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.2.0"

#: Each public name and the module that defines it.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(
        ("Analysis", "Inputs", "Run", "analyse", "load_inputs", "project_all", "run_analysis"),
        "analysis",
    ),
    **dict.fromkeys(
        ("Catalogue", "CatalogueError", "Indicator", "Plan", "load_catalogue"), "catalogue"
    ),
    **dict.fromkeys(
        (
            "JUDGEMENT_COLUMNS",
            "JUDGEMENT_STATUSES",
            "Judgement",
            "JudgementContext",
            "Need",
            "Note",
            "Target",
            "judge_target",
            "judge_targets",
            "judgement_table",
            "targets_from_record",
        ),
        "judgement",
    ),
    **dict.fromkeys(("KINDS", "KindSpec", "UnknownKindError", "kind_spec"), "kinds"),
    **dict.fromkeys(("Texts", "texts_for"), "l10n"),
    **dict.fromkeys(("Problem", "ValidationError"), "problems"),
    **dict.fromkeys(("Projection", "project"), "projection"),
    **dict.fromkeys(("Proposal", "ProposalLevel", "propose_targets"), "proposals"),
    **dict.fromkeys(
        (
            "BREAK_COLUMNS",
            "OBSERVATION_COLUMNS",
            "SOURCE_COLUMNS",
            "ValidationReport",
            "load_observations",
            "validate_paths",
        ),
        "records",
    ),
    **dict.fromkeys(("Series", "build_series"), "series"),
    **dict.fromkeys(
        ("DEFAULT_PARAMETERS", "Settings", "SettingsError", "settings_from_parameters"),
        "settings",
    ),
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    """A public name, imported from its module when first asked for."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dongson_analysis' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
