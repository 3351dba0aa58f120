"""The command line: ``dongson-analysis validate|indicators|template|assess|describe|report``.

This is the edge: it reads the command line (and nothing else: no environment
variables), fills in the defaults (the data folder shipped with the package,
``reports/`` and ``notebooks/`` in the current folder) and builds one
:class:`~dongson_analysis.settings.Settings`. Every message, the help included,
is in the language chosen with ``--lang`` (Vietnamese by default); output fits a
100-column terminal (``--wide`` or ``--format csv`` for more).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import signal
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

from .catalogue import CatalogueError, load_catalogue
from .l10n import LANGUAGES, Texts, texts_for
from .problems import ValidationError, problem_line
from .settings import (
    DEFAULT_PARAMETERS,
    Settings,
    SettingsError,
    bundled_data_dir,
    default_catalogue_dir,
    settings_from_parameters,
)

WIDTH = 100
#: argparse's own messages, by the English text it asks gettext for, and the key of their
#: translation.
ARGPARSE_TEXTS = {
    "usage: ": "usage",
    "positional arguments": "positional",
    "options": "options",
    "show this help message and exit": "help",
    "the following arguments are required: %s": "required",
    "unrecognized arguments: %s": "unrecognized",
    "expected one argument": "expected_one",
    "expected at least one argument": "expected_at_least_one",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "argument %(argument_name)s: %(message)s": "argument",
    "%(prog)s: error: %(message)s\n": "error",
    "invalid %(type)s value: %(value)r": "invalid_value",
}


def _translate_argparse(texts: Texts) -> None:
    """Make argparse speak the message language (it asks gettext for each of its texts)."""

    def gettext(message: str) -> str:
        key = ARGPARSE_TEXTS.get(message)
        return texts.raw(f"cli.argparse.{key}") if key else message

    argparse._ = gettext  # type: ignore[attr-defined]


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def wrap_table(headers: list[str], rows: list[list[str]], widths: list[int]) -> str:
    """A plain-text table whose cells wrap within their column widths."""

    def lines(cells: list[str]) -> list[str]:
        wrapped = [textwrap.wrap(str(c), w) or [""] for c, w in zip(cells, widths)]
        height = max(len(w) for w in wrapped)
        return [
            "  ".join(
                w[i].ljust(width) if i < len(w) else " " * width
                for w, width in zip(wrapped, widths)
            ).rstrip()
            for i in range(height)
        ]

    out = lines(headers)
    out.append("  ".join("-" * w for w in widths))
    for row in rows:
        out += lines(row)
    return "\n".join(out)


def build_settings(args: argparse.Namespace, paths: Sequence[str] | None) -> Settings:
    """The run's settings from the command line (the edge: defaults filled in here).

    ``paths`` None means the data shipped with the package; a data folder without a
    catalogue uses the shipped catalogue (:func:`settings.default_catalogue_dir`).
    """
    areas = [a for a in (getattr(args, "areas", None) or "").split(",") if a.strip()]
    selection = ""
    if [a.strip() for a in areas] == ["all"]:
        areas, selection = [], "all"
    selection = getattr(args, "level", None) or selection
    return settings_from_parameters(
        data_paths=[Path(p) for p in paths] if paths else None,
        lang=args.lang,
        area=getattr(args, "area", None) or (areas[0] if areas else DEFAULT_PARAMETERS["area"]),
        area_name=getattr(args, "area_name", None),
        review=getattr(args, "review", None) or DEFAULT_PARAMETERS["review"],
        plan=getattr(args, "plan", None) or DEFAULT_PARAMETERS["plan"],
        as_of_year=dt.date.today().year,
        areas=tuple(areas),
        area_selection=selection,
    )


def _print_problems(problems, texts: Texts) -> None:
    for problem in problems:
        _out(problem_line(problem, texts))


# -- commands --------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace, texts: Texts) -> int:
    from .analysis import resolve_catalogue
    from .records import validate_paths

    paths = [Path(p) for p in args.paths]
    catalogue = resolve_catalogue(
        Settings(tuple(paths), default_catalogue_dir(paths), language=args.lang)
    )
    report = validate_paths(paths, catalogue, as_of_year=dt.date.today().year)
    _print_problems(report.problems + report.warnings, texts)
    failing = len(report.problems) + (len(report.warnings) if args.strict else 0)
    if failing:
        _out(texts("cli.validate.problems", count=failing))
        return 1
    obs = report.observations
    assert obs is not None and report.sources is not None
    planner = int((obs["origin"] == "planner").sum())
    _out(
        texts(
            "cli.validate.valid",
            files=len(report.files),
            count=len(obs),
            public=len(obs) - planner,
            planner=planner,
            indicators=obs["indicator"].nunique(),
            sources=len(report.sources),
        )
    )
    counts = obs.groupby("status").size()
    _out("  " + ", ".join(f"{texts(f'cli.status.{s}')}: {n}" for s, n in counts.items()))
    if report.warnings:
        _out(texts("cli.validate.warnings", count=len(report.warnings)))
    return 0


def cmd_indicators(args: argparse.Namespace, texts: Texts) -> int:
    catalogue = load_catalogue(bundled_data_dir() / "catalogue")
    frame = catalogue.to_frame(texts.language)
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    headers = [
        texts("cli.indicators.id"),
        texts("cli.indicators.name"),
        texts("cli.indicators.unit"),
        texts("cli.indicators.kind"),
    ]
    rows = [
        [
            r.indicator,
            r.name,
            catalogue.unit_label(r.unit, texts.language),
            texts(f"cli.kind.{r.kind}"),
        ]
        for r in frame.itertuples()
    ]
    widths = (
        [max(len(r[0]) for r in rows), 28, 14, 11]
        if not args.wide
        else [max(len(str(r[i])) for r in rows + [headers]) for i in range(4)]
    )
    _out(wrap_table(headers, rows, widths))
    return 0


def cmd_template(args: argparse.Namespace, texts: Texts) -> int:
    from .template import write_csv_template, write_xlsx_template

    path = Path(args.path)
    if path.exists() and not args.force:
        _err(texts("cli.template.exists", path=str(path)))
        return 1
    (write_xlsx_template if path.suffix.lower() == ".xlsx" else write_csv_template)(path)
    _out(str(path))
    return 0


def cmd_assess(args: argparse.Namespace, texts: Texts) -> int:
    from .analysis import run_analysis
    from .formatting import indicator_name, period_label, target_text
    from .judgement import judgement_table
    from .publish.files import neutralise
    from .wording import judgement_cell

    analysis = run_analysis(build_settings(args, args.paths))
    judgements = [
        j for j in analysis.judgements if args.source is None or args.source in j.target.sources
    ]
    if args.format == "csv":
        table = judgement_table(judgements)
        text_columns = [c for c in table.columns if str(table[c].dtype) == "string"]
        for column in text_columns:
            table[column] = table[column].map(
                lambda v: v if v is None or v != v else neutralise(str(v))
            )
        table.to_csv(
            sys.stdout,
            index=False,
            float_format="%.6g",
            lineterminator="\n",
            quoting=csv.QUOTE_MINIMAL,
        )
        return 0
    cat = analysis.catalogue
    headers = [
        texts("cli.assess.indicator"),
        texts("cli.assess.period"),
        texts("cli.assess.target"),
        texts("cli.assess.judgement"),
    ]
    rows = []
    for j in judgements:
        t = j.target
        rows.append(
            [
                indicator_name(texts, cat, t.indicator, start=True),
                period_label(texts, t.period),
                target_text(texts, cat, t.indicator, t.value, t.value_high, t.qualifier),
                judgement_cell(texts, analysis, j),
            ]
        )
    widths = (
        [28, 12, 16, 38]
        if not args.wide
        else [max(len(r[i]) for r in rows + [headers]) for i in range(4)]
    )
    _out(wrap_table(headers, rows, widths))
    return 0


def cmd_describe(args: argparse.Namespace, texts: Texts) -> int:
    from .analysis import run_analysis
    from .wording import (
        history_paragraph,
        judgement_paragraph,
        not_projected_text,
        projection_paragraph,
        proposal_paragraph,
    )

    analysis = run_analysis(build_settings(args, args.paths))
    cat = analysis.catalogue
    if args.indicator not in cat:
        _err(texts("cli.describe.unknown", indicator=args.indicator))
        return 1
    indicator = cat.canonical(args.indicator)
    paragraphs = []
    series = analysis.series[indicator]
    if len(series.rows):
        paragraphs.append(history_paragraph(texts, analysis, series))
    if indicator in analysis.projections:
        paragraphs.append(
            projection_paragraph(texts, analysis, indicator, analysis.projections[indicator])
        )
    elif indicator in analysis.not_projected:
        paragraphs.append(
            not_projected_text(texts, analysis, indicator, analysis.not_projected[indicator])
        )
    paragraphs += [
        judgement_paragraph(texts, analysis, j)
        for j in analysis.judgements
        if j.target.indicator == indicator
    ]
    paragraphs += [
        proposal_paragraph(texts, analysis, p)
        for p in analysis.proposals
        if p.indicator == indicator
    ]
    if not paragraphs:
        paragraphs.append(texts("cli.describe.nothing", indicator=args.indicator))
    _out("\n\n".join(textwrap.fill(p, WIDTH) for p in paragraphs))
    return 0


def cmd_report(args: argparse.Namespace, texts: Texts) -> int:
    from .analysis import run_analysis
    from .publish.notebooks import ChapterRunError
    from .publish.regenerate import OutputFolderError, regenerate

    start = time.perf_counter()
    settings = build_settings(args, args.data)
    analysis = run_analysis(
        settings
    )  # validates first: problems stop here, before anything is written
    if analysis.warnings:
        _print_problems(analysis.warnings, texts)
    languages = (
        (settings.language,)
        if args.no_english
        else tuple(dict.fromkeys((settings.language,) + LANGUAGES))
    )
    try:
        result = regenerate(
            settings,
            Path(args.out),
            None if args.no_notebooks else Path(args.notebooks),
            languages,
            on_wait=lambda: _err(texts("cli.report.waiting", out=args.out)),
            analysis=analysis,
        )
    except OutputFolderError as err:
        _err(texts("cli.report.not_ours", out=str(err)))
        return 1
    except ChapterRunError as err:
        _err(texts("cli.report.chapter_failed", chapter=err.slug, error=err.error))
        return 1
    for path in result.files:
        _out(str(path))
    _err(
        texts(
            "cli.report.done",
            count=len(result.files),
            seconds=texts.number(round(time.perf_counter() - start, 1), 1),
        )
    )
    return 0


# -- the parser ------------------------------------------------------------------------------


def _run_options(parser: argparse.ArgumentParser, t) -> None:
    """The options that choose what a run covers: the area(s) and the two plan periods."""
    parser.add_argument("--area", help=t("area"))
    parser.add_argument("--review", metavar="YYYY-YYYY", help=t("review"))
    parser.add_argument("--plan", metavar="YYYY-YYYY", help=t("plan"))


def build_parser(texts: Texts) -> argparse.ArgumentParser:
    t = lambda key: texts(f"cli.help.{key}")  # noqa: E731
    parser = argparse.ArgumentParser(prog="dongson-analysis", description=t("description"))
    parser.add_argument("--lang", choices=LANGUAGES, default="vi", help=t("lang"))
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title=t("commands")
    )

    p = sub.add_parser("validate", help=t("validate"), description=t("validate"))
    p.add_argument("paths", nargs="+", metavar="PATH", help=t("paths"))
    p.add_argument("--strict", action="store_true", help=t("strict"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("indicators", help=t("indicators"), description=t("indicators"))
    p.add_argument("--format", choices=("table", "csv"), default="table", help=t("format"))
    p.add_argument("--wide", action="store_true", help=t("wide"))
    p.set_defaults(func=cmd_indicators)

    p = sub.add_parser("template", help=t("template"), description=t("template"))
    p.add_argument("path", metavar="FILE", help=t("template_file"))
    p.add_argument("--force", action="store_true", help=t("force"))
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("assess", help=t("assess"), description=t("assess"))
    p.add_argument("paths", nargs="*", metavar="PATH", help=t("data"))
    p.add_argument("--format", choices=("table", "csv"), default="table", help=t("format"))
    p.add_argument("--wide", action="store_true", help=t("wide"))
    p.add_argument("--source", help=t("source"))
    _run_options(p, t)
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser("describe", help=t("describe"), description=t("describe"))
    p.add_argument("indicator", metavar="INDICATOR", help=t("indicator"))
    p.add_argument("paths", nargs="*", metavar="PATH", help=t("data"))
    _run_options(p, t)
    p.set_defaults(func=cmd_describe)

    p = sub.add_parser("report", help=t("report"), description=t("report"))
    p.add_argument("--data", nargs="+", metavar="PATH", help=t("data"))
    _run_options(p, t)
    p.add_argument("--area-name", help=t("area_name"))
    p.add_argument("--out", default="reports", help=t("out"))
    p.add_argument("--notebooks", default="notebooks", help=t("notebooks"))
    p.add_argument("--no-notebooks", action="store_true", help=t("no_notebooks"))
    p.add_argument("--no-english", action="store_true", help=t("no_english"))
    p.set_defaults(func=cmd_report)
    return parser


def _message_language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return "vi"


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):
        signal.signal(
            signal.SIGPIPE, signal.SIG_DFL
        )  # `dongson-analysis assess | head` ends quietly
    argv = list(sys.argv[1:] if argv is None else argv)
    texts = texts_for(_message_language(argv))
    _translate_argparse(texts)
    args = build_parser(texts).parse_args(argv)
    try:
        return args.func(args, texts)
    except ValidationError as err:
        _print_problems(err.problems, texts)
        _out(texts("cli.validate.problems", count=len(err.problems)))
        return 1
    except CatalogueError as err:
        _out(problem_line(err.problem, texts))
        return 1
    except SettingsError as err:
        _err(texts("cli.error", message=err.message(texts)))
        return 1


if __name__ == "__main__":
    sys.exit(main())
