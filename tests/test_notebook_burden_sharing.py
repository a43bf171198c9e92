"""burden_sharing.ipynb through papermill: defaults, other parameter sets, bad parameters.

Expected counts come from the raw source files in ../shared/sources (the official
June 2024 workbook, the passport conversion of the June 2019 workbook, the 2025/2026
transcription, the 2026 facts file), never from our CSVs or the code under test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import editorial
import pytest
from notebook_harness import Notebook, figures, sentences, tables
from raw_sources import AGGREGATE, allies, raw_facts, transcribed

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("burden_sharing")


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


def test_defaults_lead_with_the_latest_year_and_its_key_figures(tmp_path, sources_dir):
    nb = NOTEBOOK.run(tmp_path)
    said = sentences(nb)
    text = "\n".join(said)
    shares_2026 = transcribed(sources_dir, "2026-07", 2026)
    usd_2026 = transcribed(sources_dir, "2026-07", 2026, "defence_exp_usd_current_m")
    shares = allies(shares_2026)
    n_at = sum(v >= 2.0 for v in shares.values())
    n_core = sum(v >= 3.5 for v in shares.values())
    # The opening block, right after the edition line: the latest year, marked as an estimate.
    key = said[1]
    assert key.startswith("**Key figures, 2026e** (NATO, *Defence Investment of NATO Countries (2014-2026)*, "
                          "edition of July 2026 — core defence expenditure; *e* = NATO estimate)")
    assert f"- 2026e: **{n_at} of the {len(shares)} Allies with a figure** at or above 2% of GDP" in key
    assert f"- 2026e: **{n_core} of the {len(shares)} Allies with a figure** at or above 3.5% of GDP" in key
    assert f"- NATO total, 2026e: **{shares_2026['NATO Total']:.2f}% of GDP**, US$ {usd_2026['NATO Total'] / 1000:,.0f} billion" in key
    europe = "NATO Europe and Canada"
    assert (f"- European Allies and Canada, 2026e: **{shares_2026[europe]:.2f}% of GDP**, "
            f"US$ {usd_2026[europe] / 1000:,.0f} billion") in key
    # The same counts as the curator's count in the 2026 facts file (30 of 31; 5 at 3.5% core).
    claim = next(r for r in raw_facts("allies_2pct_count_2025_2026.csv") if r["year"] == "2026")
    assert (n_at, len(shares)) == (int(claim["n_allies_at_or_above_2pct"]), int(claim["n_allies_total"]))
    assert f"{n_core} Allies in 2026e" in claim["flags"]
    # Both definitions explained; The Hague in full; the path to 3.5% by 2035, never by 2024.
    assert "reports **core defence expenditure**" in text and "NATO's earlier definition" in text
    assert "**5% of GDP a year by 2035**" in text and "**3.5%**" in text and "**1.5%**" in text
    assert "reviewed in 2029" in text
    assert "no per-Ally figure for defence- and security-related spending" in text
    path = tables(nb)["path-to-target"]
    assert {r["target_pct"] for r in path} == {"3.5"} and {r["target_year"] for r in path} == {"2035"}
    assert editorial.problems(said) == []
    assert "Iceland (the only Ally with no standing armed forces) reports no figure." in text
    # League table: 32 Allies, then the NATO total and European Allies + Canada, with US$.
    league = tables(nb)["league-table"]
    assert len(league) == 34 and [r["iso3"] for r in league[-2:]] == ["NATO_TOTAL", "NATO_EUROPE_CANADA"]
    assert {r["year"] for r in league if r["share_of_gdp_pct"]} == {"2026e"}
    top = max(shares, key=shares.get)
    assert league[0]["country"] == top
    assert float(league[0]["share_of_gdp_pct"]) == pytest.approx(shares[top])
    assert float(league[0]["defence_expenditure_usd_current_m"]) == pytest.approx(usd_2026[top])
    iceland = next(r for r in league if r["iso3"] == "ISL")
    assert iceland["share_of_gdp_pct"] == "" and iceland["rank"] == ""
    assert set(figures(nb)) >= {
        "two-definitions", "league-table", "allies-at-target-by-year", "gap-to-target",
        "equipment-share", "real-change", "europe-canada-vs-us", "per-capita", "long-run-sipri",
        "path-to-target", "revisions-count",
    }
    # The SIPRI long run starts in 1949 with the 12 founders.
    long = tables(nb)["long-run-sipri"]
    assert long[0]["year"] == "1949" and long[0]["n_allies"] == "12"


def test_two_definitions_side_by_side(tmp_path, sources_dir):
    nb = NOTEBOOK.run(tmp_path)
    old = allies(transcribed(sources_dir, "2025-08", 2024))
    new = allies(transcribed(sources_dir, "2026-07", 2024))
    both = set(old) & set(new)
    counts = {r["year"]: r for r in tables(nb)["two-definitions-counts"]}
    row = counts["2024"]
    assert int(row["n_both"]) == len(both)
    assert int(row["n_at_target_old"]) == sum(old[c] >= 2.0 for c in both)
    assert int(row["n_at_target_new"]) == sum(new[c] >= 2.0 for c in both)
    by_ally = {r["country"]: r for r in tables(nb)["two-definitions"] if r["year"] == "2024"}
    assert float(by_ally["Albania"]["share_old_pct"]) == pytest.approx(old["Albania"])
    assert float(by_ally["Albania"]["share_new_pct"]) == pytest.approx(new["Albania"])


def test_june_2024_edition_and_other_targets(tmp_path, sources_dir):
    nb = NOTEBOOK.run(tmp_path, year=2024, edition="2024-06", target_pct=2.5, core_target_pct=3.0,
                      target_year=2030)
    said = sentences(nb)
    text = "\n".join(said)
    at_25, reported = count_2024_official(sources_dir, 2.5)
    assert reported == 31
    assert f"In 2024e, **{at_25} of the 31 Allies with a figure** spent at least 2.5% of GDP" in text
    counts = tables(nb)["allies-at-target-by-year"]
    assert {r["edition"] for r in counts} == {"2024-06"}
    assert [r["year"] for r in counts] == [str(y) for y in range(2014, 2023)] + ["2023e", "2024e"]
    assert int(counts[-1]["n_meeting_target"]) == at_25
    # 2024 is the Wales target year: the path leads on to the core target, by its own year.
    path = tables(nb)["path-to-target"]
    assert {r["target_year"] for r in path} == {"2030"}
    assert {r["target_pct"] for r in path} == {"3.0"}
    assert "NATO's earlier definition, not core" in text
    # Gap in US$ uses the edition's own GDP, which the June 2024 workbook has.
    gap = [r for r in tables(nb)["gap-to-target"] if float(r["gap_pct_points"] or 0) > 0]
    assert gap and {r["gdp_basis"] for r in gap} == {"gdp_usd_current_m"}
    # Revisions: the June 2024 count is there, and the core edition is named as a break.
    at_2024, _ = count_2024_official(sources_dir, 2.5)
    by_edition = {r["edition"]: r for r in tables(nb)["revisions-count"]}
    assert int(by_edition["2024-06"]["n_meeting_target"]) == at_2024
    assert by_edition["2026-07"]["definition"] == "core defence expenditure"
    assert "Then a break in the series, core defence expenditure" in text
    assert editorial.problems(said) == []


def test_wales_decade_pairs_two_percent_with_2024(tmp_path, sources_dir):
    nb = NOTEBOOK.run(tmp_path, year=2014, edition="2024-06")
    said = sentences(nb)
    path = tables(nb)["path-to-target"]
    assert {r["target_pct"] for r in path} == {"2.0"} and {r["target_year"] for r in path} == {"2024"}
    assert editorial.problems(said) == []
    text = "\n".join(said)
    assert "A straight line to 2% by 2024" in text
    us_share = next(s for s in said if "United States accounted for" in s)
    assert "% in 2014" not in us_share  # 2014 is the report's year: never compared with itself


def test_2019_edition_for_three_allies(tmp_path, sources_dir):
    nb = NOTEBOOK.run(tmp_path, year=2019, edition="2019-06", countries=["pol", "DEU", "USA"])
    league = [r for r in tables(nb)["league-table"] if not r["iso3"].startswith("NATO_")]
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
    n_reported = sum(1 for r in raw.values() if r["Defense expenditure (% real GDP)"])
    assert f"In 2019e, **{n_at} of the {n_reported} Allies with a figure** spent at least 2% of GDP" in text
    # The per-Ally charts show only the chosen Allies.
    assert {r["iso3"] for r in tables(nb)["equipment-share"]} == {"USA", "POL", "DEU"}


@pytest.mark.parametrize(
    ("params", "parameter", "valid"),
    [
        ({"year": 1990}, "year", "Valid values: a year from"),
        ({"edition": "2099-01"}, "edition", "Valid values: 2008-03"),
        ({"countries": ["XXX"]}, "countries", "Valid values: ALB"),
        ({"target_year": 2020}, "target_year", "Valid values: a year after 2026"),
    ],
)
def test_bad_parameter_fails_with_valid_values(tmp_path, params, parameter, valid):
    message = NOTEBOOK.fails_with(tmp_path, **params)
    assert f"Parameter '{parameter}'" in message
    assert valid in message
