"""The `natolab report` command line (natolab.reports.cli)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from natolab.reports import cli, fingerprints, manifest
from natolab.reports.config import load_config

FIXTURES = Path(__file__).parent / "notebooks"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="natolab")
    cli.register(parser.add_subparsers(dest="command"))
    return parser


def test_help_explains_every_option_with_examples(capsys):
    with pytest.raises(SystemExit):
        _parser().parse_args(["report", "--help"])
    text = capsys.readouterr().out
    for option in ("--list", "--json", "--only", "--force", "--jobs", "--timeout", "--pdf", "--output-dir", "--config"):
        assert option in text
    assert "examples:" in text
    assert "exit codes:" in text
    assert "manifest.json" in text and "index.html" in text


def test_defaults_and_validation_of_numbers(capsys):
    args = _parser().parse_args(["report"])
    assert (args.jobs, args.timeout, args.force, args.pdf, args.only) == (0, 600.0, False, False, [])
    assert args.handler is cli.run
    args = _parser().parse_args(["report", "--only", "a*", "--only", "b", "-j", "2", "--timeout", "0"])
    options = cli.options_from_args(args)
    assert (options.only, options.jobs, options.timeout) == (["a*", "b"], 2, None)
    with pytest.raises(SystemExit):
        _parser().parse_args(["report", "--jobs", "0"])
    assert "at least 1" in capsys.readouterr().err


def test_list_shows_jobs_and_states_without_running(tmp_path, capsys):
    config = tmp_path / "reports.toml"
    config.write_text(
        f"notebooks_dir = {str(FIXTURES)!r}\n"
        '[[job]]\nnotebook = "ok"\n'
        '[[job]]\nname = "ok-rows"\nnotebook = "ok"\nparameters = { rows = 2 }\n'
        '[[job]]\nnotebook = "ghost"\n'
    )
    out_dir = tmp_path / "reports"
    args = _parser().parse_args(["report", "--list", "--config", str(config), "--output-dir", str(out_dir)])
    assert cli.run(args) == 0
    text = capsys.readouterr().out
    assert "ok-rows" in text and "rows=2" in text
    assert "new" in text
    assert "notebook not found" in text
    assert "3 jobs" in text
    assert not out_dir.exists()  # listing writes nothing, takes no lock


def _json_lines(text: str) -> list[dict]:
    lines = text.splitlines()
    assert lines, "no output"
    return [json.loads(line) for line in lines]  # every line is one JSON object, nothing else


def test_list_json_gives_schedulers_every_job_as_configured(tmp_path, capsys):
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    shutil.copy(FIXTURES / "ok.ipynb", project / "notebooks" / "ok.ipynb")
    (project / "data").mkdir()
    (project / "lib").mkdir()
    config = project / "reports.toml"
    config.write_text(
        'notebooks_dir = "notebooks"\n'
        '[[job]]\nnotebook = "ok"\n'
        '[[job]]\nname = "ok-rows"\nnotebook = "ok"\nparameters = { rows = 2, title = 2024-06-30 }\n'
        '[[job]]\nnotebook = "ok"\nname = "ok-{value}"\nfor_each = { resource = ["a", "b"] }\n'
        '[[job]]\nnotebook = "ghost"\n'
    )
    out_dir = project / "reports"
    args = _parser().parse_args(["report", "--list", "--json", "--config", str(config), "--output-dir", str(out_dir)])
    options = dataclasses.replace(cli.options_from_args(args), data_dir=project / "data", library_dir=project / "lib")

    # One job already has its report: up to date, so a scheduler can skip it.
    fingerprinter = fingerprints.Fingerprinter(
        data_dir=options.data_dir, library_dir=options.library_dir, version=options.version
    )
    inputs = {**fingerprinter.inputs(project / "notebooks" / "ok.ipynb", {"resource": "a"}, []), "data_read": []}
    (out_dir / "ok-a").mkdir(parents=True)
    for name in ("ok-a.ipynb", "ok-a.html"):
        (out_dir / "ok-a" / name).write_text("done")
    report = {"inputs": inputs, "files": ["ok-a.html", "ok-a.ipynb"]}
    manifest.write_manifest(out_dir, [{"job": "ok-a", "notebook": "ok", "report": report}], options.version)

    assert cli._list(options, as_json=True) == 0
    listed = _json_lines(capsys.readouterr().out)
    jobs = load_config(config, data_dir=options.data_dir).jobs
    names = ["ok", "ok-rows", "ok-a", "ok-b", "ghost"]
    assert [entry["name"] for entry in listed] == [job.name for job in jobs] == names
    for entry, job in zip(listed, jobs, strict=True):
        assert entry["notebook"] == job.notebook
        assert entry["notebook_path"] == f"notebooks/{job.notebook}.ipynb"  # relative to the project
        assert entry["parameters"] == job.parameters  # as papermill injects them
        folder = f"reports/{job.name}"
        assert entry["outputs"] == {
            "dir": folder,
            "ipynb": f"{folder}/{job.name}.ipynb",
            "html": f"{folder}/{job.name}.html",
            "tables": f"{folder}/tables",
        }
    by_name = {entry["name"]: entry for entry in listed}
    assert by_name["ok-rows"]["parameters"] == {"rows": 2, "title": "2024-06-30"}  # a TOML date: a string
    assert by_name["ok-b"]["parameters"] == {"resource": "b"}
    assert [by_name[name]["stale"] for name in names] == [True, True, False, True, False]
    assert by_name["ok"]["state"] == "new" and by_name["ok"]["reasons"] == ["never ran successfully"]
    assert by_name["ok-a"]["state"] == "up to date" and by_name["ok-a"]["reasons"] == []
    assert by_name["ghost"]["state"] == "problem" and "notebook not found" in by_name["ghost"]["problem"]
    assert by_name["ok"]["problem"] is None

    # Through the command line; an output folder outside the project is given in full.
    elsewhere = tmp_path / "srv" / "reports"
    where = ["--config", str(config), "--output-dir", str(elsewhere)]
    args = _parser().parse_args(["report", "--list", "--json", "--pdf", "--only", "ok-rows", *where])
    assert cli.run(args) == 0
    (entry,) = _json_lines(capsys.readouterr().out)
    assert entry["notebook_path"] == "notebooks/ok.ipynb"
    assert entry["outputs"]["html"] == (elsewhere / "ok-rows" / "ok-rows.html").as_posix()
    assert entry["outputs"]["pdf"] == (elsewhere / "ok-rows" / "ok-rows.pdf").as_posix()
    assert not elsewhere.exists()  # listing writes nothing

    assert cli.run(_parser().parse_args(["report", "--json", "--config", str(config)])) == 2
    assert "--json goes with --list" in capsys.readouterr().err
