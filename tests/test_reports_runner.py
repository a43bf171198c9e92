"""The report runner end to end, on the fixture notebooks in tests/notebooks/.

Each test builds its own project in a temporary folder: notebooks, a data folder
and a library folder (fingerprint inputs are injected), a reports.toml, and an
output folder. The fixture notebooks append a line to $NATOLAB_TEST_RUN_LOG each
time a kernel runs them, which is how the tests count kernels.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from processes import linux_only, running

from natolab.reports.runner import EXIT_CONFIG, EXIT_FAILED, EXIT_LOCKED, EXIT_OK, Options, run_reports

FIXTURES = Path(__file__).parent / "notebooks"
REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


class Project:
    """A throwaway project: notebooks/, data/, lib/, reports.toml, reports/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.notebooks = root / "notebooks"
        self.data = root / "data"
        self.lib = root / "lib"
        self.out = root / "reports"
        self.run_log = root / "runs.log"
        # The runner's temporary folder (kernels' socket folders) goes below this one, so a
        # test can see what a run leaves behind. Short, in /tmp: Unix socket paths are limited.
        self.temp = Path(tempfile.mkdtemp(prefix="nl-", dir="/tmp"))
        for folder in (self.notebooks, self.data, self.lib):
            folder.mkdir()
        for fixture in FIXTURES.glob("*.ipynb"):
            shutil.copy(fixture, self.notebooks / fixture.name)
        (self.lib / "library.py").write_text("VERSION = 1\n")
        (self.data / "a.csv").write_text("x\n1\n")
        (self.data / "b.csv").write_text("x\n1\n2\n")
        (self.data / "datapackage.json").write_text(
            json.dumps(
                {
                    "resources": [
                        {"name": "a", "path": "a.csv", "sources": [{"edition": "2024-06"}]},
                        {"name": "b", "path": "b.csv", "sources": [{"title": "no edition"}]},
                    ]
                }
            )
        )

    def configure(self, jobs: list[dict]) -> None:
        """Write reports.toml; each job dict holds name, notebook and parameters."""
        lines = ['notebooks_dir = "notebooks"']
        for job in jobs:
            lines += ["[[job]]", f'name = "{job["name"]}"', f'notebook = "{job["notebook"]}"']
            params = job.get("parameters", {})
            if params:
                inner = ", ".join(f"{k} = {json.dumps(v)}" for k, v in params.items())
                lines.append(f"parameters = {{ {inner} }}")
        (self.root / "reports.toml").write_text("\n".join(lines) + "\n")

    def reads(self, resource: str, title: str, **extra) -> dict:
        """Parameters of an ``ok`` job that reads data/<resource>.csv."""
        return {"title": title, "data_dir": str(self.data), "resource": resource, **extra}

    def options(self, **overrides) -> Options:
        settings = {
            "config_path": self.root / "reports.toml",
            "output_dir": self.out,
            "data_dir": self.data,
            "library_dir": self.lib,
            "jobs": 2,
            "timeout": 60,
            "validator": None,
            "progress": False,
            "version": "0.0-test",
        }
        settings.update(overrides)
        return Options(**settings)

    def run(self, **overrides):
        """Run the runner; return (summary, stdout, stderr, titles run by kernels)."""
        before = self.runs()
        out, err = io.StringIO(), io.StringIO()
        summary = run_reports(self.options(**overrides), out=out, err=err)
        return summary, out.getvalue(), err.getvalue(), self.runs()[len(before) :]

    def runs(self) -> list[str]:
        if not self.run_log.is_file():
            return []
        return self.run_log.read_text().splitlines()

    def manifest(self) -> dict[str, dict]:
        raw = json.loads((self.out / "manifest.json").read_text())
        return {entry["job"]: entry for entry in raw["jobs"]}

    def snapshot(self, job: str) -> dict[str, bytes]:
        folder = self.out / job
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    def leftovers(self) -> list[str]:
        """Temporary or partial files that a finished run must not leave."""
        return sorted(
            p.relative_to(self.out).as_posix()
            for p in self.out.rglob("*")
            if p.name != ".lock" and (p.name.startswith(".") or "partial" in p.name)
        )


@pytest.fixture
def project(tmp_path, monkeypatch) -> Iterator[Project]:
    made = Project(tmp_path)
    monkeypatch.setenv("NATOLAB_TEST_RUN_LOG", str(made.run_log))  # inherited by workers and kernels
    monkeypatch.setenv("TMPDIR", str(made.temp))
    monkeypatch.setattr(tempfile, "tempdir", str(made.temp))
    yield made
    shutil.rmtree(made.temp, ignore_errors=True)


def _temp_leftovers(project: Project) -> list[str]:
    """What the runner left in its temporary folder (kernel socket folders, …)."""
    return sorted(p.relative_to(project.temp).as_posix() for p in project.temp.rglob("*"))


def _statuses(summary) -> dict[str, str]:
    return {result.job.name: result.status for result in summary.results}


@pytest.mark.slow
def test_good_run_writes_reports_manifest_and_index(project):
    project.configure(
        [
            {"name": "plain", "notebook": "ok"},
            {"name": "reads-a", "notebook": "ok", "parameters": project.reads("a", "a", rows=4)},
            {"name": "nothing", "notebook": "ok_noparams"},
        ]
    )
    summary, out, _, runs = project.run()
    assert summary.exit_code == EXIT_OK
    assert _statuses(summary) == {"plain": "ok", "reads-a": "ok", "nothing": "ok"}
    assert sorted(runs) == ["a", "ok"]  # ok_noparams does not log
    assert "reads-a" in out and "ok" in out  # the summary table

    folder = project.out / "reads-a"
    assert sorted(project.snapshot("reads-a")) == [
        "reads-a.html", "reads-a.ipynb", "reads-a.xlsx", "tables/squares.csv", "tables/squares.metadata.json"]
    expected_csv = "n,square\n" + "".join(f"{n},{n * n}\n" for n in range(4))
    assert (folder / "tables" / "squares.csv").read_text() == expected_csv
    html = (folder / "reads-a.html").read_text()
    assert "Report a: 2 data lines" in html  # output kept
    assert "NATOLAB_TEST_RUN_LOG" not in html  # code cells removed
    assert not REMOTE.search(html)
    executed = json.loads((folder / "reads-a.ipynb").read_text())
    assert executed["metadata"]["papermill"]["parameters"]["rows"] == 4

    manifest = project.manifest()
    entry = manifest["reads-a"]
    assert entry["notebook"] == "ok"
    assert entry["parameters"] == project.reads("a", "a", rows=4)
    assert entry["status"] == "ok"
    assert entry["duration_s"] > 0
    assert entry["report"]["natolab_version"] == "0.0-test"
    assert re.fullmatch(r"[0-9a-f]{64}", entry["report"]["fingerprint"])
    assert entry["report"]["inputs"]["data_read"] == ["a.csv"]
    assert entry["report"]["data_editions"] == {"a": ["2024-06"]}
    assert entry["report"]["title"] == "OK fixture — Report a: 2 data lines"  # heading — the subject it computed
    assert manifest["nothing"]["report"]["title"] == "OK fixture without parameters"
    assert manifest["plain"]["report"]["data_editions"] == {}
    assert list(manifest) == ["plain", "reads-a", "nothing"]  # config order

    index = (project.out / "index.html").read_text()
    # One section per notebook, titled by its heading; each report by its own title.
    assert '<section id="ok" data-filter-group>\n<h2>OK fixture</h2>' in index
    assert '<h2>OK fixture without parameters</h2>' in index
    for job in ("plain", "reads-a", "nothing"):
        assert f'href="{job}/{job}.html"' in index
    assert "June 2024" in index  # the edition of a.csv, in words
    assert ('<a class="title" href="reads-a/reads-a.html" title="OK fixture — Report a: 2 data lines">'
            "Report a: 2 data lines</a>") in index
    assert re.search(r"generated \d{1,2} \w+ \d{4}, \d\d:\d\d UTC", index)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry["report"]["generated"])
    assert entry["report"]["generated"] not in html and "UTC" not in html  # the build time: index and manifest only
    assert "<title>OK fixture — Report a: 2 data lines</title>" in html
    assert 'href="reads-a/tables/squares.csv"' in index
    assert not REMOTE.search(index)
    assert project.leftovers() == []


def _two_edition_dataset(project: Project) -> None:
    """Add dataset ``e`` to the project's catalogue: one file holding two editions."""
    (project.data / "e.csv").write_text("edition,x\n2024-06,1\n2025-08,2\n")
    package = json.loads((project.data / "datapackage.json").read_text())
    package["resources"].append(
        {
            "name": "e",
            "path": "e.csv",
            "sources": [{"title": "Test series", "edition": "2024-06"}, {"title": "Test series", "edition": "2025-08"}],
            "schema": {"fields": [{"name": "edition", "type": "string"}, {"name": "x", "type": "integer"}]},
        }
    )
    (project.data / "datapackage.json").write_text(json.dumps(package))


@pytest.mark.slow
def test_manifest_lists_the_editions_a_report_says_it_used(project):
    _two_edition_dataset(project)
    says = {"title": "says", "data_dir": str(project.data), "resource": "e", "edition": "2025-08"}
    project.configure(
        [
            {"name": "says", "notebook": "sources_used", "parameters": says},
            # Reads the same file but does not call plots.sources_used(): the catalogue's editions.
            {"name": "silent", "notebook": "ok", "parameters": project.reads("e", "silent")},
        ]
    )
    summary, _, err, runs = project.run()
    assert summary.exit_code == EXIT_OK, err
    assert sorted(runs) == ["says", "silent"]

    manifest = project.manifest()
    assert manifest["says"]["report"]["data_editions"] == {"e": ["2025-08"]}
    assert manifest["silent"]["report"]["data_editions"] == {"e": ["2024-06", "2025-08"]}
    assert manifest["says"]["report"]["inputs"]["data_read"] == ["datapackage.json", "e.csv"]

    html = (project.out / "says" / "says.html").read_text()
    assert "Data used in this report" in html and "Test series, August 2025" in html
    assert "June 2024" not in html
    assert (project.out / "says" / "tables" / "data-used.csv").read_text() == (
        'Dataset,Edition(s)\ne,"Test series, August 2025"\n'
    )
    index = (project.out / "index.html").read_text()
    says_row = next(line for line in index.splitlines() if 'href="says/says.html"' in line)
    assert "Test series, August 2025" in says_row and "June 2024" not in says_row
    silent_row = next(line for line in index.splitlines() if 'href="silent/silent.html"' in line)
    assert ">June 2024</span>, <span" in silent_row and "Test series, August 2025" in silent_row


@pytest.mark.slow
def test_skip_logic_reruns_exactly_what_changed(project):
    jobs = [
        {"name": "plain", "notebook": "ok2"},
        {"name": "job-a", "notebook": "ok", "parameters": project.reads("a", "a")},
        {"name": "job-b", "notebook": "ok", "parameters": project.reads("b", "b")},
    ]
    shutil.copy(project.notebooks / "ok.ipynb", project.notebooks / "ok2.ipynb")
    project.configure(jobs)
    summary, *_, runs = project.run()
    assert summary.exit_code == EXIT_OK
    assert sorted(runs) == ["a", "b", "ok"]
    published = project.snapshot("job-a")

    os.utime(project.data / "a.csv", (1, 1))  # a new mtime with the same bytes is no change
    summary, *_, runs = project.run()  # nothing changed: no kernel at all
    assert (summary.exit_code, summary.kernels_started, runs) == (EXIT_OK, 0, [])
    assert set(_statuses(summary).values()) == {"skipped"}
    assert project.snapshot("job-a") == published

    (project.data / "a.csv").write_text("x\n1\n2\n3\n")  # data only job-a reads
    assert project.run()[3] == ["a"]

    jobs[2]["parameters"]["rows"] = 5  # a parameter of job-b
    project.configure(jobs)
    assert project.run()[3] == ["b"]

    nb = json.loads((project.notebooks / "ok2.ipynb").read_text())
    nb["cells"][0]["source"] = "# Edited title\n"
    (project.notebooks / "ok2.ipynb").write_text(json.dumps(nb))
    assert project.run()[3] == ["ok"]

    (project.lib / "library.py").write_text("VERSION = 2\n")  # the library
    assert sorted(project.run()[3]) == ["a", "b", "ok"]

    assert sorted(project.run(only=["job-?"], force=True)[3]) == ["a", "b"]
    assert project.run(only=["plain"])[3] == []


@pytest.mark.slow
def test_failures_keep_the_last_good_report_byte_for_byte(project):
    victims = ["raise", "sysexit", "timeout", "kill"]
    project.configure([{"name": f"victim-{v}", "notebook": "ok"} for v in victims])
    summary, *_ = project.run()
    assert summary.exit_code == EXIT_OK
    good = {v: project.snapshot(f"victim-{v}") for v in victims}
    manifest_before = project.manifest()

    project.configure(
        [{"name": f"victim-{v}", "notebook": f"broken_{v}"} for v in victims]
        + [{"name": "bystander", "notebook": "ok"}]
    )
    summary, out, _, runs = project.run(timeout=3)
    assert summary.exit_code == EXIT_FAILED
    assert _statuses(summary) == {
        "victim-raise": "failed",
        "victim-sysexit": "failed",
        "victim-timeout": "timeout",
        "victim-kill": "kernel died",
        "bystander": "ok",  # the other jobs still ran
    }
    assert "ValueError: deliberately broken fixture" in out
    assert "SystemExit" in out
    for v in victims:
        assert project.snapshot(f"victim-{v}") == good[v]
        failed = project.out / "_failed" / f"victim-{v}.ipynb"
        cells = json.loads(failed.read_text())["cells"]
        first = next(c for c in cells if "".join(c["source"]) == 'print("first cell ran")')
        assert "".join(first["outputs"][0]["text"]) == "first cell ran\n"  # outputs up to the failure
    manifest = project.manifest()
    for v in victims:
        entry = manifest[f"victim-{v}"]
        assert entry["report"] == manifest_before[f"victim-{v}"]["report"]
        assert entry["failed_notebook"] == f"_failed/victim-{v}.ipynb"
        assert entry["error"]
    assert "kernel died" in (project.out / "_failed" / "victim-kill.log").read_text().lower()
    index = (project.out / "index.html").read_text()
    assert "The last good report is still published" in index
    assert 'href="_failed/victim-raise.ipynb"' in index
    assert 'href="_failed/victim-raise.log"' in index
    assert project.leftovers() == []
    # Killed and timed-out kernels never shut down cleanly; their socket folders go with the run's.
    assert _temp_leftovers(project) == []
    kernel_pid = int(next(line for line in runs if line.startswith("kernel ")).split()[1])
    _wait_gone(kernel_pid)

    # The failure is retried next time (there is no good run of these inputs), and
    # fixing the notebook clears the debugging copy.
    project.configure([{"name": "victim-raise", "notebook": "ok"}])
    summary, *_ = project.run()
    assert _statuses(summary) == {"victim-raise": "skipped"}  # same inputs as its good report
    project.configure([{"name": "victim-raise", "notebook": "ok", "parameters": {"rows": 1}}])
    summary, *_ = project.run()
    assert _statuses(summary) == {"victim-raise": "ok"}
    assert not (project.out / "_failed" / "victim-raise.ipynb").exists()


def _wait_gone(pid: int, seconds: float = 30) -> None:
    """Wait until process ``pid`` has exited (a kernel left running is a bug)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
    pytest.fail(f"kernel {pid} was still running")


def test_bad_parameters_are_refused_before_any_kernel(project):
    def validator(notebook, params):
        if params["rows"] > 10:
            raise ValueError(f"Parameter 'rows' = {params['rows']}: too many. Valid values: 0 to 10")

    project.configure(
        [
            {"name": "unknown-name", "notebook": "ok", "parameters": {"colour": "red"}},
            {"name": "bad-value", "notebook": "ok", "parameters": {"rows": 99}},
            {"name": "no-notebook", "notebook": "ghost"},
        ]
    )
    summary, out, _, runs = project.run(validator=validator)
    assert summary.exit_code == EXIT_FAILED
    assert summary.kernels_started == 0
    assert runs == []
    assert _statuses(summary) == dict.fromkeys(["unknown-name", "bad-value", "no-notebook"], "invalid")
    assert "valid parameters: title, data_dir, resource, rows" in out
    assert "Valid values: 0 to 10" in out
    assert "notebook not found" in out
    manifest = project.manifest()
    assert manifest["bad-value"]["status"] == "invalid"
    assert manifest["bad-value"]["report"] is None
    assert "Valid values: 0 to 10" in manifest["bad-value"]["error"]


def test_config_and_option_errors_run_nothing(project):
    (project.root / "reports.toml").write_text('[[job]]\nnotebook = "ok"\ncolour = 1\n')
    summary, _, err, _ = project.run()
    assert summary.exit_code == EXIT_CONFIG
    assert "colour" in err
    project.configure([{"name": "plain", "notebook": "ok"}])
    summary, _, err, _ = project.run(only=["nomatch*"])
    assert summary.exit_code == EXIT_CONFIG
    assert "matches no job" in err and "plain" in err
    summary, _, err, _ = project.run(pdf=True, chromium=project.root / "no-chromium")
    assert summary.exit_code == EXIT_CONFIG
    assert str(project.root / "no-chromium") in err and "apt-get install" in err
    assert not (project.out / "plain").exists()


def test_a_second_concurrent_run_is_refused(project):
    project.configure([{"name": "plain", "notebook": "ok"}])
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from natolab.reports.lock import run_lock\n"
            f"with run_lock(Path({str(project.out)!r})):\n"
            "    print('held', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        summary, _, err, runs = project.run()
    finally:
        holder.communicate("\n", timeout=30)
    assert summary.exit_code == EXIT_LOCKED
    assert str(project.out / ".lock") in err
    assert runs == []
    assert not (project.out / "manifest.json").exists()


_RUNNER_SCRIPT = """\
import sys
from pathlib import Path
from natolab.reports.runner import Options, run_reports

if __name__ == "__main__":
    root = Path(sys.argv[1])
    options = Options(config_path=root / "reports.toml", output_dir=root / "reports",
                      data_dir=root / "data", library_dir=root / "lib", jobs=2, timeout=None,
                      validator=None, progress=False, version="0.0-test", force="--force" in sys.argv)
    summary = run_reports(options)
    print("modules:", sorted(m for m in ("pandas", "papermill", "nbconvert", "tqdm") if m in sys.modules))
    sys.exit(summary.exit_code)
"""


def _runner_process(project: Project, *args: str) -> subprocess.Popen:
    script = project.root / "run_reports.py"
    script.write_text(textwrap.dedent(_RUNNER_SCRIPT))
    return subprocess.Popen(
        [sys.executable, str(script), str(project.root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal job has
        # A terminal's Ctrl-C is only seen if SIGINT is not inherited as ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@pytest.mark.slow
def test_up_to_date_run_imports_no_heavy_module(project):
    project.configure([{"name": "plain", "notebook": "ok"}])
    assert project.run()[0].exit_code == EXIT_OK
    out, err = _runner_process(project).communicate(timeout=120)
    assert "plain  skipped" in out, err
    assert "modules: []" in out


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM to the runner", "Ctrl-C to the process group"])
def test_interrupted_run_leaves_no_half_written_report(project, how):
    project.configure([{"name": "victim", "notebook": "ok"}, {"name": "other", "notebook": "ok"}])
    assert project.run()[0].exit_code == EXIT_OK
    good = project.snapshot("victim")
    project.configure([{"name": "victim", "notebook": "broken_timeout"}, {"name": "other", "notebook": "ok"}])
    runner = _runner_process(project, "--force")
    deadline = time.monotonic() + 120
    while not any(line.startswith("kernel ") for line in project.runs()):  # the loop is running
        assert runner.poll() is None, runner.communicate()
        assert time.monotonic() < deadline, "the never-ending notebook did not start"
        time.sleep(0.2)
    if how.startswith("SIGTERM"):
        runner.send_signal(signal.SIGTERM)
    else:
        os.killpg(runner.pid, signal.SIGINT)
    _, err = runner.communicate(timeout=120)
    assert runner.returncode == 130, err
    assert "interrupted" in err
    assert project.snapshot("victim") == good
    assert project.leftovers() == []
    assert _temp_leftovers(project) == []
    assert project.manifest()["victim"]["status"] == "interrupted"
    assert project.manifest()["victim"]["report"]["files"] == [
        "tables/squares.csv",
        "tables/squares.metadata.json",
        "victim.html",
        "victim.ipynb",
        "victim.xlsx",
    ]
    kernel_pid = int(next(line for line in project.runs() if line.startswith("kernel ")).split()[1])
    _wait_gone(kernel_pid)
    # The next run starts cleanly (no stale lock, nothing to recover by hand).
    project.configure([{"name": "victim", "notebook": "ok"}, {"name": "other", "notebook": "ok"}])
    summary, *_ = project.run()
    assert summary.exit_code == EXIT_OK


def test_slowest_jobs_start_first_and_new_jobs_before_them():
    from natolab.reports.config import Job
    from natolab.reports.runner import Planned, _longest_first

    planned = [Planned(Job(name, "nb", Path("nb.ipynb"), {}), None, ["x"]) for name in "abcd"]
    entries = {
        "a": {"report": {"duration_s": 1.0}},
        "b": {"report": {"duration_s": 5.0}},
        "c": {"report": None},  # never ran well: unknown, so first
        "d": {"report": {"duration_s": 3.0}},
    }
    assert [p.job.name for p in _longest_first(planned, entries)] == ["c", "b", "d", "a"]


def _same_bytes(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    """Files that are not byte-identical in two snapshots (or in only one of them)."""
    return sorted(name for name in set(first) | set(second) if first.get(name) != second.get(name))


@pytest.mark.slow
def test_identical_inputs_give_byte_identical_reports(project):
    project.configure([{"name": "same", "notebook": "ok", "parameters": project.reads("a", "a", rows=3)}])
    assert project.run(force=True)[0].exit_code == EXIT_OK
    first = project.snapshot("same")
    summary, *_ = project.run(force=True)
    assert _statuses(summary) == {"same": "ok"}  # really run again, not skipped
    second = project.snapshot("same")
    assert {"same.ipynb", "same.html", "tables/squares.csv"} <= set(first)
    assert _same_bytes(first, second) == []  # index.html and manifest.json may differ (build time)

    executed = json.loads(first["same.ipynb"])
    # The source's ids, and a fixed one for papermill's injected cell (random otherwise).
    assert [cell["id"] for cell in executed["cells"]] == ["ok-0", "ok-1", "injected-parameters", "ok-2", "ok-3"]
    assert b'id="cell-id=injected-parameters"' in first["same.html"]
    assert executed["metadata"]["papermill"]["start_time"] is None  # run times are in the manifest only
    assert all("execution" not in cell["metadata"] for cell in executed["cells"])


@pytest.mark.slow
def test_a_project_report_is_byte_identical_run_to_run(tmp_path):
    from natolab import __version__, paths

    options = Options(
        config_path=paths.REPORTS_CONFIG,
        output_dir=tmp_path / "reports",
        data_dir=paths.DATA_DIR,
        library_dir=paths.PACKAGE_DIR,
        only=["country_profile-BEL"],
        force=True,
        jobs=1,
        validator="project",
        progress=False,
        version=__version__,
    )
    snapshots, fingerprints = [], set()
    for _ in range(2):
        summary = run_reports(options, out=io.StringIO(), err=io.StringIO())
        assert _statuses(summary) == {"country_profile-BEL": "ok"}
        folder = options.output_dir / "country_profile-BEL"
        snapshots.append({p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()})
        manifest = json.loads((options.output_dir / "manifest.json").read_text())
        fingerprints.add(manifest["jobs"][0]["report"]["fingerprint"])
    if len(fingerprints) > 1:  # someone edited the library, notebook or data in between
        pytest.skip("the project's inputs changed between the two runs")
    assert any(name.startswith("tables/") for name in snapshots[0])
    assert _same_bytes(*snapshots) == []


def _process_tree(root: int) -> dict[int, str]:
    """``{pid: command line}`` of every descendant of ``root`` (psutil if installed, else /proc)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        tree = {}
        for child in psutil.Process(root).children(recursive=True):
            try:
                command = " ".join(child.cmdline())
            except psutil.Error:  # gone meanwhile, or a zombie
                command = ""
            tree[child.pid] = command
        return tree
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(text[text.rfind(")") + 2 :].split()[1])
    tree, todo = {}, [root]
    while todo:
        parent = todo.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                try:
                    tree[pid] = (Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()).strip()
                except OSError:
                    tree[pid] = ""
                todo.append(pid)
    return tree


@pytest.mark.slow
@linux_only
def test_a_killed_run_leaves_no_process_and_the_next_run_cleans_up(project):
    # Three never-ending jobs on two workers, and one quick one behind them.
    endless = [{"name": f"endless-{n}", "notebook": "broken_timeout"} for n in (1, 2, 3)]
    project.configure([*endless, {"name": "plain", "notebook": "ok"}])
    runner = _runner_process(project)  # no timeout: only a kill ends it
    tree: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 120
        while sum(line.startswith("kernel ") for line in project.runs()) < 2:  # both kernels in their loop
            assert runner.poll() is None, runner.communicate()
            assert time.monotonic() < deadline, "the never-ending notebooks did not start"
            time.sleep(0.2)
        kernels = {int(line.split()[1]) for line in project.runs() if line.startswith("kernel ")}
        tree = _process_tree(runner.pid)
        assert kernels <= set(tree), tree
        assert sum("resource_tracker" in command for command in tree.values()) == 1, tree
        assert sum("spawn_main" in command for command in tree.values()) == 2, tree  # the workers
        assert (project.out / ".tmp" / "endless-1").is_dir()
        run_dirs = list(project.temp.glob("natolab-run-*"))
        assert len(run_dirs) == 1

        runner.kill()  # SIGKILL, as `timeout -s KILL` or the OOM killer: no cleanup runs
        runner.communicate(timeout=30)
        deadline = time.monotonic() + 5
        while any(running(pid) for pid in tree) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = {pid: command for pid, command in tree.items() if running(pid)}
        assert survivors == {}, "still running after the runner was killed"
    finally:
        for pid in tree:  # never leave a test's processes behind, even when it fails
            if running(pid):
                os.kill(pid, signal.SIGKILL)

    # Its folders are still there; the next run removes them.
    assert (project.out / ".tmp").is_dir() and run_dirs[0].is_dir()
    project.configure([{"name": "plain", "notebook": "ok"}])
    summary, *_ = project.run()
    assert summary.exit_code == EXIT_OK
    assert project.leftovers() == []
    assert _temp_leftovers(project) == []
