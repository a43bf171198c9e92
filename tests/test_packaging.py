"""pyproject.toml declares what the library imports, as ranges the tested lock satisfies.

`pip install .` outside the Makefile must give a package that imports: every third-party
module imported anywhere in lib/natolab is provided by a distribution listed in
[project].dependencies (or in an optional extra, for the pytest plugin), and every pinned
version in requirements.txt falls inside the declared range. The slow test does it: a
clean venv, `pip install .`, and every dataset loaded from the installed package.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from natolab import data, paths

PROJECT = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
EXTRAS = [Requirement(r) for reqs in PROJECT.get("optional-dependencies", {}).values() for r in reqs]
#: Imported only by natolab.pytest_plugin, which pytest loads; the "test" extra provides them.
TEST_ONLY_MODULES = {"pytest", "nbval"}


def _lock() -> dict[str, str]:
    pins = {}
    for line in (paths.PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", line.strip())
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level module → the library files importing it (absolute imports, not stdlib)."""
    found: dict[str, set[str]] = {}
    for path in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "natolab" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(path.name)
    return found


def test_every_import_of_the_library_is_declared():
    declared = {canonicalize_name(r.name) for r in RUNTIME}
    extras = {canonicalize_name(r.name) for r in EXTRAS}
    providers = packages_distributions()
    undeclared = {}
    for module, files in _third_party_imports().items():
        dists = {canonicalize_name(d) for d in providers.get(module, [module])}
        allowed = declared | (extras if module in TEST_ONLY_MODULES else set())
        if not dists & allowed:
            undeclared[module] = sorted(files)
    assert undeclared == {}


def test_the_lock_satisfies_every_declared_range():
    lock = _lock()
    outside = {str(r): lock.get(canonicalize_name(r.name)) for r in RUNTIME + EXTRAS
               if lock.get(canonicalize_name(r.name)) is None
               or not r.specifier.contains(lock[canonicalize_name(r.name)], prereleases=True)}
    assert outside == {}


def test_ranges_are_bounded_both_ways():
    """A lower bound for what the code needs, an upper one below the next breaking release."""
    loose = [str(r) for r in RUNTIME + EXTRAS
             if not {s.operator for s in r.specifier} >= {">=", "<"}]
    assert loose == []


#: What `pip install .` builds from; copied, because an in-tree build leaves build/ and
#: *.egg-info behind, and a stale build/lib would be packed into the next wheel.
BUILD_INPUTS = ("lib", "data", "pyproject.toml", "setup.py", "README.md", "LICENSE")

# Run in the clean venv, from a folder outside the project: where the package is, where it
# reads the data from, and the rows of every dataset in the catalogue.
INSTALLED_REPORT = """
import json, sys
from pathlib import Path
import natolab
from natolab import data, paths
print(json.dumps({
    "package": str(Path(natolab.__file__).resolve().parent),
    "prefix": str(Path(sys.prefix).resolve()),
    "data_dir": str(paths.DATA_DIR),
    "rows": {name: len(data.load(name)) for name in data.resource_names()},
}))
"""


def _run(command: list[str | Path], cwd: Path, timeout: int) -> str:
    # No PYTHONPATH: the checkout's lib/ must not stand in for the installed package.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("NATOLAB_")}
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_pip_install_in_a_clean_venv_imports_and_loads_every_dataset(tmp_path):
    source = tmp_path / "source"
    for name in BUILD_INPUTS:
        origin = paths.PROJECT_ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(origin, source / name)
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path, 120)
    python = venv / "bin" / "python"
    # The lock as constraints: the tested versions, most of them already in pip's cache.
    _run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-compile",
          "--constraint", paths.PROJECT_ROOT / "requirements.txt", source], tmp_path, 900)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    installed = json.loads(_run([python, "-c", INSTALLED_REPORT], elsewhere, 300))

    package = Path(installed["package"])
    assert package.is_relative_to(installed["prefix"]), "natolab was not imported from the clean venv"
    assert Path(installed["data_dir"]) == package / "datasets"
    assert installed["rows"] == {name: len(data.load(name)) for name in data.resource_names()}
    assert "datasets valid" in _run([venv / "bin" / "natolab", "data", "validate"], elsewhere, 300)
