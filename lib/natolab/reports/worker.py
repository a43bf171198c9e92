"""Run one job in a worker process: papermill, then HTML, table CSVs and PDF.

Everything is written into the job's private work folder; the runner (main
process) decides what becomes the published report. Workers live in a
``spawn`` pool and import papermill and nbconvert once, so each further job
costs a kernel, not a second of imports.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    executed: bool = False  # an executed (possibly failed) notebook exists in the work folder


# jsonschema (via nbformat) imports the optional ``rfc3987_syntax`` when installed
# (jupyterlab pulls it in); building its grammar costs ~1.5 s of every import of
# papermill. It only adds an "iri" format check, which notebook validation never
# uses, so workers go without it.
SKIPPED_OPTIONAL_MODULES = ("rfc3987_syntax",)


def warm_up(temp_dir: str | None = None) -> None:
    """Pool initializer: pay the imports once per worker, while the runner is still planning.

    ``temp_dir`` becomes this worker's (and its kernels') temporary folder: the
    runner removes it at the end, so the socket folders of kernels that were killed
    rather than shut down (timeouts, Ctrl-C, a notebook killing its own kernel) do
    not pile up in /tmp night after night.
    """
    if temp_dir is not None:
        import tempfile

        os.environ["TMPDIR"] = temp_dir
        tempfile.tempdir = temp_dir
    # Ctrl-C reaches every process of the terminal's group; the runner alone decides
    # what to do (it terminates the workers, whose kernels nbclient then shuts down).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in SKIPPED_OPTIONAL_MODULES:
        sys.modules.setdefault(name, None)  # None makes `import name` raise ImportError
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401


def _kernel_arguments(data_dir: str, reads_log: Path) -> list[str]:
    """IPython options that install the data-read recorder before the first cell runs."""
    code = (
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


def _export(task: Task, work: Path, executed: Path, outcome: Outcome) -> list[str]:
    """Write HTML, table CSVs and (optionally) PDF beside the executed notebook.

    Also sets ``outcome.data_editions`` and ``outcome.title`` from the notebook, read here
    once for all of it.
    """
    import nbformat

    from natolab.reports import export

    nb = nbformat.read(executed, as_version=4)
    outcome.data_editions = export.used_editions(nb)
    html = work / f"{task.job}.html"
    outcome.title = export.report_title(nb, task.job)
    from natolab import __version__

    header = export.page_header(Path(task.data_dir), outcome.data_editions, __version__)
    html.write_text(export.notebook_html(nb, outcome.title, header), encoding="utf-8")
    files = [executed.name, html.name]
    tables = export.extract_tables(nb)
    if tables:
        (work / "tables").mkdir(exist_ok=True)
        for name, text in tables.items():
            (work / "tables" / name).write_text(text, encoding="utf-8")
            files.append(f"tables/{name}")
    if task.pdf:
        pdf = work / f"{task.job}.pdf"
        export.print_pdf(html, pdf, chromium=Path(task.chromium))
        files.append(pdf.name)
    return files


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
            papermill.execute_notebook(
                task.notebook_path,
                str(executed),
                parameters=task.parameters,
                cwd=str(scratch),
                progress_bar=False,
                log_output=False,
                # Saving after each cell keeps the outputs of a kernel that dies mid-way.
                request_save_on_cell_execute=True,
                execution_timeout=task.timeout,
                extra_arguments=_kernel_arguments(task.data_dir, reads_log),
                # Parallel workers' kernels must not race for TCP ports (see natolab.kernels).
                **kernels.client_options(),
            )
            outcome.files = _export(task, work, executed, outcome)
        except PdfError as err:
            outcome.status, outcome.error = "failed", str(err)
        except Exception as err:  # a notebook's failure is a result, not a crash of the runner
            outcome.status, outcome.error = _describe(err)
    outcome.executed = executed.is_file()
    outcome.data_read = reads.read_log(reads_log)
    outcome.duration_s = time.perf_counter() - start
    return outcome
