"""Charts of the deterrence and collective defence notebook.

Forward Land Forces lanes, the air-policing grid (who took which rotations), KFOR
contributions over time and the three Cs scatter. Each builder takes a frame from
:mod:`natolab.metrics.deterrence`, returns a finished figure in the house style of
:mod:`natolab.plots` with its source note, and attaches a description computed from
the numbers it draws (``plots.set_alt``). The highlighted Allies are drawn in
vermillion and named in bold, everything else in the house blue.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from natolab import plots
from natolab.dates import DateLike, to_timestamp
from natolab.labels import day_label

__all__ = ["air_policing_grid", "forward_land_forces_chart", "kfor_contributions_chart", "three_cs_chart"]

_P = plots.PALETTE
#: Series colours other than vermillion, which marks the highlighted Allies.
_SERIES = [_P[c] for c in ("blue", "orange", "bluish_green", "sky_blue", "reddish_purple", "black", "grey")]
_SCALE_COLORS = {"battlegroup": _P["sky_blue"], "brigade": _P["blue"], "not stated": _P["grey"]}


_FLF_START = pd.Timestamp("2017-01-01")
_MIN_BAR_DAYS = 12
#: Vertical offsets (points) tried in turn for a troop label: above the lane, then below it.
_LABEL_LEVELS = (9, -15)


def _label_troops(ax, figures: pd.DataFrame, lane: int, *, span_days: int) -> int:
    """Print each troop figure at its date, above or below the lane, where no earlier label is
    within a label's width (about 5% of the time axis); a figure with no free place keeps its
    dot only (the table has every figure). The latest figure is placed first, so it is never the
    one left out. Returns the number of figures left unlabelled."""
    width = pd.Timedelta(days=max(1, int(span_days * 0.05)))
    placed: dict[int, list[pd.Timestamp]] = {level: [] for level in _LABEL_LEVELS}
    unlabelled = 0
    for row in figures.iloc[::-1].itertuples(index=False):
        ax.plot(row.date, lane, "o", color="#222222", markersize=4)
        level = next((lv for lv in _LABEL_LEVELS if all(abs(row.date - d) > width for d in placed[lv])), None)
        if level is None:
            unlabelled += 1
            continue
        placed[level].append(row.date)
        ax.annotate(f"{int(row.troops):,}", xy=(row.date, lane), xytext=(0, level), textcoords="offset points",
                    ha="center", va="center", fontsize=8, color="#222222")
    return unlabelled


def forward_land_forces_chart(history: pd.DataFrame, state: pd.DataFrame, *, as_of: DateLike,
                              note: str) -> Figure:
    """One lane per host from its first record to ``as_of``, coloured by the formation's scale
    (battlegroup / brigade), with each troop figure printed at its own date.

    ``history`` is :func:`natolab.metrics.forward_land_forces_history`, ``state`` is
    :func:`natolab.metrics.forward_land_forces` on the same day.
    """
    day = to_timestamp(as_of, "as_of")
    title = f"Forward Land Forces, 2017 to {day_label(day)}"
    height = plots.rows_height(len(state), 0.7, minimum=3.2)
    fig, ax = plots.figure(title, subtitle="Host nation (framework nation on the date); troops at the date "
                           "each figure was given", xlabel="Year", size=(10, height))
    if state.empty:
        return plots.empty_chart(
            fig, ax, f"No Forward Land Forces by {day_label(day)} (first decided at Warsaw, July 2016)", note)
    hosts = state["host_iso3"].tolist()
    labels = [f"{row.host} ({row.framework_nation})" if row.framework_nation else row.host
              for row in state.itertuples(index=False)]
    unlabelled = 0
    for lane, host in enumerate(hosts):
        rows = history.loc[history["host_iso3"] == host].reset_index(drop=True)
        scale = "not stated"
        for i, row in rows.iterrows():
            scale = row["unit_scale"] if isinstance(row["unit_scale"], str) and row["unit_scale"] else scale
            end = rows["date"].iloc[i + 1] if i + 1 < len(rows) else day
            # A record dated on the day asked for still shows as a sliver, not nothing.
            ax.barh(lane, max((end - row["date"]).days, _MIN_BAR_DAYS), left=row["date"], height=0.5,
                    color=_SCALE_COLORS.get(scale, _P["grey"]), edgecolor="white", linewidth=0.5)
        unlabelled += _label_troops(ax, rows.loc[rows["troops"].notna()], lane, span_days=(day - _FLF_START).days)
    ax.set_yticks(range(len(hosts)), labels)
    ax.set_ylim(len(hosts) - 0.4, -0.7)
    ax.set_xlim(_FLF_START, day + pd.Timedelta(days=60))
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=_SCALE_COLORS[s], label=s) for s in ("battlegroup", "brigade", "not stated")]
    dot = "troops at that date" + (" (figures weeks apart: see the table)" if unlabelled else "")
    handles.append(Line2D([], [], marker="o", linestyle="", color="#222222", label=dot))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, frameon=False)
    plots.footnote(fig, note)
    counts = state["formation"].value_counts()
    with_troops = state.loc[state["troops"].notna()]
    text = (f"Timeline chart: {title}. {len(state)} hosts: "
            + ", ".join(f"{counts[s]} {s}{'s' if counts[s] > 1 else ''}" for s in counts.index) + ".")
    if not with_troops.empty:
        top = with_troops.loc[with_troops["troops"].astype(float).idxmax()]
        text += (f" Largest latest troop figure: {top['host']}, {int(top['troops']):,} ({top['troops_as_of']}).")
    return plots.set_alt(fig, text)


def air_policing_grid(by_year: pd.DataFrame, *, highlight: Sequence[str] = (), as_of: DateLike,
                      note: str, title: str | None = None) -> Figure:
    """Who took Baltic Air Policing detachments, year by year: one dot per Ally and year, its size
    the number of detachments begun that year; highlighted Allies in vermillion.

    ``by_year`` is :func:`natolab.metrics.air_policing_by_year` (rows: Allies by name).
    """
    day = to_timestamp(as_of, "as_of")
    span = f"{min(by_year.columns)}–{max(by_year.columns)}" if not by_year.empty else f"to {day_label(day)}"
    # The years the data records, not up to as_of: later rotations were not collected.
    title = title or f"Baltic Air Policing detachments by Ally, {span}"
    height = plots.rows_height(len(by_year), 0.3, minimum=3.2)
    fig, ax = plots.figure(title, subtitle=f"Detachments begun per year, lead and augmenting (dot size = number); "
                           f"recorded by {day_label(day)}", xlabel="Year of start", size=(10, height))
    if by_year.empty:
        return plots.empty_chart(
            fig, ax, f"No detachment by {day_label(day)} (Baltic Air Policing began in March 2004)", note)
    marked = set(highlight)
    nations = by_year.index.tolist()
    for lane, nation in enumerate(nations):
        counts = by_year.loc[nation]
        years = [y for y in counts.index if counts[y] > 0]
        color = _P["vermillion"] if nation in marked else _P["blue"]
        ax.scatter(years, [lane] * len(years), s=[28 * counts[y] for y in years], color=color, zorder=3)
    ax.set_yticks(range(len(nations)), nations)
    for tick in ax.get_yticklabels():
        if tick.get_text() in marked:
            tick.set_fontweight("bold")
            tick.set_color(_P["vermillion"])
    ax.set_ylim(len(nations) - 0.4, -0.6)
    years = by_year.columns
    ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    plots.footnote(fig, note)
    totals = by_year.sum(axis=1)
    text = (f"Dot chart: {title}. {len(nations)} Allies took {int(totals.sum())} detachments from "
            f"{min(years)} to {max(years)}; most: {totals.idxmax()} ({int(totals.max())}).")
    for nation in sorted(marked & set(nations)):
        active = [str(y) for y in years if by_year.loc[nation, y] > 0]
        text += f" {nation}: {int(totals[nation])} detachments ({', '.join(active)})."
    return plots.set_alt(fig, text)


def kfor_contributions_chart(contributions: pd.DataFrame, nations: Sequence[str], *, highlight: Sequence[str] = (),
                             as_of: DateLike, note: str) -> Figure:
    """Troops in KFOR for ``nations`` (ISO3) at each dated figure, joined by dotted lines: the
    sources give snapshots, not a series. Highlighted Allies in vermillion, drawn last.

    ``contributions`` is :func:`natolab.metrics.kfor_contributions`.
    """
    day = to_timestamp(as_of, "as_of")
    title = f"Troops in KFOR by nation, 1999 to {day_label(day)}"
    fig, ax = plots.figure(title, subtitle="Figures at the dates the sources give them (dotted: between "
                           "two figures, not a series)", ylabel="Troops (number)", size=(10, 5.5))
    shown = contributions.loc[contributions["nation_iso3"].isin(list(nations))]
    if shown.empty:
        return plots.empty_chart(fig, ax, f"No KFOR figure by {day_label(day)} (KFOR began on 12 June 1999)", note)
    order = [n for n in nations if n not in highlight] + [n for n in nations if n in highlight]
    text = f"Line chart: {title}; troops."
    for i, code in enumerate(order):
        rows = shown.loc[shown["nation_iso3"] == code]
        if rows.empty:
            continue
        marked = code in highlight
        color = _P["vermillion"] if marked else _SERIES[i % len(_SERIES)]
        name = rows["nation"].iloc[0]
        ax.plot(rows["date"], rows["troops"].astype(float), linestyle=":", marker="o", color=color,
                linewidth=2.2 if marked else 1.2, markersize=6 if marked else 4, label=name)
        first, last = rows.iloc[0], rows.iloc[-1]
        text += (f" {name}: {int(first['troops']):,} in {first['date_label']}, "
                 f"{int(last['troops']):,} in {last['date_label']}.")
    ax.set_yscale("symlog", linthresh=100)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{int(v):,}")
    ax.set_ylim(0, float(shown["troops"].max()) * 2)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=min(5, len(order)), frameon=False)
    plots.footnote(fig, note)
    return plots.set_alt(fig, text + " Vertical axis: linear to 100, logarithmic above.")


def three_cs_chart(table: pd.DataFrame, *, highlight: Sequence[str] = (), label_top: int = 6,
                   note: str, title: str) -> Figure:
    """Cash against contributions: one point per Ally (share of GDP on x, contributions measure
    on y), the highlighted Allies and the top ``label_top`` on either axis named.

    ``table`` is :func:`natolab.metrics.three_cs`.
    """
    fig, ax = plots.figure(title, subtitle="Contributions = KFOR troops per 1,000 military personnel + months "
                           "of Baltic Air Policing",
                           xlabel="Defence expenditure (% of GDP)", ylabel="Contributions measure (points)",
                           size=(10, 6.2))
    data = table.dropna(subset=["share_of_gdp_pct", "contributions_measure"])
    if data.empty:
        return plots.empty_chart(fig, ax, "No Ally has both figures for this date", note)
    marked = data["iso3"].isin(list(highlight))
    ax.scatter(data.loc[~marked, "share_of_gdp_pct"], data.loc[~marked, "contributions_measure"],
               color=_P["blue"], s=36, zorder=3, label="Ally")
    ax.scatter(data.loc[marked, "share_of_gdp_pct"], data.loc[marked, "contributions_measure"],
               color=_P["vermillion"], s=70, zorder=4, label="highlighted")
    plots.target_line(ax, 2.0, "2% of GDP", orientation="v")
    ax.set_xlim(0, max(float(data["share_of_gdp_pct"].max()) * 1.12, 2.3))
    ax.set_ylim(0, float(data["contributions_measure"].max()) * 1.12 or 1)
    plots.footnote(fig, note)
    plots.place_legend(ax, loc="upper right")
    # Highlighted Allies keep their names first; then the top on contributions, then on cash.
    # A name with no free place is left out (the table has every Ally).
    ranked = list(dict.fromkeys([*data.nlargest(label_top, "contributions_measure")["iso3"],
                                 *data.nlargest(label_top, "share_of_gdp_pct")["iso3"]]))
    point = {r.iso3: (r.share_of_gdp_pct, r.contributions_measure, r.country) for r in data.itertuples(index=False)}
    plots.place_labels(ax, [point[c] for c in data.loc[marked, "iso3"]],
                       fontsize=9, fontweight="bold", color=_P["vermillion"])
    plots.place_labels(ax, [point[c] for c in ranked if c not in set(highlight)], fontsize=8, color="#333333")
    top = data.loc[data["contributions_measure"].idxmax()]
    text = (f"Scatter chart: {title}. {len(data)} Allies; highest contributions measure {top['country']} "
            f"({top['contributions_measure']:.1f}).")
    for row in data.loc[marked].itertuples(index=False):
        text += f" {row.country}: {row.share_of_gdp_pct:.2f}% of GDP, {row.contributions_measure:.1f} points."
    return plots.set_alt(fig, text)
