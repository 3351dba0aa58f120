"""The command line: ``dongson-analysis validate|indicators|template|assess|describe|report``.

This is the edge: it reads the command line (and nothing else: no environment
variables), fills in the defaults (the data folder shipped with the package,
``reports/`` and ``notebooks/`` in the current folder) and builds one
:class:`~dongson_analysis.settings.Settings`. Every message, the help included,
is in the language chosen with ``--lang`` (Vietnamese by default), given before or
after the command. Results go to standard output; problems, warnings and progress
to standard error. Output fits a 100-column terminal (``--wide`` or ``--format csv``
for more). Each command imports what it needs when it runs, so ``--help`` is quick.
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import textwrap
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .l10n import LANGUAGES, Texts, texts_for
from .problems import problem_line
from .settings import (
    DEFAULT_PARAMETERS,
    Settings,
    SettingsError,
    bundled_data_dir,
    default_catalogue_dir,
    settings_from_parameters,
)

WIDTH = 100
#: The notebooks' folder inside ``--out`` when ``--out`` is given and ``--notebooks`` is not.
NOTEBOOKS_IN_OUT = "notebooks"
#: Runs with more areas than this tell their progress every tenth of the way, not every edition.
PROGRESS_EVERY_EDITION = 10
#: argparse's own messages, by the English text it asks gettext for, and the key of their
#: translation.
ARGPARSE_TEXTS = {
    "usage: ": "usage",
    "positional arguments": "positional",
    "options": "options",
    "show this help message and exit": "help",
    "show program's version number and exit": "version",
    "the following arguments are required: %s": "required",
    "unrecognized arguments: %s": "unrecognized",
    "expected one argument": "expected_one",
    "expected at least one argument": "expected_at_least_one",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "argument %(argument_name)s: %(message)s": "argument",
    "%(prog)s: error: %(message)s\n": "error",
    "invalid %(type)s value: %(value)r": "invalid_value",
    "argument %(argument_name)s: not allowed with argument %(other_argument_name)s": (
        "not_allowed_with"
    ),
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


def _ids(text: str | None) -> list[str]:
    return [a.strip() for a in (text or "").split(",") if a.strip()]


def data_paths(args: argparse.Namespace) -> list[Path] | None:
    """The data paths given (positionally or with ``--data``); None: the shipped data."""
    given = list(getattr(args, "paths", None) or []) + list(getattr(args, "data", None) or [])
    return [Path(p) for p in given] or None


def build_settings(args: argparse.Namespace, paths: Sequence[Path] | None) -> Settings:
    """The run's settings from the command line (the edge: defaults filled in here).

    ``paths`` None means the data shipped with the package; a data folder without a
    catalogue uses the shipped catalogue (:func:`settings.default_catalogue_dir`).
    ``--areas all`` or ``--level LEVEL`` select the areas with figures; ``--areas A,B``
    names them (the first is the main area unless ``--area`` names it).
    """
    areas = _ids(getattr(args, "areas", None))
    selection = ""
    if areas == ["all"]:
        areas, selection = [], "all"
    selection = getattr(args, "level", None) or selection
    return settings_from_parameters(
        data_paths=list(paths) if paths else None,
        lang=args.lang,
        area=getattr(args, "area", None) or (areas[0] if areas else DEFAULT_PARAMETERS["area"]),
        area_name=getattr(args, "area_name", None),
        review=getattr(args, "review", None) or DEFAULT_PARAMETERS["review"],
        plan=getattr(args, "plan", None) or DEFAULT_PARAMETERS["plan"],
        as_of_year=dt.date.today().year,
        areas=tuple(areas),
        area_selection=selection,
        report_date=getattr(args, "report_date", None),
        draft_marks=not getattr(args, "final", False),
        office_text=getattr(args, "office_text", None),
    )


def _print_problems(problems, texts: Texts) -> None:
    for problem in problems:
        _err(problem_line(problem, texts))


def _catalogue_of(paths: Sequence[Path] | None, language: str):
    """The catalogue a run on ``paths`` uses (one rule: :func:`default_catalogue_dir`)."""
    from .analysis import resolve_catalogue

    paths = list(paths) if paths else [bundled_data_dir()]
    return resolve_catalogue(
        Settings(tuple(paths), default_catalogue_dir(paths), language=language)
    )


# -- commands --------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace, texts: Texts) -> int:
    from .records import validate_paths

    paths = data_paths(args) or [bundled_data_dir()]
    catalogue = _catalogue_of(paths, args.lang)
    report = validate_paths(paths, catalogue, as_of_year=dt.date.today().year)
    _print_problems(report.problems + report.warnings, texts)
    failing = len(report.problems) + (len(report.warnings) if args.strict else 0)
    if failing:
        _err(texts("cli.validate.problems", count=failing))
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
        _err(texts("cli.validate.warnings", count=len(report.warnings)))
    return 0


def cmd_indicators(args: argparse.Namespace, texts: Texts) -> int:
    catalogue = _catalogue_of(data_paths(args), args.lang)
    frame = catalogue.to_frame(texts.language)
    frame["unit"] = [catalogue.unit_label(u, texts.language) for u in frame["unit"]]
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    headers = [
        texts("cli.indicators.id"),
        texts("cli.indicators.name"),
        texts("cli.indicators.unit"),
        texts("cli.indicators.kind"),
    ]
    rows = [[r.indicator, r.name, r.unit, texts(f"cli.kind.{r.kind}")] for r in frame.itertuples()]
    widths = (
        [min(max(len(r[0]) for r in rows), 40), 28, 14, 11]
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
    if path.suffix.lower() == ".xlsx":
        write_xlsx_template(path, texts.language, _catalogue_of(data_paths(args), args.lang))
    else:
        write_csv_template(path)
    _out(str(path))
    return 0


def _analyse(args: argparse.Namespace):
    """The run's analysis of every area it covers (:func:`dongson_analysis.analysis.analyse`)."""
    from .analysis import analyse

    return analyse(build_settings(args, data_paths(args)))


def cmd_assess(args: argparse.Namespace, texts: Texts) -> int:
    from .formatting import indicator_name, period_label, target_text
    from .wording import judgement_cell

    run = _analyse(args)
    many = len(run.areas) > 1
    chosen = [
        (analysis, j)
        for analysis in run.areas.values()
        for j in analysis.judgements
        if args.source is None or args.source in j.target.sources
    ]
    if args.format == "csv":
        _assess_csv([j for _, j in chosen])
        return 0
    headers = [
        texts("cli.assess.indicator"),
        texts("cli.assess.period"),
        texts("cli.assess.target"),
        texts("cli.assess.judgement"),
    ]
    rows = []
    for analysis, j in chosen:
        t, cat = j.target, analysis.catalogue
        rows.append(
            ([analysis.settings.area_name] if many else [])
            + [
                indicator_name(texts, cat, t.indicator, start=True),
                period_label(texts, t.period),
                target_text(texts, cat, t.indicator, t.value, t.value_high, t.qualifier),
                judgement_cell(texts, analysis, j),
            ]
        )
    if many:
        headers = [texts("cli.assess.area")] + headers
    narrow = [14, 22, 10, 14, 32] if many else [28, 12, 16, 38]
    widths = (
        narrow
        if not args.wide
        else [max(len(r[i]) for r in rows + [headers]) for i in range(len(headers))]
    )
    _out(wrap_table(headers, rows, widths))
    return 0


def _assess_csv(judgements: list) -> None:
    import csv

    from .judgement import judgement_table
    from .publish.files import neutralise

    table = judgement_table(judgements)
    for column in [c for c in table.columns if str(table[c].dtype) == "string"]:
        table[column] = table[column].map(
            lambda v: v if v is None or v != v else neutralise(str(v))
        )
    table.to_csv(
        sys.stdout, index=False, float_format="%.6g", lineterminator="\n", quoting=csv.QUOTE_MINIMAL
    )


def folded(text: str) -> str:
    """``text`` for matching as a person types it: no accents (``đ`` is ``d``), no case, one
    space or underscore between words.
    """
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(text.replace("_", " ").replace("-", " ").split())


def find_indicator(catalogue, wanted: str) -> tuple[str | None, list[str]]:
    """The indicator id that ``wanted`` names (an id, or a name in any language, accents and case
    ignored), else None and the closest ids.
    """
    import difflib

    if wanted in catalogue:
        return wanted, []
    key = folded(wanted)
    by_key: dict[str, set[str]] = {}
    for ind in catalogue:
        for text in (ind.id, *(name for _, name in ind.names)):
            by_key.setdefault(folded(text), set()).add(ind.id)
    found = by_key.get(key, set())
    if len(found) == 1:
        return next(iter(found)), []
    if found:
        return None, sorted(found)
    close = difflib.get_close_matches(key, list(by_key), n=5, cutoff=0.6)
    # names that hold every word typed ("thu nhap" finds "Thu nhập bình quân đầu người")
    words = key.split()
    holding = [k for k in by_key if words and all(w in k.split() for w in words)]
    ids: list[str] = []
    for k in holding + close:
        for i in sorted(by_key[k]):
            if i not in ids:
                ids.append(i)
    return None, ids[:5]


def cmd_describe(args: argparse.Namespace, texts: Texts) -> int:
    from .formatting import indicator_name
    from .wording import (
        history_paragraph,
        judgement_paragraph,
        not_projected_text,
        projection_paragraph,
        proposal_paragraph,
    )

    catalogue = _catalogue_of(data_paths(args), args.lang)
    found, closest = find_indicator(catalogue, args.indicator)
    if found is None:
        suggestions = ", ".join(
            f"{indicator_name(texts, catalogue, i, start=True)} ({i})" for i in closest
        )
        key = "cli.describe.unknown_closest" if closest else "cli.describe.unknown"
        _err(texts(key, indicator=args.indicator, closest=suggestions))
        return 1
    analysis = _analyse(args).main
    cat = analysis.catalogue
    indicator = cat.canonical(found)
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


def notebooks_folder(args: argparse.Namespace) -> Path | None:
    """Where the notebooks go: ``--notebooks``, else ``OUT/notebooks`` when ``--out`` is given,
    else ``notebooks`` (None with ``--no-notebooks``).
    """
    if args.no_notebooks:
        return None
    if args.notebooks:
        return Path(args.notebooks)
    if args.out:
        return Path(args.out) / NOTEBOOKS_IN_OUT
    return Path("notebooks")


def _progress(texts: Texts, quiet: bool) -> Callable[..., None]:
    """Plain progress lines on standard error, one per stage (every tenth of a long run)."""

    def tell(stage: str, **params: Any) -> None:
        if quiet:
            return
        if stage == "edition":
            total, done = params["total"], params["done"]
            step = max(1, total // 10) if total > PROGRESS_EVERY_EDITION else 1
            if done % step:
                return
            params = {
                **params,
                "done": done + 1,
                "language": texts(f"cli.language.{params['language']}"),
            }
        key = "summary.progress" if stage == "summary" else f"cli.progress.{stage}"
        _err(texts(key, **params))

    return tell


class _NeverRaised(Exception):
    """Stands for the notebooks' error when no notebook is run (nbformat is not imported)."""


def cmd_report(args: argparse.Namespace, texts: Texts) -> int:
    from .publish.output import OutputFolderError, OutputWriteError, check_folders

    start = time.perf_counter()
    progress = _progress(texts, args.quiet)
    out = Path(args.out or "reports")
    notebooks = notebooks_folder(args)
    languages = (args.lang,) if args.no_english else tuple(dict.fromkeys((args.lang,) + LANGUAGES))
    settings = build_settings(args, data_paths(args))
    try:
        from .publish.regenerate import output_targets

        check_folders(output_targets(out, notebooks))  # before the data are read
    except OutputFolderError as err:
        _err(texts("cli.error", message=err.message(texts)))
        return 1
    progress("analysis")
    from .analysis import analyse

    run = analyse(settings)  # validates first: problems stop here, before anything is written
    if run.inputs.warnings:
        _print_problems(run.inputs.warnings, texts)
    notebook_areas = _ids(args.notebooks_for) or [settings.area]
    if notebook_areas == ["all"]:
        notebook_areas = list(run.areas)
    unknown = [a for a in notebook_areas if a not in run.areas]
    if unknown:
        _err(
            texts(
                "cli.error",
                message=texts(
                    "cli.report.notebooks_for_unknown",
                    value=", ".join(unknown),
                    known=", ".join(run.areas),
                ),
            )
        )
        return 1
    chapter_failed: type[Exception] = _NeverRaised
    if notebooks is not None:
        # nbformat checks notebooks with jsonschema, whose optional IRI checker
        # (rfc3987_syntax) builds a grammar for more than a second when imported; notebooks
        # hold no IRIs, so this process goes without it.
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
        from .publish.notebooks import ChapterRunError as chapter_failed
    from .publish.regenerate import regenerate

    try:
        result = regenerate(
            settings,
            out,
            notebooks,
            languages,
            on_wait=lambda: _err(texts("cli.report.waiting", out=str(out))),
            analysis=run,
            notebook_areas=notebook_areas,
            progress=progress,
        )
    except (OutputFolderError, OutputWriteError) as err:
        _err(texts("cli.error", message=err.message(texts)))
        return 1
    except chapter_failed as err:
        _err(texts("cli.report.chapter_failed", chapter=err.slug, error=err.error))
        return 1
    others = {folder for area, folder in result.areas.items() if area != settings.area}
    for path in result.files:
        if not any(folder in path.parents for folder in others):
            _out(str(path))
    for area, folder in result.areas.items():
        if area != settings.area:
            _out(str(folder / "index.html"))
    _err(
        texts(
            "cli.report.done",
            count=len(result.files),
            seconds=texts.number(round(time.perf_counter() - start, 1), 1),
        )
    )
    return 0


# -- the parser ------------------------------------------------------------------------------


def _global_options(parser: argparse.ArgumentParser, t, top: bool) -> None:
    """Options every command accepts, before or after the command's name."""
    default = {} if top else {"default": argparse.SUPPRESS}
    parser.add_argument(
        "--lang", choices=LANGUAGES, help=t("lang"), **({"default": "vi"} if top else default)
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help=t("quiet"), **({} if top else default)
    )


def _data_option(parser: argparse.ArgumentParser, t) -> None:
    parser.add_argument("--data", nargs="+", metavar="PATH", help=t("data"))


def _run_options(parser: argparse.ArgumentParser, t) -> None:
    """The options that choose what a run covers: the area(s) and the two plan periods."""
    parser.add_argument("--area", help=t("area"))
    areas = parser.add_mutually_exclusive_group()
    areas.add_argument("--areas", metavar="ID,ID...", help=t("areas"))
    areas.add_argument("--level", metavar="LEVEL", help=t("level"))
    parser.add_argument("--review", metavar="YYYY-YYYY", help=t("review"))
    parser.add_argument("--plan", metavar="YYYY-YYYY", help=t("plan"))
    parser.add_argument("--report-date", metavar="YYYY-MM-DD", help=t("report_date"))


def build_parser(texts: Texts) -> argparse.ArgumentParser:
    t = lambda key: texts(f"cli.help.{key}")  # noqa: E731
    parser = argparse.ArgumentParser(prog="dongson-analysis", description=t("description"))
    _global_options(parser, t, top=True)
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help=t("version")
    )
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title=t("commands")
    )

    def command(name: str, func) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=t(name), description=t(name))
        _global_options(p, t, top=False)
        p.set_defaults(func=func)
        return p

    p = command("validate", cmd_validate)
    p.add_argument("paths", nargs="*", metavar="PATH", help=t("validate_paths"))
    _data_option(p, t)
    p.add_argument("--strict", action="store_true", help=t("strict"))

    p = command("indicators", cmd_indicators)
    p.add_argument("paths", nargs="*", metavar="PATH", help=t("catalogue_paths"))
    _data_option(p, t)
    p.add_argument("--format", choices=("table", "csv"), default="table", help=t("format"))
    p.add_argument("--wide", action="store_true", help=t("wide"))

    p = command("template", cmd_template)
    p.add_argument("path", metavar="FILE", help=t("template_file"))
    _data_option(p, t)
    p.add_argument("--force", action="store_true", help=t("force"))

    p = command("assess", cmd_assess)
    p.add_argument("paths", nargs="*", metavar="PATH", help=t("data"))
    _data_option(p, t)
    p.add_argument("--format", choices=("table", "csv"), default="table", help=t("format"))
    p.add_argument("--wide", action="store_true", help=t("wide"))
    p.add_argument("--source", help=t("source"))
    _run_options(p, t)

    p = command("describe", cmd_describe)
    p.add_argument("indicator", metavar="INDICATOR", help=t("indicator"))
    p.add_argument("paths", nargs="*", metavar="PATH", help=t("data"))
    _data_option(p, t)
    p.add_argument("--area", help=t("area"))
    p.add_argument("--review", metavar="YYYY-YYYY", help=t("review"))
    p.add_argument("--plan", metavar="YYYY-YYYY", help=t("plan"))

    p = command("report", cmd_report)
    _data_option(p, t)
    _run_options(p, t)
    p.add_argument("--area-name", help=t("area_name"))
    p.add_argument("--out", help=t("out"))
    p.add_argument("--notebooks", help=t("notebooks"))
    p.add_argument("--notebooks-for", metavar="ID,ID...", help=t("notebooks_for"))
    p.add_argument("--no-notebooks", action="store_true", help=t("no_notebooks"))
    p.add_argument("--no-english", action="store_true", help=t("no_english"))
    p.add_argument("--final", action="store_true", help=t("final"))
    p.add_argument("--office-text", metavar="FILE", help=t("office_text"))
    return parser


def _message_language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return "vi"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process's arguments); the exit code."""
    if hasattr(signal, "SIGPIPE"):
        # `dongson-analysis assess | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    argv = list(sys.argv[1:] if argv is None else argv)
    texts = texts_for(_message_language(argv))
    _translate_argparse(texts)
    args = build_parser(texts).parse_args(argv)
    from .catalogue import CatalogueError
    from .problems import ValidationError

    try:
        return args.func(args, texts)
    except ValidationError as err:
        _print_problems(err.problems, texts)
        _err(texts("cli.validate.problems", count=len(err.problems)))
        return 1
    except CatalogueError as err:
        _err(problem_line(err.problem, texts))
        return 1
    except SettingsError as err:
        _err(texts("cli.error", message=err.message(texts)))
        return 1


if __name__ == "__main__":
    sys.exit(main())
