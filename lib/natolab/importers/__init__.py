"""Importers that turn the raw public files into natolab's curated spending CSVs.

* :func:`import_nato_workbook` — NATO's official defence-expenditure workbooks -> ``defence_expenditure.csv``
* :func:`import_sipri_workbook` — SIPRI Military Expenditure Database -> ``sipri_milex.csv``
* :func:`import_secondary_editions` — editions known only from transcriptions and quotes
"""

from natolab.importers.names import UnknownCountryError
from natolab.importers.nato_workbook import WorkbookLayoutError, import_nato_workbook
from natolab.importers.sipri import SipriLayoutError, import_sipri_workbook
from natolab.importers.transcriptions import import_secondary_editions

__all__ = [
    "SipriLayoutError",
    "UnknownCountryError",
    "WorkbookLayoutError",
    "import_nato_workbook",
    "import_secondary_editions",
    "import_sipri_workbook",
]
