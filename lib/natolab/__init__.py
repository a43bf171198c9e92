"""natolab: curated data, analysis helpers and a report runner on the North Atlantic Alliance."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # Looked up on first use, not at import: importlib.metadata scans the installed
    # distributions, which cost about as much as the rest of `import natolab`.
    if name != "__version__":
        raise AttributeError(f"module 'natolab' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("natolab")
    except PackageNotFoundError:  # running from a source tree without an install
        found = "0+unknown"
    globals()["__version__"] = found
    return found
