"""natolab.paths: locations come from the package, whatever the cwd."""

import os
import subprocess
import sys

from natolab import paths


def test_paths_point_into_the_project():
    assert (paths.PROJECT_ROOT / "pyproject.toml").is_file()
    assert paths.DATA_DIR == paths.PROJECT_ROOT / "data"


def test_paths_do_not_depend_on_cwd(tmp_path):
    code = "from natolab import paths; print(paths.DATA_DIR)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": ""})
    assert out.stdout.strip() == str(paths.DATA_DIR)
