"""Working notes, chapter 6: how projections and judgements are made, and what the benchmark
shows.
"""

from __future__ import annotations

from ..benchmark_results import BENCHMARK_DESIGNS, OURS
from ..blocks import Bullets, Column, Edition, Heading, Paragraph, Row, Table
from ..l10n import Texts
from ..wording import design_text
from .common import number_cell, text_cell, title_blocks

KEY = "methods"
NAME = "phuong_phap"
METRICS = (("smape", 2), ("mase", 3), ("coverage80", 3), ("coverage95", 3), ("msis", 1))


def title(ed: Edition) -> list:
    return title_blocks(ed, KEY)


def method(ed: Edition) -> list:
    return [
        Heading(ed(f"chapters.{KEY}.method_heading")),
        Bullets(tuple(ed(f"chapters.{KEY}.method_{i}", **ed.params) for i in range(1, 6))),
    ]


def method_label(texts: Texts, name: str) -> str:
    """A method's name in tables (our method in words; peers by their library names)."""
    key = f"methods.{name}"
    return (
        texts(key)
        if texts.has(key)
        else name.replace("statsforecast_", "statsforecast ").replace(
            "statsmodels_", "statsmodels "
        )
    )


def accuracy(ed: Edition) -> list:
    texts = ed.texts
    results = ed.analysis.benchmarks
    if results.accuracy.empty:
        return [
            Heading(texts(f"chapters.{KEY}.accuracy_heading")),
            Paragraph(texts(f"chapters.{KEY}.no_results")),
        ]
    blocks: list = [
        Heading(texts(f"chapters.{KEY}.accuracy_heading")),
        Paragraph(texts(f"chapters.{KEY}.accuracy_text")),
    ]
    columns = (
        Column(texts("columns.method"), width=30),
        Column(texts("columns.series"), "number", 9),
    ) + tuple(
        Column(texts(f"columns.{m}"), "number", 12 if m.startswith("coverage") else 10)
        for m, _ in METRICS
    )
    for dataset in results.datasets():
        rows: list[Row] = []
        for design in results.designs():
            table = results.table(dataset, design)
            if table.empty:
                continue
            rows.append(
                Row(
                    (text_cell(design_text(texts, design)),)
                    + tuple(text_cell("") for _ in columns[1:]),
                    group=True,
                )
            )
            for r in table[
                2 * table["n_series"] >= table["n_series"].max()
            ].itertuples():  # refusals: named below
                cells = [
                    text_cell(method_label(texts, r.method)),
                    number_cell(ed, r.n_series),
                ]
                cells += [number_cell(ed, getattr(r, m), decimals=d) for m, d in METRICS]
                rows.append(Row(tuple(cells)))
        blocks += [
            Heading(texts(f"datasets.{dataset}"), 3, numbered=False),
            Table(
                f"accuracy_{dataset}",
                texts(f"chapters.{KEY}.accuracy_caption", dataset=texts(f"datasets.{dataset}")),
                columns,
                tuple(rows),
                (texts(f"chapters.{KEY}.accuracy_note"),),
            ),
        ]
    return blocks


def verdicts(ed: Edition) -> list:
    texts = ed.texts
    results = ed.analysis.benchmarks
    lines = []
    for dataset in results.datasets():
        for design in results.designs():
            for v in results.verdicts(dataset, design):
                decimals = 3 if v.target.startswith("coverage") or v.target == "mase" else 2
                lines.append(
                    texts(
                        f"chapters.{KEY}.verdict_{v.target}",
                        dataset=texts(f"datasets.{dataset}"),
                        design=design_text(texts, design),
                        value=texts.number(v.value, decimals),
                        limit=texts.number(v.limit, decimals),
                        reference=method_label(texts, v.reference),
                        met=texts(f"chapters.{KEY}.{'met' if v.met else 'not_met'}"),
                    )
                )
    if not lines:
        return []
    unmeasured = [d for d in BENCHMARK_DESIGNS if d not in results.designs()]
    blocks: list = [Heading(texts(f"chapters.{KEY}.verdicts_heading")), Bullets(tuple(lines))]
    if unmeasured:
        blocks.append(
            Paragraph(
                texts(
                    f"chapters.{KEY}.unmeasured",
                    designs=texts.join([design_text(texts, d) for d in unmeasured]),
                )
            )
        )
    refused = results.accuracy[
        results.accuracy["n_series"]
        < results.accuracy.groupby(["dataset", "design"])["n_series"].transform("max")
    ]
    for r in refused.itertuples():
        key = "refused" if r.n_series else "refused_none"
        blocks.append(
            Paragraph(
                texts(
                    f"chapters.{KEY}.{key}",
                    method=method_label(texts, r.method),
                    count=int(r.n_series),
                    dataset=texts(f"datasets.{r.dataset}"),
                    design=design_text(texts, r.design),
                )
            )
        )
    return blocks


def speed(ed: Edition) -> list:
    texts = ed.texts
    results = ed.analysis.benchmarks
    lines = []
    for dataset in results.datasets():
        ours = results.speed_of(dataset, OURS)
        arima = results.speed_of(dataset, "statsforecast_AutoARIMA")
        if ours is None:
            continue
        count, seconds = ours
        words = dict(
            dataset=texts(f"datasets.{dataset}"),
            count=texts.number(count),
            seconds=texts.number(seconds, 3),
        )
        if arima is None:
            lines.append(texts(f"chapters.{KEY}.speed_ours", **words))
        else:  # AutoARIMA's rate is measured on fewer series and scaled to the same count
            arima_seconds = arima[1] * count / arima[0]
            lines.append(
                texts(
                    f"chapters.{KEY}.speed",
                    **words,
                    arima=texts.number(arima_seconds, 0),
                    times=texts.number(round(arima_seconds / seconds, -2), 0),
                )
            )
    if not lines:
        return []
    return [Heading(texts(f"chapters.{KEY}.speed_heading")), Bullets(tuple(lines))]


def reading(ed: Edition) -> list:
    return [
        Heading(ed(f"chapters.{KEY}.reading_heading")),
        Bullets(tuple(ed(f"chapters.{KEY}.reading_{i}") for i in range(1, 5))),
    ]


SECTIONS = {
    "title": title,
    "method": method,
    "accuracy": accuracy,
    "verdicts": verdicts,
    "speed": speed,
    "reading": reading,
}
