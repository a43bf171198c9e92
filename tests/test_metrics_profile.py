"""natolab.metrics.profile on small synthetic frames."""

from __future__ import annotations

import pandas as pd
import pytest

from natolab.metrics import profile

COUNTRIES = pd.DataFrame({
    "iso3": ["CZE", "SVK", "GBR", "EST", "ISL", "USA"],
    "name": ["Czechia", "Slovak Republic", "United Kingdom", "Estonia", "Iceland",
             "United States"],
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
EFP = pd.DataFrame({
    "host_iso3": ["EST", "SVK"],
    "framework_iso3": ["GBR", "CZE"],
    "established_year": [2017, 2022],
    "contributing_nations_note": ["Denmark, France, Iceland contributed",
                                  "Czech Republic, Slovakia, Slovenia"],
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
    assert profile.spellings("cze", countries=COUNTRIES, names=NAMES) == ["Czech Republic",
                                                                           "Czechia"]


def test_ally_facts_eu_status_depends_on_date():
    uk_2019 = profile.ally_facts("GBR", as_of="2019-06-01", members=MEMBERS, eu_membership=EU,
                                 countries=COUNTRIES)
    uk_2024 = profile.ally_facts("GBR", as_of="2024-06-01", members=MEMBERS, eu_membership=EU,
                                 countries=COUNTRIES)
    assert uk_2019["eu_member"] and not uk_2024["eu_member"]
    assert uk_2024["founding_member"] and uk_2024["round_number"] == 0
    cze = profile.ally_facts("CZE", as_of="2003-01-01", members=MEMBERS, eu_membership=EU,
                             countries=COUNTRIES)
    assert cze["country"] == "Czechia" and not cze["eu_member"]
    assert cze["accession_date"] == pd.Timestamp("1999-03-12")
    isl = profile.ally_facts("ISL", as_of="2024-01-01", members=MEMBERS, eu_membership=EU,
                             countries=COUNTRIES)
    assert not isl["eu_member"] and pd.isna(isl["eu_accession_date"])
    assert isl["special_notes"] == "No standing armed forces"


def test_ally_facts_rejects_non_ally_with_valid_values():
    with pytest.raises(ValueError, match=r"'AUT' is not an Ally\. Valid values: CZE, EST, GBR, ISL"):
        profile.ally_facts("AUT", as_of="2024-01-01", members=MEMBERS, eu_membership=EU,
                           countries=COUNTRIES)


def test_efp_roles():
    kw = {"efp": EFP, "countries": COUNTRIES, "names": NAMES}
    gbr = profile.efp_roles("GBR", **kw)
    assert gbr[["host", "role"]].to_dict("records") == [{"host": "Estonia",
                                                          "role": "framework nation"}]
    # Czechia is framework nation in Slovakia, and named as "Czech Republic" there too.
    assert profile.efp_roles("CZE", **kw)["role"].tolist() == ["framework nation"]
    assert profile.efp_roles("SVK", **kw)["role"].tolist() == ["host nation"]
    assert profile.efp_roles("ISL", **kw)["role"].tolist() == [
        "contributor (named in the source note)"]
    assert profile.efp_roles("USA", **kw).empty


def test_operations_mentioning_matches_whole_names():
    kw = {"operations": OPS, "countries": COUNTRIES, "names": NAMES}
    assert profile.operations_mentioning("EST", **kw)["name"].tolist() == ["Baltic Air Policing"]
    assert profile.operations_mentioning("USA", **kw)["name"].tolist() == ["Eagle Assist"]
    assert profile.operations_mentioning("CZE", **kw).empty


def test_summits_hosted_in_date_order():
    assert profile.summits_hosted("gbr", summits=SUMMITS)["summit"].tolist() == [
        "Wales 2014", "London 2019"]
    assert profile.summits_hosted("ISL", summits=SUMMITS).empty


def test_summits_hosted_counts_both_hosts_of_a_shared_summit():
    shared = pd.DataFrame({
        "summit": ["Bonn 1982", "Strasbourg/Kehl 2009", "Virtual 2022 (February)"],
        "city": ["Bonn", "Strasbourg / Kehl", "virtual (videoconference)"],
        "host_iso3": ["DEU", "FRA", None],
        "co_host_iso3": [None, "DEU", None],
        "start_date": pd.to_datetime(["1982-06-10", "2009-04-03", "2022-02-25"]),
    })
    assert profile.summits_hosted("DEU", summits=shared)["summit"].tolist() == ["Bonn 1982", "Strasbourg/Kehl 2009"]
    assert profile.summits_hosted("FRA", summits=shared)["summit"].tolist() == ["Strasbourg/Kehl 2009"]
