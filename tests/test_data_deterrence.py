"""Data tests of the deterrence datasets and their curation script (natolab.importers.deterrence).

Expected values come from the raw collection (../shared/sources/facts: the five CSVs and
SOURCES-deterrence.md, read here through tests/raw_sources.py), never from data/*.csv.
Tests needing those files skip when ../shared is absent.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from raw_sources import raw_facts, raw_facts_text

from natolab import countries, data, paths
from natolab.importers import deterrence

NAMES = ("air_policing_rotations", "efp_history", "kfor_contributions", "dcb_partners", "host_sites")
BAP = "Baltic Air Policing"


def ours(name: str) -> pd.DataFrame:
    """A curated CSV as text (blank cells stay empty strings)."""
    return pd.read_csv(paths.DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def raw(name: str) -> pd.DataFrame:
    """A raw CSV of the collection as text, in file order."""
    return pd.DataFrame(raw_facts(f"{name}.csv"), dtype=str)


def notes() -> str:
    """SOURCES-deterrence.md with line breaks folded, so sentences match across lines."""
    return " ".join(raw_facts_text("SOURCES-deterrence.md").split())


def number(text: str) -> int:
    return int(text.replace(",", ""))


def split(value: str) -> list[str]:
    return [part for part in value.split(";") if part]


# --- rows and cells ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_row_count_is_the_raw_files_and_the_notes_table(name):
    # "| air_policing_rotations.csv | 138 | ..." in the notes' Files table
    stated = re.search(rf"\| {name}\.csv \| (\d+) \|", notes())
    assert stated, name
    assert len(ours(name)) == len(raw(name)) == int(stated.group(1))


def test_air_policing_rows_per_mission():
    text = notes()
    expected = {
        "NATO enhanced Vigilance Activities (Baltic region)":
            int(re.search(r"Vigilance Activities \(Belgian F-16s at Ämari, 2022\): (\d+) rows", text).group(1)),
        "Icelandic Air Policing (ASIC IPPN)": int(re.search(r"Icelandic Air Policing: (\d+) rows", text).group(1)),
        "Enhanced Air Policing (Romania/Bulgaria)":
            int(re.search(r"Enhanced Air Policing Romania/Bulgaria: (\d+) rows", text).group(1)),
    }
    assert list(expected.values()) == [2, 3, 3]
    counts = ours("air_policing_rotations")["mission"].value_counts().to_dict()
    assert counts == raw("air_policing_rotations")["mission"].value_counts().to_dict()
    for mission, n in expected.items():
        assert counts[mission] == n, mission
    # The notes' Files table says "129 rows" for BAP, but 129 + 2 + 3 + 3 is not its own total
    # of 138; the raw file has 130 BAP rows, so BAP is checked against the raw file only.
    assert counts[BAP] == len(raw("air_policing_rotations")) - sum(expected.values())


# Our column -> the raw column it copies (identity unless named here).
RENAMED = {"host_sites": {"opening_precision": "date_precision"}}
# Columns the curation adds (checked by their own tests below).
ADDED = {
    "air_policing_rotations": {"detachment_id", "start_date_precision", "end_date_precision"},
    "efp_history": {"observation_id"},
    "kfor_contributions": {"use_in_total_only", "planned", "snapshot_complete"},
    "dcb_partners": {"dcb_partner"},
    "host_sites": set(),
}
# Raw name columns dropped because countries.csv owns the names.
DROPPED = {"air_policing_rotations": {"nation", "date_precision"}, "host_sites": {"host_country"}}


@pytest.mark.parametrize("name", NAMES)
def test_every_value_equals_its_raw_cell(name):
    source, curated = raw(name), ours(name)
    copied = [c for c in curated.columns if c not in ADDED[name]]
    renamed = RENAMED.get(name, {})
    assert {renamed.get(c, c) for c in copied} | DROPPED.get(name, set()) == set(source.columns)
    for column in copied:
        assert curated[column].tolist() == source[renamed.get(column, column)].tolist(), (name, column)


def test_air_policing_precision_is_the_raw_start_end_pair():
    curated = ours("air_policing_rotations")
    joined = curated["start_date_precision"] + "/" + curated["end_date_precision"]
    assert joined.tolist() == raw("air_policing_rotations")["date_precision"].tolist()


@pytest.mark.parametrize(("name", "name_column", "code_column"),
                         [("air_policing_rotations", "nation", "nation_iso3"), ("host_sites", "host_country", "host_iso3")])
def test_dropped_names_agree_with_the_country_table(name, name_column, code_column):
    # SOURCES-deterrence.md: nation names "use that file's spelling" (data/countries.csv).
    source = raw(name)
    for label, code in zip(source[name_column], source[code_column], strict=True):
        assert countries.name(code) == label, (label, code)


# --- air policing --------------------------------------------------------------------------------


def test_belgium_lead_and_single_rotations_are_the_ones_the_notes_give():
    match = re.search(r"Both agree with this file: lead/single rotations ([\d, ]+)\.", notes())
    expected = [int(n) for n in match.group(1).split(",")]
    assert expected == [1, 11, 33, 48, 51, 52, 64]
    rotations = ours("air_policing_rotations")
    belgium = rotations[(rotations["mission"] == BAP) & (rotations["nation_iso3"] == "BEL")]
    leading = belgium[belgium["role"].isin(["lead", "single"])]
    assert sorted(leading["rotation_number"].astype(int)) == expected
    # "There are 12 Baltic Air Policing rows for Belgium"
    assert len(belgium) == int(re.search(r"There are (\d+) Baltic Air Policing rows for Belgium", notes()).group(1))


def test_rotation_numbers_and_their_basis():
    rotations = ours("air_policing_rotations")
    bap = rotations[rotations["mission"] == BAP]
    # "Baltic Air Policing (BAP) rotations 1–69"
    assert set(bap["rotation_number"].astype(int)) == set(range(1, 70))
    # Stated anchors listed in the notes ("These anchor the numbering: 1, 16 (...), 20 (...), 34, ...").
    anchors = re.search(r"These anchor the numbering: (.*?)\. Every other number", notes()).group(1)
    stated = {int(n) for n in re.findall(r"\b(\d+)\b(?![^(]*\))", anchors)}
    assert {1, 16, 20, 34, 58, 65} <= stated
    basis = bap.groupby(bap["rotation_number"].astype(int))["rotation_number_basis"].agg(set)
    for rotation, kinds in basis.items():
        # a rotation is stated where a row (its lead detachment) is; the others are curator counts
        assert (rotation in stated) == bool(kinds & {"stated", "stated (first)"}), rotation
    others = rotations[rotations["mission"] != BAP]
    assert ((others["rotation_number"] == "") == (others["rotation_number_basis"] == "")).all()


def test_audit_corrections_of_air_policing_are_applied():
    text = notes()
    rotations = ours("air_policing_rotations").set_index("detachment_id")
    assert "Belgium's rotation 40 ended at Ämari on 28 Apr 2016 (UK's rotation 41 starts that day)" in text
    assert rotations.loc["bap_r40_bel", "end_date"] == rotations.loc["bap_r41_gbr", "start_date"] == "2016-04-28"
    assert "rotation 45 ended on 10 Jan 2018" in text
    assert rotations.loc["bap_r45_bel", "end_date"] == "2018-01-10"
    assert "Hungary leads rotation 69 from 1 Aug 2025" in text
    assert (rotations.loc["bap_r69_hun", "start_date"], rotations.loc["bap_r69_hun", "role"]) == ("2025-08-01", "lead")
    assert "AUDIT 2026-12-01" in rotations.loc["bap_r40_bel", "flags"]


def test_detachment_ids_name_mission_rotation_and_nation():
    rotations = ours("air_policing_rotations")
    codes = {"Baltic Air Policing": "bap", "NATO enhanced Vigilance Activities (Baltic region)": "eva",
             "Icelandic Air Policing (ASIC IPPN)": "iap", "Enhanced Air Policing (Romania/Bulgaria)": "eap"}
    for row in rotations.itertuples(index=False):
        middle = f"r{int(row.rotation_number):02d}" if row.rotation_number else row.start_date[:7].replace("-", "_")
        assert row.detachment_id == f"{codes[row.mission]}_{middle}_{row.nation_iso3.lower()}"
    assert rotations["detachment_id"].is_unique


# --- Forward Land Forces ---------------------------------------------------------------------------


def test_june_2022_battlegroups_and_their_total():
    text = notes()
    total = number(re.search(r"all eight NATO battlegroup figures of 28 Jun 2022 \(total ([\d,]+)\)", text).group(1))
    listed = re.search(r"figures for all eight battlegroups \(D68 = O32\): (.*?)\.", text).group(1)
    expected = {code: number(n) for code, n in re.findall(r"([A-Z]{3}) ([\d,]+)", listed)}
    assert len(expected) == 8 and total == 9641
    june = ours("efp_history").query("date == '2022-06-28'")
    assert dict(zip(june["host_iso3"], june["troops"].astype(int), strict=True)) == expected
    assert june["troops"].astype(int).sum() == total


def test_efp_hosts_contributors_and_counts():
    hosts = re.search(r"by host and date for ([A-Z, ]+):", notes()).group(1).split(", ")
    efp = ours("efp_history")
    assert set(efp["host_iso3"]) == set(hosts) and len(hosts) == 9
    for row in efp.itertuples(index=False):
        nations = split(row.contributing_nations)
        # "contributing_nations lists the contributors other than the host and the framework nation"
        assert row.host_iso3 not in nations and row.framework_nation_iso3 not in nations
        assert row.n_contributing_nations == (str(len(nations)) if nations else "")
    assert efp.loc[efp["host_iso3"] == "FIN", "unit_scale"].eq("").all()  # blank on purpose (notes)


def test_efp_observation_ids_and_the_undated_row():
    efp = ours("efp_history")
    undated = [r for r in raw_facts("efp_history.csv") if not r["date"]]
    assert [(r["host_iso3"], r["troops"]) for r in undated] == [("LVA", "1512")]
    assert efp.loc[efp["date"] == "", "observation_id"].tolist() == ["LVA-undated"]
    dated = efp[efp["date"] != ""]
    assert (dated["observation_id"] == dated["host_iso3"] + "-" + dated["date"]).all()


# --- KFOR ------------------------------------------------------------------------------------------


def test_inferred_kfor_nations_are_used_in_totals_only():
    text = notes()
    # "Slovenia 252, Turkey 303, United Kingdom 1 and United States 675 were assigned from the
    # alphabetical position of the values."
    listed = re.search(r"\*\*Feb 2017 names inferred\.\*\* .*? four country names\. (.*?) were assigned", text).group(1)
    inferred = {(countries.resolve(name.strip()), value)
                for name, value in re.findall(r"([A-Z][A-Za-z ]+?) (\d+)(?:,| and|$)", listed)}
    assert len(inferred) == 4
    assert "use those four rows in the snapshot total only" in text
    kfor = ours("kfor_contributions")
    flagged = kfor[kfor["use_in_total_only"] == "true"]
    assert set(zip(flagged["nation_iso3"], flagged["troops"], strict=True)) == inferred
    assert set(flagged["date"]) == {"2017-02"}
    assert flagged["flags"].str.contains("NATION NAME INFERRED").all()
    assert set(kfor["use_in_total_only"]) == {"true", "false"}


def test_feb_2017_placemat_sums_to_its_total_with_the_inferred_rows():
    match = re.search(r"Feb 2017 placemat \(D83 = K07\)\.\*\* (\d+) nations and a total of ([\d,]+)", notes())
    placemat = ours("kfor_contributions").query("date == '2017-02'")
    assert len(placemat) == int(match.group(1)) == 30
    assert placemat["troops"].astype(int).sum() == number(match.group(2)) == 4273


def test_kfor_complete_snapshots_and_planned_figures():
    # "Complete per-nation snapshots: **Feb 2017** (official) and **2023** (secondary; 27 values)."
    assert "Complete per-nation snapshots: **Feb 2017** (official) and **2023** (secondary; 27 values)" in notes()
    kfor = ours("kfor_contributions")
    assert set(kfor.loc[kfor["snapshot_complete"] == "true", "date"]) == {"2017-02", "2023"}
    assert (kfor["date"].isin(["2017-02", "2023"]) == (kfor["snapshot_complete"] == "true")).all()
    assert (kfor["date"] == "2023").sum() == 27
    planned = [r for r in raw_facts("kfor_contributions.csv") if r["flags"].startswith("PLANNED")]
    assert [(r["date"], r["nation_iso3"]) for r in planned] == [("1999-06-08", "BEL")]
    marked = kfor[kfor["planned"] == "true"]
    assert list(zip(marked["date"], marked["nation_iso3"], strict=True)) == [("1999-06-08", "BEL")]


def test_kfor_has_no_total_rows_and_belgian_counts_as_stated():
    kfor = ours("kfor_contributions")
    assert kfor["nation_iso3"].isin(ours("countries")["iso3"]).all()  # one row per nation, no TOTAL rows
    belgium = kfor[kfor["nation_iso3"] == "BEL"].set_index("date")
    text = notes()
    assert "the last Belgian KFOR soldiers left on 31 Mar 2010" in text
    assert belgium.loc["2010-03-31", "troops"] == "0"
    assert "Belgium's share of the 2025 Benelux KFOR team is 5 of 13" in text
    assert belgium.loc["2025-04-25", "troops"] == "5"
    # the 1999 range (1,100-1,200) is not averaged: blank, with the conflict in flags
    assert belgium.loc["1999", "troops"] == "" and "not averaged" in belgium.loc["1999", "flags"]


# --- DCB and host sites ---------------------------------------------------------------------------


def test_dcb_partners_un_libya_and_belgium():
    dcb = ours("dcb_partners").set_index("partner")
    assert dcb.loc[dcb["partner_iso3"] == "", "flags"].str.contains("Not a state").all()
    assert (dcb["partner_iso3"] == "").sum() == 1
    # "GEO, IRQ, JOR, MDA, TUN, UN, MRT, BIH, plus LBY (request only)"
    assert set(dcb.loc[dcb["dcb_partner"] == "false", "partner_iso3"]) == {"LBY"}
    assert (dcb["dcb_partner"] == "true").sum() == 8
    tunisia = dcb[dcb["partner_iso3"] == "TUN"].iloc[0]
    assert "BEL" not in split(tunisia["allies_supporting_iso3"])  # "BEL is therefore left out ... for Tunisia"
    assert "Moldova's DCB package was approved in June 2015" in notes()
    assert dcb.loc[dcb["partner_iso3"] == "MDA", "dcb_start_year"].tolist() == ["2015"]
    for value in dcb["allies_supporting_iso3"]:
        assert set(split(value)) <= set(ours("countries")["iso3"])


def test_host_sites_opening():
    sites = ours("host_sites")
    # "16 sites; opening year found for 15, missing for the NCIA The Hague site"
    assert re.search(r"16 sites; opening year found for 15, missing for the NCIA The Hague site", notes())
    assert sites.loc[sites["opening_year"] == "", "short_name"].tolist() == ["NCI Agency The Hague"]
    day = sites[sites["opening_precision"] == "day"]
    assert (day["opening_date"].str[:4] == day["opening_year"]).all()
    assert (sites.loc[sites["opening_precision"] != "day", "opening_date"] == "").all()
    shape = sites.set_index("short_name")
    assert shape.loc["SHAPE", "opening_date"] == "1967-03-31"  # audit: "SHAPE (31 Mar 1967)"
    assert shape.loc["NATO HQ", "opening_date"] == "2017-05-25"  # audit: "NATO HQ (25 May 2017)"


# --- flags and sources ---------------------------------------------------------------------------

# Value columns whose blank must be explained in flags. efp contributing_nations is not one:
# blank there means the row's source gives no list (the Jun 2022 press-office figures).
VALUE_COLUMNS = {
    "air_policing_rotations": ["start_date", "end_date", "role", "aircraft_type", "n_aircraft"],
    "efp_history": ["date", "framework_nation_iso3", "troops", "unit_scale"],
    "kfor_contributions": ["troops"],
    "dcb_partners": ["partner_iso3", "dcb_start_year", "allies_supporting_iso3"],
    "host_sites": ["city", "opening_year", "opening_precision"],
}


@pytest.mark.parametrize("name", NAMES)
def test_blank_values_are_flagged(name):
    curated = ours(name)
    assert len(raw(name)) == len(curated)
    for column in VALUE_COLUMNS[name]:
        blank = curated[column] == ""
        assert (curated.loc[blank, "flags"] != "").all(), (name, column)


@pytest.mark.parametrize("name", NAMES)
def test_every_source_id_resolves_in_references(name):
    known = set(ours("references")["source_id"])
    ids = {i for value in ours(name)["source_ids"] for i in split(value)}
    assert ids and ids <= known
    assert all(re.fullmatch(r"D\d{2,3}", i) for i in ids)


def test_references_carry_the_d_ids_with_grades():
    text = raw_facts_text("SOURCES-deterrence.md")
    lines = dict(re.findall(r"^- (D\d{2,3}) (\[.*)$", text, flags=re.MULTILINE))
    assert len(lines) == 149 and "D97" not in lines  # "D97 — not assigned."
    references = ours("references").set_index("source_id")
    for source_id, line in lines.items():
        tag = re.match(r"\[([^\]]+)\]", line).group(1)
        assert references.loc[source_id, "grade"] == re.match(r"[a-z]+", tag).group(0), source_id
        assert references.loc[source_id, "entry"] == line
    assert references.loc["D48", "grade"] == "reprint"  # "[reprint AIRCOM]"
    assert references.loc["D80", "grade"] == "low"
    assert references.loc["D103", "grade"] == "official"  # "[official, Belgian Defence]"
    assert references.loc["D01", "same_as"] == "O44"
    assert references.loc["D70", "same_as"] == "O52"  # "(= O52, O37)": the first
    assert references.loc["D01", "topic"] == "SOURCES-deterrence.md: Sources — air policing"


def test_parse_deterrence_references_skips_unassigned_and_refuses_unknown_lines():
    text = ("### Sources — test\n- D01 [reprint NATO] A page (= O44): https://a.example/x ; [low] https://b.example/y\n"
            "- D02 — not assigned.\n### Other\n- D03 not a source line\n")
    refs = deterrence.parse_deterrence_references(text).set_index("source_id")
    assert refs.index.tolist() == ["D01"]
    assert refs.loc["D01", "grade"] == "reprint"
    assert refs.loc["D01", "grades_mentioned"] == "reprint;low"
    assert refs.loc["D01", "url"] == "https://a.example/x ; https://b.example/y"
    assert refs.loc["D01", "citation"] == "A page (= O44)"
    assert refs.loc["D01", "same_as"] == "O44"
    with pytest.raises(ValueError, match="not understood"):
        deterrence.parse_deterrence_references("### Sources — test\n- D04 no grade here\n")
    with pytest.raises(ValueError, match="known grade"):
        deterrence.parse_deterrence_references("### Sources — test\n- D05 [rumour] x\n")


# --- loading -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_loading_validates_and_types(name):
    data.clear_cache()
    frame = data.load(name)
    assert len(frame) == len(raw(name))


def test_loaded_types():
    rotations = data.load("air_policing_rotations")
    assert rotations["rotation_number"].dtype == "Int64" and rotations["n_aircraft"].dtype == "Int64"
    assert isinstance(rotations["role"].dtype, pd.CategoricalDtype)
    kfor = data.load("kfor_contributions")
    assert kfor["troops"].dtype == "Int64" and kfor["use_in_total_only"].dtype == "boolean"
    sites = data.load("host_sites")
    assert pd.api.types.is_datetime64_any_dtype(sites["opening_date"])
    assert sites["opening_year"].dtype == "Int64"


def _copy_data(tmp_path: Path) -> Path:
    for item in paths.DATA_DIR.iterdir():
        if item.is_file():
            shutil.copy(item, tmp_path / item.name)
    data.clear_cache()
    return tmp_path


def _replace_line(file: Path, line_number: int, old: str, new: str) -> None:
    lines = file.read_text(encoding="utf-8").split("\n")
    assert old in lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    file.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("resource", "old", "new", "said"),
    [
        # line 3 = the second detachment (rotation 2, Denmark)
        ("air_policing_rotations", ",DNK,", ",XKX,", ["unknown nation_iso3", "'XKX'"]),
        ("efp_history", "EST-2018,", "EST-2017-08-28,", ["duplicate", "EST-2017-08-28"]),
    ],
    ids=["unknown country code", "duplicate key"],
)
def test_a_bad_cell_names_file_and_line(tmp_path, resource, old, new, said):
    directory = _copy_data(tmp_path)
    _replace_line(directory / f"{resource}.csv", 3, old, new)
    with pytest.raises(data.DataValidationError) as caught:
        data.load(resource, data_dir=directory)
    err = caught.value
    assert err.file.name == f"{resource}.csv" and err.line == 3
    assert all(words in str(err) for words in said), str(err)


def test_list_of_codes_must_be_semicolon_separated_codes(tmp_path):
    directory = _copy_data(tmp_path)
    _replace_line(directory / "dcb_partners.csv", 2, "BEL;NLD", "BEL NLD")
    with pytest.raises(data.DataValidationError, match=r"dcb_partners\.csv, line 2, column 'allies_supporting_iso3'"):
        data.load("dcb_partners", data_dir=directory)


# --- the curation script -----------------------------------------------------------------------


def test_curation_reproduces_the_committed_csvs():
    raw_facts("air_policing_rotations.csv")  # skips without ../shared
    tables = deterrence.build(deterrence.load_inputs())
    for name in deterrence.OUTPUTS:
        rebuilt = pd.read_csv(pd.io.common.StringIO(tables[name].to_csv(index=False)), dtype=str,
                              keep_default_na=False)
        pd.testing.assert_frame_equal(rebuilt, ours(name), obj=name)


def _inputs() -> dict[str, object]:
    raw_facts("air_policing_rotations.csv")  # skips without ../shared
    return deterrence.load_inputs()


def test_curation_fails_when_an_inferred_kfor_flag_disappears():
    inputs = _inputs()
    kfor = inputs["kfor_contributions"].copy()
    inferred = kfor["flags"].str.contains("NATION NAME INFERRED")
    kfor.loc[inferred.idxmax(), "flags"] = "KFOR placemat"
    inputs["kfor_contributions"] = kfor
    with pytest.raises(ValueError, match="KFOR_TOTAL_ONLY"):
        deterrence.build(inputs)


def test_curation_fails_when_a_name_and_code_disagree():
    inputs = _inputs()
    rotations = inputs["air_policing_rotations"].copy()
    rotations.loc[0, "nation"] = "Denmark"  # row 1 is Belgium (BEL)
    inputs["air_policing_rotations"] = rotations
    with pytest.raises(ValueError, match=r"air_policing_rotations\.csv line 2, nation: 'Denmark' is DNK"):
        deterrence.build(inputs)


def test_curation_fails_on_a_changed_layout_or_a_miscount():
    inputs = _inputs()
    inputs["host_sites"] = inputs["host_sites"].rename(columns={"date_precision": "precision"})
    with pytest.raises(ValueError, match=r"host_sites\.csv: columns changed"):
        deterrence.build(inputs)
    inputs = _inputs()
    efp = inputs["efp_history"].copy()
    efp.loc[0, "n_contributing_nations"] = "2"  # the row lists one nation
    inputs["efp_history"] = efp
    with pytest.raises(ValueError, match=r"efp_history\.csv line 2, n_contributing_nations"):
        deterrence.build(inputs)


def test_curation_fails_on_a_code_outside_the_country_table():
    inputs = _inputs()
    dcb = inputs["dcb_partners"].copy()
    dcb.loc[0, "allies_supporting_iso3"] = "BEL;XKX"
    inputs["dcb_partners"] = dcb
    with pytest.raises(ValueError, match=r"dcb_partners\.allies_supporting_iso3: codes not in countries: \['XKX'\]"):
        deterrence.build(inputs)
