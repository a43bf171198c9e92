"""Curate SIPRI's 2025 figures for NATO Allies (fact sheet of April 2026) into ``data/``.

Reads the Markdown table of section 2 of ``shared/sources/facts/sipri_2026.md``: a
[low] transcription (U26-43) of Table 1 (top 40 spenders) of SIPRI's fact sheet
*Trends in World Military Expenditure, 2025*, one row per Ally in the top 40 (18),
and writes ``data/sipri_factsheet_2025.csv``.

Values are copied as the cells print them (a leading "+" dropped), never recomputed.
Left out on purpose:

* the column "NATO 2026 edition, 2025e core % of GDP": NATO's figure, shown in the raw
  file only for comparison (it says never to splice the two series; NATO's values are
  in ``defence_expenditure``);
* the 14 Allies the file lists as not found (outside the top 40): no row, nothing filled;
* the section 3 aggregates (world, Europe, "29 European NATO members"): [low] quotes,
  and the audit of SOURCES-2026-update.md says the US$559 bn line is wrong.

A changed raw file fails loudly (:class:`FactSheetLayoutError`): another header, another
number of rows, a country name that does not match its ISO3 cell, a cell that is not a
number, a source id or grade that the section no longer states.

Run: ``python -m natolab.importers.sipri_factsheet`` (curators only; needs ``../shared``).
"""

from __future__ import annotations

import re
from pathlib import Path

from natolab import paths
from natolab.importers import csvstore
from natolab.importers.names import ALLIES, to_iso3

__all__ = [
    "COLUMNS",
    "EXPECTED_HEADER",
    "EXPECTED_ROWS",
    "RAW_FILE",
    "FactSheetLayoutError",
    "factsheet_rows",
    "import_factsheet",
    "main",
    "not_found_allies",
]

RAW_FILE = paths.SOURCES_DIR / "facts" / "sipri_2026.md"
DATASET = "sipri_factsheet_2025"
SECTION = "## 2. 2025 figures found for NATO Allies"
YEAR = "2025"
# The section's "Source:" line names the transcription and its grade; both are checked there.
SOURCE_IDS = "U26-43"
GRADE = "low"

EXPECTED_HEADER = (
    "ISO3",
    "country",
    "SIPRI rank 2025 (2024)",
    "military expenditure 2025, current US$ bn",
    "real change 2024-25 %",
    "real change 2016-25 %",
    "share of GDP 2025 %",
    "share of GDP 2016 %",
    "share of world total 2025 %",
    "NATO 2026 edition, 2025e core % of GDP (for comparison)",
    "corroboration",
)
EXPECTED_ROWS = 18
# Raw column -> our column, for the cells copied as numbers. The NATO comparison column is
# deliberately absent (NATO data; the raw file says never to splice the series).
NUMBER_COLUMNS = {
    "military expenditure 2025, current US$ bn": "milex_usd_current_bn",
    "real change 2024-25 %": "real_change_2024_2025_pct",
    "real change 2016-25 %": "real_change_2016_2025_pct",
    "share of GDP 2025 %": "share_of_gdp_pct",
    "share of GDP 2016 %": "share_of_gdp_2016_pct",
    "share of world total 2025 %": "share_of_world_pct",
}
COLUMNS = (
    "iso3", "year", "milex_usd_current_bn", "real_change_2024_2025_pct",
    "real_change_2016_2025_pct", "share_of_gdp_pct", "share_of_gdp_2016_pct",
    "share_of_world_pct", "sipri_rank_2025", "sipri_rank_2024", "corroborated_by",
    "source_ids", "grade", "flags",
)  # fmt: skip

_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_RANK = re.compile(r"(?P<now>\d+) \((?P<before>\d+)\)")
# "U26-44 (954, -7.5%)": the source id and, in brackets, the figures it agrees on.
_CORROBORATION = re.compile(r"(?P<ids>U26-\d{2}(?:;U26-\d{2})*) \((?P<what>[^()]+)\)")
_NO_CORROBORATION = "-"
_NOT_FOUND = re.compile(r"\*\*Not found\*\* for 2025 \([^)]*\): (?P<names>[^.]+)\.")


class FactSheetLayoutError(ValueError):
    """The raw file is no longer laid out as this importer expects."""


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _section(text: str, file: str) -> list[str]:
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(SECTION)]
    if len(starts) != 1:
        raise FactSheetLayoutError(f"{file}: expected one heading starting {SECTION!r}, found {len(starts)}")
    body = []
    for line in lines[starts[0] + 1 :]:
        if line.startswith("## "):
            break
        body.append(line)
    return body


def _check_source_line(body: list[str], file: str) -> None:
    source = [line for line in body if line.startswith("Source:")]
    if len(source) != 1 or SOURCE_IDS not in source[0] or f"[{GRADE}]" not in source[0]:
        raise FactSheetLayoutError(
            f"{file}, section 2: expected one 'Source:' line naming {SOURCE_IDS} with grade "
            f"[{GRADE}]; update SOURCE_IDS / GRADE if the source changed"
        )


def _table(body: list[str], file: str) -> list[tuple[int, list[str]]]:
    """The section's table rows (after header and separator) with their line numbers in the section."""
    table = [(n, line) for n, line in enumerate(body) if line.startswith("|")]
    if len(table) < 2:
        raise FactSheetLayoutError(f"{file}, section 2: no Markdown table found")
    header = tuple(_cells(table[0][1]))
    if header != EXPECTED_HEADER:
        raise FactSheetLayoutError(
            f"{file}, section 2: table header changed.\n  expected: {' | '.join(EXPECTED_HEADER)}"
            f"\n  found:    {' | '.join(header)}"
        )
    if not all(re.fullmatch(r"-{3,}", c) for c in _cells(table[1][1])):
        raise FactSheetLayoutError(f"{file}, section 2: second table line is not the |---| separator")
    rows = [(n, _cells(line)) for n, line in table[2:]]
    if len(rows) != EXPECTED_ROWS:
        raise FactSheetLayoutError(
            f"{file}, section 2: expected {EXPECTED_ROWS} Allies in the table, found {len(rows)}"
        )
    return rows


def _number(cell: str, where: str) -> str:
    if not _NUMBER.fullmatch(cell):
        raise FactSheetLayoutError(f"{where}: not a number: {cell!r}")
    return cell.removeprefix("+")


def _row(cells: list[str], where: str) -> dict[str, str]:
    if len(cells) != len(EXPECTED_HEADER):
        raise FactSheetLayoutError(f"{where}: {len(cells)} cells, expected {len(EXPECTED_HEADER)}")
    raw = dict(zip(EXPECTED_HEADER, cells, strict=True))
    iso3 = raw["ISO3"]
    named = to_iso3(raw["country"], where)
    if named != iso3:
        raise FactSheetLayoutError(f"{where}: country {raw['country']!r} is {named}, ISO3 cell says {iso3!r}")
    if iso3 not in ALLIES:
        raise FactSheetLayoutError(f"{where}: {iso3} is not an Ally")
    rank = _RANK.fullmatch(raw["SIPRI rank 2025 (2024)"])
    if rank is None:
        raise FactSheetLayoutError(f"{where}: rank {raw['SIPRI rank 2025 (2024)']!r} is not 'N (M)'")
    corroboration = raw["corroboration"]
    if corroboration == _NO_CORROBORATION:
        corroborated_by, flags = "", ""
    else:
        match = _CORROBORATION.fullmatch(corroboration)
        if match is None:
            raise FactSheetLayoutError(f"{where}: corroboration {corroboration!r} is not '-' or 'U26-NN (figures)'")
        corroborated_by = match["ids"]
        flags = f"figures also found in other public files ({corroborated_by}): {match['what']}"
    out = {"iso3": iso3, "year": YEAR}
    out.update({ours: _number(raw[theirs], f"{where}, column {theirs!r}") for theirs, ours in NUMBER_COLUMNS.items()})
    out.update({
        "sipri_rank_2025": rank["now"], "sipri_rank_2024": rank["before"],
        "corroborated_by": corroborated_by, "source_ids": SOURCE_IDS, "grade": GRADE, "flags": flags,
    })  # fmt: skip
    return out


def not_found_allies(text: str, file: str = "sipri_2026.md") -> list[str]:
    """ISO3 of the Allies section 2's notes list as not found for 2025 (no row for them)."""
    body = "\n".join(_section(text, file))
    match = _NOT_FOUND.search(body)
    if match is None:
        raise FactSheetLayoutError(f"{file}, section 2: the '**Not found** for 2025' note is missing")
    return [to_iso3(name.strip(), f"{file}, section 2, not-found note") for name in match["names"].split(",")]


def factsheet_rows(path: Path | str = RAW_FILE) -> list[dict[str, str]]:
    """The sipri_factsheet_2025 rows of the raw file, sorted by iso3.

    Checks that the table's Allies and the "not found" Allies are disjoint and together
    are the 32 Allies, so a row cannot vanish or appear unnoticed.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    body = _section(text, path.name)
    _check_source_line(body, path.name)
    rows = []
    seen: dict[str, str] = {}
    for line_in_section, cells in _table(body, path.name):
        where = f"{path.name}, section 2, table line {line_in_section + 1}"
        row = _row(cells, where)
        if row["iso3"] in seen:
            raise FactSheetLayoutError(f"{where}: {row['iso3']} already read at {seen[row['iso3']]}")
        seen[row["iso3"]] = where
        rows.append(row)
    missing = not_found_allies(text, path.name)
    both = set(seen) & set(missing)
    if both:
        raise FactSheetLayoutError(f"{path.name}: {sorted(both)} both in the table and listed as not found")
    unaccounted = set(ALLIES) - set(seen) - set(missing)
    if unaccounted or len(missing) != len(set(missing)):
        raise FactSheetLayoutError(
            f"{path.name}: table + not-found list do not give the 32 Allies once each "
            f"(unaccounted: {sorted(unaccounted)})"
        )
    ranks = [int(r["sipri_rank_2025"]) for r in rows]
    if len(set(ranks)) != len(ranks):
        raise FactSheetLayoutError(f"{path.name}: a SIPRI 2025 rank appears twice")
    return sorted(rows, key=lambda r: r["iso3"])


def _check_source_ids(rows: list[dict[str, str]], data_dir: Path) -> None:
    references = data_dir / "references.csv"
    known = {r["source_id"] for r in csvstore.read_rows(references)}
    used = {i for r in rows for col in ("source_ids", "corroborated_by") for i in r[col].split(";") if i}
    unknown = sorted(used - known)
    if unknown:
        raise FactSheetLayoutError(f"source ids not in {references}: {unknown}")


def import_factsheet(
    path: Path | str = RAW_FILE, data_dir: Path | str | None = None
) -> csvstore.MergeSummary:
    """Write ``data/sipri_factsheet_2025.csv`` from the raw file (byte-identical on a rerun)."""
    rows = factsheet_rows(path)
    directory = csvstore.data_dir_or_default(data_dir)
    _check_source_ids(rows, directory)
    file = directory / f"{DATASET}.csv"
    old = {r["iso3"] for r in csvstore.read_rows(file)}
    new = {r["iso3"] for r in rows}
    csvstore.write_rows(file, COLUMNS, rows)
    return csvstore.MergeSummary(file, len(rows), len(new - old), len(new & old), len(old - new))


def main(path: Path | str = RAW_FILE, data_dir: Path | str | None = None) -> csvstore.MergeSummary:
    """Import the raw file into ``data/`` and return what was written."""
    return import_factsheet(path, data_dir)


if __name__ == "__main__":
    print(main())
