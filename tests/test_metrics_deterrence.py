"""Tests for natolab.metrics.deterrence on small synthetic frames (the curated data is
checked against the raw files in test_data_deterrence.py and in the notebook test)."""

from __future__ import annotations

import pandas as pd
import pytest

from natolab import metrics
from natolab.metrics import Frames

COUNTRIES = pd.DataFrame({
    "iso3": ["AAA", "BBB", "CCC", "DDD"],
    "name": ["Aland", "Bland", "Cland", "Dland"],
})

EFP = pd.DataFrame({
    "host_iso3": ["AAA", "AAA", "AAA", "BBB", "BBB", "CCC"],
    "date": ["2017-08-28", "2022-06-28", "2024-10", "2017-08-28", None, "2023"],
    "framework_nation_iso3": ["BBB", "BBB", "CCC", "BBB", "BBB", "DDD"],
    "troops": pd.array([pd.NA, 1500, pd.NA, pd.NA, 900, 700], dtype="Int64"),
    "contributing_nations": ["CCC;DDD", None, "DDD", None, None, "AAA"],
    "unit_scale": ["battlegroup", "battlegroup", "brigade", "battlegroup", "battlegroup", None],
})


EFP_DATA = Frames(efp_history=EFP, countries=COUNTRIES)


def test_forward_land_forces_takes_each_field_from_its_latest_dated_record():
    state = metrics.forward_land_forces("2025-01-01", data=EFP_DATA).set_index("host_iso3")
    aaa = state.loc["AAA"]
    assert aaa["framework_nation"] == "Cland" and aaa["framework_as_of"] == "2024-10"
    assert aaa["formation"] == "brigade"
    # The troop figure keeps its own date; the contributors list is the 2024 one.
    assert aaa["troops"] == 1500 and aaa["troops_as_of"] == "2022-06-28"
    assert aaa["contributors"] == "Dland" and aaa["n_contributors"] == 1
    # The undated BBB record (900 troops) cannot be placed in time: left out.
    assert pd.isna(state.loc["BBB", "troops"])
    # A formation whose scale no record states says so.
    assert state.loc["CCC", "formation"] == "not stated"


def test_forward_land_forces_on_a_day_before_a_record_ignores_it():
    state = metrics.forward_land_forces("2018-01-01", data=EFP_DATA)
    assert state["host_iso3"].tolist() == ["AAA", "BBB"]
    assert state["formation"].tolist() == ["battlegroup", "battlegroup"]
    assert metrics.forward_land_forces("2017-08-27", data=EFP_DATA).empty


def test_a_partial_date_counts_once_its_period_has_begun():
    on = metrics.forward_land_forces("2024-10-01", data=EFP_DATA).set_index("host_iso3")
    before = metrics.forward_land_forces("2024-09-30", data=EFP_DATA).set_index("host_iso3")
    assert on.loc["AAA", "formation"] == "brigade" and before.loc["AAA", "formation"] == "battlegroup"


ROTATIONS = pd.DataFrame({
    "mission": ["Baltic Air Policing"] * 6 + ["Icelandic Air Policing"],
    "rotation_number": pd.array([1, 2, 2, 3, 4, 5, pd.NA], dtype="Int64"),
    "start_date": ["2004-03-29", "2004-07-01", "2004-07-01", "2004-11", "2005-03-01", None, "2008-05-01"],
    "end_date": ["2004-07-01", "2004-11", "2004-10-31", "2005-03-01", None, "2006-01-10", "2008-06-30"],
    "nation_iso3": ["AAA", "BBB", "CCC", "AAA", "BBB", "CCC", "AAA"],
    "role": ["single", "lead", "augmenting", "single", "lead", "augmenting", None],
    "base": ["X", "X", "Y", "X", "X", "Y", "Z"],
})


ROTATIONS_DATA = Frames(air_policing_rotations=ROTATIONS, countries=COUNTRIES)


def test_months_on_station_are_a_lower_bound_from_the_dates():
    d = metrics.air_policing_detachments("2030-01-01", data=ROTATIONS_DATA)
    days = {
        0: (pd.Timestamp("2004-07-01") - pd.Timestamp("2004-03-29")).days,
        # End known to the month: counted to its first day.
        1: (pd.Timestamp("2004-11-01") - pd.Timestamp("2004-07-01")).days,
        # Start known to the month: counted from its last day.
        3: (pd.Timestamp("2005-03-01") - pd.Timestamp("2004-11-30")).days,
    }
    for row, n_days in days.items():
        assert d.loc[row, "months_on_station"] == pytest.approx(round(n_days / (365.25 / 12), 1))
    # No recorded end: no time counted, and the row says why.
    assert pd.isna(d.loc[4, "months_on_station"]) and d.loc[4, "on_station"] == "end not recorded"
    # No recorded start: it had begun by its end, counted from then, with no time on station.
    no_start = d.loc[d["nation_iso3"].eq("CCC") & d["rotation_number"].eq(5)].iloc[0]
    assert no_start["on_station"] == "start not recorded" and pd.isna(no_start["months_on_station"])
    assert no_start["year"] == 2006
    assert 5 not in metrics.air_policing_detachments("2006-01-09", data=ROTATIONS_DATA)["rotation_number"].tolist()


def test_time_on_station_stops_at_as_of():
    d = metrics.air_policing_detachments("2004-05-29", data=ROTATIONS_DATA)
    assert len(d) == 1
    n_days = (pd.Timestamp("2004-05-29") - pd.Timestamp("2004-03-29")).days
    assert d.loc[0, "months_on_station"] == pytest.approx(round(n_days / (365.25 / 12), 1))
    assert d.loc[0, "on_station"] == "yes"


def test_air_policing_by_ally_counts_detachments_and_rotations_led():
    by_ally = metrics.air_policing_by_ally("2030-01-01", mission="Baltic Air Policing", data=ROTATIONS_DATA).set_index("nation_iso3")
    assert by_ally.loc["AAA", "detachments"] == 2 and by_ally.loc["AAA", "lead_rotations"] == 2
    assert by_ally.loc["BBB", "lead_rotations"] == 2 and by_ally.loc["BBB", "detachments_not_timed"] == 1
    assert by_ally.loc["CCC", "lead_rotations"] == 0 and by_ally.loc["CCC", "detachments_not_timed"] == 1
    # Most months first.
    assert by_ally.index[0] == "AAA"
    since = metrics.air_policing_by_ally("2030-01-01", since="2004-11-01", data=ROTATIONS_DATA)
    # The detachment without a start date cannot be placed after a given day.
    assert sorted(since["nation_iso3"]) == ["AAA", "BBB"]


def test_air_policing_by_year_keeps_empty_years():
    grid = metrics.air_policing_by_year("2030-01-01", mission=None, data=ROTATIONS_DATA)
    assert list(grid.columns) == [2004, 2005, 2006, 2007, 2008]
    assert grid.loc["Aland"].tolist() == [2, 0, 0, 0, 1]
    assert grid.loc["Cland"].tolist() == [1, 0, 1, 0, 0]
    assert grid.loc["Bland", 2005] == 1


KFOR = pd.DataFrame({
    "date": ["1999-06", "1999-06", "2017-02", "2017-02", "2017-02", "2023", "2023"],
    "nation_iso3": ["AAA", "BBB", "AAA", "BBB", "CCC", "AAA", "CCC"],
    "troops": pd.array([1000, 500, 300, 20, 7, 250, pd.NA], dtype="Int64"),
    "use_in_total_only": [False, False, False, False, True, False, False],
    "planned": [False, True, False, False, False, False, False],
    "snapshot_complete": [False, False, True, True, True, True, True],
})


KFOR_DATA = Frames(kfor_contributions=KFOR, countries=COUNTRIES)


def test_kfor_contributions_leave_out_unattributed_planned_and_blank_rows():
    rows = metrics.kfor_contributions("2030-01-01", data=KFOR_DATA)
    assert "CCC" not in set(rows["nation_iso3"])
    assert rows.loc[rows["nation_iso3"] == "BBB", "troops"].tolist() == [20]
    assert rows.loc[rows["nation_iso3"] == "AAA", "troops"].tolist() == [1000, 300, 250]


def test_kfor_snapshot_is_the_latest_complete_list():
    label, table = metrics.kfor_snapshot("2030-01-01", data=KFOR_DATA)
    assert label == "2023" and table["nation_iso3"].tolist() == ["AAA"]
    label, table = metrics.kfor_snapshot("2020-01-01", data=KFOR_DATA)
    assert label == "2017-02" and table["troops"].tolist() == [300, 20]
    assert metrics.kfor_snapshot("2000-01-01", data=KFOR_DATA)[0] == ""


def test_split_codes():
    assert metrics.split_codes("BEL; NLD;") == ["BEL", "NLD"]
    assert metrics.split_codes(None) == [] and metrics.split_codes(float("nan")) == []


def test_three_cs_cash_is_the_burden_sharing_figure_and_personnel_names_its_own_edition():
    src = metrics.three_cs_sources()
    now = metrics.present()
    assert (src.year, src.edition) == (now.year, now.edition)
    assert src.personnel_year <= src.year
    table = metrics.three_cs()
    league = metrics.league_table(now.year, edition=now.edition).set_index("iso3")["share_of_gdp_pct"]
    shares = table.set_index("iso3")["share_of_gdp_pct"]
    assert shares.dropna().to_dict() == league.reindex(shares.dropna().index).to_dict()
    assert set(table["personnel_edition"]) == {src.personnel_edition}
    # A past day takes that year, capped by nothing later.
    assert metrics.three_cs_sources("2018-01-01").year == 2018
