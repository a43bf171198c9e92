"""crisis_management.ipynb through papermill: defaults, other dates, bad parameters.

Expected values come from the raw files in ../shared/sources/facts (operations.csv,
operations_additions.csv, kfor_troop_numbers.csv, efp_history.csv, kfor_contributions.csv),
SOURCES.md and SOURCES-deterrence.md.
"""

from __future__ import annotations

import pytest
from notebook_harness import Notebook, figures, sentences, tables
from raw_sources import raw_facts

from natolab.importers.facts.operations import OPERATION_SHORT_NAMES

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("crisis_management")
FIGURES = ["operations-timeline", "kfor-strength", "forward-land-forces"]


def raw_operations() -> list[dict[str, str]]:
    """operations.csv, then operations_additions.csv with three short names written "Name (acronym)"
    as the curation does (natolab.importers.facts.operations.OPERATION_SHORT_NAMES, a naming rule, not a value)."""
    additions = [{**r, "short_name": OPERATION_SHORT_NAMES.get(r["short_name"], r["short_name"])}
                 for r in raw_facts("operations_additions.csv")]
    return raw_facts("operations.csv") + additions


def raw_running(day: str) -> set[str]:
    """Operations running on a day, from the raw files (partial dates compare as their first day)."""
    return {
        r["short_name"]
        for r in raw_operations()
        if r["start_date"] <= day
        and (not r["end_date"] or day <= r["end_date"] or r["end_date"] == day[: len(r["end_date"])])
    }


def _first_day(label: str) -> str:
    """A partial date of the raw files ("2018", "2022-11") as the first day of its period."""
    return {1: f"{label}-01-01", 2: f"{label}-01"}.get(len(label.split("-")), label)


def raw_forward_land_forces(day: str) -> dict[str, dict[str, str]]:
    """Per host, from efp_history.csv: the latest dated record by ``day`` with a framework nation
    and the latest with a troop figure, each with its own date (undated records left out)."""
    rows = sorted((r for r in raw_facts("efp_history.csv") if r["date"] and _first_day(r["date"]) <= day),
                  key=lambda r: _first_day(r["date"]))
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        host = out.setdefault(r["host_iso3"], {"troops": "", "troops_as_of": ""})
        host["framework_as_of"] = r["date"]
        if r["troops"]:
            host["troops"], host["troops_as_of"] = r["troops"], r["date"]
    return out


def raw_kfor_list(date: str) -> dict[str, int]:
    """Troops by nation of one dated KFOR list in kfor_contributions.csv, without the rows whose nation
    the curator inferred (SOURCES-deterrence.md audit: "use those four rows in the snapshot total only")."""
    return {r["nation_iso3"]: int(r["troops"]) for r in raw_facts("kfor_contributions.csv")
            if r["date"] == date and r["troops"] and "NATION NAME INFERRED" not in r["flags"]}


def test_defaults_operations_kfor_and_forward_land_forces(tmp_path):
    nb = NOTEBOOK.run(tmp_path)
    out = tables(nb)
    assert figures(nb) == FIGURES
    running = {r["short_name"] for r in out["operations"] if r["status_on_date"] != "ended"}
    assert running == raw_running("2026-11-28")
    assert len(out["operations"]) == len(raw_operations()) == 27 + 6
    kfor = out["kfor-strength"]
    assert [int(r["troops"]) for r in kfor] == [int(r["kfor_troops"]) for r in raw_facts("kfor_troop_numbers.csv")]
    # SOURCES.md: 2000 and 2006 from low-grade sites; 2024 and 2025 from Wikipedia transcriptions.
    low = {r["date_label"] for r in kfor if r["low_grade"] == "True"}
    assert {"2000-12-03", "2006", "2024-02-07", "2025"} <= low
    said = " ".join(sentences(nb))
    assert "from a low-grade source" in said
    # Each figure at its own date: the latest framework nation and the latest troop figure of a host
    # come from different records (Bulgaria: Italy in January 2025, troops in November 2022).
    flf = {r["host_iso3"]: r for r in out["forward-land-forces"]}
    raw = raw_forward_land_forces("2026-11-28")
    assert sorted(flf) == sorted(raw) and len(raw) == 9
    assert {h: (r["troops"], r["troops_as_of"], r["framework_as_of"]) for h, r in flf.items()} == {
        h: (r["troops"], r["troops_as_of"], r["framework_as_of"]) for h, r in raw.items()}
    assert (flf["BGR"]["framework_nation"], flf["BGR"]["troops_as_of"]) == ("Italy", "2022-11")
    assert "Troop figures are not added up" in said
    # KFOR by nation: the latest complete list is the 2023 one (SOURCES-deterrence.md: 27 values).
    kfor_list = {r["nation_iso3"]: int(r["troops"]) for r in out["kfor-contributions"]}
    assert kfor_list == raw_kfor_list("2023") and len(kfor_list) == 27
    assert [int(r["troops"]) for r in out["kfor-contributions"]] == sorted(kfor_list.values(), reverse=True)
    assert "In the latest complete list of contributors by 28 November 2026 (2023), 27 nations had troops" in said


def test_forward_land_forces_on_the_day_of_the_official_count(tmp_path):
    """28 June 2022: the one official count of every battlegroup, 9,641 troops (SOURCES-deterrence.md)."""
    nb = NOTEBOOK.run(tmp_path, as_of="2022-06-28")
    flf = {r["host_iso3"]: r for r in tables(nb)["forward-land-forces"]}
    raw = raw_forward_land_forces("2022-06-28")
    assert sorted(flf) == sorted(raw)
    on_the_day = {h: int(r["troops"]) for h, r in flf.items() if r["troops_as_of"] == "2022-06-28"}
    assert sum(on_the_day.values()) == 9641 and len(on_the_day) == 8
    assert flf["BGR"]["framework_nation"] == "Bulgaria"  # Italy only from 17 October 2022


def test_2019_matches_the_seed_text(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="2019-06-01")
    out = tables(nb)
    running = {r["short_name"] for r in out["operations"] if r["status_on_date"] != "ended"}
    assert running == raw_running("2019-06-01")
    assert [c["verdict"] for c in out["source-claims"]] == ["holds"]
    # The four battlegroups of 2017 and Romania's tailored presence (a Romanian-led brigade).
    assert {r["host_iso3"] for r in out["forward-land-forces"]} == set(raw_forward_land_forces("2019-06-01")) == {
        "EST", "LVA", "LTU", "POL", "ROU"}
    assert out["kfor-strength"][-1]["troops"] == "4273"  # the 2017 KFOR placemat
    # The placemat's list by nation, without the four rows whose nation was inferred.
    kfor_list = {r["nation_iso3"]: int(r["troops"]) for r in out["kfor-contributions"]}
    assert kfor_list == raw_kfor_list("2017-02") and not {"SVN", "TUR", "GBR", "USA"} & set(kfor_list)


def test_first_day_of_kfor(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="1999-06-12")
    out = tables(nb)
    running = {r["short_name"] for r in out["operations"] if r["status_on_date"] != "ended"}
    assert running == raw_running("1999-06-12")
    assert "KFOR (Op. Joint Guardian)" in running
    # The first KFOR figure is dated only "1999-06": it counts from 1 June.
    assert [r["date_label"] for r in out["kfor-strength"]] == ["1999-06"]
    said = " ".join(sentences(nb))
    assert "On 12 June 1999 the data records no Forward Land Forces (its first record is dated 28 August 2017)." in said
    assert out["forward-land-forces"] == [] and out["kfor-contributions"] == []
    assert "No complete list of KFOR contributors is dated by 12 June 1999." in said


def test_as_of_before_the_treaty_is_refused(tmp_path):
    NOTEBOOK.refuses_as_of(tmp_path, "1949-04-03", "outside the period the data covers")


def test_impossible_day_is_refused(tmp_path):
    NOTEBOOK.refuses_as_of(tmp_path, "2026-02-30", "not a date")
