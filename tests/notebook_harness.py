"""Run a committed notebook through papermill's Python API and read what it displayed.

Shared by the notebook tests (tests/test_notebook_<name>.py), which then only hold
their expectations. A run executes in a tmp directory as cwd, as a user calling
papermill from anywhere would; outputs are read through the metadata natolab.plots
writes (``{"natolab": {"table" | "figure": name}}``), not by cell position.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import figure_hashes
import nbformat
import pytest

from natolab import kernels
from natolab.paths import NOTEBOOKS_DIR

#: Seconds one cell may run in a test: the slowest cell takes a few seconds on two busy cores.
CELL_TIMEOUT_S = 300


class Notebook:
    """One notebook in notebooks/, run with parameters through papermill."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.path = NOTEBOOKS_DIR / f"{name}.ipynb"

    def execute(self, out: Path, cwd: Path, params: dict[str, Any]) -> nbformat.NotebookNode:
        """Execute into ``out`` with ``cwd`` as the kernel's working directory.

        A cell gets :data:`CELL_TIMEOUT_S`; a run whose cell times out is tried once more in a
        fresh kernel. The kernel client now and then never receives a reply the kernel sent
        (seen once in CI: kernel idle, client waiting on cell 3 for ten minutes; papermill
        issue 711, jupyter_client issue 922): without a timeout that hangs the suite, and a
        second run tells a lost message from a notebook that really hangs (which times out twice).
        """
        # Imported here: every test module that imports this harness is collected by the fast
        # loop too, and papermill costs about a second of that loop before a single test runs.
        import papermill as pm
        from nbclient.exceptions import CellTimeoutError

        for attempt in (1, 2):
            try:
                return pm.execute_notebook(
                    str(self.path),
                    str(out),
                    parameters=params,
                    cwd=str(cwd),
                    kernel_name="python3",
                    progress_bar=False,
                    execution_timeout=CELL_TIMEOUT_S,
                    # Two xdist workers start kernels side by side: no TCP port races (natolab.kernels).
                    **kernels.client_options(),
                )
            except CellTimeoutError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def run(self, tmp_path: Path, **params: Any) -> nbformat.NotebookNode:
        """Execute with ``params`` (defaults for the rest) in ``tmp_path``; return the executed notebook.

        Every chart of every run must read right (:func:`layout_problems`), and a run at the
        defaults must draw exactly the charts recorded in tests/figure_hashes.json (the
        committed notebook's charts): a chart that changed fails here, by name.
        """
        nb = self.execute(tmp_path / "out.ipynb", tmp_path, params)
        assert layout_problems(nb, self.name) == {}, f"{self.name}: charts with layout problems"
        if not params and self.name not in figure_hashes.NOT_RECORDED:
            problems = figure_hashes.differences(self.name, figure_hashes.figures(nb))
            assert not problems, "\n".join(problems)
        return nb

    def fails_with(self, tmp_path: Path, **params: Any) -> str:
        """Execute with bad ``params``; assert papermill reports a failed cell and return its message."""
        from papermill import PapermillExecutionError

        with pytest.raises(PapermillExecutionError) as info:
            self.run(tmp_path, **params)
        return str(info.value)

    def refuses_as_of(self, tmp_path: Path, as_of: str, reason: str) -> None:
        """Execute with a bad ``as_of``: the message names the value, says why and gives the valid dates."""
        message = self.fails_with(tmp_path, as_of=as_of)
        assert f"Parameter 'as_of' = '{as_of}': {reason}" in message
        assert "Valid values: a date YYYY-MM-DD from 1949-04-04 to" in message


def _outputs(nb: nbformat.NotebookNode) -> list[dict[str, Any]]:
    return [o for c in nb.cells for o in c.get("outputs", [])]


def _tagged(nb: nbformat.NotebookNode, kind: str) -> list[dict[str, Any]]:
    """Outputs natolab.plots tagged as a ``kind`` ("table" or "figure"), in notebook order."""
    return [o for o in _outputs(nb) if kind in o.get("metadata", {}).get("natolab", {})]


def sentences(nb: nbformat.NotebookNode) -> list[str]:
    """Every Markdown output (plots.say, headings built from data), in notebook order.

    ``plots.say`` escapes "$" for the Markdown renderers; the sentence a reader sees has
    the plain sign, so that is what tests compare.
    """
    return [o["data"]["text/markdown"].replace("\\$", "$")
            for o in _outputs(nb) if "text/markdown" in o.get("data", {})]


def tables(nb: nbformat.NotebookNode) -> dict[str, list[dict[str, str]]]:
    """Each plots.table output by name, as the rows of its text/csv (what the report runner exports)."""
    return {
        o["metadata"]["natolab"]["table"]: list(csv.DictReader(o["data"]["text/csv"].splitlines()))
        for o in _tagged(nb, "table")
    }


def figures(nb: nbformat.NotebookNode) -> list[str]:
    """Names of the figures shown with plots.show, in notebook order."""
    return [o["metadata"]["natolab"]["figure"] for o in _tagged(nb, "figure")]


#: Figures whose layout problems are known and owned elsewhere: (notebook, figure) → the
#: problems accepted there, and why. Any other problem, in any figure, fails the layout tests.
KNOWN_LAYOUT_PROBLEMS: dict[tuple[str, str], tuple[frozenset[str], str]] = {}


def layout_problems(nb: nbformat.NotebookNode, notebook: str) -> dict[str, list[str]]:
    """Figure name → the layout problems ``plots.show`` recorded for it, less the known ones
    (:data:`KNOWN_LAYOUT_PROBLEMS`); only figures with a problem are listed. A figure output
    without the record counts as one: it was not shown through ``plots.show``."""
    found = {}
    for output in _tagged(nb, "figure"):
        meta = output["metadata"]["natolab"]
        name = meta["figure"]
        if "layout_problems" not in meta:
            found[name] = ["no layout check recorded (not shown with natolab.plots.show)"]
            continue
        accepted = KNOWN_LAYOUT_PROBLEMS.get((notebook, name), (frozenset(), ""))[0]
        problems = [p for p in meta["layout_problems"] if p not in accepted]
        if problems:
            found[name] = problems
    return found
