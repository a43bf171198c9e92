"""``natolab data import-…`` subcommands; :func:`register` adds them to ``natolab data``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["register"]


def _reporting_errors(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn an import error into a one-line message on stderr and exit code 2."""

    def handler(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except (ValueError, FileNotFoundError) as err:
            print(f"natolab data {args.data_command}: error: {err}", file=sys.stderr)
            return 2

    return handler


def _nato(args: argparse.Namespace) -> int:
    from natolab.importers.nato_workbook import import_nato_workbook

    print(import_nato_workbook(args.file, args.edition, data_dir=args.data_dir))
    return 0


def _sipri(args: argparse.Namespace) -> int:
    from natolab.importers.sipri import import_sipri_workbook

    print(import_sipri_workbook(args.file, data_dir=args.data_dir, edition=args.edition))
    return 0


def _secondary(args: argparse.Namespace) -> int:
    from natolab.importers.transcriptions import import_secondary_editions

    print(import_secondary_editions(args.sources, data_dir=args.data_dir))
    return 0


def _facts(args: argparse.Namespace) -> int:
    from natolab.importers import deterrence
    from natolab.importers.facts import curation

    # Facts first: the deterrence curation checks its nation names against the country
    # table the facts curation has just written to the same data directory.
    for path in [*curation.main(args.sources, args.data_dir), *deterrence.main(args.sources, args.data_dir)]:
        print(path)
    return 0


def _command(
    subparsers: argparse._SubParsersAction,
    name: str,
    run: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str,
) -> argparse.ArgumentParser:
    """One import subcommand: its own arguments are added by the caller; every import
    takes ``--data-dir`` and reports errors as one line with exit code 2."""
    parser = subparsers.add_parser(name, help=help, description=description)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: the project's data/")
    parser.set_defaults(handler=_reporting_errors(run))
    return parser


def _workbook_command(
    subparsers: argparse._SubParsersAction,
    name: str,
    run: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str,
    file_help: str,
    edition_help: str,
    edition_required: bool,
) -> None:
    """An import of one workbook file of one edition (``--edition YYYY-MM``)."""
    parser = _command(subparsers, name, run, help=help, description=description)
    parser.add_argument("file", type=Path, help=file_help)
    parser.add_argument("--edition", required=edition_required, default=None, metavar="YYYY-MM", help=edition_help)


def _sources_command(
    subparsers: argparse._SubParsersAction,
    name: str,
    run: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str,
    sources_help: str,
) -> None:
    """An import of a folder of raw files (``--sources``, default under ``../shared/sources``)."""
    parser = _command(subparsers, name, run, help=help, description=description)
    parser.add_argument("--sources", type=Path, default=None, help=sources_help)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``import-nato-workbook``, ``import-sipri``, ``import-secondary`` and ``import-facts`` to
    ``natolab data``.

    Each subparser sets ``handler`` (parsed args -> exit code). Import errors (unknown
    layout, unknown country name, a raw file that changed) are printed as one line naming
    the file, sheet and row, with exit code 2.
    """
    _workbook_command(
        subparsers,
        "import-nato-workbook",
        _nato,
        help="merge an official NATO defence-expenditure workbook into defence_expenditure.csv",
        description=(
            "Read NATO's 'Defence Expenditure of NATO Countries' Excel tables (the 2024 layout, "
            "sheets TABLE1…TABLE8b, or the 2025/2026 layout, sheets 'Table 1'…'Table 8b') and "
            "replace the rows of EDITION in data/defence_expenditure.csv; other editions are "
            "left untouched and a rerun gives a byte-identical file. The edition is also "
            "recorded in data/editions.csv, which chart source notes read. Then check with "
            "`natolab data validate` and regenerate the notebooks with `make notebooks`."
        ),
        file_help="the .xlsx workbook, e.g. def-exp-2025-en.xlsx",
        edition_help="publication month of the workbook, e.g. 2024-06 for 240617-def-exp-2024-TABLES-en.xlsx",
        edition_required=True,
    )
    _workbook_command(
        subparsers,
        "import-sipri",
        _sipri,
        help="replace sipri_milex.csv with a SIPRI Military Expenditure Database workbook",
        description=(
            "Read SIPRI-Milex-data-1949-YYYY.xlsx (share of GDP, constant and current US$, per "
            "capita, share of government spending) for the current Allies and Bosnia and "
            "Herzegovina, Georgia and Ukraine, and write data/sipri_milex.csv. Shares are "
            "stored by SIPRI as fractions and written as percent; '. .' and 'xxx' become blank "
            "values with a missing_reason."
        ),
        file_help="the SIPRI .xlsx workbook",
        edition_help="release month (default: April of the year after the last data year)",
        edition_required=False,
    )

    _sources_command(
        subparsers,
        "import-secondary",
        _secondary,
        help="rebuild the editions without an official workbook (transcriptions, quotes)",
        description=(
            "Rebuild editions 2026-07 and 2025-08 (transcriptions), 2019-06 (passport "
            "conversion), 2024-03, 2025-04, 2017-06 and 2008-03 (figures quoted on pages) from "
            "the files in shared/sources/defence-spending/, and write data/editions.csv. An "
            "edition whose official workbook has been imported is not overwritten."
        ),
        sources_help="folder with the raw files (default: ../shared/sources/defence-spending)",
    )

    _sources_command(
        subparsers,
        "import-facts",
        _facts,
        help="rebuild the facts and deterrence tables of data/ from shared/sources/facts/",
        description=(
            "Read the raw NATO facts collection in SOURCES/facts/ (members, EU membership, "
            "summits, EU-NATO milestones, partners, operations, KFOR, eFP, the claims of how "
            "many Allies met 2 percent, The Hague commitment, air-policing rotations, DCB "
            "partners, host sites; the source lists SOURCES.md, SOURCES-2026-update.md and "
            "SOURCES-deterrence.md) and the country labels of the files in "
            "SOURCES/defence-spending/ (NATO and SIPRI workbooks, transcriptions) and of "
            "Natural Earth. Write the facts tables to data/ (countries, country_names, members, "
            "eu_membership, summits, targets, eu_nato, eu_nato_actions, partners, "
            "partnership_frameworks, aspirants, operations, kfor_strength, efp_battlegroups, "
            "allies_2pct_claims, hague_commitment, references), then the deterrence tables, "
            "whose nation names are checked against the new country table "
            "(air_policing_rotations, efp_history, kfor_contributions, dcb_partners, "
            "host_sites). Nothing is imputed: a raw file that changed shape or contradicts "
            "itself stops the import with a message naming it, and a rerun on unchanged "
            "sources gives byte-identical files. Then check with `natolab data validate`."
        ),
        sources_help="folder holding facts/ and defence-spending/ (default: ../shared/sources)",
    )
