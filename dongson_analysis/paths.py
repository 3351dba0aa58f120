"""Where the project's data live.

The package is installed from its repository (``pip install -e .``), so the data
folder is the ``data/`` folder beside the package. Set the environment variable
``DONGSON_DATA`` to use another data folder (another district's, for example).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
REPORTS_DIR = REPO_ROOT / "reports"


def data_dir() -> Path:
    """Return the data folder: ``$DONGSON_DATA`` if set, else ``<repo>/data``."""
    override = os.environ.get("DONGSON_DATA")
    return Path(override) if override else REPO_ROOT / "data"


def public_record_dir() -> Path:
    """Folder of the transcribed public record (raw data; never written by code)."""
    return data_dir() / "raw" / "public_record"


def planner_dir() -> Path:
    """Folder where planners put their own figures (CSV or .xlsx)."""
    return data_dir() / "planner"


def catalogue_dir() -> Path:
    """Folder of the indicator catalogue and the unit table."""
    return data_dir() / "catalogue"
