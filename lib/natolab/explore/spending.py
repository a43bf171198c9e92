"""Spending: Allies, a measure, a span of years, one NATO edition and target lines → chart and table.

Every value comes from :func:`natolab.metrics.country_series` (one Ally's series from one
edition, as in the country profile), every chart from :mod:`natolab.charts`; this module
only chooses, arranges and labels.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from natolab import charts, countries, data, editions, metrics, narrative, parameters, plots
from natolab.explore._view import View
from natolab.metrics.frames import join_names
from natolab.parameters import ParameterError

__all__ = [
    "CHARTS",
    "MEASURES",
    "REGIONS",
    "TARGET_LINES",
    "Measure",
    "SpendingView",
    "bar_table",
    "line_figure",
    "quick_picks",
    "series_table",
    "target_lines",
]


@dataclass(frozen=True)
class Measure:
    """One indicator of ``defence_expenditure`` as the view offers it."""

    indicator: str
    label: str  # in the dropdown
    title: str  # the chart's title
    unit: str  # the value axis; "{base}" is the edition's constant-price base year


MEASURES: dict[str, Measure] = {m.indicator: m for m in (
    Measure("share_of_gdp_pct", "Share of GDP", "Defence expenditure as a share of GDP", "% of GDP"),
    Measure("defence_expenditure_usd_current_m", "US$, current prices", "Defence expenditure in US$",
            "US$ million, current prices"),
    Measure("defence_expenditure_usd_constant_m", "US$, constant prices", "Defence expenditure in constant US$",
            "US$ million, constant {base} prices"),
    Measure("defence_expenditure_per_capita_usd_constant", "Per head", "Defence expenditure per head",
            "US$ per head, constant {base} prices"),
    Measure("equipment_share_pct", "Equipment share", "Major equipment incl. R&D, share of defence expenditure",
            "% of defence expenditure"),
    Measure("real_change_pct", "Real change", "Real change in defence expenditure on the year before",
            "% change, constant prices"),
)}

#: Target lines a share-of-GDP chart can carry: target id in the ``targets`` data → what the
#: line is; the threshold is read from the data. The 5% of The Hague counts related spending
#: too, which no NATO edition reports: the label says so.
TARGET_LINES: dict[str, str] = {
    "wales_2pct": "guideline",
    "hague_core_3_5pct": "core target",
    "hague_total_5pct": "core + related",
}

#: Groups of Allies for the quick picks that the data does not define: formats the Allies
#: themselves meet in (Bucharest Nine since 2015, Nordic-Baltic Eight since 1992).
REGIONS: dict[str, tuple[str, ...]] = {
    "Bucharest Nine": ("BGR", "CZE", "EST", "HUN", "LVA", "LTU", "POL", "ROU", "SVK"),
    "Nordic-Baltic Eight": ("DNK", "EST", "FIN", "ISL", "LVA", "LTU", "NOR", "SWE"),
}

CHARTS = {"lines": "Lines over the years", "bars": "Bars, last year"}
DEFAULT_ALLIES = ("BEL", "DEU", "FRA", "LUX", "NLD")  # Belgium and its neighbours
DEFAULT_TARGETS = ("wales_2pct", "hague_core_3_5pct")
_COLUMNS = ["iso3", "country", "year", "estimate", "edition"]


def target_lines(ids: Iterable[str] = TARGET_LINES) -> dict[str, float]:
    """{label: threshold} of the given targets, thresholds from the ``targets`` data ("2% guideline": 2.0)."""
    table = data.load("targets").set_index("target_id")
    out = {}
    for target_id in ids:
        threshold = float(table.loc[target_id, "threshold_pct"])
        out[f"{threshold:g}% {TARGET_LINES[target_id]}"] = threshold
    return out


def quick_picks() -> dict[str, list[str]]:
    """Named selections of Allies: all, European Allies and Canada, EU members, the regions."""
    allies = countries.allies()
    in_eu = set(metrics.eu_members_on()["iso3"])  # on the data's date
    picks = {
        "All Allies": allies,
        # NATO's own aggregate "European Allies and Canada" is every Ally but the United States.
        "European Allies + Canada": [code for code in allies if code != "USA"],
        "EU members": [code for code in allies if code in in_eu],
    }
    for region, codes in REGIONS.items():
        picks[region] = parameters.check_allies(region, list(codes)) or []
    return picks


def series_table(allies: Sequence[str], indicator: str, edition: str, years: tuple[int, int]) -> pd.DataFrame:
    """The Allies' series of ``indicator`` in one edition over ``years`` (inclusive), long form.

    Columns: iso3, country, year, <indicator>, estimate, edition. Years an Ally has no value
    for are absent (not zero).
    """
    table = pd.concat([metrics.country_series(code, indicator, edition=edition).assign(
        iso3=code, country=countries.name(code)) for code in allies], ignore_index=True)
    table = table.loc[table["year"].between(*years)].rename(columns={"value": indicator})
    return table[["iso3", "country", "year", indicator, "estimate", "edition"]].reset_index(drop=True)


def line_figure(table: pd.DataFrame, indicator: str, years: tuple[int, int], **chart: Any) -> Figure:
    """One line per Ally over every year of ``years`` (a year without a value breaks the line);
    years any Ally's value is an estimate for are drawn hollow."""
    wide = table.pivot(index="year", columns="country", values=indicator).reindex(range(years[0], years[1] + 1))
    wide["estimate"] = table.groupby("year")["estimate"].any().reindex(wide.index, fill_value=False)
    return charts.line_chart(wide.rename_axis("year").reset_index(), "year",
                             {name: name for name in table["country"].unique()}, estimate="estimate", **chart)


def bar_table(table: pd.DataFrame, indicator: str, year: int) -> pd.DataFrame:
    """The rows of one year, highest value first (what the bar chart draws)."""
    last = table.loc[table["year"] == year]
    return last.sort_values([indicator, "country"], ascending=[False, True]).reset_index(drop=True)


def _edition_html(info: editions.Edition) -> str:
    base = f"constant {info.price_base} prices" if info.price_base else "no constant-price base stated"
    estimates = ", ".join(info.year_label(y) for y in info.estimate_years) or "none marked"
    span = f"{info.years[0]}–{info.years[-1]}" if info.years else "none"
    published = info.published or "day not recorded"
    return (f"<b>{info.title}</b> ({info.publisher}, published {published})<br>"
            f"Definition: <b>{info.definition}</b> · price base: {base} · years {span} · "
            f"estimates: {estimates}")


class SpendingView(View):
    """Allies, measure, years, edition and target lines → a line or bar chart and its table."""

    name = "spending"
    title = "Defence spending"

    def __init__(
        self,
        allies: Iterable[str] = DEFAULT_ALLIES,
        measure: str = "share_of_gdp_pct",
        years: tuple[int, int] | None = None,
        edition: str | None = None,
        targets: Iterable[str] = DEFAULT_TARGETS,
        chart: str = "lines",
    ) -> None:
        super().__init__()
        order = editions.order()
        self.described = {ed: editions.describe(ed) for ed in order}
        edition = parameters.check_edition("edition", edition) or metrics.present().edition
        chosen = parameters.check_allies("allies", list(allies)) or countries.allies()
        _check_choice("measure", measure, MEASURES)
        _check_choice("chart", chart, CHARTS)
        targets = list(targets)
        for target in targets:
            _check_choice("targets", target, TARGET_LINES)
        span = self._span(edition)
        years = span if years is None else tuple(parameters.check_year("years", y, edition) for y in years)
        if years[0] > years[1]:
            raise ParameterError("years", years, "the first year is after the last",
                                 f"two years from {span[0]} to {span[1]}, the first not after the last")

        names = {code: countries.name(code) for code in countries.allies()}
        self.allies = widgets.SelectMultiple(
            options=sorted(((name, code) for code, name in names.items()), key=lambda option: option[0]),
            value=tuple(chosen), rows=9, description="Allies", layout=widgets.Layout(width="24em"))
        self.picks = quick_picks()
        self.pick_buttons = {label: widgets.Button(description=label, layout=widgets.Layout(width="auto"))
                             for label in self.picks}
        for label, button in self.pick_buttons.items():
            button.on_click(lambda _button, label=label: self.pick(label))
        self.measure = widgets.Dropdown(options=[(m.label, key) for key, m in MEASURES.items()], value=measure,
                                        description="Measure")
        self.edition = widgets.Dropdown(
            options=[(f"{ed} · {info.definition_short}", ed)
                     for ed, info in reversed(self.described.items())],
            value=edition, description="Edition", layout=widgets.Layout(width="32em"))
        self.edition_info = widgets.HTML(_edition_html(self.described[edition]))
        self.years = widgets.IntRangeSlider(min=span[0], max=span[1], value=years, description="Years",
                                            continuous_update=False, layout=widgets.Layout(width="32em"))
        self.target_boxes = {target_id: widgets.Checkbox(value=target_id in targets, description=label,
                                                         indent=False, layout=widgets.Layout(width="auto"))
                             for target_id, label in zip(TARGET_LINES, target_lines(), strict=True)}
        self.chart = widgets.ToggleButtons(options=[(label, key) for key, label in CHARTS.items()], value=chart,
                                           style={"button_width": "auto"})
        for widget in (self.allies, self.measure, self.years, self.chart, *self.target_boxes.values()):
            widget.observe(self.update, names="value")
        self.edition.observe(self._edition_changed, names="value")
        self.update()

    # --- controls ---------------------------------------------------------------------

    def controls(self) -> list[widgets.Widget]:
        picks = widgets.HBox([widgets.Label("Quick picks:"), *self.pick_buttons.values()],
                             layout=widgets.Layout(flex_flow="row wrap"))
        targets = widgets.HBox([widgets.Label("Target lines (share of GDP):"), *self.target_boxes.values()])
        hint = widgets.HTML('<span style="font-size:85%;color:#555">Ctrl- or ⌘-click to pick several</span>',
                            layout=widgets.Layout(margin="0 0 0 6em"))
        return [widgets.HBox([widgets.VBox([self.allies, hint]),
                              widgets.VBox([self.measure, self.edition, self.years, self.chart])]),
                picks, self.edition_info, targets]

    def pick(self, label: str) -> None:
        """Select one of the quick picks ("All Allies", "EU members", a region, …)."""
        self.allies.value = tuple(self.picks[label])

    def _span(self, edition: str) -> tuple[int, int]:
        years = self.described[edition].years
        return (years[0], years[-1]) if years else (int(data.data_as_of().year),) * 2

    def _edition_changed(self, _change: Any) -> None:
        """Another edition: its description, and the years slider over its years, keeping the
        chosen years where the edition has them (all its years where it has none of them)."""
        edition = self.edition.value
        low, high = self._span(edition)
        start, end = self.years.value
        if end < low or start > high:
            start, end = low, high
        with self.holding():
            self.edition_info.value = _edition_html(self.described[edition])
            # Widen first, then narrow: the slider refuses min > max at every step.
            self.years.max = max(high, self.years.max)
            self.years.min = min(low, self.years.min)
            self.years.value = (max(start, low), min(end, high))
            self.years.min, self.years.max = low, high

    # --- state -------------------------------------------------------------------------

    def _state(self) -> tuple[list[str], Measure, str, tuple[int, int]]:
        """The widgets' values, checked by the notebooks' rules (ParameterError otherwise)."""
        edition = parameters.check_edition("edition", self.edition.value)
        allies = parameters.check_allies("allies", list(self.allies.value))
        start, end = (parameters.check_year("years", year, edition) for year in self.years.value)
        return allies, MEASURES[self.measure.value], edition, (start, end)

    def lines(self) -> dict[str, float]:
        """Reference lines for the chosen measure: the ticked targets, the 20% equipment guideline."""
        indicator = self.measure.value
        if indicator == "share_of_gdp_pct":
            return target_lines([t for t, box in self.target_boxes.items() if box.value])
        if indicator == "equipment_share_pct":
            return {f"{metrics.EQUIPMENT_GUIDELINE_PCT:g}% guideline": metrics.EQUIPMENT_GUIDELINE_PCT}
        return {}

    def chart_labels(self) -> dict[str, Any]:
        """Title, axis label, subtitle and reference lines of the chart for the current state."""
        _allies, measure, edition, (start, end) = self._state()
        info = self.described[edition]
        when = _span(info, (start, end), self.chart.value)
        return {"title": f"{measure.title}, {when}",
                "unit": measure.unit.format(base=info.price_base or "(base not stated)"),
                "subtitle": narrative.edition_summary(edition)["subtitle"], "lines": self.lines()}

    def compute(self) -> None:
        allies, measure, edition, years = self._state()
        info = self.described[edition]
        indicator = measure.indicator
        if indicator not in info.indicators:
            having = [ed for ed, other in self.described.items() if indicator in other.indicators]
            what = measure.title[0].lower() + measure.title[1:]
            self.message = (f"NATO's {info.label} ({info.definition_short}) does not report {what}. "
                            f"Editions that do: {', '.join(having) or 'none'}.")
            return
        series = series_table(allies, indicator, edition, years)
        self.table = series if self.chart.value == "lines" else bar_table(series, indicator, years[1])
        shown = self.table.dropna(subset=[indicator])
        span = _span(info, years, self.chart.value)
        names = [countries.name(code) for code in allies]
        if shown.empty:
            what = measure.title[0].lower() + measure.title[1:]
            self.message = f"NATO's {info.label} has no {what} for {join_names(names)} in {span}."
            return
        missing = [name for name in names if name not in set(shown["country"])]
        if missing:
            self.notes.append(f"Not reported in NATO's {info.label} for {span}: {join_names(missing)}.")
        labels = self.chart_labels()
        common = {"title": labels["title"], "note": self.source_note(), "subtitle": labels["subtitle"],
                  "lines": labels["lines"]}
        if self.chart.value == "lines":
            self.figure = line_figure(self.table, indicator, years, ylabel=labels["unit"], **common)
        else:
            self.figure = charts.ranked_bars(self.table, "country", indicator, xlabel=labels["unit"],
                                             estimate="estimate", **common)

    def display_table(self) -> pd.DataFrame:
        """``table`` as a reader takes it in: years as rows ("2026e" for estimates), one column per Ally
        (lines), or the Allies ranked with their year (bars)."""
        indicator = self.measure.value
        if self.table.empty:
            return self.table
        if self.chart.value == "bars":
            return plots.mark_estimates(self.table[["country", indicator, "year", "estimate", "edition"]])
        wide = self.table.pivot(index="year", columns="country", values=indicator)
        wide = wide[list(self.table["country"].unique())]
        flags = self.table.groupby("year")["estimate"].any()
        labels = [f"{year}e" if flags.get(year, False) else str(year) for year in wide.index]
        return wide.set_axis(labels, axis=0).rename_axis("year").rename_axis(None, axis=1).reset_index()

    def render(self) -> None:
        if self.message:
            self.show_message()
            return
        plots.show(self.figure, "explore-spending")
        self.show_notes()
        labels = self.chart_labels()
        plots.table(self.display_table(), "explore-spending",
                    caption=f"{labels['title']} ({labels['unit']}), NATO edition {self.edition.value}; e = estimate")

    # --- description -------------------------------------------------------------------

    def editions(self) -> list[str]:
        return [self.edition.value]

    def source_note(self) -> str:
        return data.source_note("defence_expenditure", [self.edition.value])

    def parameters(self) -> dict[str, Any]:
        return {
            "allies": list(self.allies.value),
            "measure": self.measure.value,
            "years": list(self.years.value),
            "edition": self.edition.value,
            "targets": [t for t, box in self.target_boxes.items() if box.value],
            "chart": self.chart.value,
        }

    def stem(self) -> str:
        start, end = self.years.value
        allies = list(self.allies.value)
        # Up to five Allies by code; more by their number and a digest, so two selections never share a name.
        who = "-".join(allies) if len(allies) <= 5 else \
            f"{len(allies)}-allies-{hashlib.sha1(' '.join(sorted(allies)).encode()).hexdigest()[:6]}"
        return f"spending-{self.measure.value}-{self.edition.value}-{start}-{end}-{self.chart.value}-{who}"

    def code(self) -> str:
        try:
            labels = self.chart_labels()
        except ParameterError as err:
            return f"# The view's values are not valid: {err}"
        allies, indicator, edition = list(self.allies.value), self.measure.value, self.edition.value
        years = tuple(self.years.value)
        head = f"""\
import pandas as pd

from natolab import charts, countries, data, metrics, plots

allies = {allies!r}
indicator, edition, years = {indicator!r}, {edition!r}, {years!r}
table = pd.concat([metrics.country_series(code, indicator, edition=edition).assign(
    iso3=code, country=countries.name(code)) for code in allies], ignore_index=True)
table = table.loc[table["year"].between(*years)].rename(columns={{"value": indicator}})
table = table[["iso3", "country", "year", indicator, "estimate", "edition"]].reset_index(drop=True)
"""
        common = (f"    title={labels['title']!r},\n"
                  f"    note=data.source_note(\"defence_expenditure\", [edition]),\n"
                  f"    subtitle={labels['subtitle']!r},\n"
                  f"    lines={labels['lines']!r},\n")
        if self.chart.value == "lines":
            return head + f"""\
wide = table.pivot(index="year", columns="country", values=indicator).reindex(range(years[0], years[1] + 1))
wide["estimate"] = table.groupby("year")["estimate"].any().reindex(wide.index, fill_value=False)
fig = charts.line_chart(
    wide.rename_axis("year").reset_index(), "year", {{name: name for name in table["country"].unique()}},
    estimate="estimate", ylabel={labels['unit']!r},
{common})
plots.show(fig, "spending")
plots.table(table, "spending")
"""
        return head + f"""\
table = table.loc[table["year"] == years[1]]
table = table.sort_values([indicator, "country"], ascending=[False, True]).reset_index(drop=True)
fig = charts.ranked_bars(
    table, "country", indicator, estimate="estimate", xlabel={labels['unit']!r},
{common})
plots.show(fig, "spending")
plots.table(table, "spending")
"""


def _span(info: editions.Edition, years: tuple[int, int], chart: str) -> str:
    """The years a chart covers as its title says them: "2014–2026e", or "2026e" for bars."""
    start, end = years
    if chart == "bars" or start == end:
        return info.year_label(end)
    return f"{start}–{info.year_label(end)}"


def _check_choice(name: str, value: object, choices: Iterable[str]) -> None:
    valid = list(choices)
    if value not in valid:
        raise ParameterError(name, value, "not a choice of this view", ", ".join(valid))
