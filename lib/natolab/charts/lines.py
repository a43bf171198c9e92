"""Line charts over years: one or more series, target lines, shaded periods and marked events.

Each function takes a tidy frame (from :mod:`natolab.metrics`) and returns a finished
figure with title, axis units, a source footnote and a description in words.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.figure import Figure

from natolab import plots
from natolab.charts import describe, marks

__all__ = ["line_chart", "long_run", "profile_long_run", "since_title"]


def line_chart(frame: pd.DataFrame, x: str, series: Mapping[str, str], *, title: str, ylabel: str, note: str,
               subtitle: str | None = None, xlabel: str | None = None, lines: Mapping[str, float] | None = None,
               markers: bool = True, estimate: str | None = None,
               shade: tuple[float, float, str] | None = None) -> Figure:
    """One line per column in ``series`` (column → legend label); missing years break lines.

    ``estimate`` names a boolean column: those points are drawn hollow, with a legend entry.
    ``shade`` = (start, end, label) shades that stretch of ``x`` grey, named in the legend.
    """
    fig, ax = plots.figure(title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)
    if shade is not None:
        ax.axvspan(shade[0], shade[1], color=marks.SHADE, linewidth=0, zorder=0, label=shade[2])
    flags = pd.Series(marks.estimate_flags(frame, estimate), index=frame.index)
    for col, label in series.items():
        line, = ax.plot(frame[x], frame[col].astype(float), marker="o" if markers else None,
                        markersize=3.5, label=label)
        if flags.any():
            est = frame.loc[flags]
            ax.plot(est[x], est[col].astype(float), linestyle="none", marker="o", markersize=6,
                    markerfacecolor="white", markeredgecolor=line.get_color(),
                    label="e = NATO estimate (hollow)" if col == next(iter(series)) else None)
    marks.reference_lines(ax, lines or {})
    plots.footnote(fig, note)
    marks.legend(ax, loc="best", headroom=True)
    text = describe.series_description("Line chart", frame, x, series, title, subtitle, ylabel, flags.tolist())
    return plots.set_alt(fig, text)


def since_title(subject: str, frame: pd.DataFrame, columns: list[str], x: str = "year") -> str:
    """"<subject> since <first year>": the first ``x`` where any of ``columns`` has a value.

    A chart's title then says where its data starts, not where the story starts (an Ally
    whose series begins in 1980 is not charted "since 1949").
    """
    having = frame.loc[frame[columns].notna().any(axis=1), x]
    return f"{subject} since {int(having.min())}" if len(having) else subject


def profile_long_run(long: pd.DataFrame, facts: Mapping[str, object], *, edition: str, note: str) -> Figure:
    """An Ally's SIPRI and NATO shares of GDP over the long run (country profile).

    ``long`` is :func:`natolab.metrics.country_long_run`, ``facts`` :func:`natolab.metrics.profile.ally_facts`.
    The title starts at the first year with a value; years before the Ally's accession
    (from the members dataset), e.g. a former Warsaw Pact member's, are shaded and named in
    the legend, so they do not read as years of an Ally.
    """
    name = str(facts["country"])
    columns = {"sipri_share_of_gdp_pct": "SIPRI definition", "nato_share_of_gdp_pct": f"NATO, edition {edition}"}
    having = long.loc[long[list(columns)].notna().any(axis=1), "year"]
    joined = pd.Timestamp(facts["accession_date"])
    shade = None
    if len(having) and int(having.min()) < joined.year:
        # Years are plotted at their integer; the day of accession falls within its year.
        joined_at = joined.year + (joined.day_of_year - 1) / (366 if joined.is_leap_year else 365)
        shade = (float(having.min()) - 0.5, joined_at,
                 f"before {name} joined NATO ({joined.day} {joined:%B %Y})")
    return line_chart(long, "year", columns, markers=False, ylabel="% of GDP",
                      title=since_title(f"{name}: military expenditure", long, list(columns)),
                      subtitle="two sources, two definitions: not one series", note=note, shade=shade)


def long_run(frame: pd.DataFrame, *, title: str, ylabel: str, note: str, subtitle: str | None = None,
             shade: tuple[int, int, str] | None = None, events: Mapping[int, str] | None = None,
             lines: Mapping[str, float] | None = None, band: tuple[str, str, str] | None = None,
             series: Mapping[str, str] | None = None) -> Figure:
    """A long yearly series with a shaded period (e.g. the Cold War) and labelled event years.

    ``frame`` has a ``year`` column; ``series`` maps columns to legend labels; ``band``
    = (low column, high column, label) draws a range behind the lines.
    """
    fig, ax = plots.figure(title, subtitle=subtitle, ylabel=ylabel, size=(10, 5.5))
    if shade is not None:
        start, end, label = shade
        ax.axvspan(start, end, color="#EEEEEE", zorder=0)
        ax.annotate(label, xy=(start, 1), xycoords=("data", "axes fraction"),
                    xytext=(4, -4), textcoords="offset points", ha="left", va="top",
                    fontsize=9, color="#555555")
    if band is not None:
        low, high, label = band
        ax.fill_between(frame["year"], frame[low].astype(float), frame[high].astype(float),
                        color=plots.PALETTE["sky_blue"], alpha=0.25, linewidth=0, label=label)
    for col, label in (series or {}).items():
        ax.plot(frame["year"], frame[col].astype(float), label=label)
    for year, label in (events or {}).items():
        ax.axvline(year, color="#777777", linewidth=0.8, linestyle=":")
        ax.annotate(label, xy=(year, 0.92), xycoords=("data", "axes fraction"), xytext=(3, 0),
                    textcoords="offset points", ha="left", va="top", fontsize=8, color="#444444",
                    rotation=90)
    marks.reference_lines(ax, lines or {})
    last = max([float(frame["year"].max()), *(float(y) for y in (events or {}))])
    ax.set_xlim(float(frame["year"].min()) - 1, last + 1)
    ax.set_ylim(bottom=0)
    plots.footnote(fig, note)
    marks.legend(ax, loc="best", headroom=True)
    text = describe.series_description("Line chart", frame, "year", series or {}, title, subtitle, ylabel, [])
    if band is not None:
        low_values = pd.to_numeric(frame[band[0]], errors="coerce")
        high_values = pd.to_numeric(frame[band[1]], errors="coerce")
        if low_values.notna().any() and high_values.notna().any():
            text += f" Shaded band, {band[2]}: from {low_values.min():,.2f} to {high_values.max():,.2f}."
    if shade is not None:
        text += f" Shaded period: {shade[2]} ({shade[0]}–{shade[1]})."
    if events:
        text += " Marked years: " + ", ".join(f"{year} ({label})" for year, label in events.items()) + "."
    return plots.set_alt(fig, text)
