"""Catalogue entries of the country table and its name mapping (countries, country_names)."""

from __future__ import annotations

from typing import Any

from natolab.metadata._descriptors import (
    ACCESSED,
    CURATION_LICENCE,
    country_fk,
    facts_source,
    field,
    iso3,
    licence,
    resource_descriptor,
)

__all__ = ["RESOURCES", "SOURCES"]

SOURCES: dict[str, dict[str, Any]] = {
    "iso": {
        "title": "ISO 3166-1 currently assigned codes (alpha-3 checked against this list)",
        "path": "https://github.com/FactBaseIO/factbase-data-open/blob/"
        "0d11995065e352c6b4de67f86dadec45c1d6529c/countries/iso-3166-1/currently-assigned/data.md",
        "publisher": "FactBaseIO (factbase-data-open), transcribing ISO 3166-1",
        "edition": "commit 0d11995",
        "accessed": ACCESSED,
    },
    "nato_2024": {
        "title": "Defence Expenditure of NATO Countries (2014-2024), tables (country labels)",
        "path": "shared/sources/defence-spending/240617-def-exp-2024-TABLES-en.xlsx",
        "publisher": "NATO",
        "edition": "2024-06",
        "accessed": ACCESSED,
    },
    "nato_transcriptions": {
        "title": "NATO 2025 and 2026 editions and NATO figures quoted on web pages, transcribed "
        "(country labels)",
        "path": "shared/sources/defence-spending/nato_2025_2026_editions_transcribed.csv; "
        "shared/sources/defence-spending/nato_figures_transcribed_from_pages.csv",
        "publisher": "NATO (secondary transcriptions)",
        "accessed": ACCESSED,
    },
    "passport": {
        "title": "NATO June 2019 edition as tidied by the R package passport (country_stanag codes)",
        "path": "shared/sources/defence-spending/nato_passport_2012-2019_from_nato.rda.csv",
        "publisher": "NATO; tidied by alistaire47/passport",
        "edition": "2019-06",
        "accessed": ACCESSED,
    },
    "sipri": {
        "title": "SIPRI Military Expenditure Database, sheet 'Share of GDP' (country labels)",
        "path": "shared/sources/defence-spending/SIPRI-Milex-data-1949-2024_2.xlsx",
        "publisher": "SIPRI",
        "edition": "2025-04",
        "accessed": ACCESSED,
    },
    "natural_earth": {
        "title": "Natural Earth low-resolution admin-0 countries (column 'name'), as shipped in "
        "pyogrio's test fixtures",
        "path": "pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp",
        "publisher": "Natural Earth",
        "accessed": ACCESSED,
    },
}

_FACTS_FILES = facts_source(
    "members.csv; eu_nato_membership.csv; candidates_partners.csv; efp_battlegroups.csv; "
    "summits.csv",
    "names and ISO3 codes of Allies, EU members, aspirants and partners",
)

COUNTRIES = resource_descriptor(
    "countries",
    "Countries and NATO aggregates",
    "One row per entity any natolab dataset mentions: the 32 Allies, the EU members outside "
    "NATO (AUT, CYP, IRL, MLT), the aspirants (BIH, GEO, UKR), every partner of the PfP/EAPC, "
    "the Mediterranean Dialogue, the Istanbul Cooperation Initiative and partners across the "
    "globe, plus NATO's two aggregates of its expenditure tables (NATO_TOTAL, "
    "NATO_EUROPE_CANADA; entity_type 'aggregate', not ISO codes). Codes come from the facts "
    "collection's iso3 columns, which were checked against ISO 3166-1 (M18). Names are NATO's "
    "spelling where NATO's tables list the country (Türkiye, Czechia, Slovak Republic, United "
    "States, United Kingdom, North Macedonia), otherwise the facts collection's. Former states "
    "(USSR, Czechoslovakia, Yugoslavia, GDR) and SIPRI regions are not in the table.",
    [
        field("iso3", "ISO 3166-1 alpha-3 code, or NATO_TOTAL / NATO_EUROPE_CANADA for NATO's "
              "aggregates", required=True, unique=True, pattern="[A-Z_]{3,}"),
        field("name", "English short name as NATO writes it", required=True, unique=True),
        field("entity_type", "country, or aggregate for NATO's totals", required=True,
              enum=["country", "aggregate"]),
    ],
    primary_key=["iso3"],
    sources=[_FACTS_FILES, SOURCES["nato_2024"], SOURCES["iso"]],
    licenses=[CURATION_LICENCE],
)

COUNTRY_NAMES = resource_descriptor(
    "country_names",
    "Country spellings by source",
    "Every spelling of an entity in countries that a source natolab reads uses, mapped to its "
    "key: NATO tables (labels without footnote asterisks and the '(Currency)' suffix of TABLE1), "
    "the NATO transcriptions, SIPRI's 'Share of GDP' sheet, the passport country_stanag codes, "
    "Natural Earth's 'name' column (France and Norway carry iso_a3 -99 there and are matched by "
    "name; Malta and Bahrain are not on that map) and the facts collection's own names "
    "('Turkey (Türkiye)', 'Czech Republic (Czechia)', 'UK'/'US' in framework histories). "
    "used_by lists the sources using each spelling ('natolab' = our display name). Matching "
    "through natolab.countries.resolve ignores case, accents, asterisks and extra spaces.",
    [
        field("name", "A spelling of the entity as written by a source", required=True,
              unique=True),
        iso3(description="Key of the entity in countries"),
        field("used_by", "';'-separated sources using this spelling: NATO, NATO pages "
              "transcription, SIPRI, Natural Earth, passport, facts, natolab", required=True),
    ],
    primary_key=["name"],
    foreign_keys=country_fk("iso3"),
    sources=[
        _FACTS_FILES,
        SOURCES["nato_2024"],
        SOURCES["nato_transcriptions"],
        SOURCES["passport"],
        SOURCES["sipri"],
        SOURCES["natural_earth"],
    ],
    licenses=[
        CURATION_LICENCE,
        licence("public-domain", "Natural Earth: public domain", "https://www.naturalearthdata.com/about/terms-of-use/"),
    ],
)

RESOURCES: list[dict[str, Any]] = [COUNTRIES, COUNTRY_NAMES]
