"""How the sentence modules write days and counts, so every notebook words them alike."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from natolab.metrics.dates import DateLike, to_timestamp


def day_label(day: DateLike) -> str:
    """'18 February 1952' (no leading zero, English month)."""
    stamp = to_timestamp(day, "date")
    return f"{stamp.day} {stamp:%B %Y}"


def plural(n: int, one: str, many: str) -> str:
    """``one`` when ``n`` is 1, else ``many`` ('Ally was' / 'Allies were')."""
    return one if n == 1 else many


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 country', '3 countries' (``many`` defaults to ``one`` + 's')."""
    return f"{n} {plural(n, one, many or one + 's')}"


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


def year_span(labels: Iterable[object]) -> str:
    """"2014–2026e" for a run of year labels, "2025e" when there is only one year."""
    items = [str(label) for label in labels]
    if not items:
        return ""
    return items[0] if items[0] == items[-1] else f"{items[0]}–{items[-1]}"


def usd_millions(value_m: float) -> str:
    """An amount given in US$ million, in words a reader takes in: "US$ 337 million",
    "US$ 4.2 billion", "US$ 413 billion" (billions from 1,000 million up)."""
    if abs(value_m) < 1000:
        return f"US$ {value_m:,.0f} million"
    billions = value_m / 1000
    return f"US$ {billions:,.1f} billion" if abs(billions) < 10 else f"US$ {billions:,.0f} billion"


def with_article(name: str, *, start: bool = False) -> str:
    """A country name as English writes it in running text: 'the United States', 'the
    Netherlands', 'the Slovak Republic', 'the Republic of Moldova'; 'Belgium' unchanged. ``start`` capitalises the
    article for the beginning of a sentence."""
    takes_article = (name.startswith(("United ", "Republic ")) or name == "Netherlands"
                     or name.endswith(" Republic"))
    if not takes_article:
        return name
    return f"{'The' if start else 'the'} {name}"


def date_words(label: str) -> str:
    """A source's date label in words: '2022-06-28' → '28 June 2022', '2022-11' → 'November 2022'."""
    parts = str(label).split("-")
    if len(parts) == 3:
        return day_label(label)
    if len(parts) == 2:
        return pd.Timestamp(f"{label}-01").strftime("%B %Y")
    return str(label)


def source_date_when(label: str) -> str:
    """'on 28 June 2022', 'in November 2022', 'in 2023': a source's date label with its preposition."""
    words = date_words(label)
    return f"on {words}" if len(str(label).split("-")) == 3 else f"in {words}"


def possessive(name: str) -> str:
    """English possessive: "Poland's", "United States'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def aside(note: str) -> str:
    """A members-table note as an aside after a name: "(the only Ally with no standing armed forces)"."""
    text = note[0].lower() + note[1:]
    return f"the {text}" if text.startswith("only ") else text
