"""The natolab command: --help everywhere, meaningful exit codes."""

import json
import shutil
import subprocess

import pytest

from natolab import cli, data, paths

SUBCOMMANDS = [[], ["data"], ["data", "validate"], ["data", "catalogue"], ["data", "import-nato-workbook"],
               ["data", "import-sipri"], ["notebooks"], ["report"]]


@pytest.mark.parametrize("words", SUBCOMMANDS, ids=lambda w: " ".join(w) or "natolab")
def test_help_on_every_subcommand(words, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*words, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: natolab")
    assert len(out.splitlines()) > 3


def test_validate_clean_data(capsys):
    assert cli.main(["data", "validate"]) == 0
    assert "datasets valid" in capsys.readouterr().out


def test_validate_reports_broken_data(tmp_path, capsys):
    for item in paths.DATA_DIR.iterdir():
        shutil.copy(item, tmp_path / item.name)
    members = (tmp_path / "members.csv").read_text(encoding="utf-8").splitlines()
    header = members[0].split(",")
    row = members[2].split(",")
    row[header.index("iso3")] = "ZZZ"
    members[2] = ",".join(row)
    (tmp_path / "members.csv").write_text("\n".join(members) + "\n", encoding="utf-8")
    data.clear_cache()
    assert cli.main(["data", "validate", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "members.csv, line 3" in err and "'ZZZ'" in err and "problem(s) found" in err


def test_console_script_runs_from_any_cwd(tmp_path):
    exe = shutil.which("natolab", path=str(paths.PROJECT_ROOT / ".venv" / "bin")) or shutil.which("natolab")
    assert exe, "the natolab console script is not installed"
    out = subprocess.run([exe, "--version"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.startswith("natolab ")
    assert json.loads(paths.DATAPACKAGE.read_text())["name"] == "natolab"
