"""natolab.narrative.profile: the country profile's sentences from small synthetic frames (worked out by hand)."""

from __future__ import annotations

import pandas as pd
from narrative_frames import MEMBERS, league

from natolab.metrics import Frames
from natolab.narrative import profile, spending

MEMBERS_DATA = Frames(members=MEMBERS)


def test_spending_position_rank_and_missing():
    text = profile.spending_position(league(), "AAA", 2.0, 3.5, "core", data=MEMBERS_DATA)
    assert "In 2024e, Aland spent **2.00% of GDP**" in text
    assert "(edition 2026-07, core; e = NATO estimate)" in text
    assert "ranking **2 of the 3** Allies with a figure" in text
    assert "at or above the 2% guideline (Wales, by 2024) and below the 3.5% core target (The Hague, by 2035)" in text
    isl = profile.spending_position(league(), "ISL", 2.0, 3.5, "core", data=MEMBERS_DATA)
    assert isl.startswith("Iceland (the only Ally with no standing armed forces) reports no defence")
    assert "tied" not in text
    # Two Allies with the same share hold the same rank: each profile names the other.
    tie = league()
    tie.loc[tie["iso3"] == "AAA", "rank"] = 1
    tied = profile.spending_position(tie, "AAA", 2.0, 3.5, "core", data=MEMBERS_DATA)
    assert "ranking **1 of the 3** Allies with a figure (tied with the United States):" in tied


def test_profile_intro_founder_joiner_and_leaver():
    base = {"iso3": "GBR", "country": "United Kingdom", "founding_member": True,
            "accession_date": pd.Timestamp("1949-04-04"), "enlargement_round": "Founding 1949",
            "round_number": 0, "eu_member": False,
            "eu_accession_date": pd.Timestamp("1973-01-01"),
            "eu_exit_date": pd.Timestamp("2020-01-31")}
    text = profile.profile_intro(base, data=MEMBERS_DATA)
    assert "signed on 4 April 1949" in text
    assert "from 1 January 1973 until 31 January 2020" in text
    joiner = {**base, "iso3": "SWE", "country": "Sweden", "founding_member": False,
              "accession_date": pd.Timestamp("2024-03-07"), "enlargement_round": "2024",
              "round_number": 10, "eu_member": True,
              "eu_accession_date": pd.Timestamp("1995-01-01"), "eu_exit_date": pd.NaT}
    text = profile.profile_intro(joiner, data=MEMBERS_DATA)
    assert "joined the Alliance on 7 March 2024, in the 2024 enlargement (round 10)" in text
    assert "since 1 January 1995" in text
    iceland = {**base, "iso3": "ISL", "country": "Iceland", "eu_accession_date": pd.NaT,
               "eu_exit_date": pd.NaT}
    assert profile.profile_intro(iceland, data=MEMBERS_DATA).endswith(
        "It is not a member of the European Union. Only Ally with no standing armed forces.")


def test_series_and_sipri_sentences():
    s = pd.DataFrame({"year": [2014, 2024], "value": [30.5, 21.3],
                      "estimate": pd.array([False, True], "boolean"), "edition": "2024-06"})
    assert profile.series_sentence(s, "Belgium", "military personnel", " thousand") == (
        "Belgium's military personnel went from 30.5 thousand in 2014 to 21.3 thousand in 2024e "
        "(NATO edition 2024-06; e = estimate).")
    assert profile.series_sentence(s.iloc[1:], "Belgium", "military personnel", " thousand") == (
        "Belgium's military personnel was 21.3 thousand in 2024e (NATO edition 2024-06; no other year).")
    assert profile.series_sentence(s.iloc[0:0], "Iceland", "military personnel", "") == (
        "NATO reports no military personnel for Iceland.")
    long = pd.DataFrame({"year": [1953, 1954, 2024], "sipri_share_of_gdp_pct": [4.0, 4.9, 1.3]})
    assert "peaked at 4.9% of GDP in 1954; it was 1.3% in 2024" in profile.sipri_sentence(
        long, "Belgium")
    # Poland: the peak is the latest year; never "peaked in 2024; it was 4.2% in 2024".
    rising = pd.DataFrame({"year": [2014, 2024], "sipri_share_of_gdp_pct": [1.9, 4.2]})
    text = profile.sipri_sentence(rising, "Poland")
    assert "peaked at 4.2% of GDP in 2024, the latest year SIPRI reports." in text
    assert "it was" not in text


# -- the profile's contributions section ---------------------------------------------------------

COVER = {
    "ap_first_start": "2004-03-29", "ap_first_rotation": 1, "ap_last_rotation": 69,
    "ap_last_rotation_start": "2025-08-01", "flf_records": 44, "flf_first": "2017-08-28",
    "flf_last": "2026-02-04", "kfor_snapshot": "2023", "kfor_snapshot_nations": 2, "sites": 16,
    "dcb_partners": 8, "dcb_with_supporters": 4, "dcb_supporters": ["Belgium", "Netherlands"],
    "summits": 39, "summits_counted": 33, "summits_first": "Paris 1957", "summits_last": "Ankara 2026",
}


def _record(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["mission", "detachments", "rotations_led", "first_year", "last_year",
                                        "years"])
    for column in ("detachments", "rotations_led", "first_year", "last_year"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    return frame


def test_air_policing_profile_sentence_by_mission_with_what_is_complete():
    record = _record([("Baltic Air Policing", 12, 7, 2004, 2023, "2004, 2006"),
                      ("Icelandic Air Policing (ASIC IPPN)", 1, None, 2025, 2025, "2025")])
    text = profile.air_policing_profile_sentence("Belgium", record, COVER)
    assert text.startswith("Belgium flew 13 air-policing detachments from 2004 to 2025: 12 in Baltic Air Policing "
                           "(7 rotations as lead nation) and 1 in Icelandic Air Policing (ASIC IPPN).")
    assert text.endswith(
        "Baltic Air Policing is recorded in full for the lead nation of every rotation from 1 (29 March 2004) to 69 "
        "(from 1 August 2025) and for the augmenting nations at the other bases; "
        "reinforcements at the lead nation's base and the other missions only in part, so the counts are a minimum.")
    one = profile.air_policing_profile_sentence("Canada", _record([("Baltic Air Policing", 1, 0, 2014, 2014, "2014")]),
                                                 COVER)
    assert one.startswith("Canada flew 1 Baltic Air Policing detachment in 2014 (not as lead nation).")


def test_air_policing_profile_sentence_for_an_ally_that_flew_none():
    none = _record([])
    text = profile.air_policing_profile_sentence("Lithuania", none, COVER)
    assert text == ("Lithuania is not among the lead nations of Baltic Air Policing rotations 1 (29 March 2004) to 69 "
                    "(from 1 August 2025) or the augmenting nations at the other bases, which are "
                    "recorded in full, nor in the partial records of reinforcements at the lead nation's base and of "
                    "the other air-policing missions.")
    note = spending.no_forces_note(data=MEMBERS_DATA)["ISL"]
    assert profile.air_policing_profile_sentence("Iceland", none, COVER, note).endswith(
        "It is the only Ally with no standing armed forces.")


def _roles(rows: list[dict]) -> pd.DataFrame:
    base = {"host_iso3": "", "host": "", "role": "contributor", "first_recorded": "", "latest_recorded": "",
            "n_records": 1, "host_latest_record": "", "named_on_latest": True, "framework_nation": "",
            "framework_since": ""}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_forward_land_forces_profile_sentence_dates_every_role():
    roles = _roles([
        {"host_iso3": "POL", "host": "Poland", "role": "framework nation", "first_recorded": "2017-08-28",
         "latest_recorded": "2022-06-28", "host_latest_record": "2022-06-28", "framework_nation": "United States"},
        {"host_iso3": "SVK", "host": "Slovak Republic", "first_recorded": "2024-07-01",
         "latest_recorded": "2024-07-01", "host_latest_record": "2025-01", "named_on_latest": False},
        {"host_iso3": "EST", "host": "Estonia", "first_recorded": "2022-11", "latest_recorded": "2022-11",
         "host_latest_record": "2022-11"},
    ])
    assert profile.forward_land_forces_profile_sentence("United States", roles, COVER) == (
        "The United States is named in the Forward Land Forces records as framework nation in Poland (28 August "
        "2017 to 28 June 2022) and as contributor in the Slovak Republic (1 July 2024; not on the latest list, "
        "January 2025) and Estonia (November 2022).")


def test_forward_land_forces_profile_sentence_for_hosts():
    lithuania = _roles([{"host_iso3": "LTU", "host": "Lithuania", "role": "host nation",
                         "first_recorded": "2017-08-28", "latest_recorded": "2026-02-04",
                         "framework_nation": "Germany", "framework_since": "2017-08-28"}])
    assert profile.forward_land_forces_profile_sentence("Lithuania", lithuania, COVER) == (
        "Lithuania hosts Forward Land Forces (records of 28 August 2017 to 4 February 2026), with Germany as "
        "framework nation on every record.")
    bulgaria = _roles([
        {"host_iso3": "BGR", "host": "Bulgaria", "role": "host nation", "first_recorded": "2022-03-01",
         "latest_recorded": "2025-01", "framework_nation": "Italy", "framework_since": "2022-10-17"},
        {"host_iso3": "BGR", "host": "Bulgaria", "role": "framework nation", "first_recorded": "2022-03-01",
         "latest_recorded": "2022-06-28", "named_on_latest": False, "framework_nation": "Italy"},
    ])
    assert profile.forward_land_forces_profile_sentence("Bulgaria", bulgaria, COVER) == (
        "Bulgaria hosts Forward Land Forces (records of 1 March 2022 to January 2025); it was framework nation "
        "itself (1 March 2022 to 28 June 2022), Italy since 17 October 2022.")
    hungary = _roles([
        {"host_iso3": "HUN", "host": "Hungary", "role": "host nation", "first_recorded": "2022-06-28",
         "latest_recorded": "2022-11", "framework_nation": "Hungary", "framework_since": "2022-06-28"},
        {"host_iso3": "HUN", "host": "Hungary", "role": "framework nation", "first_recorded": "2022-06-28",
         "latest_recorded": "2022-11", "framework_nation": "Hungary"},
        {"host_iso3": "LVA", "host": "Latvia", "first_recorded": "2019", "latest_recorded": "2019",
         "host_latest_record": "2024-10-29", "named_on_latest": False},
    ])
    assert profile.forward_land_forces_profile_sentence("Hungary", hungary, COVER) == (
        "Hungary hosts Forward Land Forces (records of 28 June 2022 to November 2022) and is their framework "
        "nation. It is also named as contributor in Latvia (2019; not on the latest list, 29 October 2024).")


def test_forward_land_forces_profile_sentence_names_the_records_searched():
    assert profile.forward_land_forces_profile_sentence("Albania", _roles([]).iloc[0:0], COVER) == (
        "Albania is not named as host, framework nation or contributor in any of the 44 dated Forward Land Forces "
        "records (28 August 2017 to 4 February 2026); the sources list contributors for some dates only.")


SNAPSHOT = pd.DataFrame({"nation_iso3": ["ITA", "USA"], "nation": ["Italy", "United States"], "troops": [869, 593]})


def _series(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["date_label", "troops", "flags"])


def test_kfor_profile_sentence_gives_every_figure_at_its_date():
    usa = _series([("1999-06", 7000, None), ("2022-08", 635, None), ("2023", 593, "list of 2023")])
    assert profile.kfor_profile_sentence("United States", "USA", usa, "2023", SNAPSHOT) == (
        "The sources give the United States' troops in KFOR on 3 dates: 7,000 in June 1999, 635 in August 2022 and "
        "593 in 2023 (the latest complete list of contributors). The table's notes say what each figure counts.")
    bel = _series([("2000-02-07", 750, "brigade share"), ("2010-03-31", 0, None)])
    assert profile.kfor_profile_sentence("Belgium", "BEL", bel, "2023", SNAPSHOT).endswith(
        "750 on 7 February 2000 and 0 on 31 March 2010. The table's notes say what each figure counts. Belgium is "
        "not among the 2 nations of the latest complete list of contributors (2023).")
    one = profile.kfor_profile_sentence("Spain", "ESP", _series([("1999-06", 1200, None)]), "2023", SNAPSHOT)
    assert one.startswith("The sources give one figure for Spain's troops in KFOR: 1,200 in June 1999.")


def test_kfor_profile_sentence_without_a_figure_or_with_many():
    assert profile.kfor_profile_sentence("Iceland", "ISL", _series([]), "2023", SNAPSHOT) == (
        "No KFOR troop figure is recorded for Iceland. It is not among the 2 nations of the latest complete list "
        "of contributors (2023).")
    assert profile.kfor_profile_sentence("Iceland", "ISL", _series([]), "", SNAPSHOT.iloc[0:0]) == (
        "No KFOR troop figure is recorded for Iceland.")
    many = _series([(str(y), t, None) for y, t in zip(range(2000, 2008), [10, 90, 20, 30, 40, 50, 60, 5],
                                                      strict=True)])
    text = profile.kfor_profile_sentence("Aland", "AAA", many, "", SNAPSHOT.iloc[0:0], most=6)
    assert text.startswith("The sources give Aland's troops in KFOR on 8 dates, among them 10 in 2000, 90 in 2001 "
                           "and 5 in 2007.")


def _sites(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["site", "short_name", "category", "city", "opening", "opening_event",
                                       "former"])


OPS_NONE = pd.DataFrame(columns=["name", "theatre", "start_year", "end_year"])


def test_hosting_sentence_sites_in_use_and_former_with_their_dates():
    sites = _sites([("SHAPE", "SHAPE", "strategic command", "Casteau (Mons)", "1967-03-31", "", False),
                    ("NATO HQ", "NATO HQ", "political headquarters", "Brussels (Haren, Bd)", "2017-05-25", "", False),
                    ("Old", "NATO HQ (old)", "political headquarters (former)", "Brussels (Evere)", "1967", "", True)])
    assert profile.hosting_sentence("Belgium", sites, OPS_NONE, COVER) == (
        "Belgium hosts SHAPE in Casteau (31 March 1967) and NATO HQ in Brussels (25 May 2017): 2 of the 16 NATO "
        "headquarters, command and agency sites recorded, each with the date of the opening event the table "
        "names. It also hosted NATO HQ (old) in Brussels (1967), no longer in use.")
    hague = _sites([("NCIA", "NCI Agency The Hague", "agency site", "The Hague", "", "", False)])
    assert "NCI Agency The Hague in The Hague (opening year not found)" in profile.hosting_sentence(
        "Netherlands", hague, OPS_NONE, COVER)


def test_hosting_sentence_without_a_site_names_what_was_collected_and_the_theatres():
    ops = pd.DataFrame({"name": ["Icelandic Air Policing (Airborne Surveillance and Interception Capabilities to "
                                 "meet Iceland's Peacetime Preparedness Needs)", "Operation Eagle Assist"],
                        "theatre": ["Iceland", "Iceland"], "start_year": pd.array([2008, 2001], dtype="Int64"),
                        "end_year": pd.array([None, 2002], dtype="Int64")})
    assert profile.hosting_sentence("Iceland", _sites([]), ops, COVER) == (
        "Iceland hosts none of the 16 NATO headquarters, command and agency sites recorded (centres of "
        "excellence, NATO Force Integration Units and smaller bodies were not collected). NATO operations and "
        "missions whose recorded theatre names Iceland: Icelandic Air Policing, from 2008; Operation Eagle Assist, "
        "2001–2002.")


def test_dcb_profile_sentence_says_how_partial_the_record_is():
    supported = pd.DataFrame({"partner": ["Georgia", "Jordan"], "dcb_start_year": pd.array([2014, None], "Int64"),
                              "other_supporting_allies": ["Netherlands", "Netherlands"],
                              "belgium_support": ["Yes - adviser", "Planned - not confirmed"]})
    assert profile.dcb_profile_sentence("Belgium", supported, COVER) == (
        "Where the sources name supporting Allies of the Defence Capacity Building (DCB) partners (4 of the 8 "
        "partners, naming only Belgium and the Netherlands), Belgium is named for Georgia and Jordan. The table "
        "gives its role in each as the sources describe it, planned or carried out.")
    assert profile.dcb_profile_sentence("Iceland", supported.iloc[0:0], COVER) == (
        "Iceland is not recorded as supporting any of the 8 Defence Capacity Building (DCB) partners; the sources "
        "name supporting Allies only for some (4 of the 8 partners, naming only Belgium and the Netherlands).")


def _hosted(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["summit", "counted_by_nato", "shared_with"])
    frame["counted_by_nato"] = pd.array(frame["counted_by_nato"], dtype="boolean")
    return frame


def test_summits_hosted_sentence_counts_what_nato_counts():
    assert profile.summits_hosted_sentence("Germany", _hosted([("Bonn 1982", True, ""),
                                                                ("Strasbourg/Kehl 2009", True, "France")]), COVER) == (
        "Germany hosted 2 of the 39 NATO summits and leaders' meetings held from Paris 1957 to Ankara 2026: Bonn "
        "1982 and Strasbourg/Kehl 2009 (with France), both counted by NATO among its summits.")
    assert profile.summits_hosted_sentence("Lithuania", _hosted([("Vilnius 2023", True, "")]), COVER).endswith(
        ": Vilnius 2023, counted by NATO among its summits.")
    uk = _hosted([("London 1977", True, ""), ("Wales 2014", True, ""), ("London 2019", None, "")])
    assert profile.summits_hosted_sentence("United Kingdom", uk, COVER) == (
        "The United Kingdom hosted 3 of the 39 NATO summits and leaders' meetings held from Paris 1957 to Ankara "
        "2026: London 1977, Wales 2014 and London 2019. NATO counts 2 of them among its summits; whether it counts "
        "London 2019 is not established.")


def test_summits_hosted_sentence_many_or_none():
    many = _hosted([(f"Brussels {y}", y != 2001, "") for y in (1974, 1975, 1985, 2001, 2005, 2018)])
    assert profile.summits_hosted_sentence("Belgium", many, COVER) == (
        "Belgium hosted 6 of the 39 NATO summits and leaders' meetings held from Paris 1957 to Ankara 2026, the "
        "first Brussels 1974, the latest Brussels 2018. NATO counts 5 of them among its summits; whether it counts "
        "Brussels 2001 is not established.")
    assert profile.summits_hosted_sentence("Iceland", many.iloc[0:0], COVER) == (
        "Iceland has not hosted any of the 39 NATO summits and leaders' meetings held from Paris 1957 to Ankara 2026.")


def test_the_package_re_exports_every_public_name():
    # Notebooks write narrative.<name>: a sentence function missing from natolab.narrative would fail only there.
    import natolab.narrative as package

    assert {name: getattr(package, name) for name in profile.__all__} == {name: getattr(profile, name) for name in profile.__all__}
