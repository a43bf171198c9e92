"""eu_nato_cooperation.ipynb through papermill: defaults, other dates, bad parameters.

Expected counts come from the raw files in ../shared/sources/facts (members.csv,
eu_nato_membership.csv, eu_nato.csv, eu_nato_actions.csv) and the seed text.
"""

from __future__ import annotations

import pytest
from notebook_harness import Notebook, figures, sentences, tables
from raw_sources import raw_facts

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("eu_nato_cooperation")
FIGURES = ["overlap-timeline", "eu-nato-milestones", "eu-spending"]


def raw_groups(day: str) -> dict[str, int]:
    """Both / NATO only / EU only on a day from the raw union file (UK left the EU on 2020-01-31)."""
    counts = {"NATO and EU": 0, "NATO only": 0, "EU only": 0}
    for r in raw_facts("eu_nato_membership.csv"):
        nato = bool(r["nato_accession_date"]) and r["nato_accession_date"] <= day
        eu = bool(r["eu_accession_date"]) and r["eu_accession_date"] <= day
        if r["iso3"] == "GBR":  # coded as a former member in the raw file: 1973-01-01 to 2020-01-31
            eu = "1973-01-01" <= day < "2020-01-31"
        if nato or eu:
            counts["NATO and EU" if nato and eu else ("NATO only" if nato else "EU only")] += 1
    return counts


def overlap_counts(out) -> dict[str, int]:
    return {r["group"]: int(r["n_countries"]) for r in out["overlap-on-date"]}


def test_defaults_overlap_declarations_and_spending(tmp_path):
    nb = NOTEBOOK.run(tmp_path)
    out = tables(nb)
    said = " ".join(sentences(nb))
    assert overlap_counts(out) == {"NATO and EU": 23, "NATO only": 9, "EU only": 4}  # SOURCES.md
    assert overlap_counts(out) == raw_groups("2026-11-28")
    assert figures(nb) == FIGURES
    # Seed text: 74 action points; SOURCES.md: 42 (6 Dec 2016) + 32 (5 Dec 2017).
    assert "had endorsed **74** common proposals: 42 on 6 December 2016 and 32 on 5 December 2017" in said
    assert [int(r["cumulative_actions"]) for r in out["common-set"]] == [42, 74]
    # eu_nato.csv, then the 2026 update without its EU initiatives recorded as CONTEXT
    update = [r for r in raw_facts("eu_nato_2025_2026.csv") if r["event_type"] != "eu_initiative_context"]
    dated = [r for r in raw_facts("eu_nato.csv") + update if r["date"]]
    assert len(out["eu-nato-milestones"]) == len(dated)
    assert "3 joint declarations (2016, 2018 and 2023)" in said
    assert "1 more report is recorded without a date" in said
    summary = out["eu-spending-summary"]
    assert [int(r["n_allies"]) for r in summary] == [23, 9]
    assert summary[1]["countries_without_data"] == "Iceland"
    assert len(out["eu-spending-by-ally"]) == 32
    assert f"(NATO edition {summary[0]['edition']}," in said
    assert [c["verdict"] for c in out["source-claims"]] == ["holds"] * 4


def test_eve_of_brexit(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="2020-01-30")
    out = tables(nb)
    assert overlap_counts(out) == raw_groups("2020-01-30")
    assert overlap_counts(out)["NATO and EU"] == 22  # 21 before Finland and Sweden, plus the UK
    said = " ".join(sentences(nb))
    assert "In 2020 (NATO edition" in said
    assert out["overlap-timeline"][-1]["year"] == "2020"


def test_1958_before_any_eu_nato_milestone(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="1958-01-01")
    out = tables(nb)
    # The six EEC founders were all Allies: 6 in both, none EU-only.
    assert overlap_counts(out) == raw_groups("1958-01-01") == {"NATO and EU": 6, "NATO only": 9, "EU only": 0}
    said = " ".join(sentences(nb))
    assert "no common set of EU–NATO proposals had yet been endorsed" in said
    assert "The data holds no NATO defence-expenditure figures for any year up to 1 January 1958." in said
    assert out["eu-nato-milestones"] == [] and out["common-set"] == []
    assert out["eu-spending-by-ally"] == []
    assert [c["verdict"] for c in out["source-claims"]] == ["holds", "not yet", "not yet", "not yet"]


def test_as_of_after_the_data_is_refused(tmp_path):
    NOTEBOOK.refuses_as_of(tmp_path, "2099-01-01", "outside the period the data covers")


def test_unparseable_as_of_is_refused(tmp_path):
    NOTEBOOK.refuses_as_of(tmp_path, "yesterday", "not a date")
