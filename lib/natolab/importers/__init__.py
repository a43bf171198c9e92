"""Importers that turn the raw public files into natolab's curated spending CSVs.

* :func:`import_nato_workbook` — NATO's official defence-expenditure workbooks -> ``defence_expenditure.csv``
* :func:`import_sipri_workbook` — SIPRI Military Expenditure Database -> ``sipri_milex.csv``
* :func:`import_secondary_editions` — editions known only from transcriptions and quotes

and the curations of the NATO facts collection (``natolab data import-facts``):
:mod:`natolab.importers.facts` (one module per topic) and :mod:`natolab.importers.deterrence`.
Country labels go through one name book, :mod:`natolab.importers.names`.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "SipriLayoutError",
    "UnknownCountryError",
    "WorkbookLayoutError",
    "import_nato_workbook",
    "import_secondary_editions",
    "import_sipri_workbook",
]

# Loaded on first use: `natolab report` builds the whole command line, `natolab data` included,
# and must not pay for the workbook readers it does not run.
_OWNERS = {
    "SipriLayoutError": "sipri",
    "UnknownCountryError": "names",
    "WorkbookLayoutError": "nato_workbook",
    "import_nato_workbook": "nato_workbook",
    "import_secondary_editions": "transcriptions",
    "import_sipri_workbook": "sipri",
}


def __getattr__(name: str) -> Any:
    if name not in _OWNERS:
        raise AttributeError(f"module 'natolab.importers' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"natolab.importers.{_OWNERS[name]}"), name)
    globals()[name] = value
    return value
