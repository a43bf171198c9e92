"""natolab: curated data, analysis helpers and a report runner on the North Atlantic Alliance."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("natolab")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0+unknown"

__all__ = ["__version__"]
