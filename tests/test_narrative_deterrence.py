"""Tests for natolab.narrative.deterrence: sentences from small synthetic frames, edge cases first."""

from __future__ import annotations

import pandas as pd

from natolab import narrative


def _state(rows: list[dict]) -> pd.DataFrame:
    columns = ["host_iso3", "host", "framework_nation", "formation", "troops", "troops_as_of"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["troops"] = pd.array(frame["troops"], dtype="Int64")
    return frame


def test_no_forward_land_forces_yet_names_the_first_record():
    text = narrative.forward_land_forces_sentence(_state([]), "2016-01-01", first_recorded="2017-08-28")
    assert text == "On 1 January 2016 the data records no Forward Land Forces (its first record is dated 28 August 2017)."


def test_forward_land_forces_by_scale_and_framework_and_no_sum_across_dates():
    state = _state([
        {"host_iso3": "EST", "host": "Estonia", "framework_nation": "United Kingdom", "formation": "battlegroup",
         "troops": 1430, "troops_as_of": "2022-06-28"},
        {"host_iso3": "LVA", "host": "Latvia", "framework_nation": "Canada", "formation": "brigade",
         "troops": 3500, "troops_as_of": "2025-08"},
        {"host_iso3": "HUN", "host": "Hungary", "framework_nation": "Hungary", "formation": "battlegroup",
         "troops": None, "troops_as_of": ""},
    ])
    text = narrative.forward_land_forces_sentence(state, "2026-01-01")
    assert "3 host nations: 2 battlegroups (Estonia and Hungary) and 1 brigade (Latvia)" in text
    assert "United Kingdom in Estonia and Canada in Latvia" in text and "Hungary led its own." in text
    assert "not added up" in text
    assert "4,930" not in text  # 1,430 + 3,500 would mix two dates


def test_one_host_reads_in_the_singular():
    state = _state([{"host_iso3": "POL", "host": "Poland", "framework_nation": "United States",
                     "formation": "battlegroup", "troops": 1033, "troops_as_of": "2022-06-28"}])
    text = narrative.forward_land_forces_sentence(state, "2023-01-01")
    assert "1 host nation: 1 battlegroup (Poland)" in text and "not added up" not in text


def _by_ally() -> pd.DataFrame:
    return pd.DataFrame({
        "nation_iso3": ["DEU", "BEL", "CZE"], "nation": ["Germany", "Belgium", "Czechia"],
        "detachments": [3, 2, 1], "lead_rotations": [2, 1, 0], "months_on_station": [10.4, 8.0, None],
        "detachments_not_timed": [0, 0, 1], "first_year": [2005, 2004, 2009], "last_year": [2020, 2016, 2009],
    })


def test_ally_air_policing_sentence_ranks_by_months_and_names_uncounted_detachments():
    text = narrative.ally_air_policing_sentence(_by_ally(), "Belgium", "2026-01-01")
    assert text == ("Belgium flew 2 detachments from 2004 to 2016, leading 1 rotation, with at least 8 months on "
                    "station: 2nd of the 2 Allies with time on station recorded.")
    czech = narrative.ally_air_policing_sentence(_by_ally(), "Czechia", "2026-01-01")
    assert czech.endswith("none as lead nation, none with both dates recorded, so no time on station is counted.")
    partly = _by_ally()
    partly.loc[0, "detachments_not_timed"] = 1
    assert "1 detachment without a recorded start or end not counted" in narrative.ally_air_policing_sentence(
        partly, "Germany", "2026-01-01")
    assert narrative.ally_air_policing_sentence(_by_ally(), "Iceland", "2026-01-01") == (
        "By 1 January 2026 the data records no Baltic Air Policing detachment of Iceland.")


def test_kfor_sentence_dates_each_figure_with_its_own_precision():
    snapshot = pd.DataFrame({"nation_iso3": ["ITA", "USA"], "nation": ["Italy", "United States"],
                             "troops": [869, 593]})
    series = pd.DataFrame({"nation_iso3": ["BEL", "BEL", "LTU", "ITA"], "date_label": ["2000-02-07", "2025-04", "2017-02", "2023"],
                           "troops": [750, 5, 1, 1200]})
    text = narrative.kfor_contributions_sentence("2023", snapshot, series, [("BEL", "Belgium"), ("ISL", "Iceland"),
                                                 ("LTU", "Lithuania"), ("ITA", "Italy")], "2026-01-01")
    assert "Lithuania: 1 troop in February 2017." in text and "Italy: 1,200 troops in 2023." in text
    assert "(2023), 2 nations had troops in KFOR; the largest: Italy (869) and the United States (593)" in text
    assert "Belgium: 5 troops in April 2025; its highest figure in the data 750 on 7 February 2000." in text
    assert "Iceland: no KFOR figure recorded by 1 January 2026." in text
    gone = pd.DataFrame({"nation_iso3": ["BEL", "BEL"], "date_label": ["2009-06", "2010-03-31"], "troops": [200, 0]})
    assert "Belgium: no troops left on 31 March 2010; its highest figure in the data 200 in June 2009." in (
        narrative.kfor_contributions_sentence("2023", snapshot, gone, [("BEL", "Belgium")], "2018-01-01"))
    assert narrative.kfor_contributions_sentence("", snapshot.iloc[0:0], series.iloc[0:0], [], "1998-01-01") == (
        "No complete list of KFOR contributors is dated by 1 January 1998.")


def test_three_cs_sentence_ranks_among_allies_with_both_figures():
    table = pd.DataFrame({
        "iso3": ["AAA", "BBB", "CCC"], "country": ["Aland", "Bland", "Cland"],
        "share_of_gdp_pct": [1.5, 3.0, None], "contributions_measure": [20.0, 5.0, 7.0],
        "kfor_troops": [40, 0, None],
        "kfor_per_1000_personnel": [2.0, 0.0, None], "air_policing_months": [18.0, 5.0, 7.0],
        "kfor_snapshot": ["2023", "2023", "2023"],
    })
    text = narrative.three_cs_sentence(table, ["AAA", "CCC"], year_label="2024e", window="in the ten years to X")
    assert text.startswith("Of the 2 Allies with both figures, Aland ranks 2nd on cash (1.50% of GDP in 2024e) "
                           "and 1st on contributions (20.0 points: 2.0 KFOR troops")
    assert "Cland lacks one of the figures" in text
    bland = narrative.three_cs_sentence(table, ["BBB"], year_label="2024e", window="in the ten years to X")
    assert "(5.0 points: no troops in the KFOR list of 2023; 5 months of Baltic Air Policing in the ten years" in bland


def test_three_cs_sources_sentence_names_both_editions_and_definitions():
    text = narrative.three_cs_sources_sentence(2026, "2026-07", 2024, "2024-06")
    assert text == ("Cash and capabilities are 2026e figures from the edition of July 2026 (core defence "
                    "expenditure), the same as in the burden-sharing report; military personnel, which scales the "
                    "KFOR troops, is 2024e from the edition of June 2024 (NATO definition), the latest edition with "
                    "personnel figures.")


def test_ordinal():
    assert [narrative.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
