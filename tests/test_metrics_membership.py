"""Tests for natolab.metrics.membership: synthetic frames first, then the curated data.

Expected counts in the data tests come from the raw source file
(../shared/sources/facts/members.csv) and the seed text, never from data/members.csv.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from raw_sources import raw_facts

from natolab import metrics
from natolab.metrics import Frames, membership

COUNTRIES = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"],
        "name": ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"],
    }
)
MEMBERS = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE"],
        "accession_date": pd.to_datetime(["1949-04-04", "1949-04-04", "1952-02-18", "1952-02-18", "2020-03-27"]),
        "enlargement_round": ["Founding 1949", "Founding 1949", "1952", "1952", "2020"],
        "round_number": pd.array([0, 0, 1, 1, 2], dtype="Int64"),
    }
)
EU = pd.DataFrame(
    {
        "iso3": ["AAA", "CCC", "FFF"],
        "eu_accession_date": pd.to_datetime(["1958-01-01", "1973-01-01", "1995-01-01"]),
        "eu_exit_date": pd.to_datetime([None, "2020-01-31", None]),
    }
)
KW = {"data": Frames(members=MEMBERS, countries=COUNTRIES)}


def test_members_on_is_inclusive_of_the_accession_day():
    on_day = metrics.members_on("1952-02-18", **KW)
    day_before = metrics.members_on("1952-02-17", **KW)
    assert list(on_day["iso3"]) == ["AAA", "BBB", "CCC", "DDD"]
    assert list(day_before["iso3"]) == ["AAA", "BBB"]
    assert list(on_day["country"]) == ["Alpha", "Bravo", "Charlie", "Delta"]


def test_members_on_accepts_dates_and_timestamps():
    assert len(metrics.members_on(dt.date(2020, 3, 27), **KW)) == 5
    assert len(metrics.members_on(pd.Timestamp("2020-03-26 18:00"), **KW)) == 4


MEMBERS_DATA = Frames(members=MEMBERS)


def test_count_members_before_the_treaty_is_zero():
    assert metrics.count_members("1949-04-03", data=MEMBERS_DATA) == 0
    assert metrics.count_members("1949-04-04", data=MEMBERS_DATA) == 2


def test_bad_date_names_the_parameter():
    with pytest.raises(ValueError, match=r"date: cannot read 'last Tuesday'.*YYYY-MM-DD"):
        metrics.count_members("last Tuesday", data=MEMBERS_DATA)
    with pytest.raises(ValueError, match=r"as_of"):
        metrics.membership_timeline("2020-13-45", **KW)


def test_missing_column_is_named():
    broken = MEMBERS.drop(columns="round_number")
    with pytest.raises(ValueError, match=r"members: missing column.*round_number"):
        metrics.count_members("2000-01-01", data=Frames(members=broken))


def test_membership_timeline_counts_after_each_accession_day():
    timeline = metrics.membership_timeline("2030-01-01", **KW)
    assert list(timeline["n_allies"]) == [2, 4, 5]
    assert list(timeline["n_joined"]) == [2, 2, 1]
    assert timeline["event"].tolist() == [
        "2 founding Allies sign the North Atlantic Treaty",
        "Charlie and Delta join",
        "Echo joins",
    ]
    assert timeline["date"].dtype.kind == "M"


def test_membership_timeline_stops_at_as_of():
    timeline = metrics.membership_timeline("2020-03-26", **KW)
    assert timeline["n_allies"].iloc[-1] == 4
    assert len(timeline) == 2


def test_enlargement_rounds_exclude_founders_unless_asked():
    rounds = metrics.enlargement_rounds("2030-01-01", **KW)
    assert rounds["round"].tolist() == [1, 2]
    assert rounds["countries"].tolist() == ["Charlie, Delta", "Echo"]
    assert rounds["n_after"].tolist() == [4, 5]
    assert rounds["year"].tolist() == [1952, 2020]
    with_founders = metrics.enlargement_rounds("2030-01-01", include_founders=True, **KW)
    assert with_founders["round"].tolist() == [0, 1, 2]
    assert with_founders["n_after"].tolist() == [2, 4, 5]


def test_enlargement_rounds_on_a_date_before_a_round():
    rounds = metrics.enlargement_rounds("2000-01-01", **KW)
    assert rounds["round"].tolist() == [1]


def test_eu_members_on_handles_exit():
    kw = {"data": Frames(eu_membership=EU, countries=COUNTRIES)}
    assert metrics.eu_members_on("1957-12-31", **kw).empty
    assert metrics.eu_members_on("2020-01-30", **kw)["iso3"].tolist() == ["AAA", "CCC", "FFF"]
    # eu_exit_date is the last day of membership (docs/data-model.md, "Dates"): still in on it,
    # outside from the next day.
    assert metrics.eu_members_on("2020-01-31", **kw)["iso3"].tolist() == ["AAA", "CCC", "FFF"]
    assert metrics.eu_members_on("2020-02-01", **kw)["iso3"].tolist() == ["AAA", "FFF"]


def test_all_is_exported_and_reexported():
    for name in membership.__all__:
        assert getattr(metrics, name) is getattr(membership, name)


# ---------------------------------------------------------------- curated data


def _raw_count(day: str) -> int:
    return sum(row["nato_accession_date"] <= day for row in raw_facts("members.csv"))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Seed text: Belgium among the founders of 4 April 1949 (12 signatories).
        ("1949-12-31", 12),
        # Greece and Turkey deposited on 18 February 1952: 14 Allies.
        ("1952-02-18", 14),
        ("1952-02-17", 12),
        # Seed text: North Macedonia (2020) "meaning that NATO now has 30 members".
        ("2020-03-27", 30),
        ("2020-03-26", 29),
    ],
)
def test_counts_on_key_days_match_the_raw_source(curated, day, expected):
    assert _raw_count(day) == expected  # the raw file agrees with the seed text
    assert metrics.count_members(day) == expected


def test_thirty_two_today(curated):
    assert len(raw_facts("members.csv")) == 32
    assert metrics.count_members() == 32
    assert metrics.count_members("2024-03-07") == 32
    assert metrics.count_members("2024-03-06") == 31


def test_founders_and_the_1952_round_by_name(curated):
    raw = raw_facts("members.csv")
    founders = {r["iso3"] for r in raw if r["founding_member"] == "yes"}
    assert len(founders) == 12
    assert set(metrics.members_on("1949-04-04")["iso3"]) == founders
    rounds = metrics.enlargement_rounds()
    assert len(rounds) == 10
    first = rounds.iloc[0]
    assert (first["year"], first["n_after"]) == (1952, 14)
    assert set(first["countries"].split(", ")) == {"Greece", "Türkiye"}
    assert rounds["n_after"].iloc[-1] == 32


def test_timeline_runs_from_12_to_32(curated):
    timeline = metrics.membership_timeline()
    assert timeline["n_allies"].iloc[0] == 12
    assert timeline["n_allies"].iloc[-1] == 32
    assert timeline["n_allies"].is_monotonic_increasing


def test_eu_members_on_real_dates(curated):
    current = {r["iso3"] for r in raw_facts("eu_nato_membership.csv") if r["eu_member"] == "yes"}
    # 23 in both + 4 EU only (SOURCES.md): the EU of 27 after the UK left.
    assert len(current) == 27
    assert set(metrics.eu_members_on("2024-01-01")["iso3"]) == current
    on_brexit_eve = set(metrics.eu_members_on("2020-01-30")["iso3"])
    assert on_brexit_eve == current | {"GBR"}
    assert len(metrics.eu_members_on("1958-01-01")) == 6


# ---------------------------------------------------------------- the date rule (docs/data-model.md, "Dates")
# NATO: an Ally from the day its instrument of accession was deposited (inclusive), as members.csv
# records it; EU: from the day the accession treaty entered into force to the exit date (the last
# day) inclusive. Expected dates and members are read from the raw files, never from data/.


def _raw_member(iso3: str) -> dict[str, str]:
    return next(r for r in raw_facts("members.csv") if r["iso3"] == iso3)


@pytest.mark.parametrize("iso3", ["FIN", "SWE", "MKD", "MNE"])
def test_an_ally_is_counted_from_its_accession_day(curated, iso3):
    row = _raw_member(iso3)
    day = pd.Timestamp(row["nato_accession_date"])
    before = day - pd.Timedelta(days=1)
    raw = raw_facts("members.csv")
    on_day = {r["iso3"] for r in raw if pd.Timestamp(r["nato_accession_date"]) <= day}
    assert iso3 in on_day
    assert metrics.count_members(day) == len(on_day)
    assert metrics.count_members(before) == len(on_day) - sum(r["nato_accession_date"] == row["nato_accession_date"] for r in raw)
    assert iso3 in set(metrics.members_on(day)["iso3"])
    assert iso3 not in set(metrics.members_on(before)["iso3"])


def test_finland_31st_and_sweden_32nd_on_their_deposit_days(curated):
    fin, swe = _raw_member("FIN"), _raw_member("SWE")
    assert (fin["nato_accession_date"], swe["nato_accession_date"]) == ("2023-04-04", "2024-03-07")
    assert "31st Ally" in fin["accession_date_basis"] and "32nd Ally" in swe["accession_date_basis"]
    assert "deposited with US Government" in swe["accession_date_basis"]
    assert (metrics.count_members("2023-04-03"), metrics.count_members("2023-04-04")) == (30, 31)
    assert (metrics.count_members("2024-03-06"), metrics.count_members("2024-03-07")) == (31, 32)


def test_eu_members_counted_from_the_treaty_in_force_day(curated):
    raw = [r for r in raw_facts("eu_nato_membership.csv") if r["eu_accession_date"]]
    joined_2004 = {r["iso3"] for r in raw if r["eu_accession_date"] == "2004-05-01"}
    assert len(joined_2004) == 10  # E06: the enlargement of 1 May 2004
    on_day = set(metrics.eu_members_on("2004-05-01")["iso3"])
    day_before = set(metrics.eu_members_on("2004-04-30")["iso3"])
    assert joined_2004 <= on_day and not joined_2004 & day_before
    assert on_day - day_before == joined_2004


def test_the_uk_is_an_eu_member_on_its_exit_day_and_not_after(curated):
    # members.csv: "Former EU member: 1973-01-01 to 2020-01-31 (left 23:00 GMT 31 Jan 2020)":
    # 23:00 GMT is midnight in Brussels at the end of 31 January, the last day of membership.
    notes = _raw_member("GBR")["eu_notes"]
    assert "1973-01-01 to 2020-01-31" in notes and "23:00 GMT 31 Jan 2020" in notes
    assert "GBR" not in set(metrics.eu_members_on("1972-12-31")["iso3"])
    assert "GBR" in set(metrics.eu_members_on("1973-01-01")["iso3"])
    assert "GBR" in set(metrics.eu_members_on("2020-01-31")["iso3"])
    assert "GBR" not in set(metrics.eu_members_on("2020-02-01")["iso3"])
