"""The committed hash of every chart each notebook draws at its defaults, and how to check one.

nbval compares a notebook's text, HTML and CSV outputs but not its images, so a chart
could change while its table stays the same. ``tests/figure_hashes.json`` records the
SHA-256 of every PNG a committed notebook shows (by notebook and figure name, the
``{"natolab": {"figure": name}}`` tag ``plots.show`` writes). Charts are deterministic
PNGs, so a changed hash is a changed chart:

* ``tests/test_figure_hashes.py`` fails, naming the chart, when a committed notebook's
  chart differs from its recorded hash, and when a notebook run at its defaults draws
  a chart that differs (``check_run``); the old and new PNGs go to
  ``tests/artifacts/figures/`` to look at side by side;
* ``make figures`` (``python tests/figure_hashes.py``) records the committed notebooks'
  charts after an intended change, for review in the diff.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat

from natolab.notebooks import INTERACTIVE

ROOT = Path(__file__).resolve().parents[1]
HASHES = Path(__file__).with_name("figure_hashes.json")
ARTIFACTS = Path(__file__).with_name("artifacts") / "figures"
NOTEBOOKS = ROOT / "notebooks"
# Widget views are interactive, not figures of record (their outputs are not committed).
NOT_RECORDED = INTERACTIVE


def figures(nb: nbformat.NotebookNode) -> dict[str, bytes]:
    """{figure name: PNG bytes} of every chart ``plots.show`` published in ``nb``."""
    found: dict[str, bytes] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("natolab", {}).get("figure")
            if name and "image/png" in output.get("data", {}):
                if name in found:
                    raise ValueError(f"figure name {name!r} published twice")
                found[name] = base64.b64decode(output["data"]["image/png"])
    return found


def sha256(png: bytes) -> str:
    return hashlib.sha256(png).hexdigest()


def committed_notebooks() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if p.stem not in NOT_RECORDED)


def current() -> dict[str, dict[str, str]]:
    """{notebook: {figure: sha256}} of the committed notebooks as they are on disk."""
    return {path.stem: {name: sha256(png) for name, png in figures(nbformat.read(path, as_version=4)).items()}
            for path in committed_notebooks()}


def recorded() -> dict[str, dict[str, str]]:
    return json.loads(HASHES.read_text(encoding="utf-8"))


def _committed_png(notebook: str, figure: str) -> bytes | None:
    """The chart as the last commit has it, for the 'old' side of a comparison (None without git)."""
    try:
        text = subprocess.run(["git", "show", f"HEAD:notebooks/{notebook}.ipynb"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return figures(nbformat.reads(text, as_version=4)).get(figure)


def differences(notebook: str, drawn: dict[str, bytes]) -> list[str]:
    """What differs between ``drawn`` ({figure: PNG}) and the recorded hashes of ``notebook``.

    Each changed chart is written to ``tests/artifacts/figures/<notebook>-<figure>-new.png``,
    with the last commit's version beside it as ``-old.png`` where git has one.
    """
    expected = recorded().get(notebook, {})
    problems = []
    for name in sorted(set(expected) - set(drawn)):
        problems.append(f"{notebook}: chart {name!r} is recorded but no longer drawn")
    for name in sorted(set(drawn) - set(expected)):
        problems.append(f"{notebook}: chart {name!r} is drawn but has no recorded hash (run `make figures`)")
    for name in sorted(set(drawn) & set(expected)):
        if sha256(drawn[name]) != expected[name]:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            (ARTIFACTS / f"{notebook}-{name}-new.png").write_bytes(drawn[name])
            old = _committed_png(notebook, name)
            if old is not None:
                (ARTIFACTS / f"{notebook}-{name}-old.png").write_bytes(old)
            problems.append(f"{notebook}: chart {name!r} changed (see {ARTIFACTS / f'{notebook}-{name}-new.png'}; "
                            "`make figures` accepts an intended change)")
    return problems


def main() -> int:
    """Record the committed notebooks' charts in tests/figure_hashes.json."""
    HASHES.write_text(json.dumps(current(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {sum(len(v) for v in current().values())} charts in {HASHES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
