"""Run one job in a worker process: papermill, then HTML, table CSVs, workbook and PDF.

Everything is written into the job's private work folder; the runner (main
process) decides what becomes the published report. Workers live in a
``spawn`` pool and import papermill and nbconvert once, so each further job
costs a kernel, not a second of imports.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The injected-parameters cell's id: the one the HTML uses (export.notebook_html), so the
# reports of one notebook differ only where their contents do.
from natolab.reports.export import INJECTED_CELL_ID

__all__ = ["Outcome", "Task", "run_task", "warm_up"]

READS_LOG = ".reads"
SCRATCH = ".cwd"
STDERR_LOG = "stderr.log"


@dataclass(frozen=True)
class Task:
    """What a worker needs to run one job (plain data: it crosses a process boundary)."""

    job: str
    notebook_path: str
    parameters: dict[str, Any]
    work_dir: str
    data_dir: str
    timeout: float | None
    pdf: bool = False
    chromium: str = "/usr/bin/chromium"


@dataclass
class Outcome:
    """How a job ended. ``files`` are relative to the work folder."""

    job: str
    status: str  # ok | failed | timeout | kernel died
    duration_s: float
    error: str = ""
    files: list[str] = field(default_factory=list)
    data_read: list[str] | None = None
    # What the notebook said it used (natolab.plots.sources_used); None: it did not say.
    data_editions: dict[str, list[str]] | None = None
    title: str | None = None  # the report's own title (export.report_title)
    # More about the report for the manifest and the index (topic, data in words, build time):
    # the runner merges it into the manifest's "report" entry.
    about: dict[str, Any] = field(default_factory=dict)
    executed: bool = False  # an executed (possibly failed) notebook exists in the work folder


# jsonschema (via nbformat) imports the optional ``rfc3987_syntax`` when installed
# (jupyterlab pulls it in); building its grammar costs ~1.5 s of every import of
# papermill. It only adds an "iri" format check, which notebook validation never
# uses, so workers go without it.
SKIPPED_OPTIONAL_MODULES = ("rfc3987_syntax",)


def skip_optional_modules() -> None:
    """Make ``import`` of each of :data:`SKIPPED_OPTIONAL_MODULES` fail fast (call before nbformat)."""
    for name in SKIPPED_OPTIONAL_MODULES:
        sys.modules.setdefault(name, None)  # None makes `import name` raise ImportError


def warm_up(temp_dir: str | None = None, runner_pid: int | None = None) -> None:
    """Pool initializer: pay the imports once per worker, while the runner is still planning.

    ``temp_dir`` becomes this worker's (and its kernels') temporary folder: the
    runner removes it at the end, so the socket folders of kernels that were killed
    rather than shut down (timeouts, Ctrl-C, a notebook killing its own kernel) do
    not pile up in /tmp night after night.

    With ``runner_pid``, the worker is killed as soon as the runner dies, however it
    dies (SIGKILL, the OOM killer): see :mod:`natolab.reports.lifeline`.
    """
    if runner_pid is not None:
        from natolab.reports import lifeline

        lifeline.die_with_parent(runner_pid)
    if temp_dir is not None:
        import tempfile

        os.environ["TMPDIR"] = temp_dir
        tempfile.tempdir = temp_dir
    # Ctrl-C reaches every process of the terminal's group; the runner alone decides
    # what to do (it terminates the workers, whose kernels nbclient then shuts down).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    skip_optional_modules()
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401


#: The papermill engine the workers run notebooks with (see :func:`_register_engine`).
ENGINE_NAME = "natolab"


@functools.cache
def _register_engine() -> str:
    """Register papermill's nbclient engine, saving the executed notebook once, at the end.

    papermill's ``request_save_on_cell_execute`` rewrites the whole notebook (images and
    all) when each cell starts and ends: about 0.7 s of a worker's CPU for a burden-sharing
    report, spent beside the kernels on two cores. What it protects is kept without it: the
    engine saves in a ``finally`` when the notebook completes, so a cell that raises, a
    timeout or a kernel that dies still leaves the outputs of the cells before it (the
    runner keeps that notebook in ``_failed/``). Only a worker killed outright loses the
    partial notebook, and then the whole run's work folder goes anyway.
    """
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    class SaveAtEndManager(NotebookExecutionManager):
        """Cell starts and ends change the notebook in memory; it is written when complete."""

        complete = False

        def save(self, **kwargs: Any) -> None:
            if self.complete:
                super().save(**kwargs)

        def notebook_complete(self, **kwargs: Any) -> None:
            self.complete = True
            super().notebook_complete(**kwargs)

    class SaveAtEndEngine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb: Any, kernel_name: str, output_path: str | None = None,
                             progress_bar: bool = True, log_output: bool = False,
                             autosave_cell_every: int = 30, **kwargs: Any) -> Any:
            # papermill's Engine.execute_notebook with the manager above.
            nb_man = SaveAtEndManager(nb, output_path=output_path, progress_bar=progress_bar,
                                      log_output=log_output, autosave_cell_every=autosave_cell_every)
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    papermill_engines.register(ENGINE_NAME, SaveAtEndEngine)
    return ENGINE_NAME


def _kernel_arguments(data_dir: str, reads_log: Path) -> list[str]:
    """IPython options run before the first cell: the kernel dies with this worker
    (:mod:`natolab.reports.lifeline`), and the data-read recorder is installed."""
    from natolab.reports import lifeline

    code = (
        f"{lifeline.kernel_code(os.getpid())}; "
        "import natolab.reports.reads as _natolab_reads; "
        f"_natolab_reads.install({data_dir!r}, {str(reads_log)!r}); del _natolab_reads"
    )
    return [f"--IPKernelApp.exec_lines={code}"]


def _describe(error: BaseException) -> tuple[str, str]:
    """(status, one-paragraph message) for an execution failure."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        return "failed", f"cell {error.cell_index + 1} raised {error.ename}: {error.evalue}".strip()
    if isinstance(error, CellTimeoutError | TimeoutError):
        first = str(error).strip().splitlines()[:1] or ["a cell ran too long"]
        return "timeout", first[0]
    if isinstance(error, DeadKernelError):
        return "kernel died", "the kernel died while running the notebook"
    return "failed", "".join(traceback.format_exception_only(error)).strip()


def _edition_words(editions: dict[str, list[str]], data_dir: Path) -> dict[str, list[str]]:
    """Each dataset's editions in words ("Defence Expenditure of NATO Countries (2014-2024), June 2024")."""
    from natolab import data, labels

    words: dict[str, list[str]] = {}
    for name, codes in editions.items():
        found = []
        for code in codes:
            try:
                found.append(data.edition_in_words(name, code, data_dir=data_dir))
            except (ValueError, KeyError, OSError):  # not in the catalogue: the month alone
                found.append(labels.month_in_words(code))
        words[name] = found
    return words


@functools.cache
def _commit(folder: str) -> dict[str, Any]:
    """The git commit of the checkout holding ``folder`` (once per worker), for the manifest."""
    try:
        head = subprocess.run(["git", "-C", folder, "rev-parse", "HEAD"],
                              capture_output=True, text=True, timeout=20, check=False)
        if head.returncode != 0:
            return {}
        changes = subprocess.run(["git", "-C", folder, "status", "--porcelain", "--untracked-files=no"],
                                 capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    return {"commit": head.stdout.strip(), "uncommitted_changes": bool(changes.stdout.strip())}


def _export(task: Task, work: Path, executed: Path, outcome: Outcome, data_read: list[str] | None) -> list[str]:
    """Write HTML, table CSVs with their metadata, the workbook and (optionally) PDF beside
    the executed notebook.

    Also sets ``outcome.data_editions``, ``outcome.title`` and ``outcome.about`` from the
    notebook, read here once for all of it.
    """
    import nbformat

    from natolab import __version__
    from natolab.reports import credits, downloads, export, manifest

    data_dir = Path(task.data_dir)
    nb = nbformat.read(executed, as_version=4)
    outcome.data_editions = export.used_editions(nb)
    outcome.title = export.report_title(nb, task.job)
    editions = outcome.data_editions
    if editions is None:  # the notebook did not say: every edition of each file it opened, as the runner records
        editions = manifest.data_editions(data_dir, data_read) if data_read is not None else {}
    credit = credits.report_credit(task.job, outcome.title, __version__, task.parameters, editions, data_dir,
                                   _edition_words(editions, data_dir))
    tables = export.published_tables(nb)
    header = export.page_header(data_dir, outcome.data_editions, __version__)
    footer = export.page_footer(credit, tables, pdf=task.pdf)
    html = work / f"{task.job}.html"
    html.write_text(export.notebook_html(nb, outcome.title, header, footer), encoding="utf-8")
    files = [executed.name, html.name]
    if tables:
        (work / "tables").mkdir(exist_ok=True)
        for table in tables:
            (work / "tables" / table.file).write_text(table.csv_text, encoding="utf-8")
            files.append(f"tables/{table.file}")
    files += downloads.write_downloads(work, task.job, tables, credit)
    if task.pdf:
        pdf = work / f"{task.job}.pdf"
        export.print_pdf(html, pdf, chromium=Path(task.chromium))
        files.append(pdf.name)
    outcome.about = {
        "topic": export.report_heading(nb),
        "subject": export.report_subject(nb),
        "data_as_of": credit.as_of,
        "data_used": [
            {"name": used["name"], "title": used["title"], "editions_in_words": credit.words(used["name"])}
            for used in credit.datasets
        ],
        "producers": credit.producers,
        # The one wall-clock time of a report: in the manifest and the index, never in its files.
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **_commit(str(Path(task.notebook_path).resolve().parent)),
    }
    return files


# Set by papermill (cells and notebook) at run time; nbclient adds "execution" timestamps.
_PAPERMILL_TIMES = ("start_time", "end_time", "duration")


def make_reproducible(nb: Any, source_ids: set[str]) -> None:
    """Make an executed notebook depend only on what it ran, in place.

    papermill gives the injected-parameters cell a random id (and nbformat gives random
    ids to the cells of a notebook older than format 4.5); nbconvert writes cell ids into
    the HTML. The injected cell gets :data:`INJECTED_CELL_ID`, any other cell whose id is
    not in the source notebook (``source_ids``) ``cell-<position>``; the source's ids are
    kept. Run times (papermill's ``start_time``/``end_time``/``duration``, nbclient's
    ``execution`` timestamps) are cleared: the job's duration is in the manifest. A failed
    run's notebook (kept in ``_failed/``) is not touched and keeps them.
    """
    used: set[str] = set()
    for position, cell in enumerate(nb.cells):
        metadata = cell.setdefault("metadata", {})
        cell_id = cell.get("id")
        if cell_id not in source_ids or cell_id in used:
            injected = "injected-parameters" in metadata.get("tags", [])
            cell_id = base = INJECTED_CELL_ID if injected else f"cell-{position}"
            number = 1
            while cell_id in used or cell_id in source_ids:
                number += 1
                cell_id = f"{base}-{number}"
            cell["id"] = cell_id
        used.add(cell_id)
        metadata.pop("execution", None)
        _clear_times(metadata.get("papermill"))
    _clear_times(nb.get("metadata", {}).get("papermill"))


def _clear_times(papermill_metadata: dict[str, Any] | None) -> None:
    for key in _PAPERMILL_TIMES:
        if papermill_metadata is not None and key in papermill_metadata:
            papermill_metadata[key] = None


def _source_ids(notebook_path: str) -> set[str]:
    """Cell ids of the notebook as committed (plain JSON: no nbformat upgrade adding ids)."""
    try:
        cells = json.loads(Path(notebook_path).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return set()
    return {cell["id"] for cell in cells if isinstance(cell, dict) and isinstance(cell.get("id"), str)}


def _write_reproducible(nb: Any, task: Task, executed: Path) -> None:
    """Rewrite the executed notebook so that identical inputs give identical bytes."""
    import nbformat

    make_reproducible(nb, _source_ids(task.notebook_path))
    nbformat.write(nb, str(executed))


@contextlib.contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Send this process's stderr (fd 2, inherited by the kernel) to ``path`` meanwhile.

    Kernel warnings and tracebacks of a dying kernel end up in the job's log (kept
    with a failed notebook) instead of tearing through the progress bar.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with path.open("ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def run_task(task: Task) -> Outcome:
    """Execute one job into ``task.work_dir``; never raises for a notebook's own failure."""
    import papermill

    from natolab import kernels
    from natolab.reports import reads
    from natolab.reports.export import PdfError

    start = time.perf_counter()
    work = Path(task.work_dir)
    scratch = work / SCRATCH  # the kernel's cwd: stray files a notebook writes stay out of reports
    scratch.mkdir(parents=True, exist_ok=True)
    executed = work / f"{task.job}.ipynb"
    reads_log = work / READS_LOG
    outcome = Outcome(task.job, "ok", 0.0)
    with _stderr_to(work / STDERR_LOG):
        try:
            nb = papermill.execute_notebook(
                task.notebook_path,
                str(executed),
                parameters=task.parameters,
                cwd=str(scratch),
                progress_bar=False,
                log_output=False,
                # The engine gets the output path (so a failed run is saved with the outputs
                # it has) but writes it once, when the notebook completes or fails.
                request_save_on_cell_execute=True,
                engine_name=_register_engine(),
                execution_timeout=task.timeout,
                extra_arguments=_kernel_arguments(task.data_dir, reads_log),
                # Parallel workers' kernels must not race for TCP ports (see natolab.kernels).
                **kernels.client_options(),
            )
            _write_reproducible(nb, task, executed)
            outcome.files = _export(task, work, executed, outcome, reads.read_log(reads_log))
        except PdfError as err:
            outcome.status, outcome.error = "failed", str(err)
        except Exception as err:  # a notebook's failure is a result, not a crash of the runner
            outcome.status, outcome.error = _describe(err)
    outcome.executed = executed.is_file()
    outcome.data_read = reads.read_log(reads_log)
    outcome.duration_s = time.perf_counter() - start
    return outcome
