"""natolab.metrics.spending on small synthetic frames (expected values worked out by hand)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from natolab.metrics import spending

NAN = float("nan")

MEMBERS = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "USA", "ISL", "NEW"],
        "accession_date": pd.to_datetime(["1949-04-04", "1952-02-18", "1949-04-04", "1949-04-04", "2024-03-07"]),
    }
)
COUNTRIES = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "USA", "ISL", "NEW", "NATO_EUROPE_CANADA", "NATO_TOTAL"],
        "name": ["Aland", "Borduria", "United States", "Iceland", "Newland", "NATO Europe and Canada", "NATO Total"],
    }
)
EDITIONS = pd.DataFrame(
    {
        "edition": ["2026-07", "2023-07", "2024-06"],  # deliberately not in publication order
        "published": pd.to_datetime(["2026-07-10", "2023-07-07", "2024-06-17"]),
    }
)

# (edition, iso3, year, indicator, value)
_ROWS = [
    # 2023-07: complete for the Allies of 2023 (ISL never reports)
    ("2023-07", "AAA", 2023, "share_of_gdp_pct", 1.7),
    ("2023-07", "BBB", 2023, "share_of_gdp_pct", 1.1),
    ("2023-07", "USA", 2023, "share_of_gdp_pct", 3.5),
    # 2024-06: 2023 and 2024; NEW reported before it joined; GDP present
    ("2024-06", "AAA", 2023, "share_of_gdp_pct", 1.8),
    ("2024-06", "BBB", 2023, "share_of_gdp_pct", 1.2),
    ("2024-06", "USA", 2023, "share_of_gdp_pct", 3.3),
    ("2024-06", "NEW", 2023, "share_of_gdp_pct", 2.5),
    ("2024-06", "ISL", 2023, "share_of_gdp_pct", NAN),
    ("2024-06", "AAA", 2024, "share_of_gdp_pct", 2.0),
    ("2024-06", "BBB", 2024, "share_of_gdp_pct", 1.5),
    ("2024-06", "USA", 2024, "share_of_gdp_pct", 3.4),
    ("2024-06", "NEW", 2024, "share_of_gdp_pct", 2.1),
    ("2024-06", "ISL", 2024, "share_of_gdp_pct", NAN),
    ("2024-06", "AAA", 2024, "gdp_usd_current_m", 500_000.0),
    ("2024-06", "BBB", 2024, "gdp_usd_current_m", 200_000.0),
    ("2024-06", "USA", 2024, "gdp_usd_current_m", 29_000_000.0),
    ("2024-06", "NEW", 2024, "gdp_usd_current_m", 600_000.0),
    ("2024-06", "ISL", 2024, "gdp_usd_current_m", 30_000.0),
    ("2024-06", "BBB", 2024, "defence_expenditure_usd_current_m", 3_000.0),
    ("2024-06", "AAA", 2024, "equipment_share_pct", 25.0),
    ("2024-06", "BBB", 2024, "equipment_share_pct", 19.99),
    ("2024-06", "USA", 2024, "equipment_share_pct", 30.0),
    ("2024-06", "AAA", 2024, "defence_expenditure_per_capita_usd_constant", 400.0),
    ("2024-06", "USA", 2024, "defence_expenditure_per_capita_usd_constant", 2_500.0),
    ("2024-06", "AAA", 2024, "real_change_pct", 5.0),
    ("2024-06", "BBB", 2024, "real_change_pct", -1.0),
    ("2024-06", "AAA", 2024, "real_change_since_2014_pct", 60.0),
    ("2024-06", "NATO_EUROPE_CANADA", 2023, "defence_expenditure_usd_current_m", 400_000.0),
    ("2024-06", "NATO_EUROPE_CANADA", 2024, "defence_expenditure_usd_current_m", 500_000.0),
    ("2024-06", "USA", 2023, "defence_expenditure_usd_current_m", 900_000.0),
    ("2024-06", "USA", 2024, "defence_expenditure_usd_current_m", 1_000_000.0),
    ("2024-06", "NATO_EUROPE_CANADA", 2024, "share_of_gdp_pct", 2.0),
    # 2026-07: core definition; partial for 2023, complete for 2024, no GDP
    ("2026-07", "AAA", 2023, "share_of_gdp_pct", 1.75),
    ("2026-07", "USA", 2023, "share_of_gdp_pct", 3.2),
    ("2026-07", "AAA", 2024, "share_of_gdp_pct", 1.9),
    ("2026-07", "BBB", 2024, "share_of_gdp_pct", 1.6),
    ("2026-07", "USA", 2024, "share_of_gdp_pct", 3.2),
    ("2026-07", "NEW", 2024, "share_of_gdp_pct", 2.2),
    ("2026-07", "BBB", 2024, "defence_expenditure_usd_current_m", 3_200.0),
    ("2026-07", "USA", 2024, "defence_expenditure_usd_current_m", 990_000.0),
]
ESTIMATED = {("2026-07", 2024), ("2024-06", 2024)}


def _expenditure() -> pd.DataFrame:
    df = pd.DataFrame(_ROWS, columns=["edition", "iso3", "year", "indicator", "value"])
    df["year"] = df["year"].astype("Int64")
    df["estimate"] = pd.array([(e, y) in ESTIMATED for e, y in zip(df["edition"], df["year"], strict=True)], "boolean")
    return df


SIPRI = pd.DataFrame(
    {
        "iso3": ["USA", "AAA", "BBB", "NEW", "USA", "AAA", "BBB", "NEW", "USA", "AAA"],
        "year": [1950, 1950, 1950, 1950, 2024, 2024, 2024, 2024, 2025, 2025],
        "indicator": ["share_of_gdp_pct"] * 10,
        "value": [5.0, 3.0, 1.0, 9.0, 3.4, 2.1, NAN, 2.3, 3.0, 2.0],
    }
)


@pytest.fixture
def kw():
    return {"expenditure": _expenditure(), "editions": EDITIONS, "members": MEMBERS, "countries": COUNTRIES}


def _no_countries(kw):
    return {k: v for k, v in kw.items() if k != "countries"}


def test_allies_in_year_counts_accession_during_the_year():
    assert spending.allies_in_year(2023, members=MEMBERS) == ["AAA", "BBB", "ISL", "USA"]
    assert spending.allies_in_year(2024, members=MEMBERS) == ["AAA", "BBB", "ISL", "NEW", "USA"]
    assert spending.allies_in_year(1951, members=MEMBERS) == ["AAA", "ISL", "USA"]


def test_default_edition_is_latest_complete(kw):
    # 2026-07 lacks BBB for 2023, so the latest complete edition for 2023 is 2024-06.
    assert spending.default_edition(2023, **_no_countries(kw)) == "2024-06"
    assert spending.default_edition(2024, **_no_countries(kw)) == "2026-07"


def test_default_edition_falls_back_to_most_complete(kw):
    exp = kw["expenditure"]
    # Drop BBB 2023 from 2024-06 and USA 2023 from 2023-07: no edition is complete for 2023.
    exp = exp.loc[~((exp["edition"] == "2024-06") & (exp["iso3"] == "BBB") & (exp["year"] == 2023))]
    exp = exp.loc[~((exp["edition"] == "2023-07") & (exp["iso3"] == "USA") & (exp["year"] == 2023))]
    # coverage: 2023-07 {AAA,BBB}, 2024-06 {AAA,USA}, 2026-07 {AAA,USA} -> latest of the largest
    assert spending.default_edition(2023, expenditure=exp, editions=EDITIONS, members=MEMBERS) == "2026-07"


def test_unknown_year_and_edition_name_valid_values(kw):
    with pytest.raises(ValueError, match=r"2030.*Valid years: 2023 to 2024"):
        spending.default_edition(2030, **_no_countries(kw))
    with pytest.raises(ValueError, match=r"Valid editions: latest, 2023-07, 2024-06, 2026-07"):
        spending.league_table(2024, edition="2025-01", **kw)


def test_league_table_ranks_and_flags_targets(kw):
    table = spending.league_table(2024, [2.0, 3.5], edition="2024-06", **kw)
    assert table["country"].tolist() == ["United States", "Newland", "Aland", "Borduria", "Iceland"]
    assert table["rank"].tolist()[:4] == [1, 2, 3, 4]
    assert pd.isna(table["rank"].iloc[4])
    # at or above: exactly 2.0 meets 2%
    assert table["meets_2pct"].tolist()[:4] == [True, True, True, False]
    assert pd.isna(table["meets_2pct"].iloc[4])  # Iceland: unknown, not False
    assert table["meets_3_5pct"].tolist()[:4] == [False, False, False, False]
    assert set(table["edition"]) == {"2024-06"}
    assert table["estimate"].iloc[0]


def test_league_table_filter_keeps_rank_among_all(kw):
    table = spending.league_table(2024, edition="2024-06", countries_filter=["bbb"], **kw)
    assert table["iso3"].tolist() == ["BBB"]
    assert table["rank"].iloc[0] == 4


def test_league_table_latest_uses_one_edition(kw):
    table = spending.league_table(2024, **kw)
    assert set(table["edition"]) == {"2026-07"}
    assert table.set_index("iso3").loc["AAA", "share_of_gdp_pct"] == 1.9


def test_count_by_year_one_edition_counts_only_allies_of_the_year(kw):
    counts = spending.count_meeting_target_by_year(2.0, edition="2024-06", **_no_countries(kw))
    # 2023: NEW (2.5) is not yet an Ally; AAA 1.8, BBB 1.2, USA 3.3 -> 1 of 3 reported, 4 Allies.
    assert counts.to_dict("records") == [
        {"year": 2023, "n_allies": 4, "n_reported": 3, "n_meeting_target": 1, "year_label": "2023",
         "edition": "2024-06"},
        {"year": 2024, "n_allies": 5, "n_reported": 4, "n_meeting_target": 3, "year_label": "2024e",
         "edition": "2024-06"},
    ]


def test_count_by_year_latest_uses_default_edition_per_year(kw):
    counts = spending.count_meeting_target_by_year(2.0, **_no_countries(kw))
    assert counts["edition"].tolist() == ["2024-06", "2026-07"]
    assert counts["n_meeting_target"].tolist() == [1, 2]


def test_count_by_edition_for_one_year(kw):
    counts = spending.count_meeting_target_by_edition(2023, 1.5, **_no_countries(kw))
    # 2023-07: AAA 1.7, USA 3.5 (BBB 1.1); 2024-06: AAA 1.8, USA 3.3; 2026-07: AAA, USA of 2.
    assert counts.to_dict("records") == [
        {"edition": "2023-07", "n_allies": 4, "n_reported": 3, "n_meeting_target": 2, "year_label": "2023"},
        {"edition": "2024-06", "n_allies": 4, "n_reported": 3, "n_meeting_target": 2, "year_label": "2023"},
        {"edition": "2026-07", "n_allies": 4, "n_reported": 2, "n_meeting_target": 2, "year_label": "2023"},
    ]
    # 2024 is an estimate in both editions that report it (ESTIMATED above).
    assert spending.count_meeting_target_by_edition(2024, 1.5, **_no_countries(kw))["year_label"].tolist() == [
        "2024e", "2024e"]
    assert spending.count_meeting_target_by_edition(2023, 3.4, **_no_countries(kw))["n_meeting_target"].tolist() == [
        1,
        0,
        0,
    ]


def test_gap_to_target_uses_same_edition_gdp(kw):
    gap = spending.gap_to_target(2024, 2.0, edition="2024-06", **kw).set_index("iso3")
    assert gap.loc["BBB", "gap_pct_points"] == pytest.approx(0.5)
    assert gap.loc["BBB", "gdp_basis"] == "gdp_usd_current_m"
    assert gap.loc["BBB", "gap_usd_current_m"] == pytest.approx(1_000.0)  # 0.5 % of 200,000
    assert gap.loc["AAA", "gap_pct_points"] == 0  # exactly at target
    assert gap.loc["AAA", "gap_usd_current_m"] == 0
    assert math.isnan(gap.loc["ISL", "gap_pct_points"])
    assert math.isnan(gap.loc["ISL", "gap_usd_current_m"])
    assert gap.index[0] == "BBB"  # largest gap first


def test_gap_to_target_implied_gdp_when_edition_has_none(kw):
    gap = spending.gap_to_target(2024, 2.0, edition="2026-07", **kw).set_index("iso3")
    # 2026-07 has no GDP: implied = 3,200 / 1.6 * 100 = 200,000; gap 0.4 pp -> 800.
    assert gap.loc["BBB", "gdp_basis"] == "implied"
    assert gap.loc["BBB", "gdp_used_usd_current_m"] == pytest.approx(200_000.0)
    assert gap.loc["BBB", "gap_usd_current_m"] == pytest.approx(800.0)
    # AAA has a share but no money in 2026-07: no GDP is borrowed from another edition.
    assert gap.loc["AAA", "gdp_basis"] == "none"
    assert math.isnan(gap.loc["AAA", "gap_usd_current_m"])
    assert gap.loc["AAA", "gap_pct_points"] == pytest.approx(0.1)


def test_equipment_share_against_guideline(kw):
    eq = spending.equipment_share(2024, edition="2024-06", **kw)
    assert eq["iso3"].tolist()[:3] == ["USA", "AAA", "BBB"]
    flags = dict(zip(eq["iso3"], eq["meets_guideline"], strict=True))
    assert flags["USA"] and flags["AAA"] and not flags["BBB"]  # 19.99 < 20
    assert pd.isna(flags["ISL"]) and pd.isna(flags["NEW"])


def test_countries_filter_on_per_ally_tables(kw):
    eq = spending.equipment_share(2024, edition="2024-06", countries_filter=["bbb", "USA"], **kw)
    assert eq["iso3"].tolist() == ["USA", "BBB"]
    pc = spending.per_capita(2024, edition="2024-06", countries_filter=["AAA"], **kw)
    assert pc["iso3"].tolist() == ["AAA"]
    rc = spending.real_change(2024, edition="2024-06", countries_filter=["ISL"], **kw)
    assert rc["iso3"].tolist() == ["ISL"]


def test_per_capita_and_real_change(kw):
    pc = spending.per_capita(2024, edition="2024-06", **kw)
    assert pc["iso3"].tolist()[:2] == ["USA", "AAA"]
    assert pc["defence_expenditure_per_capita_usd_constant"].iloc[0] == 2_500.0
    rc = spending.real_change(2024, edition="2024-06", **kw).set_index("iso3")
    assert rc.loc["AAA", "real_change_pct"] == 5.0
    assert rc.loc["AAA", "real_change_since_2014_pct"] == 60.0
    assert rc.loc["BBB", "real_change_pct"] == -1.0
    assert math.isnan(rc.loc["BBB", "real_change_since_2014_pct"])


def test_edition_for_prefers_requested_then_latest_with_data(kw):
    e = _no_countries(kw)
    del e["members"]
    assert spending.edition_for("share_of_gdp_pct", 2024, "2024-06", **e) == "2024-06"
    assert spending.edition_for("gdp_usd_current_m", 2024, "2026-07", **e) == "2024-06"
    # Only 2024-06 has the Europe-and-Canada aggregate; 2026-07 has shares for 4 Allies in 2024.
    assert spending.edition_for("defence_expenditure_usd_current_m", 2024, "2026-07",
                                iso3="NATO_EUROPE_CANADA", **e) == "2024-06"
    assert spending.edition_for("share_of_gdp_pct", 2024, "2026-07", min_values=4, **e) == "2026-07"
    with pytest.raises(ValueError, match="No edition reports share_of_gdp_pct for 2024"):
        spending.edition_for("share_of_gdp_pct", 2024, "2026-07", min_values=6, **e)
    with pytest.raises(ValueError, match="No edition reports personnel"):
        spending.edition_for("personnel", 2024, "2026-07", **e)


def test_edition_years_and_latest_complete_year(kw):
    e = _no_countries(kw)
    assert spending.edition_years("2023-07", expenditure=e["expenditure"], editions=EDITIONS) == [2023]
    assert spending.latest_complete_year(**e) == 2024
    assert spending.latest_complete_year("2023-07", **e) == 2023
    assert spending.path_base_year("2026-07", 2035, **e) == 2024
    assert spending.path_base_year("latest", 2024, **e) == 2023
    with pytest.raises(ValueError, match="No year before 2024 is complete in edition 2026-07"):
        spending.path_base_year("2026-07", 2024, **e)


def test_europe_canada_vs_us(kw):
    out = spending.europe_canada_vs_us(expenditure=kw["expenditure"], editions=EDITIONS)
    # 2026-07 has no Europe-and-Canada aggregate: latest edition with it is 2024-06.
    assert set(out["edition"]) == {"2024-06"}
    assert out["year"].tolist() == [2023, 2024]
    row = out.set_index("year").loc[2024]
    assert row["us_share_of_total_pct"] == pytest.approx(100 * 1_000_000 / 1_500_000)
    assert row["europe_canada_share_of_gdp_pct"] == 2.0
    assert row["us_share_of_gdp_pct"] == 3.4
    with pytest.raises(ValueError, match="Valid editions"):
        spending.europe_canada_vs_us("1999-01", expenditure=kw["expenditure"], editions=EDITIONS)


def test_required_annual_increase_linear_path(kw):
    req = spending.required_annual_increase(3.5, 2035, base_year=2024, edition="2026-07", **kw).set_index("iso3")
    # Borduria: (3.5 - 1.6) / (2035 - 2024) = 1.9 / 11
    assert req.loc["BBB", "required_pp_per_year"] == pytest.approx(1.9 / 11)
    assert req.loc["USA", "required_pp_per_year"] == pytest.approx(0.3 / 11)
    assert req.index[0] == "BBB"
    assert math.isnan(req.loc["ISL", "required_pp_per_year"])
    # Already above the target: nothing required.
    low = spending.required_annual_increase(2.0, 2030, base_year=2024, edition="2026-07", **kw).set_index("iso3")
    assert low.loc["USA", "required_pp_per_year"] == 0
    assert low.loc["AAA", "required_pp_per_year"] == pytest.approx(0.1 / 6)


def test_required_annual_increase_default_base_year(kw):
    req = spending.required_annual_increase(3.5, 2035, **kw)
    assert set(req["base_year"]) == {2024}
    assert set(req["edition"]) == {"2026-07"}


def test_required_annual_increase_rejects_past_target_year(kw):
    with pytest.raises(ValueError, match="target_year 2024 must be after the base year 2024"):
        spending.required_annual_increase(3.5, 2024, base_year=2024, **kw)


def test_revisions_between_editions(kw):
    rev = spending.revisions(2023, **kw).set_index("iso3")
    assert list(rev.columns[:4]) == ["country", "2023-07", "2024-06", "2026-07"]
    # USA 2023: 3.5 (2023-07) -> 3.3 -> 3.2 (2026-07)
    assert rev.loc["USA", "revision"] == pytest.approx(-0.3)
    assert rev.loc["USA", "n_editions"] == 3
    assert rev.loc["BBB", "revision"] == pytest.approx(0.1)  # 1.1 -> 1.2
    assert "NEW" not in rev.index  # not an Ally in 2023
    assert math.isnan(rev.loc["ISL", "revision"])
    assert rev.index[0] == "USA"  # largest absolute revision first


def test_country_series_latest_and_missing(kw):
    s = spending.country_series("usa", expenditure=kw["expenditure"], editions=EDITIONS)
    assert s["year"].tolist() == [2023, 2024]
    assert s["value"].tolist() == [3.2, 3.2]
    assert set(s["edition"]) == {"2026-07"}
    assert spending.country_series("ISL", expenditure=kw["expenditure"], editions=EDITIONS).empty


def test_sipri_series_and_allies_by_year():
    s = spending.sipri_series(["usa", "AAA"], start=2000, sipri=SIPRI, countries=COUNTRIES)
    assert s["iso3"].tolist() == ["AAA", "AAA", "USA", "USA"]
    assert s["country"].iloc[-1] == "United States"
    with pytest.raises(ValueError, match="Valid indicators: share_of_gdp_pct"):
        spending.sipri_series(indicator="tanks", sipri=SIPRI)
    by_year = spending.sipri_allies_by_year(sipri=SIPRI, members=MEMBERS).set_index("year")
    # 1950: Allies AAA, ISL, USA (BBB joined 1952, NEW 2024): the other Allies reported = AAA only.
    assert by_year.loc[1950, "n_allies"] == 3
    assert by_year.loc[1950, "us_value"] == 5.0
    assert by_year.loc[1950, "other_allies_median"] == 3.0
    assert by_year.loc[1950, "n_other_reported"] == 1
    # 2024: AAA 2.1, NEW 2.3 (BBB missing) -> median 2.2
    assert by_year.loc[2024, "other_allies_median"] == pytest.approx(2.2)
    assert by_year.loc[2024, "other_allies_max"] == 2.3


def test_metrics_package_reexports_spending():
    from natolab import metrics

    for name in spending.__all__:
        assert getattr(metrics, name) is getattr(spending, name)
    assert np.isclose(spending.EQUIPMENT_GUIDELINE_PCT, 20.0)
