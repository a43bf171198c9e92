"""natolab.provenance: the registry of what a notebook used, and how natolab.data feeds it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from natolab import data, provenance


@pytest.fixture(autouse=True)
def fresh_registry():
    """Every test starts and ends with nothing recorded: the registry is process-wide."""
    provenance.reset()
    yield
    provenance.reset()


# --------------------------------------------------------------------------- the registry


def test_records_are_merged_and_sorted():
    provenance.record("defence_expenditure", ["2025-08"])
    provenance.record("members")
    provenance.record("defence_expenditure", ("2024-06", "2025-08"))
    assert provenance.used() == {"defence_expenditure": ["2024-06", "2025-08"], "members": []}
    assert list(provenance.used()) == ["defence_expenditure", "members"]


def test_a_single_string_is_one_edition_not_its_characters():
    provenance.record("sipri_milex", "2025-04")
    assert provenance.used() == {"sipri_milex": ["2025-04"]}


def test_blank_editions_are_not_recorded():
    provenance.record("members", ["", None])  # type: ignore[list-item]
    assert provenance.used() == {"members": []}


def test_used_is_a_copy():
    provenance.record("a", ["2024-06"])
    provenance.used()["a"].append("1999-01")
    assert provenance.used() == {"a": ["2024-06"]}


def test_reset_forgets_everything():
    provenance.record("a", ["2024-06"])
    provenance.reset()
    assert provenance.used() == {}


def test_importing_the_registry_is_light():
    code = "import sys, natolab.provenance; print(sorted({'pandas', 'numpy', 'matplotlib'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --------------------------------------------------------------------------- fed by natolab.data


def test_load_records_every_call_even_when_cached():
    data.load("members")
    assert provenance.used() == {"members": []}
    provenance.reset()
    data.load("members")  # a cache hit: the use must still be recorded
    assert provenance.used() == {"members": []}


def test_a_failed_load_records_nothing():
    with pytest.raises(ValueError, match="Unknown dataset"):
        data.load("no_such_dataset")
    assert provenance.used() == {}


def test_source_note_records_the_editions_it_credits():
    note = data.source_note("defence_expenditure", ["2024-06"])
    assert "2024-06" in note
    # Only that edition, and crediting it is not a use of the editions table.
    assert provenance.used() == {"defence_expenditure": ["2024-06"]}


def test_source_note_without_editions_records_every_edition_it_credits():
    data.source_note("sipri_milex")
    # The catalogue's one SIPRI source is the April 2025 release of the 1949-2024 database.
    assert provenance.used() == {"sipri_milex": ["2025-04"]}


def test_source_note_for_a_dataset_without_editions_records_the_dataset():
    data.source_note("members")
    assert provenance.used() == {"members": []}


def test_defence_expenditure_of_one_edition_records_that_edition():
    frame = data.defence_expenditure("2024-06", "share_of_gdp_pct")
    assert set(frame["edition"]) == {"2024-06"}
    assert provenance.used() == {"defence_expenditure": ["2024-06"]}


def test_defence_expenditure_latest_records_the_editions_it_returns():
    frame = data.defence_expenditure("latest", "share_of_gdp_pct")
    returned = sorted(set(frame["edition"]))
    assert len(returned) > 1  # "latest" is a patchwork of editions
    assert provenance.used() == {"defence_expenditure": returned}


# --------------------------------------------------------------------------- editions in words


def test_nato_edition_in_words_uses_the_editions_table():
    # Title of NATO's June 2024 release (240617-def-exp-2024-TABLES-en.xlsx).
    words = data.edition_in_words("defence_expenditure", "2024-06")
    assert words == "Defence Expenditure of NATO Countries (2014-2024), June 2024"


def test_other_datasets_take_the_title_of_their_own_source():
    # "2025-04" is SIPRI's release here, not the Secretary General's report of that month.
    words = data.edition_in_words("sipri_milex", "2025-04")
    assert words == "SIPRI Military Expenditure Database, 1949-2024, April 2025"


def _tiny_package(tmp_path: Path) -> Path:
    fields = [{"name": "edition", "type": "string"}, {"name": "title", "type": "string"}]
    descriptor = {
        "name": "test",
        "created": "2026-11-28T00:00:00Z",
        "resources": [
            {"name": "releases", "path": "releases.csv", "schema": {"fields": fields, "primaryKey": ["edition"]}},
            {
                "name": "series",
                "path": "series.csv",
                "sources": [{"title": "Catalogue title", "edition": "2024-06"}],
                "schema": {
                    "fields": [{"name": "edition", "type": "string"}],
                    "foreignKeys": [{"fields": "edition", "reference": {"resource": "releases", "fields": "edition"}}],
                },
            },
            {
                "name": "plain",
                "path": "plain.csv",
                "sources": [{"title": "Plain source", "edition": "2019-06"}],
                "schema": {"fields": [{"name": "x", "type": "string"}]},
            },
        ],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (tmp_path / "releases.csv").write_text("edition,title\n2024-06,Release title\n", encoding="utf-8")
    (tmp_path / "series.csv").write_text("edition\n2024-06\n", encoding="utf-8")
    (tmp_path / "plain.csv").write_text("x\n1\n", encoding="utf-8")
    return tmp_path


def test_edition_in_words_rules(tmp_path):
    package = _tiny_package(tmp_path)
    try:
        # An edition column with a foreign key: the title comes from the table it refers to.
        assert data.edition_in_words("series", "2024-06", data_dir=package) == "Release title, June 2024"
        # No foreign key: the catalogue source with that edition.
        assert data.edition_in_words("plain", "2019-06", data_dir=package) == "Plain source, June 2019"
        # Nothing describes it: the month alone; a code that is no month stays as it is.
        assert data.edition_in_words("plain", "2020-12", data_dir=package) == "December 2020"
        assert data.edition_in_words("plain", "draft", data_dir=package) == "draft"
        # Looking titles up is not a use of the releases table.
        assert provenance.used() == {}
    finally:
        data.clear_cache()
