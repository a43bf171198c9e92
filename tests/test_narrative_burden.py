"""natolab.narrative.burden: the burden-sharing opening, on small frames (numbers worked out by hand)."""

from __future__ import annotations

import pandas as pd

from natolab import provenance
from natolab.labels import year_span
from natolab.metrics import Frames
from natolab.narrative import burden
from natolab.narrative._words import count_phrase

NAN = float("nan")
EDITIONS = pd.DataFrame({
    "edition": ["2025-08", "2026-07"],
    "title": ["Defence Expenditure of NATO Countries (2014-2025)",
              "Defence Investment of NATO Countries (2014-2026)"],
    "publisher": ["NATO", "NATO"], "published": pd.to_datetime(["2025-08-28", "2026-07-07"]),
    "definition": ["NATO defence expenditure", "core defence expenditure (The Hague 2025)"],
    "constant_price_base": [2021, 2021], "source_kind": ["secondary_transcription"] * 2,
})
EXPENDITURE = pd.DataFrame(
    [("2025-08", "AAA", 2025, "share_of_gdp_pct", 2.1, True),
     ("2026-07", "AAA", 2014, "share_of_gdp_pct", 1.0, False),
     ("2026-07", "AAA", 2025, "share_of_gdp_pct", 1.9, True),
     ("2026-07", "AAA", 2026, "share_of_gdp_pct", 2.2, True)],
    columns=["edition", "iso3", "year", "indicator", "value", "estimate"])
KW = {"data": Frames(editions=EDITIONS, defence_expenditure=EXPENDITURE)}


def _figures(year: int = 2026, label: str = "2026e") -> pd.DataFrame:
    rows = [
        ("Allies at or above 2% of GDP", 30, "Allies", 31, 32, year, label),
        ("Allies at or above 3.5% of GDP", 5, "Allies", 31, 32, year, label),
        ("NATO total, share of GDP", 2.86, "% of GDP", None, None, year, label),
        ("NATO total, defence expenditure", 1809.9, "US$ billion", None, None, year, label),
        ("European Allies and Canada, share of GDP", 2.53, "% of GDP", None, None, year, label),
        ("European Allies and Canada, defence expenditure", NAN, "US$ billion", None, None, year, label),
        ("Allies at or above 2% of GDP", 3, "Allies", 27, 28, 2014, "2014"),
        ("Allies at or above 3.5% of GDP", 1, "Allies", 27, 28, 2014, "2014"),
        ("NATO total, share of GDP", 2.56, "% of GDP", None, None, 2014, "2014"),
        ("NATO total, defence expenditure", 943.3, "US$ billion", None, None, 2014, "2014"),
    ]
    frame = pd.DataFrame(rows, columns=["figure", "value", "unit", "n_reported", "n_allies", "year",
                                        "year_label"])
    frame["edition"] = "2026-07"
    return frame


def test_count_phrase_always_names_the_denominator():
    assert count_phrase(30, 32, 32) == "30 of the 32 Allies"
    assert count_phrase(30, 31, 32) == "30 of the 31 Allies with a figure"
    assert count_phrase(23, 23, 32) == "23 of the 23 Allies with a figure (9 of the 32 not reported)"
    assert count_phrase(0, 0, 32) == "none of the 32 Allies (no figures reported)"
    assert year_span(["2014", "2026e"]) == "2014–2026e" and year_span(["2025e"]) == "2025e"


def test_key_figures_lead_with_the_year_its_edition_and_estimates():
    previous = {"year": 2025, "previous": "2025-08", "n_at_target_previous": 23,
                "n_reported_previous": 23, "n_at_target": 28, "n_reported": 31, "n_allies": 32,
                "year_label_previous": "2025e", "year_label": "2025e"}
    text = burden.key_figures_markdown(_figures(), 2.0, 3.5, 2035, previous, **KW)
    first = text.splitlines()[0]
    assert first.startswith("**Key figures, 2026e** (NATO, *Defence Investment of NATO Countries "
                            "(2014-2026)*, edition of July 2026 — core defence expenditure; *e* = NATO estimate)")
    assert ("- 2026e: **30 of the 31 Allies with a figure** at or above 2% of GDP; 2014: 3 of the 27 "
            "Allies with a figure in this edition.") in text
    assert "at or above 3.5% of GDP, the core level agreed at The Hague for 2035" in text
    assert ("- NATO total, 2026e: **2.86% of GDP**, US$ 1,810 billion (current prices); 2.56% and US$ 943 "
            "billion in 2014.") in text
    assert "- European Allies and Canada, 2026e: **2.53% of GDP**." in text  # no US$ figure: none invented
    assert ("for 2025e it counted 23 of the 23 Allies with a figure (9 of the 32 not reported) at or "
            "above 2%; this edition counts 28 of the 31 Allies with a figure for 2025e — a change of "
            "definition") in text


def test_the_edition_compared_with_is_credited_like_a_chart_source():
    # The header and manifest list the editions a report recorded; the comparison sentence
    # cites the previous edition, so that edition must be among them.
    previous = {"year": 2025, "previous": "2025-08", "n_at_target_previous": 23,
                "n_reported_previous": 23, "n_at_target": 28, "n_reported": 31, "n_allies": 32,
                "year_label_previous": "2025e", "year_label": "2025e"}
    provenance.reset()
    try:
        burden.key_figures_markdown(_figures(), 2.0, 3.5, 2035, None, **KW)
        assert "2025-08" not in provenance.used().get("defence_expenditure", [])
        burden.key_figures_markdown(_figures(), 2.0, 3.5, 2035, previous, **KW)
        assert "2025-08" in provenance.used()["defence_expenditure"]
    finally:
        provenance.reset()


def test_key_figures_for_2014_never_compare_2014_with_itself():
    figures = _figures(2014, "2014")
    figures = figures.loc[figures["year"] == 2014]
    text = burden.key_figures_markdown(figures, 2.0, 3.5, 2035, None, **KW)
    assert "; 2014" not in text and "in 2014" not in text and "*e*" not in text
    assert text.endswith("so there is no comparison with a previous edition.")


def test_definitions_sentence_counts_only_allies_in_both():
    comparison = pd.DataFrame({
        "iso3": ["AAA", "BBB", "CCC"], "country": ["Aland", "Borduria", "Carpania"], "year": 2025,
        "year_label_old": "2025e", "year_label_new": "2025e", "share_old_pct": [2.1, 2.0, NAN],
        "share_new_pct": [1.9, 2.3, 2.5], "difference_pp": [-0.2, 0.3, NAN],
        "old_edition": "2025-08", "new_edition": "2026-07"})
    counts = pd.DataFrame({"year": [2025], "year_label_old": ["2025e"], "year_label_new": ["2025e"],
                           "n_both": [2], "n_at_target_old": [2], "n_at_target_new": [1],
                           "n_reported_old": [2], "n_reported_new": [3]})
    text = burden.definitions_sentence(counts, comparison, **KW)
    assert "The edition of July 2026 reports **core defence expenditure**" in text
    assert "none of the sources behind the data says what core leaves out" in text
    assert ("For 2025e, of the 2 Allies with a figure in both, 2 were at or above 2% of GDP on the "
            "earlier definition (edition of August 2025) and 1 on core (edition of July 2026); core is "
            "lower for 1 and higher for 1 of them.") in text


def test_hague_commitment_in_full_from_the_targets_data():
    targets = pd.DataFrame({
        "target_id": ["hague_core_3_5pct", "hague_related_1_5pct", "hague_total_5pct"],
        "summit": "The Hague 2025", "agreed_date": "2025-06-25", "threshold_pct": [3.5, 1.5, 5.0],
        "target_year": 2035, "review_year": 2029,
        "description": ["core", "Up to 1.5% of GDP on related spending (critical infrastructure, networks)", "total"],
        "flags": "Spain's reported opt-out is media reporting (S28), not treaty text"})
    text = burden.hague_commitment_sentence(data=Frames(targets=targets))
    assert text.startswith("At **The Hague 2025** (25 June 2025) the Allies committed to invest **5% of "
                           "GDP a year by 2035**: at least **3.5%** on core defence requirements")
    assert "up to **1.5%** on defence- and security-related spending (critical infrastructure, networks)" in text
    assert "reviewed in 2029" in text
    assert text.endswith("Noted in the data: Spain's reported opt-out is media reporting (S28), not treaty text.")
    assert burden.hague_commitment_sentence(data=Frames(targets=targets.iloc[:1])) == "The data holds no record of The Hague 2025 commitment."


def _path(shares: list[float]) -> pd.DataFrame:
    gap = [max(0.0, 3.5 - s) if s == s else NAN for s in shares]
    return pd.DataFrame({
        "iso3": ["AAA", "BBB", "ISL"][: len(shares)], "country": ["Aland", "Borduria", "Iceland"][: len(shares)],
        "base_year": 2026, "share_of_gdp_pct": shares, "target_pct": 3.5, "target_year": 2035,
        "required_pp_per_year": [g / 9 for g in gap], "gap_usd_current_m": [g * 1000 for g in gap],
        "related_pct": 1.5, "related_usd_current_m": [1500.0, 1500.0, NAN][: len(shares)],
        "year_label": "2026e"})


def test_hague_path_sentence_denominator_money_and_edge_cases():
    text = burden.hague_path_sentence(_path([1.7, 4.0, NAN]))
    assert text.startswith("Of the 2 Allies with a 2026e figure (1 not reported), **1** was below 3.5% "
                           "of GDP in 2026e. A straight line to 3.5% by 2035 means 0.20 points")
    assert "about **US$ 2 billion a year** more" in text
    assert "more than these Allies spent in 2026e (current prices)." in text  # every one of them priced
    two_below = _path([1.7, 2.0])
    two_below.loc[1, "gap_usd_current_m"] = NAN  # Borduria: no US$ figure
    partly = burden.hague_path_sentence(two_below)
    assert ("more than the 1 of them with a US$ figure spent in 2026e (current prices), "
            "not counting Borduria (no US$ figure).") in partly
    everyone = burden.hague_path_sentence(_path([3.6, 4.0]))
    assert everyone == ("Every one of the 2 Allies with a 2026e figure was already at or above 3.5% of GDP in "
                        "2026e, so none needs to rise to reach it by 2035.")
    assert burden.hague_path_sentence(_path([NAN])) == "No Ally has a share of GDP for 2026e."
    assert burden.hague_path_sentence(_path([]).iloc[0:0]) == "No Ally has a figure for the path's base year."


def test_related_spending_says_nato_publishes_no_per_ally_figure():
    text = burden.related_spending_sentence(_path([1.7, 4.0, NAN]), "2026-07", **KW)
    assert text.startswith("Up to 1.5% of GDP on defence- and security-related spending would be up to "
                           "about **US$ 3 billion a year** across the 2 Allies with a GDP figure")
    assert "(at 2026e GDP, current prices, 1 without one)" in text
    assert "no per-Ally figure for defence- and security-related spending" in text
    assert "(edition of July 2026) report core defence expenditure only" in text
    everyone = burden.related_spending_sentence(_path([1.7, 4.0]), "2025-08", **KW)
    assert "across the 2 Allies with a GDP figure (at 2026e GDP, current prices)." in everyone
    assert "(edition of August 2025) report defence expenditure on NATO's earlier definition only" in everyone


def test_key_figures_table_has_whole_counts_with_their_denominators_and_years_as_columns():
    table = burden.key_figures_table(_figures())
    assert list(table.columns) == ["figure", "2026e", "2014", "unit"]
    rows = table.set_index("figure")
    assert rows.loc["Allies at or above 2% of GDP", "2026e"] == 30
    assert isinstance(rows.loc["Allies at or above 2% of GDP", "2026e"], int)
    assert (rows.loc["Allies with a figure", "2026e"], rows.loc["Allies in that year", "2014"]) == (31, 28)
    assert rows.loc["NATO total, defence expenditure", "2026e"] == 1810  # 1809.9 rounded
    assert rows.loc["NATO total, share of GDP", "2014"] == 2.56
    assert pd.isna(rows.loc["European Allies and Canada, defence expenditure", "2026e"])
    assert pd.isna(rows.loc["European Allies and Canada, share of GDP", "2014"])  # no 2014 row
