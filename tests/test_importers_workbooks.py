"""natolab.importers.workbooks: a missing or unreadable workbook fails with one clear line."""

from __future__ import annotations

import pytest

from natolab.importers import SipriLayoutError, WorkbookLayoutError
from natolab.importers.nato_workbook import read_workbook
from natolab.importers.sipri import sipri_rows
from natolab.importers.workbooks import open_workbook


def test_missing_file_names_the_workbook_and_path(tmp_path):
    missing = tmp_path / "def-exp-2025-en.xlsx"
    with pytest.raises(FileNotFoundError, match=r"^NATO workbook not found: .*def-exp-2025-en\.xlsx$"):
        open_workbook(missing, "NATO", WorkbookLayoutError)


def test_a_file_that_is_not_xlsx_raises_the_importers_layout_error(tmp_path):
    text = tmp_path / "SIPRI-Milex.xlsx"
    text.write_text("country,value\n", encoding="utf-8")
    with pytest.raises(SipriLayoutError, match=r"SIPRI-Milex\.xlsx: not a readable \.xlsx workbook"):
        open_workbook(text, "SIPRI", SipriLayoutError)


def test_both_importers_report_through_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"^NATO workbook not found"):
        read_workbook(tmp_path / "absent.xlsx")
    with pytest.raises(FileNotFoundError, match=r"^SIPRI workbook not found"):
        sipri_rows(tmp_path / "absent.xlsx")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    with pytest.raises(WorkbookLayoutError, match=r"not a readable \.xlsx workbook"):
        read_workbook(tmp_path / "empty.xlsx")
