"""deterrence_defence.ipynb through papermill: defaults, 2018, another highlight, bad parameters.

Expected values come from the raw files in ../shared/sources/facts (efp_history.csv,
air_policing_rotations.csv, kfor_contributions.csv) and SOURCES-deterrence.md, counted
here in plain Python, never from data/ or the library.
"""

from __future__ import annotations

import pytest
from notebook_harness import Notebook, figures, sentences, tables
from raw_sources import raw_facts

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("deterrence_defence")
FIGURES = ["forward-land-forces", "air-policing-by-year", "air-policing-months", "kfor-contributions", "three-cs"]
BAP = "Baltic Air Policing"


def raw_hosts_by(day: str) -> set[str]:
    """Hosts with a dated Forward Land Forces record by ``day`` (a partial date counts from its first day)."""
    return {r["host_iso3"] for r in raw_facts("efp_history.csv") if r["date"] and r["date"] <= day}


def raw_baltic(nation: str | None = None, day: str = "9999") -> list[dict[str, str]]:
    return [r for r in raw_facts("air_policing_rotations.csv")
            if r["mission"] == BAP and r["start_date"] <= day and (nation is None or r["nation_iso3"] == nation)]


def test_defaults_follow_belgium(tmp_path):
    nb = NOTEBOOK.run(tmp_path)
    assert figures(nb) == FIGURES
    out = tables(nb)
    said = " ".join(sentences(nb))
    # Forward Land Forces: every host of the raw file, none added up across dates.
    assert {r["host_iso3"] for r in out["forward-land-forces"]} == raw_hosts_by("2026-11-28")
    assert "not added up" in said
    # Baltic Air Policing: the raw file's detachments and rotations.
    baltic = raw_baltic()
    nations = {r["nation_iso3"] for r in baltic}
    rotations = {r["rotation_number"] for r in baltic if r["rotation_number"]}
    assert (f"{len(nations)} Allies flew {len(baltic)} detachments in {len(rotations)} rotations of Baltic Air "
            "Policing") in said
    by_ally = {r["nation_iso3"]: r for r in out["air-policing-by-ally"]}
    assert set(by_ally) == nations
    belgian = raw_baltic("BEL")
    assert int(by_ally["BEL"]["detachments"]) == len(belgian)
    # SOURCES-deterrence.md: Belgium led (or flew alone) rotations 1, 11, 33, 48, 51, 52 and 64.
    assert int(by_ally["BEL"]["lead_rotations"]) == 7
    assert f"Belgium flew {len(belgian)} detachments from 2004" in said
    assert len(out["air-policing-bel"]) == len([r for r in raw_facts("air_policing_rotations.csv")
                                                if r["nation_iso3"] == "BEL"])
    # The other missions are listed as samples.
    others = [r for r in raw_facts("air_policing_rotations.csv") if r["mission"] != BAP]
    assert len(out["air-policing-other-missions"]) == len(others)
    # KFOR: no row whose nation was only inferred, no planned figure.
    shown = {(r["nation"]) for r in out["kfor-snapshot"]}
    assert "Belgium" not in shown  # Belgium withdrew in 2010 and rejoined in 2025 (SOURCES-deterrence.md)
    assert "Belgium: 5 troops on 25 April 2025" in said
    # The three Cs: one row per Ally of the cash year's table; Belgium's KFOR figure is 0 in the 2023 list.
    cs = {r["country"]: r for r in out["three-cs"]}
    assert cs["Belgium"]["kfor_troops"] == "0"
    claims = out["source-claims"]
    assert [c["verdict"] for c in claims] == ["holds", "holds", "not recorded"]


def test_2018_shows_four_battlegroups(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="2018-01-01")
    out = tables(nb)
    said = " ".join(sentences(nb))
    hosts = raw_hosts_by("2018-01-01")
    assert {r["host_iso3"] for r in out["forward-land-forces"]} == hosts
    battlegroups = [r for r in out["forward-land-forces"] if r["formation"] == "battlegroup"]
    assert sorted(r["host_iso3"] for r in battlegroups) == ["EST", "LTU", "LVA", "POL"]
    assert "4 battlegroups (Estonia, Latvia, Lithuania and Poland)" in said
    belgian = raw_baltic("BEL", "2018-01-01")
    assert f"Belgium flew {len(belgian)} detachments" in said
    # The latest complete KFOR list by then is the February 2017 placemat.
    assert "(February 2017)" in said


def test_other_allies_on_another_day(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="2022-06-28", highlight=["POL", "LTU"])
    said = " ".join(sentences(nb))
    out = tables(nb)
    polish = raw_baltic("POL", "2022-06-28")
    assert f"Poland flew {len(polish)} detachments" in said
    # Lithuania hosts Baltic Air Policing; it never flew a detachment.
    assert not raw_baltic("LTU")
    assert "the data records no Baltic Air Policing detachment of Lithuania" in said
    troops = {r["host_iso3"]: r["troops"] for r in out["forward-land-forces"]}
    raw = {r["host_iso3"]: r["troops"] for r in raw_facts("efp_history.csv") if r["date"] == "2022-06-28"}
    assert {h: troops[h] for h in raw} == raw  # the June 2022 NATO figures, at their own date


def test_bad_highlight_names_the_parameter_and_valid_codes(tmp_path):
    message = NOTEBOOK.fails_with(tmp_path, highlight=["XXX"])
    assert "highlight" in message and "BEL" in message


def test_date_outside_the_data_is_refused(tmp_path):
    message = NOTEBOOK.fails_with(tmp_path, as_of="1900-01-01")
    assert "as_of" in message and "1949-04-04" in message
