"""Catalogue entries of the spending data: editions, defence_expenditure, sipri_milex,
sipri_factsheet_2025.

Values are written by ``natolab.importers`` (``natolab data import-nato-workbook``,
``import-sipri``, ``import-secondary``; ``python -m natolab.importers.sipri_factsheet``);
the descriptions below say what each edition holds, how conflicts were resolved, and
what was left out.
"""

from __future__ import annotations

from typing import Any

from natolab.importers.transcriptions import CONFLICTS
from natolab.metadata._descriptors import (
    ACCESSED,
    ACCESSED_2026_UPDATE,
    SOURCE_IDS_PATTERN,
    country_fk,
    facts_update_source,
    field,
    foreign_key,
    iso3,
    licence,
    resource_descriptor,
)

__all__ = ["INDICATORS", "RESOURCES", "SIPRI_INDICATORS", "SOURCES", "SOURCE_KINDS"]

_RAW = "shared/sources/defence-spending/"

INDICATORS = [
    "defence_expenditure_natcur_current_m",
    "defence_expenditure_natcur_constant_m",
    "defence_expenditure_usd_current_m",
    "defence_expenditure_usd_constant_m",
    "share_of_gdp_pct",
    "real_change_pct",
    "real_change_since_2014_pct",
    "gdp_usd_current_m",
    "gdp_usd_constant_m",
    "gdp_per_capita_usd_constant_k",
    "defence_expenditure_per_capita_usd_constant",
    "military_personnel_k",
    "equipment_share_pct",
    "personnel_share_pct",
    "infrastructure_share_pct",
    "other_share_pct",
]
SIPRI_INDICATORS = [
    "share_of_gdp_pct",
    "usd_constant_2023_m",
    "usd_current_m",
    "per_capita_usd_current",
    "share_of_government_spending_pct",
]
SOURCE_KINDS = ["official_workbook", "secondary_transcription", "tidy_conversion", "secondary_quote"]
DEFINITIONS = ["NATO defence expenditure", "core defence expenditure (The Hague 2025)"]
UNITS = [
    "million national currency",
    "million US$",
    "% of GDP",
    "% change on previous year",
    "% change since 2014",
    "thousand US$",
    "US$",
    "thousand persons",
    "% of defence expenditure",
]
PRICE_BASES = ["current", "constant 2015", "constant 2021"]

_NATO_TERMS = licence("NATO-attribution",
                      "NATO: free to reuse with attribution ('Source: NATO'); no other licence stated",
                      "https://www.nato.int/cps/en/natohq/topics_49198.htm")
_SIPRI_TERMS = licence("SIPRI-terms", "SIPRI: free for non-commercial use with attribution to SIPRI",
                       "https://www.sipri.org/databases/milex")
_GPL3 = licence("GPL-3.0", "Conversion by the R package passport (GPL-3); the figures are NATO's",
                "https://www.gnu.org/licenses/gpl-3.0.html")
_CITED = licence("cited", "Secondary sources (press, parliament, public code) quoted with their URL in "
                 "each row's 'source'; figures are NATO's", _RAW + "PROVENANCE.md")
# CURATION_LICENCE in the spending resources' own words, as the catalogue publishes them.
_CURATION = licence("CC-BY-4.0", "natolab's curation (selection, coding, notes)",
                    "https://creativecommons.org/licenses/by/4.0/")

SOURCES: dict[str, dict[str, Any]] = {
    "nato_2024": {
        "title": "Defence Expenditure of NATO Countries (2014-2024), Excel tables",
        "path": _RAW + "240617-def-exp-2024-TABLES-en.xlsx (NATO's file, downloaded from "
        "https://www.nato.int/cps/en/natohq/topics_49198.htm; copy from "
        "github.com/jacobvoss/geopolitical-dashboard @4318b07, sha256 1897e2ea…)",
        "publisher": "NATO Public Diplomacy Division",
        "edition": "2024-06",
        "accessed": ACCESSED,
    },
    "nato_2026": {
        "title": "Defence Investment of NATO Countries (2014-2026), transcribed from a tidy copy "
        "of def-exp-2026-en.xlsx",
        "path": _RAW + "nato_2025_2026_editions_transcribed.csv (main source: "
        "github.com/aiutononesistonousername/leave-the-gun-take-the-cannoli "
        "data/processed/nato_defence.csv @366dedb)",
        "publisher": "NATO Public Diplomacy Division (secondary transcription)",
        "edition": "2026-07",
        "accessed": ACCESSED,
    },
    "nato_2025": {
        "title": "Defence Expenditure of NATO Countries (2014-2025), transcribed from secondary "
        "copies and press reports",
        "path": _RAW + "nato_2025_2026_editions_transcribed.csv; " + _RAW
        + "nato_figures_transcribed_from_pages.csv",
        "publisher": "NATO Public Diplomacy Division (secondary transcription)",
        "edition": "2025-08",
        "accessed": ACCESSED,
    },
    "nato_2019": {
        "title": "Defence Expenditure of NATO Countries (2012-2019), as tidied by the R package "
        "passport (data/nato.rda, built from PR-2019-069-eng.xlsx)",
        "path": "https://github.com/alistaire47/passport (data/nato.rda @a518ecd); " + _RAW
        + "nato_passport_2012-2019_from_nato.rda.csv",
        "publisher": "NATO Public Diplomacy Division; tidied by alistaire47/passport",
        "edition": "2019-06",
        "accessed": ACCESSED,
    },
    "nato_sg_2023": {
        "title": "The Secretary General's Annual Report 2023 (shares of GDP as quoted in the press)",
        "path": "https://www.expressandstar.com/news/uk-news/2024/07/10/defence-spending-how-nato-"
        "countries-compare/ (" + _RAW
        + "nato_figures_transcribed_from_pages.csv)",
        "publisher": "NATO",
        "edition": "2024-03",
        "accessed": ACCESSED,
    },
    "nato_sg_2024": {
        "title": "The Secretary General's Annual Report 2024 (shares of GDP as quoted in the press)",
        "path": "https://knews.media/2025/04/25/nato-publishes-a-report-for-2024-surprising-data-"
        "on-expenses/ (" + _RAW + "nato_figures_transcribed_from_pages.csv)",
        "publisher": "NATO",
        "edition": "2025-04",
        "accessed": ACCESSED,
    },
    "nato_2017": {
        "title": "Defence Expenditure of NATO Countries (2010-2017) (2017 shares of GDP as quoted "
        "in the press)",
        "path": "http://www.dailymail.co.uk/news/fb-5843655/What-Nato-members-spend-defence.html ("
        + _RAW
        + "nato_figures_transcribed_from_pages.csv)",
        "publisher": "NATO",
        "edition": "2017-06",
        "accessed": ACCESSED,
    },
    "hc_111": {
        "title": "House of Commons Defence Committee, The future of NATO and European defence "
        "(HC 111, 2007-08), Annex D (House of Commons Library, NATO data)",
        "path": "http://www.parliament.the-stationery-office.co.uk/pa/cm200708/cmselect/cmdfence/"
        "111/11116.htm (" + _RAW + "nato_figures_transcribed_from_pages.csv; publication date "
        "20 March 2008 from https://publications.parliament.uk/pa/cm200708/cmselect/cmdfence/111/"
        "11102.htm and the report's title page)",
        "publisher": "House of Commons Defence Committee",
        "edition": "2008-03",
        "accessed": ACCESSED,
    },
    "sipri": {
        "title": "SIPRI Military Expenditure Database, 1949-2024",
        "path": "https://www.sipri.org/sites/default/files/SIPRI-Milex-data-1949-2024_2.xlsx "
        "(copy: " + _RAW + "SIPRI-Milex-data-1949-2024_2.xlsx)",
        "publisher": "Stockholm International Peace Research Institute (SIPRI)",
        "edition": "2025-04",
        "accessed": ACCESSED,
    },
}


_EDITION_PATTERN = r"\d{4}-(0[1-9]|1[0-2])"

EDITIONS = resource_descriptor(
    "editions",
    "NATO defence-expenditure editions",
    "One row per edition of NATO defence-expenditure figures held in defence_expenditure, keyed "
    "by publication month. Editions differ in vintage (2023 and 2024 estimates are revised in "
    "later editions), definition (the 2026 edition reports core defence expenditure under the "
    "Hague 2025 definition for every year) and constant-price base (2015 up to the 2024 edition, "
    "2021 from 2025): never splice editions into one series without saying so. source_kind says "
    "how the figures reached us: the official workbook (2024-06), a transcription of secondary "
    "copies (2025-08, 2026-07), a faithful conversion (2019-06) or quotes on web pages "
    "(2008-03, 2017-06, 2024-03, 2025-04). published, data_cutoff_date and estimate_years are "
    "blank where no source gives them. 2026-07: published 7 Jul 2026 is the NATO article's "
    "date; the workbook was saved 9 Jul and served 10 Jul 2026 (conflict recorded in "
    "coverage_note, not resolved); its metadata rest on low-grade copies that agree.",
    [
        field("edition", "Publication month of the edition (YYYY-MM)", required=True, pattern=_EDITION_PATTERN),
        field("title", "Title of the publication", required=True),
        field("publisher", "Who published it", required=True),
        field("published", "Publication date (blank where no source gives the day)", "date"),
        field("data_cutoff_date", "Data cut-off date the edition states (blank where "
              "no source gives it)", "date"),
        field("years_covered", "Years the edition covers, 'YYYY' or 'YYYY-YYYY'", required=True,
              pattern=r"\d{4}(-\d{4})?"),
        field("estimate_years", "Years the edition marks as estimates ('2025;2026'; "
              "';'-separated; blank where unknown or none), as in defence_expenditure.estimate",
              pattern=r"\d{4}(;\d{4})*"),
        field("definition", "Definition of defence expenditure used", required=True, enum=DEFINITIONS),
        field("constant_price_base", "Base year of the edition's constant prices (blank: none held)", "integer"),
        field("source_kind", "How natolab obtained the figures", required=True, enum=SOURCE_KINDS),
        field("coverage_note", "What of the edition natolab holds, and what is missing"),
    ],
    primary_key=["edition"],
    foreign_keys=[],
    sources=[
        *SOURCES.values(),
        facts_update_source("editions_2025_2026.csv", "metadata of the 2025 and 2026 NATO "
                            "releases: dates, cut-offs, estimate years (U26-35..U26-39)"),
    ],
    licenses=[_NATO_TERMS, _CITED, _CURATION],
)


def _conflict_text() -> str:
    parts = []
    for (edition, country, year, _indicator), (_kept, why) in CONFLICTS.items():
        parts.append(f"{edition} {country} {year}: {why.removeprefix('CONFLICT resolved: ')}")
    return "; ".join(parts)


DEFENCE_EXPENDITURE = resource_descriptor(
    "defence_expenditure",
    "NATO defence expenditure by edition (long form)",
    "NATO's figures on Allies' defence expenditure, one value per (edition, iso3, year, "
    "indicator), every edition kept side by side. 2024-06: every table of NATO's official June "
    "2024 workbook (T1 national currency, T2 US$, T3 share of real GDP and annual real change, "
    "T4 real change 2014-2024e, T5 GDP, T6 per capita, T7 military personnel, T8a/T8b shares by "
    "category; 32 Allies and the aggregates NATO_TOTAL and NATO_EUROPE_CANADA; Iceland, which "
    "has no armed forces, appears only in the GDP tables); source names the workbook cell. "
    "Table 4's 2014 and 2024e US$ and share columns repeat Tables 2 and 3 and are not stored "
    "twice. NATO's unlabelled hidden '#REF!' rows are skipped. Years NATO marks 'e' have "
    "estimate=true. 2026-07 (core definition, 2021 prices) and 2025-08 (partial) come from "
    "transcriptions of secondary copies, 2019-06 from the passport package's tidy copy (US$ "
    "converted to US$ million, persons to thousands), 2024-03, 2025-04, 2017-06 and 2008-03 "
    "from figures quoted on web pages. Values printed in rounded US$ bn are stored x1000 as US$ "
    "million and say so in note; where the same value exists unrounded the unrounded one is "
    "kept. Conflicts resolved (the better-sourced value kept, the other named in note): "
    + _conflict_text()
    + ". Left out: a 2025-04 value with no country name in the source (1.86, probably "
    "Croatia), the June 2017 edition's rounded US$ bn figures (price basis not stated), the US "
    "share of NATO total 2025 (not an indicator here), HC 111's '-' cells (not yet an Ally) and "
    "Iceland's empty defence columns in the 2019 edition. A blank value means the source has "
    "none (note says why). share_of_gdp_pct is NATO's share of real GDP; SIPRI's series "
    "(sipri_milex) uses another definition.",
    [
        field("edition", "Edition the value comes from (see editions)", required=True, pattern=_EDITION_PATTERN),
        iso3(description="ISO 3166-1 alpha-3 code, or NATO_TOTAL / NATO_EUROPE_CANADA"),
        field("year", "Year (fiscal year holding most months, e.g. 2024 = FY2024/25 "
              "for Canada and the UK)", "integer", required=True),
        field("indicator", "What the value measures (unit in the name: _m million, "
              "_k thousand, _pct percent)", required=True, enum=INDICATORS),
        field("unit", "Unit of value", required=True, enum=UNITS),
        field("price_basis", "Prices the value is expressed in (blank: not "
              "applicable or not stated)", enum=PRICE_BASES),
        field("value", "The figure (blank where the source has none; see note)", "number"),
        field("estimate", "True for years the edition marks as estimates ('2024e')", "boolean", required=True),
        field("source_kind", "How the value reached us", required=True, enum=SOURCE_KINDS),
        field("source", "File and cell, or file <- original URL/repository", required=True),
        field("note", "Currency, footnote marks, conversions, conflicts, blanks"),
    ],
    primary_key=["edition", "iso3", "year", "indicator"],
    foreign_keys=[foreign_key("edition", "editions", "edition"), *country_fk("iso3")],
    sources=list(SOURCES[k] for k in SOURCES if k != "sipri"),
    licenses=[_NATO_TERMS, _GPL3, _CITED, _CURATION],
)

SIPRI_MILEX = resource_descriptor(
    "sipri_milex",
    "SIPRI military expenditure, 1949-2024 (current Allies and aspirants)",
    "SIPRI Military Expenditure Database, April 2025 release (SIPRI-Milex-data-1949-2024_2.xlsx), "
    "long form, for the 32 Allies and the aspirants Bosnia and Herzegovina, Georgia and Ukraine, "
    "every year SIPRI lists (1949-2024; per capita and share of government spending from 1988). "
    "SIPRI stores the shares of GDP and of government spending as FRACTIONS; natolab multiplies "
    "them by 100, so the unit is percent. SIPRI's '. .' (shown as '...') becomes a blank value "
    "with missing_reason 'no data', 'xxx' a blank value with 'state did not exist'. A literal "
    "0 in SIPRI's Current US$ sheet where the same country-year has positive spending in local "
    "currency, constant US$ or share of GDP is a placeholder, not zero spending: blank value "
    "with 'placeholder zero' (Albania 1975-91, Estonia 1992, Hungary 1954-67, Romania "
    "1950-56; rule PLACEHOLDER_ZERO_RULE of natolab.importers.sipri). SIPRI's "
    "estimates (blue) and highly uncertain figures (red) are marked by colour only and are not "
    "flagged here. Germany is SIPRI's 'Germany' row (the GDR, USSR, Czechoslovakia and "
    "Yugoslavia are separate rows in SIPRI and are not kept). Iceland has no military: SIPRI "
    "gives 0 in US$ and no share of GDP. SIPRI's definition differs from NATO's (e.g. Spain "
    "2024: 1.43 % SIPRI vs 1.28 % NATO June 2024): never mix the two in one series without "
    "saying so.",
    [
        field("iso3", "ISO 3166-1 alpha-3 code", required=True, pattern="[A-Z]{3}"),
        field("year", "Calendar year (US: fiscal year ending 30 September)", "integer", required=True),
        field("indicator", "What the value measures", required=True, enum=SIPRI_INDICATORS),
        field("value", "share_of_gdp_pct and share_of_government_spending_pct in "
              "percent (SIPRI fraction x100); usd_constant_2023_m and usd_current_m in US$ "
              "million; per_capita_usd_current in US$ (blank: see missing_reason)", "number"),
        field("missing_reason", "Why value is blank: SIPRI has no data ('. .'), "
              "the state did not exist ('xxx'), or SIPRI's 0 in current US$ is a placeholder "
              "(positive spending in another measure the same year)",
              enum=["no data", "state did not exist", "placeholder zero"]),
        field("edition", "SIPRI release (YYYY-MM)", required=True, pattern=_EDITION_PATTERN),
    ],
    primary_key=["iso3", "year", "indicator"],
    foreign_keys=country_fk("iso3"),
    sources=[SOURCES["sipri"]],
    licenses=[_SIPRI_TERMS, _CURATION],
)

_U26 = "shared/sources/facts/SOURCES-2026-update.md"
SIPRI_FACTSHEET_SOURCES = [
    {
        "title": "SIPRI Fact Sheet 'Trends in World Military Expenditure, 2025' (April 2026, "
        "DOI 10.55163/ZLHQ1057), Table 1 (top 40 spenders), as transcribed in "
        "abhisheksharma-github/Aero_Vault packages/vault/scripts/build-countries.py @b98ed80 "
        "[U26-43, low: a personal repository transcribing the official fact sheet]",
        "path": "https://www.sipri.org/sites/default/files/2026-04/2604_milex_2025.pdf (official "
        "PDF, not stored; the transcription is in " + _U26 + ")",
        "publisher": "Stockholm International Peace Research Institute (SIPRI); transcribed by "
        "a personal repository",
        "edition": "2026-04",
        "accessed": ACCESSED_2026_UPDATE,
    },
    {
        "title": "SIPRI press release of 27 Apr 2026 as quoted in public GitHub files, agreeing "
        "with U26-43 for the United States, Germany, the United Kingdom, France and Spain "
        "[U26-44, low]",
        "path": "https://www.sipri.org/media/press-release/2026/global-military-spending-rise-"
        "continues-european-and-asian-expenditures-surge (named, not stored)",
        "publisher": "Stockholm International Peace Research Institute (SIPRI); quoted in "
        "public files",
        "edition": "2026-04",
        "accessed": ACCESSED_2026_UPDATE,
    },
    {
        "title": "SIPRI Military Expenditure Database, 1949-2025 (SIPRI-Milex-data-1949-"
        "2025_v1.2.xlsx, constant prices 2024 US$): known to exist, NO COPY RETRIEVED, not "
        "used [U26-45, low]",
        "path": "https://www.sipri.org/sites/default/files/SIPRI-Milex-data-1949-2025_v1.2.xlsx",
        "publisher": "Stockholm International Peace Research Institute (SIPRI)",
        "edition": "2026-04",
        "accessed": ACCESSED_2026_UPDATE,
    },
    facts_update_source("sipri_2026.md", "SIPRI April 2026 release: 2025 figures for the 18 "
                        "Allies in SIPRI's top 40 (section 2), from a [low] transcription of the "
                        "fact sheet (U26-43..U26-45)"),
]

SIPRI_FACTSHEET_2025 = resource_descriptor(
    "sipri_factsheet_2025",
    "SIPRI military expenditure 2025 from the April 2026 fact sheet (18 Allies, current US$ bn)",
    "SIPRI's 2025 figures for the 18 Allies in the top 40 of Table 1 of the fact sheet 'Trends "
    "in World Military Expenditure, 2025' (SIPRI, April 2026), one row per Ally. SIPRI's "
    "definition of military expenditure (not NATO's). Spending is in CURRENT 2025 US$ billion, "
    "not constant US$; the changes are SIPRI's real (inflation-adjusted) changes in percent; "
    "shares of GDP and of the world total in percent. Values are as printed in the fact sheet, "
    "rounded to one decimal (several changes printed as whole numbers, e.g. +118), a leading "
    "'+' dropped; nothing is recomputed. Grade [low]: the figures come from a transcription of "
    "the official fact sheet in a personal repository (U26-43); the United States, Germany, the "
    "United Kingdom, France and Spain agree with other public files quoting SIPRI "
    "(corroborated_by U26-44; flags names the figures that agree). No Ally is marked as a SIPRI "
    "estimate in the transcription. Not found, so no row (nothing filled): the 14 Allies "
    "outside the top 40 (Albania, Bulgaria, Croatia, Estonia, Hungary, Iceland, Latvia, "
    "Lithuania, Luxembourg, Montenegro, North Macedonia, Portugal, Slovakia, Slovenia) and "
    "constant-US$ 2025 values for every Ally (the 2026 workbook, U26-45, could not be "
    "retrieved). Left out: the raw table's column of NATO 2026-edition core shares of GDP "
    "(NATO's data, in defence_expenditure; the source says never to splice the series) and the "
    "aggregates the raw file quotes (world, Europe, '29 European NATO members'), which rest on "
    "[low] quotes only; the audit of SOURCES-2026-update.md says the 'US$559 bn for 29 European "
    "NATO members' line is a mix-up with NATO's August 2025 aggregate. Do not join or append "
    "to sipri_milex: a different release (April 2025, data to 2024, constant 2023 US$ million) "
    "from the April 2026 release this comes from (constant prices 2024 US$, not held here); "
    "and do not mix with NATO's series (defence_expenditure): the definitions differ (e.g. "
    "Canada 2025: 1.6 % SIPRI vs 2.03 % NATO 2026 edition, core).",
    [
        field("iso3", "ISO 3166-1 alpha-3 code of the Ally", required=True, pattern="[A-Z]{3}"),
        field("year", "Year the figures refer to (2025)", "integer", required=True, minimum=2025, maximum=2025),
        field("milex_usd_current_bn", "Military expenditure 2025 in US$ billion at "
              "current (2025) prices and exchange rates, SIPRI definition", "number", required=True, minimum=0),
        field("real_change_2024_2025_pct", "Real (inflation-adjusted) change in "
              "military expenditure 2024-2025, in percent", "number", required=True, minimum=-100),
        field("real_change_2016_2025_pct", "Real (inflation-adjusted) change in "
              "military expenditure 2016-2025, in percent", "number", required=True, minimum=-100),
        field("share_of_gdp_pct", "Military expenditure 2025 as a share of GDP, in "
              "percent (SIPRI's share, not NATO's)", "number", required=True, minimum=0, maximum=100),
        field("share_of_gdp_2016_pct", "Military expenditure 2016 as a share of GDP, "
              "in percent, as the 2026 fact sheet gives it", "number", required=True, minimum=0, maximum=100),
        field("share_of_world_pct", "Share of world military expenditure 2025, in "
              "percent", "number", required=True, minimum=0, maximum=100),
        field("sipri_rank_2025", "Rank among the world's spenders in 2025 (Table 1 "
              "lists the top 40)", "integer", required=True, minimum=1, maximum=40),
        field("sipri_rank_2024", "Rank in 2024 as the 2026 fact sheet gives it (in "
              "brackets)", "integer", required=True, minimum=1),
        field("corroborated_by", "Source ids (';'-separated) of other files that "
              "agree with some of the row's figures (blank = none found; flags names the "
              "figures)", pattern=SOURCE_IDS_PATTERN),
        field("source_ids", "Source ids (';'-separated) of the row's figures, each "
              "listed in the references resource", required=True, pattern=SOURCE_IDS_PATTERN),
        field("grade", "Grade of the source of the figures (low: a personal "
              "repository transcribing the official fact sheet)", required=True,
              enum=["official", "reprint", "secondary", "low"]),
        field("flags", "Which figures the corroborating files give (blank = none)"),
    ],
    primary_key=["iso3", "year"],
    foreign_keys=country_fk("iso3"),
    sources=SIPRI_FACTSHEET_SOURCES,
    licenses=[_SIPRI_TERMS, _CURATION],
)

RESOURCES: list[dict[str, Any]] = [EDITIONS, DEFENCE_EXPENDITURE, SIPRI_MILEX, SIPRI_FACTSHEET_2025]
