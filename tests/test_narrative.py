"""Narrative: every number a paragraph states comes from the result it describes."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from dongson_analysis.catalogue import catalogue
from dongson_analysis.cli import main
from dongson_analysis.narrative import (describe, format_range, format_value, history_paragraph, judgement_paragraph,
                                        numbers_in, probability_words, projection_for, proposal_paragraph)
from dongson_analysis.projection import project
from dongson_analysis.records import load_observations, select_series
from dongson_analysis.targets import PROPOSAL_LEVELS, assess_targets, propose_target

OBS = load_observations()
CAT = catalogue()
WITH_ACTUAL = sorted(set(OBS.loc[OBS["status"].isin(["actual", "estimate"]) & (OBS["area"] == "dong_son")
                                 & (OBS["period_type"] == "year"), "indicator"]))
SEED = sorted(set(OBS.loc[(OBS["source_id"] == "S07") & (OBS["status"] == "target"), "indicator"]))


def _flatten(value) -> list[float]:
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return [] if math.isnan(float(value)) else [float(value)]
    if isinstance(value, np.ndarray):
        return [float(v) for v in value.ravel() if np.isfinite(v)]
    if isinstance(value, str):
        return [float(y) for y in re.findall(r"\d{4}", value)]
    return []


def allowed_numbers(*results, lang: str) -> list[float]:
    """Every number held by the results: values, years, rates, quantiles, probabilities in %."""
    out: list[float] = []
    for result in results:
        if isinstance(result, pd.DataFrame):
            for column in result.columns:
                for v in result[column]:
                    out += _flatten(v)
        elif isinstance(result, dict) or isinstance(result, pd.Series):
            for key, v in dict(result).items():
                out += _flatten(v)
                if key == "probability" or key.endswith("_probability"):
                    out += [100 * x for x in _flatten(v)]
                if key == "note" and isinstance(v, str):
                    out += numbers_in(v, lang)
        elif result is not None:  # a Projection
            for v in vars(result).values():
                out += _flatten(v)
            out += [float(len(result.years))]
    # the method's fixed levels: 80% and 95% intervals ("8 in 10"), proposals at 80/50/20%
    out += [8, 10, 80, 95, 50, 20] + [100 * p for p in PROPOSAL_LEVELS.values()]
    return out


def unexplained(text: str, allowed: list[float], lang: str) -> list[str]:
    bad = []
    decimal = "," if lang == "vi" else "."
    pattern = re.compile(r"[+-]?\d[\d.,]*")
    tokens = [t.rstrip(".,") for t in pattern.findall(text)]
    values = numbers_in(text, lang)
    for value in values:
        token = next((t for t in tokens if t), "")
        digits = 0
        matching = [t for t in tokens if numbers_in(t, lang) == [value]]
        if matching and decimal in matching[0]:
            digits = len(matching[0].split(decimal)[-1])
        tolerance = 0.5 * 10 ** -digits + 1e-9
        if not any(abs(abs(value) - abs(a)) <= tolerance * max(1.0, 1e-12) or
                   abs(abs(value) - round(abs(a), digits)) <= 1e-9 for a in allowed):
            bad.append(f"{value} in: {text}")
    return bad


def paragraphs_with_results(indicator: str, lang: str):
    ind = CAT[indicator]
    series = select_series(OBS, indicator)
    yield history_paragraph(series, ind, lang), [series, _history_projection(series, ind)]
    p, text = projection_for(series, ind, lang)
    if text:
        yield text, [p, series, {"end_year": 2025}]
    if p is not None:
        if p.has_projection and ind.direction != "none":
            proposal = {"year": 2025, "change_unit": p.change_unit, **propose_target(p, ind, 2025)}
            yield proposal_paragraph(proposal, ind, lang), [proposal]
    judged = assess_targets(OBS, lang=lang)
    for _, row in judged[judged["indicator"] == indicator].iterrows():
        yield judgement_paragraph(row, lang), [row]


def _history_projection(series, ind):
    if len(series) < 2 or ind.kind == "milestone":
        return None
    return project(series["period_start"].astype(int).to_numpy(), series["value"].to_numpy(float), ind.kind,
                   ind.lower_bound, ind.upper_bound, horizon=1)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("indicator", sorted(set(WITH_ACTUAL) | set(SEED)))
def test_every_number_in_every_paragraph_comes_from_its_result(indicator, lang):
    count = 0
    name_numbers = numbers_in(CAT[indicator].name(lang), lang)  # e.g. "trên 1 ha" in the catalogue name
    for text, results in paragraphs_with_results(indicator, lang):
        assert text.strip()
        assert unexplained(text, allowed_numbers(*results, lang=lang) + name_numbers, lang) == []
        count += 1
    assert count >= 1


def test_the_check_catches_an_invented_number():
    ind = CAT["income_per_capita"]
    series = select_series(OBS, "income_per_capita")
    text = history_paragraph(series, ind, "vi") + " Năm 2025 đạt 999 triệu đồng."
    assert unexplained(text, allowed_numbers(series, _history_projection(series, ind), lang="vi"), "vi")


def test_vietnamese_and_english_number_formats():
    assert format_value(3000, "billion VND", "vi") == "3.000 tỷ đồng"
    assert format_value(3000, "billion VND", "en") == "3,000 billion VND"
    assert format_value(18.2, "%", "vi") == "18,2%"
    assert format_value(18.2, "%", "en") == "18.2%"
    assert format_value(97.36, "%", "vi", exact=True) == "97,36%"
    assert format_value(45, "million USD", "vi") == "45 triệu USD"
    assert format_range(55.7, 191.2, "million VND/person/year", "vi") == "55,7–191 triệu đồng/người"
    assert probability_words(0.95, "vi") == "rất cao" and probability_words(0.5, "en") == "about as likely as not"


def test_sparse_estimated_and_inferred_data_are_named():
    text = " ".join(describe("income_per_capita", OBS, "vi"))
    assert "suy ra" in text and "hai số liệu" in text
    text = " ".join(describe("production_value_growth", OBS, "en"))
    assert "estimates" in text and "cannot be projected" in text


def test_describe_cli(capsys):
    assert main(["describe", "income_per_capita", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Income per capita" in out and "43.5" in out
    assert main(["describe", "income_per_capita"]) == 0
    assert "43,5 triệu đồng/người" in capsys.readouterr().out
    assert main(["describe", "no_such_indicator"]) == 1
