"""Interactive explorers for JupyterLab: a growth scenario, and the probability of a target you
propose.

Any projected indicator can be chosen from a list. Numbers are shown and typed the
way the language writes them (``19,5`` in Vietnamese): the slider shows no
readout of its own, the sentence beside it does. A typed target is applied when
the person presses Enter or leaves the box, is echoed as typed (``150,5``, not
rounded), and is kept when another indicator of the same unit is chosen. The
static pages show a fixed example instead (see the chapters).
"""

from __future__ import annotations

import decimal
import math
from html import escape

from .analysis import Analysis
from .charts import indicator_chart
from .formatting import (
    change_text,
    indicator_name,
    number,
    probability_text,
    rounded,
    value_text,
    with_unit,
)
from .judgement import probability_of_target
from .l10n import Texts
from .numbers import parse_number

#: Decimals a typed target is echoed with, at most.
MAX_TYPED_DECIMALS = 6


def typed_value_text(texts: Texts, analysis: Analysis, value: float, unit: str) -> str:
    """A value as it was typed, with its unit: every decimal typed is kept (``150,5 triệu
    đồng/người/năm``), none is added.
    """
    if not math.isfinite(value):
        return texts("value.unknown")
    exponent = decimal.Decimal(repr(float(value))).normalize().as_tuple().exponent
    decimals = min(MAX_TYPED_DECIMALS, max(0, -int(exponent)))
    amount = number(texts, value, decimals=decimals)
    return with_unit(texts, analysis.catalogue, amount, unit, count=value)


def _change_unit(analysis: Analysis, indicator: str) -> str:
    return "percent" if analysis.projections[indicator].change_unit == "%" else "points"


def scenario_sentence(
    analysis: Analysis, texts: Texts, indicator: str, change: float, target: float
) -> str:
    """What a scenario of ``change`` a year leads to, and how likely it and ``target`` are."""
    ind = analysis.catalogue[indicator]
    projection = analysis.projections[indicator]
    year = analysis.settings.plan_end
    path = projection.growth_path(change)
    end = float(path["value"].iloc[-1])
    unit = _change_unit(analysis, indicator)
    return texts(
        "explorer.scenario",
        change=change_text(texts, analysis.catalogue, change, unit, ind.unit, signed=True),
        value=value_text(texts, analysis.catalogue, end, ind.unit, whole=ind.spec.whole_numbers),
        year=year,
        start=int(projection.years[-1]),  # the path starts from the last figure's year
        start_value=value_text(texts, analysis.catalogue, float(projection.values[-1]), ind.unit),
        probability=probability_text(texts, probability_of_target(projection, ind, end, year)),
        target=typed_value_text(texts, analysis, target, ind.unit),
        target_probability=probability_text(
            texts, probability_of_target(projection, ind, target, year)
        ),
    )


def target_sentence(analysis: Analysis, texts: Texts, indicator: str, target: float) -> str:
    """How likely a proposed ``target`` is in the next plan's last year."""
    ind = analysis.catalogue[indicator]
    year = analysis.settings.plan_end
    p = probability_of_target(analysis.projections[indicator], ind, target, year)
    return texts(
        "explorer.target",
        name=indicator_name(texts, analysis.catalogue, indicator),
        year=year,
        target=typed_value_text(texts, analysis, target, ind.unit),
        probability=probability_text(texts, p),
    )


def example_values(analysis: Analysis, indicator: str) -> tuple[float, float]:
    """A fixed example: a scenario that reaches the upper end of the 80% range (its yearly change
    to half a unit), and the projected median, rounded, as a target to try."""
    p = analysis.projections[indicator]
    last, high = float(p.values[-1]), float(p.upper80[-1])
    years = int(p.horizon_years[-1] - p.years[-1])
    if p.change_unit == "%" and last > 0 and high > 0:
        change = 100 * ((high / last) ** (1 / years) - 1)
    else:
        change = (high - last) / years
    return round(change * 2) / 2, float(rounded(float(p.point[-1])))


def carried_over(analysis: Analysis, old: str, new: str) -> tuple[bool, bool]:
    """Whether a typed target and a chosen yearly change still mean something when the indicator
    changes from ``old`` to ``new``: the target if the unit is the same, the change if it is
    measured the same way (percent a year, or points a year of the same unit).
    """
    cat = analysis.catalogue
    same_unit = cat[old].unit == cat[new].unit
    same_change = _change_unit(analysis, old) == _change_unit(analysis, new) and (
        _change_unit(analysis, new) == "percent" or same_unit
    )
    return same_unit, same_change


def explorer(analysis: Analysis, texts: Texts, with_scenario: bool = True):
    """The widget: an indicator list, a yearly change (scenario) and a target box; a chart and a
    sentence update.

    The target is applied on Enter or when the box is left (not on every keystroke); the
    sentence echoes it as typed; labels are shown whole.
    """
    import ipywidgets as widgets

    from .blocks import Figure

    indicators = list(analysis.projections)
    if not indicators:
        return widgets.HTML(texts("explorer.nothing"))
    label_style = {"description_width": "initial"}
    choose = widgets.Dropdown(
        options=[(indicator_name(texts, analysis.catalogue, i, start=True), i) for i in indicators],
        description=texts("explorer.indicator"),
        style=label_style,
        layout=widgets.Layout(width="max-content", max_width="100%"),
    )
    change = widgets.FloatSlider(
        min=-20,
        max=40,
        step=0.5,
        readout=False,
        description=texts("explorer.change"),
        style=label_style,
        layout=widgets.Layout(width="32em"),
    )
    change_shown = widgets.Label()
    target = widgets.Text(
        description=texts("explorer.target_box"),
        continuous_update=False,
        style=label_style,
        placeholder=texts.number(3000.5),
    )
    chart = widgets.Image(format="png", layout=widgets.Layout(max_width="945px"))
    sentence = widgets.HTML()

    def reset(indicator: str, keep_target: bool = False, keep_change: bool = False) -> None:
        c, t = example_values(analysis, indicator)
        if not keep_change:
            change.value = c
        if not keep_target:
            target.value = texts.number(t)

    def update(*_) -> None:
        indicator = choose.value
        ind = analysis.catalogue[indicator]
        change_shown.value = change_text(
            texts,
            analysis.catalogue,
            change.value,
            _change_unit(analysis, indicator),
            ind.unit,
            signed=True,
        )
        try:
            value = parse_number(target.value, texts.number_locale)  # type: ignore[arg-type]
        except ValueError:
            value = math.nan
        if math.isnan(value):
            sentence.value = f"<p>{escape(texts('explorer.bad_number', value=target.value))}</p>"
            chart.layout.display = "none"
            return
        projection = analysis.projections[indicator]
        scenario = projection.growth_path(change.value) if with_scenario else None
        figure = Figure(
            "explorer",
            "",
            lambda: indicator_chart(
                analysis, texts, indicator, projection, scenario=scenario, proposed=value
            ),
        )
        chart.value = figure.png()
        chart.layout.display = None
        text = (
            scenario_sentence(analysis, texts, indicator, change.value, value)
            if with_scenario
            else target_sentence(analysis, texts, indicator, value)
        )
        sentence.value = f"<p>{escape(text)}</p>"

    updating = {"on": False}

    def on_indicator(event) -> None:
        keep_target, keep_change = carried_over(analysis, event["old"], event["new"])
        updating["on"] = True
        try:
            reset(event["new"], keep_target, keep_change)
        finally:
            updating["on"] = False
        update()

    def on_value(*_) -> None:
        if not updating["on"]:
            update()

    choose.observe(on_indicator, "value")
    change.observe(on_value, "value")
    target.observe(on_value, "value")
    reset(choose.value)
    update()
    rows = [choose, widgets.HBox([change, change_shown])] if with_scenario else [choose]
    return widgets.VBox(rows + [target, chart, sentence])
