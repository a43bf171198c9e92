"""natolab.metrics.burden on the small spending frames of spending_frames (numbers worked out by hand)."""

from __future__ import annotations

import pandas as pd
import pytest
from spending_frames import COUNTRIES, EDITIONS, MEMBERS, expenditure

from natolab.metrics import Frames, burden

NAN = float("nan")
# The same editions with their definitions: 2026-07 is core, the others NATO's earlier definition.
DEFINED = EDITIONS.assign(definition=[
    "core defence expenditure (The Hague 2025)", "NATO defence expenditure", "NATO defence expenditure"])
TARGETS = pd.DataFrame({"target_id": ["wales_2pct", "hague_core_3_5pct", "vilnius_2pct_floor"],
                        "target_year": [2024, 2035, None]})


@pytest.fixture
def kw():
    """The resources the burden metrics read, by resource name: pass as ``data=Frames(**kw)``."""
    return {"defence_expenditure": expenditure(), "editions": DEFINED, "members": MEMBERS}


def test_present_is_the_latest_year_in_its_complete_edition(kw):
    assert burden.present(data=Frames(**kw)) == burden.Present(2024, "2026-07")


def test_key_figures_name_their_denominators_and_estimates(kw):
    figures = burden.key_figures(2024, "2026-07", 2.0, 3.5, data=Frames(**kw))
    first = figures.iloc[0]
    # 2024 in 2026-07: AAA 1.9, BBB 1.6, USA 3.2, NEW 2.2; Iceland none -> 2 of 4 reported, 5 Allies.
    assert (first["figure"], first["value"], first["n_reported"], first["n_allies"]) == (
        "Allies at or above 2% of GDP", 2, 4, 5)
    assert figures.iloc[1]["value"] == 0  # nobody at 3.5%
    assert set(figures["year_label"]) == {"2024e"}
    assert 2014 not in set(figures["year"])  # the edition has no 2014: no baseline rows
    assert figures.loc[figures["figure"] == "NATO total, share of GDP", "value"].isna().all()


def test_league_with_aggregates_keeps_allies_ranked_and_adds_the_totals(kw):
    table = burden.league_with_aggregates(2024, [2.0], edition="2024-06", data=Frames(countries=COUNTRIES, **kw))
    assert table["iso3"].tolist()[-2:] == ["NATO_TOTAL", "NATO_EUROPE_CANADA"]
    assert table["is_aggregate"].tolist() == [False] * 5 + [True, True]
    assert table.loc[table["is_aggregate"], "rank"].isna().all()
    europe = table.loc[table["iso3"] == "NATO_EUROPE_CANADA"].iloc[0]
    assert europe["share_of_gdp_pct"] == 2.0 and europe["defence_expenditure_usd_current_m"] == 500_000
    usa = table.loc[table["iso3"] == "USA"].iloc[0]
    assert usa["defence_expenditure_usd_current_m"] == 1_000_000
    assert pd.isna(usa["share_of_nato_total_pct"])  # no NATO total in US$ in this edition: blank, not 0


def test_definition_comparison_and_counts_over_allies_in_both(kw):
    comparison = burden.definition_comparison(data=Frames(countries=COUNTRIES, **kw))
    assert set(comparison["old_edition"]) == {"2024-06"} and set(comparison["new_edition"]) == {"2026-07"}
    y2024 = comparison.loc[comparison["year"] == 2024].set_index("iso3")
    assert y2024.loc["AAA", ["share_old_pct", "share_new_pct"]].tolist() == [2.0, 1.9]
    assert y2024.loc["AAA", "difference_pp"] == pytest.approx(-0.1)
    assert y2024.loc["AAA", "year_label_old"] == "2024e"
    counts = burden.definition_counts(comparison, 2.0).set_index("year")
    # 2023: AAA and USA in both (BBB only in 2024-06; NEW not yet an Ally); USA alone at 2%.
    assert counts.loc[2023, ["n_both", "n_at_target_old", "n_at_target_new"]].tolist() == [2, 1, 1]
    # 2024: four in both; AAA 2.0, USA, NEW at 2% before; USA and NEW on core.
    assert counts.loc[2024, ["n_both", "n_at_target_old", "n_at_target_new"]].tolist() == [4, 3, 2]


def test_definition_comparison_needs_a_core_edition(kw):
    with pytest.raises(ValueError, match="No edition in the data reports core"):
        burden.definition_comparison(data=Frames(**{**kw, "editions": EDITIONS.assign(definition="NATO defence expenditure")}))


def test_previous_edition_count_for_the_report_year_or_the_latest_shared(kw):
    latest = burden.previous_edition_count("2026-07", 2.0, data=Frames(**kw))
    assert latest["previous"] == "2024-06" and latest["year"] == 2024
    assert (latest["n_at_target_previous"], latest["n_reported_previous"]) == (3, 4)
    assert (latest["n_at_target"], latest["n_reported"]) == (2, 4)
    y2023 = burden.previous_edition_count("2026-07", 2.0, 2023, data=Frames(**kw))
    assert (y2023["n_at_target_previous"], y2023["n_reported_previous"]) == (1, 3)
    assert (y2023["n_at_target"], y2023["n_reported"]) == (1, 2)
    assert burden.previous_edition_count("2023-07", 2.0, data=Frames(**kw)) is None  # the first edition


TARGETS_DATA = Frames(targets=TARGETS)


def test_target_for_path_pairs_each_target_with_its_own_year():
    assert burden.target_for_path(2014, 2.0, 3.5, 2035, data=TARGETS_DATA) == (2.0, 2024, "wales_2pct")
    assert burden.target_for_path(2023, 2.0, 3.5, 2035, data=TARGETS_DATA)[:2] == (2.0, 2024)
    # From the Wales target year on, the path leads to the core target: never 3.5% by 2024.
    assert burden.target_for_path(2024, 2.0, 3.5, 2035, data=TARGETS_DATA) == (3.5, 2035, "hague_core_3_5pct")
    assert burden.target_year("vilnius_2pct_floor", data=TARGETS_DATA) is None
    with pytest.raises(ValueError, match="Valid targets: hague_core_3_5pct, vilnius_2pct_floor, wales_2pct"):
        burden.target_year("madrid", data=TARGETS_DATA)


def test_hague_path_in_points_and_dollars(kw):
    path = burden.hague_path(2024, "2024-06", 3.5, 2035, 1.5, data=Frames(countries=COUNTRIES, **kw)).set_index("iso3")
    # AAA: 2.0% of a GDP of US$ 500,000 m -> 1.5 points short = US$ 7,500 m; 1.5 / 11 years a year.
    assert path.loc["AAA", "required_pp_per_year"] == pytest.approx(1.5 / 11)
    assert path.loc["AAA", "gap_usd_current_m"] == pytest.approx(7_500)
    assert path.loc["AAA", "related_usd_current_m"] == pytest.approx(7_500)  # 1.5% of the same GDP
    assert path.loc["USA", "gap_usd_current_m"] == pytest.approx(0.1 / 100 * 29_000_000)


def test_section_source_keeps_one_complete_edition_or_names_another(kw):
    exp = kw["defence_expenditure"]
    # Equipment 2024 in 2024-06 covers AAA, BBB, USA but not NEW, which reports a share: incomplete.
    assert burden.section_source("equipment_share_pct", 2024, "2026-07", data=Frames(**kw)) is None
    extra = pd.DataFrame([("2024-06", "NEW", 2024, "equipment_share_pct", 21.0, True)],
                         columns=exp.columns)
    complete = {**kw, "defence_expenditure": pd.concat([exp, extra], ignore_index=True)}
    # 2026-07 (core) has none; no other core edition; so the NATO-definition 2024-06 is named.
    assert burden.section_source("equipment_share_pct", 2024, "2026-07", data=Frames(**complete)) == ("2024-06", 2024)
    assert burden.section_source("share_of_gdp_pct", 2024, "2026-07", data=Frames(**complete)) == ("2026-07", 2024)
