"""Country at a glance: one Ally's profile figures and charts, without running the report.

The same calls as the country-profile notebook: :func:`natolab.metrics.profile.ally_facts`,
:func:`natolab.metrics.league_table` and :func:`natolab.metrics.country_series` /
:func:`natolab.metrics.country_long_run` in the year and edition of
:func:`natolab.metrics.present`, drawn by :mod:`natolab.charts`, told by
:mod:`natolab.narrative`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from natolab import charts, countries, data, editions, metrics, narrative, parameters, plots
from natolab.explore._view import View
from natolab.explore.spending import target_lines
from natolab.metrics import profile
from natolab.parameters import ParameterError

__all__ = ["CHARTS", "CountryView", "spending_figures"]

CHARTS = {
    "share": "Share of GDP",
    "equipment": "Equipment share",
    "personnel": "Military personnel",
    "long_run": "Long run (SIPRI and NATO)",
}
#: The targets the profile report measures an Ally against (2% guideline, 3.5% core).
PROFILE_TARGETS = ("wales_2pct", "hague_core_3_5pct")


@dataclass
class Chart:
    """One chart of the view: its table, figure (None: ``message`` says why), editions, note and code."""

    table: pd.DataFrame
    figure: Figure | None
    message: str | None
    editions: list[str]
    note: str
    code: str


def _latest(series: pd.DataFrame) -> pd.Series | None:
    values = series.dropna(subset=["value"])
    return values.iloc[-1] if len(values) else None


def _labelled(row: pd.Series) -> str:
    """ "2026e, edition 2026-07" for the row of a country series."""
    year = f"{int(row['year'])}{'e' if bool(pd.notna(row['estimate']) and row['estimate']) else ''}"
    return f"{year}, edition {row['edition']}"


def spending_figures(iso3: str, league: pd.DataFrame, targets: dict[str, float],
                     equipment: pd.DataFrame, personnel: pd.DataFrame) -> pd.DataFrame:
    """An Ally's spending figures as a two-column table (fact, value), in the words of
    :func:`natolab.narrative.facts_table`: share of GDP, rank and targets from ``league``
    (:func:`natolab.metrics.league_table`), then the latest equipment share and personnel
    figure (:func:`natolab.metrics.country_series`), each with its year and edition."""
    rows = []
    row = league.loc[league["iso3"] == iso3].iloc[0]
    when = _labelled(row)
    reported = pd.notna(row["share_of_gdp_pct"])
    rows.append({"fact": f"share of GDP ({when})",
                 "value": f"{row['share_of_gdp_pct']:.2f}%" if reported else "not reported"})
    ranked = int(league["rank"].notna().sum())
    rows.append({"fact": f"rank among the Allies with a figure ({when})",
                 "value": f"{int(row['rank'])} of {ranked}" if reported else "–"})
    for label, threshold in targets.items():
        meets = row["share_of_gdp_pct"] >= threshold if reported else None
        rows.append({"fact": f"at or above the {label}",
                     "value": "–" if meets is None else "yes" if meets else "no"})
    for what, series, fmt in (("equipment share of defence expenditure", equipment, "{:.1f}%"),
                              ("military personnel", personnel, "{:,.1f} thousand")):
        last = _latest(series)
        rows.append({"fact": f"{what}" + (f" ({_labelled(last)})" if last is not None else ""),
                     "value": fmt.format(last["value"]) if last is not None else "not reported"})
    return pd.DataFrame(rows, columns=["fact", "value"])


class CountryView(View):
    """Pick an Ally: its membership facts, spending position and one of its charts."""

    name = "country"
    title = "Country at a glance"

    def __init__(self, country: str = "BEL", chart: str = "share") -> None:
        super().__init__()
        code = parameters.check_ally("country", country)
        if chart not in CHARTS:
            raise ParameterError("chart", chart, "not a chart of this view", ", ".join(CHARTS))
        self.now = metrics.present()  # the year and edition every report calls today's
        self.targets = target_lines(PROFILE_TARGETS)
        self.facts = pd.DataFrame(columns=["fact", "value"])
        self.figures = pd.DataFrame(columns=["fact", "value"])
        self.sentences: list[str] = []
        self.chart_result: Chart | None = None
        names = sorted((countries.name(c), c) for c in countries.allies())
        self.ally = widgets.Dropdown(options=names, value=code, description="Ally")
        self.ally.add_class("natolab-country-ally")
        self.chart = widgets.ToggleButtons(options=[(label, key) for key, label in CHARTS.items()], value=chart,
                                           style={"button_width": "auto"})
        for widget in (self.ally, self.chart):
            widget.observe(self.update, names="value")
        self.update()

    def controls(self) -> list[widgets.Widget]:
        return [widgets.HBox([self.ally, self.chart])]

    # --- the numbers, through the report's functions ---------------------------------------

    def compute(self) -> None:
        self.chart_result = None
        code = parameters.check_ally("country", self.ally.value)
        year, edition = self.now.year, self.now.edition
        facts = profile.ally_facts(code)
        league = metrics.league_table(year, self.targets.values(), edition=edition)
        equipment = metrics.country_series(code, "equipment_share_pct", edition=self._equipment_edition())
        personnel = metrics.country_series(code, "military_personnel_k")
        guideline, core = sorted(self.targets.values())
        definition = editions.describe(edition).definition_short
        self.sentences = [narrative.profile_intro(facts),
                          narrative.spending_position(league, code, guideline, core, definition)]
        self.facts = narrative.facts_table(facts)
        self.figures = spending_figures(code, league, self.targets, equipment, personnel)
        build = {"share": self._share, "equipment": self._equipment, "personnel": self._personnel,
                 "long_run": self._long_run}[self.chart.value]
        self.chart_result = build(code, str(facts["country"]))
        self.table, self.figure, self.message = (self.chart_result.table, self.chart_result.figure,
                                                 self.chart_result.message)

    def _equipment_edition(self) -> str:
        # As the profile report: the present edition if it reports the equipment share for most Allies.
        return metrics.edition_for("equipment_share_pct", self.now.year, self.now.edition, min_values=20)

    def _share(self, code: str, name: str) -> Chart:
        edition = self.now.edition
        series = metrics.country_series(code, edition=edition)
        note = data.source_note("defence_expenditure", [edition])
        title = f"{name}: defence expenditure as a share of GDP"
        subtitle = narrative.edition_summary(edition)["subtitle"]
        code_text = _code(code, f"""\
series = metrics.country_series(country, edition={edition!r})
table = series.rename(columns={{"value": "share_of_gdp_pct"}})
fig = charts.line_chart(series, "year", {{"value": {name!r}}}, lines={self.targets!r}, ylabel="% of GDP",
                        estimate="estimate", title={title!r}, subtitle={subtitle!r},
                        note=data.source_note("defence_expenditure", [{edition!r}]))""")
        table = series.rename(columns={"value": "share_of_gdp_pct"})
        if series.empty:
            return Chart(table, None, narrative.series_sentence(series, name, "share of GDP", "%"), [edition],
                         note, code_text)
        fig = charts.line_chart(series, "year", {"value": name}, lines=self.targets, ylabel="% of GDP",
                                estimate="estimate", title=title, subtitle=subtitle, note=note)
        return Chart(table, fig, None, [edition], note, code_text)

    def _equipment(self, code: str, name: str) -> Chart:
        edition = self._equipment_edition()
        series = metrics.country_series(code, "equipment_share_pct", edition=edition)
        lines = {f"{metrics.EQUIPMENT_GUIDELINE_PCT:g}% guideline": metrics.EQUIPMENT_GUIDELINE_PCT}
        note = data.source_note("defence_expenditure", [edition])
        title, subtitle = f"{name}: major equipment incl. R&D", narrative.edition_summary(edition)["subtitle"]
        code_text = _code(code, f"""\
series = metrics.country_series(country, "equipment_share_pct", edition={edition!r})
table = series.rename(columns={{"value": "equipment_share_pct"}})
fig = charts.line_chart(series, "year", {{"value": {name!r}}}, lines={lines!r}, ylabel="% of defence expenditure",
                        estimate="estimate", title={title!r}, subtitle={subtitle!r},
                        note=data.source_note("defence_expenditure", [{edition!r}]))""")
        table = series.rename(columns={"value": "equipment_share_pct"})
        if series.empty:
            message = narrative.series_sentence(series, name, "share of defence expenditure on major equipment", "%")
            return Chart(table, None, message, [edition], note, code_text)
        fig = charts.line_chart(series, "year", {"value": name}, lines=lines, ylabel="% of defence expenditure",
                                estimate="estimate", title=title, subtitle=subtitle, note=note)
        return Chart(table, fig, None, [edition], note, code_text)

    def _personnel(self, code: str, name: str) -> Chart:
        series = metrics.country_series(code, "military_personnel_k")  # the latest edition that reports it
        used = [str(e) for e in series["edition"].unique()]
        note = data.source_note("defence_expenditure", used) if used else ""
        title = f"{name}: military personnel"
        subtitle = narrative.edition_summary(used[0])["subtitle"] if used else ""
        code_text = _code(code, f"""\
series = metrics.country_series(country, "military_personnel_k")  # the latest edition that reports it
table = series.rename(columns={{"value": "military_personnel_k"}})
fig = charts.count_bars(series, "year", {{"value": "military personnel"}}, ylabel="thousands", estimate="estimate",
                        title={title!r}, subtitle={subtitle!r},
                        note=data.source_note("defence_expenditure", series["edition"].unique()))""")
        table = series.rename(columns={"value": "military_personnel_k"})
        if series.empty:
            return Chart(table, None, narrative.series_sentence(series, name, "military personnel", " thousand"),
                         used, note, code_text)
        fig = charts.count_bars(series, "year", {"value": "military personnel"}, ylabel="thousands",
                                estimate="estimate", title=title, subtitle=subtitle, note=note)
        return Chart(table, fig, None, used, note, code_text)

    def _long_run(self, code: str, name: str) -> Chart:
        edition = self.now.edition
        long = metrics.country_long_run(code, edition=edition)
        series = {"sipri_share_of_gdp_pct": "SIPRI definition", "nato_share_of_gdp_pct": f"NATO, edition {edition}"}
        note = data.source_note("sipri_milex") + " " + data.source_note("defence_expenditure", [edition])
        title, subtitle = f"{name}: military expenditure since 1949", "two sources, two definitions: not one series"
        code_text = _code(code, f"""\
table = metrics.country_long_run(country, edition={edition!r})
fig = charts.line_chart(table, "year", {series!r}, markers=False, ylabel="% of GDP",
                        title={title!r}, subtitle={subtitle!r},
                        note=data.source_note("sipri_milex") + " "
                        + data.source_note("defence_expenditure", [{edition!r}]))""")
        if not (long["sipri_share_of_gdp_pct"].notna().any() or long["nato_share_of_gdp_pct"].notna().any()):
            return Chart(long, None, f"Neither SIPRI nor NATO reports a share of GDP for {name}.", [edition],
                         note, code_text)
        fig = charts.line_chart(long, "year", series, markers=False, ylabel="% of GDP", title=title,
                                subtitle=subtitle, note=note)
        return Chart(long, fig, None, [edition], note, code_text)

    # --- display ----------------------------------------------------------------------------

    def render(self) -> None:
        name = countries.name(self.ally.value)
        plots.say(f"### {name}")
        for sentence in self.sentences:
            plots.say(sentence)
        plots.table(self.facts, "explore-country-facts", caption=f"{name}: membership")
        plots.table(self.figures, "explore-country-figures", caption=f"{name}: spending figures")
        if self.message:
            self.show_message()
            return
        plots.show(self.figure, f"explore-country-{self.chart.value}")
        self.show_notes()
        plots.table(plots.mark_estimates(self.table), f"explore-country-{self.chart.value}",
                    caption=f"{name}: {CHARTS[self.chart.value]} (e = estimate)")

    def editions(self) -> list[str]:
        return list(self.chart_result.editions) if self.chart_result else []

    def source_note(self) -> str:
        return self.chart_result.note if self.chart_result else ""

    def parameters(self) -> dict[str, Any]:
        return {"country": self.ally.value, "chart": self.chart.value, "year": self.now.year,
                "edition": self.now.edition}

    def stem(self) -> str:
        return f"country-{self.ally.value}-{self.chart.value}"

    def code(self) -> str:
        if self.chart_result is None:
            return "# The view's values are not valid: see the message above."
        return self.chart_result.code


def _code(country: str, body: str) -> str:
    return f"""\
from natolab import charts, data, metrics, plots

country = {country!r}
{body}
plots.show(fig, "country")
plots.table(table, "country")
"""
