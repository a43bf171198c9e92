"""Fixtures shared across the test suite. Keep this small: one fixture, one job."""

from __future__ import annotations

from pathlib import Path

import pytest

from natolab.paths import DATAPACKAGE, SOURCES_DIR, TESTS_DIR

ARTIFACTS_DIR = TESTS_DIR / "artifacts"  # screenshots and other evidence; ignored by git


# Session scope: it only checks a folder, and module-scoped fixtures that read raw files need it.
@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The raw public source files (../shared/sources); skips the test where they are absent."""
    if not SOURCES_DIR.is_dir():
        pytest.skip(f"raw sources not present at {SOURCES_DIR} (only beside the project checkout)")
    return SOURCES_DIR


@pytest.fixture(scope="session")
def curated() -> None:
    """Fails tests of the curated data/ where data/datapackage.json is missing.

    The catalogue is committed, so its absence is a defect to report, not a reason to skip.
    """
    assert DATAPACKAGE.exists(), "data/datapackage.json is missing: run `natolab data catalogue`"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``tests/artifacts/``, created on demand, for files a human inspects after a run."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture
def spending():
    """The small synthetic spending frames of ``tests/spending_frames.py`` (values worked out by hand)."""
    from spending_frames import spending_data

    return spending_data()
