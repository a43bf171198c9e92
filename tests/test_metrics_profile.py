"""natolab.metrics.profile on small synthetic frames."""

from __future__ import annotations

import pandas as pd
import pytest

from natolab.metrics import Frames, profile

COUNTRIES = pd.DataFrame({
    "iso3": ["CZE", "SVK", "GBR", "EST", "ISL", "USA", "ESP", "BEL", "NLD", "DEU", "FRA", "LTU"],
    "name": ["Czechia", "Slovak Republic", "United Kingdom", "Estonia", "Iceland",
             "United States", "Spain", "Belgium", "Netherlands", "Germany", "France", "Lithuania"],
})
NAMES = pd.DataFrame({
    "name": ["Czechia", "Czech Republic", "CZE", "Slovakia", "Slovak Republic", "Estonia",
             "Iceland", "United Kingdom"],
    "iso3": ["CZE", "CZE", "CZE", "SVK", "SVK", "EST", "ISL", "GBR"],
})
MEMBERS = pd.DataFrame({
    "iso3": ["GBR", "CZE", "EST", "ISL"],
    "accession_date": pd.to_datetime(["1949-04-04", "1999-03-12", "2004-03-29", "1949-04-04"]),
    "enlargement_round": ["Founding 1949", "1999", "2004", "Founding 1949"],
    "round_number": [0, 4, 5, 0],
    "founding_member": [True, False, False, True],
    "special_notes": [None, None, None, "No standing armed forces"],
})
EU = pd.DataFrame({
    "iso3": ["GBR", "CZE", "EST"],
    "eu_accession_date": pd.to_datetime(["1973-01-01", "2004-05-01", "2004-05-01"]),
    "eu_exit_date": pd.to_datetime(["2020-01-31", None, None]),
})
OPS = pd.DataFrame({
    "name": ["Baltic Air Policing", "Eagle Assist", "ISAF"],
    "theatre": ["Estonia, Latvia, Lithuania airspace", "United States airspace", "Afghanistan"],
    "start_year": [2004, 2001, 2003],
    "end_year": [None, 2002, 2014],
})
SUMMITS = pd.DataFrame({
    "summit": ["London 2019", "Wales 2014", "Vilnius 2023"],
    "city": ["London", "Newport", "Vilnius"],
    "host_iso3": ["GBR", "GBR", "LTU"],
    "start_date": pd.to_datetime(["2019-12-03", "2014-09-04", "2023-07-11"]),
})


def test_spellings_longest_first_without_codes():
    assert profile.spellings("cze", data=Frames(countries=COUNTRIES, country_names=NAMES)) == ["Czech Republic",
                                                                           "Czechia"]


MEMBERS_EU_DATA = Frames(members=MEMBERS, eu_membership=EU, countries=COUNTRIES)


def test_ally_facts_eu_status_depends_on_date():
    uk_2019 = profile.ally_facts("GBR", as_of="2019-06-01", data=MEMBERS_EU_DATA)
    uk_2024 = profile.ally_facts("GBR", as_of="2024-06-01", data=MEMBERS_EU_DATA)
    assert uk_2019["eu_member"] and not uk_2024["eu_member"]
    assert uk_2024["founding_member"] and uk_2024["round_number"] == 0
    cze = profile.ally_facts("CZE", as_of="2003-01-01", data=MEMBERS_EU_DATA)
    assert cze["country"] == "Czechia" and not cze["eu_member"]
    assert cze["accession_date"] == pd.Timestamp("1999-03-12")
    isl = profile.ally_facts("ISL", as_of="2024-01-01", data=MEMBERS_EU_DATA)
    assert not isl["eu_member"] and pd.isna(isl["eu_accession_date"])
    assert isl["special_notes"] == "No standing armed forces"


def test_ally_facts_rejects_non_ally_with_valid_values():
    with pytest.raises(ValueError, match=r"'AUT' is not an Ally\. Valid values: CZE, EST, GBR, ISL"):
        profile.ally_facts("AUT", as_of="2024-01-01", data=MEMBERS_EU_DATA)


def test_operations_mentioning_matches_whole_names():
    kw = {"data": Frames(operations=OPS, countries=COUNTRIES, country_names=NAMES)}
    assert profile.operations_mentioning("EST", **kw)["name"].tolist() == ["Baltic Air Policing"]
    assert profile.operations_mentioning("USA", **kw)["name"].tolist() == ["Eagle Assist"]
    assert profile.operations_mentioning("CZE", **kw).empty


SUMMITS_DATA = Frames(summits=SUMMITS)


def test_summits_hosted_in_date_order():
    assert profile.summits_hosted("gbr", data=SUMMITS_DATA)["summit"].tolist() == [
        "Wales 2014", "London 2019"]
    assert profile.summits_hosted("ISL", data=SUMMITS_DATA).empty


SHARED = pd.DataFrame({
    "summit": ["Bonn 1982", "Strasbourg/Kehl 2009", "Virtual 2022 (February)", "Brussels 2017"],
    "city": ["Bonn", "Strasbourg / Kehl", "virtual (videoconference)", "Brussels"],
    "host_iso3": ["DEU", "FRA", None, "BEL"],
    "co_host_iso3": [None, "DEU", None, None],
    "start_date": pd.to_datetime(["1982-06-10", "2009-04-03", "2022-02-25", "2017-05-25"]),
    "meeting_type": ["Summit", "Summit", "Extraordinary virtual summit", "Meeting of NATO Leaders"],
    "counted_by_nato": pd.array([True, True, None, None], dtype="boolean"),
})


SHARED_DATA = Frames(summits=SHARED, countries=COUNTRIES)


def test_summits_hosted_counts_both_hosts_of_a_shared_summit():
    kw = {"data": SHARED_DATA}
    deu = profile.summits_hosted("DEU", "2026-01-01", **kw)
    assert deu["summit"].tolist() == ["Bonn 1982", "Strasbourg/Kehl 2009"]
    assert deu["shared_with"].tolist() == ["", "France"]
    fra = profile.summits_hosted("FRA", "2026-01-01", **kw)
    assert fra[["summit", "shared_with"]].to_dict("records") == [{"summit": "Strasbourg/Kehl 2009",
                                                                  "shared_with": "Germany"}]


def test_summits_hosted_keeps_whether_nato_counts_it_and_the_date_asked_for():
    kw = {"data": SHARED_DATA}
    bel = profile.summits_hosted("BEL", "2026-01-01", **kw)
    assert pd.isna(bel["counted_by_nato"].iloc[0])  # not established, never False
    assert profile.summits_hosted("BEL", "2017-05-24", **kw).empty  # the day before
    assert len(profile.summits_hosted("BEL", "2017-05-25", **kw)) == 1


ROTATIONS = pd.DataFrame({
    "mission": ["Baltic Air Policing", "Baltic Air Policing", "Baltic Air Policing", "Baltic Air Policing",
                "Baltic Air Policing", "Icelandic Air Policing (ASIC IPPN)", "Baltic Air Policing"],
    "rotation_number": pd.array([1, 2, 35, 35, 36, None, 40], dtype="Int64"),
    "start_date": ["2004-03-29", "2004-07-01", "2014-05-01", "2014-05-01", "2014-09", "2025-08-14", "2016-01-06"],
    "end_date": ["2004-07-01", "2004-10", "2014-09-01", "2014-09-01", "2015-01", "2025-09-13", "2016-04-28"],
    "nation_iso3": ["BEL", "DEU", "BEL", "DEU", "BEL", "BEL", "BEL"],
    "role": ["single", "single", "lead", "augmenting", "augmenting", "single", "augmenting"],
    "base": ["Šiauliai", "Šiauliai", "Šiauliai", "Ämari", "Malbork", "Keflavík", "Ämari"],
})


ROTATIONS_DATA = Frames(air_policing_rotations=ROTATIONS, countries=COUNTRIES)


def test_air_policing_record_by_mission_baltic_first():
    record = profile.air_policing_record("bel", "2026-01-01", data=ROTATIONS_DATA)
    assert record["mission"].tolist() == ["Baltic Air Policing", "Icelandic Air Policing (ASIC IPPN)"]
    baltic, iceland = record.iloc[0], record.iloc[1]
    # Rotations 1 (single) and 35 (lead) led; 36 and 40 augmenting.
    assert (baltic["detachments"], baltic["rotations_led"]) == (4, 2)
    assert baltic["years"] == "2004, 2014, 2016"
    assert (baltic["first_year"], baltic["last_year"]) == (2004, 2016)
    assert iceland["detachments"] == 1 and pd.isna(iceland["rotations_led"])
    assert profile.air_policing_record("ISL", data=ROTATIONS_DATA).empty


def test_air_policing_record_only_counts_what_had_begun():
    record = profile.air_policing_record("BEL", "2014-05-01", data=ROTATIONS_DATA)
    assert record["detachments"].tolist() == [2] and record["years"].tolist() == ["2004, 2014"]
    assert profile.air_policing_record("BEL", "2004-03-28", data=ROTATIONS_DATA).empty


FLF = pd.DataFrame({
    "host_iso3": ["SVK", "SVK", "SVK", "EST", "EST", "EST", "LTU"],
    "date": ["2022-06-28", "2024-07-01", "2025-01", "2017-08-28", "2018", None, "2017-08-28"],
    "framework_nation_iso3": ["CZE", "ESP", "ESP", "GBR", "GBR", "GBR", "DEU"],
    "troops": pd.array([643, None, None, None, None, 9999, None], dtype="Int64"),
    "contributing_nations": [None, "CZE;USA", "CZE", "FRA", "ISL;USA", "ISL", "BEL;NLD"],
    "unit_scale": ["battlegroup"] * 7,
})


FLF_DATA = Frames(efp_history=FLF, countries=COUNTRIES)


def test_forward_land_forces_roles_each_with_its_records():
    kw = {"data": FLF_DATA}
    cze = profile.forward_land_forces_roles("CZE", "2026-01-01", **kw).set_index("role")
    framework, contributor = cze.loc["framework nation"], cze.loc["contributor"]
    assert (framework["first_recorded"], framework["latest_recorded"], framework["n_records"]) == (
        "2022-06-28", "2022-06-28", 1)
    # No longer framework nation: Spain since its first record of 1 July 2024.
    assert not framework["named_on_latest"]
    assert (framework["framework_nation"], framework["framework_since"]) == ("Spain", "2024-07-01")
    assert (contributor["first_recorded"], contributor["latest_recorded"]) == ("2024-07-01", "2025-01")
    assert contributor["named_on_latest"]


def test_forward_land_forces_roles_host_latest_list_and_undated_rows():
    kw = {"data": FLF_DATA}
    usa = profile.forward_land_forces_roles("USA", "2026-01-01", **kw)
    # Named on Slovakia's list of 1 July 2024, not on its latest (January 2025).
    assert usa[["host", "role", "named_on_latest", "host_latest_record"]].to_dict("records") == [
        {"host": "Estonia", "role": "contributor", "named_on_latest": True, "host_latest_record": "2018"},
        {"host": "Slovak Republic", "role": "contributor", "named_on_latest": False,
         "host_latest_record": "2025-01"},
    ]
    # The undated Estonian row names Iceland, but cannot be placed in time: left out.
    isl = profile.forward_land_forces_roles("ISL", "2026-01-01", **kw)
    assert isl[["first_recorded", "latest_recorded", "n_records"]].values.tolist() == [["2018", "2018", 1]]
    svk = profile.forward_land_forces_roles("SVK", "2026-01-01", **kw)
    assert svk[["role", "first_recorded", "latest_recorded", "framework_nation"]].values.tolist() == [
        ["host nation", "2022-06-28", "2025-01", "Spain"]]
    assert profile.forward_land_forces_roles("SVK", "2022-06-27", **kw).empty
    assert profile.forward_land_forces_roles("FRA", "2017-08-27", **kw).empty
    assert profile.forward_land_forces_roles("FRA", "2017-08-28", **kw)["role"].tolist() == ["contributor"]


SITES = pd.DataFrame({
    "site": ["NATO Headquarters (new building)", "NATO Headquarters (1967 building)",
             "Supreme Headquarters Allied Powers Europe", "NCIA (The Hague site)"],
    "short_name": ["NATO HQ", "NATO HQ (old)", "SHAPE", "NCI Agency The Hague"],
    "category": ["political headquarters", "political headquarters (former)",
                 "strategic command (Allied Command Operations)", "agency site"],
    "city": ["Brussels", "Brussels (Evere)", "Casteau (Mons)", "The Hague"],
    "host_iso3": ["BEL", "BEL", "BEL", "NLD"],
    "opening_year": pd.array([2017, 1967, 1967, None], dtype="Int64"),
    "opening_date": pd.to_datetime(["2017-05-25", None, "1967-03-31", None]),
    "opening_event": ["Handover", "Move", "Inauguration", ""],
})


SITES_DATA = Frames(host_sites=SITES)


def test_host_sites_in_use_first_with_the_most_precise_date():
    bel = profile.host_sites("bel", data=SITES_DATA)
    assert bel[["short_name", "opening", "former"]].values.tolist() == [
        ["SHAPE", "1967-03-31", False], ["NATO HQ", "2017-05-25", False], ["NATO HQ (old)", "1967", True]]
    assert profile.host_sites("NLD", data=SITES_DATA)["opening"].tolist() == [""]  # not found
    assert profile.host_sites("ISL", data=SITES_DATA).empty


DCB = pd.DataFrame({
    "partner": ["Georgia", "Tunisia", "United Nations (UN Peacekeeping Training)", "Libya"],
    "partner_iso3": ["GEO", "TUN", None, "LBY"],
    "dcb_start_year": pd.array([2014, 2018, 2020, None], dtype="Int64"),
    "dcb_partner": pd.array([True, True, True, False], dtype="boolean"),
    "allies_supporting_iso3": ["BEL;NLD", "NLD", None, None],
    "belgium_support": ["Yes - adviser", "Not confirmed", "Not found", "Not found"],
})


def test_dcb_partners_supported_where_recorded():
    kw = {"data": Frames(dcb_partners=DCB, countries=COUNTRIES)}
    nld = profile.dcb_partners_supported("NLD", **kw)
    assert nld[["partner", "other_supporting_allies"]].values.tolist() == [["Georgia", "Belgium"], ["Tunisia", ""]]
    assert "belgium_support" not in nld.columns
    bel = profile.dcb_partners_supported("BEL", **kw)
    # Belgium's own role is a column of the dataset: the profile shows it as found.
    assert bel[["partner", "belgium_support"]].values.tolist() == [["Georgia", "Yes - adviser"]]
    assert profile.dcb_partners_supported("ISL", **kw).empty


def test_coverage_names_the_denominators():
    data = Frames(air_policing_rotations=ROTATIONS, efp_history=FLF, kfor_contributions=KFOR,
                  host_sites=SITES, dcb_partners=DCB, summits=SHARED, countries=COUNTRIES)
    cover = profile.coverage("2026-01-01", data=data)
    assert (cover["ap_first_rotation"], cover["ap_last_rotation"], cover["ap_last_rotation_start"]) == (1, 40,
                                                                                                     "2016-01-06")
    assert cover["ap_first_start"] == "2004-03-29"
    assert (cover["flf_records"], cover["flf_first"], cover["flf_last"]) == (6, "2017-08-28", "2025-01")
    assert (cover["kfor_snapshot"], cover["kfor_snapshot_nations"]) == ("2023", 2)
    assert cover["sites"] == 4
    # Libya's request is not a partner; the UN has no supporter recorded.
    assert (cover["dcb_partners"], cover["dcb_with_supporters"], cover["dcb_supporters"]) == (
        3, 2, ["Belgium", "Netherlands"])
    assert (cover["summits"], cover["summits_counted"], cover["summits_first"], cover["summits_last"]) == (
        4, 2, "Bonn 1982", "Virtual 2022 (February)")


KFOR = pd.DataFrame({
    "date": ["2017-02", "2017-02", "2023", "2023"],
    "nation_iso3": ["LTU", "USA", "LTU", "USA"],
    "troops": pd.array([1, 675, 1, 593], dtype="Int64"),
    "use_in_total_only": pd.array([False, True, False, False], dtype="boolean"),
    "planned": pd.array([False, False, False, False], dtype="boolean"),
    "snapshot_complete": pd.array([True, True, True, True], dtype="boolean"),
})
