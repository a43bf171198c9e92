"""One Ally at a glance: accession, EU status, and what it contributes and hosts.

Spending figures for a profile come from the spending modules (:mod:`natolab.metrics.spending_year`,
:mod:`natolab.metrics.spending_series`, :mod:`natolab.metrics.sipri`); this module answers the
non-spending questions: its air-policing detachments, its roles in the Forward Land Forces,
the NATO sites it hosts, the DCB partners it is recorded as supporting and the summits it
hosted (KFOR troops by nation come straight from :func:`natolab.metrics.kfor_contributions`).
Every function reads its resources from one keyword-only ``data``
(:class:`~natolab.metrics.frames.Frames`; ``None`` = the bundled resources).
"""

from __future__ import annotations

import re

import pandas as pd

from natolab.dates import DateLike, to_timestamp
from natolab.metrics import deterrence
from natolab.metrics.frames import Frames, country_names, name_of
from natolab.metrics.periods import add_period_columns, date_label

__all__ = [
    "air_policing_record",
    "ally_facts",
    "coverage",
    "dcb_partners_supported",
    "forward_land_forces_roles",
    "host_sites",
    "operations_mentioning",
    "spellings",
    "summits_hosted",
]


def _code(iso3: str) -> str:
    return str(iso3).strip().upper()


def spellings(
    iso3: str,
    *,
    data: Frames | None = None,
) -> list[str]:
    """Every name the sources use for ``iso3`` ("Czechia", "Czech Republic"), longest first.

    From the ``countries`` table and the ``country_names`` mapping; three-letter codes
    that some files use as names are left out (they would match inside other words).
    """
    code = _code(iso3)
    data = data or Frames()
    found = {country_names(data).get(code, "")}
    table = data.checked("country_names", ["name", "iso3"])
    found |= set(table.loc[table["iso3"].astype(str) == code, "name"].astype(str))
    found = {n for n in found if n and n != code}
    return sorted(found, key=lambda n: (-len(n), n))


def _mentions(text: object, names: list[str]) -> bool:
    if not isinstance(text, str) or not names:
        return False
    pattern = r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b"
    return re.search(pattern, text) is not None


def ally_facts(
    iso3: str,
    *,
    as_of: pd.Timestamp | str | None = None,
    data: Frames | None = None,
) -> dict[str, object]:
    """Accession and EU facts of one Ally as a dict.

    Keys: iso3, country, accession_date, enlargement_round, round_number, founding_member,
    eu_member (on ``as_of``; ``None`` = the data's as-of date), eu_accession_date,
    eu_exit_date, special_notes. Raises ValueError listing the Allies for a non-Ally.
    """
    code = _code(iso3)
    data = data or Frames()
    table = data.checked("members", ["iso3", "accession_date", "enlargement_round", "round_number"])
    row = table.loc[table["iso3"].astype(str) == code]
    if row.empty:
        valid = ", ".join(sorted(table["iso3"].astype(str)))
        raise ValueError(f"{iso3!r} is not an Ally. Valid values: {valid}")
    rec = row.iloc[0]
    day = to_timestamp(as_of, "as_of")  # None = the data's as-of date; a day, time of day dropped
    eu = data["eu_membership"]
    eu_row = eu.loc[eu["iso3"].astype(str) == code]
    eu_in = pd.to_datetime(eu_row["eu_accession_date"]).iloc[0] if len(eu_row) else pd.NaT
    eu_out = pd.to_datetime(eu_row["eu_exit_date"]).iloc[0] if len(eu_row) else pd.NaT
    # eu_exit_date is the last day of membership (docs/data-model.md, "Dates").
    eu_member = bool(pd.notna(eu_in) and eu_in <= day and (pd.isna(eu_out) or eu_out >= day))
    founding = rec.get("founding_member", int(rec["round_number"]) == 0)
    notes = rec.get("special_notes", None)
    return {
        "iso3": code,
        "country": country_names(data).get(code, code),
        "accession_date": pd.Timestamp(rec["accession_date"]),
        "enlargement_round": str(rec["enlargement_round"]),
        "round_number": int(rec["round_number"]),
        "founding_member": bool(founding),
        "eu_member": eu_member,
        "eu_accession_date": eu_in,
        "eu_exit_date": eu_out,
        "special_notes": None if pd.isna(notes) else str(notes),
    }


def operations_mentioning(
    iso3: str,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """NATO operations and missions whose theatre names the Ally (e.g. Baltic Air Policing).

    The operations dataset does not list contributing nations, so this finds where an
    operation took place, not who took part. Columns: name, theatre, start_year, end_year.
    """
    data = data or Frames()
    table = data.checked("operations", ["name", "theatre", "start_year", "end_year"])
    aliases = spellings(iso3, data=data)
    mask = table["theatre"].map(lambda t: _mentions(t, aliases))
    out = table.loc[mask, ["name", "theatre", "start_year", "end_year"]]
    return out.sort_values(["start_year", "name"]).reset_index(drop=True)


def summits_hosted(
    iso3: str,
    as_of: DateLike = None,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Summits and leaders' meetings begun by ``as_of`` that the Ally hosted, oldest first.

    A meeting with two hosts (Strasbourg/Kehl 2009: ``co_host_iso3``) counts for both;
    ``shared_with`` names the other host. ``counted_by_nato`` is True where NATO counts the
    meeting among its summits and <NA> where that is not established (the special,
    extraordinary and leaders' meetings). Columns: summit, city, start_date, meeting_type,
    counted_by_nato, shared_with.
    """
    data = data or Frames()
    table = data.checked("summits", ["summit", "city", "host_iso3", "start_date"])
    code = _code(iso3)
    names = country_names(data) if "co_host_iso3" in table.columns else {}
    table = table.loc[pd.to_datetime(table["start_date"]) <= to_timestamp(as_of, "as_of")].copy()
    hosts = _codes(table["host_iso3"])
    co_hosts = _codes(table["co_host_iso3"]) if "co_host_iso3" in table.columns else [""] * len(table)
    pairs = list(zip(hosts, co_hosts, strict=True))
    out = table.loc[[code in pair for pair in pairs]].copy()
    others = [c if h == code else h for h, c in pairs if code in (h, c)]
    out["shared_with"] = [name_of(c, names) if c else "" for c in others]
    for column in ("meeting_type", "counted_by_nato"):
        if column not in out.columns:
            out[column] = pd.NA
    out["counted_by_nato"] = pd.array(out["counted_by_nato"], dtype="boolean")
    columns = ["summit", "city", "start_date", "meeting_type", "counted_by_nato", "shared_with"]
    return out.sort_values("start_date", kind="stable")[columns].reset_index(drop=True)


def _codes(values: pd.Series) -> list[str]:
    """ISO3 cells as upper-case strings, blank cells as ''."""
    return ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip().upper() for v in values]


# --------------------------------------------------------------------------- contributions

def _year_runs(years: list[int]) -> str:
    """'2004, 2006, 2013, 2015–2021, 2023' from years in any order."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def air_policing_record(
    iso3: str,
    as_of: DateLike = None,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """The Ally's air-policing detachments begun by ``as_of``, one row per mission (Baltic first).

    Columns: mission, detachments, rotations_led (distinct Baltic Air Policing rotations it
    led: role "lead", or "single" before the mission had several detachments; <NA> for the
    other missions, which have no numbered rotations), first_year, last_year, years (the
    years detachments began, "2004, 2006, 2013, 2015–2021"). Empty when it flew none.
    """
    code = _code(iso3)
    detachments = deterrence.air_policing_detachments(as_of, data=data)
    own = detachments.loc[detachments["nation_iso3"].astype(str) == code]
    columns = ["mission", "detachments", "rotations_led", "first_year", "last_year", "years"]
    if own.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for mission, group in own.groupby("mission", sort=False, observed=True):
        baltic = mission == deterrence.BALTIC_AIR_POLICING
        led = group.loc[group["role"].isin(["lead", "single"]), "rotation_number"].dropna().nunique()
        years = [int(y) for y in group["year"].dropna()]
        rows.append({
            "mission": str(mission),
            "detachments": len(group),
            "rotations_led": int(led) if baltic else pd.NA,
            "first_year": min(years) if years else pd.NA,
            "last_year": max(years) if years else pd.NA,
            "years": _year_runs(years),
        })
    out = pd.DataFrame(rows)
    out["_baltic"] = out["mission"] != deterrence.BALTIC_AIR_POLICING
    out = out.sort_values(["_baltic", "first_year"], kind="stable")
    for column in ("detachments", "rotations_led", "first_year", "last_year"):
        out[column] = pd.array(out[column], dtype="Int64")
    return out[columns].reset_index(drop=True)


_ROLE_ORDER = {"host nation": 0, "framework nation": 1, "contributor": 2}


def forward_land_forces_roles(
    iso3: str,
    as_of: DateLike = None,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Where the Ally appears in the dated Forward Land Forces records by ``as_of``, and as what.

    One row per host and role ("host nation", "framework nation", "contributor": named in
    the record's list of contributing nations, which leaves out host and framework nation).
    Records without a date are left out, as in
    :func:`natolab.metrics.forward_land_forces_history`. Columns: host_iso3, host, role,
    first_recorded and latest_recorded (date labels, as the source dates them, of the first
    and latest record naming the Ally in that role), n_records, host_latest_record (the
    host's latest record with that field: its latest record, framework nation or list of
    contributors), named_on_latest, framework_nation and framework_since (the host's
    framework nation on its latest record and the first record of that nation's unbroken
    run).
    Host first, then framework nation, then contributor.
    """
    code = _code(iso3)
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    table = data.checked("efp_history", ["host_iso3", "date", "framework_nation_iso3", "contributing_nations"])
    names = country_names(data)
    table = table.copy()
    table["date_label"] = [date_label(v) for v in table["date"]]
    table = add_period_columns(table, "date_label", "period")
    table = table.loc[table["period_first"].notna() & (table["period_first"] <= day)]
    table = table.sort_values("period_first", kind="stable")
    rows = []
    for host, group in table.groupby("host_iso3", sort=False):
        host = str(host)
        labels = group["date_label"].tolist()
        frameworks = [date_label(v) for v in group["framework_nation_iso3"]]
        lists = [deterrence.split_codes(v) for v in group["contributing_nations"]]
        with_framework = [(lab, fw) for lab, fw in zip(labels, frameworks, strict=True) if fw]
        with_list = [(lab, cs) for lab, cs in zip(labels, lists, strict=True) if cs]
        current, since = (with_framework[-1][1], with_framework[-1][0]) if with_framework else ("", "")
        for lab, fw in reversed(with_framework):
            if fw != current:
                break
            since = lab
        shared = {
            "host_iso3": host,
            "host": name_of(host, names),
            "framework_nation": name_of(current, names) if current else "",
            "framework_since": since,
        }
        found = []
        if host == code:
            found.append(("host nation", labels, labels[-1], True))
        named = [lab for lab, fw in with_framework if fw == code]
        if named:
            found.append(("framework nation", named, with_framework[-1][0], current == code))
        named = [lab for lab, cs in with_list if code in cs]
        if named:
            found.append(("contributor", named, with_list[-1][0], code in with_list[-1][1]))
        for role, dated, host_latest, on_latest in found:
            rows.append({**shared, "role": role, "first_recorded": dated[0], "latest_recorded": dated[-1],
                         "n_records": len(dated), "host_latest_record": host_latest,
                         "named_on_latest": on_latest})
    columns = ["host_iso3", "host", "role", "first_recorded", "latest_recorded", "n_records",
               "host_latest_record", "named_on_latest", "framework_nation", "framework_since"]
    if not rows:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(rows)
    first = add_period_columns(out, "first_recorded", "_first")["_first_first"]
    out = out.assign(_role=out["role"].map(_ROLE_ORDER), _first=first)
    out = out.sort_values(["_role", "_first", "host"], kind="stable")
    out["n_records"] = pd.array(out["n_records"], dtype="Int64")
    out["named_on_latest"] = out["named_on_latest"].astype(bool)
    return out[columns].reset_index(drop=True)


def host_sites(
    iso3: str,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """NATO headquarters, commands and agency sites in the Ally, oldest opening first.

    Columns: site, short_name, category, city, opening (the day where the source gives
    it, else the year, '' where not found), opening_event (which event the date is:
    founding, move, inauguration, capability milestone), former (the site is no longer
    in use, e.g. NATO's 1967 building).
    """
    code = _code(iso3)
    table = (data or Frames()).checked("host_sites",
                                       ["site", "short_name", "category", "city", "host_iso3", "opening_year"])
    out = table.loc[table["host_iso3"].astype(str) == code].copy()
    days = out["opening_date"] if "opening_date" in out.columns else pd.Series(pd.NaT, index=out.index)
    out["opening"] = [
        pd.Timestamp(d).strftime("%Y-%m-%d") if pd.notna(d) else (str(int(y)) if pd.notna(y) else "")
        for d, y in zip(days, out["opening_year"], strict=True)
    ]
    out["former"] = out["category"].astype(str).str.contains("(former)", regex=False)
    if "opening_event" not in out.columns:
        out["opening_event"] = ""
    out["_unknown"] = out["opening"] == ""
    out = out.sort_values(["former", "_unknown", "opening", "short_name"], kind="stable")
    out["category"] = out["category"].astype(str)
    columns = ["site", "short_name", "category", "city", "opening", "opening_event", "former"]
    return out[columns].reset_index(drop=True)


def dcb_partners_supported(
    iso3: str,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """DCB partners whose recorded supporting Allies name the Ally (requests only, e.g. Libya, left out).

    Supporting Allies are recorded only where a source names them (partial). Columns:
    partner, dcb_start_year (<NA> = not found), other_supporting_allies (names), and for
    Belgium, which the dataset follows in detail, belgium_support (its role as found).
    """
    code = _code(iso3)
    data = data or Frames()
    table = data.checked("dcb_partners", ["partner", "dcb_start_year", "dcb_partner", "allies_supporting_iso3"])
    names = country_names(data)
    partners = table.loc[table["dcb_partner"].fillna(False).astype(bool)]
    rows = []
    for rec in partners.itertuples(index=False):
        supporting = deterrence.split_codes(rec.allies_supporting_iso3)
        if code not in supporting:
            continue
        row = {
            "partner": rec.partner,
            "dcb_start_year": rec.dcb_start_year,
            "other_supporting_allies": ", ".join(name_of(c, names) for c in supporting if c != code),
        }
        if code == "BEL" and "belgium_support" in partners.columns:
            row["belgium_support"] = rec.belgium_support
        rows.append(row)
    columns = ["partner", "dcb_start_year", "other_supporting_allies"] + (["belgium_support"] if code == "BEL" else [])
    out = pd.DataFrame(rows, columns=columns)
    out["dcb_start_year"] = pd.array(out["dcb_start_year"], dtype="Int64")
    return out


def coverage(
    as_of: DateLike = None,
    *,
    data: Frames | None = None,
) -> dict[str, object]:
    """What the contribution datasets cover by ``as_of``: the denominators a profile's sentences name.

    Keys: ap_first_start (date label of the first Baltic Air Policing detachment),
    ap_first_rotation, ap_last_rotation and ap_last_rotation_start (the first and latest
    numbered rotations, and the latest one's start: of its detachments, the latest-dated);
    flf_records, flf_first and flf_last (dated Forward Land Forces records and their span);
    kfor_snapshot and kfor_snapshot_nations (the latest complete list of KFOR contributors:
    date label and number of nations; '' and 0 if none); sites (NATO sites recorded);
    dcb_partners, dcb_with_supporters (partners with any supporting Ally recorded) and
    dcb_supporters (names of the Allies recorded); summits, summits_counted (counted by
    NATO), summits_first and summits_last (names) of the summits and leaders' meetings
    begun by ``as_of``.
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    names = country_names(data)
    baltic = deterrence.air_policing_detachments(day, data=data)
    baltic = baltic.loc[baltic["mission"] == deterrence.BALTIC_AIR_POLICING]
    numbered = baltic.loc[baltic["rotation_number"].notna()]
    last = numbered.loc[numbered["rotation_number"] == numbered["rotation_number"].max()] if len(numbered) else numbered
    last = last.sort_values("start", kind="stable")  # the rotation's best-dated start is its latest
    history = deterrence.forward_land_forces_history(day, data=data)
    snapshot_label, snapshot = deterrence.kfor_snapshot(day, data=data)
    partners = data.checked("dcb_partners", ["partner", "dcb_partner", "allies_supporting_iso3"])
    partners = partners.loc[partners["dcb_partner"].fillna(False).astype(bool)]
    lists = [deterrence.split_codes(v) for v in partners["allies_supporting_iso3"]]
    supporters = sorted({c for cs in lists for c in cs}, key=lambda c: name_of(c, names))
    meetings = data.checked("summits", ["summit", "start_date"])
    meetings = meetings.loc[pd.to_datetime(meetings["start_date"]) <= day].sort_values("start_date", kind="stable")
    counted = meetings["counted_by_nato"].fillna(False).astype(bool) if "counted_by_nato" in meetings else None
    return {
        "ap_first_start": baltic["start_label"].iloc[0] if len(baltic) else "",
        "ap_last_rotation": int(last["rotation_number"].iloc[0]) if len(last) else None,
        "ap_first_rotation": int(numbered["rotation_number"].min()) if len(numbered) else None,
        "ap_last_rotation_start": last["start_label"].iloc[-1] if len(last) else "",
        "flf_records": len(history),
        "flf_first": history["date_label"].iloc[0] if len(history) else "",
        "flf_last": history["date_label"].iloc[-1] if len(history) else "",
        "kfor_snapshot": snapshot_label,
        "kfor_snapshot_nations": len(snapshot),
        "sites": len(data["host_sites"]),
        "dcb_partners": len(partners),
        "dcb_with_supporters": sum(1 for cs in lists if cs),
        "dcb_supporters": [name_of(c, names) for c in supporters],
        "summits": len(meetings),
        "summits_counted": int(counted.sum()) if counted is not None else None,
        "summits_first": str(meetings["summit"].iloc[0]) if len(meetings) else "",
        "summits_last": str(meetings["summit"].iloc[-1]) if len(meetings) else "",
    }
