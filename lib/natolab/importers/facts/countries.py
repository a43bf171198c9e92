"""countries and country_names: one row per entity the datasets mention, and every spelling of it.

The facts files name each country beside its ISO3 code; the other sources' spellings that
no facts file writes are kept in ``importers/country_spellings.csv`` (the importers' name
book, :mod:`natolab.importers.names`). Only names of entities in our country table are
mapped; SIPRI regions and former states (USSR, Czechoslovakia, Yugoslavia, GDR) are
deliberately left out.
"""

from __future__ import annotations

import pandas as pd

from natolab.countries import normalise_name
from natolab.importers.names import AGGREGATES, label_name, source_spellings

__all__ = ["NAME_SOURCES", "build_countries", "build_country_names", "facts_lookup", "spelling_lookup"]

# The sources whose spellings are names of an entity for every source (country_names.used_by).
NAME_SOURCES = ("NATO", "NATO pages transcription", "SIPRI", "Natural Earth", "facts")
# Natural Earth rows whose iso_a3 is "-99": the code the name book gives instead.
NATURAL_EARTH_NO_ISO = "Natural Earth iso_a3 -99"


def _allies_and_aggregates(countries: pd.DataFrame, raw: dict[str, object]) -> set[str]:
    return set(raw["members"]["iso3"]) | set(AGGREGATES)


def _allies_with_armed_forces_and_aggregates(countries: pd.DataFrame, raw: dict[str, object]) -> set[str]:
    # Iceland has no armed forces and no defence-expenditure line in the transcriptions.
    return _allies_and_aggregates(countries, raw) - {"ISL"}


def _every_country(countries: pd.DataFrame, raw: dict[str, object]) -> set[str]:
    return set(countries.loc[countries["entity_type"] == "country", "iso3"])


# Which of our entities each name source must cover (checked, so none is lost).
EXPECTED_COVERAGE = {
    "NATO": _allies_and_aggregates,
    "NATO pages transcription": _allies_with_armed_forces_and_aggregates,
    "SIPRI": _every_country,
}


def spelling_lookup(*sources: str) -> dict[str, str]:
    """Normalised spelling -> iso3 from the name book's ``sources`` (labels that name no country left out)."""
    return {
        normalise_name(name): iso3
        for source in sources
        for name, iso3 in source_spellings(source).items()
        if iso3
    }


def _facts_name_pairs(raw: dict[str, object]) -> list[tuple[str, str]]:
    """(name, iso3) pairs exactly as the facts files write them."""
    pairs: list[tuple[str, str]] = []
    for stem, name_col, code_col in (
        ("members", "country", "iso3"),
        ("eu_nato_membership", "country", "iso3"),
        ("candidates_partners", "country", "iso3"),
        ("efp_battlegroups", "host_nation", "host_iso3"),
        ("efp_battlegroups", "framework_nation", "framework_iso3"),
    ):
        frame = raw[stem]
        pairs += list(zip(frame[name_col], frame[code_col], strict=True))
    return pairs


def facts_lookup(raw: dict[str, object]) -> dict[str, str]:
    """Normalised facts-file name (and its part before a bracket) -> iso3, NATO's aggregates included."""
    lookup: dict[str, str] = {}
    for name, iso3 in _facts_name_pairs(raw):
        for variant in (name, label_name(name)):
            key = normalise_name(variant)
            if lookup.setdefault(key, iso3) != iso3:
                raise ValueError(f"Facts files map {variant!r} to both {lookup[key]} and {iso3}")
    for iso3, name in AGGREGATES.items():
        lookup[normalise_name(name)] = iso3
    return lookup


def build_countries(raw: dict[str, object]) -> pd.DataFrame:
    """One row per entity any dataset mentions, named as NATO writes it."""
    facts_names: dict[str, str] = {}
    for name, iso3 in _facts_name_pairs(raw):
        facts_names.setdefault(iso3, name)
    lookup = facts_lookup(raw)
    nato_spelling = spelling_lookup("NATO")
    nato_names: dict[str, str] = {}
    for label in raw["external_labels"]["NATO"]:
        name = label_name(label)
        key = normalise_name(name)
        iso3 = nato_spelling.get(key) or lookup.get(key)
        if iso3 is not None:
            nato_names.setdefault(iso3, name)
    rows = []
    for iso3 in sorted(facts_names):
        # NATO's spelling for Allies (Türkiye, Czechia, Slovak Republic); the facts
        # files' own name for partners, which NATO's tables do not list.
        rows.append({"iso3": iso3, "name": nato_names.get(iso3, facts_names[iso3]),
                     "entity_type": "country"})
    for iso3, name in AGGREGATES.items():
        rows.append({"iso3": iso3, "name": name, "entity_type": "aggregate"})
    countries = pd.DataFrame(rows)
    allies = set(raw["members"]["iso3"])
    missing = sorted(allies - set(nato_names))
    if missing:
        raise ValueError(f"No NATO table label found for Allies {missing}")
    return countries


class _NameBook:
    """Spellings collected so far, each with its key and the sources that use it."""

    def __init__(self, raw: dict[str, object], countries: pd.DataFrame) -> None:
        self.known = set(countries["iso3"])
        self.used: dict[str, tuple[str, set[str]]] = {}
        # A spelling any source uses is a valid name of that entity for every source.
        self.lookup = facts_lookup(raw)
        self.lookup.update(spelling_lookup(*NAME_SOURCES))
        for name, code in zip(countries["name"], countries["iso3"], strict=True):
            self.lookup[normalise_name(name)] = code

    def resolve(self, name: str) -> str | None:
        return self.lookup.get(normalise_name(name))

    def add(self, name: str, iso3: str, source: str) -> None:
        if iso3 not in self.known:
            return
        code, sources = self.used.setdefault(name, (iso3, set()))
        if code != iso3:
            raise ValueError(f"{name!r} maps to both {code} and {iso3}")
        sources.add(source)

    def frame(self) -> pd.DataFrame:
        rows = [
            {"name": name, "iso3": code, "used_by": ";".join(sorted(sources))}
            for name, (code, sources) in self.used.items()
        ]
        return pd.DataFrame(rows).sort_values(["iso3", "name"], ignore_index=True)


def _add_facts_names(book: _NameBook, raw: dict[str, object], countries: pd.DataFrame) -> None:
    for row in countries.itertuples(index=False):
        book.add(row.name, row.iso3, "natolab")
    for name, iso3 in [*_facts_name_pairs(raw), *source_spellings("facts").items()]:
        book.add(name, iso3, "facts")
    for name in raw["summits"]["host_country"]:
        code = book.resolve(name)
        if code is None:
            raise ValueError(f"summits.csv host_country {name!r} is not a known country name")
        book.add(name, code, "facts")


def _add_table_labels(book: _NameBook, raw: dict[str, object], countries: pd.DataFrame) -> None:
    labels = raw["external_labels"]
    for source in ("NATO", "NATO pages transcription", "SIPRI"):
        not_a_name = {label for label, iso3 in source_spellings(source).items() if not iso3}
        matched = set()
        for label in labels[source]:
            if label in not_a_name:
                continue
            name = label_name(label)
            iso3 = book.resolve(name)
            if iso3 is not None:
                book.add(name, iso3, source)
                matched.add(iso3)
        # A spelling we do not know would otherwise drop a country silently.
        missing = EXPECTED_COVERAGE[source](countries, raw) - matched
        if missing:
            raise ValueError(f"{source}: no label matched {sorted(missing)}")


def _add_codes_and_map(book: _NameBook, raw: dict[str, object]) -> None:
    labels = raw["external_labels"]
    for code in labels["passport"]:
        if code not in book.known:
            raise ValueError(f"passport country_stanag {code!r} is not in the country table")
        book.add(code, code, "passport")
    no_iso = source_spellings(NATURAL_EARTH_NO_ISO)
    for entry in labels["Natural Earth"]:
        name, code = entry.split("\t")
        iso3 = no_iso.get(name, code)
        spelled = book.resolve(name)
        if iso3 in book.known and spelled not in (None, iso3):
            raise ValueError(f"Natural Earth {name!r} has iso_a3 {iso3}, we say {spelled}")
        book.add(name, iso3, "Natural Earth")


def build_country_names(raw: dict[str, object], countries: pd.DataFrame) -> pd.DataFrame:
    """Every spelling of an entity in our table used by a source, mapped to its ISO3 key."""
    book = _NameBook(raw, countries)
    _add_facts_names(book, raw, countries)
    _add_table_labels(book, raw, countries)
    _add_codes_and_map(book, raw)
    names = book.frame()
    _check_unique_keys(names)
    return names


def _check_unique_keys(names: pd.DataFrame) -> None:
    keys = names.assign(key=names["name"].map(normalise_name))
    clash = keys.groupby("key")["iso3"].nunique()
    if (clash > 1).any():
        raise ValueError(f"Spellings clash after normalising: {clash[clash > 1].index.tolist()}")
