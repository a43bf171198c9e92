"""Tests for natolab.metrics.operations: synthetic frames first, then the curated data.

Expected values in the data tests come from the raw files in ../shared/sources/facts
and SOURCES.md, not from data/.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
from raw_sources import raw_facts

from natolab import data, metrics
from natolab.metrics import Frames, operations

OPERATIONS = pd.DataFrame(
    {
        "name": ["Op One", "Op Two", "Op Three", "Op Four", "Op Five"],
        "short_name": ["One", "Two", "Three", "Four", "Five"],
        "operation_type": ["air", "land", "sea", "air", "land"],
        "theatre": ["A", "B", "C", "D", "E"],
        "start_date": ["1993-04-12", "2008-10", "2016-02-11", "2017", "1999-06-12"],
        "end_date": ["1995-12-20", "2008-12-12", None, None, None],
        "status": ["ended", "ended", "unclear", "ongoing", "ongoing"],
    }
)


OPERATIONS_DATA = Frames(operations=OPERATIONS)


def test_active_on_a_date():
    active = metrics.operations_active_on("1995-01-01", data=OPERATIONS_DATA)
    assert active["short_name"].tolist() == ["One"]
    later = metrics.operations_active_on("2020-01-01", data=OPERATIONS_DATA)
    assert later["short_name"].tolist() == ["Five", "Three", "Four"]


def test_end_day_is_inclusive():
    assert "One" in metrics.operations_active_on("1995-12-20", data=OPERATIONS_DATA)["short_name"].tolist()
    assert "One" not in metrics.operations_active_on("1995-12-21", data=OPERATIONS_DATA)["short_name"].tolist()


def test_partial_start_counts_from_the_first_day_and_is_flagged():
    on = metrics.operations_active_on("2008-10-01", data=OPERATIONS_DATA).set_index("short_name")
    assert "Two" in on.index
    assert bool(on.loc["Two", "dates_uncertain"])
    assert not bool(on.loc["Five", "dates_uncertain"])
    assert "Four" in metrics.operations_active_on("2017-01-01", data=OPERATIONS_DATA)["short_name"].tolist()


def test_timeline_statuses_and_bars():
    timeline = metrics.operations_timeline("2020-01-01", data=OPERATIONS_DATA).set_index("short_name")
    assert timeline.loc["One", "status_on_date"] == "ended"
    assert timeline.loc["Three", "status_on_date"] == "active (end not recorded)"
    assert timeline.loc["Four", "status_on_date"] == "active"
    assert timeline.loc["Four", "bar_end"] == pd.Timestamp("2020-01-01")
    assert timeline.loc["One", "bar_end"] == pd.Timestamp("1995-12-20")
    assert timeline.index.tolist() == ["One", "Five", "Two", "Three", "Four"]


def test_timeline_on_a_past_date_shows_later_ended_operations_as_active():
    timeline = metrics.operations_timeline("1994-01-01", data=OPERATIONS_DATA).set_index("short_name")
    assert timeline.index.tolist() == ["One"]
    assert timeline.loc["One", "status_on_date"] == "active"
    assert timeline.loc["One", "bar_end"] == pd.Timestamp("1994-01-01")


REFERENCES = pd.DataFrame({"source_id": ["K1", "K2", "K3", "K4"], "grade": ["official", "low", "official copy", None]})
KFOR = pd.DataFrame(
    {
        "date": ["1999-06", "2006", "2017-02", "2024-02-07"],
        "kfor_troops": [50000, 18000, 4273, 4699],
        "figure_kind": ["approx", "approx", "exact", "exact"],
        "source_ids": ["K1;K2", "K2", "K3", "K4"],
    }
)


KFOR_DATA = Frames(kfor_strength=KFOR, references=REFERENCES)


def test_kfor_grade_is_the_best_source_and_low_grade_is_flagged():
    kfor = metrics.kfor_strength("2030-01-01", data=KFOR_DATA)
    assert kfor["source_grade"].tolist() == ["official", "low", "official", "not graded"]
    assert kfor["low_grade"].tolist() == [False, True, False, False]
    assert kfor["troops"].tolist() == [50000, 18000, 4273, 4699]
    assert kfor["date"].iloc[1] == pd.Timestamp("2006-01-01")


def test_kfor_stops_at_as_of():
    kfor = metrics.kfor_strength("2017-01-31", data=KFOR_DATA)
    assert kfor["date_label"].tolist() == ["1999-06", "2006"]


COUNTRIES = pd.DataFrame(
    {
        "iso3": ["EST", "GBR", "SVK", "ESP", "BIH", "GEO", "AUS", "AFG", "AAA"],
        "name": [
            "Estonia",
            "United Kingdom",
            "Slovak Republic",
            "Spain",
            "Bosnia and Herzegovina",
            "Georgia",
            "Australia",
            "Afghanistan",
            "Alpha",
        ],
    }
)
FRAMEWORKS = pd.DataFrame(
    {"framework": ["open_door", "pfp", "global"], "name": ["Open Door", "Partnership for Peace", "Global"]}
)
PARTNERS = pd.DataFrame(
    {
        "iso3": ["BIH", "GEO", "BIH", "AUS", "AFG"],
        "framework": ["open_door", "pfp", "pfp", "global", "global"],
        "date_joined": ["2010-04-22", "1994-03-23", "2006-12-14", "2013-02-21", None],
        "status": ["Aspirant", "PfP", "PfP", "Global", "Global"],
        "partnership_suspended": [False, True, False, False, False],
    }
)
PKW = {"data": Frames(partners=PARTNERS, partnership_frameworks=FRAMEWORKS, countries=COUNTRIES)}


def test_partners_by_framework_counts_dated_and_undated():
    summary = metrics.partners_by_framework("2024-01-01", **PKW).set_index("framework")
    assert summary.index.tolist() == ["open_door", "pfp", "global"]
    assert summary.loc["pfp", "n_partners"] == 2
    assert summary.loc["pfp", "countries"] == "Bosnia and Herzegovina, Georgia"
    assert summary.loc["global", "n_partners"] == 1
    assert summary.loc["global", "n_date_unknown"] == 1
    assert summary.loc["global", "countries_date_unknown"] == "Afghanistan"
    assert summary.loc["pfp", "framework_name"] == "Partnership for Peace"
    assert summary.loc["pfp", "countries_suspended"] == "Georgia"
    assert summary.loc["global", "countries_suspended"] == ""


def test_partners_on_a_past_date():
    summary = metrics.partners_by_framework("2000-01-01", **PKW).set_index("framework")
    assert summary.loc["pfp", "n_partners"] == 1
    assert "open_door" not in summary.index
    # An undated partner cannot be placed in time: it stays listed as "date unknown".
    assert summary.loc["global", "n_partners"] == 0


def test_partners_joined_by_year():
    by_year = metrics.partners_joined_by_year("2024-01-01", **PKW)
    assert by_year[["year", "framework", "n_joined"]].values.tolist() == [
        [1994, "pfp", 1],
        [2006, "pfp", 1],
        [2010, "open_door", 1],
        [2013, "global", 1],
    ]


ASPIRANTS = pd.DataFrame(
    {
        "iso3": ["BIH", "GEO", "AAA"],
        "status": ["Aspirant; MAP", "Aspirant; no MAP", "Aspirant"],
        "milestone": ["MAP invitation", "Bucharest", "x"],
        "milestone_date": ["2010-04-22", "2008-04", "2001"],
        "application_date": pd.to_datetime([None, None, "2022-09-30"]),
    }
)
MEMBERS = pd.DataFrame({"iso3": ["AAA"], "accession_date": pd.to_datetime(["2020-01-01"])})


def test_aspirants_on_a_date_excludes_later_allies_and_later_applications():
    kw = {"data": Frames(aspirants=ASPIRANTS, members=MEMBERS, countries=COUNTRIES)}
    assert metrics.aspirants("2024-01-01", **kw)["iso3"].tolist() == ["GEO", "BIH"]
    past = metrics.aspirants("2009-01-01", **kw).set_index("iso3")
    assert past.index.tolist() == ["AAA", "GEO"]
    assert pd.isna(past.loc["AAA", "application_date"])
    assert metrics.aspirants("2008-04-15", **kw)["iso3"].tolist() == ["AAA", "GEO"]


def test_all_is_exported_and_reexported():
    for name in operations.__all__:
        assert getattr(metrics, name) is getattr(operations, name)


# ---------------------------------------------------------------- curated data


def test_seed_text_operations_are_active_in_2019(curated):
    # Seed text (written between June 2021 and June 2022): "The current operations and missions of NATO are KFOR in
    # Kosovo, the NATO Training Mission in Iraq, and the activities in the Aegean Sea".
    active = set(metrics.operations_active_on("2019-06-01")["short_name"])
    assert {"KFOR (Op. Joint Guardian)", "NMI", "Aegean activity"} <= active


def test_active_today_matches_the_raw_ongoing_rows(curated):
    raw = raw_facts("operations.csv") + raw_facts("operations_additions.csv")
    open_rows = {r["name"] for r in raw if not r["end_date"]}
    assert set(metrics.operations_active_on()["name"]) == open_rows


def _day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def test_an_operation_counts_from_its_start_day_to_its_end_day_inclusive(curated):
    # docs/data-model.md, "Dates": start_date and end_date are both days of the operation.
    raw = raw_facts("operations.csv") + raw_facts("operations_additions.csv")
    dated = [r for r in raw if len(r["start_date"]) == 10 and len(r["end_date"]) == 10]
    assert len(dated) > 10
    one_day = pd.Timedelta(days=1)
    for r in dated:
        start, end = _day(r["start_date"]), _day(r["end_date"])
        for day, expected in ((start - one_day, False), (start, True), (end, True), (end + one_day, False)):
            active = set(metrics.operations_active_on(day)["name"])
            assert (r["name"] in active) is expected, (r["name"], day.date(), expected)


def test_deny_flight_on_its_last_day(curated):
    row = next(r for r in raw_facts("operations.csv") if r["short_name"] == "Deny Flight")
    assert row["end_date"] == "1995-12-20"  # ended when IFOR assumed responsibility
    assert "Operation Deny Flight" in set(metrics.operations_active_on("1995-12-20")["name"])
    assert "Operation Deny Flight" not in set(metrics.operations_active_on("1995-12-21")["name"])


def test_the_2026_additions_start_on_their_raw_start_day(curated):
    for r in raw_facts("operations_additions.csv"):
        if len(r["start_date"]) == 10:
            start = _day(r["start_date"])
            assert r["name"] in set(metrics.operations_active_on(start)["name"]), r["name"]
            assert r["name"] not in set(metrics.operations_active_on(start - pd.Timedelta(days=1))["name"]), r["name"]


def test_kfor_figures_match_the_raw_file_and_low_grade_rows(curated):
    raw = raw_facts("kfor_troop_numbers.csv")
    kfor = metrics.kfor_strength()
    assert kfor["troops"].tolist() == [int(r["kfor_troops"]) for r in raw]
    # SOURCES.md: 2000 and 2006 from low-grade sites; 2024 and 2025 Wikipedia transcriptions.
    low = set(kfor.loc[kfor["low_grade"], "date_label"])
    assert {"2000-12-03", "2006", "2024-02-07", "2025"} <= low
    assert "2017-02" not in low  # the KFOR placemat, the most reliable figure


def test_efp_eight_battlegroups_9641_troops(curated):
    raw = raw_facts("efp_battlegroups.csv")
    groups = data.load("efp_battlegroups")
    assert len(groups) == len(raw) == 8
    total = sum(int(r["troops_june_2022"]) for r in raw)
    assert int(groups["troops_june_2022"].sum()) == total == 9641  # SOURCES.md verification pass
    first = [r["host_iso3"] for r in raw if int(r["established_year"]) <= 2017]
    assert groups.loc[groups["established_year"] <= 2017, "host_iso3"].tolist() == first == ["EST", "LVA", "LTU", "POL"]


def test_partner_counts_per_framework(curated):
    # SOURCES.md: 3 aspirants + 18 PfP + 7 MD + 4 ICI + 9 global = 41.
    summary = metrics.partners_by_framework().set_index("framework")
    total = summary["n_partners"] + summary["n_date_unknown"]
    raw_counts = Counter(r["framework"] for r in raw_facts("candidates_partners.csv"))
    assert sorted(total.tolist()) == sorted(raw_counts.values()) == [3, 4, 7, 9, 18]
    assert int(total.sum()) == len(raw_facts("candidates_partners.csv")) == 41
    # SOURCES.md: "the Russia and Belarus partnerships are suspended (P01)".
    suspended = {r["iso3"] for r in raw_facts("candidates_partners.csv") if "(suspended)" in r["status"]}
    assert suspended == {"BLR", "RUS"}
    assert summary.loc["pfp", "countries_suspended"] == "Belarus and Russia"


def test_three_aspirants_today(curated):
    raw = {r["iso3"] for r in raw_facts("candidates_partners.csv") if r["framework"].startswith("Aspirant")}
    assert set(metrics.aspirants()["iso3"]) == raw == {"BIH", "GEO", "UKR"}
    assert metrics.aspirants("2007-12-31").empty


DCB = pd.DataFrame({
    "partner": ["Georgia", "Tunisia", "Jordan", "Libya"],
    "partner_iso3": ["GEO", "TUN", "JOR", "LBY"],
    "dcb_start_year": pd.array([2014, 2018, None, None], dtype="Int64"),
    "dcb_partner": pd.array([True, True, True, False], dtype="boolean"),
    "allies_supporting_iso3": ["BEL;NLD", "NLD", None, None],
})
DCB_COUNTRIES = pd.DataFrame({"iso3": ["BEL", "NLD"], "name": ["Belgium", "Netherlands"]})


DCB_DATA = Frames(dcb_partners=DCB, countries=DCB_COUNTRIES)


def test_dcb_partners_by_start_year_undated_then_requests():
    table = metrics.dcb_partners("2026-01-01", data=DCB_DATA)
    assert table["partner"].tolist() == ["Georgia", "Tunisia", "Jordan", "Libya"]
    assert table["supporting_allies"].tolist() == ["Belgium, Netherlands", "Netherlands", "", ""]
    assert table["n_supporting_allies"].tolist() == [2, 1, 0, 0]
    assert table["start_known"].tolist() == [True, True, False, False]
    assert table["dcb_partner"].tolist() == [True, True, True, False]


def test_dcb_partners_a_start_year_counts_from_its_first_day():
    assert metrics.dcb_partners("2017-12-31", data=DCB_DATA)["partner"].tolist() == [
        "Georgia", "Jordan", "Libya"]
    assert "Tunisia" in metrics.dcb_partners("2018-01-01", data=DCB_DATA)["partner"].tolist()
    # Before the first recorded package, no partner (dated or not) and no request can be placed.
    assert metrics.dcb_partners("2013-12-31", data=DCB_DATA).empty


def test_dcb_partners_match_the_raw_file(curated):
    raw = raw_facts("dcb_partners.csv")
    table = metrics.dcb_partners().set_index("partner")
    assert sorted(table.index) == sorted(r["partner"] for r in raw)
    for r in raw:
        row = table.loc[r["partner"]]
        expected = int(r["dcb_start_year"]) if r["dcb_start_year"] else None
        assert (None if pd.isna(row["dcb_start_year"]) else int(row["dcb_start_year"])) == expected, r["partner"]
        assert row["n_supporting_allies"] == len([c for c in r["allies_supporting_iso3"].split(";") if c])
        # SOURCES-deterrence.md: Libya asked for support, no package followed.
        assert bool(row["dcb_partner"]) == (not r["status_latest_source"].startswith("Request only")), r["partner"]
    assert not table.loc["Libya", "dcb_partner"]
