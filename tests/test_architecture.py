"""The architecture the project holds itself to, checked on the code itself."""

from __future__ import annotations

import ast
import functools
import importlib
import pkgutil

import pytest
from conftest import REPO

import dongson_analysis

PACKAGE = REPO / "dongson_analysis"
#: The edge: the only modules that may read the command line, the environment or the working
#: directory.
EDGE = {"cli", "notebook"}
#: Stages of the data flow; a module may import only from its own stage or earlier ones.
STAGES = {
    "numbers": 0,
    "periods": 0,
    "kinds": 0,
    "areas": 0,
    "vintage": 0,
    "l10n": 1,
    "problems": 2,
    "tables": 3,
    "catalogue": 3,
    "spelling": 3,
    "input_schema": 3,
    "file_discovery": 4,
    "validation": 4,
    "observation_table": 4,
    "cross_checks": 4,
    "plausibility": 4,
    "template": 4,
    "comparables": 4,
    "consumer_prices": 4,
    "records": 4,
    "series": 5,
    "series_groups": 0,
    "forecast_core": 5,
    "calibration_file": 5,
    "projection": 6,
    "settings": 6,
    "judgement": 7,
    "proposals": 8,
    "benchmark_results": 8,
    "analysis": 9,
    "summary": 12,  # the summary counts what each report counts (review.under_review)
    "formatting": 10,
    "wording": 11,
    "blocks": 11,
    "review": 12,
    "charts": 12,
    "explorer": 13,
    "chapters": 14,
    "publish": 15,
    "notebook": 16,
    "cli": 17,
}


@functools.cache
def modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        found[name.removesuffix(".__init__") or "__init__"] = ast.parse(path.read_text("utf-8"))
    return found


def stage(module: str) -> int:
    return STAGES[module.split(".")[0]]


def imported(module: str, tree: ast.Module) -> set[str]:
    """The package's own modules a module imports (relative imports resolved)."""
    package = (
        module.split(".")[:-1]
        if not (PACKAGE / module.replace(".", "/")).is_dir()
        else module.split(".")
    )
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [".".join(base + [a.name]) for a in node.names]
            elif node.module and node.module.startswith("dongson_analysis."):
                names = [node.module.removeprefix("dongson_analysis.")]
            else:
                continue
            out.update(n for n in names if n)
    return {n for n in out if n.split(".")[0] in STAGES}


def test_every_module_has_a_stage():
    for name in modules():
        if name != "__init__":
            assert name.split(".")[0] in STAGES, name


def test_no_import_from_a_later_stage():
    for name, tree in modules().items():
        if name == "__init__":
            continue
        for target in imported(name, tree):
            assert stage(target) <= stage(name), (
                f"{name} (stage {stage(name)}) imports {target} ({stage(target)})"
            )


def test_import_graph_has_no_cycle():
    graph = {name: imported(name, tree) for name, tree in modules().items() if name != "__init__"}
    top = {
        name: {t.split(".")[0] for t in targets} - {name.split(".")[0]}
        for name, targets in graph.items()
    }
    merged: dict[str, set[str]] = {}
    for name, targets in top.items():
        merged.setdefault(name.split(".")[0], set()).update(targets)
    visiting, done = set(), set()

    def visit(node, path):
        assert node not in visiting, " -> ".join(path + [node])
        if node in done:
            return
        visiting.add(node)
        for nxt in merged.get(node, ()):
            visit(nxt, path + [node])
        visiting.discard(node)
        done.add(node)

    for node in merged:
        visit(node, [])


def test_nothing_below_the_edge_reads_the_environment_or_the_working_directory():
    for name, tree in modules().items():
        if name.split(".")[0] in EDGE:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in (
                "environ",
                "getenv",
                "cwd",
                "getcwd",
            ):
                pytest.fail(f"{name}:{node.lineno} reads {node.attr}")
            if isinstance(node, ast.Name) and node.id in ("environ", "getenv", "getcwd"):
                pytest.fail(f"{name}:{node.lineno} reads {node.id}")


def test_no_public_name_shadows_a_module():
    for info in pkgutil.iter_modules(dongson_analysis.__path__):
        value = getattr(dongson_analysis, info.name, None)
        if value is not None:
            assert isinstance(value, type(dongson_analysis)), (
                f"dongson_analysis.{info.name} is not the module"
            )


def test_public_api():
    for name in (
        "Settings",
        "settings_from_parameters",
        "run_analysis",
        "Analysis",
        "load_catalogue",
        "validate_paths",
        "load_observations",
        "project",
        "Projection",
        "judge_targets",
        "Judgement",
        "propose_targets",
        "Proposal",
        "judgement_table",
        "JUDGEMENT_COLUMNS",
        "OBSERVATION_COLUMNS",
    ):
        assert name in dongson_analysis.__all__ and getattr(dongson_analysis, name) is not None
    for name in dongson_analysis.__all__:
        obj = getattr(dongson_analysis, name)
        if callable(obj) and not isinstance(obj, dict):
            assert obj.__doc__, f"{name} has no docstring"


def test_dead_code_is_gone():
    text = "\n".join(p.read_text("utf-8") for p in PACKAGE.rglob("*.py"))
    for name in (
        "project_indicator",
        "is_ambiguous",
        "load_sources",
        "data_summary",
        "write_sources_template",
        "STATUS_ORDER",
        "MILESTONE_EVIDENCE",
        "DONGSON_DATA",
        "REPO_ROOT",
        "notebook_paths",
        "check_output_folder",
        "review_frame",
        "review_table",
        "format_number",
    ):
        assert name not in text, name


def test_registries_fail_loudly():
    from dongson_analysis.judgement import status_spec
    from dongson_analysis.kinds import UnknownKindError, kind_spec

    with pytest.raises(UnknownKindError, match="unknown indicator kind 'levels'"):
        kind_spec("levels")
    with pytest.raises(ValueError, match="unknown judgement status"):
        status_spec("done")


def test_unknown_kind_in_a_catalogue_is_refused(tmp_path):
    import shutil

    from dongson_analysis.catalogue import CatalogueError, load_catalogue

    shutil.copytree(REPO / "data" / "catalogue", tmp_path, dirs_exist_ok=True)
    text = (tmp_path / "indicators.csv").read_text("utf-8")
    text = text.replace("tonnes,level,higher", "tonnes,levels,higher", 1)
    (tmp_path / "indicators.csv").write_text(text, "utf-8")
    with pytest.raises(CatalogueError) as err:
        load_catalogue(tmp_path)
    assert "levels" in err.value.format("en") and "indicators.csv:14:3:" in err.value.format("en")


def test_every_module_imports():
    for info in pkgutil.walk_packages(dongson_analysis.__path__, "dongson_analysis."):
        importlib.import_module(info.name)


def test_no_module_needs_fcntl():
    """``fcntl`` exists on Unix only; the output lock is the portable ``filelock``."""
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert "fcntl" not in [a.name for a in node.names], name
            if isinstance(node, ast.ImportFrom):
                assert node.module != "fcntl", name


def test_importing_the_package_imports_what_is_used_when_it_is_used():
    import subprocess
    import sys

    script = (
        "import sys, dongson_analysis\n"
        "print(sorted(m for m in ('pandas', 'dongson_analysis.analysis') if m in sys.modules))\n"
        "dongson_analysis.Settings\n"
        "print('dongson_analysis.settings' in sys.modules)\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert ran.stdout == "[]\nTrue\n", ran.stderr
    assert set(dir(dongson_analysis)) >= set(dongson_analysis.__all__)
