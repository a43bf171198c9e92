"""One key for every country: ISO3 codes, NATO's names, and every spelling the sources use.

NATO writes "Türkiye" and "Slovak Republic", SIPRI "United States of America", Natural
Earth "Macedonia" and "Bosnia and Herz.", the NATO tables star some Allies
("Poland*") and add a currency ("United Kingdom   (Pounds)"). :func:`resolve` maps
all of them to the key of ``data/countries.csv`` through ``data/country_names.csv``,
so no notebook or importer keeps a name table of its own.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from natolab import data

__all__ = [
    "allies",
    "clear_cache",
    "name",
    "normalise_name",
    "resolve",
]

_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")


def normalise_name(text: str) -> str:
    """Comparison key for a country label: no accents, case, asterisks or extra spaces."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("*", " ").replace("\xa0", " ")
    return " ".join(folded.casefold().split())


def _table(resource_name: str) -> pd.DataFrame:
    return data.load(resource_name)


@dataclass(frozen=True)
class _Index:
    codes: tuple[str, ...]  # in countries.csv order
    names: dict[str, str]  # iso3 -> display name
    keys: dict[str, str]  # normalised spelling or code -> iso3
    spellings: dict[str, str]  # normalised spelling -> spelling as written (for suggestions)


@functools.cache
def _index() -> _Index:
    countries = _table("countries")
    spellings = _table("country_names")
    codes = tuple(str(code) for code in countries["iso3"])
    keys: dict[str, str] = {}
    shown: dict[str, str] = {}
    for spelling, code in zip(spellings["name"], spellings["iso3"], strict=True):
        keys[normalise_name(str(spelling))] = str(code)
        shown[normalise_name(str(spelling))] = str(spelling)
    for code, display in zip(codes, countries["name"], strict=True):
        keys[normalise_name(str(display))] = code
        shown[normalise_name(str(display))] = str(display)
        keys[normalise_name(code)] = code
    return _Index(
        codes=codes,
        names=dict(zip(codes, map(str, countries["name"]), strict=True)),
        keys=keys,
        spellings=shown,
    )


def clear_cache() -> None:
    """Forget the loaded tables (after ``data/countries.csv`` or ``country_names.csv`` changed)."""
    _index.cache_clear()


data.on_clear_cache(clear_cache)  # data.clear_cache() clears this index too


def _suggestions(text: str, index: _Index) -> list[str]:
    key = normalise_name(text)
    close = difflib.get_close_matches(key, list(index.keys), n=5, cutoff=0.6)
    out: list[str] = []
    for match in close:
        code = index.keys[match]
        label = f"{index.spellings.get(match, code)} ({code})"
        if label not in out:
            out.append(label)
    return out


def resolve(name_or_code: str) -> str:
    """The ISO3 key (or ``NATO_TOTAL`` / ``NATO_EUROPE_CANADA``) of a name or code.

    Ignores case, accents, whitespace and footnote asterisks, and drops a trailing
    bracket such as NATO's currency ("United Kingdom (Pounds)"). An unknown name
    raises ValueError naming it and suggesting close valid names.
    """
    if not isinstance(name_or_code, str):
        raise TypeError(f"Country must be a name or ISO3 code string, got {name_or_code!r}")
    index = _index()
    key = normalise_name(name_or_code)
    if key in index.keys:
        return index.keys[key]
    stripped = normalise_name(_TRAILING_BRACKET.sub("", name_or_code.replace("*", " ")))
    if stripped in index.keys:
        return index.keys[stripped]
    close = _suggestions(stripped or key, index)
    hint = f" Did you mean: {'; '.join(close)}?" if close else ""
    raise ValueError(
        f"Unknown country {name_or_code!r}.{hint} Valid codes: {', '.join(index.codes)} "
        "(any spelling in data/country_names.csv is accepted too)"
    )


def name(iso3: str) -> str:
    """The English short name as NATO writes it ("Türkiye"); accepts any spelling resolve() does."""
    return _index().names[resolve(iso3)]


def allies(as_of: str | dt.date | pd.Timestamp | None = None) -> list[str]:
    """ISO3 codes of the Allies on ``as_of`` (default: every Ally in ``members``), by accession."""
    members = _table("members")
    accession = pd.to_datetime(members["accession_date"], format="%Y-%m-%d")
    if as_of is None:
        chosen = members
    else:
        try:
            day = pd.Timestamp(as_of)
        except (TypeError, ValueError):
            raise ValueError(f"as_of {as_of!r} is not a date (use YYYY-MM-DD)") from None
        if pd.isna(day):
            raise ValueError(f"as_of {as_of!r} is not a date (use YYYY-MM-DD)")
        chosen = members[accession <= day]
    order = chosen.assign(_accession=accession.loc[chosen.index]).sort_values(["_accession", "iso3"])
    return [str(code) for code in order["iso3"]]
