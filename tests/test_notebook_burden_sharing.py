"""burden_sharing.ipynb through papermill: defaults, other parameter sets, bad parameters.

Expected counts come from the raw source files in ../shared/sources (the official
June 2024 workbook, the passport conversion of the June 2019 workbook, the 2026
transcription), never from our CSVs or the code under test.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from notebook_harness import Notebook, figures, sentences, tables

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("burden_sharing")
DEFAULTS = {
    "year": 2024,
    "edition": None,
    "target_pct": 2.0,
    "core_target_pct": 3.5,
    "target_year": 2035,
    "countries": None,
}
AGGREGATE = re.compile(r"^NATO\b")


def count_2024_official(sources: Path, target: float) -> tuple[int, int]:
    """(Allies at or above target, Allies reported) for 2024e in the June 2024 workbook, TABLE3."""
    import openpyxl

    wb = openpyxl.load_workbook(
        sources / "defence-spending/240617-def-exp-2024-TABLES-en.xlsx", data_only=True, read_only=True
    )
    rows = list(wb["TABLE3"].iter_rows(min_row=11, max_row=43, values_only=True))
    values = {}
    for row in rows:
        label = row[2]
        if not label or AGGREGATE.match(str(label)):
            continue
        if label.rstrip("*") in values:  # the second block (real change) starts again
            break
        values[label.rstrip("*")] = row[13]  # column N = 2024e
    shares = [v for v in values.values() if isinstance(v, int | float)]
    return sum(v >= target for v in shares), len(shares)


def core_2024_transcribed(sources: Path) -> dict[str, float]:
    path = sources / "defence-spending/nato_2025_2026_editions_transcribed.csv"
    with path.open(encoding="utf-8") as handle:
        return {
            r["country"]: float(r["value"])
            for r in csv.DictReader(handle)
            if r["edition"] == "2026-07"
            and r["indicator"] == "defence_exp_pct_gdp"
            and r["year"] == "2024"
            and not AGGREGATE.match(r["country"])
            and "CONFLICT" not in r["note"]
        }


def test_defaults(tmp_path, sources_dir):
    nb = NOTEBOOK.run(tmp_path)
    text = "\n".join(sentences(nb))
    shares = core_2024_transcribed(sources_dir)
    n_at = sum(v >= 2.0 for v in shares.values())
    n_core = sum(v >= 3.5 for v in shares.values())
    assert f"In 2024, **{n_at} of the 32 Allies** spent at least 2% of GDP" in text
    assert f"and {n_core} " in text
    assert "edition 2026-07" in text and "core defence expenditure" in text
    assert "Iceland (only Ally with no standing armed forces) reports no figure." in text
    league = tables(nb)["league-table"]
    assert len(league) == 32
    top = max(shares, key=shares.get)
    assert league[0]["country"] == top
    assert float(league[0]["share_of_gdp_pct"]) == pytest.approx(shares[top])
    iceland = next(r for r in league if r["iso3"] == "ISL")
    assert iceland["share_of_gdp_pct"] == "" and iceland["rank"] == ""
    assert set(figures(nb)) >= {
        "league-table",
        "allies-at-target-by-year",
        "gap-to-target",
        "equipment-share",
        "real-change",
        "europe-canada-vs-us",
        "per-capita",
        "long-run-sipri",
        "path-to-target",
        "revisions-count",
    }
    # Revisions: the June 2024 edition's count for 2024 is in the by-edition table.
    at_2024, _ = count_2024_official(sources_dir, 2.0)
    by_edition = {r["edition"]: int(r["n_meeting_target"]) for r in tables(nb)["revisions-count"]}
    assert by_edition["2024-06"] == at_2024
    assert by_edition["2026-07"] == n_at
    # The SIPRI long run starts in 1949 with the 12 founders.
    long = tables(nb)["long-run-sipri"]
    assert long[0]["year"] == "1949" and long[0]["n_allies"] == "12"


def test_june_2024_edition_and_other_targets(tmp_path, sources_dir):
    nb = NOTEBOOK.run(tmp_path, edition="2024-06", target_pct=2.5, core_target_pct=3.0, target_year=2030)
    text = "\n".join(sentences(nb))
    at_25, reported = count_2024_official(sources_dir, 2.5)
    assert reported == 31
    assert f"In 2024, **{at_25} of the 32 Allies** spent at least 2.5% of GDP" in text
    counts = tables(nb)["allies-at-target-by-year"]
    assert {r["edition"] for r in counts} == {"2024-06"}
    assert [int(r["year"]) for r in counts] == list(range(2014, 2025))
    assert int(counts[-1]["n_meeting_target"]) == at_25
    path = tables(nb)["path-to-target"]
    assert {r["target_year"] for r in path} == {"2030"}
    assert {r["target_pct"] for r in path} == {"3.0"}
    # Gap in US$ uses the edition's own GDP, which the June 2024 workbook has.
    gap = [r for r in tables(nb)["gap-to-target"] if float(r["gap_pct_points"] or 0) > 0]
    assert gap and {r["gdp_basis"] for r in gap} == {"gdp_usd_current_m"}


def test_2019_edition_for_three_allies(tmp_path, sources_dir):
    nb = NOTEBOOK.run(tmp_path, year=2019, edition="2019-06", countries=["pol", "DEU", "USA"])
    league = tables(nb)["league-table"]
    assert [r["iso3"] for r in league] == ["USA", "POL", "DEU"]
    with (sources_dir / "defence-spending/nato_passport_2012-2019_from_nato.rda.csv").open() as f:
        raw = {r["country_stanag"]: r for r in csv.DictReader(f) if r["year"] == "2019"}
    for row in league:
        expected = float(raw[row["iso3"]]["Defense expenditure (% real GDP)"])
        assert float(row["share_of_gdp_pct"]) == pytest.approx(expected, abs=1e-6)
        assert row["edition"] == "2019-06"
    n_at = sum(
        1
        for r in raw.values()
        if r["Defense expenditure (% real GDP)"] and float(r["Defense expenditure (% real GDP)"]) >= 2.0
    )
    text = "\n".join(sentences(nb))
    assert f"In 2019, **{n_at} of the 29 Allies** spent at least 2% of GDP" in text
    # The per-Ally charts show only the chosen Allies.
    assert {r["iso3"] for r in tables(nb)["equipment-share"]} == {"USA", "POL", "DEU"}


@pytest.mark.parametrize(
    ("params", "parameter", "valid"),
    [
        ({"year": 1990}, "year", "Valid values: a year from"),
        ({"edition": "2099-01"}, "edition", "Valid values: 2008-03"),
        ({"countries": ["XXX"]}, "countries", "Valid values: ALB"),
        ({"target_year": 2020}, "target_year", "Valid values: a year after 2024"),
    ],
)
def test_bad_parameter_fails_with_valid_values(tmp_path, params, parameter, valid):
    message = NOTEBOOK.fails_with(tmp_path, **params)
    assert f"Parameter '{parameter}'" in message
    assert valid in message
