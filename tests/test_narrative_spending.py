"""natolab.narrative.spending: the burden-sharing sentences from small synthetic frames (numbers worked out by hand)."""

from __future__ import annotations

import pandas as pd
import pytest
from narrative_frames import MEMBERS, NAN, league

from natolab.metrics import Frames
from natolab.narrative import spending

EDITIONS = pd.DataFrame({
    "edition": ["2026-07"], "title": ["Defence Investment of NATO Countries (2014-2026)"],
    "published": [pd.NaT], "years_covered": ["2014-2026"],
    "definition": ["core defence expenditure (The Hague 2025)"], "constant_price_base": [2021],
    "source_kind": ["secondary_transcription"],
})


MEMBERS_DATA = Frames(members=MEMBERS)


def test_league_sentence_counts_and_iceland():
    text = spending.league_sentence(league(), 2.0, 3.5, data=MEMBERS_DATA)
    # 3 of 4 Allies have a figure: the denominator is the 3, and the year is marked "e".
    assert text.startswith("In 2024e, **2 of the 3 Allies with a figure** spent at least 2% of GDP "
                           "on defence, and 1 (the United States) at least 3.5%")
    assert "The highest share was the United States' (3.60%), the lowest Borduria's (1.50%)." in text
    assert "estimates (e)" in text
    assert text.endswith("Iceland (the only Ally with no standing armed forces) reports no figure.")
    # Names in the list read as running text: "the Slovak Republic", capitalised when it opens the sentence.
    missing = league().assign(share_of_gdp_pct=[3.6, 2.0, NAN, NAN], country=["United States", "Aland",
                                                                             "Slovak Republic", "Iceland"],
                              iso3=["USA", "AAA", "SVK", "ISL"])
    text = spending.league_sentence(missing.sort_values("country"), 2.0, 3.5, data=MEMBERS_DATA)
    assert text.endswith("Iceland (the only Ally with no standing armed forces) and the Slovak Republic report no figure.")


def test_league_sentence_edge_cases():
    everyone = league().iloc[:3].assign(estimate=pd.array([False] * 3, "boolean"))
    text = spending.league_sentence(everyone, 1.0, 3.5, data=MEMBERS_DATA)
    assert text.startswith("In 2024, **3 of the 3 Allies** spent at least 1% of GDP")
    assert "estimates" not in text
    one = league().iloc[:1]
    text = spending.league_sentence(one, 2.0, 3.5, data=MEMBERS_DATA)
    assert "**1 of the 1 Allies**" in text and "highest" not in text  # no extremes of one value
    nothing = league().assign(share_of_gdp_pct=NAN)
    assert spending.league_sentence(nothing, 2.0, 3.5, data=MEMBERS_DATA).startswith(
        "No Ally has a share of GDP for 2024")


def test_count_sentence_names_denominators_and_gaps_in_years():
    counts = pd.DataFrame({"year": [2000, 2001, 2006, 2012, 2013],
                           "n_allies": [19, 19, 26, 28, 28], "n_reported": [18, 18, 18, 28, 28],
                           "n_meeting_target": [8, 8, 7, 3, 3],
                           "edition": ["2008-03", "2008-03", "2008-03", "2019-06", "2019-06"]})
    text = spending.count_sentence(counts, 2.0)
    # 2000: 18 of 19 reported; one missing Ally is not spelled out (Iceland), more would be.
    assert text.startswith("In 2000, 8 of the 18 Allies with a figure were at or above 2% of GDP; "
                           "in 2013, 3 of the 28 Allies")
    assert "(editions 2008-03, 2019-06)." in text
    assert text.endswith("No figures for 2002–2005 and 2007–2011.")


def test_count_sentence_partial_edition_says_how_many_are_missing():
    # The August 2025 case: 23 Allies reported for 2025e, all at 2%; 9 of 32 not reported.
    counts = pd.DataFrame({"year": [2025], "n_allies": [32], "n_reported": [23],
                           "n_meeting_target": [23], "year_label": ["2025e"], "edition": ["2025-08"]})
    text = spending.count_sentence(counts, 2.0)
    assert text == ("In 2025e, 23 of the 23 Allies with a figure (9 of the 32 not reported) were at "
                    "or above 2% of GDP (edition 2025-08).")
    assert spending.count_sentence(counts.iloc[0:0], 2.0) == "No year has figures in this edition."


def test_gap_sentence_sums_money_and_names_missing():
    gap = pd.DataFrame({
        "iso3": ["BBB", "CCC", "AAA"], "country": ["Borduria", "Carpania", "Aland"],
        "share_of_gdp_pct": [1.5, 1.7, 2.1],
        "gap_pct_points": [0.5, 0.3, 0.0], "gap_usd_current_m": [1_000.0, NAN, 0.0],
        "target_pct": 2.0, "year": 2024, "gdp_basis": ["implied", "none", "implied"],
    })
    text = spending.gap_sentence(gap)
    assert text.startswith("In 2024, 2 of the 3 Allies with a figure were below 2% of GDP, by 0.40 "
                           "points on average.")
    assert "US$ 1.0 billion" in text and "not counting Carpania (no US$ figure)" in text
    # The sum covers one of the two Allies below target: the sentence says so.
    assert "more that year for the 1 of them with a US$ figure (current prices), not counting Carpania" in text
    note = spending.gap_note(gap, "Source: X.")
    assert note.startswith("Source: X. Gap in US$ = gap in points × GDP ÷ 100; GDP implied")
    assert spending.below_target(gap, ["ccc"])["iso3"].tolist() == ["CCC"]
    at_target = gap.assign(share_of_gdp_pct=2.5, gap_pct_points=0.0)
    unpriced = gap.assign(gap_usd_current_m=NAN)
    assert spending.gap_sentence(unpriced).endswith(
        "by 0.40 points on average. The edition gives no GDP or spending in US$ for them, so the gap is not priced.")
    assert spending.gap_sentence(at_target) == (
        "In 2024 all 3 Allies with a figure were at or above 2% of GDP: there is no gap to close.")


def test_gap_sentence_for_one_ally_below_names_it_without_averages():
    gap = pd.DataFrame({
        "iso3": ["BBB", "AAA"], "country": ["Borduria", "Aland"], "share_of_gdp_pct": [1.61, 2.1],
        "gap_pct_points": [0.39, 0.0], "gap_usd_current_m": [337.2, 0.0],
        "target_pct": 2.0, "year": 2026, "gdp_basis": "implied",
    })
    assert spending.gap_sentence(gap) == (
        "In 2026, 1 of the 2 Allies with a figure, Borduria, was below 2% of GDP, by 0.39 points. "
        "Reaching it would have taken about **US$ 337 million** more that year (current prices).")


EDITIONS_DATA = Frames(editions=EDITIONS)


def test_edition_summary_and_unknown_edition():
    about = spending.edition_summary("2026-07", data=EDITIONS_DATA)
    assert about["subtitle"] == "NATO edition 2026-07: core defence expenditure (The Hague 2025)"
    assert about["per_capita_unit"] == "US$ per head, constant 2021 prices"
    assert "transcribed from secondary copies" in about["sentence"]
    with pytest.raises(ValueError, match="Valid editions: 2026-07"):
        spending.edition_summary("1999-01", data=EDITIONS_DATA)
    table = spending.editions_table(data=EDITIONS_DATA)
    assert table["published"].tolist() == ["not recorded"]


def test_edition_switch_is_said():
    eq = pd.DataFrame({"iso3": ["AAA", "BBB"], "country": ["Aland", "Borduria"],
                       "equipment_share_pct": [25.0, 10.0],
                       "meets_guideline": pd.array([True, False], "boolean"),
                       "year": 2024, "edition": "2024-06"})
    text = spending.equipment_sentence(eq, "2026-07")
    assert text.startswith("In 2024, 1 of the 2 Allies shown with a figure spent at least 20%")
    assert text.endswith("so these are from edition 2024-06 (NATO definition).")
    assert "edition" not in spending.equipment_sentence(eq, "2024-06")
    # Another year as well as another edition: both are named (2026 is an estimate in 2026-07).
    text = spending.equipment_sentence(eq, "2026-07", 2026)
    assert text.endswith("Edition 2026-07 has no complete equipment shares for 2026e, so these are "
                         "for 2024, from edition 2024-06 (NATO definition).")


def test_revision_sentence_separates_a_change_of_definition():
    by_edition = pd.DataFrame({"edition": ["2024-06", "2025-08", "2026-07"],
                               "n_allies": [32, 32, 32], "n_reported": [31, 31, 31],
                               "n_meeting_target": [23, 18, 17]})
    rev = pd.DataFrame({"country": ["Aland"], "first_value": [2.03], "last_value": [1.35],
                        "revision": [-0.68]})
    definitions = {"2024-06": "NATO definition", "2025-08": "NATO definition",
                   "2026-07": "core defence expenditure"}
    text = spending.revision_sentence(by_edition, rev, 2024, 2.0, definitions)
    assert text == ("Allies at or above 2% of GDP in 2024, NATO definition: 23 of the 31 Allies with a "
                    "figure in edition 2024-06 and 18 of the 31 Allies with a figure in edition "
                    "2025-08. Then a break in the series, core defence expenditure: 17 of the 31 "
                    "Allies with a figure in edition 2026-07. The largest change from the first "
                    "edition to the last was Aland's: 2.03% → 1.35% (-0.68 points).")
    assert spending.revision_sentence(by_edition.iloc[0:0], rev, 2024, 2.0) == "No edition reports 2024."
    # With the editions' columns (as metrics.revisions gives them), the two editions are named, and a
    # change across the break is called a change of definition.
    wide = rev.assign(**{"2024-06": [2.03], "2025-08": [None], "2026-07": [1.35]})
    assert spending.revision_sentence(by_edition, wide, 2024, 2.0, definitions).endswith(
        "The largest change from the first edition to the last was Aland's: 2.03% in edition 2024-06 → 1.35% "
        "in edition 2026-07 (-0.68 points), a change of definition as well as of estimate.")
    within = rev.assign(**{"2024-06": [2.03], "2025-08": [1.35], "2026-07": [None]})
    assert spending.revision_sentence(by_edition, within, 2024, 2.0, definitions).endswith(
        "Aland's: 2.03% in edition 2024-06 → 1.35% in edition 2025-08 (-0.68 points).")
    # Each edition's count carries the year as that edition marks it.
    labelled = by_edition.assign(year_label=["2024e", "2024e", "2024"])
    assert spending.revision_sentence(labelled, rev, 2024, 2.0, definitions).startswith(
        "Allies at or above 2% of GDP in 2024, NATO definition: 23 of the 31 Allies with a figure in "
        "edition 2024-06 (2024e) and 18 of the 31 Allies with a figure in edition 2025-08 (2024e). Then "
        "a break in the series, core defence expenditure: 17 of the 31 Allies with a figure in edition "
        "2026-07.")


def test_europe_us_sentence_never_compares_a_year_with_itself():
    ec = pd.DataFrame({"year": [2014, 2026], "us_share_of_total_pct": [69.0, 57.0],
                       "us_usd_current_m": [654_000.0, 1_033_000.0],
                       "europe_canada_usd_current_m": [289_000.0, 777_000.0],
                       "year_label": ["2014", "2026e"], "edition": "2026-07"})
    assert spending.europe_us_sentence(ec, 2026, "2026-07").endswith("against 69% in 2014.")
    text = spending.europe_us_sentence(ec, 2014, "2026-07")
    assert "In 2014 the United States accounted for **69%**" in text and "% in 2014" not in text


def test_summit_events_from_targets():
    targets = pd.DataFrame({
        "summit": ["Wales 2014", "Wales 2014", "The Hague 2025", "The Hague 2025"],
        "agreed_date": pd.to_datetime(["2014-09-05", "2014-09-05", "2025-06-25", "2025-06-25"]),
        "measure": ["share_of_gdp_pct", "equipment_share_pct", "share_of_gdp_pct",
                    "share_of_gdp_pct"],
        "threshold_pct": [2.0, 20.0, 3.5, 1.5],
    })
    assert spending.summit_events(data=Frames(targets=targets)) == {2014: "Wales 2014: 2%",
                                                2025: "The Hague 2025: 3.5% / 1.5%"}


def test_the_package_re_exports_every_public_name():
    # Notebooks write narrative.<name>: a sentence function missing from natolab.narrative would fail only there.
    import natolab.narrative as package

    assert {name: getattr(package, name) for name in spending.__all__} == {name: getattr(spending, name) for name in spending.__all__}
