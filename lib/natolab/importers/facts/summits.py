"""summits and targets: every summit-level meeting 1957-2026, and the spending commitments agreed at them."""

from __future__ import annotations

import re

import pandas as pd

from natolab.countries import normalise_name
from natolab.importers.facts.cells import curated_table
from natolab.importers.facts.countries import facts_lookup, spelling_lookup

__all__ = ["TARGETS", "build_summits", "build_targets"]

# One row per commitment. Each number is checked against the raw summits row
# (`evidence` must appear in the named raw column) so a changed source fails here.
TARGETS = [
    {
        "target_id": "wales_2pct",
        "summit": "Wales 2014",
        "agreed_date": "2014-09-05",
        "agreed_date_basis": "Defence Investment Pledge dated 5 Sep 2014 (summits.csv)",
        "measure": "share_of_gdp_pct",
        "spending_scope": "nato_defence_expenditure",
        "threshold_kind": "guideline",
        "threshold_pct": 2.0,
        "target_year": 2024,
        "review_year": None,
        "description": "Allies below the 2% guideline: halt any decline, aim to increase defence "
        "expenditure in real terms as GDP grows, aim to move towards 2% of GDP within a decade; "
        "Allies at 2% aim to continue",
        "source_ids": "S01;S02;S03;S04",
        "flags": "target_year 2024 is the plain reading of 'within a decade' from 2014",
        "evidence": {"spending_target_pct_gdp": "2.0", "target_year": "2024"},
    },
    {
        "target_id": "wales_20pct_equipment",
        "summit": "Wales 2014",
        "agreed_date": "2014-09-05",
        "agreed_date_basis": "Defence Investment Pledge dated 5 Sep 2014 (summits.csv)",
        "measure": "equipment_share_pct",
        "spending_scope": "major_equipment_incl_rd",
        "threshold_kind": "at_least",
        "threshold_pct": 20.0,
        "target_year": 2024,
        "review_year": None,
        "description": "Aim to spend 20% or more of defence expenditure on major new equipment, "
        "including related research and development, within a decade",
        "source_ids": "S01;S02;S03;S04",
        "flags": "Wording paraphrased from secondary reports; the declaration paragraph itself was "
        "not retrieved. target_year 2024 is the plain reading of 'within a decade' from 2014",
        "evidence": {"spending_target_pct_gdp": "20%", "target_year": "2024"},
    },
    {
        "target_id": "vilnius_2pct_floor",
        "summit": "Vilnius 2023",
        "agreed_date": "2023-07-11",
        "agreed_date_basis": "Vilnius decisions dated 11 Jul 2023 (MAP removal for Ukraine and "
        "ITPPs adopted that day, candidates_partners.csv); the summit ran 11-12 Jul 2023",
        "measure": "share_of_gdp_pct",
        "spending_scope": "nato_defence_expenditure",
        "threshold_kind": "at_least",
        "threshold_pct": 2.0,
        "target_year": None,
        "review_year": None,
        "description": "New Defence Investment Pledge: an enduring commitment to invest at least "
        "2% of GDP annually on defence (2% becomes a floor, not a ceiling); applies every year, "
        "so there is no target year",
        "source_ids": "S17;S18;S19",
        "flags": "Communiqué wording paraphrased from secondary sources (VOV; Stoltenberg's "
        "'2% of GDP, at a minimum'); the communiqué paragraph was not retrieved",
        "evidence": {"spending_target_pct_gdp": "2.0 (minimum, annually)"},
    },
    {
        "target_id": "hague_core_3_5pct",
        "summit": "The Hague 2025",
        "agreed_date": "2025-06-25",
        "agreed_date_basis": "North Atlantic Council meeting of 25 Jun 2025 (dinner on 24 Jun)",
        "measure": "share_of_gdp_pct",
        "spending_scope": "core_defence",
        "threshold_kind": "at_least",
        "threshold_pct": 3.5,
        "target_year": 2035,
        "review_year": 2029,
        "description": "At least 3.5% of GDP annually on core defence requirements (agreed NATO "
        "definition of defence expenditure, to meet Capability Targets) by 2035; annual national "
        "plans showing a credible, incremental path; progress review in 2029",
        "source_ids": "S25;S26;S27;S28;S29",
        "flags": "Spain's reported opt-out is media reporting (S28), not treaty text",
        "evidence": {"spending_target_pct_gdp": "3.5 core", "target_year": "2035"},
    },
    {
        "target_id": "hague_related_1_5pct",
        "summit": "The Hague 2025",
        "agreed_date": "2025-06-25",
        "agreed_date_basis": "North Atlantic Council meeting of 25 Jun 2025 (dinner on 24 Jun)",
        "measure": "share_of_gdp_pct",
        "spending_scope": "defence_and_security_related",
        "threshold_kind": "up_to",
        "threshold_pct": 1.5,
        "target_year": 2035,
        "review_year": 2029,
        "description": "Up to 1.5% of GDP annually on defence- and security-related spending "
        "(critical infrastructure, networks, civil preparedness and resilience, innovation, "
        "defence industrial base) by 2035",
        "source_ids": "S25;S26;S27;S28;S29",
        "flags": "Spain's reported opt-out is media reporting (S28), not treaty text",
        "evidence": {"spending_target_pct_gdp": "1.5 related", "target_year": "2035"},
    },
    {
        "target_id": "hague_total_5pct",
        "summit": "The Hague 2025",
        "agreed_date": "2025-06-25",
        "agreed_date_basis": "North Atlantic Council meeting of 25 Jun 2025 (dinner on 24 Jun)",
        "measure": "share_of_gdp_pct",
        "spending_scope": "core_plus_related",
        "threshold_kind": "level",
        "threshold_pct": 5.0,
        "target_year": 2035,
        "review_year": 2029,
        "description": "Invest 5% of GDP annually by 2035 = at least 3.5% core defence + up to "
        "1.5% defence- and security-related; direct contributions to Ukraine's defence and "
        "defence industry counted",
        "source_ids": "S25;S26;S27;S28;S29",
        "flags": "Spain's reported opt-out is media reporting (S28), not treaty text",
        "evidence": {"spending_target_pct_gdp": "5.0 total", "target_year": "2035"},
    },
]

# summits_all.csv (2026 update) is wider than NATO's own count of its summits: NATO called
# Bucharest 2008 its 22nd summit and Lisbon 2010 its 24th (U26-18; audit of
# SOURCES-2026-update.md), the data has 23 and 25 rows by then, because it also holds special,
# extraordinary and leaders' meetings and the NATO-Russia summit of 2002. Which of those NATO
# leaves out is not stated anywhere, so ``counted_by_nato`` is true only where the evidence
# says so and blank (never false) for the exceptional meetings:
#   count_1997       - NATO's mid-1997 press-info sheet: "There have been 14 such meetings"
#                      since 1949 (U26-01); the data's meetings up to then are exactly 14.
#   regular_summit   - after mid-1997, a meeting the source types as a summit ("Summit",
#                      "Summit (...)", "Summit meeting"); NATO's ordinals leave room for these.
#   exceptional_meeting - special NAC meetings, extraordinary summits, leaders' meetings, the
#                      NATO-Russia summit: counted_by_nato blank (not established).
NATO_SUMMIT_COUNT_1997 = re.compile(r"There have been (?P<n>\d+) such meetings")
NATO_SUMMIT_COUNT_1997_END = "1997-06-30"  # "c. mid-1997" (U26-01)
REGULAR_SUMMIT_TYPE = re.compile(r"^Summit(?: \(.*\)| meeting)?$")
# Host names in summits_all.csv that no facts file or NATO table spells (country_spellings.csv).
SUMMIT_HOST_SPELLINGS = "summits_all.csv"
# summits.csv rows are copied into summits_all.csv unchanged (SOURCES-2026-update.md); the
# only edits allowed are notes of the 2026-12-01 audit appended to flags (Madrid 2022).
_AUDIT_NOTE = "AUDIT 2026-12-01"


def _summit_hosts(raw: dict[str, object]) -> pd.DataFrame:
    """host_iso3 and co_host_iso3 of summits_all.csv, each checked against its host_country."""
    src = raw["summits_all"]
    lookup = facts_lookup(raw)
    lookup.update(spelling_lookup("NATO", SUMMIT_HOST_SPELLINGS))
    hosts, co_hosts = [], []
    for summit, names, codes in zip(src["summit"], src["host_country"], src["host_iso3"], strict=True):
        named = [lookup.get(normalise_name(n.strip())) for n in names.split(";") if n.strip()]
        coded = [c.strip() for c in codes.split(";") if c.strip()]
        if named != coded or len(coded) > 2:
            raise ValueError(
                f"summits_all.csv {summit!r}: host_country {names!r} resolves to {named}, "
                f"host_iso3 says {coded}"
            )
        hosts.append(coded[0] if coded else "")
        co_hosts.append(coded[1] if len(coded) == 2 else "")
    return pd.DataFrame({"host_iso3": hosts, "co_host_iso3": co_hosts}, index=src.index)


def _check_copied_summits(raw: dict[str, object]) -> None:
    """Every summits.csv row is in summits_all.csv, once, with the same values."""
    first, update = raw["summits"], raw["summits_all"]
    twice = update["summit"][update["summit"].duplicated()].tolist()
    if twice:
        raise ValueError(f"summits_all.csv lists summits twice: {twice}")
    missing = sorted(set(first["summit"]) - set(update["summit"]))
    if missing:
        raise ValueError(f"summits.csv rows missing from summits_all.csv: {missing}")
    update = update.set_index("summit")
    for row in first.itertuples(index=False):
        for column in first.columns.drop("summit"):
            old, new = getattr(row, column), update.loc[row.summit, column]
            added = new.replace(old, "", 1).strip("; ") if old in new else None
            if old != new and not (column == "flags" and added and added.startswith(_AUDIT_NOTE)):
                raise ValueError(
                    f"summits_all.csv {row.summit!r} {column}: {new!r} differs from summits.csv {old!r}"
                )


def _nato_count_basis(raw: dict[str, object]) -> pd.Series:
    """count_1997, regular_summit or exceptional_meeting per row (see NATO_SUMMIT_COUNT_1997)."""
    src = raw["summits_all"]
    match = NATO_SUMMIT_COUNT_1997.search(raw["sources_2026_md"])
    if match is None:
        raise ValueError("SOURCES-2026-update.md no longer gives NATO's count of summit meetings to 1997")
    early = src["start_date"] <= NATO_SUMMIT_COUNT_1997_END
    if early.sum() != int(match["n"]):
        raise ValueError(
            f"summits_all.csv has {early.sum()} meetings to mid-1997, NATO counted {match['n']} (U26-01)"
        )
    regular = src["meeting_type"].str.match(REGULAR_SUMMIT_TYPE)
    basis = regular.map({True: "regular_summit", False: "exceptional_meeting"})
    return basis.where(~early, "count_1997")


def build_summits(raw: dict[str, object]) -> pd.DataFrame:
    """Every summit-level meeting 1957-2026 (summits_all.csv), NATO-counted ones marked.

    ``spending_target_pct_gdp`` and ``target_year`` of the raw file are left out: the
    targets resource owns those facts.
    """
    _check_copied_summits(raw)
    src = raw["summits_all"]
    hosts = _summit_hosts(raw)
    basis = _nato_count_basis(raw)
    return curated_table(
        src,
        "summit city host_iso3 co_host_iso3 start_date end_date meeting_type counted_by_nato nato_count_basis "
        "n_allies burden_sharing_decisions other_key_decisions source_ids flags",
        host_iso3=hosts["host_iso3"],
        co_host_iso3=hosts["co_host_iso3"],
        counted_by_nato=basis.map({"count_1997": "true", "regular_summit": "true", "exceptional_meeting": ""}),
        nato_count_basis=basis,
        n_allies=src["n_allies"].astype(int),
    )


def build_targets(raw: dict[str, object]) -> pd.DataFrame:
    """One row per spending commitment, each checked against its raw summit row."""
    summits = raw["summits"].set_index("summit")
    rows = []
    for spec in TARGETS:
        for column, text in spec["evidence"].items():
            if text not in summits.loc[spec["summit"], column]:
                raise ValueError(
                    f"summits.csv {spec['summit']!r} {column} no longer contains {text!r} "
                    f"(target {spec['target_id']})"
                )
        rows.append({k: v for k, v in spec.items() if k != "evidence"})
    frame = pd.DataFrame(rows)
    for column in ("target_year", "review_year"):
        frame[column] = frame[column].astype("Int64")
    return frame
