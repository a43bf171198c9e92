"""Chart descriptions in words, from the numbers a chart draws: the alt text of every chart.

A reader who cannot see a chart gets what it shows, its extremes, how many are at or
above each target line and what is missing; the builders store the text with
``plots.set_alt`` and the report export carries it into ``<img alt>``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["description_head", "paired_description", "ranked_description", "series_description"]


def description_head(kind: str, title: str, subtitle: str | None, unit: str) -> str:
    """"Bar chart: <title> (<subtitle>); <unit>." — how every generated chart description starts."""
    return f"{kind}: {title}" + (f" ({subtitle})" if subtitle else "") + f"; {unit}."

def ranked_description(labels: pd.Series, values: pd.Series, title: str, subtitle: str | None, xlabel: str,
                        lines: Mapping[str, float], value_fmt: str, missing_label: str) -> str:
    """What a ranked bar chart shows, in words from its numbers: for readers who cannot see it."""
    text = description_head("Bar chart", title, subtitle, xlabel)
    shown = values.notna()
    if not shown.any():
        return f"{text} No values."
    ranked = pd.DataFrame({"label": labels[shown], "value": values[shown]}).sort_values("value", ascending=False)
    high, low = ranked.iloc[0], ranked.iloc[-1]
    bars = "1 bar" if len(ranked) == 1 else f"{len(ranked)} bars"
    text += (f" {bars}; highest {high['label']} ({value_fmt.format(high['value'])}), "
             f"lowest {low['label']} ({value_fmt.format(low['value'])}).")
    for name, level in lines.items():
        text += f" {int((ranked['value'] >= level).sum())} of {len(ranked)} at or above {name}."
    missing = labels[~shown].tolist()
    if missing:
        text += f" {', '.join(missing)}: {missing_label}."
    return text

def series_description(kind: str, frame: pd.DataFrame, x: str, series: Mapping[str, str], title: str,
                        subtitle: str | None, unit: str, estimates: list[bool]) -> str:
    """What a chart of series over ``x`` shows, in words from its numbers: first, last and
    highest value of each series, and whether estimates are among them."""
    text = description_head(kind, title, subtitle, unit)
    for col, label in series.items():
        values = pd.DataFrame({"x": frame[x].astype(str), "v": pd.to_numeric(frame[col], errors="coerce")}).dropna()
        if values.empty:
            text += f" {label}: no values."
            continue
        first, last, top = values.iloc[0], values.iloc[-1], values.loc[values["v"].idxmax()]
        fmt = "{:,.0f}" if (values["v"] % 1 == 0).all() else "{:,.2f}"  # counts whole, shares as charted
        text += (f" {label}: {fmt.format(first['v'])} in {first['x']}, {fmt.format(last['v'])} in {last['x']}, "
                 f"highest {fmt.format(top['v'])} in {top['x']}.")
    if any(estimates):
        text += " Points or bars marked e are NATO estimates."
    return text

def paired_description(frame: pd.DataFrame, label: str, pair: Mapping[str, str], title: str,
                        subtitle: str | None, xlabel: str, lines: Mapping[str, float], value_fmt: str) -> str:
    """What a paired bar chart shows, in words from its numbers: per measure, the highest and
    lowest row and how many rows are at or above each reference line."""
    text = description_head("Paired bar chart", title, subtitle, xlabel) + f" {len(frame)} rows, two bars each."
    labels = frame[label].astype(str)
    for col, name in list(pair.items())[:2]:
        values = pd.to_numeric(frame[col], errors="coerce").astype("float64")
        shown = values.notna()
        if not shown.any():
            text += f" {name}: no values."
            continue
        ranked = pd.DataFrame({"label": labels[shown], "value": values[shown]}).sort_values("value", ascending=False)
        high, low = ranked.iloc[0], ranked.iloc[-1]
        text += (f" {name}: highest {high['label']} ({value_fmt.format(high['value'])}), "
                 f"lowest {low['label']} ({value_fmt.format(low['value'])})")
        for line_name, level in lines.items():
            text += f"; {int((ranked['value'] >= level).sum())} of {len(ranked)} at or above {line_name}"
        missing = int((~shown).sum())
        text += (f"; {missing} not reported." if missing else ".")
    return text
