"""SIPRI military expenditure: the long run since 1949, the Alliance of each year, one country beside NATO's figures.

SIPRI's definition is not NATO's: these series are never joined to a NATO series
without saying so (:func:`country_long_run` keeps the two in separate columns).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from natolab.metrics.frames import Frames, country_names, name_of
from natolab.metrics.spending_data import SHARE, USA, allies_in_year, sipri_table
from natolab.metrics.spending_series import country_series

__all__ = [
    "COLD_WAR_END",
    "country_long_run",
    "sipri_allies_by_year",
    "sipri_series",
]

#: Last year of the Cold War for chart context (the Soviet Union was dissolved in December 1991).
COLD_WAR_END = 1991


def sipri_series(
    countries_filter: Iterable[str] | None = None,
    indicator: str = SHARE,
    *,
    start: int = 1949,
    end: int | None = None,
    data: Frames | None = None,
) -> pd.DataFrame:
    """SIPRI military expenditure, long form: year, iso3, country, value (SIPRI definition).

    Not the NATO definition: never join it to a NATO series without saying so.
    Years with no SIPRI value are dropped.
    """
    data = data or Frames()
    table = sipri_table(data)
    valid = sorted(set(table["indicator"]))
    if indicator not in valid:
        raise ValueError(f"Unknown SIPRI indicator {indicator!r}. Valid indicators: {', '.join(valid)}")
    rows = table.loc[(table["indicator"] == indicator) & table["value"].notna()
                     & (table["year"] >= int(start))]
    if end is not None:
        rows = rows.loc[rows["year"] <= int(end)]
    if countries_filter is not None:
        rows = rows.loc[rows["iso3"].isin({str(c).upper() for c in countries_filter})]
    names = country_names(data)
    out = rows[["year", "iso3", "value"]].copy()
    out.insert(2, "country", [name_of(c, names) for c in out["iso3"]])
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


def sipri_allies_by_year(
    indicator: str = SHARE,
    *,
    start: int = 1949,
    data: Frames | None = None,
) -> pd.DataFrame:
    """The Alliance of each year in SIPRI figures: the United States against the other Allies.

    For each year, the Allies *of that year* (so the Cold War Alliance of 12–16, not
    today's 32): us_value, other_allies_median, other_allies_min, other_allies_max,
    n_allies, n_other_reported. SIPRI definition, share of GDP by default.
    """
    data = data or Frames()
    table = sipri_table(data)
    rows = table.loc[(table["indicator"] == indicator) & (table["year"] >= int(start))]
    out = []
    for year, group in rows.groupby("year"):
        allies = set(allies_in_year(int(year), data=data))
        values = group.loc[group["iso3"].isin(allies)].set_index("iso3")["value"]
        others = values.drop(labels=[USA], errors="ignore").dropna()
        out.append({
            "year": int(year),
            "n_allies": len(allies),
            "us_value": float(values.get(USA, np.nan)),
            "other_allies_median": float(others.median()) if len(others) else np.nan,
            "other_allies_min": float(others.min()) if len(others) else np.nan,
            "other_allies_max": float(others.max()) if len(others) else np.nan,
            "n_other_reported": len(others),
        })
    return pd.DataFrame(out)


def country_long_run(
    iso3: str,
    *,
    edition: str | None = "latest",
    data: Frames | None = None,
) -> pd.DataFrame:
    """SIPRI and NATO shares of GDP side by side for one country: two columns, never one line.

    Columns: year, sipri_share_of_gdp_pct, nato_share_of_gdp_pct, nato_edition (the
    edition of :func:`country_series`); every year either source has.
    """
    data = data or Frames()
    code = str(iso3).upper()
    sip = sipri_series([code], data=data.replace(countries=pd.DataFrame({"iso3": [], "name": []})))
    nato = country_series(code, edition=edition, data=data)
    out = pd.DataFrame({"year": sorted({*sip["year"].astype(int), *nato["year"].astype(int)})})
    out["sipri_share_of_gdp_pct"] = out["year"].map(dict(zip(sip["year"].astype(int),
                                                             sip["value"], strict=True)))
    out["nato_share_of_gdp_pct"] = out["year"].map(dict(zip(nato["year"].astype(int),
                                                            nato["value"], strict=True)))
    out["nato_edition"] = nato["edition"].iloc[0] if len(nato) else pd.NA
    out[["sipri_share_of_gdp_pct", "nato_share_of_gdp_pct"]] = out[
        ["sipri_share_of_gdp_pct", "nato_share_of_gdp_pct"]].astype("float64")
    return out
