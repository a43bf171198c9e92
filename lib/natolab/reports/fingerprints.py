"""What a report depends on, as hashes: notebook, parameters, data it read, library.

A job is up to date when these are unchanged since its last good run. Content
hashes (not modification times) are used, so a ``git checkout`` or ``touch`` that
leaves a file's bytes alone reruns nothing, and a real edit always does. The
notebook is hashed without its outputs: re-executing the committed notebook in
place does not make every report stale.

Only :mod:`hashlib` and :mod:`json` are used: deciding that nothing is stale must
not pay for importing pandas or papermill.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

__all__ = ["Fingerprinter", "changed", "combine", "notebook_digest", "parameters_digest", "tree_digest"]

# Files of the library that can change what a report contains.
LIBRARY_SUFFIXES = (".py", ".json", ".j2", ".toml", ".mplstyle", ".csv")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def notebook_digest(path: Path) -> str:
    """Hash of what a notebook runs: cell types, sources and tags, and its kernel."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [
        [
            cell.get("cell_type"),
            "".join(cell["source"]) if isinstance(cell.get("source"), list) else cell.get("source"),
            cell.get("metadata", {}).get("tags", []),
        ]
        for cell in nb.get("cells", [])
    ]
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    return _sha(json.dumps([kernel, cells], sort_keys=True).encode())


def parameters_digest(parameters: dict[str, Any]) -> str:
    """Hash of a parameter set, independent of key order."""
    return _sha(json.dumps(parameters, sort_keys=True, default=str).encode())


def tree_digest(root: Path, suffixes: tuple[str, ...] = LIBRARY_SUFFIXES) -> str:
    """Hash of every file with one of ``suffixes`` under ``root`` (names and contents)."""
    digest = hashlib.sha256()
    root = Path(root)
    files = sorted(
        path
        for path in root.rglob("*")
        if path.suffix in suffixes and path.is_file() and "__pycache__" not in path.parts
    )
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(_sha(path.read_bytes()).encode())
    return digest.hexdigest()


def combine(inputs: dict[str, Any]) -> str:
    """The single input fingerprint recorded in the manifest."""
    return _sha(json.dumps(inputs, sort_keys=True).encode())


class Fingerprinter:
    """Hashes inputs for one run, each file at most once.

    ``data_dir`` and ``library_dir`` are injectable so tests need not touch the
    real data or library; ``version`` is the natolab version recorded with them.
    """

    def __init__(self, *, data_dir: Path, library_dir: Path, version: str) -> None:
        self.data_dir = Path(data_dir)
        self.library_dir = Path(library_dir)
        self.version = version
        self._files: dict[Path, str] = {}
        self._notebooks: dict[Path, str] = {}
        self._library: str | None = None

    def library(self) -> str:
        """Hash of the library (computed once per run)."""
        if self._library is None:
            self._library = tree_digest(self.library_dir)
        return self._library

    def file(self, path: Path) -> str:
        """Content hash of a file, ``"missing"`` if it does not exist."""
        if path not in self._files:
            try:
                self._files[path] = _sha(path.read_bytes())
            except FileNotFoundError:
                self._files[path] = "missing"
        return self._files[path]

    def data(self, names: list[str] | None) -> dict[str, str]:
        """Hashes of the named data files; ``None`` means every file in the data folder.

        ``None`` is the safe fallback when a run could not record what it read.
        """
        if names is None:
            relative = (path.relative_to(self.data_dir) for path in self.data_dir.rglob("*"))
            names = sorted(
                rel.as_posix()
                for rel in relative
                if (self.data_dir / rel).is_file() and not any(p.startswith(".") for p in rel.parts)
            )
        return {name: self.file(self.data_dir / name) for name in names}

    def notebook(self, path: Path) -> str:
        """:func:`notebook_digest`, once per notebook (country profiles share one)."""
        if path not in self._notebooks:
            self._notebooks[path] = notebook_digest(path)
        return self._notebooks[path]

    def inputs(self, notebook_path: Path, parameters: dict[str, Any], data: list[str] | None) -> dict[str, Any]:
        """Every input of one job, each hashed: the manifest keeps them to explain reruns."""
        return {
            "notebook": self.notebook(notebook_path),
            "parameters": parameters_digest(parameters),
            "library": self.library(),
            "natolab_version": self.version,
            "data": self.data(data),
        }


def changed(previous: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Which inputs differ, in words (``["parameters", "data members.csv"]``)."""
    reasons = [
        key for key in ("notebook", "parameters", "library", "natolab_version") if previous.get(key) != current.get(key)
    ]
    old_data, new_data = previous.get("data", {}), current.get("data", {})
    reasons += [
        f"data {name}" for name in sorted(set(old_data) | set(new_data)) if old_data.get(name) != new_data.get(name)
    ]
    return reasons
