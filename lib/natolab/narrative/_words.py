"""Phrases the sentence modules share: counts with their denominator, possessives, asides.

How single values read (days, amounts, troop figures) is :mod:`natolab.labels`.
"""

from __future__ import annotations

from collections.abc import Iterable

from natolab.labels import with_article
from natolab.metrics.frames import join_names


def count_phrase(n: int, n_reported: int, n_allies: int) -> str:
    """"30 of the 31 Allies with a figure", "23 of the 23 Allies with a figure (9 of the 32 not reported)".

    The denominator is always named. The number not reported is added when more than
    one Ally is missing: one missing Ally is Iceland (no armed forces, no figure in any
    edition), which the league sentence names once.
    """
    if n_reported == 0:
        return f"none of the {n_allies} Allies (no figures reported)"
    if n_reported == n_allies:
        return f"{n} of the {n_allies} Allies"
    text = f"{n} of the {n_reported} Allies with a figure"
    missing = n_allies - n_reported
    if missing > 1:
        text += f" ({missing} of the {n_allies} not reported)"
    return text


def possessive(name: str) -> str:
    """English possessive: "Poland's", "United States'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def aside(note: str) -> str:
    """A members-table note as an aside after a name: "(the only Ally with no standing armed forces)"."""
    text = note[0].lower() + note[1:]
    return f"the {text}" if text.startswith("only ") else text


def not_counting_unpriced(countries: Iterable[str]) -> str:
    """", not counting the Slovak Republic and Türkiye (no US$ figure)": the Allies a money total
    leaves out, in alphabetical order, each with its article."""
    return f", not counting {join_names(map(with_article, sorted(countries)))} (no US$ figure)"
