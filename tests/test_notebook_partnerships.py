"""partnerships.ipynb through papermill: defaults, other dates, bad parameters.

Expected counts come from the raw files in ../shared/sources/facts
(candidates_partners.csv, partnership_frameworks.csv, dcb_partners.csv), SOURCES.md and
SOURCES-deterrence.md.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from notebook_harness import Notebook, figures, sentences, tables
from raw_sources import raw_facts

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("partnerships")
FIGURES = ["partners-by-framework", "partners-joined"]


def raw_joined_by(day: str) -> Counter:
    """Partners per raw framework name with a joining date on or before day."""
    return Counter(
        r["framework"] for r in raw_facts("candidates_partners.csv") if r["date_joined"] and r["date_joined"] <= day
    )


def test_defaults_partners_aspirants_and_claim(tmp_path):
    nb = NOTEBOOK.run(tmp_path)
    out = tables(nb)
    assert figures(nb) == FIGURES
    frameworks = out["partners-by-framework"]
    totals = sorted(int(r["n_partners"]) + int(r["n_date_unknown"]) for r in frameworks)
    assert totals == [3, 4, 7, 9, 18]  # SOURCES.md: 3 + 18 + 7 + 4 + 9 = 41
    assert len(out["partners"]) == len(raw_facts("candidates_partners.csv")) == 41
    assert sorted(int(r["n_partners"]) for r in frameworks) == sorted(raw_joined_by("2026-11-28").values())
    said = " ".join(sentences(nb))
    assert "No joining date is recorded for Afghanistan and Pakistan." in said
    assert {r["country"] for r in out["aspirants"]} == {"Bosnia and Herzegovina", "Georgia", "Ukraine"}
    claim = out["source-claims"][0]
    assert "more than 40 partner countries" in claim["claim"]
    assert claim["verdict"] == "differs"


def test_defaults_dcb_partners_start_years_supporters_and_the_request(tmp_path):
    nb = NOTEBOOK.run(tmp_path)
    dcb = {r["partner"]: r for r in tables(nb)["dcb-partners"]}
    raw = {r["partner"]: r for r in raw_facts("dcb_partners.csv")}
    assert sorted(dcb) == sorted(raw) and len(raw) == 9  # SOURCES-deterrence.md: 8 partners and Libya's request
    assert {p: r["dcb_start_year"] for p, r in dcb.items()} == {p: r["dcb_start_year"] for p, r in raw.items()}
    # Libya asked for support; no package followed (status "Request only" in the raw file).
    requests = {p for p, r in raw.items() if r["status_latest_source"].startswith("Request only")}
    assert {p for p, r in dcb.items() if r["dcb_partner"] == "False"} == requests == {"Libya"}
    supported = {p for p, r in raw.items() if r["allies_supporting_iso3"]}
    assert {p for p, r in dcb.items() if r["supporting_allies"]} == supported
    said = " ".join(sentences(nb))
    undated = sorted(p for p, r in raw.items() if not r["dcb_start_year"] and p not in requests)
    assert undated == ["Jordan"]
    assert "Jordan (start year not found)" in said
    assert f"for {len(supported)} of the {len(raw) - len(requests)} (" in said
    assert "Libya is recorded as a request for support only, with no package." in said


def test_mid_1995(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="1995-06-30")
    out = tables(nb)
    counts = raw_joined_by("1995-06-30")
    got = {r["framework_name"]: int(r["n_partners"]) for r in tables(nb)["partners-by-framework"]}
    assert sorted(v for v in got.values() if v) == sorted(counts.values())
    assert out["aspirants"] == []
    assert "today's partners that had already joined numbered" in " ".join(sentences(nb))
    # No DCB package before the Initiative's first recorded one (Georgia, 2014 in the raw file).
    assert min(int(r["dcb_start_year"]) for r in raw_facts("dcb_partners.csv") if r["dcb_start_year"]) == 2014
    assert out["dcb-partners"] == []


def test_bosnia_map_invitation_day(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="2010-04-22")
    out = tables(nb)
    # Bucharest (April 2008) for Georgia and Ukraine; Bosnia and Herzegovina invited to the MAP that day.
    assert {r["country"] for r in out["aspirants"]} == {"Bosnia and Herzegovina", "Georgia", "Ukraine"}
    assert all(r["application_date"] == "" for r in out["aspirants"])  # Ukraine applied only in 2022
    years = {int(r["year"]) for r in out["partners-joined"]}
    assert max(years) <= 2010


def test_unparseable_as_of_is_refused(tmp_path):
    NOTEBOOK.refuses_as_of(tmp_path, "not-a-date", "not a date")


def test_as_of_after_the_data_is_refused(tmp_path):
    NOTEBOOK.refuses_as_of(tmp_path, "2100-01-01", "outside the period the data covers")


def test_plain_papermill_cli_runs_it_from_anywhere(tmp_path):
    """Schedulers (Airflow's PapermillOperator, cron + papermill) need no natolab runner: the CLI works."""
    papermill = Path(sys.executable).with_name("papermill")
    done = subprocess.run(
        [str(papermill), str(NOTEBOOK.path), "out.ipynb", "-p", "as_of", "1995-06-30", "--no-progress-bar"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    counts = raw_joined_by("1995-06-30")
    got = {r["framework_name"]: int(r["n_partners"]) for r in tables(nb)["partners-by-framework"]}
    assert sorted(v for v in got.values() if v) == sorted(counts.values())
