"""Charts: every indicator and seed target gets one; Vietnamese renders; deterministic; fixed size."""

from __future__ import annotations

import hashlib
import io
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex

from dongson_analysis import charts
from dongson_analysis.catalogue import catalogue
from dongson_analysis.narrative import projection_for
from dongson_analysis.records import load_observations, select_series
from dongson_analysis.targets import assess_targets

OBS = load_observations()
WITH_ACTUAL = sorted(set(OBS.loc[OBS["status"].isin(["actual", "estimate"]) & (OBS["area"] == "dong_son"), "indicator"]))
SEED = sorted(set(OBS.loc[(OBS["source_id"] == "S07") & (OBS["status"] == "target"), "indicator"]))
JUDGED = {lang: assess_targets(OBS, lang=lang) for lang in ("vi", "en")}


def render(fig) -> bytes:
    """Draw to PNG; fail on any missing-glyph warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    assert glyphs == []
    return buffer.getvalue()


def chart_for(indicator, lang):
    ind = catalogue()[indicator]
    projection, _ = projection_for(select_series(OBS, indicator), ind, lang)
    return charts.indicator_chart(OBS, indicator, lang, projection, JUDGED[lang])


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("indicator", sorted(set(WITH_ACTUAL) | set(SEED)))
def test_every_indicator_chart_renders_with_all_glyphs(indicator, lang):
    fig = chart_for(indicator, lang)
    assert tuple(fig.get_size_inches()) == charts.FIGSIZE and fig.dpi == charts.DPI
    assert render(fig)


def test_vietnamese_text_is_on_the_chart():
    fig = chart_for("income_per_capita", "vi")
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert any("Thu nhập bình quân đầu người" in t for t in texts)
    assert any("Khoảng 95%" == t for t in texts)
    render(fig)


def test_a_missing_glyph_is_caught():
    with charts.chart_style():
        fig, ax = plt.subplots()
        ax.set_title("\u0f00")  # a Tibetan syllable: not in DejaVu Sans
    with pytest.raises(AssertionError):
        render(fig)


def test_charts_are_deterministic():
    def digest():
        return hashlib.sha256(render(chart_for("income_per_capita", "vi"))).hexdigest()
    assert digest() == digest()


def test_dashboard_and_table_render():
    panels = [i for i in WITH_ACTUAL if i in catalogue()][:6]
    render(charts.dashboard(OBS, panels, "vi", judgements=JUDGED["vi"]))
    render(charts.targets_table(JUDGED["vi"][JUDGED["vi"]["source_id"] == "S07"], "vi"))
    render(charts.targets_table(JUDGED["en"], "en"))


def test_status_colours_are_okabe_ito():
    okabe_ito = {to_hex(c) for c in charts.PALETTE.values()}
    assert {to_hex(c) for c in charts.STATUS_COLOURS.values()} <= okabe_ito
    assert len(set(charts.STATUS_COLOURS.values())) == len(charts.STATUS_COLOURS)
