"""The importers' name book: country labels as the sources print them -> ISO3 codes.

Sources decorate names: NATO stars Allies with a footnote (``Czechia*``) and puts the
currency in parentheses in Table 1 (``United Kingdom   (Pounds)``); SIPRI writes
``United States of America``. :func:`clean_label` strips the decoration,
:func:`to_iso3` maps what is left through the project's name table,
``natolab.countries.resolve`` (data/country_names.csv).

That table is itself written by the facts import from the spellings each source uses.
The spellings that no facts file writes are data, not code: ``country_spellings.csv``
beside this module (source, name, iso3, why), read by :func:`source_spellings`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from natolab.countries import lookup
from natolab.importers import csvstore

__all__ = [
    "AGGREGATES",
    "ALLIES",
    "ASPIRANTS",
    "SPELLINGS_FILE",
    "UnknownCountryError",
    "clean_label",
    "label_name",
    "source_spellings",
    "to_iso3",
]

# NATO's two aggregate rows: our key (not an ISO code) -> the name NATO's tables print.
AGGREGATES = {"NATO_TOTAL": "NATO Total", "NATO_EUROPE_CANADA": "NATO Europe and Canada"}
_AGGREGATE_KEYS = {name.casefold(): code for code, name in AGGREGATES.items()}

# The 32 Allies since 7 March 2024 (Sweden) and the aspirants the SIPRI import keeps.
ALLIES = (
    "ALB", "BEL", "BGR", "CAN", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT", "ROU",
    "SVK", "SVN", "ESP", "SWE", "TUR", "GBR", "USA", "HRV",
)  # fmt: skip
ASPIRANTS = ("BIH", "GEO", "UKR")

SPELLINGS_FILE = Path(__file__).with_name("country_spellings.csv")


class UnknownCountryError(ValueError):
    """A country label that no name table knows; the message says where it was found."""


def clean_label(label: str) -> tuple[str, str | None, bool]:
    """Split a source label into (name, currency in parentheses or None, had a footnote star).

    ``"Czechia*   (Koruny)"`` -> ``("Czechia", "Koruny", True)``.
    """
    text = " ".join(str(label).replace("\xa0", " ").split())
    currency = None
    match = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*", text)
    if match:
        text, currency = match.group(1), match.group(2).strip()
    starred = "*" in text
    text = text.replace("*", "").strip()
    return text, currency, starred


def label_name(label: str) -> str:
    """The name in a source label, without footnote stars or a trailing "(Currency)"."""
    return clean_label(label)[0]


@functools.cache
def _spellings_by_source() -> dict[str, dict[str, str]]:
    return csvstore.read_mapping(SPELLINGS_FILE, "source", "name", "iso3")


def source_spellings(source: str) -> dict[str, str]:
    """Spellings of ``source`` (as written) -> iso3, from ``country_spellings.csv``.

    A blank iso3 marks a label of that source that names no country (skipped, not resolved).
    A source the file does not list raises KeyError, so a typo cannot pass for "no spellings".
    """
    return dict(_spellings_by_source()[source])


def to_iso3(label: str, where: str) -> str:
    """ISO3 code (or ``NATO_TOTAL`` / ``NATO_EUROPE_CANADA``) for a source label.

    ``where`` names the place the label came from (file, sheet, row) and is put in
    the error raised for a name no table knows.
    """
    name = label_name(label)
    aggregate = _AGGREGATE_KEYS.get(name.casefold())
    if aggregate is not None:
        return aggregate
    code = lookup(name)
    if code is not None:
        return code
    # Not resolve()'s error: this one names the source location, which resolve() cannot know.
    raise UnknownCountryError(
        f"{where}: unknown country name {name!r} (label {label!r}); "
        "add the spelling to data/country_names.csv"
    )
