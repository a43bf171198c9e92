"""natolab.charts.bars and natolab.charts.lines: each builder draws a finished figure from a tidy frame, without warnings."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from natolab import plots
from natolab.charts import bars, lines


def _texts(fig) -> str:
    return " | ".join(t.get_text() for ax in fig.axes for t in ax.texts) + " | " + " | ".join(
        t.get_text() for t in fig.texts)


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_ranked_bars_colours_by_first_line_and_labels_missing():
    frame = pd.DataFrame({"country": ["Poland", "Belgium", "Iceland"],
                          "share": [4.1, 1.3, np.nan]})
    fig = bars.ranked_bars(frame, "country", "share", title="T", xlabel="% of GDP",
                             note="Source: test.", lines={"2% guideline": 2.0, "3.5%": 3.5})
    ax = fig.axes[0]
    colors = [tuple(round(c, 3) for c in p.get_facecolor()[:3]) for p in ax.patches]
    blue = tuple(round(int(plots.PALETTE["blue"][i:i + 2], 16) / 255, 3) for i in (1, 3, 5))
    orange = tuple(round(int(plots.PALETTE["orange"][i:i + 2], 16) / 255, 3) for i in (1, 3, 5))
    assert colors[:2] == [blue, orange]
    text = _texts(fig)
    assert "not reported" in text and "2% guideline" in text and "Source: test." in text
    ticks = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in ticks] == ["Poland", "Belgium", "Iceland"]  # frame order, top down
    plots.png_bytes(fig)


def test_ranked_bars_target_labels_of_neighbouring_lines_never_overlap():
    frame = pd.DataFrame({"country": [f"North Macedonia {i}" for i in range(30)], "share": np.linspace(1.6, 5.33, 30)})
    names = ["2% guideline (Wales, by 2024)", "3.5% core (The Hague, by 2035)"]
    fig = bars.ranked_bars(frame, "country", "share", title="T", xlabel="% of GDP", note="n",
                               lines=dict(zip(names, [2.0, 3.5], strict=True)))
    fig.draw_without_rendering()
    boxes = [t.get_window_extent() for t in fig.axes[0].texts if t.get_text() in names]
    assert len(boxes) == 2
    assert not boxes[0].overlaps(boxes[1])


def test_ranked_bars_thousands_separator_on_money():
    frame = pd.DataFrame({"country": ["Canada", "Italy"], "usd": [13_420.0, 11_413.0]})
    fig = bars.ranked_bars(frame, "country", "usd", title="T", xlabel="US$ million",
                             note="n", value_fmt="{:,.0f}")
    fig.draw_without_rendering()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert any("," in label for label in labels)
    assert "13,420" in _texts(fig)


def test_count_bars_categorical_and_numeric_x():
    frame = pd.DataFrame({"edition": ["2024-06", "2026-07"], "a": [31, 31], "b": [23, 17]})
    fig = bars.count_bars(frame, "edition", {"a": "reported", "b": "at 2%"}, title="T",
                            ylabel="Allies", note="n")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024-06", "2026-07"]
    assert [p.get_height() for p in ax.patches] == [31, 31, 23, 17]
    years = pd.DataFrame({"year": [2000, 2012], "b": [8, 3]})
    fig = bars.count_bars(years, "year", {"b": "at 2%"}, title="T", ylabel="Allies", note="n")
    assert [p.get_x() + p.get_width() / 2 for p in fig.axes[0].patches] == [2000, 2012]


def test_count_bars_keep_the_legend_off_a_big_first_bar():
    personnel = pd.DataFrame({"year": range(2014, 2025), "value": [1350.0] + [1300.0] * 10,
                              "estimate": [False] * 9 + [True] * 2})
    fig = bars.count_bars(personnel, "year", {"value": "military personnel"}, title="United States",
                              ylabel="thousands", note="n", estimate="estimate")
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "military personnel", "e = NATO estimate (hatched)"]
    assert plots.layout_problems(fig) == []


def test_paired_bars_legend_covers_no_bar():
    frame = pd.DataFrame({"country": ["Poland", "Estonia", "Spain", "Belgium"], "old": [4.1, 3.4, 1.3, 1.3],
                          "new": [4.5, 3.4, 2.0, 1.3]})
    fig = bars.paired_bars(frame, "country", {"old": "NATO definition", "new": "core"}, title="T",
                               xlabel="% of GDP", note="n", lines={"2% guideline": 2.0})
    assert plots.layout_problems(fig) == []


def test_profile_long_run_titles_from_the_first_year_and_shades_the_years_before_accession():
    long = pd.DataFrame({"year": [1975, 1980, 1998, 1999, 2024],
                         "sipri_share_of_gdp_pct": [np.nan, 2.65, 1.9, 1.8, 4.2],
                         "nato_share_of_gdp_pct": [np.nan, np.nan, np.nan, np.nan, 4.1]})
    facts = {"country": "Poland", "accession_date": pd.Timestamp("1999-03-12")}
    fig = lines.profile_long_run(long, facts, edition="2026-07", note="n")
    assert fig.get_suptitle() == "Poland: military expenditure since 1980"
    ax = fig.axes[0]
    spans = [p for p in ax.patches if p.get_label().startswith("before")]
    assert len(spans) == 1
    x0, x1 = spans[0].get_x(), spans[0].get_x() + spans[0].get_width()
    assert x0 == 1979.5 and 1999.1 < x1 < 1999.3  # 12 March 1999
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "before Poland joined NATO (12 March 1999)" in legend
    assert plots.layout_problems(fig) == []
    founder = lines.profile_long_run(long.assign(year=long["year"] - 30), {
        "country": "Belgium", "accession_date": pd.Timestamp("1949-04-04")}, edition="2026-07", note="n")
    assert founder.get_suptitle() == "Belgium: military expenditure since 1950"
    assert not [p for p in founder.axes[0].patches if p.get_label().startswith("before")]


def test_since_title_reads_the_first_year_with_a_value():
    frame = pd.DataFrame({"year": [1949, 1953, 1960], "a": [np.nan, 2.0, 3.0], "b": [np.nan, np.nan, 1.0]})
    assert lines.since_title("Belgium: spending", frame, ["a", "b"]) == "Belgium: spending since 1953"
    assert lines.since_title("Belgium: spending", frame, ["b"]) == "Belgium: spending since 1960"
    assert lines.since_title("Iceland", frame.iloc[:1], ["a"]) == "Iceland"


def test_profile_personnel_subtitle_names_personnel_not_expenditure():
    personnel = pd.DataFrame({"year": [2023, 2024], "value": [25.0, 26.0], "estimate": [False, True],
                              "edition": ["2024-06", "2024-06"]})
    fig = bars.profile_personnel(personnel, "Belgium", note="n")
    subtitle = fig.axes[0].get_title(loc="left")
    assert subtitle == "Military personnel, thousands; NATO edition 2024-06"
    assert "expenditure" not in subtitle
    assert fig.get_suptitle() == "Belgium: military personnel"


def test_line_chart_and_long_run():
    frame = pd.DataFrame({"year": [2014, 2015, 2016], "a": [1.0, np.nan, 2.0], "b": [3, 3, 3]})
    fig = lines.line_chart(frame, "year", {"a": "SIPRI", "b": "NATO"}, title="T",
                            ylabel="% of GDP", note="n", lines={"2%": 2.0})
    assert [line.get_label() for line in fig.axes[0].get_lines()][:2] == ["SIPRI", "NATO"]
    long = pd.DataFrame({"year": [1949, 1990, 2024], "us": [5.0, 5.6, 3.4],
                         "med": [2.7, 2.4, 2.0], "lo": [1, 1, 1], "hi": [7, 4, 4]})
    fig = lines.long_run(long, title="T", ylabel="%", note="Source: SIPRI.",
                          shade=(1949, 1991, "Cold War"), events={2025: "The Hague 2025"},
                          series={"us": "United States", "med": "median"},
                          band=("lo", "hi", "range"))
    ax = fig.axes[0]
    assert ax.get_xlim()[1] >= 2025  # the event year stays inside the chart
    assert "Cold War" in _texts(fig) and "The Hague 2025" in _texts(fig)
    plots.png_bytes(fig)


def test_the_package_re_exports_every_public_name():
    # Notebooks write charts.<name>: a builder missing from natolab.charts would fail only there.
    import natolab.charts as package

    for module in (bars, lines):
        assert {name: getattr(package, name) for name in module.__all__} == {
            name: getattr(module, name) for name in module.__all__}


def test_ranked_bars_describe_themselves_from_their_numbers():
    frame = pd.DataFrame({"country": ["Lithuania", "Belgium", "Slovenia", "Iceland"],
                          "share": [5.33, 2.0, 1.61, np.nan]})
    fig = bars.ranked_bars(frame, "country", "share", title="Share of GDP, 2026e", xlabel="% of GDP",
                               subtitle="edition of July 2026", note="n", lines={"2% guideline": 2.0})
    assert plots.alt_text(fig) == (
        "Bar chart: Share of GDP, 2026e (edition of July 2026); % of GDP. 3 bars; highest Lithuania (5.33), "
        "lowest Slovenia (1.61). 2 of 3 at or above 2% guideline. Iceland: not reported.")


def test_line_and_count_charts_describe_their_series_from_the_numbers():
    frame = pd.DataFrame({"year": [2014, 2024, 2026], "value": [0.97, 1.27, 2.0],
                          "estimate": [False, False, True]})
    fig = lines.line_chart(frame, "year", {"value": "Belgium"}, title="Belgium: share of GDP",
                              ylabel="% of GDP", note="n", estimate="estimate")
    assert plots.alt_text(fig) == ("Line chart: Belgium: share of GDP; % of GDP. Belgium: 0.97 in 2014, 2.00 in 2026, "
                                   "highest 2.00 in 2026. Points or bars marked e are NATO estimates.")
    counts = pd.DataFrame({"year": [2014, 2026], "n": [3, 30]})
    fig = bars.count_bars(counts, "year", {"n": "at or above 2%"}, title="Allies at 2%", ylabel="Allies",
                              note="n")
    assert plots.alt_text(fig) == ("Bar chart: Allies at 2%; Allies. at or above 2%: 3 in 2014, 30 in 2026, "
                                   "highest 30 in 2026.")


def test_long_run_and_paired_bars_describe_themselves_from_their_numbers():
    long = pd.DataFrame({"year": [1949, 1990, 2024], "us": [5.0, 5.6, 3.4], "lo": [1, 1, 1], "hi": [7, 4, 4]})
    fig = lines.long_run(long, title="T", ylabel="%", note="n", shade=(1949, 1991, "Cold War"),
                            series={"us": "United States"}, band=("lo", "hi", "range"))
    text = plots.alt_text(fig)
    assert not text.startswith("Chart:")
    assert "United States: 5.00 in 1949, 3.40 in 2024, highest 5.60 in 1990." in text
    frame = pd.DataFrame({"country": ["Poland", "Spain"], "old": [4.1, 1.3], "new": [4.5, np.nan]})
    fig = bars.paired_bars(frame, "country", {"old": "NATO definition", "new": "core"}, title="T",
                               xlabel="% of GDP", note="n", lines={"2% guideline": 2.0})
    text = plots.alt_text(fig)
    assert not text.startswith("Chart:")
    assert "NATO definition: highest Poland (4.10), lowest Spain (1.30); 1 of 2 at or above 2% guideline." in text
    assert "core: highest Poland (4.50)" in text and "1 not reported" in text
