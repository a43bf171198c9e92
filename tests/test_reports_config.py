"""reports.toml parsing and job expansion (natolab.reports.config)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from natolab import paths
from natolab.reports.config import ConfigError, load_config


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reports.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _members(data_dir: Path, codes: list[str]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "members.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["iso3", "accession_date"])
        writer.writerows([code, "1949-04-04"] for code in codes)


def test_jobs_names_parameters_and_paths(tmp_path):
    config = load_config(
        _write(
            tmp_path,
            'notebooks_dir = "nbs"\n'
            '[[job]]\nnotebook = "enlargement"\n'
            '[[job]]\nname = "enlargement-1952"\nnotebook = "enlargement"\n'
            'parameters = { as_of = 1952-02-18, highlight = ["GRC", "TUR"] }\n',
        ),
        data_dir=tmp_path / "data",
    )
    assert [job.name for job in config.jobs] == ["enlargement", "enlargement-1952"]
    assert config.jobs[0].parameters == {}
    assert config.jobs[0].notebook_path == (tmp_path / "nbs" / "enlargement.ipynb").resolve()
    # A bare TOML date reaches papermill as the string it would get from `-p as_of 1952-02-18`.
    assert config.jobs[1].parameters == {"as_of": "1952-02-18", "highlight": ["GRC", "TUR"]}


def test_for_each_allies_expands_from_members_csv(tmp_path):
    _members(tmp_path / "data", ["NOR", "BEL", "ISL"])
    config = load_config(
        _write(tmp_path, '[[job]]\nnotebook = "country_profile"\nfor_each = { country = "allies" }\n'),
        data_dir=tmp_path / "data",
    )
    assert [(job.name, job.parameters) for job in config.jobs] == [
        ("country_profile-BEL", {"country": "BEL"}),
        ("country_profile-ISL", {"country": "ISL"}),
        ("country_profile-NOR", {"country": "NOR"}),
    ]
    assert config.warnings == []


def test_for_each_list_with_name_template_and_shared_parameters(tmp_path):
    config = load_config(
        _write(
            tmp_path,
            '[[job]]\nnotebook = "burden_sharing"\nname = "bs-{value}"\n'
            "parameters = { target_pct = 2 }\nfor_each = { year = [2014, 2024] }\n",
        ),
        data_dir=tmp_path,
    )
    assert [(job.name, job.parameters) for job in config.jobs] == [
        ("bs-2014", {"target_pct": 2, "year": 2014}),
        ("bs-2024", {"target_pct": 2, "year": 2024}),
    ]


def test_allies_without_data_warns_and_adds_no_job(tmp_path):
    config = load_config(
        _write(tmp_path, '[[job]]\nnotebook = "country_profile"\nfor_each = { country = "allies" }\n'),
        data_dir=tmp_path / "no-data",
    )
    assert config.jobs == []
    assert "members.csv" in config.warnings[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[[job]]\nnotebook = "x"\ncolour = "red"\n', ["job #1", "colour", "valid keys", "for_each"]),
        ('[[job]]\nname = "x"\n', ["job #1", "'notebook'"]),
        ('[[job]]\nnotebook = "x"\nparameters = { a = 1 }\n', ["job #1", "needs a 'name'"]),
        ('[[job]]\nnotebook = "x"\n[[job]]\nnotebook = "x"\n', ["job #2", "'x' is already used"]),
        ('[[job]]\nnotebook = "x"\nname = "_x"\n', ["job #1", "'_x'", "must start with"]),
        ('[[job]]\nnotebook = "x"\nname = "a/b"\n', ["'a/b'"]),
        # reports/data/ holds the data pages; a job of that name would overwrite them.
        ('[[job]]\nnotebook = "data"\n', ["job #1", "'data'", "reserved: data, index.html, manifest.json"]),
        ('[[job]]\nnotebook = "x"\nname = "Manifest.json"\n', ["'Manifest.json'", "choose another name"]),
        ('[[job]]\nnotebook = "x"\nfor_each = { a = 1, b = 2 }\n', ["one parameter"]),
        ('[[job]]\nnotebook = "x"\nfor_each = { a = "everyone" }\n', ['"allies"', "'everyone'"]),
        ("jobs = 3\n", ["unknown key", "jobs", "valid keys"]),
        ("[[job]\n", ["not valid TOML"]),
    ],
)
def test_bad_config_names_file_job_and_fix(tmp_path, text, words):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, data_dir=tmp_path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_missing_config_is_named(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", data_dir=tmp_path)


def test_project_config_covers_every_notebook_and_every_ally():
    config = load_config(paths.REPORTS_CONFIG, data_dir=paths.DATA_DIR)
    notebooks = {job.notebook for job in config.jobs}
    assert notebooks == {
        "enlargement",
        "burden_sharing",
        "eu_nato_cooperation",
        "country_profile",
        "crisis_management",
        "deterrence_defence",
        "partnerships",
    }
    by_name = {job.name: job for job in config.jobs}
    assert by_name["enlargement-1952"].parameters["as_of"] == "1952-02-18"
    assert by_name["burden_sharing-2024-edition-2024-06"].parameters == {
        "year": 2024,
        "edition": "2024-06",
    }
    from natolab import countries  # the owner of "who is an Ally"; the runner reads the CSV without pandas

    allies = sorted(countries.allies())
    profiles = sorted(job.parameters["country"] for job in config.jobs if job.notebook == "country_profile")
    assert profiles == allies
    assert len(allies) >= 32


def test_every_project_job_passes_the_parameter_checks():
    from natolab.reports.validation import check_job, project_validator

    assert paths.DATAPACKAGE.is_file(), "data/datapackage.json is committed and must be present"
    config = load_config(paths.REPORTS_CONFIG, data_dir=paths.DATA_DIR)
    missing = [job.name for job in config.jobs if not job.notebook_path.is_file()]
    assert config.jobs and not missing, f"reports.toml names notebooks that do not exist: {missing}"
    jobs = config.jobs
    validator = project_validator()
    for job in jobs:
        check_job(job, validator)  # raises InvalidJob naming the job and the valid values
