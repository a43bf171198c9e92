"""partnerships.ipynb through papermill: defaults, other dates, bad parameters.

Expected counts come from the raw files in ../shared/sources/facts
(candidates_partners.csv, partnership_frameworks.csv) and SOURCES.md.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from natolab.paths import NOTEBOOKS_DIR, SOURCES_DIR

pytestmark = pytest.mark.slow

NOTEBOOK = NOTEBOOKS_DIR / "partnerships.ipynb"
FIGURES = ["partners-by-framework", "partners-joined"]


def run(tmp_path: Path, **params) -> nbformat.NotebookNode:
    out = tmp_path / "out.ipynb"
    return pm.execute_notebook(
        str(NOTEBOOK), str(out), parameters=params, cwd=str(tmp_path), kernel_name="python3", progress_bar=False
    )


def sentences(nb) -> list[str]:
    return [
        o["data"]["text/markdown"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]


def tables(nb) -> dict[str, list[dict[str, str]]]:
    return {
        o["metadata"]["natolab"]["table"]: list(csv.DictReader(o["data"]["text/csv"].splitlines()))
        for c in nb.cells
        for o in c.get("outputs", [])
        if "table" in o.get("metadata", {}).get("natolab", {})
    }


def figures(nb) -> list[str]:
    return [
        o["metadata"]["natolab"]["figure"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "figure" in o.get("metadata", {}).get("natolab", {})
    ]


def raw(name: str) -> list[dict[str, str]]:
    path = SOURCES_DIR / "facts" / name
    if not path.exists():
        pytest.skip("../shared/sources is absent: raw source file not available")
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def fails_with(tmp_path: Path, **params) -> str:
    with pytest.raises(pm.PapermillExecutionError) as info:
        run(tmp_path, **params)
    return str(info.value)


def raw_joined_by(day: str) -> Counter:
    """Partners per raw framework name with a joining date on or before day."""
    return Counter(
        r["framework"] for r in raw("candidates_partners.csv") if r["date_joined"] and r["date_joined"] <= day
    )


def test_defaults_partners_aspirants_and_claim(tmp_path):
    nb = run(tmp_path)
    out = tables(nb)
    assert figures(nb) == FIGURES
    frameworks = out["partners-by-framework"]
    totals = sorted(int(r["n_partners"]) + int(r["n_date_unknown"]) for r in frameworks)
    assert totals == [3, 4, 7, 9, 18]  # SOURCES.md: 3 + 18 + 7 + 4 + 9 = 41
    assert len(out["partners"]) == len(raw("candidates_partners.csv")) == 41
    assert sorted(int(r["n_partners"]) for r in frameworks) == sorted(raw_joined_by("2026-11-28").values())
    said = " ".join(sentences(nb))
    assert "No joining date is recorded for Afghanistan and Pakistan." in said
    assert {r["country"] for r in out["aspirants"]} == {"Bosnia and Herzegovina", "Georgia", "Ukraine"}
    claim = out["source-claims"][0]
    assert "more than 40 partner countries" in claim["claim"]
    assert claim["verdict"] == "differs"


def test_mid_1995(tmp_path):
    nb = run(tmp_path, as_of="1995-06-30")
    out = tables(nb)
    counts = raw_joined_by("1995-06-30")
    got = {r["framework_name"]: int(r["n_partners"]) for r in tables(nb)["partners-by-framework"]}
    assert sorted(v for v in got.values() if v) == sorted(counts.values())
    assert out["aspirants"] == []
    assert "today's partners that had already joined numbered" in " ".join(sentences(nb))


def test_bosnia_map_invitation_day(tmp_path):
    nb = run(tmp_path, as_of="2010-04-22")
    out = tables(nb)
    # Bucharest (April 2008) for Georgia and Ukraine; Bosnia and Herzegovina invited to the MAP that day.
    assert {r["country"] for r in out["aspirants"]} == {"Bosnia and Herzegovina", "Georgia", "Ukraine"}
    assert all(r["application_date"] == "" for r in out["aspirants"])  # Ukraine applied only in 2022
    years = {int(r["year"]) for r in out["partners-joined"]}
    assert max(years) <= 2010


def test_unparseable_as_of_is_refused(tmp_path):
    message = fails_with(tmp_path, as_of="not-a-date")
    assert "Parameter 'as_of' = 'not-a-date': not a date" in message
    assert "Valid values: a date YYYY-MM-DD from 1949-04-04" in message


def test_as_of_after_the_data_is_refused(tmp_path):
    assert "outside the period the data covers" in fails_with(tmp_path, as_of="2100-01-01")
