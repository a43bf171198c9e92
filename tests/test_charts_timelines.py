"""natolab.charts.timelines: titles, footnotes, what is drawn, and empty frames."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.colors import to_hex

from natolab import plots
from natolab.charts import bars
from natolab.charts import timelines as tc


def _footnote(fig) -> str:
    return " ".join(t.get_text() for t in fig.texts)


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


TIMELINE = pd.DataFrame(
    {
        "date": pd.to_datetime(["1949-04-04", "1952-02-18"]),
        "n_allies": [12, 14],
        "n_joined": [12, 2],
        "round_number": [0, 1],
        "enlargement_round": ["Founding 1949", "1952"],
        "event": ["12 founding Allies sign the North Atlantic Treaty", "Greece and Türkiye join"],
    }
)


def test_allies_step_chart_labels_rounds_and_runs_to_as_of():
    fig = tc.allies_step_chart(TIMELINE, as_of="1960-01-01", note="Source: test.")
    ax = fig.axes[0]
    assert fig.get_suptitle() == "NATO Allies, 1949 to 1 January 1960"
    assert sorted(_texts(ax)) == ["1949: 12 founders", "1952: +2"]  # placed latest first
    step = ax.lines[0]
    assert list(step.get_ydata()) == [12, 14, 14]
    assert pd.Timestamp(step.get_xdata()[-1]) == pd.Timestamp("1960-01-01")
    assert "Source: test." in _footnote(fig)
    assert ax.get_ylabel() == "Allies (number)"


def test_allies_step_chart_before_the_treaty_says_so():
    fig = tc.allies_step_chart(TIMELINE.iloc[:0], as_of="1949-04-03", note="n")
    assert _texts(fig.axes[0]) == ["No Allies yet on 3 April 1949"]


def test_overlap_chart_stacks_three_groups():
    timeline = pd.DataFrame(
        {
            "date": pd.to_datetime(["1958-12-31", "1959-06-30"]),
            "year": [1958, 1959],
            "nato_and_eu": [6, 6],
            "nato_only": [9, 9],
            "eu_only": [0, 0],
        }
    )
    fig = tc.overlap_chart(timeline, note="n")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["NATO and EU", "NATO only", "EU only"]
    assert len(fig.axes[0].collections) == 3


def test_milestones_chart_hollow_for_month_precision():
    milestones = pd.DataFrame(
        {
            "date": pd.to_datetime(["2016-07-08", "2017-06-01"]),
            "date_precision": ["day", "month"],
            "event_type": ["joint_declaration", "progress_report"],
            "n_actions": [None, 42],
        }
    )
    fig = tc.milestones_chart(milestones, as_of="2018-01-01", note="n")
    faces = [line.get_markerfacecolor() for line in fig.axes[0].lines]
    assert to_hex(faces[0]) == plots.PALETTE["blue"].lower()
    assert faces[1] == "white"
    assert "2016" in _texts(fig.axes[0])


def test_operations_chart_colours_by_status_and_hatches_uncertain_dates():
    timeline = pd.DataFrame(
        {
            "short_name": ["One", "Two"],
            "start": pd.to_datetime(["1993-04-12", "2017-01-01"]),
            "bar_end": pd.to_datetime(["1995-12-20", "2020-01-01"]),
            "status_on_date": ["ended", "active"],
            "dates_uncertain": [False, True],
        }
    )
    fig = tc.operations_chart(timeline, as_of="2020-01-01", note="n")
    ax = fig.axes[0]
    bars = ax.patches
    assert [to_hex(b.get_facecolor()) for b in bars[:2]] == [
        plots.PALETTE["grey"].lower(),
        plots.PALETTE["blue"].lower(),
    ]
    assert bars[0].get_hatch() is None and bars[1].get_hatch() == "///"
    # First operation at the top (highest y).
    labels = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert labels["One"] > labels["Two"]


def test_kfor_chart_draws_low_grade_points_hollow():
    kfor = pd.DataFrame(
        {
            "date": pd.to_datetime(["1999-06-01", "2006-01-01"]),
            "troops": [50000, 18000],
            "figure_kind": ["approx", "approx"],
            "low_grade": [False, True],
        }
    )
    fig = tc.kfor_chart(kfor, as_of="2010-01-01", note="n")
    points = fig.axes[0].lines
    assert points[0].get_markerfacecolor() != "white"
    assert points[1].get_markerfacecolor() == "white"
    assert _texts(fig.axes[0]) == ["~18,000", "~50,000"]  # the latest figure is placed first
    empty = tc.kfor_chart(kfor.iloc[:0], as_of="1990-01-01", note="n")
    assert "No KFOR figure" in _texts(empty.axes[0])[0]


def test_partner_charts_label_names():
    summary = pd.DataFrame({"framework_name": ["PfP", "Global"], "n_partners": [18, 7], "n_date_unknown": [0, 2]})
    fig = bars.partners_chart(summary, as_of="2026-01-01", note="n")
    assert _texts(fig.axes[0]) == ["18", "9"]
    by_year = pd.DataFrame({"year": [1994, 1995], "framework_name": ["PfP", "PfP"], "n_joined": [10, 3]})
    fig = tc.partners_joined_chart(by_year, as_of="1996-06-30", note="n")
    assert list(fig.axes[0].lines[0].get_ydata()) == [10, 13, 13]


def test_eu_spending_chart_colours_by_eu_status():
    detail = pd.DataFrame(
        {"country": ["Alpha", "Bravo"], "eu_member": [True, False], "share_of_gdp_pct": [2.5, float("nan")]}
    )
    fig = bars.eu_spending_chart(detail, year=2024, edition="2024-06", definition="NATO defence expenditure", note="n")
    assert "NATO edition 2024-06" in fig.axes[0].get_title(loc="left")
    assert "not reported" in _texts(fig.axes[0])
    empty = bars.eu_spending_chart(detail.iloc[:0], year=None, edition=None, definition="", note="n")
    assert "No NATO defence-expenditure figures" in _texts(empty.axes[0])[0]


MILESTONES = pd.DataFrame(
    {
        "date": pd.to_datetime(["2002-12-16", "2003-03-17", "2016-07-08", "2016-12-06", "2017-06-01", "2017-12-05",
                                "2017-12-05", "2018-06-08", "2018-07-10", "2024-10-29", "2025-02-03"]),
        "date_precision": ["day", "day", "day", "day", "month", "day", "day", "day", "day", "day", "day"],
        "event_type": ["declaration", "arrangement", "joint_declaration", "common_set_of_proposals", "progress_report",
                       "common_set_of_proposals", "progress_report", "progress_report", "joint_declaration",
                       "high_level_meeting", "high_level_meeting"],
        "number": [None, None, 1, 1, 1, 2, 2, 3, 2, None, None],
        "n_actions": [None, None, None, 42, 42, 32, 42, 74, None, None, None],
    }
)


def test_milestones_chart_labels_every_row_without_overprinting():
    fig = tc.milestones_chart(MILESTONES, as_of="2026-01-01", note="n")
    labels = _texts(fig.axes[0])
    # The declarations row is labelled; the two batches of the common set keep apart.
    assert {"Dec 2002", "Mar 2003", "2016", "2018", "42 actions", "32 actions", "no. 1", "no. 2", "no. 3",
            "Oct 2024", "Feb 2025"} == set(labels)
    assert plots.layout_problems(fig) == []


def test_kfor_labels_of_figures_months_apart_do_not_collide():
    kfor = pd.DataFrame(
        {
            "date": pd.to_datetime(["1999-06-01", "2022-08-01", "2023-10-01", "2024-02-07", "2025-01-01"]),
            "troops": [50000, 3735, 4500, 4699, 5249],
            "figure_kind": ["approx", "exact", "lower_bound", "exact", "exact"],
            "low_grade": [False, False, False, True, True],
        }
    )
    fig = tc.kfor_chart(kfor, as_of="2026-11-28", note="n")
    assert sorted(_texts(fig.axes[0])) == sorted(["~50,000", "3,735", ">4,500", "4,699", "5,249"])
    assert plots.layout_problems(fig) == []


def test_partner_legends_sit_off_the_data():
    by_year = pd.DataFrame({
        "year": [1994, 1994, 1995, 2004, 2012, 2014, 2015],
        "framework_name": ["Partnership for Peace (PfP)", "Mediterranean Dialogue (MD)",
                           "Partnership for Peace (PfP)", "Istanbul Cooperation Initiative (ICI)",
                           "Partners across the globe", "Mediterranean Dialogue (MD)", "Partnership for Peace (PfP)"],
        "n_joined": [14, 5, 4, 4, 9, 2, 1],
    })
    fig = tc.partners_joined_chart(by_year, as_of="2026-11-28", note="n")
    assert plots.layout_problems(fig) == []
    summary = pd.DataFrame({"framework_name": ["PfP", "MD", "ICI", "Global"], "n_partners": [18, 7, 4, 1],
                            "n_date_unknown": [0, 0, 0, 8]})
    fig = bars.partners_chart(summary, as_of="2026-01-01", note="n")
    assert fig.axes[0].get_legend() is not None
    assert plots.layout_problems(fig) == []


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["allies", "kfor"])
def test_charts_are_deterministic(builder):
    def make():
        if builder == "allies":
            return tc.allies_step_chart(TIMELINE, as_of="1960-01-01", note="n")
        kfor = pd.DataFrame(
            {"date": pd.to_datetime(["1999-06-01"]), "troops": [50000], "figure_kind": ["approx"], "low_grade": [False]}
        )
        return tc.kfor_chart(kfor, as_of="2000-01-01", note="n")

    assert plots.png_bytes(make()) == plots.png_bytes(make())


def test_the_package_re_exports_every_public_name():
    # Notebooks write charts.<name>: a builder missing from natolab.charts would fail only there.
    import natolab.charts as package

    assert {name: getattr(package, name) for name in tc.__all__} == {name: getattr(tc, name) for name in tc.__all__}


def _described(fig, number: str) -> str:
    text = plots.alt_text(fig)
    assert not text.startswith("Chart:"), text
    assert number in text, text
    return text


@pytest.mark.slow
def test_every_builder_describes_its_chart_from_the_numbers():
    text = _described(tc.allies_step_chart(TIMELINE, as_of="1960-01-01", note="n"), "14")
    assert "From 12 on 4 April 1949 to 14 on 18 February 1952; 1 enlargement round." in text
    overlap = pd.DataFrame({"date": pd.to_datetime(["1958-12-31", "1959-06-30"]), "year": [1958, 1959],
                            "nato_and_eu": [6, 7], "nato_only": [9, 8], "eu_only": [0, 0]})
    _described(tc.overlap_chart(overlap, note="n"), "7 in NATO and the EU")
    _described(tc.milestones_chart(MILESTONES, as_of="2026-01-01", note="n"), "11 milestones")
    detail = pd.DataFrame({"country": ["Alpha", "Bravo"], "eu_member": [True, False], "share_of_gdp_pct": [2.5, 1.4]})
    text = _described(bars.eu_spending_chart(detail, year=2024, edition="2024-06", definition="NATO", note="n"), "2.50")
    assert "2024-06" in text and "1 of 2 at or above 2% guideline" in text
    operations = pd.DataFrame({"short_name": ["One", "Two"], "start": pd.to_datetime(["1993-04-12", "2017-01-01"]),
                               "bar_end": pd.to_datetime(["1995-12-20", "2020-01-01"]),
                               "status_on_date": ["ended", "active"], "dates_uncertain": [False, True]})
    _described(tc.operations_chart(operations, as_of="2020-01-01", note="n"), "12 April 1993")
    kfor = pd.DataFrame({"date": pd.to_datetime(["1999-06-01", "2006-01-01"]), "troops": [50000, 18000],
                         "figure_kind": ["approx", "approx"], "low_grade": [False, True]})
    _described(tc.kfor_chart(kfor, as_of="2010-01-01", note="n"), "50,000")
    summary = pd.DataFrame({"framework_name": ["PfP", "Global"], "n_partners": [18, 7], "n_date_unknown": [0, 2]})
    _described(bars.partners_chart(summary, as_of="2026-01-01", note="n"), "Global 9")
    by_year = pd.DataFrame({"year": [1994, 1995], "framework_name": ["PfP", "PfP"], "n_joined": [10, 3]})
    _described(tc.partners_joined_chart(by_year, as_of="1996-06-30", note="n"), "PfP: 13 by 1996")
