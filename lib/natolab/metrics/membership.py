"""Who was an Ally (and who an EU member) on a given day, and how the Alliance grew.

Every function reads its resources from one keyword-only ``data``
(:class:`~natolab.metrics.frames.Frames`; ``None`` = the bundled resources), so tests
can pass small synthetic frames. Dates are inclusive: a country that deposited its
instrument of accession on day D is an Ally on day D; an EU member is counted from the
day its accession treaty entered into force to its exit date (its last day) inclusive.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from natolab import countries
from natolab.dates import DateLike, to_timestamp
from natolab.metrics.frames import Frames, country_names, join_names, name_of

__all__ = [
    "count_members",
    "enlargement_rounds",
    "eu_members_on",
    "members_on",
    "membership_timeline",
]

_MEMBER_COLUMNS = ["iso3", "accession_date", "enlargement_round", "round_number"]
_EU_COLUMNS = ["iso3", "eu_accession_date", "eu_exit_date"]


def _members(data: Frames) -> pd.DataFrame:
    table = data.checked("members", _MEMBER_COLUMNS)
    out = table.copy()
    out["accession_date"] = pd.to_datetime(out["accession_date"])
    return out


def _members_until(day: pd.Timestamp, data: Frames) -> pd.DataFrame:
    """Rows of the Allies on ``day``, as :func:`natolab.countries.allies` counts them."""
    table = _members(data)
    return table.loc[table["iso3"].isin(countries.allies(day, data=data))]


def _named_in_order(rows: pd.DataFrame, date_column: str, columns: list[str], data: Frames) -> pd.DataFrame:
    """``rows`` with readable country names, in order of ``date_column`` then name."""
    names = country_names(data)
    out = rows.copy()
    out["country"] = [name_of(code, names) for code in out["iso3"]]
    out = out.sort_values([date_column, "country"], kind="stable")
    return out[columns].reset_index(drop=True)


def _joining_groups(
    table: pd.DataFrame, by: str, data: Frames
) -> Iterator[tuple[Any, pd.DataFrame, list[str], int]]:
    """Groups of ``table`` by ``by`` in order: (key, group, sorted readable names, Allies after it)."""
    names = country_names(data)
    total = 0
    for key, group in table.groupby(by, sort=True):
        joined = sorted(name_of(code, names) for code in group["iso3"])
        total += len(joined)
        yield key, group, joined, total


def members_on(date: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Allies on ``date`` (accession_date <= date; ``None`` = the data's date), in order of accession.

    Columns: iso3, country, accession_date, enlargement_round, round_number.
    """
    data = data or Frames()
    allies = _members_until(to_timestamp(date, "date"), data)
    columns = ["iso3", "country", "accession_date", "enlargement_round", "round_number"]
    return _named_in_order(allies, "accession_date", columns, data)


def count_members(date: DateLike = None, *, data: Frames | None = None) -> int:
    """Number of Allies on ``date`` (``None`` = the data's date)."""
    return len(_members_until(to_timestamp(date, "date"), data or Frames()))


def membership_timeline(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """One row per accession day up to ``as_of``: date, n_allies (after that day), n_joined, round, event.

    ``event`` is a readable line such as "Greece and Türkiye join".
    """
    data = data or Frames()
    table = _members_until(to_timestamp(as_of, "as_of"), data)
    rows = []
    for date, group, joined, total in _joining_groups(table, "accession_date", data):
        round_number = int(group["round_number"].min())
        if round_number == 0:
            event = f"{len(joined)} founding Allies sign the North Atlantic Treaty"
        else:
            event = f"{join_names(joined)} join{'s' if len(joined) == 1 else ''}"
        rows.append(
            {
                "date": date,
                "n_allies": total,
                "n_joined": len(joined),
                "round_number": round_number,
                "enlargement_round": str(group["enlargement_round"].iloc[0]),
                "event": event,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=["date", "n_allies", "n_joined", "round_number", "enlargement_round", "event"],
    )
    out["date"] = pd.to_datetime(out["date"])
    return out


def enlargement_rounds(
    as_of: DateLike = None,
    *,
    include_founders: bool = False,
    data: Frames | None = None,
) -> pd.DataFrame:
    """The enlargement rounds completed by ``as_of`` (founders as round 0 only if asked).

    Columns: round (1..10; 0 = founders), round_label, year, accession_date (first day
    of the round), countries (readable names), n_joined, n_after (Allies after the round).
    """
    data = data or Frames()
    table = _members_until(to_timestamp(as_of, "as_of"), data)
    rows = []
    for number, group, joined, total in _joining_groups(table, "round_number", data):
        first = group["accession_date"].min()
        rows.append(
            {
                "round": int(number),
                "round_label": str(group["enlargement_round"].iloc[0]),
                "year": int(first.year),
                "accession_date": first,
                "countries": ", ".join(joined),
                "n_joined": len(joined),
                "n_after": total,
            }
        )
    columns = ["round", "round_label", "year", "accession_date", "countries", "n_joined", "n_after"]
    out = pd.DataFrame(rows, columns=columns)
    out["accession_date"] = pd.to_datetime(out["accession_date"])
    if not include_founders:
        out = out.loc[out["round"] > 0].reset_index(drop=True)
    return out


def eu_members_on(date: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """EEC/EC/EU members on ``date``: accession <= date and (no exit or exit >= date).

    ``eu_accession_date`` is the day the accession treaty entered into force, the first day
    of membership; ``eu_exit_date`` is the last day of membership: the United Kingdom left
    at 23:00 GMT on 31 January 2020, midnight in Brussels at the end of that day, so it is
    counted as a member on 31 January and outside from 1 February 2020 (docs/data-model.md,
    "Dates").
    Columns: iso3, country, eu_accession_date, eu_exit_date.
    """
    day = to_timestamp(date, "date")
    data = data or Frames()
    table = data.checked("eu_membership", _EU_COLUMNS)
    table = table.copy()
    table["eu_accession_date"] = pd.to_datetime(table["eu_accession_date"])
    table["eu_exit_date"] = pd.to_datetime(table["eu_exit_date"])
    in_eu = (table["eu_accession_date"] <= day) & (table["eu_exit_date"].isna() | (table["eu_exit_date"] >= day))
    columns = ["iso3", "country", "eu_accession_date", "eu_exit_date"]
    return _named_in_order(table.loc[in_eu], "eu_accession_date", columns, data)
