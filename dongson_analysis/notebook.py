"""The notebooks' edge: settings from a chapter's parameters cell, one analysis per kernel, blocks
displayed.

A chapter notebook holds a parameters cell, one cell that opens the chapter and
one cell per section::

    chapter = open_chapter("06_danh_gia", data_paths=data_paths, lang=lang, ...)
    chapter.show("table")

The analysis is computed once per kernel for the same settings and the same input
files (a change to any data file is noticed), so the six chapters run in one
kernel compute it once. When the notebooks are run by ``dongson-analysis report``,
the kernel's working folder holds the run's handover (:mod:`.publish.handover`): the
analysis and the figures the report already computed, used when the parameters are
the same; a notebook opened in JupyterLab computes them itself. A problem in the data
is shown as one plain message.

Explorer cells (``chapter.interact``) show a widget that lives only while the kernel
runs; the notebooks are stored without it (see :func:`ChapterSession.interact`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analysis import Analysis, run_analysis
from .blocks import Block, Figure, Interactive
from .catalogue import CatalogueError
from .chapters import Chapter, chapter
from .l10n import LANGUAGES, Texts, texts_for
from .problems import ValidationError, problem_line
from .publish.handover import Handover, parameters_key, read_handover
from .publish.html import block_html, escape
from .settings import Settings, SettingsError, settings_from_parameters

_ANALYSES: dict[tuple[Settings, str], Analysis] = {}
_HANDOVER: dict[Path, Handover | None] = {}


def input_fingerprint(settings: Settings) -> str:
    """A digest of every input file's name, size and modification time."""
    digest = hashlib.sha256()
    roots = list(settings.data_paths) + ([settings.catalogue_dir] if settings.catalogue_dir else [])
    for root in roots:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            try:
                stat = path.stat()
            except OSError:
                continue
            digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def handover() -> Handover | None:
    """The handover of the regeneration running this kernel, if any (read once per kernel)."""
    here = Path.cwd()
    if here not in _HANDOVER:
        _HANDOVER[here] = read_handover(here)
    return _HANDOVER[here]


def analysis_for(settings: Settings) -> Analysis:
    """The analysis of ``settings``: handed over by the regeneration running this kernel, else
    computed once per kernel while the inputs stay the same.
    """
    handed = handover()
    if handed is not None:
        found = handed.analyses.get(parameters_key(settings.to_parameters()))
        if found is not None:
            return found
    key = (settings, input_fingerprint(settings))
    if key not in _ANALYSES:
        _ANALYSES.clear()
        _ANALYSES[key] = run_analysis(settings)
    return _ANALYSES[key]


def _plain(block: Block) -> str:
    from .blocks import Bullets, Heading, Paragraph, Table

    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Bullets):
        return "\n".join(f"- {item}" for item in block.items)
    if isinstance(block, Table):
        lines = [block.caption, " | ".join(c.label for c in block.columns)]
        lines += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
        return "\n".join(lines)
    return ""


def display_blocks(
    blocks: list[Block], texts: Texts, figures: dict[str, bytes] | None = None, prefix: str = ""
) -> None:
    """Display blocks in a notebook: text as HTML (with a plain-text twin), figures as PNG.

    ``figures`` holds PNG bytes already drawn, by ``prefix + figure.key``; other figures are
    drawn here.
    """
    from IPython.display import Image, display

    figures = figures or {}

    def png(figure: Figure) -> bytes:
        found = figures.get(prefix + figure.key)
        return found if found is not None else figure.png()

    for block in blocks:
        if isinstance(block, Figure):
            display(Image(data=png(block), format="png"))
        elif isinstance(block, Interactive):
            display_blocks(list(block.intro + block.static), texts, figures, prefix)
        else:
            display(
                {"text/html": block_html(block, texts, png), "text/plain": _plain(block)},
                raw=True,
            )


@dataclass
class ChapterSession:
    """A chapter opened in a notebook: its analysis, its language, its sections."""

    chapter: Chapter
    analysis: Analysis | None
    texts: Texts
    problem: str = ""
    figures: dict[str, bytes] = field(default_factory=dict)

    def show(self, section: str) -> None:
        """Display a section (the static version of an explorer)."""
        if self.analysis is None:
            return
        blocks = self.chapter.section(section)(self.analysis, self.texts)
        display_blocks(blocks, self.texts, self.figures, f"{self.chapter.slug}/")

    def interact(self, section: str) -> None:
        """Display a section's explorer (JupyterLab only).

        The widget lives while the kernel runs. Its cell is never run when the notebooks are
        written, so a stored notebook carries no widget; its plain-text twin says to run the
        cell, which is what a reader of a notebook saved after exploring sees outside
        JupyterLab.
        """
        from IPython.display import display

        if self.analysis is None:
            return
        for block in self.chapter.section(section)(self.analysis, self.texts):
            if isinstance(block, Interactive):
                widget = block.build()
                bundle = widget._repr_mimebundle_() if hasattr(widget, "_repr_mimebundle_") else {}
                if isinstance(bundle, tuple):
                    bundle = bundle[0]
                if bundle:
                    display({**bundle, "text/plain": self.texts("explorer.run_cell")}, raw=True)
                else:
                    display(widget)


def open_chapter(slug: str, **parameters: Any) -> ChapterSession:
    """Open a chapter with the parameters of its parameters cell (see
    :data:`dongson_analysis.DEFAULT_PARAMETERS`).

    Parameters
    ----------
    slug : str
        The chapter's file name (``06_danh_gia``).
    **parameters
        The parameters cell's values (:meth:`~dongson_analysis.settings.Settings.to_parameters`).

    Returns
    -------
    ChapterSession
        The chapter with its analysis, or with the problem (shown as one plain message) that
        stopped it.
    """
    from IPython.display import display

    ch = chapter(slug)
    lang = parameters.get("lang", "vi")
    texts = texts_for(lang if lang in LANGUAGES else "vi")
    try:
        settings = settings_from_parameters(**parameters)
        texts = texts_for(settings.language, settings.number_locale)
        analysis = analysis_for(settings)
    except (ValidationError, CatalogueError, SettingsError) as err:
        if isinstance(err, ValidationError):
            message = "\n".join(problem_line(p, texts) for p in err.problems)
        elif isinstance(err, CatalogueError):
            message = problem_line(err.problem, texts)
        else:
            message = err.message(texts)
        display({"text/plain": message, "text/html": f"<pre>{escape(message)}</pre>"}, raw=True)
        return ChapterSession(ch, None, texts, message)
    handed = handover()
    figures = {}
    if handed is not None:
        figures = handed.figures.get(parameters_key(settings.to_parameters()), {})
    return ChapterSession(ch, analysis, texts, figures=figures)
