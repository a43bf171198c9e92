"""The checked tables the spending metrics read, computed once per :class:`~natolab.metrics.frames.Frames` object.

The spending metrics take ``data: Frames | None`` like every metric: the resources
``defence_expenditure`` (all editions), ``editions``, ``members``, ``countries`` and
``sipri_milex``, given (tests) or else bundled. :func:`expenditure_table`
and :func:`sipri_table` type and check them once per object (:meth:`Frames.derived`), so
pass the same object down a chain of calls; the edition order is :func:`natolab.editions.order`.
The helpers below are shared by the spending modules: the rows of one edition's year,
the Allies of a year, and the checks that name valid years and editions.
"""

from __future__ import annotations

import pandas as pd

from natolab import countries
from natolab.metrics.frames import Frames

__all__ = ["allies_in_year"]

#: The headline indicator: defence expenditure as a share of GDP.
SHARE = "share_of_gdp_pct"
#: NATO's aggregate of the European Allies and Canada, and the United States, in the expenditure tables.
EUROPE_CANADA = "NATO_EUROPE_CANADA"
USA = "USA"

_EXPENDITURE_COLUMNS = ["edition", "iso3", "year", "indicator", "value"]


def _typed(table: pd.DataFrame, codes: tuple[str, ...]) -> pd.DataFrame:
    """A copy with ``codes`` as text, ``year`` as int and ``value`` as float."""
    table = table.copy()
    for col in codes:
        table[col] = table[col].astype(str)
    table["year"] = table["year"].astype("int64")
    table["value"] = pd.to_numeric(table["value"]).astype("float64")
    return table


def _expenditure_table(data: Frames) -> pd.DataFrame:
    table = _typed(data.checked("defence_expenditure", _EXPENDITURE_COLUMNS), ("edition", "iso3", "indicator"))
    if "estimate" not in table.columns:
        table["estimate"] = pd.NA
    return table


def expenditure_table(data: Frames) -> pd.DataFrame:
    """``defence_expenditure`` (all editions), typed: text codes, int years, float values, an estimate column."""
    return data.derived(_expenditure_table)


def _sipri_table(data: Frames) -> pd.DataFrame:
    return _typed(data.checked("sipri_milex", ["iso3", "year", "indicator", "value"]), ("iso3", "indicator"))


def sipri_table(data: Frames) -> pd.DataFrame:
    """``sipri_milex``, typed: text codes and indicators, int years, float values."""
    return data.derived(_sipri_table)


def allies_in_year(year: int, *, data: Frames | None = None) -> list[str]:
    """ISO3 codes of the Allies by the end of ``year`` (accession on or before 31 December).

    Spending is reported per calendar (or fiscal) year, so an Ally that joined during
    the year (Sweden, March 2024) counts for that year.
    """
    return sorted(countries.allies(pd.Timestamp(year=int(year), month=12, day=31), data=data))


def check_year(year: int, frame: pd.DataFrame, what: str = "year") -> int:
    """``year`` as an int if some edition of ``frame`` has a share of GDP for it; else ValueError naming the span."""
    years = sorted(set(frame.loc[frame["indicator"] == SHARE, "year"]))
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValueError(f"{what} {year!r} is not a year") from None
    if year not in years:
        span = f"{years[0]} to {years[-1]}" if years else "none"
        raise ValueError(f"No NATO share-of-GDP data for {what} {year}. Valid years: {span}")
    return year


def values(frame: pd.DataFrame, edition: str, year: int | None, indicator: str) -> pd.DataFrame:
    """The rows of ``indicator`` in ``edition`` (of ``year`` only, when given)."""
    rows = frame.loc[(frame["edition"] == edition) & (frame["indicator"] == indicator)]
    if year is not None:
        rows = rows.loc[rows["year"] == int(year)]
    return rows


def reported(frame: pd.DataFrame, edition: str, year: int, indicator: str = SHARE) -> set[str]:
    """ISO3 codes with a value of ``indicator`` in ``edition``'s ``year``."""
    rows = values(frame, edition, year, indicator)
    return set(rows.loc[rows["value"].notna(), "iso3"])
