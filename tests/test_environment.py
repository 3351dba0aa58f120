"""environment.yml and pyproject.toml declare the same dependencies; README and CI agree."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import REPO


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    pip_deps = {
        _name(d): d.replace(" ", "")
        for d in project["dependencies"] + project["optional-dependencies"]["test"]
    }
    env = yaml.safe_load((REPO / "environment.yml").read_text("utf-8"))
    conda = {_name(d): d.replace(" ", "") for d in env["dependencies"] if isinstance(d, str)}
    conda.pop("python")
    conda.pop("pip")
    assert conda == pip_deps
    assert (
        f">={project['requires-python'].lstrip('>=')}"
        in [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")][0]
    )


def test_ci_calls_the_readme_test_command():
    readme = (REPO / "README.md").read_text("utf-8")
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    commands = re.findall(r"```bash\n(.+?)\n```", readme, re.S)
    test_command = [c for c in commands if "pytest" in c][0].strip()
    assert test_command in ci


def test_ci_runs_the_linters_dead_code_and_the_doctest():
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    for line in (
        ".venv/bin/ruff check .",
        ".venv/bin/ruff format --check .",
        ".venv/bin/vulture",
        "--doctest-modules dongson_analysis/__init__.py",
    ):
        assert line in ci, line
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    test_extra = {_name(d) for d in project["optional-dependencies"]["test"]}
    assert {"ruff", "vulture"} <= test_extra
    assert "filelock" in {_name(d) for d in project["dependencies"]}


def test_the_readme_documents_the_quick_test_loop():
    readme = (REPO / "README.md").read_text("utf-8")
    assert '-m "not slow"' in readme
    markers = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    assert any(m.startswith("slow:") for m in markers["ini_options"]["markers"])
