"""The report's chapters: each a module of sections, each section a function of (Analysis, Texts) →
blocks.

:data:`CHAPTERS` lists them in order; renderers (notebooks, HTML, Word) walk it.
The wording of every chapter lives in the ``chapters`` section of the language files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from ..analysis import Analysis
from ..blocks import Block
from ..l10n import Texts
from . import methods, projections, proposals, record, review, trends

Section = Callable[[Analysis, Texts], list[Block]]


@dataclass(frozen=True)
class Chapter:
    """One chapter: its file name (``slug``) and the module holding its sections."""

    number: int
    slug: str
    module: ModuleType

    @property
    def key(self) -> str:
        return self.module.KEY

    @property
    def sections(self) -> dict[str, Section]:
        return self.module.SECTIONS

    def section(self, name: str) -> Section:
        try:
            return self.sections[name]
        except KeyError:
            raise KeyError(
                f"chapter {self.slug} has no section {name!r}; sections: {', '.join(self.sections)}"
            ) from None

    def blocks(self, analysis: Analysis, texts: Texts) -> list[Block]:
        """Every block of the chapter, in order."""
        return [block for section in self.sections.values() for block in section(analysis, texts)]

    def title(self, analysis: Analysis, texts: Texts) -> str:
        from .common import chapter_params

        return f"{self.number}. " + texts(f"chapters.{self.key}.title", **chapter_params(analysis))


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(1, "01_ho_so_so_lieu", record),
    Chapter(2, "02_dien_bien", trends),
    Chapter(3, "03_du_bao", projections),
    Chapter(4, "04_danh_gia_thuc_hien_ke_hoach", review),
    Chapter(5, "05_de_xuat_chi_tieu", proposals),
    Chapter(6, "06_phuong_phap", methods),
)


def chapter(slug: str) -> Chapter:
    """The chapter with file name ``slug``; an unknown name fails loudly."""
    for ch in CHAPTERS:
        if ch.slug == slug:
            return ch
    raise KeyError(f"no chapter {slug!r}; chapters: {', '.join(c.slug for c in CHAPTERS)}")
