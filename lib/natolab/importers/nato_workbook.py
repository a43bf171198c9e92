"""Import NATO's official *Defence Expenditure of NATO Countries* Excel tables.

Two layouts are read (described in ``shared/sources/defence-spending/PROVENANCE.md``,
"Workbook layouts"):

* **2024** (``240617-def-exp-2024-TABLES-en.xlsx``): sheets ``TABLE1`` … ``TABLE8b``;
  title ``Table 1 : …`` in column B (C in TABLE7); one year header row for the sheet
  (row 8, row 20 in TABLE4/TABLE7); block titles (``Current prices``) in column B
  with no values; country labels in column C (D in TABLE7), aggregates in column B
  (C in TABLE7); an unlabelled hidden ``#REF!`` row after each block.
* **2025/2026** (``def-exp-2025-en.xlsx``, ``def-exp-2026-en.xlsx``): sheets
  ``Table 1`` … ``Table 8b``; title in A1 (``Table 1: Core defence expenditure`` in
  2026); a unit row; per block a text-only subtitle row, then a header row with
  column A empty and the years from column B (``2025e`` as text); labels in column A.

Years written ``2024e`` are estimates (``estimate=true``). Labels lose their footnote
star and Table 1's currency in parentheses before the name is matched; the currency
and the star are kept in ``note``. Blank cells become rows with a blank value and a
note. Any other layout fails with :class:`WorkbookLayoutError` naming the sheet and
what was expected.

Load inputs (:func:`read_workbook`) / Process data (:func:`workbook_rows`) /
Save outputs (:func:`import_nato_workbook`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from natolab.importers import csvstore
from natolab.importers.csvstore import MergeSummary
from natolab.importers.names import clean_label, to_iso3
from natolab.importers.workbooks import open_workbook

__all__ = [
    "CORE_DEFINITION",
    "NATO_DEFINITION",
    "TABLE_SPECS",
    "ParsedWorkbook",
    "WorkbookLayoutError",
    "import_nato_workbook",
    "read_workbook",
    "workbook_rows",
]

NATO_DEFINITION = "NATO defence expenditure"
CORE_DEFINITION = "core defence expenditure (The Hague 2025)"

_EDITION_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_YEAR_RE = re.compile(r"(\d{4})\s*(e?)", re.IGNORECASE)
_TITLE_RE = re.compile(r"table\s*(\d+[ab]?)\s*:\s*(.*)", re.IGNORECASE | re.DOTALL)
_SINCE_RE = re.compile(r"real change\s*(\d{4})\s*[-–]\s*(\d{4})\s*(e?)", re.IGNORECASE)
_ERROR_CODES = ("#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!")


class WorkbookLayoutError(ValueError):
    """The workbook is not laid out like a NATO defence-expenditure workbook we know."""


@dataclass(frozen=True)
class BlockSpec:
    """What one block of a table holds; ``title`` is a regex searched in its subtitle."""

    title: str | None
    indicator: str
    unit: str
    price: str  # "current", "constant" (base year read from the workbook) or ""


_M_NATCUR = "million national currency"
_M_USD = "million US$"
_SHARE = "% of defence expenditure"

# Table number -> its blocks in order. Table 4 is special (see _table4_rows).
TABLE_SPECS: dict[str, list[BlockSpec]] = {
    "1": [
        BlockSpec(r"current prices", "defence_expenditure_natcur_current_m", _M_NATCUR, "current"),
        BlockSpec(r"constant \d{4} prices", "defence_expenditure_natcur_constant_m", _M_NATCUR,
                  "constant"),
    ],
    "2": [
        BlockSpec(r"current prices and exchange rates", "defence_expenditure_usd_current_m",
                  _M_USD, "current"),
        BlockSpec(r"constant \d{4} prices and exchange rates", "defence_expenditure_usd_constant_m",
                  _M_USD, "constant"),
    ],
    "3": [
        BlockSpec(r"share of real gdp", "share_of_gdp_pct", "% of GDP", "constant"),
        BlockSpec(r"annual real change", "real_change_pct", "% change on previous year",
                  "constant"),
    ],
    "4": [],
    "5": [
        BlockSpec(r"current prices and exchange rates", "gdp_usd_current_m", _M_USD, "current"),
        BlockSpec(r"constant \d{4} prices and exchange rates", "gdp_usd_constant_m", _M_USD,
                  "constant"),
    ],
    "6": [
        BlockSpec(r"gdp per capita", "gdp_per_capita_usd_constant_k", "thousand US$", "constant"),
        BlockSpec(r"defence expenditure per capita", "defence_expenditure_per_capita_usd_constant",
                  "US$", "constant"),
    ],
    "7": [BlockSpec(None, "military_personnel_k", "thousand persons", "")],
    "8a": [
        BlockSpec(r"equipment", "equipment_share_pct", _SHARE, ""),
        BlockSpec(r"personnel", "personnel_share_pct", _SHARE, ""),
    ],
    "8b": [
        BlockSpec(r"infrastructure", "infrastructure_share_pct", _SHARE, ""),
        BlockSpec(r"other", "other_share_pct", _SHARE, ""),
    ],
}  # fmt: skip

_LAYOUTS = {
    "2024": (re.compile(r"TABLE(\d+[ab]?)"), "TABLE{}"),
    "2025": (re.compile(r"Table (\d+[ab]?)"), "Table {}"),
}


# ---------------------------------------------------------------------------- Load inputs


@dataclass
class Block:
    """One block of a sheet: its subtitle, year header and labelled data rows."""

    title: str | None
    title_row: int | None
    header_row: int
    header: list[Any]
    years: list[tuple[int, int, bool]]  # (column index, year, estimate)
    rows: list[tuple[int, str, list[Any]]] = field(default_factory=list)  # (row, label, cells)


@dataclass
class ParsedSheet:
    """A table sheet read into blocks, plus the rows skipped for having no label."""

    name: str
    table: str
    title: str
    blocks: list[Block]
    skipped_unlabelled: list[int]


@dataclass
class ParsedWorkbook:
    """Every table sheet of a workbook, with the layout it was read with."""

    path: Path
    layout: str
    sheets: dict[str, ParsedSheet]

    @property
    def definition(self) -> str:
        """NATO definition, or the core definition when the titles say so (2026 edition)."""
        titles = " ".join(s.title for s in self.sheets.values()).casefold()
        return CORE_DEFINITION if "core defence expenditure" in titles else NATO_DEFINITION

    @property
    def constant_price_base(self) -> int:
        """Base year of the constant-price blocks (2015 in 2024, 2021 from 2025)."""
        bases = set()
        for table in ("1", "2", "5"):
            for block in self.sheets[table].blocks:
                match = re.search(r"constant (\d{4}) prices", (block.title or "").casefold())
                if match:
                    bases.add(int(match.group(1)))
        if len(bases) != 1:
            raise WorkbookLayoutError(
                f"{self.path.name}: expected one constant-price base year in the block titles "
                f"of tables 1, 2 and 5 (e.g. 'Constant 2015 prices'), found {sorted(bases)}"
            )
        return bases.pop()


def _year(value: Any) -> tuple[int, bool] | None:
    """(year, is_estimate) for a header cell like 2014, 2014.0 or '2024e'; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and 1900 < value < 2100:
        return int(value), False
    if isinstance(value, str):
        match = _YEAR_RE.fullmatch(value.strip())
        if match:
            return int(match.group(1)), bool(match.group(2))
    return None


def _text(value: Any) -> str:
    return " ".join(str(value).replace("\xa0", " ").split()) if value is not None else ""


def _is_notes(text: str) -> bool:
    return text.casefold().startswith("note")


def _is_page_number(text: str) -> bool:
    return re.fullmatch(r"-\s*\d+\s*-", text) is not None


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _grid(ws: Any) -> list[list[Any]]:
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    width = max((len(r) for r in rows), default=0)
    return [r + [None] * (width - len(r)) for r in rows]


def _find_title(grid: list[list[Any]], sheet: str, rows: int, cols: int, table: str) -> tuple[int, str]:
    for r, cells in enumerate(grid[:rows], start=1):
        for value in cells[:cols]:
            match = _TITLE_RE.fullmatch(_text(value))
            if match:
                if match.group(1).casefold() != table.casefold():
                    raise WorkbookLayoutError(
                        f"sheet {sheet!r}: title says table {match.group(1)}, "
                        f"expected table {table}"
                    )
                return r, match.group(2)
    col_letters = "A" if cols == 1 else f"A-{chr(64 + cols)}"
    raise WorkbookLayoutError(
        f"sheet {sheet!r}: expected a title 'Table {table}: …' in rows 1-{rows}, "
        f"column(s) {col_letters}"
    )


def _parse_2024_sheet(name: str, table: str, grid: list[list[Any]]) -> ParsedSheet:
    title_row, title = _find_title(grid, name, 25, 4, table)
    header_row = None
    for r in range(title_row, len(grid)):
        if sum(_year(v) is not None for v in grid[r]) >= 2:
            header_row = r
            break
    if header_row is None:
        raise WorkbookLayoutError(
            f"sheet {name!r}: expected a year header row (2014, 2015, … '2024e') below the title"
        )
    header = grid[header_row]
    years = [(i, *_year(v)) for i, v in enumerate(header) if _year(v) is not None]
    first = years[0][0]
    blocks: list[Block] = []
    current: Block | None = None
    pending: tuple[int, str] | None = None
    skipped: list[int] = []
    for r in range(header_row + 1, len(grid)):
        cells = grid[r]
        labels = [_text(v) for v in cells[:first] if _text(v)]
        has_values = any(_present(cells[i]) for i, _, _ in years)
        if not labels:
            if has_values:
                skipped.append(r + 1)  # NATO's hidden '#REF!' rows carry no label
            continue
        label = " ".join(labels)
        if _is_notes(label):
            break
        if _is_page_number(label):
            continue
        if not has_values:
            pending, current = (r + 1, label), None
            continue
        if current is None:
            title_text, title_at = (pending[1], pending[0]) if pending else (None, None)
            current = Block(title_text, title_at, header_row + 1, header, years)
            blocks.append(current)
            pending = None
        current.rows.append((r + 1, label, cells))
    return ParsedSheet(name, table, title, blocks, skipped)


def _parse_2025_sheet(name: str, table: str, grid: list[list[Any]]) -> ParsedSheet:
    title_row, title = _find_title(grid, name, 3, 1, table)
    blocks: list[Block] = []
    current: Block | None = None
    pending: tuple[int, str] | None = None
    skipped: list[int] = []
    for r in range(title_row, len(grid)):
        cells = grid[r]
        label = _text(cells[0]) if cells else ""
        rest = cells[1:]
        if not label and rest and _year(rest[0]) is not None and sum(
            _year(v) is not None for v in rest
        ) >= 2:
            years = [(i, *_year(v)) for i, v in enumerate(cells) if i > 0 and _year(v) is not None]
            title_text, title_at = (pending[1], pending[0]) if pending else (None, None)
            current = Block(title_text, title_at, r + 1, cells, years)
            blocks.append(current)
            pending = None
            continue
        columns = current.years if current else [(i, 0, False) for i in range(1, len(cells))]
        has_values = any(_present(cells[i]) for i, _, _ in columns)
        if not label:
            if has_values and current is not None:
                skipped.append(r + 1)
            continue
        if _is_notes(label):
            break
        if _is_page_number(label):
            continue
        if current is None and has_values:
            raise WorkbookLayoutError(
                f"sheet {name!r} row {r + 1}: values for {label!r} before a year header row "
                "(expected column A empty and the years from column B)"
            )
        if current is None or not has_values:
            if current is not None and current.rows:
                current = None
            pending = (r + 1, label)
            continue
        if current.rows == [] and pending is not None:
            # A text-only row between the header and the first Ally cannot be a subtitle.
            raise WorkbookLayoutError(
                f"sheet {name!r} row {pending[0]}: text row {pending[1]!r} inside a block"
            )
        current.rows.append((r + 1, label, cells))
    return ParsedSheet(name, table, title, blocks, skipped)


def read_workbook(path: Path | str) -> ParsedWorkbook:
    """Open a NATO tables workbook and read every table sheet into blocks (no mapping yet)."""
    path = Path(path)
    wb = open_workbook(path, "NATO", WorkbookLayoutError)
    try:
        names = wb.sheetnames
        found: dict[str, dict[str, str]] = {}
        for layout, (pattern, _) in _LAYOUTS.items():
            found[layout] = {m.group(1): n for n in names if (m := pattern.fullmatch(n.strip()))}
        layout = max(found, key=lambda k: len(found[k]))
        wanted = list(TABLE_SPECS)
        if not found[layout]:
            raise WorkbookLayoutError(
                f"{path.name}: no NATO table sheets found. Expected sheets TABLE1 … TABLE8b "
                f"(2024 layout) or 'Table 1' … 'Table 8b' (2025/2026 layout); "
                f"found sheets: {', '.join(names)}"
            )
        missing = [t for t in wanted if t not in found[layout]]
        if missing:
            fmt = _LAYOUTS[layout][1]
            raise WorkbookLayoutError(
                f"{path.name}: {layout} layout recognised but sheet(s) "
                f"{', '.join(fmt.format(t) for t in missing)} missing; found sheets: "
                f"{', '.join(names)}"
            )
        parse = _parse_2024_sheet if layout == "2024" else _parse_2025_sheet
        sheets = {t: parse(found[layout][t], t, _grid(wb[found[layout][t]])) for t in wanted}
    finally:
        wb.close()
    return ParsedWorkbook(path, layout, sheets)


# --------------------------------------------------------------------------- Process data


def _cell_ref(col: int, row: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def _value(raw: Any, where: str) -> tuple[str, str | None]:
    """(text of the value, note) for a data cell; errors such as '#REF!' are refused."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return "", "cell blank in source"
    if isinstance(raw, bool):
        raise WorkbookLayoutError(f"{where}: unexpected boolean {raw!r} in a data cell")
    if isinstance(raw, int | float):
        return csvstore.format_number(raw), None
    text = str(raw).strip()
    if text in _ERROR_CODES:
        raise WorkbookLayoutError(f"{where}: Excel error {text} in a labelled data row")
    try:
        return csvstore.format_number(float(text.replace(",", ""))), None
    except ValueError:
        return "", f"source cell shows {text!r}"


def _row(edition: str, iso3: str, year: int, spec: BlockSpec, value: str, estimate: bool,
         source: str, notes: list[str], base: int) -> dict[str, str]:  # fmt: skip
    price = {"current": "current", "constant": f"constant {base}", "": ""}[spec.price]
    return {
        "edition": edition,
        "iso3": iso3,
        "year": str(year),
        "indicator": spec.indicator,
        "unit": spec.unit,
        "price_basis": price,
        "value": value,
        "estimate": "true" if estimate else "false",
        "source_kind": "official_workbook",
        "source": source,
        "note": "; ".join(n for n in notes if n),
    }


def _label_notes(label: str, indicator: str) -> tuple[str, list[str]]:
    name, currency, starred = clean_label(label)
    notes = []
    if currency and indicator.startswith("defence_expenditure_natcur"):
        notes.append(f"national currency: {currency}")
    if starred:
        notes.append("label carries footnote mark * in source")
    return name, notes


def _block_rows(wb: ParsedWorkbook, sheet: ParsedSheet, block: Block, spec: BlockSpec,
                edition: str, base: int) -> list[dict[str, str]]:  # fmt: skip
    rows = []
    for r, label, cells in block.rows:
        where = f"{wb.path.name}, sheet {sheet.name!r}, row {r}"
        iso3 = to_iso3(label, where)
        _name, notes = _label_notes(label, spec.indicator)
        for col, year, estimate in block.years:
            ref = _cell_ref(col, r)
            value, note = _value(cells[col], f"{where}, cell {ref}")
            source = f"{wb.path.name}, {sheet.name}!{ref}"
            rows.append(_row(edition, iso3, year, spec, value, estimate, source, [*notes, note],
                             base))  # fmt: skip
    return rows


def _table4_rows(wb: ParsedWorkbook, sheet: ParsedSheet, edition: str, base: int) -> list[dict]:
    """Table 4: only the 'Real change 2014-2024e (%)' column is new; the rest repeats T2/T3."""
    if len(sheet.blocks) != 1:
        raise WorkbookLayoutError(
            f"sheet {sheet.name!r}: expected one block of Allies, found {len(sheet.blocks)}"
        )
    block = sheet.blocks[0]
    since = [(i, _SINCE_RE.search(_text(v))) for i, v in enumerate(block.header)]
    since = [(i, m) for i, m in since if m]
    if len(since) != 1 or since[0][1].group(1) != "2014":
        raise WorkbookLayoutError(
            f"sheet {sheet.name!r} row {block.header_row}: expected one header cell "
            "'Real change 2014-YYYYe (%)'"
        )
    col, match = since[0]
    spec = BlockSpec(None, "real_change_since_2014_pct", "% change since 2014", "constant")
    rows = []
    for r, label, cells in block.rows:
        where = f"{wb.path.name}, sheet {sheet.name!r}, row {r}"
        iso3 = to_iso3(label, where)
        _name, notes = _label_notes(label, spec.indicator)
        ref = _cell_ref(col, r)
        value, note = _value(cells[col], f"{where}, cell {ref}")
        rows.append(_row(edition, iso3, int(match.group(2)), spec, value, bool(match.group(3)),
                         f"{wb.path.name}, {sheet.name}!{ref}", [*notes, note], base))  # fmt: skip
    return rows


def _check_blocks(sheet: ParsedSheet, specs: list[BlockSpec]) -> None:
    if len(sheet.blocks) != len(specs):
        found = [b.title for b in sheet.blocks]
        expected = [s.title for s in specs]
        raise WorkbookLayoutError(
            f"sheet {sheet.name!r}: expected {len(specs)} block(s) {expected}, "
            f"found {len(sheet.blocks)} {found}"
        )
    for block, spec in zip(sheet.blocks, specs, strict=True):
        if spec.title is None:
            continue
        if not block.title or not re.search(spec.title, block.title.casefold()):
            raise WorkbookLayoutError(
                f"sheet {sheet.name!r} row {block.title_row or block.header_row}: expected a "
                f"block titled like {spec.title!r}, found {block.title!r}"
            )


def workbook_rows(wb: ParsedWorkbook, edition: str) -> list[dict[str, str]]:
    """Every value of the workbook as defence_expenditure rows of ``edition``, sorted."""
    if not _EDITION_RE.fullmatch(edition):
        raise ValueError(f"edition must be the publication month as YYYY-MM, got {edition!r}")
    base = wb.constant_price_base
    rows: list[dict[str, str]] = []
    for table, specs in TABLE_SPECS.items():
        sheet = wb.sheets[table]
        if table == "4":
            rows.extend(_table4_rows(wb, sheet, edition, base))
            continue
        _check_blocks(sheet, specs)
        for block, spec in zip(sheet.blocks, specs, strict=True):
            rows.extend(_block_rows(wb, sheet, block, spec, edition, base))
    last_year = max(int(r["year"]) for r in rows)
    if int(edition[:4]) < last_year:
        raise ValueError(
            f"edition {edition} is older than the last year in {wb.path.name} ({last_year}); "
            "the edition is the month NATO published the workbook"
        )
    keys = [(r["iso3"], r["year"], r["indicator"]) for r in rows]
    if len(keys) != len(set(keys)):
        dup = next(k for k in keys if keys.count(k) > 1)
        raise WorkbookLayoutError(f"{wb.path.name}: the same value appears twice: {dup}")
    return sorted(rows, key=lambda r: (r["iso3"], int(r["year"]), r["indicator"]))


# --------------------------------------------------------------------------- Save outputs


def _years_covered(rows: list[dict[str, str]]) -> str:
    years = sorted({int(r["year"]) for r in rows})
    return f"{years[0]}-{years[-1]}"


def _upsert_edition(data_dir: Path, edition: str, wb: ParsedWorkbook,
                    rows: list[dict[str, str]]) -> None:  # fmt: skip
    """Record the edition in editions.csv (kept as is where it already says the same)."""
    file = data_dir / "editions.csv"
    editions = csvstore.read_rows(file)
    facts = {
        "years_covered": _years_covered(rows),
        "definition": wb.definition,
        "constant_price_base": str(wb.constant_price_base),
        "source_kind": "official_workbook",
    }
    for entry in editions:
        if entry["edition"] == edition:
            if all(entry.get(k) == v for k, v in facts.items()):
                return
            entry.update(facts)
            entry["coverage_note"] = f"Official NATO workbook {wb.path.name}, all tables."
            break
    else:
        first, last = facts["years_covered"].split("-")
        editions.append({
            "edition": edition,
            "title": f"NATO defence expenditure tables ({first}-{last})",
            "publisher": "NATO Public Diplomacy Division",
            "published": "",
            **facts,
            "coverage_note": f"Official NATO workbook {wb.path.name}, all tables; "
                             "publication day not recorded.",
        })  # fmt: skip
    editions.sort(key=lambda e: e["edition"])
    csvstore.write_rows(file, csvstore.EDITIONS_COLUMNS, editions)


def import_nato_workbook(
    path: Path | str, edition: str, data_dir: Path | str | None = None
) -> MergeSummary:
    """Merge one NATO tables workbook into ``data/defence_expenditure.csv`` as ``edition``.

    Rows of other editions are left untouched; rows of ``edition`` are replaced,
    so a rerun writes a byte-identical file. The edition is also recorded in
    ``data/editions.csv``. Returns the rows added / replaced / removed.
    """
    # Load inputs
    wb = read_workbook(path)
    # Process data
    rows = workbook_rows(wb, edition)
    # Save outputs
    directory = csvstore.data_dir_or_default(data_dir)
    summary = csvstore.merge_editions(directory / "defence_expenditure.csv", rows, {edition})
    _upsert_edition(directory, edition, wb, rows)
    return summary
