"""natolab.data: typed loading and the errors a malformed CSV must produce.

Each failure test writes a tiny data package into a temporary folder, breaks one
thing, and checks the message names the file, the line, the column and the value.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from natolab import data, editions


def _package(tmp_path: Path, countries: str, members: str) -> Path:
    descriptor = {
        "name": "test",
        "created": "2026-11-28T00:00:00Z",
        "resources": [
            {
                "name": "countries",
                "path": "countries.csv",
                "schema": {
                    "fields": [
                        {"name": "iso3", "type": "string", "constraints": {"required": True, "pattern": "[A-Z]{3}"}},
                        {"name": "name", "type": "string"},
                        {"name": "entity_type", "type": "string", "constraints": {"enum": ["country", "aggregate"]}},
                    ],
                    "primaryKey": ["iso3"],
                },
            },
            {
                "name": "members",
                "path": "members.csv",
                "schema": {
                    "fields": [
                        {"name": "iso3", "type": "string"},
                        {"name": "accession_date", "type": "date", "constraints": {"minimum": "1949-04-04"}},
                        {"name": "round_number", "type": "integer", "constraints": {"minimum": 0, "maximum": 10}},
                        {"name": "founding_member", "type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
                        {"name": "share_pct", "type": "number", "constraints": {"minimum": 0}},
                    ],
                    "primaryKey": ["iso3"],
                    "foreignKeys": [{"fields": "iso3", "reference": {"resource": "countries", "fields": "iso3"}}],
                },
            },
        ],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (tmp_path / "countries.csv").write_text(countries, encoding="utf-8")
    (tmp_path / "members.csv").write_text(members, encoding="utf-8")
    data.clear_cache()
    return tmp_path


COUNTRIES = "iso3,name,entity_type\nBEL,Belgium,country\nGRC,Greece,country\nSWE,Sweden,country\n"
MEMBERS = (
    "iso3,accession_date,round_number,founding_member,share_pct\n"
    "BEL,1949-04-04,0,true,1.3\n"
    "GRC,1952-02-18,1,false,3.08\n"
    "SWE,2024-03-07,10,false,\n"
)


def test_load_gives_typed_columns(tmp_path):
    frame = data.load("members", data_dir=_package(tmp_path, COUNTRIES, MEMBERS))
    assert pd.api.types.is_datetime64_any_dtype(frame["accession_date"])
    assert frame["round_number"].dtype == "Int64"
    assert frame["founding_member"].dtype == "boolean"
    assert frame["share_pct"].dtype == "float64"
    assert frame.loc[frame["iso3"] == "GRC", "accession_date"].iloc[0] == pd.Timestamp("1952-02-18")
    assert pd.isna(frame.loc[frame["iso3"] == "SWE", "share_pct"].iloc[0])  # blank stays blank


def test_enum_becomes_category(tmp_path):
    frame = data.load("countries", data_dir=_package(tmp_path, COUNTRIES, MEMBERS))
    assert isinstance(frame["entity_type"].dtype, pd.CategoricalDtype)
    assert list(frame["entity_type"].cat.categories) == ["country", "aggregate"]


def test_load_returns_a_copy(tmp_path):
    directory = _package(tmp_path, COUNTRIES, MEMBERS)
    first = data.load("members", data_dir=directory)
    first.loc[0, "iso3"] = "XXX"
    assert data.load("members", data_dir=directory).loc[0, "iso3"] == "BEL"


@pytest.mark.parametrize(
    ("members", "line", "column", "value", "words"),
    [
        (MEMBERS.replace("iso3,accession_date,round_number,founding_member,share_pct", "iso3,accession_date,round_number,founding_member"),
         1, None, None, "missing column(s) share_pct"),
        (MEMBERS.replace("1952-02-18", "18/02/1952"), 3, "accession_date", "18/02/1952", "not a date"),
        (MEMBERS.replace(",1,false", ",one,false"), 3, "round_number", "one", "not an integer"),
        (MEMBERS.replace("3.08", "3,08").replace("GRC,1952-02-18,1,false,3,08", 'GRC,1952-02-18,1,false,"3,08"'),
         3, "share_pct", "3,08", "not a number"),
        (MEMBERS.replace("1,false", "1,no"), 3, "founding_member", "no", "not a boolean"),
        (MEMBERS + "GRC,1952-02-18,1,false,2.0\n", 5, "iso3", "GRC", "duplicate primary key"),
        (MEMBERS + "XKX,2030-01-01,10,false,\n", 5, "iso3", "XKX", "unknown iso3"),
        (MEMBERS.replace("SWE,2024-03-07,10,", "SWE,2024-03-07,11,"), 4, "round_number", "11", "above the maximum 10"),
        (MEMBERS.replace("3.08", "-3.08"), 3, "share_pct", "-3.08", "below the minimum 0"),
        (MEMBERS.replace("1949-04-04", "1948-12-31"), 2, "accession_date", "1948-12-31", "below the minimum 1949-04-04"),
    ],
    ids=["missing-column", "bad-date", "bad-integer", "bad-number", "bad-boolean", "duplicate-key", "unknown-country",
         "above-maximum", "below-minimum", "date-before-minimum"],
)
def test_malformed_csv_names_file_line_column_value(tmp_path, members, line, column, value, words):
    directory = _package(tmp_path, COUNTRIES, members)
    with pytest.raises(data.DataValidationError) as caught:
        data.load("members", data_dir=directory)
    err = caught.value
    message = str(err)
    assert err.file.name == "members.csv"
    assert "members.csv" in message
    assert err.line == line and f"line {line}" in message
    assert words in message
    if column is not None:
        assert err.column == column and f"column '{column}'" in message
        assert repr(value) in message


def test_enum_violation_lists_allowed_values(tmp_path):
    directory = _package(tmp_path, COUNTRIES.replace("GRC,Greece,country", "GRC,Greece,state"), MEMBERS)
    with pytest.raises(data.DataValidationError, match=r"line 3, column 'entity_type'.*allowed values: country, aggregate"):
        data.load("countries", data_dir=directory)


def test_pattern_and_required(tmp_path):
    directory = _package(tmp_path, COUNTRIES + ",Nowhere,country\n", MEMBERS)
    with pytest.raises(data.DataValidationError, match=r"line 5, column 'iso3': required value is blank"):
        data.load("countries", data_dir=directory)
    directory = _package(tmp_path, COUNTRIES + "Xk1,Nowhere,country\n", MEMBERS)
    with pytest.raises(data.DataValidationError, match=r"does not match the pattern"):
        data.load("countries", data_dir=directory)


def test_ragged_csv_is_reported(tmp_path):
    directory = _package(tmp_path, COUNTRIES, MEMBERS + "BEL,1949-04-04,0,true,1.3,extra,fields\n")
    with pytest.raises(data.DataValidationError, match=r"members\.csv: not a well-formed UTF-8 CSV"):
        data.load("members", data_dir=directory)


def test_unknown_dataset_lists_valid_names(tmp_path):
    directory = _package(tmp_path, COUNTRIES, MEMBERS)
    with pytest.raises(ValueError, match=r"Unknown dataset 'allies'\. Valid datasets: countries, members"):
        data.load("allies", data_dir=directory)


def test_validate_all_collects_problems(tmp_path):
    directory = _package(tmp_path, COUNTRIES, MEMBERS + "XKX,2030-01-01,10,false,\n")
    (directory / "stray.csv").write_text("a\n1\n", encoding="utf-8")
    problems = data.validate_all(directory)
    assert any("stray.csv: not described" in p for p in problems)
    assert any("unknown iso3" in p and "XKX" in p for p in problems)
    assert data.validate_all(_package(tmp_path, COUNTRIES, MEMBERS)) == [f"{directory / 'stray.csv'}: not described in datapackage.json"]


def test_bundled_data_is_valid():
    data.clear_cache()
    assert data.validate_all() == []


def test_bundled_catalogue_has_the_issue_datasets():
    required = {
        "countries", "country_names", "members", "eu_membership", "defence_expenditure", "editions",
        "sipri_milex", "summits", "targets", "eu_nato", "eu_nato_actions", "partners",
        "partnership_frameworks", "aspirants", "operations", "kfor_strength", "efp_battlegroups",
    }
    assert required <= set(data.resource_names())


def test_defence_expenditure_one_edition_and_latest():
    one = data.defence_expenditure("2024-06", "share_of_gdp_pct")
    assert set(one["edition"]) == {"2024-06"}
    latest = data.defence_expenditure("latest", "share_of_gdp_pct")
    # one value per country-year, each tagged with the edition it came from
    assert not latest.duplicated(["iso3", "year", "indicator"]).any()
    order = editions.table()["edition"].tolist()
    full = data.load("defence_expenditure")
    full = full[(full["indicator"] == "share_of_gdp_pct") & full["value"].notna()]
    for row in latest.sample(25, random_state=1).itertuples():
        candidates = full[(full["iso3"] == row.iso3) & (full["year"] == row.year)]
        newest = max(candidates["edition"], key=order.index)
        assert row.edition == newest


def test_defence_expenditure_rejects_unknown_edition_and_indicator():
    with pytest.raises(ValueError, match=r"Unknown edition '1999-01'. Valid editions: latest, .*2024-06"):
        data.defence_expenditure("1999-01")
    with pytest.raises(ValueError, match="Unknown indicator"):
        data.defence_expenditure("2024-06", "share_of_gpd")


def test_source_note_names_edition():
    note = data.source_note("defence_expenditure", ["2024-06"])
    assert note.startswith("Source: ") and "2024-06" in note
    assert "2026-07" not in note


def test_source_note_credits_an_edition_imported_after_the_catalogue(tmp_path):
    import shutil

    from natolab import paths

    for item in paths.DATA_DIR.iterdir():
        shutil.copy(item, tmp_path / item.name)
    with (tmp_path / "editions.csv").open("a", encoding="utf-8") as handle:
        # columns: edition,title,publisher,published,data_cutoff_date,years_covered,estimate_years,...
        handle.write("2027-06,Defence Expenditure of NATO Countries (2014-2027),NATO Public Diplomacy Division,,,"
                     "2014-2027,,NATO defence expenditure,2021,official_workbook,test row\n")
    data.clear_cache()
    note = data.source_note("defence_expenditure", ["2027-06"], data_dir=tmp_path)
    assert note == "Source: NATO Public Diplomacy Division, Defence Expenditure of NATO Countries (2014-2027) (edition 2027-06)."
