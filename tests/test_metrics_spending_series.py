"""natolab.metrics.spending_series on small synthetic frames (expected values worked out by hand)."""

from __future__ import annotations

import math

import pytest
from spending_frames import spending_data

from natolab.metrics.spending_series import (
    country_series,
    europe_canada_vs_us,
    required_annual_increase,
    revisions,
)


def test_country_series_latest_and_missing():
    data = spending_data(countries=False, members=False)
    s = country_series("usa", data=data)
    assert s["year"].tolist() == [2023, 2024]
    assert s["value"].tolist() == [3.2, 3.2]
    assert set(s["edition"]) == {"2026-07"}
    assert country_series("ISL", data=data).empty


def test_europe_canada_vs_us():
    data = spending_data(countries=False, members=False)
    out = europe_canada_vs_us(data=data)
    # 2026-07 has no Europe-and-Canada aggregate: latest edition with it is 2024-06.
    assert set(out["edition"]) == {"2024-06"}
    assert out["year"].tolist() == [2023, 2024]
    row = out.set_index("year").loc[2024]
    assert row["us_share_of_total_pct"] == pytest.approx(100 * 1_000_000 / 1_500_000)
    assert row["europe_canada_share_of_gdp_pct"] == 2.0
    assert row["us_share_of_gdp_pct"] == 3.4
    with pytest.raises(ValueError, match="Valid editions"):
        europe_canada_vs_us("1999-01", data=data)


def test_required_annual_increase_linear_path(spending):
    req = required_annual_increase(3.5, 2035, base_year=2024, edition="2026-07", data=spending).set_index("iso3")
    # Borduria: (3.5 - 1.6) / (2035 - 2024) = 1.9 / 11
    assert req.loc["BBB", "required_pp_per_year"] == pytest.approx(1.9 / 11)
    assert req.loc["USA", "required_pp_per_year"] == pytest.approx(0.3 / 11)
    assert req.index[0] == "BBB"
    assert math.isnan(req.loc["ISL", "required_pp_per_year"])
    # Already above the target: nothing required.
    low = required_annual_increase(2.0, 2030, base_year=2024, edition="2026-07", data=spending).set_index("iso3")
    assert low.loc["USA", "required_pp_per_year"] == 0
    assert low.loc["AAA", "required_pp_per_year"] == pytest.approx(0.1 / 6)


def test_required_annual_increase_default_base_year(spending):
    req = required_annual_increase(3.5, 2035, data=spending)
    assert set(req["base_year"]) == {2024}
    assert set(req["edition"]) == {"2026-07"}


def test_required_annual_increase_rejects_past_target_year(spending):
    with pytest.raises(ValueError, match="target_year 2024 must be after the base year 2024"):
        required_annual_increase(3.5, 2024, base_year=2024, data=spending)


def test_revisions_between_editions(spending):
    rev = revisions(2023, data=spending).set_index("iso3")
    assert list(rev.columns[:4]) == ["country", "2023-07", "2024-06", "2026-07"]
    # USA 2023: 3.5 (2023-07) -> 3.3 -> 3.2 (2026-07)
    assert rev.loc["USA", "revision"] == pytest.approx(-0.3)
    assert rev.loc["USA", "n_editions"] == 3
    assert rev.loc["BBB", "revision"] == pytest.approx(0.1)  # 1.1 -> 1.2
    assert "NEW" not in rev.index  # not an Ally in 2023
    assert math.isnan(rev.loc["ISL", "revision"])
    assert rev.index[0] == "USA"  # largest absolute revision first
