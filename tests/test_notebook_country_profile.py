"""country_profile.ipynb through papermill: a bad country code is refused with the valid values.

The profile of every Ally is checked on the report set itself (tests/test_report_set.py):
``make reports`` runs one profile job per Ally, so the suite checks those runs rather than
executing the 32 profiles a second time.
"""

from __future__ import annotations

import pytest
from notebook_harness import Notebook

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("country_profile")


def test_unknown_country_fails_with_valid_values(tmp_path):
    message = NOTEBOOK.fails_with(tmp_path, country="AUT")
    assert "Parameter 'country'" in message
    assert "Valid values: ALB, BEL, BGR" in message
