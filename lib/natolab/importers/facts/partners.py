"""partners, partnership_frameworks and aspirants: NATO's partnerships and the Open Door."""

from __future__ import annotations

import pandas as pd

from natolab.importers import names
from natolab.importers.facts.cells import curated_table, date_precision, vocabulary, with_ids

__all__ = ["ASPIRANT_NOTES", "build_aspirants", "build_partners", "build_partnership_frameworks"]

# Framework names as candidates_partners.csv and partnership_frameworks.csv write them -> our ids.
FRAMEWORK_IDS = vocabulary("framework_id")
FRAMEWORK_TABLE_IDS = vocabulary("framework_table_id")
PFP_FLAG = (
    "Signature dates of the PfP Framework Document from low-grade lists (P03-P05); not checked "
    "against NATO's signatures page"
)
PARTNER_FLAGS = {
    ("KWT", "istanbul_cooperation_initiative"): "Sources conflict: Dec 2004 (gulf press, Kuwait "
    "Times), Nov 2004 (KUNA), first three months of 2005 (NATO archived page, P09); 2004-12 kept",
    ("KOR", "partners_across_the_globe"): "ITPP adopted 11 Jul 2023 per Yonhap, KBS and a NATO "
    "news reprint (P22, P24); CSDS gives 13 Jul 2023",
    ("AFG", "partners_across_the_globe"): "No formal-programme date found: date_joined blank",
    ("PAK", "partners_across_the_globe"): "No formal-programme date found: date_joined blank",
    ("BHR", "istanbul_cooperation_initiative"): "Feb 2005 from gulf press (P08); NATO's archived "
    "page says only 'first three months of 2005' (P09)",
    ("QAT", "istanbul_cooperation_initiative"): "Feb 2005 from gulf press (P08); NATO's archived "
    "page says only 'first three months of 2005' (P09)",
}
# Curation notes per aspirant (the aspirants themselves are names.ASPIRANTS).
ASPIRANT_NOTES = {
    "BIH": {
        "map_status": "map",
        "milestone": "Invited to join the Membership Action Plan by NATO foreign ministers in "
        "Tallinn (first Annual National Programme accepted only after registration of defence "
        "property)",
        "application_date": "",
        "flags": "Dec 2018 readiness to accept the first ANP is from secondary sources (A02)",
        "extra_source_ids": "",
    },
    "GEO": {
        "map_status": "no_map",
        "milestone": "Bucharest Summit: Allies agreed Georgia will become a member",
        "application_date": "",
        "flags": "Month only in the source row; the Bucharest Summit Declaration is dated "
        "3 Apr 2008 (S31). Application date not collected",
        "extra_source_ids": "S31",
    },
    "UKR": {
        "map_status": "map_not_required",
        "milestone": "Bucharest Summit: Allies agreed Ukraine will become a member",
        # "Formal application for accelerated accession signed 30 Sept 2022" (A04).
        "application_date": "2022-09-30",
        "flags": "Month only in the source row; the Bucharest Summit Declaration is dated "
        "3 Apr 2008 (S31). Application date from secondary sources (A04)",
        "extra_source_ids": "S31",
    },
}


def build_partners(raw: dict[str, object]) -> pd.DataFrame:
    """One row per country and partnership framework (aspirants included)."""
    src = raw["candidates_partners"]
    framework = src["framework"].map(FRAMEWORK_IDS)
    flags = [
        PARTNER_FLAGS.get((iso3, fw), PFP_FLAG if fw == "pfp" else "")
        for iso3, fw in zip(src["iso3"], framework, strict=True)
    ]
    suspended = src["status"].str.contains("(suspended)", regex=False).map({True: "true", False: "false"})
    return curated_table(
        src,
        "iso3 framework status partnership_suspended date_joined date_precision year_joined notes flags source_ids",
        framework=framework,
        partnership_suspended=suspended,
        flags=flags,
    )


def build_partnership_frameworks(raw: dict[str, object]) -> pd.DataFrame:
    """The six frameworks with launch and number of partner countries."""
    src = raw["partnership_frameworks"]
    count = src["n_partner_countries"].str.extract(r"^(\d+)")[0]
    count_note = src["n_partner_countries"].where(src["n_partner_countries"] != count, "")
    notes = [
        "; ".join(x for x in (note, f"Count as written: {extra}" if extra else "") if x)
        for note, extra in zip(src["notes"], count_note, strict=True)
    ]
    return curated_table(
        src,
        "framework name launched launched_precision launch_detail n_partner_countries members_listed notes source_ids",
        renamed={"name": "framework"},
        framework=src["framework"].map(FRAMEWORK_TABLE_IDS),
        launched_precision=src["launched"].map(date_precision),
        n_partner_countries=count,
        members_listed=src["members_listed"].str.replace("candidates_partners.csv", "partners.csv", regex=False),
        notes=notes,
    )


def build_aspirants(raw: dict[str, object]) -> pd.DataFrame:
    """The three aspirants (Open Door, Article 10) with their milestone and status."""
    src = raw["candidates_partners"]
    src = src[src["framework"].map(FRAMEWORK_IDS) == "open_door"]
    if not set(src["iso3"]) == set(names.ASPIRANTS) == set(ASPIRANT_NOTES):
        raise ValueError(f"Aspirants changed: {sorted(src['iso3'])} vs {sorted(names.ASPIRANTS)}")
    rows = []
    for row in src.itertuples(index=False):
        extra = ASPIRANT_NOTES[row.iso3]
        if extra["application_date"] and extra["application_date"][:4] not in row.notes:
            raise ValueError(f"{row.iso3}: application date no longer in the source notes")
        rows.append(
            {
                "iso3": row.iso3,
                "status": row.status,
                "map_status": extra["map_status"],
                "milestone": extra["milestone"],
                "milestone_date": row.date_joined,
                "milestone_date_precision": row.date_precision,
                "application_date": extra["application_date"],
                "notes": row.notes,
                "flags": extra["flags"],
                "source_ids": with_ids(row.source_ids, extra["extra_source_ids"]),
            }
        )
    return pd.DataFrame(rows)
