"""Spending over the years: one country's series, Europe and Canada against the US, the path to a target, revisions.

A series comes from one edition (the ``edition`` column says which); :func:`revisions`
is the exception that compares the editions reporting one year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from natolab import editions as edition_catalogue
from natolab.metrics.frames import Frames, country_names, name_of
from natolab.metrics.spending_data import (
    EUROPE_CANADA,
    SHARE,
    USA,
    allies_in_year,
    expenditure_table,
)
from natolab.metrics.spending_editions import latest_complete_year
from natolab.metrics.spending_year import highest_first, year_table

__all__ = [
    "country_series",
    "europe_canada_vs_us",
    "required_annual_increase",
    "revisions",
]


def country_series(
    iso3: str,
    indicator: str = SHARE,
    *,
    edition: str | None = "latest",
    data: Frames | None = None,
) -> pd.DataFrame:
    """One country's (or aggregate's) series of ``indicator`` from one edition.

    ``edition="latest"``: the most recent edition with any value for it. Columns: year,
    value, estimate, edition. Empty when the edition has nothing for it (Iceland).
    """
    data = data or Frames()
    frame = expenditure_table(data)
    order = edition_catalogue.order(data=data)
    code = str(iso3).upper()
    rows = frame.loc[(frame["iso3"] == code) & (frame["indicator"] == indicator)]
    if edition in (None, "latest"):
        having = [ed for ed in order if rows.loc[rows["edition"] == ed, "value"].notna().any()]
        if not having:
            return pd.DataFrame(columns=["year", "value", "estimate", "edition"])
        edition = having[-1]
    else:
        edition = edition_catalogue.check(edition, data=data)
    rows = rows.loc[(rows["edition"] == edition) & rows["value"].notna()].sort_values("year")
    return rows[["year", "value", "estimate", "edition"]].reset_index(drop=True)


def europe_canada_vs_us(
    edition: str | None = "latest",
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Defence expenditure of European Allies and Canada against the United States, per year.

    From one edition's current-US$ series (``"latest"``: the most recent edition with the
    Europe-and-Canada aggregate). Columns: year, europe_canada_usd_current_m,
    us_usd_current_m, us_share_of_total_pct (US ÷ (US + Europe and Canada)),
    europe_canada_share_of_gdp_pct, us_share_of_gdp_pct, edition.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    order = edition_catalogue.order(data=data)
    money = "defence_expenditure_usd_current_m"
    if edition in (None, "latest"):
        rows = frame.loc[(frame["iso3"] == EUROPE_CANADA) & (frame["indicator"] == money)
                         & frame["value"].notna()]
        having = [ed for ed in order if ed in set(rows["edition"])]
        if not having:
            raise ValueError("No edition reports the NATO Europe and Canada aggregate in US$")
        edition = having[-1]
    else:
        edition = edition_catalogue.check(edition, data=data)
    sel = frame.loc[(frame["edition"] == edition) & frame["iso3"].isin([EUROPE_CANADA, USA])
                    & frame["indicator"].isin([money, SHARE])]
    wide = sel.pivot_table(index="year", columns=["iso3", "indicator"], values="value",
                           aggfunc="first")

    def col(code: str, ind: str) -> pd.Series:
        return wide[(code, ind)] if (code, ind) in wide.columns else pd.Series(np.nan, wide.index)

    out = pd.DataFrame({
        "year": wide.index.astype(int),
        "europe_canada_usd_current_m": col(EUROPE_CANADA, money).to_numpy(),
        "us_usd_current_m": col(USA, money).to_numpy(),
        "europe_canada_share_of_gdp_pct": col(EUROPE_CANADA, SHARE).to_numpy(),
        "us_share_of_gdp_pct": col(USA, SHARE).to_numpy(),
    })
    total = out["europe_canada_usd_current_m"] + out["us_usd_current_m"]
    out.insert(3, "us_share_of_total_pct", 100 * out["us_usd_current_m"] / total)
    out["edition"] = edition
    return out.dropna(subset=["europe_canada_usd_current_m", "us_usd_current_m"],
                      how="all").reset_index(drop=True)


def required_annual_increase(
    target_pct: float = 3.5,
    target_year: int = 2035,
    *,
    base_year: int | None = None,
    edition: str | None = "latest",
    data: Frames | None = None,
) -> pd.DataFrame:
    """Percentage points of GDP per year each Ally must add to reach ``target_pct`` by ``target_year``.

    A straight line from the base-year share: (target − share) ÷ (target_year − base_year),
    0 for Allies already at or above. ``base_year=None``: the latest year complete in the
    edition (:func:`latest_complete_year`). Columns: iso3, country, base_year,
    share_of_gdp_pct, estimate, target_pct, target_year, gap_pct_points,
    required_pp_per_year, edition; largest requirement first.
    """
    data = data or Frames()
    if base_year is None:
        base_year = latest_complete_year(edition, data=data)
    base_year = int(base_year)
    target_year = int(target_year)
    if target_year <= base_year:
        raise ValueError(
            f"target_year {target_year} must be after the base year {base_year}. "
            f"Valid values: a year from {base_year + 1}"
        )
    table, _ = year_table(base_year, edition, [SHARE], data=data)
    table["base_year"] = base_year
    table["target_pct"] = float(target_pct)
    table["target_year"] = target_year
    table["gap_pct_points"] = (float(target_pct) - table[SHARE]).clip(lower=0)
    table["required_pp_per_year"] = table["gap_pct_points"] / (target_year - base_year)
    table = highest_first(table, "required_pp_per_year")
    cols = ["iso3", "country", "base_year", SHARE, "estimate", "target_pct", "target_year",
            "gap_pct_points", "required_pp_per_year", "edition"]
    return table[cols].reset_index(drop=True)


def revisions(
    year: int,
    indicator: str = SHARE,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """How the value for ``year`` changed from edition to edition, per Ally.

    One column per edition that reports the year (oldest first, named by edition), then
    n_editions, first_value, last_value and revision (last − first, in the indicator's
    unit); Allies of the year only; largest absolute revision first. Editions may differ
    in definition (the 2026 edition reports core defence expenditure), so a revision can
    be a change of definition as well as of estimate.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    order = edition_catalogue.order(data=data)
    year = int(year)
    allies = allies_in_year(year, data=data)
    rows = frame.loc[(frame["year"] == year) & (frame["indicator"] == indicator)
                     & frame["iso3"].isin(allies) & frame["value"].notna()]
    eds = [ed for ed in order if ed in set(rows["edition"])]
    if not eds:
        raise ValueError(f"No edition reports {indicator} for {year}")
    wide = rows.pivot_table(index="iso3", columns="edition", values="value", aggfunc="first")
    wide = wide.reindex(index=allies, columns=eds)
    names = country_names(data)
    out = pd.DataFrame({"iso3": allies, "country": [name_of(c, names) for c in allies]})
    for ed in eds:
        out[ed] = wide[ed].to_numpy()
    values = out[eds]
    out["n_editions"] = values.notna().sum(axis=1).astype(int)
    out["first_value"] = values.bfill(axis=1).iloc[:, 0]
    out["last_value"] = values.ffill(axis=1).iloc[:, -1]
    out["revision"] = (out["last_value"] - out["first_value"]).where(out["n_editions"] >= 2)
    out["_abs"] = out["revision"].abs()
    out = out.sort_values(["_abs", "country"], ascending=[False, True], na_position="last")
    return out.drop(columns="_abs").reset_index(drop=True)
