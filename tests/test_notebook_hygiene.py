"""Committed notebooks look exactly as a clean top-to-bottom run leaves them.

nbval re-runs each notebook and compares outputs, but it cannot tell whether the
committed outputs came from a clean run: it ignores PNGs, and a notebook with
cells run out of order or a stale traceback can still be "regenerated" by luck.
These fast checks read the committed JSON only (no kernel) and refuse:

* a kernel other than ``python3`` (a custom name fails with NoSuchKernel elsewhere);
* no cell, or more than one cell, tagged ``parameters`` (papermill needs exactly one),
  or a papermill ``injected-parameters`` cell (an executed report committed by mistake);
* a first cell that is not the markdown introduction;
* code cells not executed, or execution counts other than 1..n in cell order;
* error or stderr output (warnings are silenced at the source, not committed);
* volatile text in outputs or metadata: absolute paths, ``/tmp``, memory addresses,
  timestamps (they differ on the next run or the next machine).

The checker is unit-tested below on small in-memory notebooks that break one rule each.
"""

from __future__ import annotations

import base64
import copy
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import (
    new_code_cell,
    new_markdown_cell,
    new_notebook,
    new_output,
)

from natolab.notebooks import INTERACTIVE
from natolab.paths import NOTEBOOKS_DIR, PROJECT_ROOT

KERNEL_NAME = "python3"

# Base64 payloads are skipped: their alphabet includes "/" and letters, so a PNG
# can contain "/tmp/" by chance. Everything else in an output is text to scan.
BINARY_MIMETYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}

_TOP_LEVEL_DIRS = "tmp|var|home|root|Users|usr|opt|srv|mnt|media|private|work|workspace|builds|proc|etc|nix|__w"
VOLATILE_PATTERNS: dict[str, re.Pattern[str]] = {
    # An absolute POSIX path starts at a boundary (not inside a URL or "EU/NATO").
    "absolute-path": re.compile(
        rf"(?<![\w/.:~-])/(?:{_TOP_LEVEL_DIRS})/"
        rf"|{re.escape(str(PROJECT_ROOT))}"
        r"|file://"
        r"|\b[A-Za-z]:\\\\?[\w.]"  # C:\Users, also JSON-escaped C:\\Users
    ),
    "memory-address": re.compile(r"\b0x[0-9a-fA-F]{6,16}\b"),
    # Dates alone are domain data (accession_date); a time of day is not.
    "timestamp": re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\b\d{2}:\d{2}:\d{2}\b"),
}


@dataclass(frozen=True)
class Problem:
    """One broken rule: which rule, which cell (None = the notebook), and what was seen."""

    rule: str
    cell: int | None
    detail: str

    def __str__(self) -> str:
        where = "notebook" if self.cell is None else f"cell {self.cell}"
        return f"{where}: [{self.rule}] {self.detail}"


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _output_texts(output: dict) -> Iterator[str]:
    """Every piece of text an output carries, base64 images excluded."""
    if "text" in output:
        yield output["text"]
    for mimetype, value in output.get("data", {}).items():
        if mimetype not in BINARY_MIMETYPES:
            yield value if isinstance(value, str) else json.dumps(value)
    if output.get("metadata"):
        yield json.dumps(output["metadata"])


def _volatile(text: str, cell: int | None, where: str) -> list[Problem]:
    problems = []
    for rule, pattern in VOLATILE_PATTERNS.items():
        match = pattern.search(text)
        if match:
            start = max(match.start() - 30, 0)
            excerpt = text[start : match.end() + 30].replace("\n", " ")
            problems.append(Problem(rule, cell, f"{where}: …{excerpt}…"))
    return problems


def _check_structure(nb: dict) -> list[Problem]:
    problems = []
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != KERNEL_NAME:
        problems.append(Problem("kernel", None, f"kernelspec name is {kernel!r}, not {KERNEL_NAME!r}"))
    cells = nb.get("cells", [])
    if not cells or cells[0].get("cell_type") != "markdown" or not "".join(cells[0]["source"]).strip():
        problems.append(Problem("intro", 0, "the first cell must be the markdown introduction"))
    tagged = [i for i, c in enumerate(cells) if "parameters" in _tags(c)]
    if len(tagged) != 1 or cells[tagged[0]]["cell_type"] != "code":
        problems.append(
            Problem("parameters", None, f"need exactly one code cell tagged 'parameters', found cells {tagged}")
        )
    problems += [
        Problem("injected-parameters", i, "papermill output committed (cell tagged 'injected-parameters')")
        for i, c in enumerate(cells)
        if "injected-parameters" in _tags(c)
    ]
    return problems


def _check_execution(nb: dict) -> list[Problem]:
    problems = []
    expected = 1
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        count = cell.get("execution_count")
        if not "".join(cell["source"]).strip():
            # nbclient and JupyterLab skip empty cells: they have no count and no output.
            if count is not None or cell.get("outputs"):
                problems.append(Problem("execution-order", i, "empty cell carries a count or outputs"))
            continue
        if count != expected:
            problems.append(Problem("execution-order", i, f"execution_count {count}, expected {expected}"))
        expected += 1
        for output in cell.get("outputs", []):
            result_count = output.get("execution_count", count)
            if output["output_type"] == "execute_result" and result_count != count:
                problems.append(Problem("execution-order", i, f"result count {result_count} in cell run as {count}"))
    return problems


def _check_outputs(nb: dict) -> list[Problem]:
    problems = []
    for i, cell in enumerate(nb.get("cells", [])):
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                problems.append(Problem("error", i, f"{output.get('ename')}: {output.get('evalue')}"))
            elif output["output_type"] == "stream" and output.get("name") == "stderr":
                problems.append(Problem("stderr", i, output.get("text", "")[:200]))
            for text in _output_texts(output):
                problems += _volatile(text, i, "output")
        # nbclient's record_timing and papermill write start/end times into cell metadata.
        problems += _volatile(json.dumps(cell.get("metadata", {})), i, "cell metadata")
    problems += _volatile(json.dumps(nb.get("metadata", {})), None, "notebook metadata")
    return problems


def notebook_problems(nb: dict) -> list[Problem]:
    """Every way ``nb`` (nbformat 4, as a dict) differs from a clean, deterministic top-to-bottom run."""
    problems = []
    try:
        nbformat.validate(nb, version=4)
    except nbformat.ValidationError as err:
        problems.append(Problem("invalid", None, str(err).splitlines()[0]))
    return problems + _check_structure(nb) + _check_execution(nb) + _check_outputs(nb)


def interactive_notebook_problems(nb: dict) -> list[Problem]:
    """Every way an interactive notebook (``explore``) differs from a clean one committed without outputs.

    The exemption from the rules above, and why: a widget output is only a reference to a
    model in the kernel that drew it (a random model id; blank in any viewer once that kernel
    is gone), and nbclient stores the models' state, outputs included, in the notebook's
    metadata. Committed outputs would be noise in every diff and could never match a rerun, so
    such a notebook is committed as a clean, *unexecuted* one: no outputs, no execution counts,
    no widget state. It has no ``parameters`` cell either: it is not a report (DESIGN.md), and
    papermill runs it without parameters (tests/test_notebook_explore.py). The other rules hold.
    """
    problems = []
    try:
        nbformat.validate(nb, version=4)
    except nbformat.ValidationError as err:
        problems.append(Problem("invalid", None, str(err).splitlines()[0]))
    problems += [p for p in _check_structure(nb) if p.rule != "parameters"]
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(Problem("outputs", i, "an interactive notebook is committed without outputs or counts"))
        problems += _volatile(json.dumps(cell.get("metadata", {})), i, "cell metadata")
    if "widgets" in nb.get("metadata", {}):
        problems.append(Problem("widget-state", None, "widget state (random model ids) saved in the metadata"))
    problems += _volatile(json.dumps(nb.get("metadata", {})), None, "notebook metadata")
    return problems


# --- the committed notebooks -------------------------------------------------------------

COMMITTED = sorted(p for p in NOTEBOOKS_DIR.glob("*.ipynb") if p.stem not in INTERACTIVE)
# The analysis notebooks of DESIGN.md: an empty glob would otherwise parametrize nothing.
ANALYSES = {"burden_sharing", "country_profile", "crisis_management", "deterrence_defence", "enlargement",
            "eu_nato_cooperation", "partnerships"}


def test_the_analysis_notebooks_are_committed() -> None:
    assert {path.stem for path in COMMITTED} == ANALYSES


def test_the_interactive_notebooks_are_committed() -> None:
    """``explore`` is the one notebook outside the analyses, and it is kept out of their rules above."""
    assert {path.stem for path in NOTEBOOKS_DIR.glob("*.ipynb")} - ANALYSES == INTERACTIVE == {"explore"}


@pytest.mark.parametrize("name", sorted(INTERACTIVE))
def test_interactive_notebook_is_committed_clean_and_unexecuted(name: str) -> None:
    path = NOTEBOOKS_DIR / f"{name}.ipynb"
    problems = interactive_notebook_problems(nbformat.read(path, as_version=nbformat.NO_CONVERT))
    assert not problems, (
        f"{path.relative_to(PROJECT_ROOT)} — clear its outputs (Edit → Clear Outputs of All Cells) and its "
        "widget state (Settings → Save Widget State Automatically: off) before committing:\n"
        + "\n".join(map(str, problems))
    )


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_committed_notebook_is_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    problems = notebook_problems(nb)
    assert not problems, (
        f"{path.relative_to(PROJECT_ROOT)} — regenerate it with `natolab notebooks {path.stem}` "
        "after fixing the source of:\n" + "\n".join(map(str, problems))
    )


# --- the checker itself --------------------------------------------------------------------

# A real 1x1 PNG plus bytes that base64-encode to "/tmp/": binary payloads are not text.
_PNG = base64.b64encode(
    base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    + base64.b64decode("/tmp/AAA")
).decode()


def clean_notebook() -> dict:
    """A small notebook as a clean top-to-bottom run leaves it."""
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    params = new_code_cell("year = 2024  # reporting year", execution_count=1)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        new_markdown_cell("# Burden sharing\n\nIn 2014 the Allies agreed to move towards 2% of GDP."),
        params,
        new_code_cell(
            "print(year)",
            execution_count=2,
            outputs=[new_output("stream", name="stdout", text="2024\n")],
        ),
        new_markdown_cell("## Chart"),
        new_code_cell(
            "show(fig); table",
            execution_count=3,
            outputs=[
                new_output("display_data", data={"image/png": _PNG, "text/plain": "<Figure size 900x500>"}),
                new_output(
                    "execute_result",
                    execution_count=3,
                    data={"text/plain": "accession_date 2024-03-07, EU/NATO, https://www.nato.int/cps/en/"},
                ),
            ],
        ),
        new_code_cell(""),
    ]
    return nb


def _set(path: tuple, value: object) -> Callable[[dict], None]:
    def mutate(nb: dict) -> None:
        target = nb
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _append_output(cell: int, output: dict) -> Callable[[dict], None]:
    return lambda nb: nb["cells"][cell]["outputs"].append(output)


def _stdout(text: str) -> Callable[[dict], None]:
    return _append_output(2, new_output("stream", name="stdout", text=text))


VIOLATIONS: dict[str, tuple[Callable[[dict], None], str]] = {
    "other kernel": (_set(("metadata", "kernelspec", "name"), "natolab-venv"), "kernel"),
    "no kernelspec": (lambda nb: nb["metadata"].pop("kernelspec"), "kernel"),
    "no parameters cell": (_set(("cells", 1, "metadata", "tags"), []), "parameters"),
    "two parameters cells": (_set(("cells", 2, "metadata", "tags"), ["parameters"]), "parameters"),
    "parameters on markdown": (
        lambda nb: (
            _set(("cells", 1, "metadata", "tags"), [])(nb),
            _set(("cells", 3, "metadata", "tags"), ["parameters"])(nb),
        ),
        "parameters",
    ),
    "papermill output": (_set(("cells", 2, "metadata", "tags"), ["injected-parameters"]), "injected-parameters"),
    "code first": (lambda nb: nb["cells"].pop(0), "intro"),
    "cell not run": (_set(("cells", 2, "execution_count"), None), "execution-order"),
    "cells run out of order": (
        lambda nb: (_set(("cells", 2, "execution_count"), 3)(nb), _set(("cells", 4, "execution_count"), 2)(nb)),
        "execution-order",
    ),
    "gap in counts": (_set(("cells", 4, "execution_count"), 4), "execution-order"),
    "rerun, not restarted": (
        lambda nb: [_set(("cells", i, "execution_count"), i + 5)(nb) for i in (1, 2, 4)],
        "execution-order",
    ),
    "stale result count": (_set(("cells", 4, "outputs", 1, "execution_count"), 7), "execution-order"),
    "empty cell with output": (
        _set(("cells", 5, "outputs"), [new_output("stream", name="stdout", text="x")]),
        "execution-order",
    ),
    "error output": (
        _append_output(2, new_output("error", ename="KeyError", evalue="'FRA'", traceback=["KeyError: 'FRA'"])),
        "error",
    ),
    "stderr output": (
        _append_output(2, new_output("stream", name="stderr", text="UserWarning: tight_layout\n")),
        "stderr",
    ),
    "tmp path": (_stdout("wrote /tmp/tmpab12cd/report.csv\n"), "absolute-path"),
    "home path": (_stdout("'/home/analyst/natolab/data/members.csv'\n"), "absolute-path"),
    "project path": (_stdout(f"{PROJECT_ROOT}/data\n"), "absolute-path"),
    "windows path": (_stdout("C:\\Users\\analyst\\natolab\n"), "absolute-path"),
    "file url in html": (
        _append_output(2, new_output("display_data", data={"text/html": '<a href="file:///srv/x">x</a>'})),
        "absolute-path",
    ),
    "memory address": (_stdout("<natolab.plots.Figure at 0x7f3a2c1b9d50>\n"), "memory-address"),
    "iso timestamp": (_stdout("generated 2026-11-28T13:41:07\n"), "timestamp"),
    "pandas timestamp": (_stdout("Timestamp('2024-03-07 00:00:00')\n"), "timestamp"),
    "clock time": (_stdout("took 00:00:02\n"), "timestamp"),
    "timestamp in svg": (
        _append_output(
            4, new_output("display_data", data={"image/svg+xml": "<svg><dc:date>2026-11-28T13:41:07</dc:date></svg>"})
        ),
        "timestamp",
    ),
    "nbclient timing metadata": (
        _set(("cells", 2, "metadata", "execution"), {"iopub.execute_input": "2026-11-28T13:41:07.123Z"}),
        "timestamp",
    ),
    "papermill notebook metadata": (
        _set(("metadata", "papermill"), {"start_time": "2026-11-28T13:41:07", "input_path": "/tmp/x.ipynb"}),
        "timestamp",
    ),
    "not nbformat": (lambda nb: nb["cells"][2].pop("outputs"), "invalid"),
}


def test_checker_accepts_a_clean_notebook() -> None:
    assert notebook_problems(clean_notebook()) == []


@pytest.mark.parametrize("case", VIOLATIONS)
def test_checker_refuses(case: str) -> None:
    mutate, rule = VIOLATIONS[case]
    nb = copy.deepcopy(clean_notebook())
    mutate(nb)
    found = {p.rule for p in notebook_problems(nb)}
    assert rule in found, f"{case}: expected [{rule}], checker found {sorted(found) or 'nothing'}"


@pytest.mark.slow
def test_checker_accepts_a_real_top_to_bottom_run(tmp_path: Path) -> None:
    """Guards against false alarms: what nbclient writes for a clean run passes every rule."""
    from nbclient import NotebookClient

    from natolab import kernels

    nb = clean_notebook()
    nb.cells[4].source = (
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot([1949, 2024], [12, 32])\n"
        "plt.show()\n"
        "{'allies': 32}"
    )
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    executed = NotebookClient(
        nbformat.from_dict(nb),
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(tmp_path)}},
        record_timing=False,  # timing metadata carries wall-clock timestamps
        **kernels.client_options(),
    ).execute()
    kinds = [o.output_type for o in executed.cells[4].outputs]
    assert kinds == ["display_data", "execute_result"], kinds
    assert notebook_problems(executed) == []


def test_interactive_checker_accepts_an_unexecuted_notebook_and_refuses_a_run() -> None:
    nb = clean_notebook()
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("tags", None)  # no parameters cell: not a report
    assert interactive_notebook_problems(nb) == []
    run = copy.deepcopy(nb)
    run.cells[2].execution_count = 1
    run.cells[2].outputs = [new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "4f2c0e", "version_major": 2, "version_minor": 0},
        "text/plain": "VBox(children=(HTML(value='<h3>Defence spending</h3>'),))"})]
    assert {p.rule for p in interactive_notebook_problems(run)} == {"outputs"}
    saved_state = copy.deepcopy(nb)
    saved_state.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    assert {p.rule for p in interactive_notebook_problems(saved_state)} == {"widget-state"}
    code_first = copy.deepcopy(nb)
    code_first.cells.pop(0)
    assert {p.rule for p in interactive_notebook_problems(code_first)} == {"intro"}
