"""Figure regression: every chart a notebook draws is the chart its recorded hash says.

These tests read the committed notebooks; every notebook test that runs a notebook at its
defaults (``notebook_harness.Notebook.run`` without parameters) compares what it draws
now with the same hashes (nbval does not compare images). See
``tests/figure_hashes.py``; ``make figures`` accepts an intended change.
"""

from __future__ import annotations

import copy

import nbformat
import pytest
from figure_hashes import committed_notebooks, current, differences, figures, recorded


def test_every_committed_notebook_has_its_charts_recorded():
    assert sorted(recorded()) == sorted(p.stem for p in committed_notebooks())


@pytest.mark.parametrize("path", committed_notebooks(), ids=lambda p: p.stem)
def test_committed_charts_match_their_recorded_hashes(path):
    nb = nbformat.read(path, as_version=4)
    assert differences(path.stem, figures(nb)) == []


def test_a_changed_chart_is_named(tmp_path, monkeypatch):
    """Change one pixel-row of one committed chart: the check names that chart, and only it."""
    import figure_hashes

    monkeypatch.setattr(figure_hashes, "ARTIFACTS", tmp_path / "figures")
    notebook = next(iter(sorted(current())))
    drawn = figures(nbformat.read(figure_hashes.NOTEBOOKS / f"{notebook}.ipynb", as_version=4))
    name = sorted(drawn)[0]
    changed = copy.copy(drawn)
    changed[name] = drawn[name] + b"\0"
    problems = differences(notebook, changed)
    assert len(problems) == 1 and repr(name) in problems[0] and "changed" in problems[0]
    assert (tmp_path / "figures" / f"{notebook}-{name}-new.png").read_bytes() == changed[name]
    dropped = {k: v for k, v in drawn.items() if k != name}
    assert differences(notebook, dropped) == [f"{notebook}: chart {name!r} is recorded but no longer drawn"]
