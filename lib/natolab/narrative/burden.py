"""Sentences of the burden-sharing report's opening: key figures, the two definitions, The Hague.

Each function takes the frames of :mod:`natolab.metrics.burden` (resources such as
``targets`` and ``editions`` come from one keyword-only ``data``) and returns Markdown.
Every count names its denominator ("30 of the 31 Allies with a figure"), every figure
its year ("2026e" for NATO estimates) and edition.
"""

from __future__ import annotations

import re

import pandas as pd

from natolab import editions as edition_catalogue
from natolab.labels import plural
from natolab.metrics.frames import Frames
from natolab.narrative._words import count_phrase, not_counting_unpriced

__all__ = [
    "count_phrase",
    "definitions_sentence",
    "edition_line",
    "hague_commitment_sentence",
    "hague_path_sentence",
    "key_figures_markdown",
    "key_figures_table",
    "no_complete_edition",
    "related_spending_sentence",
]


def edition_line(edition: str, *, data: Frames | None = None) -> str:
    """"NATO, *Defence Investment of NATO Countries (2014-2026)*, edition of July 2026 — core defence expenditure"."""
    info = edition_catalogue.describe(edition, data=data)
    return f"NATO, *{info.title}*, {info.label} — {info.definition_short}"


def _fig(table: pd.DataFrame, figure: str, year: int) -> pd.Series | None:
    rows = table.loc[(table["figure"] == figure) & (table["year"] == int(year))]
    return None if rows.empty else rows.iloc[0]


def _money(value: float) -> str:
    return f"US$ {value:,.0f} billion"


def key_figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The key figures as a reader's table: one row per figure, one column per year.

    Counts and US$ billions are whole numbers, shares of GDP have two decimals, so a
    count never reads "30.00". Each count is followed by its denominators ("Allies with
    a figure", "Allies"), so the table says what "30" is out of. Years keep their
    estimate marker ("2026e") as column names, the report's year first.
    """
    labels = list(dict.fromkeys(figures["year_label"]))
    rows: dict[str, dict[str, object]] = {
        "Allies in that year": {"unit": "Allies"}, "Allies with a figure": {"unit": "Allies"}}
    for _, row in figures.iterrows():
        when, unit = row["year_label"], str(row["unit"])
        values = rows.setdefault(str(row["figure"]), {"unit": unit})
        if unit == "Allies":
            values[when] = _whole(row["value"])
            rows["Allies with a figure"][when] = _whole(row["n_reported"])
            rows["Allies in that year"][when] = _whole(row["n_allies"])
        elif unit.startswith("US$"):
            values[when] = _whole(row["value"])
        else:
            values[when] = float("nan") if pd.isna(row["value"]) else round(float(row["value"]), 2)
    records = [{"figure": name, **{label: values.get(label, float("nan")) for label in labels},
                "unit": values["unit"]} for name, values in rows.items() if len(values) > 1]
    return pd.DataFrame(records, columns=["figure", *labels, "unit"], dtype=object)


def _whole(value: object) -> int | float:
    return float("nan") if value is None or pd.isna(value) else round(float(value))


def key_figures_markdown(
    figures: pd.DataFrame,
    target_pct: float,
    core_target_pct: float,
    core_target_year: int,
    previous: dict[str, object] | None = None,
    *,
    data: Frames | None = None,
) -> str:
    """The "Key figures" block from :func:`natolab.metrics.key_figures` as a Markdown list.

    ``previous`` is :func:`natolab.metrics.previous_edition_count` (None: no earlier
    edition shares a year). The 2014 comparison is given only when the table has 2014
    and the report's year is not 2014 itself.
    """
    data = data or Frames()
    year = int(figures["year"].iloc[0])
    edition = str(figures["edition"].iloc[0])
    label = str(figures["year_label"].iloc[0])
    base = 2014 if (figures["year"] == 2014).any() and year != 2014 else None
    lines = [f"**Key figures, {label}** ({edition_line(edition, data=data)}"
             + ("; *e* = NATO estimate" if label.endswith("e") else "") + ")", ""]

    for threshold, what in ((target_pct, f"at or above {target_pct:g}% of GDP"),
                            (core_target_pct, f"at or above {core_target_pct:g}% of GDP, the core "
                                              f"level agreed at The Hague for {core_target_year}")):
        row = _fig(figures, f"Allies at or above {threshold:g}% of GDP", year)
        if row is None:
            continue
        text = (f"- {label}: **{count_phrase(int(row['value']), int(row['n_reported']), int(row['n_allies']))}**"
                f" {what}")
        then = _fig(figures, f"Allies at or above {threshold:g}% of GDP", base) if base else None
        if then is not None and int(then["n_reported"]):
            text += (f"; {base}: {count_phrase(int(then['value']), int(then['n_reported']), int(then['n_allies']))}"
                     " in this edition")
        lines.append(text + ".")
    for name in ("NATO total", "European Allies and Canada"):
        share = _fig(figures, f"{name}, share of GDP", year)
        money = _fig(figures, f"{name}, defence expenditure", year)
        if share is None or pd.isna(share["value"]):
            lines.append(f"- {name}, {label}: no figure in this edition.")
            continue
        text = f"- {name}, {label}: **{share['value']:.2f}% of GDP**"
        if money is not None and pd.notna(money["value"]):
            text += f", {_money(money['value'])} (current prices)"
        then_share = _fig(figures, f"{name}, share of GDP", base) if base else None
        then_money = _fig(figures, f"{name}, defence expenditure", base) if base else None
        if then_share is not None and pd.notna(then_share["value"]):
            text += f"; {then_share['value']:.2f}%"
            if then_money is not None and pd.notna(then_money["value"]):
                text += f" and {_money(then_money['value'])}"
            text += f" in {base}"
        lines.append(text + ".")
    if previous:
        prev = edition_catalogue.describe(str(previous["previous"]), data=data)
        this = edition_catalogue.describe(edition, data=data)
        edition_catalogue.cite(prev.edition)
        n_allies = int(previous["n_allies"])
        then = count_phrase(int(previous["n_at_target_previous"]),
                            int(previous["n_reported_previous"]), n_allies)
        now = count_phrase(int(previous["n_at_target"]), int(previous["n_reported"]), n_allies)
        text = (f"- Since the previous edition ({prev.label}, {prev.definition_short}): for "
                f"{previous['year_label_previous']} it counted {then} at or above "
                f"{target_pct:g}%; this edition counts {now} for {previous['year_label']}")
        if prev.core != this.core:
            text += " — a change of definition as well as of estimates (see *Two definitions*)"
        lines.append(text + ".")
    else:
        lines.append("- No earlier edition in the data reports the same years, so there is no "
                     "comparison with a previous edition.")
    return "\n".join(lines)


def definitions_sentence(counts: pd.DataFrame, comparison: pd.DataFrame, threshold: float = 2.0,
                         *, data: Frames | None = None) -> str:
    """What changed from NATO's earlier definition to core, with the counts at ``threshold``.

    ``comparison`` is :func:`natolab.metrics.definition_comparison`, ``counts`` its
    :func:`natolab.metrics.definition_counts`. Only years where both editions report at
    least half of the Allies are summed up in words; the table shows every year.
    """
    if comparison.empty:
        return "No two editions with different definitions report the same year."
    data = data or Frames()
    old = edition_catalogue.describe(str(comparison["old_edition"].iloc[0]), data=data)
    new = edition_catalogue.describe(str(comparison["new_edition"].iloc[0]), data=data)
    text = (f"The {new.label} reports **core defence expenditure**, the measure of The Hague "
            f"commitment, for every year from {new.years[0]}; the {old.label} and all earlier "
            f"editions used NATO's earlier definition. NATO's {new.month} tables restate the whole "
            f"series; none of the sources behind the data says what core leaves out compared with "
            f"the earlier definition, so the chart and table below show the difference Ally by "
            f"Ally rather than explain it.")
    wide = counts.loc[counts["n_both"] * 2 >= counts["n_reported_new"].clip(lower=1)]
    for _, row in wide.iterrows():
        n_both = int(row["n_both"])
        diff = comparison.loc[(comparison["year"] == row["year"]) & comparison["difference_pp"].notna()]
        lower = int((diff["difference_pp"] < 0).sum())
        higher = int((diff["difference_pp"] > 0).sum())
        text += (f" For {row['year_label_new']}, of the {n_both} Allies with a figure in both, "
                 f"{int(row['n_at_target_old'])} were at or above {threshold:g}% of GDP on the earlier "
                 f"definition ({old.label}) and {int(row['n_at_target_new'])} on core ({new.label}); "
                 f"core is lower for {lower} and higher for {higher} of them.")
    return text


def hague_commitment_sentence(*, data: Frames | None = None) -> str:
    """The Hague 2025 commitment in full, from the ``targets`` data (total, core, related, review)."""
    table = (data or Frames())["targets"]
    rows = {str(r["target_id"]): r for _, r in table.iterrows()}
    total, core, related = (rows.get(k) for k in ("hague_total_5pct", "hague_core_3_5pct",
                                                   "hague_related_1_5pct"))
    if total is None or core is None or related is None:
        return "The data holds no record of The Hague 2025 commitment."
    agreed = pd.Timestamp(total["agreed_date"])
    areas = re.search(r"\(([^)]*)\)", str(related["description"]))
    text = (f"At **{total['summit']}** ({agreed.day} {agreed:%B %Y}) the Allies committed to invest "
            f"**{total['threshold_pct']:g}% of GDP a year by {int(total['target_year'])}**: at least "
            f"**{core['threshold_pct']:g}%** on core defence requirements — defence expenditure on "
            f"NATO's agreed definition, the measure of NATO's tables — and up to "
            f"**{related['threshold_pct']:g}%** on defence- and security-related spending"
            + (f" ({areas.group(1)})" if areas else "")
            + f". Each Ally submits annual plans showing a credible, incremental path, and progress "
            f"is reviewed in {int(core['review_year'])}.")
    flags = sorted({str(r["flags"]) for r in (total, core, related) if isinstance(r["flags"], str)})
    if flags:
        text += " Noted in the data: " + "; ".join(f.rstrip(".") for f in flags) + "."
    return text


def hague_path_sentence(path: pd.DataFrame) -> str:
    """How many Allies must rise, by how much a year and in US$, to reach the path's target."""
    if path.empty:
        return "No Ally has a figure for the path's base year."
    base, target_year = int(path["base_year"].iloc[0]), int(path["target_year"].iloc[0])
    target = float(path["target_pct"].iloc[0])
    values = path.dropna(subset=["required_pp_per_year"])
    need = values.loc[values["required_pp_per_year"] > 0]
    label = str(path["year_label"].iloc[0]) if "year_label" in path.columns else str(base)
    missing = len(path) - len(values)
    denominator = f"the {len(values)} Allies with a {label} figure" + (
        f" ({missing} not reported)" if missing else "")
    if values.empty:
        return f"No Ally has a share of GDP for {label}."
    if need.empty:
        return (f"Every one of {denominator} was already at or above {target:g}% of GDP in {label}, so none "
                f"needs to rise to reach it by {target_year}.")
    text = (f"Of {denominator}, **{len(need)}** {plural(len(need), 'was', 'were')} below "
            f"{target:g}% of GDP in {label}. A straight "
            f"line to {target:g}% by {target_year} means "
            f"{need['required_pp_per_year'].median():.2f} points of GDP more each year for the "
            f"median of them")
    top = need.iloc[0]
    text += (f", and {top['required_pp_per_year']:.2f} for {top['country']} (from "
             f"{top['share_of_gdp_pct']:.2f}%)")
    if "gap_usd_current_m" in need.columns and need["gap_usd_current_m"].notna().any():
        money = need["gap_usd_current_m"]
        # The sum covers only the Allies with a US$ figure: say how many of them it is.
        whom = f"the {money.notna().sum()} of them with a US$ figure" if money.isna().any() else "these Allies"
        text += (f". Reaching {target:g}% at {label} GDP would take about **US$ "
                 f"{money.sum() / 1000:,.0f} billion a year** more than {whom} spent in {label} "
                 f"(current prices)")
        if money.isna().any():
            text += not_counting_unpriced(need.loc[money.isna(), "country"])
    return text + "."


def related_spending_sentence(path: pd.DataFrame, edition: str, *, data: Frames | None = None) -> str:
    """What up to 1.5% of GDP would be in US$, and what NATO publishes per Ally for it."""
    info = edition_catalogue.describe(edition, data=data)
    related = path["related_usd_current_m"] if "related_usd_current_m" in path.columns else pd.Series()
    pct = float(path["related_pct"].iloc[0]) if "related_pct" in path.columns and len(path) else 1.5
    label = str(path["year_label"].iloc[0]) if "year_label" in path.columns and len(path) else ""
    text = ""
    if related.notna().any():
        n = int(related.notna().sum())
        # A total over a few Allies must not read as the Alliance's: say how many of how many.
        without = f", {len(path) - n} without one" if n < len(path) else ""
        text += (f"Up to {pct:g}% of GDP on defence- and security-related spending would be up to "
                 f"about **US$ {related.sum() / 1000:,.0f} billion a year** across the {n} "
                 f"{plural(n, 'Ally', 'Allies')} with a GDP figure (at {label} GDP, current prices{without}). ")
    measured = "core defence expenditure" if info.core else "defence expenditure on NATO's earlier definition"
    text += (f"The data holds **no per-Ally figure for defence- and security-related spending**: "
             f"NATO's tables ({info.label}) report {measured} only, so whether an Ally "
             f"meets the {pct:g}% part cannot be shown here.")
    return text


def no_complete_edition(what: str, year_label: str) -> str:
    """The sentence a section shows instead of a chart when no edition covers every Ally."""
    return (f"No edition in the data reports {what} for every Ally in {year_label} or any earlier "
            f"year, so this section has no chart: a partial set would read as the whole Alliance.")
