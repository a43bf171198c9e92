"""Import the SIPRI Military Expenditure Database workbook into ``data/sipri_milex.csv``.

The workbook (``SIPRI-Milex-data-1949-2024_2.xlsx``, April 2025 release) has one
sheet per measure. Each sheet has a few lines of notes, then a header row whose
first cell is ``Country`` (the 6th row in the money and share-of-GDP sheets, the
7th/8th in the per-capita and government-spending sheets, so it is searched for),
then countries grouped under region header rows that carry no values.

Quirks handled by name:

* ``Share of GDP`` and ``Share of Govt. spending`` are stored as **fractions**
  (0.0342 = 3.42 %): multiplied by 100 so the unit is percent.
* ``". ."`` / ``"..."`` -> NA with ``missing_reason = "no data"``; ``"xxx"`` -> NA with
  ``"state did not exist"`` (SIPRI: not independent during the year).
* SIPRI names ``United States of America``; historical states (USSR, GDR,
  Czechoslovakia, Yugoslavia) are separate rows and are not kept.
* A literal 0 in ``Current US$`` where the same country-year has positive spending in
  another measure is a placeholder, not zero spending (:data:`PLACEHOLDER_ZERO_RULE`):
  NA with ``missing_reason = "placeholder zero"``. Iceland's zeros (no military, zero in
  every measure) are values and stay.

Only current Allies and the aspirants Bosnia and Herzegovina, Georgia and Ukraine
are kept; a missing one is an error, so a renamed country cannot silently vanish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from natolab.importers import csvstore
from natolab.importers.csvstore import MergeSummary
from natolab.importers.names import ALLIES, ASPIRANTS, UnknownCountryError, to_iso3
from natolab.importers.workbooks import open_workbook

__all__ = [
    "HISTORICAL_STATES",
    "LOCAL_CURRENCY",
    "PLACEHOLDER_ZERO_RULE",
    "SHEETS",
    "SipriLayoutError",
    "import_sipri_workbook",
    "sipri_rows",
]

KEPT = frozenset(ALLIES) | frozenset(ASPIRANTS)
HISTORICAL_STATES = frozenset(
    {"USSR", "German Democratic Republic", "Czechoslovakia", "Yugoslavia", "Yemen, North"}
)


@dataclass(frozen=True)
class SheetSpec:
    """One SIPRI sheet: our indicator name and the factor that turns it into our unit."""

    sheet: str
    indicator: str
    factor: float


SHEETS = (
    SheetSpec("Share of GDP", "share_of_gdp_pct", 100.0),  # stored as a fraction
    SheetSpec("Constant (2023) US$", "usd_constant_2023_m", 1.0),
    SheetSpec("Current US$", "usd_current_m", 1.0),
    SheetSpec("Per capita", "per_capita_usd_current", 1.0),
    SheetSpec("Share of Govt. spending", "share_of_government_spending_pct", 100.0),
)

# Read only as evidence for PLACEHOLDER_ZERO_RULE, not written: SIPRI's spending in local
# currency, calendar years (the basis of its calendar-year US$ series).
LOCAL_CURRENCY = SheetSpec("Local currency calendar years", "local_currency", 1.0)

_NO_DATA = "no data"
_NOT_A_STATE = "state did not exist"
_PLACEHOLDER_ZERO = "placeholder zero"


@dataclass(frozen=True)
class PlaceholderZeroRule:
    """A 0 in ``indicator`` is a placeholder where any of ``evidence`` is positive for the same
    country-year; ``reason`` goes to ``missing_reason`` and ``why`` says why."""

    indicator: str
    evidence: tuple[str, ...]
    reason: str
    why: str


PLACEHOLDER_ZERO_RULE = PlaceholderZeroRule(
    indicator="usd_current_m",
    evidence=(LOCAL_CURRENCY.indicator, "usd_constant_2023_m", "share_of_gdp_pct"),
    reason=_PLACEHOLDER_ZERO,
    why="SIPRI's Current US$ sheet holds a literal 0 for country-years whose spending it "
    "records as positive in local currency, constant US$ or share of GDP (April 2025 workbook: "
    "Albania 1975-91, Estonia 1992, Hungary 1954-67, Romania 1950-56; for most of them only "
    "the local-currency figure exists). Spending cannot be positive in local currency and zero "
    "in US$: the 0 stands for a conversion SIPRI did not make. A zero with no positive "
    "evidence (Iceland, no military) is a value and stays.",
)


class SipriLayoutError(ValueError):
    """The workbook is not laid out like the SIPRI Milex workbook."""


def _missing_reason(value: Any) -> str | None:
    """SIPRI's text codes for a missing value, or None when ``value`` is not such a code."""
    if value is None:
        return _NO_DATA
    if isinstance(value, str):
        code = re.sub(r"\s+", "", value)
        if code in ("..", "..."):
            return _NO_DATA
        if code.casefold() == "xxx":
            return _NOT_A_STATE
        if code == "":
            return _NO_DATA
    return None


def _header(rows: list[tuple], sheet: str, file: str) -> tuple[int, list[tuple[int, int]]]:
    for index, row in enumerate(rows[:15]):
        if row and isinstance(row[0], str) and row[0].strip() == "Country":
            years = [
                (col, int(v))
                for col, v in enumerate(row)
                if isinstance(v, int | float) and not isinstance(v, bool) and 1900 < v < 2100
            ]
            if not years:
                break
            return index, years
    raise SipriLayoutError(
        f"{file}, sheet {sheet!r}: expected a header row starting with 'Country' followed by "
        "years (1949 …) within the first 15 rows"
    )


def _sheet_rows(wb: Any, spec: SheetSpec, file: str, edition: str) -> list[dict[str, str]]:
    if spec.sheet not in wb.sheetnames:
        raise SipriLayoutError(
            f"{file}: sheet {spec.sheet!r} not found; expected sheets "
            f"{', '.join(s.sheet for s in (*SHEETS, LOCAL_CURRENCY))}; found {', '.join(wb.sheetnames)}"
        )
    rows = [tuple(r) for r in wb[spec.sheet].iter_rows(values_only=True)]
    header_index, years = _header(rows, spec.sheet, file)
    out: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        name = row[0] if row else None
        if not isinstance(name, str) or not name.strip():
            continue
        cells = [row[col] if col < len(row) else None for col, _ in years]
        if all(c is None for c in cells):
            continue  # a region header row (Africa, Western Europe, …)
        if name.strip() in HISTORICAL_STATES:
            continue
        where = f"{file}, sheet {spec.sheet!r}, row {offset}"
        try:
            iso3 = to_iso3(name, where)
        except UnknownCountryError:
            continue  # outside NATO's circle: not kept, so no need to know the name
        if iso3 not in KEPT:
            continue
        if iso3 in seen:
            raise SipriLayoutError(f"{where}: {iso3} already read from row {seen[iso3]}")
        seen[iso3] = offset
        for (_col, year), cell in zip(years, cells, strict=True):
            reason = _missing_reason(cell)
            if reason is None and not isinstance(cell, int | float):
                raise SipriLayoutError(f"{where}, year {year}: unexpected value {cell!r}")
            value = "" if reason else csvstore.format_number(float(cell) * spec.factor)
            out.append({
                "iso3": iso3, "year": str(year), "indicator": spec.indicator, "value": value,
                "missing_reason": reason or "", "edition": edition,
            })  # fmt: skip
    absent = sorted(KEPT - set(seen))
    if absent:
        raise SipriLayoutError(
            f"{file}, sheet {spec.sheet!r}: no row found for {', '.join(absent)} "
            "(renamed? add the spelling to data/country_names.csv)"
        )
    return out


def sipri_rows(path: Path | str, edition: str | None = None) -> list[dict[str, str]]:
    """Every kept SIPRI value as sipri_milex rows, sorted by (iso3, year, indicator).

    ``edition`` defaults to April of the year after the last data year (SIPRI
    publishes each year's figures in late April of the next year).
    """
    path = Path(path)
    wb = open_workbook(path, "SIPRI", SipriLayoutError)
    try:
        if edition is None:
            _idx, years = _header(
                [tuple(r) for r in wb[SHEETS[1].sheet].iter_rows(max_row=15, values_only=True)]
                if SHEETS[1].sheet in wb.sheetnames
                else [],
                SHEETS[1].sheet,
                path.name,
            )
            edition = f"{years[-1][1] + 1}-04"
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", edition):
            raise ValueError(f"edition must be YYYY-MM, got {edition!r}")
        rows = [r for spec in SHEETS for r in _sheet_rows(wb, spec, path.name, edition)]
        evidence = _sheet_rows(wb, LOCAL_CURRENCY, path.name, edition)
    finally:
        wb.close()
    _blank_placeholder_zeros(rows, evidence, PLACEHOLDER_ZERO_RULE)
    return sorted(rows, key=lambda r: (r["iso3"], int(r["year"]), r["indicator"]))


def _blank_placeholder_zeros(
    rows: list[dict[str, str]], extra: list[dict[str, str]], rule: PlaceholderZeroRule
) -> None:
    """Blank ``rule.indicator`` zeros that ``rule.evidence`` (in ``rows`` or ``extra``) contradicts."""
    positive = {
        (r["iso3"], r["year"])
        for r in (*rows, *extra)
        if r["indicator"] in rule.evidence and r["value"] and float(r["value"]) > 0
    }
    for row in rows:
        if (
            row["indicator"] == rule.indicator
            and row["value"]
            and float(row["value"]) == 0
            and (row["iso3"], row["year"]) in positive
        ):
            row["value"], row["missing_reason"] = "", rule.reason


def import_sipri_workbook(
    path: Path | str, data_dir: Path | str | None = None, edition: str | None = None
) -> MergeSummary:
    """Replace ``data/sipri_milex.csv`` with the values of one SIPRI Milex workbook.

    The resource holds one SIPRI release at a time (its primary key has no
    edition); rerunning on the same file writes a byte-identical CSV.
    """
    rows = sipri_rows(path, edition)
    file = csvstore.data_dir_or_default(data_dir) / "sipri_milex.csv"
    key = lambda r: (r["iso3"], r["year"], r["indicator"])  # noqa: E731
    old = {key(r) for r in csvstore.read_rows(file)}
    new = {key(r) for r in rows}
    csvstore.write_rows(file, csvstore.SIPRI_COLUMNS, rows)
    return MergeSummary(file, len(rows), len(new - old), len(new & old), len(old - new))
