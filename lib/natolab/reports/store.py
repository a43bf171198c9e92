"""Publish a job's outputs so that a reader never sees a half-written report.

Each job is executed into ``reports/.tmp/<job>/``; only a complete, successful
result replaces ``reports/<job>/``, by renaming folders on the same file system.
The previous report is first renamed to ``.old-<job>`` and deleted after the
swap; :func:`recover` puts it back if a run was killed between the two renames.
A failed run leaves the published report alone and keeps its executed notebook
(and the kernel's stderr) under ``reports/_failed/`` for debugging.
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["FAILED_DIR", "TMP_DIR", "clear_failed", "keep_failed", "publish", "recover", "work_dir"]

TMP_DIR = ".tmp"
FAILED_DIR = "_failed"
OLD_PREFIX = ".old-"
# Worker by-products that are not part of a report.
PRIVATE = (".cwd", ".reads", "stderr.log")


def work_dir(output_dir: Path, job: str) -> Path:
    """A fresh, empty folder for one job's run."""
    work = output_dir / TMP_DIR / job
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return work


def recover(output_dir: Path) -> None:
    """Undo what an interrupted run left: restore swapped-out reports, drop temporaries."""
    for old in output_dir.glob(f"{OLD_PREFIX}*"):
        final = output_dir / old.name[len(OLD_PREFIX) :]
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.rename(final)
    shutil.rmtree(output_dir / TMP_DIR, ignore_errors=True)
    for partial in (output_dir / FAILED_DIR).glob(".*"):
        partial.unlink(missing_ok=True)
    # A manifest, index or data page being written when the run was killed.
    for pattern in (".*.partial", "*/.*.partial"):
        for partial in output_dir.glob(pattern):
            if partial.is_file():
                partial.unlink(missing_ok=True)


def publish(work: Path, output_dir: Path, job: str) -> Path:
    """Make ``work`` the report of ``job`` (``reports/<job>/``); return its path."""
    for name in PRIVATE:
        path = work / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    final = output_dir / job
    old = output_dir / f"{OLD_PREFIX}{job}"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    work.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return final


def _move_atomically(source: Path, target: Path) -> None:
    """Copy to a hidden name in the target folder, then rename over the target."""
    partial = target.with_name(f".{target.name}.partial")
    shutil.copyfile(source, partial)
    partial.replace(target)


def keep_failed(work: Path, output_dir: Path, job: str) -> Path | None:
    """Keep a failed run's executed notebook (and log) in ``_failed/``; return the notebook."""
    failed = output_dir / FAILED_DIR
    failed.mkdir(parents=True, exist_ok=True)
    executed, log = work / f"{job}.ipynb", work / "stderr.log"
    if log.is_file():
        _move_atomically(log, failed / f"{job}.log")
    if not executed.is_file():
        (failed / f"{job}.ipynb").unlink(missing_ok=True)  # an older failure would mislead
        return None
    _move_atomically(executed, failed / f"{job}.ipynb")
    return failed / f"{job}.ipynb"


def clear_failed(output_dir: Path, job: str) -> None:
    """Forget an earlier failure once the job has succeeded."""
    for suffix in (".ipynb", ".log"):
        (output_dir / FAILED_DIR / f"{job}{suffix}").unlink(missing_ok=True)
