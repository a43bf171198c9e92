"""Date helpers shared by metrics, narrative, charts and maps: reading a date parameter, partial dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd

DateLike = str | dt.date | pd.Timestamp | None

# The North Atlantic Treaty was signed on 4 April 1949: no Ally exists before that day.
TREATY_SIGNED = pd.Timestamp("1949-04-04")


def to_timestamp(value: DateLike, name: str = "date") -> pd.Timestamp:
    """Read ``value`` as a day; ``None`` means the data's date (``data.data_as_of``), as it
    does for notebook parameters, so no output depends on the wall clock. Raises ValueError
    naming ``name``."""
    if value is None:
        from natolab import data  # late: data is the layer below metrics

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


def date_label(value: object) -> str:
    """A date cell as its source dates it ("2022-11", "2018"), days as YYYY-MM-DD; blank as ''."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | dt.date):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    return str(value).strip()


def period_bounds(value: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a partial date string ("1997", "2008-04", "2008-04-02").

    Blank or missing values give ``(NaT, NaT)``. Sources often give only a month or a
    year; keeping both ends lets a caller decide what "on or before a date" means.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return pd.NaT, pd.NaT
    if isinstance(value, pd.Timestamp | dt.date):
        day = pd.Timestamp(value).normalize()
        return day, day
    text = str(value).strip()
    if not text:
        return pd.NaT, pd.NaT
    parts = text.split("-")
    try:
        if len(parts) == 1:
            start = pd.Timestamp(year=int(parts[0]), month=1, day=1)
            return start, pd.Timestamp(year=start.year, month=12, day=31)
        if len(parts) == 2:
            start = pd.Timestamp(year=int(parts[0]), month=int(parts[1]), day=1)
            return start, start + pd.offsets.MonthEnd(0)
        day = pd.Timestamp(text).normalize()
    except ValueError as exc:
        raise ValueError(f"cannot read partial date {text!r}; expected YYYY, YYYY-MM or YYYY-MM-DD") from exc
    return day, day


def add_period_columns(frame: pd.DataFrame, column: str, prefix: str) -> pd.DataFrame:
    """Add ``<prefix>_first`` and ``<prefix>_last`` (datetime64) for a partial-date column."""
    out = frame.copy()
    bounds = [period_bounds(v) for v in out[column]]
    out[f"{prefix}_first"] = pd.to_datetime(pd.Series([b[0] for b in bounds], index=out.index))
    out[f"{prefix}_last"] = pd.to_datetime(pd.Series([b[1] for b in bounds], index=out.index))
    return out
