"""natolab.kernels: every kernel on Unix sockets in a private folder, removed with the kernel."""

from __future__ import annotations

import stat
import tempfile
from pathlib import Path

import nbformat
import pytest

from natolab import kernels

pytestmark = pytest.mark.slow  # each test starts a real kernel (~1 s)


def _sockets(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if stat.S_ISSOCK(p.stat().st_mode))


def test_blocking_manager_binds_private_sockets_and_removes_them_on_shutdown():
    km = kernels.PrivateSocketKernelManager(kernel_name="python3")
    km.start_kernel()
    try:
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        client.stop_channels()
        folder = Path(km.ip).parent
        assert km.transport == "ipc"
        assert folder.name.startswith("natolab-kernel-")
        # shell, iopub, stdin, control and heartbeat: five channels, five socket files
        assert _sockets(folder) == [f"kernel-{n}" for n in range(1, 6)]
    finally:
        km.shutdown_kernel(now=True)
    assert not folder.exists()


def test_nbclient_kernels_use_private_sockets_and_leave_nothing_behind(tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from ipykernel.connect import get_connection_info\n"
            "info = get_connection_info(unpack=True)\n"
            "print(info['transport'], info['ip'])"
        )
    ]
    NotebookClient(
        nb, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}, **kernels.client_options()
    ).execute()
    transport, ip = nb.cells[0].outputs[0]["text"].split()
    assert transport == "ipc"
    assert Path(ip).parent.name.startswith("natolab-kernel-")
    assert not Path(ip).parent.exists()  # removed when nbclient shut the kernel down


def test_nbval_kernels_use_private_sockets_through_the_pytest_plugin():
    import nbval.kernel

    km, client = nbval.kernel.start_new_kernel(kernel_name="python3")
    try:
        assert isinstance(km, kernels.PrivateSocketKernelManager)
        assert km.transport == "ipc"
        folder = Path(km.ip).parent
        assert len(_sockets(folder)) == 5
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)
    assert not folder.exists()


def test_socket_folder_falls_back_to_tmp_when_tmpdir_is_too_deep_for_a_socket_path(tmp_path, monkeypatch):
    deep = tmp_path / ("d" * 100)
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    folder = kernels.socket_folder()
    try:
        assert folder.parent == Path("/tmp")
        assert len(str(folder / "kernel-5")) < 107  # the Unix socket path limit
    finally:
        folder.rmdir()


def test_socket_folder_uses_tmpdir_when_it_is_short(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = kernels.socket_folder()
    assert folder.parent == tmp_path
    assert folder.name.startswith("natolab-kernel-")
