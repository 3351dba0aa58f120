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
