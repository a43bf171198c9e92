"""Cell conventions shared by the facts builders: source-id lists, date precision, yes/no,
the raw files' vocabularies, and tables copied from raw columns."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from natolab.importers import csvstore

__all__ = ["VOCABULARIES_FILE", "curated_table", "date_precision", "split_ids", "true_false", "vocabulary", "with_ids"]

VOCABULARIES_FILE = Path(__file__).with_name("vocabularies.csv")


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


@functools.cache
def _vocabularies() -> dict[str, dict[str, str]]:
    return csvstore.read_mapping(VOCABULARIES_FILE, "vocabulary", "raw", "curated")


def vocabulary(name: str) -> dict[str, str]:
    """A raw file's value (as written) -> our value, from ``vocabularies.csv``; KeyError for an unknown ``name``."""
    return dict(_vocabularies()[name])


def curated_table(
    src: pd.DataFrame, columns: str, renamed: dict[str, str] | None = None, **computed: object
) -> pd.DataFrame:
    """The output table with ``columns`` (space-separated, in order): each the raw column of that
    name, or of the name ``renamed`` gives it, unless ``computed`` gives its values."""
    renamed = renamed or {}
    return pd.DataFrame(
        {column: computed[column] if column in computed else src[renamed.get(column, column)]
         for column in columns.split()}
    )
