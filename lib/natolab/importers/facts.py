"""Curate the NATO facts datasets and the country table from the raw collection.

Reads ``shared/sources/facts/*.csv`` and ``SOURCES.md`` (plus the country labels of
the defence-spending workbooks and of Natural Earth, for ``country_names``) and
writes the tidy CSVs in ``data/``: countries, country_names, members,
eu_membership, summits, targets, eu_nato, eu_nato_actions, partners,
partnership_frameworks, aspirants, operations, kfor_strength, efp_battlegroups,
allies_2pct_claims, hague_commitment and references. The 2026 update
(``SOURCES-2026-update.md`` with its U26-NN source ids,
``allies_2pct_count_2025_2026.csv``, ``hague_2025_commitment.csv``,
``summits_all.csv``, ``eu_nato_2025_2026.csv``) and ``operations_additions.csv``
(SOURCES-deterrence.md, D source ids) are read beside the first collection.

Nothing is imputed. Values are copied from the raw rows; every curation choice
(a renamed column, a quirk of one source, a value parsed out of free text) is a
named constant below with the reason, and a changed raw file fails loudly
instead of producing a silently different table.

Run: ``python -m natolab.importers.facts`` (curators only; needs ``../shared``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from natolab import paths
from natolab.countries import normalise_name
from natolab.importers import csvstore

__all__ = [
    "OUTPUTS",
    "build",
    "build_allies_2pct_claims",
    "build_hague_commitment",
    "clean_label",
    "load_inputs",
    "main",
    "parse_references",
    "parse_update_references",
    "save",
]

FACTS_DIR = paths.SOURCES_DIR / "facts"
SPENDING_DIR = paths.SOURCES_DIR / "defence-spending"
NATO_2024_WORKBOOK = SPENDING_DIR / "240617-def-exp-2024-TABLES-en.xlsx"
NATO_2025_2026_TRANSCRIPTION = SPENDING_DIR / "nato_2025_2026_editions_transcribed.csv"
NATO_PAGES_TRANSCRIPTION = SPENDING_DIR / "nato_figures_transcribed_from_pages.csv"
PASSPORT_CSV = SPENDING_DIR / "nato_passport_2012-2019_from_nato.rda.csv"
SIPRI_WORKBOOK = SPENDING_DIR / "SIPRI-Milex-data-1949-2024_2.xlsx"

OUTPUTS = (
    "countries",
    "country_names",
    "members",
    "eu_membership",
    "summits",
    "targets",
    "eu_nato",
    "eu_nato_actions",
    "partners",
    "partnership_frameworks",
    "aspirants",
    "operations",
    "kfor_strength",
    "efp_battlegroups",
    "allies_2pct_claims",
    "hague_commitment",
    "references",
)

# --- Country names -----------------------------------------------------------------

# NATO's own aggregates, written as in the NATO tables; keys are ours (not ISO codes).
AGGREGATES = {"NATO_TOTAL": "NATO Total", "NATO_EUROPE_CANADA": "NATO Europe and Canada"}

# Spellings that differ from every name in the facts files, by the source that uses
# them. Only names of entities in our country table are mapped; SIPRI regions and
# former states (USSR, Czechoslovakia, Yugoslavia, GDR) are deliberately left out.
SPELLINGS = {
    "NATO": {
        "Czechia": "CZE",  # facts files: "Czech Republic (Czechia)"
        "Slovak Republic": "SVK",  # facts files: "Slovakia"
        "Türkiye": "TUR",  # facts files: "Turkey (Türkiye)"
    },
    "NATO pages transcription": {"Czech Republic": "CZE", "Turkey": "TUR"},
    "SIPRI": {
        "United States of America": "USA",
        "Korea, South": "KOR",
        "Kyrgyz Republic": "KGZ",
    },
    "Natural Earth": {
        "United States of America": "USA",
        "Turkey": "TUR",
        "Macedonia": "MKD",
        "Bosnia and Herz.": "BIH",
        "South Korea": "KOR",
    },
    # efp_battlegroups.csv writes framework histories as "UK since 2017", "US since 2017".
    "facts": {"UK": "GBR", "US": "USA"},
}
# Natural Earth's low-resolution countries carry iso_a3 "-99" for these two.
NATURAL_EARTH_NO_ISO = {"France": "FRA", "Norway": "NOR"}
# Labels in the NATO pages transcription that are not country names.
NOT_A_NAME = {"(unnamed in source; probably Croatia)"}



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

_CURRENCY_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def clean_label(label: str) -> str:
    """A NATO table label without footnote asterisks or a trailing "(Currency)"."""
    text = " ".join(str(label).replace("*", " ").replace("\xa0", " ").split())
    return _CURRENCY_SUFFIX.sub("", text).strip()


# --- members / eu_membership --------------------------------------------------------

FOUNDERS_FLAG = (
    "Date is the signature of the North Atlantic Treaty (4 Apr 1949); the treaty entered into "
    "force on 24 Aug 1949 and each founder became a Party when it deposited its ratification; "
    "those dates were not collected (M02)"
)
# Conflicts and weak evidence named in SOURCES.md section 1, kept beside the row.
MEMBER_FLAGS = {
    "DEU": "NATO gives 6 May 1955, deposit of the instrument (M05); some sources give 9 May 1955, "
    "the first North Atlantic Council session/ceremony",
    "ESP": "NATO's page gives only 'May 1982' (M06); the day 30 May 1982 comes from secondary "
    "sources, one page gives 29 May 1982. The 1986 referendum figures rest on wiki copies (M23)",
    "FRA": "Withdrawal from the integrated command is dated July 1966 by one source and March 1966 "
    "by another; the effective day of the 2009 return was not collected (M14)",
    "GRC": "Exact effective days of the Aug 1974 withdrawal and Oct 1980 reintegration were not "
    "collected (M15)",
    "DNK": "NATO coverage of Greenland and the Faroe Islands rests only on a low-grade blog copy of "
    "Wikipedia (M20)",
}
ROUND_LABEL_FOUNDERS = "Founding 1949"
# GBR's EU membership appears only in the free-text eu_notes of members.csv.
GBR_EU_NOTE = re.compile(
    r"Former EU member: (?P<entry>\d{4}-\d{2}-\d{2}) to (?P<exit>\d{4}-\d{2}-\d{2})"
)
# (note, source id it rests on), added to the row's notes and source_ids.
EU_EXTRA_NOTES = {
    "DNK": ("The Faroe Islands never joined the EC; Greenland left with effect from 1 Feb 1985 (E09)", "E09"),
}

# --- summits / targets ----------------------------------------------------------------

# One row per commitment. Each number is checked against the raw summits row
# (`evidence` must appear in the named raw column) so a changed source fails here.
TARGETS = [
    {
        "target_id": "wales_2pct",
        "summit": "Wales 2014",
        "agreed_date": "2014-09-05",
        "agreed_date_basis": "Defence Investment Pledge dated 5 Sep 2014 (summits.csv)",
        "measure": "share_of_gdp_pct",
        "spending_scope": "nato_defence_expenditure",
        "threshold_kind": "guideline",
        "threshold_pct": 2.0,
        "target_year": 2024,
        "review_year": None,
        "description": "Allies below the 2% guideline: halt any decline, aim to increase defence "
        "expenditure in real terms as GDP grows, aim to move towards 2% of GDP within a decade; "
        "Allies at 2% aim to continue",
        "source_ids": "S01;S02;S03;S04",
        "flags": "target_year 2024 is the plain reading of 'within a decade' from 2014",
        "evidence": {"spending_target_pct_gdp": "2.0", "target_year": "2024"},
    },
    {
        "target_id": "wales_20pct_equipment",
        "summit": "Wales 2014",
        "agreed_date": "2014-09-05",
        "agreed_date_basis": "Defence Investment Pledge dated 5 Sep 2014 (summits.csv)",
        "measure": "equipment_share_pct",
        "spending_scope": "major_equipment_incl_rd",
        "threshold_kind": "at_least",
        "threshold_pct": 20.0,
        "target_year": 2024,
        "review_year": None,
        "description": "Aim to spend 20% or more of defence expenditure on major new equipment, "
        "including related research and development, within a decade",
        "source_ids": "S01;S02;S03;S04",
        "flags": "Wording paraphrased from secondary reports; the declaration paragraph itself was "
        "not retrieved. target_year 2024 is the plain reading of 'within a decade' from 2014",
        "evidence": {"spending_target_pct_gdp": "20%", "target_year": "2024"},
    },
    {
        "target_id": "vilnius_2pct_floor",
        "summit": "Vilnius 2023",
        "agreed_date": "2023-07-11",
        "agreed_date_basis": "Vilnius decisions dated 11 Jul 2023 (MAP removal for Ukraine and "
        "ITPPs adopted that day, candidates_partners.csv); the summit ran 11-12 Jul 2023",
        "measure": "share_of_gdp_pct",
        "spending_scope": "nato_defence_expenditure",
        "threshold_kind": "at_least",
        "threshold_pct": 2.0,
        "target_year": None,
        "review_year": None,
        "description": "New Defence Investment Pledge: an enduring commitment to invest at least "
        "2% of GDP annually on defence (2% becomes a floor, not a ceiling); applies every year, "
        "so there is no target year",
        "source_ids": "S17;S18;S19",
        "flags": "Communiqué wording paraphrased from secondary sources (VOV; Stoltenberg's "
        "'2% of GDP, at a minimum'); the communiqué paragraph was not retrieved",
        "evidence": {"spending_target_pct_gdp": "2.0 (minimum, annually)"},
    },
    {
        "target_id": "hague_core_3_5pct",
        "summit": "The Hague 2025",
        "agreed_date": "2025-06-25",
        "agreed_date_basis": "North Atlantic Council meeting of 25 Jun 2025 (dinner on 24 Jun)",
        "measure": "share_of_gdp_pct",
        "spending_scope": "core_defence",
        "threshold_kind": "at_least",
        "threshold_pct": 3.5,
        "target_year": 2035,
        "review_year": 2029,
        "description": "At least 3.5% of GDP annually on core defence requirements (agreed NATO "
        "definition of defence expenditure, to meet Capability Targets) by 2035; annual national "
        "plans showing a credible, incremental path; progress review in 2029",
        "source_ids": "S25;S26;S27;S28;S29",
        "flags": "Spain's reported opt-out is media reporting (S28), not treaty text",
        "evidence": {"spending_target_pct_gdp": "3.5 core", "target_year": "2035"},
    },
    {
        "target_id": "hague_related_1_5pct",
        "summit": "The Hague 2025",
        "agreed_date": "2025-06-25",
        "agreed_date_basis": "North Atlantic Council meeting of 25 Jun 2025 (dinner on 24 Jun)",
        "measure": "share_of_gdp_pct",
        "spending_scope": "defence_and_security_related",
        "threshold_kind": "up_to",
        "threshold_pct": 1.5,
        "target_year": 2035,
        "review_year": 2029,
        "description": "Up to 1.5% of GDP annually on defence- and security-related spending "
        "(critical infrastructure, networks, civil preparedness and resilience, innovation, "
        "defence industrial base) by 2035",
        "source_ids": "S25;S26;S27;S28;S29",
        "flags": "Spain's reported opt-out is media reporting (S28), not treaty text",
        "evidence": {"spending_target_pct_gdp": "1.5 related", "target_year": "2035"},
    },
    {
        "target_id": "hague_total_5pct",
        "summit": "The Hague 2025",
        "agreed_date": "2025-06-25",
        "agreed_date_basis": "North Atlantic Council meeting of 25 Jun 2025 (dinner on 24 Jun)",
        "measure": "share_of_gdp_pct",
        "spending_scope": "core_plus_related",
        "threshold_kind": "level",
        "threshold_pct": 5.0,
        "target_year": 2035,
        "review_year": 2029,
        "description": "Invest 5% of GDP annually by 2035 = at least 3.5% core defence + up to "
        "1.5% defence- and security-related; direct contributions to Ukraine's defence and "
        "defence industry counted",
        "source_ids": "S25;S26;S27;S28;S29",
        "flags": "Spain's reported opt-out is media reporting (S28), not treaty text",
        "evidence": {"spending_target_pct_gdp": "5.0 total", "target_year": "2035"},
    },
]

# --- partners / frameworks / aspirants ------------------------------------------------

FRAMEWORK_IDS = {
    "Aspirant (Open Door, Art. 10)": "open_door",
    "Partnership for Peace / Euro-Atlantic Partnership Council": "pfp",
    "Mediterranean Dialogue": "mediterranean_dialogue",
    "Istanbul Cooperation Initiative": "istanbul_cooperation_initiative",
    "Partners across the globe": "partners_across_the_globe",
}
FRAMEWORK_TABLE_IDS = {
    "Open Door / aspirants (Art. 10)": "open_door",
    "Partnership for Peace (PfP)": "pfp",
    "Euro-Atlantic Partnership Council (EAPC)": "eapc",
    "Mediterranean Dialogue (MD)": "mediterranean_dialogue",
    "Istanbul Cooperation Initiative (ICI)": "istanbul_cooperation_initiative",
    "Partners across the globe": "partners_across_the_globe",
}
PFP_FLAG = (
    "Signature dates of the PfP Framework Document from low-grade lists (P03-P05); not checked "
    "against NATO's signatures page"
)
PARTNER_FLAGS = {
    ("KWT", "istanbul_cooperation_initiative"): "Sources conflict: Dec 2004 (gulf press, Kuwait "
    "Times), Nov 2004 (KUNA), first three months of 2005 (NATO archived page, P09); 2004-12 kept",
    ("KOR", "partners_across_the_globe"): "ITPP adopted 11 Jul 2023 per Yonhap, KBS and a NATO "
    "news reprint (P22, P24); CSDS gives 13 Jul 2023",
    ("AFG", "partners_across_the_globe"): "No formal-programme date found: date_joined blank",
    ("PAK", "partners_across_the_globe"): "No formal-programme date found: date_joined blank",
    ("BHR", "istanbul_cooperation_initiative"): "Feb 2005 from gulf press (P08); NATO's archived "
    "page says only 'first three months of 2005' (P09)",
    ("QAT", "istanbul_cooperation_initiative"): "Feb 2005 from gulf press (P08); NATO's archived "
    "page says only 'first three months of 2005' (P09)",
}
ASPIRANTS = {
    "BIH": {
        "map_status": "map",
        "milestone": "Invited to join the Membership Action Plan by NATO foreign ministers in "
        "Tallinn (first Annual National Programme accepted only after registration of defence "
        "property)",
        "application_date": "",
        "flags": "Dec 2018 readiness to accept the first ANP is from secondary sources (A02)",
        "extra_source_ids": "",
    },
    "GEO": {
        "map_status": "no_map",
        "milestone": "Bucharest Summit: Allies agreed Georgia will become a member",
        "application_date": "",
        "flags": "Month only in the source row; the Bucharest Summit Declaration is dated "
        "3 Apr 2008 (S31). Application date not collected",
        "extra_source_ids": "S31",
    },
    "UKR": {
        "map_status": "map_not_required",
        "milestone": "Bucharest Summit: Allies agreed Ukraine will become a member",
        # "Formal application for accelerated accession signed 30 Sept 2022" (A04).
        "application_date": "2022-09-30",
        "flags": "Month only in the source row; the Bucharest Summit Declaration is dated "
        "3 Apr 2008 (S31). Application date from secondary sources (A04)",
        "extra_source_ids": "S31",
    },
}

# --- operations / KFOR / EU-NATO --------------------------------------------------------

KFOR_FIGURE_KIND = {
    "approx (at height/launch)": "approx",
    "approx": "approx",
    "'over 14,000'": "lower_bound",
    "'more than 4,500'": "lower_bound",
    "'just under 6,000'": "upper_bound",
    "exact": "exact",
}
ACTION_BATCHES = {"2016 (first)": "first_2016", "2017 (second)": "second_2017", "combined": "combined"}
ACTION_STATUS = {
    "sourced": "sourced",
    "sourced (conflict)": "sourced_conflict",
    "sourced (approximate)": "sourced_approximate",
    "not found": "not_found",
}
# The combined rows cover two endorsement days; they stay blank in the date column.
COMBINED_NOTE = "Both sets: 42 endorsed 2016-12-06 + 32 endorsed 2017-12-05"

_SOURCE_LINE = re.compile(r"^- (?P<id>[A-Z]\d\d) (?P<rest>.*)$")
# SOURCES-2026-update.md, section 3: "- **U26-07** [official] Citation. Address: ... Supports: ..."
_UPDATE_SOURCE_LINE = re.compile(
    r"^- \*\*(?P<id>U26-\d\d)\*\* \[(?P<tag>[^\]]+)\] (?P<citation>.*?) Address: "
    r"(?P<address>.*?) Supports: (?P<supports>.*)$"
)
UPDATE_SOURCES_SECTION = "3. Sources (U26-)"
# "(...; = U22 in SOURCES.md)": the whole entry repeats a source of the first collection.
_UPDATE_ALIAS = re.compile(r"= (?P<ref>[A-Z]\d\d) in SOURCES\.md")

# --- allies_2pct_claims ------------------------------------------------------------------

# The raw files mark curator counts "DERIVED" and restated earlier years "CONTEXT row" in
# flags. A row carrying both is a curator count first: claim_kind must never let a count
# the curator made pass for something NATO said, so "derived" wins (flags keep "CONTEXT").
_DERIVED_FLAG = re.compile(r"\bDERIVED\b")
_CONTEXT_FLAG = re.compile(r"^CONTEXT row\b")
# Source order of the claims: the first collection, then the 2026 update.
CLAIM_FILES = ("allies_2pct_count", "allies_2pct_count_2025_2026")

# --- hague_commitment ----------------------------------------------------------------------

# value_pct_gdp cells are a number, optionally followed by words in brackets
# ("3.5 (minimum)", "2.1 (Spain's stated need)"): the number and the words are split.
_VALUE_WITH_NOTE = re.compile(r"^(?P<number>\d+(?:\.\d+)?)(?: \((?P<note>[^()]+)\))?$")
_URL = re.compile(r"https?://\S+")
_GRADE = re.compile(r"\[(?P<tag>[^\]]+)\]")


# ======================================================================================
# Load inputs
# ======================================================================================


def _read_raw(name: str, facts_dir: Path) -> pd.DataFrame:
    """A raw facts CSV as text, blanks kept as empty strings (never NaN)."""
    return pd.read_csv(facts_dir / name, dtype=str, keep_default_na=False, encoding="utf-8")


def load_inputs(sources_dir: Path | None = None) -> dict[str, object]:
    """Every raw input the curation reads, keyed by file stem."""
    base = Path(sources_dir) if sources_dir is not None else paths.SOURCES_DIR
    facts_dir = base / "facts"
    spending_dir = base / "defence-spending"
    if not facts_dir.is_dir():
        raise FileNotFoundError(
            f"Raw facts directory not found: {facts_dir} (the curation needs ../shared/sources)"
        )
    raw: dict[str, object] = {
        stem: _read_raw(f"{stem}.csv", facts_dir)
        for stem in (
            "members",
            "eu_nato_membership",
            "candidates_partners",
            "partnership_frameworks",
            "summits",
            "summits_all",
            "eu_nato",
            "eu_nato_2025_2026",
            "eu_nato_actions",
            "allies_2pct_count",
            "allies_2pct_count_2025_2026",
            "hague_2025_commitment",
            "operations",
            "operations_additions",
            "kfor_troop_numbers",
            "efp_battlegroups",
        )
    }
    raw["sources_md"] = (facts_dir / "SOURCES.md").read_text(encoding="utf-8")
    raw["sources_2026_md"] = (facts_dir / "SOURCES-2026-update.md").read_text(encoding="utf-8")
    raw["external_labels"] = _external_labels(spending_dir)
    return raw


def _external_labels(spending_dir: Path) -> dict[str, list[str]]:
    """Country labels as written by each outside source the project reads."""
    import openpyxl  # only the curator needs it
    import pyogrio

    labels: dict[str, list[str]] = {}
    book = openpyxl.load_workbook(
        spending_dir / NATO_2024_WORKBOOK.name, read_only=True, data_only=True
    )
    nato: list[str] = []
    for sheet in book.worksheets:
        for (value,) in sheet.iter_rows(min_col=3, max_col=3, values_only=True):
            if isinstance(value, str) and value.strip():
                nato.append(value)
    book.close()
    labels["NATO"] = nato
    transcribed = pd.read_csv(spending_dir / NATO_2025_2026_TRANSCRIPTION.name, dtype=str)
    labels["NATO"] += transcribed["country"].dropna().tolist()
    pages = pd.read_csv(spending_dir / NATO_PAGES_TRANSCRIPTION.name, dtype=str)
    labels["NATO pages transcription"] = pages["country"].dropna().tolist()
    passport = pd.read_csv(spending_dir / PASSPORT_CSV.name, dtype=str)
    labels["passport"] = passport["country_stanag"].dropna().tolist()
    sipri = pd.read_excel(spending_dir / SIPRI_WORKBOOK.name, sheet_name="Share of GDP", header=5)
    labels["SIPRI"] = sipri["Country"].dropna().astype(str).tolist()
    shapefile = (
        Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
    )
    earth = pyogrio.read_dataframe(shapefile, read_geometry=False)
    labels["Natural Earth"] = [f"{n}\t{c}" for n, c in zip(earth["name"], earth["iso_a3"], strict=True)]
    return labels


# ======================================================================================
# Process data
# ======================================================================================


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


def _facts_lookup(raw: dict[str, object]) -> dict[str, str]:
    """Normalised facts-file name (and its part before a bracket) -> iso3."""
    lookup: dict[str, str] = {}
    for name, iso3 in _facts_name_pairs(raw):
        for variant in (name, clean_label(name)):
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
    lookup = _facts_lookup(raw)
    nato_spelling = {normalise_name(k): v for k, v in SPELLINGS["NATO"].items()}
    nato_names: dict[str, str] = {}
    for label in raw["external_labels"]["NATO"]:
        name = clean_label(label)
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
        self.lookup = _facts_lookup(raw)
        for spellings in SPELLINGS.values():
            self.lookup.update({normalise_name(k): v for k, v in spellings.items()})
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
    for name, iso3 in [*_facts_name_pairs(raw), *SPELLINGS["facts"].items()]:
        book.add(name, iso3, "facts")
    for name in raw["summits"]["host_country"]:
        code = book.resolve(name)
        if code is None:
            raise ValueError(f"summits.csv host_country {name!r} is not a known country name")
        book.add(name, code, "facts")


def _add_table_labels(book: _NameBook, raw: dict[str, object], countries: pd.DataFrame) -> None:
    labels = raw["external_labels"]
    for source in ("NATO", "NATO pages transcription", "SIPRI"):
        matched = set()
        for label in labels[source]:
            if label in NOT_A_NAME:
                continue
            name = clean_label(label)
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
    for entry in labels["Natural Earth"]:
        name, code = entry.split("\t")
        iso3 = NATURAL_EARTH_NO_ISO.get(name, code)
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


def _bool(value: str) -> str:
    mapping = {"yes": "true", "no": "false"}
    if value not in mapping:
        raise ValueError(f"expected yes/no, got {value!r}")
    return mapping[value]


def build_members(raw: dict[str, object]) -> pd.DataFrame:
    """The 32 Allies with accession date, round and the special cases as notes."""
    src = raw["members"]
    round_number = src["round_number"].astype(int)
    founders = round_number == 0
    round_label = src["nato_accession_date"].str[:4].where(~founders, ROUND_LABEL_FOUNDERS)
    flags = src["iso3"].map(MEMBER_FLAGS).fillna("")
    flags = flags.where(~founders | (flags != ""), FOUNDERS_FLAG)
    return pd.DataFrame(
        {
            "iso3": src["iso3"],
            "accession_date": src["nato_accession_date"],
            "enlargement_round": round_label,
            "round_number": round_number,
            "founding_member": src["founding_member"].map(_bool),
            "accession_date_basis": src["accession_date_basis"],
            "special_notes": src["special_notes"],
            "eu_notes": src["eu_notes"],
            "flags": flags,
            "source_ids": src["source_ids"],
        }
    )


def _with_ids(source_ids: str, *extra: str) -> str:
    """``source_ids`` with the extra ids a curation note cites appended (no duplicates)."""
    ids = [i for i in source_ids.split(";") if i]
    return ";".join(ids + [i for i in extra if i and i not in ids])


def build_eu_membership(raw: dict[str, object]) -> pd.DataFrame:
    """EEC/EC/EU entry (and exit) for every current or former EU member."""
    src = raw["eu_nato_membership"]
    current = src[src["eu_member"] == "yes"]
    rows = [
        {
            "iso3": row.iso3,
            "eu_accession_date": row.eu_accession_date,
            "eu_exit_date": "",
            "notes": "; ".join(n for n in (row.notes, EU_EXTRA_NOTES.get(row.iso3, ("", ""))[0]) if n),
            "source_ids": _with_ids(row.source_ids, EU_EXTRA_NOTES.get(row.iso3, ("", ""))[1]),
        }
        for row in current.itertuples(index=False)
    ]
    members = raw["members"].set_index("iso3")
    match = GBR_EU_NOTE.search(members.loc["GBR", "eu_notes"])
    if match is None:
        raise ValueError("members.csv: GBR eu_notes no longer give the former EU membership dates")
    rows.append(
        {
            "iso3": "GBR",
            "eu_accession_date": match["entry"],
            "eu_exit_date": match["exit"],
            "notes": members.loc["GBR", "eu_notes"],
            "source_ids": members.loc["GBR", "source_ids"],
        }
    )
    return pd.DataFrame(rows).sort_values("iso3", ignore_index=True)


# summits_all.csv (2026 update) is wider than NATO's own count of its summits: NATO called
# Bucharest 2008 its 22nd summit and Lisbon 2010 its 24th (U26-18; audit of
# SOURCES-2026-update.md), the data has 23 and 25 rows by then, because it also holds special,
# extraordinary and leaders' meetings and the NATO-Russia summit of 2002. Which of those NATO
# leaves out is not stated anywhere, so ``counted_by_nato`` is true only where the evidence
# says so and blank (never false) for the exceptional meetings:
#   count_1997       - NATO's mid-1997 press-info sheet: "There have been 14 such meetings"
#                      since 1949 (U26-01); the data's meetings up to then are exactly 14.
#   regular_summit   - after mid-1997, a meeting the source types as a summit ("Summit",
#                      "Summit (...)", "Summit meeting"); NATO's ordinals leave room for these.
#   exceptional_meeting - special NAC meetings, extraordinary summits, leaders' meetings, the
#                      NATO-Russia summit: counted_by_nato blank (not established).
NATO_SUMMIT_COUNT_1997 = re.compile(r"There have been (?P<n>\d+) such meetings")
NATO_SUMMIT_COUNT_1997_END = "1997-06-30"  # "c. mid-1997" (U26-01)
REGULAR_SUMMIT_TYPE = re.compile(r"^Summit(?: \(.*\)| meeting)?$")
# Host names in summits_all.csv that no facts file or NATO table spells: the raw row says DEU
# is the ISO code of the Federal Republic of Germany before and after 1990.
SUMMIT_HOST_SPELLINGS = {"West Germany (Federal Republic of Germany)": "DEU"}
# summits.csv rows are copied into summits_all.csv unchanged (SOURCES-2026-update.md); the
# only edits allowed are notes of the 2026-12-01 audit appended to flags (Madrid 2022).
_AUDIT_NOTE = "AUDIT 2026-12-01"


def _summit_hosts(raw: dict[str, object]) -> pd.DataFrame:
    """host_iso3 and co_host_iso3 of summits_all.csv, each checked against its host_country."""
    src = raw["summits_all"]
    lookup = _facts_lookup(raw)
    for spellings in (SPELLINGS["NATO"], SUMMIT_HOST_SPELLINGS):
        lookup.update({normalise_name(k): v for k, v in spellings.items()})
    hosts, co_hosts = [], []
    for summit, names, codes in zip(src["summit"], src["host_country"], src["host_iso3"], strict=True):
        named = [lookup.get(normalise_name(n.strip())) for n in names.split(";") if n.strip()]
        coded = [c.strip() for c in codes.split(";") if c.strip()]
        if named != coded or len(coded) > 2:
            raise ValueError(
                f"summits_all.csv {summit!r}: host_country {names!r} resolves to {named}, "
                f"host_iso3 says {coded}"
            )
        hosts.append(coded[0] if coded else "")
        co_hosts.append(coded[1] if len(coded) == 2 else "")
    return pd.DataFrame({"host_iso3": hosts, "co_host_iso3": co_hosts}, index=src.index)


def _check_copied_summits(raw: dict[str, object]) -> None:
    """Every summits.csv row is in summits_all.csv, once, with the same values."""
    first, update = raw["summits"], raw["summits_all"]
    twice = update["summit"][update["summit"].duplicated()].tolist()
    if twice:
        raise ValueError(f"summits_all.csv lists summits twice: {twice}")
    missing = sorted(set(first["summit"]) - set(update["summit"]))
    if missing:
        raise ValueError(f"summits.csv rows missing from summits_all.csv: {missing}")
    update = update.set_index("summit")
    for row in first.itertuples(index=False):
        for column in first.columns.drop("summit"):
            old, new = getattr(row, column), update.loc[row.summit, column]
            added = new.replace(old, "", 1).strip("; ") if old in new else None
            if old != new and not (column == "flags" and added and added.startswith(_AUDIT_NOTE)):
                raise ValueError(
                    f"summits_all.csv {row.summit!r} {column}: {new!r} differs from summits.csv {old!r}"
                )


def _nato_count_basis(raw: dict[str, object]) -> pd.Series:
    """count_1997, regular_summit or exceptional_meeting per row (see NATO_SUMMIT_COUNT_1997)."""
    src = raw["summits_all"]
    match = NATO_SUMMIT_COUNT_1997.search(raw["sources_2026_md"])
    if match is None:
        raise ValueError("SOURCES-2026-update.md no longer gives NATO's count of summit meetings to 1997")
    early = src["start_date"] <= NATO_SUMMIT_COUNT_1997_END
    if early.sum() != int(match["n"]):
        raise ValueError(
            f"summits_all.csv has {early.sum()} meetings to mid-1997, NATO counted {match['n']} (U26-01)"
        )
    regular = src["meeting_type"].str.match(REGULAR_SUMMIT_TYPE)
    basis = regular.map({True: "regular_summit", False: "exceptional_meeting"})
    return basis.where(~early, "count_1997")


def build_summits(raw: dict[str, object]) -> pd.DataFrame:
    """Every summit-level meeting 1957-2026 (summits_all.csv), NATO-counted ones marked.

    ``spending_target_pct_gdp`` and ``target_year`` of the raw file are left out: the
    targets resource owns those facts.
    """
    _check_copied_summits(raw)
    src = raw["summits_all"]
    hosts = _summit_hosts(raw)
    basis = _nato_count_basis(raw)
    return pd.DataFrame(
        {
            "summit": src["summit"],
            "city": src["city"],
            "host_iso3": hosts["host_iso3"],
            "co_host_iso3": hosts["co_host_iso3"],
            "start_date": src["start_date"],
            "end_date": src["end_date"],
            "meeting_type": src["meeting_type"],
            "counted_by_nato": basis.map(
                {"count_1997": "true", "regular_summit": "true", "exceptional_meeting": ""}
            ),
            "nato_count_basis": basis,
            "n_allies": src["n_allies"].astype(int),
            "burden_sharing_decisions": src["burden_sharing_decisions"],
            "other_key_decisions": src["other_key_decisions"],
            "source_ids": src["source_ids"],
            "flags": src["flags"],
        }
    )


def build_targets(raw: dict[str, object]) -> pd.DataFrame:
    """One row per spending commitment, each checked against its raw summit row."""
    summits = raw["summits"].set_index("summit")
    rows = []
    for spec in TARGETS:
        for column, text in spec["evidence"].items():
            if text not in summits.loc[spec["summit"], column]:
                raise ValueError(
                    f"summits.csv {spec['summit']!r} {column} no longer contains {text!r} "
                    f"(target {spec['target_id']})"
                )
        rows.append({k: v for k, v in spec.items() if k != "evidence"})
    frame = pd.DataFrame(rows)
    for column in ("target_year", "review_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


# The 2026 update (eu_nato_2025_2026.csv) repeats an event of eu_nato.csv where it adds what the
# first collection lacks (the 10th progress report: "Also listed (without content) in
# eu_nato.csv"). Such an event stays one row: the first collection's values are kept, its
# blank cells filled from the update, the source ids and flags of both kept. The two files may
# word only these columns differently (the first collection's wording is kept); any other
# difference is a conflict and stops the curation.
EU_NATO_REWORDED = ("title", "signatories_or_body")
EU_NATO_UPDATE_FLAG = "2026 update: "


def _event_ids(frame: pd.DataFrame) -> pd.Series:
    """event_type and number, or the year when unnumbered, or the full date where two
    unnumbered events of one type share a year (eu_initiative_context 2025)."""
    suffix = frame["number"].where(frame["number"] != "", frame["date"].str[:4])
    ids = frame["event_type"] + "_" + suffix
    clash = ids.duplicated(keep=False) & (frame["number"] == "")
    return ids.where(~clash, frame["event_type"] + "_" + frame["date"])


def _merge_event(first: pd.Series, update: pd.Series, event_id: str) -> pd.Series:
    merged = first.copy()
    for column, new in update.items():
        old = first[column]
        if column == "source_ids":
            merged[column] = _with_ids(old, *new.split(";"))
        elif column == "flags":
            merged[column] = "; ".join(x for x in (old, EU_NATO_UPDATE_FLAG + new if new else "") if x)
        elif not old:
            merged[column] = new
        elif new and new != old and column not in EU_NATO_REWORDED:
            raise ValueError(f"eu_nato {event_id} {column}: eu_nato.csv {old!r}, 2026 update {new!r}")
    return merged


def build_eu_nato(raw: dict[str, object]) -> pd.DataFrame:
    """EU-NATO milestones, 2002-2026: declarations, common sets of proposals, progress reports,
    high-level meetings and (marked eu_initiative_context) EU defence initiatives tied to NATO."""
    first, update = raw["eu_nato"].copy(), raw["eu_nato_2025_2026"].copy()
    if list(update.columns) != list(first.columns):
        raise ValueError("eu_nato_2025_2026.csv no longer has the columns of eu_nato.csv")
    ids = _event_ids(pd.concat([first, update], ignore_index=True))
    first.index, update.index = ids.iloc[: len(first)], ids.iloc[len(first) :]
    for part in (first, update):
        if part.index.duplicated().any():
            raise ValueError(f"eu_nato: event ids not unique: {sorted(part.index[part.index.duplicated()])}")
    for event_id in update.index.intersection(first.index):
        first.loc[event_id] = _merge_event(first.loc[event_id], update.loc[event_id], event_id)
    out = pd.concat([first, update.drop(index=first.index, errors="ignore")])
    return out.rename_axis("event_id").reset_index()


def build_eu_nato_actions(raw: dict[str, object]) -> pd.DataFrame:
    """Common-set actions per batch and area; per-area counts only where sourced."""
    src = raw["eu_nato_actions"]
    combined = src["batch"] == "combined"
    notes = src["notes"].where(~combined, COMBINED_NOTE + ". " + src["notes"])
    return pd.DataFrame(
        {
            "batch": src["batch"].map(ACTION_BATCHES),
            "endorsement_date": src["endorsement_date"].where(~combined, ""),
            "area": src["area"],
            "area_origin": src["area_origin"],
            "n_actions": src["n_actions"],
            "n_actions_status": src["n_actions_status"].map(ACTION_STATUS),
            "notes": notes,
            "source_ids": src["source_ids"],
        }
    )


def build_partners(raw: dict[str, object]) -> pd.DataFrame:
    """One row per country and partnership framework (aspirants included)."""
    src = raw["candidates_partners"]
    framework = src["framework"].map(FRAMEWORK_IDS)
    flags = [
        PARTNER_FLAGS.get((iso3, fw), PFP_FLAG if fw == "pfp" else "")
        for iso3, fw in zip(src["iso3"], framework, strict=True)
    ]
    return pd.DataFrame(
        {
            "iso3": src["iso3"],
            "framework": framework,
            "status": src["status"],
            "partnership_suspended": src["status"].str.contains("(suspended)", regex=False)
            .map({True: "true", False: "false"}),
            "date_joined": src["date_joined"],
            "date_precision": src["date_precision"],
            "year_joined": src["year_joined"],
            "notes": src["notes"],
            "flags": flags,
            "source_ids": src["source_ids"],
        }
    )


def _precision(date: str) -> str:
    return {10: "day", 7: "month", 4: "year", 0: ""}[len(date)]


def build_partnership_frameworks(raw: dict[str, object]) -> pd.DataFrame:
    """The six frameworks with launch and number of partner countries."""
    src = raw["partnership_frameworks"]
    count = src["n_partner_countries"].str.extract(r"^(\d+)")[0]
    count_note = src["n_partner_countries"].where(src["n_partner_countries"] != count, "")
    notes = [
        "; ".join(x for x in (note, f"Count as written: {extra}" if extra else "") if x)
        for note, extra in zip(src["notes"], count_note, strict=True)
    ]
    return pd.DataFrame(
        {
            "framework": src["framework"].map(FRAMEWORK_TABLE_IDS),
            "name": src["framework"],
            "launched": src["launched"],
            "launched_precision": src["launched"].map(_precision),
            "launch_detail": src["launch_detail"],
            "n_partner_countries": count,
            "members_listed": src["members_listed"].str.replace(
                "candidates_partners.csv", "partners.csv", regex=False
            ),
            "notes": notes,
            "source_ids": src["source_ids"],
        }
    )


def build_aspirants(raw: dict[str, object]) -> pd.DataFrame:
    """The three aspirants (Open Door, Article 10) with their milestone and status."""
    src = raw["candidates_partners"]
    src = src[src["framework"].map(FRAMEWORK_IDS) == "open_door"]
    if set(src["iso3"]) != set(ASPIRANTS):
        raise ValueError(f"Aspirants changed: {sorted(src['iso3'])} vs {sorted(ASPIRANTS)}")
    rows = []
    for row in src.itertuples(index=False):
        extra = ASPIRANTS[row.iso3]
        if extra["application_date"] and extra["application_date"][:4] not in row.notes:
            raise ValueError(f"{row.iso3}: application date no longer in the source notes")
        rows.append(
            {
                "iso3": row.iso3,
                "status": row.status,
                "map_status": extra["map_status"],
                "milestone": extra["milestone"],
                "milestone_date": row.date_joined,
                "milestone_date_precision": row.date_precision,
                "application_date": extra["application_date"],
                "notes": row.notes,
                "flags": extra["flags"],
                "source_ids": _with_ids(row.source_ids, extra["extra_source_ids"]),
            }
        )
    return pd.DataFrame(rows)


def _operation_id(short_name: str) -> str:
    base = short_name.split(" (")[0]
    return re.sub(r"[^a-z0-9]+", "_", base.casefold()).strip("_")


# operations_additions.csv (SOURCES-deterrence.md, D source ids) writes three air activities'
# short names as an acronym ("eAP", "eVA") or "name / acronym". They are written "Name (acronym)"
# like the existing "Baltic Air Policing", so that operation_id (the part before the bracket)
# reads icelandic_air_policing, enhanced_air_policing, enhanced_vigilance_activities: the
# missions of air_policing_rotations.csv link to them by that name. The Turkish air-defence
# deployment's short name is a note on its names ("national name, e.g. Italy; 'Support to
# Turkey'"), which reads as a list in every sentence that names running operations: it is
# called by the name NATO Allies use for it, and the note is kept in flags (see below).
OPERATION_SHORT_NAMES = {
    "Icelandic Air Policing / ASIC IPPN": "Icelandic Air Policing (ASIC IPPN)",
    "eAP": "Enhanced Air Policing (eAP)",
    "eVA": "Enhanced Vigilance Activities (eVA)",
    "Active Fence (national name, e.g. Italy); 'Support to Turkey'": "Active Fence",
}


def _operation_rows(raw: dict[str, object]) -> pd.DataFrame:
    """operations.csv, then operations_additions.csv (same columns, renamed short names)."""
    first, additions = raw["operations"], raw["operations_additions"].copy()
    if list(additions.columns) != list(first.columns):
        raise ValueError("operations_additions.csv no longer has the columns of operations.csv")
    unknown = set(OPERATION_SHORT_NAMES) - set(additions["short_name"])
    if unknown:
        raise ValueError(f"operations_additions.csv no longer has short names {sorted(unknown)}")
    # A renamed short name that was more than a name is kept, word for word, in the flags.
    notes = additions["short_name"].map(lambda n: n if n in OPERATION_SHORT_NAMES and ";" in n else "")
    additions["flags"] = [
        "; ".join(p for p in (str(f) if isinstance(f, str) else "", f"short name as written: {n}" if n else "") if p)
        for f, n in zip(additions["flags"], notes, strict=True)
    ]
    additions["short_name"] = additions["short_name"].replace(OPERATION_SHORT_NAMES)
    src = pd.concat([first, additions], ignore_index=True)
    ids = src["short_name"].map(_operation_id)
    if ids.duplicated().any():
        raise ValueError(f"operations: operation ids not unique: {sorted(ids[ids.duplicated()])}")
    return src


def build_operations(raw: dict[str, object]) -> pd.DataFrame:
    """NATO operations, missions and activities 1993-2026 (first collection, then the additions)."""
    src = _operation_rows(raw)
    return pd.DataFrame(
        {
            "operation_id": src["short_name"].map(_operation_id),
            "name": src["name"],
            "short_name": src["short_name"],
            "operation_type": src["type"],
            "theatre": src["theatre"],
            "start_date": src["start_date"],
            "start_date_precision": src["start_date"].map(_precision),
            "end_date": src["end_date"],
            "end_date_precision": src["end_date"].map(_precision),
            "start_year": src["start_year"],
            "end_year": src["end_year"],
            "status": src["status"],
            "mandate_or_basis": src["mandate_or_basis"],
            "strength_notes": src["strength_notes"],
            "successor_or_predecessor": src["successor_or_predecessor"],
            "source_ids": src["source_ids"],
            "flags": src["flags"],
        }
    )


def build_kfor_strength(raw: dict[str, object]) -> pd.DataFrame:
    """KFOR troop strength at the dates the sources give (no annual series)."""
    src = raw["kfor_troop_numbers"]
    kind = src["troops_approx_flag"].map(KFOR_FIGURE_KIND)
    if kind.isna().any():
        unknown = src.loc[kind.isna(), "troops_approx_flag"].tolist()
        raise ValueError(f"kfor_troop_numbers.csv: unknown troops_approx_flag {unknown}")
    return pd.DataFrame(
        {
            "date": src["date"],
            "date_precision": src["date_precision"],
            "kfor_troops": src["kfor_troops"],
            "figure_kind": kind,
            "figure_qualifier": src["troops_approx_flag"],
            "n_contributing_nations": src["n_contributing_nations"],
            "source_type": src["source_type"],
            "source_ids": src["source_ids"],
            "flags": src["flags"],
        }
    )


def build_efp_battlegroups(raw: dict[str, object]) -> pd.DataFrame:
    """The eight Forward Land Forces battlegroups (troops as of June 2022)."""
    src = raw["efp_battlegroups"]
    return src.drop(columns=["host_nation", "framework_nation"])


def _claim_kind(flags: str, basis: str) -> str:
    """stated, derived or context, from the raw row's flags (see ``_DERIVED_FLAG``)."""
    if _DERIVED_FLAG.search(flags):
        # A DERIVED flag on a row that does not say it is a curator count (or the reverse)
        # means the raw file changed its conventions: stop rather than mislabel it.
        if not basis.startswith("Curator count"):
            raise ValueError(f"allies_2pct claims: DERIVED row is not a curator count: {basis!r}")
        return "derived"
    if basis.startswith("Curator count"):
        raise ValueError(f"allies_2pct claims: curator count without a DERIVED flag: {basis!r}")
    if _CONTEXT_FLAG.search(flags):
        return "context"
    return "stated"


def build_allies_2pct_claims(raw: dict[str, object]) -> pd.DataFrame:
    """Published claims (and curator counts) of how many Allies met 2% of GDP.

    A year can have several claims (statements of different dates, restated editions),
    so each row gets ``claim_id`` = year and ordinal of the claim for that year in source
    order (``CLAIM_FILES``, rows as they stand in each file). Counts stay blank where the
    raw file leaves them blank (conflict, or a statement without a number).
    """
    src = pd.concat([raw[name] for name in CLAIM_FILES], ignore_index=True)
    ordinal = src.groupby("year").cumcount() + 1
    kinds = [
        _claim_kind(flag, basis)
        for flag, basis in zip(src["flags"], src["statement_date_or_basis"], strict=True)
    ]
    return pd.DataFrame(
        {
            "claim_id": src["year"] + "-" + ordinal.astype(str),
            "year": src["year"],
            "n_allies_at_or_above_2pct": src["n_allies_at_or_above_2pct"],
            "n_allies_total": src["n_allies_total"],
            "statement_basis": src["statement_date_or_basis"],
            "claim_kind": kinds,
            "source_ids": src["source_ids"],
            "flags": src["flags"],
        }
    )


def build_hague_commitment(raw: dict[str, object]) -> pd.DataFrame:
    """The Hague Summit Declaration's spending commitment in parts, with Spain's claim.

    ``value_pct_gdp`` keeps only the number; the words the raw cell adds in brackets
    ("minimum", "Spain's stated need") go to ``value_note``, so no text is lost.
    """
    src = raw["hague_2025_commitment"]
    numbers, notes = [], []
    for component_id, value in zip(src["component_id"], src["value_pct_gdp"], strict=True):
        match = _VALUE_WITH_NOTE.match(value)
        if value and match is None:
            raise ValueError(
                f"hague_2025_commitment.csv {component_id}: value_pct_gdp {value!r} is not "
                "'number' or 'number (words)'"
            )
        numbers.append(match["number"] if match else "")
        notes.append((match["note"] or "") if match else "")
    out = src.copy()
    out["value_pct_gdp"] = numbers
    out.insert(out.columns.get_loc("value_pct_gdp") + 1, "value_note", notes)
    return out


def parse_references(sources_md: str) -> pd.DataFrame:
    """One row per source id listed in SOURCES.md (grade, citation, URLs, section)."""
    rows = []
    section = ""
    for line in sources_md.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        match = _SOURCE_LINE.match(line)
        if match is None:
            continue
        rest = match["rest"]
        same_as = ""
        alias = re.match(r"^= (?P<ref>[A-Z]\d\d)\b", rest)
        if alias:
            same_as = alias["ref"]
        urls = [u.rstrip(".,)") for u in _URL.findall(rest)]
        tags = _GRADE.findall(rest)
        # The grade is the first word of a bracketed tag ("official, archived" -> official);
        # an entry citing several pages can mix grades, so all of them are listed too.
        grades = [re.match(r"[a-z]+", tag).group(0) for tag in tags]
        head = _URL.split(rest, maxsplit=1)[0]
        citation = _GRADE.sub("", head).strip().rstrip(":;").strip()
        rows.append(
            {
                "source_id": match["id"],
                "grade": grades[0] if grades else "",
                "grades_mentioned": ";".join(dict.fromkeys(grades)),
                "grade_detail": " | ".join(tags),
                "citation": citation,
                "url": " ; ".join(urls),
                "same_as": same_as,
                "topic": section,
                "entry": rest,
            }
        )
    frame = pd.DataFrame(rows)
    if frame["source_id"].duplicated().any():
        dups = frame.loc[frame["source_id"].duplicated(), "source_id"].tolist()
        raise ValueError(f"SOURCES.md lists source ids twice: {dups}")
    return frame


def parse_update_references(update_md: str) -> pd.DataFrame:
    """One row per U26-NN source id of SOURCES-2026-update.md, section 3.

    Same columns as :func:`parse_references`. citation is the text before "Address:",
    url the addresses after it (blank where the entry has none, e.g. a code file), topic
    names the file and section, and entry is the whole line as written.
    """
    rows = []
    section = ""
    for line in update_md.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        if section != UPDATE_SOURCES_SECTION or not line.startswith("- **U26-"):
            continue
        match = _UPDATE_SOURCE_LINE.match(line)
        if match is None:
            raise ValueError(f"SOURCES-2026-update.md: source line not understood: {line[:60]!r}")
        tag = match["tag"]
        # "[official + secondary]", "[secondary (archive) + official (...)]": one grade per
        # part; the first is the entry's grade, as for SOURCES.md.
        grades = [re.match(r"[a-z]+", part.strip()).group(0) for part in tag.split("+")]
        alias = _UPDATE_ALIAS.search(match["citation"])
        rows.append(
            {
                "source_id": match["id"],
                "grade": grades[0],
                "grades_mentioned": ";".join(dict.fromkeys(grades)),
                "grade_detail": tag,
                "citation": match["citation"].strip().rstrip("."),
                "url": " ; ".join(u.rstrip(".,)") for u in _URL.findall(match["address"])),
                "same_as": alias["ref"] if alias else "",
                "topic": f"SOURCES-2026-update.md: {section}",
                "entry": line[len(f"- **{match['id']}** "):],
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        raise ValueError(f"SOURCES-2026-update.md: no U26 source ids in {UPDATE_SOURCES_SECTION!r}")
    return frame


def build_references(raw: dict[str, object]) -> pd.DataFrame:
    """Every source id: SOURCES.md, then the U26 ids of SOURCES-2026-update.md, then the D ids
    of SOURCES-deterrence.md (parsed by ``natolab.importers.deterrence``)."""
    from natolab.importers import deterrence  # late: deterrence builds on this module

    frame = pd.concat(
        [parse_references(raw["sources_md"]), parse_update_references(raw["sources_2026_md"]),
         deterrence.references(raw)],
        ignore_index=True,
    )
    if frame["source_id"].duplicated().any():
        dups = frame.loc[frame["source_id"].duplicated(), "source_id"].tolist()
        raise ValueError(f"Source ids listed twice: {dups}")
    return frame


def build(raw: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Every curated table from the raw inputs."""
    countries = build_countries(raw)
    tables = {
        "countries": countries,
        "country_names": build_country_names(raw, countries),
        "members": build_members(raw),
        "eu_membership": build_eu_membership(raw),
        "summits": build_summits(raw),
        "targets": build_targets(raw),
        "eu_nato": build_eu_nato(raw),
        "eu_nato_actions": build_eu_nato_actions(raw),
        "partners": build_partners(raw),
        "partnership_frameworks": build_partnership_frameworks(raw),
        "aspirants": build_aspirants(raw),
        "operations": build_operations(raw),
        "kfor_strength": build_kfor_strength(raw),
        "efp_battlegroups": build_efp_battlegroups(raw),
        "allies_2pct_claims": build_allies_2pct_claims(raw),
        "hague_commitment": build_hague_commitment(raw),
        "references": build_references(raw),
    }
    _check_source_ids(tables)
    _check_country_codes(tables)
    return tables


def _split_ids(values: Iterable[str]) -> set[str]:
    return {part.strip() for value in values for part in str(value).split(";") if part.strip()}


def _check_source_ids(tables: dict[str, pd.DataFrame]) -> None:
    known = set(tables["references"]["source_id"])
    for name, frame in tables.items():
        if "source_ids" in frame:
            unknown = _split_ids(frame["source_ids"]) - known
            if unknown:
                raise ValueError(
                    f"{name}: source ids not in SOURCES.md or SOURCES-2026-update.md: "
                    f"{sorted(unknown)}"
                )


def _check_country_codes(tables: dict[str, pd.DataFrame]) -> None:
    known = set(tables["countries"]["iso3"])
    for name, frame in tables.items():
        for column in [c for c in frame.columns if c == "iso3" or c.endswith("_iso3")]:
            unknown = set(frame[column].dropna()) - known - {""}
            if unknown:
                raise ValueError(f"{name}.{column}: codes not in countries: {sorted(unknown)}")


# ======================================================================================
# Save outputs
# ======================================================================================


def save(tables: dict[str, pd.DataFrame], data_dir: Path | None = None) -> list[Path]:
    """Write each table as ``<name>.csv`` (UTF-8, LF, blanks as empty cells)."""
    return csvstore.save_tables(tables, OUTPUTS, data_dir)


def main(sources_dir: Path | None = None, data_dir: Path | None = None) -> list[Path]:
    """Load the raw collection, build every table, write them to ``data/``."""
    return save(build(load_inputs(sources_dir)), data_dir)


if __name__ == "__main__":
    for written_path in main():
        print(written_path.name)
