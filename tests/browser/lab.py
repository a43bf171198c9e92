"""Start a throwaway JupyterLab server and drive it with Debian's chromium through playwright.

One server and one browser serve every notebook; each notebook gets its own workspace
(earlier tabs are not restored, so the kernel indicator is unique) and its kernel is shut
down through the server API before the next one. HOME and the Jupyter, IPython and
matplotlib directories point into a temporary directory, so a run leaves nothing in
``$HOME``; only processes started here are stopped, by PID.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"  # Debian's package; playwright never downloads a browser here
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# User settings for the throwaway server. The news popup would reach the network and
# cover the notebook; autosave would write a run's outputs into the served copy;
# windowing "none" keeps every cell in the DOM so off-screen charts can be counted.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}

SERVER_READY_TIMEOUT_S = 90  # hang guard only: the server is usually ready in ~2 s
RUN_TIMEOUT_MS = 180_000  # hang guard only, per notebook


def find_chromium() -> str | None:
    """Path of the chromium executable, or None where it is not installed."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


def browser_or_skip(chromium: str | None, has_playwright: bool, ci: bool) -> str:
    """The chromium to drive; skip where the browser stack is missing, fail instead under CI."""
    missing = [
        what
        for what, present in (("chromium (apt-get install chromium)", chromium), ("playwright", has_playwright))
        if not present
    ]
    if missing:
        message = f"browser check needs {' and '.join(missing)}"
        if ci:
            pytest.fail(f"{message}; CI=true, so this is a failure, not a skip")
        pytest.skip(message)
    return str(chromium)


def chromium_or_skip() -> str:
    """This machine's chromium for playwright, or skip (fail under ``CI=true``)."""
    import importlib.util

    return browser_or_skip(find_chromium(), importlib.util.find_spec("playwright") is not None,
                           ci=os.environ.get("CI", "").lower() == "true")


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_env(state_dir: Path) -> dict[str, str]:
    """Environment with HOME and every Jupyter/IPython/matplotlib directory under ``state_dir``.

    JUPYTER_DATA_DIR moves the *user* data dir only: the venv's ``share/jupyter``
    (python3 kernelspec, JupyterLab app and overrides.json) is still on the search path.
    """
    dirs = {
        "JUPYTER_CONFIG_DIR": state_dir / "config",
        "JUPYTER_DATA_DIR": state_dir / "data",
        "JUPYTER_RUNTIME_DIR": state_dir / "runtime",
        "IPYTHONDIR": state_dir / "ipython",
        "MPLCONFIGDIR": state_dir / "matplotlib",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    settings_dir = dirs["JUPYTER_CONFIG_DIR"] / "lab" / "user-settings"
    for plugin, settings in USER_SETTINGS.items():
        target = settings_dir / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(settings), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(throwaway_home(state_dir))
    env.update({name: str(path) for name, path in dirs.items()})
    return env


def throwaway_home(state_dir: Path) -> dict[str, str]:
    """HOME and XDG directories under ``state_dir``.

    Chromium writes a crash-report database under ``~/.config``, and jupyter-lsp runs
    ``npm``, which logs to ``~/.npm``: pointing HOME away keeps ``$HOME`` untouched.
    """
    home = state_dir / "home"
    dirs = {"HOME": home, "XDG_CONFIG_HOME": home / ".config", "XDG_CACHE_HOME": home / ".cache"}
    dirs["XDG_DATA_HOME"] = home / ".local" / "share"
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    return {name: str(path) for name, path in dirs.items()}


def browser_env(state_dir: Path) -> dict[str, str]:
    """Environment for chromium, with a throwaway HOME."""
    return dict(os.environ, **throwaway_home(state_dir))


@dataclass
class LabServer:
    """A running ``jupyter lab`` started by :func:`start_lab`."""

    process: subprocess.Popen
    base_url: str
    token: str
    log_path: Path

    def api(self, method: str, path: str) -> Any:
        """Call the Jupyter server REST API; returns the decoded JSON body (None when empty)."""
        request = urllib.request.Request(
            f"{self.base_url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # loopback only
            body = response.read()
        return json.loads(body) if body else None

    def lab_url(self, workspace: str, notebook_path: str) -> str:
        """URL opening ``notebook_path`` alone in a fresh workspace."""
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{notebook_path}?token={self.token}&reset"

    def shutdown_sessions(self, notebook_path: str | None = None) -> int:
        """Delete the sessions (and so shut the kernels) of one notebook, or all; returns how many."""
        sessions = [
            s
            for s in self.api("GET", "/api/sessions")
            if notebook_path is None or notebook_path in (s.get("path"), s.get("notebook", {}).get("path"))
        ]
        for session in sessions:
            self.api("DELETE", f"/api/sessions/{session['id']}")
        return len(sessions)

    def running_kernels(self) -> list[dict]:
        """Kernels the server still runs."""
        return self.api("GET", "/api/kernels")

    def wait_for_kernel(self, notebook_path: str, timeout_s: float) -> None:
        """Wait until the notebook's kernel is idle with a browser connected to it.

        JupyterLab's kernel indicator reads "idle" before the session exists, and Run All
        clicked then silently runs nothing; the server's view of the session is reliable.
        """
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for session in self.api("GET", "/api/sessions"):
                kernel = session.get("kernel") or {}
                if (
                    session.get("path") == notebook_path
                    and kernel.get("execution_state") == "idle"
                    and kernel.get("connections", 0) >= 1
                ):
                    return
            time.sleep(0.1)
        raise RuntimeError(f"no idle, connected kernel for {notebook_path} after {timeout_s} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server log, for failure messages."""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Shut remaining kernels down, then stop the server process this module started."""
        if self.process.poll() is None:
            try:
                self.shutdown_sessions()
                for kernel in self.running_kernels():
                    self.api("DELETE", f"/api/kernels/{kernel['id']}")
            except OSError:
                pass  # the server is going away anyway; its own SIGTERM handler stops kernels
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_lab(root_dir: Path, state_dir: Path) -> LabServer:
    """Start ``jupyter lab`` from this venv on a free loopback port with a random token."""
    port, token = free_port(), secrets.token_hex(16)
    log_path = state_dir / "jupyter-lab.log"
    env = jupyter_env(state_dir)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",  # fail rather than silently serve elsewhere
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--ServerApp.terminals_enabled=False",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, cwd=root_dir, stdout=log, stderr=subprocess.STDOUT)
    server = LabServer(process, f"http://127.0.0.1:{port}", token, log_path)
    deadline = time.monotonic() + SERVER_READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {process.returncode}:\n{server.log_tail()}")
        try:
            server.api("GET", "/api/status")
            return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"jupyter lab not ready after {SERVER_READY_TIMEOUT_S} s:\n{server.log_tail()}")


@dataclass(frozen=True)
class LabRun:
    """What the reader sees after Run All Cells."""

    errors: list[str]  # text of error (and stderr) outputs
    images: list[dict]  # per rendered image: width, height (CSS px), naturalWidth, complete
    text: str  # the notebook's rendered text, whitespace collapsed
    numbered_cells: int  # code cells with an execution count
    screenshot: Path


# Lab renders an error output and a stderr stream with the same mime type.
_STATE_JS = """() => {
  const nb = document.querySelector('.jp-NotebookPanel .jp-Notebook');
  if (!nb) return null;
  const prompts = [...nb.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent.trim());
  return {
    idle: !!document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']"),
    running: prompts.filter(p => p.includes('*')).length,
    numbered: prompts.filter(p => /\\[\\d+\\]/.test(p)).length,
    errors: [...nb.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map(e => e.innerText),
    outputs: nb.querySelectorAll('.jp-OutputArea-output').length,
    images: [...nb.querySelectorAll('.jp-OutputArea-output img')].map(img => {
      const r = img.getBoundingClientRect();
      return {width: r.width, height: r.height, naturalWidth: img.naturalWidth, complete: img.complete};
    }),
    text: nb.innerText,
  };
}"""

_DONE_JS = f"""([expected]) => {{
  const s = ({_STATE_JS})();
  return s && s.idle && s.running === 0 && (s.numbered >= expected || s.errors.length > 0)
    && s.images.every(i => i.complete);
}}"""


def page_state(page: Any) -> dict:
    """What the open notebook shows now: errors (and stderr), images, text, numbered cells."""
    return page.evaluate(_STATE_JS) or {}


def _menu(page: Any, menu: str, item: str) -> None:
    """Click a main-menu entry by its visible labels (command ids change between Lab versions)."""
    page.get_by_role("menubar").get_by_role("menuitem", name=menu, exact=True).click()
    page.locator(".lm-Menu .lm-Menu-itemLabel").get_by_text(item, exact=True).click()


def run_notebook(page: Any, server: LabServer, notebook_path: str, code_cells: int, screenshot: Path) -> LabRun:
    """Open ``notebook_path`` in its own workspace, clear outputs, Run All Cells, wait, screenshot.

    Outputs are cleared first so that everything inspected afterwards was produced by
    this run, not loaded from the committed file. The screenshot is taken on failure too.
    """
    workspace = Path(notebook_path).stem.replace("_", "-")
    try:
        page.goto(server.lab_url(workspace, notebook_path))
        server.wait_for_kernel(notebook_path, RUN_TIMEOUT_MS / 1000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=RUN_TIMEOUT_MS)
        _menu(page, "Edit", "Clear Outputs of All Cells")
        page.wait_for_function(f"() => ({_STATE_JS})().outputs === 0")
        _menu(page, "Run", "Run All Cells")
        page.wait_for_function(_DONE_JS, arg=[code_cells], timeout=RUN_TIMEOUT_MS)
    except Exception as err:  # playwright's TimeoutError and ours: say what the page showed
        dialogs = page.locator(".jp-Dialog").all_inner_texts()
        state = {k: v for k, v in (page.evaluate(_STATE_JS) or {}).items() if k != "text"}
        raise RuntimeError(
            f"{notebook_path} did not finish Run All Cells ({err.__class__.__name__}): page state {state!r}, "
            f"dialogs {dialogs!r}\nserver log:\n{server.log_tail()}"
        ) from err
    finally:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot))
    state = page.evaluate(_STATE_JS)
    return LabRun(
        errors=state["errors"],
        images=state["images"],
        text=" ".join(state["text"].split()),
        numbered_cells=state["numbered"],
        screenshot=screenshot,
    )
