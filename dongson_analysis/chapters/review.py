"""Chapter 4: the plan review — the review table, and every target judged in words."""

from __future__ import annotations

from collections import Counter

from ..analysis import Analysis
from ..blocks import Bullets, Heading, Paragraph
from ..judgement import JUDGEMENT_STATUSES
from ..l10n import Texts
from ..review import plan_title, review_sections, review_table
from ..wording import judgement_paragraph, status_label
from .common import judged_dashboard, title_blocks

KEY = "review"


def title(analysis: Analysis, texts: Texts) -> list:
    return title_blocks(analysis, texts, KEY, 4)


def summary(analysis: Analysis, texts: Texts) -> list:
    lines = []
    for section in review_sections(analysis):
        counts = Counter(row.judgement.status for row in section.rows)
        parts = [
            texts(f"chapters.{KEY}.count", count=n, status=status_label(texts, s).lower())
            for s, n in sorted(counts.items(), key=lambda kv: JUDGEMENT_STATUSES[kv[0]].order)
        ]
        lines.append(
            texts(
                f"chapters.{KEY}.summary_line",
                plan=plan_title(texts, section.plan),
                count=len(section.rows),
                counts=texts.join(parts),
            )
        )
    blocks: list = [Heading(texts(f"chapters.{KEY}.summary_heading")), Bullets(tuple(lines))]
    waiting = sum(1 for j in analysis.judgements if j.status == "not_assessable")
    if waiting:
        blocks.append(
            Paragraph(
                texts(f"chapters.{KEY}.data_request", count=waiting, total=len(analysis.judgements))
            )
        )
    return blocks


def table(analysis: Analysis, texts: Texts) -> list:
    return [Heading(texts(f"chapters.{KEY}.table_heading")), review_table(analysis, texts)]


def by_plan(analysis: Analysis, texts: Texts) -> list:
    blocks: list = [Heading(texts(f"chapters.{KEY}.paragraphs_heading"))]
    for section in review_sections(analysis):
        blocks.append(Heading(plan_title(texts, section.plan), 3))
        blocks.append(
            Bullets(
                tuple(judgement_paragraph(texts, analysis, row.judgement) for row in section.rows)
            )
        )
    return blocks


def chart(analysis: Analysis, texts: Texts) -> list:
    return judged_dashboard(analysis, texts, KEY, "review_dashboard", projections=True)


SECTIONS = {"title": title, "summary": summary, "table": table, "by_plan": by_plan, "chart": chart}
