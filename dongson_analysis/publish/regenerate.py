"""The main job: compute the analysis once, write every edition (HTML, Word, Excel) and the
notebooks, staged and swapped into place together (see :mod:`.output`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis import Analysis, run_analysis
from ..chapters import CHAPTERS
from ..l10n import LANGUAGES, texts_for
from ..settings import Settings
from .editions import edition_dir, write_edition
from .notebooks import build_notebook, interactive_sections, run_notebooks, write_notebook
from .output import MARKER, OutputFolderError, check_output_folder, output_lock, swap_into_place

__all__ = ["OutputFolderError", "Regeneration", "regenerate"]


@dataclass
class Regeneration:
    files: list[Path] = field(default_factory=list)


def regenerate(
    settings: Settings,
    out_dir: Path,
    notebooks_dir: Path | None,
    languages: tuple[str, ...] = LANGUAGES,
    on_wait: Callable[[], None] | None = None,
    analysis: Analysis | None = None,
) -> Regeneration:
    """Write every edition to ``out_dir`` and the chapter notebooks (with outputs) to
    ``notebooks_dir``.

    Each notebook's parameters cell holds the run's settings
    (:meth:`~dongson_analysis.settings.Settings.to_parameters`), so notebooks, pages and
    documents are written from the same settings. The analysis is computed once (or
    passed in).
    """
    out_dir = Path(out_dir)
    with output_lock(out_dir, on_wait):
        check_output_folder(out_dir)
        analysis = analysis or run_analysis(settings)
        main = settings.language
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
        result = Regeneration()
        notebook_error: list[BaseException] = []
        executed: list = []
        runner = None
        try:
            if notebooks_dir is not None:
                texts = texts_for(settings.language, settings.number_locale)
                built = []
                for ch in CHAPTERS:
                    sections = {name: fn(analysis, texts) for name, fn in ch.sections.items()}
                    built.append(
                        (
                            ch,
                            build_notebook(
                                ch,
                                analysis.settings.to_parameters(),
                                interactive_sections(ch, sections),
                            ),
                        )
                    )

                def run() -> None:
                    try:
                        executed.extend(zip([c for c, _ in built], run_notebooks(built, staging)))
                    except BaseException as err:  # reported in the main thread
                        notebook_error.append(err)

                # matplotlib looks IPython up in sys.modules when it makes a figure; the
                # notebook thread imports it, so import it whole here, before that thread
                # starts, and the figures drawn meanwhile never meet a half-imported module.
                import IPython  # noqa: F401

                runner = threading.Thread(target=run, daemon=True)
                runner.start()
            for lang in (main,) + tuple(x for x in languages if x != main):
                texts = texts_for(lang, settings.number_locale if lang == main else None)
                folder = edition_dir(staging / "out", lang, main)
                result.files += [
                    out_dir / p.relative_to(staging / "out")
                    for p in write_edition(analysis, texts, folder, languages, main)
                ]
            (staging / "out" / MARKER).write_text(
                "written by dongson-analysis report\n", encoding="utf-8"
            )
            if runner is not None:
                runner.join()
                if notebook_error:
                    raise notebook_error[0]
                nb_stage = staging / "notebooks"
                nb_stage.mkdir()
                for ch, nb in executed:
                    write_notebook(nb, nb_stage / f"{ch.slug}.ipynb")
            swap_into_place(staging / "out", out_dir)
            if notebooks_dir is not None:
                notebooks_dir.mkdir(parents=True, exist_ok=True)
                for path in sorted((staging / "notebooks").glob("*.ipynb")):
                    os.replace(path, notebooks_dir / path.name)
                    result.files.append(notebooks_dir / path.name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return result
