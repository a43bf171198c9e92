"""Per-venv Jupyter settings written once by ``make venv``.

Deterministic figure output is also enforced in :mod:`natolab.plots`; this file
covers figures an analyst draws by hand in JupyterLab, and turns off the
JupyterLab news popup (it would try to reach the network).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

IPYTHON_KERNEL_CONFIG = """\
# Written by natolab.kernel_config: reproducible inline figures.
c.InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Software": None}}
c.InlineBackend.rc = {"svg.hashsalt": "natolab"}
"""

LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}
}


def write(prefix: Path) -> list[Path]:
    """Write the kernel and JupyterLab settings under the environment ``prefix``."""
    kernel_cfg = prefix / "etc" / "ipython" / "ipython_kernel_config.py"
    lab_cfg = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    for path in (kernel_cfg, lab_cfg):
        path.parent.mkdir(parents=True, exist_ok=True)
    kernel_cfg.write_text(IPYTHON_KERNEL_CONFIG, encoding="utf-8")
    lab_cfg.write_text(json.dumps(LAB_OVERRIDES, indent=2) + "\n", encoding="utf-8")
    return [kernel_cfg, lab_cfg]


if __name__ == "__main__":
    for written in write(Path(sys.prefix)):
        print(f"wrote {written.relative_to(sys.prefix)}")
