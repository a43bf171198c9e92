"""Ship the curated datasets inside the package: `pip install .` copies data/ to natolab/datasets.

Everything else about the build is declared in pyproject.toml. data/ stays beside lib/ in the
repository (the importers, the catalogue command and the tests write and read it there); an
installed package has no project around it, so it carries its own copy, which
natolab.paths finds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_DIR = Path(__file__).resolve().parent / "data"


class BuildWithDatasets(build_py):
    """build_py, then data/*.csv and data/datapackage.json into the built natolab/datasets/."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "natolab" / "datasets"
        target.mkdir(parents=True, exist_ok=True)
        for file in [DATA_DIR / "datapackage.json", *sorted(DATA_DIR.glob("*.csv"))]:
            shutil.copyfile(file, target / file.name)


setup(cmdclass={"build_py": BuildWithDatasets})
