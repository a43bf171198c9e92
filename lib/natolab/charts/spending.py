"""Chart builders of the burden-sharing and country-profile notebooks: ranked bars, counts, lines, long runs.

Each function takes a tidy frame (from :mod:`natolab.metrics`) and returns a finished
figure with title, axis units, readable labels and a source footnote; the notebook
then calls ``plots.show(fig, name)`` and ``plots.table(...)`` with the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from natolab import plots

__all__ = ["count_bars", "line_chart", "long_run", "ranked_bars"]

_LINE_COLORS = ["vermillion", "reddish_purple", "black"]


def _reference_lines(ax, lines: Mapping[str, float], orientation: str = "h") -> None:
    """Labelled target lines (e.g. "2% guideline"), each in the next colour of _LINE_COLORS."""
    for i, (name, value) in enumerate(lines.items()):
        plots.target_line(ax, value, name, orientation=orientation,
                          color=plots.PALETTE[_LINE_COLORS[i % len(_LINE_COLORS)]])


def ranked_bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    *,
    title: str,
    xlabel: str,
    note: str,
    subtitle: str | None = None,
    lines: Mapping[str, float] | None = None,
    value_fmt: str = "{:.2f}",
    missing_label: str = "not reported",
) -> Figure:
    """Horizontal bars in the frame's order (first row at the top), with reference lines.

    Bars at or above the first reference line are blue, those below orange, so the chart
    reads without colour too (the values are printed at the bar ends).
    """
    lines = dict(lines or {})
    height = max(3.0, 1.6 + 0.26 * len(frame))
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
    _reference_lines(ax, lines, orientation="v")
    top = np.nanmax([values.max(skipna=True) if values.notna().any() else 0, *lines.values(), 0])
    bottom = min(0.0, float(values.min(skipna=True)) if values.notna().any() else 0.0)
    ax.set_xlim(bottom * 1.15, top * 1.15 if top > 0 else 1)
    ax.grid(axis="x", visible=True)
    if top >= 1000:
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    plots.footnote(fig, note)
    return fig


def count_bars(
    frame: pd.DataFrame,
    x: str,
    bars: Mapping[str, str],
    *,
    title: str,
    ylabel: str,
    note: str,
    subtitle: str | None = None,
    xlabel: str | None = None,
) -> Figure:
    """Grouped vertical bars of counts per category (e.g. per year); gaps in years stay gaps."""
    fig, ax = plots.figure(title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)
    keys = list(bars)
    width = 0.8 / len(keys)
    colors = [plots.PALETTE[c] for c in ("grey", "blue", "orange", "bluish_green")]
    positions = frame[x].tolist()
    numeric = pd.api.types.is_numeric_dtype(frame[x])
    xs = np.asarray(positions, dtype=float) if numeric else np.arange(len(positions), dtype=float)
    for i, col in enumerate(keys):
        offset = (i - (len(keys) - 1) / 2) * width
        ax.bar(xs + offset, frame[col].astype(float), width=width, label=bars[col],
               color=colors[i % len(colors)])
    if not numeric:
        ax.set_xticks(xs, [str(p) for p in positions])
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left")
    plots.footnote(fig, note)
    return fig


def line_chart(
    frame: pd.DataFrame,
    x: str,
    series: Mapping[str, str],
    *,
    title: str,
    ylabel: str,
    note: str,
    subtitle: str | None = None,
    xlabel: str | None = None,
    lines: Mapping[str, float] | None = None,
    markers: bool = True,
) -> Figure:
    """One line per column in ``series`` (column → legend label); missing years break lines."""
    fig, ax = plots.figure(title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)
    for col, label in series.items():
        ax.plot(frame[x], frame[col].astype(float), marker="o" if markers else None,
                markersize=3.5, label=label)
    _reference_lines(ax, lines or {})
    ax.legend(loc="best")
    plots.footnote(fig, note)
    return fig


def long_run(
    frame: pd.DataFrame,
    *,
    title: str,
    ylabel: str,
    note: str,
    subtitle: str | None = None,
    shade: tuple[int, int, str] | None = None,
    events: Mapping[int, str] | None = None,
    lines: Mapping[str, float] | None = None,
    band: tuple[str, str, str] | None = None,
    series: Mapping[str, str] | None = None,
) -> Figure:
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
    _reference_lines(ax, lines or {})
    last = max([float(frame["year"].max()), *(float(y) for y in (events or {}))])
    ax.set_xlim(float(frame["year"].min()) - 1, last + 1)
    ax.set_ylim(bottom=0)
    ax.legend(loc="best")
    plots.footnote(fig, note)
    return fig

