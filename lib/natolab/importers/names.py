"""Country labels as the sources print them -> ISO3 codes (NATO aggregates included).

Sources decorate names: NATO stars Allies with a footnote (``Czechia*``) and puts the
currency in parentheses in Table 1 (``United Kingdom   (Pounds)``); SIPRI writes
``United States of America``. :func:`clean_label` strips the decoration,
:func:`to_iso3` maps what is left. The project's single name table is
``natolab.countries.resolve`` (data/country_names.csv); the small table below is
only a fallback for when that module is not importable, so the importers work on
their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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

# --- FALLBACK NAME TABLE -------------------------------------------------------------
# Used only when natolab.countries (data/country_names.csv) cannot be imported.
# Keys are lower-case labels after clean_label().
_FALLBACK_NAMES = {
    "albania": "ALB", "belgium": "BEL", "bulgaria": "BGR", "canada": "CAN",
    "croatia": "HRV", "czechia": "CZE", "czech republic": "CZE", "denmark": "DNK",
    "estonia": "EST", "finland": "FIN", "france": "FRA", "germany": "DEU",
    "greece": "GRC", "hungary": "HUN", "iceland": "ISL", "italy": "ITA",
    "latvia": "LVA", "lithuania": "LTU", "luxembourg": "LUX", "montenegro": "MNE",
    "netherlands": "NLD", "north macedonia": "MKD", "norway": "NOR", "poland": "POL",
    "portugal": "PRT", "romania": "ROU", "slovak republic": "SVK", "slovakia": "SVK",
    "slovenia": "SVN", "spain": "ESP", "sweden": "SWE", "türkiye": "TUR",
    "turkey": "TUR", "united kingdom": "GBR", "united states": "USA",
    "united states of america": "USA", "bosnia and herzegovina": "BIH",
    "georgia": "GEO", "ukraine": "UKR",
}  # fmt: skip
# -------------------------------------------------------------------------------------


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


def _project_resolver() -> Callable[[str], str] | None:
    try:
        from natolab.countries import resolve  # written in parallel; optional here
    except ImportError:
        return None
    return resolve


def to_iso3(label: str, where: str) -> str:
    """ISO3 code (or ``NATO_TOTAL`` / ``NATO_EUROPE_CANADA``) for a source label.

    ``where`` names the place the label came from (file, sheet, row) and is put in
    the error raised for a name no table knows.
    """
    name, _currency, _starred = clean_label(label)
    key = name.casefold()
    if key in AGGREGATES:
        return AGGREGATES[key]
    resolve = _project_resolver()
    if resolve is not None:
        try:
            return resolve(name)
        except (KeyError, ValueError, LookupError):
            pass  # fall through to the error below, which names the source location
    elif key in _FALLBACK_NAMES:
        return _FALLBACK_NAMES[key]
    raise UnknownCountryError(
        f"{where}: unknown country name {name!r} (label {label!r}); "
        "add the spelling to data/country_names.csv"
    )
