"""One key for every country: ISO3 codes, NATO's names, and every spelling the sources use.

NATO writes "Türkiye" and "Slovak Republic", SIPRI "United States of America", Natural
Earth "Macedonia" and "Bosnia and Herz.", the NATO tables star some Allies
("Poland*") and add a currency ("United Kingdom   (Pounds)"). :func:`resolve` maps
all of them to the key of ``data/countries.csv`` through ``data/country_names.csv``,
so no notebook or importer keeps a name table of its own.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from natolab import data
from natolab.dates import DateLike, to_timestamp
from natolab.resources import Frames

__all__ = [
    "allies",
    "clear_cache",
    "lookup",
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


def lookup(name_or_code: str) -> str | None:
    """What :func:`resolve` answers, or ``None`` for an unknown name (no error, no suggestions).

    For callers to whom an unknown name is normal, such as the map's shapes of countries
    no dataset mentions: working out close names for an error nobody reads is slow.
    """
    if not isinstance(name_or_code, str):
        raise TypeError(f"Country must be a name or ISO3 code string, got {name_or_code!r}")
    keys = _index().keys
    key = normalise_name(name_or_code)
    if key in keys:
        return keys[key]
    return keys.get(normalise_name(_TRAILING_BRACKET.sub("", name_or_code.replace("*", " "))))


def resolve(name_or_code: str) -> str:
    """The ISO3 key (or ``NATO_TOTAL`` / ``NATO_EUROPE_CANADA``) of a name or code.

    Ignores case, accents, whitespace and footnote asterisks, and drops a trailing
    bracket such as NATO's currency ("United Kingdom (Pounds)"). An unknown name
    raises ValueError naming it and suggesting close valid names.
    """
    code = lookup(name_or_code)
    if code is not None:
        return code
    index = _index()
    stripped = normalise_name(_TRAILING_BRACKET.sub("", name_or_code.replace("*", " ")))
    close = _suggestions(stripped or normalise_name(name_or_code), index)
    hint = f" Did you mean: {'; '.join(close)}?" if close else ""
    raise ValueError(
        f"Unknown country {name_or_code!r}.{hint} Valid codes: {', '.join(index.codes)} "
        "(any spelling in data/country_names.csv is accepted too)"
    )


def name(iso3: str) -> str:
    """The English short name as NATO writes it ("Türkiye"); accepts any spelling resolve() does."""
    return _index().names[resolve(iso3)]


def allies(as_of: DateLike = None, *, data: Frames | None = None) -> list[str]:
    """ISO3 codes of the Allies on ``as_of``, in order of accession (then code).

    The one answer to "who is an Ally on this day": accession on or before it. ``None`` is
    the data's date (:func:`natolab.dates.to_timestamp`); a bad date raises ValueError naming
    ``as_of``. ``data`` gives a ``members`` frame instead of the bundled one. The metrics
    (:func:`~natolab.metrics.members_on`, ``allies_in_year``), the parameter checks and the
    explorers all ask here.
    """
    day = to_timestamp(as_of, "as_of")
    table = (data or Frames()).derived(_by_accession)
    return table.loc[table["accession"] <= day, "iso3"].tolist()


def _by_accession(data: Frames) -> pd.DataFrame:
    """iso3 and accession day of every Ally, in order of accession then code (once per Frames:
    the spending metrics ask for each year of each edition)."""
    members = data.checked("members", ["iso3", "accession_date"])
    table = pd.DataFrame({"iso3": members["iso3"].astype(str).to_numpy(),
                          "accession": pd.to_datetime(members["accession_date"], format="ISO8601").to_numpy()})
    return table.sort_values(["accession", "iso3"], kind="stable", ignore_index=True)
