"""pyproject.toml declares what the library imports, as ranges the tested lock satisfies.

`pip install .` outside the Makefile must give a package that imports: every third-party
module imported anywhere in lib/natolab is provided by a distribution listed in
[project].dependencies (or in an optional extra, for the pytest plugin), and every pinned
version in requirements.txt falls inside the declared range.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from natolab import paths

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
