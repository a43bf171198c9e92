"""What a worker does to an executed notebook before export (natolab.reports.worker).

The end-to-end check (two runs of a job give byte-identical reports) is in
test_reports_runner.py.
"""

from __future__ import annotations

import copy

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from natolab.reports.worker import INJECTED_CELL_ID, make_reproducible


def _executed(random_id: str, when: str) -> nbformat.NotebookNode:
    """An executed notebook as papermill writes it, with its random id and run times."""
    times = {"start_time": when, "end_time": when, "duration": 0.5, "status": "completed", "exception": False}
    cells = [
        new_markdown_cell("# Title", id="intro"),
        new_code_cell("year = 2024", id="params", metadata={"tags": ["parameters"]}),
        new_code_cell("year = 2025\n", id=random_id, metadata={"tags": ["injected-parameters"]}),
        new_code_cell("print(year)", id="cell-3", metadata={"execution": {"iopub.status.busy": when}}),
        new_code_cell("print(1)", id=f"up-{random_id}"),  # nbformat's random id for a cell of a 4.4 notebook
        new_code_cell("print(2)", id="intro"),  # a duplicate
    ]
    for cell in cells:
        cell.metadata["papermill"] = dict(times)
    nb = new_notebook()
    nb.cells = cells  # not validated: nbformat would replace the duplicate id at random
    nb.metadata["papermill"] = {**times, "parameters": {"year": 2025}, "input_path": "in.ipynb"}
    return nb


def test_identical_runs_give_identical_notebooks():
    source_ids = {"intro", "params", "cell-3"}
    first, second = _executed("0a1b2c3d", "2026-12-01T10:00:00"), _executed("9f8e7d6c", "2026-12-02T11:11:11")
    make_reproducible(first, source_ids)
    make_reproducible(second, source_ids)
    assert nbformat.writes(first) == nbformat.writes(second)
    nbformat.validate(first)

    assert [cell.id for cell in first.cells] == ["intro", "params", INJECTED_CELL_ID, "cell-3", "cell-4", "cell-5"]
    assert "execution" not in first.cells[3].metadata
    for metadata in [first.metadata, *(cell.metadata for cell in first.cells)]:
        papermill = metadata["papermill"]
        assert (papermill["start_time"], papermill["end_time"], papermill["duration"]) == (None, None, None)
    assert first.cells[0].metadata["papermill"]["status"] == "completed"  # the rest is kept
    assert first.metadata["papermill"]["parameters"] == {"year": 2025}

    again = copy.deepcopy(first)
    make_reproducible(again, source_ids)
    assert again == first  # idempotent


def test_derived_ids_never_clash_with_the_notebooks_own():
    nb = _executed("0a1b2c3d", "2026-12-01T10:00:00")
    source_ids = {"intro", "params", "cell-3", "cell-4", "cell-4-2", INJECTED_CELL_ID}
    nb.cells[2].id = "0a1b2c3d"
    make_reproducible(nb, source_ids)
    ids = [cell.id for cell in nb.cells]
    assert len(set(ids)) == len(ids)
    assert ids[2] == f"{INJECTED_CELL_ID}-2"
    assert ids[4] == "cell-4-3"
    nbformat.validate(nb)
