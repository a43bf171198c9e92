"""Editions without an official workbook: transcriptions, a tidy conversion and quotes.

Three files in ``shared/sources/defence-spending/`` (see PROVENANCE.md):

* ``nato_2025_2026_editions_transcribed.csv`` -> editions 2026-07 and 2025-08
  (``secondary_transcription``). Rows flagged ``CONFLICT`` are resolved by
  :data:`CONFLICTS` (the better-sourced value is kept, the other is named in
  ``note``); values printed in rounded US$ bn are stored in US$ million (×1000)
  unless the same value exists in US$ million, which then wins.
* ``nato_passport_2012-2019_from_nato.rda.csv`` -> edition 2019-06
  (``tidy_conversion``): US$ -> US$ million, persons -> thousands.
* ``nato_figures_transcribed_from_pages.csv`` -> 2024-03, 2025-04 (SG Annual Reports),
  2017-06 and 2008-03 (HC 111 annex), and the 2025 edition's real change 2014-2025
  that the transcription file lacks (``secondary_quote``). A value without a
  country name, the US$ bn figures of the 2017 edition (price basis not stated)
  and "share of NATO total" (not an indicator here) are left out.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from natolab import paths
from natolab.importers import csvstore
from natolab.importers.csvstore import MergeSummary
from natolab.importers.editions import write_editions
from natolab.importers.names import ALLIES, UnknownCountryError, to_iso3

__all__ = [
    "CONFLICTS",
    "EDITION_FILE",
    "PAGES_FILE",
    "PASSPORT_FILE",
    "import_secondary_editions",
    "pages_rows",
    "passport_rows",
    "secondary_rows",
    "transcribed_rows",
]

EDITION_FILE = "nato_2025_2026_editions_transcribed.csv"
PASSPORT_FILE = "nato_passport_2012-2019_from_nato.rda.csv"
PAGES_FILE = "nato_figures_transcribed_from_pages.csv"

Row = dict[str, str]

# transcription indicator -> (our indicator, unit, price basis, factor to our unit)
_TRANSCRIBED = {
    "defence_exp_pct_gdp": ("share_of_gdp_pct", "% of GDP", "constant 2021", 1),
    "defence_exp_usd_current_m": ("defence_expenditure_usd_current_m", "million US$", "current", 1),
    "defence_exp_usd_current_bn": ("defence_expenditure_usd_current_m", "million US$", "current",
                                   1000),
    "defence_exp_usd_const2021_m": ("defence_expenditure_usd_constant_m", "million US$",
                                    "constant 2021", 1),
    "defence_exp_usd_const2021_bn": ("defence_expenditure_usd_constant_m", "million US$",
                                     "constant 2021", 1000),
    "defence_exp_natcur_current_m": ("defence_expenditure_natcur_current_m",
                                     "million national currency", "current", 1),
    "defence_exp_natcur_const2021_m": ("defence_expenditure_natcur_constant_m",
                                       "million national currency", "constant 2021", 1),
    "real_change_pct": ("real_change_pct", "% change on previous year", "constant 2021", 1),
    "equipment_share_pct": ("equipment_share_pct", "% of defence expenditure", "", 1),
    "personnel_share_pct": ("personnel_share_pct", "% of defence expenditure", "", 1),
    "infrastructure_share_pct": ("infrastructure_share_pct", "% of defence expenditure", "", 1),
    "other_share_pct": ("other_share_pct", "% of defence expenditure", "", 1),
}  # fmt: skip
_LEFT_OUT = {"share_of_nato_total_pct"}

# Rows flagged CONFLICT in the transcription: (edition, country, year, source indicator)
# -> (value kept, why). The kept value must be one of the candidates ("" = none published).
CONFLICTS: dict[tuple[str, str, str, str], tuple[str, str]] = {
    ("2025-08", "Croatia", "2024", "defence_exp_pct_gdp"): (
        "1.87",
        "CONFLICT resolved: kept 1.87 from a transcription of the 2025 edition's Table 3; "
        "defence-ua.com quotes 1.81, which is the June 2024 edition's 2024e",
    ),
    ("2025-08", "Spain", "2024", "defence_exp_pct_gdp"): (
        "1.43",
        "CONFLICT resolved: kept 1.43 from a transcription of the 2025 edition's Table 3; "
        "defence-ua.com quotes 1.28, which is the June 2024 edition's 2024e",
    ),
    ("2025-08", "Germany", "2025", "defence_exp_pct_gdp"): (
        "",
        "CONFLICT resolved: NATO's table left Germany 2025e blank (SQL seed transcribed from "
        "the table, particle.news); tportal.hr's 2% (probably a conditional value in the "
        "report's charts) is not used",
    ),
    ("2025-08", "Germany", "2025", "defence_exp_usd_current_bn"): (
        "",
        "CONFLICT resolved: NATO published no German 2025 estimate; UK Defence Journal's "
        "US$ 93.7 bn equals Germany's 2024 value (93,747 in the 2026 edition) and is not used",
    ),
}


def _read_csv(file: Path) -> list[Row]:
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError:
        raise FileNotFoundError(f"source file not found: {file}") from None


def _number(text: str, factor: float, where: str) -> str:
    if text.strip() == "":
        return ""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{where}: value {text!r} is not a number") from None
    return csvstore.format_number(value * factor if factor != 1 else value)


def _join(*parts: str) -> str:
    return "; ".join(p.strip() for p in parts if p and p.strip())


# --------------------------------------------------------- 2025-08 and 2026-07 (transcribed)


def transcribed_rows(sources_dir: Path) -> list[Row]:
    """Rows of editions 2025-08 and 2026-07 from the transcription file, conflicts resolved."""
    file = sources_dir / EDITION_FILE
    groups: dict[tuple[str, str, int, str], list[tuple[int, Row, tuple]]] = defaultdict(list)
    for line, src in enumerate(_read_csv(file), start=2):
        if src["indicator"] in _LEFT_OUT:
            continue
        if src["indicator"] not in _TRANSCRIBED:
            raise ValueError(f"{file.name}, line {line}: unknown indicator {src['indicator']!r}")
        where = f"{file.name}, line {line}"
        iso3 = to_iso3(src["country"], where)
        indicator = _TRANSCRIBED[src["indicator"]][0]
        groups[(src["edition"], iso3, int(src["year"]), indicator)].append(
            (line, src, _TRANSCRIBED[src["indicator"]])
        )
    return [_resolve(file, key, cands) for key, cands in sorted(groups.items())]


def _transcribed_row(file: Path, key: tuple, src: Row, spec: tuple, extra: str) -> Row:
    edition, iso3, year, indicator = key
    _ind, unit, price, factor = spec
    rounded = _ROUNDED if factor != 1 else ""
    corroborated = f"corroborated by {src['corroborated_by']}" if src["corroborated_by"] else ""
    return {
        "edition": edition,
        "iso3": iso3,
        "year": str(year),
        "indicator": indicator,
        "unit": unit,
        "price_basis": price,
        "value": _number(src["value"], factor, f"{file.name}"),
        "estimate": {"yes": "true", "no": "false"}[src["estimate"]],
        "source_kind": "secondary_transcription",
        "source": f"{file.name} <- {src['source']}",
        "note": _join(extra, rounded, src["note"] if not extra else "", corroborated),
    }


def _resolve(file: Path, key: tuple, cands: list[tuple[int, Row, tuple]]) -> Row:
    edition, _iso3, year, _indicator = key
    first = cands[0][1]
    decision = CONFLICTS.get((edition, first["country"], str(year), first["indicator"]))
    if decision is not None:
        kept_value, why = decision
        for _line, src, spec in cands:
            if src["value"] == kept_value:
                return _transcribed_row(file, key, src, spec, why)
        if kept_value == "":
            # Not published: keep the row, without the value the source got wrong.
            _line, src, spec = cands[0]
            return {**_transcribed_row(file, key, src, spec, why), "value": "", "note": why}
        lines = ", ".join(str(c[0]) for c in cands)
        raise ValueError(f"{file.name}, lines {lines}: conflict decision {kept_value!r} "
                         "matches no candidate value")  # fmt: skip
    if len(cands) == 1:
        _line, src, spec = cands[0]
        if "CONFLICT" in src["note"]:
            raise ValueError(
                f"{file.name}, line {_line}: row flagged CONFLICT has no decision in CONFLICTS"
            )
        return _transcribed_row(file, key, src, spec, "")
    # Same value printed in US$ million and rounded in US$ bn: keep the full figure.
    full = [c for c in cands if c[2][3] == 1]
    rounded = [c for c in cands if c[2][3] != 1]
    if len(full) == 1 and rounded:
        _line, src, spec = full[0]
        also = "; ".join(f"{r[1]['source']} prints US$ {r[1]['value']} bn (rounded)" for r in rounded)
        row = _transcribed_row(file, key, src, spec, "")
        row["note"] = _join(row["note"], also)
        return row
    lines = ", ".join(str(c[0]) for c in cands)
    raise ValueError(f"{file.name}, lines {lines}: several values for {key} and no decision")


# ---------------------------------------------------------------------- 2019-06 (passport)

# passport column -> (indicator, unit, price basis, factor to our unit)
_PASSPORT = {
    "Defense expenditure (USD, current prices)": (
        "defence_expenditure_usd_current_m", "million US$", "current", 1e-6),
    "Defense expenditure (USD, 2015 prices)": (
        "defence_expenditure_usd_constant_m", "million US$", "constant 2015", 1e-6),
    "Defense expenditure (% real GDP)": ("share_of_gdp_pct", "% of GDP", "constant 2015", 1),
    "Defense expenditure annual real change (% GDP)": (
        "real_change_pct", "% change on previous year", "constant 2015", 1),
    "Real GDP (2015 prices)": ("gdp_usd_constant_m", "million US$", "constant 2015", 1e-6),
    "GDP per capita (USD)": ("gdp_per_capita_usd_constant_k", "thousand US$", "constant 2015",
                             1e-3),
    "Defence expenditure per capita (USD)": (
        "defence_expenditure_per_capita_usd_constant", "US$", "constant 2015", 1),
    "Military personnel": ("military_personnel_k", "thousand persons", "", 1e-3),
    "Equipment expenditure (%)": ("equipment_share_pct", "% of defence expenditure", "", 1),
    "Personnel expenditure (%)": ("personnel_share_pct", "% of defence expenditure", "", 1),
    "Infrastructure expenditure (%)": ("infrastructure_share_pct", "% of defence expenditure", "",
                                       1),
    "Other expenditure (%)": ("other_share_pct", "% of defence expenditure", "", 1),
}  # fmt: skip
_PASSPORT_ESTIMATE_YEARS = {2018, 2019}
_PASSPORT_SOURCE = (
    f"{PASSPORT_FILE} <- R package passport, data/nato.rda (from NATO PR-2019-069-eng.xlsx)"
)
_PASSPORT_NOTES = {
    1e-6: "converted from US$ to US$ million (/1e6)",
    1e-3: "converted to thousands (/1000)",
}


def passport_rows(sources_dir: Path) -> list[Row]:
    """Rows of the June 2019 edition (2019-06); empty cells (Iceland's defence) left out."""
    file = sources_dir / PASSPORT_FILE
    rows: list[Row] = []
    for line, src in enumerate(_read_csv(file), start=2):
        missing = [c for c in _PASSPORT if c not in src]
        if missing:
            raise ValueError(f"{file.name}: missing column(s) {missing}")
        # passport's STANAG codes equal ISO3 for every Ally; refuse anything else.
        iso3 = src["country_stanag"].strip()
        if iso3 not in ALLIES:
            raise UnknownCountryError(f"{file.name}, line {line}: unknown country code {iso3!r}")
        year = int(src["year"])
        for column, (indicator, unit, price, factor) in _PASSPORT.items():
            if src[column].strip() == "":
                continue
            rows.append({
                "edition": "2019-06", "iso3": iso3, "year": str(year), "indicator": indicator,
                "unit": unit, "price_basis": price,
                "value": _number(src[column], factor, f"{file.name}, line {line}"),
                "estimate": "true" if year in _PASSPORT_ESTIMATE_YEARS else "false",
                "source_kind": "tidy_conversion", "source": f"{_PASSPORT_SOURCE}, column {column!r}",
                "note": _PASSPORT_NOTES.get(factor, ""),
            })  # fmt: skip
    return rows


# -------------------------------------------------------------- quotes from stored pages

_VINTAGES = {
    "NATO SG Annual Report 2023": "2024-03",
    "NATO SG Annual Report 2024": "2025-04",
    "NATO June 2017 edition": "2017-06",
    "HoC Defence Committee HC111": "2008-03",
    "NATO 2025 edition": "2025-08",
}
_PRICE_2025 = "constant 2021"
_ROUNDED = "source prints rounded US$ bn; stored x1000 as US$ million"


def _page_indicator(text: str, unit: str) -> tuple[str, str, str, float] | None:
    """(indicator, unit, price basis, factor) for a page indicator, or None when left out."""
    base = text.replace(" (estimate)", "")
    if base in ("defence expenditure, share of GDP", "defence expenditure, share of real GDP"):
        return "share_of_gdp_pct", "% of GDP", "", 1
    if re.fullmatch(r"defence expenditure, real change 2014-\d{4}", base):
        return "real_change_since_2014_pct", "% change since 2014", _PRICE_2025, 1
    if base == "defence expenditure, annual real change":
        return "real_change_pct", "% change on previous year", _PRICE_2025, 1
    if unit == "US$ bn" and base in (
        "defence expenditure, current prices", "defence expenditure, current prices and exchange rates"
    ):
        return "defence_expenditure_usd_current_m", "million US$", "current", 1000
    if unit == "US$ bn" and base == "defence expenditure, constant 2021 prices":
        return "defence_expenditure_usd_constant_m", "million US$", _PRICE_2025, 1000
    if base == "defence expenditure" and unit == "US$ bn":
        return None  # 2017 edition: rounded, price basis not stated
    if base == "share of NATO total defence expenditure":
        return None  # not an indicator of defence_expenditure
    raise ValueError(f"{PAGES_FILE}: unknown indicator {text!r} ({unit})")


def pages_rows(sources_dir: Path, transcribed: list[Row]) -> list[Row]:
    """Rows quoted on stored pages; 2025-edition rows only where the transcription lacks them."""
    file = sources_dir / PAGES_FILE
    have = {(r["edition"], r["iso3"], r["year"], r["indicator"]) for r in transcribed}
    rows: list[Row] = []
    for line, src in enumerate(_read_csv(file), start=2):
        edition = next((e for v, e in _VINTAGES.items() if src["vintage"].startswith(v)), None)
        if edition is None:
            raise ValueError(f"{file.name}, line {line}: unknown vintage {src['vintage']!r}")
        mapped = _page_indicator(src["indicator"], src["unit"])
        if mapped is None or src["country"].startswith("(unnamed") or src["value"] == "":
            continue  # left out: see module docstring and the resource description
        indicator, unit, price, factor = mapped
        year = int(src["year"].split("-")[-1])
        if edition == "2025-08" and indicator == "share_of_gdp_pct":
            price = _PRICE_2025
        iso3 = to_iso3(src["country"], f"{file.name}, line {line}")
        if (edition, iso3, str(year), indicator) in have:
            continue
        rows.append({
            "edition": edition, "iso3": iso3, "year": str(year), "indicator": indicator,
            "unit": unit, "price_basis": price,
            "value": _number(src["value"], factor, f"{file.name}, line {line}"),
            "estimate": "true" if "(estimate)" in src["indicator"] else "false",
            "source_kind": "secondary_quote", "source": f"{file.name} <- {src['source_url']}",
            "note": _join(src["note"], _ROUNDED if factor != 1 else ""),
        })  # fmt: skip
    return rows


# ------------------------------------------------------------------------------ assemble


def secondary_rows(sources_dir: Path | str | None = None) -> list[Row]:
    """Every row of the editions built from secondary files, sorted by primary key."""
    directory = Path(sources_dir) if sources_dir is not None else paths.SOURCES_DIR
    directory = directory / "defence-spending" if (directory / "defence-spending").is_dir() else directory
    transcribed = transcribed_rows(directory)
    rows = transcribed + passport_rows(directory) + pages_rows(directory, transcribed)
    return sorted(rows, key=lambda r: (r["edition"], r["iso3"], int(r["year"]), r["indicator"]))


def import_secondary_editions(
    sources_dir: Path | str | None = None, data_dir: Path | str | None = None
) -> MergeSummary:
    """Rebuild the secondary editions in defence_expenditure.csv and write editions.csv.

    An edition whose official workbook has since been imported (editions.csv says
    ``official_workbook``) is not overwritten by its transcription.
    """
    # Load inputs + process data
    rows = secondary_rows(sources_dir)
    directory = csvstore.data_dir_or_default(data_dir)
    official = {
        e["edition"]
        for e in csvstore.read_rows(directory / "editions.csv")
        if e["source_kind"] == "official_workbook"
    }
    rows = [r for r in rows if r["edition"] not in official]
    # Save outputs
    summary = csvstore.merge_editions(
        directory / "defence_expenditure.csv", rows, {r["edition"] for r in rows}
    )
    write_editions(directory)
    return summary
