"""Cell conventions shared by the facts builders: source-id lists, date precision, yes/no."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["date_precision", "split_ids", "true_false", "with_ids"]


def with_ids(source_ids: str, *extra: str) -> str:
    """``source_ids`` with the extra ids a curation note cites appended (no duplicates)."""
    ids = [i for i in source_ids.split(";") if i]
    return ";".join(ids + [i for i in extra if i and i not in ids])


def split_ids(values: Iterable[str]) -> set[str]:
    """Every source id named in ``values`` (each cell a ';'-separated list)."""
    return {part.strip() for value in values for part in str(value).split(";") if part.strip()}


def date_precision(date: str) -> str:
    """day, month or year for a date written ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; blank for none."""
    return {10: "day", 7: "month", 4: "year", 0: ""}[len(date)]


def true_false(value: str) -> str:
    """The raw files' yes/no as the catalogue's true/false; anything else fails."""
    mapping = {"yes": "true", "no": "false"}
    if value not in mapping:
        raise ValueError(f"expected yes/no, got {value!r}")
    return mapping[value]
