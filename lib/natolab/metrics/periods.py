"""Partial dates in the data ("1997", "2008-04", "2008-04-02"): their first and last day, and labels.

Reading a date *parameter* (``as_of``) is :mod:`natolab.dates`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

__all__ = ["add_period_columns", "date_label", "period_bounds"]


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
