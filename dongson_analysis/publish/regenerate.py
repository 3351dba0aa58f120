"""The main job: compute the analysis once, write every area's editions (HTML, Word, Excel) and
the notebooks, staged and swapped into place together (see :mod:`.output`).

Where a run's files go (``OUT`` is the reports folder, ``NOTEBOOKS`` the notebooks folder)::

    OUT/                    the main area's edition in the main language: index.html, the
                            chapters' pages, the Word document, the workbook
    OUT/en/                 the main area's edition in the other language
    OUT/areas/ID/           each other area of the run, laid out like OUT/ (ID/en/ ...)
    OUT/summary/            a run of more than one area: the summary across its areas (its
                            page, Word document and workbook; summary/en/ in English), made
                            from the same run as the areas' editions
    NOTEBOOKS/              the main area's chapter notebooks
    NOTEBOOKS/areas/ID/     the notebooks of another area, when they are asked for

``NOTEBOOKS`` may lie inside ``OUT`` (``OUT/notebooks``): the two are then one folder, staged
and swapped as one. A regeneration is a list of steps (:data:`STEPS`), each writing into the
staged reports folder; the summary across areas is one more step (:func:`write_summary`).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis import Analysis, Inputs, Run, analyse
from ..chapters import CHAPTERS
from ..l10n import LANGUAGES, texts_for
from ..settings import Settings
from .editions import (
    EDITION_PARTS,
    edition_dir,
    summary_files,
    write_edition,
    write_summary_edition,
)
from .output import (
    MARKER,
    NOTEBOOKS_MARKER,
    OutputFolderError,
    OutputWriteError,
    Target,
    check_folders,
    make_staging,
    output_lock,
    remove_stale,
    swap_into_place,
)

__all__ = [
    "AREAS_FOLDER",
    "EDITION_PARTS",
    "STEPS",
    "SUMMARY_FOLDER",
    "OutputFolderError",
    "OutputWriteError",
    "Regeneration",
    "area_folder",
    "output_targets",
    "regenerate",
]

#: The sub-folder (of the reports and of the notebooks folder) that holds the other areas.
AREAS_FOLDER = "areas"
#: The sub-folder of the reports folder that holds the summary across the areas of a run.
SUMMARY_FOLDER = "summary"
#: The files a notebooks folder written before the folders carried a marker may hold.
NOTEBOOK_FILES = frozenset({f"{ch.slug}.ipynb" for ch in CHAPTERS} | {".ipynb_checkpoints"})

#: ``progress(stage, **params)``: told when a stage of the job starts (the edge words it).
Progress = Callable[..., None]


@dataclass
class Regeneration:
    """What a regeneration wrote.

    Attributes
    ----------
    files : list of Path
        Every file, where it now lies.
    areas : dict of str to Path
        Each area's reports folder.
    notebooks : list of Path
        The notebooks written.
    summary : list of Path
        The summary's files (none for a run of one area).
    """

    files: list[Path] = field(default_factory=list)
    areas: dict[str, Path] = field(default_factory=dict)
    notebooks: list[Path] = field(default_factory=list)
    summary: list[Path] = field(default_factory=list)


@dataclass
class Job:
    """One regeneration under way: the run, where its new files are staged, what was written.

    Steps write into ``staged`` (the new reports folder) and add what they wrote to ``written``;
    :meth:`final` names a staged file where it will lie after the swap.
    """

    run: Run
    languages: tuple[str, ...]
    staged: Path
    out_dir: Path
    progress: Progress
    written: list[Path] = field(default_factory=list)
    workers: int = 1
    parts: tuple[str, ...] = EDITION_PARTS
    summary: list[Path] = field(default_factory=list)

    @property
    def summarised(self) -> bool:
        """The run covers more than one area: it gets a summary across them."""
        return len(self.run.areas) > 1

    @property
    def main(self) -> str:
        """The main language (the settings' language)."""
        return self.run.settings.language

    def final(self, path: Path) -> Path:
        """Where a staged file lies once the run is swapped into place."""
        return self.out_dir / path.relative_to(self.staged)


def area_folder(root: Path, area: str, main_area: str) -> Path:
    """An area's folder under ``root``: ``root`` itself for the main area, else
    ``root/areas/ID``.
    """
    return root if area == main_area else root / AREAS_FOLDER / area


def _languages(main: str, languages: Sequence[str]) -> tuple[str, ...]:
    return (main,) + tuple(x for x in languages if x != main)


def summary_page(root: Path, language: str, main: str) -> Path:
    """The summary's page in ``language`` under the reports folder ``root``."""
    folder = edition_dir(root / SUMMARY_FOLDER, language, main)
    return folder / summary_files(texts_for(language))["page"]


def area_editions(
    analysis: Analysis,
    root: Path,
    languages: tuple[str, ...],
    main: str,
    number_locale: str | None,
    parts: tuple[str, ...] = EDITION_PARTS,
    summary_root: Path | None = None,
) -> list[Path]:
    """One area's editions under ``root``, one per language (the main language at the top);
    each index links to the summary under ``summary_root`` (the reports folder) when given.
    """
    written: list[Path] = []
    for lang in _languages(main, languages):
        texts = texts_for(lang, number_locale if lang == main else None)
        folder = edition_dir(root, lang, main)
        link = ""
        if summary_root is not None:
            link = os.path.relpath(summary_page(summary_root, lang, main), folder)
            link = Path(link).as_posix()
        extra: dict[str, Any] = {}  # only what differs from a whole edition
        if tuple(parts) != EDITION_PARTS:
            extra["parts"] = tuple(parts)
        if link:
            extra["summary_link"] = link
        written += write_edition(analysis, texts, folder, languages, main, **extra)
    return written


def _pool(workers: int):
    """A pool of ``workers`` processes started afresh (never forked from this process, whose
    notebook thread may be running)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def edition_steps(
    index: int, area_name: str, main: str, languages: Sequence[str]
) -> list[dict[str, Any]]:
    """The progress steps of the ``index``-th area's editions: one per language, counted
    ``index * len(languages) + j`` from zero, so a run tells every step once, in order.

    Parameters
    ----------
    index : int
        The area's place in the run, from zero.
    area_name : str
        The area's name as the progress line states it.
    main : str
        The main language (its edition comes first).
    languages : sequence of str
        The run's languages.

    Returns
    -------
    list of dict
        ``area``, ``language`` and ``done`` of each step.
    """
    ordered = _languages(main, languages)
    return [
        {"area": area_name, "language": lang, "done": index * len(ordered) + j}
        for j, lang in enumerate(ordered)
    ]


def write_editions(job: Job) -> None:
    """Every area's editions: one per language, the main area at the top of the folder.

    With more than one area and ``job.workers`` above one, the areas are written by that many
    processes at once (each area's files are its own, so the result is the same).
    """
    run, main = job.run, job.main
    areas = list(run.areas)
    total = len(areas) * len(job.languages)
    number_locale = run.settings.number_locale

    summary_root = job.staged if job.summarised else None

    def task(area: str) -> tuple:
        root = area_folder(job.staged, area, run.settings.area)
        return run.areas[area], root, job.languages, main, number_locale, job.parts, summary_root

    if job.workers <= 1 or len(areas) < 2:
        for i, area in enumerate(areas):
            for step in edition_steps(i, run.areas[area].settings.area_name, main, job.languages):
                job.progress("edition", **step, total=total)
            job.written += area_editions(*task(area))
        return
    with _pool(min(job.workers, len(areas))) as pool:
        futures = [pool.submit(area_editions, *task(area)) for area in areas]
        try:
            for i, (area, future) in enumerate(zip(areas, futures, strict=True)):
                name = run.areas[area].settings.area_name
                for step in edition_steps(i, name, main, job.languages):
                    job.progress("edition", **step, total=total)
                job.written += future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def write_summary(job: Job) -> None:
    """The summary across the run's areas (a run of one area has none), one per language, in
    ``OUT/summary``: from the same run as the areas' editions, so every status it shows is
    the one the area's own report states.
    """
    if not job.summarised:
        return
    from ..summary import summarise

    run, main = job.run, job.main
    summary = summarise(run)
    job.progress("summary", count=len(run.areas))
    for lang in _languages(main, job.languages):
        texts = texts_for(lang, run.settings.number_locale if lang == main else None)
        folder = edition_dir(job.staged / SUMMARY_FOLDER, lang, main)
        links = {}
        if "html" in job.parts:
            for area in run.areas:
                index = edition_dir(area_folder(job.staged, area, run.settings.area), lang, main)
                links[area] = Path(os.path.relpath(index / "index.html", folder)).as_posix()
        written = write_summary_edition(summary, texts, folder, job.languages, main, links)
        job.summary += written
        job.written += written


#: The steps of a regeneration, in order; each writes into the staged reports folder.
STEPS: list[Callable[[Job], None]] = [write_editions, write_summary]


def output_targets(out_dir: Path, notebooks_dir: Path | None) -> list[Target]:
    """The folders a run replaces: the reports, and the notebooks unless they lie inside them.

    Raises
    ------
    OutputFolderError
        ``nested`` when the reports would lie inside the notebooks folder.
    """
    out = Target(Path(out_dir))
    if notebooks_dir is None:
        return [out]
    notebooks = Target(Path(notebooks_dir), NOTEBOOKS_MARKER, "--notebooks", NOTEBOOK_FILES)
    if notebooks.folder == out.folder or out.folder in notebooks.folder.parents:
        return [Target(out.folder, inner=(notebooks.folder,))]
    if notebooks.folder in out.folder.parents:
        raise OutputFolderError("nested", path=out.folder, option="--out", other=notebooks.folder)
    return [out, notebooks]


def _as_run(settings: Settings, analysis: Analysis | Run | None) -> Run:
    if isinstance(analysis, Run):
        return analysis
    if analysis is None:
        return analyse(settings)
    inputs = Inputs(
        analysis.catalogue,
        analysis.observations,
        analysis.sources,
        analysis.breaks,
        analysis.files,
        analysis.warnings,
        analysis.comparables,
    )
    return Run(analysis.settings, inputs, {analysis.settings.area: analysis})


class _Notebooks:
    """The notebooks of a run: built, handed their analyses, run in a thread beside the
    editions, written once the editions are done.

    The kernel is handed the analysis of every area it shows (:mod:`.handover`), so it computes
    nothing again. It draws the figures of its own language itself, beside the editions (on two
    processors that costs no time; handing over figures drawn here would draw them twice in this
    process, as the editions draw their own).
    """

    def __init__(self, run: Run, areas: Sequence[str], staging: Path):
        from .handover import Handover, write_handover
        from .notebooks import build_notebook, interactive_sections

        self.built: list[tuple[str, Any, Any]] = []
        self.error: list[BaseException] = []
        self.executed: list[Any] = []
        handover = Handover()
        texts = texts_for(run.settings.language, run.settings.number_locale)
        for area in areas:
            analysis = run.areas[area]
            for ch in CHAPTERS:
                sections = {name: fn(analysis, texts) for name, fn in ch.sections.items()}
                nb = build_notebook(
                    ch, analysis.settings.to_parameters(), interactive_sections(ch, sections)
                )
                self.built.append((area, ch, nb))
            handover.add(analysis)
        write_handover(staging, handover)
        # matplotlib looks IPython up in sys.modules when it makes a figure; the notebook
        # thread imports it, so import it whole here, before that thread starts, and the
        # figures drawn meanwhile never meet a half-imported module.
        import IPython  # noqa: F401

        self.thread = threading.Thread(target=self._run, args=(staging,), daemon=True)
        self.thread.start()

    def _run(self, staging: Path) -> None:
        from .notebooks import run_notebooks

        try:
            self.executed = run_notebooks([(ch, nb) for _, ch, nb in self.built], staging)
        except BaseException as err:  # reported in the main thread
            self.error.append(err)

    def write(self, folder: Path, main_area: str) -> list[Path]:
        """Wait for the kernel, then write the executed notebooks under ``folder``."""
        from .notebooks import write_notebook

        self.thread.join()
        if self.error:
            raise self.error[0]
        written = []
        for (area, ch, _), nb in zip(self.built, self.executed, strict=True):
            target = area_folder(folder, area, main_area)
            target.mkdir(parents=True, exist_ok=True)
            write_notebook(nb, target / f"{ch.slug}.ipynb")
            written.append(target / f"{ch.slug}.ipynb")
        return written


def regenerate(
    settings: Settings,
    out_dir: Path,
    notebooks_dir: Path | None,
    languages: tuple[str, ...] = LANGUAGES,
    on_wait: Callable[[], None] | None = None,
    analysis: Analysis | Run | None = None,
    notebook_areas: Sequence[str] | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    parts: tuple[str, ...] = EDITION_PARTS,
) -> Regeneration:
    """Write every area's editions to ``out_dir`` and the chapter notebooks (with outputs) to
    ``notebooks_dir``, all or nothing.

    Parameters
    ----------
    settings : Settings
        The run's settings (used when ``analysis`` is None).
    out_dir : Path
        The reports folder (see the module docstring for its layout).
    notebooks_dir : Path or None
        The notebooks folder (it may lie inside ``out_dir``); None writes no notebooks.
    languages : tuple of str
        The editions' languages; the settings' language is the main one.
    on_wait : callable, optional
        Called once if another run holds a folder's lock (this run then waits).
    analysis : Analysis or Run, optional
        The analysis (of one area) or the run (of every area), if already computed; else it is
        computed here, once, for every area of ``settings``.
    notebook_areas : sequence of str, optional
        The areas whose notebooks are written (default: the main area).
    progress : callable, optional
        Told ``progress(stage, **params)`` as each stage starts (``edition``, ``notebooks``,
        ``swap``).
    workers : int, optional
        Processes that write the areas' editions at once (default: one per processor when the
        run covers three areas or more, else one).
    parts : tuple of str
        What each area's edition holds, of :data:`EDITION_PARTS` (default: everything; a
        province's run may write only the report and the workbook of each commune). The
        summary is written whenever the run covers more than one area.

    Returns
    -------
    Regeneration
        The files written, where they now lie.

    Raises
    ------
    OutputFolderError
        If a folder must not be written or replaced (checked before anything is written).
    OutputWriteError
        If writing failed (a full disk, a permission); the earlier folders are as they were.
    ChapterRunError
        If a chapter notebook failed to run; the earlier folders are as they were.
    """
    progress = progress or (lambda *_, **__: None)
    targets = output_targets(Path(out_dir), notebooks_dir)
    check_folders(targets)
    with output_lock([t.folder for t in targets], on_wait):
        check_folders(targets)  # again: a run we waited for may have changed them
        for t in targets:
            remove_stale(t.folder)
        run = _as_run(settings, analysis)
        main_area = run.settings.area
        stagings: dict[Path, Path] = {}
        try:
            for t in targets:
                stagings[t.folder] = make_staging(t.folder)
            staging = stagings[targets[0].folder]
            if workers is None:
                workers = (os.cpu_count() or 1) if len(run.areas) >= 3 else 1
            job = Job(
                run,
                tuple(languages),
                staging / "new",
                Path(out_dir),
                progress,
                [],
                workers,
                tuple(parts),
            )
            notebooks = None
            if notebooks_dir is not None:
                areas = [a for a in (notebook_areas or (main_area,)) if a in run.areas]
                progress("notebooks", count=len(areas))
                notebooks = _Notebooks(run, areas, staging)
            for step in STEPS:
                step(job)
            (job.staged / MARKER).write_text(
                "written by dongson-analysis report\n", encoding="utf-8"
            )
            result = Regeneration([job.final(p) for p in job.written])
            result.areas = {a: area_folder(job.out_dir, a, main_area) for a in run.areas}
            result.summary = [job.final(p) for p in job.summary]
            if notebooks is not None:
                assert notebooks_dir is not None
                progress("notebooks_wait")
                result.notebooks = _write_notebooks(
                    notebooks, job, targets, stagings, Path(notebooks_dir)
                )
                result.files += result.notebooks
            progress("swap")
            swap_into_place([(stagings[t.folder] / "new", t.folder) for t in targets])
        except OutputFolderError:
            raise
        except OSError as err:
            raise OutputWriteError(_where(err, stagings), err, [t.folder for t in targets]) from err
        finally:
            for staging in stagings.values():
                shutil.rmtree(staging, ignore_errors=True)
        return result


def _write_notebooks(
    notebooks: _Notebooks,
    job: Job,
    targets: list[Target],
    stagings: dict[Path, Path],
    notebooks_dir: Path,
) -> list[Path]:
    """Write the executed notebooks into their staged folder (inside the staged reports, or a
    staging of their own); the paths where they will lie.
    """
    main_area = job.run.settings.area
    if len(targets) == 1:  # inside the reports folder
        staged = job.staged / targets[0].inner[0].relative_to(targets[0].folder)
        return [job.final(p) for p in notebooks.write(staged, main_area)]
    staged = stagings[targets[1].folder] / "new"
    written = notebooks.write(staged, main_area)
    (staged / NOTEBOOKS_MARKER).write_text("written by dongson-analysis report\n", encoding="utf-8")
    return [notebooks_dir / p.relative_to(staged) for p in written]


def _where(err: OSError, stagings: dict[Path, Path]) -> str:
    """The file a failed write was about, named where it would have been written."""
    name = err.filename or ""
    for final, staging in stagings.items():
        new = staging / "new"
        if name and (Path(name) == new or new in Path(name).parents):
            return str(final / Path(name).relative_to(new))
        if name and (Path(name) == staging or staging in Path(name).parents):
            return str(final)
    return str(name or next(iter(stagings), ""))
