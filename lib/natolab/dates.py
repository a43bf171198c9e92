"""Days as parameters: reading ``as_of`` and every other date a caller gives, once, at the edge.

``None`` means the data's date (:func:`natolab.data.data_as_of`) everywhere, so no output
depends on the wall clock. Countries, metrics, narrative, charts, maps and the parameter
checks all read a day here; partial dates *in the data* ("2022-11", "2018") are
:mod:`natolab.metrics.periods`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

__all__ = ["TREATY_SIGNED", "DateLike", "to_timestamp"]

DateLike = str | dt.date | pd.Timestamp | None

# The North Atlantic Treaty was signed on 4 April 1949: no Ally exists before that day.
TREATY_SIGNED = pd.Timestamp("1949-04-04")


def to_timestamp(value: DateLike, name: str = "date") -> pd.Timestamp:
    """Read ``value`` as a day; ``None`` means the data's date (``data.data_as_of``), as it
    does for notebook parameters, so no output depends on the wall clock. Raises ValueError
    naming ``name``."""
    if value is None:
        from natolab import data  # late: only None needs the catalogue; a given day reads without it

        return data.data_as_of()
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{name}: cannot read {value!r} as a date; give YYYY-MM-DD, e.g. '2024-03-07'") from exc
    if pd.isna(stamp):
        raise ValueError(f"{name}: {value!r} is not a date; give YYYY-MM-DD, e.g. '2024-03-07'")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize()
