"""country_profile.ipynb through papermill for every Ally, and a bad country code.

The 32 runs share one pool of two spawned worker processes (papermill's Python API,
one kernel per run); each Ally is then checked by its own test. Expected values come
from the raw files in ../shared/sources, not from our CSVs or the code under test.
"""

from __future__ import annotations

import csv
import multiprocessing
from pathlib import Path

import nbformat
import pytest
from notebook_harness import Notebook, sentences, tables

from natolab import data

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("country_profile")
ALLIES = sorted(data.load("members")["iso3"].astype(str))
NAMES = dict(zip(data.load("countries")["iso3"], data.load("countries")["name"], strict=True))


def _execute(job: tuple[str, str]) -> tuple[str, str | None]:
    """Run the notebook for one Ally in a worker; return (iso3, error message or None)."""
    iso3, out_dir = job
    out = Path(out_dir) / f"{iso3}.ipynb"
    try:
        NOTEBOOK.execute(out, Path(out_dir), {"country": iso3})
    except Exception as err:  # reported per Ally by the tests below
        return iso3, f"{type(err).__name__}: {err}"
    return iso3, None


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[Path, str | None]]:
    out_dir = tmp_path_factory.mktemp("profiles")
    # spawn, not fork: a forked pool was measured slower than serial (STACK-NOTES).
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(_execute, [(iso3, str(out_dir)) for iso3 in ALLIES], chunksize=1)
    return {iso3: (out_dir / f"{iso3}.ipynb", error) for iso3, error in results}


@pytest.fixture(scope="module")
def raw_members(sources_dir) -> dict[str, dict[str, str]]:
    with (sources_dir / "facts/members.csv").open(encoding="utf-8") as handle:
        return {r["iso3"]: r for r in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def raw_core_shares(sources_dir) -> tuple[int, dict[str, float]]:
    """(last year, country name → share) of the 2026 edition, from the transcription file."""
    path = sources_dir / "defence-spending/nato_2025_2026_editions_transcribed.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if r["edition"] == "2026-07" and r["indicator"] == "defence_exp_pct_gdp" and "CONFLICT" not in r["note"]
        ]
    last = max(int(r["year"]) for r in rows)
    return last, {r["country"]: float(r["value"]) for r in rows
                  if int(r["year"]) == last and not r["country"].startswith("NATO ")}


def test_every_ally_is_covered(raw_members):
    assert sorted(raw_members) == ALLIES
    assert len(ALLIES) == 32


@pytest.mark.parametrize("iso3", ALLIES)
def test_profile_runs_for_every_ally(iso3, runs, raw_members, raw_core_shares):
    path, error = runs[iso3]
    assert error is None, error
    nb = nbformat.read(path, as_version=4)
    name = NAMES[iso3]
    text = "\n".join(sentences(nb))
    assert f"## {name}" in text
    facts = {r["fact"]: r["value"] for r in tables(nb)["membership"]}
    assert facts["accession date"] == raw_members[iso3]["nato_accession_date"]
    assert facts["founding member"] == raw_members[iso3]["founding_member"]
    last_year, shares = raw_core_shares
    if name in shares:
        assert f"In {last_year} (estimate), {name} spent **{shares[name]:.2f}% of GDP**" in text
        ranked = sorted(shares.values(), reverse=True)
        assert f"ranking **{ranked.index(shares[name]) + 1} of {len(shares)}**" in text
    else:
        assert iso3 == "ISL"  # the only Ally the 2026 edition has no row for
        assert "reports no defence expenditure" in text
        assert "no standing armed forces" in text
        assert tables(nb)["share-of-gdp"] == []


def test_unknown_country_fails_with_valid_values(tmp_path):
    message = NOTEBOOK.fails_with(tmp_path, country="AUT")
    assert "Parameter 'country'" in message
    assert "Valid values: ALB, BEL, BGR" in message
