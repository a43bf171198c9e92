"""JupyterLab in a real browser: every committed notebook runs from the Run menu as an analyst runs it.

nbval compares text outputs in a bare kernel; this checks what a reader sees. One
``jupyter lab`` (this venv, loopback, random token, throwaway config dirs) serves a
copy of ``notebooks/``; Debian's chromium, driven by playwright, opens each notebook
in its own workspace, clears the committed outputs, clicks Run → Run All Cells and
checks: no error output, every chart of the committed run rendered with a non-zero
size, and the introduction's first sentence on the page. A screenshot per notebook
goes to ``tests/artifacts/browser/``.

The interactive notebook (``explore.ipynb``) has no committed run to compare with (it is
committed without outputs), so it has a test of its own: it runs from the Run menu, its
three views render their charts, and picking another Ally in the country view's dropdown
redraws that view's table.

Needs ``chromium`` (``apt-get install chromium``): skipped where absent, except under
``CI=true``, where a missing browser fails the run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest
from browser.expected import expected_from, first_sentence
from browser.lab import (
    LAUNCH_ARGS,
    RUN_TIMEOUT_MS,
    LabServer,
    browser_env,
    browser_or_skip,
    chromium_or_skip,
    jupyter_env,
    page_state,
    run_notebook,
    start_lab,
)

from natolab.notebooks import INTERACTIVE
from natolab.paths import NOTEBOOKS_DIR

ALL_NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
# The reports, checked against their committed run; the interactive ones have their own test below.
NOTEBOOKS = [path for path in ALL_NOTEBOOKS if path.stem not in INTERACTIVE]


@dataclass
class Lab:
    """The one server and browser every notebook in this module shares."""

    server: LabServer
    browser: Any


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    chromium = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    base = tmp_path_factory.mktemp("jupyterlab")
    # A copy, so a run can never write into the committed notebooks (and paths must not
    # depend on where the notebook lives: natolab resolves data from the package).
    served = base / "root" / "notebooks"
    served.mkdir(parents=True)
    for path in ALL_NOTEBOOKS:
        shutil.copy2(path, served / path.name)
    server = start_lab(served.parent, base / "state")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS, env=browser_env(base / "state"))
            try:
                yield Lab(server, browser)
            finally:
                browser.close()
    finally:
        server.stop()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(lab: Lab, path: Path, artifacts_dir: Path) -> None:
    expected = expected_from(nbformat.read(path, as_version=4))
    served_path = f"notebooks/{path.name}"
    page = lab.browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        run = run_notebook(
            page, lab.server, served_path, expected.code_cell_count, artifacts_dir / "browser" / f"{path.stem}.png"
        )
    finally:
        page.close()
        lab.server.shutdown_sessions(served_path)

    assert not run.errors, f"{path.name} shows error or stderr output in JupyterLab:\n" + "\n---\n".join(run.errors)
    assert run.numbered_cells == expected.code_cell_count, "not every code cell ran"
    assert len(run.images) == expected.chart_count, (
        f"{path.name}: {len(run.images)} images rendered, the committed run has {expected.chart_count} PNG charts"
    )
    empty = [
        i for i, image in enumerate(run.images) if not (image["width"] and image["height"] and image["naturalWidth"])
    ]
    assert not empty, f"{path.name}: charts {empty} rendered with zero size"
    assert expected.first_sentence, f"{path.name} has no introduction sentence in its first markdown cell"
    assert expected.first_sentence in run.text, f"introduction not on the page: {expected.first_sentence!r}"
    assert not lab.server.running_kernels(), "the notebook's kernel was not shut down through /api/sessions"


_COUNTRY_OUTPUT = ".natolab-explore-country .natolab-explore-output"
# The country view's last output is the chart's table, captioned "<Ally>: Share of GDP (e = estimate)".
_COUNTRY_DRAWN_JS = f"""([name]) => {{
  const out = document.querySelector('{_COUNTRY_OUTPUT}');
  return !!out && out.innerText.includes(name + ': Share of GDP')
    && [...out.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0);
}}"""


@pytest.mark.slow
@pytest.mark.browser
def test_explore_views_respond_in_jupyterlab(lab: Lab, artifacts_dir: Path) -> None:
    path = NOTEBOOKS_DIR / "explore.ipynb"
    expected = expected_from(nbformat.read(path, as_version=4))
    served_path = f"notebooks/{path.name}"
    shots = artifacts_dir / "browser"
    page = lab.browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        run = run_notebook(page, lab.server, served_path, expected.code_cell_count, shots / "explore.png")
        # The widget manager renders each view after its cell has run: wait for every chart.
        for view in ("spending", "membership", "country"):
            page.locator(f".natolab-explore-{view} .natolab-explore-output img").first.wait_for(timeout=RUN_TIMEOUT_MS)
        page.wait_for_function(_COUNTRY_DRAWN_JS, arg=["Belgium"], timeout=RUN_TIMEOUT_MS)
        before = page.locator(_COUNTRY_OUTPUT).inner_text()
        page.locator(".natolab-country-ally select").select_option(label="Poland")  # an analyst picks another Ally
        page.wait_for_function(_COUNTRY_DRAWN_JS, arg=["Poland"], timeout=RUN_TIMEOUT_MS)
        after = page.locator(_COUNTRY_OUTPUT).inner_text()
        # Tall enough for a whole view in one picture (docs/images/explore.png is one of these).
        page.set_viewport_size({"width": 1280, "height": 2000})
        page.locator(".natolab-explore-spending").screenshot(path=str(shots / "explore-spending.png"))
        page.locator(".natolab-explore-country").screenshot(path=str(shots / "explore-country.png"))
        state = page_state(page)
    finally:
        page.close()
        lab.server.shutdown_sessions(served_path)

    assert not run.errors and not state["errors"], "explore.ipynb shows error or stderr output:\n" + "\n---\n".join(
        run.errors + state["errors"])
    assert run.numbered_cells == expected.code_cell_count, "not every code cell ran"
    assert expected.first_sentence in run.text, f"introduction not on the page: {expected.first_sentence!r}"
    charts = [image for image in state["images"] if image["naturalWidth"]]
    assert len(charts) >= 3 and all(image["width"] and image["height"] for image in charts), state["images"]
    assert "Belgium: spending figures" in before and "Poland" not in before
    assert "Poland: spending figures" in after and "joined the Alliance on 12 March 1999" in after
    assert "Belgium" not in after, "the country view still shows the previous Ally"
    assert not lab.server.running_kernels(), "the notebook's kernel was not shut down through /api/sessions"


# --- the helpers, without a browser ---------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "sentence"),
    [
        ("# Enlargement\n\nNATO grew from **12** to 32 Allies. Sweden joined last.", "NATO grew from 12 to 32 Allies."),
        (
            "# T\n\nSee [the treaty](https://www.nato.int), e.g. its Article 10. More.",
            "See the treaty, e.g. its Article 10.",
        ),
        ("# T\n\nBurden sharing &amp; the\n`2%` guideline!\nNext", "Burden sharing & the 2% guideline!"),
        ("# Only a title", "Only a title"),
        ("Intro without a full stop", "Intro without a full stop"),
    ],
)
def test_first_sentence_is_plain_rendered_text(markdown: str, sentence: str) -> None:
    assert first_sentence(markdown) == sentence


def test_expectations_come_from_the_committed_run() -> None:
    nb = nbformat.v4.new_notebook()
    png = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})
    table = nbformat.v4.new_output("display_data", data={"text/html": "<table></table>"})
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1", execution_count=1),
        nbformat.v4.new_markdown_cell("# Title\n\nFirst sentence here. Second."),
        nbformat.v4.new_code_cell("show()", execution_count=2, outputs=[png, table, png]),
        nbformat.v4.new_code_cell("  \n"),
        nbformat.v4.new_markdown_cell("Not the introduction."),
    ]
    expected = expected_from(nb)
    assert (expected.first_sentence, expected.chart_count, expected.code_cell_count) == ("First sentence here.", 2, 2)


def test_missing_browser_skips_locally_and_fails_under_ci() -> None:
    with pytest.raises(pytest.skip.Exception, match="chromium"):
        browser_or_skip(None, has_playwright=True, ci=False)
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        browser_or_skip(None, has_playwright=True, ci=True)
    with pytest.raises(pytest.fail.Exception, match="playwright"):
        browser_or_skip("/usr/bin/chromium", has_playwright=False, ci=True)
    assert browser_or_skip("/usr/bin/chromium", has_playwright=True, ci=True) == "/usr/bin/chromium"


def test_browser_writes_nothing_in_home(tmp_path: Path) -> None:
    env = browser_env(tmp_path)
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        assert Path(env[name]).is_relative_to(tmp_path), f"chromium would write {name} outside the throwaway dir"


def test_throwaway_jupyter_dirs_still_find_the_venv_kernel(tmp_path: Path) -> None:
    env = jupyter_env(tmp_path)
    found = subprocess.run(
        [sys.executable, "-c", "from jupyter_client.kernelspec import find_kernel_specs as f; print(f()['python3'])"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(found).is_relative_to(sys.prefix), f"python3 kernelspec resolved outside the venv: {found}"
    for name in ("HOME", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        assert Path(env[name]).is_relative_to(tmp_path), f"{name} would write outside the throwaway dir"
