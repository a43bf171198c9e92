"""explore.ipynb through papermill: the three views run top to bottom in a real kernel.

The notebook is committed without outputs and kept out of nbval (its widget outputs carry
random model ids), so this is its regression check: every cell runs, each view is displayed
as a widget, and what the views drew into their output areas — kept by nbclient in the
notebook's widget state — is the charts and tables the library computes.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from notebook_harness import Notebook

from natolab import explore

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("explore")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _widget_outputs(nb) -> list[dict]:
    """The outputs each ipywidgets.Output model holds, from the saved widget state, in model order."""
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    return [output for model in state.values() if model["model_name"] == "OutputModel"
            for output in model["state"].get("outputs", [])]


def test_explore_runs_top_to_bottom_and_draws_every_view(tmp_path: Path) -> None:
    nb = NOTEBOOK.run(tmp_path)
    cell_outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert [o["output_type"] for o in cell_outputs if o["output_type"] in ("error", "stream")] == []
    assert sum(WIDGET_VIEW in o.get("data", {}) for o in cell_outputs) == 3, "three views displayed"

    inside = _widget_outputs(nb)
    assert [o for o in inside if o["output_type"] == "error" or o.get("name") == "stderr"] == []
    tags = [o.get("metadata", {}).get("natolab", {}) for o in inside]
    figures = {t["figure"] for t in tags if "figure" in t}
    tables = {t["table"]: o["data"]["text/csv"] for t, o in zip(tags, inside, strict=True) if "table" in t}
    assert figures == {"explore-spending", "explore-membership-map", "explore-country-share"}
    assert set(tables) == {"explore-spending", "explore-membership", "explore-country-facts",
                           "explore-country-figures", "explore-country-share"}

    # The kernel drew the numbers this process computes with the same defaults.
    country = explore.CountryView()
    shown = list(csv.DictReader(tables["explore-country-figures"].splitlines()))
    assert [(r["fact"], r["value"]) for r in shown] == list(country.figures.itertuples(index=False, name=None))
    membership = list(csv.DictReader(tables["explore-membership"].splitlines()))
    assert [int(r["n_countries"]) for r in membership] == explore.MembershipView().summary["n_countries"].tolist()
    assert not (tmp_path / "exports").exists(), "nothing is saved until the analyst asks"
