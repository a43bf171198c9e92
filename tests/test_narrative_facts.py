"""natolab.narrative.facts: sentences computed from small synthetic frames."""

from __future__ import annotations

import editorial
import pandas as pd

from natolab.narrative import facts


def _timeline(rows):
    return pd.DataFrame(
        rows, columns=["date", "n_allies", "n_joined", "round_number", "enlargement_round", "event"]
    ).assign(date=lambda f: pd.to_datetime(f["date"]))


def test_allies_sentence_counts_founders_and_joiners():
    timeline = _timeline([("1949-04-04", 12, 12, 0, "Founding 1949", "x"), ("1952-02-18", 14, 2, 1, "1952", "y")])
    assert facts.allies_sentence(timeline, "1952-02-18") == (
        "On 18 February 1952 NATO had **14 Allies**: the 12 founders of 4 April 1949 and 2 countries that joined since."
    )
    assert facts.allies_sentence(timeline.iloc[:1], "1950-01-01") == (
        "On 1 January 1950 NATO had **12 Allies**, the founders of 4 April 1949."
    )
    assert "did not exist yet" in facts.allies_sentence(timeline.iloc[:0], "1949-01-01")


def test_rounds_sentence_names_the_latest_round():
    rounds = pd.DataFrame(
        {
            "countries": ["Greece, Türkiye"],
            "accession_date": pd.to_datetime(["1952-02-18"]),
            "n_after": [14],
        }
    )
    text = facts.rounds_sentence(rounds, pd.concat([rounds] * 10), "1953-01-01")
    assert text == (
        "By 1 January 1953, 1 of the 10 enlargement rounds recorded in the data had taken place; "
        "the latest brought in Greece and Türkiye on 18 February 1952, making 14 Allies."
    )
    assert "none of the 10" in facts.rounds_sentence(rounds.iloc[:0], pd.concat([rounds] * 10), "1950-01-01")


def test_highlight_sentence_before_and_after_accession():
    everyone = pd.DataFrame(
        {
            "iso3": ["BEL", "SWE"],
            "country": ["Belgium", "Sweden"],
            "accession_date": pd.to_datetime(["1949-04-04", "2024-03-07"]),
            "enlargement_round": ["Founding 1949", "2024 (Sweden)"],
        }
    )
    text = facts.highlight_sentence(everyone, ["BEL", "SWE"], "2000-01-01")
    assert "Belgium has been an Ally since 4 April 1949 (Founding 1949)" in text
    assert "Sweden was not yet an Ally on 1 January 2000; it joined on 7 March 2024" in text
    assert "empty" in facts.highlight_sentence(everyone, [], "2000-01-01")
    # A round named by its year alone would only repeat the date; names read as running text.
    later = pd.DataFrame({"iso3": ["GRC", "USA"], "country": ["Greece", "United States"],
                          "accession_date": pd.to_datetime(["1952-02-18", "1949-08-24"]),
                          "enlargement_round": ["1952", "Founding 1949"]})
    assert facts.highlight_sentence(later, ["GRC", "USA"], "1953-01-01") == (
        "Highlighted on the map: Greece has been an Ally since 18 February 1952; the United States has been an "
        "Ally since 24 August 1949 (Founding 1949).")


def test_overlap_sentence_names_small_groups():
    overlap = pd.DataFrame(
        {
            "group": ["NATO and EU", "NATO only", "EU only"],
            "n_countries": [2, 1, 0],
            "countries": ["Alpha, Bravo", "Charlie", ""],
        }
    )
    assert facts.overlap_sentence(overlap, "2000-01-01") == (
        "On 1 January 2000, **2** countries belonged to both NATO and the EU, 1 to NATO only (Charlie) and 0 to the EU only."
    )
    usa = overlap.assign(n_countries=[2, 2, 0], countries=["Alpha, Bravo", "Canada, United States", ""])
    assert "2 to NATO only (Canada and the United States)" in facts.overlap_sentence(usa, "2000-01-01")


def test_common_set_sentence():
    batches = pd.DataFrame(
        {
            "n_actions": [42, 32],
            "endorsement_date": pd.to_datetime(["2016-12-06", "2017-12-05"]),
            "cumulative_actions": [42, 74],
        }
    )
    assert facts.common_set_sentence(batches, "2020-01-01") == (
        "By 1 January 2020 the EU and NATO had endorsed **74** common proposals: "
        "42 on 6 December 2016 and 32 on 5 December 2017."
    )
    assert facts.common_set_sentence(batches.iloc[:0], "2000-01-01") == (
        "By 1 January 2000 no common set of EU–NATO proposals had yet been endorsed."
    )


def test_milestones_sentence_mentions_undated_reports():
    milestones = pd.DataFrame(
        {
            "event_type": ["joint_declaration", "progress_report", "progress_report"],
            "date": pd.to_datetime(["2016-07-08", "2017-06-01", "2017-12-05"]),
        }
    )
    text = facts.milestones_sentence(milestones, 1, "2018-01-01")
    assert text.startswith("By 1 January 2018: 1 joint declaration (2016) and 2 progress reports")
    assert "1 more report is recorded without a date" in text
    early = facts.milestones_sentence(milestones.iloc[:1], 0, "2016-07-08")
    assert early == "By 8 July 2016: 1 joint declaration (2016) and no progress report yet on the common set."
    assert facts.milestones_sentence(milestones.iloc[:0], 0, "2001-01-01").startswith(
        "By 1 January 2001: no joint declaration and no progress report yet")


def test_eu_spending_sentence_names_edition_and_missing():
    summary = pd.DataFrame(
        {
            "eu_status": ["EU member", "not in the EU"],
            "n_allies": [2, 2],
            "n_with_data": [2, 1],
            "mean_share_of_gdp_pct": [1.5, 3.0],
            "median_share_of_gdp_pct": [1.5, 3.0],
            "n_at_or_above_2pct": [0, 1],
            "countries_without_data": ["", "Iceland"],
            "edition": ["2024-06", "2024-06"],
        }
    )
    text = facts.eu_spending_sentence(summary, 2024, "NATO defence expenditure", "2024-12-31")
    assert text.startswith("In 2024 (NATO edition 2024-06, NATO defence expenditure), the 2 EU members")
    assert ("the 2 EU members among the Allies spent 1.50% of GDP on average (each Ally counted once; "
            "median 1.50%), none of them at or above 2%") in text
    # The denominator is the Allies with a figure, and the missing one is named.
    assert "the only one of the 2 Allies outside the EU with a figure spent 3.00% of GDP, at or above 2% (no figure for Iceland)." in text
    several = summary.assign(n_allies=[2, 9], n_with_data=[2, 8])
    text = facts.eu_spending_sentence(several, 2024, "NATO defence expenditure", "2024-12-31")
    assert "the 8 Allies outside the EU with a figure spent 3.00% of GDP on average" in text
    assert "(no figure for Iceland)." in text
    assert editorial.problems([text]) == []
    estimated = facts.eu_spending_sentence(summary, "2026e", "core defence expenditure", "2026-11-28")
    assert estimated.startswith("In 2026e (NATO edition 2024-06, core defence expenditure; e = NATO estimate), ")
    assert "no NATO defence-expenditure figures" in facts.eu_spending_sentence(
        pd.DataFrame(), None, "", "1990-01-01"
    )


def test_operations_sentence_flags_unclear_end():
    timeline = pd.DataFrame(
        {"short_name": ["A", "B", "C"], "start": pd.to_datetime(["1993-04-12", "2000-01-01", "2016-02-11"])}
    )
    active = pd.DataFrame({"short_name": ["B", "C"], "status_on_date": ["active", "active (end not recorded)"]})
    text = facts.operations_sentence(active, timeline, "2020-01-01")
    assert text.startswith("On 1 January 2020, **2** NATO operations and missions were running: B and C.")
    assert "In all, 3 had begun since 12 April 1993." in text
    assert "For C the sources give no end date" in text


def test_kfor_sentence_gives_first_and_latest_figures_with_their_grade():
    kfor = pd.DataFrame(
        {
            "date_label": ["1999-06", "2025"],
            "troops": [50000, 5249],
            "figure_kind": ["approx", "exact"],
            "source_grade": ["official", "low"],
            "low_grade": [False, True],
        }
    )
    text = facts.kfor_sentence(kfor, "2026-01-01")
    assert text == (
        "KFOR's first figure in the data is ~50,000 troops (June 1999); the latest by 1 January 2026 is 5,249 "
        "(2025, from a low-grade source). 1 of the 2 figures comes from low-grade sources."
    )


def test_partners_and_aspirants_sentences():
    summary = pd.DataFrame(
        {
            "framework_name": ["PfP", "Global"],
            "n_partners": [18, 7],
            "n_date_unknown": [0, 2],
            "countries_date_unknown": ["", "Afghanistan and Pakistan"],
        }
    )
    text = facts.partners_sentence(summary, "2026-01-01")
    assert "numbered 18 in PfP and 7 in Global" in text
    assert text.endswith("No joining date is recorded for Afghanistan and Pakistan.")
    # A partnership the sources mark suspended is named after the count that includes it.
    both = facts.partners_sentence(summary.assign(countries_suspended=["Belarus and Russia", ""]), "2026-01-01")
    assert both.endswith("Counted among them: Belarus and Russia in PfP, whose partnerships are suspended today "
                         "(the sources give no date).")
    one = facts.partners_sentence(summary.assign(countries_suspended=["Russia", ""]), "1995-01-01")
    assert "Counted among them: Russia in PfP, whose partnership is suspended today" in one
    aspirants = pd.DataFrame({"country": ["Georgia", "Ukraine"]})
    assert facts.aspirants_sentence(aspirants, "2020-01-01") == (
        "On 1 January 2020, 2 countries aspired to membership: Georgia and Ukraine."
    )


def _dcb(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["partner", "dcb_start_year", "start_known", "dcb_partner", "supporting_allies",
                                        "n_supporting_allies"])
    frame["dcb_start_year"] = pd.array(frame["dcb_start_year"], dtype="Int64")
    frame["n_supporting_allies"] = pd.array(frame["n_supporting_allies"], dtype="Int64")
    return frame


def test_dcb_sentence_start_years_supporters_where_recorded_and_requests():
    partners = _dcb([("Georgia", 2014, True, True, "Belgium, Netherlands", 2),
                     ("Republic of Moldova", 2015, True, True, "", 0),
                     ("Jordan", None, False, True, "Belgium", 1),
                     ("Libya", None, False, False, "", 0)])
    assert facts.dcb_sentence(partners, "2026-01-01") == (
        "Of the partners NATO lists today, 3 had a Defence and Related Security Capacity Building (DCB) package by "
        "1 January 2026: Georgia since 2014, the Republic of Moldova since 2015 and Jordan (start year not found). "
        "Supporting Allies are recorded only where a source names them: for 2 of the 3 (Georgia and Jordan), "
        "naming Belgium and the Netherlands. Libya is recorded as a request for support only, with no package.")
    alone = facts.dcb_sentence(partners.iloc[1:2], "2026-01-01")
    assert alone.endswith("the Republic of Moldova since 2015. No supporting Ally is recorded for any of them.")
    assert facts.dcb_sentence(partners.iloc[0:0], "2010-01-01") == (
        "By 1 January 2010 none of the partners NATO lists today had a Defence and Related Security Capacity "
        "Building (DCB) package.")


def test_the_package_re_exports_every_public_name():
    # Notebooks write narrative.<name>: a sentence function missing from natolab.narrative would fail only there.
    import natolab.narrative as package

    assert {name: getattr(package, name) for name in facts.__all__} == {name: getattr(facts, name) for name in facts.__all__}
