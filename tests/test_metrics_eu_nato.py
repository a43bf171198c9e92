"""Tests for natolab.metrics.eu_nato: synthetic frames first, then the curated data.

Expected values in the data tests come from the raw files in ../shared/sources/facts
(eu_nato_membership.csv, eu_nato.csv) and the seed text, not from data/.
"""

from __future__ import annotations

import pandas as pd
import pytest
from raw_sources import raw_facts

from natolab import metrics
from natolab.metrics import Frames, eu_nato

COUNTRIES = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD"], "name": ["Alpha", "Bravo", "Charlie", "Delta"]})
MEMBERS = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "CCC"],
        "accession_date": pd.to_datetime(["1949-04-04", "1949-04-04", "1999-03-12"]),
        "enlargement_round": ["Founding 1949", "Founding 1949", "1999"],
        "round_number": [0, 0, 1],
    }
)
EU = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "DDD"],
        "eu_accession_date": pd.to_datetime(["1958-01-01", "1973-01-01", "1995-01-01"]),
        "eu_exit_date": pd.to_datetime([None, "2020-01-31", None]),
    }
)
KW = {"data": Frames(members=MEMBERS, eu_membership=EU, countries=COUNTRIES)}


def _with(**frames: pd.DataFrame) -> Frames:
    """The frames of ``KW`` and ``frames`` in one object."""
    return Frames(members=MEMBERS, eu_membership=EU, countries=COUNTRIES, **frames)


def test_overlap_groups_on_a_date():
    overlap = metrics.eu_nato_overlap("2000-01-01", **KW)
    assert overlap["group"].tolist() == ["NATO and EU", "NATO only", "EU only"]
    assert overlap["n_countries"].tolist() == [2, 1, 1]
    assert overlap["countries"].tolist() == ["Alpha, Bravo", "Charlie", "Delta"]


def test_overlap_after_an_exit():
    overlap = metrics.eu_nato_overlap("2020-02-01", **KW).set_index("group")
    assert overlap.loc["NATO and EU", "countries"] == "Alpha"
    assert overlap.loc["NATO only", "countries"] == "Bravo, Charlie"


def test_overlap_has_three_rows_even_when_a_group_is_empty():
    overlap = metrics.eu_nato_overlap("1950-01-01", **KW)
    assert overlap["n_countries"].tolist() == [0, 2, 0]


def test_overlap_by_country_flags():
    detail = metrics.overlap_by_country("2000-01-01", **KW).set_index("iso3")
    assert bool(detail.loc["DDD", "eu_member"]) and not bool(detail.loc["DDD", "nato_member"])
    assert detail.loc["CCC", "group"] == "NATO only"


def test_overlap_timeline_is_yearly_and_ends_on_end():
    timeline = metrics.overlap_timeline("1949-04-04", "2020-06-30", **KW)
    assert timeline["year"].iloc[0] == 1949
    assert timeline["date"].iloc[0] == pd.Timestamp("1949-12-31")
    assert timeline["date"].iloc[-1] == pd.Timestamp("2020-06-30")
    assert len(timeline) == 2020 - 1949 + 1
    by_year = timeline.set_index("year")
    assert by_year.loc[1957, ["nato_and_eu", "nato_only", "eu_only"]].tolist() == [0, 2, 0]
    assert by_year.loc[1999, ["nato_and_eu", "nato_only", "eu_only"]].tolist() == [2, 1, 1]
    assert by_year.loc[2020, ["nato_and_eu", "nato_only", "eu_only"]].tolist() == [1, 2, 1]
    assert by_year.loc[2020, "n_eu_members"] == 2


def test_overlap_timeline_rejects_reversed_range():
    with pytest.raises(ValueError, match="end: 1990-01-01 is before start"):
        metrics.overlap_timeline("2000-01-01", "1990-01-01", **KW)


EU_NATO = pd.DataFrame(
    {
        "event_id": ["d1", "p1", "p2", "p3"],
        "date": ["2016-07-08", "2017-06", "2017-12-05", None],
        "date_precision": ["day", "month", "day", None],
        "event_type": ["joint_declaration", "progress_report", "progress_report", "progress_report"],
        "number": [1, 1, 2, 3],
        "title": ["Decl", "First", "Second", "Third"],
        "n_actions": [None, 42, 42, 74],
        "flags": [None, None, None, None],
    }
)


EU_NATO_DATA = Frames(eu_nato=EU_NATO)


def test_milestones_month_precision_counts_once_the_month_is_over():
    mid_june = metrics.eu_nato_milestones("2017-06-15", data=EU_NATO_DATA)
    end_june = metrics.eu_nato_milestones("2017-06-30", data=EU_NATO_DATA)
    assert mid_june["event_id"].tolist() == ["d1"]
    assert end_june["event_id"].tolist() == ["d1", "p1"]
    assert end_june["date"].iloc[1] == pd.Timestamp("2017-06-01")
    assert end_june["date_label"].iloc[1] == "2017-06"


def test_milestones_undated_only_on_request():
    assert "p3" not in metrics.eu_nato_milestones("2030-01-01", data=EU_NATO_DATA)["event_id"].tolist()
    with_undated = metrics.eu_nato_milestones("2030-01-01", include_undated=True, data=EU_NATO_DATA)
    assert with_undated["event_id"].tolist()[-1] == "p3"
    assert pd.isna(with_undated["date"].iloc[-1])


def test_eu_initiatives_recorded_as_context_only_on_request():
    events = pd.concat([EU_NATO, pd.DataFrame({
        "event_id": ["m1", "c1"], "date": ["2024-10-29", "2025-05-27"], "date_precision": ["day", "day"],
        "event_type": ["high_level_meeting", "eu_initiative_context"], "number": [None, None],
        "title": ["Meeting", "SAFE"], "n_actions": [None, None], "flags": [None, "CONTEXT"],
    })], ignore_index=True)
    assert metrics.eu_nato_milestones("2030-01-01", data=Frames(eu_nato=events))["event_id"].tolist() == ["d1", "p1", "p2", "m1"]
    with_context = metrics.eu_nato_milestones("2030-01-01", include_context=True, data=Frames(eu_nato=events))
    assert with_context["event_id"].tolist() == ["d1", "p1", "p2", "m1", "c1"]


ACTIONS = pd.DataFrame(
    {
        "batch": ["first_2016", "first_2016", "second_2017", "combined"],
        "endorsement_date": pd.to_datetime(["2016-12-06", "2016-12-06", "2017-12-05", None]),
        "area": ["TOTAL", "Exercises", "TOTAL", "TOTAL"],
        "n_actions": [42, None, 32, 74],
        "n_actions_status": ["sourced", "not_found", "sourced_conflict", "sourced"],
    }
)


ACTIONS_DATA = Frames(eu_nato_actions=ACTIONS)


def test_common_set_batches_and_cumulative_total():
    both = metrics.common_set_actions("2018-01-01", data=ACTIONS_DATA)
    assert both["batch"].tolist() == ["first_2016", "second_2017"]
    assert both["cumulative_actions"].tolist() == [42, 74]
    first_only = metrics.common_set_actions("2017-01-01", data=ACTIONS_DATA)
    assert first_only["cumulative_actions"].tolist() == [42]
    assert metrics.common_set_actions("2016-01-01", data=ACTIONS_DATA).empty


def _expenditure() -> pd.DataFrame:
    rows = []
    # (iso3, share %, defence US$ constant m, GDP US$ constant m)
    for iso3, share, spend, gdp in [("AAA", 2.5, 25.0, 1000.0), ("BBB", 1.0, 30.0, 3000.0), ("CCC", 3.0, 3.0, 100.0)]:
        for indicator, value in [
            ("share_of_gdp_pct", share),
            ("defence_expenditure_usd_constant_m", spend),
            ("gdp_usd_constant_m", gdp),
        ]:
            rows.append(
                {
                    "edition": "2024-06",
                    "iso3": iso3,
                    "year": 2019,
                    "indicator": indicator,
                    "value": value,
                    "estimate": False,
                }
            )
    return pd.DataFrame(rows)


def test_spending_by_eu_status_groups_and_weights():
    result = metrics.spending_by_eu_status(2019, "2024-06", data=_with(defence_expenditure=_expenditure())).set_index("eu_status")
    eu_row, non_eu = result.loc["EU member"], result.loc["not in the EU"]
    assert (eu_row["n_allies"], eu_row["n_with_data"]) == (2, 2)
    assert eu_row["mean_share_of_gdp_pct"] == pytest.approx(1.75)
    # (25 + 30) / (1000 + 3000) = 1.375 %: a weighted share differs from the mean.
    assert eu_row["weighted_share_of_gdp_pct"] == pytest.approx(1.375)
    assert eu_row["n_at_or_above_2pct"] == 1
    assert non_eu["n_allies"] == 1
    assert non_eu["weighted_share_of_gdp_pct"] == pytest.approx(3.0)
    assert eu_row["edition"] == "2024-06"


def test_spending_by_country_keeps_allies_without_figures():
    expenditure = _expenditure()
    expenditure = expenditure.loc[expenditure["iso3"] != "CCC"]
    detail = metrics.spending_eu_status_by_country(2019, "2024-06", data=_with(defence_expenditure=expenditure))
    assert detail["iso3"].tolist() == ["AAA", "BBB", "CCC"]
    assert pd.isna(detail.set_index("iso3").loc["CCC", "share_of_gdp_pct"])
    summary = metrics.spending_by_eu_status(2019, "2024-06", data=_with(defence_expenditure=expenditure)).set_index("eu_status")
    assert summary.loc["not in the EU", "countries_without_data"] == "Charlie"
    assert summary.loc["not in the EU", "n_with_data"] == 0


def test_spending_eu_status_uses_year_end_status():
    # BBB left the EU on 2020-01-31: in 2020 it counts outside the EU.
    expenditure = _expenditure().assign(year=2020)
    detail = metrics.spending_eu_status_by_country(2020, "2024-06", data=_with(defence_expenditure=expenditure)).set_index("iso3")
    assert not bool(detail.loc["BBB", "eu_member"])


EDITIONS = pd.DataFrame(
    {"edition": ["2024-06", "2026-07"], "published": pd.to_datetime(["2024-06-17", "2026-07-01"])}
)


def test_latest_resolves_to_one_complete_edition_never_a_patchwork():
    # 2026-07 is newer but reports only BBB for 2019: the complete 2024-06 edition is used.
    partial = _expenditure().loc[lambda f: f["iso3"] == "BBB"].assign(edition="2026-07", value=9.9)
    expenditure = pd.concat([_expenditure(), partial], ignore_index=True)
    detail = metrics.spending_eu_status_by_country(2019, "latest", data=_with(defence_expenditure=expenditure, editions=EDITIONS))
    assert set(detail["edition"]) == {"2024-06"}
    assert detail.set_index("iso3").loc["BBB", "share_of_gdp_pct"] == pytest.approx(1.0)
    # Asked for explicitly, the partial edition is used alone and says what it lacks.
    summary = metrics.spending_by_eu_status(2019, "2026-07", data=_with(defence_expenditure=expenditure, editions=EDITIONS))
    summary = summary.set_index("eu_status")
    assert summary.loc["EU member", "n_with_data"] == 1
    assert summary.loc["EU member", "countries_without_data"] == "Alpha"


def test_unknown_edition_lists_valid_ones():
    with pytest.raises(ValueError, match=r"edition: unknown edition '1999-01'\. Valid editions: latest, 2024-06"):
        metrics.spending_by_eu_status(2019, "1999-01", data=_with(defence_expenditure=_expenditure()))


def test_eu_spending_year_is_the_latest_year_up_to_as_of():
    expenditure = pd.concat([_expenditure(), _expenditure().assign(year=2021)], ignore_index=True)
    assert metrics.eu_spending_year("2020-06-30", data=Frames(defence_expenditure=expenditure)) == 2019
    assert metrics.eu_spending_year("2030-01-01", data=Frames(defence_expenditure=expenditure)) == 2021
    assert metrics.eu_spending_year("2000-01-01", data=Frames(defence_expenditure=expenditure)) is None


def test_all_is_exported_and_reexported():
    for name in eu_nato.__all__:
        assert getattr(metrics, name) is getattr(eu_nato, name)


# ---------------------------------------------------------------- curated data


def test_overlap_today_matches_the_raw_union(curated):
    raw = raw_facts("eu_nato_membership.csv")
    expected = {}
    for row in raw:
        expected.setdefault(row["category"], set()).add(row["iso3"])
    overlap = metrics.overlap_by_country()
    got = {g: set(overlap.loc[overlap["group"] == g, "iso3"]) for g in metrics.OVERLAP_GROUPS}
    assert got == {g: expected[g] for g in metrics.OVERLAP_GROUPS}
    # SOURCES.md: 23 both, 9 NATO only, 4 EU only.
    assert [len(got[g]) for g in metrics.OVERLAP_GROUPS] == [23, 9, 4]


def test_21_common_members_before_finland(curated):
    # SOURCES.md cites "21 common members" before Finland and Sweden joined (January 2023).
    overlap = metrics.eu_nato_overlap("2023-01-15").set_index("group")
    assert overlap.loc["NATO and EU", "n_countries"] == 21


def test_common_set_is_42_plus_32(curated):
    # Seed text: "74 concrete action points"; SOURCES.md: 42 (Dec 2016) + 32 (Dec 2017).
    raw = raw_facts("eu_nato_actions.csv")
    totals = {r["batch"]: int(r["n_actions"]) for r in raw if r["area"] == "TOTAL"}
    batches = metrics.common_set_actions()
    assert batches["n_actions"].tolist() == [totals["2016 (first)"], totals["2017 (second)"]] == [42, 32]
    assert batches["cumulative_actions"].iloc[-1] == totals["combined"] == 74


def test_milestones_match_the_raw_dated_events(curated):
    # eu_nato.csv, then the 2026 update without its EU initiatives recorded as CONTEXT
    update = [r for r in raw_facts("eu_nato_2025_2026.csv") if r["event_type"] != "eu_initiative_context"]
    raw = [r for r in raw_facts("eu_nato.csv") + update if r["date"]]
    milestones = metrics.eu_nato_milestones()
    assert len(milestones) == len(raw) == 16 + 2
    assert (milestones["event_type"] == "high_level_meeting").sum() == 2
    with_context = metrics.eu_nato_milestones(include_context=True)
    context = [r for r in raw_facts("eu_nato_2025_2026.csv") if r["event_type"] == "eu_initiative_context" and r["date"]]
    assert len(with_context) == len(milestones) + len(context)
    declarations = milestones.loc[milestones["event_type"] == "joint_declaration", "date"]
    expected = [r["date"] for r in raw if r["event_type"] == "joint_declaration"]
    assert [d.strftime("%Y-%m-%d") for d in declarations] == expected and len(expected) == 3


def test_eu_vs_non_eu_spending_2024_matches_the_raw_estimates(curated):
    raw = {r["iso3"]: r["defence_exp_pct_gdp_2024e"] for r in raw_facts("defence_spending_2024_estimates.csv")}
    assert len(raw) >= 31
    detail = metrics.spending_eu_status_by_country(2024, "2024-06").set_index("iso3")
    for iso3, share in raw.items():
        if share:
            # The raw file is a two-decimal transcription of the June 2024 NATO estimates.
            assert detail.loc[iso3, "share_of_gdp_pct"] == pytest.approx(float(share), abs=0.005), iso3
        else:
            assert pd.isna(detail.loc[iso3, "share_of_gdp_pct"]), iso3
    summary = metrics.spending_by_eu_status(2024, "2024-06").set_index("eu_status")
    # 23 EU members and 9 others among the 32 Allies of 2024; Iceland reports no figure.
    assert summary["n_allies"].tolist() == [23, 9]
    assert summary.loc["not in the EU", "countries_without_data"] == "Iceland"
    # allies_2pct_count.csv: 23 Allies at or above 2% in 2024 (SG Stoltenberg, June 2024).
    counts = {r["year"]: r["n_allies_at_or_above_2pct"] for r in raw_facts("allies_2pct_count.csv")}
    assert int(summary["n_at_or_above_2pct"].sum()) == int(counts["2024"]) == 23
