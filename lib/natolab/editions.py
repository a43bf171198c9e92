"""NATO defence-expenditure editions: the one place that says what an edition is.

NATO publishes its defence-expenditure tables in editions. A later edition revises
earlier years and may change the definition (the July 2026 edition reports *core*
defence expenditure, The Hague 2025, for the whole series) or the constant-price
base. Every question about editions is answered here and nowhere else:

* :func:`table` — the ``editions`` table itself, oldest first;
* :func:`order` / :func:`latest` — oldest first, by the ``YYYY-MM`` key (the
  publication day is not recorded for every edition);
* :func:`describe` — one :class:`Edition`: title, publisher, publication, definition
  (NATO definition or core), price base, the years and indicators it covers, which
  years it marks as estimates, and a short label for titles ("June 2024");
* :func:`check` — an edition name, or a ValueError listing the valid ones;
* :func:`years` — the years an edition reports for one indicator;
* :func:`year_label` — "2026e" for a year the edition marks as an estimate.

Functions read the ``editions`` and ``defence_expenditure`` resources from one
keyword-only ``data`` (:class:`natolab.resources.Frames`) so tests can pass small
synthetic frames; otherwise the bundled resources are loaded through :func:`natolab.data.load`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from natolab import data as datasets  # not `data`: that is the name of the frames argument
from natolab import labels, provenance
from natolab.resources import Frames

__all__ = [
    "CORE",
    "Edition",
    "check",
    "cite",
    "describe",
    "is_core",
    "latest",
    "order",
    "previous",
    "table",
    "year_label",
    "years",
]

#: The word the editions dataset uses in ``definition`` for The Hague's core defence expenditure.
CORE = "core"
_SHARE = "share_of_gdp_pct"


@dataclass(frozen=True)
class Edition:
    """What one NATO edition is: where it comes from, what it measures, what it covers."""

    edition: str
    title: str
    publisher: str
    published: str | None  # YYYY-MM-DD; None where the day is not recorded
    definition: str
    core: bool  # True for core defence expenditure (The Hague 2025), False for the NATO definition
    price_base: int | None  # constant-price base year of US$ series
    years: tuple[int, ...]  # years with a share of GDP for at least one Ally
    estimate_years: tuple[int, ...]  # years the edition marks as estimates
    indicators: tuple[str, ...]
    source_kind: str

    @property
    def month(self) -> str:
        """Publication month in words: "June 2024"."""
        return labels.month_in_words(self.edition)

    @property
    def label(self) -> str:
        """Short name for titles and sentences: "edition of June 2024"."""
        return f"edition of {self.month}"

    @property
    def definition_short(self) -> str:
        """"core defence expenditure" or "NATO definition"."""
        return "core defence expenditure" if self.core else "NATO definition"

    def year_label(self, year: int) -> str:
        """``"2026e"`` for a year this edition marks as an estimate, else ``"2026"``."""
        return f"{int(year)}e" if int(year) in self.estimate_years else str(int(year))


def _editions(frames: Frames) -> pd.DataFrame:
    editions = frames["editions"]
    if "edition" not in editions.columns:
        raise ValueError("editions: missing column 'edition'")
    return editions


def _known(editions: pd.DataFrame) -> list[str]:
    """The editions of the ``editions`` table by their ``YYYY-MM`` key."""
    return sorted(editions["edition"].astype(str))


def table(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The ``editions`` table, oldest first (the order of :func:`order`)."""
    editions = datasets.load("editions", data_dir=data_dir)
    rank = {e: i for i, e in enumerate(_known(editions))}
    return editions.iloc[editions["edition"].astype(str).map(rank).argsort()].reset_index(drop=True)


def order(*, data: Frames | None = None) -> list[str]:
    """Editions oldest first by their ``YYYY-MM`` key; editions only in a given ``defence_expenditure`` go last.

    The bundled ``defence_expenditure`` has none (its editions are a foreign key to ``editions``),
    so it is not loaded for this.
    """
    return list((data or Frames()).derived(_order))  # computed once per object; a copy to the caller


def _order(frames: Frames) -> list[str]:
    known = _known(_editions(frames))
    expenditure = frames.given("defence_expenditure")
    if expenditure is None:
        return known
    # The distinct codes first: the expenditure table has thousands of rows and this runs often.
    extra = sorted({str(code) for code in expenditure["edition"].unique()} - set(known))
    return known + extra


def check(edition: object, *, data: Frames | None = None) -> str:
    """``edition`` as a string if the data has it; else ValueError naming the valid editions."""
    known = order(data=data)
    if str(edition) not in known:
        raise ValueError(f"Unknown edition {edition!r}. Valid editions: latest, {', '.join(known)}")
    return str(edition)


def latest(*, data: Frames | None = None) -> str:
    """The most recently published edition."""
    return order(data=data)[-1]


def previous(edition: str, *, data: Frames | None = None) -> str | None:
    """The edition published before ``edition``; None for the first."""
    frames = data or Frames()
    known = order(data=frames)
    i = known.index(check(edition, data=frames))
    return known[i - 1] if i else None


def _rows(frame: pd.DataFrame, edition: str, indicator: str | None) -> pd.DataFrame:
    rows = frame.loc[(frame["edition"].astype(str) == edition) & frame["value"].notna()]
    if indicator is not None:
        rows = rows.loc[rows["indicator"].astype(str) == indicator]
    return rows


def years(edition: str, indicator: str = _SHARE, *, data: Frames | None = None) -> list[int]:
    """Years for which ``edition`` has at least one value of ``indicator``."""
    frames = data or Frames()
    frame = frames["defence_expenditure"]
    edition = check(edition, data=frames)
    return sorted({int(y) for y in _rows(frame, edition, indicator)["year"]})


def cite(edition: str) -> str:
    """Credit ``edition`` of the defence-expenditure data because a sentence names it; return it.

    A sentence that cites an edition (the one compared with, the one that holds no figure for
    an Ally) credits it as a chart's source note does, so the report's header and manifest
    list every edition the report names, not only those its tables drew from.
    """
    provenance.record("defence_expenditure", [str(edition)])
    return str(edition)


def is_core(definition: object) -> bool:
    """True when an editions-table ``definition`` is core defence expenditure (The Hague 2025)."""
    return isinstance(definition, str) and definition.strip().lower().startswith(CORE)


def describe(edition: str, *, data: Frames | None = None) -> Edition:
    """Everything about one edition, from the editions table and the values it holds."""
    frames = data or Frames()
    table = _editions(frames)
    frame = frames["defence_expenditure"]
    edition = check(edition, data=frames)
    match = table.loc[table["edition"].astype(str) == edition]
    rec = match.iloc[0] if len(match) else pd.Series(dtype=object)
    values = _rows(frame, edition, None)
    shares = values.loc[values["indicator"].astype(str) == _SHARE]
    if "estimate" in values.columns:
        flagged = values.loc[values["estimate"].fillna(False).astype(bool), "year"]
    else:
        flagged = pd.Series([], dtype="int64")
    published = rec.get("published")
    base = rec.get("constant_price_base")
    definition = str(rec.get("definition", "NATO defence expenditure"))
    return Edition(
        edition=edition,
        title=str(rec.get("title", f"NATO defence expenditure, edition {edition}")),
        publisher=str(rec.get("publisher", "NATO")),
        published=None if published is None or pd.isna(published)
        else pd.Timestamp(published).strftime("%Y-%m-%d"),
        definition=definition,
        core=is_core(definition),
        price_base=None if base is None or pd.isna(base) else int(base),
        years=tuple(sorted({int(y) for y in shares["year"]})),
        estimate_years=tuple(sorted({int(y) for y in flagged})),
        indicators=tuple(sorted(set(values["indicator"].astype(str)))),
        source_kind=str(rec.get("source_kind", "")),
    )


def year_label(year: int, edition: str, *, data: Frames | None = None) -> str:
    """``"2026e"`` when ``edition`` marks ``year`` as an estimate, else ``"2026"``."""
    return describe(edition, data=data).year_label(year)
