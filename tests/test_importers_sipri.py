"""natolab.importers.sipri on a small Milex-shaped workbook built with openpyxl here."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import openpyxl
import pytest

from natolab.importers import SipriLayoutError, import_sipri_workbook
from natolab.importers.cli import register

# SIPRI's spellings of the 32 Allies and the three aspirants the import keeps.
KEPT = {
    "Albania": "ALB", "Belgium": "BEL", "Bulgaria": "BGR", "Canada": "CAN", "Croatia": "HRV",
    "Czechia": "CZE", "Denmark": "DNK", "Estonia": "EST", "Finland": "FIN", "France": "FRA",
    "Germany": "DEU", "Greece": "GRC", "Hungary": "HUN", "Iceland": "ISL", "Italy": "ITA",
    "Latvia": "LVA", "Lithuania": "LTU", "Luxembourg": "LUX", "Montenegro": "MNE",
    "Netherlands": "NLD", "North Macedonia": "MKD", "Norway": "NOR", "Poland": "POL",
    "Portugal": "PRT", "Romania": "ROU", "Slovakia": "SVK", "Slovenia": "SVN", "Spain": "ESP",
    "Sweden": "SWE", "Türkiye": "TUR", "United Kingdom": "GBR",
    "United States of America": "USA", "Bosnia and Herzegovina": "BIH", "Georgia": "GEO",
    "Ukraine": "UKR",
}  # fmt: skip
SHEETS = {
    # sheet: (notes lines above the header, first year, fraction?)
    "Share of GDP": (5, 1990, True),
    "Constant (2023) US$": (5, 1990, False),
    "Current US$": (5, 1990, False),
    "Per capita": (6, 1991, False),
    "Share of Govt. spending": (7, 1991, True),
}
LAST_YEAR = 1993
# Read by the importer only as evidence for its placeholder-zero rule, never written.
LOCAL_CURRENCY = "Local currency calendar years"


def raw_value(sheet: str, iso3: str, year: int):
    """The cell SIPRI would hold; codes for the quirks on chosen cells."""
    if iso3 == "EST" and year < 1992:
        return "xxx"  # not independent
    if iso3 == "ISL" and not sheet.startswith("Share"):
        return 0  # no military: zero in every money measure, a real value
    if (iso3, year) == ("HUN", 1990) and sheet == "Current US$":
        return 0  # a placeholder: positive in local currency and constant US$ that year
    if (iso3, year) == ("ROU", 1991) and sheet == "Current US$":
        return 0  # a placeholder found through the local-currency sheet alone
    if (iso3, year) == ("ROU", 1991) and sheet in ("Constant (2023) US$", "Share of GDP"):
        return "..."
    if sheet == LOCAL_CURRENCY:
        return (sorted(KEPT.values()).index(iso3) + 1) * 1000.0
    if iso3 == "ISL" and sheet.startswith("Share"):
        return ". ."  # SIPRI's no-data code, with its space
    if iso3 == "UKR" and year == 1990:
        return "..."  # the same code as the file actually writes it
    base = sorted(KEPT.values()).index(iso3) + (year - 1990) / 10
    return (base + 1) / 1000 if SHEETS[sheet][2] else base * 100 + 1


def build_sipri(path: Path, drop: str | None = None, skip_sheet: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.create_sheet("Front page")
    for sheet, (notes, first, _fraction) in {**SHEETS, LOCAL_CURRENCY: (6, 1990, False)}.items():
        if sheet == skip_sheet:
            continue
        ws = wb.create_sheet(sheet)
        for r in range(1, notes + 1):
            ws.cell(r, 1, f"note line {r}")
        years = list(range(first, LAST_YEAR + 1))
        ws.append(["Country", "Notes", *years])
        ws.append([])
        ws.append(["Europe"])  # region header row without values
        names = [n for n in KEPT if n != drop]
        for name in [*names[:10], "USSR", "Japan", *names[10:]]:
            if name in ("USSR", "Japan"):
                ws.append([name, "", *[1.0 for _ in years]])
                continue
            ws.append([name, "¶3", *[raw_value(sheet, KEPT[name], y) for y in years]])
    wb.create_sheet("Footnotes")
    wb.save(path)
    return path


def read_rows(path: Path) -> dict[tuple[str, int, str], dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {(r["iso3"], int(r["year"]), r["indicator"]): r for r in rows}


@pytest.fixture
def imported(tmp_path: Path):
    data = tmp_path / "data"
    summary = import_sipri_workbook(build_sipri(tmp_path / "milex.xlsx"), data_dir=data)
    return data, summary, read_rows(data / "sipri_milex.csv")


def test_shares_are_converted_from_fractions_to_percent(imported) -> None:
    _data, _summary, rows = imported
    share = rows[("POL", 1993, "share_of_gdp_pct")]
    assert float(share["value"]) == pytest.approx(raw_value("Share of GDP", "POL", 1993) * 100)
    govt = rows[("USA", 1991, "share_of_government_spending_pct")]
    assert float(govt["value"]) == pytest.approx(
        raw_value("Share of Govt. spending", "USA", 1991) * 100
    )
    money = rows[("DEU", 1990, "usd_constant_2023_m")]
    assert float(money["value"]) == raw_value("Constant (2023) US$", "DEU", 1990)
    assert float(rows[("GBR", 1991, "per_capita_usd_current")]["value"]) == raw_value(
        "Per capita", "GBR", 1991
    )
    assert float(rows[("FRA", 1992, "usd_current_m")]["value"]) == raw_value(
        "Current US$", "FRA", 1992
    )


def test_missing_codes_become_reasons(imported) -> None:
    _data, _summary, rows = imported
    estonia = rows[("EST", 1990, "usd_current_m")]
    assert (estonia["value"], estonia["missing_reason"]) == ("", "state did not exist")
    iceland = rows[("ISL", 1992, "share_of_gdp_pct")]
    assert (iceland["value"], iceland["missing_reason"]) == ("", "no data")
    ukraine = rows[("UKR", 1990, "usd_constant_2023_m")]
    assert (ukraine["value"], ukraine["missing_reason"]) == ("", "no data")
    assert rows[("EST", 1993, "usd_current_m")]["missing_reason"] == ""


def test_current_usd_zeros_contradicted_by_other_measures_become_blanks(imported) -> None:
    _data, _summary, rows = imported
    for iso3, year in (("HUN", 1990), ("ROU", 1991)):
        row = rows[(iso3, year, "usd_current_m")]
        assert (row["value"], row["missing_reason"]) == ("", "placeholder zero")
    # Iceland's zeros are zero in every measure: values, kept.
    iceland = rows[("ISL", 1991, "usd_current_m")]
    assert (float(iceland["value"]), iceland["missing_reason"]) == (0.0, "")
    assert float(rows[("ISL", 1991, "usd_constant_2023_m")]["value"]) == 0.0
    assert rows[("HUN", 1991, "usd_current_m")]["missing_reason"] == ""
    assert not any(k[2] == "local_currency" for k in rows)


def test_only_allies_and_aspirants_every_year(imported) -> None:
    _data, summary, rows = imported
    assert {k[0] for k in rows} == set(KEPT.values())  # no USSR, no Japan
    per_country = sum(LAST_YEAR - first + 1 for _notes, first, _f in SHEETS.values())
    assert len(rows) == len(KEPT) * per_country == summary.rows_written
    assert {r["edition"] for r in rows.values()} == {f"{LAST_YEAR + 1}-04"}


def test_rerun_is_byte_identical(tmp_path: Path) -> None:
    book = build_sipri(tmp_path / "milex.xlsx")
    data = tmp_path / "data"
    import_sipri_workbook(book, data_dir=data)
    first = (data / "sipri_milex.csv").read_bytes()
    summary = import_sipri_workbook(book, data_dir=data)
    assert (data / "sipri_milex.csv").read_bytes() == first
    assert summary.rows_added == 0 and summary.rows_removed == 0


def test_a_missing_ally_is_an_error_naming_it(tmp_path: Path) -> None:
    book = build_sipri(tmp_path / "milex.xlsx", drop="Türkiye")
    with pytest.raises(SipriLayoutError, match=r"sheet 'Share of GDP': no row found for TUR"):
        import_sipri_workbook(book, data_dir=tmp_path / "data")


def test_a_missing_sheet_is_an_error_listing_the_expected_ones(tmp_path: Path) -> None:
    book = build_sipri(tmp_path / "milex.xlsx", skip_sheet="Per capita")
    with pytest.raises(SipriLayoutError, match=r"sheet 'Per capita' not found; expected sheets"):
        import_sipri_workbook(book, data_dir=tmp_path / "data")
    assert not (tmp_path / "data" / "sipri_milex.csv").exists()


def test_cli_import_sipri(tmp_path: Path, capsys) -> None:
    parser = argparse.ArgumentParser(prog="natolab data")
    register(parser.add_subparsers(dest="data_command", required=True))
    book = build_sipri(tmp_path / "milex.xlsx")
    args = parser.parse_args(
        ["import-sipri", str(book), "--data-dir", str(tmp_path / "d"), "--edition", "2025-04"]
    )
    assert args.handler(args) == 0
    assert {r["edition"] for r in read_rows(tmp_path / "d" / "sipri_milex.csv").values()} == {
        "2025-04"
    }
    nato = build_sipri(tmp_path / "x.xlsx", skip_sheet="Share of GDP")
    bad = parser.parse_args(["import-sipri", str(nato), "--data-dir", str(tmp_path / "d")])
    assert bad.handler(bad) == 2
    assert "Share of GDP" in capsys.readouterr().err
