"""The ``natolab report`` subcommand: options, help text, ``--list``.

Kept light: building the parser imports nothing beyond the standard library,
so ``natolab --help`` and an up-to-date run stay fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

__all__ = ["register", "run"]

DESCRIPTION = """\
Run the report jobs declared in reports.toml: each job is one notebook with one
parameter set, executed with papermill in a pool of worker processes, exported
to HTML without code (and PDF with --pdf), with the CSV of every table it shows.

Writes, under the output folder (default reports/):
  <job>/<job>.ipynb          the executed notebook
  <job>/<job>.html           the report, without code cells; opens offline; ends
                             with how to cite it, its data, licences and downloads
  <job>/<job>.xlsx           every table on its own sheet, and an About sheet
  <job>/<job>.pdf            with --pdf (headless Chromium)
  <job>/tables/<name>.csv    every table the notebook published, each with
  <job>/tables/<name>.metadata.json  its columns, sources, licences, citation
  data/<dataset>.html, .csv  one page per dataset of the catalogue, and its CSV
  _failed/<job>.ipynb, .log  the executed notebook and kernel log of a failed run
  index.html                 the catalogue: failures first, a filter box, every
                             Ally, reports by topic with editions and build time
  manifest.json              job, parameters, status, duration, input fingerprint,
                             natolab version, data editions and build time (UTC)

A job is skipped when its notebook, parameters, the data files it read and the
natolab library are unchanged since its last good run (--force reruns all).
Parameters are checked before any kernel starts; a refused job lists the valid
values. A failing job keeps the previous good report in place; the others still
run and the command exits non-zero. Outputs appear only when complete, so an
interrupted run leaves no half-written report. One run at a time per output
folder (lock file <output>/.lock).
"""

EPILOG = """\
exit codes:
  0   every selected job succeeded or was up to date
  1   at least one job failed, timed out or was refused (the others ran)
  2   bad configuration or options (nothing ran)
  75  another run holds the lock (try again later)
  130 interrupted (Ctrl-C or SIGTERM); finished jobs were kept

examples:
  natolab report                          run what changed since the last good run
  natolab report --list                   show every job, its parameters and whether it is stale
  natolab report --list --json            the same for a scheduler: one JSON object per job and line
  natolab report --only 'burden_sharing*' the burden-sharing jobs only
  natolab report --only country_profile-BEL --force
  natolab report --jobs 2 --timeout 300 --pdf
  natolab report --output-dir /srv/natolab/reports
  papermill notebooks/enlargement.ipynb out.ipynb -p as_of 1952-02-18   (one notebook, no runner)
"""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``report`` subcommand to the ``natolab`` parser."""
    from natolab import paths

    parser = subparsers.add_parser(
        "report",
        help="run every report job that changed (papermill, HTML, CSV, PDF, index)",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--list",
        action="store_true",
        help="list the jobs (name, notebook, parameters) and whether each would run; run nothing",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="with --list: one JSON object per job and line, for schedulers (name, notebook, "
        "notebook_path, parameters, outputs, stale, state, reasons, problem; paths relative to "
        "the project, i.e. the config file's folder, when inside it)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="PATTERN",
        help="run only jobs whose name or notebook matches this glob (e.g. 'country_profile-*'); "
        "repeat for several patterns",
    )
    parser.add_argument("--force", action="store_true", help="rerun the selected jobs even if they are up to date")
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        default=0,
        metavar="N",
        help=f"worker processes running notebooks in parallel (default: CPU count, here {os.cpu_count()})",
    )
    parser.add_argument(
        "--timeout",
        type=_timeout,
        default=600.0,
        metavar="SECONDS",
        help="seconds one cell may run before the job is stopped as timed out (default: 600; 0 = no limit)",
    )
    parser.add_argument("--pdf", action="store_true",
                        help="also print each report to PDF with headless Chromium (/usr/bin/chromium)")
    parser.add_argument("--output-dir", type=Path, default=paths.REPORTS_DIR, metavar="DIR",
                        help="where reports, index.html and manifest.json go (default: reports/)")
    parser.add_argument("--config", type=Path, default=paths.REPORTS_CONFIG, metavar="FILE",
                        help="job configuration (default: reports.toml at the project root)")
    parser.set_defaults(handler=run)
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _timeout(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more seconds, got {value}")
    return value


def options_from_args(args: argparse.Namespace):  # -> runner.Options
    """Runner options from parsed arguments (data and library from natolab.paths)."""
    from natolab import __version__, paths
    from natolab.reports.runner import Options

    return Options(
        config_path=args.config,
        output_dir=Path(args.output_dir).resolve(),
        data_dir=paths.DATA_DIR,
        library_dir=paths.PACKAGE_DIR,
        only=list(args.only),
        force=args.force,
        jobs=args.jobs,
        timeout=args.timeout or None,
        pdf=args.pdf,
        version=__version__,
    )


def _state(planned) -> str:
    """problem, new, stale or up to date."""
    if planned.problem:
        return "problem"
    if planned.reasons == ["never ran successfully"]:
        return "new"
    return "stale" if planned.stale else "up to date"


def _project_path(path: Path, root: Path) -> str:
    """``path`` relative to the project ``root`` (POSIX), or absolute when outside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _job_json(planned, options) -> dict:
    """One line of ``--list --json``: what a scheduler needs to run the job itself."""
    job = planned.job
    root = Path(options.config_path).resolve().parent
    folder = Path(options.output_dir) / job.name
    outputs = {
        "dir": _project_path(folder, root),
        "ipynb": _project_path(folder / f"{job.name}.ipynb", root),
        "html": _project_path(folder / f"{job.name}.html", root),
        "tables": _project_path(folder / "tables", root),
    }
    if options.pdf:
        outputs["pdf"] = _project_path(folder / f"{job.name}.pdf", root)
    return {
        "name": job.name,
        "notebook": job.notebook,
        "notebook_path": _project_path(job.notebook_path, root),
        "parameters": job.parameters,  # exactly what papermill injects
        "outputs": outputs,
        "stale": planned.stale,
        "state": _state(planned),
        "reasons": planned.reasons,
        "problem": planned.problem or None,
    }


def _list(options, as_json: bool = False) -> int:
    from natolab.reports import fingerprints, manifest
    from natolab.reports.config import ConfigError
    from natolab.reports.runner import EXIT_CONFIG, load_selected, plan

    try:
        config, jobs = load_selected(options)
    except ConfigError as error:
        print(f"natolab report: {error}", file=sys.stderr)
        return EXIT_CONFIG
    for warning in config.warnings:
        print(f"natolab report: warning: {warning}", file=sys.stderr)
    fingerprinter = fingerprints.Fingerprinter(
        data_dir=options.data_dir, library_dir=options.library_dir, version=options.version
    )
    planned = plan(jobs, manifest.read_manifest(options.output_dir), fingerprinter, options)
    if as_json:
        for p in planned:
            print(json.dumps(_job_json(p, options), ensure_ascii=False, default=str))
        return 0
    width = max([3, *(len(job.name) for job in jobs)])
    print(f"{'job':<{width}}  {'notebook':<20} {'state':<10} parameters")
    for p in planned:
        params = ", ".join(f"{k}={v!r}" for k, v in p.job.parameters.items()) or "(defaults)"
        state = _state(p)
        print(f"{p.job.name:<{width}}  {p.job.notebook:<20} {state:<10} {params}")
        if p.problem or state == "stale":
            print(f"{'':<{width}}    why: {p.problem or ', '.join(p.reasons)}")
    print(f"{len(jobs)} jobs in {options.config_path}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Handle ``natolab report``; return the exit code."""
    options = options_from_args(args)
    if args.json and not args.list:
        print("natolab report: --json goes with --list (natolab report --list --json)", file=sys.stderr)
        return 2
    if args.list:
        return _list(options, as_json=args.json)
    from natolab.reports.runner import run_reports

    return run_reports(options).exit_code
