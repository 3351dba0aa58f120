"""What a regeneration hands to the notebook kernel, so that the kernel computes nothing twice.

The main process computes the run's analysis and draws the figures; the kernel that runs the
chapter notebooks would compute and draw the same again. Instead the main process writes a
:class:`Handover` (the analysis of every area whose notebooks are written, and the PNG bytes of
their figures) into the run's staging folder, which is the kernel's working folder, and
:func:`dongson_analysis.notebook.open_chapter` uses it when a notebook's parameters are those of
an analysis in it. A notebook opened anywhere else (JupyterLab) finds no handover and computes
its analysis itself. The handover is never part of a notebook: it lies beside the staged folders
and is removed with the staging folder.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The handover's file name in the kernel's working folder.
HANDOVER_FILE = ".dongson-handover.pickle"
#: Bumped when the handover's content changes; a handover of another version is ignored.
VERSION = 1


def parameters_key(parameters: dict[str, Any]) -> str:
    """A notebook's parameters (``Settings.to_parameters()``) as one comparable text."""
    return json.dumps(parameters, sort_keys=True, ensure_ascii=False, default=str)


@dataclass
class Handover:
    """The analyses and figures of a run, by the parameters of the notebooks that show them.

    Attributes
    ----------
    analyses : dict of str to Analysis
        By :func:`parameters_key` of the analysis' settings.
    figures : dict of str to dict of str to bytes
        By the same key, then by figure key: the PNG bytes the notebooks display.
    """

    analyses: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, dict[str, bytes]] = field(default_factory=dict)
    version: int = VERSION

    def add(self, analysis: Any, figures: dict[str, bytes] | None = None) -> None:
        """Add an analysis (and the PNG bytes of its figures, by figure key)."""
        key = parameters_key(analysis.settings.to_parameters())
        self.analyses[key] = analysis
        self.figures[key] = dict(figures or {})


def write_handover(folder: Path, handover: Handover) -> Path:
    """Write ``handover`` into ``folder`` (the kernel's working folder) and return its path."""
    path = Path(folder) / HANDOVER_FILE
    path.write_bytes(pickle.dumps(handover, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def read_handover(folder: Path) -> Handover | None:
    """The handover in ``folder``, or None when there is none (a notebook opened by a person).

    Only a staging folder of a regeneration (it holds the staging marker) is looked at.
    """
    from .output import STAGING_MARKER

    path = Path(folder) / HANDOVER_FILE
    if not path.is_file() or not (Path(folder) / STAGING_MARKER).is_file():
        return None
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:  # an unreadable handover is no handover: the kernel computes instead
        return None
    if not isinstance(found, Handover) or found.version != VERSION:
        return None
    return found
