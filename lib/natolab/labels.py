"""How values read in text: days, months, source dates, troop figures, amounts, counts, names.

One place for the formatting that sentences, chart labels and report pages share, so a
day reads "18 February 1952", an edition "June 2024" and a troop figure "~50,000"
wherever they appear. It imports nothing of natolab and no pandas: the data layer and
the report runner's main process (:mod:`natolab.reports.credits`) use it too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["counted", "date_in_words", "date_words", "day_label", "month_in_words", "plural", "source_date_when",
           "troops_label", "usd_millions", "with_article", "year_span"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")


def month_in_words(edition: str) -> str:
    """``"2024-06"`` -> ``"June 2024"``; anything else (a commit, "2024-13") unchanged."""
    match = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", str(edition))
    return f"{_MONTHS[int(match.group(2)) - 1]} {match.group(1)}" if match else str(edition)


def day_label(day: dt.date | str) -> str:
    """'18 February 1952' (no leading zero, English month) for a date, a timestamp or "YYYY-MM-DD".

    A parameter's ``None`` (the data's date) is resolved at the edge
    (:func:`natolab.dates.to_timestamp`), never here.
    """
    if not isinstance(day, dt.date):  # pandas Timestamps are dates too
        try:
            day = dt.date.fromisoformat(str(day)[:10])
        except ValueError:
            raise ValueError(f"cannot read {day!r} as a day; give YYYY-MM-DD, e.g. '2024-03-07'") from None
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def date_in_words(day: str | dt.date | None) -> str:
    """``"2026-11-28"`` -> ``"28 November 2026"`` (as a report header writes it); "" if unknown,
    and text that is not a day unchanged."""
    if day is None:
        return ""
    try:
        return day_label(day)
    except ValueError:
        return str(day)


def date_words(label: str) -> str:
    """A source's date label in words: '2022-06-28' → '28 June 2022', '2022-11' → 'November 2022'."""
    parts = str(label).split("-")
    if len(parts) == 3:
        return day_label(label)
    if len(parts) == 2:
        return month_in_words(label)
    return str(label)

def source_date_when(label: str) -> str:
    """'on 28 June 2022', 'in November 2022', 'in 2023': a source's date label with its preposition."""
    words = date_words(label)
    return f"on {words}" if len(str(label).split("-")) == 3 else f"in {words}"

def plural(n: int, one: str, many: str) -> str:
    """``one`` when ``n`` is 1, else ``many`` ('Ally was' / 'Allies were')."""
    return one if n == 1 else many

def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 country', '3 countries' (``many`` defaults to ``one`` + 's')."""
    return f"{n} {plural(n, one, many or one + 's')}"

def year_span(labels: Iterable[object]) -> str:
    """"2014–2026e" for a run of year labels, "2025e" when there is only one year."""
    items = [str(label) for label in labels]
    if not items:
        return ""
    return items[0] if items[0] == items[-1] else f"{items[0]}–{items[-1]}"

def usd_millions(value_m: float) -> str:
    """An amount given in US$ million, in words a reader takes in: "US$ 337 million",
    "US$ 4.2 billion", "US$ 413 billion" (billions from 1,000 million up)."""
    if abs(value_m) < 1000:
        return f"US$ {value_m:,.0f} million"
    billions = value_m / 1000
    return f"US$ {billions:,.1f} billion" if abs(billions) < 10 else f"US$ {billions:,.0f} billion"

def with_article(name: str, *, start: bool = False) -> str:
    """A country name as English writes it in running text: 'the United States', 'the
    Netherlands', 'the Slovak Republic', 'the Republic of Moldova'; 'Belgium' unchanged. ``start`` capitalises the
    article for the beginning of a sentence."""
    takes_article = (name.startswith(("United ", "Republic ")) or name == "Netherlands"
                     or name.endswith(" Republic"))
    if not takes_article:
        return name
    return f"{'The' if start else 'the'} {name}"


def troops_label(row: Any) -> str:
    """'50,000' prefixed '~' if approximate, '>' for a lower bound, '<' for an upper bound."""
    # A frame's row (pandas Series) or an itertuples row: both answer attribute access.
    kind, troops = row.figure_kind, row.troops
    prefix = {"approx": "~", "lower_bound": ">", "upper_bound": "<"}.get(str(kind), "")
    return f"{prefix}{int(troops):,}"
