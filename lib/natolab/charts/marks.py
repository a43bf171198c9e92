"""Marks the bar and line charts share: estimate hatching, labelled target lines, legends off the data."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from natolab import plots

__all__ = ["ESTIMATE_HATCH", "ESTIMATE_LABEL", "LINE_COLORS", "SHADE", "estimate_flags", "legend", "mark_estimates",
           "reference_lines"]


LINE_COLORS = ["vermillion", "reddish_purple", "black"]

#: Background of a shaded period (before accession, the Cold War): behind the data, not data.
SHADE = "#E6E6E6"

ESTIMATE_HATCH = "////"

ESTIMATE_LABEL = "e = NATO estimate (hatched)"

def estimate_flags(frame: pd.DataFrame, column: str | None = "estimate") -> list[bool]:
    """Per row: does NATO mark the value as an estimate? (False where the column is absent)."""
    if column is None or column not in frame.columns:
        return [False] * len(frame)
    return [bool(v) if pd.notna(v) else False for v in frame[column]]

def mark_estimates(patches: list, flags: list[bool], *, label: str = ESTIMATE_LABEL) -> list:
    """Hatch the bars of estimated values; returns the legend entry saying so ([] if none)."""
    from matplotlib.patches import Patch

    hatched = False
    for patch, flag in zip(patches, flags, strict=False):
        if flag:
            patch.set_hatch(ESTIMATE_HATCH)
            patch.set_edgecolor("white")
            hatched = True
    if not hatched:
        return []
    return [Patch(facecolor="#BBBBBB", edgecolor="white", hatch=ESTIMATE_HATCH, label=label)]

def legend(ax, extra: list | None = None, *, loc: str, fontsize: float | None = None,
            headroom: bool = False) -> None:
    """The axes' legend (its labelled artists and ``extra`` entries) where it covers no data.

    Call after the footnote: the free place is found on the figure as it will be laid out.
    ``headroom``: the y axis may grow to make room above the data (see ``plots.place_legend``).
    """
    handles, labels = ax.get_legend_handles_labels()
    handles += list(extra or [])
    labels += [h.get_label() for h in extra or []]
    if not handles:
        return
    kwargs = {"fontsize": fontsize} if fontsize else {}
    plots.place_legend(ax, handles, labels, loc=loc, headroom=headroom, **kwargs)

def reference_lines(ax, lines: Mapping[str, float], orientation: str = "h") -> None:
    """Labelled target lines (e.g. "2% guideline"), each in the next colour of LINE_COLORS.

    With several vertical lines, the lowest label ends at its line and the highest starts
    at its line, so labels of neighbouring targets (2% and 3.5%) never print over each other.
    """
    ranked = sorted(lines.values())
    for i, (name, value) in enumerate(lines.items()):
        align = "center"
        if orientation == "v" and len(ranked) > 1:
            align = "right" if value == ranked[0] else "left" if value == ranked[-1] else "center"
        plots.target_line(ax, value, name, orientation=orientation, align=align,
                          color=plots.PALETTE[LINE_COLORS[i % len(LINE_COLORS)]])
