"""Chapter notebooks: one per chapter of both documents, in the registry's order (the report's
chapters, then the working notes', where the explorers are), run in one kernel, stored with
their outputs.

Each notebook holds a parameters cell, a cell that opens the chapter, and one cell
per section; sections with an explorer get one more cell, tagged ``interactive``,
whose widget output is not stored. Running is deterministic: no timings, no widget
state, no kernel chatter; one kernel runs every chapter, so the analysis is
computed once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat

from ..blocks import Interactive
from ..chapters import CHAPTERS, Chapter

KERNEL_NAME = "python3"


class ChapterRunError(RuntimeError):
    """A chapter notebook that failed to run: its name and the error, in one line (no traceback)."""

    def __init__(self, slug: str, error: str):
        self.slug = slug
        self.error = error
        super().__init__(f"{slug}: {error}")


def build_notebook(
    ch: Chapter, parameters: dict[str, Any], interactive_sections: set[str]
) -> nbformat.NotebookNode:
    """The notebook of a chapter: parameters, opening, one cell per section (plus explorers)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": KERNEL_NAME,
    }
    params = dict(parameters)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items()),
            metadata={"tags": ["parameters"]},
        )
    )
    args = ", ".join(f"{k}={k}" for k in params)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "from dongson_analysis.notebook import open_chapter\n\nchapter = "
            f"open_chapter({ch.slug!r}, {args})"
        )
    )
    for name in ch.sections:
        nb.cells.append(nbformat.v4.new_code_cell(f"chapter.show({name!r})"))
        if name in interactive_sections:
            nb.cells.append(
                nbformat.v4.new_code_cell(
                    f"chapter.interact({name!r})",
                    metadata={"tags": ["interactive", "skip-execution", "nbval-skip"]},
                )
            )
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{ch.slug[:2]}-{i:02d}"
    return nb


def interactive_sections(ch: Chapter, blocks_by_section: dict[str, list]) -> set[str]:
    return {
        name
        for name, blocks in blocks_by_section.items()
        if any(isinstance(b, Interactive) for b in blocks)
    }


def clean(nb: nbformat.NotebookNode) -> None:
    """Remove everything that changes from run to run, and the output of interactive cells."""
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("language_info", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if "interactive" in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None


def run_notebooks(
    notebooks: list[tuple[Chapter, nbformat.NotebookNode]], cwd: Path, timeout: int = 600
) -> list[nbformat.NotebookNode]:
    """Execute notebooks one after the other in one kernel (this environment's Python).

    Raises
    ------
    ChapterRunError
        If a cell fails: the chapter and the error's last line, without the kernel's traceback.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    specs = KernelSpecManager()
    specs.kernel_dirs = [
        str(Path(sys.prefix) / "share" / "jupyter" / "kernels"),
        *specs.kernel_dirs,
    ]
    km = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)
    km.start_kernel(cwd=str(cwd), stderr=subprocess.DEVNULL)
    done = []
    try:
        for ch, nb in notebooks:
            client = NotebookClient(
                nb,
                km=km,
                timeout=timeout,
                kernel_name=KERNEL_NAME,
                record_timing=False,
                store_widget_state=False,
                allow_errors=False,
            )
            try:
                client.execute()
            except CellExecutionError as err:
                raise ChapterRunError(ch.slug, f"{err.ename}: {err.evalue}") from None
            clean(nb)
            done.append(nb)
    finally:
        km.shutdown_kernel(now=True)
    return done


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    nbformat.write(nb, str(path))


__all__ = [
    "CHAPTERS",
    "ChapterRunError",
    "build_notebook",
    "clean",
    "interactive_sections",
    "run_notebooks",
    "write_notebook",
]
