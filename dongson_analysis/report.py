"""The report: notebook helpers, and regeneration of every chapter to HTML.

Notebooks call :class:`Context` (data, judgements, projections in one place) and
the small display helpers below; all logic lives in the library.
:func:`regenerate` runs every notebook of ``notebooks/`` with its parameters,
writes it back with its outputs (deterministic: no timings, no widget state) and
exports HTML with embedded figures to ``reports/``, with an index page.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from .catalogue import Catalogue, catalogue, lower_first
from .narrative import (describe, format_value, history_paragraph, judgement_paragraph, projection_for,
                        projection_paragraph, proposal_paragraph, rounded)
from .numbers import format_number
from .paths import NOTEBOOKS_DIR, REPO_ROOT, REPORTS_DIR
from .projection import Projection
from .problems import ValidationError
from .records import STATUSES, select_series, validate_paths
from .targets import assess_targets, probability_of_target, propose_targets, status_label

BENCHMARK_RESULTS = REPO_ROOT / "benchmarks" / "results"
#: Default parameters of every chapter (the cell tagged ``parameters``).
DEFAULT_PARAMETERS: dict[str, Any] = {
    "data_paths": None, "lang": "vi", "area": "dong_son", "area_name": "Đông Sơn",
    "base_year": 2015, "target_year": 2020, "plan_end": 2025,
}
STATUS_LABELS = {"vi": {"actual": "thực hiện", "estimate": "ước", "target": "chỉ tiêu", "derived": "suy ra"},
                 "en": {"actual": "actual", "estimate": "estimate", "target": "target", "derived": "derived"}}
COLUMN_LABELS = {
    "vi": {"indicator": "Chỉ tiêu", "unit": "Đơn vị", "period": "Kỳ", "value": "Giá trị", "status": "Trạng thái",
           "source_id": "Nguồn", "years": "Các năm có số liệu", "missing": "Cần bổ sung", "first": "Đầu kỳ",
           "last": "Cuối kỳ", "change": "Thay đổi bình quân/năm", "method": "Phương pháp", "year": "Năm",
           "point": "Dự báo", "range80": "Khoảng 80%", "range95": "Khoảng 95%", "target": "Mục tiêu",
           "judgement": "Đánh giá", "probability": "Khả năng đạt", "required": "Cần đạt mỗi năm",
           "safe": "An toàn (80%)", "expected": "Kỳ vọng (50%)", "stretch": "Phấn đấu (20%)",
           "publisher": "Nơi công bố", "published": "Ngày", "what_it_covers": "Nội dung", "count": "Số liệu"},
    "en": {"indicator": "Indicator", "unit": "Unit", "period": "Period", "value": "Value", "status": "Status",
           "source_id": "Source", "years": "Years with figures", "missing": "To add", "first": "First",
           "last": "Last", "change": "Average change a year", "method": "Method", "year": "Year",
           "point": "Projection", "range80": "80% range", "range95": "95% range", "target": "Target",
           "judgement": "Judgement", "probability": "Probability", "required": "Needed a year",
           "safe": "Safe (80%)", "expected": "Expected (50%)", "stretch": "Stretch (20%)",
           "publisher": "Publisher", "published": "Date", "what_it_covers": "Covers", "count": "Figures"},
}


def _fmt(value: float, lang: str, digits: int | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return format_number(rounded(value), lang) if digits is None else format_number(value, lang, decimals=digits)


BENCHMARK_TARGETS = {"smape": 0.95, "mase": 0.95, "msis": 0.8}


def _indexed(rows: list[dict]) -> pd.DataFrame:
    """A display table whose index is its first column (so that no row numbers are shown)."""
    frame = pd.DataFrame(rows)
    return frame.set_index(frame.columns[0]) if len(frame.columns) else frame


@dataclass
class Context:
    """Everything a chapter needs, computed once from the parameters."""

    lang: str
    area: str
    area_name: str
    base_year: int
    target_year: int
    plan_end: int
    observations: pd.DataFrame
    sources: pd.DataFrame
    catalogue: Catalogue
    judgements: pd.DataFrame
    projections: dict[str, Projection] = field(default_factory=dict)

    @classmethod
    def load(cls, data_paths: Sequence[str] | None = None, lang: str = "vi", area: str = "dong_son",
             area_name: str = "Đông Sơn", base_year: int = 2015, target_year: int = 2020,
             plan_end: int = 2025) -> "Context":
        paths = [Path(p) for p in data_paths] if data_paths else None
        report = validate_paths(paths)
        if not report.ok:
            raise ValidationError(report.problems)
        obs = report.observations
        cat = catalogue()
        ctx = cls(lang, area, area_name, base_year, target_year, plan_end, obs, report.sources, cat,
                  assess_targets(obs, lang=lang, area=area, cat=cat))
        for ind in cat:
            series = select_series(obs, ind.id, area)
            projection, _ = projection_for(series, ind, lang, plan_end, cat)
            if projection is not None and projection.has_projection:
                ctx.projections[ind.id] = projection
        return ctx

    # -- helpers ---------------------------------------------------------------------------
    def col(self, key: str) -> str:
        return COLUMN_LABELS[self.lang][key]

    def name(self, indicator: str) -> str:
        return self.catalogue[indicator].name(self.lang)

    def unit(self, indicator: str) -> str:
        return self.catalogue.unit_label(self.catalogue[indicator].unit, self.lang)

    def area_rows(self) -> pd.DataFrame:
        return self.observations[self.observations["area"] == self.area]

    def indicators_with_actuals(self) -> list[str]:
        rows = self.area_rows()
        found = set(rows.loc[rows["status"].isin(["actual", "estimate"]) | (rows["derived_status"].isin(
            ["actual", "estimate"])), "indicator"])
        return [i.id for i in self.catalogue if i.id in found]

    def seed_judgements(self) -> pd.DataFrame:
        """The annual targets of the target year (for Đông Sơn: the seed article's 2020 targets)."""
        return self.judgements[self.judgements["target_period"] == str(self.target_year)]

    def term_judgements(self) -> pd.DataFrame:
        """Targets for the whole term ending in the target year (e.g. 2016–2020)."""
        j = self.judgements
        return j[j["target_period"].str.contains("-") & (j["target_year"] == self.target_year)]

    def featured_indicators(self, count: int = 2) -> list[str]:
        """Indicators shown in detail: those with the most yearly figures (income and poverty first on ties)."""
        preferred = ["income_per_capita", "poverty_rate"]
        ranked = sorted(self.projections, key=lambda i: (-len(self.projections[i].years),
                                                          preferred.index(i) if i in preferred else 99, i))
        return ranked[:count]

    # -- chapter 1 -------------------------------------------------------------------------
    def record_overview(self) -> pd.DataFrame:
        """Counts of figures by indicator and status."""
        rows = self.area_rows()
        table = rows.pivot_table(index="indicator", columns="status", values="value", aggfunc="count", fill_value=0)
        table = table.reindex(columns=list(STATUSES), fill_value=0).astype(int)
        table.index = [self.name(i) for i in table.index]
        table.columns = [STATUS_LABELS[self.lang][c] for c in table.columns]
        table.index.name = self.col("indicator")
        return table

    def sources_table(self) -> pd.DataFrame:
        used = set(self.area_rows()["source_id"])
        table = self.sources[self.sources["source_id"].isin(used)][["source_id", "publisher", "published", "what_it_covers"]]
        return table.rename(columns={c: self.col(c) for c in table.columns}).reset_index(drop=True)

    def gaps_table(self) -> pd.DataFrame:
        """For each indicator with a target: the yearly figures known and those planners should add."""
        targets = self.judgements
        rows = []
        for indicator in dict.fromkeys(targets["indicator"]):
            series = select_series(self.observations, indicator, self.area)
            years = [int(y) for y in series["period_start"] if self.base_year <= y <= self.target_year]
            missing = [y for y in range(self.base_year, self.target_year + 1) if y not in years]
            rows.append({self.col("indicator"): self.name(indicator), self.col("unit"): self.unit(indicator),
                         self.col("years"): ", ".join(map(str, years)),
                         self.col("missing"): ", ".join(map(str, missing))})
        return _indexed(rows)

    def overview_text(self) -> str:
        rows = self.area_rows()
        n_with = len(self.indicators_with_actuals())
        n_ind = rows["indicator"].nunique()
        n_targets = int((rows["status"] == "target").sum())
        n_actual = int(rows["status"].isin(["actual", "estimate"]).sum())
        if self.lang == "vi":
            return (f"Hồ sơ của huyện {self.area_name} có {len(rows)} số liệu về {n_ind} chỉ tiêu, từ "
                    f"{rows['source_id'].nunique()} nguồn: {n_actual} số thực hiện hoặc ước, {n_targets} chỉ tiêu kế hoạch. "
                    f"Chỉ {n_with} chỉ tiêu có ít nhất một số thực hiện; phần lớn chỉ có một đến ba số liệu, "
                    f"nên nhiều kết luận dưới đây còn dè dặt.")
        return (f"The record of {self.area_name} district holds {len(rows)} figures on {n_ind} indicators from "
                f"{rows['source_id'].nunique()} sources: {n_actual} actuals or estimates and {n_targets} plan targets. "
                f"Only {n_with} indicators have at least one actual figure; most have one to three, "
                f"so many conclusions below are tentative.")

    # -- chapter 2 -------------------------------------------------------------------------
    def trends_table(self) -> pd.DataFrame:
        rows = []
        for indicator in self.indicators_with_actuals():
            series = select_series(self.observations, indicator, self.area)
            if series.empty:
                continue
            first, last = series.iloc[0], series.iloc[-1]
            p = self.projections.get(indicator)
            change = ""
            if p is not None and not math.isnan(p.annual_change):
                change = _fmt(p.annual_change, self.lang) + ("%" if p.change_unit == "%" else
                                                             (" điểm" if self.lang == "vi" else " points"))
            rows.append({self.col("indicator"): self.name(indicator), self.col("unit"): self.unit(indicator),
                         self.col("first"): f"{_fmt(float(first['value']), self.lang)} ({int(first['period_start'])})",
                         self.col("last"): f"{_fmt(float(last['value']), self.lang)} ({int(last['period_start'])})",
                         self.col("count"): len(series), self.col("change"): change})
        return _indexed(rows)

    def history_paragraphs(self) -> str:
        parts = []
        for indicator in self.indicators_with_actuals():
            series = select_series(self.observations, indicator, self.area)
            if len(series):
                parts.append("- " + history_paragraph(series, self.catalogue[indicator], self.lang, self.catalogue))
        return "\n".join(parts)

    # -- chapter 3 -------------------------------------------------------------------------
    def projection_table(self, indicator: str) -> pd.DataFrame:
        p = self.projections[indicator]
        rng = lambda a, b: f"{_fmt(a, self.lang)}–{_fmt(b, self.lang)}"  # noqa: E731
        return pd.DataFrame({
            self.col("year"): [str(int(y)) for y in p.horizon_years],
            self.col("point"): [_fmt(v, self.lang) for v in p.point],
            self.col("range80"): [rng(a, b) for a, b in zip(p.lower80, p.upper80)],
            self.col("range95"): [rng(a, b) for a, b in zip(p.lower95, p.upper95)],
        }).set_index(self.col("year"))

    def projection_paragraphs(self) -> str:
        """One paragraph per projected indicator, then one sentence naming those not projected."""
        from .narrative import templates

        parts, not_projected = [], []
        for indicator in self.indicators_with_actuals():
            if indicator in self.projections:
                parts.append("- " + projection_paragraph(self.projections[indicator], self.catalogue[indicator],
                                                         self.lang, cat=self.catalogue))
            elif self.catalogue[indicator].kind != "milestone" and len(
                    select_series(self.observations, indicator, self.area)):
                not_projected.append(lower_first(self.name(indicator)))
        if not_projected:
            parts.append("\n" + templates()["projection"]["none_list"][self.lang].format(names="; ".join(not_projected)))
        return "\n".join(parts)

    # -- chapter 4 -------------------------------------------------------------------------
    def judgement_table(self, judgements: pd.DataFrame | None = None) -> pd.DataFrame:
        j = self.seed_judgements() if judgements is None else judgements
        rows = []
        for r in j.itertuples():
            ind = self.catalogue[r.indicator]
            rate = "" if pd.isna(r.required_annual_rate) else (
                _fmt(r.required_annual_rate, self.lang) + ("%" if r.rate_unit == "%/year" else " " + (
                    "điểm" if self.lang == "vi" and "points" in r.rate_unit else r.rate_unit.replace("/year", ""))))
            rows.append({self.col("indicator"): self.name(r.indicator), self.col("period"): r.target_period,
                         self.col("source_id"): r.source_id,
                         self.col("target"): format_value(r.target_value, ind.unit, self.lang, self.catalogue, exact=True),
                         self.col("judgement"): status_label(r.status, self.lang),
                         self.col("probability"): "" if pd.isna(r.probability) else f"{_fmt(100 * r.probability, self.lang, 0)}%",
                         self.col("required"): rate})
        return _indexed(rows)

    def judgement_paragraphs(self, judgements: pd.DataFrame | None = None) -> str:
        j = self.seed_judgements() if judgements is None else judgements
        return "\n".join("- " + judgement_paragraph(r, self.lang, self.catalogue) for _, r in j.iterrows())

    def status_counts_text(self, judgements: pd.DataFrame | None = None) -> str:
        j = self.seed_judgements() if judgements is None else judgements
        counts = j["status"].value_counts()
        parts = [f"{status_label(s, self.lang).lower()}: {int(counts[s])}" for s in
                 ("achieved", "on_track", "acceleration_needed", "limited_progress", "deterioration", "not_assessable")
                 if s in counts]
        lead = "Kết quả đánh giá" if self.lang == "vi" else "Judgements"
        return f"{lead} ({len(j)}): " + "; ".join(parts) + "."

    # -- chapter 5 -------------------------------------------------------------------------
    def proposals(self) -> pd.DataFrame:
        return propose_targets(self.observations, self.plan_end, self.area, self.catalogue)

    def proposal_table(self) -> pd.DataFrame:
        rows = []
        for r in self.proposals().itertuples():
            rows.append({self.col("indicator"): self.name(r.indicator), self.col("unit"): self.unit(r.indicator),
                         self.col("last"): f"{_fmt(r.last_value, self.lang)} ({r.last_period})",
                         self.col("safe"): _fmt(r.safe, self.lang), self.col("expected"): _fmt(r.expected, self.lang),
                         self.col("stretch"): _fmt(r.stretch, self.lang)})
        return _indexed(rows)

    def proposal_paragraphs(self) -> str:
        return "\n".join("- " + proposal_paragraph(r, self.catalogue[r["indicator"]], self.lang, self.catalogue)
                         for _, r in self.proposals().iterrows())

    def probability_of(self, indicator: str, value: float, year: int | None = None) -> float:
        return probability_of_target(self.observations, indicator, value, year or self.plan_end, self.area,
                                     self.catalogue)

    def proposal_probability_text(self, indicator: str, value: float):
        """The probability of a target value that planners propose, in a sentence."""
        p = self.probability_of(indicator, value)
        ind = self.catalogue[indicator]
        shown = format_value(value, ind.unit, self.lang, self.catalogue)
        if self.lang == "vi":
            text = f"Khả năng đạt {shown} ({lower_first(self.name(indicator))}) năm {self.plan_end}: {_fmt(100 * p, 'vi', 0)}%."
        else:
            text = f"Probability of reaching {shown} ({self.name(indicator)}) in {self.plan_end}: {_fmt(100 * p, 'en', 0)}%."
        return markdown(text)

    def describe(self, indicator: str) -> str:
        return "\n\n".join(describe(indicator, self.observations, self.lang, self.area, self.plan_end, self.catalogue))

    # -- interactive ----------------------------------------------------------------------
    def scenario_explorer(self, indicator: str):
        """Sliders for a growth path and a target value; the chart and the probability update."""
        import ipywidgets as widgets
        import matplotlib.pyplot as plt
        from IPython.display import display

        from .charts import indicator_chart

        p = self.projections[indicator]
        unit = "%/năm" if self.lang == "vi" else "% a year"
        growth = widgets.FloatSlider(value=round(p.annual_change, 1) if not math.isnan(p.annual_change) else 5.0,
                                     min=-20, max=40, step=0.5, description=unit)
        target = widgets.FloatText(value=round(float(p.point[-1]), 1), description=self.col("target"))
        out = widgets.Output()

        def update(*_):
            with out:
                out.clear_output(wait=True)
                show(self.scenario_figure(indicator, growth.value, target.value))
                display(self.scenario_text(indicator, growth.value, target.value))

        growth.observe(update, "value")
        target.observe(update, "value")
        update()
        return widgets.VBox([growth, target, out])

    def scenario_figure(self, indicator: str, growth: float, target: float):
        from .charts import PALETTE, indicator_chart

        p = self.projections[indicator]
        fig = indicator_chart(self.observations, indicator, self.lang, p, None, self.area, self.catalogue)
        ax = fig.axes[0]
        path = p.growth_path(growth)
        ax.plot(path["year"], path["value"], color=PALETTE["vermillion"], lw=1.5,
                label=("Kịch bản" if self.lang == "vi" else "Scenario"))
        ax.plot([self.plan_end], [target], ls="none", marker="D", ms=9, mfc=PALETTE["yellow"], mec="black")
        ax.legend(loc="best", fontsize=8, ncols=2)
        return fig

    def scenario_text(self, indicator: str, growth: float, target: float):
        from IPython.display import Markdown

        p = self.projections[indicator]
        path = p.growth_path(growth)
        prob_path = float(path["probability_at_least"].iloc[-1])
        prob_target = p.probability_at_least(target, self.plan_end)
        ind = self.catalogue[indicator]
        value = format_value(float(path["value"].iloc[-1]), ind.unit, self.lang, self.catalogue)
        tv = format_value(target, ind.unit, self.lang, self.catalogue)
        if self.lang == "vi":
            text = (f"Kịch bản tăng {_fmt(growth, 'vi')}%/năm dẫn tới {value} năm {self.plan_end}; "
                    f"khả năng đạt mức này: {_fmt(100 * prob_path, 'vi', 0)}%. "
                    f"Khả năng đạt mục tiêu {tv}: {_fmt(100 * prob_target, 'vi', 0)}%.")
        else:
            text = (f"Growth of {_fmt(growth, 'en')}% a year leads to {value} in {self.plan_end}; "
                    f"probability of reaching it: {_fmt(100 * prob_path, 'en', 0)}%. "
                    f"Probability of reaching the target {tv}: {_fmt(100 * prob_target, 'en', 0)}%.")
        return Markdown(text)

    # -- chapter 6 -------------------------------------------------------------------------
    def benchmark_table(self, name: str) -> pd.DataFrame:
        path = BENCHMARK_RESULTS / f"{name}.csv"
        table = pd.read_csv(path)
        for c in ("smape", "mase", "coverage80", "coverage95", "msis"):
            table[c] = [_fmt(v, self.lang, 3 if c.startswith("coverage") else 2) for v in table[c]]
        table["seconds_per_1000"] = [_fmt(v, self.lang, 3) for v in table["seconds_per_1000"]]
        return table.set_index("method")

    def weights_table(self, horizon: int = 5) -> pd.DataFrame:
        """Weights of the five simple methods for five-value series, by number of rising years."""
        from .forecast_core import CANDIDATES, MAX_WINDOW, calibrations

        names = {"vi": {"naive": "Giữ nguyên", "drift": "Xu hướng TB", "trend": "Đường thẳng",
                        "damped": "Xu hướng giảm dần", "theta": "Theta"},
                 "en": {"naive": "No change", "drift": "Drift", "trend": "Straight line", "damped": "Damped drift",
                        "theta": "Theta"}}[self.lang]
        weights = calibrations()[MAX_WINDOW].weights[horizon - 1]
        label = "Số năm tăng (trên 4)" if self.lang == "vi" else "Rising years (of 4)"
        frame = pd.DataFrame([[_fmt(100 * w, self.lang, 0) + "%" for w in row] for row in weights],
                             columns=[names[c] for c in CANDIDATES])
        frame.index = pd.Index([str(g) for g in range(len(weights))], name=label)
        return frame

    def benchmark_summary(self, name: str):
        """Which accuracy targets our method meets on a benchmark, in words (from the results file)."""
        table = pd.read_csv(BENCHMARK_RESULTS / f"{name}.csv")
        me = table[table["method"] == "dongson_analysis"].iloc[0]
        # a peer counts only if it forecast every series (AutoETS refuses most five-value series)
        peers = table[(table["method"] != "dongson_analysis") & (table["n_series"] == table["n_series"].max())]
        vi = self.lang == "vi"
        lines = []
        for metric, factor in BENCHMARK_TARGETS.items():
            best = peers.loc[peers[metric].idxmin()]
            limit = factor * float(best[metric])
            met = float(me[metric]) <= limit
            verdict = ("đạt" if met else "chưa đạt") if vi else ("met" if met else "not met")
            lines.append(f"- {metric.upper()}: {_fmt(float(me[metric]), self.lang, 2)} "
                         + (f"so với ngưỡng {_fmt(limit, self.lang, 2)} ({_fmt(factor, self.lang)} × {best['method']}): {verdict}"
                            if vi else f"against {_fmt(limit, self.lang, 2)} ({_fmt(factor, self.lang)} × {best['method']}): {verdict}"))
        for level in (80, 95):
            cov = float(me[f"coverage{level}"])
            met = abs(cov - level / 100) <= 0.03
            verdict = ("đạt" if met else "chưa đạt") if vi else ("met" if met else "not met")
            lines.append(f"- {'Độ phủ' if vi else 'Coverage'} {level}%: {_fmt(100 * cov, self.lang, 1)}% "
                         + (f"(mục tiêu {level} ± 3 điểm): {verdict}" if vi else f"(target {level} ± 3 points): {verdict}"))
        speed_path = BENCHMARK_RESULTS / f"{name}_speed.csv"
        if speed_path.exists():
            speed = pd.read_csv(speed_path).set_index("method")["seconds"]
            if "statsforecast_AutoARIMA" in speed:
                ratio = speed["statsforecast_AutoARIMA"] / speed["dongson_analysis"]
                lines.append(f"- {'Tốc độ (10.000 chuỗi)' if vi else 'Speed (10,000 series)'}: "
                             f"{_fmt(float(speed['dongson_analysis']), self.lang, 3)} s; AutoARIMA "
                             f"{_fmt(float(speed['statsforecast_AutoARIMA']), self.lang, 0)} s "
                             f"({'nhanh hơn' if vi else 'faster by'} {_fmt(float(ratio), self.lang, 0)}×)")
        return markdown("\n".join(lines))


def show(fig) -> None:
    """Display a matplotlib figure once in a notebook as a PNG, then close it.

    The PNG is rendered here (fixed size and resolution, no software stamp), so
    the output does not depend on the notebook's matplotlib backend.
    """
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png"))


def markdown(text: str):
    """Show text as Markdown in a notebook."""
    from IPython.display import Markdown

    return Markdown(text)


# -- regeneration ---------------------------------------------------------------------------

def _inject_parameters(nb, parameters: dict[str, Any]) -> None:
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            lines = [f"{k} = {v!r}" for k, v in parameters.items()]
            cell.source = "# Parameters\n" + "\n".join(lines)
            return
    raise ValueError("the notebook has no cell tagged 'parameters'")


def _clean(nb) -> None:
    """Remove everything that changes from run to run."""
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if "interactive" in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None


def run_notebook(path: Path, parameters: dict[str, Any] | None = None, write: bool = True, timeout: int = 300):
    """Execute one chapter with ``parameters``; write it back (cleaned) if ``write``."""
    import sys

    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    params = {**DEFAULT_PARAMETERS, **(parameters or {})}
    _inject_parameters(nb, params)
    # this environment's kernel first, so that the chapters run with this installation of the library
    specs = KernelSpecManager()
    specs.kernel_dirs = [str(Path(sys.prefix) / "share" / "jupyter" / "kernels"), *specs.kernel_dirs]
    km = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3", record_timing=False,
                            store_widget_state=True, resources={"metadata": {"path": str(path.parent)}})
    import subprocess

    # the kernel's own start-up chatter is not for planners; cell errors still arrive as messages
    client.execute(stderr=subprocess.DEVNULL)
    _clean(nb)
    if write:
        nbformat.write(nb, path)
    return nb


STYLESHEET = """body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; max-width: 64rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
.jp-InputArea, .input_area { background: #f5f5f5; border: 1px solid #e0e0e0; margin: 0.6rem 0; padding: 0.2rem 0.6rem;
  overflow-x: auto; }
pre { margin: 0.3rem 0; font-size: 0.85rem; }
table.dataframe { border-collapse: collapse; font-size: 0.85rem; margin: 0.6rem 0; }
table.dataframe th, table.dataframe td { padding: 0.25rem 0.6rem; text-align: right; border-bottom: 1px solid #e5e5e5; }
table.dataframe tbody tr:nth-child(odd) { background: #fafafa; }
img { max-width: 100%; height: auto; }
nav { margin-bottom: 1.5rem; font-size: 0.9rem; }
"""


def export_html(nb, path: Path, stylesheet: str = "style.css", lang: str = "vi") -> None:
    """Write a notebook as an HTML page with embedded figures, linking one shared stylesheet."""
    from nbconvert import HTMLExporter
    from pygments.formatters import HtmlFormatter

    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    home = "Mục lục" if lang == "vi" else "Contents"
    path.write_text(f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{html.escape(_title(nb))}</title>
<link rel="stylesheet" href="{stylesheet}"></head>
<body>
<nav><a href="index.html">{home}</a></nav>
<main>
{body}
</main>
</body>
</html>
""", encoding="utf-8")
    (path.parent / stylesheet).write_text(STYLESHEET + HtmlFormatter().get_style_defs(".highlight") + "\n",
                                          encoding="utf-8")


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("# ").strip()
    return "Chapter"


def write_index(titles: list[tuple[str, str]], path: Path, area_name: str, lang: str) -> None:
    heading = (f"Báo cáo phân tích chỉ tiêu kinh tế – xã hội huyện {area_name}" if lang == "vi"
               else f"{area_name} district: socio-economic indicators report")
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in titles)
    path.write_text(f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{html.escape(heading)}</title>
<link rel="stylesheet" href="style.css"></head>
<body>
<h1>{html.escape(heading)}</h1>
<ol>
{items}
</ol>
</body>
</html>
""", encoding="utf-8")


def regenerate(notebooks_dir: Path = NOTEBOOKS_DIR, reports_dir: Path = REPORTS_DIR,
               parameters: dict[str, Any] | None = None, write_notebooks: bool = True,
               english: bool = True) -> list[Path]:
    """Run every chapter, store it with its outputs, and export HTML (plus an English version).

    Returns the HTML files written.
    """
    reports_dir.mkdir(parents=True, exist_ok=True)
    params = {**DEFAULT_PARAMETERS, **(parameters or {})}
    written: list[Path] = []
    languages = [params["lang"]] + (["en"] if english and params["lang"] != "en" else [])
    for lang in languages:
        out_dir = reports_dir if lang == params["lang"] else reports_dir / lang
        out_dir.mkdir(parents=True, exist_ok=True)
        titles = []
        for path in sorted(notebooks_dir.glob("[0-9][0-9]_*.ipynb")):
            nb = run_notebook(path, {**params, "lang": lang}, write=write_notebooks and lang == params["lang"])
            target = out_dir / (path.stem + ".html")
            export_html(nb, target, lang=lang)
            titles.append((target.name, _title(nb)))
            written.append(target)
        write_index(titles, out_dir / "index.html", params["area_name"], lang)
        written.append(out_dir / "index.html")
    return written
