"""Country labels as the sources print them -> ISO3 codes (NATO aggregates included).

Sources decorate names: NATO stars Allies with a footnote (``Czechia*``) and puts the
currency in parentheses in Table 1 (``United Kingdom   (Pounds)``); SIPRI writes
``United States of America``. :func:`clean_label` strips the decoration,
:func:`to_iso3` maps what is left. The project's single name table is
``natolab.countries.resolve`` (data/country_names.csv).
"""

from __future__ import annotations

import re

from natolab.countries import resolve

__all__ = [
    "AGGREGATES",
    "ALLIES",
    "ASPIRANTS",
    "UnknownCountryError",
    "clean_label",
    "to_iso3",
]

# NATO's two aggregate rows, keyed as in data/countries.csv.
AGGREGATES = {
    "nato europe and canada": "NATO_EUROPE_CANADA",
    "nato total": "NATO_TOTAL",
}

# The 32 Allies since 7 March 2024 (Sweden) and the aspirants the SIPRI import keeps.
ALLIES = (
    "ALB", "BEL", "BGR", "CAN", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT", "ROU",
    "SVK", "SVN", "ESP", "SWE", "TUR", "GBR", "USA", "HRV",
)  # fmt: skip
ASPIRANTS = ("BIH", "GEO", "UKR")


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


def to_iso3(label: str, where: str) -> str:
    """ISO3 code (or ``NATO_TOTAL`` / ``NATO_EUROPE_CANADA``) for a source label.

    ``where`` names the place the label came from (file, sheet, row) and is put in
    the error raised for a name no table knows.
    """
    name, _currency, _starred = clean_label(label)
    key = name.casefold()
    if key in AGGREGATES:
        return AGGREGATES[key]
    try:
        return resolve(name)
    except (KeyError, ValueError, LookupError):
        # resolve() cannot know where the label came from: this error names the place.
        raise UnknownCountryError(
            f"{where}: unknown country name {name!r} (label {label!r}); "
            "add the spelling to data/country_names.csv"
        ) from None
