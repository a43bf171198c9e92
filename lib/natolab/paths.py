"""Every location natolab uses, resolved from the package itself, never from the cwd.

papermill runs kernels in the caller's directory, nbval and JupyterLab in the
notebook's folder: a notebook must find the data from all three.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent.parent
# A checkout (and `make venv`'s editable install) reads data/ beside lib/. A package built by
# `pip install .` has no project around it: setup.py ships the datasets as natolab/datasets.
_SHIPPED_DATA = PACKAGE_DIR / "datasets"
DATA_DIR = _SHIPPED_DATA if _SHIPPED_DATA.is_dir() else PROJECT_ROOT / "data"
DATAPACKAGE = DATA_DIR / "datapackage.json"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
REPORTS_CONFIG = PROJECT_ROOT / "reports.toml"
TESTS_DIR = PROJECT_ROOT / "tests"
# Raw public files the datasets were curated from; present beside the project
# for curators and tests, never needed by `make reports`.
SHARED_DIR = PROJECT_ROOT.parent / "shared"
SOURCES_DIR = SHARED_DIR / "sources"
