"""What makes a report stale (natolab.reports.fingerprints)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from natolab.reports.fingerprints import (
    Fingerprinter,
    changed,
    combine,
    notebook_digest,
    parameters_digest,
    tree_digest,
)

FIXTURES = Path(__file__).parent / "notebooks"


def _edit(path: Path, change) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb)
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_notebook_digest_ignores_outputs_but_not_code_or_tags(tmp_path):
    path = tmp_path / "ok.ipynb"
    shutil.copy(FIXTURES / "ok.ipynb", path)
    original = notebook_digest(path)

    def add_outputs(nb):
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x\n"}]
                cell["execution_count"] = 7

    _edit(path, add_outputs)
    assert notebook_digest(path) == original  # re-executing the committed notebook changes nothing

    _edit(path, lambda nb: nb["cells"][3]["source"].append("\n# an edit"))
    edited = notebook_digest(path)
    assert edited != original

    _edit(path, lambda nb: nb["cells"][1]["metadata"].update(tags=[]))
    assert notebook_digest(path) != edited


def test_parameters_digest_is_order_independent_and_value_sensitive():
    assert parameters_digest({"a": 1, "b": [2]}) == parameters_digest({"b": [2], "a": 1})
    assert parameters_digest({"a": 1}) != parameters_digest({"a": 2})
    assert parameters_digest({"a": 1}) != parameters_digest({"a": "1"})


def test_tree_digest_follows_contents_and_names_not_caches(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text("x = 1\n")
    first = tree_digest(tmp_path)
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "m.py").write_text("cached")
    (tmp_path / "notes.txt").write_text("not library code")
    assert tree_digest(tmp_path) == first
    (tmp_path / "pkg" / "m.py").write_text("x = 2\n")
    second = tree_digest(tmp_path)
    assert second != first
    (tmp_path / "pkg" / "m.py").rename(tmp_path / "pkg" / "n.py")
    assert tree_digest(tmp_path) != second


def test_inputs_and_changed_name_what_moved(tmp_path):
    data, lib = tmp_path / "data", tmp_path / "lib"
    data.mkdir()
    lib.mkdir()
    (data / "a.csv").write_text("x\n1\n")
    (data / "b.csv").write_text("x\n2\n")
    (lib / "m.py").write_text("x = 1\n")
    notebook = FIXTURES / "ok.ipynb"

    def inputs(params, read, version="1"):
        return Fingerprinter(data_dir=data, library_dir=lib, version=version).inputs(notebook, params, read)

    before = inputs({"rows": 1}, ["a.csv"])
    assert set(before["data"]) == {"a.csv"}
    assert changed(before, inputs({"rows": 1}, ["a.csv"])) == []
    assert changed(before, inputs({"rows": 2}, ["a.csv"])) == ["parameters"]
    assert changed(before, inputs({"rows": 1}, ["a.csv"], version="2")) == ["natolab_version"]
    (data / "b.csv").write_text("x\n3\n")  # not read by this job
    assert changed(before, inputs({"rows": 1}, ["a.csv"])) == []
    (data / "a.csv").write_text("x\n9\n")
    assert changed(before, inputs({"rows": 1}, ["a.csv"])) == ["data a.csv"]
    (lib / "m.py").write_text("x = 2\n")
    assert "library" in changed(before, inputs({"rows": 1}, ["a.csv"]))
    assert combine(before) != combine(inputs({"rows": 1}, ["a.csv"]))


def test_unrecorded_reads_fall_back_to_every_data_file(tmp_path):
    (tmp_path / "a.csv").write_text("1")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text("{}")
    (tmp_path / ".hidden").write_text("x")
    fingerprinter = Fingerprinter(data_dir=tmp_path, library_dir=tmp_path, version="1")
    assert sorted(fingerprinter.data(None)) == ["a.csv", "sub/b.json"]
    assert fingerprinter.data(["gone.csv"]) == {"gone.csv": "missing"}
