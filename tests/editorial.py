"""The editor's checks on a report's sentences, shared by the notebook and report-set tests.

A computed sentence must never pair the 3.5% core target with 2024 (the Wales year)
and must never count more Allies than were reported: every count reads "X of the N
Allies" (natolab.narrative count_phrase), with "with a figure" whenever N is fewer
than the Allies of that year, and X never above N.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from natolab import data
from natolab.metrics import allies_in_year

PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?%")
BY_2024 = re.compile(r"\bby 2024\b")
COUNT = re.compile(r"\b(\d+) of the (\d+) Allies( (?:shown )?with a figure)?")
BARE_COUNT = re.compile(r"\b(\d+) of (\d+)\b(?! points)")
YEAR = re.compile(r"(?<![-\d])(19[4-9]\d|20[0-4]\d)(?![-\d])")  # not the 2026 of "2026-07"


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def pairs_3_5_with_2024(sentence: str) -> bool:
    """Whether ``sentence`` gives the 3.5% target the year 2024.

    Each target owns the stretch of the sentence up to the next percentage, so
    "the 2% guideline (Wales, by 2024) and the 3.5% core target (by 2035)" pairs 2024
    with 2%; a "by 2024" before any percentage pairs with the first one that follows.
    """
    for clause in re.split(r"\.(?!\d)|;", sentence):  # not the point of "3.5"
        marks = [(m.start(), m.group(0).replace(" ", "")) for m in PERCENT.finditer(clause)]
        for by in BY_2024.finditer(clause):
            before = [pct for start, pct in marks if start < by.start()]
            after = [pct for start, pct in marks if start > by.start()]
            owner = before[-1] if before else (after[0] if after else None)
            if owner == "3.5%":
                return True
    return False


def _reported_counts(year: int) -> set[int]:
    """How many Allies of ``year`` have a share of GDP, in each edition that reports the year."""
    frame = data.load("defence_expenditure")
    allies = set(allies_in_year(year))
    rows = frame.loc[(frame["year"] == year) & (frame["indicator"] == "share_of_gdp_pct")
                     & frame["value"].notna() & frame["iso3"].isin(allies)]
    return {int(n) for n in rows.groupby("edition", observed=True)["iso3"].nunique() if n}


def problems(texts: Iterable[str]) -> list[str]:
    """Every sentence of ``texts`` that breaks one of the rules, with the rule it breaks.

    A count "X of the N Allies" must have X <= N; without "with a figure", N must be all
    the Allies of a year the sentence names and some edition must report all of them;
    with it, N may not exceed the Allies of that year.
    """
    found = []
    for text in texts:
        for sentence in _sentences(text):
            if pairs_3_5_with_2024(sentence):
                found.append(f"pairs 3.5% with 2024: {sentence}")
            for bare in BARE_COUNT.finditer(sentence):
                found.append(f"count without 'the … Allies' ({bare.group(0)}): {sentence}")
            years = {int(y) for y in YEAR.findall(sentence)}
            sizes = {len(allies_in_year(y)) for y in years}
            reported = set().union(*(_reported_counts(y) for y in years)) if years else set()
            for count in COUNT.finditer(sentence):
                n, total, partial = int(count.group(1)), int(count.group(2)), bool(count.group(3))
                if n > total:
                    found.append(f"{n} of {total}: more than the denominator: {sentence}")
                if not years:
                    continue
                if not partial and (total not in sizes or total not in reported):
                    found.append(f"'{count.group(0)}': no edition reports all {total} Allies of "
                                 f"{sorted(years)} (reported: {sorted(reported)}): {sentence}")
                if partial and total > max(sizes):
                    found.append(f"'{count.group(0)}': more than the {max(sizes)} Allies of "
                                 f"{sorted(years)}: {sentence}")
    return found
