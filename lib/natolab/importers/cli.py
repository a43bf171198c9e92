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


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``import-nato-workbook``, ``import-sipri`` and ``import-secondary`` to ``natolab data``.

    Each subparser sets ``handler`` (parsed args -> exit code). Import errors (unknown
    layout, unknown country name) are printed as one line naming the file, sheet and
    row, with exit code 2.
    """
    nato = _command(
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
    )
    nato.add_argument("file", type=Path, help="the .xlsx workbook, e.g. def-exp-2025-en.xlsx")
    nato.add_argument(
        "--edition", required=True, metavar="YYYY-MM",
        help="publication month of the workbook, e.g. 2024-06 for 240617-def-exp-2024-TABLES-en.xlsx",
    )  # fmt: skip

    sipri = _command(
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
    )
    sipri.add_argument("file", type=Path, help="the SIPRI .xlsx workbook")
    sipri.add_argument(
        "--edition", default=None, metavar="YYYY-MM",
        help="release month (default: April of the year after the last data year)",
    )  # fmt: skip

    secondary = _command(
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
    )
    secondary.add_argument(
        "--sources", type=Path, default=None,
        help="folder with the raw files (default: ../shared/sources/defence-spending)",
    )  # fmt: skip
