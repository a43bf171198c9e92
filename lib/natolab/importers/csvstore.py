"""Reading, merging and atomically writing the curated spending CSVs.

The CSVs are written with the standard ``csv`` module, not pandas, so that the
text is fully determined by the rows: numbers are written with ``repr`` (the
shortest text that reads back to the same float), rows are sorted by the
primary key, line endings are ``\\n``. Re-running an import therefore gives a
byte-identical file.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from natolab import paths

__all__ = [
    "DEFENCE_EXPENDITURE_COLUMNS",
    "EDITIONS_COLUMNS",
    "SIPRI_COLUMNS",
    "MergeSummary",
    "data_dir_or_default",
    "format_number",
    "merge_editions",
    "read_mapping",
    "read_rows",
    "write_rows",
]

DEFENCE_EXPENDITURE_COLUMNS = (
    "edition", "iso3", "year", "indicator", "unit", "price_basis", "value", "estimate",
    "source_kind", "source", "note",
)  # fmt: skip
EDITIONS_COLUMNS = (
    "edition", "title", "publisher", "published", "data_cutoff_date", "years_covered",
    "estimate_years", "definition", "constant_price_base", "source_kind", "coverage_note",
)  # fmt: skip
SIPRI_COLUMNS = ("iso3", "year", "indicator", "value", "missing_reason", "edition")

Row = dict[str, str]


@dataclass(frozen=True)
class MergeSummary:
    """What a merge did to a CSV: keys new to the file, kept (value may change), dropped."""

    file: Path
    rows_written: int
    rows_added: int
    rows_replaced: int
    rows_removed: int

    def __str__(self) -> str:
        return (
            f"{self.file.name}: {self.rows_written} rows written "
            f"({self.rows_added} added, {self.rows_replaced} replaced, {self.rows_removed} removed)"
        )


def data_dir_or_default(data_dir: Path | str | None) -> Path:
    """The data directory to write to (``natolab.paths.DATA_DIR`` unless given)."""
    return Path(data_dir) if data_dir is not None else paths.DATA_DIR


def format_number(value: float | int | None) -> str:
    """Text for a numeric cell: blank for missing, integers without '.0', floats by ``repr``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, int):
        return str(value)
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def read_rows(file: Path) -> list[Row]:
    """Rows of a CSV as dicts of text ([] when the file does not exist yet)."""
    if not file.exists():
        return []
    with file.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_mapping(file: Path, group: str, key: str, value: str) -> dict[str, dict[str, str]]:
    """A mapping kept as a CSV (e.g. spellings by source): ``{row[group]: {row[key]: row[value]}}``, in file order."""
    mapping: dict[str, dict[str, str]] = {}
    for row in read_rows(file):
        mapping.setdefault(row[group], {})[row[key]] = row[value]
    return mapping


def write_rows(file: Path, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """Write rows atomically: a temporary file in the same folder, then rename over ``file``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({col: row.get(col, "") for col in columns})
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(buffer.getvalue())
        Path(tmp).replace(file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _defence_key(row: Row) -> tuple[str, str, int, str]:
    return (row["edition"], row["iso3"], int(row["year"]), row["indicator"])


def merge_editions(file: Path, new_rows: list[Row], editions: set[str]) -> MergeSummary:
    """Replace every row of ``editions`` in defence_expenditure.csv by ``new_rows``.

    Rows of other editions are kept as they are. Raises ``ValueError`` on a
    duplicate primary key among the new rows or a row outside ``editions``.
    """
    seen: set[tuple[str, str, int, str]] = set()
    for row in new_rows:
        if row["edition"] not in editions:
            raise ValueError(f"row of edition {row['edition']!r} outside {sorted(editions)}")
        key = _defence_key(row)
        if key in seen:
            raise ValueError(f"duplicate key (edition, iso3, year, indicator) = {key}")
        seen.add(key)
    old = read_rows(file)
    old_keys = {_defence_key(r) for r in old if r["edition"] in editions}
    kept = [r for r in old if r["edition"] not in editions]
    rows = sorted(kept + new_rows, key=_defence_key)
    write_rows(file, DEFENCE_EXPENDITURE_COLUMNS, rows)
    return MergeSummary(
        file=file,
        rows_written=len(new_rows),
        rows_added=len(seen - old_keys),
        rows_replaced=len(seen & old_keys),
        rows_removed=len(old_keys - seen),
    )


def save_tables(tables: Mapping[str, Any], names: Sequence[str], data_dir: Path | str | None = None) -> list[Path]:
    """Write each of ``names`` (pandas frames in ``tables``) as ``<name>.csv`` in ``data_dir``
    (default ``data/``): UTF-8,
    LF line ends, blanks as empty cells, no index. Returns the paths written."""
    target = data_dir_or_default(data_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        path = target / f"{name}.csv"
        tables[name].to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append(path)
    return written
