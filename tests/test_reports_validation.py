"""Parameter checks before any kernel starts (natolab.reports.validation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from natolab import paths
from natolab.reports.config import Job
from natolab.reports.validation import (
    NOT_LITERAL,
    InvalidJob,
    check_job,
    notebook_parameters,
    project_validator,
)

FIXTURES = Path(__file__).parent / "notebooks"


def _job(notebook: str, parameters: dict, directory: Path = FIXTURES) -> Job:
    return Job(f"{notebook}-job", notebook, directory / f"{notebook}.ipynb", parameters)


def test_parameters_cell_names_and_defaults():
    assert notebook_parameters(FIXTURES / "ok.ipynb") == {
        "title": "ok",
        "data_dir": "",
        "resource": "",
        "rows": 3,
    }
    assert notebook_parameters(FIXTURES / "ok_noparams.ipynb") is None


def test_non_literal_default_is_marked(tmp_path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {"tags": ["parameters"]},
                "source": ["import math\n", "x = math.pi  # computed\n", "y: int = 2\n", "z: str\n"],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert notebook_parameters(path) == {"x": NOT_LITERAL, "y": 2, "z": NOT_LITERAL}


def test_unknown_parameter_lists_the_valid_names():
    with pytest.raises(InvalidJob) as caught:
        check_job(_job("ok", {"colour": "red", "rows": 2}), None)
    message = str(caught.value)
    assert "colour" in message
    assert "valid parameters: title, data_dir, resource, rows" in message


def test_parameters_for_notebook_without_parameters_cell_are_refused():
    with pytest.raises(InvalidJob, match="no cell tagged 'parameters'"):
        check_job(_job("ok_noparams", {"x": 1}), None)
    check_job(_job("ok_noparams", {}), None)  # no parameters: fine


def test_missing_notebook_is_refused(tmp_path):
    with pytest.raises(InvalidJob, match="notebook not found"):
        check_job(_job("ghost", {}, tmp_path), None)


def test_validator_sees_defaults_overridden_by_job_and_its_refusal_is_reported():
    calls = []

    def validator(notebook, params):
        calls.append((notebook, params))
        if params["rows"] > 10:
            raise ValueError(f"Parameter 'rows' = {params['rows']}: too many. Valid values: 0 to 10")

    check_job(_job("ok", {"rows": 5}), validator)
    assert calls == [("ok", {"title": "ok", "data_dir": "", "resource": "", "rows": 5})]
    with pytest.raises(InvalidJob, match=r"rows.*Valid values: 0 to 10"):
        check_job(_job("ok", {"rows": 11}), validator)


def test_project_validator_ignores_notebooks_it_does_not_know():
    validate = project_validator()
    assert validate is not None
    assert validate("ok", {"anything": 1}) is None


def test_project_validator_refuses_a_bad_ally_with_the_valid_codes():
    assert paths.DATAPACKAGE.is_file(), "data/datapackage.json is committed and must be present"
    validate = project_validator()
    with pytest.raises(ValueError) as caught:
        validate("country_profile", {"country": "XXX"})
    message = str(caught.value)
    assert "country" in message
    assert "BEL" in message  # the valid values are listed
