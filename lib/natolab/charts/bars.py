"""Bar charts: ranked bars, grouped counts, paired bars, EU and non-EU Allies, partners by framework.

Each function takes a tidy frame (from :mod:`natolab.metrics`) and returns a finished
figure with title, axis units, readable labels, a source footnote and a description in
words; the notebook then calls ``plots.show(fig, name)`` and ``plots.table(...)`` with
the same numbers. An empty frame gives a figure that says so instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import StrMethodFormatter

from natolab import plots
from natolab.charts import describe, marks
from natolab.dates import DateLike, to_timestamp
from natolab.labels import day_label

__all__ = ["count_bars", "eu_spending_chart", "paired_bars", "partners_chart", "profile_personnel", "ranked_bars"]

_P = plots.PALETTE


def ranked_bars(frame: pd.DataFrame, label: str, value: str, *, title: str, xlabel: str, note: str,
                subtitle: str | None = None, lines: Mapping[str, float] | None = None, value_fmt: str = "{:.2f}",
                missing_label: str = "not reported", estimate: str | None = "estimate") -> Figure:
    """Horizontal bars in the frame's order (first row at the top), with reference lines.

    Bars at or above the first reference line are blue, those below orange, so the chart
    reads without colour too (the values are printed at the bar ends). Rows whose
    ``estimate`` column is true are hatched, with a legend entry saying they are estimates.
    """
    lines = dict(lines or {})
    height = plots.rows_height(len(frame), 0.26, base=1.6)
    fig, ax = plots.figure(title, subtitle=subtitle, xlabel=xlabel, size=(9, height))
    values = pd.to_numeric(frame[value], errors="coerce").astype("float64")
    if lines:
        first = next(iter(lines.values()))
        colors = [plots.PALETTE["blue"] if v >= first else plots.PALETTE["orange"]
                  for v in values.fillna(-np.inf)]
    else:
        colors = plots.PALETTE["blue"]
    plots.hbar(ax, frame[label].astype(str).tolist(), values.tolist(), colors=colors,
               value_fmt=value_fmt, missing_label=missing_label)
    extra = marks.mark_estimates(list(ax.patches), marks.estimate_flags(frame, estimate))
    marks.reference_lines(ax, lines, orientation="v")
    top = np.nanmax([values.max(skipna=True) if values.notna().any() else 0, *lines.values(), 0])
    bottom = min(0.0, float(values.min(skipna=True)) if values.notna().any() else 0.0)
    ax.set_xlim(bottom * 1.15, top * 1.15 if top > 0 else 1)
    ax.grid(axis="x", visible=True)
    if top >= 1000:
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    plots.footnote(fig, note)
    marks.legend(ax, extra, loc="lower right", fontsize=8)
    text = describe.ranked_description(frame[label].astype(str), values, title, subtitle, xlabel, lines, value_fmt,
                                       missing_label)
    return plots.set_alt(fig, text)


def count_bars(frame: pd.DataFrame, x: str, bars: Mapping[str, str], *, title: str, ylabel: str, note: str,
               subtitle: str | None = None, xlabel: str | None = None, estimate: str | None = None) -> Figure:
    """Grouped vertical bars of counts per category (e.g. per year); gaps in years stay gaps.

    ``estimate`` names a boolean column: its rows' bars are hatched and the legend says why.
    """
    fig, ax = plots.figure(title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)
    keys = list(bars)
    width = 0.8 / len(keys)
    colors = [plots.PALETTE[c] for c in ("grey", "blue", "orange", "bluish_green")]
    positions = frame[x].tolist()
    numeric = pd.api.types.is_numeric_dtype(frame[x])
    xs = np.asarray(positions, dtype=float) if numeric else np.arange(len(positions), dtype=float)
    flags = marks.estimate_flags(frame, estimate)
    drawn = []
    for i, col in enumerate(keys):
        offset = (i - (len(keys) - 1) / 2) * width
        drawn.append(ax.bar(xs + offset, frame[col].astype(float), width=width, label=bars[col],
                            color=colors[i % len(colors)]))
    if not numeric:
        ax.set_xticks(xs, [str(p) for p in positions])
    ax.grid(axis="x", visible=False)
    patches = [patch for container in drawn for patch in container.patches]
    extra = marks.mark_estimates(patches, flags * len(drawn))
    plots.footnote(fig, note)
    marks.legend(ax, extra, loc="upper left", headroom=True)
    return plots.set_alt(fig, describe.series_description("Bar chart", frame, x, bars, title, subtitle, ylabel, flags))


def paired_bars(frame: pd.DataFrame, label: str, pair: Mapping[str, str], *, title: str, xlabel: str, note: str,
                subtitle: str | None = None, lines: Mapping[str, float] | None = None,
                value_fmt: str = "{:.2f}") -> Figure:
    """Two horizontal bars per row (e.g. one Ally under two definitions), first row at the top.

    ``pair`` maps two columns to their legend labels; a missing value draws no bar and
    is labelled "not reported".
    """
    (first, first_label), (second, second_label) = list(pair.items())[:2]
    height = plots.rows_height(len(frame), 0.42)
    fig, ax = plots.figure(title, subtitle=subtitle, xlabel=xlabel, size=(9, height))
    ypos = np.arange(len(frame))[::-1].astype(float)
    colours = (plots.PALETTE["grey"], plots.PALETTE["blue"])
    for offset, col, name, colour in ((0.2, first, first_label, colours[0]),
                                      (-0.2, second, second_label, colours[1])):
        values = pd.to_numeric(frame[col], errors="coerce").astype("float64")
        ax.barh(ypos + offset, values.fillna(0.0), height=0.38, color=colour, label=name)
        for y, v in zip(ypos + offset, values, strict=True):
            text = "not reported" if pd.isna(v) else value_fmt.format(v)
            ax.annotate(text, xy=(0 if pd.isna(v) else v, y), xytext=(3, 0),
                        textcoords="offset points", ha="left", va="center", fontsize=7,
                        color="#333333")
    ax.set_yticks(ypos, frame[label].astype(str).tolist())
    ax.set_ylim(-0.7, len(frame) - 0.3)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    marks.reference_lines(ax, dict(lines or {}), orientation="v")
    top = np.nanmax([frame[first].max(), frame[second].max(), *(lines or {}).values(), 0])
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    plots.footnote(fig, note)
    marks.legend(ax, loc="lower right", fontsize=8)
    text = describe.paired_description(frame, label, pair, title, subtitle, xlabel, dict(lines or {}), value_fmt)
    return plots.set_alt(fig, text)


def profile_personnel(personnel: pd.DataFrame, country: str, *, note: str) -> Figure:
    """An Ally's military personnel per year (country profile), estimates hatched.

    ``personnel`` is :func:`natolab.metrics.country_series` of ``military_personnel_k``; the
    subtitle names what is counted and the edition, not the edition's expenditure definition.
    """
    editions_used = ", ".join(dict.fromkeys(personnel["edition"].astype(str))) if len(personnel) else "none"
    return count_bars(personnel, "year", {"value": "military personnel"}, ylabel="thousands",
                      title=f"{country}: military personnel",
                      subtitle=f"Military personnel, thousands; NATO edition {editions_used}",
                      note=note, estimate="estimate")


def eu_spending_chart(
    detail: pd.DataFrame, *, year: int | str | None, edition: str | None, definition: str, note: str
) -> Figure:
    """Each Ally's defence expenditure as % of GDP, coloured by EU membership, with the 2% line.

    ``detail`` is :func:`natolab.metrics.spending_eu_status_by_country` (empty when the
    data has no figures up to the date asked for).
    """
    height = plots.rows_height(len(detail), 0.24, minimum=3.5)
    title = "Defence expenditure of EU and non-EU Allies" + (f", {year}" if year is not None else "")
    subtitle = f"{definition}, % of GDP; NATO edition {edition}" if edition else "No NATO figures for this period"
    fig, ax = plots.figure(title, subtitle=subtitle, xlabel="Share of GDP (%)", size=(9, height))
    if detail.empty:
        return plots.empty_chart(fig, ax, "No NATO defence-expenditure figures in the data up to this date", note)
    colours = [_P["blue"] if member else _P["orange"] for member in detail["eu_member"]]
    plots.hbar(ax, detail["country"].tolist(), detail["share_of_gdp_pct"].tolist(), colors=colours)
    plots.target_line(ax, 2.0, "2% guideline", orientation="v")
    top = detail["share_of_gdp_pct"].max(skipna=True)
    ax.set_xlim(0, max(2.5, float(top) * 1.15 if pd.notna(top) else 2.5))
    plots.footnote(fig, note)
    plots.place_legend(
        ax,
        handles=[Patch(color=_P["blue"], label="EU member"), Patch(color=_P["orange"], label="not in the EU")],
        loc="lower right",
    )
    values = pd.to_numeric(detail["share_of_gdp_pct"], errors="coerce").astype("float64")
    text = describe.ranked_description(detail["country"].astype(str), values, title, subtitle, "Share of GDP (%)",
                                       {"2% guideline": 2.0}, "{:.2f}", "not reported")
    n_eu = int(detail["eu_member"].astype(bool).sum())
    text += f" {n_eu} of {len(detail)} Allies shown are EU members."
    return plots.set_alt(fig, text)


def partners_chart(summary: pd.DataFrame, *, as_of: DateLike, note: str) -> Figure:
    """Partner countries per framework on ``as_of``; partners without a joining date stacked apart.

    ``summary`` is :func:`natolab.metrics.partners_by_framework`.
    """
    day = to_timestamp(as_of, "as_of")
    height = plots.rows_height(len(summary), 0.45)
    fig, ax = plots.figure(
        f"NATO partners by framework on {day_label(day)}",
        subtitle="Today's partners that had joined by that date",
        xlabel="Partner countries (number)",
        size=(9, height),
    )
    if summary.empty:
        return plots.empty_chart(fig, ax, f"None of today's partners had joined by {day_label(day)}", note)
    ypos = list(range(len(summary)))[::-1]
    ax.barh(ypos, summary["n_partners"], color=_P["blue"], height=0.6, label="joined by then")
    ax.barh(
        ypos,
        summary["n_date_unknown"],
        left=summary["n_partners"],
        color="white",
        edgecolor=_P["blue"],
        hatch="///",
        height=0.6,
        label="joining date not recorded",
    )
    for y, dated, undated in zip(ypos, summary["n_partners"], summary["n_date_unknown"], strict=True):
        total = int(dated) + int(undated)
        ax.annotate(str(total), xy=(total, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(ypos, summary["framework_name"].tolist())
    ax.grid(axis="y", visible=False)
    plots.footnote(fig, note)
    if summary["n_date_unknown"].sum():
        plots.place_legend(ax, loc="lower right")
    parts = []
    for name, dated, undated in zip(summary["framework_name"], summary["n_partners"], summary["n_date_unknown"],
                                    strict=True):
        total = int(dated) + int(undated)
        parts.append(f"{name} {total}" + (f" ({int(undated)} with no joining date recorded)" if int(undated) else ""))
    text = (describe.description_head("Bar chart", fig.get_suptitle(), None, "Partner countries (number)")
            + f" {len(summary)} frameworks: " + ", ".join(parts) + ".")
    return plots.set_alt(fig, text)
