"""pytest plugin (enabled by ``-p natolab.pytest_plugin`` in pyproject.toml).

``pytest -n 2 --nbval notebooks`` starts two nbval kernels side by side. nbval
builds its kernel managers from the name ``KernelManager`` in ``nbval.kernel``;
pointing that name at :class:`natolab.kernels.PrivateSocketKernelManager` gives
those kernels private Unix sockets too, so they cannot race for TCP ports
(see :mod:`natolab.kernels`). Nothing else about nbval changes.

Test processes skip the same optional grammar build the report workers skip
(:func:`natolab.reports.worker.skip_optional_modules`): it costs every process that
imports nbformat about 1.5 s and checks a format notebooks never use.
"""

from __future__ import annotations

import pytest

from natolab.kernels import PrivateSocketKernelManager
from natolab.reports.worker import skip_optional_modules

skip_optional_modules()


def pytest_configure(config: pytest.Config) -> None:
    """Give nbval's kernels private sockets (a no-op when nbval is not installed)."""
    try:
        import nbval.kernel
    except ImportError:
        return
    nbval.kernel.KernelManager = PrivateSocketKernelManager
