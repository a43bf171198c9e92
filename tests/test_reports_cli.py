"""The `natolab report` command line (natolab.reports.cli)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from natolab.reports import cli

FIXTURES = Path(__file__).parent / "notebooks"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="natolab")
    cli.register(parser.add_subparsers(dest="command"))
    return parser


def test_help_explains_every_option_with_examples(capsys):
    with pytest.raises(SystemExit):
        _parser().parse_args(["report", "--help"])
    text = capsys.readouterr().out
    for option in ("--list", "--only", "--force", "--jobs", "--timeout", "--pdf", "--output-dir", "--config"):
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
