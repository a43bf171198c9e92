"""Plan, run and record a set of report jobs.

1. Read the config, select jobs (``--only``), take the lock.
2. Plan: a job is up to date when its input fingerprint equals the one of the
   report in place and every expected file is there; ``--force`` ignores that.
3. Check the parameters of every job that will run — before any kernel starts.
4. Run the rest in a ``spawn`` pool of warm workers, each job into a private
   folder; publish successes atomically, keep failures under ``_failed/``.
5. Write ``manifest.json``, the data pages and ``index.html`` (also after a Ctrl-C,
   for the jobs that finished), print a summary, return the exit code.

Heavy modules (papermill, nbconvert, pandas, tqdm) are imported only once there
is something to run.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from natolab.reports import datapages, fingerprints, index, lifeline, manifest, store
from natolab.reports.config import Config, ConfigError, Job, load_config
from natolab.reports.lock import LockHeld, run_lock
from natolab.reports.validation import InvalidJob, Validator, check_job

__all__ = [
    "EXIT_CONFIG",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_LOCKED",
    "EXIT_OK",
    "JobResult",
    "Options",
    "RunSummary",
    "plan",
    "run_reports",
    "select",
]

EXIT_OK = 0
EXIT_FAILED = 1  # at least one job failed or was refused; the others ran
EXIT_CONFIG = 2  # bad config or options: nothing ran
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM, as a shell reports SIGINT

OK_STATUSES = ("ok", "skipped")


@dataclass
class Options:
    """Everything a run depends on; paths are injectable for tests."""

    config_path: Path
    output_dir: Path
    data_dir: Path
    library_dir: Path
    only: list[str] = field(default_factory=list)
    force: bool = False
    jobs: int = 0  # worker processes; 0 = one per CPU
    timeout: float | None = 600.0  # seconds a cell may run; None = no limit
    pdf: bool = False
    chromium: Path = Path("/usr/bin/chromium")
    # "project" = natolab.parameters.validate where it knows the notebook; None = names only.
    validator: Validator | str | None = "project"
    progress: bool = True
    version: str = ""


@dataclass
class JobResult:
    """How one job ended in this run."""

    job: Job
    status: str
    duration_s: float = 0.0
    error: str = ""
    reasons: list[str] = field(default_factory=list)


@dataclass
class RunSummary:
    """The outcome of a run: per-job results and the exit code."""

    results: list[JobResult]
    exit_code: int
    kernels_started: int = 0


@dataclass
class Planned:
    """A job with its current inputs and whether (and why) it must run."""

    job: Job
    inputs: dict[str, Any] | None
    reasons: list[str]
    problem: str = ""

    @property
    def stale(self) -> bool:
        return bool(self.reasons) and not self.problem


def select(jobs: list[Job], patterns: list[str]) -> list[Job]:
    """Jobs whose name or notebook matches any glob pattern (all jobs without patterns)."""
    if not patterns:
        return list(jobs)
    return [
        job
        for job in jobs
        if any(fnmatch.fnmatchcase(job.name, p) or fnmatch.fnmatchcase(job.notebook, p) for p in patterns)
    ]


def _expected_files(job: Job, options: Options) -> list[str]:
    files = [f"{job.name}.ipynb", f"{job.name}.html"]
    return [*files, f"{job.name}.pdf"] if options.pdf else files


def plan(
    jobs: list[Job],
    previous: dict[str, dict[str, Any]],
    fingerprinter: fingerprints.Fingerprinter,
    options: Options,
) -> list[Planned]:
    """Decide for each job whether it is up to date; ``reasons`` say why not."""
    planned = []
    for job in jobs:
        if not job.notebook_path.is_file():
            problem = f"job {job.name}: notebook not found: {job.notebook_path}"
            planned.append(Planned(job, None, ["notebook missing"], problem))
            continue
        report = (previous.get(job.name) or {}).get("report")
        read_before = report["inputs"].get("data_read") if report else None
        try:
            inputs = fingerprinter.inputs(job.notebook_path, job.parameters, read_before)
        except (ValueError, OSError) as error:  # e.g. a notebook that is not valid JSON
            problem = f"job {job.name}: cannot read {job.notebook_path}: {error}"
            planned.append(Planned(job, None, ["unreadable"], problem))
            continue
        inputs["data_read"] = read_before
        if report is None:
            reasons = ["never ran successfully"]
        else:
            reasons = fingerprints.changed(report["inputs"], inputs)
            published = set(report.get("files", []))
            missing = [f for f in _expected_files(job, options) if f not in published]
            missing += [f for f in published if not (options.output_dir / job.name / f).is_file()]
            if missing:
                reasons.append("missing " + ", ".join(sorted(set(missing))))
        if options.force and not reasons:
            reasons = ["--force"]
        planned.append(Planned(job, inputs, reasons))
    return planned


def _validator(options: Options) -> Validator | None:
    if options.validator == "project":
        from natolab.reports.validation import project_validator

        return project_validator()
    return options.validator if callable(options.validator) else None


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Treat ``kill`` like Ctrl-C so the cleanup below runs (main thread only)."""

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_workers(pool: Any) -> None:
    """Terminate workers (nbclient then shuts their kernels down), kill stragglers."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + 10
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


class _Recorder:
    """Turns worker outcomes into published reports and manifest entries."""

    def __init__(
        self,
        options: Options,
        fingerprinter: fingerprints.Fingerprinter,
        entries: dict[str, dict[str, Any]],
        order: list[str],
    ) -> None:
        self.options = options
        self.fingerprinter = fingerprinter
        self.entries = entries
        self.order = order  # every configured job; entries of others are dropped

    def ordered(self) -> list[dict[str, Any]]:
        """Entries of the configured jobs, in config order."""
        return [self.entries[name] for name in self.order if name in self.entries]

    def save(self) -> None:
        """Write the manifest now: a run killed later still records the jobs that finished."""
        manifest.write_manifest(self.options.output_dir, self.ordered(), self.options.version)

    def entry(self, job: Job, status: str, duration_s: float, error: str = "") -> dict[str, Any]:
        old = self.entries.get(job.name, {})
        entry = {
            "job": job.name,
            "notebook": job.notebook,
            "parameters": job.parameters,
            "status": status,
            "duration_s": round(duration_s, 3),
            "error": error or None,
            "failed_notebook": old.get("failed_notebook") if status not in OK_STATUSES else None,
            "report": old.get("report"),
        }
        self.entries[job.name] = entry
        return entry

    def success(self, planned: Planned, outcome: Any, work: Path) -> None:
        job, out = planned.job, self.options.output_dir
        inputs = dict(planned.inputs or {})
        inputs["data"] = self.fingerprinter.data(outcome.data_read)
        inputs["data_read"] = outcome.data_read
        store.publish(work, out, job.name)
        store.clear_failed(out, job.name)
        entry = self.entry(job, "ok", outcome.duration_s)
        editions = getattr(outcome, "data_editions", None)
        if editions is None:
            # The notebook did not say what it used (no plots.sources_used()): every edition
            # of each data file it opened, from the catalogue — an upper bound.
            read = outcome.data_read if outcome.data_read is not None else list(inputs["data"])
            editions = manifest.data_editions(self.options.data_dir, read)
        entry["report"] = {
            "title": getattr(outcome, "title", None) or job.name,
            "fingerprint": fingerprints.combine(inputs),
            "inputs": inputs,
            "natolab_version": self.options.version,
            "data_editions": editions,
            "files": sorted(outcome.files),
            "duration_s": round(outcome.duration_s, 3),
            # Topic, data in words, producers, build time and commit, for the index (worker._export).
            **(getattr(outcome, "about", None) or {}),
        }

    def failure(self, planned: Planned, status: str, duration_s: float, error: str, work: Path | None) -> None:
        job, out = planned.job, self.options.output_dir
        entry = self.entry(job, status, duration_s, error)
        if work is not None:
            kept = store.keep_failed(work, out, job.name)
            entry["failed_notebook"] = kept.relative_to(out).as_posix() if kept else None


def _longest_first(to_run: list[Planned], entries: dict[str, dict[str, Any]]) -> list[Planned]:
    """Start the slowest jobs first (by their last good run) so no long job runs alone at the end.

    Jobs never run before go first: their duration is unknown. Ties keep config order.
    """

    def last_duration(planned: Planned) -> float:
        report = (entries.get(planned.job.name) or {}).get("report") or {}
        return report.get("duration_s", float("inf"))

    return sorted(to_run, key=last_duration, reverse=True)


def _run_pool(
    to_run: list[Planned],
    options: Options,
    recorder: _Recorder,
    results: dict[str, JobResult],
    err: TextIO,
) -> None:
    """Execute ``to_run`` in a spawn pool; record each outcome as it arrives."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from tqdm import tqdm

    from natolab.reports.worker import Task, run_task, warm_up

    workers = min(options.jobs or os.cpu_count() or 1, len(to_run))
    temp_dir = lifeline.make_run_dir()  # removed below, or by the next run if this one is killed
    # Workers start from this thread (in submit), which outlives them: their parent-death
    # signal fires when this process dies, not before (see natolab.reports.lifeline).
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=warm_up,
        initargs=(str(temp_dir), os.getpid()),
    )
    futures = {}
    bar = tqdm(total=len(to_run), desc="reports", unit="job", file=err, disable=None if options.progress else True)
    try:
        for planned in _longest_first(to_run, recorder.entries):
            job = planned.job
            work = store.work_dir(options.output_dir, job.name)
            task = Task(
                job.name,
                str(job.notebook_path),
                job.parameters,
                str(work),
                str(options.data_dir),
                options.timeout,
                options.pdf,
                str(options.chromium),
            )
            futures[pool.submit(run_task, task)] = (planned, work)
        for future in as_completed(futures):
            planned, work = futures[future]
            job = planned.job
            try:
                outcome = future.result()
            except Exception as error:  # the worker process itself died
                recorder.failure(planned, "failed", 0.0, f"worker process died: {error!r}", work)
                results[job.name] = JobResult(job, "failed", 0.0, f"worker process died: {error!r}", planned.reasons)
            else:
                if outcome.status == "ok":
                    recorder.success(planned, outcome, work)
                else:
                    recorder.failure(planned, outcome.status, outcome.duration_s, outcome.error, work)
                results[job.name] = JobResult(job, outcome.status, outcome.duration_s, outcome.error, planned.reasons)
            recorder.save()
            bar.set_postfix_str(job.name, refresh=False)
            bar.update()
    except KeyboardInterrupt:
        _stop_workers(pool)
        raise
    finally:
        bar.close()
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(temp_dir, ignore_errors=True)


def _summary_table(results: list[JobResult]) -> str:
    width = max([len("job"), *(len(r.job.name) for r in results)])
    lines = [f"{'job':<{width}}  {'status':<12} {'seconds':>8}  note"]
    for r in results:
        note = r.error if r.status not in OK_STATUSES else ", ".join(r.reasons) if r.status == "ok" else ""
        lines.append(f"{r.job.name:<{width}}  {r.status:<12} {r.duration_s:8.1f}  {note}".rstrip())
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    lines.append(", ".join(f"{n} {status}" for status, n in counts.items()))
    return "\n".join(lines)


def load_selected(options: Options) -> tuple[Config, list[Job]]:
    """The config and the jobs ``--only`` selects; raise ConfigError if none match."""
    config = load_config(options.config_path, data_dir=options.data_dir)
    jobs = select(config.jobs, options.only)
    if options.only and not jobs:
        names = ", ".join(job.name for job in config.jobs) or "(none)"
        raise ConfigError(f"--only {' '.join(options.only)} matches no job. Jobs: {names}")
    return config, jobs


def run_reports(options: Options, *, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> RunSummary:
    """Run the configured jobs as described in the module docstring."""
    try:
        config, jobs = load_selected(options)
    except ConfigError as error:
        print(f"natolab report: {error}", file=err)
        return RunSummary([], EXIT_CONFIG)
    for warning in config.warnings:
        print(f"natolab report: warning: {warning}", file=err)
    if options.pdf and not options.chromium.is_file():
        print(
            f"natolab report: --pdf needs headless Chromium at {options.chromium}, which is not "
            "installed (Debian/Ubuntu: apt-get install -y chromium). Run without --pdf for HTML only.",
            file=err,
        )
        return RunSummary([], EXIT_CONFIG)
    try:
        with run_lock(options.output_dir), _sigterm_as_interrupt():
            return _run_locked(options, config, jobs, out, err)
    except LockHeld as error:
        print(f"natolab report: {error}", file=err)
        return RunSummary([], EXIT_LOCKED)
    except KeyboardInterrupt:  # before any job started: nothing to keep
        print("natolab report: interrupted before any job ran.", file=err)
        return RunSummary([], EXIT_INTERRUPTED)


def _refuse_invalid(
    planned: list[Planned],
    validator: Callable[[], Validator | None],
    recorder: _Recorder,
    results: dict[str, JobResult],
) -> list[Planned]:
    """Check every stale job; record refusals; return the jobs that may start."""
    stale = [p for p in planned if p.stale or p.problem]
    loaded: list[Validator | None] = []

    def checker(notebook: str, params: dict[str, Any]) -> Any:
        # Loaded on first use: natolab.parameters imports pandas and reads the data.
        if not loaded:
            loaded.append(validator())
        return loaded[0](notebook, params) if loaded[0] else None

    runnable = []
    for p in stale:
        problem = p.problem
        if not problem:
            try:
                check_job(p.job, checker)
            except InvalidJob as error:
                problem = str(error)
        if problem:
            recorder.failure(p, "invalid", 0.0, problem, None)
            results[p.job.name] = JobResult(p.job, "invalid", 0.0, problem, p.reasons)
        else:
            runnable.append(p)
    return runnable


def _run_locked(options: Options, config: Config, jobs: list[Job], out: TextIO, err: TextIO) -> RunSummary:
    # What a killed run left: its work folders here (the lock says that no run uses them)
    # and its temporary folder, once the run that made it is gone.
    store.recover(options.output_dir)
    lifeline.sweep_run_dirs()
    previous = manifest.read_manifest(options.output_dir)
    fingerprinter = fingerprints.Fingerprinter(
        data_dir=options.data_dir, library_dir=options.library_dir, version=options.version
    )
    planned = plan(jobs, previous, fingerprinter, options)
    recorder = _Recorder(options, fingerprinter, dict(previous), [job.name for job in config.jobs])
    results: dict[str, JobResult] = {}
    for p in planned:
        if not p.stale and not p.problem:
            recorder.entry(p.job, "skipped", 0.0)
            results[p.job.name] = JobResult(p.job, "skipped")
    to_run = _refuse_invalid(planned, lambda: _validator(options), recorder, results)
    interrupted = False
    if to_run:
        fingerprinter.data(None)  # hash the data as it is before the kernels read it
        try:
            _run_pool(to_run, options, recorder, results, err)
        except KeyboardInterrupt:
            interrupted = True
            for p in to_run:
                if p.job.name not in results:
                    recorder.entry(p.job, "interrupted", 0.0, "the run was interrupted")
                    results[p.job.name] = JobResult(p.job, "interrupted", 0.0, "the run was interrupted")
        finally:
            store.recover(options.output_dir)  # drop the work folders of unfinished jobs
    # Entries of jobs that are no longer configured are dropped; their files stay.
    recorder.save()
    datasets = datapages.write_data_pages(options.output_dir, options.data_dir, options.version)
    index.write_index(options.output_dir, recorder.ordered(), options.version, datasets=datasets)
    ordered = [results[job.name] for job in jobs if job.name in results]
    print(_summary_table(ordered), file=out)
    if interrupted:
        print("natolab report: interrupted; finished jobs were kept, the others left as they were.", file=err)
        return RunSummary(ordered, EXIT_INTERRUPTED, len(to_run))
    failed = any(r.status not in OK_STATUSES for r in ordered)
    return RunSummary(ordered, EXIT_FAILED if failed else EXIT_OK, len(to_run))
