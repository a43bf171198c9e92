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

__all__ = ["count_bars", "line_chart", "long_run", "paired_bars", "profile_long_run", "profile_personnel",
           "ranked_bars", "since_title"]

_LINE_COLORS = ["vermillion", "reddish_purple", "black"]
#: Background of a shaded period (before accession, the Cold War): behind the data, not data.
_SHADE = "#E6E6E6"


_ESTIMATE_HATCH = "////"
_ESTIMATE_LABEL = "e = NATO estimate (hatched)"


def _estimates(frame: pd.DataFrame, column: str | None = "estimate") -> list[bool]:
    """Per row: does NATO mark the value as an estimate? (False where the column is absent)."""
    if column is None or column not in frame.columns:
        return [False] * len(frame)
    return [bool(v) if pd.notna(v) else False for v in frame[column]]


def _mark_estimates(patches: list, flags: list[bool], *, label: str = _ESTIMATE_LABEL) -> list:
    """Hatch the bars of estimated values; returns the legend entry saying so ([] if none)."""
    from matplotlib.patches import Patch

    hatched = False
    for patch, flag in zip(patches, flags, strict=False):
        if flag:
            patch.set_hatch(_ESTIMATE_HATCH)
            patch.set_edgecolor("white")
            hatched = True
    if not hatched:
        return []
    return [Patch(facecolor="#BBBBBB", edgecolor="white", hatch=_ESTIMATE_HATCH, label=label)]


def _legend(ax, extra: list | None = None, *, loc: str, fontsize: float | None = None,
            headroom: bool = False) -> None:
    """The axes' legend (its labelled artists and ``extra`` entries) where it covers no data.

    Call after the footnote: the free place is found on the figure as it will be laid out.
    ``headroom``: the y axis may grow to make room above the data (see ``plots.place_legend``).
    """
    handles, labels = ax.get_legend_handles_labels()
    handles += list(extra or [])
    labels += [h.get_label() for h in extra or []]
    if not handles:
        return
    kwargs = {"fontsize": fontsize} if fontsize else {}
    plots.place_legend(ax, handles, labels, loc=loc, headroom=headroom, **kwargs)


def _reference_lines(ax, lines: Mapping[str, float], orientation: str = "h") -> None:
    """Labelled target lines (e.g. "2% guideline"), each in the next colour of _LINE_COLORS.

    With several vertical lines, the lowest label ends at its line and the highest starts
    at its line, so labels of neighbouring targets (2% and 3.5%) never print over each other.
    """
    ranked = sorted(lines.values())
    for i, (name, value) in enumerate(lines.items()):
        align = "center"
        if orientation == "v" and len(ranked) > 1:
            align = "right" if value == ranked[0] else "left" if value == ranked[-1] else "center"
        plots.target_line(ax, value, name, orientation=orientation, align=align,
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
    estimate: str | None = "estimate",
) -> Figure:
    """Horizontal bars in the frame's order (first row at the top), with reference lines.

    Bars at or above the first reference line are blue, those below orange, so the chart
    reads without colour too (the values are printed at the bar ends). Rows whose
    ``estimate`` column is true are hatched, with a legend entry saying they are estimates.
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
    extra = _mark_estimates(list(ax.patches), _estimates(frame, estimate))
    _reference_lines(ax, lines, orientation="v")
    top = np.nanmax([values.max(skipna=True) if values.notna().any() else 0, *lines.values(), 0])
    bottom = min(0.0, float(values.min(skipna=True)) if values.notna().any() else 0.0)
    ax.set_xlim(bottom * 1.15, top * 1.15 if top > 0 else 1)
    ax.grid(axis="x", visible=True)
    if top >= 1000:
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    plots.footnote(fig, note)
    _legend(ax, extra, loc="lower right", fontsize=8)
    return plots.set_alt(fig, _ranked_description(frame[label].astype(str), values, title, subtitle, xlabel,
                                                  lines, value_fmt, missing_label))


def _description_head(kind: str, title: str, subtitle: str | None, unit: str) -> str:
    """"Bar chart: <title> (<subtitle>); <unit>." — how every generated chart description starts."""
    return f"{kind}: {title}" + (f" ({subtitle})" if subtitle else "") + f"; {unit}."


def _ranked_description(labels: pd.Series, values: pd.Series, title: str, subtitle: str | None, xlabel: str,
                        lines: Mapping[str, float], value_fmt: str, missing_label: str) -> str:
    """What a ranked bar chart shows, in words from its numbers: for readers who cannot see it."""
    text = _description_head("Bar chart", title, subtitle, xlabel)
    shown = values.notna()
    if not shown.any():
        return f"{text} No values."
    ranked = pd.DataFrame({"label": labels[shown], "value": values[shown]}).sort_values("value", ascending=False)
    high, low = ranked.iloc[0], ranked.iloc[-1]
    bars = "1 bar" if len(ranked) == 1 else f"{len(ranked)} bars"
    text += (f" {bars}; highest {high['label']} ({value_fmt.format(high['value'])}), "
             f"lowest {low['label']} ({value_fmt.format(low['value'])}).")
    for name, level in lines.items():
        text += f" {int((ranked['value'] >= level).sum())} of {len(ranked)} at or above {name}."
    missing = labels[~shown].tolist()
    if missing:
        text += f" {', '.join(missing)}: {missing_label}."
    return text


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
    estimate: str | None = None,
) -> Figure:
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
    flags = _estimates(frame, estimate)
    drawn = []
    for i, col in enumerate(keys):
        offset = (i - (len(keys) - 1) / 2) * width
        drawn.append(ax.bar(xs + offset, frame[col].astype(float), width=width, label=bars[col],
                            color=colors[i % len(colors)]))
    if not numeric:
        ax.set_xticks(xs, [str(p) for p in positions])
    ax.grid(axis="x", visible=False)
    patches = [patch for container in drawn for patch in container.patches]
    extra = _mark_estimates(patches, flags * len(drawn))
    plots.footnote(fig, note)
    _legend(ax, extra, loc="upper left", headroom=True)
    return plots.set_alt(fig, _series_description("Bar chart", frame, x, bars, title, subtitle, ylabel, flags))


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
    estimate: str | None = None,
    shade: tuple[float, float, str] | None = None,
) -> Figure:
    """One line per column in ``series`` (column → legend label); missing years break lines.

    ``estimate`` names a boolean column: those points are drawn hollow, with a legend entry.
    ``shade`` = (start, end, label) shades that stretch of ``x`` grey, named in the legend.
    """
    fig, ax = plots.figure(title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)
    if shade is not None:
        ax.axvspan(shade[0], shade[1], color=_SHADE, linewidth=0, zorder=0, label=shade[2])
    flags = pd.Series(_estimates(frame, estimate), index=frame.index)
    for col, label in series.items():
        line, = ax.plot(frame[x], frame[col].astype(float), marker="o" if markers else None,
                        markersize=3.5, label=label)
        if flags.any():
            est = frame.loc[flags]
            ax.plot(est[x], est[col].astype(float), linestyle="none", marker="o", markersize=6,
                    markerfacecolor="white", markeredgecolor=line.get_color(),
                    label="e = NATO estimate (hollow)" if col == next(iter(series)) else None)
    _reference_lines(ax, lines or {})
    plots.footnote(fig, note)
    _legend(ax, loc="best", headroom=True)
    return plots.set_alt(fig, _series_description("Line chart", frame, x, series, title, subtitle, ylabel,
                                                  flags.tolist()))


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


def _series_description(kind: str, frame: pd.DataFrame, x: str, series: Mapping[str, str], title: str,
                        subtitle: str | None, unit: str, estimates: list[bool]) -> str:
    """What a chart of series over ``x`` shows, in words from its numbers: first, last and
    highest value of each series, and whether estimates are among them."""
    text = _description_head(kind, title, subtitle, unit)
    for col, label in series.items():
        values = pd.DataFrame({"x": frame[x].astype(str), "v": pd.to_numeric(frame[col], errors="coerce")}).dropna()
        if values.empty:
            text += f" {label}: no values."
            continue
        first, last, top = values.iloc[0], values.iloc[-1], values.loc[values["v"].idxmax()]
        fmt = "{:,.0f}" if (values["v"] % 1 == 0).all() else "{:,.2f}"  # counts whole, shares as charted
        text += (f" {label}: {fmt.format(first['v'])} in {first['x']}, {fmt.format(last['v'])} in {last['x']}, "
                 f"highest {fmt.format(top['v'])} in {top['x']}.")
    if any(estimates):
        text += " Points or bars marked e are NATO estimates."
    return text


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
    plots.footnote(fig, note)
    _legend(ax, loc="best", headroom=True)
    text = _series_description("Line chart", frame, "year", series or {}, title, subtitle, ylabel, [])
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



def paired_bars(
    frame: pd.DataFrame,
    label: str,
    pair: Mapping[str, str],
    *,
    title: str,
    xlabel: str,
    note: str,
    subtitle: str | None = None,
    lines: Mapping[str, float] | None = None,
    value_fmt: str = "{:.2f}",
) -> Figure:
    """Two horizontal bars per row (e.g. one Ally under two definitions), first row at the top.

    ``pair`` maps two columns to their legend labels; a missing value draws no bar and
    is labelled "not reported".
    """
    (first, first_label), (second, second_label) = list(pair.items())[:2]
    height = max(3.0, 1.8 + 0.42 * len(frame))
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
    _reference_lines(ax, dict(lines or {}), orientation="v")
    top = np.nanmax([frame[first].max(), frame[second].max(), *(lines or {}).values(), 0])
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    plots.footnote(fig, note)
    _legend(ax, loc="lower right", fontsize=8)
    return plots.set_alt(fig, _paired_description(frame, label, pair, title, subtitle, xlabel, dict(lines or {}),
                                                  value_fmt))


def _paired_description(frame: pd.DataFrame, label: str, pair: Mapping[str, str], title: str,
                        subtitle: str | None, xlabel: str, lines: Mapping[str, float], value_fmt: str) -> str:
    """What a paired bar chart shows, in words from its numbers: per measure, the highest and
    lowest row and how many rows are at or above each reference line."""
    text = _description_head("Paired bar chart", title, subtitle, xlabel) + f" {len(frame)} rows, two bars each."
    labels = frame[label].astype(str)
    for col, name in list(pair.items())[:2]:
        values = pd.to_numeric(frame[col], errors="coerce").astype("float64")
        shown = values.notna()
        if not shown.any():
            text += f" {name}: no values."
            continue
        ranked = pd.DataFrame({"label": labels[shown], "value": values[shown]}).sort_values("value", ascending=False)
        high, low = ranked.iloc[0], ranked.iloc[-1]
        text += (f" {name}: highest {high['label']} ({value_fmt.format(high['value'])}), "
                 f"lowest {low['label']} ({value_fmt.format(low['value'])})")
        for line_name, level in lines.items():
            text += f"; {int((ranked['value'] >= level).sum())} of {len(ranked)} at or above {line_name}"
        missing = int((~shown).sum())
        text += (f"; {missing} not reported." if missing else ".")
    return text
