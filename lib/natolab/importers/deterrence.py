"""Curate the deterrence datasets from the raw collection described in SOURCES-deterrence.md.

Reads ``shared/sources/facts/`` air_policing_rotations.csv, efp_history.csv,
kfor_contributions.csv, dcb_partners.csv and host_sites.csv (plus the curated country
table in ``data/``, which owns nation names) and writes the tidy CSVs of the same names
in ``data/``. The D source ids of ``SOURCES-deterrence.md`` are parsed by
``natolab.importers.facts.references``, which joins them into ``data/references.csv``;
``natolab data import-facts`` runs the facts curation first and then this one.

Nothing is imputed. Values are copied from the raw rows; every curation choice (a split
column, a row id, a spelling, a row the audit says to use in totals only) is a named
constant below with the reason, and a changed raw file fails loudly instead of producing
a silently different table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from natolab import paths
from natolab.countries import normalise_name
from natolab.importers import csvstore
from natolab.importers.facts.inputs import facts_dir, read_raw_csv
from natolab.importers.facts.references import (
    DETERRENCE_SOURCES_MD,
    check_source_ids,
    parse_deterrence_references,
)
from natolab.importers.names import source_spellings

__all__ = [
    "OUTPUTS",
    "build",
    "build_air_policing_rotations",
    "build_dcb_partners",
    "build_efp_history",
    "build_host_sites",
    "build_kfor_contributions",
    "load_inputs",
    "main",
    "parse_deterrence_references",
    "save",
]

OUTPUTS = (
    "air_policing_rotations",
    "efp_history",
    "kfor_contributions",
    "dcb_partners",
    "host_sites",
)

# The columns each raw file had when this curation was written: another layout fails here.
RAW_COLUMNS = {
    "air_policing_rotations": [
        "mission", "rotation_number", "rotation_number_basis", "start_date", "end_date",
        "date_precision", "base", "nation", "nation_iso3", "role", "aircraft_type", "n_aircraft",
        "source_ids", "flags",
    ],
    "efp_history": [
        "host_iso3", "date", "date_precision", "framework_nation_iso3", "troops",
        "contributing_nations", "n_contributing_nations", "unit_scale", "source_ids", "flags",
    ],
    "kfor_contributions": ["date", "date_precision", "nation_iso3", "troops", "source_ids", "flags"],
    "dcb_partners": [
        "partner", "partner_iso3", "dcb_start_year", "start_basis", "status_latest_source",
        "allies_supporting_iso3", "belgium_support", "source_ids", "flags",
    ],
    "host_sites": [
        "site", "short_name", "category", "city", "host_country", "host_iso3", "opening_year",
        "opening_date", "date_precision", "opening_event", "earlier_history", "source_ids", "flags",
    ],
}

# --- shared conventions -------------------------------------------------------------

PRECISIONS = ("day", "month", "year")
_DATE_LENGTH = {"day": 10, "month": 7, "year": 4, "": 0}
# Lists of nations (efp contributing_nations, dcb allies_supporting_iso3) are ';'-separated ISO3.
LIST_SEPARATOR = ";"

# Spellings of the raw name columns that are neither countries.csv's name nor a spelling in
# country_names.csv: the "deterrence" rows of importers/country_spellings.csv. Each is
# checked, never used to fill a code.
SPELLINGS_SOURCE = "deterrence"

# --- air_policing_rotations ------------------------------------------------------------

# Raw mission names -> the short code that starts detachment_id. A new mission fails here.
MISSION_CODES = {
    "Baltic Air Policing": "bap",
    "NATO enhanced Vigilance Activities (Baltic region)": "eva",
    "Icelandic Air Policing (ASIC IPPN)": "iap",
    "Enhanced Air Policing (Romania/Bulgaria)": "eap",
}
# "stated (first)" is the first rotation of a mission; blank only where there is no number.
ROTATION_BASES = ("stated", "stated (first)", "derived")
# blank = the role is not stated in the retrieved sources (SOURCES-deterrence.md).
ROLES = ("single", "lead", "augmenting")

# --- efp_history ---------------------------------------------------------------------------

# blank = not a battlegroup or brigade in the source's words (Finland: "scalable to brigade").
UNIT_SCALES = ("battlegroup", "brigade")
# The Latvian MFA's 1,512 is undated (SOURCES-deterrence.md): its id says so instead of a date.
UNDATED = "undated"

# --- kfor_contributions --------------------------------------------------------------------

# The stored text copy of the Feb 2017 KFOR placemat drops four country names; the collector
# assigned them by alphabetical position. The audit of 2026-12-01 (SOURCES-deterrence.md)
# found the position does not support them: "use those four rows in the snapshot total only,
# never as that nation's figure". Each must carry both marks below in its raw flags.
KFOR_TOTAL_ONLY = {("2017-02", "SVN"), ("2017-02", "TUR"), ("2017-02", "GBR"), ("2017-02", "USA")}
INFERRED_NAME_FLAG = "NATION NAME INFERRED"
TOTAL_ONLY_FLAG = "only in the snapshot total"
# Snapshots that list every contributing nation (SOURCES-deterrence.md, "Complete per-nation
# snapshots"): the Feb 2017 placemat (official) and the 2023 list (secondary). Each is checked
# against its flags, which say "the N values sum to T": N rows whose troops add up to T.
COMPLETE_SNAPSHOTS = ("2017-02", "2023")
_SNAPSHOT_SUM = re.compile(r"the (?P<n>\d+) values sum to (?P<total>\d{1,3}(?:,\d{3})*)")
# An announced, not an actual, figure (Belgium's 1,100 of 8 Jun 1999): its flags start so.
PLANNED_FLAG = "PLANNED, not actual"

# --- dcb_partners ----------------------------------------------------------------------------

# Partners that are not states: partner_iso3 stays blank (SOURCES-deterrence.md, DCB flags).
NON_STATE_PARTNERS = {"United Nations (UN Peacekeeping Training)"}
# Partner codes outside countries.csv, with their name: Libya requested DCB support but no
# package followed (D99), and no other dataset mentions it, so the country table (built from
# the facts collection) has no row for it. LBY is the ISO 3166-1 code the collection uses.
PARTNERS_OUTSIDE_COUNTRIES = {"LBY": "Libya"}

# status_latest_source starts with one of these: true = a DCB partner in the latest source,
# false = Libya's request without a package. Another status fails here.
DCB_STATUS = {"DCB partner": "true", "Request only": "false"}

# --- host_sites ---------------------------------------------------------------------------------

# host_sites gives a day or only a year for the opening: no month precision.
OPENING_PRECISIONS = ("day", "year")

# ======================================================================================
# Load inputs
# ======================================================================================


def load_inputs(sources_dir: Path | None = None, data_dir: Path | None = None) -> dict[str, object]:
    """The raw deterrence files, SOURCES-deterrence.md and the curated country table."""
    folder = facts_dir(sources_dir)
    raw: dict[str, object] = {stem: read_raw_csv(f"{stem}.csv", folder) for stem in RAW_COLUMNS}
    raw["sources_deterrence_md"] = (folder / DETERRENCE_SOURCES_MD).read_text(encoding="utf-8")
    data = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    for stem in ("countries", "country_names"):
        raw[stem] = read_raw_csv(f"{stem}.csv", data)
    return raw


# ======================================================================================
# Process data
# ======================================================================================


def _check_columns(raw: dict[str, object], stem: str) -> pd.DataFrame:
    frame = raw[stem]
    if list(frame.columns) != RAW_COLUMNS[stem]:
        raise ValueError(f"{stem}.csv: columns changed to {list(frame.columns)}; expected {RAW_COLUMNS[stem]}")
    return frame


def _where(stem: str, position: int, column: str) -> str:
    """File, CSV line (1 = header) and column of a raw cell, for error messages."""
    return f"{stem}.csv line {position + 2}, {column}"


def _check_partial_date(value: str, precision: str, where: str) -> None:
    """A date written as precisely as ``precision`` says (a real day where it is a day)."""
    if precision not in _DATE_LENGTH:
        raise ValueError(f"{where}: unknown date precision {precision!r}")
    if len(value) != _DATE_LENGTH[precision] or (value and not re.fullmatch(r"[0-9-]+", value)):
        raise ValueError(f"{where}: {value!r} is not a date of precision {precision!r}")
    if precision:
        pd.Timestamp(value)  # raises on 2014-02-30


def _split_precision(value: str, where: str) -> tuple[str, str]:
    """``"day/month"`` -> (start precision, end precision); either side may be blank."""
    parts = value.split("/")
    if len(parts) != 2 or any(p not in (*PRECISIONS, "") for p in parts):
        raise ValueError(f"{where}: date_precision {value!r} is not 'start/end'")
    return parts[0], parts[1]


def _check_order(start: str, end: str, where: str) -> None:
    """An end not before its start, compared at the coarser of the two precisions."""
    width = min(len(start), len(end))
    if width and end[:width] < start[:width]:
        raise ValueError(f"{where}: end {end!r} is before start {start!r}")


def _name_lookup(raw: dict[str, object]) -> dict[str, str]:
    """Normalised spelling -> iso3: countries.csv names, country_names.csv, the name book's deterrence spellings."""
    lookup = {normalise_name(n): c for n, c in zip(raw["country_names"]["name"], raw["country_names"]["iso3"],
                                                   strict=True)}
    lookup.update({normalise_name(n): c for n, c in zip(raw["countries"]["name"], raw["countries"]["iso3"],
                                                        strict=True)})
    lookup.update({normalise_name(n): c for n, c in source_spellings(SPELLINGS_SOURCE).items()})
    return lookup


def _check_names(raw: dict[str, object], stem: str, name_col: str, code_col: str) -> None:
    """Every name of ``name_col`` is a spelling of the code beside it (countries.csv owns names)."""
    lookup = _name_lookup(raw)
    frame = raw[stem]
    for position, (name, code) in enumerate(zip(frame[name_col], frame[code_col], strict=True)):
        if not code:
            continue
        known = lookup.get(normalise_name(name))
        if known != code:
            raise ValueError(
                f"{_where(stem, position, name_col)}: {name!r} is {known or 'no known spelling'}, "
                f"but {code_col} says {code}"
            )


def _split_list(value: str) -> list[str]:
    return [part for part in value.split(LIST_SEPARATOR) if part] if value else []


def _detachment_id(code: str, rotation: str, start_date: str, iso3: str, where: str) -> str:
    """``bap_r35_pol``: mission, rotation number (else the start month), nation."""
    if rotation:
        return f"{code}_r{int(rotation):02d}_{iso3.lower()}"
    if len(start_date) < 7:
        raise ValueError(f"{where}: no rotation number and no start month to name the detachment")
    return f"{code}_{start_date[:4]}_{start_date[5:7]}_{iso3.lower()}"


def build_air_policing_rotations(raw: dict[str, object]) -> pd.DataFrame:
    """One row per air-policing detachment (mission, rotation, nation, base), as in the raw file.

    ``date_precision`` ("day/month") is split into ``start_date_precision`` and
    ``end_date_precision``; ``detachment_id`` names each row (a rotation has several
    detachments, and the eVA rows have no rotation number); ``nation`` is dropped after
    checking it spells ``nation_iso3``.
    """
    stem = "air_policing_rotations"
    src = _check_columns(raw, stem)
    _check_names(raw, stem, "nation", "nation_iso3")
    rows = []
    for position, row in enumerate(src.to_dict("records")):
        where = _where(stem, position, "date_precision")
        start_precision, end_precision = _split_precision(row["date_precision"], where)
        _check_partial_date(row["start_date"], start_precision, _where(stem, position, "start_date"))
        _check_partial_date(row["end_date"], end_precision, _where(stem, position, "end_date"))
        _check_order(row["start_date"], row["end_date"], _where(stem, position, "end_date"))
        code = MISSION_CODES.get(row["mission"])
        if code is None:
            raise ValueError(f"{_where(stem, position, 'mission')}: unknown mission {row['mission']!r}")
        basis = row["rotation_number_basis"]
        if (basis == "") != (row["rotation_number"] == "") or basis not in (*ROTATION_BASES, ""):
            raise ValueError(
                f"{_where(stem, position, 'rotation_number_basis')}: {basis!r} for rotation "
                f"{row['rotation_number']!r} (expected one of {ROTATION_BASES}, blank only without a number)"
            )
        if row["role"] not in (*ROLES, ""):
            raise ValueError(f"{_where(stem, position, 'role')}: unknown role {row['role']!r}")
        rows.append(
            {
                "detachment_id": _detachment_id(code, row["rotation_number"], row["start_date"],
                                                row["nation_iso3"], _where(stem, position, "mission")),
                "mission": row["mission"],
                "rotation_number": row["rotation_number"],
                "rotation_number_basis": basis,
                "start_date": row["start_date"],
                "start_date_precision": start_precision,
                "end_date": row["end_date"],
                "end_date_precision": end_precision,
                "base": row["base"],
                "nation_iso3": row["nation_iso3"],
                "role": row["role"],
                "aircraft_type": row["aircraft_type"],
                "n_aircraft": row["n_aircraft"],
                "source_ids": row["source_ids"],
                "flags": row["flags"],
            }
        )
    out = pd.DataFrame(rows)
    _check_unique(out, ["detachment_id"], stem)
    return out


def build_efp_history(raw: dict[str, object]) -> pd.DataFrame:
    """Forward Land Forces by host and date: framework nation, troops, contributors, scale.

    ``observation_id`` (host and date, "LVA-undated" for the undated Latvian MFA figure)
    is the key: the date can be blank. The contributor list and its count are checked
    against each other and against the convention that the list leaves out the host and
    the framework nation.
    """
    stem = "efp_history"
    src = _check_columns(raw, stem)
    for position, row in enumerate(src.to_dict("records")):
        _check_partial_date(row["date"], row["date_precision"], _where(stem, position, "date"))
        nations = _split_list(row["contributing_nations"])
        count = row["n_contributing_nations"]
        # The count is blank when the list is (SOURCES-deterrence.md), never "0".
        if count != (str(len(nations)) if nations else "") or len(set(nations)) != len(nations):
            raise ValueError(
                f"{_where(stem, position, 'n_contributing_nations')}: {count!r} does not count "
                f"contributing_nations {row['contributing_nations']!r}"
            )
        if {row["host_iso3"], row["framework_nation_iso3"]} & set(nations):
            raise ValueError(
                f"{_where(stem, position, 'contributing_nations')}: lists the host or the framework "
                "nation, which the file's convention leaves out"
            )
        if row["unit_scale"] not in (*UNIT_SCALES, ""):
            raise ValueError(f"{_where(stem, position, 'unit_scale')}: unknown scale {row['unit_scale']!r}")
    out = src.copy()
    out.insert(0, "observation_id", src["host_iso3"] + "-" + src["date"].replace("", UNDATED))
    _check_unique(out, ["observation_id"], stem)
    return out


def build_kfor_contributions(raw: dict[str, object]) -> pd.DataFrame:
    """KFOR troops by nation at dated snapshots, and the Belgian series, as in the raw file.

    ``use_in_total_only`` marks the four Feb 2017 rows whose nation the collector inferred
    from alphabetical position (``KFOR_TOTAL_ONLY``): count them in the snapshot total,
    never show them as that nation's figure. ``planned`` marks an announced figure
    (``PLANNED_FLAG``), ``snapshot_complete`` the rows of a snapshot that lists every
    contributor (``COMPLETE_SNAPSHOTS``). Snapshot totals stay in flags (no total rows).
    """
    stem = "kfor_contributions"
    src = _check_columns(raw, stem)
    total_only = []
    for position, row in enumerate(src.to_dict("records")):
        _check_partial_date(row["date"], row["date_precision"], _where(stem, position, "date"))
        listed = (row["date"], row["nation_iso3"]) in KFOR_TOTAL_ONLY
        inferred = INFERRED_NAME_FLAG in row["flags"]
        # The constant and the raw flags must name the same rows, both ways.
        if listed != inferred or (listed and TOTAL_ONLY_FLAG not in row["flags"]):
            raise ValueError(
                f"{_where(stem, position, 'flags')}: {INFERRED_NAME_FLAG!r} / {TOTAL_ONLY_FLAG!r} in the flags "
                f"and KFOR_TOTAL_ONLY disagree for {row['date']} {row['nation_iso3']}"
            )
        total_only.append("true" if listed else "false")
    if sum(v == "true" for v in total_only) != len(KFOR_TOTAL_ONLY):
        raise ValueError(f"{stem}.csv: not every row of KFOR_TOTAL_ONLY is in the file")
    out = src.copy()
    at = out.columns.get_loc("troops") + 1
    out.insert(at, "use_in_total_only", total_only)
    out.insert(at + 1, "planned", ["true" if f.startswith(PLANNED_FLAG) else "false" for f in src["flags"]])
    out.insert(at + 2, "snapshot_complete", _complete_snapshots(src, stem))
    _check_unique(out, ["date", "nation_iso3"], stem)
    return out


def _complete_snapshots(src: pd.DataFrame, stem: str) -> list[str]:
    """"true" for the rows of ``COMPLETE_SNAPSHOTS``, each checked against its flags' count and sum."""
    for date, rows in src.groupby("date", sort=False):
        claims = {m.group(0) for flag in rows["flags"] for m in [_SNAPSHOT_SUM.search(flag)] if m}
        if bool(claims) != (date in COMPLETE_SNAPSHOTS):
            raise ValueError(f"{stem}.csv: {date} flags {'say' if claims else 'do not say'} 'the N values sum "
                             f"to T', COMPLETE_SNAPSHOTS {'does not list' if claims else 'lists'} it")
        if not claims:
            continue
        match = _SNAPSHOT_SUM.search(rows["flags"].iloc[0])
        total = int(match["total"].replace(",", ""))
        if len(claims) != 1 or len(rows) != int(match["n"]) or rows["troops"].astype(int).sum() != total:
            raise ValueError(f"{stem}.csv: the {date} rows are not the {match['n']} values summing to {total} "
                             "that their flags describe")
    return ["true" if date in COMPLETE_SNAPSHOTS else "false" for date in src["date"]]


def build_dcb_partners(raw: dict[str, object]) -> pd.DataFrame:
    """DCB partners with start year, supporting Allies and Belgium's role, as in the raw file.

    ``partner`` stays: it names the UN, which has no code, and Libya, which is not in the
    country table; where partner_iso3 is in countries it is checked to spell that code.
    ``dcb_partner`` reads the start of ``status_latest_source`` (``DCB_STATUS``): false
    for a request without a package (Libya).
    """
    stem = "dcb_partners"
    src = _check_columns(raw, stem)
    _check_names(raw, stem, "partner", "partner_iso3")
    is_partner = []
    for position, row in enumerate(src.to_dict("records")):
        if (row["partner_iso3"] == "") != (row["partner"] in NON_STATE_PARTNERS):
            raise ValueError(
                f"{_where(stem, position, 'partner_iso3')}: blank exactly for NON_STATE_PARTNERS, "
                f"got {row['partner_iso3']!r} for {row['partner']!r}"
            )
        allies = _split_list(row["allies_supporting_iso3"])
        if len(set(allies)) != len(allies):
            raise ValueError(f"{_where(stem, position, 'allies_supporting_iso3')}: a nation is listed twice")
        statuses = [v for k, v in DCB_STATUS.items() if row["status_latest_source"].startswith(k)]
        if len(statuses) != 1:
            raise ValueError(
                f"{_where(stem, position, 'status_latest_source')}: {row['status_latest_source']!r} starts "
                f"with none of {list(DCB_STATUS)}"
            )
        is_partner.append(statuses[0])
    out = src.copy()
    out.insert(out.columns.get_loc("status_latest_source") + 1, "dcb_partner", is_partner)
    _check_unique(out, ["partner"], stem)
    return out


def build_host_sites(raw: dict[str, object]) -> pd.DataFrame:
    """NATO HQs, commands and agencies with host country and opening, as in the raw file.

    ``date_precision`` becomes ``opening_precision``: day (opening_date given, in
    opening_year) or year (opening_year only); both blank where no opening was found.
    ``host_country`` is dropped after checking it spells ``host_iso3``.
    """
    stem = "host_sites"
    src = _check_columns(raw, stem)
    _check_names(raw, stem, "host_country", "host_iso3")
    for position, row in enumerate(src.to_dict("records")):
        precision, year, date = row["date_precision"], row["opening_year"], row["opening_date"]
        where = _where(stem, position, "date_precision")
        if precision not in (*OPENING_PRECISIONS, ""):
            raise ValueError(f"{where}: unknown precision {precision!r}")
        _check_partial_date(date, "day" if precision == "day" else "", _where(stem, position, "opening_date"))
        _check_partial_date(year, "" if precision == "" else "year", _where(stem, position, "opening_year"))
        if date and date[:4] != year:
            raise ValueError(f"{where}: opening_date {date!r} is not in opening_year {year!r}")
    out = src.drop(columns=["host_country"]).rename(columns={"date_precision": "opening_precision"})
    _check_unique(out, ["site"], stem)
    _check_unique(out, ["short_name"], stem)
    return out


def _check_unique(frame: pd.DataFrame, key: list[str], name: str) -> None:
    dup = frame.duplicated(subset=key, keep=False)
    if dup.any():
        raise ValueError(f"{name}: {key} not unique: {frame.loc[dup, key].drop_duplicates().to_numpy().tolist()}")



def build(raw: dict[str, object]) -> dict[str, pd.DataFrame]:
    """The five curated tables from the raw inputs, with their source ids and country codes checked."""
    tables = {
        "air_policing_rotations": build_air_policing_rotations(raw),
        "efp_history": build_efp_history(raw),
        "kfor_contributions": build_kfor_contributions(raw),
        "dcb_partners": build_dcb_partners(raw),
        "host_sites": build_host_sites(raw),
    }
    for name, frame in tables.items():
        if (frame["source_ids"] == "").any():
            raise ValueError(f"{name}: a row has no source_ids")
    known = set(parse_deterrence_references(str(raw["sources_deterrence_md"]))["source_id"])
    check_source_ids(tables, known, DETERRENCE_SOURCES_MD)
    _check_country_codes(tables, set(raw["countries"]["iso3"]))
    return tables


def _check_country_codes(tables: dict[str, pd.DataFrame], known: set[str]) -> None:
    """Every code of an iso3 column, and every element of a list of nations, is in countries
    (the catalogue checks single codes too; only this checks the elements of lists)."""
    list_columns = {"contributing_nations", "allies_supporting_iso3"}
    for name, frame in tables.items():
        for column in [c for c in frame.columns if c.endswith("_iso3") or c in list_columns]:
            codes = {code for value in frame[column] for code in _split_list(value)}
            outside = set(PARTNERS_OUTSIDE_COUNTRIES) if (name, column) == ("dcb_partners", "partner_iso3") else set()
            unknown = codes - known - outside
            if unknown:
                raise ValueError(f"{name}.{column}: codes not in countries: {sorted(unknown)}")
    named = dict(zip(tables["dcb_partners"]["partner_iso3"], tables["dcb_partners"]["partner"], strict=True))
    for code, name in PARTNERS_OUTSIDE_COUNTRIES.items():
        if code in known:
            raise ValueError(f"{code} is now in countries: drop it from PARTNERS_OUTSIDE_COUNTRIES")
        if named.get(code, name) != name:
            raise ValueError(f"dcb_partners: {code} is {named[code]!r}, PARTNERS_OUTSIDE_COUNTRIES says {name!r}")


# ======================================================================================
# Save outputs
# ======================================================================================


def save(tables: dict[str, pd.DataFrame], data_dir: Path | None = None) -> list[Path]:
    """Write each table as ``<name>.csv`` (UTF-8, LF, blanks as empty cells)."""
    return csvstore.save_tables(tables, OUTPUTS, data_dir)


def main(sources_dir: Path | None = None, data_dir: Path | None = None) -> list[Path]:
    """Load the raw files, build the five tables, write them to ``data/``."""
    return save(build(load_inputs(sources_dir, data_dir)), data_dir)
