"""Load inputs: the raw facts collection and the country labels of the outside sources."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from natolab import paths

__all__ = ["RAW_TABLES", "SOURCES_FILES", "facts_dir", "load_inputs", "read_raw_csv"]

# The raw CSVs of shared/sources/facts/ the facts curation reads, by file stem.
RAW_TABLES = (
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
# The source lists, keyed as in the raw inputs: the first collection (M01...), the 2026
# update (U26-NN) and the deterrence collection (D01...). references.csv joins all three.
SOURCES_FILES = {
    "sources_md": "SOURCES.md",
    "sources_2026_md": "SOURCES-2026-update.md",
    "sources_deterrence_md": "SOURCES-deterrence.md",
}
# Files of shared/sources/defence-spending/ whose country labels country_names records.
NATO_2024_WORKBOOK = "240617-def-exp-2024-TABLES-en.xlsx"
NATO_2025_2026_TRANSCRIPTION = "nato_2025_2026_editions_transcribed.csv"
NATO_PAGES_TRANSCRIPTION = "nato_figures_transcribed_from_pages.csv"
PASSPORT_CSV = "nato_passport_2012-2019_from_nato.rda.csv"
SIPRI_WORKBOOK = "SIPRI-Milex-data-1949-2024_2.xlsx"


def facts_dir(sources_dir: Path | None = None) -> Path:
    """``<sources_dir>/facts`` (default ``../shared/sources/facts``), which must exist."""
    base = Path(sources_dir) if sources_dir is not None else paths.SOURCES_DIR
    folder = base / "facts"
    if not folder.is_dir():
        raise FileNotFoundError(f"Raw facts directory not found: {folder} (the curation needs ../shared/sources)")
    return folder


def read_raw_csv(name: str, folder: Path) -> pd.DataFrame:
    """A raw facts CSV as text, blanks kept as empty strings (never NaN)."""
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding="utf-8")


def load_inputs(sources_dir: Path | None = None) -> dict[str, object]:
    """Every raw input the facts curation reads, keyed by file stem (``SOURCES_FILES`` by their key)."""
    folder = facts_dir(sources_dir)
    raw: dict[str, object] = {stem: read_raw_csv(f"{stem}.csv", folder) for stem in RAW_TABLES}
    for key, name in SOURCES_FILES.items():
        raw[key] = (folder / name).read_text(encoding="utf-8")
    raw["external_labels"] = _external_labels(folder.parent / "defence-spending")
    return raw


def _external_labels(spending_dir: Path) -> dict[str, list[str]]:
    """Country labels as written by each outside source the project reads."""
    import openpyxl  # only the curator needs it
    import pyogrio

    labels: dict[str, list[str]] = {}
    book = openpyxl.load_workbook(spending_dir / NATO_2024_WORKBOOK, read_only=True, data_only=True)
    nato: list[str] = []
    for sheet in book.worksheets:
        for (value,) in sheet.iter_rows(min_col=3, max_col=3, values_only=True):
            if isinstance(value, str) and value.strip():
                nato.append(value)
    book.close()
    labels["NATO"] = nato
    transcribed = pd.read_csv(spending_dir / NATO_2025_2026_TRANSCRIPTION, dtype=str)
    labels["NATO"] += transcribed["country"].dropna().tolist()
    pages = pd.read_csv(spending_dir / NATO_PAGES_TRANSCRIPTION, dtype=str)
    labels["NATO pages transcription"] = pages["country"].dropna().tolist()
    passport = pd.read_csv(spending_dir / PASSPORT_CSV, dtype=str)
    labels["passport"] = passport["country_stanag"].dropna().tolist()
    sipri = pd.read_excel(spending_dir / SIPRI_WORKBOOK, sheet_name="Share of GDP", header=5)
    labels["SIPRI"] = sipri["Country"].dropna().astype(str).tolist()
    shapefile = Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
    earth = pyogrio.read_dataframe(shapefile, read_geometry=False)
    labels["Natural Earth"] = [f"{n}\t{c}" for n, c in zip(earth["name"], earth["iso_a3"], strict=True)]
    return labels
