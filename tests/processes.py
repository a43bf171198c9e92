"""Process checks shared by the tests of the runner's lifeline (a worker dies with its parent)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

#: The lifeline rests on prctl(PR_SET_PDEATHSIG), which only Linux has.
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signals are Linux-only")


def running(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"
