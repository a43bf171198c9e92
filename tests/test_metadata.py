"""The catalogue: generated from code, committed, and a valid Frictionless data package."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from natolab import metadata, paths


def test_committed_catalogue_is_the_generated_one():
    committed = paths.DATAPACKAGE.read_text(encoding="utf-8")
    assert committed == metadata.render_datapackage(), "run `natolab data catalogue` and commit data/datapackage.json"


def test_every_topic_module_contributes():
    names = [res["name"] for res in metadata.build_datapackage()["resources"]]
    assert len(names) == len(set(names)), "resource names must be unique"
    for topic in metadata.TOPIC_MODULES:
        module = __import__(f"natolab.metadata.{topic}", fromlist=["RESOURCES"])
        assert module.RESOURCES, topic


def test_every_resource_has_sources_licence_and_described_fields():
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert res.get("sources"), res["name"]
        assert res.get("licenses"), res["name"]
        assert res.get("description"), res["name"]
        for field in res["schema"]["fields"]:
            assert field.get("description"), f"{res['name']}.{field['name']}"


def _frictionless_validate(package_file):
    exe = Path(sys.executable).parent / "frictionless"
    return subprocess.run([str(exe), "validate", str(package_file)], capture_output=True, text=True)


@pytest.mark.slow
def test_frictionless_validates_the_package():
    result = _frictionless_validate(paths.DATAPACKAGE)
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.slow
def test_frictionless_catches_a_broken_copy(tmp_path):
    """The check above can fail: the same validator rejects a wrongly typed value."""
    for item in paths.DATA_DIR.iterdir():
        shutil.copy(item, tmp_path / item.name)
    members = tmp_path / "members.csv"
    members.write_text(members.read_text(encoding="utf-8").replace("1952-02-18", "18 Feb 1952", 1), encoding="utf-8")
    result = _frictionless_validate(tmp_path / "datapackage.json")
    assert result.returncode != 0
    assert "members" in result.stdout and "INVALID" in result.stdout
