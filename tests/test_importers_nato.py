"""natolab.importers.nato_workbook on small workbooks built here in both NATO layouts.

The workbooks are written with openpyxl inside the tests, so nothing here needs
../shared. Each builder reproduces the quirks PROVENANCE.md describes: footnote
stars and currencies on labels, aggregates in another column, the hidden
unlabelled '#REF!' rows, blank cells, '2024e' text years, Iceland only in the GDP
tables, notes and page numbers under the tables.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import openpyxl
import pytest

from natolab.importers import (
    UnknownCountryError,
    WorkbookLayoutError,
    import_nato_workbook,
)
from natolab.importers.cli import register
from natolab.importers.names import clean_label

# Labels as NATO prints them -> the ISO3 code the importer must produce.
ALLIES_2024 = {"Czechia*": "CZE", "Germany": "DEU", "Slovak Republic": "SVK", "Türkiye": "TUR"}
CURRENCY = {"CZE": "Koruny", "DEU": "Euros", "SVK": "Euros", "TUR": "Liras", "GBR": "Pounds"}
AGGREGATES = {"NATO Europe and Canada": "NATO_EUROPE_CANADA", "NATO Total": "NATO_TOTAL"}
TABLES = ["1", "2", "3", "4", "5", "6", "7", "8a", "8b"]
# Block titles NATO kept from the 2024 layout to the 2025/2026 one.
TITLES_BOTH_LAYOUTS = {
    "3": ["Share of real GDP (%)", "Annual real change (%)"],
    "8a": ["Equipment (a)", "Personnel (b)"],
    "8b": ["Infrastructure (c)", "Other (d)"],
}
BLOCK_TITLES_2024 = {
    **TITLES_BOTH_LAYOUTS,
    "1": ["Current prices", "Constant 2015 prices "],
    "2": ["Current prices and exchange rates", "Constant 2015 prices and exchange rates"],
    "5": ["Current prices and exchange rates", "Constant 2015 prices and exchange rates"],
    "6": ["GDP per capita (thousand US dollars)", "Defence expenditure per capita (US dollars)"],
}
WITH_AGGREGATES = {"2", "3", "5", "6", "7"}


def cell_value(table: str, block: int, iso3: str, year: int) -> float:
    """A distinct number for every cell, so a value found in the CSV proves where it came from."""
    table_no = TABLES.index(table) + 1
    country = sorted([*ALLIES_2024.values(), "ISL", "GBR", *AGGREGATES.values()]).index(iso3)
    return round(table_no * 1000 + block * 100 + country + (year - 2000) / 100, 4)


def _label(name: str, iso3: str, table: str) -> str:
    return f"{name}   ({CURRENCY[iso3]})" if table == "1" else name


# ------------------------------------------------------------------ 2024 layout builder


def build_2024(  # noqa: C901 - every quirk of the real file, in one place
    path: Path,
    *,
    years=(2022, "2023e", "2024e"),
    blank=("DEU", "2024e"),
    extra_label: str | None = None,
    t2_block2_title: str | None = None,
    drop_sheet: str | None = None,
) -> Path:
    """A workbook in the layout of 240617-def-exp-2024-TABLES-en.xlsx (few Allies, few years)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for table in TABLES:
        if table == drop_sheet:
            continue
        ws = wb.create_sheet(f"TABLE{table}")
        if table == "4":
            ws["B16"] = "Table 4 : Defence expenditure real change 2014-2024e"
            ws["B18"] = "Million US dollars (2015 prices and exchange rates)"
            header = [2014, "2024e", "Real change 2014-2024e (%)", "Share of real GDP 2014 (%)",
                      "Share of real GDP 2024e (%)"]  # fmt: skip
            for i, h in enumerate(header):
                ws.cell(20, 4 + i, h)
            for r, (name, iso3) in enumerate(ALLIES_2024.items(), start=23):
                ws.cell(r, 3, name.replace("*", ""))
                for i in range(5):
                    ws.cell(r, 4 + i, cell_value("4", i, iso3, 2024))
            ws.cell(28, 3, "Note: Figures for 2024 are estimates.")
            continue
        seven = table == "7"
        label_col, agg_col, first_col = (4, 3, 5) if seven else (3, 2, 4)
        title_cell = "C16" if seven else "B4"
        ws[title_cell] = f"Table {table} : Defence expenditure"
        header_row = 20 if seven else 8
        for i, y in enumerate(years):
            ws.cell(header_row, first_col + i, y)
        titles = [None] if seven else BLOCK_TITLES_2024[table]
        if table == "2" and t2_block2_title is not None:
            titles = [titles[0], t2_block2_title]
        r = header_row + 2
        for block, title in enumerate(titles):
            if title is not None:
                ws.cell(r, 2, title)
                r += 1
            rows = dict(ALLIES_2024)
            if table == "5" or (table == "6" and block == 0):
                rows["Iceland"] = "ISL"  # no armed forces: GDP tables only
            if extra_label and table == "3" and block == 0:
                rows[extra_label] = "???"
            for name, iso3 in sorted(rows.items()):
                ws.cell(r, label_col, _label(name, iso3, table))
                for i, y in enumerate(years):
                    year = int(str(y).rstrip("e"))
                    if iso3 == blank[0] and y == blank[1] and table == "2":
                        continue  # a blank cell in a labelled row
                    value = cell_value(table, block, iso3, year) if iso3 != "???" else 1.0
                    ws.cell(r, first_col + i, value)
                r += 1
            if table in WITH_AGGREGATES:
                for name, iso3 in AGGREGATES.items():
                    ws.cell(r, agg_col, name)
                    for i, y in enumerate(years):
                        ws.cell(r, first_col + i, cell_value(table, block, iso3, int(str(y)[:4])))
                    r += 1
            else:  # NATO's hidden, unlabelled row of broken references
                for i in range(len(years)):
                    ws.cell(r, first_col + i, "#REF!")
                ws.row_dimensions[r].hidden = True
                r += 1
        ws.cell(r + 2, label_col, "Notes: Figures for 2023 and 2024 are estimates.")
        ws.cell(r + 4, 2, "-7-")
    wb.save(path)
    return path


# ------------------------------------------------------------- 2025/2026 layout builder

SUBTITLES_2026 = {
    **TITLES_BOTH_LAYOUTS,
    "1": ["Current prices", "Constant 2021 prices"],
    "2": ["Current prices and exchange rates", "Constant 2021 prices and exchange rates"],
    "5": ["Current prices and exchange rates", "Constant 2021 prices and exchange rates"],
    "6": ["GDP per capita (thousand US dollars)", "Core defence expenditure per capita (US dollars)"],
    "7": ["Thousands"],
}

def build_2026(path: Path, *, core: bool = True) -> Path:  # noqa: C901
    """A workbook in the layout PROVENANCE.md describes for def-exp-2026-en.xlsx."""
    allies = {"Czechia": "CZE", "Germany*": "DEU", "United Kingdom": "GBR"}
    years = [2024, "2025e", "2026e"]
    what = "Core defence expenditure" if core else "Defence expenditure"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for table in TABLES:
        ws = wb.create_sheet(f"Table {table}")
        ws["A1"] = f"Table {table}: {what}"
        ws["A2"] = "million US dollars"
        r = 3
        if table == "4":
            ws.cell(r, 1, "Million US dollars (2021 prices and exchange rates)")
            header = [2014, "2026e", "Real change 2014-2026e (%)"]
            for i, h in enumerate(header):
                ws.cell(r + 1, 2 + i, h)
            for k, (name, iso3) in enumerate(allies.items()):
                ws.cell(r + 2 + k, 1, name)
                for i in range(3):
                    ws.cell(r + 2 + k, 2 + i, cell_value("4", i, iso3, 2026))
            continue
        for block, subtitle in enumerate(SUBTITLES_2026[table]):
            ws.cell(r, 1, subtitle)
            for i, y in enumerate(years):
                ws.cell(r + 1, 2 + i, y)
            r += 2
            rows = dict(allies)
            if table == "5":
                rows["Iceland"] = "ISL"
            for name, iso3 in rows.items():
                ws.cell(r, 1, _label(name, iso3, table) if table == "1" else name)
                for i, y in enumerate(years):
                    ws.cell(r, 2 + i, cell_value(table, block, iso3, int(str(y)[:4])))
                r += 1
            if table in WITH_AGGREGATES:
                for name, iso3 in AGGREGATES.items():
                    ws.cell(r, 1, name)
                    for i, y in enumerate(years):
                        ws.cell(r, 2 + i, cell_value(table, block, iso3, int(str(y)[:4])))
                    r += 1
            r += 1  # blank row between blocks
        ws.cell(r, 1, "Notes: Figures for 2025 and 2026 are estimates.")
    wb.save(path)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_key(rows: list[dict[str, str]]) -> dict[tuple[str, str, int, str], dict[str, str]]:
    return {(r["edition"], r["iso3"], int(r["year"]), r["indicator"]): r for r in rows}


@pytest.fixture
def imported_2024(tmp_path: Path) -> tuple[Path, dict]:
    book = build_2024(tmp_path / "240617-def-exp-2024-TABLES-en.xlsx")
    data = tmp_path / "data"
    import_nato_workbook(book, "2024-06", data_dir=data)
    return data, by_key(read_csv(data / "defence_expenditure.csv"))


# ------------------------------------------------------------------------------ tests


def test_clean_label_strips_star_and_currency() -> None:
    assert clean_label("Czechia*   (Koruny)") == ("Czechia", "Koruny", True)
    assert clean_label("United Kingdom (Pounds)") == ("United Kingdom", "Pounds", False)
    assert clean_label("  Slovak\xa0Republic ") == ("Slovak Republic", None, False)


def test_2024_layout_every_table_lands_under_its_indicator(imported_2024) -> None:
    _data, rows = imported_2024
    expected = {
        ("1", 0): "defence_expenditure_natcur_current_m",
        ("1", 1): "defence_expenditure_natcur_constant_m",
        ("2", 0): "defence_expenditure_usd_current_m",
        ("2", 1): "defence_expenditure_usd_constant_m",
        ("3", 0): "share_of_gdp_pct",
        ("3", 1): "real_change_pct",
        ("5", 0): "gdp_usd_current_m",
        ("5", 1): "gdp_usd_constant_m",
        ("6", 0): "gdp_per_capita_usd_constant_k",
        ("6", 1): "defence_expenditure_per_capita_usd_constant",
        ("7", 0): "military_personnel_k",
        ("8a", 0): "equipment_share_pct",
        ("8a", 1): "personnel_share_pct",
        ("8b", 0): "infrastructure_share_pct",
        ("8b", 1): "other_share_pct",
    }
    for (table, block), indicator in expected.items():
        row = rows[("2024-06", "TUR", 2022, indicator)]
        assert float(row["value"]) == cell_value(table, block, "TUR", 2022), indicator
    since = rows[("2024-06", "SVK", 2024, "real_change_since_2014_pct")]
    assert float(since["value"]) == cell_value("4", 2, "SVK", 2024)
    assert since["estimate"] == "true"
    # Table 4's other columns repeat Tables 2 and 3 and are not stored twice.
    # Compared as numbers: a text comparison would pass whatever the CSV's number format.
    stored = {float(r["value"]) for r in rows.values() if r["value"]}
    assert cell_value("4", 2, "SVK", 2024) in stored  # the check can see Table 4 values
    for column in (0, 1, 3, 4):
        assert cell_value("4", column, "SVK", 2024) not in stored


def test_2024_layout_aggregates_and_iceland(imported_2024) -> None:
    _data, rows = imported_2024
    total = rows[("2024-06", "NATO_TOTAL", 2023, "share_of_gdp_pct")]
    assert float(total["value"]) == cell_value("3", 0, "NATO_TOTAL", 2023)
    personnel = rows[("2024-06", "NATO_EUROPE_CANADA", 2024, "military_personnel_k")]
    assert float(personnel["value"]) == cell_value("7", 0, "NATO_EUROPE_CANADA", 2024)
    iceland = {k[3] for k in rows if k[1] == "ISL"}
    assert iceland == {"gdp_usd_current_m", "gdp_usd_constant_m", "gdp_per_capita_usd_constant_k"}


def test_2024_layout_quirks(imported_2024) -> None:
    _data, rows = imported_2024
    czk = rows[("2024-06", "CZE", 2022, "defence_expenditure_natcur_current_m")]
    assert "Koruny" in czk["note"] and "*" in czk["note"]
    # header row 8, block title row 10, Allies sorted from row 11, 2022 in column D
    assert czk["source"] == "240617-def-exp-2024-TABLES-en.xlsx, TABLE1!D11"
    assert czk["unit"] == "million national currency" and czk["price_basis"] == "current"
    constant = rows[("2024-06", "CZE", 2022, "defence_expenditure_usd_constant_m")]
    assert constant["price_basis"] == "constant 2015"
    flags = [rows[("2024-06", "CZE", y, "share_of_gdp_pct")]["estimate"] for y in (2022, 2023, 2024)]
    assert flags == ["false", "true", "true"]
    blank = rows[("2024-06", "DEU", 2024, "defence_expenditure_usd_current_m")]
    assert blank["value"] == "" and "blank" in blank["note"]
    # '#REF!' rows carry no label: nothing from them, and no unknown-country error either.
    assert not any("#REF" in r["value"] for r in rows.values())
    assert {r["source_kind"] for r in rows.values()} == {"official_workbook"}


def test_2024_layout_row_count(imported_2024) -> None:
    _data, rows = imported_2024
    allies, years, aggs = 4, 3, 2
    blocks = {"1": 2, "2": 2, "3": 2, "5": 2, "6": 2, "7": 1, "8a": 2, "8b": 2}
    expected = 0
    for table, n in blocks.items():
        per_block = allies + (aggs if table in WITH_AGGREGATES else 0)
        expected += n * per_block * years
    expected += 3 * years  # Iceland: T5 two blocks, T6 first block
    expected += allies  # Table 4 real change 2014-2024e
    assert len(rows) == expected


def test_rerun_is_byte_identical_and_other_editions_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    other = (
        "edition,iso3,year,indicator,unit,price_basis,value,estimate,source_kind,source,note\n"
        "2019-06,POL,2014,share_of_gdp_pct,% of GDP,constant 2015,1.85,false,tidy_conversion,x,\n"
    )
    (data / "defence_expenditure.csv").write_text(other, encoding="utf-8")
    book = build_2024(tmp_path / "book.xlsx")
    first = import_nato_workbook(book, "2024-06", data_dir=data)
    text = (data / "defence_expenditure.csv").read_bytes()
    editions = (data / "editions.csv").read_bytes()
    second = import_nato_workbook(book, "2024-06", data_dir=data)
    assert (data / "defence_expenditure.csv").read_bytes() == text
    assert (data / "editions.csv").read_bytes() == editions
    assert first.rows_added == first.rows_written and first.rows_replaced == 0
    assert second.rows_added == 0 and second.rows_replaced == second.rows_written
    lines = text.decode("utf-8").splitlines()
    assert other.splitlines()[1] in lines
    written = read_csv(data / "defence_expenditure.csv")
    keys = [(r["edition"], r["iso3"], int(r["year"]), r["indicator"]) for r in written]
    assert keys == sorted(keys)


def test_reimport_of_a_smaller_workbook_removes_its_old_rows(tmp_path: Path) -> None:
    data = tmp_path / "data"
    import_nato_workbook(build_2024(tmp_path / "a.xlsx"), "2024-06", data_dir=data)
    smaller = build_2024(tmp_path / "b.xlsx", years=("2023e", "2024e"))
    summary = import_nato_workbook(smaller, "2024-06", data_dir=data)
    assert summary.rows_removed > 0
    years = {r["year"] for r in read_csv(data / "defence_expenditure.csv")}
    assert "2022" not in years


def test_2026_layout_core_definition_and_text_years(tmp_path: Path) -> None:
    data = tmp_path / "data"
    book = build_2026(tmp_path / "def-exp-2026-en.xlsx")
    import_nato_workbook(book, "2026-07", data_dir=data)
    rows = by_key(read_csv(data / "defence_expenditure.csv"))
    share = rows[("2026-07", "GBR", 2026, "share_of_gdp_pct")]
    assert float(share["value"]) == cell_value("3", 0, "GBR", 2026)
    assert share["estimate"] == "true" and share["price_basis"] == "constant 2021"
    assert rows[("2026-07", "GBR", 2024, "share_of_gdp_pct")]["estimate"] == "false"
    pounds = rows[("2026-07", "GBR", 2025, "defence_expenditure_natcur_current_m")]
    assert "Pounds" in pounds["note"]
    assert "*" in rows[("2026-07", "DEU", 2025, "real_change_pct")]["note"]
    since = rows[("2026-07", "CZE", 2026, "real_change_since_2014_pct")]
    assert float(since["value"]) == cell_value("4", 2, "CZE", 2026)
    personnel = rows[("2026-07", "NATO_TOTAL", 2025, "military_personnel_k")]
    assert float(personnel["value"]) == cell_value("7", 0, "NATO_TOTAL", 2025)
    assert {k[3] for k in rows if k[1] == "ISL"} == {"gdp_usd_current_m", "gdp_usd_constant_m"}
    edition = next(e for e in read_csv(data / "editions.csv") if e["edition"] == "2026-07")
    assert edition["definition"] == "core defence expenditure (The Hague 2025)"
    assert edition["constant_price_base"] == "2021"
    assert edition["years_covered"] == "2024-2026"  # the years of its tables


def test_2025_layout_without_core_titles_is_nato_definition(tmp_path: Path) -> None:
    data = tmp_path / "data"
    import_nato_workbook(build_2026(tmp_path / "b.xlsx", core=False), "2026-07", data_dir=data)
    edition = read_csv(data / "editions.csv")[0]
    assert edition["definition"] == "NATO defence expenditure"


def test_importing_a_second_edition_keeps_the_first(tmp_path: Path) -> None:
    data = tmp_path / "data"
    import_nato_workbook(build_2024(tmp_path / "a.xlsx"), "2024-06", data_dir=data)
    before = read_csv(data / "defence_expenditure.csv")
    import_nato_workbook(build_2026(tmp_path / "b.xlsx"), "2026-07", data_dir=data)
    after = read_csv(data / "defence_expenditure.csv")
    assert [r for r in after if r["edition"] == "2024-06"] == before
    assert {r["edition"] for r in after} == {"2024-06", "2026-07"}


def test_unknown_layout_names_what_was_expected(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(WorkbookLayoutError, match=r"TABLE1 .* 'Table 1'.*found sheets: Sheet1"):
        import_nato_workbook(tmp_path / "other.xlsx", "2024-06", data_dir=tmp_path / "data")
    assert not (tmp_path / "data" / "defence_expenditure.csv").exists()


def test_missing_sheet_is_named(tmp_path: Path) -> None:
    book = build_2024(tmp_path / "a.xlsx", drop_sheet="7")
    with pytest.raises(WorkbookLayoutError, match="TABLE7 missing"):
        import_nato_workbook(book, "2024-06", data_dir=tmp_path / "data")


def test_unexpected_block_title_is_named(tmp_path: Path) -> None:
    book = build_2024(tmp_path / "a.xlsx", t2_block2_title="Something else entirely")
    with pytest.raises(WorkbookLayoutError, match=r"'TABLE2' row \d+: .*constant.*Something else"):
        import_nato_workbook(book, "2024-06", data_dir=tmp_path / "data")


def test_unknown_country_names_sheet_row_and_name(tmp_path: Path) -> None:
    book = build_2024(tmp_path / "a.xlsx", extra_label="Atlantis")
    expected = r"sheet 'TABLE3', row \d+: unknown country name 'Atlantis'"
    with pytest.raises(UnknownCountryError, match=expected):
        import_nato_workbook(book, "2024-06", data_dir=tmp_path / "data")


def test_edition_must_be_a_month_not_older_than_the_data(tmp_path: Path) -> None:
    book = build_2024(tmp_path / "a.xlsx")
    with pytest.raises(ValueError, match="YYYY-MM"):
        import_nato_workbook(book, "June 2024", data_dir=tmp_path / "data")
    with pytest.raises(ValueError, match="older than the last year"):
        import_nato_workbook(book, "2019-06", data_dir=tmp_path / "data")


def test_cli_subcommands_import_and_report_errors(tmp_path: Path, capsys) -> None:
    parser = argparse.ArgumentParser(prog="natolab data")
    register(parser.add_subparsers(dest="data_command", required=True))
    book = build_2024(tmp_path / "a.xlsx")
    data = tmp_path / "data"
    args = parser.parse_args(["import-nato-workbook", str(book), "--edition", "2024-06",
                              "--data-dir", str(data)])  # fmt: skip
    assert args.handler(args) == 0
    assert "rows written" in capsys.readouterr().out
    assert (data / "defence_expenditure.csv").exists()
    bad = parser.parse_args(["import-nato-workbook", str(tmp_path / "missing.xlsx"), "--edition",
                             "2024-06", "--data-dir", str(data)])  # fmt: skip
    assert bad.handler(bad) == 2
    assert "missing.xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parser.parse_args(["import-nato-workbook", str(book)])  # --edition is required


def test_write_editions_keeps_an_official_row_and_fills_only_its_blank_dates(tmp_path: Path) -> None:
    from natolab.importers import csvstore
    from natolab.importers.editions import EDITIONS, write_editions

    curated = next(e for e in EDITIONS if e["edition"] == "2024-06")
    # an editions.csv written before data_cutoff_date / estimate_years existed
    old_columns = [c for c in csvstore.EDITIONS_COLUMNS if c not in ("data_cutoff_date", "estimate_years")]
    official = {**curated, "coverage_note": "Official NATO workbook x.xlsx, all tables.", "published": ""}
    csvstore.write_rows(tmp_path / "editions.csv", old_columns, [official])
    rows = {r["edition"]: r for r in read_csv(write_editions(tmp_path))}
    assert rows["2024-06"]["coverage_note"] == "Official NATO workbook x.xlsx, all tables."  # kept
    for column in ("published", "data_cutoff_date", "estimate_years"):
        assert rows["2024-06"][column] == curated[column] != ""
    assert set(rows) == {e["edition"] for e in EDITIONS}
