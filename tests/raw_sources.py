"""Rows of the raw public source files in ../shared/sources, for tests that check against them.

Expected values in data and notebook tests come from these files, never from our
CSVs or the code under test; where ../shared is absent the test is skipped.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from natolab.paths import SOURCES_DIR


def raw_facts(name: str) -> list[dict[str, str]]:
    """Rows of a raw file in ../shared/sources/facts; skips the test where the sources are absent."""
    path = SOURCES_DIR / "facts" / name
    if not path.exists():
        pytest.skip("../shared/sources is absent: raw source file not available")
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def raw_facts_text(name: str) -> str:
    """A notes file of ../shared/sources/facts (e.g. SOURCES-deterrence.md); skips where absent."""
    path = SOURCES_DIR / "facts" / name
    if not path.exists():
        pytest.skip("../shared/sources is absent: raw notes file not available")
    return path.read_text(encoding="utf-8")


#: Rows of NATO's tables that are aggregates ("NATO Total", "NATO Europe and Canada"), not Allies.
AGGREGATE = re.compile(r"^NATO\b")
TRANSCRIPTION = "defence-spending/nato_2025_2026_editions_transcribed.csv"


def _transcription_rows(sources: Path, edition: str, year: int, indicator: str) -> list[dict[str, str]]:
    """One edition's year of the project's transcription of the 2025/2026 releases, table values only.

    Where the file records a CONFLICT (a press article against NATO's table), the value
    from the table is kept, as the file's notes say and as data/ does.
    """
    with (sources / TRANSCRIPTION).open(encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle)
                if (r["edition"], r["indicator"], r["year"]) == (edition, indicator, str(year)) and r["value"]
                and ("CONFLICT" not in r["note"] or "Tabelle" in r["source"] or "Table" in r["source"])]


def transcribed(sources: Path, edition: str, year: int, indicator: str = "defence_exp_pct_gdp") -> dict[str, float]:
    """{country: value} of one edition's year in the transcription (see ``_transcription_rows``)."""
    return {r["country"]: float(r["value"]) for r in _transcription_rows(sources, edition, year, indicator)}


def transcribed_year_label(sources: Path, edition: str, year: int) -> str:
    """The year as the edition labels it: "2026e" where the file marks its figures as estimates."""
    flags = {r["estimate"] for r in _transcription_rows(sources, edition, year, "defence_exp_pct_gdp")}
    assert len(flags) == 1, f"{edition} {year} mixes estimates and outturns in the source"
    return f"{year}e" if flags == {"yes"} else str(year)


def transcribed_years(sources: Path, edition: str) -> list[int]:
    """Years with a share of GDP for ``edition`` in the transcription, oldest first."""
    with (sources / TRANSCRIPTION).open(encoding="utf-8") as handle:
        return sorted({int(r["year"]) for r in csv.DictReader(handle)
                       if r["edition"] == edition and r["indicator"] == "defence_exp_pct_gdp"})


def allies(values: dict[str, float]) -> dict[str, float]:
    """``values`` without NATO's aggregate rows."""
    return {k: v for k, v in values.items() if not AGGREGATE.match(k)}
