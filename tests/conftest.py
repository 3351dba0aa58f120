from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DATA = REPO / "data"
PUBLIC_RECORD = DATA / "raw" / "public_record"
PUBLIC_SOURCES = PUBLIC_RECORD / "sources.csv"
CATALOGUE_DIR = DATA / "catalogue"


@pytest.fixture(scope="session")
def catalogue():
    from dongson_analysis.catalogue import load_catalogue

    return load_catalogue(CATALOGUE_DIR)


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def public_analysis():
    """The analysis of the shipped data (computed once for the test session)."""
    from dongson_analysis import run_analysis, settings_from_parameters

    return run_analysis(settings_from_parameters())
