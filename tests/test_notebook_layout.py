"""Every chart the notebooks draw reads right: no text over text, no legend over data.

``natolab.plots.show`` runs ``plots.layout_problems`` on the render that makes each PNG and
records what it found in the output's metadata. This test reads that record in the committed
notebooks; every notebook test that runs a notebook at its defaults checks the fresh run the
same way (``notebook_harness.Notebook.run``), and the report-set test checks every report job.
Known problems owned elsewhere would be listed, with the reason, in
``notebook_harness.KNOWN_LAYOUT_PROBLEMS``.
"""

from __future__ import annotations

import nbformat
import pytest
from notebook_harness import layout_problems

from natolab.notebooks import INTERACTIVE
from natolab.paths import NOTEBOOKS_DIR

# Widget views (explore) are committed without outputs: they have no record to read.
NOTEBOOKS = sorted(path.stem for path in NOTEBOOKS_DIR.glob("*.ipynb") if path.stem not in INTERACTIVE)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_outputs_record_no_layout_problem(name):
    nb = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    # A figure without the record was not shown through plots.show: layout_problems lists it.
    assert layout_problems(nb, name) == {}
