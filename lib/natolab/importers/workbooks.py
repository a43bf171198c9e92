"""Opening the Excel workbooks the spending importers read (NATO tables, SIPRI Milex)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["open_workbook"]


def open_workbook(path: Path, what: str, layout_error: type[ValueError]) -> Any:
    """Open ``path`` read-only with the values Excel cached (not formulas).

    A missing file raises FileNotFoundError naming ``what`` ("NATO", "SIPRI"); a file
    that is not an .xlsx raises ``layout_error``, so the CLI reports either in one line.
    """
    import openpyxl  # imported here: only curators need it, not notebooks

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise FileNotFoundError(f"{what} workbook not found: {path}") from None
    except Exception as err:  # zip/xml errors from a file that is not an .xlsx
        raise layout_error(f"{path}: not a readable .xlsx workbook ({err})") from None
