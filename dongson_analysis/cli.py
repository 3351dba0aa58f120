"""Command line: ``dongson-analysis validate|indicators|template|...``."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

import pandas as pd

from .catalogue import catalogue
from .paths import NOTEBOOKS_DIR, REPORTS_DIR


def _print_table(frame: pd.DataFrame) -> None:
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                           "display.max_colwidth", 60):
        print(frame.to_string(index=False))


def cmd_validate(args: argparse.Namespace) -> int:
    from .records import validate_paths

    report = validate_paths(args.paths)
    if not report.ok:
        for problem in report.problems:
            print(problem.format(args.lang))
        print(("Có {n} lỗi." if args.lang == "vi" else "{n} problem(s).").format(n=len(report.problems)),
              file=sys.stderr)
        return 1
    obs = report.observations
    assert obs is not None
    n_planner = int((obs["origin"] == "planner").sum())
    if args.lang == "vi":
        print(f"Hợp lệ: {len(report.files)} tệp, {len(obs)} số liệu "
              f"({len(obs) - n_planner} từ hồ sơ công khai, {n_planner} do phòng nhập), "
              f"{obs['indicator'].nunique()} chỉ tiêu, {len(report.sources)} nguồn.")
    else:
        print(f"Valid: {len(report.files)} files, {len(obs)} observations "
              f"({len(obs) - n_planner} public record, {n_planner} planner), "
              f"{obs['indicator'].nunique()} indicators, {len(report.sources)} sources.")
    counts = obs.groupby("status").size()
    print("  " + ", ".join(f"{status}: {n}" for status, n in counts.items()))
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    frame = catalogue().to_frame()
    name = "name_vi" if args.lang == "vi" else "name_en"
    frame = frame[["indicator", name, "unit", "kind", "direction", "lower_bound", "upper_bound",
                   "price_basis", "theme"]]
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        _print_table(frame.fillna(""))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from .template import write_csv_template, write_xlsx_template

    path = Path(args.path)
    if path.exists() and not args.force:
        print(f"{path}: already exists; choose another name or add --force", file=sys.stderr)
        return 1
    (write_xlsx_template if path.suffix.lower() == ".xlsx" else write_csv_template)(path)
    print(path)
    return 0


def cmd_assess(args: argparse.Namespace) -> int:
    from .records import load_observations
    from .targets import assess_targets, status_label

    table = assess_targets(load_observations(args.paths or None), lang=args.lang, source_id=args.source)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, float_format="%.6g", lineterminator="\n")
        return 0
    shown = table.assign(status=[status_label(s, args.lang) for s in table["status"]],
                         probability=table["probability"].map(lambda p: "" if pd.isna(p) else f"{100 * p:.0f}%"),
                         required_annual_rate=[("" if pd.isna(r) else f"{r:.1f} {u}") for r, u in
                                               zip(table["required_annual_rate"], table["rate_unit"])])
    _print_table(shown[["indicator", "target_period", "target_value", "status", "probability",
                        "required_annual_rate", "note"]].fillna(""))
    return 0


def cmd_describe(args: argparse.Namespace) -> int:
    from .narrative import describe

    if args.indicator not in catalogue():
        print(f"'{args.indicator}': không có trong danh mục / not in the catalogue "
              "(dongson-analysis indicators)", file=sys.stderr)
        return 1
    lang = args.describe_lang or args.lang
    for paragraph in describe(args.indicator, lang=lang):
        print(paragraph)
        print()
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    import time

    from . import charts  # noqa: F401  (builds matplotlib's font cache before any notebook kernel starts)
    from .records import validate_paths
    from .report import regenerate

    report = validate_paths(args.data or None)  # the data the chapters will read
    if not report.ok:
        for problem in report.problems:
            print(problem.format(args.lang))
        return 1
    start = time.perf_counter()
    params = {"lang": args.report_lang}
    if args.data:
        params["data_paths"] = [str(Path(p).resolve()) for p in args.data]
    if args.area:
        params["area"] = args.area
    if args.area_name:
        params["area_name"] = args.area_name
    written = regenerate(Path(args.notebooks), Path(args.out), params, english=not args.no_english)
    for path in written:
        print(path)
    print(f"{len(written)} files in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dongson-analysis",
                                     description="Đông Sơn district indicators: data, trends, targets, reports.")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of messages (default vi)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check data files; exit 1 with file:row:column lines on problems")
    p.add_argument("paths", nargs="+", help="files or folders (.csv, .xlsx)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("indicators", help="print the indicator catalogue")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.set_defaults(func=cmd_indicators)

    p = sub.add_parser("template", help="write an empty template for planners' figures (.csv or .xlsx)")
    p.add_argument("path")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("assess", help="judge every target of the record (table or CSV)")
    p.add_argument("paths", nargs="*", help="data files or folders (default: the public record and data/planner)")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.add_argument("--source", help="only the targets of this source id (S07 = the seed article)")
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser("describe", help="the paragraphs about one indicator")
    p.add_argument("indicator")
    p.add_argument("--lang", dest="describe_lang", choices=("vi", "en"), default=None)
    p.set_defaults(func=cmd_describe)

    p = sub.add_parser("report", help="the main job: regenerate every notebook in place and export HTML to reports/")
    p.add_argument("--data", nargs="*", help="data files or folders (default: public record and data/planner)")
    p.add_argument("--area", help="area id (default dong_son)")
    p.add_argument("--area-name", help="area name shown in the text (default Đông Sơn)")
    p.add_argument("--report-lang", choices=("vi", "en"), default="vi", help="language of the notebooks")
    p.add_argument("--notebooks", default=str(NOTEBOOKS_DIR))
    p.add_argument("--out", default=str(REPORTS_DIR))
    p.add_argument("--no-english", action="store_true", help="skip the English HTML version")
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `dongson-analysis assess | head` ends quietly
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
