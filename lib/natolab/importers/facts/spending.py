"""allies_2pct_claims and hague_commitment: how many Allies met 2%, and The Hague's 5% in parts."""

from __future__ import annotations

import re

import pandas as pd

from natolab.importers.facts.cells import curated_table

__all__ = ["CLAIM_FILES", "build_allies_2pct_claims", "build_hague_commitment"]

# The raw files mark curator counts "DERIVED" and restated earlier years "CONTEXT row" in
# flags. A row carrying both is a curator count first: claim_kind must never let a count
# the curator made pass for something NATO said, so "derived" wins (flags keep "CONTEXT").
_DERIVED_FLAG = re.compile(r"\bDERIVED\b")
_CONTEXT_FLAG = re.compile(r"^CONTEXT row\b")
# Source order of the claims: the first collection, then the 2026 update.
CLAIM_FILES = ("allies_2pct_count", "allies_2pct_count_2025_2026")


# value_pct_gdp cells are a number, optionally followed by words in brackets
# ("3.5 (minimum)", "2.1 (Spain's stated need)"): the number and the words are split.
_VALUE_WITH_NOTE = re.compile(r"^(?P<number>\d+(?:\.\d+)?)(?: \((?P<note>[^()]+)\))?$")


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
    return curated_table(
        src,
        "claim_id year n_allies_at_or_above_2pct n_allies_total statement_basis claim_kind source_ids flags",
        renamed={"statement_basis": "statement_date_or_basis"},
        claim_id=src["year"] + "-" + ordinal.astype(str),
        claim_kind=kinds,
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
