"""The notebooks' edge: settings from a chapter's parameters cell, one analysis per kernel, blocks
displayed.

A chapter notebook holds a parameters cell, one cell that opens the chapter and
one cell per section::

    chapter = open_chapter("04_danh_gia_thuc_hien_ke_hoach", data_paths=data_paths, lang=lang, ...)
    chapter.show("table")

The analysis is computed once per kernel for the same settings and the same input
files (a change to any data file is noticed), so the six chapters run in one
kernel compute it once. A problem in the data is shown as one plain message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analysis import Analysis, run_analysis
from .blocks import Block, Figure, Interactive
from .catalogue import CatalogueError
from .chapters import Chapter, chapter
from .l10n import Texts, texts_for
from .problems import ValidationError, problem_line
from .publish.html import block_html
from .settings import Settings, SettingsError, settings_from_parameters

_ANALYSES: dict[tuple[Settings, str], Analysis] = {}


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


def analysis_for(settings: Settings) -> Analysis:
    """The analysis of ``settings``, computed once per kernel while the inputs stay the same."""
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


def display_blocks(blocks: list[Block], texts: Texts) -> None:
    """Display blocks in a notebook: text as HTML (with a plain-text twin), figures as PNG."""
    from IPython.display import Image, display

    for block in blocks:
        if isinstance(block, Figure):
            display(Image(data=block.png(), format="png"))
        elif isinstance(block, Interactive):
            for inner in block.intro + block.static:
                display_blocks([inner], texts)
        else:
            display(
                {
                    "text/html": block_html(block, texts, lambda f: f.png()),
                    "text/plain": _plain(block),
                },
                raw=True,
            )


@dataclass
class ChapterSession:
    """A chapter opened in a notebook: its analysis, its language, its sections."""

    chapter: Chapter
    analysis: Analysis | None
    texts: Texts
    problem: str = ""

    def show(self, section: str) -> None:
        """Display a section (the static version of an explorer)."""
        if self.analysis is None:
            return
        display_blocks(self.chapter.section(section)(self.analysis, self.texts), self.texts)

    def interact(self, section: str) -> None:
        """Display a section's explorer widget (JupyterLab only; its output is not stored)."""
        from IPython.display import display

        if self.analysis is None:
            return
        for block in self.chapter.section(section)(self.analysis, self.texts):
            if isinstance(block, Interactive):
                display(block.build())


def open_chapter(slug: str, **parameters: Any) -> ChapterSession:
    """Open a chapter with the parameters of its parameters cell (see
    :data:`dongson_analysis.DEFAULT_PARAMETERS`).
    """
    from IPython.display import display

    ch = chapter(slug)
    lang = parameters.get("lang", "vi")
    texts = texts_for(lang if lang in ("vi", "en") else "vi")
    try:
        settings = settings_from_parameters(**parameters)
        texts = texts_for(settings.language, settings.number_locale)
        return ChapterSession(ch, analysis_for(settings), texts)
    except (ValidationError, CatalogueError, SettingsError) as err:
        if isinstance(err, ValidationError):
            message = "\n".join(problem_line(p, texts) for p in err.problems)
        elif isinstance(err, CatalogueError):
            message = problem_line(err.problem, texts)
        else:
            message = err.message(texts)
        display(
            {"text/plain": message, "text/html": f"<pre>{block_html_escape(message)}</pre>"},
            raw=True,
        )
        return ChapterSession(ch, None, texts, message)


def block_html_escape(text: str) -> str:
    from .publish.html import escape

    return escape(text)


def notebook_paths(paths: list[str | Path] | None) -> list[str] | None:
    """Data paths as a parameters cell writes them."""
    return None if paths is None else [str(p) for p in paths]
