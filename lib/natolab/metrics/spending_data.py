"""The frames the spending metrics read, in one object: given ones (tests) or else the bundled resources.

:class:`SpendingData` holds the optional frames (``expenditure`` = the
``defence_expenditure`` resource with all editions, ``editions``, ``members``,
``countries``, ``sipri``); each is loaded through :func:`natolab.data.load` when it
is not given, so tests can pass small synthetic frames, and typed and checked once
per object. The helpers below are shared by the spending modules: the rows of one
edition's year, the Allies of a year, and the checks that name valid years and editions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from natolab import editions as edition_catalogue
from natolab.metrics.frames import frame_or_load, require_columns

__all__ = ["SpendingData", "allies_in_year"]

#: The headline indicator: defence expenditure as a share of GDP.
SHARE = "share_of_gdp_pct"
#: NATO's aggregate of the European Allies and Canada, and the United States, in the expenditure tables.
EUROPE_CANADA = "NATO_EUROPE_CANADA"
USA = "USA"

_EXPENDITURE_COLUMNS = ["edition", "iso3", "year", "indicator", "value"]


@dataclass(frozen=True, eq=False)
class SpendingData:
    """The frames a spending metric reads; ``None`` = load the resource of that name when first needed.

    Frozen, compared by identity (frames have no single truth value); the checked frames
    are computed once per object, so pass the same object down a chain of calls.
    """

    expenditure: pd.DataFrame | None = None
    editions: pd.DataFrame | None = None
    members: pd.DataFrame | None = None
    countries: pd.DataFrame | None = None
    sipri: pd.DataFrame | None = None

    @cached_property
    def expenditure_table(self) -> pd.DataFrame:
        """``defence_expenditure`` (all editions), typed: text codes, int years, float values, an estimate column."""
        table = frame_or_load(self.expenditure, "defence_expenditure")
        require_columns(table, _EXPENDITURE_COLUMNS, "defence_expenditure")
        table = table.copy()
        for col in ("edition", "iso3", "indicator"):
            table[col] = table[col].astype(str)
        table["year"] = table["year"].astype("int64")
        table["value"] = pd.to_numeric(table["value"]).astype("float64")
        if "estimate" not in table.columns:
            table["estimate"] = pd.NA
        return table

    @cached_property
    def edition_order(self) -> list[str]:
        """Editions oldest first (:func:`natolab.editions.order` of the editions and the expenditure table)."""
        return edition_catalogue.order(editions=self.editions, expenditure=self.expenditure_table)

    @cached_property
    def member_table(self) -> pd.DataFrame:
        """The ``members`` frame (ISO3 and accession date per Ally)."""
        table = frame_or_load(self.members, "members")
        require_columns(table, ["iso3", "accession_date"], "members")
        return table

    @cached_property
    def sipri_table(self) -> pd.DataFrame:
        """``sipri_milex``, typed: text codes and indicators, int years, float values."""
        table = frame_or_load(self.sipri, "sipri_milex")
        require_columns(table, ["iso3", "year", "indicator", "value"], "sipri_milex")
        table = table.copy()
        table["iso3"] = table["iso3"].astype(str)
        table["indicator"] = table["indicator"].astype(str)
        table["year"] = table["year"].astype("int64")
        table["value"] = pd.to_numeric(table["value"]).astype("float64")
        return table


def allies_in_year(year: int, *, data: SpendingData | None = None) -> list[str]:
    """ISO3 codes of the Allies by the end of ``year`` (accession on or before 31 December).

    Spending is reported per calendar (or fiscal) year, so an Ally that joined during
    the year (Sweden, March 2024) counts for that year.
    """
    table = (data or SpendingData()).member_table
    joined = pd.to_datetime(table["accession_date"])
    mask = joined <= pd.Timestamp(year=int(year), month=12, day=31)
    return sorted(table.loc[mask, "iso3"].astype(str))


def check_edition(edition: str, order: list[str]) -> str:
    """``edition`` as a string if it is in ``order``; else ValueError naming the valid editions."""
    if str(edition) not in order:
        raise ValueError(
            f"Unknown edition {edition!r}. Valid editions: latest, {', '.join(order)}"
        )
    return str(edition)


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
