"""Frame helpers shared by metrics, narrative, charts and maps: a resource unless a frame is given, country names."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def frame_or_load(frame: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """Return ``frame`` if given (unit tests pass small synthetic frames), else load ``name``."""
    if frame is not None:
        return frame
    from natolab import data  # imported late: the metrics stay importable without the data layer

    return data.load(name)


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise ValueError naming the missing columns of ``what``."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}; has {', '.join(map(str, frame.columns))}")


def country_names(countries: pd.DataFrame | None = None) -> dict[str, str]:
    """Map ISO3 → English short name as NATO writes it (from the ``countries`` resource)."""
    table = frame_or_load(countries, "countries")
    require_columns(table, ["iso3", "name"], "countries")
    return dict(zip(table["iso3"].astype(str), table["name"].astype(str), strict=True))


def name_of(iso3: str, names: dict[str, str]) -> str:
    """Readable name of ``iso3``; the code itself if the country table does not know it."""
    return names.get(iso3, iso3)


def split_codes(value: object) -> list[str]:
    """The ISO3 codes of a ';'-separated list cell, in the order written; blank gives []."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return []
    return [code.strip() for code in str(value).split(";") if code.strip()]


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C' — for sentences and table cells."""
    items = list(names)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
