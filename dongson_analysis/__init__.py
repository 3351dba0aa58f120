"""dongson_analysis: a district's socio-economic indicators, reviewed, projected and judged.

The data flows one way::

    settings ─► inputs (catalogue, validated tables) ─► series ─► projections
             ─► judgements and proposals ─► text, tables, charts ─► chapters
             ─► notebooks, HTML, Word, Excel

>>> from dongson_analysis import settings_from_parameters, run_analysis
>>> analysis = run_analysis(settings_from_parameters())          # doctest: +SKIP
>>> review_table(analysis)                                       # doctest: +SKIP

Public names: the settings (:class:`Settings`, :func:`settings_from_parameters`),
:func:`run_analysis` and its result :class:`Analysis`, the loaders
(:func:`load_catalogue`, :func:`validate_paths`, :func:`load_observations`), the
projection (:func:`project`, :class:`Projection`), the judgement and proposal
functions and their result types, and the tables of the review.
"""

from .analysis import Analysis, Inputs, load_inputs, project_all, run_analysis
from .catalogue import Catalogue, CatalogueError, Indicator, Plan, load_catalogue
from .judgement import (
    JUDGEMENT_COLUMNS,
    JUDGEMENT_STATUSES,
    Judgement,
    JudgementContext,
    Need,
    Note,
    Target,
    judge_target,
    judge_targets,
    judgement_table,
    targets_from_record,
)
from .kinds import KINDS, KindSpec, UnknownKindError, kind_spec
from .l10n import Texts, texts_for
from .problems import Problem, ValidationError
from .projection import Projection, project
from .proposals import Proposal, ProposalLevel, propose_targets
from .records import (
    BREAK_COLUMNS,
    OBSERVATION_COLUMNS,
    SOURCE_COLUMNS,
    ValidationReport,
    load_observations,
    validate_paths,
)
from .series import Series, build_series
from .settings import DEFAULT_PARAMETERS, Settings, SettingsError, settings_from_parameters

__all__ = [
    "Analysis",
    "Inputs",
    "load_inputs",
    "project_all",
    "run_analysis",
    "Catalogue",
    "CatalogueError",
    "Indicator",
    "Plan",
    "load_catalogue",
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
    "KINDS",
    "KindSpec",
    "UnknownKindError",
    "kind_spec",
    "Texts",
    "texts_for",
    "Problem",
    "ValidationError",
    "Projection",
    "project",
    "Proposal",
    "ProposalLevel",
    "propose_targets",
    "BREAK_COLUMNS",
    "OBSERVATION_COLUMNS",
    "SOURCE_COLUMNS",
    "ValidationReport",
    "load_observations",
    "validate_paths",
    "Series",
    "build_series",
    "DEFAULT_PARAMETERS",
    "Settings",
    "SettingsError",
    "settings_from_parameters",
]
__version__ = "0.2.0"
