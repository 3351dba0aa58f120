"""The main job: compute the analysis once, write every edition (HTML, Word, Excel) and the
notebooks.

One regeneration at a time: a lock beside the output folder makes a second run
wait (the caller is told). Everything is written into a temporary folder first
and moved into place at the end, so an interrupted run leaves the previous
reports as they were. The output folder must be empty, absent, or one this
program wrote (it holds a marker file); anything else is refused.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis import Analysis, run_analysis
from ..blocks import Block, Figure
from ..chapters import CHAPTERS, Chapter
from ..l10n import LANGUAGES, Texts, texts_for
from ..settings import Settings
from . import html as html_out
from .excel import write_xlsx
from .notebooks import build_notebook, interactive_sections, run_notebooks, write_notebook
from .word import write_docx

MARKER = ".dongson-report"


class OutputFolderError(RuntimeError):
    """An output folder that this program did not write (it would be replaced)."""


@dataclass
class Regeneration:
    files: list[Path] = field(default_factory=list)


@contextmanager
def output_lock(folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``folder`` (a file beside it); wait for another run, telling ``on_wait``
    first.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = folder.parent / f".{folder.name}.lock"
    with open(lock, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_output_folder(folder: Path) -> None:
    """Refuse a folder that holds files this program did not write."""
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise OutputFolderError(str(folder))


def edition_dir(root: Path, language: str, main_language: str) -> Path:
    return root if language == main_language else root / language


def _relative(from_lang: str, to_lang: str, main: str) -> str:
    """The prefix from one edition's folder to another's."""
    if from_lang == to_lang:
        return ""
    if from_lang == main:
        return f"{to_lang}/"
    if to_lang == main:
        return "../"
    return f"../{to_lang}/"


def file_names(texts: Texts) -> dict[str, str]:
    return {"docx": texts("publish.docx_file"), "xlsx": texts("publish.xlsx_file")}


def write_edition(
    analysis: Analysis, texts: Texts, folder: Path, languages: tuple[str, ...], main: str
) -> list[Path]:
    """One language's HTML pages, Word document and workbook."""
    folder.mkdir(parents=True, exist_ok=True)
    cache: dict[str, bytes] = {}

    def png(figure: Figure) -> bytes:
        if figure.key not in cache:
            cache[figure.key] = figure.png()
        return cache[figure.key]

    written: list[Path] = []
    chapters: list[tuple[Chapter, list[Block]]] = [
        (ch, ch.blocks(analysis, texts)) for ch in CHAPTERS
    ]
    names = file_names(texts)
    home = texts("publish.index")
    for i, (ch, blocks) in enumerate(chapters):
        nav = [("index.html", home)]
        if i > 0:
            nav.append((f"{chapters[i - 1][0].slug}.html", texts("publish.previous")))
        if i + 1 < len(chapters):
            nav.append((f"{chapters[i + 1][0].slug}.html", texts("publish.next")))
        for other in languages:
            if other != texts.language:
                nav.append(
                    (
                        f"{_relative(texts.language, other, main)}{ch.slug}.html",
                        texts_for(other)("publish.language_name"),
                    )
                )
        body = "\n".join(html_out.block_html(b, texts, png) for b in blocks)
        path = folder / f"{ch.slug}.html"
        path.write_text(
            html_out.page(ch.title(analysis, texts), body, texts, nav), encoding="utf-8"
        )
        written.append(path)
    title, subtitle = texts("publish.title"), texts("publish.subtitle", **_years(analysis))
    items = "".join(
        f'<li><a href="{ch.slug}.html">{html_out.escape(ch.title(analysis, texts))}</a></li>'
        for ch, _ in chapters
    )
    downloads = (
        "<li><a "
        f'href="{html_out.escape(names["docx"])}">{html_out.escape(texts("publish.docx_link"))}</a>'
        f'</li><li><a href="{html_out.escape(names["xlsx"])}">'
        f"{html_out.escape(texts('publish.xlsx_link'))}</a></li>"
    )
    nav = [
        (
            f"{_relative(texts.language, other, main)}index.html",
            texts_for(other)("publish.language_name"),
        )
        for other in languages
        if other != texts.language
    ]
    body = (
        f"<h1>{html_out.escape(title)}</h1>\n<p>{html_out.escape(subtitle)}</p>\n"
        f"<p>{html_out.escape(texts('publish.area', area_name=analysis.settings.area_name))}</p>\n"
        f"<h2>{html_out.escape(texts('publish.chapters'))}</h2>\n<ol>{items}</ol>\n"
        f"<h2>{html_out.escape(texts('publish.downloads'))}</h2>\n<ul>{downloads}</ul>"
    )
    index = folder / "index.html"
    index.write_text(
        html_out.page(f"{title} – {analysis.settings.area_name}", body, texts, nav),
        encoding="utf-8",
    )
    (folder / "style.css").write_text(html_out.STYLESHEET, encoding="utf-8")
    docx = folder / names["docx"]
    write_docx(
        docx,
        [(ch.slug, blocks) for ch, blocks in chapters],
        texts,
        title,
        subtitle,
        analysis.settings.area_name,
        png,
    )
    xlsx = folder / names["xlsx"]
    write_xlsx(xlsx, analysis, texts)
    return written + [index, folder / "style.css", docx, xlsx]


def _years(analysis: Analysis) -> dict[str, int]:
    s = analysis.settings
    return {
        "first": s.term_years[0],
        "last": s.term_years[1],
        "next_first": s.next_term_years[0],
        "next_last": s.next_term_years[1],
    }


def _swap(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` in two renames; the old folder is removed afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def regenerate(
    settings: Settings,
    out_dir: Path,
    notebooks_dir: Path | None,
    notebook_parameters: dict,
    languages: tuple[str, ...] = LANGUAGES,
    on_wait: Callable[[], None] | None = None,
    analysis: Analysis | None = None,
) -> Regeneration:
    """Write every edition to ``out_dir`` and the chapter notebooks (with outputs) to
    ``notebooks_dir``.

    ``notebook_parameters`` are written into each notebook's parameters cell (as
    the planner would type them). The analysis is computed once (or passed in).
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
                                ch, notebook_parameters, interactive_sections(ch, sections)
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
            _swap(staging / "out", out_dir)
            if notebooks_dir is not None:
                notebooks_dir.mkdir(parents=True, exist_ok=True)
                for path in sorted((staging / "notebooks").glob("*.ipynb")):
                    os.replace(path, notebooks_dir / path.name)
                    result.files.append(notebooks_dir / path.name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return result
