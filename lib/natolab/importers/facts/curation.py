"""The facts curation from end to end: every table, the checks across tables, and writing them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from natolab.importers import csvstore
from natolab.importers.facts.countries import build_countries, build_country_names
from natolab.importers.facts.eu_nato import build_eu_nato, build_eu_nato_actions
from natolab.importers.facts.inputs import load_inputs
from natolab.importers.facts.members import build_eu_membership, build_members
from natolab.importers.facts.operations import build_efp_battlegroups, build_kfor_strength, build_operations
from natolab.importers.facts.partners import build_aspirants, build_partners, build_partnership_frameworks
from natolab.importers.facts.references import build_references, check_source_ids
from natolab.importers.facts.spending import build_allies_2pct_claims, build_hague_commitment
from natolab.importers.facts.summits import build_summits, build_targets

__all__ = ["OUTPUTS", "build", "main", "save"]

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


def build(raw: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Every curated table from the raw inputs (:func:`natolab.importers.facts.inputs.load_inputs`)."""
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
    check_source_ids(tables, set(tables["references"]["source_id"]), "SOURCES.md or SOURCES-2026-update.md")
    _check_country_codes(tables)
    return tables


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
