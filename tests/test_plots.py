"""natolab.plots: house style, deterministic PNGs, footnotes, table and sentence outputs."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from natolab import plots

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chart(note: str = "Source: NATO, test edition.") -> matplotlib.figure.Figure:
    fig, ax = plots.figure("Defence expenditure", subtitle="share of GDP", xlabel="year",
                           ylabel="% of GDP")
    ax.plot([2014, 2015, 2016], [1.1, 1.4, 2.05], label="Ally")
    plots.target_line(ax, 2.0, "2% guideline")
    ax.legend()
    plots.footnote(fig, note)
    return fig


@pytest.fixture
def shell():
    """A real IPython shell, so outputs go through the display publisher as in a kernel."""
    sh = InteractiveShell.instance()
    yield sh
    InteractiveShell.clear_instance()


def test_palette_is_okabe_ito():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                 "#000000"}
    assert okabe_ito <= {c.upper() for c in plots.PALETTE.values()}
    cycle = [c["color"].upper() for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert set(cycle) <= okabe_ito


def test_house_style_applied():
    _, ax = plots.figure("t")
    assert not ax.spines["top"].get_visible()
    assert not ax.spines["right"].get_visible()
    assert ax.spines["left"].get_visible()
    assert matplotlib.rcParams["axes.grid"]
    assert matplotlib.rcParams["svg.hashsalt"] == "natolab"
    assert matplotlib.rcParams["font.size"] >= 10


def test_figure_labels_and_panels():
    fig, ax = plots.figure("Title", subtitle="Sub", xlabel="year", ylabel="US$ million")
    assert fig.get_suptitle() == "Title"
    assert ax.get_title(loc="left") == "Sub"
    assert ax.get_xlabel() == "year"
    assert ax.get_ylabel() == "US$ million"
    _, axes = plots.figure("Two", ncols=2, ylabel="%")
    assert axes.shape == (2,)
    assert [a.get_ylabel() for a in axes] == ["%", "%"]


@pytest.mark.slow
def test_same_figure_twice_gives_identical_png():
    first = plots.png_bytes(_chart())
    second = plots.png_bytes(_chart())
    assert first.startswith(PNG_SIGNATURE)
    assert first == second
    fig = _chart()
    assert plots.png_bytes(fig) == plots.png_bytes(fig)


@pytest.mark.slow
def test_png_differs_when_content_differs():
    # Guards the test above against a renderer that returns constant bytes.
    assert plots.png_bytes(_chart("Source: A.")) != plots.png_bytes(_chart("Source: B."))


@pytest.mark.slow
def test_png_has_no_software_or_date_chunk():
    png = plots.png_bytes(_chart())
    assert b"Software" not in png
    assert b"matplotlib" not in png.lower()


@pytest.mark.slow
def test_png_identical_across_processes(tmp_path):
    script = (
        "import hashlib, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_plots import _chart\n"
        "from natolab import plots\n"
        "print(hashlib.sha256(plots.png_bytes(_chart())).hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, MPLCONFIGDIR=str(tmp_path / seed))
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env=env, check=True, cwd=tmp_path)
        assert out.stderr == ""  # fresh font cache, yet nothing on stderr
        digests.add(out.stdout.strip())
    assert digests == {hashlib.sha256(plots.png_bytes(_chart())).hexdigest()}


def test_footnote_drawn_inside_figure():
    note = "Source: NATO, Defence Expenditure of NATO Countries (2014–2024), June 2024 edition."
    fig = _chart(note)
    texts = [t.get_text().replace("\n", " ") for t in fig.texts]
    assert note in texts
    foot = next(t for t in fig.texts if t.get_text().replace("\n", " ") == note)
    fig.draw_without_rendering()  # runs the layout engine, as savefig does
    bbox = foot.get_window_extent().transformed(fig.transFigure.inverted())
    assert bbox.x0 >= 0 and bbox.x1 <= 1 and bbox.y0 >= 0 and bbox.y1 <= 1
    # The plotting area sits above the footnote, not over it.
    ax_box = fig.axes[0].get_tightbbox().transformed(fig.transFigure.inverted())
    assert ax_box.y0 >= bbox.y1 - 1e-6


def test_footnote_wraps_long_text_and_replaces_previous():
    fig, _ = plots.figure("t", size=(6, 4))
    plots.footnote(fig, "first")
    long = " ".join(["Source: NATO defence expenditure workbook"] * 8)
    plots.footnote(fig, long)
    texts = [t.get_text() for t in fig.texts]
    assert not any(t == "first" for t in texts)
    foot = [t for t in texts if "workbook" in t]
    assert len(foot) == 1 and "\n" in foot[0]
    assert foot[0].replace("\n", " ") == long


def test_no_warnings_when_rendering():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plots.figure("Allies", xlabel="% of GDP")
        plots.hbar(ax, ["Poland", "Iceland", "Belgium"], [4.1, np.nan, 1.3])
        plots.footnote(fig, "Source: test.")
        plots.png_bytes(fig)


def test_hbar_labels_missing_value_as_not_reported():
    _, ax = plots.figure("Allies")
    plots.hbar(ax, ["Poland", "Iceland"], [4.12, np.nan])
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["4.12", "not reported"]
    ticks = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert ticks["Poland"] > ticks["Iceland"]  # first label at the top


def test_target_line_rejects_bad_orientation():
    _, ax = plots.figure("t")
    with pytest.raises(ValueError, match="orientation"):
        plots.target_line(ax, 2.0, "2%", orientation="diagonal")


def test_show_emits_png_with_figure_metadata(shell):
    fig = _chart()
    expected = plots.png_bytes(fig)
    with capture_output() as cap:
        plots.show(fig, "spending-trend")
    assert len(cap.outputs) == 1
    out = cap.outputs[0]
    assert out.data["image/png"] == expected
    assert out.metadata["natolab"] == {"figure": "spending-trend", "layout_problems": []}
    assert "Defence expenditure" in out.data["text/plain"]


def test_table_has_three_mimetypes_and_metadata(shell):
    df = pd.DataFrame({"Ally": ["Poland", "Iceland"], "share of GDP (%)": [4.123, np.nan],
                       "US$ million": [35000.4, np.nan]})
    with capture_output() as cap:
        plots.table(df, "league", caption="Allies by share of GDP", floatfmt={"US$ million": 0})
    assert len(cap.outputs) == 1
    out = cap.outputs[0]
    assert {"text/plain", "text/html", "text/csv"} <= set(out.data)
    assert out.metadata == {"natolab": {"table": "league"}}
    plain = out.data["text/plain"]
    assert plain.startswith("Allies by share of GDP")
    assert "4.12" in plain
    assert "35,000" in plain
    assert "n/a" in plain
    assert "<table" in out.data["text/html"] and "Allies by share of GDP" in out.data["text/html"]
    csv_lines = out.data["text/csv"].splitlines()
    assert csv_lines[0] == "Ally,share of GDP (%),US$ million"
    assert csv_lines[1] == "Poland,4.123,35000.4"
    assert csv_lines[2] == "Iceland,,"


def test_table_html_escapes_caption(shell):
    with capture_output() as cap:
        plots.table(pd.DataFrame({"a": [1]}), "t", caption="<b>x</b> & y")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in cap.outputs[0].data["text/html"]


def test_empty_table_says_none(shell):
    with capture_output() as cap:
        plots.table(pd.DataFrame({"a": []}), "empty", caption="Nothing")
    out = cap.outputs[0]
    assert out.data["text/plain"] == "Nothing\n\n(none)"
    assert "Empty DataFrame" not in out.data["text/html"]
    assert out.data["text/csv"] == "a\n"


def test_say_emits_markdown(shell):
    with capture_output() as cap:
        plots.say("In 2024, **23** of 32 Allies met the 2% guideline.")
    assert cap.outputs[0].data["text/markdown"] == (
        "In 2024, **23** of 32 Allies met the 2% guideline.")


def test_say_escapes_dollars_so_markdown_opens_no_math_span(shell):
    sentence = "about **US$ 0.3 billion**; the largest was US$ 337 million, not \\$5"
    with capture_output() as cap:
        plots.say(sentence)
    data = cap.outputs[0].data
    assert data["text/markdown"] == "about **US\\$ 0.3 billion**; the largest was US\\$ 337 million, not \\$5"
    assert data["text/plain"] == sentence


def test_outside_ipython_prints_text(capsys):
    InteractiveShell.clear_instance()
    plots.say("plain sentence")
    assert capsys.readouterr().out == "plain sentence\n"


@pytest.mark.slow
def test_save_writes_deterministic_files(tmp_path):
    for suffix in ("png", "svg", "pdf"):
        a = plots.save(_chart(), tmp_path / f"a.{suffix}").read_bytes()
        b = plots.save(_chart(), tmp_path / f"b.{suffix}").read_bytes()
        assert a == b, suffix
    assert (tmp_path / "a.png").read_bytes() == plots.png_bytes(_chart())


def test_table_gaps_in_nullable_columns_read_na_not_pandas_marker(shell):
    df = pd.DataFrame({"edition": ["2024-06", "2025-04"],
                       "constant_price_base": pd.array([2015, None], dtype="Int64"),
                       "estimate": pd.array([True, None], dtype="boolean")})
    with capture_output() as cap:
        plots.table(df, "editions")
    out = cap.outputs[0]
    assert "<NA>" not in out.data["text/plain"] and "&lt;NA&gt;" not in out.data["text/html"]
    assert out.data["text/plain"].splitlines()[2].split() == ["2025-04", "n/a", "n/a"]
    assert out.data["text/csv"].splitlines()[2] == "2025-04,,"


@pytest.fixture
def registry():
    """An empty provenance registry for the test, emptied again after it."""
    from natolab import provenance

    provenance.reset()
    yield provenance
    provenance.reset()


def test_sources_used_shows_editions_in_words_and_publishes_them(shell, registry):
    from natolab import data

    data.source_note("defence_expenditure", ["2024-06"])
    data.load("members")
    with capture_output() as cap:
        plots.sources_used()
    assert len(cap.outputs) == 1
    out = cap.outputs[0]
    assert out.metadata == {
        "natolab": {"table": "data-used", "data_editions": {"defence_expenditure": ["2024-06"], "members": []}}
    }
    plain = out.data["text/plain"]
    assert plain.startswith("Data used in this report")
    assert "Defence Expenditure of NATO Countries (2014-2024), June 2024" in plain
    assert "2025-08" not in plain and "August 2025" not in plain
    csv_lines = out.data["text/csv"].splitlines()
    assert csv_lines[0] == "Dataset,Edition(s)"
    assert csv_lines[1] == 'defence_expenditure,"Defence Expenditure of NATO Countries (2014-2024), June 2024"'
    assert csv_lines[2] == "members,no edition"


def test_sources_used_names_several_editions_and_takes_a_title(shell, registry):
    registry.record("defence_expenditure", ["2026-07", "2024-06"])
    with capture_output() as cap:
        plots.sources_used("Sources")
    out = cap.outputs[0]
    assert out.data["text/plain"].startswith("Sources")
    assert out.metadata["natolab"]["data_editions"] == {"defence_expenditure": ["2024-06", "2026-07"]}
    row = out.data["text/csv"].splitlines()[1]
    assert row == (
        'defence_expenditure,"Defence Expenditure of NATO Countries (2014-2024), June 2024; '
        'Defence Investment of NATO Countries (2014-2026), July 2026"'
    )


def test_sources_used_with_nothing_recorded_says_so(shell, registry):
    with capture_output() as cap:
        plots.sources_used()
    out = cap.outputs[0]
    assert out.metadata["natolab"]["data_editions"] == {}
    assert "(none)" in out.data["text/plain"]


def test_table_formats_a_column_mixing_counts_and_shares(shell):
    frame = pd.DataFrame({"figure": ["Allies at 2%", "share", "US$ bn", "missing"],
                          "2014": [3, 1.4, 1810, float("nan")]}, dtype=object)
    with capture_output() as cap:
        plots.table(frame, "mixed")
    plain = cap.outputs[0].data["text/plain"]
    assert [line.split()[-1] for line in plain.splitlines()[1:]] == ["3", "1.40", "1,810", "n/a"]
    assert cap.outputs[0].data["text/csv"].splitlines()[1:] == ["Allies at 2%,3", "share,1.4", "US$ bn,1810", "missing,"]


def test_long_tables_fold_under_their_caption_and_short_ones_stay_open(shell):
    long = pd.DataFrame({"year": range(2000, 2000 + plots.FOLD_ROWS + 1)})
    short = long.head(plots.FOLD_ROWS)
    with capture_output() as cap:
        plots.table(long, "long", caption="Years & more")
        plots.table(short, "short", caption="Years")
    folded, shown = (out.data["text/html"] for out in cap.outputs)
    assert folded.startswith('<details class="natolab-fold"><summary><strong>Years &amp; more</strong> '
                             f"({plots.FOLD_ROWS + 1} rows, click to show)</summary>")
    assert folded.rstrip().endswith("</details>")
    assert shown.startswith("<p><strong>Years</strong></p>") and "<details" not in shown
    assert cap.outputs[0].data["text/csv"].count("\n") == plots.FOLD_ROWS + 2  # every row in the CSV


@pytest.mark.parametrize(("column", "shown"), [
    ("share_of_gdp_pct", "Share of GDP (%)"),
    ("gap_usd_current_m", "Gap (US$ million, current prices)"),
    ("meets_3_5pct", "Meets 3.5%"),
    ("n_reported", "Reported (count)"),
    ("difference_pp", "Difference (points)"),
    ("iso3", "ISO3"),
    ("start_label", "Start"),
    ("2024-06", "2024-06"),  # an edition code is already what a reader needs
    ("2026e", "2026e"),
])
def test_headers_in_words(column, shown):
    assert plots.header(column) == shown


def test_tables_show_words_and_yes_no_while_the_csv_keeps_the_data(shell):
    frame = pd.DataFrame({"iso3": ["BEL", "POL"], "share_of_gdp_pct": [2.0, 4.68],
                          "meets_3_5pct": pd.array([False, True], "boolean")})
    with capture_output() as cap:
        plots.table(frame, "league")
    data = cap.outputs[0].data
    assert "<th>Share of GDP (%)</th>" in data["text/html"] and "<td>Yes</td>" in data["text/html"]
    assert "Meets 3.5%" in data["text/plain"] and "True" not in data["text/plain"]
    assert data["text/csv"].splitlines() == ["iso3,share_of_gdp_pct,meets_3_5pct", "BEL,2.0,False", "POL,4.68,True"]


def test_tables_show_codes_of_the_data_in_words_while_the_csv_keeps_them(shell):
    frame = pd.DataFrame({"event_type": ["joint_declaration", "progress_report"], "title": ["Warsaw", "n/a"],
                          "status": pd.Categorical(["not_found", "sourced"]), "edition": ["2024-06", "2026-07"],
                          "file": ["members.csv", "two_words.csv"]})
    with capture_output() as cap:
        plots.table(frame, "milestones")
    data = cap.outputs[0].data
    for words in ("<td>joint declaration</td>", "<td>progress report</td>", "<td>not found</td>",
                  "<td>sourced</td>", "<td>2024-06</td>", "<td>two_words.csv</td>"):
        assert words in data["text/html"], words
    assert "joint_declaration" not in data["text/plain"]
    assert data["text/csv"].splitlines()[1] == "joint_declaration,Warsaw,not_found,2024-06,members.csv"
    with capture_output() as cap:
        plots.table(pd.DataFrame({"dataset": ["defence_expenditure"]}), "used")
    assert "<td>defence_expenditure</td>" in cap.outputs[0].data["text/html"]  # looked up as written


# -- the layout check -----------------------------------------------------------------------

def test_a_clean_chart_has_no_layout_problems():
    assert plots.layout_problems(_chart()) == []
    fig, ax = plots.figure("Bars", subtitle="counts", ylabel="n")
    ax.bar([1, 2, 3], [3, 1, 2], label="Allies")
    ax.axvspan(0.5, 1.5, color="#EEEEEE", label="shaded period")  # behind the data: not data
    ax.set_ylim(0, 6)
    ax.legend(loc="upper right")
    plots.footnote(fig, "Source: test.")
    assert plots.layout_problems(fig) == []


def test_overlapping_texts_are_reported_by_name():
    fig, ax = plots.figure("Milestones")
    ax.plot([0, 10], [0, 10])
    ax.annotate("42 actions", xy=(5, 5))
    ax.annotate("32 actions", xy=(5.1, 5))
    problems = plots.layout_problems(fig)
    assert problems == ["annotation '42 actions' overlaps annotation '32 actions'"]


def test_a_label_over_a_tick_label_and_a_title_cut_off_are_reported():
    fig, ax = plots.figure("A title far too long for a narrow figure, running well past its right edge",
                           size=(3, 3))
    fig._suptitle.set_text(fig.get_suptitle().replace("\n", " "))  # undo the wrap plots.figure made
    ax.set_xlim(0, 10)
    ax.annotate("under the axis", xy=(5, 0), xytext=(0, -8), textcoords="offset points",
                annotation_clip=False, ha="center", va="top")
    problems = plots.layout_problems(fig)
    assert any(p.startswith("figure title 'A title far too long") and p.endswith("cut off at the figure's edge")
               for p in problems)
    assert any("x tick label" in p and "annotation 'under the axis'" in p for p in problems)


def test_figure_wraps_a_title_too_long_for_its_width():
    fig, _ = plots.figure("Defence expenditure: European Allies and Canada vs the United States, 2014–2026e")
    assert "\n" in fig.get_suptitle()
    assert plots.layout_problems(fig) == []


@pytest.mark.parametrize("kind", ["line", "bars", "points", "area"])
def test_a_legend_over_data_is_reported(kind):
    fig, ax = plots.figure("Data under the legend")
    xs = np.arange(10)
    if kind == "line":
        ax.plot(xs, np.full(10, 9.5), label="flat at the top")
    elif kind == "bars":
        ax.bar(xs, [9.5] + [1] * 9, label="one big first bar")
    elif kind == "points":
        ax.scatter([0.5], [9.5], label="a point")
        ax.scatter([9], [1], label="another")
    else:
        ax.fill_between(xs, 0, 9.8, label="an area")
    ax.set_xlim(-0.5, 9.5)
    ax.set_ylim(0, 10)
    ax.legend(loc="upper left")
    problems = plots.layout_problems(fig)
    assert len(problems) == 1 and problems[0].startswith("legend [") and "covers data" in problems[0]


def test_a_legend_outside_the_axes_covers_nothing():
    fig, ax = plots.figure("Legend beside the data")
    ax.bar(np.arange(10), [9.5] * 10, label="full bars")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    assert plots.layout_problems(fig) == []


def test_place_legend_finds_a_free_corner_or_makes_room():
    fig, ax = plots.figure("Big first bar", ylabel="thousands")
    ax.bar(np.arange(11), [1350] + [1300] * 10, label="military personnel")
    plots.footnote(fig, "Source: test.")
    legend = plots.place_legend(ax, loc="upper left", headroom=True)
    assert legend is ax.get_legend()
    assert ax.get_ylim()[1] > 1400  # room made above the bars
    assert plots.layout_problems(fig) == []
    fig, ax = plots.figure("Nowhere free inside")
    ax.fill_between(np.arange(10), 0, 10, label="everywhere")
    ax.set_ylim(0, 10)
    plots.place_legend(ax)
    assert plots.layout_problems(fig) == []


def test_place_labels_keeps_close_labels_apart_and_inside_the_axes():
    fig, ax = plots.figure("Close figures")
    dates = pd.to_datetime(["2022-08-01", "2023-10-01", "2024-02-07", "2025-01-01"])
    troops = [3735, 4500, 4699, 5249]
    ax.plot(dates, troops, "o")
    ax.set_xlim(pd.Timestamp("1999-01-01"), pd.Timestamp("2026-06-01"))
    ax.set_ylim(0, 55000)
    plots.footnote(fig, "Source: test.")
    left_out = plots.place_labels(ax, [(d, t, f"{t:,}") for d, t in zip(dates, troops, strict=True)])
    assert left_out == 0
    assert sorted(t.get_text() for t in ax.texts) == ["3,735", "4,500", "4,699", "5,249"]
    assert plots.layout_problems(fig) == []


def test_show_records_the_problems_it_found(shell):
    fig, ax = plots.figure("Overprinted")
    ax.annotate("42 actions", xy=(0.5, 0.5))
    ax.annotate("32 actions", xy=(0.51, 0.5))
    with capture_output() as cap:
        plots.show(fig, "overprinted")
    assert cap.outputs[0].metadata["natolab"] == {
        "figure": "overprinted", "layout_problems": ["annotation '42 actions' overlaps annotation '32 actions'"]}


def test_rows_height_grows_by_row_from_its_base_and_never_below_its_minimum():
    assert plots.rows_height(10, 0.5) == pytest.approx(1.8 + 5.0)
    assert plots.rows_height(10, 0.5, base=1.0) == pytest.approx(6.0)
    assert plots.rows_height(0, 0.5) == 3.0
    assert plots.rows_height(1, 0.5, minimum=3.5) == 3.5
