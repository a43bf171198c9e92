"""members and eu_membership: the 32 Allies' accessions, and EEC/EC/EU entry and exit."""

from __future__ import annotations

import re

import pandas as pd

from natolab.importers.facts.cells import curated_table, true_false, with_ids

__all__ = ["build_eu_membership", "build_members"]

FOUNDERS_FLAG = (
    "Date is the signature of the North Atlantic Treaty (4 Apr 1949); the treaty entered into "
    "force on 24 Aug 1949 and each founder became a Party when it deposited its ratification; "
    "those dates were not collected (M02)"
)
# Conflicts and weak evidence named in SOURCES.md section 1, kept beside the row.
MEMBER_FLAGS = {
    "DEU": "NATO gives 6 May 1955, deposit of the instrument (M05); some sources give 9 May 1955, "
    "the first North Atlantic Council session/ceremony",
    "ESP": "NATO's page gives only 'May 1982' (M06); the day 30 May 1982 comes from secondary "
    "sources, one page gives 29 May 1982. The 1986 referendum figures rest on wiki copies (M23)",
    "FRA": "Withdrawal from the integrated command is dated July 1966 by one source and March 1966 "
    "by another; the effective day of the 2009 return was not collected (M14)",
    "GRC": "Exact effective days of the Aug 1974 withdrawal and Oct 1980 reintegration were not "
    "collected (M15)",
    "DNK": "NATO coverage of Greenland and the Faroe Islands rests only on a low-grade blog copy of "
    "Wikipedia (M20)",
}
ROUND_LABEL_FOUNDERS = "Founding 1949"
# GBR's EU membership appears only in the free-text eu_notes of members.csv.
GBR_EU_NOTE = re.compile(
    r"Former EU member: (?P<entry>\d{4}-\d{2}-\d{2}) to (?P<exit>\d{4}-\d{2}-\d{2})"
)
# (note, source id it rests on), added to the row's notes and source_ids.
EU_EXTRA_NOTES = {
    "DNK": ("The Faroe Islands never joined the EC; Greenland left with effect from 1 Feb 1985 (E09)", "E09"),
}



def build_members(raw: dict[str, object]) -> pd.DataFrame:
    """The 32 Allies with accession date, round and the special cases as notes."""
    src = raw["members"]
    round_number = src["round_number"].astype(int)
    founders = round_number == 0
    round_label = src["nato_accession_date"].str[:4].where(~founders, ROUND_LABEL_FOUNDERS)
    flags = src["iso3"].map(MEMBER_FLAGS).fillna("")
    flags = flags.where(~founders | (flags != ""), FOUNDERS_FLAG)
    return curated_table(
        src,
        "iso3 accession_date enlargement_round round_number founding_member accession_date_basis special_notes "
        "eu_notes flags source_ids",
        renamed={"accession_date": "nato_accession_date"},
        enlargement_round=round_label,
        round_number=round_number,
        founding_member=src["founding_member"].map(true_false),
        flags=flags,
    )



def build_eu_membership(raw: dict[str, object]) -> pd.DataFrame:
    """EEC/EC/EU entry (and exit) for every current or former EU member."""
    src = raw["eu_nato_membership"]
    current = src[src["eu_member"] == "yes"]
    rows = [
        {
            "iso3": row.iso3,
            "eu_accession_date": row.eu_accession_date,
            "eu_exit_date": "",
            "notes": "; ".join(n for n in (row.notes, EU_EXTRA_NOTES.get(row.iso3, ("", ""))[0]) if n),
            "source_ids": with_ids(row.source_ids, EU_EXTRA_NOTES.get(row.iso3, ("", ""))[1]),
        }
        for row in current.itertuples(index=False)
    ]
    members = raw["members"].set_index("iso3")
    match = GBR_EU_NOTE.search(members.loc["GBR", "eu_notes"])
    if match is None:
        raise ValueError("members.csv: GBR eu_notes no longer give the former EU membership dates")
    rows.append(
        {
            "iso3": "GBR",
            "eu_accession_date": match["entry"],
            "eu_exit_date": match["exit"],
            "notes": members.loc["GBR", "eu_notes"],
            "source_ids": members.loc["GBR", "source_ids"],
        }
    )
    return pd.DataFrame(rows).sort_values("iso3", ignore_index=True)
