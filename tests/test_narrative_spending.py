"""natolab.narrative.spending: sentences from small synthetic frames (numbers worked out by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from natolab.narrative import spending

NAN = float("nan")

MEMBERS = pd.DataFrame({
    "iso3": ["AAA", "ISL"],
    "special_notes": [None, "Only Ally with no standing armed forces (has a coast guard); more"],
})
EDITIONS = pd.DataFrame({
    "edition": ["2026-07"], "title": ["Defence Investment of NATO Countries (2014-2026)"],
    "published": [pd.NaT], "years_covered": ["2014-2026"],
    "definition": ["core defence expenditure (The Hague 2025)"], "constant_price_base": [2021],
    "source_kind": ["secondary_transcription"],
})


def _league() -> pd.DataFrame:
    return pd.DataFrame({
        "rank": pd.array([1, 2, 3, None], "Int64"),
        "iso3": ["USA", "AAA", "BBB", "ISL"],
        "country": ["United States", "Aland", "Borduria", "Iceland"],
        "share_of_gdp_pct": [3.6, 2.0, 1.5, NAN],
        "estimate": pd.array([True, True, True, None], "boolean"),
        "year": 2024, "edition": "2026-07",
    })


def test_league_sentence_counts_and_iceland():
    text = spending.league_sentence(_league(), 2.0, 3.5, members=MEMBERS)
    assert text.startswith("In 2024, **2 of the 4 Allies** spent at least 2% of GDP on defence, "
                           "and 1 (United States) at least 3.5%.")
    assert "The highest share was United States' (3.60%), the lowest Borduria's (1.50%)." in text
    assert "estimates" in text
    assert text.endswith("Iceland (only Ally with no standing armed forces) reports no figure.")


def test_spending_position_rank_and_missing():
    text = spending.spending_position(_league(), "AAA", 2.0, 3.5, "core", members=MEMBERS)
    assert "In 2024 (estimate), Aland spent **2.00% of GDP**" in text
    assert "ranking **2 of 3** Allies" in text
    assert "at or above the 2% guideline and below the 3.5% core target" in text
    isl = spending.spending_position(_league(), "ISL", 2.0, 3.5, "core", members=MEMBERS)
    assert isl.startswith("Iceland (only Ally with no standing armed forces) reports no defence")


def test_count_sentence_names_gaps_in_years():
    counts = pd.DataFrame({"year": [2000, 2001, 2006, 2012, 2013],
                           "n_allies": [19, 19, 26, 28, 28], "n_reported": [18] * 5,
                           "n_meeting_target": [8, 8, 7, 3, 3],
                           "edition": ["2008-03", "2008-03", "2008-03", "2019-06", "2019-06"]})
    text = spending.count_sentence(counts, 2.0)
    assert text.startswith("8 of 19 Allies were at or above 2% of GDP in 2000; 3 of 28 in 2013")
    assert "(editions 2008-03, 2019-06)." in text
    assert text.endswith("No figures for 2002–2005 and 2007–2011.")


def test_gap_sentence_sums_money_and_names_missing():
    gap = pd.DataFrame({
        "iso3": ["BBB", "CCC", "AAA"], "country": ["Borduria", "Carpania", "Aland"],
        "gap_pct_points": [0.5, 0.3, 0.0], "gap_usd_current_m": [1_000.0, NAN, 0.0],
        "target_pct": 2.0, "year": 2024, "gdp_basis": ["implied", "none", "implied"],
    })
    text = spending.gap_sentence(gap)
    assert text.startswith("In 2024, 2 Allies were below 2% of GDP, by 0.40 points on average.")
    assert "US$ 1.0 billion" in text and "not counting Carpania (no US$ figure)" in text
    note = spending.gap_note(gap, "Source: X.")
    assert note.startswith("Source: X. Gap in US$ = gap in points × GDP ÷ 100; GDP implied")
    assert spending.below_target(gap, ["ccc"])["iso3"].tolist() == ["CCC"]


def test_edition_summary_and_unknown_edition():
    about = spending.edition_summary("2026-07", editions=EDITIONS)
    assert about["subtitle"] == "NATO edition 2026-07: core defence expenditure (The Hague 2025)"
    assert about["per_capita_unit"] == "US$ per head, constant 2021 prices"
    assert "transcribed from secondary copies" in about["sentence"]
    with pytest.raises(ValueError, match="Valid editions: 2026-07"):
        spending.edition_summary("1999-01", editions=EDITIONS)
    table = spending.editions_table(EDITIONS)
    assert table["published"].tolist() == ["not recorded"]


def test_edition_switch_is_said():
    eq = pd.DataFrame({"iso3": ["AAA", "BBB"], "country": ["Aland", "Borduria"],
                       "equipment_share_pct": [25.0, 10.0],
                       "meets_guideline": pd.array([True, False], "boolean"),
                       "year": 2024, "edition": "2024-06"})
    text = spending.equipment_sentence(eq, "2026-07")
    assert text.startswith("In 2024, 1 of the 2 Allies shown with a figure spent at least 20%")
    assert text.endswith("so these come from edition 2024-06.")
    assert "edition" not in spending.equipment_sentence(eq, "2024-06")


def test_path_and_revision_sentences():
    path = pd.DataFrame({"country": ["Borduria", "Aland", "United States"],
                         "share_of_gdp_pct": [1.5, 2.0, 3.6],
                         "required_pp_per_year": [0.2, 0.15, 0.0],
                         "base_year": 2025, "target_year": 2035, "target_pct": 3.5})
    text = spending.path_sentence(path)
    assert text.startswith("From their 2025 levels, 2 of the 3 reporting Allies need to raise")
    assert "0.17 points of GDP a year for the median Ally, and 0.20 for Borduria (from 1.50%)" in text
    by_edition = pd.DataFrame({"edition": ["2024-06", "2026-07"], "n_meeting_target": [23, 17]})
    rev = pd.DataFrame({"country": ["Aland"], "first_value": [2.03], "last_value": [1.35],
                        "revision": [-0.68]})
    text = spending.revision_sentence(by_edition, rev, 2024, 2.0)
    assert text == ("The number of Allies at or above 2% of GDP in 2024 was 23 in edition 2024-06 "
                    "and 17 in edition 2026-07. The largest revision was Aland's: 2.03% → 1.35% "
                    "(-0.68 points).")


def test_profile_intro_founder_joiner_and_leaver():
    base = {"iso3": "GBR", "country": "United Kingdom", "founding_member": True,
            "accession_date": pd.Timestamp("1949-04-04"), "enlargement_round": "Founding 1949",
            "round_number": 0, "eu_member": False,
            "eu_accession_date": pd.Timestamp("1973-01-01"),
            "eu_exit_date": pd.Timestamp("2020-01-31")}
    text = spending.profile_intro(base, members=MEMBERS)
    assert "signed on 4 April 1949" in text
    assert "from 1 January 1973 until 31 January 2020" in text
    joiner = {**base, "iso3": "SWE", "country": "Sweden", "founding_member": False,
              "accession_date": pd.Timestamp("2024-03-07"), "enlargement_round": "2024",
              "round_number": 10, "eu_member": True,
              "eu_accession_date": pd.Timestamp("1995-01-01"), "eu_exit_date": pd.NaT}
    text = spending.profile_intro(joiner, members=MEMBERS)
    assert "joined the Alliance on 7 March 2024, in the 2024 enlargement (round 10)" in text
    assert "since 1 January 1995" in text
    iceland = {**base, "iso3": "ISL", "country": "Iceland", "eu_accession_date": pd.NaT,
               "eu_exit_date": pd.NaT}
    assert spending.profile_intro(iceland, members=MEMBERS).endswith(
        "It is not a member of the European Union. Only Ally with no standing armed forces.")


def test_series_and_sipri_sentences():
    s = pd.DataFrame({"year": [2014, 2024], "value": [30.5, 21.3],
                      "estimate": pd.array([False, True], "boolean"), "edition": "2024-06"})
    assert spending.series_sentence(s, "Belgium", "military personnel", " thousand") == (
        "Belgium's military personnel went from 30.5 thousand in 2014 to 21.3 thousand in 2024 "
        "(estimate) (NATO edition 2024-06).")
    assert spending.series_sentence(s.iloc[0:0], "Iceland", "military personnel", "") == (
        "NATO reports no military personnel for Iceland.")
    long = pd.DataFrame({"year": [1953, 1954, 2024], "sipri_share_of_gdp_pct": [4.0, 4.9, 1.3]})
    assert "peaked at 4.9% of GDP in 1954; it was 1.3% in 2024" in spending.sipri_sentence(
        long, "Belgium")


def test_summit_events_from_targets():
    targets = pd.DataFrame({
        "summit": ["Wales 2014", "Wales 2014", "The Hague 2025", "The Hague 2025"],
        "agreed_date": pd.to_datetime(["2014-09-05", "2014-09-05", "2025-06-25", "2025-06-25"]),
        "measure": ["share_of_gdp_pct", "equipment_share_pct", "share_of_gdp_pct",
                    "share_of_gdp_pct"],
        "threshold_pct": [2.0, 20.0, 3.5, 1.5],
    })
    assert spending.summit_events(targets) == {2014: "Wales 2014: 2%",
                                                2025: "The Hague 2025: 3.5% / 1.5%"}


def test_the_package_re_exports_every_public_name():
    # Notebooks write narrative.<name>: a sentence function missing from natolab.narrative would fail only there.
    import natolab.narrative as package

    assert {name: getattr(package, name) for name in spending.__all__} == {name: getattr(spending, name) for name in spending.__all__}
