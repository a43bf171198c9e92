"""A report's downloads beside its CSVs: one Excel workbook and a ``.metadata.json`` per table.

* ``<job>.xlsx``: an "About" sheet (title, parameters, sources, editions, licences, how
  to cite) and one sheet per published table, numbers stored as numbers. Excel opens a
  comma CSV in one column under a Belgian locale and turns "2026-07" into a date; the
  workbook is for Excel users, the CSVs stay for tools.
* ``tables/<table>.metadata.json``: the table described in the style of a Frictionless
  tabular data resource (fields with types, units and descriptions where the catalogue
  or the column name says them; sources and editions; licences; a citation).

Both are deterministic: the same tables and credit give the same bytes. openpyxl stamps
``docProps/core.xml`` with the time of saving and every zip member with the local time;
here the document's times are the data's date and the members' a fixed one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from natolab.labels import date_in_words
from natolab.reports.credits import DATA_PAGES_DIR, ReportCredit

__all__ = [
    "ABOUT_SHEET",
    "Table",
    "column_types",
    "field_schema",
    "sheet_names",
    "table_metadata",
    "workbook_bytes",
    "write_downloads",
]

ABOUT_SHEET = "About"
_SHEET_LIMIT = 31  # characters Excel allows in a sheet name
_INTEGER = re.compile(r"-?(?:0|[1-9]\d{0,14})")  # longer ones would lose digits as Excel numbers
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BOOLEAN = {"True": True, "False": False, "true": True, "false": False}
_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
#: Zip member time for every part of the workbook (zip's epoch: no real time is recorded).
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Table:
    """One published table: its CSV file name, the CSV text and the caption it was shown with."""

    file: str
    csv_text: str
    caption: str | None = None

    @property
    def name(self) -> str:
        return self.file.removesuffix(".csv")

    def rows(self) -> tuple[list[str], list[list[str]]]:
        """(header, data rows) of the CSV."""
        parsed = list(csv.reader(io.StringIO(self.csv_text)))
        return (parsed[0] if parsed else []), parsed[1:]


def _type_of(value: str) -> str:
    if _INTEGER.fullmatch(value):
        return "integer"
    if _NUMBER.fullmatch(value):
        return "number"
    if value in _BOOLEAN:
        return "boolean"
    if _DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return "string"
        return "date"
    return "string"


def column_types(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Frictionless type per column, from every non-empty value: integer, number, boolean,
    date or string (a column mixing kinds, such as "2025" and "2026e", is a string)."""
    types = []
    for position in range(len(header)):
        kinds = {_type_of(row[position]) for row in rows if position < len(row) and row[position] != ""}
        if kinds == {"integer", "number"}:
            kinds = {"number"}
        types.append(kinds.pop() if len(kinds) == 1 else "string")
    return types


def _typed(value: str, kind: str) -> Any:
    """A CSV value as the Python value openpyxl stores with the column's type."""
    if value == "":
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return _BOOLEAN[value]
    if kind == "date":
        return dt.date.fromisoformat(value)
    return value


def _catalogue_fields(credit: ReportCredit) -> dict[str, dict[str, Any]]:
    """Fields of the datasets the report used, by name (the first dataset to describe a name wins)."""
    fields: dict[str, dict[str, Any]] = {}
    for res in credit.catalogue.get("resources", []):
        if res.get("name") not in credit.editions:
            continue
        for found in res.get("schema", {}).get("fields", []):
            if found.get("description") or found.get("unit"):
                fields.setdefault(found.get("name", ""), found)
    return fields


def field_schema(table: Table, credit: ReportCredit) -> list[dict[str, Any]]:
    """Frictionless field descriptors of ``table``: name, title, type, and unit and
    description where the catalogue (a field of the same name in a dataset the report
    used) or the column name's unit suffix (``_pct``, ``_usd_current_m``…) says them."""
    from natolab.plots import header as readable  # the headers the report's tables show

    names, rows = table.rows()
    known = _catalogue_fields(credit)
    fields = []
    for name, kind in zip(names, column_types(names, rows), strict=True):
        title = readable(name)
        entry: dict[str, Any] = {"name": name, "title": title, "type": kind}
        catalogued = known.get(name, {})
        unit = catalogued.get("unit")
        if not unit and _SNAKE.fullmatch(name):
            suffix = re.search(r" \(([^()]+)\)$", title)
            unit = suffix.group(1) if suffix else None
        if unit:
            entry["unit"] = "percent" if unit == "%" else unit
        if catalogued.get("description"):
            entry["description"] = catalogued["description"]
        fields.append(entry)
    return fields


def _data_page(name: str, depth: int) -> str:
    return "../" * depth + f"{DATA_PAGES_DIR}/{name}.html"


def table_metadata(table: Table, credit: ReportCredit) -> dict[str, Any]:
    """The ``<table>.metadata.json`` of one table (a Frictionless tabular data resource)."""
    title = table.caption or table.name
    return {
        "profile": "tabular-data-resource",
        "name": table.name.lower(),
        "path": table.file,
        "title": title,
        "description": (
            f"Table '{table.name}' of the natolab report “{credit.title}” ({credit.address}). "
            "The sources and licences are those of the data the report as a whole used."
        ),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": field_schema(table, credit), "missingValues": [""]},
        "sources": [dict(source) for source in credit.sources],
        "licenses": [{key: lic[key] for key in ("name", "title", "path") if lic.get(key)} for lic in credit.licences],
        "citation": credit.citation,
        "natolab": {
            "report": credit.address,
            "job": credit.job,
            "parameters": credit.parameters,
            "data_as_of": credit.as_of,
            "version": credit.version,
            "datasets": [
                {
                    "name": used["name"],
                    "title": used["title"],
                    "editions": used["editions"],
                    "editions_in_words": credit.words(used["name"]),
                    **({"page": _data_page(used["name"], 2)} if used["in_catalogue"] else {}),
                }
                for used in credit.datasets
            ],
        },
    }


def sheet_names(tables: Iterable[Table]) -> list[str]:
    """One sheet name per table: at most 31 characters, unique (as Excel compares them, ignoring
    case) and never the About sheet's name."""
    taken = {ABOUT_SHEET.lower()}
    names = []
    for table in tables:
        base = re.sub(r"[\[\]:*?/\\]", "_", table.name).strip("'") or "table"
        name, number = base[:_SHEET_LIMIT], 1
        while name.lower() in taken:
            number += 1
            tail = f"~{number}"
            name = base[: _SHEET_LIMIT - len(tail)] + tail
        taken.add(name.lower())
        names.append(name)
    return names


def _about_rows(credit: ReportCredit, tables: list[Table], sheets: list[str]) -> list[tuple[str, str]]:
    parameters = "\n".join(f"{name} = {value}" for name, value in credit.parameters.items()) or "the notebook's defaults"
    editions = []
    for used in credit.datasets:
        words = credit.words(used["name"])
        editions.append(f"{used['title']}: {'; '.join(words) if words else 'no particular edition'}")
    licences = [f"{lic['title'] or lic['name']} ({lic['path']})" if lic["path"] else lic["title"] for lic in credit.licences]
    rows = [
        ("Title", credit.title),
        ("Report", credit.address),
        ("Parameters", parameters),
        ("Data as of", date_in_words(credit.as_of) or "not stated"),
        ("Producers of the data", "; ".join(credit.producers) or "natolab's own curation"),
        ("Datasets and editions", "\n".join(editions) or "none recorded"),
        ("Data pages", "\n".join(_data_page(u["name"], 1) for u in credit.datasets if u["in_catalogue"]) or "none"),
        ("Licences", "\n".join(licences) or "not stated"),
        ("How to cite", credit.citation),
        ("natolab version", credit.version),
        ("", ""),
        ("Sheet", "Table"),
    ]
    rows += [(sheet, f"{table.caption or table.name} (tables/{table.file})") for sheet, table in zip(sheets, tables, strict=True)]
    return rows


class _FixedTimeZip(zipfile.ZipFile):
    """A ZipFile that stamps every member with one fixed time: openpyxl adds parts by name
    (``writestr``, stamped with the current time) and worksheets from temporary files
    (``write``, stamped with the file's time)."""

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        self.writestr(str(arcname or filename), Path(filename).read_bytes())

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            zinfo_or_arcname.compress_type = self.compression
            zinfo_or_arcname.external_attr = 0o600 << 16
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)


def workbook_bytes(tables: list[Table], credit: ReportCredit) -> bytes:
    """The report's ``.xlsx``: About first, then one sheet per table; the same input, the same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    about = book.active
    about.title = ABOUT_SHEET
    sheets = sheet_names(tables)
    bold = Font(bold=True)
    for label, value in _about_rows(credit, tables, sheets):
        about.append([label or None, value or None])
    for cell in about["A"]:
        cell.font = bold
        cell.alignment = Alignment(vertical="top")
    for cell in about["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 100
    for sheet_name, table in zip(sheets, tables, strict=True):
        sheet = book.create_sheet(sheet_name)
        names, rows = table.rows()
        kinds = column_types(names, rows)
        sheet.append(names)
        for row in rows:
            sheet.append([_typed(value, kind) for value, kind in zip(row, kinds, strict=False)])
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        for position, name in enumerate(names, start=1):
            longest = max([len(name), *(len(row[position - 1]) for row in rows if len(row) >= position)])
            sheet.column_dimensions[sheet.cell(1, position).column_letter].width = min(longest + 2, 60)
    # The document's own times: the day the data describes, not the moment of the build.
    stamp = dt.datetime.fromisoformat(credit.as_of) if credit.as_of else dt.datetime(1980, 1, 1)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = f"natolab {credit.version}"
    book.properties.title = credit.title
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()  # save_workbook() would stamp "modified" with now
    return buffer.getvalue()


def write_downloads(folder: Path, job: str, tables: list[Table], credit: ReportCredit) -> list[str]:
    """Write ``<job>.xlsx`` and ``tables/<table>.metadata.json`` into ``folder``; return their
    paths relative to it (the CSVs themselves are written by the caller)."""
    import json

    files = []
    if tables:
        (folder / "tables").mkdir(exist_ok=True)
    for table in tables:
        meta = folder / "tables" / f"{table.name}.metadata.json"
        meta.write_text(json.dumps(table_metadata(table, credit), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        files.append(f"tables/{meta.name}")
    (folder / f"{job}.xlsx").write_bytes(workbook_bytes(tables, credit))
    files.append(f"{job}.xlsx")
    return files
