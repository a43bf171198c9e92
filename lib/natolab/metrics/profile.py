"""One Ally at a glance: accession, EU status, and where it appears in the facts datasets.

Spending figures for a profile come from :mod:`natolab.metrics.spending`; this module
answers the non-spending questions. Every function takes the frames it needs as
optional keyword arguments (loaded through :func:`natolab.data.load` otherwise).
"""

from __future__ import annotations

import re

import pandas as pd

from natolab.metrics._dates import to_timestamp
from natolab.metrics._frames import country_names, require_columns, resource

__all__ = [
    "ally_facts",
    "efp_roles",
    "operations_mentioning",
    "spellings",
    "summits_hosted",
]


def _code(iso3: str) -> str:
    return str(iso3).strip().upper()


def spellings(
    iso3: str,
    *,
    countries: pd.DataFrame | None = None,
    names: pd.DataFrame | None = None,
) -> list[str]:
    """Every name the sources use for ``iso3`` ("Czechia", "Czech Republic"), longest first.

    From the ``countries`` table and the ``country_names`` mapping; three-letter codes
    that some files use as names are left out (they would match inside other words).
    """
    code = _code(iso3)
    found = {country_names(countries).get(code, "")}
    table = resource(names, "country_names")
    require_columns(table, ["name", "iso3"], "country_names")
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
    members: pd.DataFrame | None = None,
    eu_membership: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> dict[str, object]:
    """Accession and EU facts of one Ally as a dict.

    Keys: iso3, country, accession_date, enlargement_round, round_number, founding_member,
    eu_member (on ``as_of``; ``None`` = the data's as-of date), eu_accession_date,
    eu_exit_date, special_notes. Raises ValueError listing the Allies for a non-Ally.
    """
    code = _code(iso3)
    table = resource(members, "members")
    require_columns(table, ["iso3", "accession_date", "enlargement_round", "round_number"],
                    "members")
    row = table.loc[table["iso3"].astype(str) == code]
    if row.empty:
        valid = ", ".join(sorted(table["iso3"].astype(str)))
        raise ValueError(f"{iso3!r} is not an Ally. Valid values: {valid}")
    rec = row.iloc[0]
    day = to_timestamp(as_of, "as_of")  # None = the data's as-of date; a day, time of day dropped
    eu = resource(eu_membership, "eu_membership")
    eu_row = eu.loc[eu["iso3"].astype(str) == code]
    eu_in = pd.to_datetime(eu_row["eu_accession_date"]).iloc[0] if len(eu_row) else pd.NaT
    eu_out = pd.to_datetime(eu_row["eu_exit_date"]).iloc[0] if len(eu_row) else pd.NaT
    # eu_exit_date is the last day of membership (docs/data-model.md, "Dates").
    eu_member = bool(pd.notna(eu_in) and eu_in <= day and (pd.isna(eu_out) or eu_out >= day))
    founding = rec.get("founding_member", int(rec["round_number"]) == 0)
    notes = rec.get("special_notes", None)
    return {
        "iso3": code,
        "country": country_names(countries).get(code, code),
        "accession_date": pd.Timestamp(rec["accession_date"]),
        "enlargement_round": str(rec["enlargement_round"]),
        "round_number": int(rec["round_number"]),
        "founding_member": bool(founding),
        "eu_member": eu_member,
        "eu_accession_date": eu_in,
        "eu_exit_date": eu_out,
        "special_notes": None if pd.isna(notes) else str(notes),
    }


def efp_roles(
    iso3: str,
    *,
    efp: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    names: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Forward-presence battlegroups in which the Ally appears, and in what role.

    Role: "host nation", "framework nation", or "contributor (named in the source
    note)" when the battlegroup's contributor note names it. Columns: host, framework,
    established_year, role, contributing_nations_note.
    """
    code = _code(iso3)
    table = resource(efp, "efp_battlegroups")
    require_columns(table, ["host_iso3", "framework_iso3", "established_year"], "efp_battlegroups")
    lookup = country_names(countries)
    aliases = spellings(code, countries=countries, names=names)
    rows = []
    for _, rec in table.iterrows():
        roles = []
        if str(rec["host_iso3"]) == code:
            roles.append("host nation")
        if str(rec["framework_iso3"]) == code:
            roles.append("framework nation")
        if not roles and _mentions(rec.get("contributing_nations_note"), aliases):
            roles.append("contributor (named in the source note)")
        if roles:
            rows.append({
                "host": lookup.get(str(rec["host_iso3"]), str(rec["host_iso3"])),
                "framework": lookup.get(str(rec["framework_iso3"]), str(rec["framework_iso3"])),
                "established_year": rec["established_year"],
                "role": " and ".join(roles),
                "contributing_nations_note": rec.get("contributing_nations_note"),
            })
    return pd.DataFrame(rows, columns=["host", "framework", "established_year", "role",
                                       "contributing_nations_note"])


def operations_mentioning(
    iso3: str,
    *,
    operations: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    names: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """NATO operations and missions whose theatre names the Ally (e.g. Baltic Air Policing).

    The operations dataset does not list contributing nations, so this finds where an
    operation took place, not who took part. Columns: name, theatre, start_year, end_year.
    """
    table = resource(operations, "operations")
    require_columns(table, ["name", "theatre", "start_year", "end_year"], "operations")
    aliases = spellings(iso3, countries=countries, names=names)
    mask = table["theatre"].map(lambda t: _mentions(t, aliases))
    out = table.loc[mask, ["name", "theatre", "start_year", "end_year"]]
    return out.sort_values(["start_year", "name"]).reset_index(drop=True)


def summits_hosted(iso3: str, *, summits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Summits and leaders' meetings (in the dataset) hosted by the Ally: summit, city, start_date.

    A meeting with two hosts (Strasbourg/Kehl 2009: ``co_host_iso3``) counts for both.
    """
    table = resource(summits, "summits")
    require_columns(table, ["summit", "city", "host_iso3", "start_date"], "summits")
    code = _code(iso3)
    hosted = table["host_iso3"].astype(str) == code
    if "co_host_iso3" in table.columns:
        hosted |= table["co_host_iso3"].astype(str) == code
    out = table.loc[hosted, ["summit", "city", "start_date"]]
    return out.sort_values("start_date").reset_index(drop=True)
