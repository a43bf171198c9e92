"""Inside the kernel: record which data files a notebook opens.

The runner starts each kernel with ``install(data_dir, log)`` as an IPython
``exec_lines`` entry, so the notebook itself is not changed. An audit hook
(PEP 578) sees every ``open()`` — pandas opens CSVs through it — and appends each
file under ``data_dir`` to ``log`` the first time it is opened. The list makes
"the data it reads" part of the job's fingerprint: a change to a dataset reruns
only the reports that read it.

This module is imported in every kernel: it must stay free of heavy imports.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["install", "read_log"]


def install(data_dir: str, log: str) -> None:
    """Start recording files opened under ``data_dir`` into ``log`` (one path a line)."""
    root = os.path.realpath(data_dir) + os.sep
    log_path = Path(log)
    seen: set[str] = set()
    busy = False

    def hook(event: str, args: tuple) -> None:
        nonlocal busy
        if event != "open" or busy or isinstance(args[0], int):
            return
        busy = True  # the hook's own open() of the log must not re-enter
        try:
            path = os.path.realpath(os.fsdecode(args[0]))
            if path.startswith(root) and path not in seen:
                seen.add(path)
                # Appended at once, not at exit: a killed kernel still leaves its reads.
                with log_path.open("a", encoding="utf-8") as handle:
                    handle.write(os.path.relpath(path, root) + "\n")
        except (TypeError, ValueError, OSError):
            pass  # an unusual path object or an unwritable log must never break the notebook
        finally:
            busy = False

    # Create the log now: an empty file means "read nothing", a missing one "not recorded".
    log_path.touch()
    sys.addaudithook(hook)


def read_log(log: str | os.PathLike[str]) -> list[str] | None:
    """Data files (relative to the data folder) in a log, sorted; None if nothing was recorded."""
    try:
        with Path(log).open(encoding="utf-8") as handle:
            return sorted({line.strip() for line in handle if line.strip()})
    except FileNotFoundError:
        return None
