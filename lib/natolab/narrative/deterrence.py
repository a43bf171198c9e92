"""Sentences computed from data for the deterrence and collective defence notebook.

Each function takes the frame the notebook has just shown (from
:mod:`natolab.metrics.deterrence`) and returns Markdown for ``plots.say``. Figures keep
their own dates; troop figures of different dates are never added up.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from natolab import editions
from natolab.dates import DateLike
from natolab.labels import counted, date_words, day_label, plural, source_date_when, with_article
from natolab.metrics.frames import join_names

__all__ = [
    "air_policing_sentence",
    "ally_air_policing_sentence",
    "forward_land_forces_sentence",
    "kfor_contributions_sentence",
    "ordinal",
    "three_cs_sentence",
    "three_cs_sources_sentence",
]


def ordinal(n: int) -> str:
    """'1st', '2nd', '3rd', '11th', '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def forward_land_forces_sentence(state: pd.DataFrame, as_of: DateLike, *, first_recorded: str | None = None) -> str:
    """How many hosts and formations on ``as_of``, by scale, with their framework nations.

    ``state`` is :func:`natolab.metrics.forward_land_forces`; ``first_recorded`` the date
    label of the data's first record, for a day before it.
    """
    day = day_label(as_of)
    if state.empty:
        first = f" (its first record is dated {date_words(first_recorded)})" if first_recorded else ""
        return f"On {day} the data records no Forward Land Forces{first}."
    parts = []
    for scale in ("battlegroup", "brigade", "not stated"):
        hosts = state.loc[state["formation"] == scale]
        if hosts.empty:
            continue
        what = (counted(len(hosts), scale) if scale != "not stated"
                else f"{counted(len(hosts), 'formation')} whose scale the sources do not state")
        parts.append(f"{what} ({join_names([with_article(h) for h in hosts['host']])})")
    led = [f"{with_article(r.framework_nation)} in {with_article(r.host)}" for r in state.itertuples(index=False)
           if r.framework_nation and r.framework_nation != r.host]
    own = [r.host for r in state.itertuples(index=False) if r.framework_nation == r.host]
    text = (f"On {day}, NATO's forward land forces were recorded in "
            f"{counted(len(state), 'host nation')}: {join_names(parts)}.")
    if led:
        text += f" Framework nations: {join_names(led)}."
    if own:
        named = [with_article(own[0], start=True), *(with_article(h) for h in own[1:])]
        text += f" {join_names(named)} {plural(len(own), 'led its own', 'led their own')}."
    with_troops = state.loc[state["troops"].notna()]
    if len(with_troops) > 1 and len(set(with_troops["troops_as_of"])) > 1:
        text += (" Troop figures are not added up: the latest figure for each host is from a different date "
                 "(table below).")
    return text


def air_policing_sentence(by_ally: pd.DataFrame, detachments: pd.DataFrame, as_of: DateLike, *,
                          top: int = 3) -> str:
    """Allies, detachments and rotations of Baltic Air Policing by ``as_of``, and who spent longest on station.

    ``by_ally`` is :func:`natolab.metrics.air_policing_by_ally` and ``detachments``
    :func:`natolab.metrics.air_policing_detachments`, both for Baltic Air Policing only.
    """
    day = day_label(as_of)
    if detachments.empty:
        return f"By {day} no Baltic Air Policing detachment had begun."
    first = detachments.iloc[0]
    numbered = detachments.loc[detachments["rotation_number"].notna() & detachments["start"].notna()]
    last = numbered.loc[numbered["rotation_number"].astype(int).idxmax()]
    rotations = int(detachments["rotation_number"].nunique())
    text = (f"From {date_words(first['start_label'])} to {day}, {counted(len(by_ally), 'Ally', 'Allies')} "
            f"flew {counted(len(detachments), 'detachment')} in {counted(rotations, 'rotation')} of Baltic Air "
            f"Policing (the latest recorded: rotation {int(last['rotation_number'])}, from "
            f"{date_words(last['start_label'])}).")
    leaders = by_ally.dropna(subset=["months_on_station"]).head(top)
    if not leaders.empty:
        named = [f"{r.nation} ({r.months_on_station:.0f} months, {counted(int(r.detachments), 'detachment')})"
                 for r in leaders.itertuples(index=False)]
        text += f" Longest on station: {join_names(named)}."
    return text


def ally_air_policing_sentence(by_ally: pd.DataFrame, name: str, as_of: DateLike) -> str:
    """One Ally's Baltic Air Policing record by ``as_of``: detachments, rotations led, months, rank."""
    day = day_label(as_of)
    row = by_ally.loc[by_ally["nation"] == name]
    if row.empty:
        return f"By {day} the data records no Baltic Air Policing detachment of {with_article(name)}."
    r = row.iloc[0]
    subject = with_article(name, start=True)
    text = (f"{subject} flew {counted(int(r['detachments']), 'detachment')} from {int(r['first_year'])} to "
            f"{int(r['last_year'])}, " + (f"leading {counted(int(r['lead_rotations']), 'rotation')}"
                                           if int(r["lead_rotations"]) else "none as lead nation"))
    if pd.isna(r["months_on_station"]):
        text += ", none with both dates recorded, so no time on station is counted."
        return text
    rank = int(by_ally["months_on_station"].rank(ascending=False, method="min")[row.index[0]])
    counted_allies = int(by_ally["months_on_station"].notna().sum())
    text += (f", with at least {r['months_on_station']:.0f} months on station: {ordinal(rank)} of the "
             f"{counted(counted_allies, 'Ally', 'Allies')} with time on station recorded.")
    if int(r["detachments_not_timed"]):
        untimed = counted(int(r["detachments_not_timed"]), "detachment")
        text += f" {untimed} without a recorded start or end not counted."
    return text


def kfor_contributions_sentence(snapshot_label: str, snapshot: pd.DataFrame, series: pd.DataFrame,
                                highlight: Sequence[tuple[str, str]], as_of: DateLike, *, top: int = 3) -> str:
    """The largest contributors in the latest complete KFOR snapshot, and each highlighted Ally's record.

    ``snapshot`` is :func:`natolab.metrics.kfor_snapshot`'s table, ``series``
    :func:`natolab.metrics.kfor_contributions`; ``highlight`` is (ISO3, name) pairs.
    """
    day = day_label(as_of)
    if snapshot_label:
        largest = [f"{with_article(r.nation)} ({int(r.troops):,})" for r in snapshot.head(top).itertuples(index=False)]
        text = (f"In the latest complete list of contributors by {day} ({date_words(snapshot_label)}), "
                f"{counted(len(snapshot), 'nation')} had troops in KFOR; the largest: {join_names(largest)}.")
    else:
        text = f"No complete list of KFOR contributors is dated by {day}."
    for iso3, name in highlight:
        rows = series.loc[series["nation_iso3"] == iso3]
        if rows.empty:
            text += f" {with_article(name, start=True)}: no KFOR figure recorded by {day}."
            continue
        peak = rows.loc[rows["troops"].astype(float).idxmax()]
        last = rows.iloc[-1]
        n = int(last["troops"])
        subject = with_article(name, start=True)
        # A latest figure of 0 is a withdrawal on that day, not a strength: said as such.
        latest = (f"no troops left {source_date_when(last['date_label'])}" if n == 0 else
                  f"{n:,} {plural(n, 'troop', 'troops')} {source_date_when(last['date_label'])}")
        text += (f" {subject}: {latest}"
                 + (f"; its highest figure in the data {int(peak['troops']):,} {source_date_when(peak['date_label'])}"
                    if peak["date_label"] != last["date_label"] else "") + ".")
    return text


def _months(value: float) -> str:
    """Months as the measure adds them: '24.1', and '5' for a whole number."""
    return f"{value:.1f}".removesuffix(".0")


def three_cs_sentence(table: pd.DataFrame, highlight: Sequence[str], *, year_label: str, window: str) -> str:
    """Where each highlighted Ally ranks on cash and on contributions, with the parts of its measure.

    ``table`` is :func:`natolab.metrics.three_cs`; ``year_label`` the year of the cash
    figures as the edition labels it ("2024e"); ``window`` the air-policing period in words.
    """
    both = table.dropna(subset=["share_of_gdp_pct", "contributions_measure"])
    n = len(both)
    if n == 0:
        return "No Ally has both a cash figure and a contributions measure for this date."
    cash_rank = both["share_of_gdp_pct"].rank(ascending=False, method="min")
    contrib_rank = both["contributions_measure"].rank(ascending=False, method="min")
    parts = []
    for iso3 in highlight:
        row = both.loc[both["iso3"] == iso3]
        if row.empty:
            name = table.loc[table["iso3"] == iso3, "country"]
            parts.append(f"{with_article(name.iloc[0]) if len(name) else iso3} lacks one of the figures (table)")
            continue
        i = row.index[0]
        r = row.iloc[0]
        listed = f"the KFOR list of {date_words(r['kfor_snapshot'])}"
        kfor = (f"no troops in {listed}" if int(r["kfor_troops"]) == 0 else
                f"{r['kfor_per_1000_personnel']:.1f} KFOR troops per 1,000 military personnel in {listed}")
        country = with_article(str(r["country"]))
        parts.append(
            f"{country} ranks {ordinal(int(cash_rank[i]))} on cash ({r['share_of_gdp_pct']:.2f}% of GDP in "
            f"{year_label}) and {ordinal(int(contrib_rank[i]))} on contributions ({r['contributions_measure']:.1f} "
            f"points: {kfor}; {_months(r['air_policing_months'])} months of Baltic Air Policing {window})"
        )
    return f"Of the {n} Allies with both figures, " + "; ".join(parts) + "."


def three_cs_sources_sentence(year: int, edition: str, personnel_year: int, personnel_edition: str) -> str:
    """Which edition and year each part of the three Cs comes from, in words.

    Arguments are the fields of :func:`natolab.metrics.three_cs_sources`.
    """
    cash = editions.describe(edition)
    people = editions.describe(personnel_edition)
    text = (f"Cash and capabilities are {cash.year_label(year)} figures from the {cash.label} "
            f"({cash.definition_short}), the same as in the burden-sharing report")
    if (personnel_year, personnel_edition) == (year, edition):
        return text + "; military personnel, which scales the KFOR troops, from the same edition."
    return (text + f"; military personnel, which scales the KFOR troops, is {people.year_label(personnel_year)} "
            f"from the {people.label} ({people.definition_short}), the latest edition with personnel figures.")
