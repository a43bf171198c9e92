"""Atomic publishing, recovery and the run lock (natolab.reports.store, .lock)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from natolab.reports import store
from natolab.reports.lock import LockHeld, run_lock


def _report(folder, text):
    folder.mkdir(parents=True)
    (folder / "r.html").write_text(text)


def test_publish_replaces_the_whole_folder(tmp_path):
    _report(tmp_path / "job", "old")
    (tmp_path / "job" / "stale.csv").write_text("from the old run")
    work = store.work_dir(tmp_path, "job")
    (work / "r.html").write_text("new")
    (work / "stderr.log").write_text("kernel noise")
    (work / ".cwd").mkdir()
    store.publish(work, tmp_path, "job")
    assert sorted(p.name for p in (tmp_path / "job").iterdir()) == ["r.html"]
    assert (tmp_path / "job" / "r.html").read_text() == "new"
    assert not (tmp_path / ".old-job").exists()


def test_recover_restores_a_report_swapped_out_by_a_killed_run(tmp_path):
    _report(tmp_path / ".old-job", "good")  # killed between the two renames
    _report(tmp_path / ".old-other", "older")  # killed after the second rename
    _report(tmp_path / "other", "newer")
    _report(tmp_path / ".tmp" / "job", "half")
    (tmp_path / "_failed").mkdir()
    (tmp_path / "_failed" / ".job.ipynb.partial").write_text("{")
    store.recover(tmp_path)
    assert (tmp_path / "job" / "r.html").read_text() == "good"
    assert (tmp_path / "other" / "r.html").read_text() == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_failed", "job", "other"]
    assert list((tmp_path / "_failed").iterdir()) == []


def test_keep_failed_and_clear_failed(tmp_path):
    work = store.work_dir(tmp_path, "job")
    (work / "job.ipynb").write_text("{}")
    (work / "stderr.log").write_text("Traceback")
    kept = store.keep_failed(work, tmp_path, "job")
    assert kept == tmp_path / "_failed" / "job.ipynb"
    assert (tmp_path / "_failed" / "job.log").read_text() == "Traceback"
    store.clear_failed(tmp_path, "job")
    assert list((tmp_path / "_failed").iterdir()) == []


def test_second_holder_is_refused_with_the_lock_path(tmp_path):
    holder = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from natolab.reports.lock import run_lock
        with run_lock(Path({str(tmp_path)!r})):
            print("held", flush=True)
            sys.stdin.readline()
        """
    )
    process = subprocess.Popen([sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "held"
        with pytest.raises(LockHeld) as caught, run_lock(tmp_path):
            pass
        message = str(caught.value)
        assert str(tmp_path / ".lock") in message
        assert f"pid {process.pid}" in message
    finally:
        process.communicate("\n", timeout=30)
    with run_lock(tmp_path) as path:  # released when the holder exits
        assert path == tmp_path / ".lock"
