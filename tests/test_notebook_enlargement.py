"""enlargement.ipynb through papermill: defaults, other dates and highlights, bad parameters.

Expected counts come from the raw members file (../shared/sources/facts/members.csv)
and the seed text, never from data/ or the code under test.
"""

from __future__ import annotations

import pytest
from notebook_harness import Notebook, figures, sentences, tables
from raw_sources import raw_facts

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("enlargement")
FIGURES = ["allies-over-time", "accession-map"]


def raw_count(day: str) -> int:
    return sum(r["nato_accession_date"] <= day for r in raw_facts("members.csv"))


def test_defaults_show_32_allies_ten_rounds_and_the_claims(tmp_path):
    nb = NOTEBOOK.run(tmp_path)
    said = sentences(nb)
    assert len(raw_facts("members.csv")) == 32
    assert "NATO had **32 Allies**: the 12 founders of 4 April 1949 and 20 countries that joined since." in said[0]
    assert figures(nb) == FIGURES
    out = tables(nb)
    rounds = {int(r["round_number"]) for r in raw_facts("members.csv")} - {0}
    assert len(out["enlargement-rounds"]) == len(rounds) == 10
    assert out["enlargement-rounds"][0]["countries"] == "Greece, Türkiye"
    assert len(out["map-allies"]) == 32
    assert "Highlighted on the map: Belgium has been an Ally since 4 April 1949" in " ".join(said)
    claims = out["source-claims"]
    assert [c["verdict"] for c in claims] == ["holds", "holds", "no longer current", "holds"]
    assert "North Macedonia is currently the most recent (2020)" in claims[2]["claim"]
    assert {r["country"] for r in out["aspirants"]} == {"Bosnia and Herzegovina", "Georgia", "Ukraine"}


def test_18_february_1952_shows_14_allies(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="1952-02-18", highlight=["grc", "TUR"])
    said = sentences(nb)
    assert raw_count("1952-02-18") == 14
    assert said[0] == (
        "On 18 February 1952 NATO had **14 Allies**: the 12 founders of 4 April 1949 and 2 countries that joined since."
    )
    out = tables(nb)
    assert [int(r["n_allies"]) for r in out["allies-over-time"]] == [12, 14]
    assert [r["countries"] for r in out["enlargement-rounds"]] == ["Greece, Türkiye"]
    assert len(out["map-allies"]) == 14
    assert "Greece has been an Ally since 18 February 1952" in " ".join(said)
    assert out["aspirants"] == []
    assert [c["verdict"] for c in out["source-claims"]] == ["holds", "holds", "not yet", "holds"]


def test_27_march_2020_makes_30_and_the_source_text_holds(tmp_path):
    nb = NOTEBOOK.run(tmp_path, as_of="2020-03-27", highlight=None)
    assert raw_count("2020-03-27") == 30 and raw_count("2020-03-26") == 29
    said = sentences(nb)
    assert "NATO had **30 Allies**" in said[0]
    assert "No country is highlighted" in " ".join(said)
    out = tables(nb)
    assert out["enlargement-rounds"][-1]["countries"] == "North Macedonia"
    assert [c["verdict"] for c in out["source-claims"]] == ["holds"] * 4
    assert "As of 27 March 2020, all 4 checkable claims of the source text hold." in said


def test_as_of_before_the_treaty_is_refused(tmp_path):
    NOTEBOOK.refuses_as_of(tmp_path, "1949-04-03", "outside the period the data covers")


def test_unparseable_as_of_is_refused(tmp_path):
    NOTEBOOK.refuses_as_of(tmp_path, "last spring", "not a date")


def test_unknown_highlight_lists_the_allies(tmp_path):
    message = NOTEBOOK.fails_with(tmp_path, highlight=["BEL", "XYZ"])
    assert "Parameter 'highlight'" in message
    assert "not the ISO3 code of an Ally" in message
    assert "ALB, BEL, BGR" in message
