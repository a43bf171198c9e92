"""Data tests of the curated facts datasets and their curation script.

Expected values come from the raw collection (../shared/sources/facts: the CSVs,
SOURCES.md and SOURCES-2026-update.md) or the seed text (../shared/seed/belgium-nato.txt), never from data/*.csv.
Tests needing those files skip when ../shared is absent.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from natolab import cli, paths
from natolab.importers import deterrence
from natolab.importers.facts import curation, spending
from natolab.importers.facts.inputs import load_inputs
from natolab.importers.facts.references import parse_references, parse_update_references
from natolab.importers.names import label_name

FACTS = paths.SOURCES_DIR / "facts"
SEED = paths.SHARED_DIR / "seed" / "belgium-nato.txt"
needs_shared = pytest.mark.skipif(not FACTS.is_dir(), reason="../shared/sources/facts absent")
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed absent")


def ours(name: str) -> pd.DataFrame:
    """A curated CSV as text (blank cells stay empty strings)."""
    return pd.read_csv((paths.DATA_DIR / f"{name}.csv"), dtype=str, keep_default_na=False)


def raw(name: str) -> pd.DataFrame:
    return pd.read_csv(FACTS / name, dtype=str, keep_default_na=False)


def sources_md() -> str:
    return (FACTS / "SOURCES.md").read_text(encoding="utf-8")


def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def split_ids(values) -> set[str]:
    return {part for value in values for part in value.split(";") if part}


# --- membership ---------------------------------------------------------------------------


@needs_shared
def test_twelve_founders_on_1949_04_04():
    founders = raw("members.csv").query("founding_member == 'yes'")
    members = ours("members").set_index("iso3")
    assert len(founders) == 12
    assert (members.loc[founders["iso3"], "accession_date"] == "1949-04-04").all()
    assert (members.loc[founders["iso3"], "founding_member"] == "true").all()
    assert (members["founding_member"] == "true").sum() == 12


@needs_seed
def test_seed_founding_date():
    assert "4 April 1949" in seed()
    assert ours("members").set_index("iso3").loc["BEL", "accession_date"] == "1949-04-04"


@pytest.mark.parametrize(
    ("iso3", "date"),
    [("GRC", "1952-02-18"), ("TUR", "1952-02-18"), ("MKD", "2020-03-27"), ("FIN", "2023-04-04"),
     ("SWE", "2024-03-07"), ("DEU", "1955-05-06"), ("ESP", "1982-05-30")],
)
def test_accession_dates(iso3, date):
    assert ours("members").set_index("iso3").loc[iso3, "accession_date"] == date


@needs_shared
def test_accession_dates_and_rounds_equal_the_raw_file():
    source = raw("members.csv").set_index("iso3")
    members = ours("members").set_index("iso3")
    assert set(members.index) == set(source.index)
    assert (members["accession_date"] == source.loc[members.index, "nato_accession_date"]).all()
    assert (members["round_number"] == source.loc[members.index, "round_number"]).all()


@needs_shared
def test_32_allies_through_10_rounds_as_nato_says():
    # M12: NATO membership grew "from 12 to 32 countries through 10 rounds of enlargement".
    match = re.search(r"from (\d+) to (\d+) countries through (\d+) rounds", sources_md())
    founders, total, rounds = map(int, match.groups())
    members = ours("members")
    assert len(members) == total == 32
    assert (members["round_number"] == "0").sum() == founders
    assert members["round_number"].astype(int).max() == rounds
    assert members.loc[members["round_number"] != "0", "enlargement_round"].nunique() == rounds


@needs_seed
def test_seed_thirty_allies_after_north_macedonia():
    count = int(re.search(r"NATO now has (\d+) members", seed()).group(1))
    accession = pd.to_datetime(ours("members")["accession_date"])
    assert (accession <= "2020-12-31").sum() == count


def test_special_cases_are_noted():
    notes = ours("members").set_index("iso3")["special_notes"]
    assert "1966" in notes["FRA"] and "2009" in notes["FRA"]
    assert "1974" in notes["GRC"] and "1980" in notes["GRC"]
    assert "reunification" in notes["DEU"] and "1990" in notes["DEU"]
    assert "no standing armed forces" in notes["ISL"]


@needs_shared
def test_eu_membership_covers_current_and_former_members():
    both = raw("eu_nato_membership.csv")
    eu_now = set(both.loc[both["eu_member"] == "yes", "iso3"])
    eu = ours("eu_membership").set_index("iso3")
    assert len(eu_now) == 27
    assert set(eu.index) == eu_now | {"GBR"}
    assert eu.loc["GBR", "eu_exit_date"] == "2020-01-31"
    assert (eu.drop(index="GBR")["eu_exit_date"] == "").all()
    for iso3 in ("AUT", "CYP", "IRL", "MLT"):
        row = both.set_index("iso3").loc[iso3]
        assert eu.loc[iso3, "eu_accession_date"] == row["eu_accession_date"] != ""
        assert any(s.startswith("E") for s in row["source_ids"].split(";"))
    assert eu.loc["AUT", "eu_accession_date"] == "1995-01-01"
    assert eu.loc["CYP", "eu_accession_date"] == "2004-05-01"


# --- summits and targets ----------------------------------------------------------------------


@needs_shared
def test_summit_ally_counts_match_accession_dates():
    accession = pd.to_datetime(raw("members.csv")["nato_accession_date"])
    assert len(ours("summits")) == len(raw("summits_all.csv")) > 0
    for row in ours("summits").itertuples(index=False):
        assert int(row.n_allies) == (accession <= pd.Timestamp(row.start_date)).sum(), row.summit


# SOURCES-2026-update.md: summits_all.csv = the 10 rows of summits.csv copied + 29 new ones.
@needs_shared
def test_summits_are_the_39_rows_of_summits_all_once_each():
    source = raw("summits_all.csv")
    summits = ours("summits")
    assert len(summits) == len(source) == 39
    assert summits["summit"].tolist() == source["summit"].tolist() and summits["summit"].is_unique
    for column in ("city", "start_date", "end_date", "meeting_type", "n_allies", "burden_sharing_decisions",
                   "other_key_decisions", "source_ids", "flags"):
        assert summits[column].tolist() == source[column].tolist(), column
    assert {"Strasbourg/Kehl 2009", "Lisbon 2010", "Chicago 2012"} <= set(summits["summit"])
    assert summits["start_date"].min() == source["start_date"].min() == "1957-12-16"


@needs_shared
def test_the_first_collections_summits_are_in_it_unchanged():
    first = raw("summits.csv").set_index("summit")
    summits = ours("summits").set_index("summit")
    assert len(first) == 10 and set(first.index) <= set(summits.index)
    for summit, row in first.iterrows():
        for column in ("city", "start_date", "end_date", "meeting_type", "n_allies", "burden_sharing_decisions",
                       "other_key_decisions", "source_ids"):
            assert summits.loc[summit, column] == row[column], (summit, column)
        # flags copied; the 2026-12-01 audit may only add to them (Madrid 2022)
        assert row["flags"] in summits.loc[summit, "flags"], summit
        extra = summits.loc[summit, "flags"].replace(row["flags"], "", 1).strip("; ")
        assert extra == "" or extra.startswith("AUDIT 2026-12-01"), summit


@needs_shared
def test_summit_hosts_are_the_raw_codes_and_known_countries():
    source = raw("summits_all.csv")
    summits = ours("summits")
    known = set(ours("countries")["iso3"])
    for (host, co_host), codes in zip(zip(summits["host_iso3"], summits["co_host_iso3"], strict=True),
                                       source["host_iso3"], strict=True):
        assert [c for c in (host, co_host) if c] == [c for c in codes.split(";") if c]
        assert {c for c in (host, co_host) if c} <= known
    by_name = dict(zip(ours("countries")["name"], ours("countries")["iso3"], strict=True))
    for name, codes in zip(source["host_country"], source["host_iso3"], strict=True):
        for part, code in zip(name.split(";"), codes.split(";"), strict=True):
            if part.strip() in by_name:  # NATO's spelling, e.g. Türkiye, United States
                assert by_name[part.strip()] == code, name
    strasbourg = summits.set_index("summit").loc["Strasbourg/Kehl 2009"]
    assert (strasbourg["host_iso3"], strasbourg["co_host_iso3"]) == ("FRA", "DEU")
    assert summits.set_index("summit").loc["Virtual 2022 (February)", "host_iso3"] == ""


def _ordinal(pattern: str, text: str) -> int:
    return int(re.search(pattern, text).group(1))


@needs_shared
def test_counted_by_nato_never_overstates_natos_own_count():
    """NATO's counts and ordinals, read from SOURCES-2026-update.md and the raw rows, bound the rows marked counted."""
    summits = ours("summits")
    counted = summits["counted_by_nato"] == "true"
    unknown = summits["counted_by_nato"] == ""
    assert set(summits["counted_by_nato"]) <= {"true", ""}  # never false: not established is blank
    text = update_md()
    lisbon = raw("summits_all.csv").set_index("summit").loc["Lisbon 2010", "meeting_type"]
    ankara = raw("summits_all.csv").set_index("summit").loc["Ankara 2026", "flags"]
    ordinals = {
        # U26-01: "There have been 14 such meetings" up to mid-1997 (Paris, 27 May 1997 the last)
        "Paris 1997 (NATO-Russia Founding Act)": _ordinal(r"There have been (\d+) such meetings", text),
        "Bucharest 2008": _ordinal(r"NATO called Bucharest 2008 its (\d+)nd summit", text),
        "Lisbon 2010": _ordinal(r"NATO's (\d+)th summit meeting", lisbon),
        "Chicago 2012": _ordinal(r"gives 20-21 May and \"(\d+)th summit\"", text),  # [low]
        "Ankara 2026": _ordinal(r"Reported as the (\d+)th NATO summit", ankara),  # [low]
    }
    assert ordinals == {"Paris 1997 (NATO-Russia Founding Act)": 14, "Bucharest 2008": 22, "Lisbon 2010": 24,
                        "Chicago 2012": 25, "Ankara 2026": 36}
    position = {s: i for i, s in enumerate(summits["summit"])}
    for summit, n in ordinals.items():
        upto = summits.index <= position[summit]
        assert counted[upto].sum() <= n <= (counted | unknown)[upto].sum(), summit
    # up to mid-1997 the data holds exactly NATO's 14
    early = summits["nato_count_basis"] == "count_1997"
    assert early.sum() == ordinals["Paris 1997 (NATO-Russia Founding Act)"] and counted[early].all()
    assert len(summits) > counted.sum()  # the data is wider than NATO's count


@needs_shared
def test_exceptional_meetings_are_not_marked_counted():
    summits = ours("summits").set_index("summit")
    for summit in ("Brussels 2001", "Rome 2002 (NATO-Russia)", "Brussels 2017", "London 2019",
                   "Virtual 2022 (February)", "Brussels 2022 (March)"):
        assert summits.loc[summit, "nato_count_basis"] == "exceptional_meeting", summit
        assert summits.loc[summit, "counted_by_nato"] == "", summit
    for summit in ("Lisbon 2010", "Wales 2014", "The Hague 2025"):
        assert summits.loc[summit, "counted_by_nato"] == "true"


@needs_shared
def test_spending_targets_of_summits_all_agree_with_targets():
    """summits_all.csv's target columns are not repeated in summits; targets owns them and agrees."""
    assert "spending_target_pct_gdp" not in ours("summits") and "target_year" not in ours("summits")
    source = raw("summits_all.csv").set_index("summit")
    targets = ours("targets")
    with_target = source[source["spending_target_pct_gdp"] != ""]
    assert set(targets["summit"]) <= set(with_target.index)
    for row in targets.itertuples(index=False):
        cell = source.loc[row.summit, "spending_target_pct_gdp"]
        assert re.search(rf"(?<![\d.]){re.escape(row.threshold_pct.rstrip('0').rstrip('.'))}(?:\.0)?\b", cell), row.target_id
        if row.target_year:
            assert row.target_year in source.loc[row.summit, "target_year"], row.target_id
    # Rows without a targets entry restate the Wales 2014 numbers (2.0 and 20% by 2024), nothing new.
    wales = targets[targets["summit"] == "Wales 2014"]
    for summit in sorted(set(with_target.index) - set(targets["summit"])):
        cell, year = source.loc[summit, "spending_target_pct_gdp"], source.loc[summit, "target_year"]
        numbers = set(re.findall(r"\d+(?:\.\d+)?", cell))
        assert numbers <= {"2.0", "20", "2014"}, summit
        assert year in ("", "2024") or year.startswith("2024 "), summit
        assert {"2.0", "20.0"} >= set(wales["threshold_pct"]) and set(wales["target_year"]) == {"2024"}


def test_targets():
    targets = ours("targets").set_index("target_id")
    assert targets.loc["wales_2pct", "threshold_pct"] == "2.0"
    assert targets.loc["wales_2pct", "target_year"] == "2024"
    assert targets.loc["wales_20pct_equipment", "measure"] == "equipment_share_pct"
    assert targets.loc["vilnius_2pct_floor", "threshold_kind"] == "at_least"
    hague = targets.loc[["hague_core_3_5pct", "hague_related_1_5pct"], "threshold_pct"].astype(float)
    assert hague.sum() == float(targets.loc["hague_total_5pct", "threshold_pct"]) == 5.0
    assert set(targets.loc[targets["summit"] == "The Hague 2025", "target_year"]) == {"2035"}
    assert set(targets.loc[targets["summit"] == "The Hague 2025", "review_year"]) == {"2029"}


@needs_seed
def test_seed_wales_pledge():
    assert "2% level by 2024" in seed()
    wales = ours("targets").set_index("target_id").loc["wales_2pct"]
    assert (wales["threshold_pct"], wales["target_year"]) == ("2.0", "2024")


# --- EU-NATO ---------------------------------------------------------------------------------


@needs_shared
def test_joint_declarations():
    source = raw("eu_nato.csv")
    expected = source.loc[source["event_type"] == "joint_declaration", "date"].tolist()
    assert len(expected) == 3
    events = ours("eu_nato")
    assert events.loc[events["event_type"] == "joint_declaration", "date"].tolist() == expected


@needs_shared
def test_eu_nato_keeps_every_raw_row_once():
    first, update = raw("eu_nato.csv"), raw("eu_nato_2025_2026.csv")
    events = ours("eu_nato")
    assert events["event_id"].is_unique
    # the 10th progress report is in both files ("Also listed (without content) in eu_nato.csv")
    repeated = update[(update["event_type"] == "progress_report") & (update["number"] == "10")]
    assert len(repeated) == 1 and "Also listed" in repeated["flags"].iloc[0]
    assert len(events) == len(first) + len(update) - 1 == 17 + 9 - 1
    pairs = set(zip(first["event_type"], first["title"], first["date"], strict=True))
    pairs |= set(zip(update["event_type"], update["title"], update["date"], strict=True)) - {
        tuple(repeated[["event_type", "title", "date"]].iloc[0])}
    assert set(zip(events["event_type"], events["title"], events["date"], strict=True)) == pairs
    assert set(events["event_type"]) == set(first["event_type"]) | set(update["event_type"])


@needs_shared
def test_tenth_progress_report_merged_with_its_2026_content():
    update = raw("eu_nato_2025_2026.csv").query("event_type == 'progress_report' and number == '10'").iloc[0]
    first = raw("eu_nato.csv").query("event_type == 'progress_report' and number == '10'").iloc[0]
    tenth = ours("eu_nato").set_index("event_id").loc["progress_report_10"]
    assert first["content_summary"] == "" and tenth["content_summary"] == update["content_summary"] != ""
    assert tenth["date"] == first["date"] == update["date"] == ""  # undated in both files
    assert tenth["title"] == first["title"]
    assert split_ids([tenth["source_ids"]]) == split_ids([first["source_ids"], update["source_ids"]])
    assert first["flags"] in tenth["flags"] and update["flags"] in tenth["flags"]


@needs_shared
def test_eu_nato_update_rows_dated_as_in_the_raw_file():
    update = raw("eu_nato_2025_2026.csv")
    events = ours("eu_nato")
    for row in update.itertuples(index=False):
        if row.date:
            match = events[(events["title"] == row.title) & (events["date"] == row.date)]
            assert len(match) == 1, row.title
            assert match["date_precision"].iloc[0] == row.date_precision
    context = events[events["event_type"] == "eu_initiative_context"]
    assert len(context) == (update["event_type"] == "eu_initiative_context").sum() == 6
    assert context["flags"].str.startswith("CONTEXT").all()


@needs_seed
def test_seed_74_actions_in_seven_areas():
    text = seed()
    total = int(re.search(r"(\d+) concrete action points", text).group(1))
    areas = text.split("seven different areas:")[1].split("The added value")[0].count("•")
    sets = ours("eu_nato").query("event_type == 'common_set_of_proposals'")
    if FACTS.is_dir():  # the per-batch counts are in the raw file, not the seed text
        source = raw("eu_nato.csv").query("event_type == 'common_set_of_proposals'")
        assert sets["n_actions"].tolist() == source["n_actions"].tolist()
    assert sets["n_actions"].astype(int).sum() == total == 74
    actions = ours("eu_nato_actions")
    first = actions.query("batch == 'first_2016' and area_origin == 'Warsaw 2016 Joint Declaration area'")
    assert len(first) == areas == 7
    assert "10 July 2018" in text


@needs_shared
def test_unsourced_area_counts_stay_blank():
    source = raw("eu_nato_actions.csv")
    actions = ours("eu_nato_actions")
    not_found = source["n_actions_status"] == "not found"
    assert not_found.sum() == (actions["n_actions_status"] == "not_found").sum() > 0
    assert (actions.loc[actions["n_actions_status"] == "not_found", "n_actions"] == "").all()


# --- partners ---------------------------------------------------------------------------------


# The raw file's framework labels -> the framework keys of data/partners.csv.
RAW_FRAMEWORKS = {
    "Aspirant (Open Door, Art. 10)": "open_door",
    "Partnership for Peace / Euro-Atlantic Partnership Council": "pfp",
    "Mediterranean Dialogue": "mediterranean_dialogue",
    "Istanbul Cooperation Initiative": "istanbul_cooperation_initiative",
    "Partners across the globe": "partners_across_the_globe",
}


@needs_shared
def test_partner_framework_counts():
    source = raw("candidates_partners.csv")
    expected = source["framework"].map(RAW_FRAMEWORKS).value_counts().to_dict()
    assert source["framework"].map(RAW_FRAMEWORKS).notna().all()
    # SOURCES.md's consistency pass: 3 + 18 + 7 + 4 + 9 = 41
    assert sorted(expected.values()) == [3, 4, 7, 9, 18]
    assert ours("partners")["framework"].value_counts().to_dict() == expected
    # same rows, framework by framework
    pairs = set(zip(source["iso3"], source["framework"].map(RAW_FRAMEWORKS), strict=True))
    assert set(zip(ours("partners")["iso3"], ours("partners")["framework"], strict=True)) == pairs


@needs_shared
def test_framework_table_counts_agree_with_partner_rows():
    frameworks = ours("partnership_frameworks").set_index("framework")["n_partner_countries"].astype(int)
    counts = ours("partners")["framework"].value_counts()
    for framework, n in frameworks.items():
        assert n == counts.get("pfp" if framework == "eapc" else framework, 0), framework
    assert frameworks.sum() - frameworks["eapc"] == len(raw("candidates_partners.csv")) == 41


@needs_shared
def test_aspirants():
    source = raw("candidates_partners.csv")
    open_door = source.loc[source["framework"].str.startswith("Aspirant"), "iso3"]
    aspirants = ours("aspirants").set_index("iso3")
    assert set(aspirants.index) == set(open_door) and len(open_door) == 3
    # raw notes: "Formal application for accelerated accession signed 30 Sept 2022"
    ukraine = " ".join(source.loc[source["iso3"] == "UKR", "notes"])
    assert "application for accelerated accession signed 30 Sept 2022" in ukraine
    assert aspirants.loc["UKR", "application_date"] == "2022-09-30"
    assert aspirants.loc["UKR", "map_status"] == "map_not_required"


@needs_shared
def test_suspended_partnerships():
    source = raw("candidates_partners.csv")
    suspended = set(source.loc[source["status"].str.contains("(suspended)", regex=False), "iso3"])
    assert suspended == {"RUS", "BLR"}
    partners = ours("partners")
    assert set(partners.loc[partners["partnership_suspended"] == "true", "iso3"]) == suspended


# --- operations, KFOR, eFP, claims -------------------------------------------------------------


@needs_shared
def test_efp_troops_total_as_in_sources_md():
    total = int(re.search(r"eFP troop total \(([\d,]+)\)", sources_md()).group(1).replace(",", ""))
    assert ours("efp_battlegroups")["troops_june_2022"].astype(int).sum() == total == 9641


@needs_shared
def test_operations_and_kfor_copy_the_raw_rows():
    source = pd.concat([raw("operations.csv"), raw("operations_additions.csv")], ignore_index=True)
    operations = ours("operations")
    assert len(operations) == len(source) == 27 + 6
    for column in ("name", "start_date", "end_date", "status", "source_ids"):
        assert operations[column].tolist() == source[column].tolist(), column
    # Flags are copied; a short name that was a note on names ("...; 'Support to Turkey'") is
    # renamed and kept word for word at the end of its row's flags.
    for ours_flags, raw_flags, raw_short in zip(operations["flags"].fillna(""), source["flags"].fillna(""),
                                                source["short_name"], strict=True):
        kept = f"short name as written: {raw_short}"
        expected = (f"{raw_flags}; {kept}" if raw_flags else kept) if ";" in raw_short else raw_flags
        assert ours_flags == expected
    assert "Active Fence" in set(operations["short_name"])
    kfor = ours("kfor_strength")
    assert kfor["kfor_troops"].tolist() == raw("kfor_troop_numbers.csv")["kfor_troops"].tolist()


@needs_shared
def test_air_policing_operations_are_named_like_the_baltic_row():
    """operation_id = the mission name before any bracket, as air_policing_rotations.csv writes it."""
    operations = ours("operations").set_index("operation_id")
    baltic = raw("operations.csv").set_index("short_name").loc["Baltic Air Policing"]
    assert operations.loc["baltic_air_policing", "name"] == baltic["name"]
    missions = {r.split(" (")[0] for r in raw("air_policing_rotations.csv")["mission"]}
    ids = {re.sub(r"[^a-z0-9]+", "_", m.casefold().removeprefix("nato ")).strip("_") for m in missions}
    assert ids == {"baltic_air_policing", "icelandic_air_policing", "enhanced_air_policing",
                   "enhanced_vigilance_activities"}
    assert ids <= set(operations.index)
    additions = raw("operations_additions.csv").set_index("name")
    for operation_id in ids - {"baltic_air_policing"}:
        row = operations.loc[operation_id]
        assert additions.loc[row["name"], "start_date"] == row["start_date"]
    assert operations.loc["enhanced_air_policing", "start_date_precision"] == "month"


@needs_shared
def test_conflicting_2pct_claims_stay_blank():
    source = raw("allies_2pct_count.csv").set_index("year")
    claims = ours("allies_2pct_claims").set_index("claim_id")
    for year in ("2021", "2022"):
        # one claim each for these years, the first (and only) in source order
        assert source.loc[year, "n_allies_at_or_above_2pct"] == claims.loc[f"{year}-1", "n_allies_at_or_above_2pct"] == ""
        assert "conflict" in claims.loc[f"{year}-1", "flags"]
    assert claims.loc["2024-1", "n_allies_at_or_above_2pct"] == source.loc["2024", "n_allies_at_or_above_2pct"] != ""


@needs_shared
def test_2pct_claims_keep_every_raw_row_in_source_order():
    source = pd.concat([raw("allies_2pct_count.csv"), raw("allies_2pct_count_2025_2026.csv")], ignore_index=True)
    claims = ours("allies_2pct_claims")
    assert len(claims) == len(source) == 7 + 9
    assert claims["claim_id"].is_unique
    for column in ("year", "n_allies_at_or_above_2pct", "n_allies_total", "source_ids", "flags"):
        assert claims[column].tolist() == source[column].tolist(), column
    assert claims["statement_basis"].tolist() == source["statement_date_or_basis"].tolist()
    # blank counts stay blank (2021, 2022 conflicts; two 2025 statements without a number)
    assert (claims["n_allies_at_or_above_2pct"] == "").sum() == (source["n_allies_at_or_above_2pct"] == "").sum() == 4


@needs_shared
def test_2pct_claim_kinds_follow_the_raw_flags():
    source = pd.concat([raw("allies_2pct_count.csv"), raw("allies_2pct_count_2025_2026.csv")], ignore_index=True)
    claims = ours("allies_2pct_claims")
    derived = source["flags"].str.contains("DERIVED")
    context = source["flags"].str.startswith("CONTEXT row") & ~derived
    assert (claims.loc[derived, "claim_kind"] == "derived").all() and derived.sum() == 3
    assert (claims.loc[context, "claim_kind"] == "context").all() and context.sum() == 1
    assert (claims.loc[~derived & ~context, "claim_kind"] == "stated").all()
    # every derived row is a curator count, never presented as a NATO statement
    assert claims.loc[claims["claim_kind"] == "derived", "statement_basis"].str.startswith("Curator count").all()


@needs_shared
def test_2026_claim_is_a_derived_30_of_31():
    raw_2026 = raw("allies_2pct_count_2025_2026.csv").query("year == '2026'")
    assert len(raw_2026) == 1 and "DERIVED" in raw_2026["flags"].iloc[0]
    claim = ours("allies_2pct_claims").query("year == '2026'")
    assert len(claim) == 1
    assert claim["n_allies_at_or_above_2pct"].iloc[0] == raw_2026["n_allies_at_or_above_2pct"].iloc[0] == "30"
    assert claim["n_allies_total"].iloc[0] == raw_2026["n_allies_total"].iloc[0] == "31"
    assert claim["claim_kind"].iloc[0] == "derived"


@needs_shared
def test_stoltenberg_2024_claim_is_still_the_stated_23_of_32():
    first = raw("allies_2pct_count.csv").query("year == '2024'").iloc[0]
    claims = ours("allies_2pct_claims").set_index("claim_id")
    assert "Stoltenberg" in first["statement_date_or_basis"]
    assert claims.loc["2024-1", "statement_basis"] == first["statement_date_or_basis"]
    assert (claims.loc["2024-1", "n_allies_at_or_above_2pct"], claims.loc["2024-1", "n_allies_total"]) == ("23", "32")
    assert claims.loc["2024-1", "claim_kind"] == "stated"
    stated_2024 = ours("allies_2pct_claims").query("year == '2024' and claim_kind == 'stated'")
    assert stated_2024["claim_id"].tolist() == ["2024-1"]


# --- The Hague commitment ----------------------------------------------------------------------


@needs_shared
def test_hague_commitment_copies_the_raw_rows_and_splits_values():
    source = raw("hague_2025_commitment.csv")
    hague = ours("hague_commitment").set_index("component_id")
    assert hague.index.tolist() == source["component_id"].tolist()
    assert len(hague) == 11
    for column in ("component", "statement", "text_basis", "target_year", "date", "actor", "source_ids", "flags"):
        assert hague[column].tolist() == source[column].tolist(), column
    # no text lost: number + " (" + note + ")" gives the raw cell back
    for value, number, note in zip(source["value_pct_gdp"], hague["value_pct_gdp"], hague["value_note"], strict=True):
        assert value == (f"{number} ({note})" if note else number)
    raw_h08 = source.set_index("component_id").loc["H08", "value_pct_gdp"]
    assert raw_h08 == "2.1 (Spain's stated need)"
    assert (hague.loc["H08", "value_pct_gdp"], hague.loc["H08", "value_note"]) == ("2.1", "Spain's stated need")


@needs_shared
def test_hague_5_35_15_by_2035_and_review_2029():
    source = raw("hague_2025_commitment.csv").set_index("component_id")
    hague = ours("hague_commitment").set_index("component_id")
    expected = {cid: float(source.loc[cid, "value_pct_gdp"].split(" ")[0]) for cid in ("H01", "H02", "H04")}
    assert expected == {"H01": 5.0, "H02": 3.5, "H04": 1.5}
    for cid, value in expected.items():
        assert float(hague.loc[cid, "value_pct_gdp"]) == value
        assert hague.loc[cid, "target_year"] == source.loc[cid, "target_year"] == "2035"
    assert float(hague.loc["H02", "value_pct_gdp"]) + float(hague.loc["H04", "value_pct_gdp"]) == 5.0
    assert (hague.loc["H02", "value_note"], hague.loc["H04", "value_note"]) == ("minimum", "maximum")
    assert "2029" in source.loc["H05", "statement"]
    assert hague.loc["H05", "target_year"] == source.loc["H05", "target_year"] == "2029"
    assert hague.loc["H05", "value_pct_gdp"] == ""


def test_hague_value_without_a_number_fails_loudly():
    bad = pd.DataFrame({"component_id": ["H99"], "value_pct_gdp": ["about five"]})
    with pytest.raises(ValueError, match="H99"):
        spending.build_hague_commitment({"hague_2025_commitment": bad})


# --- whole-collection checks -------------------------------------------------------------------

ALL = [name for name in curation.OUTPUTS]


# Codes allowed outside the country table, by file and column, with the reason.
OUTSIDE_COUNTRIES = {
    # Libya asked for DCB support (SOURCES-deterrence.md); no other dataset mentions it.
    ("dcb_partners.csv", "partner_iso3"): {"LBY"},
}
# ';'-separated lists of codes (checked element by element).
ISO3_LISTS = {"contributing_nations", "allies_supporting_iso3"}


def test_every_iso3_in_every_csv_is_known():
    known = set(pd.read_csv(paths.DATA_DIR / "countries.csv", dtype=str, keep_default_na=False)["iso3"])
    for csv in sorted(paths.DATA_DIR.glob("*.csv")):
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
        for column in [c for c in frame.columns if c == "iso3" or c.endswith("_iso3") or c in ISO3_LISTS]:
            codes = {code for value in frame[column] for code in value.split(";") if code}
            unknown = {code for code in codes if code.strip().upper() not in known}
            assert unknown == OUTSIDE_COUNTRIES.get((csv.name, column), set()), f"{csv.name}.{column}: {sorted(unknown)}"


def test_every_source_id_is_a_reference():
    known = set(ours("references")["source_id"])
    for name in ALL:
        frame = ours(name)
        if "source_ids" in frame:
            assert frame["source_ids"].ne("").all(), name
            assert split_ids(frame["source_ids"]) <= known, name
    same_as = set(ours("references")["same_as"]) - {""}
    assert same_as <= known


def update_md() -> str:
    return (FACTS / "SOURCES-2026-update.md").read_text(encoding="utf-8")


def update_source_lines() -> dict[str, str]:
    """U26 id -> its line, from section 3 of SOURCES-2026-update.md."""
    section = update_md().split("## 3. Sources (U26-)", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^- \*\*(U26-\d\d)\*\* (.*)$", section, flags=re.MULTILINE))


@needs_shared
def test_references_list_every_id_of_sources_md():
    ids = re.findall(r"^- ([A-Z]\d\d)\b", sources_md(), flags=re.MULTILINE)
    ids += list(update_source_lines())
    # SOURCES-deterrence.md: "- D01 [official] ..."; "- D97 — not assigned." has no grade and no row.
    deterrence_md = (FACTS / "SOURCES-deterrence.md").read_text(encoding="utf-8")
    ids += re.findall(r"^- (D\d{2,3}) \[", deterrence_md, flags=re.MULTILINE)
    references = ours("references").set_index("source_id")
    assert sorted(references.index) == sorted(ids)
    assert "nato.int/cps/en/natohq/news_84445.htm" in references.loc["M03", "url"]


@needs_shared
def test_u26_references_take_grade_and_address_from_the_update():
    lines = update_source_lines()
    # the file announces "U26-01 ... U26-54"
    assert sorted(lines) == [f"U26-{n:02d}" for n in range(1, 55)]
    references = ours("references").set_index("source_id")
    for source_id, line in lines.items():
        tag = re.match(r"\[([^\]]+)\]", line).group(1)
        assert references.loc[source_id, "grade"] == re.match(r"[a-z]+", tag).group(0), source_id
        assert references.loc[source_id, "entry"] == line
    assert "nato.int/cps/en/natohq/opinions_235761.htm" in references.loc["U26-33", "url"]


# Cells of references.csv read by hand from SOURCES.md and SOURCES-2026-update.md.
REFERENCE_CELLS = {
    ("M03", "grade"): "official",
    ("M20", "grade"): "low",
    ("B01", "same_as"): "S23",
    ("U26-28", "grade"): "reprint",
    ("U26-33", "grade"): "official",
    ("U26-37", "grade"): "low",
    ("U26-41", "grade"): "derived",
    ("U26-49", "grades_mentioned"): "official;secondary",
    ("U26-53", "same_as"): "U22",
}


@needs_shared
def test_reference_cells_read_by_hand():
    references = ours("references").set_index("source_id")
    assert {cell: references.loc[cell] for cell in REFERENCE_CELLS} == REFERENCE_CELLS


@needs_shared
def test_every_u26_id_used_by_the_update_files_resolves():
    defined = set(update_source_lines())
    known = set(ours("references")["source_id"])
    used = set()
    for name in ("allies_2pct_count_2025_2026.csv", "hague_2025_commitment.csv", "editions_2025_2026.csv",
                 "summits_all.csv", "eu_nato_2025_2026.csv"):
        used |= {i for i in split_ids(raw(name)["source_ids"]) if i.startswith("U26-")}
    assert used and used <= defined <= known
    for name in ("allies_2pct_claims", "hague_commitment", "summits", "eu_nato"):
        ids = split_ids(ours(name)["source_ids"])
        assert ids <= known, name


PARTIAL_DATES = {
    ("eu_nato", "date"): "date_precision",
    ("partners", "date_joined"): "date_precision",
    ("partnership_frameworks", "launched"): "launched_precision",
    ("aspirants", "milestone_date"): "milestone_date_precision",
    ("operations", "start_date"): "start_date_precision",
    ("operations", "end_date"): "end_date_precision",
    ("kfor_strength", "date"): "date_precision",
}


@pytest.mark.parametrize(("name", "date_column"), sorted(PARTIAL_DATES))
def test_partial_dates_agree_with_their_precision(name, date_column):
    lengths = {"day": 10, "month": 7, "year": 4, "": 0}
    frame = ours(name)
    for value, precision in zip(frame[date_column], frame[PARTIAL_DATES[name, date_column]], strict=True):
        assert len(value) == lengths[precision], (value, precision)
        if precision == "day":
            pd.Timestamp(value)  # a real calendar day


def test_every_precision_column_is_checked():
    found = {(name, col) for name in ALL for col in ours(name).columns if col.endswith("precision")}
    assert found == {(name, precision) for (name, _), precision in PARTIAL_DATES.items()}


# --- the curation script ----------------------------------------------------------------------


def test_label_name_strips_stars_and_currency():
    assert label_name("Czechia*   (Koruny)") == "Czechia"
    assert label_name("United Kingdom   (Pounds)") == "United Kingdom"
    assert label_name("Poland*") == "Poland"


def test_parse_references_reads_grades_urls_and_aliases():
    text = "## 9. Test\n- X01 [official, archived] A page: https://a.example/x ; https://b.example/y\n- X02 = X01\n"
    refs = parse_references(text).set_index("source_id")
    assert refs.loc["X01", "grade"] == "official"
    assert refs.loc["X01", "url"] == "https://a.example/x ; https://b.example/y"
    assert refs.loc["X01", "citation"] == "A page"
    assert refs.loc["X02", "same_as"] == "X01"
    assert refs.loc["X02", "topic"] == "9. Test"


def test_parse_update_references_reads_the_bold_ids():
    text = (
        "## 3. Sources (U26-)\n"
        "- **U26-07** [official + secondary] A release (= U22 in SOURCES.md). Address: https://a.example/x ; "
        "official: https://b.example/y. Supports: Dates.\n"
        "- **U26-08** [low] A code file. Address: (public code file, no URL). Supports: Nothing else.\n"
        "## 4. Inherited\n- **U26-99** [low] Not in section 3. Address: x. Supports: y.\n"
    )
    refs = parse_update_references(text).set_index("source_id")
    assert refs.index.tolist() == ["U26-07", "U26-08"]
    assert refs.loc["U26-07", "grade"] == "official"
    assert refs.loc["U26-07", "grades_mentioned"] == "official;secondary"
    assert refs.loc["U26-07", "url"] == "https://a.example/x ; https://b.example/y"
    assert refs.loc["U26-07", "same_as"] == "U22"
    assert refs.loc["U26-07", "citation"] == "A release (= U22 in SOURCES.md)"
    assert refs.loc["U26-08", "url"] == ""


def test_parse_references_refuses_duplicate_ids():
    with pytest.raises(ValueError, match="X01"):
        parse_references("- X01 a\n- X01 b\n")


@pytest.mark.slow  # a whole-source curation run (the marker's own example): ~0.6 s
@needs_shared
def test_import_facts_command_writes_the_committed_csvs_byte_for_byte(tmp_path, capsys):
    """`natolab data import-facts` into an empty folder: the facts tables, then the deterrence
    tables (which read the country table just written there), each the committed file exactly."""
    assert cli.main(["data", "import-facts", "--data-dir", str(tmp_path)]) == 0
    names = [*curation.OUTPUTS, *deterrence.OUTPUTS]
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / f"{name}.csv") for name in names]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(f"{name}.csv" for name in names)
    for name in names:
        assert (tmp_path / f"{name}.csv").read_bytes() == (paths.DATA_DIR / f"{name}.csv").read_bytes(), name


def test_import_facts_command_says_what_it_reads_and_writes(tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli.main(["data", "import-facts", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for words in ("SOURCES/facts/", "SOURCES.md", "SOURCES-deterrence.md", "defence-spending/",
                  "../shared/sources", "data/", "country_names", "air_policing_rotations"):
        assert words in text
    # A sources folder without facts/ is one line on stderr and exit code 2, nothing written.
    assert cli.main(["data", "import-facts", "--sources", str(tmp_path), "--data-dir", str(tmp_path / "out")]) == 2
    assert "Raw facts directory not found" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def facts_inputs() -> dict[str, object]:
    """The raw inputs, read once (the workbooks take a second); tests change copies of them."""
    return load_inputs()


# (raw files changed alike, summit, column, new value, what the error must name)
SUMMIT_EDITS = [
    # A number a target rests on disappears (summits_all.csv copies the summits.csv row).
    (("summits", "summits_all"), "The Hague 2025", "spending_target_pct_gdp", "5.0 total", "hague_core_3_5pct"),
    # A row of summits.csv copied into summits_all.csv differs.
    (("summits_all",), "Wales 2014", "end_date", "2014-09-06", "'Wales 2014' end_date"),
    # A host name and its code disagree.
    (("summits_all",), "Lisbon 2010", "host_iso3", "ESP", "Lisbon 2010"),
]


@needs_shared
@pytest.mark.parametrize(("files", "summit", "column", "value", "error"), SUMMIT_EDITS)
def test_curation_fails_loudly_when_a_summit_cell_changes(facts_inputs, files, summit, column, value, error):
    inputs = dict(facts_inputs)
    for name in files:
        frame = inputs[name].copy()
        frame.loc[frame["summit"] == summit, column] = value
        inputs[name] = frame
    with pytest.raises(ValueError, match=re.escape(error)):
        curation.build(inputs)


@needs_shared
def test_curation_fails_loudly_when_a_summit_is_listed_twice(facts_inputs):
    inputs = dict(facts_inputs)
    summits = inputs["summits_all"]
    inputs["summits_all"] = pd.concat([summits, summits.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="twice"):
        curation.build(inputs)
