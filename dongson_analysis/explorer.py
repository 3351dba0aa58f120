"""Interactive explorers for JupyterLab: a growth scenario, and the probability of a target you
propose.

Any projected indicator can be chosen from a list. Numbers are shown and typed the
way the language writes them (``19,5`` in Vietnamese): the slider shows no
readout of its own, the sentence beside it does. The static pages show a fixed
example instead (see the chapters).
"""

from __future__ import annotations

import math

from .analysis import Analysis
from .charts import indicator_chart
from .formatting import change_text, indicator_name, probability_text, rounded, value_text
from .judgement import probability_of_target
from .l10n import Texts
from .numbers import parse_number


def scenario_sentence(
    analysis: Analysis, texts: Texts, indicator: str, change: float, target: float
) -> str:
    """What a scenario of ``change`` a year leads to, and how likely it and ``target`` are."""
    ind = analysis.catalogue[indicator]
    projection = analysis.projections[indicator]
    year = analysis.settings.plan_end
    path = projection.growth_path(change)
    end = float(path["value"].iloc[-1])
    unit = "percent" if projection.change_unit == "%" else "points"
    return texts(
        "explorer.scenario",
        change=change_text(texts, analysis.catalogue, change, unit, ind.unit, signed=True),
        value=value_text(texts, analysis.catalogue, end, ind.unit, whole=ind.spec.whole_numbers),
        year=year,
        probability=probability_text(texts, probability_of_target(projection, ind, end, year)),
        target=value_text(
            texts, analysis.catalogue, target, ind.unit, whole=ind.spec.whole_numbers
        ),
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
        target=value_text(
            texts, analysis.catalogue, target, ind.unit, whole=ind.spec.whole_numbers
        ),
        probability=probability_text(texts, p),
    )


def example_values(analysis: Analysis, indicator: str) -> tuple[float, float]:
    """A fixed example: a scenario that reaches the upper end of the 80% range (its yearly change to
    half a
    unit), and the projected median, rounded, as a target to try."""
    p = analysis.projections[indicator]
    last, high = float(p.values[-1]), float(p.upper80[-1])
    years = int(p.horizon_years[-1] - p.years[-1])
    if p.change_unit == "%" and last > 0 and high > 0:
        change = 100 * ((high / last) ** (1 / years) - 1)
    else:
        change = (high - last) / years
    return round(change * 2) / 2, float(rounded(float(p.point[-1])))


def explorer(analysis: Analysis, texts: Texts, with_scenario: bool = True):
    """The widget: an indicator list, a yearly change (scenario) and a target box; a chart and
    sentences update.
    """
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    from .blocks import Figure

    indicators = list(analysis.projections)
    if not indicators:
        return widgets.HTML(texts("explorer.nothing"))
    choose = widgets.Dropdown(
        options=[(indicator_name(texts, analysis.catalogue, i, start=True), i) for i in indicators],
        description=texts("explorer.indicator"),
    )
    change = widgets.FloatSlider(
        min=-20, max=40, step=0.5, readout=False, description=texts("explorer.change")
    )
    change_shown = widgets.Label()
    target = widgets.Text(description=texts("explorer.target_box"))
    out = widgets.Output()

    def reset(*_):
        c, t = example_values(analysis, choose.value)
        change.value = c
        target.value = texts.number(t)

    def update(*_):
        ind = analysis.catalogue[choose.value]
        unit = "percent" if analysis.projections[choose.value].change_unit == "%" else "points"
        change_shown.value = change_text(
            texts, analysis.catalogue, change.value, unit, ind.unit, signed=True
        )
        try:
            value = parse_number(target.value, texts.number_locale)  # type: ignore[arg-type]
        except ValueError:
            value = math.nan
        with out:
            out.clear_output(wait=True)
            if math.isnan(value):
                display(Markdown(texts("explorer.bad_number", value=target.value)))
                return
            scenario = (
                analysis.projections[choose.value].growth_path(change.value)
                if with_scenario
                else None
            )
            figure = Figure(
                "explorer",
                "",
                lambda: indicator_chart(
                    analysis,
                    texts,
                    choose.value,
                    analysis.projections[choose.value],
                    scenario=scenario,
                    proposed=value,
                ),
            )
            from IPython.display import Image

            display(Image(data=figure.png(), format="png"))
            text = (
                scenario_sentence(analysis, texts, choose.value, change.value, value)
                if with_scenario
                else target_sentence(analysis, texts, choose.value, value)
            )
            display(Markdown(text))

    choose.observe(lambda *_: (reset(), update()), "value")
    change.observe(update, "value")
    target.observe(update, "value")
    reset()
    update()
    rows = [choose, widgets.HBox([change, change_shown])] if with_scenario else [choose]
    return widgets.VBox(rows + [target, out])
