"""The package works installed from a wheel, from a folder outside the repository, with the same
results.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile

import pytest
from conftest import REPO


def test_every_subpackage_is_listed():
    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "dongson_analysis").rglob("__init__.py")
    }
    assert found | {"dongson_analysis.bundled_data"} == listed


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The package built as a wheel and installed into a folder of its own (dependencies from this
    environment).
    """
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(root / "dist"),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (root / "dist").glob("*.whl")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(root / "site"),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return wheel, root


def dongson_analysis_version() -> str:
    import dongson_analysis

    return dongson_analysis.__version__


def run_installed(root, *args, cwd):
    env = {**os.environ, "PYTHONPATH": str(root / "site")}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_the_wheel_carries_the_data_the_language_files_and_the_results(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "dongson_analysis/bundled_data/raw/public_record/observations.csv",
        "dongson_analysis/bundled_data/raw/national/breaks.csv",
        "dongson_analysis/bundled_data/catalogue/indicators.csv",
        "dongson_analysis/bundled_data/catalogue/plans.csv",
        "dongson_analysis/locales/vi.yml",
        "dongson_analysis/locales/en.yml",
        "dongson_analysis/benchmark_results/accuracy.csv",
    ):
        assert needed in names, needed
    assert not [n for n in names if "/planner/" in n and n.endswith((".csv", ".xlsx"))]


@pytest.mark.slow
def test_installed_package_runs_outside_the_repository_with_the_same_results(installed, tmp_path):
    _, root = installed
    where = run_installed(
        root, "-c", "import dongson_analysis; print(dongson_analysis.__file__)", cwd=tmp_path
    )
    assert where.stdout.startswith(str(root / "site")), where.stdout + where.stderr
    outside = run_installed(
        root, "-m", "dongson_analysis.cli", "assess", "--format", "csv", cwd=tmp_path
    )
    inside = subprocess.run(
        [sys.executable, "-m", "dongson_analysis.cli", "assess", "--format", "csv"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert outside.returncode == 0 and outside.stdout == inside.stdout, outside.stderr
    bundled = run_installed(
        root,
        "-c",
        "from dongson_analysis.settings import bundled_data_dir; print(bundled_data_dir())",
        cwd=tmp_path,
    ).stdout.strip()
    validate = run_installed(root, "-m", "dongson_analysis.cli", "validate", bundled, cwd=tmp_path)
    assert validate.returncode == 0 and "113 số liệu" in validate.stdout
    # without a path: the data a report uses, found inside the installed package
    default = run_installed(root, "-m", "dongson_analysis.cli", "validate", cwd=tmp_path)
    assert default.returncode == 0 and default.stdout == validate.stdout
    version = run_installed(root, "-m", "dongson_analysis.cli", "--version", cwd=tmp_path)
    assert version.stdout.strip().split()[-1] == dongson_analysis_version()
    report = run_installed(
        root,
        "-m",
        "dongson_analysis.cli",
        "report",
        "--out",
        str(tmp_path / "out"),
        "--no-notebooks",
        cwd=tmp_path,
    )
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "out" / "bao_cao_danh_gia_ke_hoach.docx").exists()
    assert not (tmp_path / "notebooks").exists() and not (tmp_path / "out" / "notebooks").exists()
    assert (tmp_path / "out" / "en" / "06_danh_gia.html").exists()
