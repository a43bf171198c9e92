"""operations, kfor_strength and efp_battlegroups: NATO operations and missions, KFOR, eFP."""

from __future__ import annotations

import re

import pandas as pd

from natolab.importers.facts.cells import curated_table, date_precision, vocabulary

__all__ = ["OPERATION_SHORT_NAMES", "build_efp_battlegroups", "build_kfor_strength", "build_operations"]

# troops_approx_flag of kfor_troop_numbers.csv -> figure_kind (approx, lower_bound, upper_bound, exact).
KFOR_FIGURE_KIND = vocabulary("kfor_figure_kind")


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
# The mapping itself is data: vocabularies.csv, vocabulary operation_short_name.
OPERATION_SHORT_NAMES = vocabulary("operation_short_name")


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
    return curated_table(
        src,
        "operation_id name short_name operation_type theatre start_date start_date_precision end_date "
        "end_date_precision start_year end_year status mandate_or_basis strength_notes successor_or_predecessor "
        "source_ids flags",
        renamed={"operation_type": "type"},
        operation_id=src["short_name"].map(_operation_id),
        start_date_precision=src["start_date"].map(date_precision),
        end_date_precision=src["end_date"].map(date_precision),
    )


def build_kfor_strength(raw: dict[str, object]) -> pd.DataFrame:
    """KFOR troop strength at the dates the sources give (no annual series)."""
    src = raw["kfor_troop_numbers"]
    kind = src["troops_approx_flag"].map(KFOR_FIGURE_KIND)
    if kind.isna().any():
        unknown = src.loc[kind.isna(), "troops_approx_flag"].tolist()
        raise ValueError(f"kfor_troop_numbers.csv: unknown troops_approx_flag {unknown}")
    return curated_table(
        src,
        "date date_precision kfor_troops figure_kind figure_qualifier n_contributing_nations source_type "
        "source_ids flags",
        renamed={"figure_qualifier": "troops_approx_flag"},
        figure_kind=kind,
    )


def build_efp_battlegroups(raw: dict[str, object]) -> pd.DataFrame:
    """The eight Forward Land Forces battlegroups (troops as of June 2022)."""
    src = raw["efp_battlegroups"]
    return src.drop(columns=["host_nation", "framework_nation"])
