"""One run at a time per output folder: an ``fcntl`` lock on ``reports/.lock``.

The kernel releases the lock when the holder exits, however it exits, so a
killed run never leaves a stale lock behind. The file holds the holder's pid,
for the message a second run prints.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["LOCK_NAME", "LockHeld", "run_lock"]

LOCK_NAME = ".lock"


class LockHeld(RuntimeError):
    """Another run holds the lock; the message names the lock file and the holder."""


@contextlib.contextmanager
def run_lock(output_dir: Path) -> Iterator[Path]:
    """Hold ``output_dir/.lock`` exclusively for the block, or raise :class:`LockHeld` at once."""
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise LockHeld(
            f"another `natolab report` run (pid {holder}) is writing to {output_dir}: "
            f"the lock {path} is held. Wait for that run to finish; the lock is released "
            "automatically when it exits."
        ) from None
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
