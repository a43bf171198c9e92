"""Read ``reports.toml``: which notebook runs with which parameters, under which job name.

A job is one notebook run with one parameter set. ``[[job]]`` tables list them::

    notebooks_dir = "notebooks"          # optional, relative to the config file

    [[job]]
    notebook = "enlargement"             # notebooks/enlargement.ipynb with its defaults

    [[job]]
    name = "enlargement-1952"            # required when parameters are given
    notebook = "enlargement"
    parameters = { as_of = "1952-02-18" }

    [[job]]
    notebook = "country_profile"
    for_each = { country = "allies" }    # one job per Ally: country_profile-BEL, ...

``for_each`` takes one parameter name and either a list of values or ``"allies"``
(the ISO3 codes in ``data/members.csv``). The job name then defaults to
``<notebook>-<value>``; a ``name`` may use ``{value}`` and ``{notebook}``.
Reading the Allies with :mod:`csv`, not pandas, keeps an up-to-date run instant.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from natolab.reports.credits import DATA_PAGES_DIR
from natolab.reports.index import INDEX_NAME
from natolab.reports.manifest import MANIFEST_NAME

__all__ = ["Config", "ConfigError", "Job", "allies", "load_config"]

JOB_KEYS = ("name", "notebook", "parameters", "for_each")
TOP_KEYS = ("notebooks_dir", "job")
# Job names become folder names under reports/; '_' and '.' starts are reserved
# for reports/_failed and temporary folders.
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
#: What the report folder holds besides the jobs' folders: a job of one of these names would
#: overwrite the data pages, the index, the manifest or the folder's README.
RESERVED_NAMES = (DATA_PAGES_DIR, INDEX_NAME, MANIFEST_NAME, "README.md")


class ConfigError(ValueError):
    """``reports.toml`` cannot be used; the message names the file and the job."""


@dataclass(frozen=True)
class Job:
    """One notebook run with one parameter set, written to ``reports/<name>/``."""

    name: str
    notebook: str
    notebook_path: Path
    parameters: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass
class Config:
    """The expanded job list, in config order, plus warnings worth printing."""

    path: Path
    notebooks_dir: Path
    jobs: list[Job]
    warnings: list[str] = field(default_factory=list)


def allies(data_dir: Path) -> list[str]:
    """ISO3 codes of the Allies in ``members.csv`` (sorted); empty if the file is absent.

    The runner's main process stays free of pandas, so this reads the CSV itself; the
    answer is :func:`natolab.countries.allies` at the data's date (a test holds them equal).
    """
    members = data_dir / "members.csv"
    if not members.is_file():
        return []
    with members.open(encoding="utf-8", newline="") as handle:
        return sorted({row["iso3"] for row in csv.DictReader(handle) if row.get("iso3")})


def _plain(value: Any) -> Any:
    """TOML dates and times become ISO strings: papermill injects them as string literals."""
    if isinstance(value, dt.date | dt.time):  # dt.datetime is a dt.date
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _expand(
    where: str, table: dict[str, Any], parameters: dict[str, Any], data_dir: Path
) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """(job name, parameters) pairs of one ``[[job]]`` table, and warnings."""
    notebook = table["notebook"]
    for_each = table.get("for_each")
    if for_each is None:
        if parameters and "name" not in table:
            raise ConfigError(f"{where}: a job with parameters needs a 'name'")
        return [(table.get("name", notebook), parameters)], []
    if not isinstance(for_each, dict) or len(for_each) != 1:
        raise ConfigError(
            f"{where}: 'for_each' must be one parameter and its values, e.g. for_each = {{ country = \"allies\" }}"
        )
    ((param, values),) = for_each.items()
    warnings: list[str] = []
    if values == "allies":
        values = allies(data_dir)
        if not values:
            warnings.append(f"{where}: no Allies to expand ({data_dir / 'members.csv'} is missing); no {notebook} jobs")
    if not isinstance(values, list):
        raise ConfigError(f'{where}: for_each values must be a list or "allies", got {values!r}')
    template = table.get("name", "{notebook}-{value}")
    pairs = []
    for value in values:
        name = template.format(notebook=notebook, value=value)
        pairs.append((name, {**parameters, param: value}))
    return pairs, warnings


def _job_table(where: str, table: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table with keys {', '.join(JOB_KEYS)}")
    unknown = sorted(set(table) - set(JOB_KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; valid keys: {', '.join(JOB_KEYS)}")
    if not isinstance(table.get("notebook"), str) or not table["notebook"]:
        raise ConfigError(f"{where}: 'notebook' (a notebook name without .ipynb) is required")
    if not isinstance(table.get("parameters", {}), dict):
        raise ConfigError(f"{where}: 'parameters' must be a table, e.g. parameters = {{ year = 2024 }}")
    return table


def load_config(path: Path, *, data_dir: Path) -> Config:
    """Parse and expand ``reports.toml``; raise :class:`ConfigError` naming file and job."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: report configuration not found") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    unknown = sorted(set(raw) - set(TOP_KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)}; valid keys: {', '.join(TOP_KEYS)}")
    notebooks_dir = (path.parent / raw.get("notebooks_dir", "notebooks")).resolve()
    config = Config(path=path, notebooks_dir=notebooks_dir, jobs=[])
    seen: dict[str, str] = {}
    for number, table in enumerate(raw.get("job", []), start=1):
        where = f"{path}, job #{number}"
        table = _job_table(where, table)
        parameters = _plain(table.get("parameters", {}))
        pairs, warnings = _expand(where, table, parameters, data_dir)
        config.warnings.extend(warnings)
        notebook = table["notebook"]
        for name, params in pairs:
            if not NAME_PATTERN.match(name):
                raise ConfigError(
                    f"{where}: job name {name!r} must start with a letter or digit and use only "
                    "letters, digits, '_', '-' and '.' (it names a folder under reports/)"
                )
            if name.lower() in {reserved.lower() for reserved in RESERVED_NAMES}:
                raise ConfigError(
                    f"{where}: job name {name!r} is taken by the report folder itself "
                    f"(reserved: {', '.join(RESERVED_NAMES)}); choose another name"
                )
            if name in seen:
                raise ConfigError(f"{where}: job name {name!r} is already used by {seen[name]}")
            seen[name] = where
            config.jobs.append(Job(name, notebook, notebooks_dir / f"{notebook}.ipynb", params))
    return config
