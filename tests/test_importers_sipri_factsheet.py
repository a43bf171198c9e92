"""data/sipri_factsheet_2025.csv against the raw sipri_2026.md, and natolab.importers.sipri_factsheet.

Expected values come from the raw Markdown table, parsed here on its own (a split on
"|"), never from the importer under test.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from raw_sources import raw_facts_text

from natolab import countries, data, paths
from natolab.importers.sipri_factsheet import FactSheetLayoutError, factsheet_rows, import_factsheet

RAW = "sipri_2026.md"
OURS = paths.DATA_DIR / "sipri_factsheet_2025.csv"
# Raw table column (0-based, after the split on "|") -> our column, for the figures copied.
RAW_NUMBERS = {
    3: "milex_usd_current_bn",
    4: "real_change_2024_2025_pct",
    5: "real_change_2016_2025_pct",
    6: "share_of_gdp_pct",
    7: "share_of_gdp_2016_pct",
    8: "share_of_world_pct",
}


def raw_section_2() -> str:
    text = raw_facts_text(RAW)
    return text.split("\n## 2. ", 1)[1].split("\n## ", 1)[0]


def raw_table() -> dict[str, list[str]]:
    """ISO3 -> the cells of its row in section 2's table."""
    rows = {}
    for line in raw_section_2().splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if cells and re.fullmatch(r"[A-Z]{3}", cells[0]):
            rows[cells[0]] = cells
    return rows


def ours() -> dict[str, dict[str, str]]:
    with OURS.open(encoding="utf-8", newline="") as handle:
        return {r["iso3"]: r for r in csv.DictReader(handle)}


def test_one_row_per_ally_in_the_raw_table():
    table, rows = raw_table(), ours()
    assert len(table) == 18
    assert len(rows) == 18
    assert set(rows) == set(table)
    assert {r["year"] for r in rows.values()} == {"2025"}


def test_every_value_equals_the_raw_cell():
    table = raw_table()
    for iso3, row in ours().items():
        cells = table[iso3]
        assert countries.resolve(cells[1]) == iso3
        for index, column in RAW_NUMBERS.items():
            assert row[column] == cells[index].removeprefix("+"), (iso3, column)
            assert float(row[column]) == float(cells[index]), (iso3, column)
        now, before = re.fullmatch(r"(\d+) \((\d+)\)", cells[2]).groups()
        assert (row["sipri_rank_2025"], row["sipri_rank_2024"]) == (now, before), iso3
        corroboration = cells[10]
        if corroboration == "-":
            assert (row["corroborated_by"], row["flags"]) == ("", ""), iso3
        else:
            ids, figures = re.fullmatch(r"(\S+) \((.*)\)", corroboration).groups()
            assert row["corroborated_by"] == ids, iso3
            assert row["flags"].endswith(f"({ids}): {figures}"), iso3
        assert (row["source_ids"], row["grade"]) == ("U26-43", "low"), iso3


def test_spot_values_from_the_raw_file():
    rows, table = ours(), raw_table()
    assert table["USA"][3] == "954.0" and float(rows["USA"]["milex_usd_current_bn"]) == 954.0
    assert table["CZE"][4] == "-0.4" and float(rows["CZE"]["real_change_2024_2025_pct"]) == -0.4
    assert table["DNK"][5] == "+238" and float(rows["DNK"]["real_change_2016_2025_pct"]) == 238
    assert {iso3 for iso3, r in rows.items() if r["corroborated_by"]} == {
        iso3 for iso3, cells in table.items() if cells[10] != "-"
    } == {"USA", "DEU", "GBR", "FRA", "ESP"}


def test_nato_comparison_column_is_not_copied():
    header = [c.strip() for c in raw_section_2().split("\n| ISO3 |", 1)[1].splitlines()[0].split("|")[:-1]]
    assert "NATO 2026 edition, 2025e core % of GDP (for comparison)" in header
    with OURS.open(encoding="utf-8") as handle:
        columns = handle.readline().strip().split(",")
    assert not any("nato" in c for c in columns)
    assert len(columns) == 14


def test_no_row_for_the_allies_not_found():
    note = re.search(r"\*\*Not found\*\* for 2025 \([^)]*\): ([^.]+)\.", raw_section_2())
    names = [n.strip() for n in note.group(1).split(",")]
    assert len(names) == 14
    missing = {countries.resolve(n) for n in names}
    assert len(missing) == 14
    assert not missing & set(ours())
    with (paths.DATA_DIR / "members.csv").open(encoding="utf-8") as handle:
        members = {r["iso3"] for r in csv.DictReader(handle)}
    assert missing | set(ours()) == members  # the 32 Allies, each once


def test_loads_and_validates_through_the_catalogue():
    frame = data.load("sipri_factsheet_2025")
    assert len(frame) == 18
    assert frame["year"].eq(2025).all()
    assert frame.set_index("iso3").loc["USA", "milex_usd_current_bn"] == 954.0
    assert frame["sipri_rank_2025"].is_unique


def test_source_ids_are_references():
    with (paths.DATA_DIR / "references.csv").open(encoding="utf-8") as handle:
        known = {r["source_id"] for r in csv.DictReader(handle)}
    used = {i for r in ours().values() for c in ("source_ids", "corroborated_by") for i in r[c].split(";") if i}
    assert used == {"U26-43", "U26-44"}
    assert used <= known
    resource = data.catalogue_entry("sipri_factsheet_2025")
    titles = " ".join(s["title"] for s in resource["sources"])
    assert {"U26-43", "U26-44", "U26-45"} <= set(re.findall(r"U26-\d\d", titles))
    assert set(re.findall(r"U26-\d\d", titles)) <= known


def _data_copy(tmp_path: Path) -> Path:
    for name in ("datapackage.json", "countries.csv", "sipri_factsheet_2025.csv"):
        shutil.copy(paths.DATA_DIR / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (lambda lines: [lines[0], lines[1].replace("BEL,", "ZZZ,", 1), *lines[2:]], 2, "unknown iso3"),
        (lambda lines: [*lines, lines[5]], 20, "duplicate primary key"),
        (lambda lines: [lines[0], lines[1].replace(",2025,", ",2024,", 1), *lines[2:]], 2, "below the minimum"),
    ],
    ids=["unknown-iso3", "duplicated-row", "wrong-year"],
)
def test_malformed_copy_is_rejected_naming_file_and_row(tmp_path, change, line, words):
    directory = _data_copy(tmp_path)
    file = directory / "sipri_factsheet_2025.csv"
    lines = file.read_text(encoding="utf-8").splitlines()
    file.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    with pytest.raises(data.DataValidationError) as caught:
        data.load("sipri_factsheet_2025", data_dir=directory)
    assert caught.value.file.name == "sipri_factsheet_2025.csv"
    assert caught.value.line == line
    assert words in str(caught.value)
    assert f"sipri_factsheet_2025.csv, line {line}" in str(caught.value)


# --- the importer ------------------------------------------------------------------


def _raw_copy(tmp_path: Path, edit=None) -> Path:
    text = raw_facts_text(RAW)
    copy = tmp_path / RAW
    copy.write_text(edit(text) if edit else text, encoding="utf-8")
    return copy


def test_import_reproduces_the_committed_csv(tmp_path):
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(paths.DATA_DIR / "references.csv", target / "references.csv")
    summary = import_factsheet(_raw_copy(tmp_path), data_dir=target)
    assert summary.rows_written == 18
    assert (target / "sipri_factsheet_2025.csv").read_bytes() == OURS.read_bytes()
    import_factsheet(_raw_copy(tmp_path), data_dir=target)  # a rerun is byte-identical
    assert (target / "sipri_factsheet_2025.csv").read_bytes() == OURS.read_bytes()


def test_import_needs_known_source_ids(tmp_path):
    target = tmp_path / "data"
    target.mkdir()
    (target / "references.csv").write_text("source_id\nU26-43\n", encoding="utf-8")
    with pytest.raises(FactSheetLayoutError, match=r"U26-44"):
        import_factsheet(_raw_copy(tmp_path), data_dir=target)


def _drop_row(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("| CZE |"))


def _duplicate_row(text: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith("| CZE |"))
    return text.replace(line, f"{line}\n{line}")


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda t: t.replace("| real change 2024-25 % |", "| real change 2024-2025 % |"), "header changed"),
        (lambda t: t.replace("| corroboration |", "| corroboration | note |"), "header changed"),
        (_drop_row, "expected 18 Allies in the table, found 17"),
        (_duplicate_row, "expected 18 Allies in the table, found 19"),
        (lambda t: t.replace("| ITA | Italy |", "| ITA | Spain |"), "is ESP, ISO3 cell says 'ITA'"),
        (lambda t: t.replace("| 48.1 |", "| 48,1 |"), "not a number"),
        (lambda t: t.replace("| 12 (13) |", "| 12 |"), "is not 'N (M)'"),
        (lambda t: t.replace("Slovakia, Slovenia.", "Slovenia."), "do not give the 32 Allies"),
        (lambda t: t.replace("(U26-43, grade **[low]**", "(U26-43, grade **[secondary]**"), "grade"),
    ],
    ids=["header-renamed", "header-extra-column", "row-dropped", "row-duplicated", "name-vs-iso3",
         "bad-number", "bad-rank", "ally-unaccounted", "grade-changed"],
)
def test_importer_fails_loudly_on_a_changed_raw_file(tmp_path, edit, words):
    copy = _raw_copy(tmp_path, edit)
    assert copy.read_text(encoding="utf-8") != raw_facts_text(RAW), "the edit must change the file"
    with pytest.raises(FactSheetLayoutError, match=re.escape(words)):
        factsheet_rows(copy)
