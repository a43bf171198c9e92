"""Deterrence and collective defence: Forward Land Forces, air policing, KFOR contributions, the three Cs.

Every figure keeps its own date. The sources give Forward Land Forces troop numbers,
framework nations and contributor lists at different dates, so the state of a
formation on a day is assembled field by field from the latest dated row that has
that field, and each field carries the date it comes from. Partial dates ("2022-11",
"2018") count once their period has begun, as in :mod:`natolab.metrics.operations`.

Air-policing time on station is a *lower bound*: a start known only to the month
counts from that month's last day, an end known only to the month to its first day,
and a detachment without an end date counts no time at all. Resources come from one
keyword-only ``data`` (:class:`~natolab.metrics.frames.Frames`; ``None`` = the bundled resources).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from natolab import editions as edition_catalogue
from natolab.dates import DateLike, to_timestamp
from natolab.metrics.burden import present
from natolab.metrics.frames import Frames, country_names, name_of, require_columns, split_codes
from natolab.metrics.periods import add_period_columns, date_label
from natolab.metrics.spending_editions import default_edition
from natolab.metrics.spending_year import year_table

__all__ = [
    "AVERAGE_MONTH_DAYS",
    "BALTIC_AIR_POLICING",
    "PERSONNEL_MIN_ALLIES",
    "ThreeCsSources",
    "air_policing_by_ally",
    "air_policing_by_year",
    "air_policing_detachments",
    "forward_land_forces",
    "forward_land_forces_history",
    "kfor_contributions",
    "kfor_snapshot",
    "split_codes",
    "three_cs",
    "three_cs_sources",
]

#: Days in an average month (365.25 / 12): months on station = days / this.
AVERAGE_MONTH_DAYS = 365.25 / 12
#: The mission name of NATO's Baltic air policing in ``air_policing_rotations``.
BALTIC_AIR_POLICING = "Baltic Air Policing"
_LEAD_ROLES = ("lead", "single")


def _dated(table: pd.DataFrame, column: str, prefix: str) -> pd.DataFrame:
    table = table.copy()
    table[f"{prefix}_label"] = [date_label(v) for v in table[column]]
    return add_period_columns(table, f"{prefix}_label", prefix)


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""


# --------------------------------------------------------------------------- Forward Land Forces

_FLF_COLUMNS = ["host_iso3", "date", "framework_nation_iso3", "troops", "contributing_nations", "unit_scale"]


def forward_land_forces_history(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Every dated Forward Land Forces record whose date has begun by ``as_of``, oldest first.

    A record without a date cannot be placed in time and is left out. Columns:
    host_iso3, host, date (first day of the period), date_label (as the source dates
    it), framework_iso3, framework_nation, troops, unit_scale, contributors (names,
    other than host and framework nation), n_contributors, flags, source_ids.
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    table = data.checked("efp_history", _FLF_COLUMNS)
    names = country_names(data)
    table = _dated(table, "date", "period")
    table = table.loc[table["period_first"].notna() & (table["period_first"] <= day)].copy()
    table["date"] = table["period_first"]
    table["date_label"] = table["period_label"]
    table["host"] = [name_of(str(c), names) for c in table["host_iso3"]]
    table["framework_iso3"] = table["framework_nation_iso3"].astype("object")
    table["framework_nation"] = [
        "" if _blank(c) else name_of(str(c), names) for c in table["framework_nation_iso3"]
    ]
    codes = [split_codes(v) for v in table["contributing_nations"]]
    table["contributors"] = [", ".join(name_of(c, names) for c in sorted(cs, key=lambda c: name_of(c, names)))
                             for cs in codes]
    table["n_contributors"] = pd.array([len(cs) if cs else pd.NA for cs in codes], dtype="Int64")
    for column in ("flags", "source_ids"):
        if column not in table.columns:
            table[column] = ""
    columns = ["host_iso3", "host", "date", "date_label", "framework_iso3", "framework_nation", "troops",
               "unit_scale", "contributors", "n_contributors", "flags", "source_ids"]
    return table.sort_values(["date", "host"], kind="stable")[columns].reset_index(drop=True)


def _latest(rows: pd.DataFrame, column: str) -> tuple[object, str]:
    """(value, date label) of the latest row with a value in ``column``; (None, '') if none."""
    having = rows.loc[[not _blank(v) for v in rows[column]]]
    if having.empty:
        return None, ""
    last = having.iloc[-1]
    return last[column], str(last["date_label"])


def forward_land_forces(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Forward Land Forces on ``as_of``: one row per host, each field with the date it comes from.

    Columns: host_iso3, host, first_recorded (date label of the host's first record),
    framework_nation, framework_as_of, formation ("battlegroup", "brigade" or "not
    stated"), formation_as_of, troops (latest figure, <NA> if none yet), troops_as_of,
    contributors, n_contributors, contributors_as_of. Sorted by first record, then host.
    """
    history = forward_land_forces_history(as_of, data=data)
    rows = []
    for host_iso3, group in history.groupby("host_iso3", sort=False):
        framework, framework_as_of = _latest(group, "framework_nation")
        scale, scale_as_of = _latest(group, "unit_scale")
        troops, troops_as_of = _latest(group, "troops")
        contributors, contributors_as_of = _latest(group, "contributors")
        n_contributors = group.loc[group["date_label"] == contributors_as_of, "n_contributors"]
        rows.append({
            "host_iso3": host_iso3,
            "host": group["host"].iloc[0],
            "first_recorded": group["date_label"].iloc[0],
            "first_date": group["date"].iloc[0],
            "framework_nation": framework or "",
            "framework_as_of": framework_as_of,
            "formation": scale or "not stated",
            "formation_as_of": scale_as_of,
            "troops": troops if troops is not None else pd.NA,
            "troops_as_of": troops_as_of,
            "contributors": contributors or "",
            "n_contributors": n_contributors.iloc[-1] if contributors and not n_contributors.empty else pd.NA,
            "contributors_as_of": contributors_as_of,
        })
    columns = ["host_iso3", "host", "first_recorded", "framework_nation", "framework_as_of", "formation",
               "formation_as_of", "troops", "troops_as_of", "contributors", "n_contributors", "contributors_as_of"]
    if not rows:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(rows).sort_values(["first_date", "host"], kind="stable")
    table["troops"] = pd.array(table["troops"], dtype="Int64")
    table["n_contributors"] = pd.array(table["n_contributors"], dtype="Int64")
    return table[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- air policing

_AP_COLUMNS = ["mission", "rotation_number", "start_date", "end_date", "nation_iso3", "role", "base"]


def air_policing_detachments(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Air-policing detachments that had begun by ``as_of``, oldest first.

    ``months_on_station`` is a lower bound (see the module note), counted up to
    ``as_of`` for a detachment still on station that day; <NA> where the start or the end
    is not recorded. A detachment without a recorded start counts from its end (it had
    begun by then), its year is the end's. Columns: mission, rotation_number,
    rotation_number_basis, nation_iso3, nation, role, base, aircraft_type, n_aircraft,
    start_label, end_label, start, end, year, months_on_station, on_station (on ``as_of``:
    "yes", "no", "start not recorded", "end not recorded"), flags, source_ids.
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    table = data.checked("air_policing_rotations", _AP_COLUMNS)
    names = country_names(data)
    table = _dated(_dated(table, "start_date", "start"), "end_date", "end")
    # A detachment without a recorded start had begun by its end: it counts from then on.
    begun = table["start_first"].fillna(table["end_first"])
    table = table.loc[begun.notna() & (begun <= day)].copy()
    table["nation"] = [name_of(str(c), names) for c in table["nation_iso3"]]
    table["start"] = table["start_first"]
    table["end"] = table["end_last"]
    timed = table["end_first"].notna() & table["start_last"].notna()
    # Lower bound: latest possible start to earliest possible end, cut at as_of.
    stop = table["end_first"].where(table["end_first"] < day, day)
    days = (stop - table["start_last"]).dt.days.clip(lower=0)
    table["months_on_station"] = (days / AVERAGE_MONTH_DAYS).where(timed).round(1)
    table["on_station"] = [
        "start not recorded" if pd.isna(start) else "end not recorded" if pd.isna(end)
        else ("yes" if end >= day else "no")
        for start, end in zip(table["start_first"], table["end_last"], strict=True)
    ]
    table["year"] = table["start"].fillna(table["end_first"]).dt.year.astype("Int64")
    for column in ("rotation_number_basis", "aircraft_type", "n_aircraft", "flags", "source_ids"):
        if column not in table.columns:
            table[column] = pd.NA
    columns = ["mission", "rotation_number", "rotation_number_basis", "nation_iso3", "nation", "role", "base",
               "aircraft_type", "n_aircraft", "start_label", "end_label", "start", "end", "year",
               "months_on_station", "on_station", "flags", "source_ids"]
    return table.sort_values(["start", "nation"], kind="stable")[columns].reset_index(drop=True)


def air_policing_by_ally(
    as_of: DateLike = None,
    *,
    since: DateLike | None = None,
    mission: str | None = None,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Per Ally: detachments begun between ``since`` and ``as_of``, lead rotations and months on station.

    ``mission`` keeps one mission (e.g. :data:`BALTIC_AIR_POLICING`). lead_rotations
    counts the distinct Baltic rotations the Ally led (role "lead", or "single" before
    rotation 35). Columns: nation_iso3, nation, detachments, lead_rotations,
    months_on_station (sum of the lower bounds), detachments_not_timed (no recorded start or
    end, so no time counted), first_year,
    last_year. Most months first.
    """
    table = air_policing_detachments(as_of, data=data)
    if since is not None:
        table = table.loc[table["start"] >= to_timestamp(since, "since")]
    if mission is not None:
        table = table.loc[table["mission"] == mission]
    columns = ["nation_iso3", "nation", "detachments", "lead_rotations", "months_on_station",
               "detachments_not_timed", "first_year", "last_year"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    lead = table.loc[table["role"].isin(_LEAD_ROLES) & (table["mission"] == BALTIC_AIR_POLICING)]
    grouped = table.groupby(["nation_iso3", "nation"], sort=False)
    out = pd.DataFrame({
        "detachments": grouped.size(),
        "months_on_station": grouped["months_on_station"].sum(min_count=1).round(1),
        "detachments_not_timed": grouped["months_on_station"].apply(lambda s: int(s.isna().sum())),
        "first_year": grouped["year"].min(),
        "last_year": grouped["year"].max(),
    }).reset_index()
    leads = lead.groupby("nation_iso3")["rotation_number"].nunique()
    out["lead_rotations"] = [int(leads.get(c, 0)) for c in out["nation_iso3"]]
    out = out.sort_values(["months_on_station", "detachments", "nation"], ascending=[False, False, True],
                          kind="stable", na_position="last")
    return out[columns].reset_index(drop=True)


def air_policing_by_year(
    as_of: DateLike = None,
    *,
    mission: str | None = BALTIC_AIR_POLICING,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Detachments begun per Ally and year (rows: Allies, most detachments first; columns: years).

    Years without a detachment of any Ally in between are kept as columns of zeros, so a
    chart of the frame shows gaps as gaps.
    """
    table = air_policing_detachments(as_of, data=data)
    if mission is not None:
        table = table.loc[table["mission"] == mission]
    if table.empty:
        return pd.DataFrame()
    counts = table.pivot_table(index="nation", columns="year", values="mission", aggfunc="size", fill_value=0)
    years = range(int(table["year"].min()), int(table["year"].max()) + 1)
    counts = counts.reindex(columns=list(years), fill_value=0)
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable")
    counts = counts.loc[sorted(counts.index, key=lambda n: (-order[n], n))]
    counts.columns = [int(y) for y in counts.columns]
    counts.index.name = "nation"
    return counts


# --------------------------------------------------------------------------- KFOR

def _kfor(data: Frames) -> pd.DataFrame:
    table = data.checked("kfor_contributions", ["date", "nation_iso3", "troops"])
    return _dated(table, "date", "period")


def kfor_contributions(
    as_of: DateLike = None,
    *,
    nations: list[str] | None = None,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Troops each nation had in KFOR, at every dated figure begun by ``as_of`` (oldest first).

    Rows the dataset marks ``use_in_total_only`` (the nation is not reliably attributed),
    rows it marks ``planned`` (an announced, not an actual, figure) and rows without a
    number are left out: none of them is that nation's figure.
    Columns: nation_iso3, nation, date, date_label, troops, figure_kind, flags, source_ids.
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    table = _kfor(data)
    names = country_names(data)
    keep = table["period_first"].notna() & (table["period_first"] <= day) & table["troops"].notna()
    for column in ("use_in_total_only", "planned"):
        if column in table.columns:
            keep &= ~table[column].fillna(False).astype(bool)
    table = table.loc[keep].copy()
    if nations is not None:
        table = table.loc[table["nation_iso3"].isin([str(n).upper() for n in nations])]
    table["nation"] = [name_of(str(c), names) for c in table["nation_iso3"]]
    table["date"] = table["period_first"]
    table["date_label"] = table["period_label"]
    for column in ("figure_kind", "flags", "source_ids"):
        if column not in table.columns:
            table[column] = pd.NA
    columns = ["nation_iso3", "nation", "date", "date_label", "troops", "figure_kind", "flags", "source_ids"]
    return table.sort_values(["date", "nation"], kind="stable")[columns].reset_index(drop=True)


def kfor_snapshot(as_of: DateLike = None, *, data: Frames | None = None) -> tuple[str, pd.DataFrame]:
    """The latest snapshot that lists every contributing nation, as (date label, table).

    A snapshot is the set of rows with one date; it is complete where the dataset's
    ``snapshot_complete`` column says so (the curator's reading of the source, e.g. a
    KFOR placemat listing every contributor). Rows of that date whose nation is not
    reliably attributed (``use_in_total_only``) are kept out of the table. Returns ('', empty) when no complete
    snapshot is dated by ``as_of``. Table columns: nation_iso3, nation, troops; most first.
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    table = _kfor(data)
    require_columns(table, ["snapshot_complete"], "kfor_contributions")
    complete = table.loc[table["snapshot_complete"].fillna(False).astype(bool)
                         & (table["period_first"] <= day)]
    columns = ["nation_iso3", "nation", "troops"]
    if complete.empty:
        return "", pd.DataFrame(columns=columns)
    latest = complete.loc[complete["period_first"] == complete["period_first"].max(), "period_label"].iloc[0]
    rows = kfor_contributions(as_of, data=data)
    rows = rows.loc[rows["date_label"] == latest]
    rows = rows.sort_values(["troops", "nation"], ascending=[False, True], kind="stable")
    return str(latest), rows[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- the three Cs

#: Allies an edition must report for a year before it is used for military personnel.
PERSONNEL_MIN_ALLIES = 20


@dataclass(frozen=True)
class ThreeCsSources:
    """Where each part of the three Cs comes from: cash and capabilities from one edition and
    year (the burden-sharing report's for that year), military personnel (which scales KFOR
    troops) from the latest edition and year up to then that reports it."""

    year: int
    edition: str
    personnel_year: int
    personnel_edition: str


def three_cs_sources(as_of: DateLike = None, *, data: Frames | None = None) -> ThreeCsSources:
    """The editions and years of the three Cs on ``as_of``.

    The year is ``as_of``'s, capped at the latest year NATO reports
    (:func:`natolab.metrics.present`); its edition is the one the burden-sharing report
    uses for that year (:func:`natolab.metrics.default_edition`), so an Ally's share of
    GDP here is the same figure as there. Personnel: the latest year up to then with a
    figure for at least :data:`PERSONNEL_MIN_ALLIES` Allies in one edition, the latest such
    edition. Raises ValueError when no edition reports personnel by then.
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    now = present(data=data)
    year = min(day.year, now.year)
    edition = now.edition if year == now.year else default_edition(year, data=data)
    frame = data["defence_expenditure"]
    rows = frame.loc[(frame["indicator"] == "military_personnel_k") & frame["value"].notna()
                     & (frame["year"] <= year)]
    counts = rows.groupby(["year", "edition"]).size()
    counts = counts[counts >= PERSONNEL_MIN_ALLIES]
    if counts.empty:
        raise ValueError(f"No edition reports military personnel for {PERSONNEL_MIN_ALLIES} Allies up to {year}")
    order = edition_catalogue.order(data=data)
    personnel_year, personnel_edition = max(counts.index, key=lambda ye: (ye[0], order.index(ye[1])))
    return ThreeCsSources(int(year), str(edition), int(personnel_year), str(personnel_edition))


def three_cs(
    as_of: DateLike = None,
    *,
    window_years: int = 10,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Cash, capabilities and contributions per Ally, each part from its own dated source.

    * cash: defence expenditure as % of GDP; capabilities: equipment share of defence
      expenditure; both from one edition and year (:func:`three_cs_sources`);
    * contributions = KFOR troops per 1,000 military personnel (latest complete KFOR
      list by ``as_of``; an Ally the list does not name had no troops in KFOR; personnel
      from :func:`three_cs_sources`) + months on station in Baltic Air Policing in the
      ``window_years`` years to ``as_of`` (lower bound, see the module note). Blank
      where a part is missing (e.g. no personnel figure).

    Columns: iso3, country, share_of_gdp_pct, equipment_share_pct, estimate,
    military_personnel_k, kfor_troops, kfor_per_1000_personnel, air_policing_months,
    contributions_measure, year, edition, personnel_year, personnel_edition,
    kfor_snapshot. Highest contributions first.
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    src = three_cs_sources(day, data=data)
    table, _ = year_table(src.year, src.edition, ["share_of_gdp_pct", "equipment_share_pct"], data=data)
    people, _ = year_table(src.personnel_year, src.personnel_edition, ["military_personnel_k"], data=data)
    table["military_personnel_k"] = table["iso3"].map(people.set_index("iso3")["military_personnel_k"])
    snapshot_label, snapshot = kfor_snapshot(day, data=data)
    troops = snapshot.set_index("nation_iso3")["troops"]
    if snapshot_label:
        table["kfor_troops"] = pd.array([int(troops.get(c, 0)) for c in table["iso3"]], dtype="Int64")
    else:
        table["kfor_troops"] = pd.array([pd.NA] * len(table), dtype="Int64")
    personnel = table["military_personnel_k"].where(table["military_personnel_k"] > 0)
    table["kfor_per_1000_personnel"] = (table["kfor_troops"].astype("float64") / personnel).round(2)
    since = day - pd.DateOffset(years=window_years) + pd.Timedelta(days=1)
    months = air_policing_by_ally(day, since=since, mission=BALTIC_AIR_POLICING,
                                  data=data).set_index("nation_iso3")["months_on_station"].fillna(0.0)
    table["air_policing_months"] = [float(months.get(c, 0.0)) for c in table["iso3"]]
    table["contributions_measure"] = (table["kfor_per_1000_personnel"] + table["air_policing_months"]).round(1)
    table["personnel_year"] = src.personnel_year
    table["personnel_edition"] = src.personnel_edition
    table["kfor_snapshot"] = snapshot_label
    columns = ["iso3", "country", "share_of_gdp_pct", "equipment_share_pct", "estimate", "military_personnel_k",
               "kfor_troops", "kfor_per_1000_personnel", "air_policing_months", "contributions_measure", "year",
               "edition", "personnel_year", "personnel_edition", "kfor_snapshot"]
    table = table.sort_values(["contributions_measure", "country"], ascending=[False, True], kind="stable",
                              na_position="last")
    return table[columns].reset_index(drop=True)
