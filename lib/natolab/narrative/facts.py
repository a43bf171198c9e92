"""Sentences computed from data for the enlargement, EU–NATO, crisis-management and partnership notebooks.

Notebooks never hard-code a number in prose: they pass the frame they have just
shown to one of these functions and print the result with ``plots.say``. Each
function takes frames, so tests can feed small synthetic ones.
"""

from __future__ import annotations

import pandas as pd

from natolab.dates import DateLike, to_timestamp
from natolab.labels import counted, date_words, day_label, plural, troops_label, with_article
from natolab.metrics.frames import join_names

__all__ = [
    "allies_sentence",
    "aspirants_sentence",
    "common_set_sentence",
    "day_label",
    "dcb_sentence",
    "eu_spending_sentence",
    "highlight_sentence",
    "kfor_sentence",
    "milestones_sentence",
    "operations_sentence",
    "overlap_sentence",
    "partners_sentence",
    "rounds_sentence",
]


def allies_sentence(timeline: pd.DataFrame, as_of: DateLike) -> str:
    """'On 18 February 1952 NATO had **14 Allies**: the 12 founders of 4 April 1949 and 2 countries that joined since.'

    ``timeline`` is :func:`natolab.metrics.membership_timeline` up to ``as_of``.
    """
    day = day_label(as_of)
    if timeline.empty:
        return f"On {day} NATO did not exist yet: the North Atlantic Treaty was signed on 4 April 1949."
    total = int(timeline["n_allies"].iloc[-1])
    founders = int(timeline["n_allies"].iloc[0])
    founded = day_label(timeline["date"].iloc[0])
    joined = total - founders
    if joined == 0:
        return f"On {day} NATO had **{total} Allies**, the founders of {founded}."
    return (
        f"On {day} NATO had **{total} Allies**: the {founders} founders of {founded} and "
        f"{counted(joined, 'country', 'countries')} that joined since."
    )


def rounds_sentence(rounds: pd.DataFrame, all_rounds: pd.DataFrame, as_of: DateLike) -> str:
    """How many of the recorded enlargement rounds had happened by ``as_of``, and the latest one."""
    day = day_label(as_of)
    total = len(all_rounds)
    if rounds.empty:
        return f"By {day} none of the {total} enlargement rounds recorded in the data had taken place."
    last = rounds.iloc[-1]
    return (
        f"By {day}, {len(rounds)} of the {total} enlargement rounds recorded in the data had taken place; "
        f"the latest brought in {join_names(last['countries'].split(', '))} on {day_label(last['accession_date'])}, "
        f"making {int(last['n_after'])} Allies."
    )


def highlight_sentence(everyone: pd.DataFrame, highlight: list[str], as_of: DateLike) -> str:
    """One clause per highlighted country: when it joined, or that it had not yet joined on ``as_of``.

    ``everyone`` is :func:`natolab.metrics.members_on` on a date after the last accession.
    """
    if not highlight:
        return "No country is highlighted (parameter `highlight` is empty)."
    stamp = to_timestamp(as_of, "as_of")
    by_code = everyone.set_index("iso3")
    clauses = []
    for code in highlight:
        row = by_code.loc[code]
        name = with_article(str(row["country"]))
        joined = pd.Timestamp(row["accession_date"])
        if joined <= stamp:
            # A round named by its year only would repeat the date's year: "(1952)" says nothing more.
            label = str(row["enlargement_round"])
            round_note = "" if label == str(joined.year) else f" ({label})"
            clauses.append(f"{name} has been an Ally since {day_label(joined)}{round_note}")
        else:
            clauses.append(f"{name} was not yet an Ally on {day_label(stamp)}; it joined on {day_label(joined)}")
    return "Highlighted on the map: " + "; ".join(clauses) + "."


def aspirants_sentence(aspirants: pd.DataFrame, as_of: DateLike) -> str:
    """'On 28 November 2026 3 countries aspired to membership: Georgia, Ukraine and Bosnia and Herzegovina.'"""
    day = day_label(as_of)
    if aspirants.empty:
        return f"On {day} none of today's aspirants had yet begun its path to membership in the data."
    names = join_names(aspirants["country"].tolist())
    return f"On {day}, {counted(len(aspirants), 'country', 'countries')} aspired to membership: {names}."


def overlap_sentence(overlap: pd.DataFrame, as_of: DateLike) -> str:
    """Both / NATO only / EU only on ``as_of``, with the names of the smaller groups."""
    day = day_label(as_of)
    rows = overlap.set_index("group")
    both, nato_only, eu_only = (int(rows.loc[g, "n_countries"]) for g in ("NATO and EU", "NATO only", "EU only"))

    def named(group: str) -> str:
        names = rows.loc[group, "countries"]
        if not names or int(rows.loc[group, "n_countries"]) > 10:
            return ""
        return f" ({join_names(map(with_article, names.split(', ')))})"

    return (
        f"On {day}, **{both}** countries belonged to both NATO and the EU, {nato_only} to NATO only"
        f"{named('NATO only')} and {eu_only} to the EU only{named('EU only')}."
    )


def common_set_sentence(batches: pd.DataFrame, as_of: DateLike) -> str:
    """'By … the EU and NATO had endorsed 74 common proposals: 42 on 6 December 2016 and 32 on 5 December 2017.'"""
    day = day_label(as_of)
    if batches.empty:
        # No date of the first batch here: it lives in data/eu_nato.csv, and the notebook's time line shows it.
        return f"By {day} no common set of EU–NATO proposals had yet been endorsed."
    parts = [
        f"{int(n)} on {day_label(d)}" for n, d in zip(batches["n_actions"], batches["endorsement_date"], strict=True)
    ]
    total = int(batches["cumulative_actions"].iloc[-1])
    return f"By {day} the EU and NATO had endorsed **{total}** common proposals: {join_names(parts)}."


def milestones_sentence(milestones: pd.DataFrame, n_undated: int, as_of: DateLike) -> str:
    """Counts of joint declarations and progress reports by ``as_of``, and the undated ones."""
    day = day_label(as_of)
    decl = milestones.loc[milestones["event_type"] == "joint_declaration"]
    reports = milestones.loc[milestones["event_type"] == "progress_report"]
    years = join_names([str(d.year) for d in decl["date"]])
    declared = f"{counted(len(decl), 'joint declaration')} ({years})" if len(decl) else "no joint declaration"
    reported = counted(len(reports), "progress report") if len(reports) else "no progress report yet"
    text = f"By {day}: {declared} and {reported} on the common set."
    if n_undated:
        more = counted(n_undated, "more report is", "more reports are")
        text += f" {more} recorded without a date and not placed on the time line."
    return text


def eu_spending_sentence(summary: pd.DataFrame, year: int | str | None, definition: str, as_of: DateLike) -> str:
    """EU vs non-EU Allies' average share of GDP in ``year``, naming the edition and its definition.

    ``year`` may be the edition's label ("2026e" for a NATO estimate); the sentence then says
    what the "e" means.
    """
    if year is None or summary.empty:
        return f"The data holds no NATO defence-expenditure figures for any year up to {day_label(as_of)}."
    rows = summary.set_index("eu_status")
    eu, other = rows.loc["EU member"], rows.loc["not in the EU"]
    edition = summary["edition"].iloc[0]

    def part(row: pd.Series, who: str) -> str:
        n_allies, n_with = int(row["n_allies"]), int(row["n_with_data"])
        if n_with == 0:
            return f"no figures for the {n_allies} {who}"
        # The denominator is the Allies with a figure, the rest named after it; the average
        # counts each Ally once.
        if n_with == n_allies:
            subject = f"the {n_allies} {who}"
        elif n_with == 1:
            subject = f"the only one of the {n_allies} {who} with a figure"
        else:
            subject = f"the {n_with} {who} with a figure"
        at_target = int(row["n_at_or_above_2pct"])
        if n_with == 1:  # one figure: no average to speak of
            where = "at or above" if at_target else "below"
            text = f"{subject} spent {row['mean_share_of_gdp_pct']:.2f}% of GDP, {where} 2%"
        else:
            share = ("all of them" if at_target == n_with else "none of them" if at_target == 0
                     else f"{at_target} of them")
            text = (
                f"{subject} spent {row['mean_share_of_gdp_pct']:.2f}% of GDP on average (each Ally counted once; "
                f"median {row['median_share_of_gdp_pct']:.2f}%), {share} at or above 2%"
            )
        if row["countries_without_data"]:
            text += f" (no figure for {row['countries_without_data']})"
        return text

    return (
        f"In {year} (NATO edition {edition}, {definition}{'; e = NATO estimate' if str(year).endswith('e') else ''}), "
        f"{part(eu, 'EU members among the Allies')}, and "
        f"{part(other, 'Allies outside the EU')}."
    )


def operations_sentence(active: pd.DataFrame, timeline: pd.DataFrame, as_of: DateLike) -> str:
    """How many operations were running on ``as_of`` and which; how many had started in all."""
    day = day_label(as_of)
    if timeline.empty:
        return f"By {day} NATO had not yet led an operation or mission (the first in the data began in 1993)."
    names = join_names(active["short_name"].tolist())
    text = f"On {day}, **{len(active)}** NATO operations and missions were running" + (f": {names}." if names else ".")
    text += f" In all, {len(timeline)} had begun since {day_label(timeline['start'].min())}."
    unclear = active.loc[active["status_on_date"] == "active (end not recorded)", "short_name"].tolist()
    if unclear:
        text += f" For {join_names(unclear)} the sources give no end date and do not say it continues."
    return text


def kfor_sentence(kfor: pd.DataFrame, as_of: DateLike) -> str:
    """The first and latest KFOR figures by ``as_of``, with the latest one's source grade."""
    day = day_label(as_of)
    if kfor.empty:
        return f"By {day} KFOR had not been deployed (it began on 12 June 1999)."
    first, last = kfor.iloc[0], kfor.iloc[-1]
    grade = "a low-grade source" if bool(last["low_grade"]) else f"a source graded {last['source_grade']}"
    return (
        f"KFOR's first figure in the data is {troops_label(first)} troops ({date_words(first['date_label'])}); "
        f"the latest by {day} is {troops_label(last)} ({date_words(last['date_label'])}, from {grade}). "
        f"{int(kfor['low_grade'].sum())} of the {len(kfor)} figures "
        f"{plural(int(kfor['low_grade'].sum()), 'comes', 'come')} from low-grade sources."
    )


def partners_sentence(summary: pd.DataFrame, as_of: DateLike) -> str:
    """Partners per framework on ``as_of`` in one sentence, with the undated ones and the
    partnerships the sources mark suspended (today's state: they give no date)."""
    day = day_label(as_of)
    if summary.empty:
        return f"On {day} none of today's partners had joined a NATO partnership framework yet."
    parts = [f"{int(r.n_partners)} in {r.framework_name}" for r in summary.itertuples(index=False) if r.n_partners]
    if parts:
        text = f"On {day}, today's partners that had already joined numbered {join_names(parts)}."
    else:
        text = f"On {day} none of today's partners with a recorded joining date had joined yet."
    undated = [r.countries_date_unknown for r in summary.itertuples(index=False) if r.n_date_unknown]
    if undated:
        text += f" No joining date is recorded for {join_names(undated)}."
    suspended = [(r.countries_suspended, r.framework_name) for r in summary.itertuples(index=False)
                 if getattr(r, "countries_suspended", "")]
    if suspended:
        which = join_names([f"{names} in {framework}" for names, framework in suspended])
        several = len(suspended) > 1 or " and " in suspended[0][0]
        whose = "whose partnerships are" if several else "whose partnership is"
        text += f" Counted among them: {which}, {whose} suspended today (the sources give no date)."
    return text


def dcb_sentence(partners: pd.DataFrame, as_of: DateLike) -> str:
    """Today's DCB partners with a package by ``as_of`` (start years, the ones not found), the
    supporting Allies where recorded, and requests without a package.

    ``partners`` is :func:`natolab.metrics.dcb_partners`.
    """
    day = day_label(as_of)
    packages = partners.loc[partners["dcb_partner"].astype(bool)]
    requests = partners.loc[~partners["dcb_partner"].astype(bool), "partner"].tolist()
    if packages.empty:
        return (f"By {day} none of the partners NATO lists today had a Defence and Related Security Capacity "
                f"Building (DCB) package.")
    listed = [f"{with_article(r.partner)} since {int(r.dcb_start_year)}" if r.start_known
              else f"{with_article(r.partner)} (start year not found)" for r in packages.itertuples(index=False)]
    text = (f"Of the partners NATO lists today, {len(packages)} had a Defence and Related Security Capacity "
            f"Building (DCB) package by {day}: {join_names(listed)}.")
    supported = packages.loc[packages["n_supporting_allies"].fillna(0) > 0]
    if supported.empty:
        text += " No supporting Ally is recorded for any of them."
    else:
        allies = sorted({a for names in supported["supporting_allies"] for a in names.split(", ") if a})
        text += (f" Supporting Allies are recorded only where a source names them: for {len(supported)} of the "
                 f"{len(packages)} ({join_names([with_article(p) for p in supported['partner']])}), naming "
                 f"{join_names([with_article(a) for a in allies])}.")
    if requests:
        text += (f" {join_names([with_article(r) for r in requests])} "
                 f"{'is' if len(requests) == 1 else 'are'} recorded as a request for support only, with no package.")
    return text
