"""crisis_management.ipynb through papermill: defaults, other dates, bad parameters.

Expected values come from the raw files in ../shared/sources/facts (operations.csv,
operations_additions.csv, kfor_troop_numbers.csv, efp_battlegroups.csv) and SOURCES.md.
"""

from __future__ import annotations

import pytest
from notebook_harness import Notebook, figures, sentences, tables
from raw_sources import raw_facts

from natolab.importers.facts import OPERATION_SHORT_NAMES

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("crisis_management")
FIGURES = ["operations-timeline", "kfor-strength", "efp-battlegroups"]


def raw_operations() -> list[dict[str, str]]:
    """operations.csv, then operations_additions.csv with three short names written "Name (acronym)"
    as the curation does (natolab.importers.facts.OPERATION_SHORT_NAMES, a naming rule, not a value)."""
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


def test_defaults_operations_kfor_and_battlegroups(tmp_path):
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
    groups = out["efp-battlegroups"]
    assert len(groups) == 8
    assert sum(int(g["troops_june_2022"]) for g in groups) == 9641  # SOURCES.md verification pass
    assert "with 9,641 troops in June 2022" in said


def test_2019_matches_the_seed_text(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="2019-06-01")
    out = tables(nb)
    running = {r["short_name"] for r in out["operations"] if r["status_on_date"] != "ended"}
    assert running == raw_running("2019-06-01")
    assert [c["verdict"] for c in out["source-claims"]] == ["holds"]
    assert len(out["efp-battlegroups"]) == 4  # the 2017 battlegroups only
    assert out["kfor-strength"][-1]["troops"] == "4273"  # the 2017 KFOR placemat


def test_first_day_of_kfor(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="1999-06-12")
    out = tables(nb)
    running = {r["short_name"] for r in out["operations"] if r["status_on_date"] != "ended"}
    assert running == raw_running("1999-06-12")
    assert "KFOR (Op. Joint Guardian)" in running
    # The first KFOR figure is dated only "1999-06": it counts from 1 June.
    assert [r["date_label"] for r in out["kfor-strength"]] == ["1999-06"]
    said = " ".join(sentences(nb))
    assert "no eFP battlegroup had yet been established" in said
    assert out["efp-battlegroups"] == []


def test_as_of_before_the_treaty_is_refused(tmp_path):
    message = NOTEBOOK.fails_with(tmp_path, as_of="1949-04-03")
    assert "Parameter 'as_of' = '1949-04-03': outside the period the data covers" in message
    assert "Valid values: a date YYYY-MM-DD from 1949-04-04" in message


def test_impossible_day_is_refused(tmp_path):
    message = NOTEBOOK.fails_with(tmp_path, as_of="2026-02-30")
    assert "Parameter 'as_of' = '2026-02-30': not a date" in message
