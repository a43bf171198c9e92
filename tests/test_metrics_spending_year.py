"""natolab.metrics.spending_year on small synthetic frames (expected values worked out by hand)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from spending_frames import spending_data

from natolab.metrics.spending_year import (
    count_meeting_target_by_edition,
    count_meeting_target_by_year,
    equipment_share,
    gap_to_target,
    league_table,
    per_capita,
    real_change,
)


def test_league_table_ranks_and_flags_targets(spending):
    table = league_table(2024, [2.0, 3.5], edition="2024-06", data=spending)
    assert table["country"].tolist() == ["United States", "Newland", "Aland", "Borduria", "Iceland"]
    assert table["rank"].tolist()[:4] == [1, 2, 3, 4]
    assert pd.isna(table["rank"].iloc[4])
    # at or above: exactly 2.0 meets 2%
    assert table["meets_2pct"].tolist()[:4] == [True, True, True, False]
    assert pd.isna(table["meets_2pct"].iloc[4])  # Iceland: unknown, not False
    assert table["meets_3_5pct"].tolist()[:4] == [False, False, False, False]
    assert set(table["edition"]) == {"2024-06"}
    assert table["estimate"].iloc[0]


def test_league_table_filter_keeps_rank_among_all(spending):
    table = league_table(2024, edition="2024-06", countries_filter=["bbb"], data=spending)
    assert table["iso3"].tolist() == ["BBB"]
    assert table["rank"].iloc[0] == 4


def test_league_table_latest_uses_one_edition(spending):
    table = league_table(2024, data=spending)
    assert set(table["edition"]) == {"2026-07"}
    assert table.set_index("iso3").loc["AAA", "share_of_gdp_pct"] == 1.9


def test_count_by_year_one_edition_counts_only_allies_of_the_year():
    data = spending_data(countries=False)
    counts = count_meeting_target_by_year(2.0, edition="2024-06", data=data)
    # 2023: NEW (2.5) is not yet an Ally; AAA 1.8, BBB 1.2, USA 3.3 -> 1 of 3 reported, 4 Allies.
    assert counts.to_dict("records") == [
        {"year": 2023, "n_allies": 4, "n_reported": 3, "n_meeting_target": 1, "year_label": "2023",
         "edition": "2024-06"},
        {"year": 2024, "n_allies": 5, "n_reported": 4, "n_meeting_target": 3, "year_label": "2024e",
         "edition": "2024-06"},
    ]


def test_count_by_year_latest_uses_default_edition_per_year():
    data = spending_data(countries=False)
    counts = count_meeting_target_by_year(2.0, data=data)
    assert counts["edition"].tolist() == ["2024-06", "2026-07"]
    assert counts["n_meeting_target"].tolist() == [1, 2]


def test_count_by_edition_for_one_year():
    data = spending_data(countries=False)
    counts = count_meeting_target_by_edition(2023, 1.5, data=data)
    # 2023-07: AAA 1.7, USA 3.5 (BBB 1.1); 2024-06: AAA 1.8, USA 3.3; 2026-07: AAA, USA of 2.
    assert counts.to_dict("records") == [
        {"edition": "2023-07", "n_allies": 4, "n_reported": 3, "n_meeting_target": 2, "year_label": "2023"},
        {"edition": "2024-06", "n_allies": 4, "n_reported": 3, "n_meeting_target": 2, "year_label": "2023"},
        {"edition": "2026-07", "n_allies": 4, "n_reported": 2, "n_meeting_target": 2, "year_label": "2023"},
    ]
    # 2024 is an estimate in both editions that report it (ESTIMATED above).
    assert count_meeting_target_by_edition(2024, 1.5, data=data)["year_label"].tolist() == [
        "2024e", "2024e"]
    assert count_meeting_target_by_edition(2023, 3.4, data=data)["n_meeting_target"].tolist() == [
        1,
        0,
        0,
    ]


def test_gap_to_target_uses_same_edition_gdp(spending):
    gap = gap_to_target(2024, 2.0, edition="2024-06", data=spending).set_index("iso3")
    assert gap.loc["BBB", "gap_pct_points"] == pytest.approx(0.5)
    assert gap.loc["BBB", "gdp_basis"] == "gdp_usd_current_m"
    assert gap.loc["BBB", "gap_usd_current_m"] == pytest.approx(1_000.0)  # 0.5 % of 200,000
    assert gap.loc["AAA", "gap_pct_points"] == 0  # exactly at target
    assert gap.loc["AAA", "gap_usd_current_m"] == 0
    assert math.isnan(gap.loc["ISL", "gap_pct_points"])
    assert math.isnan(gap.loc["ISL", "gap_usd_current_m"])
    assert gap.index[0] == "BBB"  # largest gap first


def test_gap_to_target_implied_gdp_when_edition_has_none(spending):
    gap = gap_to_target(2024, 2.0, edition="2026-07", data=spending).set_index("iso3")
    # 2026-07 has no GDP: implied = 3,200 / 1.6 * 100 = 200,000; gap 0.4 pp -> 800.
    assert gap.loc["BBB", "gdp_basis"] == "implied"
    assert gap.loc["BBB", "gdp_used_usd_current_m"] == pytest.approx(200_000.0)
    assert gap.loc["BBB", "gap_usd_current_m"] == pytest.approx(800.0)
    # AAA has a share but no money in 2026-07: no GDP is borrowed from another edition.
    assert gap.loc["AAA", "gdp_basis"] == "none"
    assert math.isnan(gap.loc["AAA", "gap_usd_current_m"])
    assert gap.loc["AAA", "gap_pct_points"] == pytest.approx(0.1)


def test_equipment_share_against_guideline(spending):
    eq = equipment_share(2024, edition="2024-06", data=spending)
    assert eq["iso3"].tolist()[:3] == ["USA", "AAA", "BBB"]
    flags = dict(zip(eq["iso3"], eq["meets_guideline"], strict=True))
    assert flags["USA"] and flags["AAA"] and not flags["BBB"]  # 19.99 < 20
    assert pd.isna(flags["ISL"]) and pd.isna(flags["NEW"])


def test_countries_filter_on_per_ally_tables(spending):
    eq = equipment_share(2024, edition="2024-06", countries_filter=["bbb", "USA"], data=spending)
    assert eq["iso3"].tolist() == ["USA", "BBB"]
    pc = per_capita(2024, edition="2024-06", countries_filter=["AAA"], data=spending)
    assert pc["iso3"].tolist() == ["AAA"]
    rc = real_change(2024, edition="2024-06", countries_filter=["ISL"], data=spending)
    assert rc["iso3"].tolist() == ["ISL"]


def test_per_capita_and_real_change(spending):
    pc = per_capita(2024, edition="2024-06", data=spending)
    assert pc["iso3"].tolist()[:2] == ["USA", "AAA"]
    assert pc["defence_expenditure_per_capita_usd_constant"].iloc[0] == 2_500.0
    rc = real_change(2024, edition="2024-06", data=spending).set_index("iso3")
    assert rc.loc["AAA", "real_change_pct"] == 5.0
    assert rc.loc["AAA", "real_change_since_2014_pct"] == 60.0
    assert rc.loc["BBB", "real_change_pct"] == -1.0
    assert math.isnan(rc.loc["BBB", "real_change_since_2014_pct"])
