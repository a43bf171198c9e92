"""On-disk cache of validated data frames, so each new kernel skips re-validating the CSVs.

A report run starts one kernel per job and each loads the same datasets; parsing and
validating them was most of ``data.load``'s time. A frame is stored only after it passed
every check, under a key made of everything its validation depends on: the CSV's bytes,
the catalogue (datapackage.json), the bytes of the files its foreign keys point to, the
code that validates (``natolab/data.py``) and the pandas version. Any change gives a new
key, so a stale frame is never returned; a bad CSV is never stored, so it fails again.

Where: ``$NATOLAB_CACHE_DIR`` if set, else ``natolab-cache/`` inside the virtual
environment (``make venv``'s ``.venv``); outside a venv, nothing is cached. The cache is
best effort: a folder that cannot be written, or an unreadable entry, means loading
from the CSV as before. Writes are atomic (temporary file, then rename), so parallel
kernels never read half a frame.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

_CODE = Path(__file__).with_name("data.py")


def cache_dir() -> Path | None:
    """The cache folder, or None when frames are not cached (no venv, no override)."""
    override = os.environ.get("NATOLAB_CACHE_DIR")
    if override:
        return Path(override)
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix) / "natolab-cache"
    return None


def key(name: str, files: Iterable[Path]) -> str:
    """Content key of dataset ``name`` validated from ``files`` (its CSV, the catalogue, FK targets)."""
    digest = hashlib.sha256(f"{name}\0{pd.__version__}\0".encode())
    digest.update(_CODE.read_bytes())
    for file in files:
        digest.update(b"\0" + file.read_bytes())
    return digest.hexdigest()[:32]


def get(name: str, content_key: str) -> pd.DataFrame | None:
    """The stored frame for this key, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"{name}-{content_key}.pkl").open("rb") as handle:
            frame = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return frame if isinstance(frame, pd.DataFrame) else None


def put(name: str, content_key: str, frame: pd.DataFrame) -> None:
    """Store a validated frame; silently does nothing where the folder cannot be written."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{name}-*.pkl"):  # one entry per dataset: drop superseded keys
            old.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(frame, out, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temporary).replace(folder / f"{name}-{content_key}.pkl")
    except OSError:
        return
