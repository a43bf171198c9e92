"""The catalogue: generated from code, committed, and a valid Frictionless data package."""

import json

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


@pytest.mark.slow
def test_frictionless_validates_the_package():
    from frictionless import Package, validate

    report = validate(Package(str(paths.DATAPACKAGE)))
    errors = [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors][:10]
    assert report.valid, "\n".join(errors or [str(e) for e in report.errors])
