"""Burden-sharing sentences computed from data: league, counts, gaps, editions, revisions, the long run.

Notebooks never hard-code a number in prose: they call these functions with the
frames they have just shown and print the result with ``plots.say``. Each function
takes the frame(s) it describes, so tests can feed small synthetic frames.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from natolab import editions as edition_catalogue
from natolab.labels import plural, usd_millions, with_article
from natolab.metrics.frames import Frames, join_names
from natolab.narrative._words import aside, count_phrase, not_counting_unpriced, possessive

__all__ = [
    "below_target",
    "count_sentence",
    "edition_summary",
    "editions_table",
    "equipment_sentence",
    "europe_us_sentence",
    "gap_note",
    "gap_sentence",
    "league_sentence",
    "long_run_sentence",
    "no_forces_note",
    "per_capita_sentence",
    "real_change_sentence",
    "revision_sentence",
    "summit_events",
]


def _fmt_pct(value: float) -> str:
    return f"{value:.2f}%"


def editions_table(*, data: Frames | None = None) -> pd.DataFrame:
    """The NATO editions in the data, oldest first, with definition and coverage."""
    data = data or Frames()
    table = data["editions"].copy()
    rank = {e: i for i, e in enumerate(edition_catalogue.order(data=data))}
    table = table.iloc[table["edition"].astype(str).map(rank).argsort()]
    cols = ["edition", "title", "published", "years_covered", "definition", "constant_price_base",
            "source_kind"]
    out = table[[c for c in cols if c in table.columns]].copy()
    if "published" in out.columns:
        out["published"] = pd.to_datetime(out["published"]).dt.strftime("%Y-%m-%d").fillna(
            "not recorded")
    return out.reset_index(drop=True)


_KIND = {
    "official_workbook": "read from NATO's official workbook",
    "tidy_conversion": "a faithful conversion of NATO's workbook",
    "secondary_transcription": "transcribed from secondary copies of NATO's tables",
    "secondary_quote": "figures as quoted by secondary sources",
}


def edition_summary(edition: str, *, data: Frames | None = None) -> dict[str, str]:
    """Title, definition and a sentence naming where an edition's figures come from.

    Keys: edition, title, definition, subtitle (short, for charts), per_capita_unit, sentence.
    """
    table = (data or Frames())["editions"]
    row = table.loc[table["edition"].astype(str) == str(edition)]
    if row.empty:
        valid = ", ".join(sorted(table["edition"].astype(str)))
        raise ValueError(f"Unknown edition {edition!r}. Valid editions: {valid}")
    rec = row.iloc[0]
    definition = str(rec.get("definition", "NATO defence expenditure"))
    base = rec.get("constant_price_base")
    kind = _KIND.get(str(rec.get("source_kind", "")), str(rec.get("source_kind", "")))
    sentence = (f"Figures from NATO's *{rec['title']}* (edition {edition}), which reports "
                f"**{definition}**; {kind}.")
    unit = (f"US$ per head, constant {int(base)} prices" if pd.notna(base)
            else "US$ per head, constant prices")
    return {
        "edition": str(edition),
        "title": str(rec["title"]),
        "definition": definition,
        "subtitle": f"NATO edition {edition}: {definition}",
        "per_capita_unit": unit,
        "sentence": sentence,
    }


def no_forces_note(*, data: Frames | None = None) -> dict[str, str]:
    """ISO3 → the members dataset's note for Allies recorded with no standing armed forces."""
    table = (data or Frames())["members"]
    if "special_notes" not in table.columns:
        return {}
    out = {}
    for code, note in zip(table["iso3"].astype(str), table["special_notes"], strict=True):
        if isinstance(note, str) and "no standing armed forces" in note.lower():
            out[code] = note.split(" (")[0].split(";")[0].strip().rstrip(".")
    return out


def _not_reported_clause(table: pd.DataFrame, value: str, notes: dict[str, str]) -> str:
    missing = table.loc[table[value].isna()]
    if missing.empty:
        return ""
    parts = []
    for code, name in zip(missing["iso3"], missing["country"], strict=True):
        note = notes.get(code)
        named = with_article(name, start=not parts)  # the list opens its sentence
        parts.append(f"{named} ({aside(note)})" if note else named)
    verb = plural(len(parts), "reports", "report")
    return f" {join_names(parts)} {verb} no figure."


def _year_label(table: pd.DataFrame, year: int) -> str:
    """"2026e" when any value shown for ``year`` is a NATO estimate, else "2026"."""
    if "estimate" in table.columns and table["estimate"].fillna(False).astype(bool).any():
        return f"{int(year)}e"
    return str(int(year))


def league_sentence(
    league: pd.DataFrame,
    target_pct: float,
    core_target_pct: float,
    *,
    data: Frames | None = None,
) -> str:
    """"In 2026e, 30 of the 31 Allies with a figure spent at least 2% of GDP …", denominator named.

    ``league`` is the full :func:`natolab.metrics.league_table` (all Allies of the year).
    """
    year = int(league["year"].iloc[0])
    label = _year_label(league, year)
    share = league["share_of_gdp_pct"]
    reported = league.dropna(subset=["share_of_gdp_pct"])
    if reported.empty:
        return (f"No Ally has a share of GDP for {year} in edition {league['edition'].iloc[0]}."
                + _not_reported_clause(league, "share_of_gdp_pct", no_forces_note(data=data)))
    at_target = league.loc[share >= target_pct]
    at_core = league.loc[share >= core_target_pct]
    core_names = f" ({join_names([with_article(c) for c in at_core['country']])})" if 0 < len(at_core) <= 5 else ""
    text = (f"In {label}, **{count_phrase(len(at_target), len(reported), len(league))}** spent at "
            f"least {target_pct:g}% of GDP on defence, and {len(at_core)}{core_names} at least "
            f"{core_target_pct:g}%, the core level due by 2035.")
    if len(reported) > 1:
        top, bottom = reported.iloc[0], reported.iloc[-1]
        text += (f" The highest share was {possessive(with_article(top['country']))} "
                 f"({_fmt_pct(top['share_of_gdp_pct'])}), the lowest {possessive(with_article(bottom['country']))} "
                 f"({_fmt_pct(bottom['share_of_gdp_pct'])}).")
    if label.endswith("e"):
        text += f" NATO marks the {year} figures of this edition as estimates (e)."
    return text + _not_reported_clause(league, "share_of_gdp_pct", no_forces_note(data=data))


def count_sentence(counts: pd.DataFrame, target_pct: float) -> str:
    """First and last year of a per-year count, each with its denominator, and the gaps between.

    ``counts`` is :func:`natolab.metrics.count_meeting_target_by_year`; its ``year_label``
    column (when present) marks estimates ("2026e").
    """
    if counts.empty:
        return "No year has figures in this edition."

    def label(row: pd.Series) -> str:
        return str(row["year_label"]) if "year_label" in row.index else str(int(row["year"]))

    def phrase(row: pd.Series) -> str:
        return count_phrase(int(row["n_meeting_target"]), int(row["n_reported"]), int(row["n_allies"]))

    first, last = counts.iloc[0], counts.iloc[-1]
    if len(counts) == 1:
        text = f"In {label(first)}, {phrase(first)} were at or above {target_pct:g}% of GDP"
    else:
        text = (f"In {label(first)}, {phrase(first)} were at or above {target_pct:g}% of GDP; "
                f"in {label(last)}, {phrase(last)}")
    eds = sorted(set(counts["edition"]))
    text += f" (edition {eds[0]})." if len(eds) == 1 else f" (editions {', '.join(eds)})."
    years = counts["year"].astype(int).tolist()
    gaps = [y for y in range(years[0], years[-1] + 1) if y not in years]
    if gaps:
        text += f" No figures for {_year_ranges(gaps)}."
    return text


def _year_ranges(years: Iterable[int]) -> str:
    years = sorted(years)
    ranges: list[str] = []
    start = prev = years[0]
    for y in [*years[1:], None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        ranges.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return join_names(ranges)


def below_target(gap: pd.DataFrame, countries: Iterable[str] | None = None) -> pd.DataFrame:
    """Rows of :func:`natolab.metrics.gap_to_target` below the target, optionally for some Allies."""
    out = gap.loc[gap["gap_pct_points"] > 0]
    if countries is not None:
        out = out.loc[out["iso3"].isin({str(c).upper() for c in countries})]
    return out.sort_values("gap_usd_current_m", ascending=False, na_position="last")


def gap_sentence(gap: pd.DataFrame) -> str:
    """How many Allies were below the target and the extra spending that would have closed it."""
    year, target = int(gap["year"].iloc[0]), float(gap["target_pct"].iloc[0])
    label = _year_label(gap, year)
    reported = gap.dropna(subset=["share_of_gdp_pct"])
    below = gap.loc[gap["gap_pct_points"] > 0]
    if reported.empty:
        return f"No Ally has a share of GDP for {label} in this edition."
    if below.empty:
        return (f"In {label} all {len(reported)} Allies with a figure were at or above {target:g}% "
                f"of GDP: there is no gap to close.")
    money = below["gap_usd_current_m"]
    if len(below) == 1:
        text = (f"In {label}, 1 of the {len(reported)} Allies with a figure, {below['country'].iloc[0]}, "
                f"was below {target:g}% of GDP, by {below['gap_pct_points'].iloc[0]:.2f} points.")
    else:
        text = (f"In {label}, {len(below)} of the {len(reported)} Allies with a figure "
                f"were below {target:g}% of GDP, by {below['gap_pct_points'].mean():.2f} points on average.")
    if money.notna().any():
        whom = f" for the {money.notna().sum()} of them with a US$ figure" if money.isna().any() else ""
        text += (f" Reaching it would have taken about **{usd_millions(money.sum())}** more that year{whom} "
                 "(current prices)")
        if money.isna().any():
            text += not_counting_unpriced(below.loc[money.isna(), "country"])
        if len(below) > 1:
            top = below.loc[money.idxmax()]
            text += (f"; the largest gap in money was {possessive(with_article(top['country']))} "
                     f"({usd_millions(top['gap_usd_current_m'])})")
        text += "."
    else:
        text += " The edition gives no GDP or spending in US$ for them, so the gap is not priced."
    return text


def gap_note(gap: pd.DataFrame, source: str) -> str:
    """Chart footnote: the source plus how GDP was obtained (never from another edition)."""
    bases = set(gap.loc[gap["gap_pct_points"] > 0, "gdp_basis"])
    how = []
    if "gdp_usd_current_m" in bases:
        how.append("GDP in current US$ from the same edition")
    if "implied" in bases:
        how.append("GDP implied by the edition's own figures (defence expenditure ÷ share of GDP)")
    return f"{source} Gap in US$ = gap in points × GDP ÷ 100; {'; '.join(how) or 'no GDP'}."


def equipment_sentence(equipment: pd.DataFrame, main_edition: str, main_year: int | None = None) -> str:
    """How many Allies met the 20% equipment guideline; says when the edition differs."""
    year, edition = int(equipment["year"].iloc[0]), str(equipment["edition"].iloc[0])
    reported = equipment.dropna(subset=["equipment_share_pct"])
    meets = reported.loc[reported["meets_guideline"].fillna(False).astype(bool)]
    text = (f"In {_year_label(equipment, year)}, {len(meets)} of the {len(reported)} Allies shown "
            f"with a figure spent at least 20% of defence expenditure on major equipment")
    if len(reported):
        text += (f"; the median share was {reported['equipment_share_pct'].median():.1f}%")
    text += "."
    return text + _edition_switch(edition, main_edition, "equipment shares", year, main_year)


def _edition_switch(edition: str, main_edition: str, what: str, year: int | None = None,
                    main_year: int | None = None) -> str:
    """Names the edition (and year) a section uses when it is not the report's own."""
    other_year = year is not None and main_year is not None and int(year) != int(main_year)
    if edition == main_edition and not other_year:
        return ""
    info = edition_catalogue.describe(edition)
    asked = (f" for {edition_catalogue.year_label(main_year, main_edition)}"
             if main_year is not None else " for that year")
    these = f"for {year}, " if other_year else ""
    return (f" Edition {main_edition} has no complete {what}{asked}, so these are {these}from "
            f"edition {edition} ({info.definition_short}).")


def real_change_sentence(change: pd.DataFrame, main_edition: str, main_year: int | None = None) -> str:
    """Rises and falls of real defence expenditure on the year before."""
    year, edition = int(change["year"].iloc[0]), str(change["edition"].iloc[0])
    values = change.dropna(subset=["real_change_pct"])
    up = int((values["real_change_pct"] > 0).sum())
    text = (f"In {_year_label(change, year)}, defence expenditure rose in real terms in {up} of the {len(values)} "
            f"Allies shown with a figure")
    if len(values):
        top = values.iloc[0]
        text += f"; the largest rise was {possessive(with_article(top['country']))} ({top['real_change_pct']:+.1f}%)"
    return text + "." + _edition_switch(edition, main_edition, "real-change figures", year, main_year)


def europe_us_sentence(ec: pd.DataFrame, year: int, main_edition: str) -> str:
    """The US share of Allied defence expenditure in ``year`` (or the latest year shown).

    Compared with the first year of the series only when that is a different year.
    """
    rows = ec.dropna(subset=["us_share_of_total_pct"])
    if rows.empty:
        return "This edition has no Europe-and-Canada aggregate."
    pick = rows.loc[rows["year"] == year]
    row = pick.iloc[0] if len(pick) else rows.iloc[-1]
    first = rows.iloc[0]
    label = str(row["year_label"]) if "year_label" in row.index else str(int(row["year"]))
    text = (f"In {label} the United States accounted for "
            f"**{row['us_share_of_total_pct']:.0f}%** of the Allies' combined defence expenditure "
            f"(US$ {row['us_usd_current_m'] / 1000:,.0f} billion against US$ "
            f"{row['europe_canada_usd_current_m'] / 1000:,.0f} billion for the European Allies and "
            f"Canada, current prices)")
    if int(first["year"]) != int(row["year"]):
        text += f", against {first['us_share_of_total_pct']:.0f}% in {int(first['year'])}"
    return text + "." + _edition_switch(str(row["edition"]), main_edition, "aggregates",
                                        int(row["year"]), int(year))


def per_capita_sentence(pc: pd.DataFrame, main_edition: str, main_year: int | None = None) -> str:
    """Highest and lowest spending per head."""
    year, edition = int(pc["year"].iloc[0]), str(pc["edition"].iloc[0])
    col = "defence_expenditure_per_capita_usd_constant"
    values = pc.dropna(subset=[col])
    if values.empty:
        return f"No per-head figures for {year}."
    top, low = values.iloc[0], values.iloc[-1]
    text = (f"In {_year_label(pc, year)}, spending per head ranged from US$ {top[col]:,.0f} "
            f"({with_article(top['country'])}) to US$ {low[col]:,.0f} ({with_article(low['country'])}), "
            "at the edition's constant prices.")
    return text + _edition_switch(edition, main_edition, "per-head figures", year, main_year)


def long_run_sentence(long: pd.DataFrame, cold_war_end: int = 1991) -> str:
    """Cold War average against the latest year, for the US and the median other Ally (SIPRI)."""
    cold = long.loc[long["year"] <= cold_war_end]
    last = long.dropna(subset=["us_value"]).iloc[-1]
    text = "In SIPRI's figures, "
    if not cold.empty:
        text += (f"during the Cold War ({int(cold['year'].min())}–{cold_war_end}) the United "
                 f"States spent on average {cold['us_value'].mean():.1f}% of GDP on its military "
                 f"and the median other Ally {cold['other_allies_median'].mean():.1f}%; ")
    text += (f"in {int(last['year'])} the figures were {last['us_value']:.1f}% and "
             f"{last['other_allies_median']:.1f}% (median of {int(last['n_other_reported'])} "
             f"other Allies).")
    return text


def revision_sentence(by_edition: pd.DataFrame, rev: pd.DataFrame, year: int,
                      target_pct: float, definitions: dict[str, str] | None = None) -> str:
    """How the count at the target moved across editions, a change of definition named as such.

    ``definitions`` maps edition → "NATO definition" / "core defence expenditure"
    (:attr:`natolab.editions.Edition.definition_short`); without it, ``by_edition``'s own
    ``definition`` column is used when present. Editions on the same definition are
    revisions of estimates, a step to another definition is a break in the series.
    """
    if by_edition.empty:
        return f"No edition reports {year}."
    if definitions is None and "definition" in by_edition.columns:
        definitions = dict(zip(by_edition["edition"].astype(str), by_edition["definition"], strict=True))
    definitions = definitions or {}

    def part(r: pd.Series) -> str:
        # Each edition marks the year in its own way: 2024 is an estimate in 2024-06 and an
        # outturn in 2026-07, so the label travels with the edition's count.
        when = f" ({r['year_label']})" if "year_label" in r and r["year_label"] != str(year) else ""
        return (f"{count_phrase(int(r['n_meeting_target']), int(r['n_reported']), int(r['n_allies']))}"
                f" in edition {r['edition']}{when}")

    groups: list[tuple[str, list[str]]] = []
    for _, r in by_edition.iterrows():
        kind = definitions.get(str(r["edition"]), "")
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(part(r))
        else:
            groups.append((kind, [part(r)]))
    sentences = []
    for i, (kind, parts) in enumerate(groups):
        if i == 0:
            sentences.append(f"Allies at or above {target_pct:g}% of GDP in {year}, {kind or 'by edition'}: "
                             f"{join_names(parts)}.")
        else:
            sentences.append(f"Then a break in the series, {kind or 'another definition'}: "
                             f"{join_names(parts)}.")
    text = " ".join(sentences)
    moved = rev.dropna(subset=["revision"])
    if not moved.empty:
        top = moved.iloc[0]
        # Name the two editions where the table has them (metrics.revisions): a change across
        # the break is a change of definition too, and the reader must not take it for a revision.
        eds = [str(e) for e in by_edition["edition"] if str(e) in rev.columns and pd.notna(top[str(e)])]
        first, last = (f" in edition {eds[0]}", f" in edition {eds[-1]}") if eds else ("", "")
        crossing = bool(eds) and definitions.get(eds[0], "") != definitions.get(eds[-1], "")
        whose = possessive(with_article(top["country"]))
        text += (f" The largest change from the first edition to the last was "
                 f"{whose}: {top['first_value']:.2f}%{first} → {top['last_value']:.2f}%{last} "
                 f"({top['revision']:+.2f} points)"
                 + (", a change of definition as well as of estimate." if crossing else "."))
    return text


def summit_events(*, data: Frames | None = None) -> dict[int, str]:
    """Year → label of the summits that set share-of-GDP targets (from the ``targets`` data)."""
    table = (data or Frames())["targets"]
    rows = table.loc[table["measure"].astype(str) == "share_of_gdp_pct"].copy()
    rows["year"] = pd.to_datetime(rows["agreed_date"]).dt.year
    out: dict[int, str] = {}
    for (year, summit), group in rows.groupby(["year", "summit"], sort=True):
        pcts = " / ".join(f"{v:g}%" for v in group["threshold_pct"].drop_duplicates())
        out[int(year)] = f"{summit}: {pcts}"
    return out
