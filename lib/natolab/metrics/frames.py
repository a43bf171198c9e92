"""Frame helpers shared by metrics, narrative, charts and maps: the resources a function reads, country names.

Every library function that reads curated resources takes them as one keyword-only
``data: Frames | None = None`` (:class:`natolab.resources.Frames`, re-exported here):
tests and notebooks pass synthetic or edited frames by resource name, ``None`` means
the bundled resources. A function's real inputs (a table it describes, codes to
highlight) stay ordinary arguments.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from natolab.resources import Frames, require_columns

__all__ = ["Frames", "country_names", "join_names", "name_of", "require_columns", "split_codes"]


def country_names(data: Frames | None = None) -> dict[str, str]:
    """Map ISO3 → English short name as NATO writes it (from the ``countries`` resource)."""
    table = (data or Frames()).checked("countries", ["iso3", "name"])
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
