"""The ``natolab`` command: data curation, reports and notebook maintenance."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["build_parser", "main"]

EPILOG = """\
examples:
  natolab report                 run every report that changed since its last good run
  natolab report --list          show the configured jobs
  natolab data validate          check every dataset against data/datapackage.json
  natolab data import-nato-workbook def-exp-2027-en.xlsx --edition 2027-06
  natolab notebooks              re-execute the committed notebooks after a change
"""


def _data_validate(args: argparse.Namespace) -> int:
    from natolab import data

    problems = data.validate_all(args.data_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    names = data.resource_names(args.data_dir)
    print(f"{len(names)} datasets valid: {', '.join(names)}")
    return 0


def _data_catalogue(args: argparse.Namespace) -> int:
    from natolab import metadata

    path = metadata.write_datapackage()
    print(f"wrote {path}")
    return 0


def _add_data_commands(subparsers: argparse._SubParsersAction) -> None:
    data_parser = subparsers.add_parser(
        "data",
        help="validate the curated datasets, regenerate the catalogue, import new editions",
        description="Curated datasets in data/: validation, catalogue and importers.",
    )
    data_commands = data_parser.add_subparsers(dest="data_command", metavar="COMMAND", required=True)
    validate = data_commands.add_parser(
        "validate",
        help="check every CSV against data/datapackage.json (types, keys, countries)",
        description="Load every dataset with full checks: columns, types, required values, "
        "allowed values, primary keys and foreign keys. Exit 1 and list the problems if any.",
    )
    validate.add_argument("--data-dir", default=None, help="folder with datapackage.json (default: data/)")
    validate.set_defaults(handler=_data_validate)
    catalogue = data_commands.add_parser(
        "catalogue",
        help="regenerate data/datapackage.json from lib/natolab/metadata/",
        description="Write data/datapackage.json from the metadata modules (metadata is code).",
    )
    catalogue.set_defaults(handler=_data_catalogue)
    from natolab.importers import cli as importers_cli

    importers_cli.register(data_commands)


def _add_notebooks_command(subparsers: argparse._SubParsersAction) -> None:
    from natolab import notebooks

    parser = subparsers.add_parser(
        "notebooks",
        help="re-execute the committed notebooks in place (after changing lib/ or data/)",
        description=notebooks.__doc__,
    )
    notebooks.add_arguments(parser)
    parser.set_defaults(handler=notebooks.run)


def _add_report_command(subparsers: argparse._SubParsersAction) -> None:
    from natolab.reports import cli as reports_cli

    reports_cli.register(subparsers)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with ``--help`` on every subcommand."""
    parser = argparse.ArgumentParser(
        prog="natolab",
        description="natolab: analysis notebooks, curated data and reports on the North Atlantic Alliance.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from natolab import __version__

    parser.add_argument("--version", action="version", version=f"natolab {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_report_command(subparsers)
    _add_data_commands(subparsers)
    _add_notebooks_command(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``natolab`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
