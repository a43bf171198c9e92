"""Small synthetic spending frames shared by the tests of the spending metrics and of natolab.metrics.burden.

Three editions (deliberately listed out of publication order), five Allies (ISL never
reports, NEW joins in 2024) and the two aggregates; expected values in the tests are
worked out by hand from these rows.
"""

from __future__ import annotations

import pandas as pd

from natolab.metrics import Frames

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


def expenditure() -> pd.DataFrame:
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


def spending_data(*, countries: bool = True, members: bool = True) -> Frames:
    """All the frames above in one :class:`~natolab.metrics.Frames` (optionally without countries or members)."""
    return Frames(defence_expenditure=expenditure(), editions=EDITIONS, members=MEMBERS if members else None,
                  countries=COUNTRIES if countries else None)
