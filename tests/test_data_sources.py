"""The curated spending CSVs against the raw official files they were made from.

Expected numbers are read here from ../shared/sources/defence-spending with openpyxl
and csv, using the cell layout PROVENANCE.md describes, not through natolab's
importers. Tests that need the raw files skip cleanly where ../shared is absent;
the schema check at the end needs only the repository.
"""

from __future__ import annotations

import csv
import functools
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from natolab import data, metadata, paths

RAW = paths.SOURCES_DIR / "defence-spending"
NATO_2024 = RAW / "240617-def-exp-2024-TABLES-en.xlsx"
SIPRI = RAW / "SIPRI-Milex-data-1949-2024_2.xlsx"
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason="../shared/sources not available")

AGGREGATES = {"NATO Europe and Canada": "NATO_EUROPE_CANADA", "NATO Total": "NATO_TOTAL"}

# The June 2024 workbook, from PROVENANCE.md and a look at the file: indicator ->
# (sheet, first row, last row, label columns, first year column); years 2014-2024e run
# over 11 columns from the first year column, header row 8 (row 20 in TABLE7).
LAYOUT_2024 = {
    "defence_expenditure_natcur_current_m": ("TABLE1", 11, 41, "BC", "D"),
    "defence_expenditure_natcur_constant_m": ("TABLE1", 44, 74, "BC", "D"),
    "defence_expenditure_usd_current_m": ("TABLE2", 11, 43, "BC", "D"),
    "defence_expenditure_usd_constant_m": ("TABLE2", 45, 77, "BC", "D"),
    "share_of_gdp_pct": ("TABLE3", 11, 43, "BC", "D"),
    "real_change_pct": ("TABLE3", 45, 77, "BC", "D"),
    "gdp_usd_current_m": ("TABLE5", 11, 44, "BC", "D"),
    "gdp_usd_constant_m": ("TABLE5", 46, 79, "BC", "D"),
    "gdp_per_capita_usd_constant_k": ("TABLE6", 11, 44, "BC", "D"),
    "defence_expenditure_per_capita_usd_constant": ("TABLE6", 46, 78, "BC", "D"),
    "military_personnel_k": ("TABLE7", 23, 55, "CD", "E"),
    "equipment_share_pct": ("TABLE8a", 11, 41, "BC", "D"),
    "personnel_share_pct": ("TABLE8a", 44, 74, "BC", "D"),
    "infrastructure_share_pct": ("TABLE8b", 11, 41, "BC", "D"),
    "other_share_pct": ("TABLE8b", 44, 74, "BC", "D"),
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def name_table() -> dict[str, str]:
    """Source spellings -> ISO3 from the project's name table (data/country_names.csv)."""
    names = {r["name"]: r["iso3"] for r in read_csv(paths.DATA_DIR / "country_names.csv")}
    return {**names, **AGGREGATES}


def iso3_of(label: str, names: dict[str, str]) -> str:
    name = re.sub(r"\(.*\)", "", label).replace("*", "")
    return names[" ".join(name.split())]


def col(letter: str, offset: int = 0) -> str:
    return chr(ord(letter) + offset)


@pytest.fixture(scope="module")
def workbook():
    # Only the needs_raw tests use it: ../shared/sources is there, so a missing workbook is a failure.
    assert NATO_2024.exists(), f"{NATO_2024.name} missing from {RAW}"
    wb = openpyxl.load_workbook(NATO_2024, data_only=True)
    yield wb
    wb.close()


@pytest.fixture(scope="module")
def curated() -> dict[tuple[str, str, int, str], dict[str, str]]:
    rows = read_csv(paths.DATA_DIR / "defence_expenditure.csv")
    return {(r["edition"], r["iso3"], int(r["year"]), r["indicator"]): r for r in rows}


def expected_2024(wb) -> dict[tuple[str, int, str], tuple[float, str]]:
    """(iso3, year, indicator) -> (cell value, 'SHEET!CELL') for every value of the workbook."""
    names = name_table()
    out: dict[tuple[str, int, str], tuple[float, str]] = {}
    for indicator, (sheet, first, last, label_cols, year_col) in LAYOUT_2024.items():
        ws = wb[sheet]
        for row in range(first, last + 1):
            label = next(ws[f"{c}{row}"].value for c in reversed(label_cols) if ws[f"{c}{row}"].value)
            for i, year in enumerate(range(2014, 2025)):
                ref = f"{col(year_col, i)}{row}"
                out[(iso3_of(label, names), year, indicator)] = (ws[ref].value, f"{sheet}!{ref}")
    ws = wb["TABLE4"]
    for row in range(23, 54):
        out[(iso3_of(ws[f"C{row}"].value, names), 2024, "real_change_since_2014_pct")] = (
            ws[f"F{row}"].value,
            f"TABLE4!F{row}",
        )
    return out


@pytest.mark.slow
@needs_raw
def test_every_2024_06_value_equals_its_workbook_cell(workbook, curated) -> None:
    expected = expected_2024(workbook)
    ours = {k[1:]: r for k, r in curated.items() if k[0] == "2024-06"}
    assert set(ours) == set(expected)
    for key, (cell, ref) in expected.items():
        row = ours[key]
        assert isinstance(cell, int | float), (key, ref, cell)
        assert float(row["value"]) == float(cell), (key, ref)
        assert row["source"] == f"240617-def-exp-2024-TABLES-en.xlsx, {ref}"
        assert row["estimate"] == ("true" if key[1] in (2023, 2024) else "false")
        assert row["source_kind"] == "official_workbook"


@needs_raw
def test_2024_06_layout_facts(workbook, curated) -> None:
    # header years as NATO wrote them (some numbers, some text), estimates marked 'e'
    headers = [str(workbook["TABLE3"][f"{col('D', i)}8"].value) for i in range(11)]
    assert headers == [*map(str, range(2014, 2023)), "2023e", "2024e"]
    # the hidden unlabelled row under block 1 of TABLE1 is '#REF!' and not imported
    assert workbook["TABLE1"]["D42"].value == "#REF!" and workbook["TABLE1"]["C42"].value is None
    iceland = {k[3] for k in curated if k[0] == "2024-06" and k[1] == "ISL"}
    assert iceland == {"gdp_usd_current_m", "gdp_usd_constant_m", "gdp_per_capita_usd_constant_k"}
    allies = {k[1] for k in curated if k[0] == "2024-06" and k[3] == "share_of_gdp_pct"}
    assert len(allies - set(AGGREGATES.values())) == 31  # 32 Allies less Iceland


@needs_raw
def test_table4_repeats_tables_2_and_3(workbook) -> None:
    """T4's US$ and share columns are not stored: check they agree with T2 and T3."""
    t2, t3, t4 = workbook["TABLE2"], workbook["TABLE3"], workbook["TABLE4"]
    names = name_table()
    rows_t2 = {iso3_of(t2[f"C{r}"].value, names): r for r in range(45, 76)}
    rows_t3 = {iso3_of(t3[f"C{r}"].value, names): r for r in range(11, 42)}
    for r in range(23, 54):
        iso3 = iso3_of(t4[f"C{r}"].value, names)
        assert t4[f"D{r}"].value == pytest.approx(t2[f"D{rows_t2[iso3]}"].value, rel=1e-9)
        assert t4[f"E{r}"].value == pytest.approx(t2[f"N{rows_t2[iso3]}"].value, rel=1e-9)
        assert t4[f"G{r}"].value == pytest.approx(t3[f"D{rows_t3[iso3]}"].value, rel=1e-9)
        assert t4[f"H{r}"].value == pytest.approx(t3[f"N{rows_t3[iso3]}"].value, rel=1e-9)


@needs_raw
@pytest.mark.parametrize(
    ("iso3", "year", "indicator", "published", "digits"),
    [
        # PROVENANCE.md spot checks: share of real GDP, and TABLE2 current US$ m 2024e
        ("USA", 2024, "share_of_gdp_pct", 3.38, 2),
        ("POL", 2024, "share_of_gdp_pct", 4.12, 2),
        ("GRC", 2014, "share_of_gdp_pct", 2.22, 2),
        ("GRC", 2024, "share_of_gdp_pct", 3.08, 2),
        ("ESP", 2024, "share_of_gdp_pct", 1.28, 2),
        ("POL", 2024, "defence_expenditure_usd_current_m", 34975, 0),
        ("USA", 2024, "defence_expenditure_usd_current_m", 967707, 0),
        ("DEU", 2024, "defence_expenditure_usd_current_m", 97686, 0),
    ],
)
def test_2024_06_spot_values(curated, iso3, year, indicator, published, digits) -> None:
    assert round(float(curated[("2024-06", iso3, year, indicator)]["value"]), digits) == published


# ------------------------------------------------------------------------------ SIPRI

SIPRI_SHEETS = {
    "Share of GDP": ("share_of_gdp_pct", 100),
    "Constant (2023) US$": ("usd_constant_2023_m", 1),
    "Current US$": ("usd_current_m", 1),
    "Per capita": ("per_capita_usd_current", 1),
    "Share of Govt. spending": ("share_of_government_spending_pct", 100),
}


@functools.cache
def sipri_sheet(sheet: str) -> tuple[tuple, ...]:
    """The rows of one sheet of the SIPRI workbook (read once per test session)."""
    wb = openpyxl.load_workbook(SIPRI, read_only=True, data_only=True)
    rows = tuple(wb[sheet].iter_rows(values_only=True))
    wb.close()
    return rows


def sipri_cells(sheet: str, kept: set[str]) -> dict[tuple[str, int], object]:
    """(iso3, year) -> the raw cell of one SIPRI sheet, for the countries in ``kept``."""
    names = name_table()
    rows = sipri_sheet(sheet)
    header = next(i for i, r in enumerate(rows) if r[0] == "Country")
    years = {j: v for j, v in enumerate(rows[header]) if isinstance(v, int)}
    cells = {}
    for row in rows[header + 1 :]:
        iso3 = names.get(row[0]) if row[0] not in ("German Democratic Republic",) else None
        if iso3 in kept:
            cells.update({(iso3, year): row[j] for j, year in years.items()})
    return cells


def sipri_placeholder_zeros(kept: set[str]) -> set[tuple[str, int]]:
    """Country-years whose Current US$ cell is 0 while the same year is positive in local
    currency (calendar years), constant US$ or share of GDP: read from the workbook here."""
    positive = set()
    for sheet in ("Local currency calendar years", "Constant (2023) US$", "Share of GDP"):
        positive |= {k for k, v in sipri_cells(sheet, kept).items() if isinstance(v, int | float) and v > 0}
    zeros = {k for k, v in sipri_cells("Current US$", kept).items() if isinstance(v, int | float) and v == 0}
    return zeros & positive


@pytest.mark.slow
@needs_raw
def test_every_sipri_value_equals_its_workbook_cell() -> None:
    ours = {
        (r["iso3"], int(r["year"]), r["indicator"]): r
        for r in read_csv(paths.DATA_DIR / "sipri_milex.csv")
    }
    kept = {k[0] for k in ours}
    assert len(kept) == 35 and {"BIH", "GEO", "UKR", "ISL", "SWE", "FIN"} <= kept
    placeholders = sipri_placeholder_zeros(kept)
    checked = 0
    for sheet, (indicator, factor) in SIPRI_SHEETS.items():
        for (iso3, year), cell in sipri_cells(sheet, kept).items():
            mine = ours.pop((iso3, year, indicator))
            if cell == "xxx":
                assert (mine["value"], mine["missing_reason"]) == ("", "state did not exist")
            elif isinstance(cell, str):
                assert cell.replace(" ", "") in ("...", "..")
                assert (mine["value"], mine["missing_reason"]) == ("", "no data")
            elif indicator == "usd_current_m" and (iso3, year) in placeholders:
                assert cell == 0
                assert (mine["value"], mine["missing_reason"]) == ("", "placeholder zero")
            else:
                assert float(mine["value"]) == pytest.approx(cell * factor, rel=1e-12)
            checked += 1
    assert ours == {}  # nothing in the CSV that is not in the workbook
    assert checked > 10_000


def _years(iso3: str, first: int, last: int) -> set[tuple[str, int]]:
    return {(iso3, year) for year in range(first, last + 1)}


@needs_raw
def test_sipri_placeholder_zeros_are_blanked_and_icelands_zeros_kept() -> None:
    ours = {(r["iso3"], int(r["year"]), r["indicator"]): r for r in read_csv(paths.DATA_DIR / "sipri_milex.csv")}
    kept = {k[0] for k in ours}
    placeholders = sipri_placeholder_zeros(kept)
    # The country-years known to carry SIPRI's literal zeros in current US$, as read from the workbook.
    assert placeholders == (
        _years("ALB", 1975, 1991) | _years("EST", 1992, 1992) | _years("HUN", 1954, 1967) | _years("ROU", 1950, 1956)
    )
    blanked = {(i, y) for (i, y, ind), r in ours.items() if r["missing_reason"] == "placeholder zero"}
    assert blanked == placeholders
    assert all(ours[(i, y, "usd_current_m")]["value"] == "" for i, y in placeholders)
    # Iceland has no military: SIPRI's 0 is zero in every measure it gives, and stays a value.
    current = sipri_cells("Current US$", {"ISL"})
    iceland_zeros = {k for k, v in current.items() if v == 0}
    assert len(iceland_zeros) > 30 and not iceland_zeros & placeholders
    local = sipri_cells("Local currency calendar years", {"ISL"})
    assert all(not (isinstance(local[k], int | float) and local[k] > 0) for k in iceland_zeros)
    for iso3, year in iceland_zeros:
        row = ours[(iso3, year, "usd_current_m")]
        assert (float(row["value"]), row["missing_reason"]) == (0.0, "")
    # No other current-US$ zero is left in the data.
    zeros = {(i, y) for (i, y, ind), r in ours.items() if ind == "usd_current_m" and r["value"] and float(r["value"]) == 0}
    assert zeros == iceland_zeros


@needs_raw
@pytest.mark.parametrize(
    ("iso3", "year", "published"),
    # PROVENANCE.md: SIPRI share of GDP (%) next to NATO's
    [("USA", 2024, 3.42), ("POL", 2024, 4.15), ("GRC", 2024, 3.13), ("ESP", 2024, 1.43),
     ("GRC", 2014, 2.37), ("DEU", 2024, 1.89), ("FIN", 2024, 2.30), ("SWE", 2024, 2.00)],
)  # fmt: skip
def test_sipri_spot_values_in_percent(iso3, year, published) -> None:
    rows = read_csv(paths.DATA_DIR / "sipri_milex.csv")
    row = next(
        r for r in rows
        if (r["iso3"], r["year"], r["indicator"]) == (iso3, str(year), "share_of_gdp_pct")
    )  # fmt: skip
    assert round(float(row["value"]), 2) == published


# ------------------------------------------------------------------ secondary editions

TRANSCRIBED = {
    "defence_exp_pct_gdp": ("share_of_gdp_pct", 1),
    "defence_exp_usd_current_m": ("defence_expenditure_usd_current_m", 1),
    "defence_exp_usd_current_bn": ("defence_expenditure_usd_current_m", 1000),
    "defence_exp_usd_const2021_m": ("defence_expenditure_usd_constant_m", 1),
    "defence_exp_usd_const2021_bn": ("defence_expenditure_usd_constant_m", 1000),
    "defence_exp_natcur_current_m": ("defence_expenditure_natcur_current_m", 1),
    "defence_exp_natcur_const2021_m": ("defence_expenditure_natcur_constant_m", 1),
    "real_change_pct": ("real_change_pct", 1),
    "equipment_share_pct": ("equipment_share_pct", 1),
    "personnel_share_pct": ("personnel_share_pct", 1),
    "infrastructure_share_pct": ("infrastructure_share_pct", 1),
    "other_share_pct": ("other_share_pct", 1),
}


@needs_raw
def test_transcribed_editions_keep_every_unflagged_value(curated) -> None:
    names = name_table()
    raw = read_csv(RAW / "nato_2025_2026_editions_transcribed.csv")
    keys = [(r["edition"], r["country"], r["year"], r["indicator"]) for r in raw]
    checked = 0
    for r in raw:
        if r["indicator"] not in TRANSCRIBED or "CONFLICT" in r["note"]:
            continue
        indicator, factor = TRANSCRIBED[r["indicator"]]
        key = (r["edition"], names[r["country"]], int(r["year"]), indicator)
        mine = curated[key]
        if factor == 1000:
            full = (r["edition"], r["country"], r["year"], r["indicator"].replace("_bn", "_m"))
            if full in keys:
                continue  # the unrounded US$ million value is kept instead
        assert float(mine["value"]) == pytest.approx(float(r["value"]) * factor), key
        assert mine["source_kind"] == "secondary_transcription"
        assert mine["estimate"] == {"yes": "true", "no": "false"}[r["estimate"]]
        checked += 1
    # both editions, every indicator: far more than a handful of rows are compared
    assert checked > 1000, checked


@needs_raw
def test_conflicts_keep_the_better_sourced_value(curated) -> None:
    spain = curated[("2025-08", "ESP", 2024, "share_of_gdp_pct")]
    assert spain["value"] == "1.43" and "1.28" in spain["note"]
    croatia = curated[("2025-08", "HRV", 2024, "share_of_gdp_pct")]
    assert croatia["value"] == "1.87" and "1.81" in croatia["note"]
    germany = curated[("2025-08", "DEU", 2025, "share_of_gdp_pct")]
    assert germany["value"] == "" and "2%" in germany["note"]
    assert curated[("2025-08", "DEU", 2025, "defence_expenditure_usd_current_m")]["value"] == ""
    # PROVENANCE "Edition differences": the same year differs between editions
    assert curated[("2025-08", "POL", 2025, "share_of_gdp_pct")]["value"] == "4.48"
    assert curated[("2026-07", "POL", 2025, "share_of_gdp_pct")]["value"] == "4.25"
    assert curated[("2026-07", "ALB", 2025, "share_of_gdp_pct")]["value"] == "1.48"


@needs_raw
def test_passport_conversion_to_millions_and_thousands(curated) -> None:
    raw = read_csv(RAW / "nato_passport_2012-2019_from_nato.rda.csv")
    columns = {
        "Defense expenditure (USD, current prices)": ("defence_expenditure_usd_current_m", 1e6),
        "Real GDP (2015 prices)": ("gdp_usd_constant_m", 1e6),
        "Military personnel": ("military_personnel_k", 1e3),
        "Defense expenditure (% real GDP)": ("share_of_gdp_pct", 1),
    }
    assert len(raw) > 200  # 29 Allies x 8 years
    for r in raw:
        for column, (indicator, divisor) in columns.items():
            key = ("2019-06", r["country_stanag"], int(r["year"]), indicator)
            if r[column] == "":
                assert key not in curated
                continue
            assert float(curated[key]["value"]) == pytest.approx(float(r[column]) / divisor)
    # June 2019 and June 2024 editions: 2014 shares differ only by revisions
    assert float(curated[("2019-06", "USA", 2014, "share_of_gdp_pct")]["value"]) == pytest.approx(
        3.73, abs=0.005
    )


@needs_raw
def test_quoted_editions(curated) -> None:
    raw = read_csv(RAW / "nato_figures_transcribed_from_pages.csv")
    sg_2024 = [r for r in raw if r["vintage"].startswith("NATO SG Annual Report 2024")]
    named = [r for r in sg_2024 if not r["country"].startswith("(unnamed")]
    assert len(named) == len(sg_2024) - 1 and named
    names = name_table()
    for r in named:
        row = curated[("2025-04", names[r["country"]], 2024, "share_of_gdp_pct")]
        assert float(row["value"]) == float(r["value"])
        assert row["source_kind"] == "secondary_quote"
    assert sum(1 for k in curated if k[0] == "2025-04") == len(named)
    hoc = [r for r in raw if r["vintage"].startswith("HoC") and r["value"] != ""]
    assert hoc
    assert sum(1 for k in curated if k[0] == "2008-03") == len(hoc)
    assert {k[0] for k in curated} == {
        "2008-03", "2017-06", "2019-06", "2024-03", "2024-06", "2025-04", "2025-08", "2026-07"
    }  # fmt: skip


# ------------------------------------------------------------------ edition metadata

FACTS = paths.SOURCES_DIR / "facts"
needs_facts = pytest.mark.skipif(not FACTS.is_dir(), reason="../shared/sources/facts not available")


def edition_facts() -> dict[tuple[str, str], dict[str, str]]:
    """(edition, field) -> row of the long-form editions_2025_2026.csv."""
    return {(r["edition"], r["field"]): r for r in read_csv(FACTS / "editions_2025_2026.csv")}


@needs_facts
def test_2025_and_2026_edition_dates_come_from_the_raw_file() -> None:
    raw = edition_facts()
    editions = {r["edition"]: r for r in read_csv(paths.DATA_DIR / "editions.csv")}
    for edition in ("2025-08", "2026-07"):
        assert editions[edition]["published"] == raw[(edition, "publication_date")]["value"]
        assert editions[edition]["data_cutoff_date"] == raw[(edition, "data_cutoff_date")]["value"]
        years = [y.strip() for y in raw[(edition, "estimate_years")]["value"].split(";")]
        assert editions[edition]["estimate_years"] == ";".join(years)
        assert editions[edition]["title"] == raw[(edition, "title")]["value"]
    assert editions["2026-07"]["published"] == "2026-07-07"
    assert (editions["2026-07"]["data_cutoff_date"], editions["2026-07"]["estimate_years"]) == ("2026-07-03", "2025;2026")
    assert (editions["2025-08"]["data_cutoff_date"], editions["2025-08"]["estimate_years"]) == ("2025-06-03", "2024;2025")
    # the raw row records a conflict with the workbook's 9/10 July dates: we say so
    assert "CONFLICT" in raw[("2026-07", "publication_date")]["flags"]
    note = editions["2026-07"]["coverage_note"]
    assert "7 July 2026" in note and "9 July" in note and "10 July" in note and "conflict recorded" in note
    assert "U26-37" in raw[("2026-07", "publication_date")]["source_ids"] and "U26-37" in note
    # the row carries its reference: every source id of the raw publication date is named
    ids = raw[("2026-07", "publication_date")]["source_ids"].split(";")
    assert ids == ["U26-37", "U26-39"] and all(i in note for i in ids)


@needs_raw
def test_earlier_edition_cutoffs_and_estimates_come_from_provenance() -> None:
    provenance = (RAW / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "cut-off date 12 June 2024" in provenance and "2023, 2024 = estimates" in provenance
    assert "cut-off 7 Feb 2024" in provenance and "(2018-2019 estimates)" in provenance
    editions = {r["edition"]: r for r in read_csv(paths.DATA_DIR / "editions.csv")}
    assert (editions["2024-06"]["data_cutoff_date"], editions["2024-06"]["estimate_years"]) == ("2024-06-12", "2023;2024")
    assert (editions["2024-03"]["data_cutoff_date"], editions["2024-03"]["estimate_years"]) == ("2024-02-07", "2023")
    assert editions["2019-06"]["estimate_years"] == "2018;2019"
    assert editions["2019-06"]["data_cutoff_date"] == editions["2008-03"]["data_cutoff_date"] == ""


def test_estimate_years_agree_with_the_estimate_flags() -> None:
    """editions.estimate_years names exactly the years defence_expenditure marks as estimates."""
    flagged: dict[str, set[str]] = {}
    for row in read_csv(paths.DATA_DIR / "defence_expenditure.csv"):
        if row["estimate"] == "true":
            flagged.setdefault(row["edition"], set()).add(row["year"])
    for edition in read_csv(paths.DATA_DIR / "editions.csv"):
        if edition["estimate_years"]:
            assert set(edition["estimate_years"].split(";")) == flagged[edition["edition"]], edition["edition"]


# ---------------------------------------------------------------- schema (no raw files)


def test_curated_csvs_match_their_schema(tmp_path: Path) -> None:
    """Load editions, defence_expenditure and sipri_milex through natolab.data."""
    for csv_file in paths.DATA_DIR.glob("*.csv"):
        shutil.copy(csv_file, tmp_path / csv_file.name)
    metadata.write_datapackage(tmp_path / "datapackage.json")
    data.clear_cache()
    frames = {n: data.load(n, data_dir=tmp_path) for n in ("editions", "defence_expenditure",
                                                             "sipri_milex")}  # fmt: skip
    expenditure = frames["defence_expenditure"]
    assert set(expenditure["edition"]) == set(frames["editions"]["edition"])
    assert expenditure["value"].notna().mean() > 0.99
    blank = expenditure[expenditure["value"].isna()]
    assert blank["note"].notna().all()  # every blank value says why
    sipri = frames["sipri_milex"]
    assert (sipri["value"].isna() == sipri["missing_reason"].notna()).all()
    data.clear_cache()
