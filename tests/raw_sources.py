"""Rows of the raw public source files in ../shared/sources, for tests that check against them.

Expected values in data and notebook tests come from these files, never from our
CSVs or the code under test; where ../shared is absent the test is skipped.
"""

from __future__ import annotations

import csv

import pytest

from natolab.paths import SOURCES_DIR


def raw_facts(name: str) -> list[dict[str, str]]:
    """Rows of a raw file in ../shared/sources/facts; skips the test where the sources are absent."""
    path = SOURCES_DIR / "facts" / name
    if not path.exists():
        pytest.skip("../shared/sources is absent: raw source file not available")
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
