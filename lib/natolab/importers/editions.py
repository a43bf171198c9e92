"""The NATO defence-expenditure editions natolab holds, as rows of ``data/editions.csv``.

An edition is keyed by its publication month. Dates and titles come from
``shared/sources/defence-spending/PROVENANCE.md`` and the pages cited in
``note_sources``; a publication day that no source gives is left blank.
"""

from __future__ import annotations

from pathlib import Path

from natolab.importers import csvstore

__all__ = ["EDITIONS", "write_editions"]

_NATO = "NATO Public Diplomacy Division"
_DEF = "NATO defence expenditure"
_CORE = "core defence expenditure (The Hague 2025)"

EDITIONS: list[dict[str, str]] = [
    {
        "edition": "2008-03",
        "title": "The future of NATO and European defence, Ninth Report of Session 2007-08 "
        "(HC 111), Annex D: defence expenditure as a share of GDP 2000-2006",
        "publisher": "House of Commons Defence Committee (figures: House of Commons Library, "
        "from NATO)",
        "published": "2008-03-20",
        "years_covered": "2000-2006",
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
        "years_covered": "2010-2017",
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
        "years_covered": "2012-2019",
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
        "years_covered": "2023",
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
        "years_covered": "2014-2024",
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
        "years_covered": "2024",
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
        "years_covered": "2014-2025",
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
        "published": "",
        "years_covered": "2014-2026",
        "definition": _CORE,
        "constant_price_base": "2021",
        "source_kind": "secondary_transcription",
        "coverage_note": "Core defence expenditure for the whole series. No copy of the official "
        "workbook was available: values from a tidy CSV written from def-exp-2026-en.xlsx by a "
        "public repository, cross-checked against other copies. Share of GDP, current US$ and "
        "equipment share for all 31 Allies 2014-2026; Czechia's Tables 1 and 8 in full. "
        "Cut-off 3 July 2026, workbook saved 9 July 2026; publication day not recorded.",
    },
]


def write_editions(data_dir: Path | str | None = None, keep_official: bool = True) -> Path:
    """Write ``editions.csv`` from :data:`EDITIONS`, sorted by edition.

    With ``keep_official`` an edition already recorded there as imported from an
    official workbook (``source_kind=official_workbook``) keeps its row.
    """
    file = csvstore.data_dir_or_default(data_dir) / "editions.csv"
    existing = {row["edition"]: row for row in csvstore.read_rows(file)}
    rows = {row["edition"]: dict(row) for row in EDITIONS}
    for edition, row in existing.items():
        if edition not in rows or (keep_official and row["source_kind"] == "official_workbook"):
            rows[edition] = row
    csvstore.write_rows(file, csvstore.EDITIONS_COLUMNS, [rows[k] for k in sorted(rows)])
    return file
