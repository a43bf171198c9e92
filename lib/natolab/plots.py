"""House style for natolab charts and tables, with deterministic output.

Every notebook draws through this module so that charts look alike, carry their
source in a footnote drawn inside the figure, and produce byte-identical PNGs run
after run (nbval does not compare PNGs, so each chart's numbers are also shown
with :func:`table`, which nbval does compare).

Figures are plain :class:`matplotlib.figure.Figure` objects, not pyplot figures:
no global figure registry, nothing for the inline backend to display twice.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import textwrap
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# Matplotlib reports font-cache building and config-dir fallbacks through logging,
# which lands on stderr — and a line on stderr breaks an nbval comparison.
logging.getLogger("matplotlib").setLevel(logging.ERROR)

import matplotlib  # noqa: E402

if "ipykernel" not in sys.modules:
    # Outside a notebook nothing is shown on screen: render with Agg, needing no display.
    matplotlib.use("Agg")

import pandas as pd  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

__all__ = [
    "DPI",
    "PALETTE",
    "SOURCES_TABLE",
    "alt_text",
    "apply_style",
    "figure",
    "footnote",
    "hbar",
    "layout_problems",
    "mark_estimates",
    "place_labels",
    "place_legend",
    "png_bytes",
    "rows_height",
    "save",
    "say",
    "set_alt",
    "show",
    "sources_used",
    "table",
    "target_line",
]

#: Okabe & Ito (2008) colour-blind-safe palette, plus a neutral grey.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}

#: Resolution of every rendered PNG; fixed so image sizes never depend on the screen.
DPI = 110

_CYCLE = ["blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "black"]
_FOOTNOTE_SIZE = 8.0
_FOOTNOTE_COLOR = "#555555"

_RC: dict[str, Any] = {
    # DejaVu Sans ships with matplotlib: no font lookup, no "font not found" warning.
    "font.family": "DejaVu Sans",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.labelcolor": "#333333",
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#777777",
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.7,
    "lines.linewidth": 2.0,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
    "figure.facecolor": "white",
    "svg.hashsalt": "natolab",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "image.cmap": "cividis",
}

# Warnings matplotlib raises against the caller's line (``_api.warn_external``), so a
# module filter cannot catch them; they are cosmetic and would break nbval on stderr.
_COSMETIC_WARNINGS = (
    r"Glyph .* missing from",
    r"set_ticklabels\(\) should only be used with a fixed number of ticks",
    r"FixedFormatter should only be used together with FixedLocator",
    r"No artists with labels found to put in legend",
    r"Tight layout not applied",
    r"constrained_layout not applied",
    r"The figure layout has changed to tight",
)


def apply_style() -> None:
    """Set the house rcParams (fonts, light grid, no top/right spines, palette); idempotent."""
    from cycler import cycler

    matplotlib.rcParams.update(_RC)
    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=[PALETTE[c] for c in _CYCLE])
    for pattern in _COSMETIC_WARNINGS:
        warnings.filterwarnings("ignore", message=pattern, category=UserWarning)


def rows_height(rows: int, per_row: float, *, base: float = 1.8, minimum: float = 3.0) -> float:
    """Height in inches of a chart with one band per row: ``base`` (title, axis, note) plus
    ``per_row`` for each of ``rows``, never below ``minimum`` (an empty or one-row chart still reads)."""
    return max(minimum, base + per_row * rows)


def figure(
    title: str,
    *,
    subtitle: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    size: tuple[float, float] = (9, 5),
    nrows: int = 1,
    ncols: int = 1,
    sharey: bool = False,
) -> tuple[Figure, Any]:
    """A new figure in the house style: bold left-aligned title, optional grey subtitle.

    Returns ``(fig, ax)``; with ``nrows``/``ncols`` > 1, ``ax`` is a numpy array of axes
    (axis labels then go on every panel). Put units in the axis labels.
    """
    apply_style()
    fig = Figure(figsize=size, dpi=DPI, layout="constrained")
    axes = fig.subplots(nrows, ncols, sharey=sharey, squeeze=True)
    fig.suptitle(_fit(title, size[0] * 0.97, fontsize=14, fontweight="bold"), x=0.01, ha="left",
                 fontsize=14, fontweight="bold")
    panels = list(getattr(axes, "flat", [axes]))
    if subtitle:
        # Padding leaves room for labels of vertical reference lines above the axes.
        panels[0].set_title(subtitle, loc="left", fontsize=11, color="#444444", pad=16)
    for ax in panels:
        if xlabel:
            ax.set_xlabel(xlabel)
        if ylabel:
            ax.set_ylabel(ylabel)
    return fig, axes


def _fit(text: str, width_in: float, **font: Any) -> str:
    """``text`` wrapped onto as many lines as it needs to fit ``width_in`` inches in ``font``.

    Measured with matplotlib's own text metrics (no draw needed), so a long title built from
    parameters (a year span, an edition) wraps instead of running off the figure.
    """
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=_RC["font.family"], size=font.get("fontsize"), weight=font.get("fontweight"))
    renderer = RendererAgg(1, 1, 72)  # 72 dpi: widths in points
    width_pt = renderer.get_text_width_height_descent(text, prop, ismath=False)[0]
    room_pt = width_in * 72
    if width_pt <= room_pt:
        return text
    chars = max(20, int(len(text) * room_pt / width_pt))
    return "\n".join(textwrap.wrap(text, chars))


def empty_chart(fig: Figure, ax: Axes, message: str, note: str) -> Figure:
    """Finish a chart with nothing to draw (a date before anything happened): ``message`` in
    place of the data, the source note, and the message as the chart's description."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", fontsize=11, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    footnote(fig, note)
    return set_alt(fig, f"{fig.get_suptitle()}: {message}.")


def footnote(fig: Figure, text: str) -> None:
    """Draw ``text`` (the source note) small and grey at the bottom left, inside the figure.

    Long notes are wrapped to the figure width; the layout keeps room for them.
    Calling again replaces the previous footnote.
    """
    old = getattr(fig, "_natolab_footnote", None)
    if old is not None:
        old.remove()
    width_in = fig.get_figwidth()
    # DejaVu Sans averages ~0.55 em per character.
    chars = max(40, int(width_in * 72 / (_FOOTNOTE_SIZE * 0.55)) - 4)
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, chars) or [""])
    artist = fig.text(
        0.01, 0.01, "\n".join(lines), ha="left", va="bottom",
        fontsize=_FOOTNOTE_SIZE, color=_FOOTNOTE_COLOR,
    )
    fig._natolab_footnote = artist  # type: ignore[attr-defined]
    line_height = _FOOTNOTE_SIZE * 1.35 / 72 / fig.get_figheight()
    bottom = min(0.5, 0.02 + line_height * len(lines))
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0, bottom, 1, 1 - bottom))
    else:
        fig.subplots_adjust(bottom=bottom + 0.08)


def target_line(
    ax: Axes, value: float, label: str, *, orientation: str = "h", color: str | None = None,
    align: str = "center",
) -> None:
    """Draw a dashed reference line (e.g. the 2% guideline) with its label at the line's end.

    ``align`` places a vertical line's label: "center" on the line, "right" ending at it
    (the label reads leftwards), "left" starting at it.
    """
    color = color or PALETTE["vermillion"]
    style = {"color": color, "linestyle": "--", "linewidth": 1.5, "zorder": 3}
    if orientation == "h":
        ax.axhline(value, **style)
        ax.annotate(label, xy=(1, value), xycoords=("axes fraction", "data"), xytext=(-2, 3),
                    textcoords="offset points", ha="right", va="bottom", color=color, fontsize=9)
    elif orientation == "v":
        ax.axvline(value, **style)
        # Above the plotting area, so the label never sits on a bar.
        offset = {"center": 0, "right": -3, "left": 3}[align]
        ax.annotate(label, xy=(value, 1), xycoords=("data", "axes fraction"), xytext=(offset, 2),
                    textcoords="offset points", ha=align, va="bottom", color=color,
                    fontsize=9, annotation_clip=False)
    else:
        raise ValueError(f"orientation must be 'h' or 'v', not {orientation!r}")


def hbar(
    ax: Axes,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    colors: Sequence[str] | str | None = None,
    value_fmt: str | None = "{:.2f}",
    missing_label: str = "not reported",
) -> None:
    """Horizontal bars, first label at the top, each bar labelled with its value.

    Missing values (NaN) draw no bar; the label says ``missing_label`` instead, so a
    country with nothing reported (e.g. Iceland's defence expenditure) stays visible.
    """
    labels = list(labels)
    vals = pd.to_numeric(pd.Series(list(values), dtype="float64"))
    ypos = list(range(len(labels)))[::-1]
    color_arg = colors if colors is not None else PALETTE["blue"]
    ax.barh(ypos, vals.fillna(0.0), color=color_arg, height=0.7)
    ax.set_yticks(ypos, labels)
    ax.grid(axis="y", visible=False)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    if value_fmt is None:
        return
    for y, v in zip(ypos, vals, strict=True):
        text = missing_label if pd.isna(v) else value_fmt.format(v)
        ax.annotate(text, xy=(0 if pd.isna(v) else v, y), xytext=(3, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=8, color="#333333")


#: Where :func:`place_labels` tries a label, in points from its point, with the label's
#: alignment: above, below, then beside, then further off with a leader line.
LABEL_OFFSETS: tuple[tuple[float, float, str], ...] = (
    (0, 7, "center"), (0, -15, "center"), (5, 7, "left"), (-5, 7, "right"), (5, -15, "left"),
    (-5, -15, "right"), (0, 20, "center"), (0, -28, "center"), (8, 30, "left"), (-8, 30, "right"),
    (8, -38, "left"), (-8, -38, "right"),
)
_LEADER_FROM_PT = 18.0
_MARKER_PX = 5.0  # half a 7-point marker at 110 dpi


def place_labels(
    ax: Axes,
    items: Sequence[tuple[Any, float, str]],
    *,
    offsets: Sequence[tuple[float, float, str]] = LABEL_OFFSETS,
    gap_pt: float = 3.0,
    **text_kw: Any,
) -> int:
    """Label each ``(x, y, text)`` point at the first offset where the label stays inside the
    axes and overlaps no other text, legend or labelled point; returns how many found no place.

    Items are placed in the order given, so put first those that must keep their label
    (the latest figure, say). Far offsets get a thin leader line to their point. Call it
    last, after the footnote and legend: it lays the figure out once to measure the labels,
    and keeps the labels out of the layout so that measurement stays true. A label with no
    free place is left out: the chart's table has every value. ``gap_pt`` keeps neighbouring
    labels that far apart, so two labels never read as one.
    """
    fig = ax.figure
    renderer = _draw(fig)
    gap_px = gap_pt * fig.dpi / 72
    obstacles = [t.get_window_extent(renderer) for t in ax.texts if _shown_text(t)]
    obstacles += [leg.get_window_extent(renderer) for leg in _legends(fig)]
    points = ax.transData.transform([(ax.convert_xunits(x), ax.convert_yunits(y)) for x, y, _ in items]) \
        if items else []
    marks = [_marker_box(px, py) for px, py in points]
    inside = ax.bbox
    unplaced = 0
    style = {"fontsize": 8, "color": "#333333", **text_kw}
    for i, (x, y, text) in enumerate(items):
        others = obstacles + marks[:i] + marks[i + 1:]
        for dx, dy, ha in offsets:
            leader = (dx * dx + dy * dy) ** 0.5 >= _LEADER_FROM_PT
            label = ax.annotate(
                text, xy=(x, y), xytext=(dx, dy), textcoords="offset points", ha=ha,
                va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.6,
                            "shrinkA": 1, "shrinkB": 3} if leader else None,
                **style,
            )
            label.set_in_layout(False)
            box = label.get_window_extent(renderer)
            fits = (box.x0 >= inside.x0 and box.x1 <= inside.x1 and box.y0 >= inside.y0 and box.y1 <= inside.y1)
            padded = box.padded(gap_px)
            if fits and not any(_overlaps(padded, other) for other in others):
                obstacles.append(box)
                break
            label.remove()
        else:
            unplaced += 1
    return unplaced


#: Places inside the axes :func:`place_legend` tries after the caller's own, in this order.
LEGEND_LOCS = ("upper left", "upper right", "lower right", "lower left", "center right", "center left",
               "upper center", "lower center")


def place_legend(ax: Axes, *args: Any, loc: str = "upper left", headroom: bool = False, **kwargs: Any) -> Any:
    """``ax.legend(*args, **kwargs)`` where the legend covers no data and no text.

    Tries ``loc`` first, then the other corners and edges of :data:`LEGEND_LOCS`, with the
    figure laid out as it will be drawn (call it after the footnote). With ``headroom``
    (charts whose y axis may grow: bars and lines over time) it then raises the top of the
    y axis, a legend's height at a time, until an upper corner is free. If nothing is free
    the legend goes outside, to the right of the axes. Returns the legend.
    """
    fig = ax.figure

    def free(place: str, renderer: Any) -> Any:
        legend = ax.legend(*args, loc=place, **kwargs)
        box = legend.get_window_extent(renderer)
        texts = [t.get_window_extent(renderer) for t in ax.texts if _shown_text(t)]
        if _legend_over_data(fig, legend, renderer) or any(_overlaps(box, t) for t in texts):
            return None
        return legend

    renderer = _lay_out(fig)
    for place in dict.fromkeys((loc, *LEGEND_LOCS)):
        if (legend := free(place, renderer)) is not None:
            return legend
    if headroom:
        for _ in range(3):
            height = ax.get_legend().get_window_extent(renderer).height / max(ax.bbox.height, 1.0)
            bottom, top = ax.get_ylim()
            ax.set_ylim(bottom, top + (top - bottom) * (height + 0.04))
            renderer = _lay_out(fig)
            upper = [p for p in (loc, "upper left", "upper right", "upper center") if p.startswith("upper")]
            for place in dict.fromkeys(upper):
                if (legend := free(place, renderer)) is not None:
                    return legend
    return ax.legend(*args, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, **kwargs)


def _marker_box(x: float, y: float) -> Any:
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(x - _MARKER_PX, y - _MARKER_PX, x + _MARKER_PX, y + _MARKER_PX)


def png_bytes(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes, byte-identical for the same figure on the same stack."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def _ipython() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is part of the stack
        return None
    return get_ipython()


def _publish(data: dict[str, Any], metadata: dict[str, Any]) -> None:
    """Send one display output to the notebook, or print its text outside IPython."""
    if _ipython() is None:
        print(data.get("text/plain", ""))
        return
    from IPython.display import display

    display(data, raw=True, metadata=metadata)


def _close(fig: Figure) -> None:
    # Figures made by figure() are not in pyplot's registry; others' might be.
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close(fig)  # a no-op for a figure pyplot does not know


_ALT_ATTRIBUTE = "_natolab_alt"


def set_alt(fig: Figure, text: str) -> Figure:
    """Attach ``text`` to ``fig`` as its description for readers who cannot see it (``<img alt>``).

    Chart builders call this with a sentence computed from the numbers they draw (what the
    chart shows, the extremes, the count at target, the edition); ``show`` publishes it in
    the output's metadata (``{"image/png": {"alt": ...}}``) and the report export carries it
    into the HTML. Returns ``fig`` so a builder can ``return plots.set_alt(fig, ...)``.
    """
    setattr(fig, _ALT_ATTRIBUTE, " ".join(str(text).split()))
    return fig


def alt_text(fig: Figure) -> str:
    """The description attached with ``set_alt``, else one built from the figure's own titles."""
    text = getattr(fig, _ALT_ATTRIBUTE, None)
    if text:
        return text
    parts = [fig.get_suptitle()] + [ax.get_title() for ax in fig.axes]
    described = ". ".join(" ".join(p.split()) for p in parts if p and p.strip())  # a wrapped title reads as one line
    return f"Chart: {described}." if described else "Chart."


def show(fig: Figure, name: str) -> None:
    """Display ``fig`` as a deterministic PNG tagged ``{"natolab": {"figure": name}}``; close.

    The output's metadata carries the figure's description (``alt_text``) for the HTML export
    and ``layout_problems``: what :func:`layout_problems` found in the very render that made
    the PNG (an empty list for a chart that reads right).
    """
    # An Agg canvas of the figure's own, so savefig draws on it and leaves its renderer and the
    # laid-out positions behind for the layout check: one render for both.
    canvas = _agg_canvas(fig)
    png = png_bytes(fig)
    problems = layout_problems(fig, renderer=canvas.get_renderer() if fig.dpi == DPI else None)
    title = " ".join(fig.get_suptitle().split()) or name  # a wrapped title on one line
    width, height = (round(d * DPI) for d in fig.get_size_inches())
    _publish(
        {"image/png": png, "text/plain": f"[figure {name}: {title}]"},
        {"image/png": {"width": width, "height": height, "alt": alt_text(fig)},
         "natolab": {"figure": name, "layout_problems": problems}},
    )
    _close(fig)


# -- layout check ---------------------------------------------------------------------------

#: Two boxes closer than this (pixels) in both directions do not count as overlapping:
#: glyph boxes carry a little internal leading, so neighbours that merely touch are fine.
_TOUCH_PX = 1.0


def layout_problems(fig: Figure, *, renderer: Any = None) -> list[str]:
    """What a reader cannot read in ``fig``, from matplotlib's window extents after a draw.

    Reports, one sentence each: (a) text artists that overlap each other — figure title,
    footnote, axes titles, axis labels, tick labels, annotations and texts, each legend
    taken as one box (its entries are laid out by the legend itself); (b) a legend whose
    box covers plotted data inside an axes — line segments and markers, bar and other data
    patches, polygons and points of collections (a shaded span behind the data is not data);
    (c) text cut off at the figure's edge. ``renderer``: the renderer of a draw just made
    (``show`` passes the one that rendered the PNG); without it the figure is drawn here.
    An empty list means the chart reads right.
    """
    if renderer is None:
        renderer = _draw(fig)
    boxes = _text_boxes(fig, renderer)
    legends = _legends(fig)
    for legend in legends:
        texts = [t.get_text() for t in legend.get_texts()][:3]
        boxes.append((f"legend {texts}", legend.get_window_extent(renderer)))
    problems = []
    # Every pair is checked. No pair is excused: a text's own background box (bbox=) is a
    # patch, not a text, so it never meets its text here; a legend's entries and title are
    # laid out by the legend inside its box, which stands in for them, so they are not
    # paired with each other or with the legend.
    for i, (name_a, box_a) in enumerate(boxes):
        for name_b, box_b in boxes[i + 1:]:
            if _overlaps(box_a, box_b):
                problems.append(f"{name_a} overlaps {name_b}")
    for legend in legends:
        problems.extend(_legend_over_data(fig, legend, renderer))
    page = fig.bbox
    for name, box in boxes:
        if (box.x0 < page.x0 - _TOUCH_PX or box.y0 < page.y0 - _TOUCH_PX
                or box.x1 > page.x1 + _TOUCH_PX or box.y1 > page.y1 + _TOUCH_PX):
            problems.append(f"{name} is cut off at the figure's edge")
    return problems


def _draw(fig: Figure) -> Any:
    """Lay ``fig`` out as a draw would (layout engine, text positions) without rasterising it;
    return an Agg renderer of the figure's size and resolution, for measuring extents."""
    canvas = _agg_canvas(fig)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        fig.draw_without_rendering()
    return canvas.get_renderer()


def _agg_canvas(fig: Figure) -> Any:
    """``fig``'s Agg canvas, attached if it has another (or none): what renders and measures it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    return fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)


def _lay_out(fig: Figure) -> Any:
    """Place ``fig``'s axes as a draw would (layout engine, then each axes' aspect and locator)
    without drawing any artist; return an Agg renderer for measuring extents.

    Enough for :func:`place_legend`, which measures legend boxes, texts and data in display
    space: a full draw costs about twice as much (every artist, every tick label), and the
    legend is drawn for real with the PNG. Checked on every chart of every report job: the
    same legend places and the same PNG bytes as with a full draw.
    """
    canvas = _agg_canvas(fig)
    renderer = canvas.get_renderer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        engine = fig.get_layout_engine()
        if engine is not None:
            engine.execute(fig)
        for ax in _all_axes(fig):
            locator = ax.get_axes_locator()
            ax.apply_aspect(locator(ax, renderer) if locator else None)
    return renderer


def _shown_text(artist: Any) -> bool:
    return bool(artist is not None and artist.get_visible() and str(artist.get_text()).strip()
                and (artist.get_alpha() is None or artist.get_alpha() > 0))


def _short(text: str) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= 40 else flat[:37] + "..."


def _all_axes(fig: Figure) -> list[Axes]:
    """Every axes of ``fig``, inset axes (children of an axes) included."""
    out: list[Axes] = []
    for ax in fig.axes:
        out.append(ax)
        out.extend(a for a in getattr(ax, "child_axes", []) if a not in out)
    return out


def _text_boxes(fig: Figure, renderer: Any) -> list[tuple[str, Any]]:
    """(description, window extent) of every visible, non-empty text outside legends."""
    found: list[tuple[str, Any]] = []
    suptitle = getattr(fig, "_suptitle", None)
    footnote_artist = getattr(fig, "_natolab_footnote", None)
    for text in fig.texts:  # the suptitle is one of them
        kind = "footnote" if text is footnote_artist else "figure title" if text is suptitle else "figure text"
        found.append((kind, text))
    for ax in _all_axes(fig):
        if not ax.get_visible():
            continue
        for kind, text in (("title", ax.title), ("subtitle", getattr(ax, "_left_title", None)),
                           ("right title", getattr(ax, "_right_title", None)),
                           ("x-axis label", ax.xaxis.label), ("y-axis label", ax.yaxis.label),
                           ("x offset", ax.xaxis.offsetText), ("y offset", ax.yaxis.offsetText)):
            found.append((kind, text))
        found.extend(("annotation" if hasattr(t, "xyann") else "text", t) for t in ax.texts)
        for axis_name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if not axis.get_visible():
                continue
            # The ticks matplotlib draws (inside the view limits), as Axis.draw picks them.
            for tick in axis._update_ticks():
                found.extend((f"{axis_name} tick label", label) for label in (tick.label1, tick.label2))
    boxes = []
    for kind, text in found:
        if _shown_text(text):
            boxes.append((f"{kind} {_short(text.get_text())!r}", text.get_window_extent(renderer)))
    return boxes


def _legends(fig: Figure) -> list[Any]:
    legends = [ax.get_legend() for ax in _all_axes(fig)] + list(fig.legends)
    return [leg for leg in legends if leg is not None and leg.get_visible()]


def _overlaps(a: Any, b: Any) -> bool:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width > _TOUCH_PX and height > _TOUCH_PX


def _legend_over_data(fig: Figure, legend: Any, renderer: Any) -> list[str]:
    """One sentence per axes and kind of data that ``legend``'s box covers."""
    from matplotlib.transforms import Bbox

    box = legend.get_window_extent(renderer)
    names = [t.get_text() for t in legend.get_texts()][:3]
    problems = []
    for ax in _all_axes(fig):
        inside = Bbox.intersection(box, ax.bbox)
        if inside is None or inside.width <= 2 * _TOUCH_PX or inside.height <= 2 * _TOUCH_PX:
            continue
        # Shrunk by the touch margin: data that only grazes the legend's edge is readable.
        region = Bbox.from_extents(inside.x0 + _TOUCH_PX, inside.y0 + _TOUCH_PX,
                                   inside.x1 - _TOUCH_PX, inside.y1 - _TOUCH_PX)
        covered: dict[str, int] = {}
        for kind, hit in _data_hits(ax, region):
            if hit:
                covered[kind] = covered.get(kind, 0) + 1
        for kind, n in covered.items():
            problems.append(f"legend {names} covers data: {n} {kind}")
    return problems


def _data_hits(ax: Axes, region: Any) -> Any:
    """(kind of data, whether it reaches into ``region``) for each data artist of ``ax``."""
    for line in ax.lines:
        if line.get_visible():
            yield "line(s)" if _line_drawn(line) else "marker(s)", _line_hits(line, region)
    for patch in ax.patches:
        # Spans (axvspan: data x, axes y) shade a period behind the data; they are not data.
        if patch.get_visible() and all(patch.get_transform().contains_branch_seperately(ax.transData)):
            extent = patch.get_window_extent()
            if extent.width < 0.5 or extent.height < 0.5:  # a zero bar (a missing value) draws nothing
                continue
            path = patch.get_transform().transform_path(patch.get_path())
            yield "bar(s) or patch(es)", path.intersects_bbox(region, filled=bool(patch.get_fill()))
    for collection in ax.collections:
        if collection.get_visible():
            yield "area(s) or point(s)", _collection_hits(collection, region)


def _line_drawn(line: Any) -> bool:
    return str(line.get_linestyle()) not in ("None", "none", "", " ")


def _line_hits(line: Any, region: Any) -> bool:
    import numpy as np
    from matplotlib import cbook
    from matplotlib.path import Path

    xy = np.asarray(line.get_xydata(), dtype=float)
    if not len(xy):
        return False
    marked = str(line.get_marker()) not in ("None", "none", "", " ")
    points = line.get_transform().transform(xy)
    if marked and any(region.contains(x, y) for x, y in points if np.isfinite(x) and np.isfinite(y)):
        return True
    if not _line_drawn(line):
        return False
    style = line.get_drawstyle() or "default"
    if style != "default":
        steps = cbook.STEP_LOOKUP_MAP[style](xy[:, 0], xy[:, 1])
        xy = np.column_stack(steps)
    points = line.get_transform().transform(xy)
    finite = np.isfinite(points).all(axis=1)
    # A gap (NaN) breaks the line: test each unbroken run on its own.
    runs = np.split(points, np.flatnonzero(~finite))
    for run in runs:
        run = run[np.isfinite(run).all(axis=1)]
        if len(run) >= 2 and Path(run).intersects_bbox(region, filled=False):
            return True
    return False


def _collection_hits(collection: Any, region: Any) -> bool:
    import numpy as np

    offsets = np.asarray(collection.get_offsets(), dtype=float)
    paths = collection.get_paths()
    transform = collection.get_transform()
    if len(offsets) and not (len(offsets) == 1 and not offsets.any()):
        # Points (scatter): a marker's centre in the legend's box hides it.
        points = collection.get_offset_transform().transform(offsets)
        return any(region.contains(x, y) for x, y in points if np.isfinite(x) and np.isfinite(y))
    filled = len(collection.get_facecolor()) > 0 and any(c[3] > 0 for c in collection.get_facecolor())
    return any(transform.transform_path(path).intersects_bbox(region, filled=filled) for path in paths)


def save(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` to ``path`` (format from the suffix: png, svg, pdf), no volatile metadata."""
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    metadata: dict[str, Any] = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    }.get(fmt, {})
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        fig.savefig(path, format=fmt or None, dpi=DPI, metadata=metadata)
    return path


def _formatters(df: pd.DataFrame, floatfmt: int | Mapping[str, int]) -> dict[str, Any]:
    formatters: dict[str, Any] = {}
    for col in df.columns:
        digits = floatfmt.get(col, 2) if isinstance(floatfmt, Mapping) else floatfmt
        if pd.api.types.is_float_dtype(df[col]):
            formatters[col] = lambda v, d=digits: "n/a" if pd.isna(v) else f"{v:,.{d}f}"
        elif df[col].dtype == object and df[col].map(_is_number).any():
            # A column mixing counts and shares (a key-figures table): whole numbers as
            # such, floats with the column's decimals, so "1.4" never sits beside "2.53".
            formatters[col] = lambda v, d=digits: _mixed(v, d)
    return formatters


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _mixed(value: object, digits: int) -> str:
    if not _is_number(value):
        return "n/a" if value is None or value is pd.NA else str(value)
    if isinstance(value, float):
        return "n/a" if pd.isna(value) else f"{value:,.{digits}f}"
    return f"{value:,}"


#: A code of the data ("joint_declaration", "first_2016"): lower case, words joined by "_".
_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
#: Columns of names a reader looks up as written (a dataset's CSV file and data page).
_NAME_COLUMNS = frozenset({"Dataset", "dataset", "resource"})


def _words_of_code(value: object) -> object:
    """ "joint_declaration" → "joint declaration"; anything that is not such a code unchanged."""
    return value.replace("_", " ") if isinstance(value, str) and _CODE.fullmatch(value) else value


def _shown(df: pd.DataFrame) -> pd.DataFrame:
    """What a reader sees: nullable integers as plain objects (a gap prints "n/a", not
    "<NA>"), true/false as Yes/No, codes of the data in words ("not found", not "not_found")."""
    shown = df.copy()
    for col in shown.columns:
        dtype = shown[col].dtype
        if col in _NAME_COLUMNS:
            continue
        if pd.api.types.is_object_dtype(dtype) or isinstance(dtype, (pd.CategoricalDtype, pd.StringDtype)):
            values = shown[col].astype(object)
            shown[col] = pd.Series([_words_of_code(v) for v in values], index=values.index, dtype=object)
        elif pd.api.types.is_bool_dtype(dtype):
            words = shown[col].map({True: "Yes", False: "No"})
            shown[col] = words.astype(object).where(shown[col].notna(), "n/a")
        elif isinstance(dtype, pd.api.extensions.ExtensionDtype) and pd.api.types.is_integer_dtype(dtype):
            shown[col] = shown[col].astype(object).where(shown[col].notna(), "n/a")
    return shown


#: Unit suffixes of column names (the project's convention) and how a header says them.
_UNITS = (
    ("_pct_points", " (points)"), ("_pp", " (points)"), ("_pct", " (%)"),
    ("_usd_current_m", " (US$ million, current prices)"), ("_usd_constant", " (US$, constant prices)"),
    ("_usd_current", " (US$, current prices)"), ("_natcur_current_m", " (national currency, million)"),
    ("_m", " (million)"), ("_k", " (thousand)"),
    # A date as its source writes it ("2022-11", "2018"): the reader sees a date, not a "label".
    ("_label", ""),
)
_WORDS = {"gdp": "GDP", "nato": "NATO", "eu": "EU", "us": "US", "iso3": "ISO3", "usd": "US$", "e": "e", "dcb": "DCB"}


def header(column: object) -> str:
    """A table header a reader can take in, from a column name of the data.

    ``share_of_gdp_pct`` → "Share of GDP (%)", ``gap_usd_current_m`` → "Gap (US$ million,
    current prices)", ``meets_3_5pct`` → "Meets 3.5%", ``n_reported`` → "Reported (count)",
    ``start_label`` → "Start".
    Names that are not snake_case (edition codes "2024-06", year labels "2026e") are kept.
    """
    name = str(column)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        return name
    unit = ""
    for suffix, words in _UNITS:
        if name.endswith(suffix) and len(name) > len(suffix):
            name, unit = name[: -len(suffix)], words
            break
    count = name.startswith("n_")
    if count:
        name = name[2:]
    name = re.sub(r"(\d+)_(\d+)pct", r"\1.\2%", name)
    name = re.sub(r"(\d+)pct", r"\1%", name)
    words = [_WORDS.get(word, word) for word in name.split("_")]
    text = " ".join(words)
    text = text[:1].upper() + text[1:]
    return f"{text}{' (count)' if count else ''}{unit}"


#: Tables longer than this are folded (``<details>``) in HTML; short ones are shown open.
FOLD_ROWS = 12


def table(
    df: pd.DataFrame,
    name: str,
    *,
    caption: str | None = None,
    index: bool = False,
    floatfmt: int | Mapping[str, int] = 2,
) -> None:
    """Display ``df`` as one output with text/plain, text/html and text/csv.

    ``floatfmt`` is the number of decimals for float columns (one int, or per column);
    missing values read "n/a". The CSV keeps more precision (6 decimals) for re-use; the
    report runner extracts it by the output metadata ``{"natolab": {"table": name}}``.
    """
    _publish(_table_data(df, caption=caption, index=index, floatfmt=floatfmt), {"natolab": {"table": name}})


def _table_data(
    df: pd.DataFrame, *, caption: str | None, index: bool, floatfmt: int | Mapping[str, int]
) -> dict[str, str]:
    """The text/plain, text/html and text/csv representations :func:`table` publishes."""
    # Readers get headers in words and Yes/No; the CSV keeps the data's own column names.
    formatters = {header(col): fmt for col, fmt in _formatters(df, floatfmt).items()}
    if df.empty:
        # pandas would print "Empty DataFrame ... Index: []", which reads like a bug.
        plain, html = "(none)", "<p><em>(none)</em></p>"
    else:
        shown = _shown(df).rename(columns=header)
        plain = shown.to_string(index=index, formatters=formatters, na_rep="n/a")
        html = shown.to_html(index=index, formatters=formatters, na_rep="n/a", border=0,
                          classes="natolab-table", escape=True)
    if caption:
        plain = f"{caption}\n\n{plain}"
    if len(df) > FOLD_ROWS:
        # A long table folds under its caption: the report reads as a briefing, the rows are
        # one click away, and printing keeps it folded (the CSV has every row anyway).
        summary = _escape(caption) if caption else "Table"
        html = (f"<details class=\"natolab-fold\"><summary><strong>{summary}</strong> "
                f"({len(df)} rows, click to show)</summary>\n{html}\n</details>")
    elif caption:
        html = f"<p><strong>{_escape(caption)}</strong></p>\n{html}"
    floats = [c for c in df.columns if pd.api.types.is_float_dtype(df[c])]
    csv = df.round(dict.fromkeys(floats, 6)).to_csv(index=index, lineterminator="\n")
    return {"text/plain": plain, "text/html": html, "text/csv": csv}


#: Name of the table :func:`sources_used` publishes (its CSV download is ``data-used.csv``).
SOURCES_TABLE = "data-used"


def sources_used(title: str = "Data used in this report", *, data_dir: str | Path | None = None) -> None:
    """Show, as a report's last output, the datasets and editions the report used.

    One row per resource recorded in :mod:`natolab.provenance` (loaded, or credited in a
    chart's source note), with its editions in words ("Defence Expenditure of NATO
    Countries (2014-2024), June 2024"). The output also carries
    ``{"natolab": {"data_editions": {resource: [editions]}}}`` in its metadata: the report
    runner takes the manifest's and index's editions from the last such output, so a
    report lists the editions it drew, not every edition its data files hold.
    """
    from natolab import data, provenance  # late: plots must not import the data layer up front

    used = provenance.used()
    rows = []
    for resource_name, editions in used.items():
        words = []
        for edition in editions:
            try:
                words.append(data.edition_in_words(resource_name, edition, data_dir=data_dir))
            except ValueError:  # recorded by hand under a name the catalogue does not know
                words.append(edition)
        rows.append({"Dataset": resource_name, "Edition(s)": "; ".join(words) or "no edition"})
    frame = pd.DataFrame(rows, columns=["Dataset", "Edition(s)"])
    _publish(
        _table_data(frame, caption=title, index=False, floatfmt=2),
        {"natolab": {"table": SOURCES_TABLE, "data_editions": used}},
    )


def mark_estimates(df: pd.DataFrame, year: str = "year", estimate: str = "estimate") -> pd.DataFrame:
    """A copy for display with "2026e" in ``year`` where ``estimate`` is true, the flag column dropped.

    Tables then carry NATO's estimate marker beside the year, as charts and titles do.
    """
    if estimate not in df.columns or year not in df.columns:
        return df
    flags = df[estimate].fillna(False).astype(bool)
    out = df.drop(columns=estimate).copy()
    out[year] = [f"{int(y)}e" if flag else str(int(y)) for y, flag in zip(df[year], flags, strict=True)]
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def say(markdown_text: str) -> None:
    """Display a sentence computed from data, rendered as Markdown.

    Dollar signs are escaped: two "US$" in one paragraph would otherwise open a
    LaTeX math span in JupyterLab and nbconvert, which swallows the bold markup
    and sets the words between them in italics.
    """
    markdown = re.sub(r"(?<!\\)\$", r"\\$", markdown_text)
    _publish({"text/markdown": markdown, "text/plain": markdown_text}, {})


apply_style()
