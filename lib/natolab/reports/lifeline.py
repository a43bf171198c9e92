"""Processes and temporary folders that end with the run, however the run ends.

A runner killed with SIGKILL (``timeout -s KILL``, the OOM killer) runs no
cleanup at all. Without help its spawn workers, their kernels and the
multiprocessing resource tracker would go on running, orphaned, and its
temporary folder would stay in ``/tmp`` for good. So:

* every worker asks Linux for a parent-death signal (``prctl(PR_SET_PDEATHSIG)``)
  in the pool initializer: when the runner dies, its workers are killed at once;
* every kernel asks for the same relative to its worker (an IPython
  ``exec_lines`` entry, see :func:`kernel_code`), so a dead worker takes its
  kernel with it, even one stuck in a cell that never returns;
* the resource tracker then sees its pipe close (the runner and the workers
  held it) and exits by itself;
* the run's temporary folder (``natolab-run-<pid>-…``, the kernels' sockets and
  connection files) records its owner in a file; the next run removes the
  folders whose owner is gone (:func:`sweep_run_dirs`). Folders under the output
  folder (``reports/.tmp``) need no owner: the run lock already says that no other
  run is using them, and :func:`natolab.reports.store.recover` removes them.

Linux only; elsewhere the calls are no-ops and a SIGKILLed run leaves orphans as
before. Standard library only: this module is imported by every kernel.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

__all__ = ["RUN_DIR_PREFIX", "die_with_parent", "kernel_code", "make_run_dir", "sweep_run_dirs"]

RUN_DIR_PREFIX = "natolab-run-"
OWNER_FILE = ".owner"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int, sig: int = signal.SIGKILL) -> bool:
    """Have this process receive ``sig`` when ``parent_pid`` (its parent) exits.

    Call it from the process's main thread right after it starts. Linux sends the
    signal when the parent *thread* that started this process exits, so the parent
    must start it from a thread that lives as long as it does (the runner's and the
    worker's main threads do). If the parent is already gone, this process exits
    now. A process whose parent is alive but is not ``parent_pid`` (a kernel started
    through a wrapper script) is left alone. Returns whether the signal was set.
    """
    if not sys.platform.startswith("linux"):
        return False
    if os.getppid() != parent_pid:
        if _alive(parent_pid):
            return False
        os._exit(1)  # orphaned before we could ask: nobody will collect our work
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):  # no libc with prctl (e.g. a static or exotic build)
        return False
    if os.getppid() != parent_pid:  # the parent died between the check and prctl
        os._exit(1)
    return True


def kernel_code(worker_pid: int) -> str:
    """Python for a kernel's ``exec_lines``: die with the worker ``worker_pid`` that started it."""
    return (
        "import natolab.reports.lifeline as _natolab_lifeline; "
        f"_natolab_lifeline.die_with_parent({int(worker_pid)}); del _natolab_lifeline"
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _start_time(pid: int) -> str | None:
    """When ``pid`` started (clock ticks since boot, /proc/PID/stat field 22); None if unknown.

    Tells a live owner from an unrelated process that was given the same pid later.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None


def _pid_namespace() -> str | None:
    try:
        return str(Path("/proc/self/ns/pid").readlink())
    except OSError:
        return None


def make_run_dir() -> Path:
    """A new temporary folder for one run, named after and owned by this process.

    Short on purpose: the kernels' Unix sockets live below it (see natolab.kernels).
    """
    pid = os.getpid()
    folder = Path(tempfile.mkdtemp(prefix=f"{RUN_DIR_PREFIX}{pid}-"))
    owner = {"pid": pid, "start": _start_time(pid), "pid_namespace": _pid_namespace()}
    (folder / OWNER_FILE).write_text(json.dumps(owner) + "\n", encoding="utf-8")
    return folder


def _owner_gone(folder: Path) -> bool:
    """Whether the run that made ``folder`` has ended (False when in doubt)."""
    try:
        owner = json.loads((folder / OWNER_FILE).read_text(encoding="utf-8"))
        pid = int(owner["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        # No owner file yet (a run between mkdtemp and writing it) or an unreadable one:
        # judge by the pid in the name; folders of older versions carry none and stay.
        number = folder.name[len(RUN_DIR_PREFIX) :].split("-", 1)[0]
        return number.isdigit() and not _alive(int(number))
    if owner.get("pid_namespace") != _pid_namespace():
        return False  # another container sharing /tmp: its pids mean nothing here
    if not _alive(pid):
        return True
    started = owner.get("start")
    return started is not None and _start_time(pid) not in (None, started)  # pid reused since


def sweep_run_dirs(base: str | os.PathLike[str] | None = None) -> list[Path]:
    """Remove the run folders in ``base`` (default: the temp dir) whose run has ended; return them."""
    base = Path(base if base is not None else tempfile.gettempdir())
    removed = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(RUN_DIR_PREFIX) or not entry.is_dir(follow_symlinks=False):
            continue
        folder = Path(entry.path)
        if _owner_gone(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
