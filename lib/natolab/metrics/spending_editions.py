"""Which edition and which year a spending figure comes from: the latest complete edition, the years it reports.

NATO publishes defence expenditure in editions; a later edition revises earlier
years and may change the definition (the 2026 edition reports *core* defence
expenditure for the whole series) or the price base. So every spending metric
works on **one edition at a time** and says which one in an ``edition`` column.
``edition="latest"`` means :func:`default_edition` of the year asked for: the most
recent edition that reports every Ally that any edition reports for that year —
never a patchwork of values from different editions.
"""

from __future__ import annotations

from natolab import editions as edition_catalogue
from natolab.metrics.frames import Frames
from natolab.metrics.spending_data import (
    SHARE,
    allies_in_year,
    check_year,
    expenditure_table,
    reported,
    values,
)

__all__ = [
    "default_edition",
    "edition_for",
    "edition_years",
    "latest_complete_year",
    "path_base_year",
]


def default_edition(year: int, *, data: Frames | None = None) -> str:
    """The latest edition that reports a share of GDP for every Ally of ``year``.

    "Every Ally" means every Ally of that year that *any* edition reports (Iceland
    reports none, so it is never required). If no edition is complete, the edition
    reporting the most Allies (the latest of equals) is returned.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    order = edition_catalogue.order(data=data)
    year = check_year(year, frame)
    allies = set(allies_in_year(year, data=data))
    coverage = {ed: reported(frame, ed, year) & allies for ed in order}
    required = set().union(*coverage.values())
    complete = [ed for ed in order if coverage[ed] >= required]
    if complete:
        return complete[-1]
    best = max(len(c) for c in coverage.values())
    return [ed for ed in order if len(coverage[ed]) == best][-1]


def resolve_edition(edition: str | None, year: int, data: Frames) -> str:
    """``edition``, checked; ``None`` or ``"latest"``: :func:`default_edition` of ``year``."""
    if edition in (None, "latest"):
        return default_edition(year, data=data)
    return edition_catalogue.check(edition, data=data)


def edition_years(edition: str, indicator: str = SHARE, *, data: Frames | None = None) -> list[int]:
    """Years for which ``edition`` has at least one value of ``indicator``."""
    data = data or Frames()
    return edition_catalogue.years(edition, indicator, data=data)


def edition_for(
    indicator: str,
    year: int,
    preferred: str,
    *,
    iso3: str | None = None,
    min_values: int = 1,
    data: Frames | None = None,
) -> str:
    """``preferred`` if it reports ``indicator`` for ``year``, else the latest edition that does.

    "Reports" means at least ``min_values`` values (of ``iso3`` alone when given, e.g.
    an aggregate). Some editions were only partly transcribed (e.g. no per-capita
    table): a notebook uses this to pick an edition for one chart and *says* when it
    differs from the edition of the rest. Raises ValueError when no edition reports it.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    order = edition_catalogue.order(data=data)
    preferred = edition_catalogue.check(preferred, data=data)
    if iso3 is not None:
        frame = frame.loc[frame["iso3"] == str(iso3).upper()]

    def count(ed: str) -> int:
        return int(values(frame, ed, year, indicator)["value"].notna().sum())

    having = [ed for ed in order if count(ed) >= max(1, min_values)]
    if preferred in having:
        return preferred
    if not having:
        raise ValueError(f"No edition reports {indicator} for {year}")
    return having[-1]


def latest_complete_year(edition: str | None = None, *, data: Frames | None = None) -> int:
    """The most recent year whose share of GDP is reported for every reporting Ally.

    With ``edition`` given, completeness is judged within that edition; with ``None``
    across all editions (there is then some edition complete for that year).
    """
    return _latest_complete(edition, None, data or Frames())


def path_base_year(edition: str | None, target_year: int, *, data: Frames | None = None) -> int:
    """Start of the path to a target: the latest complete year of ``edition`` before ``target_year``."""
    return _latest_complete(edition, int(target_year), data or Frames())


def _latest_complete(edition: str | None, before: int | None, data: Frames) -> int:
    frame = expenditure_table(data)
    order = edition_catalogue.order(data=data)
    eds = order if edition in (None, "latest") else [edition_catalogue.check(edition, data=data)]
    years = sorted(set(frame.loc[frame["indicator"] == SHARE, "year"]), reverse=True)
    for year in years:
        if before is not None and year >= before:
            continue
        allies = set(allies_in_year(year, data=data))
        required = set().union(*(reported(frame, ed, year) for ed in order)) & allies
        if any(required and reported(frame, ed, year) >= required for ed in eds):
            return int(year)
    limit = f" before {before}" if before is not None else ""
    raise ValueError(f"No year{limit} is complete in edition {edition}")
