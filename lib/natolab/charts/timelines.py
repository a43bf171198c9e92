"""Time lines: dated charts of the enlargement, EU–NATO, crisis-management and partnership notebooks.

Each function takes a tidy frame from :mod:`natolab.metrics` and returns a finished
figure in the house style of :mod:`natolab.plots` (title, axis units, readable
names, Okabe–Ito colours, source footnote); the notebook shows it with
``plots.show`` and shows the same frame with ``plots.table``. An empty frame (a
date before anything happened) gives a figure that says so instead of failing.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from natolab import plots
from natolab.charts.describe import description_head
from natolab.dates import DateLike, to_timestamp
from natolab.labels import day_label, source_date_when, troops_label

__all__ = [
    "allies_step_chart",
    "kfor_chart",
    "milestones_chart",
    "operations_chart",
    "overlap_chart",
    "partners_joined_chart",
]

_P = plots.PALETTE


def allies_step_chart(timeline: pd.DataFrame, *, as_of: DateLike, note: str) -> Figure:
    """Number of Allies over time as a step line from 4 April 1949 to ``as_of``, each round labelled.

    ``timeline`` is :func:`natolab.metrics.membership_timeline`.
    """
    day = to_timestamp(as_of, "as_of")
    fig, ax = plots.figure(
        f"NATO Allies, 1949 to {day_label(day)}",
        subtitle="Number of Allies after each accession day; labels: year and countries joining",
        ylabel="Allies (number)",
        size=(10, 5.5),
    )
    if timeline.empty:
        return plots.empty_chart(fig, ax, f"No Allies yet on {day_label(day)}", note)
    xs = [*timeline["date"], day]
    ys = [*timeline["n_allies"], timeline["n_allies"].iloc[-1]]
    ax.step(xs, ys, where="post", color=_P["blue"])
    ax.plot(timeline["date"], timeline["n_allies"], "o", color=_P["blue"], markersize=4)
    labels = [
        (row.date, row.n_allies,
         f"{row.date.year}: {row.n_allies} founders" if row.round_number == 0 else f"{row.date.year}: +{row.n_joined}")
        for row in timeline.itertuples(index=False)
    ]
    ax.set_ylim(0, max(ys) * 1.25)
    ax.set_xlim(pd.Timestamp("1944-01-01"), day + pd.Timedelta(days=3 * 365))
    plots.footnote(fig, note)
    # Above-left of the step, else below-right, else further off: close rounds (2017, 2020,
    # 2023, 2024) take turns; the latest round is placed first so it always keeps its label.
    plots.place_labels(ax, labels[::-1], offsets=((-4, 6, "right"), (5, -5, "left"), *plots.LABEL_OFFSETS),
                       fontsize=8.5)
    first, last = timeline.iloc[0], timeline.iloc[-1]
    rounds = int((timeline["round_number"] > 0).sum())
    text = (description_head("Step chart", fig.get_suptitle(), None, "Allies (number)")
            + f" From {int(first['n_allies'])} on {day_label(first['date'])} to {int(last['n_allies'])} on "
            f"{day_label(last['date'])}; {rounds} enlargement round{'s' if rounds != 1 else ''}.")
    return plots.set_alt(fig, text)


def overlap_chart(timeline: pd.DataFrame, *, note: str) -> Figure:
    """Countries in NATO and the EU, NATO only and EU only, each year (stacked areas).

    ``timeline`` is :func:`natolab.metrics.overlap_timeline`.
    """
    last = timeline["date"].iloc[-1]
    fig, ax = plots.figure(
        f"NATO and EU membership, {int(timeline['year'].iloc[0])} to {day_label(last)}",
        subtitle="Countries on 31 December of each year (last point: the date asked for); EU = EEC/EC/EU",
        ylabel="Countries (number)",
        size=(10, 5.5),
    )
    colours = [_P["bluish_green"], _P["blue"], _P["orange"]]
    labels = ["NATO and EU", "NATO only", "EU only"]
    ax.stackplot(
        timeline["year"],
        timeline["nato_and_eu"],
        timeline["nato_only"],
        timeline["eu_only"],
        labels=labels,
        colors=colours,
        alpha=0.9,
        step="post",
    )
    ax.set_xlim(int(timeline["year"].iloc[0]), int(timeline["year"].iloc[-1]) + 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    plots.footnote(fig, note)
    plots.place_legend(ax, loc="upper left")

    def counts(row) -> str:
        return (f"{int(row['nato_and_eu'])} in NATO and the EU, {int(row['nato_only'])} NATO only, "
                f"{int(row['eu_only'])} EU only")

    first, last = timeline.iloc[0], timeline.iloc[-1]
    text = (description_head("Stacked area chart", fig.get_suptitle(), None, "Countries (number)")
            + f" End of {int(first['year'])}: {counts(first)}. On {day_label(last['date'])}: {counts(last)}.")
    return plots.set_alt(fig, text)


_EVENT_ROWS = {
    "declaration": "Declarations and arrangements",
    "arrangement": "Declarations and arrangements",
    "joint_declaration": "Joint declarations",
    "common_set_of_proposals": "Common set of proposals",
    "progress_report": "Progress reports",
    "high_level_meeting": "High-level meetings",
}


def _milestone_label(event) -> str:
    """The words beside a milestone: the batch size of a common set, the number of a joint
    declaration or progress report, else the month it fell in."""
    if event.event_type == "common_set_of_proposals" and pd.notna(event.n_actions):
        return f"{int(event.n_actions)} actions"
    number = getattr(event, "number", None)
    if event.event_type == "joint_declaration":
        return f"{event.date.year}"
    if event.event_type == "progress_report" and number is not None and pd.notna(number):
        return f"no. {int(number)}"
    return f"{event.date:%b %Y}"


def milestones_chart(milestones: pd.DataFrame, *, as_of: DateLike, note: str) -> Figure:
    """EU–NATO milestones on a time line, one row per kind of event, each point labelled.

    Events dated only by month are drawn hollow on the first day of the month. Labels say
    the month (declarations, meetings), the year (joint declarations), the number of actions
    (common sets) or the report's number, each placed where it overprints nothing.
    ``milestones`` is :func:`natolab.metrics.eu_nato_milestones`.
    """
    day = to_timestamp(as_of, "as_of")
    rows = list(dict.fromkeys(_EVENT_ROWS.values()))
    fig, ax = plots.figure(
        f"EU–NATO cooperation milestones to {day_label(day)}",
        subtitle="Filled: exact day known; hollow: month only",
        xlabel="Year",
        size=(10, 5.2),
    )
    dated = milestones.dropna(subset=["date"])
    if dated.empty:
        return plots.empty_chart(fig, ax, f"No EU–NATO milestone recorded by {day_label(day)}", note)
    ypos = {row: len(rows) - 1 - i for i, row in enumerate(rows)}
    labels = []
    for event in dated.itertuples(index=False):
        row = _EVENT_ROWS.get(event.event_type, "Declarations and arrangements")
        exact = str(event.date_precision) == "day"
        ax.plot(
            event.date,
            ypos[row],
            "o",
            markersize=8,
            color=_P["blue"],
            markerfacecolor=_P["blue"] if exact else "white",
        )
        labels.append((event.date, ypos[row], _milestone_label(event)))
    ax.set_yticks(list(ypos.values()), list(ypos.keys()))
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(dated["date"].min() - pd.Timedelta(days=400), day + pd.Timedelta(days=400))
    plots.footnote(fig, note)
    # Close events (two batches a year apart, reports six months apart) take turns above and
    # below their row; only the near places, so a label never drifts into the next row.
    plots.place_labels(ax, labels, offsets=plots.LABEL_OFFSETS[:6])
    kinds = pd.Series([_EVENT_ROWS.get(t, "Declarations and arrangements") for t in dated["event_type"]])
    # "joint declarations: 1", not "1 joint declarations": the rows are named in the plural.
    per_row = ", ".join(f"{row.lower()}: {int(kinds.eq(row).sum())}" for row in rows if kinds.eq(row).any())
    text = (f"Timeline chart: {fig.get_suptitle()}. {len(dated)} milestones from {day_label(dated['date'].min())} "
            f"to {day_label(dated['date'].max())}: {per_row}.")
    return plots.set_alt(fig, text)


_STATUS_COLOURS = {
    "ended": _P["grey"],
    "active": _P["blue"],
    "active (end not recorded)": _P["sky_blue"],
}


def operations_chart(timeline: pd.DataFrame, *, as_of: DateLike, note: str) -> Figure:
    """NATO operations and missions as bars from start to end (or to ``as_of`` if still running).

    ``timeline`` is :func:`natolab.metrics.operations_timeline`; hatched bars have a
    start or end known only to the month or year.
    """
    day = to_timestamp(as_of, "as_of")
    height = plots.rows_height(len(timeline), 0.28, minimum=3.5)
    fig, ax = plots.figure(
        f"NATO operations and missions to {day_label(day)}",
        subtitle="Bars run from start to end; running operations end at the date asked for",
        xlabel="Year",
        size=(10, height),
    )
    if timeline.empty:
        return plots.empty_chart(fig, ax, f"No NATO operation had started by {day_label(day)}", note)
    n = len(timeline)
    for i, row in enumerate(timeline.itertuples(index=False)):
        y = n - 1 - i
        start, end = row.start, row.bar_end
        width = max((end - start).days, 20)  # a one-day operation still shows
        ax.barh(
            y,
            width,
            left=start,
            height=0.6,
            color=_STATUS_COLOURS.get(row.status_on_date, _P["grey"]),
            hatch="///" if row.dates_uncertain else None,
            edgecolor="white",
            linewidth=0.3,
        )
    ax.set_yticks(range(n - 1, -1, -1), timeline["short_name"].tolist(), fontsize=8)
    ax.grid(axis="y", visible=False)
    ax.axvline(day, color="#777777", linestyle=":", linewidth=1)
    handles = [Patch(color=c, label=s) for s, c in _STATUS_COLOURS.items() if s in set(timeline["status_on_date"])]
    if timeline["dates_uncertain"].any():
        handles.append(
            Patch(facecolor="white", edgecolor="#777777", hatch="///", label="start or end: month/year only")
        )
    plots.footnote(fig, note)
    plots.place_legend(ax, handles=handles, loc="lower left", fontsize=8)
    status = timeline["status_on_date"].value_counts()
    earliest = timeline.loc[timeline["start"].idxmin()]
    text = (f"Timeline chart: {fig.get_suptitle()}. {n} operations and missions: "
            + ", ".join(f"{int(status[s])} {s}" for s in status.index)
            + f". Earliest start: {earliest['short_name']}, {day_label(earliest['start'])}.")
    uncertain = int(timeline["dates_uncertain"].astype(bool).sum())
    if uncertain:
        text += f" {uncertain} with a start or end known only to the month or year."
    return plots.set_alt(fig, text)


def _kfor_when(row: pd.Series) -> str:
    """A KFOR figure's date as its source gives it ("in 2025", not "on 1 January 2025")."""
    label = row.get("date_label")
    return source_date_when(label) if isinstance(label, str) and label else f"on {day_label(row['date'])}"


def kfor_chart(kfor: pd.DataFrame, *, as_of: DateLike, note: str) -> Figure:
    """KFOR troop figures over time; figures from low-grade sources drawn hollow and marked.

    ``kfor`` is :func:`natolab.metrics.kfor_strength`. Points are not joined by a
    line: the sources give isolated figures, not a series.
    """
    day = to_timestamp(as_of, "as_of")
    fig, ax = plots.figure(
        f"KFOR strength, 1999 to {day_label(day)}",
        subtitle="Troops in Kosovo as reported; hollow = low-grade source (blog, wiki copy)",
        ylabel="Troops (number)",
        size=(10, 5.2),
    )
    if kfor.empty:
        return plots.empty_chart(fig, ax, f"No KFOR figure by {day_label(day)} (KFOR began on 12 June 1999)", note)
    for row in kfor.itertuples(index=False):
        low = bool(row.low_grade)
        ax.plot(
            row.date,
            row.troops,
            "o",
            markersize=7,
            color=_P["vermillion"] if low else _P["blue"],
            markerfacecolor="white" if low else _P["blue"],
            markeredgewidth=1.6,
        )
    ax.set_ylim(0, float(kfor["troops"].max()) * 1.15)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{int(v):,}")
    plots.footnote(fig, note)
    plots.place_legend(
        ax,
        handles=[
            Line2D([], [], marker="o", linestyle="", color=_P["blue"], label="official, reprint or secondary source"),
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=_P["vermillion"],
                markerfacecolor="white",
                label="low-grade source",
            ),
        ],
        loc="upper right",
    )
    # Recent figures are months apart: each label goes where it overprints nothing, the
    # latest first (the table under the chart has every figure).
    latest_first = kfor.iloc[::-1]
    plots.place_labels(ax, [(r.date, r.troops, troops_label(r)) for r in latest_first.itertuples(index=False)])
    ordered = kfor.sort_values("date")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    top = kfor.loc[kfor["troops"].astype(float).idxmax()]
    text = (description_head("Dot chart", fig.get_suptitle(), None, "Troops (number)")
            + f" {len(kfor)} figures, from {int(first['troops']):,} {_kfor_when(first)} to "
            f"{int(last['troops']):,} {_kfor_when(last)}; highest {int(top['troops']):,} {_kfor_when(top)}.")
    low = int(kfor["low_grade"].astype(bool).sum())
    if low:
        text += f" {low} from low-grade sources (drawn hollow)."
    return plots.set_alt(fig, text)


def partners_joined_chart(by_year: pd.DataFrame, *, as_of: DateLike, note: str) -> Figure:
    """Cumulative number of today's partners that had joined each framework, year by year.

    ``by_year`` is :func:`natolab.metrics.partners_joined_by_year`.
    """
    day = to_timestamp(as_of, "as_of")
    fig, ax = plots.figure(
        f"When today's partners joined, to {day.year}",
        subtitle="Cumulative count by framework (partners that later became Allies are not in the data)",
        ylabel="Partner countries (number)",
        size=(10, 5.2),
    )
    if by_year.empty:
        return plots.empty_chart(fig, ax, f"None of today's partners had joined by {day_label(day)}", note)
    first = int(by_year["year"].min())
    years = list(range(first, day.year + 1))
    colours = [_P[c] for c in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "black")]
    frameworks = list(dict.fromkeys(by_year["framework_name"]))
    for i, name in enumerate(frameworks):
        counts = by_year.loc[by_year["framework_name"] == name].set_index("year")["n_joined"]
        cumulative = counts.reindex(years, fill_value=0).cumsum()
        ax.step(years, cumulative.to_numpy(), where="post", color=colours[i % len(colours)], label=name)
    ax.set_xlim(first - 1, day.year + 1)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    plots.footnote(fig, note)
    plots.place_legend(ax, loc="upper left", fontsize=8.5)
    parts = []
    for name in frameworks:
        counts = by_year.loc[by_year["framework_name"] == name].groupby("year")["n_joined"].sum()
        counts = counts.reindex(years, fill_value=0)  # the years drawn
        joined = counts[counts > 0]
        first_joined = f" (first joined {int(joined.index.min())})" if len(joined) else ""
        parts.append(f"{name}: {int(counts.sum())} by {day.year}{first_joined}")
    text = (description_head("Step chart", fig.get_suptitle(), None, "Partner countries (number)")
            + " " + "; ".join(parts) + ".")
    return plots.set_alt(fig, text)
