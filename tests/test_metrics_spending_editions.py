"""natolab.metrics.spending_editions on small synthetic frames (expected values worked out by hand)."""

from __future__ import annotations

import pytest
from spending_frames import EDITIONS, MEMBERS, expenditure, spending_data

from natolab.metrics import Frames
from natolab.metrics.spending_editions import (
    default_edition,
    edition_for,
    edition_years,
    latest_complete_year,
    path_base_year,
)
from natolab.metrics.spending_year import league_table


def test_default_edition_is_latest_complete():
    data = spending_data(countries=False)
    # 2026-07 lacks BBB for 2023, so the latest complete edition for 2023 is 2024-06.
    assert default_edition(2023, data=data) == "2024-06"
    assert default_edition(2024, data=data) == "2026-07"


def test_default_edition_falls_back_to_most_complete():
    exp = expenditure()
    # Drop BBB 2023 from 2024-06 and USA 2023 from 2023-07: no edition is complete for 2023.
    exp = exp.loc[~((exp["edition"] == "2024-06") & (exp["iso3"] == "BBB") & (exp["year"] == 2023))]
    exp = exp.loc[~((exp["edition"] == "2023-07") & (exp["iso3"] == "USA") & (exp["year"] == 2023))]
    # coverage: 2023-07 {AAA,BBB}, 2024-06 {AAA,USA}, 2026-07 {AAA,USA} -> latest of the largest
    assert default_edition(2023, data=Frames(defence_expenditure=exp, editions=EDITIONS, members=MEMBERS)) == "2026-07"


def test_unknown_year_and_edition_name_valid_values(spending):
    with pytest.raises(ValueError, match=r"2030.*Valid years: 2023 to 2024"):
        default_edition(2030, data=spending_data(countries=False))
    with pytest.raises(ValueError, match=r"Valid editions: latest, 2023-07, 2024-06, 2026-07"):
        league_table(2024, edition="2025-01", data=spending)


def test_edition_for_prefers_requested_then_latest_with_data():
    e = spending_data(countries=False, members=False)
    assert edition_for("share_of_gdp_pct", 2024, "2024-06", data=e) == "2024-06"
    assert edition_for("gdp_usd_current_m", 2024, "2026-07", data=e) == "2024-06"
    # Only 2024-06 has the Europe-and-Canada aggregate; 2026-07 has shares for 4 Allies in 2024.
    assert edition_for("defence_expenditure_usd_current_m", 2024, "2026-07",
                       iso3="NATO_EUROPE_CANADA", data=e) == "2024-06"
    assert edition_for("share_of_gdp_pct", 2024, "2026-07", min_values=4, data=e) == "2026-07"
    with pytest.raises(ValueError, match="No edition reports share_of_gdp_pct for 2024"):
        edition_for("share_of_gdp_pct", 2024, "2026-07", min_values=6, data=e)
    with pytest.raises(ValueError, match="No edition reports personnel"):
        edition_for("personnel", 2024, "2026-07", data=e)


def test_edition_years_and_latest_complete_year():
    e = spending_data(countries=False)
    assert edition_years("2023-07", data=spending_data(countries=False, members=False)) == [2023]
    assert latest_complete_year(data=e) == 2024
    assert latest_complete_year("2023-07", data=e) == 2023
    assert path_base_year("2026-07", 2035, data=e) == 2024
    assert path_base_year("latest", 2024, data=e) == 2023
    with pytest.raises(ValueError, match="No year before 2024 is complete in edition 2026-07"):
        path_base_year("2026-07", 2024, data=e)
