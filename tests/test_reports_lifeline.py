"""Processes and folders that end with a report run (natolab.reports.lifeline).

The end-to-end check (a SIGKILLed runner leaves no worker, kernel or resource
tracker, and the next run removes its folders) is in test_reports_runner.py.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from processes import linux_only, running

from natolab.reports import lifeline


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _owned(base: Path, name: str, **owner) -> Path:
    folder = base / name
    folder.mkdir()
    (folder / "kernel.json").write_text("{}")  # something inside, as a run leaves
    if owner:
        (folder / lifeline.OWNER_FILE).write_text(json.dumps(owner))
    return folder


@linux_only
def test_sweep_removes_only_the_folders_of_runs_that_ended(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    namespace = lifeline._pid_namespace()
    me, started = os.getpid(), lifeline._start_time(os.getpid())
    dead = _dead_pid()
    mine = lifeline.make_run_dir()  # this process's own run: alive
    assert mine.parent == tmp_path and mine.name.startswith(f"natolab-run-{me}-")
    assert json.loads((mine / lifeline.OWNER_FILE).read_text())["pid"] == me
    gone = _owned(tmp_path, f"natolab-run-{dead}-a", pid=dead, start="1", pid_namespace=namespace)
    reused = _owned(tmp_path, f"natolab-run-{me}-b", pid=me, start=f"{started}0", pid_namespace=namespace)
    elsewhere = _owned(tmp_path, f"natolab-run-{dead}-c", pid=dead, start="1", pid_namespace="pid:[1]")
    ownerless_dead = _owned(tmp_path, f"natolab-run-{dead}-d")
    ownerless_alive = _owned(tmp_path, f"natolab-run-{me}-e")
    legacy = _owned(tmp_path, "natolab-run-x1y2z3")  # an older version's folder: no pid known
    unrelated = _owned(tmp_path, f"other-{dead}")

    removed = lifeline.sweep_run_dirs()

    assert sorted(removed) == sorted([gone, reused, ownerless_dead])
    for folder in (gone, reused, ownerless_dead):
        assert not folder.exists()
    for folder in (mine, elsewhere, ownerless_alive, legacy, unrelated):
        assert folder.is_dir(), folder.name
    assert lifeline.sweep_run_dirs(tmp_path / "missing") == []


_PARENT = """\
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(__import__("os").getpid())])
time.sleep(600)
"""
_CHILD = """\
import os, sys, time
from natolab.reports.lifeline import die_with_parent
assert die_with_parent(int(sys.argv[1]))
print("ready", os.getpid(), flush=True)
time.sleep(600)
"""


@linux_only
def test_a_process_dies_with_its_parent_however_the_parent_dies():
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, _CHILD], stdout=subprocess.PIPE, text=True)
    child = None
    try:
        line = parent.stdout.readline().split()
        assert line[:1] == ["ready"], line
        child = int(line[1])
        assert running(child)
        parent.kill()  # SIGKILL: the parent runs no cleanup at all
        parent.wait(timeout=10)
        deadline = time.monotonic() + 5
        while running(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not running(child), "the child outlived its SIGKILLed parent"
    finally:
        parent.kill()
        parent.stdout.close()
        parent.wait()
        if child is not None and running(child):
            os.kill(child, signal.SIGKILL)  # leave nothing behind, even when the test fails


def test_die_with_parent_leaves_a_process_started_through_another_one_alone():
    # This process's parent is not itself: as for a kernel started through a wrapper script.
    assert lifeline.die_with_parent(os.getpid()) is False
    compile(lifeline.kernel_code(12345), "<exec_lines>", "exec")  # the kernel's exec_lines entry is valid Python
