"""Sentences computed from data, for the burden-sharing and country-profile notebooks.

Notebooks never hard-code a number in prose: they call these functions with the
frames they have just shown and print the result with ``plots.say``. Each function
takes the frame(s) it describes, so tests can feed small synthetic frames.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from natolab import editions as edition_catalogue
from natolab.metrics.frames import frame_or_load, join_names
from natolab.narrative._words import (
    count_phrase,
    counted,
    date_words,
    day_label,
    plural,
    source_date_when,
    usd_millions,
    with_article,
    year_span,
)

__all__ = [
    "air_policing_profile_sentence",
    "below_target",
    "count_sentence",
    "dcb_profile_sentence",
    "edition_summary",
    "editions_table",
    "equipment_sentence",
    "europe_us_sentence",
    "facts_table",
    "forward_land_forces_profile_sentence",
    "gap_note",
    "gap_sentence",
    "hosting_sentence",
    "kfor_profile_sentence",
    "league_sentence",
    "long_run_sentence",
    "no_forces_note",
    "per_capita_sentence",
    "profile_intro",
    "real_change_sentence",
    "revision_sentence",
    "series_sentence",
    "sipri_sentence",
    "spending_position",
    "summit_events",
    "summits_hosted_sentence",
]


def _fmt_pct(value: float) -> str:
    return f"{value:.2f}%"


def _poss(name: str) -> str:
    """English possessive: "Poland's", "United States'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def editions_table(editions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The NATO editions in the data, oldest first, with definition and coverage."""
    table = frame_or_load(editions, "editions").copy()
    rank = {e: i for i, e in enumerate(edition_catalogue.order(editions=table))}
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


def edition_summary(edition: str, editions: pd.DataFrame | None = None) -> dict[str, str]:
    """Title, definition and a sentence naming where an edition's figures come from.

    Keys: edition, title, definition, subtitle (short, for charts), per_capita_unit, sentence.
    """
    table = frame_or_load(editions, "editions")
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


def no_forces_note(members: pd.DataFrame | None = None) -> dict[str, str]:
    """ISO3 → the members dataset's note for Allies recorded with no standing armed forces."""
    table = frame_or_load(members, "members")
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
        parts.append(f"{with_article(name, start=not parts)} ({_aside(note)})" if note else name)
    verb = plural(len(parts), "reports", "report")
    return f" {join_names(parts)} {verb} no figure."


def _aside(note: str) -> str:
    """A members-table note as an aside after a name: "(the only Ally with no standing armed forces)"."""
    aside = note[0].lower() + note[1:]
    return f"the {aside}" if aside.startswith("only ") else aside


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
    members: pd.DataFrame | None = None,
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
                + _not_reported_clause(league, "share_of_gdp_pct", no_forces_note(members)))
    at_target = league.loc[share >= target_pct]
    at_core = league.loc[share >= core_target_pct]
    core_names = f" ({join_names([with_article(c) for c in at_core['country']])})" if 0 < len(at_core) <= 5 else ""
    text = (f"In {label}, **{count_phrase(len(at_target), len(reported), len(league))}** spent at "
            f"least {target_pct:g}% of GDP on defence, and {len(at_core)}{core_names} at least "
            f"{core_target_pct:g}%, the core level due by 2035.")
    if len(reported) > 1:
        top, bottom = reported.iloc[0], reported.iloc[-1]
        text += (f" The highest share was {_poss(with_article(top['country']))} "
                 f"({_fmt_pct(top['share_of_gdp_pct'])}), the lowest {_poss(with_article(bottom['country']))} "
                 f"({_fmt_pct(bottom['share_of_gdp_pct'])}).")
    if label.endswith("e"):
        text += f" NATO marks the {year} figures of this edition as estimates (e)."
    return text + _not_reported_clause(league, "share_of_gdp_pct", no_forces_note(members))


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
        text += f" Reaching it would have taken about **{usd_millions(money.sum())}** more that year (current prices)"
        if money.isna().any():
            text += f", not counting {join_names(below.loc[money.isna(), 'country'])} (no US$ figure)"
        if len(below) > 1:
            top = below.loc[money.idxmax()]
            text += (f"; the largest gap in money was {_poss(with_article(top['country']))} "
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
        text += f"; the largest rise was {_poss(with_article(top['country']))} ({top['real_change_pct']:+.1f}%)"
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
        text += (f" The largest change from the first edition to the last was "
                 f"{_poss(top['country'])}: {top['first_value']:.2f}% → {top['last_value']:.2f}% "
                 f"({top['revision']:+.2f} points).")
    return text


def summit_events(targets: pd.DataFrame | None = None) -> dict[int, str]:
    """Year → label of the summits that set share-of-GDP targets (from the ``targets`` data)."""
    table = frame_or_load(targets, "targets")
    rows = table.loc[table["measure"].astype(str) == "share_of_gdp_pct"].copy()
    rows["year"] = pd.to_datetime(rows["agreed_date"]).dt.year
    out: dict[int, str] = {}
    for (year, summit), group in rows.groupby(["year", "summit"], sort=True):
        pcts = " / ".join(f"{v:g}%" for v in group["threshold_pct"].drop_duplicates())
        out[int(year)] = f"{summit}: {pcts}"
    return out


def profile_intro(facts: dict[str, object], members: pd.DataFrame | None = None) -> str:
    """Accession and EU status of one Ally, from :func:`natolab.metrics.profile.ally_facts`."""
    name = facts["country"]
    if facts["founding_member"]:
        text = (f"**{with_article(name, start=True)}** is one of the founding members: an Ally since the "
                f"North Atlantic Treaty was signed on {day_label(facts['accession_date'])}.")
    else:
        text = (f"**{with_article(name, start=True)}** joined the Alliance on "
                f"{day_label(facts['accession_date'])}, in the {facts['enlargement_round']} enlargement "
                f"(round {facts['round_number']}).")
    eu_in, eu_out = facts["eu_accession_date"], facts["eu_exit_date"]
    if facts["eu_member"]:
        text += f" It has been in the European Union (or the EEC/EC before it) since {day_label(eu_in)}."
    elif pd.notna(eu_in) and pd.notna(eu_out):
        text += (f" It was in the European Union (or the EEC/EC before it) from {day_label(eu_in)} "
                 f"until {day_label(eu_out)}.")
    else:
        text += " It is not a member of the European Union."
    note = no_forces_note(members).get(str(facts["iso3"]))
    if note:
        text += f" {note}."
    return text


def spending_position(
    league: pd.DataFrame, iso3: str, target_pct: float, core_target_pct: float,
    definition: str, members: pd.DataFrame | None = None,
) -> str:
    """One Ally's share of GDP, rank and position against the two targets.

    ``definition`` is the edition's short definition ("core defence expenditure",
    :attr:`natolab.editions.Edition.definition_short`), set after the edition code.
    """
    row = league.loc[league["iso3"] == iso3].iloc[0]
    year, edition = int(row["year"]), row["edition"]
    edition_catalogue.cite(edition)  # named below even when it holds no figure for this Ally
    if pd.isna(row["share_of_gdp_pct"]):
        note = no_forces_note(members).get(iso3)
        why = f" ({_aside(note)})" if note else ""
        return (f"{with_article(str(row['country']), start=True)}{why} reports no defence expenditure in NATO edition "
                f"{edition}, so it has no share of GDP and no rank for {year}.")
    ranked = int(league["rank"].notna().sum())
    est = "e" if bool(pd.notna(row["estimate"]) and row["estimate"]) else ""
    share = float(row["share_of_gdp_pct"])

    def pos(t: float) -> str:
        return "at or above" if share >= t else "below"

    # Equal shares share a rank: say with whom, or two profiles read as the same place held twice.
    tied = league.loc[(league["rank"] == row["rank"]) & (league["iso3"] != iso3), "country"]
    with_whom = f" (tied with {join_names([with_article(str(c)) for c in tied])})" if len(tied) else ""
    return (f"In {year}{est}, {with_article(str(row['country']))} spent **{share:.2f}% of GDP** on defence "
            f"(edition {edition}, {definition}{'; e = NATO estimate' if est else ''}), ranking "
            f"**{int(row['rank'])} of the {ranked}** Allies with a figure{with_whom}: {pos(target_pct)} the "
            f"{target_pct:g}% guideline (Wales, by 2024) and {pos(core_target_pct)} the {core_target_pct:g}% core "
            f"target (The Hague, by 2035).")


def series_sentence(series: pd.DataFrame, name: str, what: str, unit: str,
                    digits: int = 1) -> str:
    """First and last value of a country series from :func:`natolab.metrics.country_series`."""
    values = series.dropna(subset=["value"])
    if values.empty:
        return f"NATO reports no {what} for {name}."
    first, last = values.iloc[0], values.iloc[-1]
    est = "e" if bool(pd.notna(last["estimate"]) and last["estimate"]) else ""
    if int(first["year"]) == int(last["year"]):
        return (f"{_poss(with_article(name, start=True))} {what} was {last['value']:,.{digits}f}{unit} in "
                f"{int(last['year'])}{est} (NATO edition {last['edition']}; no other year).")
    return (f"{_poss(with_article(name, start=True))} {what} went from {first['value']:,.{digits}f}{unit} in "
            f"{int(first['year'])} to {last['value']:,.{digits}f}{unit} in {int(last['year'])}"
            f"{est} (NATO edition {last['edition']}{'; e = estimate' if est else ''}).")


def sipri_sentence(long: pd.DataFrame, name: str) -> str:
    """Peak and latest SIPRI share of GDP for one country (from ``country_long_run``)."""
    values = long.dropna(subset=["sipri_share_of_gdp_pct"])
    if values.empty:
        return f"SIPRI has no share-of-GDP figures for {name}."
    peak = values.loc[values["sipri_share_of_gdp_pct"].idxmax()]
    last = values.iloc[-1]
    text = (f"In SIPRI's figures (a different definition from NATO's), {_poss(with_article(name))} military "
            f"expenditure peaked at {peak['sipri_share_of_gdp_pct']:.1f}% of GDP in "
            f"{int(peak['year'])}")
    if int(peak["year"]) == int(last["year"]):
        text += ", the latest year SIPRI reports."
    else:
        text += f"; it was {last['sipri_share_of_gdp_pct']:.1f}% in {int(last['year'])}."
    return text + f" SIPRI's series starts in {int(values['year'].iloc[0])}."


def _date_range(first: str, latest: str) -> str:
    """'28 August 2017 to 4 February 2026', or one date where both are the same record."""
    if first == latest:
        return date_words(first)
    return f"{date_words(first)} to {date_words(latest)}"


def air_policing_profile_sentence(name: str, record: pd.DataFrame, coverage: dict[str, object],
                                  note: str | None = None) -> str:
    """One Ally's air-policing detachments by mission, with what the data covers.

    ``record`` is :func:`natolab.metrics.profile.air_policing_record`, ``coverage``
    :func:`natolab.metrics.profile.coverage`; ``note`` says why an Ally flies none
    (:func:`no_forces_note`).
    """
    first_rotation, last_rotation = coverage["ap_first_rotation"], coverage["ap_last_rotation"]
    rotations = (f"{first_rotation} ({date_words(coverage['ap_first_start'])}) to {last_rotation} "
                 f"(from {date_words(coverage['ap_last_rotation_start'])})")
    subject = with_article(name, start=True)
    if record.empty:
        text = (f"{subject} is not among the lead nations of Baltic Air Policing rotations {rotations} or the "
                f"augmenting nations at the other bases, which are recorded in full, nor in the partial records of "
                f"reinforcements at the lead nation's base and of the other air-policing missions.")
        if note:
            text += f" It is the {note[0].lower() + note[1:]}." if note.startswith("Only ") else f" {note}."
        return text

    def led(row: pd.Series) -> str:
        n = int(row["rotations_led"]) if pd.notna(row["rotations_led"]) else 0
        return f"{counted(n, 'rotation')} as lead nation" if n else "not as lead nation"

    first, last = int(record["first_year"].min()), int(record["last_year"].max())
    years = f"in {first}" if first == last else f"from {first} to {last}"
    baltic = record.loc[record["rotations_led"].notna()]
    others = record.loc[record["rotations_led"].isna()]
    if others.empty:
        row = baltic.iloc[0]
        text = (f"{subject} flew {counted(int(row['detachments']), 'Baltic Air Policing detachment')} {years} "
                f"({led(row)}).")
    else:
        parts = [f"{int(r['detachments'])} in {r['mission']}" + (f" ({led(r)})" if pd.notna(r["rotations_led"]) else "")
                 for _, r in record.iterrows()]
        total = int(record["detachments"].sum())
        text = f"{subject} flew {counted(total, 'air-policing detachment')} {years}: {join_names(parts)}."
    return text + (f" Baltic Air Policing is recorded in full for the lead nation of every rotation from {rotations} "
                   f"and for the augmenting nations at the other bases; reinforcements at the lead nation's base and "
                   f"the other missions only in part, so the counts are a minimum.")


def _flf_framework_clause(row: pd.Series) -> str:
    """'framework nation in Estonia (…)', and who leads now if the Ally no longer does."""
    text = (f"framework nation in {with_article(row['host'])} "
            f"({_date_range(row['first_recorded'], row['latest_recorded'])}")
    if not row["named_on_latest"]:
        text += f"; {with_article(row['framework_nation'])} since {date_words(row['framework_since'])}"
    return text + ")"


def _flf_contributor_clause(row: pd.Series) -> str:
    text = f"{with_article(row['host'])} ({_date_range(row['first_recorded'], row['latest_recorded'])}"
    if not row["named_on_latest"]:
        text += f"; not on the latest list, {date_words(row['host_latest_record'])}"
    return text + ")"


def _flf_host_sentence(name: str, host: pd.Series, own_framework: pd.DataFrame) -> str:
    text = (f"{with_article(name, start=True)} hosts Forward Land Forces (records of "
            f"{_date_range(host['first_recorded'], host['latest_recorded'])})")
    if not own_framework.empty and bool(own_framework["named_on_latest"].iloc[0]):
        return text + " and is their framework nation."
    if not own_framework.empty:
        row = own_framework.iloc[0]
        own = _date_range(row["first_recorded"], row["latest_recorded"])
        return (text + f"; it was framework nation itself ({own}), {with_article(host['framework_nation'])} since "
                f"{date_words(host['framework_since'])}.")
    framework = with_article(host["framework_nation"])
    if host["framework_since"] == host["first_recorded"]:
        return text + f", with {framework} as framework nation on every record."
    return text + f", with {framework} as framework nation since {date_words(host['framework_since'])}."


def forward_land_forces_profile_sentence(name: str, roles: pd.DataFrame, coverage: dict[str, object]) -> str:
    """One Ally's roles in the Forward Land Forces, each with the dates of the records naming it.

    ``roles`` is :func:`natolab.metrics.profile.forward_land_forces_roles`, ``coverage``
    :func:`natolab.metrics.profile.coverage` (the number and span of the dated records).
    """
    if roles.empty:
        return (f"{with_article(name, start=True)} is not named as host, framework nation or contributor in any of "
                f"the {coverage['flf_records']} dated Forward Land Forces records "
                f"({_date_range(coverage['flf_first'], coverage['flf_last'])}); the sources list contributors "
                f"for some dates only.")
    texts = []
    hosts = roles.loc[roles["role"] == "host nation"]
    frameworks = roles.loc[roles["role"] == "framework nation"]
    if not hosts.empty:
        host = hosts.iloc[0]
        own = frameworks.loc[frameworks["host_iso3"] == host["host_iso3"]]
        texts.append(_flf_host_sentence(name, host, own))
        frameworks = frameworks.loc[frameworks["host_iso3"] != host["host_iso3"]]
    parts = ["as " + _flf_framework_clause(r) for _, r in frameworks.iterrows()]
    contributed = roles.loc[roles["role"] == "contributor"]
    if not contributed.empty:
        parts.append("as contributor in "
                     + join_names([_flf_contributor_clause(r) for _, r in contributed.iterrows()]))
    if parts:
        who = ("It is also named" if texts
               else f"{with_article(name, start=True)} is named in the Forward Land Forces records")
        texts.append(f"{who} {join_names(parts)}.")
    return " ".join(texts)


def kfor_profile_sentence(name: str, iso3: str, series: pd.DataFrame, snapshot_label: str,
                          snapshot: pd.DataFrame, *, most: int = 6) -> str:
    """One Ally's troops in KFOR at each date the sources give a figure, and the latest complete list.

    ``series`` is :func:`natolab.metrics.kfor_contributions` for the Ally (planned figures and
    figures whose nation is not established already left out); ``snapshot_label`` and
    ``snapshot`` are :func:`natolab.metrics.kfor_snapshot`. With more than ``most`` figures
    only the first, the highest and the latest are named.
    """
    listed = bool(snapshot_label) and iso3 in set(snapshot["nation_iso3"])
    absent = ""
    if snapshot_label and not listed:
        who = "It" if series.empty else with_article(name, start=True)
        absent = (f" {who} is not among the {len(snapshot)} nations of the latest complete list of contributors "
                  f"({date_words(snapshot_label)}).")
    if series.empty:
        return f"No KFOR troop figure is recorded for {with_article(name)}.{absent}"

    def figure(row: pd.Series) -> str:
        text = f"{int(row['troops']):,} {source_date_when(row['date_label'])}"
        return text + (" (the latest complete list of contributors)" if listed and row["date_label"] == snapshot_label
                       else "")

    rows = series.reset_index(drop=True)
    if len(rows) > most:
        peak = rows["troops"].astype(float).idxmax()
        rows = rows.loc[sorted({0, peak, len(rows) - 1})]
        lead = f"The sources give {_poss(with_article(name))} troops in KFOR on {len(series)} dates, among them"
    elif len(rows) == 1:
        lead = f"The sources give one figure for {_poss(with_article(name))} troops in KFOR:"
    else:
        lead = f"The sources give {_poss(with_article(name))} troops in KFOR on {len(rows)} dates:"
    figures = join_names([figure(r) for _, r in rows.iterrows()])
    notes = " The table's notes say what each figure counts." if series["flags"].notna().any() else ""
    return f"{lead} {figures}.{notes}{absent}"


def _place(city: object) -> str:
    """'Casteau' from 'Casteau (Mons)', 'Norfolk' from 'Norfolk, Virginia'."""
    return str(city).split(" (")[0].split(",")[0].strip()


def _operation_label(name: object, longest: int = 40) -> str:
    """An operation's name without a bracketed expansion longer than ``longest`` characters:
    'Icelandic Air Policing' for 'Icelandic Air Policing (Airborne Surveillance and …)'."""
    text = str(name)
    head, _, rest = text.partition(" (")
    return head if rest and len(rest) > longest else text


def hosting_sentence(name: str, sites: pd.DataFrame, operations: pd.DataFrame, coverage: dict[str, object]) -> str:
    """The NATO sites an Ally hosts (with their dates) and the operations whose theatre names it.

    ``sites`` is :func:`natolab.metrics.profile.host_sites`, ``operations``
    :func:`natolab.metrics.profile.operations_mentioning`.
    """
    subject = with_article(name, start=True)

    def site(row: pd.Series) -> str:
        when = date_words(row["opening"]) if row["opening"] else "opening year not found"
        return f"{row['short_name']} in {_place(row['city'])} ({when})"

    current = sites.loc[~sites["former"].astype(bool)]
    former = sites.loc[sites["former"].astype(bool)]
    what = "NATO headquarters, command and agency sites recorded"
    if current.empty:
        text = (f"{subject} hosts none of the {coverage['sites']} {what} (centres of excellence, NATO Force "
                f"Integration Units and smaller bodies were not collected).")
    else:
        undated = any(not opening for opening in current["opening"])
        dating = ("with the date of the opening event the table names" if len(current) == 1
                  else "each with the date of the opening event the table names"
                  + (", where one was found" if undated else ""))
        text = (f"{subject} hosts {join_names([site(r) for _, r in current.iterrows()])}: {len(current)} of the "
                f"{coverage['sites']} {what}, {dating}.")
    if not former.empty:
        text += f" It also hosted {join_names([site(r) for _, r in former.iterrows()])}, no longer in use."
    if not operations.empty:
        ops = [f"{_operation_label(r['name'])}, " + (f"from {int(r['start_year'])}" if pd.isna(r["end_year"])
                                   else year_span([int(r["start_year"]), int(r["end_year"])]))
               for _, r in operations.iterrows()]
        text += f" NATO operations and missions whose recorded theatre names {with_article(name)}: {'; '.join(ops)}."
    return text


def dcb_profile_sentence(name: str, supported: pd.DataFrame, coverage: dict[str, object]) -> str:
    """The DCB partners an Ally is recorded as supporting, with how partial that record is.

    ``supported`` is :func:`natolab.metrics.profile.dcb_partners_supported`.
    """
    partial = (f"{coverage['dcb_with_supporters']} of the {coverage['dcb_partners']} partners, naming only "
               f"{join_names([with_article(n) for n in coverage['dcb_supporters']])}")
    if supported.empty:
        return (f"{with_article(name, start=True)} is not recorded as supporting any of the "
                f"{coverage['dcb_partners']} Defence Capacity Building (DCB) partners; the sources name "
                f"supporting Allies only for some ({partial}).")
    text = (f"Where the sources name supporting Allies of the Defence Capacity Building (DCB) partners ({partial}), "
            f"{with_article(name)} is named for {join_names(supported['partner'].tolist())}.")
    if "belgium_support" in supported.columns:
        text += " The table gives its role in each as the sources describe it, planned or carried out."
    return text


def summits_hosted_sentence(name: str, hosted: pd.DataFrame, coverage: dict[str, object], *, most: int = 5) -> str:
    """The summits and leaders' meetings an Ally hosted, split by whether NATO counts them as summits.

    ``hosted`` is :func:`natolab.metrics.profile.summits_hosted`; ``coverage`` names the
    meetings in the data (:func:`natolab.metrics.profile.coverage`), every one since 1957.
    """
    subject = with_article(name, start=True)
    every = (f"{coverage['summits']} NATO summits and leaders' meetings held from {coverage['summits_first']} "
             f"to {coverage['summits_last']}")
    if hosted.empty:
        return f"{subject} has not hosted any of the {every}."
    counted_mask = hosted["counted_by_nato"].fillna(False).astype(bool)
    others = hosted.loc[~counted_mask, "summit"].tolist()

    def label(row: pd.Series) -> str:
        return f"{row['summit']} (with {row['shared_with']})" if row["shared_with"] else str(row["summit"])

    names = [label(r) for _, r in hosted.iterrows()]
    text = f"{subject} hosted {len(hosted)} of the {every}"
    if len(names) <= most:
        text += f": {join_names(names)}"
    else:
        text += f", the first {names[0]}, the latest {names[-1]}"
    if not others:
        every_one = "both" if len(hosted) == 2 else "all" if len(hosted) > 2 else ""
        return text + f", {every_one + ' ' if every_one else ''}counted by NATO among its summits."
    return (text + f". NATO counts {int(counted_mask.sum())} of them among its summits; whether it counts "
            f"{join_names(others)} is not established.")


def facts_table(facts: dict[str, object]) -> pd.DataFrame:
    """The facts of :func:`natolab.metrics.profile.ally_facts` as a two-column table."""
    def show(value: object) -> str:
        if value is None or (not isinstance(value, str | bool) and pd.isna(value)):
            return "–"
        if isinstance(value, pd.Timestamp):
            return f"{value:%Y-%m-%d}"
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)

    labels = {
        "iso3": "ISO3 code", "country": "name", "accession_date": "accession date",
        "enlargement_round": "enlargement round", "round_number": "round number (0 = founders)",
        "founding_member": "founding member", "eu_member": "EU member (as of the data)",
        "eu_accession_date": "EEC/EC/EU entry", "eu_exit_date": "EU exit",
        "special_notes": "notes",
    }
    return pd.DataFrame({"fact": list(labels.values()),
                         "value": [show(facts.get(k)) for k in labels]})
