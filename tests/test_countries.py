"""Tests for natolab.countries: resolving every spelling the sources use to one key.

Expected codes are written here by hand or read from the raw files the spellings come
from (NATO and SIPRI workbooks, the Natural Earth shapefile, the facts collection), never
from data/country_names.csv, the table under test.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest

from natolab import countries, data, paths
from natolab.resources import Frames

SPENDING = paths.SOURCES_DIR / "defence-spending"
FACTS = paths.SOURCES_DIR / "facts"
needs_shared = pytest.mark.skipif(not paths.SOURCES_DIR.is_dir(), reason="../shared/sources absent")

# Spellings named in the issue and the sources, with the key each one must give.
SPELLINGS = {
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "turkiye": "TUR",
    "Turkey (Türkiye)": "TUR",
    "Slovak Republic": "SVK",
    "Slovakia": "SVK",
    "Czechia": "CZE",
    "Czech Republic": "CZE",
    "North Macedonia": "MKD",
    "Macedonia": "MKD",
    "NATO Europe and Canada": "NATO_EUROPE_CANADA",
    "NATO Total": "NATO_TOTAL",
    "United States of America": "USA",
    "United States": "USA",
    "Bosnia and Herzegovina": "BIH",
    "Bosnia and Herz.": "BIH",
    "United Kingdom": "GBR",
    "Korea, South": "KOR",
    "South Korea": "KOR",
    "Republic of Korea": "KOR",
    "Kyrgyz Republic": "KGZ",
    "France": "FRA",
    "Norway": "NOR",
    "Germany": "DEU",
}
DECORATED = {
    "Poland*": "POL",
    "Czechia*   (Koruny)": "CZE",
    "United Kingdom   (Pounds)": "GBR",
    "United States   (US dollars)": "USA",
    "  slovak   republic ": "SVK",
    "Lithuania*\xa0": "LTU",
    "usa": "USA",
    "nato_total": "NATO_TOTAL",
}


@pytest.fixture(autouse=True)
def _fresh_tables():
    countries.clear_cache()
    yield
    countries.clear_cache()


@pytest.mark.parametrize(("spelling", "expected"), sorted({**SPELLINGS, **DECORATED}.items()))
def test_resolve_known_spellings(spelling, expected):
    assert countries.resolve(spelling) == expected


def test_unknown_name_names_the_input_and_suggests_close_names():
    with pytest.raises(ValueError, match="Germny") as err:
        countries.resolve("Germny")
    assert "Germany (DEU)" in str(err.value)
    with pytest.raises(ValueError, match="Atlantis"):
        countries.resolve("Atlantis")


@pytest.mark.parametrize("bad", ["", "   ", "***", "Europe", "USSR", "Czechoslovakia", "XXX"])
def test_regions_former_states_and_blanks_are_refused(bad):
    with pytest.raises(ValueError, match="Unknown country"):
        countries.resolve(bad)


def test_lookup_answers_as_resolve_does_and_none_for_an_unknown_name():
    for spelling in ("Türkiye", "turkey", "United Kingdom   (Pounds)", "Poland*", "usa"):
        assert countries.lookup(spelling) == countries.resolve(spelling)
    for unknown in ("Atlantis", "Kosovo", "", "Europe"):
        assert countries.lookup(unknown) is None
    with pytest.raises(TypeError, match="None"):
        countries.lookup(None)  # type: ignore[arg-type]


def test_non_string_is_a_type_error():
    with pytest.raises(TypeError, match="None"):
        countries.resolve(None)  # type: ignore[arg-type]


def test_name_is_nato_spelling_and_accepts_any_spelling():
    assert countries.name("TUR") == "Türkiye"
    assert countries.name("Slovakia") == "Slovak Republic"
    assert countries.name("CZE") == "Czechia"
    assert countries.name("NATO_TOTAL") == "NATO Total"
    with pytest.raises(ValueError, match="ZZZ"):
        countries.name("ZZZ")


def test_allies_on_a_date():
    assert len(countries.allies("1949-04-04")) == 12
    assert len(countries.allies("1949-04-03")) == 0
    # Seed text: North Macedonia (2020) "meaning that NATO now has 30 members".
    assert len(countries.allies("2020-03-27")) == 30
    assert "MKD" not in countries.allies("2020-03-26")
    assert len(countries.allies()) == 32
    assert countries.allies()[-1] == "SWE"
    with pytest.raises(ValueError, match="as_of: cannot read 'someday' as a date"):
        countries.allies("someday")


def test_allies_reads_given_members_and_none_is_the_datas_date():
    members = pd.DataFrame({"iso3": ["BBB", "AAA", "CCC"],
                            "accession_date": ["1952-02-18", "1949-04-04", "2999-01-01"]})
    given = Frames(members=members)
    assert countries.allies("1952-02-18", data=given) == ["AAA", "BBB"]
    assert countries.allies("1952-02-17", data=given) == ["AAA"]
    # None is the data's date, not "every row": an accession after it does not count.
    assert countries.allies(data=given) == ["AAA", "BBB"]


def test_every_spelling_in_country_names_resolves_to_its_own_row():
    table = pd.read_csv(paths.DATA_DIR / "country_names.csv", dtype=str, keep_default_na=False)
    wrong = [(n, c) for n, c in zip(table["name"], table["iso3"], strict=True) if countries.resolve(n) != c]
    assert wrong == []
    keys = table["name"].map(countries.normalise_name)
    assert not keys.duplicated().any(), "two spellings collapse to one comparison key"


# --- spellings read from the raw sources ---------------------------------------------------


def _country_codes() -> set[str]:
    """The keys of data/countries.csv that are countries (not NATO's aggregates)."""
    table = data.load("countries")
    return set(table.loc[table["entity_type"] == "country", "iso3"].astype(str))


def _facts_codes(file: str, *columns: str) -> set[str]:
    frame = pd.read_csv(FACTS / file, dtype=str, keep_default_na=False)
    return {code for col in columns for code in frame[col] if code}


@needs_shared
def test_every_code_in_the_facts_collection_is_known():
    raw = (
        _facts_codes("members.csv", "iso3")
        | _facts_codes("eu_nato_membership.csv", "iso3")
        | _facts_codes("candidates_partners.csv", "iso3")
        | _facts_codes("efp_battlegroups.csv", "host_iso3", "framework_iso3")
    )
    assert raw - _country_codes() == set()


@needs_shared
def test_facts_names_resolve_to_the_code_beside_them():
    for file in ("members.csv", "eu_nato_membership.csv", "candidates_partners.csv"):
        frame = pd.read_csv(FACTS / file, dtype=str)
        for name, code in zip(frame["country"], frame["iso3"], strict=True):
            assert countries.resolve(name) == code, (file, name)


@needs_shared
def test_nato_2024_table3_labels_resolve_to_the_allies_and_aggregates():
    book = openpyxl.load_workbook(SPENDING / "240617-def-exp-2024-TABLES-en.xlsx", read_only=True, data_only=True)
    sheet = book["TABLE3"]
    # Countries are labelled in column C, NATO's aggregates in column B; a label row
    # with a number in column D (2014) is a data row, not a block title.
    labels = [
        row[2] or row[1]
        for row in sheet.iter_rows(min_row=11, max_row=43, values_only=True)
        if isinstance(row[2] or row[1], str) and isinstance(row[3], (int, float))
    ]
    book.close()
    resolved = {countries.resolve(label) for label in labels}
    allies = _facts_codes("members.csv", "iso3")
    # Iceland has no armed forces and no defence-expenditure row.
    assert resolved == (allies - {"ISL"}) | {"NATO_TOTAL", "NATO_EUROPE_CANADA"}


@needs_shared
def test_nato_table1_currency_labels_resolve():
    book = openpyxl.load_workbook(SPENDING / "240617-def-exp-2024-TABLES-en.xlsx", read_only=True, data_only=True)
    labels = [row[0] for row in book["TABLE1"].iter_rows(min_col=3, max_col=3, values_only=True)]
    book.close()
    with_currency = [label for label in labels if isinstance(label, str) and label.rstrip().endswith(")")]
    assert len(with_currency) >= 31
    assert {countries.resolve(label) for label in with_currency} <= _country_codes()


@needs_shared
def test_nato_2025_2026_transcription_labels_resolve():
    frame = pd.read_csv(SPENDING / "nato_2025_2026_editions_transcribed.csv", dtype=str)
    resolved = {countries.resolve(label) for label in frame["country"].dropna().unique()}
    assert {"TUR", "SVK", "CZE", "NATO_TOTAL", "NATO_EUROPE_CANADA"} <= resolved


@needs_shared
def test_passport_codes_resolve_to_themselves():
    frame = pd.read_csv(SPENDING / "nato_passport_2012-2019_from_nato.rda.csv", dtype=str)
    codes = set(frame["country_stanag"])
    assert len(codes) == 29  # the June 2019 edition, before North Macedonia
    assert {countries.resolve(code) for code in codes} == codes


@needs_shared
def test_sipri_labels_of_every_ally_resolve_once():
    sipri = pd.read_excel(SPENDING / "SIPRI-Milex-data-1949-2024_2.xlsx", sheet_name="Share of GDP", header=5)
    resolved: dict[str, list[str]] = {}
    for label in sipri["Country"].dropna().astype(str):
        code = countries.lookup(label)  # None: regions, former states and countries outside our table
        if code is not None:
            resolved.setdefault(code, []).append(label)
    allies = _facts_codes("members.csv", "iso3")
    assert allies <= set(resolved)
    assert all(len(labels) == 1 for code, labels in resolved.items() if code in allies)
    assert resolved["USA"] == ["United States of America"]
    assert resolved["KOR"] == ["Korea, South"]


def test_natural_earth_names_resolve_to_their_iso_a3():
    shapefile = Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
    earth = pyogrio.read_dataframe(shapefile, read_geometry=False)
    ours = _country_codes()
    checked = 0
    for name, code in zip(earth["name"], earth["iso_a3"], strict=True):
        if code in ours:
            assert countries.resolve(name) == code, name
            checked += 1
    # France and Norway carry iso_a3 "-99" in this file and must resolve by name.
    assert {countries.resolve("France"), countries.resolve("Norway")} == {"FRA", "NOR"}
    assert checked >= 60


# --- loading through the catalogue --------------------------------------------------------


def _catalogue_copy(tmp_path: Path) -> Path:
    from natolab import metadata

    for csv in paths.DATA_DIR.glob("*.csv"):
        shutil.copy(csv, tmp_path)
    package = metadata.build_datapackage()
    listed = {res["path"] for res in package["resources"]}
    for csv in tmp_path.glob("*.csv"):
        if csv.name not in listed:
            csv.unlink()
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return tmp_path


def test_tables_load_typed_and_validated_through_the_catalogue(tmp_path, monkeypatch):
    directory = _catalogue_copy(tmp_path)
    monkeypatch.setattr(paths, "DATA_DIR", directory)
    monkeypatch.setattr(paths, "DATAPACKAGE", directory / "datapackage.json")
    data.clear_cache()
    try:
        assert countries.resolve("Türkiye") == "TUR"
        # A broken row must now fail validation, not slip through a plain CSV read.
        table = (directory / "countries.csv").read_text(encoding="utf-8")
        (directory / "countries.csv").write_text(table.replace(",aggregate", ",region", 1), encoding="utf-8")
        data.clear_cache()
        countries.clear_cache()
        with pytest.raises(data.DataValidationError, match="entity_type"):
            countries.resolve("Türkiye")
    finally:
        data.clear_cache()
