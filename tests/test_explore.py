"""natolab.explore: the interactive views, driven through their widgets without a browser.

Each test sets widget values (which fires the views' callbacks, as a click in JupyterLab
does) and checks ``view.table`` / ``view.figure`` against the library functions the reports
call: the views must show the same numbers, never their own.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from natolab import data, editions, explore, metrics, plots
from natolab.explore.spending import REGIONS, target_lines
from natolab.parameters import ParameterError


@pytest.fixture(autouse=True)
def _quiet(capsys: pytest.CaptureFixture[str]) -> None:
    """Outside a kernel the views' output area prints its text; nothing here reads it."""


def spending_view(**kwargs: object) -> explore.SpendingView:
    """Belgium and Poland, share of GDP, 2014–2026, edition 2026-07, unless ``kwargs`` say otherwise.

    Built from the constructor's values (checked by the same rules as the widgets'): every
    computation draws a chart, so the tests keep their number down; each test then drives the
    widgets it is about.
    """
    state = {"allies": ("BEL", "POL"), "measure": "share_of_gdp_pct", "years": (2014, 2026), "edition": "2026-07",
             "chart": "lines", **kwargs}
    return explore.SpendingView(**state)


# --- Spending -------------------------------------------------------------------------------


@pytest.mark.slow
def test_spending_shows_the_editions_own_numbers() -> None:
    view = spending_view()
    expected = data.defence_expenditure("2026-07", "share_of_gdp_pct")
    expected = expected.loc[expected["iso3"].isin(["BEL", "POL"]) & expected["year"].between(2014, 2026)
                            & expected["value"].notna()]
    shown = view.table.merge(expected, on=["iso3", "year"], how="outer", indicator=True, suffixes=("", "_data"))
    assert (shown["_merge"] == "both").all(), "the view and the data cover different (Ally, year) pairs"
    assert len(shown) == 26  # two Allies, 2014–2026
    assert shown["share_of_gdp_pct"].tolist() == shown["value"].tolist()
    assert shown["estimate"].tolist() == shown["estimate_data"].tolist()
    assert set(view.table["edition"]) == {"2026-07"}
    assert view.figure is not None and view.message is None


@pytest.mark.slow
def test_spending_labels_estimates_and_the_edition() -> None:
    view = spending_view()
    info = editions.describe("2026-07")
    flagged = sorted(set(view.table.loc[view.table["estimate"].astype(bool), "year"]))
    assert flagged == list(info.estimate_years) == [2025, 2026]
    assert view.display_table()["year"].tolist()[-3:] == ["2024", "2025e", "2026e"]
    assert view.figure.get_suptitle() == "Defence expenditure as a share of GDP, 2014–2026e"
    assert "core defence expenditure" in view.edition_info.value and "constant 2021 prices" in view.edition_info.value
    assert view.source_note() == data.source_note("defence_expenditure", ["2026-07"])
    view.edition.value = "2024-06"  # NATO's earlier definition, 2015 prices
    assert "NATO defence expenditure" in view.edition_info.value and "2015" in view.edition_info.value
    assert set(view.table["edition"]) == {"2024-06"}


@pytest.mark.slow
def test_a_measure_the_edition_lacks_is_said_not_drawn() -> None:
    view = spending_view(measure="defence_expenditure_per_capita_usd_constant")
    assert view.figure is None
    assert view.table.empty
    assert "does not report defence expenditure per head" in view.message
    assert "Editions that do: 2019-06, 2024-06" in view.message
    assert view.save() == [] and "Nothing to save" in view.save_status.value
    view.edition.value = "2024-06"  # an edition that has it: the chart is back
    assert view.message is None and view.figure is not None
    assert view.chart_labels()["unit"] == "US$ per head, constant 2015 prices"


@pytest.mark.slow
def test_an_ally_without_values_is_named_not_hidden() -> None:
    view = spending_view(allies=("BEL", "ISL"))
    assert set(view.table["iso3"]) == {"BEL"}
    assert view.notes == ["Not reported in NATO's edition of July 2026 for 2014–2026e: Iceland."]
    view.allies.value = ("ISL",)
    assert view.figure is None and "has no defence expenditure as a share of GDP for Iceland" in view.message


@pytest.mark.slow
def test_the_years_follow_the_edition() -> None:
    view = spending_view()
    view.edition.value = "2019-06"  # 2012–2019: the chosen 2014–2026 kept where the edition has it
    assert (view.years.min, view.years.max, view.years.value) == (2012, 2019, (2014, 2019))
    assert view.table["year"].between(2014, 2019).all() and len(view.table) == 12
    view.edition.value = "2017-06"  # one year only
    assert view.years.value == (2017, 2017)
    assert view.table["year"].tolist() == [2017, 2017]
    view.edition.value = "2008-03"  # 2000–2006: none of the chosen years, so all of its own
    assert view.years.value == (2000, 2006)
    assert set(view.table["edition"]) == {"2008-03"} and view.table["year"].max() == 2006


@pytest.mark.slow
def test_quick_picks() -> None:
    view = spending_view(chart="bars")
    allies = set(data.load("members")["iso3"].astype(str))
    in_eu = set(metrics.eu_members_on()["iso3"])
    view.pick_buttons["Nordic-Baltic Eight"].click()
    assert view.allies.value == REGIONS["Nordic-Baltic Eight"]
    assert set(view.table["iso3"]) == set(REGIONS["Nordic-Baltic Eight"]) - {"ISL"}  # Iceland: no armed forces
    assert view.notes == ["Not reported in NATO's edition of July 2026 for 2026e: Iceland."]
    assert set(view.picks["EU members"]) == allies & in_eu and len(view.picks["EU members"]) == 23
    assert set(view.picks["European Allies + Canada"]) == allies - {"USA"}
    assert set(view.picks["All Allies"]) == allies and len(view.picks["All Allies"]) == 32
    assert list(view.picks) == ["All Allies", "European Allies + Canada", "EU members", *REGIONS]
    for codes in REGIONS.values():
        assert set(codes) <= allies


@pytest.mark.slow
def test_bars_rank_the_last_year_as_the_league_table_does() -> None:
    view = spending_view(allies=("BEL", "POL", "EST", "FRA"), chart="bars")
    league = metrics.league_table(2026, edition="2026-07", countries_filter=["BEL", "POL", "EST", "FRA"])
    assert view.table["iso3"].tolist() == league["iso3"].tolist()
    assert view.table["share_of_gdp_pct"].tolist() == league["share_of_gdp_pct"].tolist()
    assert view.figure.get_suptitle() == "Defence expenditure as a share of GDP, 2026e"


@pytest.mark.slow
def test_target_lines_come_from_the_targets_data() -> None:
    assert target_lines() == {"2% guideline": 2.0, "3.5% core target": 3.5, "5% core + related": 5.0}
    view = spending_view()
    assert view.lines() == {"2% guideline": 2.0, "3.5% core target": 3.5}
    view.target_boxes["hague_total_5pct"].value = True
    assert "5% core + related" in view.lines()
    view.measure.value = "equipment_share_pct"
    assert view.lines() == {"20% guideline": 20.0}


@pytest.mark.slow
def test_bad_values_fail_by_the_notebooks_rules() -> None:
    with pytest.raises(ParameterError, match="Parameter 'allies' = 'XYZ'"):
        explore.SpendingView(allies=["BEL", "XYZ"])
    with pytest.raises(ParameterError, match="Parameter 'edition'"):
        explore.SpendingView(edition="2030-01")
    with pytest.raises(ParameterError, match="Parameter 'years' = 2030"):
        explore.SpendingView(edition="2024-06", years=(2014, 2030))
    with pytest.raises(ParameterError, match="Parameter 'measure'"):
        explore.SpendingView(measure="gdp")
    with pytest.raises(ParameterError, match="the first year is after the last"):
        explore.SpendingView(years=(2020, 2016))
    view = spending_view()
    view.allies.value = ()
    assert view.figure is None and view.message.startswith("Parameter 'allies' = []: empty list")


@pytest.mark.parametrize(
    "state",
    [
        {},
        {"chart": "bars", "allies": ("BEL", "POL", "EST")},
        {"measure": "defence_expenditure_usd_constant_m", "edition": "2024-06", "years": (2016, 2024)},
    ],
    ids=["lines", "bars", "constant-usd"],
)
@pytest.mark.slow
def test_the_code_shown_reproduces_the_spending_view(state: dict) -> None:
    view = spending_view(**state)
    namespace: dict = {}
    exec(view.code_area.value, namespace)  # what an analyst pastes into a notebook
    pd.testing.assert_frame_equal(namespace["table"], view.table)
    assert namespace["fig"].get_suptitle() == view.figure.get_suptitle()
    assert plots.png_bytes(namespace["fig"]) == plots.png_bytes(view.figure)


# --- Membership on a date -------------------------------------------------------------------


@pytest.mark.slow
def test_membership_changes_on_the_day_of_the_2004_enlargement_of_the_eu() -> None:
    view = explore.MembershipView("2004-05-01")
    assert view.counts == {"nato": 26, "eu": 25, "both": 19}
    pd.testing.assert_frame_equal(view.table, metrics.overlap_by_country("2004-05-01"))
    view.set_date("2004-04-30")
    assert view.counts["eu"] == 15 and view.counts["nato"] == 26
    assert view.counts["eu"] == len(metrics.eu_members_on("2004-04-30"))
    assert view.figure.get_suptitle() == "NATO Allies on 30 April 2004 by accession round"


@pytest.mark.slow
def test_slider_and_date_field_stay_in_step() -> None:
    view = explore.MembershipView("2004-04-30")
    view.slider.value += 1  # one day later, as the arrow key does
    assert view.date.value == dt.date(2004, 5, 1) and view.counts["eu"] == 25
    view.date.value = dt.date(1952, 2, 18)
    assert view.day == pd.Timestamp("1952-02-18") and view.counts == {"nato": 14, "eu": 0, "both": 0}
    view.next_button.click()  # the next change: the Federal Republic of Germany joins
    assert view.day == pd.Timestamp("1955-05-06")
    assert view.counts["nato"] == 15
    view.previous_button.click()
    assert view.day == pd.Timestamp("1952-02-18")
    assert view.parameters() == {"as_of": "1952-02-18"}


def test_membership_refuses_a_day_outside_the_data() -> None:
    with pytest.raises(ParameterError, match="Parameter 'as_of'"):
        explore.MembershipView("1948-01-01")
    view = explore.MembershipView()
    assert view.day == data.data_as_of() and view.counts["nato"] == 32
    with pytest.raises(ParameterError, match="outside the period"):
        view.set_date("2100-01-01")


# --- Country at a glance --------------------------------------------------------------------


def _figure(view: explore.CountryView, starts: str) -> str:
    """The value of the one fact or spending figure whose label starts with ``starts``."""
    both = pd.concat([view.facts, view.figures])
    rows = both.loc[both["fact"].str.startswith(starts), "value"]
    assert len(rows) == 1, both
    return rows.iloc[0]


@pytest.mark.slow
def test_country_view_gives_the_report_figures() -> None:
    view = explore.CountryView("BEL")
    now = metrics.present()
    league = metrics.league_table(now.year, [2.0, 3.5], edition=now.edition).set_index("iso3")
    assert _figure(view, "share of GDP") == f"{league.loc['BEL', 'share_of_gdp_pct']:.2f}%"
    assert _figure(view, "rank") == f"{int(league.loc['BEL', 'rank'])} of {int(league['rank'].notna().sum())}"
    series = metrics.country_series("BEL", edition=now.edition)
    assert view.table["share_of_gdp_pct"].tolist() == series["value"].tolist()
    assert view.figure.get_suptitle() == "Belgium: defence expenditure as a share of GDP"
    view.ally.value = "POL"  # another Ally from the dropdown
    assert _figure(view, "name") == "Poland"
    assert view.table["share_of_gdp_pct"].tolist() == metrics.country_series("POL", edition=now.edition)["value"].tolist()
    assert "joined the Alliance on 12 March 1999" in view.sentences[0]


@pytest.mark.slow
@pytest.mark.parametrize("chart", ["equipment", "personnel", "long_run"])
def test_every_country_chart_draws_and_its_code_reproduces_it(chart: str) -> None:
    view = explore.CountryView("POL", chart=chart)
    assert view.figure is not None and not view.table.empty and view.editions()
    namespace: dict = {}
    exec(view.code_area.value, namespace)
    pd.testing.assert_frame_equal(namespace["table"], view.table)
    assert plots.png_bytes(namespace["fig"]) == plots.png_bytes(view.figure)


def test_iceland_is_a_fact_not_an_empty_chart() -> None:
    view = explore.CountryView("ISL")
    assert view.figure is None and view.message == "NATO reports no share of GDP for Iceland."
    assert _figure(view, "share of GDP") == "not reported"
    assert _figure(view, "name") == "Iceland"  # the membership facts are still there


def test_country_view_refuses_a_non_ally() -> None:
    with pytest.raises(ParameterError, match=r"Parameter 'country' = 'AUT'.*not the ISO3 code of an Ally"):
        explore.CountryView("AUT")


# --- Save this view -------------------------------------------------------------------------


@pytest.mark.slow
def test_save_writes_chart_table_and_metadata(tmp_path) -> None:
    view = spending_view()
    view.folder.value = str(tmp_path / "mine")
    view.save_button.click()
    stem = "spending-share_of_gdp_pct-2026-07-2014-2026-lines-BEL-POL"
    png, csv, meta = (tmp_path / "mine" / f"{stem}{suffix}" for suffix in (".png", ".csv", ".metadata.json"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.read_bytes() == plots.png_bytes(view.figure)
    saved = pd.read_csv(csv)
    assert saved["share_of_gdp_pct"].tolist() == view.table["share_of_gdp_pct"].tolist()
    assert saved.columns.tolist() == ["iso3", "country", "year", "share_of_gdp_pct", "estimate", "edition"]
    metadata = json.loads(meta.read_text(encoding="utf-8"))
    assert metadata["parameters"] == {"allies": ["BEL", "POL"], "measure": "share_of_gdp_pct", "years": [2014, 2026],
                                      "edition": "2026-07", "targets": ["wales_2pct", "hague_core_3_5pct"],
                                      "chart": "lines"}
    assert metadata["editions"] == ["2026-07"]
    assert metadata["source"] == data.source_note("defence_expenditure", ["2026-07"])
    assert metadata["path"] == csv.name and metadata["chart"] == png.name
    assert [f["name"] for f in metadata["schema"]["fields"]] == saved.columns.tolist()
    assert "metrics.country_series" in metadata["code"]
    assert stem in view.save_status.value


@pytest.mark.slow
def test_save_defaults_to_exports_under_the_working_directory(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    membership = explore.MembershipView("2004-05-01")
    written = membership.save()
    assert [p.name for p in written] == ["membership-2004-05-01.png", "membership-2004-05-01.csv",
                                         "membership-2004-05-01.metadata.json"]
    assert all(p.parent == tmp_path / "exports" for p in written)
    assert "exports/membership-2004-05-01.png" in membership.save_status.value  # relative: no absolute path shown
    metadata = json.loads(written[2].read_text(encoding="utf-8"))
    assert metadata["parameters"] == {"as_of": "2004-05-01"} and metadata["editions"] == []
    country = explore.CountryView("POL", chart="personnel")
    written = country.save()
    metadata = json.loads(written[2].read_text(encoding="utf-8"))
    assert metadata["parameters"]["country"] == "POL" and metadata["editions"] == ["2024-06"]


@pytest.mark.slow
def test_every_view_displays_as_its_widget(capsys: pytest.CaptureFixture[str]) -> None:
    spending = spending_view(measure="defence_expenditure_per_capita_usd_constant")
    for view in (spending, explore.MembershipView("2004-05-01"), explore.CountryView("BEL")):
        bundle = view._repr_mimebundle_()
        assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == view.widget.model_id
        assert view.output in view.widget.children and view.code_box in view.widget.children
        view.show()  # in a kernel every update does this; outside one the output area prints its text
    shown = capsys.readouterr().out
    assert "**Nothing to draw.** NATO's edition of July 2026 (core defence expenditure) does not report" in shown
    assert "[figure explore-membership-map: NATO Allies on 1 May 2004 by accession round]" in shown
    assert "Belgium: spending figures" in shown and "[figure explore-country-share:" in shown
