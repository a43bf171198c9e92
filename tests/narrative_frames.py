"""Small frames shared by the tests of the burden-sharing and country-profile sentences."""

from __future__ import annotations

import pandas as pd

NAN = float("nan")

MEMBERS = pd.DataFrame({
    "iso3": ["AAA", "ISL"],
    "special_notes": [None, "Only Ally with no standing armed forces (has a coast guard); more"],
})


def league() -> pd.DataFrame:
    """A league table (:func:`natolab.metrics.league_table`) of four Allies in 2024e; Iceland has no figure."""
    return pd.DataFrame({
        "rank": pd.array([1, 2, 3, None], "Int64"),
        "iso3": ["USA", "AAA", "BBB", "ISL"],
        "country": ["United States", "Aland", "Borduria", "Iceland"],
        "share_of_gdp_pct": [3.6, 2.0, 1.5, NAN],
        "estimate": pd.array([True, True, True, None], "boolean"),
        "year": 2024, "edition": "2026-07",
    })
