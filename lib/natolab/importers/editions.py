"""The NATO defence-expenditure editions natolab holds, as rows of ``data/editions.csv``.

An edition is keyed by its publication month. Dates and titles come from
``shared/sources/defence-spending/PROVENANCE.md`` and the pages cited in
``note_sources``; the 2025-08 and 2026-07 publication and cut-off dates and estimate
years from ``shared/sources/facts/editions_2025_2026.csv`` (source ids U26-35..U26-39 of
SOURCES-2026-update.md). A date or estimate year that no source gives is left blank.
"""

from __future__ import annotations

from pathlib import Path

from natolab.importers import csvstore

__all__ = ["EDITIONS", "FROM_SOURCES", "write_editions"]

_NATO = "NATO Public Diplomacy Division"
_DEF = "NATO defence expenditure"
_CORE = "core defence expenditure (The Hague 2025)"

# Columns a workbook import leaves blank (the tables do not state them) but the curated
# rows below take from publication pages and notes.
FROM_SOURCES = ("published", "data_cutoff_date", "estimate_years")

EDITIONS: list[dict[str, str]] = [
    {
        "edition": "2008-03",
        "title": "The future of NATO and European defence, Ninth Report of Session 2007-08 "
        "(HC 111), Annex D: defence expenditure as a share of GDP 2000-2006",
        "publisher": "House of Commons Defence Committee (figures: House of Commons Library, "
        "from NATO)",
        "published": "2008-03-20",
        "data_cutoff_date": "",
        "years_covered": "2000-2006",
        "estimate_years": "",
        "definition": _DEF,
        "constant_price_base": "",
        "source_kind": "secondary_quote",
        "coverage_note": "Share of GDP to one decimal for the 25 Allies other than Iceland, "
        "2000-2006, as printed in the report's annex; '-' (not yet an Ally) left out. Report published 20 March 2008 "
        "(ordered to be printed 4 March 2008).",
    },
    {
        "edition": "2017-06",
        "title": "Defence Expenditure of NATO Countries (2010-2017)",
        "publisher": _NATO,
        "published": "2017-06-29",
        "data_cutoff_date": "",
        "years_covered": "2010-2017",
        # Only the 2017 estimates are held (coverage_note).
        "estimate_years": "2017",
        "definition": _DEF,
        "constant_price_base": "",
        "source_kind": "secondary_quote",
        "coverage_note": "Only the 2017 estimates of the share of GDP for 28 Allies, as quoted "
        "in the press; the rounded US$ bn figures quoted with them (price basis not stated) "
        "are left out.",
    },
    {
        "edition": "2019-06",
        "title": "Defence Expenditure of NATO Countries (2012-2019)",
        "publisher": _NATO,
        "published": "2019-06-25",
        "data_cutoff_date": "",
        "years_covered": "2012-2019",
        # PROVENANCE.md: "year 2012-2019 (2018-2019 estimates)".
        "estimate_years": "2018;2019",
        "definition": _DEF,
        "constant_price_base": "2015",
        "source_kind": "tidy_conversion",
        "coverage_note": "All series of the June 2019 workbook (PR-2019-069-eng.xlsx) for 29 "
        "Allies as tidied by the R package passport (GPL-3); US$ converted to US$ million and "
        "persons to thousands. 2018-2019 are estimates. No North Macedonia, Finland, Sweden; "
        "Iceland GDP only.",
    },
    {
        "edition": "2024-03",
        "title": "The Secretary General's Annual Report 2023",
        "publisher": "NATO",
        "published": "2024-03-14",
        # PROVENANCE.md: "SG Annual Report 2023 (Mar 2024, cut-off 7 Feb 2024): 2023e shares".
        "data_cutoff_date": "2024-02-07",
        "years_covered": "2023",
        "estimate_years": "2023",
        "definition": _DEF,
        "constant_price_base": "",
        "source_kind": "secondary_quote",
        "coverage_note": "2023 estimates of the share of GDP for 30 Allies, as quoted in the press "
        "(cut-off 7 February 2024).",
    },
    {
        "edition": "2024-06",
        "title": "Defence Expenditure of NATO Countries (2014-2024)",
        "publisher": _NATO,
        "published": "2024-06-17",
        # PROVENANCE.md: "cut-off date 12 June 2024"; "2023, 2024 = estimates".
        "data_cutoff_date": "2024-06-12",
        "years_covered": "2014-2024",
        "estimate_years": "2023;2024",
        "definition": _DEF,
        "constant_price_base": "2015",
        "source_kind": "official_workbook",
        "coverage_note": "Official NATO workbook 240617-def-exp-2024-TABLES-en.xlsx, all tables "
        "(cut-off 12 June 2024; file dated 17 June 2024). 32 Allies and both aggregates; "
        "Iceland only in the GDP tables. 2023 and 2024 are estimates.",
    },
    {
        "edition": "2025-04",
        "title": "The Secretary General's Annual Report 2024",
        "publisher": "NATO",
        "published": "2025-04-24",
        "data_cutoff_date": "",
        "years_covered": "2024",
        # Revised 2024 figures: the quotes do not say whether NATO still marks them 'e'.
        "estimate_years": "",
        "definition": _DEF,
        "constant_price_base": "",
        "source_kind": "secondary_quote",
        "coverage_note": "Revised 2024 shares of GDP for 30 Allies as quoted in the press; one "
        "quoted value (1.86) has no country name in the source and is left out.",
    },
    {
        "edition": "2025-08",
        "title": "Defence Expenditure of NATO Countries (2014-2025)",
        "publisher": _NATO,
        "published": "2025-08-28",
        # editions_2025_2026.csv: data_cutoff_date 2025-06-03 (U26-35), estimate_years
        # "2024; 2025" (U26-36).
        "data_cutoff_date": "2025-06-03",
        "years_covered": "2014-2025",
        "estimate_years": "2024;2025",
        "definition": _DEF,
        "constant_price_base": "2021",
        "source_kind": "secondary_transcription",
        "coverage_note": "No copy of the official workbook was available: values transcribed from "
        "secondary copies (code files, fixtures, press). Partial: 2024e share of GDP for all 31 "
        "Allies, 2025e for 23 plus aggregates, constant-2021 US$, real change and personnel "
        "share for most Allies. Germany 2025e was not published by NATO (left blank).",
    },
    {
        "edition": "2026-07",
        "title": "Defence Investment of NATO Countries (2014-2026)",
        "publisher": _NATO,
        # editions_2025_2026.csv: publication_date 2026-07-07 (NATO article, U26-37;U26-39),
        # which conflicts with the workbook's dates (saved 9 Jul, served 10 Jul): the
        # article's day is kept and the conflict is stated in coverage_note.
        "published": "2026-07-07",
        "data_cutoff_date": "2026-07-03",  # U26-37
        "years_covered": "2014-2026",
        "estimate_years": "2025;2026",  # U26-37: "Figures for 2025 and 2026 are estimates"
        "definition": _CORE,
        "constant_price_base": "2021",
        "source_kind": "secondary_transcription",
        "coverage_note": "Core defence expenditure for the whole series. No copy of the official "
        "workbook was available: values from a tidy CSV written from def-exp-2026-en.xlsx by a "
        "public repository, cross-checked against other copies. Share of GDP, current US$ and "
        "equipment share for all 31 Allies 2014-2026; Czechia's Tables 1 and 8 in full. "
        "Cut-off 3 July 2026. Published 7 July 2026 (NATO article, U26-37/U26-39); the "
        "workbook was saved 9 July and served 10 July: conflict recorded. The edition's "
        "metadata (title, dates, addresses, estimate years) rest on low-grade copies that agree "
        "(SOURCES-2026-update.md audit).",
    },
]


def write_editions(data_dir: Path | str | None = None, keep_official: bool = True) -> Path:
    """Write ``editions.csv`` from :data:`EDITIONS`, sorted by edition.

    With ``keep_official`` an edition already recorded there as imported from an
    official workbook (``source_kind=official_workbook``) keeps its row; only the
    dates and estimate years the workbook importer cannot know (:data:`FROM_SOURCES`)
    are filled in from :data:`EDITIONS` where the kept row has them blank.
    """
    file = csvstore.data_dir_or_default(data_dir) / "editions.csv"
    existing = {row["edition"]: row for row in csvstore.read_rows(file)}
    rows = {row["edition"]: dict(row) for row in EDITIONS}
    for edition, row in existing.items():
        if edition not in rows or (keep_official and row["source_kind"] == "official_workbook"):
            curated = rows.get(edition, {})
            for column in FROM_SOURCES:
                if not row.get(column) and curated.get(column):
                    row[column] = curated[column]
            rows[edition] = row
    csvstore.write_rows(file, csvstore.EDITIONS_COLUMNS, [rows[k] for k in sorted(rows)])
    return file
