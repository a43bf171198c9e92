"""Report generation three ways, side by side, on the same job set.

(a) the plain way: for each job, the ``papermill`` CLI then
    ``jupyter nbconvert --to html --no-input``, one after the other;
(b) ``natolab report --force`` (warm spawn workers, in-process export, parallel);
(c) ``natolab report`` again with nothing changed (the incremental no-op).

Goals on 2 cores: (b) <= 0.3 x (a), (c) under 1 second. Outputs go to
``bench/out/`` (not committed), never to ``reports/``.
Run: ``.venv/bin/python bench/reports.py [--only PATTERN ...] [--jobs N]``, or with
``--fixtures N`` on N copies of the tiny test notebook ``tests/notebooks/ok.ipynb``
(measures the runner's own overhead, whatever the analysis notebooks cost).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from natolab import paths
from natolab.reports.config import load_config
from natolab.reports.runner import select

BIN = Path(sys.executable).parent
OUT = paths.PROJECT_ROOT / "bench" / "out"


def _timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def plain_loop(jobs, out: Path) -> float:
    """(a): papermill CLI + nbconvert CLI per job, sequentially."""
    out.mkdir(parents=True)
    start = time.perf_counter()
    for job in jobs:
        executed = out / f"{job.name}.ipynb"
        command = [str(BIN / "papermill"), str(job.notebook_path), str(executed), "--no-progress-bar"]
        if job.parameters:
            command += ["-y", json.dumps(job.parameters)]  # JSON is YAML: types survive
        subprocess.run(command, check=True, cwd=out, capture_output=True)
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - start


def runner(args: argparse.Namespace, out: Path, *extra: str) -> float:
    """(b)/(c): the natolab report command as a user runs it."""
    command = [str(BIN / "natolab"), "report", "--output-dir", str(out), "--config", str(args.config)]
    command += [f"--only={pattern}" for pattern in args.only] + list(extra)
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    return _timed(command, stderr=subprocess.DEVNULL)


def main() -> None:
    """Measure (a), (b), (c) and print seconds, ratios and the goals."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=paths.REPORTS_CONFIG, help="job configuration")
    parser.add_argument("--only", action="append", default=[], metavar="PATTERN", help="job subset (glob)")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes for (b) (default: CPUs)")
    parser.add_argument(
        "--fixtures", type=int, default=0, metavar="N", help="N jobs of tests/notebooks/ok.ipynb instead"
    )
    args = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    if args.fixtures:
        args.config = OUT / "fixtures.toml"
        lines = [f"notebooks_dir = {json.dumps(str(paths.TESTS_DIR / 'notebooks'))}"]
        for number in range(1, args.fixtures + 1):
            lines += ["[[job]]", f'name = "ok-{number}"', 'notebook = "ok"', f"parameters = {{ rows = {number} }}"]
        args.config.write_text("\n".join(lines) + "\n", encoding="utf-8")

    jobs = select(load_config(args.config, data_dir=paths.DATA_DIR).jobs, args.only)
    jobs = [job for job in jobs if job.notebook_path.is_file()]
    if not jobs:
        sys.exit("no job with an existing notebook selected")
    if args.only == []:
        args.only = [job.name for job in jobs]  # the same set in every variant
    print(f"{len(jobs)} jobs on {os.cpu_count()} CPUs: {', '.join(job.name for job in jobs)}")

    a = plain_loop(jobs, OUT / "plain")
    b = runner(args, OUT / "runner", "--force")
    c = runner(args, OUT / "runner")
    print(f"{'variant':58} {'seconds':>8} {'ratio to (a)':>13}")
    rows = [
        ("(a) papermill CLI + nbconvert CLI per job, sequential", a),
        ("(b) natolab report --force", b),
        ("(c) natolab report, nothing changed", c),
    ]
    for name, seconds in rows:
        print(f"{name:58} {seconds:8.2f} {seconds / a:13.3f}")
    print(f"goal (b) <= 0.3 x (a): {'met' if b <= 0.3 * a else 'NOT met'} ({b / a:.2f})")
    print(f"goal (c) < 1 s:        {'met' if c < 1 else 'NOT met'} ({c:.2f} s)")


if __name__ == "__main__":
    main()
